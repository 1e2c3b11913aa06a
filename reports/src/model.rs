//! The in-memory form of the loaded runs: compact trial rows with interned task and configuration
//! indices, the run list ordered by start time, and the configurations (agent x run).

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use proctor_schema::{ErrorCategory, ShardSpec, StopReason, Verdict};

/// One run (all shard directories of one `run_id` merged).
#[derive(Debug, Clone)]
pub struct RunInfo {
    pub run_id: String,
    /// Earliest `created_at` over its shards: the run's place in the night-over-night order.
    pub created_at: DateTime<Utc>,
    /// Latest `finished_at` over its shards; `None` if any shard did not finish.
    pub finished_at: Option<DateTime<Utc>>,
    pub proctor_version: String,
    pub git_commit: Option<String>,
    /// Attempts per task and agent (`-k`), the largest over its shards.
    pub attempts: u32,
    /// The directories it was read from, as given.
    pub dirs: Vec<PathBuf>,
    pub shards: Vec<ShardSpec>,
    /// Tasks named in the manifests (union over shards).
    pub planned_tasks: usize,
    /// Trials read (after removing duplicates).
    pub trials: usize,
    /// Given through `--baseline`.
    pub baseline: bool,
}

/// An agent configuration within one run: the unit every statistic is computed for.
#[derive(Debug, Clone)]
pub struct Config {
    /// Index into [`Dataset::runs`].
    pub run: usize,
    pub agent: String,
    pub agent_digest: String,
    /// What reports call it: the agent name, or `agent@run_id` when several runs are shown.
    pub label: String,
}

/// Why a trial did not pass, kept only for trials that did not pass (for JUnit and HTML).
#[derive(Debug, Clone, Default)]
pub struct FailureDetail {
    /// The error message (error verdicts), cut to a few hundred characters.
    pub error_message: Option<String>,
    /// Failing tests reported by the verifier: name and message (cut).
    pub failed_tests: Vec<(String, Option<String>)>,
}

/// One trial, reduced to what reports use.
#[derive(Debug, Clone)]
pub struct Trial {
    /// Index into [`Dataset::configs`].
    pub config: u32,
    /// Index into [`Dataset::tasks`].
    pub task: u32,
    /// Index into [`Dataset::dirs`]: the run directory it was read from.
    pub dir: u32,
    pub trial_id: Box<str>,
    pub attempt: u32,
    pub verdict: Verdict,
    pub error: Option<ErrorCategory>,
    pub reward: Option<f64>,
    pub stop_reason: Option<StopReason>,
    pub tokens: u64,
    pub turns: u64,
    pub tool_calls: u64,
    pub compactions: u64,
    pub cost_usd: Option<f64>,
    /// Seconds from the phase timings (their sum), or from start to finish when none were recorded.
    pub wall_sec: f64,
    pub started_at: DateTime<Utc>,
    /// Earlier attempts of this trial that ended in retried errors.
    pub retries: u32,
    /// Artifact directory, relative to the run directory.
    pub artifacts: Box<str>,
    pub detail: Option<Box<FailureDetail>>,
}

impl Trial {
    pub fn passed(&self) -> bool {
        self.verdict == Verdict::Passed
    }

    pub fn is_infra(&self) -> bool {
        self.error == Some(ErrorCategory::Infra)
    }

    /// The agent declared the work done and the hidden tests said otherwise.
    pub fn silent_failure(&self) -> bool {
        self.stop_reason == Some(StopReason::Completed) && self.verdict == Verdict::Failed
    }
}

/// Everything loaded from the run directories.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Ordered by `created_at` (then `run_id`).
    pub runs: Vec<RunInfo>,
    /// Every run directory read, as given.
    pub dirs: Vec<PathBuf>,
    /// Ordered by run, then by the agent order of the run's manifest.
    pub configs: Vec<Config>,
    /// Task ids, sorted.
    pub tasks: Vec<String>,
    /// Ordered by configuration, task, attempt.
    pub trials: Vec<Trial>,
    /// Things a reader should know (ignored torn lines, duplicates dropped, ...).
    pub warnings: Vec<String>,
}

impl Dataset {
    /// The latest run that is not a baseline (or the latest run when all are baselines).
    pub fn latest_run(&self) -> Option<usize> {
        self.runs.iter().rposition(|r| !r.baseline).or_else(|| self.runs.len().checked_sub(1))
    }
}
