//! Helpers shared by the agents' integration tests: configuration files pointing at a mock
//! server, and running an agent against a local sandbox with a real trajectory file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use proctor_agents::registry::{resolve, ResolvedAgent};
use proctor_agents::testing::LocalSandbox;
use proctor_agents::{AgentContext, AgentError, AgentLimits, AgentOutcome, Trajectory};
use serde_json::Value as Json;
use tokio_util::sync::CancellationToken;

/// A unique environment variable holding a fake API key (tests run in parallel threads).
pub fn fake_key(tag: &str) -> (String, String) {
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let env = format!("PROCTOR_TEST_KEY_{}_{n}", tag.to_ascii_uppercase());
    let key = format!("sk-test-{tag}-{n}-a7f3c9e1d5b2");
    std::env::set_var(&env, &key);
    (env, key)
}

/// Write `text` as `dir/name.toml`.
pub fn write_config(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).expect("write config");
    path
}

/// A configuration for `provider` at `base_url`, with `extra` TOML appended (extra sections).
pub fn http_config(provider: &str, base_url: &str, key_env: &str, model_extra: &str, extra: &str) -> String {
    format!(
        "[model]\nprovider = \"{provider}\"\nname = \"mock-model\"\nbase_url = \"{base_url}\"\napi_key_env = \"{key_env}\"\n\
         context_window = 100000\nmax_output_tokens = 1000\nretry_budget_secs = 60\n{model_extra}\n{extra}\n"
    )
}

pub fn resolve_file(path: &Path) -> ResolvedAgent {
    resolve(path.to_str().expect("utf-8 path"), Path::new("/nonexistent")).expect("resolve")
}

/// What one agent run left behind.
pub struct Run {
    pub outcome: Result<AgentOutcome, AgentError>,
    pub trajectory: String,
    pub events: Vec<Json>,
    pub logs: String,
}

impl Run {
    pub fn events_of(&self, kind: &str) -> Vec<&Json> {
        self.events.iter().filter(|e| e["type"] == kind).collect()
    }

    pub fn stop_reason(&self) -> String {
        match &self.outcome {
            Ok(o) => o.stop_reason.as_str().to_string(),
            Err(e) => format!("error: {e}"),
        }
    }
}

/// Run `agent` on `instruction` in `sandbox`, with a trajectory file and a log directory.
pub async fn run_agent(agent: &ResolvedAgent, sandbox: &LocalSandbox, instruction: &str, timeout: Duration) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let trajectory_path = dir.path().join("trajectory.jsonl");
    let trajectory = Trajectory::create(&trajectory_path).expect("trajectory");
    let log_dir = dir.path().join("agent");
    std::fs::create_dir_all(&log_dir).expect("log dir");
    let ctx = AgentContext {
        task_id: "test-task",
        instruction,
        sandbox,
        limits: AgentLimits { timeout },
        solution_dir: None,
        trajectory: &trajectory,
        log_dir: &log_dir,
        cancel: CancellationToken::new(),
    };
    let outcome = agent.agent.run(ctx).await;
    drop(trajectory);
    let text = std::fs::read_to_string(&trajectory_path).expect("read trajectory");
    let events = text.lines().map(|l| serde_json::from_str(l).expect("jsonl line")).collect();
    let mut logs = String::new();
    for entry in std::fs::read_dir(&log_dir).expect("log dir") {
        let entry = entry.expect("entry");
        logs.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
    }
    Run { outcome, trajectory: text, events, logs }
}
