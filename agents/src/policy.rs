//! The sandbox policy of an agent configuration (`[sandbox]`): what the harness applies when it
//! creates the task container for the agent phase, and how the policy is described to the model.

use std::time::Duration;

use crate::config::SandboxConfig;
pub use crate::config::{Filesystem, Network};

/// How the task container is set up for the agent phase.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxPolicy {
    pub network: Network,
    pub filesystem: Filesystem,
    /// User the agent's commands run as (the image's default when `None`).
    pub user: Option<String>,
    pub cpus: Option<f64>,
    pub memory_mb: Option<u64>,
    pub pids: Option<u64>,
    /// Longest a single command of the agent may run.
    pub command_timeout: Duration,
}

impl Default for SandboxPolicy {
    /// The policy of agents without a configuration (oracle, nop): no network, no filesystem
    /// restriction (the oracle uploads and runs its solution), the task's resources.
    fn default() -> Self {
        SandboxPolicy {
            network: Network::None,
            filesystem: Filesystem::Full,
            user: None,
            cpus: None,
            memory_mb: None,
            pids: None,
            command_timeout: Duration::from_secs(600),
        }
    }
}

impl SandboxPolicy {
    pub fn from_config(config: &SandboxConfig) -> Self {
        SandboxPolicy {
            network: config.network,
            filesystem: config.filesystem,
            user: config.user.clone(),
            cpus: config.cpus,
            memory_mb: config.memory_mb,
            pids: config.pids,
            command_timeout: Duration::from_secs(config.command_timeout_secs),
        }
    }

    /// The Docker network mode of the agent phase: `None` for no network at all.
    pub fn network_mode(&self) -> Option<&'static str> {
        match self.network {
            Network::None => None,
            Network::Bridge => Some("bridge"),
        }
    }

    /// Directories the agent may write (empty: anywhere it has permission to).
    pub fn writable_roots(&self, workdir: &str) -> Vec<String> {
        match self.filesystem {
            Filesystem::WorkspaceWrite => vec![workdir.to_string(), "/tmp".to_string()],
            Filesystem::Full => Vec::new(),
        }
    }

    /// The policy in words, for the model's environment context.
    pub fn describe(&self, workdir: &str) -> String {
        let mut parts = Vec::new();
        parts.push(match &self.user {
            Some(user) => format!("Commands run in a container as user `{user}`."),
            None => "Commands run in a container.".to_string(),
        });
        parts.push(match self.filesystem {
            Filesystem::WorkspaceWrite => {
                format!("Only {workdir} and /tmp are writable; the rest of the filesystem is read-only.")
            }
            Filesystem::Full => "The whole filesystem is writable.".to_string(),
        });
        parts.push(match self.network {
            Network::None => "There is no network access: downloads and package installs will fail.".to_string(),
            Network::Bridge => "Network access is enabled.".to_string(),
        });
        parts.push(format!("A command is killed after {} seconds.", self.command_timeout.as_secs()));
        parts.join(" ")
    }
}
