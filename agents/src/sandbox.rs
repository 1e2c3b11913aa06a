//! The sandbox contract: what an agent (and the verifier) can do to a task container.

use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

/// A command to run inside the sandbox.
#[derive(Debug, Clone)]
pub struct ExecRequest {
    /// The program and its arguments (no shell is implied; use `["bash", "-lc", script]`).
    pub argv: Vec<String>,
    /// Working directory; the sandbox's workdir when `None`.
    pub workdir: Option<String>,
    /// User to run as; the sandbox's default user when `None`.
    pub user: Option<String>,
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
    /// The command is killed when it runs longer.
    pub timeout: Duration,
    /// Bytes of stdout and of stderr kept each (head and tail halves); the rest is counted and cut.
    pub max_output_bytes: usize,
}

impl ExecRequest {
    /// `bash -c SCRIPT` with a timeout and the default 1 MiB output cap.
    pub fn shell(script: impl Into<String>, timeout: Duration) -> Self {
        ExecRequest {
            argv: vec!["bash".into(), "-c".into(), script.into()],
            workdir: None,
            user: None,
            env: Vec::new(),
            timeout,
            max_output_bytes: 1 << 20,
        }
    }

    pub fn user(mut self, user: impl Into<String>) -> Self {
        self.user = Some(user.into());
        self
    }

    pub fn workdir(mut self, dir: impl Into<String>) -> Self {
        self.workdir = Some(dir.into());
        self
    }

    pub fn max_output_bytes(mut self, bytes: usize) -> Self {
        self.max_output_bytes = bytes;
        self
    }
}

/// Output of one stream, capped: the head and the tail are kept, the middle is cut and counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CappedOutput {
    pub head: Vec<u8>,
    pub tail: Vec<u8>,
    /// Bytes dropped between head and tail.
    pub cut_bytes: u64,
}

impl CappedOutput {
    /// Total bytes the stream produced.
    pub fn total_bytes(&self) -> u64 {
        self.head.len() as u64 + self.tail.len() as u64 + self.cut_bytes
    }

    pub fn was_cut(&self) -> bool {
        self.cut_bytes > 0
    }

    /// The kept text, lossily decoded, with a marker where bytes were cut.
    pub fn to_text(&self) -> String {
        let head = String::from_utf8_lossy(&self.head);
        if self.cut_bytes == 0 {
            return format!("{head}{}", String::from_utf8_lossy(&self.tail));
        }
        format!("{head}\n[... {} bytes cut ...]\n{}", self.cut_bytes, String::from_utf8_lossy(&self.tail))
    }
}

/// The result of [`Sandbox::exec`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecOutput {
    /// `None` when the command was killed (timeout) or its exit code could not be read.
    pub exit_code: Option<i64>,
    pub stdout: CappedOutput,
    pub stderr: CappedOutput,
    pub timed_out: bool,
    pub duration: Duration,
}

impl ExecOutput {
    pub fn success(&self) -> bool {
        self.exit_code == Some(0)
    }
}

/// Why a sandbox operation failed. Every variant is the infrastructure's fault, not the command's:
/// a command that exits non-zero or times out is a successful [`Sandbox::exec`].
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("docker: {0}")]
    Docker(String),
    #[error("the container is gone (it exited or was removed)")]
    ContainerGone,
    #[error("path `{path}` escapes the target directory")]
    PathEscape { path: String },
    #[error("I/O on `{path}`: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cancelled")]
    Cancelled,
}

/// A handle on one task container.
#[async_trait]
pub trait Sandbox: Send + Sync {
    /// Run a command to completion (or its timeout) and return its capped output.
    async fn exec(&self, request: ExecRequest) -> Result<ExecOutput, SandboxError>;

    /// Copy a local file or directory into the container; a directory's contents land in
    /// `container_dir` (created if missing), a file lands as `container_dir/<file name>`.
    async fn upload_path(&self, local: &Path, container_dir: &str) -> Result<(), SandboxError>;

    /// Write one file with the given contents and mode inside the container.
    async fn write_file(&self, container_path: &str, contents: &[u8], mode: u32) -> Result<(), SandboxError>;

    /// Copy a container file or directory into `local_dir`. Entries whose paths would escape
    /// `local_dir` are refused.
    async fn download_path(&self, container_path: &str, local_dir: &Path) -> Result<(), SandboxError>;

    /// The task's working directory inside the container.
    fn workdir(&self) -> &str;
}
