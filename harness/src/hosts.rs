//! Several Docker hosts: each with its own concurrency. A trial attempt leases a slot on the
//! least-loaded healthy host. A host that stops answering is drained: it gets no new trials, its
//! capacity is withdrawn, and trials that failed on it run elsewhere.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::docker::DockerHost;

/// One host and how many trials it runs at once.
#[derive(Debug, Clone)]
pub struct HostSpec {
    pub host: DockerHost,
    pub capacity: usize,
}

#[derive(Debug)]
struct HostState {
    in_use: usize,
    healthy: bool,
}

#[derive(Debug)]
struct Inner {
    hosts: Vec<HostSpec>,
    state: Mutex<(Vec<HostState>, usize)>,
    permits: Arc<Semaphore>,
    closed: AtomicBool,
}

/// The run's Docker hosts.
#[derive(Debug, Clone)]
pub struct HostPool {
    inner: Arc<Inner>,
}

/// A slot on one host, released when dropped.
#[derive(Debug)]
pub struct Lease {
    inner: Arc<Inner>,
    index: usize,
    permit: Option<OwnedSemaphorePermit>,
}

impl Lease {
    pub fn host(&self) -> &DockerHost {
        &self.inner.hosts[self.index].host
    }

    pub fn index(&self) -> usize {
        self.index
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        let mut guard = self.inner.state.lock().unwrap_or_else(|p| p.into_inner());
        let (states, debt) = &mut *guard;
        states[self.index].in_use -= 1;
        let permit = self.permit.take();
        if !states[self.index].healthy {
            // This slot belonged to a drained host: it leaves the pool.
            if let Some(permit) = permit {
                permit.forget();
            }
        } else if *debt > 0 {
            *debt -= 1;
            if let Some(permit) = permit {
                permit.forget();
            }
        }
    }
}

impl HostPool {
    pub fn new(hosts: Vec<HostSpec>) -> HostPool {
        let total = hosts.iter().map(|h| h.capacity.max(1)).sum();
        let states = hosts.iter().map(|_| HostState { in_use: 0, healthy: true }).collect();
        HostPool {
            inner: Arc::new(Inner {
                hosts,
                state: Mutex::new((states, 0)),
                permits: Arc::new(Semaphore::new(total)),
                closed: AtomicBool::new(false),
            }),
        }
    }

    /// Total concurrency of the healthy hosts.
    pub fn capacity(&self) -> usize {
        let guard = self.inner.state.lock().unwrap_or_else(|p| p.into_inner());
        self.inner.hosts.iter().zip(guard.0.iter()).filter(|(_, s)| s.healthy).map(|(h, _)| h.capacity.max(1)).sum()
    }

    pub fn hosts(&self) -> impl Iterator<Item = &DockerHost> {
        self.inner.hosts.iter().map(|h| &h.host)
    }

    /// Wait for a slot on a healthy host. `None` once every host is drained.
    pub async fn acquire(&self) -> Option<Lease> {
        let permit = self.inner.permits.clone().acquire_owned().await.ok()?;
        let mut guard = self.inner.state.lock().unwrap_or_else(|p| p.into_inner());
        let (states, _) = &mut *guard;
        let index = (0..states.len())
            .filter(|&i| states[i].healthy && states[i].in_use < self.inner.hosts[i].capacity.max(1))
            .min_by(|&a, &b| {
                let load = |i: usize| states[i].in_use as f64 / self.inner.hosts[i].capacity.max(1) as f64;
                load(a).total_cmp(&load(b))
            })?;
        states[index].in_use += 1;
        Some(Lease { inner: self.inner.clone(), index, permit: Some(permit) })
    }

    /// Whether the host behind `lease` still answers; a host that does not is drained. Returns
    /// true when the host is (still) healthy.
    pub async fn check(&self, lease: &Lease) -> bool {
        let answered =
            matches!(tokio::time::timeout(Duration::from_secs(5), lease.host().docker.ping()).await, Ok(Ok(_)));
        if !answered {
            self.drain(lease.index);
        }
        answered
    }

    /// Stop using host `index`.
    pub fn drain(&self, index: usize) {
        let mut guard = self.inner.state.lock().unwrap_or_else(|p| p.into_inner());
        let (states, debt) = &mut *guard;
        if !states[index].healthy {
            return;
        }
        states[index].healthy = false;
        // Its idle slots leave the pool now; its busy ones when they are released.
        let idle = self.inner.hosts[index].capacity.max(1) - states[index].in_use;
        *debt += idle;
        let forgotten = self.inner.permits.forget_permits(*debt);
        *debt -= forgotten;
        if states.iter().all(|s| !s.healthy) && !self.inner.closed.swap(true, Ordering::SeqCst) {
            self.inner.permits.close();
        }
    }

    /// Whether host `index` was drained.
    pub fn is_drained(&self, index: usize) -> bool {
        let guard = self.inner.state.lock().unwrap_or_else(|p| p.into_inner());
        !guard.0[index].healthy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake(name: &str, capacity: usize) -> HostSpec {
        // A plain file where the socket should be: the client is built (it connects lazily), and
        // every call fails, as with a daemon that stopped answering.
        let path = std::env::temp_dir().join(format!("proctor-fake-{}-{name}.sock", std::process::id()));
        std::fs::write(&path, b"").expect("placeholder");
        let docker = bollard::Docker::connect_with_unix(&path.to_string_lossy(), 1, bollard::API_DEFAULT_VERSION)
            .expect("client");
        HostSpec { host: DockerHost { docker, name: name.into(), version: None }, capacity }
    }

    #[tokio::test]
    async fn leases_go_to_the_least_loaded_host_within_capacity() {
        let pool = HostPool::new(vec![fake("a", 2), fake("b", 1)]);
        assert_eq!(pool.capacity(), 3);
        let first = pool.acquire().await.expect("lease");
        let second = pool.acquire().await.expect("lease");
        let third = pool.acquire().await.expect("lease");
        let mut names = vec![first.host().name.clone(), second.host().name.clone(), third.host().name.clone()];
        names.sort();
        assert_eq!(names, ["a", "a", "b"]);
        // Full: a fourth waits until one is released.
        assert!(tokio::time::timeout(Duration::from_millis(50), pool.acquire()).await.is_err());
        drop(third);
        assert!(tokio::time::timeout(Duration::from_millis(50), pool.acquire()).await.is_ok());
    }

    #[tokio::test]
    async fn a_host_that_does_not_answer_is_drained_and_its_capacity_withdrawn() {
        let pool = HostPool::new(vec![fake("dead", 2), fake("other", 1)]);
        let lease = pool.acquire().await.expect("lease");
        let index = lease.index();
        assert!(!pool.check(&lease).await, "no daemon behind the fake socket");
        assert!(pool.is_drained(index));
        drop(lease);
        // Only the other host's slot is left.
        let only = pool.acquire().await.expect("lease");
        assert_ne!(only.index(), index);
        assert!(tokio::time::timeout(Duration::from_millis(50), pool.acquire()).await.is_err());
        drop(only);
        pool.drain(1 - index);
        assert!(pool.acquire().await.is_none(), "no host left");
    }
}
