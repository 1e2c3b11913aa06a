//! The trajectory of one agent phase: an append-only JSONL log of what the agent did, and the
//! running usage totals. The harness owns it, so usage and events survive an agent that is stopped
//! at its deadline.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use proctor_schema::{StopReason, Usage};
use serde::{Deserialize, Serialize};

/// One line of `trajectory.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TrajectoryEvent {
    AgentStarted {
        agent: String,
    },
    /// A full model request body (secrets never appear: keys travel in headers only).
    ModelRequest {
        turn: u64,
        body: serde_json::Value,
    },
    ModelResponse {
        turn: u64,
        body: serde_json::Value,
        latency_ms: u64,
        #[serde(default)]
        usage: Usage,
    },
    ToolCall {
        turn: u64,
        call_id: String,
        name: String,
        arguments: serde_json::Value,
    },
    ToolResult {
        turn: u64,
        call_id: String,
        /// What the model was shown (possibly truncated).
        output: String,
        /// The full output as captured (capped at the sandbox's output limit).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        full_output: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exit_code: Option<i64>,
    },
    Compaction {
        turn: u64,
        tokens_before: u64,
        tokens_after: u64,
        summary_tokens: u64,
    },
    /// A command the agent ran directly (agents without a model, e.g. the oracle).
    Exec {
        argv: Vec<String>,
        exit_code: Option<i64>,
        timed_out: bool,
        duration_ms: u64,
    },
    Note {
        message: String,
    },
    AgentFinished {
        stop_reason: StopReason,
        usage: Usage,
    },
}

#[derive(Debug, Serialize)]
struct Line<'a> {
    at: DateTime<Utc>,
    #[serde(flatten)]
    event: &'a TrajectoryEvent,
}

/// Sink for [`TrajectoryEvent`]s plus the running [`Usage`].
#[derive(Debug, Default)]
pub struct Trajectory {
    out: Mutex<Option<BufWriter<File>>>,
    usage: Mutex<Usage>,
}

impl Trajectory {
    /// A trajectory written to `path` (created or truncated).
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let file = File::create(path)?;
        Ok(Trajectory { out: Mutex::new(Some(BufWriter::new(file))), usage: Mutex::default() })
    }

    /// A trajectory that keeps usage but writes no file.
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// Append one event (flushed, so a crash loses at most the line being written).
    pub fn record(&self, event: TrajectoryEvent) {
        let line = Line { at: Utc::now(), event: &event };
        let mut guard = self.out.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(out) = guard.as_mut() {
            // A trajectory that cannot be written must not fail the trial; the error is kept in
            // the file system's state (disk full) and shows up as a truncated trajectory.
            if serde_json::to_writer(&mut *out, &line).is_ok() {
                let _ = out.write_all(b"\n");
                let _ = out.flush();
            }
        }
    }

    /// Apply a change to the running usage totals.
    pub fn update_usage(&self, change: impl FnOnce(&mut Usage)) {
        let mut usage = self.usage.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        change(&mut usage);
    }

    /// The usage recorded so far.
    pub fn usage(&self) -> Usage {
        self.usage.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }
}
