//! The records proctor writes to a run directory, shared by the harness (which writes them) and
//! the reports (which read them).
//!
//! A run directory holds:
//! - `run.json`: a [`RunManifest`] (invocation, versions, host, task and agent digests);
//! - `trials.jsonl`: one [`TrialRecord`] per finished trial, appended and synced as each trial ends;
//! - `trials/<trial-id>/`: the trial's artifacts (logs, trajectory, verifier output, diff).
//!
//! Every record carries [`SCHEMA_VERSION`]. Fields are only ever added; readers ignore fields they
//! do not know, so older reports keep reading newer runs.

mod ids;
mod manifest;
mod trial;
mod usage;

pub use ids::{content_digest, short_digest, trial_id};
pub use manifest::{AgentEntry, HostInfo, RunManifest, RunOptions, ShardSpec, TaskEntry};
pub use trial::{
    AttemptRecord, ErrorCategory, PhaseTimings, TestOutcome, TestResult, TrialError, TrialRecord, Verdict,
};
pub use usage::{StopReason, Usage};

/// Version of the on-disk format of `run.json` and `trials.jsonl`.
pub const SCHEMA_VERSION: u32 = 1;

/// File name of the run manifest inside a run directory.
pub const RUN_MANIFEST_FILE: &str = "run.json";
/// File name of the trial records inside a run directory.
pub const TRIALS_FILE: &str = "trials.jsonl";
/// Directory (inside a run directory) holding one artifact directory per trial.
pub const TRIALS_DIR: &str = "trials";
