//! `proctor tasks new NAME`: a new task directory from a working template whose verifier is fail
//! closed (reward 0 before anything can fail) and writes per-test results.

use std::path::{Path, PathBuf};

use super::TaskError;

const FILES: [(&str, &str, u32); 7] = [
    ("task.toml", include_str!("templates/task.toml"), 0o644),
    ("instruction.md", include_str!("templates/instruction.md"), 0o644),
    ("environment/Dockerfile", include_str!("templates/Dockerfile"), 0o644),
    ("environment/app/greet.sh", include_str!("templates/greet.sh"), 0o755),
    ("solution/solve.sh", include_str!("templates/solve.sh"), 0o755),
    ("tests/test.sh", include_str!("templates/test.sh"), 0o755),
    (".gitattributes", "*.sh text eol=lf\n", 0o644),
];

/// Create `tasks_dir/name/` from the template. Refuses an invalid name or an existing directory.
pub fn scaffold(tasks_dir: &Path, name: &str) -> Result<PathBuf, TaskError> {
    let valid = !name.is_empty()
        && name.len() <= 100
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        return Err(TaskError::BadPattern {
            pattern: name.to_string(),
            message: "a task name is lowercase letters, digits, `-` and `_`, starting with a letter or digit".into(),
        });
    }
    let dir = tasks_dir.join(name);
    if dir.exists() {
        return Err(TaskError::Field { path: dir, field: "(directory)", expected: "a name no task uses yet".into() });
    }
    for (relative, contents, mode) in FILES {
        let path = dir.join(relative);
        let io = |source| TaskError::Io { path: path.clone(), source };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, contents.replace("{{NAME}}", name)).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).map_err(io)?;
        }
        #[cfg(not(unix))]
        let _ = mode;
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffolded_task_loads() {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = scaffold(root.path(), "my-task").expect("scaffold");
        let task = super::super::load_task(&dir).expect("the template is a valid task");
        assert_eq!(task.metadata.name.as_deref(), Some("my-task"));
        assert_eq!(task.agent_user.as_deref(), Some("agent"));
        assert!(task.has_solution());
        assert!(scaffold(root.path(), "my-task").is_err(), "refuses to overwrite");
        assert!(scaffold(root.path(), "Bad Name").is_err());
    }

    #[test]
    fn template_verifier_is_valid_bash() {
        let status = std::process::Command::new("bash")
            .args(["-n", concat!(env!("CARGO_MANIFEST_DIR"), "/src/task/templates/test.sh")])
            .status()
            .expect("bash runs");
        assert!(status.success());
    }
}
