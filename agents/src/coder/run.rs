//! The loop of the coding agent.
//!
//! Each turn: check the limits (cancellation, wall time, turns, tokens, cost), compact when the
//! context reaches the trigger, ask the model, and run the tool calls it makes. The loop ends
//! when the model answers without a tool call (`completed`) or at a limit. Every request and
//! response body, tool call and result, compaction and retry goes to the trajectory, and usage
//! is added to the trajectory's totals after every call, so it survives the harness dropping the
//! agent at its deadline.

use std::sync::Arc;
use std::time::{Duration, Instant};

use proctor_schema::{StopReason, Usage};
use serde_json::Value as Json;
use tokio::time::sleep_until;

use super::compaction::{drop_oldest, rebuild_after_summary, truncate_tool_outputs};
use super::history::History;
use super::prompt::{environment_context, instruction_message, probe_os, system_prompt};
use crate::agent::{AgentContext, AgentError};
use crate::config::{AgentConfig, CompactionStrategy};
use crate::model::{
    estimate_items, estimate_tokens, CallUsage, Item, ModelError, ModelProvider, ModelReply, ModelRequest, Purpose,
    ToolSpec, UserOrigin,
};
use crate::policy::SandboxPolicy;
use crate::secret::{redact, Secret};
use crate::tools::patch::PathPolicy;
use crate::tools::{run_tool, specs, ToolContext};
use crate::trajectory::TrajectoryEvent;

/// Time a tool call may overrun the deadline (its command is killed at the deadline itself).
const TOOL_GRACE: Duration = Duration::from_secs(5);
/// Attempts at a summary request that overflows, dropping the oldest items between attempts.
const SUMMARY_ATTEMPTS: u32 = 8;
/// Sent when a final answer was cut off at the output limit (once in a row).
const CUT_OFF_NUDGE: &str =
    "Your last answer was cut off at the output token limit. Continue the task; keep each answer shorter.";

/// What the loop needs from the agent.
pub struct Settings<'a> {
    pub config: &'a AgentConfig,
    pub system_prompt: &'a str,
    pub compaction_prompt: &'a str,
    /// Strings scrubbed from recorded response bodies.
    pub secrets: Vec<Secret>,
}

/// Why a model call did not produce a reply.
enum Interrupt {
    Stop(StopReason),
    Model(ModelError),
}

struct Trial<'a, 'c> {
    s: Settings<'a>,
    ctx: &'a AgentContext<'c>,
    provider: Arc<dyn ModelProvider>,
    system: String,
    tools: Vec<ToolSpec>,
    history: History,
    paths: PathPolicy,
    policy: SandboxPolicy,
    deadline: tokio::time::Instant,
    /// Turns completed.
    turn: u64,
    /// Tokens at which compaction starts.
    threshold: u64,
}

/// Run the loop to its end.
pub async fn run(
    s: Settings<'_>,
    ctx: &AgentContext<'_>,
    provider: Arc<dyn ModelProvider>,
) -> Result<StopReason, AgentError> {
    let mut wall = ctx.limits.timeout;
    if let Some(secs) = s.config.limits.wall_time_secs {
        wall = wall.min(Duration::from_secs(secs));
    }
    let deadline = tokio::time::Instant::now() + wall;
    let policy = SandboxPolicy::from_config(&s.config.sandbox);
    let workdir = ctx.sandbox.workdir().to_string();
    let os = tokio::select! {
        os = probe_os(ctx.sandbox) => os?,
        () = sleep_until(deadline) => return Ok(StopReason::Timeout),
        () = ctx.cancel.cancelled() => return Ok(StopReason::Cancelled),
    };
    let date = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let system = system_prompt(s.system_prompt, &environment_context(&workdir, &os, &date, &policy));
    let tools = specs(&s.config.tools.enabled);
    let history = History::new(&system, &tools, &instruction_message(ctx.instruction));
    let paths = PathPolicy { writable_roots: policy.writable_roots(&workdir), workdir };
    let threshold = s.config.compaction.trigger.threshold(s.config.model.context_window);
    let mut trial = Trial { s, ctx, provider, system, tools, history, paths, policy, deadline, turn: 0, threshold };
    trial.main_loop().await
}

