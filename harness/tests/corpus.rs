//! The shipped corpus is valid: every task builds, its reference solution passes (twice: the
//! verdict is deterministic), its tests fail on the untouched environment, and no tamper probe
//! fools its verifier (`proctor tasks check` over `tasks/`, every probe).
//!
//! That the probes can fool a verifier at all is tested in `probes.rs`, against deliberately weak
//! verifiers kept as fixtures.

mod common;

use std::process::Command;

use common::*;

#[tokio::test(flavor = "multi_thread")]
async fn every_corpus_task_is_solvable_fails_untouched_and_resists_every_probe() {
    let _host = docker().await;
    let out = tempfile::tempdir().expect("tempdir");
    let output = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .current_dir(repo_root())
        .args(["tasks", "check", "--plain", "--probes", "all", "-j", "3", "--tasks", "tasks", "--output"])
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
