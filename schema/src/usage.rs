//! What an agent consumed and why it stopped.

use serde::{Deserialize, Serialize};

/// Why the agent phase ended. A trial whose agent stopped at a limit is still verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// The agent declared the work done (the model answered without tool calls, or the script ended).
    Completed,
    /// The turn limit was reached.
    MaxTurns,
    /// The total-token limit was reached.
    MaxTokens,
    /// The cost limit was reached.
    MaxCost,
    /// The agent's wall time ran out.
    Timeout,
    /// The context window was exhausted and compaction could not recover.
    ContextExhausted,
    /// The model API failed after retries.
    ModelError,
    /// The run was interrupted (Ctrl-C) while the agent was working.
    Cancelled,
}

impl StopReason {
    /// The name used in records and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            StopReason::Completed => "completed",
            StopReason::MaxTurns => "max_turns",
            StopReason::MaxTokens => "max_tokens",
            StopReason::MaxCost => "max_cost",
            StopReason::Timeout => "timeout",
            StopReason::ContextExhausted => "context_exhausted",
            StopReason::ModelError => "model_error",
            StopReason::Cancelled => "cancelled",
        }
    }
}

/// Usage figures of one agent phase. Agents that call no model leave the token fields at zero.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Usage {
    pub input_tokens: u64,
    pub cached_input_tokens: u64,
    pub output_tokens: u64,
    pub reasoning_tokens: u64,
    /// Model requests made (including retries that got an answer).
    pub model_calls: u64,
    /// Agent turns (one model response and the tool calls it asked for).
    pub turns: u64,
    pub tool_calls: u64,
    /// Context compactions performed.
    pub compactions: u64,
    /// Cost in US dollars, from the configuration's prices; `None` when no prices are known.
    pub cost_usd: Option<f64>,
}

impl Usage {
    /// Input plus output tokens (cached input counts as input; reasoning is part of output).
    pub fn total_tokens(&self) -> u64 {
        self.input_tokens + self.output_tokens
    }
}
