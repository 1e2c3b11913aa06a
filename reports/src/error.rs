//! The errors a report can end with, each naming the file (and line) at fault.

use std::path::PathBuf;

/// Why a report could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// No run directory was given.
    #[error("no run directory given")]
    NoRuns,
    /// A run directory has no readable `run.json`.
    #[error("cannot read run manifest {path}: {source}")]
    ManifestIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `run.json` is not a valid run manifest.
    #[error("invalid run manifest {path}: {source}")]
    Manifest {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    /// Reading `trials.jsonl` failed.
    #[error("cannot read {path}: {source}")]
    TrialsIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A line of `trials.jsonl` other than the last one is not a valid trial record.
    #[error("{path}:{line}: corrupt trial record: {source}")]
    CorruptTrial {
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        #[source]
        source: serde_json::Error,
    },
    /// An option names an agent configuration that is not in the runs.
    #[error("--baseline-agent {0}: no agent of that name in the latest run")]
    UnknownAgent(String),
    /// The options cannot be satisfied as given (for example csv output without `--out`).
    #[error("{0}")]
    Usage(String),
    /// Writing a rendered report failed.
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A renderer failed (chart drawing, XML serialisation).
    #[error("rendering {format}: {message}")]
    Render { format: &'static str, message: String },
}
