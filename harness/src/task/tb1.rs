//! Terminal-Bench 1 tasks: `task.yaml`, a `Dockerfile` at the root (the whole directory is the
//! build context), `solution.sh`, `run-tests.sh` and `tests/`. The single-service
//! `docker-compose.yaml` every TB1 task carries is accepted; anything more is refused by name.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use super::load::{read, TaskError};
use super::{dir_digest, ImageSource, Resources, Task, TaskFormat, TaskMetadata};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskYaml {
    #[serde(default)]
    instruction: Option<String>,
    /// Older TB1 tasks: `descriptions: [{key: base, description: ...}]`.
    #[serde(default)]
    descriptions: Vec<Description>,
    #[serde(default)]
    author_email: Option<String>,
    #[serde(default)]
    author_name: Option<String>,
    #[serde(default)]
    difficulty: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    parser_name: Option<String>,
    #[serde(default)]
    max_agent_timeout_sec: Option<f64>,
    #[serde(default)]
    max_test_timeout_sec: Option<f64>,
    #[serde(default)]
    run_tests_in_same_shell: Option<bool>,
    #[serde(default)]
    disable_asciinema: Option<bool>,
    #[serde(default)]
    estimated_duration_sec: Option<f64>,
    #[serde(default)]
    expert_time_estimate_min: Option<f64>,
    #[serde(default)]
    junior_time_estimate_min: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Description {
    key: String,
    description: String,
}

pub(super) fn load(dir: &Path, id: String) -> Result<Task, TaskError> {
    let yaml_path = dir.join("task.yaml");
    let text = read(&yaml_path, "task.yaml")?;
    let config: TaskYaml = serde_norway::from_str(&text)
        .map_err(|e| TaskError::Parse { path: yaml_path.clone(), message: e.to_string() })?;
    let field = |field: &'static str, expected: String| TaskError::Field { path: yaml_path.clone(), field, expected };

    if let Some(parser) = config.parser_name.as_deref().filter(|p| *p != "pytest") {
        return Err(TaskError::Unsupported {
            path: yaml_path.clone(),
            feature: format!("the `{parser}` test-output parser (only pytest)"),
        });
    }
    if config.run_tests_in_same_shell == Some(true) {
        return Err(TaskError::Unsupported {
            path: yaml_path.clone(),
            feature: "run_tests_in_same_shell (tests always run in a fresh shell after the agent phase)".into(),
        });
    }
    if dir.join("solution.yaml").is_file() {
        return Err(TaskError::Unsupported {
            path: dir.join("solution.yaml"),
            feature: "a command-list solution (solution.yaml)".into(),
        });
    }
    check_compose(dir)?;
    let instruction = match (&config.instruction, config.descriptions.iter().find(|d| d.key == "base")) {
        (Some(text), _) => text.clone(),
        (None, Some(base)) => base.description.clone(),
        (None, None) => {
            return Err(field("instruction", "the task's instruction (or descriptions with key `base`)".into()))
        }
    };
    if instruction.trim().is_empty() {
        return Err(field("instruction", "a non-empty instruction".into()));
    }
    for (name, value) in
        [("max_agent_timeout_sec", config.max_agent_timeout_sec), ("max_test_timeout_sec", config.max_test_timeout_sec)]
    {
        if let Some(v) = value {
            if !(v.is_finite() && v > 0.0) {
                return Err(field(name, format!("a positive number of seconds, found {v}")));
            }
        }
    }
    for (path, what) in [
        (dir.join("Dockerfile"), "the task's Dockerfile"),
        (dir.join("run-tests.sh"), "run-tests.sh (the test runner)"),
        (dir.join("tests"), "the tests/ directory"),
    ] {
        if !path.exists() {
            return Err(TaskError::Missing { path, what });
        }
    }
    let digest = dir_digest(dir).map_err(|source| TaskError::Io { path: dir.to_path_buf(), source })?;
    let _ = (
        &config.author_email,
        &config.author_name,
        config.disable_asciinema,
        config.estimated_duration_sec,
        config.junior_time_estimate_min,
    );
    Ok(Task {
        id,
        dir: dir.to_path_buf(),
        digest: digest.clone(),
        instruction,
        image: ImageSource::Build { context_dir: dir.to_path_buf(), context_digest: digest },
        workdir: None,
        env: BTreeMap::new(),
        resources: Resources {
            cpus: 1.0,
            memory_mb: 2048,
            storage_mb: None,
            pids_limit: 4096,
            network_mode: "none".into(),
        },
        agent_timeout: Duration::from_secs_f64(config.max_agent_timeout_sec.unwrap_or(360.0)),
        agent_user: None,
        verifier_timeout: Duration::from_secs_f64(config.max_test_timeout_sec.unwrap_or(60.0)),
        verifier_env: BTreeMap::from([("TEST_DIR".to_string(), "/tests".to_string())]),
        verifier_user: None,
        build_timeout: Duration::from_secs(600),
        metadata: TaskMetadata {
            name: None,
            description: None,
            difficulty: config.difficulty,
            category: config.category,
            tags: config.tags,
            languages: Vec::new(),
            expert_minutes: config.expert_time_estimate_min,
        },
        format: TaskFormat::TerminalBench1,
    })
}

/// TB1 tasks carry a compose file for one `client` service built from the task directory; a
/// second service (a database, a server) is more than proctor runs.
fn check_compose(dir: &Path) -> Result<(), TaskError> {
    for name in ["docker-compose.yaml", "docker-compose.yml"] {
        let path = dir.join(name);
        if !path.is_file() {
            continue;
        }
        let text = read(&path, "docker-compose.yaml")?;
        let compose: serde_norway::Value = serde_norway::from_str(&text)
            .map_err(|e| TaskError::Parse { path: path.clone(), message: e.to_string() })?;
        let services = compose.get("services").and_then(|s| s.as_mapping()).map(|m| m.len()).unwrap_or(0);
        if services > 1 {
            return Err(TaskError::Unsupported {
                path,
                feature: format!("a docker-compose environment with {services} services"),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tb1_dir(yaml: &str) -> tempfile::TempDir {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = root.path();
        std::fs::write(dir.join("task.yaml"), yaml).expect("write");
        std::fs::write(dir.join("Dockerfile"), "FROM debian:bookworm-slim\n").expect("write");
        std::fs::write(dir.join("run-tests.sh"), "pytest -rA\n").expect("write");
        std::fs::create_dir(dir.join("tests")).expect("mkdir");
        root
    }

    #[test]
    fn loads_instruction_and_timeouts() {
        let dir = tb1_dir("instruction: do it\nmax_agent_timeout_sec: 120\ndifficulty: hard\n");
        let task = load(dir.path(), "t".into()).expect("loads");
        assert_eq!(task.instruction, "do it");
        assert_eq!(task.agent_timeout, Duration::from_secs(120));
        assert_eq!(task.metadata.difficulty.as_deref(), Some("hard"));
    }

    #[test]
    fn older_descriptions_are_read() {
        let dir = tb1_dir("descriptions:\n  - key: base\n    description: from base\n");
        assert_eq!(load(dir.path(), "t".into()).expect("loads").instruction, "from base");
    }

    #[test]
    fn unknown_keys_and_unsupported_pieces_are_named() {
        let dir = tb1_dir("instruction: x\nmax_agent_timeout: 5\n");
        let message = load(dir.path(), "t".into()).expect_err("unknown key").to_string();
        assert!(message.contains("task.yaml") && message.contains("max_agent_timeout"), "{message}");

        let dir = tb1_dir("instruction: x\nparser_name: swebench\n");
        assert!(load(dir.path(), "t".into()).expect_err("parser").to_string().contains("swebench"));

        let dir = tb1_dir("instruction: x\n");
        std::fs::write(dir.path().join("docker-compose.yaml"), "services:\n  client: {}\n  db: {}\n").expect("write");
        let message = load(dir.path(), "t".into()).expect_err("compose").to_string();
        assert!(message.contains("2 services"), "{message}");

        let dir = tb1_dir("instruction: x\n");
        std::fs::write(dir.path().join("solution.yaml"), "- command: ls\n").expect("write");
        assert!(load(dir.path(), "t".into()).expect_err("solution.yaml").to_string().contains("solution.yaml"));
    }
}
