//! `proctor gc`: remove containers left behind by proctor processes that no longer exist.

use std::collections::HashMap;

use bollard::query_parameters::ListContainersOptionsBuilder;

use super::client::{call, DockerError, API_TIMEOUT};
use super::container::remove_container;
use super::{labels, DockerHost};

/// A container `gc` found.
#[derive(Debug, Clone)]
pub struct Leftover {
    pub id: String,
    pub name: String,
    pub run: Option<String>,
    pub owner: Option<String>,
    pub reason: &'static str,
}

/// The `<hostname>:<pid>` label value identifying this process.
pub fn owner_label() -> String {
    format!("{}:{}", hostname(), std::process::id())
}

pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "unknown".into())
}

/// Whether the owner recorded on a container is a live proctor process on this machine.
fn owner_alive(owner: &str) -> bool {
    let Some((host, pid)) = owner.rsplit_once(':') else { return false };
    if host != hostname() {
        // Another machine's process: we cannot tell, so treat it as alive unless --all.
        return true;
    }
    let Ok(pid) = pid.parse::<u32>() else { return false };
    if pid == std::process::id() {
        return true;
    }
    std::fs::read_to_string(format!("/proc/{pid}/cmdline")).map(|cmd| cmd.contains("proctor")).unwrap_or(false)
}

/// Find proctor's containers whose owner is gone (or all of them with `all`), remove them unless
/// `dry_run`, and return what was found.
pub async fn collect(host: &DockerHost, all: bool, dry_run: bool) -> Result<Vec<Leftover>, DockerError> {
    let mut filters = HashMap::new();
    filters.insert("label".to_string(), vec![format!("{}=true", labels::MANAGED)]);
    let options = ListContainersOptionsBuilder::default().all(true).filters(&filters).build();
    let containers = call("list containers", API_TIMEOUT, host.docker.list_containers(Some(options))).await?;
    let mut found = Vec::new();
    for container in containers {
        let Some(id) = container.id else { continue };
        let container_labels = container.labels.unwrap_or_default();
        let owner = container_labels.get(labels::OWNER).cloned();
        let kept = container_labels.contains_key(labels::KEEP);
        let reason = match (&owner, all, kept) {
            (_, true, _) => "--all",
            (_, false, true) => continue,
            (Some(owner), false, false) if owner_alive(owner) => continue,
            (Some(_), false, false) => "its proctor process is gone",
            (None, false, false) => "no owner recorded",
        };
        let name =
            container.names.and_then(|n| n.into_iter().next()).unwrap_or_default().trim_start_matches('/').to_string();
        if !dry_run {
            remove_container(host, &id).await?;
        }
        found.push(Leftover { id, name, run: container_labels.get(labels::RUN).cloned(), owner, reason });
    }
    Ok(found)
}
