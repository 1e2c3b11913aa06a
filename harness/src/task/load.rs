//! Loading and validating task directories. Every error names the file and, where there is one,
//! the field at fault and what was expected.

use std::path::{Path, PathBuf};
use std::time::Duration;

use globset::{Glob, GlobSetBuilder};

use super::config::{parse_size_mb, TaskToml};
use super::{dir_digest, display_path, ImageSource, Resources, Task, TaskMetadata, NETWORK_MODES};

/// Why a task could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum TaskError {
    #[error("{}: missing {what}", display_path(path))]
    Missing { path: PathBuf, what: &'static str },
    #[error("{}: {source}", display_path(path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: invalid TOML: {message}", display_path(path))]
    Parse { path: PathBuf, message: String },
    #[error("{}: field `{field}`: {expected}", display_path(path))]
    Field { path: PathBuf, field: &'static str, expected: String },
    #[error("{}: {feature} is not supported by proctor yet", display_path(path))]
    Unsupported { path: PathBuf, feature: String },
    #[error("{}: not a directory of tasks (no such directory)", display_path(path))]
    NoTasksDir { path: PathBuf },
    #[error("--task `{pattern}`: {message}")]
    BadPattern { pattern: String, message: String },
    #[error("--task {patterns}: no task in {} matches", display_path(dir))]
    NoMatch { patterns: String, dir: PathBuf },
}

/// The task directories under `tasks_dir`: every subdirectory holding a `task.toml` (Harbor) or a
/// `task.yaml` (Terminal-Bench 1), sorted.
/// Subdirectories starting with `.` or `_` are skipped (shared files, templates).
pub fn discover(tasks_dir: &Path) -> Result<Vec<PathBuf>, TaskError> {
    if !tasks_dir.is_dir() {
        return Err(TaskError::NoTasksDir { path: tasks_dir.to_path_buf() });
    }
    let entries =
        std::fs::read_dir(tasks_dir).map_err(|source| TaskError::Io { path: tasks_dir.to_path_buf(), source })?;
    let mut dirs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| TaskError::Io { path: tasks_dir.to_path_buf(), source })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() && (path.join("task.toml").is_file() || path.join("task.yaml").is_file()) {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// Keep the task directories whose id matches any of `patterns` (globs); all when empty.
pub fn select(dirs: Vec<PathBuf>, patterns: &[String], tasks_dir: &Path) -> Result<Vec<PathBuf>, TaskError> {
    if patterns.is_empty() {
        return Ok(dirs);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern)
            .map_err(|e| TaskError::BadPattern { pattern: pattern.clone(), message: e.kind().to_string() })?;
        builder.add(glob);
    }
    let set =
        builder.build().map_err(|e| TaskError::BadPattern { pattern: patterns.join(" "), message: e.to_string() })?;
    let selected: Vec<PathBuf> = dirs
        .into_iter()
        .filter(|dir| dir.file_name().is_some_and(|name| set.is_match(name.to_string_lossy().as_ref())))
        .collect();
    if selected.is_empty() {
        return Err(TaskError::NoMatch { patterns: patterns.join(" "), dir: tasks_dir.to_path_buf() });
    }
    Ok(selected)
}

/// Load and validate the task in `dir`.
pub fn load_task(dir: &Path) -> Result<Task, TaskError> {
    let id = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| TaskError::Missing { path: dir.to_path_buf(), what: "a directory name (the task id)" })?;
    if !dir.join("task.toml").is_file() && dir.join("task.yaml").is_file() {
        return super::tb1::load(dir, id);
    }
    let toml_path = dir.join("task.toml");
    let text = read(&toml_path, "task.toml")?;
    let config: TaskToml =
        toml::from_str(&text).map_err(|e| TaskError::Parse { path: toml_path.clone(), message: e.to_string() })?;
    let field = |field: &'static str, expected: String| TaskError::Field { path: toml_path.clone(), field, expected };
    let unsupported = |feature: &str| TaskError::Unsupported { path: toml_path.clone(), feature: feature.to_string() };

    // Refuse what we cannot honour, by name.
    if config.steps.is_some() {
        return Err(unsupported("a multi-step task (`steps`)"));
    }
    let env = &config.environment;
    if let Some(os) = &env.os {
        if !os.eq_ignore_ascii_case("linux") {
            return Err(field("environment.os", format!("`linux` (proctor runs Linux containers only), found `{os}`")));
        }
    }
    if env.gpus.unwrap_or(0) > 0 || env.gpu_types.is_some() {
        return Err(unsupported("a task that needs GPUs (`environment.gpus`)"));
    }
    if env.mcp_servers.is_some() {
        return Err(unsupported("MCP servers (`environment.mcp_servers`)"));
    }
    if env.skills_dir.is_some() {
        return Err(unsupported("agent skills (`environment.skills_dir`)"));
    }
    let environment_dir = dir.join("environment");
    for compose in ["docker-compose.yaml", "docker-compose.yml", "compose.yaml", "compose.yml"] {
        if environment_dir.join(compose).is_file() {
            return Err(TaskError::Unsupported {
                path: environment_dir.join(compose),
                feature: "a docker-compose environment".into(),
            });
        }
    }

    for (name, value) in [
        ("agent.timeout_sec", config.agent.timeout_sec),
        ("verifier.timeout_sec", config.verifier.timeout_sec),
        ("environment.build_timeout_sec", env.build_timeout_sec),
    ] {
        if !(value.is_finite() && value > 0.0) {
            return Err(field(name, format!("a positive number of seconds, found {value}")));
        }
    }
    let cpus = env.cpus.unwrap_or(1.0);
    if !(cpus.is_finite() && cpus > 0.0) {
        return Err(field("environment.cpus", format!("a positive number of CPUs, found {cpus}")));
    }
    let memory_mb = match (env.memory_mb, &env.memory) {
        (Some(mb), _) => mb,
        (None, Some(text)) => parse_size_mb(text)
            .ok_or_else(|| field("environment.memory", format!("a size like \"2G\" or \"512M\", found \"{text}\"")))?,
        (None, None) => 2048,
    };
    if memory_mb < 64 {
        return Err(field("environment.memory_mb", format!("at least 64 (MB), found {memory_mb}")));
    }
    let storage_mb = match (env.storage_mb, &env.storage) {
        (Some(mb), _) => Some(mb),
        (None, Some(text)) => Some(
            parse_size_mb(text)
                .ok_or_else(|| field("environment.storage", format!("a size like \"10G\", found \"{text}\"")))?,
        ),
        (None, None) => None,
    };
    let network_mode = match (&env.network_mode, env.allow_internet) {
        (Some(mode), _) => {
            if !NETWORK_MODES.contains(&mode.as_str()) {
                return Err(field(
                    "environment.network_mode",
                    format!("one of {}, found `{mode}`", NETWORK_MODES.join(", ")),
                ));
            }
            mode.clone()
        }
        (None, Some(true)) => "bridge".to_string(),
        (None, _) => "none".to_string(),
    };
    if let Some(workdir) = &env.workdir {
        if !workdir.starts_with('/') {
            return Err(field("environment.workdir", format!("an absolute path, found `{workdir}`")));
        }
    }

    let image = match &env.docker_image {
        Some(image) if image.trim().is_empty() => {
            return Err(field("environment.docker_image", "an image reference, found an empty string".into()))
        }
        Some(image) => ImageSource::Prebuilt { image: image.clone() },
        None => {
            if !environment_dir.join("Dockerfile").is_file() {
                return Err(TaskError::Missing {
                    path: environment_dir.join("Dockerfile"),
                    what: "the environment's Dockerfile (or set `[environment].docker_image` in task.toml)",
                });
            }
            let context_digest = dir_digest(&environment_dir)
                .map_err(|source| TaskError::Io { path: environment_dir.clone(), source })?;
            ImageSource::Build { context_dir: environment_dir, context_digest }
        }
    };

    let instruction = read(&dir.join("instruction.md"), "instruction.md (what the agent is told)")?;
    if instruction.trim().is_empty() {
        return Err(TaskError::Field {
            path: dir.join("instruction.md"),
            field: "(contents)",
            expected: "a non-empty instruction".into(),
        });
    }
    if !dir.join("tests").join("test.sh").is_file() {
        return Err(TaskError::Missing { path: dir.join("tests").join("test.sh"), what: "the verifier script" });
    }
    let digest = dir_digest(dir).map_err(|source| TaskError::Io { path: dir.to_path_buf(), source })?;

    let metadata = TaskMetadata {
        name: config.task.name.clone(),
        description: config.task.description.clone(),
        difficulty: meta_string(&config.metadata, "difficulty"),
        category: meta_string(&config.metadata, "category"),
        tags: merge(meta_strings(&config.metadata, "tags"), &config.task.keywords),
        languages: meta_strings(&config.metadata, "languages"),
        expert_minutes: config
            .metadata
            .get("expert_time_estimate_min")
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64))),
    };

    Ok(Task {
        id,
        dir: dir.to_path_buf(),
        digest,
        instruction,
        image,
        workdir: env.workdir.clone(),
        env: env.env.clone(),
        resources: Resources { cpus, memory_mb, storage_mb, pids_limit: 4096, network_mode },
        agent_timeout: Duration::from_secs_f64(config.agent.timeout_sec),
        agent_user: config.agent.user.clone(),
        verifier_timeout: Duration::from_secs_f64(config.verifier.timeout_sec),
        verifier_env: config.verifier.env.clone(),
        verifier_user: config.verifier.user.clone(),
        build_timeout: Duration::from_secs_f64(env.build_timeout_sec),
        metadata,
        format: super::TaskFormat::Harbor,
    })
}

