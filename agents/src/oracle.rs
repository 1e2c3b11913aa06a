//! The `oracle` agent: uploads the task's `solution/` to `/solution` and runs `solve.sh`. Every
//! valid task must pass under it.

use async_trait::async_trait;
use proctor_schema::{StopReason, Usage};

use crate::agent::{Agent, AgentContext, AgentError, AgentOutcome};
use crate::sandbox::ExecRequest;
use crate::trajectory::TrajectoryEvent;

/// Where the solution is uploaded inside the container.
pub const SOLUTION_DIR: &str = "/solution";

#[derive(Debug, Default)]
pub struct OracleAgent;

#[async_trait]
impl Agent for OracleAgent {
    fn needs_solution(&self) -> bool {
        true
    }

    async fn run(&self, ctx: AgentContext<'_>) -> Result<AgentOutcome, AgentError> {
        ctx.trajectory.record(TrajectoryEvent::AgentStarted { agent: "oracle".into() });
        let solution =
            ctx.solution_dir.ok_or_else(|| AgentError::Crashed("the oracle was given no solution directory".into()))?;
        ctx.sandbox.upload_path(solution, SOLUTION_DIR).await?;

        let request = ExecRequest::shell(format!("bash {SOLUTION_DIR}/solve.sh"), ctx.limits.timeout)
            .max_output_bytes(256 * 1024);
        let argv = request.argv.clone();
        let output = tokio::select! {
            output = ctx.sandbox.exec(request) => output?,
            () = ctx.cancel.cancelled() => return Ok(finish(&ctx, StopReason::Cancelled)),
        };
        ctx.trajectory.record(TrajectoryEvent::Exec {
            argv,
            exit_code: output.exit_code,
            timed_out: output.timed_out,
            duration_ms: u64::try_from(output.duration.as_millis()).unwrap_or(u64::MAX),
        });
        let log = format!(
            "$ bash {SOLUTION_DIR}/solve.sh\n--- exit code: {:?}{} ---\n--- stdout ---\n{}\n--- stderr ---\n{}\n",
            output.exit_code,
            if output.timed_out { " (timed out)" } else { "" },
            output.stdout.to_text(),
            output.stderr.to_text()
        );
        std::fs::write(ctx.log_dir.join("oracle.log"), log).map_err(|source| {
            AgentError::Crashed(format!("writing {}: {source}", ctx.log_dir.join("oracle.log").display()))
        })?;
        let stop_reason = if output.timed_out { StopReason::Timeout } else { StopReason::Completed };
        Ok(finish(&ctx, stop_reason))
    }
}

fn finish(ctx: &AgentContext<'_>, stop_reason: StopReason) -> AgentOutcome {
    let usage = Usage { turns: 1, tool_calls: 1, ..Usage::default() };
    ctx.trajectory.update_usage(|u| *u = usage.clone());
    ctx.trajectory.record(TrajectoryEvent::AgentFinished { stop_reason, usage: usage.clone() });
    AgentOutcome { stop_reason, usage }
}
