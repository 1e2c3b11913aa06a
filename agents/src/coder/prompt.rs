//! The system prompt: the configured (or built-in) prompt followed by the environment context —
//! working directory, operating system, date, and the sandbox policy in words.

use std::time::Duration;

use crate::policy::SandboxPolicy;
use crate::sandbox::{ExecRequest, Sandbox, SandboxError};

/// The built-in system prompt.
pub const DEFAULT_SYSTEM_PROMPT: &str = include_str!("../../prompts/system.md");
/// The built-in handoff-summary request.
pub const DEFAULT_COMPACTION_PROMPT: &str = include_str!("../../prompts/compact.md");

/// Ask the container what it runs (`PRETTY_NAME (arch)`), falling back to `Linux`.
pub async fn probe_os(sandbox: &dyn Sandbox) -> Result<String, SandboxError> {
    let script = r#". /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-Linux} ($(uname -m 2>/dev/null))""#;
    let out = sandbox.exec(ExecRequest::shell(script, Duration::from_secs(15)).max_output_bytes(4096)).await?;
    let text = out.stdout.to_text();
    let line = text.lines().next().unwrap_or("").trim();
    Ok(if out.success() && !line.is_empty() { line.to_string() } else { "Linux".to_string() })
}

/// The environment context block.
pub fn environment_context(workdir: &str, os: &str, date: &str, policy: &SandboxPolicy) -> String {
    format!(
        "<environment_context>\nworking directory: {workdir}\noperating system: {os}\ndate: {date}\nsandbox: {}\n</environment_context>",
        policy.describe(workdir)
    )
}

/// The full system prompt.
pub fn system_prompt(base: &str, environment: &str) -> String {
    format!("{}\n\n{environment}\n", base.trim_end())
}

/// The first user message: the task instruction.
pub fn instruction_message(instruction: &str) -> String {
    format!("<task>\n{}\n</task>", instruction.trim_end())
}
