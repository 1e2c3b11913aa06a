//! Retention-style views: success within a budget (turns, tokens, dollars, minutes), pass rate by
//! compactions survived, and night-over-night cohort retention of solved tasks.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::matrix::Matrix;
use crate::model::{Dataset, Trial};
use crate::stats::{self, Interval};

/// A resource a trial spends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    Turns,
    Tokens,
    Dollars,
    Minutes,
}

impl Axis {
    pub const ALL: [Axis; 4] = [Axis::Turns, Axis::Tokens, Axis::Dollars, Axis::Minutes];

    pub fn as_str(self) -> &'static str {
        match self {
            Axis::Turns => "turns",
            Axis::Tokens => "tokens",
            Axis::Dollars => "dollars",
            Axis::Minutes => "minutes",
        }
    }

    /// The trial's spend on this axis (`None`: unknown, e.g. cost without prices).
    pub fn value(self, t: &Trial) -> Option<f64> {
        match self {
            Axis::Turns => Some(t.turns as f64),
            Axis::Tokens => Some(t.tokens as f64),
            Axis::Dollars => t.cost_usd,
            Axis::Minutes => Some(t.wall_sec / 60.0),
        }
    }
}

/// Points of the curves kept for charts and JSON.
const CURVE_POINTS: usize = 120;
/// Pooled quantiles at which tables show the curves.
pub const GRID_QUANTILES: [f64; 5] = [0.25, 0.5, 0.75, 0.9, 1.0];

/// Success within budget of one configuration on one axis: the fraction of its trials (with a
/// known spend) that passed having spent at most x.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetCurve {
    pub config: usize,
    /// Trials with a known spend (the denominator).
    pub trials: usize,
    /// (x, fraction passed within x), x ascending, a step function thinned to at most ~120 steps.
    pub points: Vec<(f64, f64)>,
    /// Success at each budget of the axis grid (`None` when no trial has a known spend).
    pub at_grid: Vec<Option<f64>>,
    /// Smallest budget at which half the trials have passed; `None` if the curve never reaches 50%.
    pub x50: Option<f64>,
}

/// The curves of every configuration on one axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetAxis {
    pub axis: Axis,
    /// Budgets at the pooled quantiles [`GRID_QUANTILES`] of every trial's spend.
    pub grid: Vec<f64>,
    pub curves: Vec<BudgetCurve>,
}

/// Pass rate of trials that compacted a given number of times.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompactionBucket {
    /// "0", "1", "2" or "3+".
    pub compactions: &'static str,
    pub trials: u64,
    pub passed: u64,
    pub rate: Option<f64>,
    /// Wilson interval over trials.
    pub ci: Option<Interval>,
}

/// Compaction retention of one configuration (infra errors left out).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompactionRow {
    pub config: usize,
    pub buckets: Vec<CompactionBucket>,
}

/// One row of a cohort triangle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortRow {
    pub run_id: String,
    /// Tasks first solved in this run.
    pub size: usize,
    /// `retained[d]`: (still solved, attempted) at run i+d; `None` when no cohort task was attempted.
    pub retained: Vec<Option<(usize, usize)>>,
}

/// A task solved in an earlier run and not in the latest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LostTask {
    pub task: String,
    /// The last run before the latest in which it was solved.
    pub last_solved_run: String,
    /// Success fraction in the latest run.
    pub latest_rate: f64,
}

/// Night-over-night retention of one agent across the runs that ran it, in start order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    pub agent: String,
    pub runs: Vec<String>,
    pub rows: Vec<CohortRow>,
    pub lost: Vec<LostTask>,
}

fn thin(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    if points.len() <= CURVE_POINTS {
        return points;
    }
    let step = points.len() as f64 / CURVE_POINTS as f64;
    let mut out: Vec<(f64, f64)> = (0..CURVE_POINTS).map(|i| points[(i as f64 * step) as usize]).collect();
    if let Some(&last) = points.last() {
        out.push(last);
    }
    out
}

