//! Model providers: the provider-neutral conversation ([`Item`]), requests and replies, and the
//! [`ModelProvider`] trait with its implementations.
//!
//! A provider turns a [`ModelRequest`] into a wire body ([`ModelProvider::build_body`]), sends it
//! ([`ModelProvider::send`], with retries for the HTTP providers) and parses the reply
//! ([`ModelProvider::parse`]). The three steps are separate so the agent loop can record the exact
//! request and response bodies in the trajectory, and so a recorded response can be parsed again
//! when a trial is replayed.
//!
//! - [`responses`]: OpenAI Responses API; [`chat`]: OpenAI-compatible Chat Completions;
//!   [`anthropic`]: Anthropic Messages — pure body builders and parsers;
//! - [`http`]: the HTTP transport shared by the three (retries, concurrency cap, auth errors);
//! - [`script`]: responses from a file; [`replay`]: responses from a recorded trajectory.

pub mod anthropic;
pub mod chat;
pub mod http;
pub mod replay;
pub mod responses;
pub mod retry;
pub mod script;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::config::ReasoningEffort;

/// Tokens estimated from bytes, as everywhere in proctor: bytes / 4, rounded up.
pub fn estimate_tokens(bytes: usize) -> u64 {
    (bytes as u64).div_ceil(4)
}

/// Where a user message came from. Compaction keeps the instruction and recent real user
/// messages, and drops the rest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserOrigin {
    /// The task instruction.
    Instruction,
    /// Any other user message.
    #[default]
    Message,
    /// A handoff summary written at compaction.
    Summary,
    /// A nudge from the loop itself (e.g. "your answer was cut off, continue").
    Nudge,
}

/// One entry of the conversation, independent of the wire format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Item {
    User {
        text: String,
        #[serde(default)]
        origin: UserOrigin,
    },
    Assistant {
        text: String,
    },
    /// Provider-specific reasoning state, sent back verbatim to the provider that produced it.
    Reasoning {
        format: WireFormat,
        raw: Json,
    },
    ToolCall {
        call_id: String,
        name: String,
        /// The arguments as a JSON text (as the model wrote them).
        arguments: String,
    },
    ToolOutput {
        call_id: String,
        output: String,
    },
}

impl Item {
    pub fn user(text: impl Into<String>, origin: UserOrigin) -> Item {
        Item::User { text: text.into(), origin }
    }

    /// Estimated tokens of the item in a request (content bytes / 4 plus a small framing cost).
    pub fn estimated_tokens(&self) -> u64 {
        const FRAMING: u64 = 8;
        let bytes = match self {
            Item::User { text, .. } | Item::Assistant { text } => text.len(),
            Item::Reasoning { raw, .. } => raw.to_string().len(),
            Item::ToolCall { name, arguments, call_id } => name.len() + arguments.len() + call_id.len(),
            Item::ToolOutput { output, call_id } => output.len() + call_id.len(),
        };
        estimate_tokens(bytes) + FRAMING
    }
}

/// Estimated tokens of a list of items.
pub fn estimate_items(items: &[Item]) -> u64 {
    items.iter().map(Item::estimated_tokens).sum()
}

/// The wire format a body is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireFormat {
    Responses,
    Chat,
    Anthropic,
    /// proctor's own neutral format (script and replay providers).
    Neutral,
}

/// A tool offered to the model.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolSpec {
    pub name: String,
    pub description: String,
    /// JSON Schema of the arguments object.
    pub parameters: Json,
}

/// What a request is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// A normal agent turn: tools may be called.
    Turn,
    /// A handoff-summary request at compaction: tools are offered but may not be called.
    Summary,
}

/// One request to the model.
#[derive(Debug, Clone, Copy)]
pub struct ModelRequest<'a> {
    pub model: &'a str,
    pub system: &'a str,
    pub items: &'a [Item],
    pub tools: &'a [ToolSpec],
    pub purpose: Purpose,
    pub max_output_tokens: u64,
    pub reasoning_effort: Option<ReasoningEffort>,
    pub temperature: Option<f64>,
}

/// Token usage of one model call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallUsage {
    /// All input tokens, cached ones included.
    pub input_tokens: u64,
    pub cached_input_tokens: u64,
    /// All output tokens, reasoning included.
    pub output_tokens: u64,
    pub reasoning_tokens: u64,
}

