//! `run.json`: what was run, by what, where.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The manifest of a run, written when the run starts and rewritten (atomically) when it ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunManifest {
    pub schema_version: u32,
    pub run_id: String,
    pub created_at: DateTime<Utc>,
    /// Set when the run finished (not when it was interrupted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Utc>>,
    pub proctor_version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proctor_git_commit: Option<String>,
    /// The command line, as given.
    pub invocation: Vec<String>,
    pub host: HostInfo,
    /// Attempts per task and agent (`-k`).
    pub attempts: u32,
    pub concurrency: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardSpec>,
    pub tasks: Vec<TaskEntry>,
    pub agents: Vec<AgentEntry>,
    /// What `proctor run` was asked for, so `--resume` can plan the same trials again.
    #[serde(default)]
    pub options: RunOptions,
}

/// The planning options of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunOptions {
    /// The tasks directory, as given.
    pub tasks_dir: String,
    /// `--task` globs (empty: every task).
    pub task_patterns: Vec<String>,
    /// `--agent` values, as given.
    pub agents: Vec<String>,
    /// Directory searched for agent configuration files.
    pub agents_dir: String,
    /// Retries of infra errors per trial.
    pub retries: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostInfo {
    pub hostname: String,
    pub os: String,
    pub arch: String,
    pub cpus: usize,
    /// The Docker Engine's version, when it answered.
    pub docker_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskEntry {
    pub id: String,
    pub digest: String,
    /// The task directory as given on the command line.
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentEntry {
    pub name: String,
    pub digest: String,
    /// `oracle`, `nop`, `builtin`, `installed`, ...
    pub kind: String,
    /// The resolved configuration (after `extends`), for repro. Never contains secrets: keys are
    /// named by environment variable only.
    #[serde(default)]
    pub config: serde_json::Value,
}

/// `--shard I/N`: this run directory holds shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardSpec {
    pub index: u32,
    pub count: u32,
}
