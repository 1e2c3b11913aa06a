//! Per-configuration statistics: outcome counts, pass rate with its interval (with and without
//! infra errors), pass@k and pass^k, usage per trial and per success, flaky tasks, silent failures.

use proctor_schema::{ErrorCategory, StopReason, Verdict};
use rayon::prelude::*;
use serde::Serialize;

use crate::matrix::{Cell, Matrix};
use crate::model::{Dataset, Trial};
use crate::stats::{self, Interval};

/// How an interval was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiMethod {
    /// Wilson score interval (one attempt per task).
    Wilson,
    /// Percentile bootstrap over tasks (several attempts on some task).
    Bootstrap,
    /// No data.
    None,
}

/// A pass rate: the mean over tasks of each task's success fraction.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rate {
    pub value: Option<f64>,
    pub ci: Option<Interval>,
    pub method: CiMethod,
    /// Tasks averaged over.
    pub tasks: usize,
    /// Trials counted.
    pub trials: usize,
}

impl Rate {
    /// Pass rate of per-task (passes, attempts) pairs, interval from Wilson when every task has
    /// one attempt and from a bootstrap over tasks otherwise.
    pub fn from_counts(counts: &[(u32, u32)], seed: u64, confidence: f64) -> Rate {
        let counts: Vec<(u32, u32)> = counts.iter().copied().filter(|&(_, n)| n > 0).collect();
        let fractions: Vec<f64> = counts.iter().map(|&(p, n)| p as f64 / n as f64).collect();
        let trials = counts.iter().map(|&(_, n)| n as usize).sum();
        let Some(value) = stats::mean(&fractions) else {
            return Rate { value: None, ci: None, method: CiMethod::None, tasks: 0, trials };
        };
        let (ci, method) = if counts.iter().all(|&(_, n)| n == 1) {
            let passes = counts.iter().map(|&(p, _)| p as u64).sum();
            (stats::wilson(passes, counts.len() as u64, stats::z_for(confidence)), CiMethod::Wilson)
        } else {
            (stats::bootstrap_mean(&fractions, seed, confidence), CiMethod::Bootstrap)
        };
        Rate { value: Some(value), ci, method, tasks: counts.len(), trials }
    }
}

/// pass@k or pass^k at one k.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KPoint {
    pub k: u32,
    pub value: f64,
    /// Tasks with at least k attempts (the ones averaged over).
    pub tasks: usize,
}

/// A usage figure (tokens, dollars, turns, seconds) summarised per trial and per success.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measure {
    /// Trials with a value (every trial, except for cost, which is known only with prices).
    pub trials: usize,
    pub total: f64,
    pub per_trial_mean: Option<f64>,
    pub per_trial_median: Option<f64>,
    /// Total over all trials divided by the passes among them: the spend per solved trial.
    pub per_success: Option<f64>,
    /// Median over the trials that passed.
    pub passed_median: Option<f64>,
}

impl Measure {
    fn of<'a>(trials: impl Iterator<Item = &'a Trial>, value: impl Fn(&Trial) -> Option<f64>) -> Measure {
        let mut all = Vec::new();
        let mut passed = Vec::new();
        for t in trials {
            if let Some(v) = value(t) {
                all.push(v);
                if t.passed() {
                    passed.push(v);
                }
            }
        }
        let total: f64 = all.iter().sum();
        Measure {
            trials: all.len(),
            total,
            per_trial_mean: stats::mean(&all),
            per_trial_median: stats::median(&mut all),
            per_success: (!passed.is_empty()).then(|| total / passed.len() as f64),
            passed_median: stats::median(&mut passed),
        }
    }
}

/// Usage of one configuration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct UsageStats {
    /// Input plus output tokens.
    pub tokens: Measure,
    pub cost_usd: Measure,
    pub turns: Measure,
    pub tool_calls: Measure,
    pub wall_sec: Measure,
}

/// Trials that ended in an error, by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ErrorCount {
    pub category: ErrorCategory,
    pub count: u64,
}

