//! The `proctor` binary end to end: exit codes, error messages, interruption and resume.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn proctor() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_proctor"));
    command.current_dir(repo_root());
    command
}

#[test]
fn a_malformed_task_toml_names_the_file_and_the_field() {
    let output = proctor()
        .args(["run", "--agent", "nop", "--tasks"])
        .arg(fixtures().join("bad-tasks"))
        .arg("--output")
        .arg(tempfile::tempdir().expect("tempdir").path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bad-field/task.toml"), "{stderr}");
    assert!(stderr.contains("unknown field `cpu`"), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "one error, printed once: {stderr}");
}

#[test]
fn an_unknown_agent_is_a_usage_error() {
    let output = proctor()
        .args(["run", "--agent", "no-such-agent", "--tasks"])
        .arg(fixtures().join("tasks"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no-such-agent"), "{stderr}");
}

#[test]
fn unreachable_docker_is_one_clear_error() {
    let out = tempfile::tempdir().expect("tempdir");
    let output = proctor()
        .args(["run", "--agent", "nop", "--docker-host", "unix:///nonexistent/docker.sock", "--tasks"])
        .arg(fixtures().join("tasks"))
        .arg("--output")
        .arg(out.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot reach the Docker Engine at unix:///nonexistent/docker.sock"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(std::fs::read_dir(out.path()).expect("read").next().is_none(), "nothing was created");
}

#[test]
fn tasks_list_shows_the_fixture_tasks() {
    let output = proctor().args(["tasks", "list", "--tasks"]).arg(fixtures().join("tasks")).output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    for task in ["basic", "no-reward", "slow-solve", "slow-verifier"] {
        assert!(stdout.contains(task), "{stdout}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_interrupted_run_leaves_no_container_and_resume_finishes_it_exactly_once() {
    let host = docker().await;
    let out = tempfile::tempdir().expect("tempdir");
    let run_id = unique("interrupt");
    let run_dir = out.path().join(&run_id);
    let mut child = proctor()
        .args([
            "run",
            "--plain",
            "-a",
            "oracle,nop",
            "-k",
            "2",
            "-j",
            "2",
            "--task",
            "basic",
            "--task",
            "slow-solve",
            "--run-id",
            &run_id,
            "--tasks",
        ])
        .arg(fixtures().join("tasks"))
        .arg("--output")
        .arg(out.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Interrupt once the first trial is recorded and a slow one is surely running.
    let deadline = Instant::now() + Duration::from_secs(120);
    while read_records(&run_dir.join("trials.jsonl")).is_empty() {
        assert!(Instant::now() < deadline, "no trial finished in time");
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_secs(2));
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().expect("kill").success());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(130));
    assert!(containers_of_run(&host, &run_id).await.is_empty(), "no container is left behind");
    let recorded_before = read_records(&run_dir.join("trials.jsonl")).len();
    assert!(recorded_before < 8, "the run was really interrupted ({recorded_before} of 8 recorded)");

    let resumed = proctor().args(["run", "--plain", "--resume"]).arg(&run_dir).output().expect("resume");
    assert_eq!(resumed.status.code(), Some(0), "{}", String::from_utf8_lossy(&resumed.stderr));
    let records = read_records(&run_dir.join("trials.jsonl"));
    let mut ids: Vec<&str> = records.iter().filter_map(|r| r["trial_id"].as_str()).collect();
    assert_eq!(ids.len(), 8, "every trial recorded");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 8, "no trial recorded twice");
    let passed = records.iter().filter(|r| r["verdict"] == "passed").count();
    assert_eq!(passed, 4, "oracle passes both tasks twice, nop never");
    assert!(containers_of_run(&host, &run_id).await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn gc_removes_containers_of_dead_proctor_processes() {
    let host = docker().await;
    let run_id = unique("gc");
    // A container labelled as if a long-gone proctor process had left it.
    let mut labels = std::collections::HashMap::new();
    labels.insert("dev.proctor.managed".to_string(), "true".to_string());
    labels.insert("dev.proctor.run".to_string(), run_id.clone());
    labels.insert("dev.proctor.owner".to_string(), format!("{}:999999999", proctor_harness::docker::gc::hostname()));
    let body = bollard::models::ContainerCreateBody {
        image: Some(BASE_IMAGE.into()),
        cmd: Some(vec!["sleep".into(), "300".into()]),
        labels: Some(labels),
        ..Default::default()
    };
    host.docker
        .create_container(None::<bollard::query_parameters::CreateContainerOptions>, body)
        .await
        .expect("create");
    assert_eq!(containers_of_run(&host, &run_id).await.len(), 1);
    let output = proctor().args(["gc"]).output().expect("gc");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(containers_of_run(&host, &run_id).await.is_empty(), "{}", String::from_utf8_lossy(&output.stdout));
}

fn trial_ids(run_dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = read_records(&run_dir.join("trials.jsonl"))
        .iter()
        .filter_map(|r| r["trial_id"].as_str().map(str::to_string))
        .collect();
    ids.sort();
    ids
}

fn report_agents(runs: &[&Path]) -> serde_json::Value {
    let output = proctor().arg("report").args(runs).args(["--format", "json"]).output().expect("report");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json report");
    let mut agents: Vec<serde_json::Value> = report["agents"]
        .as_array()
        .expect("agents")
        .iter()
        .map(|a| serde_json::json!([a["agent"], a["trials"], a["passed"], a["failed"], a["errors"], a["pass_rate"]]))
        .collect();
    agents.sort_by_key(|a| a.to_string());
    serde_json::Value::Array(agents)
}

#[tokio::test(flavor = "multi_thread")]
async fn shards_cover_the_run_once_and_merge_reproduces_the_unsharded_report() {
    let _host = docker().await;
    let out = tempfile::tempdir().expect("tempdir");
    let run = |dir: &str, run_id: &str, shard: Option<&str>| {
        let mut command = proctor();
        command
            .args([
                "run",
                "--plain",
                "-a",
                "oracle,nop",
                "-k",
                "2",
                "-j",
                "2",
                "--task",
                "basic",
                "--task",
                "no-reward",
                "--run-id",
                run_id,
                "--tasks",
            ])
            .arg(fixtures().join("tasks"))
            .arg("--output")
            .arg(out.path().join(dir));
        if let Some(shard) = shard {
            command.args(["--shard", shard]);
        }
        let output = command.output().expect("run");
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        out.path().join(dir).join(run_id)
    };
    let whole = run("whole", "nightly", None);
    let shards: Vec<PathBuf> = (1..=3).map(|i| run(&format!("shard{i}"), "nightly", Some(&format!("{i}/3")))).collect();

    let all = trial_ids(&whole);
    assert_eq!(all.len(), 8);
    let mut union: Vec<String> = shards.iter().flat_map(|s| trial_ids(s)).collect();
    union.sort();
    assert_eq!(union, all, "the shards are disjoint and cover the run");

    let merged = out.path().join("merged");
    let output = proctor().arg("merge").args(&shards).arg("--out").arg(&merged).output().expect("merge");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(trial_ids(&merged), all, "nothing lost or doubled");
    for id in &all {
        assert!(merged.join("trials").join(id).join("verifier").is_dir(), "artifacts of {id} copied");
    }
    let expected = report_agents(&[&whole]);
    assert_eq!(report_agents(&[&merged]), expected);
    let shard_paths: Vec<&Path> = shards.iter().map(PathBuf::as_path).collect();
    assert_eq!(report_agents(&shard_paths), expected, "report merges shards itself");

    // Merging the same shard twice keeps each trial once.
    let twice = out.path().join("twice");
    let output =
        proctor().arg("merge").arg(&shards[0]).arg(&shards[0]).arg("--out").arg(&twice).output().expect("merge");
    assert!(output.status.success());
    assert_eq!(trial_ids(&twice), trial_ids(&shards[0]));

    // `show` finds a trial by prefix and prints it readably, or as JSON.
    let oracle_trial = all.iter().find(|id| id.starts_with("basic.oracle.0")).expect("oracle trial");
    let output = proctor().arg("show").arg(&merged).arg("basic.oracle.0").output().expect("show");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        text.contains(oracle_trial) && text.contains("verdict  passed") && text.contains("solve.sh (exit 0"),
        "{text}"
    );
    let output = proctor().arg("show").arg(&merged).arg(oracle_trial).arg("--json").output().expect("show --json");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["record"]["trial_id"], oracle_trial.as_str());
    assert!(json["trajectory"].as_array().is_some_and(|t| !t.is_empty()));
    let output = proctor().arg("show").arg(&merged).arg("nosuchtask").output().expect("show");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    // The reader (`true`) is gone before proctor writes a byte: every write hits a closed pipe.
    let script = format!(
        "{{ sleep 0.5; '{}' tasks list --json --tasks '{}'; }} | true",
        env!("CARGO_BIN_EXE_proctor"),
        fixtures().join("tasks").display()
    );
    let output = Command::new("bash").args(["-c", &script]).output().expect("bash");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
}
