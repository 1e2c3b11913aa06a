//! The run's image cache: each task image is made available once per run, however many trials
//! need it, with a bound on concurrent builds. Engine failures are not cached, so a retried
//! trial tries the build again; Dockerfile failures are, so every trial of that task gets the
//! same `task` error without rebuilding.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::{Mutex, Semaphore};

use crate::docker::{ensure_image, BuildError, DockerHost};
use crate::events::{emit, EventSender, RunEvent};
use crate::task::Task;

type Slot = Arc<Mutex<Option<Result<(), BuildError>>>>;

pub struct ImageCache {
    builds: Semaphore,
    slots: Mutex<HashMap<String, Slot>>,
    logs_dir: PathBuf,
}

impl ImageCache {
    /// `logs_dir` receives one `<task-id>.log` per build.
    pub fn new(max_concurrent_builds: usize, logs_dir: &Path) -> ImageCache {
        ImageCache {
            builds: Semaphore::new(max_concurrent_builds.max(1)),
            slots: Mutex::default(),
            logs_dir: logs_dir.to_path_buf(),
        }
    }

    /// The build log of a task's image, when this run built it.
    pub fn log_path(&self, task: &Task) -> PathBuf {
        self.logs_dir.join(format!("{}.log", task.id))
    }

    /// Make sure the task's image exists on `host`.
    pub async fn ensure(&self, host: &DockerHost, task: &Task, events: &EventSender) -> Result<(), BuildError> {
        let key = format!("{}|{}", host.name, task.image_ref());
        let slot = self.slots.lock().await.entry(key).or_default().clone();
        let mut slot = slot.lock().await;
        if let Some(result) = slot.as_ref() {
            return result.clone();
        }
        let _permit = self.builds.acquire().await.map_err(|e| BuildError::Docker(e.to_string()))?;
        std::fs::create_dir_all(&self.logs_dir)
            .map_err(|e| BuildError::Context { path: self.logs_dir.display().to_string(), message: e.to_string() })?;
        let started = Instant::now();
        emit(events, RunEvent::ImageBuilding { task_id: task.id.clone() });
        let result = ensure_image(host, task, &self.log_path(task)).await;
        match &result {
            Ok(status) => emit(
                events,
                RunEvent::ImageReady {
                    task_id: task.id.clone(),
                    built: *status != crate::docker::ImageStatus::Present,
                    duration: started.elapsed(),
                },
            ),
            Err(e) => emit(events, RunEvent::ImageFailed { task_id: task.id.clone(), message: e.to_string() }),
        }
        let result = result.map(|_| ());
        match &result {
            Err(e) if e.is_infra() => {}
            _ => *slot = Some(result.clone()),
        }
        result
    }
}
