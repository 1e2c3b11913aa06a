//! The end-of-run summary: one row per agent configuration.

use std::collections::BTreeMap;
use std::io::Write;

use proctor_schema::{TrialRecord, Verdict};

/// Totals of one agent configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgentSummary {
    pub agent: String,
    pub trials: u64,
    pub passed: u64,
    pub failed: u64,
    pub errors: u64,
}

impl AgentSummary {
    /// Passed over all trials (errors count as not passed).
    pub fn pass_rate(&self) -> f64 {
        if self.trials == 0 {
            0.0
        } else {
            self.passed as f64 / self.trials as f64
        }
    }
}

/// One row per agent, in the order agents first appear.
pub fn summarize<'a>(records: impl IntoIterator<Item = &'a TrialRecord>) -> Vec<AgentSummary> {
    let mut order: Vec<String> = Vec::new();
    let mut rows: BTreeMap<String, AgentSummary> = BTreeMap::new();
    for record in records {
        let row = rows.entry(record.agent.clone()).or_insert_with(|| {
            order.push(record.agent.clone());
            AgentSummary { agent: record.agent.clone(), ..AgentSummary::default() }
        });
        row.trials += 1;
        match record.verdict {
            Verdict::Passed => row.passed += 1,
            Verdict::Failed => row.failed += 1,
            Verdict::Error => row.errors += 1,
        }
    }
    order.into_iter().filter_map(|agent| rows.remove(&agent)).collect()
}

/// Write the summary table.
pub fn write_summary(out: &mut dyn Write, rows: &[AgentSummary]) -> std::io::Result<()> {
    let width = rows.iter().map(|r| r.agent.len()).max().unwrap_or(5).max(5);
    writeln!(
        out,
        "{:<width$}  {:>6}  {:>6}  {:>6}  {:>6}  {:>9}",
        "agent", "trials", "passed", "failed", "errors", "pass rate"
    )?;
    for row in rows {
        writeln!(
            out,
            "{:<width$}  {:>6}  {:>6}  {:>6}  {:>6}  {:>8.1}%",
            row.agent,
            row.trials,
            row.passed,
            row.failed,
            row.errors,
            row.pass_rate() * 100.0
        )?;
    }
    Ok(())
}