impl Trial<'_, '_> {
    fn note(&self, message: String) {
        self.ctx.trajectory.record(TrajectoryEvent::Note { message });
    }

    fn strategy(&self) -> CompactionStrategy {
        self.s.config.compaction.strategy
    }

    async fn main_loop(&mut self) -> Result<StopReason, AgentError> {
        let mut nudged = false;
        loop {
            if let Some(stop) = self.limit_reached() {
                return Ok(stop);
            }
            let mut compacted = false;
            if self.strategy() != CompactionStrategy::None && self.history.tokens() >= self.threshold {
                compacted = true;
                if let Some(stop) = self.compact(false).await? {
                    return Ok(stop);
                }
            } else if self.strategy() == CompactionStrategy::None
                && self.history.tokens() >= self.s.config.model.context_window
            {
                self.note(format!(
                    "the context holds ~{} tokens, the window {}; compaction is off",
                    self.history.tokens(),
                    self.s.config.model.context_window
                ));
                return Ok(StopReason::ContextExhausted);
            }
            let reply = loop {
                match self.call(Purpose::Turn, None).await {
                    Ok(reply) => break reply,
                    Err(Interrupt::Stop(stop)) => return Ok(stop),
                    Err(Interrupt::Model(ModelError::ContextLength { message })) => {
                        self.note(format!("the request overflowed the context window: {message}"));
                        if compacted || self.strategy() == CompactionStrategy::None {
                            return Ok(StopReason::ContextExhausted);
                        }
                        compacted = true;
                        if let Some(stop) = self.compact(true).await? {
                            return Ok(stop);
                        }
                    }
                    Err(Interrupt::Model(e)) => return self.model_failure(e),
                }
            };
            self.turn += 1;
            self.ctx.trajectory.update_usage(|u| u.turns += 1);
            let calls: Vec<(String, String, String)> = reply
                .tool_calls()
                .into_iter()
                .map(|(id, name, args)| (id.to_string(), name.to_string(), args.to_string()))
                .collect();
            self.history.items.extend(reply.items.iter().cloned());
            self.history.record_response(&reply.usage);
            if calls.is_empty() {
                if reply.truncated && !nudged {
                    nudged = true;
                    self.history.push(Item::user(CUT_OFF_NUDGE, UserOrigin::Nudge));
                    continue;
                }
                return Ok(StopReason::Completed);
            }
            nudged = false;
            for (call_id, name, arguments) in calls {
                if let Some(stop) = self.tool_call(&call_id, &name, &arguments).await? {
                    return Ok(stop);
                }
            }
        }
    }

    fn limit_reached(&self) -> Option<StopReason> {
        if self.ctx.cancel.is_cancelled() {
            return Some(StopReason::Cancelled);
        }
        if tokio::time::Instant::now() >= self.deadline {
            return Some(StopReason::Timeout);
        }
        let limits = &self.s.config.limits;
        let usage = self.ctx.trajectory.usage();
        if limits.max_turns.is_some_and(|max| self.turn >= max) {
            return Some(StopReason::MaxTurns);
        }
        if limits.max_total_tokens.is_some_and(|max| usage.total_tokens() >= max) {
            return Some(StopReason::MaxTokens);
        }
        if limits.max_cost_usd.is_some_and(|max| usage.cost_usd.unwrap_or(0.0) >= max) {
            return Some(StopReason::MaxCost);
        }
        None
    }

    /// A model failure other than an overflow: fatal ones stop the run, others end the trial.
    fn model_failure(&self, error: ModelError) -> Result<StopReason, AgentError> {
        let message = format!("model {}: {error}", self.provider.label());
        self.note(message.clone());
        if error.is_fatal() {
            Err(AgentError::Fatal(message))
        } else {
            Ok(StopReason::ModelError)
        }
    }