impl CallUsage {
    /// Tokens in the context after this call: its input plus its output.
    pub fn total(&self) -> u64 {
        self.input_tokens + self.output_tokens
    }
}

/// A parsed model response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelReply {
    /// Assistant text, reasoning and tool calls, in order.
    pub items: Vec<Item>,
    pub usage: CallUsage,
    /// The reply stopped at the output token limit.
    #[serde(default)]
    pub truncated: bool,
}

impl ModelReply {
    /// The tool calls asked for, in order: `(call_id, name, arguments)`.
    pub fn tool_calls(&self) -> Vec<(&str, &str, &str)> {
        self.items
            .iter()
            .filter_map(|item| match item {
                Item::ToolCall { call_id, name, arguments } => {
                    Some((call_id.as_str(), name.as_str(), arguments.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    /// The assistant's text, concatenated.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Assistant { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        parts.join("\n")
    }
}

/// Why a model call failed (after retries, where retrying made sense).
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The API key was refused: every trial would fail the same way, so the run stops.
    #[error("{endpoint} refused the credentials (HTTP {status}): {message}")]
    Auth { endpoint: String, status: u16, message: String },
    /// The account has no quota left: every trial would fail the same way, so the run stops.
    #[error("{endpoint}: quota exhausted: {message}")]
    Quota { endpoint: String, message: String },
    /// The API key's environment variable is not set on the host.
    #[error("the environment variable `{env}` (model.api_key_env) is not set on the host")]
    MissingKey { env: String },
    /// The request did not fit in the model's context window.
    #[error("context window exceeded: {message}")]
    ContextLength { message: String },
    /// A non-retryable HTTP error (bad request, unknown model, ...).
    #[error("{endpoint} answered HTTP {status}: {message}")]
    Http { endpoint: String, status: u16, message: String },
    /// Retryable failures went on past the retry budget.
    #[error("{endpoint}: gave up after {attempts} attempts over {elapsed_secs} s (retry budget exhausted); last error: {last}")]
    RetriesExhausted { endpoint: String, attempts: u32, elapsed_secs: u64, last: String },
    /// The response could not be understood.
    #[error("malformed model response: {0}")]
    Malformed(String),
    /// The script or replay provider could not answer.
    #[error("{0}")]
    Script(String),
    /// The HTTP client could not be set up.
    #[error("HTTP client: {0}")]
    Client(String),
}

impl ModelError {
    /// Whether no other trial can succeed either, so the whole run should stop.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            ModelError::Auth { .. } | ModelError::Quota { .. } | ModelError::MissingKey { .. } | ModelError::Client(_)
        )
    }
}

/// Called with a human-readable note on each retry (for the trajectory).
pub type RetryNotifier<'a> = &'a (dyn Fn(String) + Send + Sync);

/// A model provider.
#[async_trait]
pub trait ModelProvider: Send + Sync {
    /// `provider model @ endpoint`, for notes and errors.
    fn label(&self) -> String;

    /// The request body in the provider's wire format (never containing a secret).
    fn build_body(&self, request: &ModelRequest<'_>) -> Json;

    /// Send a body and return the response body.
    async fn send(&self, body: &Json, notify: RetryNotifier<'_>) -> Result<Json, ModelError>;

    /// Parse a response body.
    fn parse(&self, body: &Json) -> Result<ModelReply, ModelError>;
}

/// Parse a response body in whatever wire format it is (used by replay).
pub fn parse_any(body: &Json) -> Result<ModelReply, ModelError> {
    if body.get("output").is_some_and(Json::is_array) {
        responses::parse(body)
    } else if body.get("choices").is_some_and(Json::is_array) {
        chat::parse(body)
    } else if body.get("content").is_some_and(Json::is_array) {
        anthropic::parse(body)
    } else if body.get("items").is_some_and(Json::is_array) {
        script::parse_neutral(body)
    } else {
        Err(ModelError::Malformed("response body in no known wire format".into()))
    }
}

/// A string field of a JSON object, or `""`.
pub(crate) fn str_field<'a>(value: &'a Json, key: &str) -> &'a str {
    value.get(key).and_then(Json::as_str).unwrap_or("")
}

/// A non-negative integer at a JSON pointer, or 0.
pub(crate) fn u64_at(value: &Json, pointer: &str) -> u64 {
    value.pointer(pointer).and_then(Json::as_u64).unwrap_or(0)
}
