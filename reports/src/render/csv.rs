//! CSV renderer: `trials.csv` (one row per trial) and `configs.csv` (one row per configuration).

use proctor_schema::ErrorCategory;

use crate::error::ReportError;
use crate::summary::{KPoint, Measure};

use super::Report;

fn opt(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_default()
}

fn err(e: csv::Error) -> ReportError {
    ReportError::Render { format: "csv", message: e.to_string() }
}

/// Render both files: (trials.csv, configs.csv).
pub fn render(r: &Report) -> Result<(Vec<u8>, Vec<u8>), ReportError> {
    Ok((trials(r)?, configs(r)?))
}

fn trials(r: &Report) -> Result<Vec<u8>, ReportError> {
    use std::fmt::Write as _;
    let d = r.data;
    let mut w = csv::Writer::from_writer(Vec::with_capacity(d.trials.len() * 240));
    w.write_record([
        "run_id",
        "configuration",
        "agent",
        "task",
        "trial_id",
        "attempt",
        "verdict",
        "error_category",
        "reward",
        "stop_reason",
        "silent_failure",
        "tokens",
        "turns",
        "tool_calls",
        "compactions",
        "cost_usd",
        "wall_sec",
        "retries",
        "started_at",
        "artifacts",
    ])
    .map_err(err)?;
    // Per-directory artifact prefixes, computed once.
    let prefixes: Vec<String> = d.dirs.iter().map(|dir| format!("{}/", dir.display())).collect();
    let mut num = String::with_capacity(32);
    let mut field = |w: &mut csv::Writer<Vec<u8>>, f: &dyn Fn(&mut String)| -> Result<(), ReportError> {
        num.clear();
        f(&mut num);
        w.write_field(num.as_bytes()).map_err(err)
    };
    for t in &d.trials {
        let config = &d.configs[t.config as usize];
        let run = &d.runs[config.run];
        w.write_field(run.run_id.as_bytes()).map_err(err)?;
        w.write_field(config.label.as_bytes()).map_err(err)?;
        w.write_field(config.agent.as_bytes()).map_err(err)?;
        w.write_field(d.tasks[t.task as usize].as_bytes()).map_err(err)?;
        w.write_field(t.trial_id.as_bytes()).map_err(err)?;
        field(&mut w, &|s| {
            let _ = write!(s, "{}", t.attempt);
        })?;
        w.write_field(t.verdict.as_str()).map_err(err)?;
        w.write_field(t.error.map(ErrorCategory::as_str).unwrap_or("")).map_err(err)?;
        field(&mut w, &|s| {
            if let Some(v) = t.reward {
                let _ = write!(s, "{v}");
            }
        })?;
        w.write_field(t.stop_reason.map(|s| s.as_str()).unwrap_or("")).map_err(err)?;
        w.write_field(if t.silent_failure() { "true" } else { "false" }).map_err(err)?;
        for v in [t.tokens, t.turns, t.tool_calls, t.compactions] {
            field(&mut w, &|s| {
                let _ = write!(s, "{v}");
            })?;
        }
        field(&mut w, &|s| {
            if let Some(v) = t.cost_usd {
                let _ = write!(s, "{v}");
            }
        })?;
        field(&mut w, &|s| {
            let _ = write!(s, "{:.3}", t.wall_sec);
        })?;
        field(&mut w, &|s| {
            let _ = write!(s, "{}", t.retries);
        })?;
        field(&mut w, &|s| {
            let _ = write!(s, "{}", t.started_at.format("%Y-%m-%dT%H:%M:%SZ"));
        })?;
        field(&mut w, &|s| {
            s.push_str(prefixes.get(t.dir as usize).map(String::as_str).unwrap_or(""));
            s.push_str(&t.artifacts);
        })?;
        w.write_record(None::<&[u8]>).map_err(err)?;
    }
    w.into_inner().map_err(|e| ReportError::Render { format: "csv", message: e.to_string() })
}

fn configs(r: &Report) -> Result<Vec<u8>, ReportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> =
        ["configuration", "agent", "agent_digest", "run_id", "tasks", "trials", "passed", "failed", "errors"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    head.extend(ErrorCategory::ALL.iter().map(|c| format!("errors_{}", c.as_str())));
    head.extend(
        [
            "retried_trials",
            "pass_rate",
            "pass_rate_lo",
            "pass_rate_hi",
            "interval",
            "pass_rate_excl_infra",
            "pass_rate_excl_infra_lo",
            "pass_rate_excl_infra_hi",
            "max_attempts",
            "pass_at_max_k",
            "pass_hat_max_k",
            "completions",
            "silent_failures",
            "silent_failure_share",
            "flaky_tasks",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for m in ["tokens", "cost_usd", "turns", "wall_sec"] {
        for s in ["per_trial_mean", "per_trial_median", "per_success", "passed_median"] {
            head.push(format!("{m}_{s}"));
        }
    }
    w.write_record(&head).map_err(err)?;
    for c in &r.analysis.configs {
        let mut row: Vec<String> = vec![
            c.label.clone(),
            c.agent.clone(),
            c.agent_digest.clone(),
            c.run_id.clone(),
            c.tasks.to_string(),
            c.trials.to_string(),
            c.passed.to_string(),
            c.failed.to_string(),
            c.errors.to_string(),
        ];
        for cat in ErrorCategory::ALL {
            row.push(c.errors_by_category.iter().find(|e| e.category == cat).map_or(0, |e| e.count).to_string());
        }
        let last = |v: &[KPoint]| opt(v.last().map(|p| p.value));
        row.extend([
            c.retried_trials.to_string(),
            opt(c.pass_rate.value),
            opt(c.pass_rate.ci.map(|i| i.lo)),
            opt(c.pass_rate.ci.map(|i| i.hi)),
            serde_json::to_value(c.pass_rate.method)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            opt(c.pass_rate_excl_infra.value),
            opt(c.pass_rate_excl_infra.ci.map(|i| i.lo)),
            opt(c.pass_rate_excl_infra.ci.map(|i| i.hi)),
            c.max_attempts.to_string(),
            last(&c.pass_at_k),
            last(&c.pass_hat_k),
            c.completions.to_string(),
            c.silent_failures.to_string(),
            opt(c.silent_failure_share),
            c.flaky_tasks.len().to_string(),
        ]);
        for m in [&c.usage.tokens, &c.usage.cost_usd, &c.usage.turns, &c.usage.wall_sec] {
            let m: &Measure = m;
            row.extend([opt(m.per_trial_mean), opt(m.per_trial_median), opt(m.per_success), opt(m.passed_median)]);
        }
        w.write_record(&row).map_err(err)?;
    }
    w.into_inner().map_err(|e| ReportError::Render { format: "csv", message: e.to_string() })
}
