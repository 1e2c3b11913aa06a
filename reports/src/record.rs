//! The part of a `trials.jsonl` line that reports read, parsed without copying: strings borrow
//! from the read buffer where they can, and the fields reports never use are skipped. It mirrors
//! [`proctor_schema::TrialRecord`] field for field (same names, same meaning); a test checks that
//! both parse every fixture record to the same values.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use proctor_schema::{ErrorCategory, PhaseTimings, StopReason, TestOutcome, Usage, Verdict};
use serde::de::IgnoredAny;
use serde::Deserialize;

/// `TrialRecord::error`.
#[derive(Debug, Deserialize)]
pub struct LeanError<'a> {
    pub category: ErrorCategory,
    #[serde(borrow)]
    pub message: Cow<'a, str>,
}

/// One of `TrialRecord::tests`.
#[derive(Debug, Deserialize)]
pub struct LeanTest<'a> {
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    pub outcome: TestOutcome,
    #[serde(default, borrow)]
    pub message: Option<Cow<'a, str>>,
}

/// The fields of a [`proctor_schema::TrialRecord`] that reports use.
#[derive(Debug, Deserialize)]
pub struct LeanRecord<'a> {
    #[serde(borrow)]
    pub run_id: Cow<'a, str>,
    #[serde(borrow)]
    pub trial_id: Cow<'a, str>,
    #[serde(borrow)]
    pub task_id: Cow<'a, str>,
    #[serde(borrow)]
    pub agent: Cow<'a, str>,
    #[serde(borrow)]
    pub agent_digest: Cow<'a, str>,
    pub attempt: u32,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub verdict: Verdict,
    pub reward: Option<f64>,
    #[serde(default, borrow)]
    pub error: Option<LeanError<'a>>,
    #[serde(default)]
    pub stop_reason: Option<StopReason>,
    #[serde(default)]
    pub usage: Usage,
    #[serde(default)]
    pub timings: PhaseTimings,
    #[serde(default, borrow)]
    pub tests: Vec<LeanTest<'a>>,
    /// Only their number is used.
    #[serde(default)]
    pub retries: Vec<IgnoredAny>,
    #[serde(borrow)]
    pub artifacts: Cow<'a, str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proctor_schema::TrialRecord;

    #[test]
    fn lean_and_full_records_agree_on_every_fixture_line() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut checked = 0;
        for run in ["night-1-shard1", "night-1-shard2", "night-2", "night-3"] {
            let text = std::fs::read_to_string(root.join(run).join("trials.jsonl")).expect("fixture");
            for line in text.lines() {
                let (Ok(full), Ok(lean)) =
                    (serde_json::from_str::<TrialRecord>(line), serde_json::from_str::<LeanRecord>(line))
                else {
                    // The torn last line: neither parses.
                    assert!(serde_json::from_str::<TrialRecord>(line).is_err());
                    assert!(serde_json::from_str::<LeanRecord>(line).is_err());
                    continue;
                };
                assert_eq!(full.run_id, lean.run_id);
                assert_eq!(full.trial_id, lean.trial_id);
                assert_eq!(full.task_id, lean.task_id);
                assert_eq!(full.agent, lean.agent);
                assert_eq!(full.agent_digest, lean.agent_digest);
                assert_eq!(full.attempt, lean.attempt);
                assert_eq!(full.started_at, lean.started_at);
                assert_eq!(full.finished_at, lean.finished_at);
                assert_eq!(full.verdict, lean.verdict);
                assert_eq!(full.reward, lean.reward);
                assert_eq!(
                    full.error.as_ref().map(|e| (e.category, e.message.as_str())),
                    lean.error.as_ref().map(|e| (e.category, &*e.message))
                );
                assert_eq!(full.stop_reason, lean.stop_reason);
                assert_eq!(full.usage, lean.usage);
                assert_eq!(full.timings, lean.timings);
                assert_eq!(full.tests.len(), lean.tests.len());
                for (f, l) in full.tests.iter().zip(&lean.tests) {
                    assert_eq!(
                        (f.name.as_str(), f.outcome, f.message.as_deref()),
                        (&*l.name, l.outcome, l.message.as_deref())
                    );
                }
                assert_eq!(full.retries.len(), lean.retries.len());
                assert_eq!(full.artifacts, lean.artifacts);
                checked += 1;
            }
        }
        assert_eq!(checked, 101);
    }
}
