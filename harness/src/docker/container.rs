//! The per-trial container: created from the task image with the task's limits, labels and
//! network policy, a long-running shell as PID 1, and removed explicitly (never `auto_remove`,
//! which races with copying results out).

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use bollard::models::{ContainerCreateBody, HostConfig, Mount, MountType};
use bollard::query_parameters::{
    CreateContainerOptionsBuilder, DownloadFromContainerOptionsBuilder, RemoveContainerOptionsBuilder,
    UploadToContainerOptionsBuilder,
};
use futures::TryStreamExt;
use proctor_agents::{ExecOutput, ExecRequest, Sandbox, SandboxError};

use super::client::{call, DockerError, API_TIMEOUT};
use super::exec::{exec, root_sh, sandbox_error};
use super::tarball::{tar_directory, tar_single_file, unpack_safely};
use super::DockerHost;

/// PID 1 of every trial container: stays up, restarts its sleeper if something kills it (the
/// verifier kills every process but PID 1), exits on SIGTERM.
const KEEPALIVE: &str = "trap 'exit 0' TERM INT; while :; do sleep 2147483647 & wait $!; done";

/// What a trial container is created with.
#[derive(Debug, Clone)]
pub struct ContainerSpec {
    pub name: String,
    pub image: String,
    pub labels: HashMap<String, String>,
    pub workdir: Option<String>,
    pub env: Vec<(String, String)>,
    pub cpus: f64,
    pub memory_mb: u64,
    pub pids_limit: i64,
    /// `none` or `bridge`.
    pub network_mode: String,
    /// Read-only root filesystem with the workdir and /tmp writable (`workspace-write`).
    pub read_only_root: bool,
    /// User that commands run as when a request names none (the task's agent user).
    pub exec_user: Option<String>,
}

/// A running trial container. Implements [`Sandbox`] for agents and the verifier.
#[derive(Debug)]
pub struct DockerSandbox {
    host: DockerHost,
    id: String,
    name: String,
    workdir: String,
    exec_user: Option<String>,
}

impl DockerSandbox {
    /// Create and start a container. On any failure after creation the container is removed.
    pub async fn start(host: &DockerHost, spec: &ContainerSpec) -> Result<DockerSandbox, DockerError> {
        let mut host_config = HostConfig {
            nano_cpus: Some((spec.cpus * 1e9) as i64),
            memory: Some((spec.memory_mb * 1024 * 1024) as i64),
            memory_swap: Some((spec.memory_mb * 1024 * 1024) as i64),
            pids_limit: Some(spec.pids_limit),
            network_mode: Some(spec.network_mode.clone()),
            security_opt: Some(vec!["no-new-privileges".into()]),
            init: Some(false),
            ..Default::default()
        };
        if spec.read_only_root {
            // workspace-write: the root filesystem is read-only; the workdir, /tmp, and the
            // verifier's /logs and /tests are anonymous volumes (Docker fills a new volume with
            // the image's content, and unlike tmpfs, volumes accept the copy API).
            host_config.readonly_rootfs = Some(true);
            let mut targets: Vec<String> = vec!["/tmp".into(), "/logs".into(), "/tests".into()];
            if let Some(workdir) = spec.workdir.as_ref().filter(|w| w.as_str() != "/") {
                targets.push(workdir.clone());
            }
            host_config.mounts = Some(
                targets
                    .into_iter()
                    .map(|target| Mount { target: Some(target), typ: Some(MountType::VOLUME), ..Default::default() })
                    .collect(),
            );
        }
        let body = ContainerCreateBody {
            image: Some(spec.image.clone()),
            entrypoint: Some(vec!["/bin/sh".into(), "-c".into(), KEEPALIVE.into()]),
            cmd: Some(Vec::new()),
            labels: Some(spec.labels.clone()),
            working_dir: spec.workdir.clone(),
            env: Some(spec.env.iter().map(|(k, v)| format!("{k}={v}")).collect()),
            user: Some("root".into()),
            network_disabled: Some(spec.network_mode == "none"),
            host_config: Some(host_config),
            ..Default::default()
        };
        let options = CreateContainerOptionsBuilder::default().name(&spec.name).build();
        let created = call("create container", API_TIMEOUT, host.docker.create_container(Some(options), body)).await?;
        let mut sandbox = DockerSandbox {
            host: host.clone(),
            id: created.id,
            name: spec.name.clone(),
            workdir: String::new(),
            exec_user: spec.exec_user.clone(),
        };
        if let Err(e) = sandbox.finish_start(spec).await {
            sandbox.remove().await.ok();
            return Err(e);
        }
        Ok(sandbox)
    }

