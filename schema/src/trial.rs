//! One line of `trials.jsonl`: the record of a finished trial.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::usage::{StopReason, Usage};

/// The outcome of a trial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The hidden tests gave a reward of 1 (or more).
    Passed,
    /// The hidden tests ran and gave a reward below 1 (a missing reward file counts as 0).
    Failed,
    /// The trial could not be judged; see [`TrialRecord::error`] for the category.
    Error,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Failed => "failed",
            Verdict::Error => "error",
        }
    }
}

/// Who is to blame for a trial that could not be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCategory {
    /// Docker failed, the container died, the daemon was unreachable. Retried.
    Infra,
    /// The task is invalid or its image failed to build.
    Task,
    /// The verifier timed out or crashed.
    Verifier,
    /// The agent itself crashed (not: the agent ran out of time or failed the task).
    Agent,
    /// A bug in proctor.
    Harness,
}

impl ErrorCategory {
    pub const ALL: [ErrorCategory; 5] = [
        ErrorCategory::Infra,
        ErrorCategory::Task,
        ErrorCategory::Verifier,
        ErrorCategory::Agent,
        ErrorCategory::Harness,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCategory::Infra => "infra",
            ErrorCategory::Task => "task",
            ErrorCategory::Verifier => "verifier",
            ErrorCategory::Agent => "agent",
            ErrorCategory::Harness => "harness",
        }
    }
}

/// Why a trial (or one attempt of it) ended in an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrialError {
    pub category: ErrorCategory,
    /// The error and its causes, outermost first, joined by ": ".
    pub message: String,
}

/// Wall-clock seconds spent in each phase of a trial. A phase that did not run is `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhaseTimings {
    /// Building (or finding) the task image; shared builds are charged to every trial that waited.
    pub image_sec: Option<f64>,
    /// Creating and starting the container.
    pub start_sec: Option<f64>,
    pub agent_sec: Option<f64>,
    pub verify_sec: Option<f64>,
    /// Collecting artifacts and removing the container.
    pub teardown_sec: Option<f64>,
}

impl PhaseTimings {
    pub fn total_sec(&self) -> f64 {
        [self.image_sec, self.start_sec, self.agent_sec, self.verify_sec, self.teardown_sec].into_iter().flatten().sum()
    }
}

/// Outcome of one test reported by the verifier (CTRF or JUnit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestOutcome {
    Passed,
    Failed,
    Skipped,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    pub name: String,
    pub outcome: TestOutcome,
    /// Failure message or excerpt, when the verifier gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// An earlier attempt at the same trial that ended in a retried (infra) error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptRecord {
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub error: TrialError,
    #[serde(default)]
    pub timings: PhaseTimings,
}

/// One finished trial: a task run by one agent configuration, one attempt index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrialRecord {
    pub schema_version: u32,
    pub run_id: String,
    pub trial_id: String,
    pub task_id: String,
    pub task_digest: String,
    /// The agent configuration's name (file stem or built-in name).
    pub agent: String,
    /// Digest of the resolved agent configuration.
    pub agent_digest: String,
    /// Attempt index within `-k` (0-based).
    pub attempt: u32,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub verdict: Verdict,
    /// Reward read from `reward.txt` (or the `reward` key of `reward.json`); `None` when the
    /// verifier did not run to completion.
    pub reward: Option<f64>,
    /// Every key of `reward.json`, when the verifier wrote one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rewards: BTreeMap<String, f64>,
    /// Set exactly when `verdict` is `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<TrialError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_reason: Option<StopReason>,
    #[serde(default)]
    pub usage: Usage,
    #[serde(default)]
    pub timings: PhaseTimings,
    /// Per-test results, when the verifier left `ctrf.json` or `junit.xml`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<TestResult>,
    /// Earlier attempts of this trial that ended in retried errors, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retries: Vec<AttemptRecord>,
    /// Docker host the final attempt ran on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_host: Option<String>,
    /// Path of the trial's artifact directory, relative to the run directory.
    pub artifacts: String,
}

impl TrialRecord {
    pub fn passed(&self) -> bool {
        self.verdict == Verdict::Passed
    }

    pub fn error_category(&self) -> Option<ErrorCategory> {
        self.error.as_ref().map(|e| e.category)
    }
}
