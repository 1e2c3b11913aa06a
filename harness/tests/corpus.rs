//! The shipped corpus is valid: every task builds, its reference solution passes (twice: the
//! verdict is deterministic), and its tests fail on the untouched environment
//! (`proctor tasks check` over `tasks/`).
//!
//! The tamper probes are not part of this check yet: the corpus's agents still run as root, and a
//! root agent can overwrite the interpreters a verifier uses (`tasks check` reports exactly that).
//! The probes themselves are tested in `probes.rs`, against weak verifiers and a hardened task.

mod common;

use std::process::Command;

use common::*;

#[tokio::test(flavor = "multi_thread")]
async fn every_corpus_task_passes_under_oracle_and_fails_under_nop() {
    let _host = docker().await;
    let out = tempfile::tempdir().expect("tempdir");
    let output = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .current_dir(repo_root())
        .args(["tasks", "check", "--plain", "--probes", "none", "-j", "3", "--tasks", "tasks", "--output"])
        .arg(out.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "tasks check failed:\n{stdout}\n{stderr}");
    let tasks = std::fs::read_dir(repo_root().join("tasks"))
        .expect("tasks dir")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("task.toml").is_file())
        .count();
    assert!(tasks >= 6, "the corpus has at least the starter tasks");
    assert!(stdout.contains(&format!("{tasks} of {tasks} tasks valid")), "{stdout}");
}
