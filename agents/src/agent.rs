//! The agent interface.

use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use proctor_schema::{ErrorCategory, StopReason, Usage};
use tokio_util::sync::CancellationToken;

use crate::sandbox::{Sandbox, SandboxError};
use crate::trajectory::Trajectory;

/// The limits an agent runs under. The harness enforces `timeout` itself as well (the agent's
/// future is dropped shortly after it); agents should watch it to stop cleanly.
#[derive(Debug, Clone)]
pub struct AgentLimits {
    /// Wall time of the agent phase (the task's `[agent].timeout_sec` unless the configuration
    /// sets a shorter one).
    pub timeout: Duration,
}

/// Everything an agent gets for one trial.
pub struct AgentContext<'a> {
    pub task_id: &'a str,
    /// The contents of the task's `instruction.md`: the only thing the agent is told.
    pub instruction: &'a str,
    pub sandbox: &'a dyn Sandbox,
    pub limits: AgentLimits,
    /// The task's `solution/` directory, given only to agents whose
    /// [`Agent::needs_solution`] is true (the oracle).
    pub solution_dir: Option<&'a Path>,
    pub trajectory: &'a Trajectory,
    /// A directory on the host for the agent's own logs (`trials/<id>/agent/`).
    pub log_dir: &'a Path,
    /// Cancelled when the run is interrupted; the agent should return promptly.
    pub cancel: CancellationToken,
}

/// How an agent phase ended (when the agent itself did not crash).
#[derive(Debug, Clone, PartialEq)]
pub struct AgentOutcome {
    pub stop_reason: StopReason,
    pub usage: Usage,
}

/// Why an agent could not complete its phase.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    /// The sandbox failed under the agent: the infrastructure's fault.
    #[error("sandbox failed")]
    Sandbox(#[from] SandboxError),
    /// The agent itself failed (bad response handling, an installed agent that crashed, ...).
    #[error("{0}")]
    Crashed(String),
    /// An error no other trial can escape either (e.g. the API key was refused): the run stops.
    #[error("{0}")]
    Fatal(String),
}

impl AgentError {
    /// The error category a trial ends with when its agent fails this way.
    pub fn category(&self) -> ErrorCategory {
        match self {
            AgentError::Sandbox(_) => ErrorCategory::Infra,
            AgentError::Crashed(_) | AgentError::Fatal(_) => ErrorCategory::Agent,
        }
    }
}

/// An agent: something that attempts a task through a sandbox.
#[async_trait]
pub trait Agent: Send + Sync {
    /// Whether the agent is given the task's reference solution. Only the oracle should say yes.
    fn needs_solution(&self) -> bool {
        false
    }

    /// Attempt the task.
    async fn run(&self, ctx: AgentContext<'_>) -> Result<AgentOutcome, AgentError>;
}
