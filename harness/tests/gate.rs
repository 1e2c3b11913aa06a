//! The nightly regression gate through the `proctor` binary: `report --baseline PREVIOUS
//! --fail-on-regression` exits 4 on a constructed regression (and says why in Markdown) and 0 on
//! noise.

use std::path::Path;
use std::process::Command;

use chrono::{Duration, Utc};
use proctor_schema::{PhaseTimings, RunManifest, TrialRecord, Usage, Verdict, SCHEMA_VERSION};

/// A run in which agent `a` attempted 20 tasks once and failed the first `failures` of them.
fn write_run(dir: &Path, run_id: &str, days_ago: i64, failures: usize) {
    std::fs::create_dir_all(dir.join("trials")).expect("mkdir");
    let created = Utc::now() - Duration::days(days_ago);
    let manifest: RunManifest = serde_json::from_value(serde_json::json!({
        "schema_version": SCHEMA_VERSION, "run_id": run_id, "created_at": created, "finished_at": created,
        "proctor_version": "test", "invocation": [], "host": {}, "attempts": 1, "concurrency": 1,
        "tasks": [], "agents": [{"name": "a", "digest": "sha256:a", "kind": "test"}]
    }))
    .expect("manifest");
    std::fs::write(dir.join("run.json"), serde_json::to_vec_pretty(&manifest).expect("json")).expect("run.json");
    let mut lines = String::new();
    for task in 0..20 {
        let passed = task >= failures;
        let record = TrialRecord {
            schema_version: SCHEMA_VERSION,
            run_id: run_id.into(),
            trial_id: format!("task-{task:02}.a.0.00000000"),
            task_id: format!("task-{task:02}"),
            task_digest: format!("sha256:{task}"),
            agent: "a".into(),
            agent_digest: "sha256:a".into(),
            attempt: 0,
            started_at: created,
            finished_at: created,
            verdict: if passed { Verdict::Passed } else { Verdict::Failed },
            reward: Some(if passed { 1.0 } else { 0.0 }),
            rewards: Default::default(),
            error: None,
            stop_reason: None,
            usage: Usage::default(),
            timings: PhaseTimings::default(),
            tests: Vec::new(),
            retries: Vec::new(),
            docker_host: None,
            artifacts: format!("trials/task-{task:02}.a.0.00000000"),
        };
        lines.push_str(&serde_json::to_string(&record).expect("json"));
        lines.push('\n');
    }
    std::fs::write(dir.join("trials.jsonl"), lines).expect("trials.jsonl");
}

fn gate(previous: &Path, tonight: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .arg("report")
        .arg(tonight)
        .arg("--baseline")
        .arg(previous)
        .args(["--format", "md", "--fail-on-regression"])
        .output()
        .expect("proctor report");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_significant_regression_exits_4_and_noise_exits_0() {
    let root = tempfile::tempdir().expect("tempdir");
    let previous = root.path().join("previous");
    write_run(&previous, "previous", 1, 0);

    let regressed = root.path().join("regressed");
    write_run(&regressed, "regressed", 0, 15);
    let (code, markdown) = gate(&previous, &regressed);
    assert_eq!(code, Some(4), "{markdown}");
    assert!(markdown.to_lowercase().contains("regress"), "the report says why: {markdown}");

    let noisy = root.path().join("noisy");
    write_run(&noisy, "noisy", 0, 1);
    let (code, markdown) = gate(&previous, &noisy);
    assert_eq!(code, Some(0), "one lost task out of 20 is noise: {markdown}");
}
