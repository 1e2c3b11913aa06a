//! `proctor tasks check`: is each task solvable, fairly verified, deterministic and impossible to
//! pass by cheating? For every task: the image builds; the oracle passes, twice (determinism);
//! nop fails; and every tamper probe fails.

pub mod probes;

use std::collections::BTreeMap;
use std::sync::Arc;

use proctor_agents::registry::{resolve, ResolvedAgent};
use proctor_schema::{content_digest, TrialRecord, Verdict};

pub use probes::{Probe, ProbeAgent};

/// Name of the second oracle run (determinism).
pub const ORACLE_REPEAT: &str = "oracle-repeat";

/// The agents a check runs: oracle, oracle again, nop, and the given probes.
pub fn check_agents(probes: &[Probe]) -> Vec<ResolvedAgent> {
    let missing = std::path::Path::new("/nonexistent");
    let mut agents = Vec::new();
    if let Ok(oracle) = resolve("oracle", missing) {
        let mut repeat = oracle.clone();
        repeat.name = ORACLE_REPEAT.to_string();
        repeat.digest = content_digest(format!("{}+repeat", oracle.digest).as_bytes());
        agents.push(oracle);
        agents.push(repeat);
    }
    if let Ok(nop) = resolve("nop", missing) {
        agents.push(nop);
    }
    for probe in probes {
        let config = serde_json::json!({ "kind": "probe", "probe": probe.name() });
        agents.push(ResolvedAgent {
            name: probe.name().to_string(),
            kind: "probe".into(),
            digest: content_digest(format!("{config}{}", probe.script()).as_bytes()),
            config,
            network: None,
            agent: Arc::new(ProbeAgent(*probe)),
            sandbox: Default::default(),
            wall_time: None,
        });
    }
    agents
}

/// The verdict on one task.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskCheck {
    pub task_id: String,
    pub oracle: Option<Verdict>,
    pub oracle_repeat: Option<Verdict>,
    pub nop: Option<Verdict>,
    /// Probes whose trial passed: the verifier was fooled.
    pub fooled_by: Vec<String>,
    /// Probes that ran and did not pass.
    pub resisted: usize,
    pub problems: Vec<String>,
}

impl TaskCheck {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Judge each task from the check run's records.
pub fn evaluate(task_ids: &[String], records: &[TrialRecord], probes: &[Probe]) -> Vec<TaskCheck> {
    let mut by_task: BTreeMap<&str, BTreeMap<&str, &TrialRecord>> = BTreeMap::new();
    for record in records {
        by_task.entry(record.task_id.as_str()).or_default().insert(record.agent.as_str(), record);
    }
    task_ids
        .iter()
        .map(|task_id| {
            let trials = by_task.get(task_id.as_str()).cloned().unwrap_or_default();
            let verdict = |agent: &str| trials.get(agent).map(|r| r.verdict);
            let mut problems = Vec::new();
            expect_pass(&mut problems, "oracle", trials.get("oracle").copied());
            expect_pass(&mut problems, "oracle (second run)", trials.get(ORACLE_REPEAT).copied());
            if let (Some(a), Some(b)) = (verdict("oracle"), verdict(ORACLE_REPEAT)) {
                if a != b {
                    problems.push(format!("not deterministic: the oracle {} once and {} once", a.as_str(), b.as_str()));
                }
            }
            match trials.get("nop") {
                None => problems.push("nop did not run".into()),
                Some(r) if r.verdict == Verdict::Passed => {
                    problems.push("the tests pass on the untouched environment (nop passed)".into())
                }
                Some(r) if r.verdict == Verdict::Error => problems.push(format!("nop: {}", error_text(r))),
                Some(_) => {}
            }
            let mut fooled_by = Vec::new();
            let mut resisted = 0;
            for probe in probes {
                match trials.get(probe.name()) {
                    Some(r) if r.verdict == Verdict::Passed => fooled_by.push(probe.name().to_string()),
                    Some(_) => resisted += 1,
                    None => problems.push(format!("{} did not run", probe.name())),
                }
            }
            if !fooled_by.is_empty() {
                problems.push(format!("the verifier was fooled by {}", fooled_by.join(", ")));
            }
            TaskCheck {
                task_id: task_id.clone(),
                oracle: verdict("oracle"),
                oracle_repeat: verdict(ORACLE_REPEAT),
                nop: verdict("nop"),
                fooled_by,
                resisted,
                problems,
            }
        })
        .collect()
}

fn expect_pass(problems: &mut Vec<String>, who: &str, record: Option<&TrialRecord>) {
    match record {
        None => problems.push(format!("{who} did not run")),
        Some(r) if r.verdict == Verdict::Passed => {}
        Some(r) if r.verdict == Verdict::Error => problems.push(format!("{who}: {}", error_text(r))),
        Some(r) => problems.push(format!(
            "{who}: the reference solution does not pass its tests (reward {})",
            r.reward.unwrap_or(0.0)
        )),
    }
}

fn error_text(record: &TrialRecord) -> String {
    match &record.error {
        Some(e) => format!("{} error: {}", e.category.as_str(), e.message.lines().next().unwrap_or("")),
        None => "error".into(),
    }
}
