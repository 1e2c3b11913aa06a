//! Task images: found by tag (the tag carries the digest of `environment/`, so an unchanged task
//! never rebuilds and a changed one always does), built through the API from a tar of the
//! context otherwise, with the build output streamed to a log file.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use bollard::query_parameters::{BuildImageOptionsBuilder, CreateImageOptionsBuilder};
use futures::StreamExt;

use super::client::{call, cause_chain, DockerError, API_TIMEOUT};
use super::tarball::tar_directory;
use super::DockerHost;
use crate::task::{ImageSource, Task};

/// Why a task's image could not be made available. Always the task's fault or the build
/// environment's, reported per trial with category `task`.
#[derive(Debug, Clone, thiserror::Error)]
pub enum BuildError {
    #[error("image build failed: {message}{hint}")]
    Failed { message: String, hint: String },
    #[error("image build timed out after {}s (environment.build_timeout_sec)", timeout.as_secs())]
    Timeout { timeout: Duration },
    #[error("image `{image}` is not present and could not be pulled: {message}")]
    Unavailable { image: String, message: String },
    #[error("reading the build context `{path}`: {message}")]
    Context { path: String, message: String },
    #[error("docker: {0}")]
    Docker(String),
}

impl BuildError {
    /// Whether retrying may help (the engine failed, not the Dockerfile).
    pub fn is_infra(&self) -> bool {
        matches!(self, BuildError::Docker(_))
    }
}

/// Whether the image was already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageStatus {
    Present,
    Built,
    Pulled,
}

/// Make the task's image available on `host`, writing build output to `log`.
pub async fn ensure_image(host: &DockerHost, task: &Task, log: &Path) -> Result<ImageStatus, BuildError> {
    let image = task.image_ref();
    match call("inspect image", API_TIMEOUT, host.docker.inspect_image(&image)).await {
        Ok(_) => return Ok(ImageStatus::Present),
        Err(e) if e.is_not_found() => {}
        Err(e) => return Err(BuildError::Docker(e.to_string())),
    }
    let mut log_file = std::fs::File::create(log)
        .map_err(|e| BuildError::Context { path: log.display().to_string(), message: e.to_string() })?;
    match &task.image {
        ImageSource::Prebuilt { image } => pull(host, image, &mut log_file).await.map(|()| ImageStatus::Pulled),
        ImageSource::Build { context_dir, .. } => {
            let build = build(host, &image, context_dir, &mut log_file, &task.id);
            match tokio::time::timeout(task.build_timeout, build).await {
                Ok(result) => result.map(|()| ImageStatus::Built),
                Err(_) => Err(BuildError::Timeout { timeout: task.build_timeout }),
            }
        }
    }
}

async fn build(
    host: &DockerHost,
    tag: &str,
    context_dir: &Path,
    log: &mut std::fs::File,
    task_id: &str,
) -> Result<(), BuildError> {
    let dir = context_dir.to_path_buf();
    let context = tokio::task::spawn_blocking(move || tar_directory(&dir, ""))
        .await
        .map_err(|e| BuildError::Docker(e.to_string()))?
        .map_err(|e| BuildError::Context { path: context_dir.display().to_string(), message: e.to_string() })?;
    let mut labels = std::collections::HashMap::new();
    labels.insert("dev.proctor.task".to_string(), task_id.to_string());
    let options = BuildImageOptionsBuilder::default()
        .dockerfile("Dockerfile")
        .t(tag)
        .rm(true)
        .forcerm(true)
        .labels(&labels)
        .build();
    let mut stream = host.docker.build_image(options, None, Some(bollard::body_full(context.into())));
    let mut last_lines: Vec<String> = Vec::new();
    while let Some(item) = stream.next().await {
        match item {
            Ok(info) => {
                if let Some(text) = info.stream.as_deref() {
                    let _ = log.write_all(text.as_bytes());
                    remember(&mut last_lines, text);
                }
                if let Some(status) = info.status.as_deref() {
                    let _ = writeln!(log, "{status}");
                }
                if let Some(detail) = info.error_detail.and_then(|d| d.message) {
                    let _ = writeln!(log, "ERROR: {detail}");
                    return Err(failed(detail, &last_lines));
                }
            }
            Err(bollard::errors::Error::DockerStreamError { error }) => {
                let _ = writeln!(log, "ERROR: {error}");
                return Err(failed(error, &last_lines));
            }
            Err(bollard::errors::Error::DockerResponseServerError { status_code, message }) if status_code < 500 => {
                let _ = writeln!(log, "ERROR: {message}");
                return Err(failed(message, &last_lines));
            }
            Err(e) => {
                let message = cause_chain(&e);
                let _ = writeln!(log, "ERROR: {message}");
                return Err(BuildError::Docker(message));
            }
        }
    }
    let _ = log.flush();
    // A build stream that ends without an error but without the tag is a failure too.
    match call("inspect image", API_TIMEOUT, host.docker.inspect_image(tag)).await {
        Ok(_) => Ok(()),
        Err(DockerError::NotFound { .. }) => {
            Err(failed("the build ended without producing the image".into(), &last_lines))
        }
        Err(e) => Err(BuildError::Docker(e.to_string())),
    }
}

fn remember(lines: &mut Vec<String>, text: &str) {
    for line in text.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
        lines.push(line.to_string());
    }
    let excess = lines.len().saturating_sub(8);
    lines.drain(..excess);
}

fn failed(message: String, last_lines: &[String]) -> BuildError {
    let missing_base = [
        "pull access denied",
        "manifest unknown",
        "no such host",
        "failed to resolve",
        "not found: manifest",
        "dial tcp",
        "repository does not exist",
    ]
    .iter()
    .any(|needle| message.contains(needle));
    let hint = if missing_base {
        "\n  hint: the base image is missing and cannot be pulled; on a machine without a registry run scripts/setup-base-images.sh".to_string()
    } else if last_lines.is_empty() {
        String::new()
    } else {
        format!("\n  last build output:\n    {}", last_lines.join("\n    "))
    };
    BuildError::Failed { message: message.trim().to_string(), hint }
}

async fn pull(host: &DockerHost, image: &str, log: &mut std::fs::File) -> Result<(), BuildError> {
    let options = CreateImageOptionsBuilder::default().from_image(image).build();
    let mut stream = host.docker.create_image(Some(options), None, None);
    while let Some(item) = stream.next().await {
        match item {
            Ok(info) => {
                if let Some(status) = info.status {
                    let _ = writeln!(log, "{status}");
                }
            }
            Err(e) => {
                return Err(BuildError::Unavailable { image: image.to_string(), message: cause_chain(&e) });
            }
        }
    }
    Ok(())
}
