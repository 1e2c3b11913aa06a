//! Everything a renderer shows, computed once from a [`Dataset`]: the matrix, per-configuration
//! statistics, comparisons, retention views, and whether the report flags a regression.

use serde::Serialize;

use crate::compare::{self, Comparison};
use crate::error::ReportError;
use crate::matrix::Matrix;
use crate::model::Dataset;
use crate::retention::{self, BudgetAxis, Cohort, CompactionRow};
use crate::summary::{self, ConfigStats};

/// Confidence of the pass-rate and compaction intervals.
pub const CONFIDENCE: f64 = 0.95;

/// Options that change the analysis (not the rendering).
#[derive(Debug, Clone)]
pub struct Options {
    /// Significance level of comparisons (their intervals are at 1 - alpha).
    pub alpha: f64,
    /// Flag a regression when more tasks than this were solved before and are lost in the latest run.
    pub max_lost_tasks: Option<usize>,
    /// Compare against this agent (in the baseline run if one is given, else in the latest run).
    pub baseline_agent: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { alpha: 0.05, max_lost_tasks: None, baseline_agent: None }
    }
}

/// The computed report.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub matrix: Matrix,
    pub configs: Vec<ConfigStats>,
    pub comparisons: Vec<Comparison>,
    pub budget: Vec<BudgetAxis>,
    pub compaction: Vec<CompactionRow>,
    pub cohorts: Vec<Cohort>,
    pub alpha: f64,
    pub max_lost_tasks: Option<usize>,
    /// Why the report flags a regression (empty: none).
    pub regressions: Vec<Regression>,
}

/// A reason to flag a regression.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Regression {
    /// A significant drop in pass rate against the baseline.
    PassRate { current: String, baseline: String, diff: f64, p_value: f64 },
    /// More tasks lost than `--max-lost-tasks` allows.
    LostTasks { agent: String, lost: usize, max: usize },
}

impl Regression {
    pub fn describe(&self) -> String {
        match self {
            Regression::PassRate { current, baseline, diff, p_value } => format!(
                "{current} vs {baseline}: pass rate {:+.1} pp (p = {})",
                diff * 100.0,
                crate::render::fmt::p_value(*p_value)
            ),
            Regression::LostTasks { agent, lost, max } => {
                format!("{agent}: {lost} tasks solved before are lost now (more than {max})")
            }
        }
    }
}

/// Compute the analysis.
pub fn analyze(data: &Dataset, opts: &Options) -> Result<Analysis, ReportError> {
    let matrix = Matrix::build(data);
    let ((configs, comparisons), (budget, (compaction, cohorts))) = rayon::join(
        || {
            let configs = summary::summarize(data, &matrix, CONFIDENCE);
            let pairs = compare::pairs(data, opts.baseline_agent.as_deref());
            let comparisons = pairs.map(|p| {
                p.into_iter().map(|(c, b)| compare::compare(data, &matrix, c, b, opts.alpha)).collect::<Vec<_>>()
            });
            (configs, comparisons)
        },
        || {
            rayon::join(
                || retention::budget(data, &matrix),
                || (retention::compaction(data, &matrix, CONFIDENCE), retention::cohorts(data, &matrix)),
            )
        },
    );
    let comparisons = comparisons?;
    let mut regressions: Vec<Regression> = comparisons
        .iter()
        .filter(|c| c.regression)
        .map(|c| Regression::PassRate {
            current: c.current_label.clone(),
            baseline: c.baseline_label.clone(),
            diff: c.diff.unwrap_or(0.0),
            p_value: c.p_value,
        })
        .collect();
    if let (Some(max), Some(latest)) = (opts.max_lost_tasks, data.latest_run()) {
        for cohort in &cohorts {
            let is_latest = cohort.runs.last() == data.runs.get(latest).map(|r| &r.run_id);
            if is_latest && cohort.lost.len() > max {
                regressions.push(Regression::LostTasks { agent: cohort.agent.clone(), lost: cohort.lost.len(), max });
            }
        }
    }
    Ok(Analysis {
        matrix,
        configs,
        comparisons,
        budget,
        compaction,
        cohorts,
        alpha: opts.alpha,
        max_lost_tasks: opts.max_lost_tasks,
        regressions,
    })
}
