//! The `exec_command` tool: `bash -lc CMD` in the container (stderr merged into stdout), with a
//! timeout and the output truncated for the model.

use std::time::Duration;

use serde::Deserialize;
use serde_json::Value as Json;

use super::truncate::truncate_parts;
use super::{ToolContext, ToolOutcome};
use crate::sandbox::{ExecRequest, SandboxError};

/// Bytes of raw output kept from one command (head and tail halves), as the full output.
pub const RAW_OUTPUT_CAP: usize = 1 << 20;

/// Arguments of `exec_command`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecArgs {
    /// A shell command, or an argv that is quoted into one.
    pub cmd: Command,
    #[serde(default)]
    pub workdir: Option<String>,
    #[serde(default)]
    pub timeout_ms: Option<u64>,
    #[serde(default)]
    pub max_output_tokens: Option<u64>,
}

/// `cmd` as a string or as an argv.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Command {
    Shell(String),
    Argv(Vec<String>),
}

impl Command {
    pub fn to_shell(&self) -> String {
        match self {
            Command::Shell(s) => s.clone(),
            Command::Argv(argv) => argv.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" "),
        }
    }
}

/// `arg` quoted for bash.
pub fn shell_quote(arg: &str) -> String {
    if !arg.is_empty() && arg.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c)) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The argv that runs `cmd` under a login shell with stderr merged into stdout.
pub fn shell_argv(cmd: &str) -> Vec<String> {
    vec!["bash".into(), "-c".into(), "exec 2>&1\nexec bash -lc \"$1\"".into(), "proctor-exec".into(), cmd.into()]
}

/// Run one `exec_command` call.
pub async fn exec_command(ctx: &ToolContext<'_>, arguments: &Json) -> Result<ToolOutcome, SandboxError> {
    let args: ExecArgs = match serde_json::from_value(arguments.clone()) {
        Ok(a) => a,
        Err(e) => return Ok(ToolOutcome::error(format!("invalid arguments for exec_command: {e}"))),
    };
    let cmd = args.cmd.to_shell();
    if cmd.trim().is_empty() {
        return Ok(ToolOutcome::error("exec_command: `cmd` is empty".to_string()));
    }
    let workdir = match &args.workdir {
        None => ctx.sandbox.workdir().to_string(),
        Some(w) if w.starts_with('/') => w.clone(),
        Some(w) => format!("{}/{w}", ctx.sandbox.workdir().trim_end_matches('/')),
    };
    let timeout = args
        .timeout_ms
        .map(Duration::from_millis)
        .unwrap_or(ctx.command_timeout)
        .min(ctx.command_timeout)
        .max(Duration::from_millis(100));
    let max_tokens = args.max_output_tokens.unwrap_or(ctx.output_token_limit).clamp(1, ctx.output_token_limit);
    let request = ExecRequest {
        argv: shell_argv(&cmd),
        workdir: Some(workdir),
        user: ctx.user.map(str::to_string),
        env: Vec::new(),
        timeout,
        max_output_bytes: RAW_OUTPUT_CAP,
    };
    let output = ctx.sandbox.exec(request).await?;
    // stderr is merged into stdout by the wrapper; anything left on stderr is the wrapper's own.
    let mut head = output.stdout.head.clone();
    let mut tail = output.stdout.tail.clone();
    let hidden = output.stdout.cut_bytes + output.stderr.cut_bytes;
    if !output.stderr.head.is_empty() || !output.stderr.tail.is_empty() {
        let target = if hidden > 0 { &mut tail } else { &mut head };
        target.extend_from_slice(&output.stderr.head);
        target.extend_from_slice(&output.stderr.tail);
    }
    let shown = truncate_parts(&head, &tail, hidden, max_tokens);
    let status = match (output.timed_out, output.exit_code) {
        (true, _) => format!("Command timed out after {:.1} seconds and was killed", timeout.as_secs_f64()),
        (false, Some(code)) => format!("Exit code: {code}"),
        (false, None) => "Exit code: unknown (the command was killed)".to_string(),
    };
    let mut text = format!("{status}\nWall time: {:.1} seconds\n", output.duration.as_secs_f64());
    if shown.was_cut() {
        text.push_str(&format!(
            "Total output: {} bytes (~{} tokens); showing the head and the tail\n",
            shown.total_bytes,
            shown.total_bytes.div_ceil(4)
        ));
    }
    text.push_str("Output:\n");
    let header = text.clone();
    text.push_str(&shown.text);
    let full = if shown.was_cut() {
        let mut full = header;
        full.push_str(&output.stdout.to_text());
        full.push_str(&output.stderr.to_text());
        Some(full)
    } else {
        None
    };
    Ok(ToolOutcome { shown: text, full, exit_code: output.exit_code, failed: false })
}