    /// One model call, recorded and accounted. `items` defaults to the history.
    async fn call(&self, purpose: Purpose, items: Option<&[Item]>) -> Result<ModelReply, Interrupt> {
        let model = &self.s.config.model;
        let request = ModelRequest {
            model: model.name.as_deref().unwrap_or(""),
            system: &self.system,
            items: items.unwrap_or(&self.history.items),
            tools: &self.tools,
            purpose,
            max_output_tokens: model.max_output_tokens,
            reasoning_effort: model.reasoning_effort,
            temperature: model.temperature,
        };
        let body = self.provider.build_body(&request);
        let turn = self.turn + 1;
        let trajectory = self.ctx.trajectory;
        trajectory.record(TrajectoryEvent::ModelRequest { turn, body: body.clone() });
        let notify = move |message: String| trajectory.record(TrajectoryEvent::Note { message });
        let started = Instant::now();
        let sent = tokio::select! {
            sent = self.provider.send(&body, &notify) => sent,
            () = sleep_until(self.deadline) => return Err(Interrupt::Stop(StopReason::Timeout)),
            () = self.ctx.cancel.cancelled() => return Err(Interrupt::Stop(StopReason::Cancelled)),
        };
        let response = sent.map_err(Interrupt::Model)?;
        let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let parsed = self.provider.parse(&response);
        let call_usage = parsed.as_ref().map(|r| r.usage).unwrap_or_default();
        let usage = self.account(&call_usage);
        trajectory.record(TrajectoryEvent::ModelResponse { turn, body: self.scrub(response), latency_ms, usage });
        parsed.map_err(Interrupt::Model)
    }

    /// Add one call's usage to the trial's totals; returns the call's own usage record.
    fn account(&self, call: &CallUsage) -> Usage {
        let cost =
            self.s.config.model.prices.map(|p| p.cost(call.input_tokens, call.cached_input_tokens, call.output_tokens));
        self.ctx.trajectory.update_usage(|u| {
            u.input_tokens += call.input_tokens;
            u.cached_input_tokens += call.cached_input_tokens;
            u.output_tokens += call.output_tokens;
            u.reasoning_tokens += call.reasoning_tokens;
            u.model_calls += 1;
            if let Some(c) = cost {
                u.cost_usd = Some(u.cost_usd.unwrap_or(0.0) + c);
            }
        });
        Usage {
            input_tokens: call.input_tokens,
            cached_input_tokens: call.cached_input_tokens,
            output_tokens: call.output_tokens,
            reasoning_tokens: call.reasoning_tokens,
            model_calls: 1,
            cost_usd: cost,
            ..Usage::default()
        }
    }

    /// A response body with any secret scrubbed (a server could echo a key back).
    fn scrub(&self, body: Json) -> Json {
        if self.s.secrets.is_empty() {
            return body;
        }
        let text = body.to_string();
        let clean = redact(&text, &self.s.secrets);
        if clean == text {
            body
        } else {
            serde_json::from_str(&clean).unwrap_or(Json::String(clean))
        }
    }