/// Success-within-budget curves for every axis that has data.
pub fn budget(data: &Dataset, matrix: &Matrix) -> Vec<BudgetAxis> {
    Axis::ALL
        .iter()
        .filter_map(|&axis| {
            let mut pooled: Vec<f64> = data.trials.iter().filter_map(|t| axis.value(t)).collect();
            if pooled.is_empty() {
                return None;
            }
            pooled.sort_by(f64::total_cmp);
            let grid: Vec<f64> = GRID_QUANTILES.iter().filter_map(|&q| stats::quantile_sorted(&pooled, q)).collect();
            let curves = (0..data.configs.len())
                .map(|c| {
                    let cells = matrix.config_cells(c);
                    let range = match (cells.first(), cells.last()) {
                        (Some(a), Some(b)) => a.start as usize..b.end as usize,
                        _ => 0..0,
                    };
                    let mut known = 0usize;
                    let mut passed: Vec<f64> = Vec::new();
                    for t in &data.trials[range] {
                        if let Some(v) = axis.value(t) {
                            known += 1;
                            if t.passed() {
                                passed.push(v);
                            }
                        }
                    }
                    passed.sort_by(f64::total_cmp);
                    let n = known.max(1) as f64;
                    let at_grid = grid
                        .iter()
                        .map(|&x| (known > 0).then(|| passed.partition_point(|&v| v <= x) as f64 / n))
                        .collect();
                    let half = known.div_ceil(2);
                    let x50 = (known > 0 && passed.len() >= half && half > 0).then(|| passed[half - 1]);
                    let mut points = vec![(0.0, 0.0)];
                    for (i, &v) in passed.iter().enumerate() {
                        let frac = (i + 1) as f64 / n;
                        match points.last_mut() {
                            Some(last) if last.0 == v => last.1 = frac,
                            _ => points.push((v, frac)),
                        }
                    }
                    BudgetCurve { config: c, trials: known, points: thin(points), at_grid, x50 }
                })
                .collect();
            Some(BudgetAxis { axis, grid, curves })
        })
        .collect()
}

/// Pass rate by compactions survived (0, 1, 2, 3+) for each configuration; infra errors left out.
pub fn compaction(data: &Dataset, matrix: &Matrix, confidence: f64) -> Vec<CompactionRow> {
    let z = stats::z_for(confidence);
    (0..data.configs.len())
        .map(|c| {
            let mut counts = [(0u64, 0u64); 4];
            for cell in matrix.config_cells(c) {
                for t in &data.trials[cell.trials()] {
                    if t.is_infra() {
                        continue;
                    }
                    let b = (t.compactions.min(3)) as usize;
                    counts[b].0 += 1;
                    counts[b].1 += t.passed() as u64;
                }
            }
            let buckets = ["0", "1", "2", "3+"]
                .iter()
                .zip(counts)
                .map(|(&label, (trials, passed))| CompactionBucket {
                    compactions: label,
                    trials,
                    passed,
                    rate: (trials > 0).then(|| passed as f64 / trials as f64),
                    ci: stats::wilson(passed, trials, z),
                })
                .collect();
            CompactionRow { config: c, buckets }
        })
        .collect()
}

/// A task counts as solved in a run when at least half of its non-infra attempts passed.
fn solved(rate: Option<f64>) -> Option<bool> {
    rate.map(|r| r >= 0.5)
}

/// Cohort triangles for every agent that appears in at least two runs.
pub fn cohorts(data: &Dataset, matrix: &Matrix) -> Vec<Cohort> {
    let mut agents: Vec<&str> = Vec::new();
    for c in &data.configs {
        if !agents.contains(&c.agent.as_str()) {
            agents.push(&c.agent);
        }
    }
    agents
        .into_iter()
        .filter_map(|agent| {
            // Configurations of this agent, one per run, in run order.
            let configs: Vec<usize> = (0..data.configs.len()).filter(|&c| data.configs[c].agent == agent).collect();
            if configs.len() < 2 {
                return None;
            }
            let status = |c: usize, task: u32| solved(matrix.cell(c, task).and_then(|cell| cell.rate_excl_infra()));
            let mut seen: BTreeSet<u32> = BTreeSet::new();
            let mut rows = Vec::new();
            for (i, &c) in configs.iter().enumerate() {
                let cohort: Vec<u32> = matrix
                    .config_cells(c)
                    .iter()
                    .filter(|cell| solved(cell.rate_excl_infra()) == Some(true) && !seen.contains(&cell.task))
                    .map(|cell| cell.task)
                    .collect();
                seen.extend(cohort.iter().copied());
                let retained = configs[i..]
                    .iter()
                    .map(|&later| {
                        let mut kept = 0;
                        let mut tried = 0;
                        for &t in &cohort {
                            if let Some(s) = status(later, t) {
                                tried += 1;
                                kept += s as usize;
                            }
                        }
                        (tried > 0).then_some((kept, tried))
                    })
                    .collect();
                rows.push(CohortRow {
                    run_id: data.runs[data.configs[c].run].run_id.clone(),
                    size: cohort.len(),
                    retained,
                });
            }
            let (&latest, earlier) = configs.split_last()?;
            let lost = matrix
                .config_cells(latest)
                .iter()
                .filter(|cell| solved(cell.rate_excl_infra()) == Some(false))
                .filter_map(|cell| {
                    let last = earlier.iter().rev().find(|&&e| status(e, cell.task) == Some(true))?;
                    Some(LostTask {
                        task: data.tasks[cell.task as usize].clone(),
                        last_solved_run: data.runs[data.configs[*last].run].run_id.clone(),
                        latest_rate: cell.rate_excl_infra().unwrap_or(0.0),
                    })
                })
                .collect();
            Some(Cohort {
                agent: agent.to_string(),
                runs: configs.iter().map(|&c| data.runs[data.configs[c].run].run_id.clone()).collect(),
                rows,
                lost,
            })
        })
        .collect()
}