    async fn finish_start(&mut self, spec: &ContainerSpec) -> Result<(), DockerError> {
        call("start container", API_TIMEOUT, self.host.docker.start_container(&self.id, None)).await?;
        let inspected =
            call("inspect container", API_TIMEOUT, self.host.docker.inspect_container(&self.id, None)).await?;
        self.workdir = spec
            .workdir
            .clone()
            .or_else(|| inspected.config.and_then(|c| c.working_dir).filter(|w| !w.is_empty()))
            .unwrap_or_else(|| "/".into());
        if spec.workdir.is_some() && !spec.read_only_root {
            // A task may name a workdir its image lacks.
            let quoted = self.workdir.replace('\'', "'\\''");
            let mkdir = root_sh(format!("mkdir -p '{quoted}'"), Duration::from_secs(30)).workdir("/");
            let out = exec(&self.host, &self.id, None, mkdir)
                .await
                .map_err(|e| DockerError::Api { operation: "prepare workdir", message: e.to_string() })?;
            if !out.success() {
                return Err(DockerError::Api { operation: "prepare workdir", message: out.stderr.to_text() });
            }
        }
        Ok(())
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn host(&self) -> &DockerHost {
        &self.host
    }

    /// Whether the container is still running (false when it died or was removed).
    pub async fn is_running(&self) -> Result<bool, DockerError> {
        match call("inspect container", API_TIMEOUT, self.host.docker.inspect_container(&self.id, None)).await {
            Ok(inspected) => Ok(inspected.state.and_then(|s| s.running).unwrap_or(false)),
            Err(e) if e.is_not_found() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Force-remove the container (and its anonymous volumes). Removing a container that is
    /// already gone succeeds.
    pub async fn remove(&self) -> Result<(), DockerError> {
        remove_container(&self.host, &self.id).await
    }
}

/// Force-remove a container by id or name; a missing container is not an error.
pub async fn remove_container(host: &DockerHost, id: &str) -> Result<(), DockerError> {
    let options = RemoveContainerOptionsBuilder::default().force(true).v(true).build();
    match call("remove container", API_TIMEOUT, host.docker.remove_container(id, Some(options))).await {
        Ok(()) => Ok(()),
        Err(e) if e.is_not_found() => Ok(()),
        Err(DockerError::Api { message, .. }) if message.contains("is already in progress") => Ok(()),
        Err(e) => Err(e),
    }
}

#[async_trait]
impl Sandbox for DockerSandbox {
    async fn exec(&self, mut request: ExecRequest) -> Result<ExecOutput, SandboxError> {
        if request.user.is_none() {
            request.user.clone_from(&self.exec_user);
        }
        exec(&self.host, &self.id, Some(&self.workdir), request).await
    }

    async fn upload_path(&self, local: &Path, container_dir: &str) -> Result<(), SandboxError> {
        let io = |source| SandboxError::Io { path: local.display().to_string(), source };
        // Entries are relative to `container_dir`, which is where the archive is extracted:
        // Docker refuses to extract at `/` when the root filesystem is read-only, even when every
        // entry lands in a volume (workspace-write).
        let archive = if local.is_dir() {
            tar_directory(local, "").map_err(io)?
        } else {
            let contents = std::fs::read(local).map_err(io)?;
            let name = local.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            tar_single_file(&name, &contents, file_mode(local)).map_err(io)?
        };
        self.upload_archive(archive, container_dir).await
    }

    async fn write_file(&self, container_path: &str, contents: &[u8], mode: u32) -> Result<(), SandboxError> {
        if !container_path.starts_with('/') {
            return Err(SandboxError::PathEscape { path: container_path.to_string() });
        }
        let (dir, name) = container_path.rsplit_once('/').unwrap_or(("", container_path));
        let archive = tar_single_file(name, contents, mode)
            .map_err(|source| SandboxError::Io { path: container_path.to_string(), source })?;
        self.upload_archive(archive, if dir.is_empty() { "/" } else { dir }).await
    }

    async fn download_path(&self, container_path: &str, local_dir: &Path) -> Result<(), SandboxError> {
        let options = DownloadFromContainerOptionsBuilder::default().path(container_path).build();
        let stream = self.host.docker.download_from_container(&self.id, Some(options));
        let bytes: Vec<u8> =
            match tokio::time::timeout(Duration::from_secs(600), stream.map_ok(|b| b.to_vec()).try_concat()).await {
                Ok(Ok(bytes)) => bytes,
                Ok(Err(e)) => return Err(sandbox_error(DockerError::from_bollard("download", e))),
                Err(_) => return Err(SandboxError::Docker("download timed out after 600s".into())),
            };
        let target = local_dir.to_path_buf();
        tokio::task::spawn_blocking(move || unpack_safely(&bytes[..], &target))
            .await
            .map_err(|e| SandboxError::Docker(format!("unpacking download: {e}")))?
    }

    fn workdir(&self) -> &str {
        &self.workdir
    }
}

impl DockerSandbox {
    /// Extract `archive` in the container directory `dir`; when Docker says it is missing, create
    /// it (as root) and try once more.
    async fn upload_archive(&self, archive: Vec<u8>, dir: &str) -> Result<(), SandboxError> {
        let archive = bytes::Bytes::from(archive);
        let upload = |archive: bytes::Bytes| {
            let options = UploadToContainerOptionsBuilder::default().path(dir).build();
            call(
                "upload",
                Duration::from_secs(600),
                self.host.docker.upload_to_container(&self.id, Some(options), bollard::body_full(archive)),
            )
        };
        match upload(archive.clone()).await {
            Err(DockerError::NotFound { message, .. }) if !message.contains("No such container") => {
                let quoted = dir.replace('\'', "'\\''");
                let mkdir = root_sh(format!("mkdir -p '{quoted}'"), Duration::from_secs(30)).workdir("/");
                let made = exec(&self.host, &self.id, None, mkdir).await?;
                if !made.success() {
                    return Err(SandboxError::Docker(format!("creating {dir}: {}", made.stderr.to_text().trim())));
                }
                upload(archive).await.map_err(sandbox_error)
            }
            other => other.map_err(sandbox_error),
        }
    }
}

#[cfg(unix)]
fn file_mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644)
}

#[cfg(not(unix))]
fn file_mode(_: &Path) -> u32 {
    0o644
}
