//! The coding agent's tools: `exec_command` ([`exec`]), `apply_patch` ([`patch`]) and
//! `update_plan`, their JSON schemas for the model, and the dispatcher the loop calls.
//!
//! Mistakes of the model (unknown tool, bad arguments, a chunk that does not apply, a path
//! outside the writable roots) come back to it as the tool's output; only sandbox failures (the
//! container is gone, Docker failed) are errors of the trial.

pub mod exec;
pub mod patch;
pub mod truncate;

use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value as Json};

use crate::config::ToolName;
use crate::model::ToolSpec;
use crate::sandbox::{Sandbox, SandboxError};
use patch::{PatchError, PathPolicy};

/// What a tool needs from the trial.
pub struct ToolContext<'a> {
    pub sandbox: &'a dyn Sandbox,
    pub paths: &'a PathPolicy,
    /// Tokens of output shown to the model per call (a call may ask for fewer).
    pub output_token_limit: u64,
    /// Longest a command may run (the configured limit, or less when the deadline is near).
    pub command_timeout: Duration,
    /// User commands run as (the sandbox's default when `None`).
    pub user: Option<&'a str>,
}

/// The result of one tool call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolOutcome {
    /// What the model is shown.
    pub shown: String,
    /// The full output (capped) when the model was shown less.
    pub full: Option<String>,
    pub exit_code: Option<i64>,
    /// The call failed (bad arguments, patch rejected, ...).
    pub failed: bool,
}

impl ToolOutcome {
    pub fn ok(shown: impl Into<String>) -> Self {
        ToolOutcome { shown: shown.into(), full: None, exit_code: None, failed: false }
    }

    pub fn error(message: impl Into<String>) -> Self {
        ToolOutcome { shown: message.into(), full: None, exit_code: None, failed: true }
    }
}

/// The schema of one tool.
pub fn spec(tool: ToolName) -> ToolSpec {
    let (description, parameters) = match tool {
        ToolName::ExecCommand => (
            "Run a shell command (bash -lc) in the task's environment and return its exit code and output \
             (stdout and stderr together; long output keeps its head and tail). Commands run non-interactively: \
             never wait for input.",
            json!({
                "type": "object",
                "properties": {
                    "cmd": { "type": "string", "description": "The shell command to run." },
                    "workdir": { "type": "string", "description": "Directory to run in (default: the task's working directory)." },
                    "timeout_ms": { "type": "integer", "description": "Kill the command after this many milliseconds." },
                    "max_output_tokens": { "type": "integer", "description": "Show at most this many tokens of output." }
                },
                "required": ["cmd"],
                "additionalProperties": false
            }),
        ),
        ToolName::ApplyPatch => (
            "Edit files with a patch. Format:\n*** Begin Patch\n*** Add File: path\n+new line\n*** Delete File: path\n\
             *** Update File: path\n*** Move to: new/path (optional)\n@@ a line near the change (optional)\n unchanged context line\n\
             -removed line\n+added line\n*** End Patch\nPaths are relative to the working directory. Give about 3 lines of \
             context around each change; start a new @@ chunk for each separate place in a file.",
            json!({
                "type": "object",
                "properties": { "input": { "type": "string", "description": "The whole patch, from *** Begin Patch to *** End Patch." } },
                "required": ["input"],
                "additionalProperties": false
            }),
        ),
        ToolName::UpdatePlan => (
            "Record your plan for the task as a list of steps with a status each; at most one step in_progress.",
            json!({
                "type": "object",
                "properties": {
                    "explanation": { "type": "string" },
                    "plan": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "step": { "type": "string" },
                                "status": { "type": "string", "enum": ["pending", "in_progress", "completed"] }
                            },
                            "required": ["step", "status"],
                            "additionalProperties": false
                        }
                    }
                },
                "required": ["plan"],
                "additionalProperties": false
            }),
        ),
    };
    ToolSpec { name: tool.as_str().to_string(), description: description.to_string(), parameters }
}

/// Schemas of the enabled tools (each once, in a fixed order).
pub fn specs(enabled: &[ToolName]) -> Vec<ToolSpec> {
    [ToolName::ExecCommand, ToolName::ApplyPatch, ToolName::UpdatePlan]
        .into_iter()
        .filter(|t| enabled.contains(t))
        .map(spec)
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatchArgs {
    input: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanArgs {
    #[serde(default)]
    #[allow(dead_code)]
    explanation: Option<String>,
    plan: Vec<PlanStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanStep {
    #[allow(dead_code)]
    step: String,
    status: StepStatus,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum StepStatus {
    Pending,
    InProgress,
    Completed,
}

/// Run one tool call. `Err` only for sandbox failures.
pub async fn run_tool(
    ctx: &ToolContext<'_>,
    enabled: &[ToolName],
    name: &str,
    arguments: &str,
) -> Result<ToolOutcome, SandboxError> {
    let Some(tool) = enabled.iter().copied().find(|t| t.as_str() == name) else {
        let names: Vec<&str> = enabled.iter().map(|t| t.as_str()).collect();
        return Ok(ToolOutcome::error(format!("unknown tool `{name}`; the tools are: {}", names.join(", "))));
    };
    let arguments = if arguments.trim().is_empty() { "{}" } else { arguments };
    let args: Json = match serde_json::from_str(arguments) {
        Ok(v) => v,
        Err(e) => return Ok(ToolOutcome::error(format!("the arguments of `{name}` are not valid JSON: {e}"))),
    };
    match tool {
        ToolName::ExecCommand => exec::exec_command(ctx, &args).await,
        ToolName::ApplyPatch => {
            let input = match serde_json::from_value::<PatchArgs>(args) {
                Ok(a) => a.input,
                Err(e) => return Ok(ToolOutcome::error(format!("invalid arguments for apply_patch: {e}"))),
            };
            match patch::apply_patch(ctx.sandbox, ctx.paths, &input, ctx.user).await {
                Ok(summary) => Ok(ToolOutcome::ok(summary)),
                Err(PatchError::Sandbox(e)) => Err(e),
                Err(e) => Ok(ToolOutcome::error(format!("apply_patch failed; no file was changed.\n{e}"))),
            }
        }
        ToolName::UpdatePlan => Ok(match serde_json::from_value::<PlanArgs>(args) {
            Err(e) => ToolOutcome::error(format!("invalid arguments for update_plan: {e}")),
            Ok(plan) if plan.plan.iter().filter(|s| s.status == StepStatus::InProgress).count() > 1 => {
                ToolOutcome::error("update_plan: at most one step may be in_progress")
            }
            Ok(_) => ToolOutcome::ok("Plan updated"),
        }),
    }
}
