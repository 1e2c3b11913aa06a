//! The `nop` agent: does nothing. Every valid task must fail under it.

use async_trait::async_trait;
use proctor_schema::{StopReason, Usage};

use crate::agent::{Agent, AgentContext, AgentError, AgentOutcome};
use crate::trajectory::TrajectoryEvent;

#[derive(Debug, Default)]
pub struct NopAgent;

#[async_trait]
impl Agent for NopAgent {
    async fn run(&self, ctx: AgentContext<'_>) -> Result<AgentOutcome, AgentError> {
        ctx.trajectory.record(TrajectoryEvent::AgentStarted { agent: "nop".into() });
        let outcome = AgentOutcome { stop_reason: StopReason::Completed, usage: Usage::default() };
        ctx.trajectory
            .record(TrajectoryEvent::AgentFinished { stop_reason: outcome.stop_reason, usage: outcome.usage.clone() });
        Ok(outcome)
    }
}