/// Everything reported for one configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigStats {
    /// Index into the configuration list.
    pub config: usize,
    pub label: String,
    pub agent: String,
    pub agent_digest: String,
    pub run_id: String,
    pub tasks: usize,
    pub trials: u64,
    pub passed: u64,
    pub failed: u64,
    pub errors: u64,
    /// Non-zero categories only, in the schema's order.
    pub errors_by_category: Vec<ErrorCount>,
    /// Trials that needed retries after infra errors.
    pub retried_trials: u64,
    /// Largest number of attempts of one task.
    pub max_attempts: u32,
    /// Infra errors counted as failures (the headline).
    pub pass_rate: Rate,
    /// Infra errors left out (tasks with only infra errors drop out).
    pub pass_rate_excl_infra: Rate,
    pub pass_at_k: Vec<KPoint>,
    pub pass_hat_k: Vec<KPoint>,
    pub usage: UsageStats,
    /// Tasks with mixed outcomes (infra errors aside), by name.
    pub flaky_tasks: Vec<String>,
    /// Judged trials whose agent declared the work done.
    pub completions: u64,
    /// Completions whose hidden tests failed.
    pub silent_failures: u64,
    /// `silent_failures / completions`.
    pub silent_failure_share: Option<f64>,
}

fn k_curve(cells: &[Cell], max_k: u32, f: fn(u64, u64, u64) -> Option<f64>) -> Vec<KPoint> {
    (1..=max_k)
        .filter_map(|k| {
            let vals: Vec<f64> = cells.iter().filter_map(|c| f(c.n() as u64, c.passed as u64, k as u64)).collect();
            stats::mean(&vals).map(|value| KPoint { k, value, tasks: vals.len() })
        })
        .collect()
}

/// Statistics of every configuration (computed in parallel).
pub fn summarize(data: &Dataset, matrix: &Matrix, confidence: f64) -> Vec<ConfigStats> {
    (0..data.configs.len()).into_par_iter().map(|c| summarize_one(data, matrix, c, confidence)).collect()
}

fn summarize_one(data: &Dataset, matrix: &Matrix, c: usize, confidence: f64) -> ConfigStats {
    let config = &data.configs[c];
    let cells = matrix.config_cells(c);
    let trials: &[Trial] = match (cells.first(), cells.last()) {
        (Some(a), Some(b)) => &data.trials[a.start as usize..b.end as usize],
        _ => &[],
    };
    let count = |v: Verdict| trials.iter().filter(|t| t.verdict == v).count() as u64;
    let errors_by_category = ErrorCategory::ALL
        .iter()
        .map(|&category| ErrorCount {
            category,
            count: trials.iter().filter(|t| t.error == Some(category)).count() as u64,
        })
        .filter(|e| e.count > 0)
        .collect();
    let seed = stats::BOOTSTRAP_SEED.wrapping_add(c as u64);
    let all: Vec<(u32, u32)> = cells.iter().map(|c| (c.passed, c.n())).collect();
    let excl: Vec<(u32, u32)> = cells.iter().map(|c| (c.passed, c.n_excl_infra())).collect();
    let max_attempts = cells.iter().map(Cell::n).max().unwrap_or(0);
    let completions =
        trials.iter().filter(|t| t.stop_reason == Some(StopReason::Completed) && t.verdict != Verdict::Error).count()
            as u64;
    let silent_failures = trials.iter().filter(|t| t.silent_failure()).count() as u64;
    let pass_rate = Rate::from_counts(&all, seed, confidence);
    ConfigStats {
        config: c,
        label: config.label.clone(),
        agent: config.agent.clone(),
        agent_digest: config.agent_digest.clone(),
        run_id: data.runs.get(config.run).map(|r| r.run_id.clone()).unwrap_or_default(),
        tasks: cells.len(),
        trials: trials.len() as u64,
        passed: count(Verdict::Passed),
        failed: count(Verdict::Failed),
        errors: count(Verdict::Error),
        errors_by_category,
        retried_trials: trials.iter().filter(|t| t.retries > 0).count() as u64,
        max_attempts,
        pass_rate,
        pass_rate_excl_infra: if all == excl { pass_rate } else { Rate::from_counts(&excl, seed, confidence) },
        pass_at_k: k_curve(cells, max_attempts, stats::pass_at_k),
        pass_hat_k: k_curve(cells, max_attempts, stats::pass_hat_k),
        usage: UsageStats {
            tokens: Measure::of(trials.iter(), |t| Some(t.tokens as f64)),
            cost_usd: Measure::of(trials.iter(), |t| t.cost_usd),
            turns: Measure::of(trials.iter(), |t| Some(t.turns as f64)),
            tool_calls: Measure::of(trials.iter(), |t| Some(t.tool_calls as f64)),
            wall_sec: Measure::of(trials.iter(), |t| Some(t.wall_sec)),
        },
        flaky_tasks: cells.iter().filter(|c| c.flaky()).map(|c| data.tasks[c.task as usize].clone()).collect(),
        completions,
        silent_failures,
        silent_failure_share: (completions > 0).then(|| silent_failures as f64 / completions as f64),
    }
}
