//! Trials against a real Docker Engine: verification protocol, error categories, retries.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use common::*;
use proctor_agents::{Agent, AgentContext, AgentError, AgentOutcome, ExecRequest};
use proctor_schema::{ErrorCategory, StopReason, Usage, Verdict};

#[tokio::test(flavor = "multi_thread")]
async fn oracle_passes_and_nop_fails_and_leaves_no_container() {
    let run_id = unique("oracle-nop");
    let (dir, outcome) = run_trials(&run_id, &[fixture_task("basic")], &[builtin("oracle"), builtin("nop")], 0).await;
    assert!(outcome.fatal.is_none() && !outcome.cancelled);
    let verdict = |agent: &str| outcome.recorded.iter().find(|r| r.agent == agent).map(|r| r.verdict);
    assert_eq!(verdict("oracle"), Some(Verdict::Passed));
    assert_eq!(verdict("nop"), Some(Verdict::Failed));
    let oracle = outcome.recorded.iter().find(|r| r.agent == "oracle").expect("oracle record");
    assert_eq!(oracle.reward, Some(1.0));
    for timing in [
        oracle.timings.image_sec,
        oracle.timings.start_sec,
        oracle.timings.agent_sec,
        oracle.timings.verify_sec,
        oracle.timings.teardown_sec,
    ] {
        assert!(timing.is_some(), "every phase is timed: {:?}", oracle.timings);
    }
    let artifacts = dir.path().join(&run_id).join(&oracle.artifacts);
    assert!(artifacts.join("verifier/reward.txt").is_file(), "verifier output is kept");
    assert!(artifacts.join("trajectory.jsonl").is_file());
    assert!(artifacts.join("agent/oracle.log").is_file());
    assert!(std::fs::read_to_string(artifacts.join("changes.txt")).expect("changes").lines().any(|l| l == "A solved"));
    assert!(containers_of_run(&docker().await, &run_id).await.is_empty(), "containers are removed");
}

