//! `proctor repro`: replaying a recorded trial reproduces its verdict with no divergence; a
//! changed environment is reported as divergence at the right turn; `--shell` keeps the
//! container for the user (and `gc` leaves it alone unless `--all`).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

fn proctor(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .current_dir(repo_root())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("proctor runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn write_task(tasks: &Path, greeting: &str) {
    let dir = tasks.join("greet");
    for sub in ["tests", "solution"] {
        std::fs::create_dir_all(dir.join(sub)).expect("mkdir");
    }
    std::fs::write(
        dir.join("task.toml"),
        format!(
            "version = \"1.0\"\n[agent]\ntimeout_sec = 60.0\n[verifier]\ntimeout_sec = 30.0\n[environment]\n\
             docker_image = \"{BASE_IMAGE}\"\nworkdir = \"/app\"\nmemory_mb = 256\nenv = {{ GREETING = \"{greeting}\" }}\n"
        ),
    )
    .expect("task.toml");
    std::fs::write(dir.join("instruction.md"), "Create /app/solved.\n").expect("instruction");
    std::fs::write(dir.join("tests/test.sh"), "mkdir -p /logs/verifier; echo 0 > /logs/verifier/reward.txt\n[ -f /app/solved ] && echo 1 > /logs/verifier/reward.txt\n").expect("test.sh");
    std::fs::write(dir.join("solution/solve.sh"), "touch /app/solved\n").expect("solve.sh");
}

#[tokio::test(flavor = "multi_thread")]
async fn replay_reproduces_a_trial_and_finds_where_the_environment_drifted() {
    let host = docker().await;
    let root = tempfile::tempdir().expect("tempdir");
    let (tasks, agents, runs) = (root.path().join("tasks"), root.path().join("agents"), root.path().join("runs"));
    write_task(&tasks, "hello");
    std::fs::create_dir_all(&agents).expect("mkdir");
    std::fs::write(
        agents.join("scripted.toml"),
        "description = \"repro test\"\n[model]\nprovider = \"script\"\nscript = \"script.toml\"\n[sandbox]\nnetwork = \"none\"\nfilesystem = \"full\"\n",
    )
    .expect("config");
    std::fs::write(
        agents.join("script.toml"),
        "[[responses]]\ntext = \"Look.\"\ncalls = [{ name = \"exec_command\", arguments = { cmd = \"echo greeting=$GREETING\" } }]\n\n\
         [[responses]]\ntext = \"Solve.\"\ncalls = [{ name = \"exec_command\", arguments = { cmd = \"touch /app/solved\" } }]\n",
    )
    .expect("script");
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let config = s(&agents.join("scripted.toml"));
    let (code, _, stderr) = proctor(&[
        "run",
        "--plain",
        "--tasks",
        &s(&tasks),
        "--agent",
        &config,
        "--output",
        &s(&runs),
        "--run-id",
        "orig",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let orig = s(&runs.join("orig"));

    let (code, stdout, stderr) =
        proctor(&["repro", &orig, "greet", "--replay", "--plain", "--output", &s(&root.path().join("r1"))]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("then: passed") && stdout.contains("now:  passed"), "{stdout}");
    assert!(stdout.contains("every tool output matched the recording"), "{stdout}");

    // Change the environment the agent sees: the first command's output differs.
    write_task(&tasks, "bonjour");
    let (code, stdout, stderr) =
        proctor(&["repro", &orig, "greet", "--replay", "--plain", "--output", &s(&root.path().join("r2"))]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("task greet changed since the run"), "{stderr}");
    assert!(stdout.contains("diverged at turn 1 (tool call 1)"), "{stdout}");
    assert!(stdout.contains("greeting=hello") && stdout.contains("greeting=bonjour"), "{stdout}");

    // --shell keeps the container; plain gc leaves it, gc --all removes it.
    let (code, stdout, stderr) =
        proctor(&["repro", &orig, "greet", "--shell", "--plain", "--output", &s(&root.path().join("r3"))]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("container kept: docker exec -it proctor-"), "{stdout}");
    let run_id = std::fs::read_dir(root.path().join("r3"))
        .expect("r3")
        .filter_map(Result::ok)
        .next()
        .expect("run dir")
        .file_name();
    let run_id = run_id.to_string_lossy().into_owned();
    assert_eq!(containers_of_run(&host, &run_id).await.len(), 1);
    let (code, _, _) = proctor(&["gc"]);
    assert_eq!(code, 0);
    assert_eq!(containers_of_run(&host, &run_id).await.len(), 1, "a kept container survives plain gc");
    let (code, _, _) = proctor(&["gc", "--all"]);
    assert_eq!(code, 0);
    assert!(containers_of_run(&host, &run_id).await.is_empty());
}
