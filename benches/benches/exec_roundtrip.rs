//! The round trip of one command in a running task container: proctor's `DockerSandbox::exec`
//! (the Docker API through bollard) against `docker exec` run from the shell, on the same
//! container; and the coding agent's turn with one `exec_command` in that container against an
//! instant mock model.
//!
//! - `exec_roundtrip/proctor_exec/true` vs `exec_roundtrip/docker_cli/true`: `true` run directly;
//! - `exec_roundtrip/proctor_exec/exec_command` vs `exec_roundtrip/docker_cli/exec_command`: the
//!   `exec_command` tool with `{"cmd": "true"}` (its login-shell wrapper, output truncation and
//!   formatting) against `docker exec` of the same argv;
//! - `agent_turn_docker/exec_true`: whole agent turns (model request over loopback HTTP, parse,
//!   trajectory, one `exec_command` in the container); minus the `exec_command` round trip, this is
//!   the harness's overhead per turn with a real container.
//!
//! At the end the ratios of the medians (proctor / docker CLI) of a separate interleaved sample are
//! printed to stderr: the figure to report. The container is removed on every path out.
//!
//! Run: `cargo bench -p proctor-benches --bench exec_roundtrip` (needs Docker and
//! `debian:bookworm-slim`, see `scripts/setup-base-images.sh`).

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use proctor_agents::config::ToolName;
use proctor_agents::registry::resolve;
use proctor_agents::testing::{MockServer, MockTurn, Wire};
use proctor_agents::tools::patch::PathPolicy;
use proctor_agents::tools::{exec::shell_argv, run_tool, ToolContext};
use proctor_agents::{AgentContext, AgentLimits, ExecRequest, Sandbox, Trajectory};
use proctor_harness::docker::{connect, ContainerSpec, DockerSandbox};
use serde_json::json;
use tokio_util::sync::CancellationToken;

const IMAGE: &str = "debian:bookworm-slim";
const WORKDIR: &str = "/app";
/// Agent turns per measured agent run (the last one answers without a tool call).
const TURNS: usize = 10;
/// Round trips per side in the interleaved sample the printed ratios come from.
const RATIO_SAMPLES: usize = 40;

/// Removes the container when dropped (also when a benchmark panics).
struct Cleanup(String);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = Command::new("docker")
            .args(["rm", "-f", "-v", &self.0])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

fn docker_cli(id: &str, argv: &[String]) -> Duration {
    let started = Instant::now();
    let status = Command::new("docker")
        .args(["exec", "-w", WORKDIR, id])
        .args(argv)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("docker CLI");
    let elapsed = started.elapsed();
    assert!(status.success(), "docker exec failed");
    elapsed
}

async fn proctor_exec(sandbox: &DockerSandbox, argv: &[String]) -> Duration {
    let request = ExecRequest { argv: argv.to_vec(), ..ExecRequest::shell("", Duration::from_secs(30)) };
    let started = Instant::now();
    let output = sandbox.exec(request).await.expect("exec");
    let elapsed = started.elapsed();
    assert!(output.success(), "exec failed: {output:?}");
    elapsed
}

