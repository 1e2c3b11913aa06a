//! Tasks: loading a task directory (Harbor layout), validating it, and identifying its content.
//!
//! A task is a directory `tasks/<id>/` with `task.toml`, `instruction.md`, `environment/` (a
//! Dockerfile and its context, or `[environment].docker_image`), `solution/solve.sh` and
//! `tests/test.sh`. The directory name is the task id.

pub mod config;
mod digest;
mod load;
mod scaffold;
mod staging;
mod tb1;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use digest::dir_digest;
pub use load::{discover, load_task, select, TaskError};
pub use scaffold::scaffold;
pub use staging::{StagedDir, VERIFY_SCRIPT};

/// Network policy names a task or agent configuration may use.
pub const NETWORK_MODES: [&str; 2] = ["none", "bridge"];

/// How the task's image is obtained.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageSource {
    /// Build `environment/` (its Dockerfile and context); the tag carries the context's digest.
    Build { context_dir: PathBuf, context_digest: String },
    /// Use a prebuilt image (`[environment].docker_image`).
    Prebuilt { image: String },
}

/// Resource limits and policy for the task's container.
#[derive(Debug, Clone, PartialEq)]
pub struct Resources {
    pub cpus: f64,
    pub memory_mb: u64,
    pub storage_mb: Option<u64>,
    pub pids_limit: i64,
    /// Network during the agent phase: `none` unless the task asks for more.
    pub network_mode: String,
}

/// Free-form metadata proctor understands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskMetadata {
    pub name: Option<String>,
    pub description: Option<String>,
    pub difficulty: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub languages: Vec<String>,
    pub expert_minutes: Option<f64>,
}

/// The layout a task came in.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskFormat {
    /// Harbor: `task.toml`, `environment/`, `solution/solve.sh`, `tests/test.sh`.
    Harbor,
    /// Terminal-Bench 1: `task.yaml`, a root `Dockerfile`, `solution.sh`, `run-tests.sh` and
    /// `tests/`; the verdict comes from pytest's `-rA` summary.
    TerminalBench1,
}

/// A loaded, validated task.
#[derive(Debug, Clone)]
pub struct Task {
    /// The directory name.
    pub id: String,
    pub dir: PathBuf,
    /// Digest of every file in the task directory: identifies the task in results.
    pub digest: String,
    pub instruction: String,
    pub image: ImageSource,
    pub workdir: Option<String>,
    pub env: BTreeMap<String, String>,
    pub resources: Resources,
    pub agent_timeout: Duration,
    pub agent_user: Option<String>,
    pub verifier_timeout: Duration,
    pub verifier_env: BTreeMap<String, String>,
    pub verifier_user: Option<String>,
    pub build_timeout: Duration,
    pub metadata: TaskMetadata,
    pub format: TaskFormat,
}

impl Task {
    pub fn tests_dir(&self) -> PathBuf {
        self.dir.join("tests")
    }

    pub fn solution_dir(&self) -> PathBuf {
        self.dir.join("solution")
    }

    /// The script in `/tests` the verifier runs.
    pub fn verify_script(&self) -> &'static str {
        match self.format {
            TaskFormat::Harbor => VERIFY_SCRIPT,
            TaskFormat::TerminalBench1 => staging::TB1_VERIFY_SCRIPT,
        }
    }

    /// Whether the task ships a reference solution.
    pub fn has_solution(&self) -> bool {
        match self.format {
            TaskFormat::Harbor => self.solution_dir().join("solve.sh").is_file(),
            TaskFormat::TerminalBench1 => self.dir.join("solution.sh").is_file(),
        }
    }

    /// The image reference trials of this task run from.
    pub fn image_ref(&self) -> String {
        match &self.image {
            ImageSource::Prebuilt { image } => image.clone(),
            ImageSource::Build { context_digest, .. } => {
                format!("proctor-task/{}:{}", docker_name(&self.id), proctor_schema::short_digest(context_digest))
            }
        }
    }
}

/// Lowercase a task id into a valid Docker repository path component.
fn docker_name(id: &str) -> String {
    let mut name: String =
        id.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
    while name.starts_with(['-', '_', '.']) {
        name.remove(0);
    }
    if name.is_empty() {
        name.push_str("task");
    }
    name
}

/// The display path of `path` for error messages: relative to the working directory if possible.
pub(crate) fn display_path(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::docker_name;

    #[test]
    fn docker_names_are_valid() {
        assert_eq!(docker_name("Fix_Bug.2"), "fix_bug.2");
        assert_eq!(docker_name("_weird name"), "weird-name");
        assert_eq!(docker_name("__"), "task");
    }
}
