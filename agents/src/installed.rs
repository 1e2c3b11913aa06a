//! Agent kind `installed`: an external agent CLI installed by a script and run inside the
//! container, with the instruction in a file.
//!
//! The install script (a host file named by the configuration) is uploaded to
//! `/tmp/proctor/install.sh` and run as root; the instruction is written to
//! `/tmp/proctor/instruction.md` (its path is in `$PROCTOR_INSTRUCTION_FILE`); the `run` command
//! runs with `bash -lc` in the workdir. Host environment variables reach the command only when
//! the configuration names them in `installed.env` — and then only that command's environment,
//! never the container's; their values are scrubbed from the logs written to the host.

use std::time::Duration;

use async_trait::async_trait;
use proctor_schema::{StopReason, Usage};

use crate::agent::{Agent, AgentContext, AgentError, AgentOutcome};
use crate::config::InstalledConfig;
use crate::policy::SandboxPolicy;
use crate::sandbox::{ExecOutput, ExecRequest};
use crate::secret::{redact, Secret};
use crate::trajectory::TrajectoryEvent;

/// Where the instruction is written in the container.
pub const INSTRUCTION_FILE: &str = "/tmp/proctor/instruction.md";
/// Where the install script is uploaded in the container.
pub const INSTALL_FILE: &str = "/tmp/proctor/install.sh";

/// An external agent CLI.
#[derive(Debug, Clone)]
pub struct InstalledAgent {
    pub name: String,
    pub config: InstalledConfig,
    /// The install script's text.
    pub install_script: Option<String>,
    pub policy: SandboxPolicy,
    pub wall_time: Option<Duration>,
}

fn log_text(command: &str, output: &ExecOutput, secrets: &[Secret]) -> String {
    let text = format!(
        "$ {command}\n--- exit code: {:?}{} ({:.1} s) ---\n--- stdout ---\n{}\n--- stderr ---\n{}\n",
        output.exit_code,
        if output.timed_out { " (timed out)" } else { "" },
        output.duration.as_secs_f64(),
        output.stdout.to_text(),
        output.stderr.to_text()
    );
    redact(&text, secrets)
}

impl InstalledAgent {
    fn record_exec(&self, ctx: &AgentContext<'_>, argv: Vec<String>, output: &ExecOutput) {
        ctx.trajectory.record(TrajectoryEvent::Exec {
            argv,
            exit_code: output.exit_code,
            timed_out: output.timed_out,
            duration_ms: u64::try_from(output.duration.as_millis()).unwrap_or(u64::MAX),
        });
    }

    fn write_log(ctx: &AgentContext<'_>, file: &str, text: &str) -> Result<(), AgentError> {
        let path = ctx.log_dir.join(file);
        std::fs::write(&path, text).map_err(|e| AgentError::Crashed(format!("writing {}: {e}", path.display())))
    }

    fn finish(ctx: &AgentContext<'_>, stop_reason: StopReason) -> AgentOutcome {
        let usage = Usage { turns: 1, ..Usage::default() };
        ctx.trajectory.update_usage(|u| u.turns += 1);
        ctx.trajectory.record(TrajectoryEvent::AgentFinished { stop_reason, usage: usage.clone() });
        AgentOutcome { stop_reason, usage }
    }
}

#[async_trait]
impl Agent for InstalledAgent {
    async fn run(&self, ctx: AgentContext<'_>) -> Result<AgentOutcome, AgentError> {
        ctx.trajectory.record(TrajectoryEvent::AgentStarted { agent: self.name.clone() });
        let mut secrets = Vec::new();
        let mut env = vec![("PROCTOR_INSTRUCTION_FILE".to_string(), INSTRUCTION_FILE.to_string())];
        for name in &self.config.env {
            let secret = Secret::from_env(name).ok_or_else(|| {
                AgentError::Fatal(format!(
                    "agent `{}`: the environment variable `{name}` (installed.env) is not set on the host",
                    self.name
                ))
            })?;
            env.push((name.clone(), secret.expose().to_string()));
            secrets.push(secret);
        }
        if let Some(script) = &self.install_script {
            ctx.sandbox.write_file(INSTALL_FILE, script.as_bytes(), 0o755).await?;
            let request = ExecRequest::shell(
                format!("bash {INSTALL_FILE}"),
                Duration::from_secs(self.config.install_timeout_secs),
            )
            .user("root")
            .max_output_bytes(256 * 1024);
            let argv = request.argv.clone();
            let output = tokio::select! {
                out = ctx.sandbox.exec(request) => out?,
                () = ctx.cancel.cancelled() => return Ok(Self::finish(&ctx, StopReason::Cancelled)),
            };
            self.record_exec(&ctx, argv, &output);
            Self::write_log(&ctx, "install.log", &log_text(&format!("bash {INSTALL_FILE}"), &output, &secrets))?;
            if !output.success() {
                return Err(AgentError::Crashed(format!(
                    "agent `{}`: the install script failed (exit code {:?}{}); see install.log",
                    self.name,
                    output.exit_code,
                    if output.timed_out { ", timed out" } else { "" }
                )));
            }
        }
        ctx.sandbox.write_file(INSTRUCTION_FILE, ctx.instruction.as_bytes(), 0o644).await?;
        let timeout = self.wall_time.map_or(ctx.limits.timeout, |w| w.min(ctx.limits.timeout));
        let request = ExecRequest {
            argv: vec!["bash".into(), "-lc".into(), self.config.run.clone()],
            workdir: None,
            user: self.policy.user.clone(),
            env,
            timeout,
            max_output_bytes: 1 << 20,
        };
        let argv = request.argv.clone();
        let output = tokio::select! {
            out = ctx.sandbox.exec(request) => out?,
            () = ctx.cancel.cancelled() => return Ok(Self::finish(&ctx, StopReason::Cancelled)),
        };
        self.record_exec(&ctx, argv, &output);
        Self::write_log(&ctx, "installed.log", &log_text(&self.config.run, &output, &secrets))?;
        if output.timed_out {
            return Ok(Self::finish(&ctx, StopReason::Timeout));
        }
        if !output.success() {
            ctx.trajectory.record(TrajectoryEvent::Note {
                message: format!("the agent CLI exited with code {:?}", output.exit_code),
            });
            return Err(AgentError::Crashed(format!(
                "agent `{}`: the agent command exited with code {:?}; see installed.log",
                self.name, output.exit_code
            )));
        }
        Ok(Self::finish(&ctx, StopReason::Completed))
    }
}
