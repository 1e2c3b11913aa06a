//! Connecting to a Docker Engine and classifying its errors.

use std::future::Future;
use std::time::Duration;

use bollard::Docker;

/// Timeout for short Docker API calls (create, start, inspect, remove, ...).
pub const API_TIMEOUT: Duration = Duration::from_secs(120);

/// A connected Docker Engine.
#[derive(Clone)]
pub struct DockerHost {
    pub docker: Docker,
    /// How the user named it (`unix:///var/run/docker.sock`, `tcp://host:2375`, or `local`).
    pub name: String,
    /// The engine's version, as it reported it.
    pub version: Option<String>,
}

impl std::fmt::Debug for DockerHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DockerHost").field("name", &self.name).field("version", &self.version).finish()
    }
}

/// A failed Docker operation.
#[derive(Debug, thiserror::Error)]
pub enum DockerError {
    #[error("cannot reach the Docker Engine at {host}: {message} (is the daemon running, and is DOCKER_HOST / --docker-host right?)")]
    Unreachable { host: String, message: String },
    #[error("docker {operation} timed out after {}s", timeout.as_secs())]
    Timeout { operation: &'static str, timeout: Duration },
    #[error("docker {operation}: not found: {message}")]
    NotFound { operation: &'static str, message: String },
    #[error("docker {operation}: {message}")]
    Api { operation: &'static str, message: String },
}

impl DockerError {
    pub fn from_bollard(operation: &'static str, error: bollard::errors::Error) -> Self {
        use bollard::errors::Error as E;
        match error {
            E::DockerResponseServerError { status_code: 404, message } => DockerError::NotFound { operation, message },
            E::DockerResponseServerError { status_code, message } => {
                DockerError::Api { operation, message: format!("{message} (HTTP {status_code})") }
            }
            E::RequestTimeoutError => DockerError::Timeout { operation, timeout: API_TIMEOUT },
            other => DockerError::Api { operation, message: cause_chain(&other) },
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, DockerError::NotFound { .. })
    }
}

/// `error: cause: cause`, for errors whose Display omits their source.
pub fn cause_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// Run a Docker call under `timeout`, mapping its error.
pub async fn call<T>(
    operation: &'static str,
    timeout: Duration,
    future: impl Future<Output = Result<T, bollard::errors::Error>>,
) -> Result<T, DockerError> {
    match tokio::time::timeout(timeout, future).await {
        Ok(result) => result.map_err(|e| DockerError::from_bollard(operation, e)),
        Err(_) => Err(DockerError::Timeout { operation, timeout }),
    }
}

/// Connect to `host` (a `unix://`, `tcp://` or `http://` URL), or to the local default
/// (`DOCKER_HOST`, else the local socket) when `None`; negotiate the API version and check
/// that the engine answers.
pub async fn connect(host: Option<&str>) -> Result<DockerHost, DockerError> {
    let name = host
        .map(str::to_string)
        .or_else(|| std::env::var("DOCKER_HOST").ok().filter(|h| !h.is_empty()))
        .unwrap_or_else(|| "unix:///var/run/docker.sock".to_string());
    let unreachable = |message: String| DockerError::Unreachable { host: name.clone(), message };
    // The global timeout is a backstop only: long execs and builds carry their own.
    let backstop = 24 * 3600;
    let docker = if let Some(path) = name.strip_prefix("unix://") {
        Docker::connect_with_unix(path, backstop, bollard::API_DEFAULT_VERSION)
    } else if name.starts_with("tcp://") || name.starts_with("http://") {
        Docker::connect_with_http(&name, backstop, bollard::API_DEFAULT_VERSION)
    } else {
        return Err(unreachable(format!("unsupported address `{name}` (expected unix://PATH or tcp://HOST:PORT)")));
    }
    .map_err(|e| unreachable(cause_chain(&e)))?;
    let docker = match tokio::time::timeout(Duration::from_secs(20), docker.negotiate_version()).await {
        Ok(Ok(docker)) => docker,
        Ok(Err(e)) => return Err(unreachable(cause_chain(&e))),
        Err(_) => return Err(unreachable("no answer within 20s".into())),
    };
    let version = match tokio::time::timeout(Duration::from_secs(20), docker.version()).await {
        Ok(Ok(v)) => v.version,
        Ok(Err(e)) => return Err(unreachable(cause_chain(&e))),
        Err(_) => return Err(unreachable("no answer within 20s".into())),
    };
    Ok(DockerHost { docker, name, version })
}
