//! Support for the harness's integration tests: a real Docker Engine (never a mock), fixture
//! tasks, and small agents that do scripted things inside the sandbox.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bollard::query_parameters::ListContainersOptionsBuilder;
use proctor_agents::registry::{resolve, ResolvedAgent};
use proctor_agents::{Agent, AgentContext, AgentError, AgentOutcome, ExecRequest};
use proctor_harness::docker::{connect, DockerHost};
use proctor_harness::hosts::{HostPool, HostSpec};
use proctor_harness::runner::{execute, plan, Execution, RunOutcome, RunnerConfig};
use proctor_harness::store::RunStore;
use proctor_harness::task::{load_task, Task};
use proctor_schema::{RunManifest, StopReason, Usage};
use tokio_util::sync::CancellationToken;

pub const BASE_IMAGE: &str = "debian:bookworm-slim";

/// The local Docker Engine. Panics (the test fails loudly) when there is none.
pub async fn docker() -> DockerHost {
    let host = connect(None).await.unwrap_or_else(|e| panic!("these tests need a running Docker Engine: {e}"));
    if host.docker.inspect_image(BASE_IMAGE).await.is_err() {
        panic!("these tests need the image {BASE_IMAGE}: run scripts/setup-base-images.sh");
    }
    host
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn fixture_task(name: &str) -> Arc<Task> {
    Arc::new(load_task(&fixtures().join("tasks").join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}")))
}

pub fn builtin(name: &str) -> ResolvedAgent {
    resolve(name, Path::new("/nonexistent")).expect("built-in agent")
}

/// Wrap a test agent as a resolved agent named `name`.
pub fn custom(name: &str, agent: Arc<dyn Agent>) -> ResolvedAgent {
    let config = serde_json::json!({ "kind": "test", "name": name });
    ResolvedAgent {
        name: name.to_string(),
        kind: "test".into(),
        digest: proctor_schema::content_digest(config.to_string().as_bytes()),
        config,
        network: None,
        agent,
        sandbox: Default::default(),
        wall_time: None,
    }
}

/// An agent that runs one shell script (as the sandbox's default user) and keeps its output in
/// `<log_dir>/script.out`.
pub struct ScriptAgent(pub String);

#[async_trait]
impl Agent for ScriptAgent {
    async fn run(&self, ctx: AgentContext<'_>) -> Result<AgentOutcome, AgentError> {
        let output = ctx.sandbox.exec(ExecRequest::shell(self.0.clone(), Duration::from_secs(60))).await?;
        let text = format!("exit={:?}\n{}{}", output.exit_code, output.stdout.to_text(), output.stderr.to_text());
        std::fs::write(ctx.log_dir.join("script.out"), text).map_err(|e| AgentError::Crashed(e.to_string()))?;
        Ok(AgentOutcome { stop_reason: StopReason::Completed, usage: Usage::default() })
    }
}

/// A fresh run directory and store.
pub fn new_store(run_id: &str) -> (tempfile::TempDir, RunStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let manifest: RunManifest = serde_json::from_value(serde_json::json!({
        "schema_version": 1, "run_id": run_id, "created_at": chrono::Utc::now(), "proctor_version": "test",
        "invocation": [], "host": {}, "attempts": 1, "concurrency": 2, "tasks": [], "agents": []
    }))
    .expect("manifest");
    let store = RunStore::create(&dir.path().join(run_id), &manifest).expect("store");
    (dir, store)
}

/// Run every (task, agent) pair once through the real runner.
pub async fn run_trials(
    run_id: &str,
    tasks: &[Arc<Task>],
    agents: &[ResolvedAgent],
    retries: u32,
) -> (tempfile::TempDir, RunOutcome) {
    let host = docker().await;
    let (dir, store) = new_store(run_id);
    let (events, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let drain = tokio::spawn(async move { while receiver.recv().await.is_some() {} });
    let config =
        RunnerConfig { retries, backoff: Duration::from_millis(200), max_concurrent_builds: 2, keep_containers: false };
    let execution = Execution {
        hosts: HostPool::new(vec![HostSpec { host, capacity: 2 }]),
        store,
        run_id: run_id.to_string(),
        config,
        cancel: CancellationToken::new(),
        events,
    };
    let outcome = execute(plan(tasks, agents, 1), &HashSet::new(), execution).await;
    drain.await.expect("drain");
    (dir, outcome)
}

/// Containers (running or not) labelled with this run id.
pub async fn containers_of_run(host: &DockerHost, run_id: &str) -> Vec<String> {
    let mut filters = HashMap::new();
    filters.insert("label".to_string(), vec![format!("dev.proctor.run={run_id}")]);
    let options = ListContainersOptionsBuilder::default().all(true).filters(&filters).build();
    host.docker
        .list_containers(Some(options))
        .await
        .expect("list containers")
        .into_iter()
        .filter_map(|c| c.id)
        .collect()
}

pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{:08x}", rand::random::<u32>())
}

/// The records of a run's `trials.jsonl` as JSON values (unparsable lines skipped).
pub fn read_records(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path).unwrap_or_default().lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}