async fn exec_command_tool(sandbox: &DockerSandbox, paths: &PathPolicy) -> Duration {
    let ctx = ToolContext {
        sandbox,
        paths,
        output_token_limit: 10_000,
        command_timeout: Duration::from_secs(30),
        user: None,
    };
    let started = Instant::now();
    let outcome = run_tool(&ctx, &[ToolName::ExecCommand], "exec_command", r#"{"cmd": "true"}"#).await.expect("tool");
    let elapsed = started.elapsed();
    assert_eq!(outcome.exit_code, Some(0), "{}", outcome.shown);
    elapsed
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let host = runtime.block_on(connect(None)).unwrap_or_else(|e| panic!("this benchmark needs Docker: {e}"));
    if runtime.block_on(host.docker.inspect_image(IMAGE)).is_err() {
        panic!("this benchmark needs {IMAGE}: run scripts/setup-base-images.sh");
    }
    let name = format!("proctor-bench-exec-{:08x}", std::process::id());
    let mut labels = HashMap::new();
    labels.insert("dev.proctor.managed".to_string(), "true".to_string());
    labels.insert("dev.proctor.run".to_string(), name.clone());
    let spec = ContainerSpec {
        name: name.clone(),
        image: IMAGE.into(),
        labels,
        workdir: Some(WORKDIR.into()),
        env: vec![],
        cpus: 1.0,
        memory_mb: 512,
        pids_limit: 256,
        network_mode: "none".into(),
        read_only_root: false,
        exec_user: None,
    };
    let sandbox = runtime.block_on(DockerSandbox::start(&host, &spec)).expect("start the container");
    let _cleanup = Cleanup(sandbox.id().to_string());
    let id = sandbox.id().to_string();
    let paths = PathPolicy { workdir: WORKDIR.into(), writable_roots: vec![] };
    let plain: Vec<String> = vec!["true".into()];
    let wrapped = shell_argv("true");

    let mut group = c.benchmark_group("exec_roundtrip");
    group.sample_size(20).measurement_time(Duration::from_secs(8)).warm_up_time(Duration::from_secs(1));
    group.bench_function(BenchmarkId::new("proctor_exec", "true"), |b| {
        b.to_async(&runtime).iter_custom(|iters| {
            let (sandbox, plain) = (&sandbox, &plain);
            async move {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    total += proctor_exec(sandbox, plain).await;
                }
                total
            }
        })
    });
    group.bench_function(BenchmarkId::new("docker_cli", "true"), |b| {
        b.iter_custom(|iters| (0..iters).map(|_| docker_cli(&id, &plain)).sum())
    });
    group.bench_function(BenchmarkId::new("proctor_exec", "exec_command"), |b| {
        b.to_async(&runtime).iter_custom(|iters| {
            let (sandbox, paths) = (&sandbox, &paths);
            async move {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    total += exec_command_tool(sandbox, paths).await;
                }
                total
            }
        })
    });
    group.bench_function(BenchmarkId::new("docker_cli", "exec_command"), |b| {
        b.iter_custom(|iters| (0..iters).map(|_| docker_cli(&id, &wrapped)).sum())
    });
    group.finish();

    // Whole agent turns in the container, against an instant mock model.
    let server = runtime.block_on(MockServer::start()).expect("mock server");
    server.rule(|req| {
        let done = req.body_text.matches("Exit code: 0").count();
        Some(if done + 1 < TURNS {
            MockTurn::new().call("exec_command", json!({ "cmd": "true" })).reply(Wire::Responses)
        } else {
            MockTurn::new().text("done").reply(Wire::Responses)
        })
    });
    let dir = tempfile::tempdir().expect("tempdir");
    std::env::set_var("PROCTOR_BENCH_EXEC_KEY", "bench-key-not-secret");
    let config = format!(
        "[model]\nprovider = \"openai\"\nname = \"mock\"\nbase_url = \"{}\"\napi_key_env = \"PROCTOR_BENCH_EXEC_KEY\"\n\
         max_concurrency = 64\n[sandbox]\nfilesystem = \"full\"\n",
        server.base_url()
    );
    let path = dir.path().join("bench.toml");
    std::fs::write(&path, config).expect("config");
    let agent = resolve(path.to_str().expect("utf-8"), Path::new("/nonexistent")).expect("agent");
    let mut group = c.benchmark_group("agent_turn_docker");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(TURNS as u64));
    group.bench_function(BenchmarkId::new("exec_true", TURNS), |b| {
        b.to_async(&runtime).iter(|| async {
            let trajectory = Trajectory::create(&dir.path().join("trajectory.jsonl")).expect("trajectory");
            let ctx = AgentContext {
                task_id: "bench",
                instruction: "run true a few times",
                sandbox: &sandbox,
                limits: AgentLimits { timeout: Duration::from_secs(120) },
                solution_dir: None,
                trajectory: &trajectory,
                log_dir: dir.path(),
                cancel: CancellationToken::new(),
            };
            let outcome = agent.agent.run(ctx).await.expect("agent run");
            assert_eq!(outcome.usage.turns as usize, TURNS);
        })
    });
    group.finish();

    // The figure to report: medians of an interleaved sample (so drift hits both sides alike).
    let mut sides: [Vec<Duration>; 4] = Default::default();
    for _ in 0..RATIO_SAMPLES {
        sides[0].push(runtime.block_on(proctor_exec(&sandbox, &plain)));
        sides[1].push(docker_cli(&id, &plain));
        sides[2].push(runtime.block_on(exec_command_tool(&sandbox, &paths)));
        sides[3].push(docker_cli(&id, &wrapped));
    }
    let [proctor_true, cli_true, proctor_tool, cli_tool] = sides.map(median);
    eprintln!(
        "\nexec round trip, medians of {RATIO_SAMPLES} interleaved runs:\n  \
         `true`:         proctor {proctor_true:?}  docker CLI {cli_true:?}  ratio {:.2}\n  \
         exec_command:   proctor {proctor_tool:?}  docker CLI {cli_tool:?}  ratio {:.2}",
        proctor_true.as_secs_f64() / cli_true.as_secs_f64(),
        proctor_tool.as_secs_f64() / cli_tool.as_secs_f64(),
    );
    runtime.block_on(sandbox.remove()).expect("remove the container");
}

criterion_group!(benches, bench);
criterion_main!(benches);
