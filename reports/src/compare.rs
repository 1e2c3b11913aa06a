//! Paired comparisons of a configuration against its baseline on the tasks both ran: difference in
//! pass rate with a paired bootstrap interval, exact McNemar p-value (sign test on tasks when there
//! are several attempts), and the tasks that regressed and improved.
//!
//! Infra errors are left out of comparisons: they say nothing about either configuration, and a
//! bad night of Docker must not read as a regression. A task enters only when both sides have at
//! least one attempt that was not an infra error.

use serde::Serialize;

use crate::error::ReportError;
use crate::matrix::Matrix;
use crate::model::Dataset;
use crate::stats::{self, Interval};

/// Which test produced the p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TestKind {
    /// Exact McNemar test (one attempt per task on both sides).
    Mcnemar,
    /// Exact sign test on per-task success fractions (several attempts).
    Sign,
}

/// A task whose success fraction changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskDelta {
    pub task: String,
    pub baseline: f64,
    pub current: f64,
}

/// One configuration against its baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub current: usize,
    pub baseline: usize,
    pub current_label: String,
    pub baseline_label: String,
    pub common_tasks: usize,
    pub current_rate: Option<f64>,
    pub baseline_rate: Option<f64>,
    /// current - baseline, on the common tasks.
    pub diff: Option<f64>,
    /// Paired bootstrap interval of `diff`.
    pub ci: Option<Interval>,
    pub test: TestKind,
    /// Tasks better now (the discordant pairs in the current configuration's favour).
    pub better: u64,
    /// Tasks worse now.
    pub worse: u64,
    pub p_value: f64,
    /// `p_value < alpha`.
    pub significant: bool,
    /// Significant and `diff < 0`.
    pub regression: bool,
    /// Worst first.
    pub regressed: Vec<TaskDelta>,
    /// Best first.
    pub improved: Vec<TaskDelta>,
}

/// Choose (current, baseline) configuration pairs:
/// 1. with `--baseline` runs: each configuration of the latest current run against the same agent
///    in the latest baseline run (or that run's only configuration); with `baseline_agent`, against
///    that agent of the baseline run;
/// 2. with `baseline_agent` alone: every other configuration of the latest run against it;
/// 3. with several runs: each configuration of the latest run against the same agent in the run
///    before it;
/// 4. with one run of several configurations: each against the first in the manifest.
pub fn pairs(data: &Dataset, baseline_agent: Option<&str>) -> Result<Vec<(usize, usize)>, ReportError> {
    let Some(latest) = data.latest_run() else { return Ok(Vec::new()) };
    let configs_of = |run: usize| -> Vec<usize> {
        data.configs.iter().enumerate().filter(|(_, c)| c.run == run).map(|(i, _)| i).collect()
    };
    let current = configs_of(latest);
    let find = |run: usize, agent: &str| configs_of(run).into_iter().find(|&c| data.configs[c].agent == agent);
    let match_run = |run: usize| -> Vec<(usize, usize)> {
        let base = configs_of(run);
        current
            .iter()
            .filter_map(|&c| {
                let same = base.iter().copied().find(|&b| data.configs[b].agent == data.configs[c].agent);
                let only = (base.len() == 1).then(|| base[0]);
                same.or(only).map(|b| (c, b))
            })
            .collect()
    };
    let baseline_run = data.runs.iter().rposition(|r| r.baseline).filter(|&b| b != latest);
    if let Some(b_run) = baseline_run {
        if let Some(agent) = baseline_agent {
            let b = find(b_run, agent).ok_or_else(|| ReportError::UnknownAgent(agent.to_string()))?;
            return Ok(current.iter().map(|&c| (c, b)).collect());
        }
        return Ok(match_run(b_run));
    }
    if let Some(agent) = baseline_agent {
        let b = find(latest, agent).ok_or_else(|| ReportError::UnknownAgent(agent.to_string()))?;
        return Ok(current.iter().copied().filter(|&c| c != b).map(|c| (c, b)).collect());
    }
    if let Some(prev) = (0..latest).rev().find(|&r| !data.runs[r].baseline) {
        return Ok(match_run(prev));
    }
    match current.split_first() {
        Some((&first, rest)) => Ok(rest.iter().map(|&c| (c, first)).collect()),
        None => Ok(Vec::new()),
    }
}

/// Compare `current` against `baseline` at significance level `alpha` (interval at 1 - alpha).
pub fn compare(data: &Dataset, matrix: &Matrix, current: usize, baseline: usize, alpha: f64) -> Comparison {
    let mut cur = Vec::new();
    let mut base = Vec::new();
    let mut names = Vec::new();
    let mut single = true;
    for cell in matrix.config_cells(current) {
        let Some(other) = matrix.cell(baseline, cell.task) else { continue };
        if let (Some(c), Some(b)) = (cell.rate_excl_infra(), other.rate_excl_infra()) {
            single &= cell.n_excl_infra() == 1 && other.n_excl_infra() == 1;
            cur.push(c);
            base.push(b);
            names.push(cell.task);
        }
    }
    let mut regressed = Vec::new();
    let mut improved = Vec::new();
    for ((&c, &b), &t) in cur.iter().zip(&base).zip(&names) {
        let delta = TaskDelta { task: data.tasks[t as usize].clone(), baseline: b, current: c };
        if c < b {
            regressed.push(delta);
        } else if c > b {
            improved.push(delta);
        }
    }
    let by_change = |a: &TaskDelta, b: &TaskDelta| {
        let (da, db) = ((a.current - a.baseline).abs(), (b.current - b.baseline).abs());
        db.total_cmp(&da).then_with(|| a.task.cmp(&b.task))
    };
    regressed.sort_by(by_change);
    improved.sort_by(by_change);
    let (better, worse) = (improved.len() as u64, regressed.len() as u64);
    let p_value = stats::sign_test_p(better, worse);
    let current_rate = stats::mean(&cur);
    let baseline_rate = stats::mean(&base);
    let diff = current_rate.zip(baseline_rate).map(|(c, b)| c - b);
    let seed = stats::BOOTSTRAP_SEED ^ ((current as u64) << 32 | baseline as u64);
    let significant = p_value < alpha;
    Comparison {
        current,
        baseline,
        current_label: data.configs[current].label.clone(),
        baseline_label: data.configs[baseline].label.clone(),
        common_tasks: cur.len(),
        current_rate,
        baseline_rate,
        diff,
        ci: stats::bootstrap_paired_diff(&cur, &base, seed, 1.0 - alpha),
        test: if single { TestKind::Mcnemar } else { TestKind::Sign },
        better,
        worse,
        p_value,
        significant,
        regression: significant && diff.is_some_and(|d| d < 0.0),
        regressed,
        improved,
    }
}
