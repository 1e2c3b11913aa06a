//! Harness overhead per agent turn: the coding agent against an instant mock model over real
//! HTTP on loopback, with a real trajectory file, and a tool that does no work (`update_plan`),
//! so what is measured is proctor's own cost of a turn (request building, HTTP, parsing,
//! trajectory writes, usage accounting). Each run also spawns one process (the sandbox probe
//! for the environment context). Throughput is reported in turns.
//!
//! Run: `cargo bench -p proctor-benches --bench agent_turn`

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use proctor_agents::registry::resolve;
use proctor_agents::testing::{LocalSandbox, MockServer, MockTurn, Wire};
use proctor_agents::{AgentContext, AgentLimits, Trajectory};
use serde_json::json;
use tokio_util::sync::CancellationToken;

const TURNS: usize = 20;

fn bench_turns(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let mut group = c.benchmark_group("agent_turn_overhead");
    group.throughput(Throughput::Elements(TURNS as u64));
    group.measurement_time(Duration::from_secs(10));
    for (wire, provider) in [(Wire::Responses, "openai"), (Wire::Chat, "openai-chat"), (Wire::Anthropic, "anthropic")] {
        let server = runtime.block_on(MockServer::start()).expect("mock server");
        // Stateless: a plan update until the conversation holds TURNS tool results, then done.
        server.rule(move |req| {
            let results = req.body_text.matches("Plan updated").count();
            Some(if results < TURNS {
                MockTurn::new()
                    .call("update_plan", json!({ "plan": [{ "step": "work", "status": "in_progress" }] }))
                    .reply(wire)
            } else {
                MockTurn::new().text("done").reply(wire)
            })
        });
        let dir = tempfile::tempdir().expect("tempdir");
        let config = format!(
            "[model]\nprovider = \"{provider}\"\nname = \"mock\"\nbase_url = \"{}\"\napi_key_env = \"PROCTOR_BENCH_KEY\"\nmax_concurrency = 64\n",
            server.base_url()
        );
        std::env::set_var("PROCTOR_BENCH_KEY", "bench-key-not-secret");
        let path = dir.path().join("bench.toml");
        std::fs::write(&path, config).expect("config");
        let agent = resolve(path.to_str().expect("utf-8"), Path::new("/nonexistent")).expect("agent");
        let sandbox = LocalSandbox::new().expect("sandbox");
        group.bench_function(BenchmarkId::new(provider, TURNS), |b| {
            b.to_async(&runtime).iter(|| async {
                let trajectory = Trajectory::create(&dir.path().join("trajectory.jsonl")).expect("trajectory");
                let ctx = AgentContext {
                    task_id: "bench",
                    instruction: "do the work",
                    sandbox: &sandbox,
                    limits: AgentLimits { timeout: Duration::from_secs(60) },
                    solution_dir: None,
                    trajectory: &trajectory,
                    log_dir: dir.path(),
                    cancel: CancellationToken::new(),
                };
                let outcome = agent.agent.run(ctx).await.expect("run");
                assert_eq!(outcome.usage.turns as usize, TURNS + 1);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_turns);
criterion_main!(benches);