    async fn tool_call(
        &mut self,
        call_id: &str,
        name: &str,
        arguments: &str,
    ) -> Result<Option<StopReason>, AgentError> {
        let turn = self.turn;
        let recorded_args = serde_json::from_str(arguments).unwrap_or_else(|_| Json::String(arguments.to_string()));
        self.ctx.trajectory.record(TrajectoryEvent::ToolCall {
            turn,
            call_id: call_id.into(),
            name: name.into(),
            arguments: recorded_args,
        });
        let remaining = self.deadline.saturating_duration_since(tokio::time::Instant::now());
        let tools = ToolContext {
            sandbox: self.ctx.sandbox,
            paths: &self.paths,
            output_token_limit: self.s.config.tools.output_token_limit,
            command_timeout: self.policy.command_timeout.min(remaining),
            user: self.policy.user.as_deref(),
        };
        let outcome = tokio::select! {
            outcome = run_tool(&tools, &self.s.config.tools.enabled, name, arguments) => outcome?,
            () = sleep_until(self.deadline + TOOL_GRACE) => return Ok(Some(StopReason::Timeout)),
            () = self.ctx.cancel.cancelled() => return Ok(Some(StopReason::Cancelled)),
        };
        self.ctx.trajectory.record(TrajectoryEvent::ToolResult {
            turn,
            call_id: call_id.into(),
            output: outcome.shown.clone(),
            full_output: outcome.full,
            exit_code: outcome.exit_code,
        });
        self.history.push(Item::ToolOutput { call_id: call_id.into(), output: outcome.shown });
        self.ctx.trajectory.update_usage(|u| u.tool_calls += 1);
        Ok(None)
    }

    /// Compact the history. `forced`: the provider refused the request as too long.
    async fn compact(&mut self, forced: bool) -> Result<Option<StopReason>, AgentError> {
        let before = self.history.tokens();
        let turn = self.turn + 1;
        let window = self.s.config.model.context_window;
        match self.strategy() {
            CompactionStrategy::None => Ok(Some(StopReason::ContextExhausted)),
            CompactionStrategy::Truncate => {
                let target = self.threshold.min(before) / 2;
                let (dropped, removed) = truncate_tool_outputs(&mut self.history.items, before, target);
                if dropped == 0 {
                    self.note("truncate compaction found no tool output left to drop".into());
                    return Ok(forced.then_some(StopReason::ContextExhausted));
                }
                self.history.forget_tokens(removed);
                self.compacted(turn, before, 0);
                Ok(None)
            }
            CompactionStrategy::Summary => {
                let prompt = Item::user(self.s.compaction_prompt, UserOrigin::Nudge);
                let room = window.saturating_sub(self.s.config.model.max_output_tokens.min(window / 4));
                let mut source = self.history.items.clone();
                while self.history.fixed_tokens() + estimate_items(&source) + prompt.estimated_tokens() > room
                    && drop_oldest(&mut source)
                {}
                let mut attempts = 0;
                let summary = loop {
                    attempts += 1;
                    let mut items = source.clone();
                    items.push(prompt.clone());
                    match self.call(Purpose::Summary, Some(&items)).await {
                        Ok(reply) => break reply.text(),
                        Err(Interrupt::Stop(stop)) => return Ok(Some(stop)),
                        Err(Interrupt::Model(ModelError::ContextLength { message })) => {
                            self.note(format!("the summary request overflowed ({message}); dropping the oldest items"));
                            if attempts >= SUMMARY_ATTEMPTS || !drop_oldest(&mut source) {
                                return Ok(Some(StopReason::ContextExhausted));
                            }
                        }
                        Err(Interrupt::Model(e)) => return self.model_failure(e).map(Some),
                    }
                };
                let summary =
                    if summary.trim().is_empty() { "(the model wrote an empty summary)".to_string() } else { summary };
                let items =
                    rebuild_after_summary(&self.history.items, &summary, self.s.config.compaction.keep_user_tokens);
                self.history.replace(items);
                self.compacted(turn, before, estimate_tokens(summary.len()));
                if self.history.tokens() >= window {
                    return Ok(Some(StopReason::ContextExhausted));
                }
                Ok(None)
            }
        }
    }

    fn compacted(&self, turn: u64, tokens_before: u64, summary_tokens: u64) {
        self.ctx.trajectory.record(TrajectoryEvent::Compaction {
            turn,
            tokens_before,
            tokens_after: self.history.tokens(),
            summary_tokens,
        });
        self.ctx.trajectory.update_usage(|u| u.compactions += 1);
    }
}
