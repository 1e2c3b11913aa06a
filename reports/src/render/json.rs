//! JSON renderer: one versioned document (`"schema": "proctor-report", "version": 1`), documented
//! field by field in `reports/SCHEMA.md`. Fields are only ever added within a version.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::{Regression, CONFIDENCE};
use crate::compare::Comparison;
use crate::error::ReportError;
use crate::retention::{BudgetAxis, Cohort, CompactionRow};
use crate::stats::Interval;
use crate::summary::{CiMethod, KPoint, UsageStats};

use super::Report;

/// Version of the JSON report document.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    schema: &'static str,
    version: u32,
    generator: String,
    alpha: f64,
    confidence: f64,
    regression: bool,
    regressions: &'a [Regression],
    runs: Vec<Run<'a>>,
    agents: Vec<Agent<'a>>,
    comparisons: &'a [Comparison],
    retention: Retention<'a>,
    tasks: Vec<Task<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct Run<'a> {
    run_id: &'a str,
    created_at: String,
    finished_at: Option<String>,
    proctor_version: &'a str,
    proctor_git_commit: Option<&'a str>,
    attempts: u32,
    shards: Vec<String>,
    dirs: Vec<String>,
    planned_tasks: usize,
    trials: usize,
    baseline: bool,
}

#[derive(Serialize)]
struct Agent<'a> {
    agent: &'a str,
    configuration: &'a str,
    agent_digest: &'a str,
    run_id: &'a str,
    tasks: usize,
    trials: u64,
    passed: u64,
    failed: u64,
    errors: u64,
    errors_by_category: BTreeMap<&'static str, u64>,
    retried_trials: u64,
    pass_rate: Option<f64>,
    pass_rate_ci: Option<Interval>,
    pass_rate_interval: CiMethod,
    pass_rate_excl_infra: Option<f64>,
    pass_rate_excl_infra_ci: Option<Interval>,
    max_attempts: u32,
    pass_at_k: &'a [KPoint],
    pass_hat_k: &'a [KPoint],
    usage: &'a UsageStats,
    flaky_tasks: &'a [String],
    completions: u64,
    silent_failures: u64,
    silent_failure_share: Option<f64>,
}

#[derive(Serialize)]
struct Retention<'a> {
    budget: &'a [BudgetAxis],
    compaction: &'a [CompactionRow],
    cohorts: &'a [Cohort],
}

#[derive(Serialize)]
struct Task<'a> {
    task: &'a str,
    results: Vec<TaskResult>,
}

#[derive(Serialize)]
struct TaskResult {
    configuration: u32,
    attempts: u32,
    passed: u32,
    failed: u32,
    errors: u32,
    infra_errors: u32,
}

/// Render the JSON document (pretty-printed).
pub fn render(r: &Report) -> Result<String, ReportError> {
    let d = r.data;
    let a = r.analysis;
    let runs = d
        .runs
        .iter()
        .map(|run| Run {
            run_id: &run.run_id,
            created_at: run.created_at.to_rfc3339(),
            finished_at: run.finished_at.map(|f| f.to_rfc3339()),
            proctor_version: &run.proctor_version,
            proctor_git_commit: run.git_commit.as_deref(),
            attempts: run.attempts,
            shards: run.shards.iter().map(|s| format!("{}/{}", s.index, s.count)).collect(),
            dirs: run.dirs.iter().map(|p| p.display().to_string()).collect(),
            planned_tasks: run.planned_tasks,
            trials: run.trials,
            baseline: run.baseline,
        })
        .collect();
    let agents = a
        .configs
        .iter()
        .map(|c| Agent {
            agent: &c.agent,
            configuration: &c.label,
            agent_digest: &c.agent_digest,
            run_id: &c.run_id,
            tasks: c.tasks,
            trials: c.trials,
            passed: c.passed,
            failed: c.failed,
            errors: c.errors,
            errors_by_category: c.errors_by_category.iter().map(|e| (e.category.as_str(), e.count)).collect(),
            retried_trials: c.retried_trials,
            pass_rate: c.pass_rate.value,
            pass_rate_ci: c.pass_rate.ci,
            pass_rate_interval: c.pass_rate.method,
            pass_rate_excl_infra: c.pass_rate_excl_infra.value,
            pass_rate_excl_infra_ci: c.pass_rate_excl_infra.ci,
            max_attempts: c.max_attempts,
            pass_at_k: &c.pass_at_k,
            pass_hat_k: &c.pass_hat_k,
            usage: &c.usage,
            flaky_tasks: &c.flaky_tasks,
            completions: c.completions,
            silent_failures: c.silent_failures,
            silent_failure_share: c.silent_failure_share,
        })
        .collect();
    let mut tasks: Vec<Task> = d.tasks.iter().map(|t| Task { task: t, results: Vec::new() }).collect();
    for cell in &a.matrix.cells {
        if let Some(t) = tasks.get_mut(cell.task as usize) {
            t.results.push(TaskResult {
                configuration: cell.config,
                attempts: cell.n(),
                passed: cell.passed,
                failed: cell.failed,
                errors: cell.errors,
                infra_errors: cell.infra,
            });
        }
    }
    let doc = Doc {
        schema: "proctor-report",
        version: JSON_VERSION,
        generator: format!("proctor-reports {}", env!("CARGO_PKG_VERSION")),
        alpha: a.alpha,
        confidence: CONFIDENCE,
        regression: !a.regressions.is_empty(),
        regressions: &a.regressions,
        runs,
        agents,
        comparisons: &a.comparisons,
        retention: Retention { budget: &a.budget, compaction: &a.compaction, cohorts: &a.cohorts },
        tasks,
        warnings: &d.warnings,
    };
    let mut text = serde_json::to_string_pretty(&doc)
        .map_err(|e| ReportError::Render { format: "json", message: e.to_string() })?;
    text.push('\n');
    Ok(text)
}
