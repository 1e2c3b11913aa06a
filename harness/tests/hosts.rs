//! Several Docker hosts: a second, real Docker daemon on this machine (its own socket and data
//! root) shares the run and is stopped in the middle of it; no trial may be lost.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A second dockerd, stopped and cleaned up on drop.
struct SecondDaemon {
    dir: PathBuf,
    child: Option<Child>,
}

impl SecondDaemon {
    fn start() -> SecondDaemon {
        let dir = std::env::temp_dir().join(format!("proctor-dockerd-{:08x}", rand::random::<u32>()));
        std::fs::create_dir_all(&dir).expect("daemon dir");
        let storage = Command::new("docker").args(["info", "--format", "{{.Driver}}"]).output().expect("docker info");
        let driver = String::from_utf8_lossy(&storage.stdout).trim().to_string();
        std::fs::write(dir.join("daemon.json"), format!("{{\"storage-driver\": \"{driver}\"}}")).expect("config");
        // In a network namespace of its own: a second daemon on the host's network would take over
        // (and, with --bridge none, delete) the main daemon's docker0 bridge.
        let child = Command::new("unshare")
            .args(["--net", "--", "dockerd"])
            .arg("--config-file")
            .arg(dir.join("daemon.json"))
            .arg("--host")
            .arg(format!("unix://{}", dir.join("docker.sock").display()))
            .arg("--data-root")
            .arg(dir.join("data"))
            .arg("--exec-root")
            .arg(dir.join("exec"))
            .arg("--pidfile")
            .arg(dir.join("docker.pid"))
            .args(["--bridge", "none", "--iptables=false", "--ip-masq=false"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("log")).expect("log"))
            .spawn()
            .expect("these tests need `unshare` and `dockerd` on PATH to start a second daemon");
        let daemon = SecondDaemon { dir, child: Some(child) };
        let deadline = Instant::now() + Duration::from_secs(60);
        while !daemon.docker(&["version"]).status.success() {
            assert!(Instant::now() < deadline, "the second dockerd did not start: {}", daemon.log());
            std::thread::sleep(Duration::from_millis(300));
        }
        // The base image travels by save/load: there is no registry.
        let mut save =
            Command::new("docker").args(["save", BASE_IMAGE]).stdout(Stdio::piped()).spawn().expect("docker save");
        let image = save.stdout.take().expect("pipe");
        let load = Command::new("docker")
            .args(["-H", &daemon.url(), "load", "-q"])
            .stdin(image)
            .output()
            .expect("docker load");
        assert!(save.wait().expect("docker save").success());
        assert!(load.status.success(), "loading the base image: {}", String::from_utf8_lossy(&load.stderr));
        daemon
    }

    fn url(&self) -> String {
        format!("unix://{}", self.dir.join("docker.sock").display())
    }

    fn docker(&self, args: &[&str]) -> std::process::Output {
        Command::new("docker").args(["-H", &self.url()]).args(args).output().expect("docker cli")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("log")).unwrap_or_default()
    }

    /// Stop the daemon as an operator would (SIGTERM) and wait for it to exit.
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
            let deadline = Instant::now() + Duration::from_secs(60);
            while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(200));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for SecondDaemon {
    fn drop(&mut self) {
        self.stop();
        let _ = Command::new("umount").arg("-R").arg(self.dir.join("data")).status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_docker_host_stopped_mid_run_loses_no_trial() {
    let host = docker().await;
    let mut second = SecondDaemon::start();
    let out = tempfile::tempdir().expect("tempdir");
    let run_id = unique("twohosts");
    let run_dir = out.path().join(&run_id);
    let local = "unix:///var/run/docker.sock=2".to_string();
    let remote = format!("{}=2", second.url());
    let child = Command::new(env!("CARGO_BIN_EXE_proctor"))
        .current_dir(repo_root())
        .args([
            "run",
            "--plain",
            "-a",
            "oracle,nop",
            "-k",
            "2",
            "--task",
            "slow-solve",
            "--task",
            "basic",
            "--run-id",
            &run_id,
        ])
        .args(["--docker-host", &local, "--docker-host", &remote, "--tasks"])
        .arg(fixtures().join("tasks"))
        .arg("--output")
        .arg(out.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Stop the second host once trials are surely running on it.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let running = second.docker(&["ps", "-q", "--filter", &format!("label=dev.proctor.run={run_id}")]);
        if !String::from_utf8_lossy(&running.stdout).trim().is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "no trial started on the second host");
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_secs(2));
    second.stop();

    let output = child.wait_with_output().expect("proctor finishes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("DRAINED"), "the stopped host was drained: {stderr}");
    let records = read_records(&run_dir.join("trials.jsonl"));
    let mut ids: Vec<&str> = records.iter().filter_map(|r| r["trial_id"].as_str()).collect();
    assert_eq!(ids.len(), 8, "every trial recorded: {stderr}");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 8, "none twice");
    assert_eq!(records.iter().filter(|r| r["verdict"] == "passed").count(), 4, "oracle passes, nop fails: {stderr}");
    let moved = records.iter().filter(|r| r["retries"].as_array().is_some_and(|a| !a.is_empty())).count();
    assert!(moved > 0, "some trial was interrupted on the stopped host and ran again elsewhere");
    assert!(containers_of_run(&host, &run_id).await.is_empty());
}
