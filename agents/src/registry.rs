//! Resolving `--agent NAME|FILE` to a runnable agent and its identity (name, kind, digest).
//!
//! NAME is a built-in agent (`oracle`, `nop`) or the stem of a file in the configurations
//! directory (`agents/configs/NAME.toml`); anything with an extension or a directory part is a
//! path. Configuration files are loaded by [`crate::config::load`] (`extends` resolved, unknown
//! keys and bad values refused with the file and key named).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use proctor_schema::content_digest;

use crate::agent::Agent;
use crate::coder::CodingAgent;
use crate::config::{self, AgentKind, ConfigError, ResolvedConfig};
use crate::installed::InstalledAgent;
use crate::nop::NopAgent;
use crate::oracle::OracleAgent;
use crate::policy::SandboxPolicy;

/// A runnable agent with the identity results are keyed by.
#[derive(Clone)]
pub struct ResolvedAgent {
    /// The configuration's name: a built-in name or the configuration file's stem.
    pub name: String,
    /// `oracle`, `nop`, `builtin`, `installed`, ...
    pub kind: String,
    /// Digest of the resolved configuration; identifies the configuration in results.
    pub digest: String,
    /// The resolved configuration, as recorded in `run.json` (no secrets).
    pub config: serde_json::Value,
    /// Network the agent phase needs in the container (`none` unless the configuration says so).
    pub network: Option<String>,
    pub agent: Arc<dyn Agent>,
    /// How to set up the container for the agent phase (`[sandbox]`).
    pub sandbox: SandboxPolicy,
    /// The configuration's wall-time limit (`[limits] wall_time_secs`); the harness uses the
    /// smaller of it and the task's agent timeout.
    pub wall_time: Option<Duration>,
}

impl std::fmt::Debug for ResolvedAgent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResolvedAgent")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .field("digest", &self.digest)
            .finish_non_exhaustive()
    }
}

/// Why `--agent` could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("unknown agent `{name}`: not a built-in agent ({builtins}) and no file `{}` exists", searched.display())]
    Unknown { name: String, builtins: String, searched: PathBuf },
    #[error("reading agent configuration `{}`", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("agent configuration `{}`: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

impl From<ConfigError> for RegistryError {
    fn from(error: ConfigError) -> Self {
        match error {
            ConfigError::Read { path, source } => RegistryError::Read { path, source },
            other => RegistryError::Invalid { path: other.path().to_path_buf(), message: other.detail() },
        }
    }
}

/// Names of the agents that need no configuration file.
pub const BUILTIN_AGENTS: [&str; 2] = ["oracle", "nop"];

/// Resolve `spec`: a built-in name, a path to a configuration file, or the stem of a file in
/// `configs_dir`.
pub fn resolve(spec: &str, configs_dir: &Path) -> Result<ResolvedAgent, RegistryError> {
    if let Some(builtin) = builtin(spec) {
        return Ok(builtin);
    }
    let as_path = Path::new(spec);
    let path = if as_path.extension().is_some() || as_path.components().count() > 1 {
        as_path.to_path_buf()
    } else {
        configs_dir.join(format!("{spec}.toml"))
    };
    if !path.is_file() {
        return Err(RegistryError::Unknown {
            name: spec.to_string(),
            builtins: BUILTIN_AGENTS.join(", "),
            searched: path,
        });
    }
    let resolved = config::load(&path)?;
    from_config(&resolved)
}

/// The agent of a loaded configuration.
pub fn from_config(resolved: &ResolvedConfig) -> Result<ResolvedAgent, RegistryError> {
    let config = &resolved.config;
    let sandbox = SandboxPolicy::from_config(&config.sandbox);
    let wall_time = config.limits.wall_time_secs.map(Duration::from_secs);
    let invalid = |key: String, message: String| RegistryError::Invalid {
        path: resolved.path.clone(),
        message: format!("key `{key}`: {message}"),
    };
    let agent: Arc<dyn Agent> = match config.kind {
        AgentKind::Builtin => Arc::new(CodingAgent::from_config(resolved).map_err(|(k, m)| invalid(k, m))?),
        AgentKind::Installed => {
            let installed =
                config.installed.clone().ok_or_else(|| invalid("installed".into(), "is required".into()))?;
            Arc::new(InstalledAgent {
                name: resolved.name.clone(),
                config: installed,
                install_script: resolved.file_text("installed.install_script").map(str::to_string),
                policy: sandbox.clone(),
                wall_time,
            })
        }
    };
    Ok(ResolvedAgent {
        name: resolved.name.clone(),
        kind: config.kind.as_str().to_string(),
        digest: resolved.digest.clone(),
        config: resolved.record.clone(),
        network: sandbox.network_mode().map(str::to_string),
        agent,
        sandbox,
        wall_time,
    })
}

fn builtin(name: &str) -> Option<ResolvedAgent> {
    let agent: Arc<dyn Agent> = match name {
        "oracle" => Arc::new(OracleAgent),
        "nop" => Arc::new(NopAgent),
        _ => return None,
    };
    let config = serde_json::json!({ "kind": name });
    Some(ResolvedAgent {
        name: name.to_string(),
        kind: name.to_string(),
        digest: content_digest(config.to_string().as_bytes()),
        config,
        network: None,
        agent,
        sandbox: SandboxPolicy::default(),
        wall_time: None,
    })
}