pub(super) fn read(path: &Path, what: &'static str) -> Result<String, TaskError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(TaskError::Missing { path: path.to_path_buf(), what })
        }
        Err(source) => Err(TaskError::Io { path: path.to_path_buf(), source }),
    }
}

fn meta_string(table: &toml::Table, key: &str) -> Option<String> {
    table.get(key).and_then(|v| v.as_str()).map(str::to_string)
}

fn meta_strings(table: &toml::Table, key: &str) -> Vec<String> {
    match table.get(key) {
        Some(toml::Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        Some(toml::Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    }
}

fn merge(mut tags: Vec<String>, more: &[String]) -> Vec<String> {
    for tag in more {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task_dir(toml: &str) -> tempfile::TempDir {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = root.path();
        std::fs::write(dir.join("task.toml"), toml).expect("write");
        std::fs::write(dir.join("instruction.md"), "Do the thing.").expect("write");
        std::fs::create_dir_all(dir.join("environment")).expect("mkdir");
        std::fs::write(dir.join("environment/Dockerfile"), "FROM debian:bookworm-slim\n").expect("write");
        std::fs::create_dir_all(dir.join("tests")).expect("mkdir");
        std::fs::write(dir.join("tests/test.sh"), "echo 1 > /logs/verifier/reward.txt\n").expect("write");
        root
    }

    #[test]
    fn loads_a_harbor_task_with_defaults() {
        let dir = task_dir("version = \"1.0\"\n[metadata]\ndifficulty = \"easy\"\nanything = { goes = 1 }\n[agent]\ntimeout_sec = 30.0\n");
        let task = load_task(dir.path()).expect("loads");
        assert_eq!(task.agent_timeout, Duration::from_secs(30));
        assert_eq!(task.verifier_timeout, Duration::from_secs(600));
        assert_eq!(task.resources.network_mode, "none");
        assert_eq!(task.resources.memory_mb, 2048);
        assert_eq!(task.metadata.difficulty.as_deref(), Some("easy"));
        assert!(task.image_ref().starts_with("proctor-task/"));
    }

    #[test]
    fn unknown_field_names_file_and_field() {
        let dir = task_dir("[agent]\ntimeout_secs = 30\n");
        let message = load_task(dir.path()).expect_err("must fail").to_string();
        assert!(message.contains("task.toml"), "{message}");
        assert!(message.contains("timeout_secs"), "{message}");
        assert!(message.contains("line 2"), "{message}");
    }

    #[test]
    fn bad_values_name_the_field() {
        let dir = task_dir("[environment]\nnetwork_mode = \"host\"\n");
        let message = load_task(dir.path()).expect_err("must fail").to_string();
        assert!(message.contains("environment.network_mode") && message.contains("host"), "{message}");

        let dir = task_dir("[verifier]\ntimeout_sec = -1.0\n");
        let message = load_task(dir.path()).expect_err("must fail").to_string();
        assert!(message.contains("verifier.timeout_sec"), "{message}");

        let dir = task_dir("[environment]\nmemory = \"much\"\n");
        let message = load_task(dir.path()).expect_err("must fail").to_string();
        assert!(message.contains("environment.memory"), "{message}");
    }

    #[test]
    fn wrong_type_is_reported_with_location() {
        let dir = task_dir("[agent]\ntimeout_sec = \"soon\"\n");
        let message = load_task(dir.path()).expect_err("must fail").to_string();
        assert!(message.contains("timeout_sec") && message.contains("line 2"), "{message}");
    }

    #[test]
    fn unsupported_features_are_refused_by_name() {
        let dir = task_dir("[[steps]]\ninstruction = \"a\"\n");
        assert!(load_task(dir.path()).expect_err("refused").to_string().contains("multi-step"));

        let dir = task_dir("");
        std::fs::write(dir.path().join("environment/docker-compose.yaml"), "services: {}\n").expect("write");
        let message = load_task(dir.path()).expect_err("refused").to_string();
        assert!(message.contains("docker-compose"), "{message}");

        let dir = task_dir("[environment]\ngpus = 1\n");
        assert!(load_task(dir.path()).expect_err("refused").to_string().contains("GPU"));
    }

    #[test]
    fn missing_dockerfile_is_named() {
        let dir = task_dir("");
        std::fs::remove_file(dir.path().join("environment/Dockerfile")).expect("rm");
        let message = load_task(dir.path()).expect_err("must fail").to_string();
        assert!(message.contains("Dockerfile") && message.contains("docker_image"), "{message}");

        let dir = task_dir("[environment]\ndocker_image = \"debian:bookworm-slim\"\n");
        std::fs::remove_file(dir.path().join("environment/Dockerfile")).expect("rm");
        let task = load_task(dir.path()).expect("prebuilt image needs no Dockerfile");
        assert_eq!(task.image_ref(), "debian:bookworm-slim");
    }

    #[test]
    fn allow_internet_maps_to_bridge() {
        let dir = task_dir("[environment]\nallow_internet = true\n");
        assert_eq!(load_task(dir.path()).expect("loads").resources.network_mode, "bridge");
    }

    #[test]
    fn select_by_glob() {
        let dirs = vec![PathBuf::from("t/py-fix"), PathBuf::from("t/c-build"), PathBuf::from("t/py-data")];
        let picked = select(dirs.clone(), &["py-*".into()], Path::new("t")).expect("matches");
        assert_eq!(picked.len(), 2);
        assert!(matches!(select(dirs, &["rust-*".into()], Path::new("t")), Err(TaskError::NoMatch { .. })));
    }
}
