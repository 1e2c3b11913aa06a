//! `proctor repro`: run one recorded trial again — its task (rebuilt if changed), its agent
//! configuration — live, or replaying the recorded model responses against a fresh container to
//! find where the environment has drifted.

use std::path::{Path, PathBuf};

use proctor_agents::config::{self, ProviderKind};
use proctor_agents::registry::{from_config, resolve, ResolvedAgent};
use proctor_schema::{RunManifest, TrialRecord};
use serde_json::Value;

use crate::check::{check_agents, Probe};

/// How the agent is run again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReproMode {
    /// The configuration as it is now (calls the model again).
    Live,
    /// The recorded model responses, played back: no API key, no cost.
    Replay,
}

/// Why a trial's agent could not be restored.
#[derive(Debug, thiserror::Error)]
pub enum ReproError {
    #[error("agent `{agent}` of the run cannot be found again: none of its --agent values ({specs}) resolves to it")]
    AgentGone { agent: String, specs: String },
    #[error("agent `{agent}` calls no model (kind {kind}): there is nothing to replay; run without --replay")]
    NothingToReplay { agent: String, kind: String },
    #[error("agent configuration `{}`: {message}", path.display())]
    Config { path: PathBuf, message: String },
}

/// The agent of `record`, restored from the run's `--agent` values; with a warning when its
/// configuration changed since the run.
pub fn restore_agent(
    manifest: &RunManifest,
    record: &TrialRecord,
    trial_dir: &Path,
    mode: ReproMode,
) -> Result<(ResolvedAgent, Option<String>), ReproError> {
    if let Some(agent) = check_agents(&Probe::ALL).into_iter().find(|a| a.name == record.agent) {
        if mode == ReproMode::Replay {
            return Err(ReproError::NothingToReplay { agent: agent.name, kind: agent.kind });
        }
        return Ok((agent, None));
    }
    let agents_dir = Path::new(&manifest.options.agents_dir);
    for spec in &manifest.options.agents {
        let Ok(agent) = resolve(spec, agents_dir) else { continue };
        if agent.name != record.agent {
            continue;
        }
        let warning = (agent.digest != record.agent_digest).then(|| {
            format!(
                "agent configuration `{}` changed since the run (digest {} then, {} now)",
                agent.name,
                short(&record.agent_digest),
                short(&agent.digest)
            )
        });
        if mode == ReproMode::Live {
            return Ok((agent, warning));
        }
        if agent.kind != "builtin" {
            return Err(ReproError::NothingToReplay { agent: agent.name, kind: agent.kind });
        }
        let path = config_path(spec, agents_dir);
        let config_error = |message: String| ReproError::Config { path: path.clone(), message };
        let mut resolved = config::load(&path).map_err(|e| config_error(e.to_string()))?;
        let trajectory = trial_dir.join("trajectory.jsonl");
        let text = std::fs::read_to_string(&trajectory).map_err(|e| ReproError::Config {
            path: trajectory.clone(),
            message: format!("the recorded trajectory: {e}"),
        })?;
        resolved.config.model.provider = Some(ProviderKind::Replay);
        resolved.config.model.replay = Some(trajectory.clone());
        resolved.config.model.api_key_env = None;
        resolved.files.insert("model.replay".into(), config::LoadedFile { path: trajectory, text });
        let mut agent = from_config(&resolved).map_err(|e| config_error(e.to_string()))?;
        agent.name = record.agent.clone();
        return Ok((agent, warning));
    }
    Err(ReproError::AgentGone { agent: record.agent.clone(), specs: manifest.options.agents.join(", ") })
}

fn config_path(spec: &str, agents_dir: &Path) -> PathBuf {
    let path = Path::new(spec);
    if path.extension().is_some() || path.components().count() > 1 {
        path.to_path_buf()
    } else {
        agents_dir.join(format!("{spec}.toml"))
    }
}

fn short(digest: &str) -> &str {
    proctor_schema::short_digest(digest)
}

/// The first tool output that differs between a recorded and a replayed trajectory.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// Index among the tool results (0-based).
    pub index: usize,
    pub turn: u64,
    pub recorded: String,
    pub replayed: String,
}

/// Compare the tool outputs of two trajectories in order. `None`: identical as far as both go,
/// and equally long.
pub fn first_divergence(recorded: &[Value], replayed: &[Value]) -> Option<Divergence> {
    let outputs = |events: &[Value]| -> Vec<(u64, String)> {
        events
            .iter()
            .filter(|e| e["type"] == "tool_result")
            .map(|e| (e["turn"].as_u64().unwrap_or(0), comparable(e)))
            .collect()
    };
    let (before, after) = (outputs(recorded), outputs(replayed));
    let missing = (0, "(no such tool call)".to_string());
    (0..before.len().max(after.len())).find_map(|index| {
        let (turn, recorded) = before.get(index).unwrap_or(&missing);
        let (new_turn, replayed) = after.get(index).unwrap_or(&missing);
        (recorded != replayed).then(|| Divergence {
            index,
            turn: (*turn).max(*new_turn),
            recorded: recorded.clone(),
            replayed: replayed.clone(),
        })
    })
}

/// What must match between two runs of a tool call: its exit code and its raw output, without
/// timings (which always differ).
fn comparable(event: &Value) -> String {
    let exit = event["exit_code"].as_i64().map(|c| format!("exit {c}\n")).unwrap_or_default();
    let output = event["full_output"].as_str().or_else(|| event["output"].as_str()).unwrap_or("");
    let kept: Vec<&str> = output.lines().filter(|line| !line.starts_with("Wall time:")).collect();
    format!("{exit}{}", kept.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(turn: u64, output: &str) -> Value {
        serde_json::json!({"type": "tool_result", "turn": turn, "call_id": "c", "output": output})
    }

    #[test]
    fn finds_the_first_differing_tool_output() {
        let recorded =
            vec![result(1, "a"), serde_json::json!({"type": "note", "message": "x"}), result(2, "b"), result(3, "c")];
        assert_eq!(first_divergence(&recorded, &recorded), None);
        let changed = vec![result(1, "a"), result(2, "B"), result(3, "c")];
        let d = first_divergence(&recorded, &changed).expect("diverges");
        assert_eq!((d.index, d.turn, d.recorded.as_str(), d.replayed.as_str()), (1, 2, "b", "B"));
        let timed = |secs: &str| vec![result(1, &format!("Exit code: 0\nWall time: {secs} seconds\nOutput:\nok"))];
        assert_eq!(first_divergence(&timed("0.1"), &timed("0.7")), None, "timings are not drift");
        let shorter = vec![result(1, "a")];
        assert_eq!(first_divergence(&recorded, &shorter).map(|d| d.index), Some(1));
    }
}