#[tokio::test(flavor = "multi_thread")]
async fn hidden_tests_and_solution_are_absent_during_the_agent_phase() {
    let run_id = unique("hidden");
    let probe = ScriptAgent("for p in /tests /solution /logs/verifier/reward.txt; do if [ -e $p ]; then echo \"VISIBLE $p\"; else echo \"absent $p\"; fi; done".into());
    let (dir, outcome) = run_trials(&run_id, &[fixture_task("basic")], &[custom("probe", Arc::new(probe))], 0).await;
    let record = &outcome.recorded[0];
    let out = std::fs::read_to_string(dir.path().join(&run_id).join(&record.artifacts).join("agent/script.out"))
        .expect("script output");
    assert!(out.contains("absent /tests") && out.contains("absent /solution"), "{out}");
    assert!(!out.contains("VISIBLE"), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reward_forged_by_the_agent_is_ignored() {
    let run_id = unique("forge");
    let forge = ScriptAgent(
        "mkdir -p /logs/verifier /tests && echo 1 > /logs/verifier/reward.txt && echo '{\"reward\": 1}' > /logs/verifier/reward.json \
         && printf 'echo 1 > /logs/verifier/reward.txt\\n' > /tests/test.sh && chmod -R a-w /logs/verifier"
            .into(),
    );
    let (_dir, outcome) = run_trials(&run_id, &[fixture_task("basic")], &[custom("forger", Arc::new(forge))], 0).await;
    let record = &outcome.recorded[0];
    assert_eq!(record.verdict, Verdict::Failed, "{record:?}");
    assert_eq!(record.reward, Some(0.0));
    assert!(record.rewards.is_empty(), "the agent's reward.json is gone: {:?}", record.rewards);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_reward_file_is_reward_zero_not_an_error() {
    let run_id = unique("noreward");
    let (_dir, outcome) = run_trials(&run_id, &[fixture_task("no-reward")], &[builtin("oracle")], 0).await;
    let record = &outcome.recorded[0];
    assert_eq!(record.verdict, Verdict::Failed);
    assert_eq!(record.reward, Some(0.0));
    assert!(record.error.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_verifier_past_its_timeout_is_a_verifier_error() {
    let run_id = unique("slowverify");
    let (_dir, outcome) = run_trials(&run_id, &[fixture_task("slow-verifier")], &[builtin("oracle")], 2).await;
    let record = &outcome.recorded[0];
    assert_eq!(record.verdict, Verdict::Error);
    assert_eq!(record.error_category(), Some(ErrorCategory::Verifier), "{record:?}");
    assert!(record.retries.is_empty(), "verifier errors are not retried");
    assert!(containers_of_run(&docker().await, &run_id).await.is_empty());
}

/// Kills its own container from outside (through the Docker API) on its first run.
struct KillerAgent {
    runs: AtomicU32,
}

#[async_trait]
impl Agent for KillerAgent {
    async fn run(&self, ctx: AgentContext<'_>) -> Result<AgentOutcome, AgentError> {
        if self.runs.fetch_add(1, Ordering::SeqCst) == 0 {
            let hostname = ctx.sandbox.exec(ExecRequest::shell("hostname", Duration::from_secs(10))).await?;
            let id = hostname.stdout.to_text().trim().to_string();
            let host = docker().await;
            host.docker.kill_container(&id, None).await.map_err(|e| AgentError::Crashed(e.to_string()))?;
            tokio::time::sleep(Duration::from_millis(500)).await;
        } else {
            ctx.sandbox.exec(ExecRequest::shell("touch /app/solved", Duration::from_secs(10))).await?;
        }
        Ok(AgentOutcome { stop_reason: StopReason::Completed, usage: Usage::default() })
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_container_killed_from_outside_is_an_infra_error_and_is_retried() {
    let run_id = unique("killed");
    let agent = custom("killer", Arc::new(KillerAgent { runs: AtomicU32::new(0) }));
    let (dir, outcome) = run_trials(&run_id, &[fixture_task("basic")], &[agent], 2).await;
    let record = &outcome.recorded[0];
    assert_eq!(record.retries.len(), 1, "{record:?}");
    assert_eq!(record.retries[0].error.category, ErrorCategory::Infra);
    assert_eq!(record.verdict, Verdict::Passed, "the retry succeeds: {record:?}");
    assert!(
        dir.path().join(&run_id).join("trials").join(format!("{}.try0", record.trial_id)).is_dir(),
        "the failed attempt's artifacts are kept"
    );
    assert!(containers_of_run(&docker().await, &run_id).await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agent_that_overruns_its_time_is_stopped_and_still_verified() {
    let run_id = unique("overrun");
    let mut task = (*fixture_task("basic")).clone();
    task.agent_timeout = Duration::from_secs(2);
    let agent = ScriptAgent("touch /app/solved; sleep 600".into());
    let (_dir, outcome) = run_trials(&run_id, &[Arc::new(task)], &[custom("sleeper", Arc::new(agent))], 0).await;
    let record = &outcome.recorded[0];
    assert_eq!(record.stop_reason, Some(StopReason::Timeout), "{record:?}");
    assert_eq!(record.verdict, Verdict::Passed, "work done before the deadline counts: {record:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn exec_output_is_capped_and_timeouts_kill_the_process_tree() {
    use proctor_agents::Sandbox;
    use proctor_harness::docker::{ContainerSpec, DockerSandbox};
    let host = docker().await;
    let run_id = unique("sandbox");
    let mut labels = std::collections::HashMap::new();
    labels.insert("dev.proctor.managed".to_string(), "true".to_string());
    labels.insert("dev.proctor.run".to_string(), run_id.clone());
    let spec = ContainerSpec {
        name: run_id.clone(),
        image: BASE_IMAGE.into(),
        labels,
        workdir: Some("/work".into()),
        env: vec![],
        cpus: 1.0,
        memory_mb: 256,
        pids_limit: 256,
        network_mode: "none".into(),
        read_only_root: false,
        exec_user: None,
    };
    let sandbox = DockerSandbox::start(&host, &spec).await.expect("start");
    let result = async {
        let big = sandbox
            .exec(
                ExecRequest::shell(
                    "head -c 100000 /dev/zero | tr '\\0' a; echo err >&2; exit 3",
                    Duration::from_secs(30),
                )
                .max_output_bytes(1000),
            )
            .await?;
        assert_eq!(big.exit_code, Some(3));
        assert_eq!(big.stdout.total_bytes(), 100_000);
        assert_eq!(big.stdout.head.len() + big.stdout.tail.len(), 1000);
        assert_eq!(big.stderr.to_text(), "err\n", "stderr is separate");

        let slow = sandbox.exec(ExecRequest::shell("(setsid sleep 300 &) ; sleep 300", Duration::from_secs(1))).await?;
        assert!(slow.timed_out && slow.exit_code.is_none());
        let left = sandbox.exec(ExecRequest::shell("ls /proc | grep -c '^[0-9]'", Duration::from_secs(10))).await?;
        // PID 1, its sleeper, and this shell (plus grep/ls): the timed-out tree is gone.
        let count: u32 = left.stdout.to_text().trim().parse().unwrap_or(99);
        assert!(count <= 5, "processes left after the timeout: {count}");

        let network = sandbox
            .exec(ExecRequest::shell(
                "cat /sys/class/net/*/operstate 2>/dev/null | wc -l; ls /sys/class/net",
                Duration::from_secs(10),
            ))
            .await?;
        assert!(
            !network.stdout.to_text().contains("eth0"),
            "network none has no interface: {}",
            network.stdout.to_text()
        );

        sandbox.write_file("/work/sub/file.txt", b"hello", 0o600).await?;
        let dir = tempfile::tempdir().expect("tempdir");
        sandbox.download_path("/work/sub", dir.path()).await?;
        assert_eq!(std::fs::read_to_string(dir.path().join("sub/file.txt")).expect("read"), "hello");
        assert_eq!(sandbox.workdir(), "/work");
        Ok::<(), proctor_agents::SandboxError>(())
    }
    .await;
    sandbox.remove().await.expect("remove");
    result.expect("sandbox operations");
    assert!(containers_of_run(&host, &run_id).await.is_empty());
}
