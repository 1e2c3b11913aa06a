//! Agent configuration files (`agents/configs/*.toml`).
//!
//! One file per configuration. A file may `extends` another (by name, a sibling `NAME.toml`, or by
//! a relative path) and override some of its fields: tables merge key by key, any other value
//! (arrays included) replaces the parent's. Every section and field is optional in a single file;
//! what a runnable configuration needs is checked after `extends` is resolved.
//!
//! ```toml
//! extends = "openai"            # optional
//! kind = "builtin"              # builtin (proctor's coding agent) | installed (an external CLI)
//! description = "..."
//!
//! [model]
//! provider = "openai"           # openai (Responses API) | openai-chat | anthropic | script | replay
//! name = "gpt-5"
//! base_url = "https://api.openai.com/v1"
//! api_key_env = "OPENAI_API_KEY" # the *name* of a host environment variable
//! reasoning_effort = "medium"   # none | minimal | low | medium | high
//! context_window = 272000
//! max_output_tokens = 32000
//! max_concurrency = 8           # requests in flight per provider endpoint, across all trials
//! request_timeout_secs = 600
//! retry_budget_secs = 600       # how long one request may keep being retried
//! script = "scripts/x.toml"     # provider script only
//! replay = "trajectory.jsonl"   # provider replay only
//! [model.prices]                # US dollars per million tokens
//! input = 1.25
//! cached_input = 0.125
//! output = 10.0
//!
//! [compaction]
//! strategy = "summary"          # summary | truncate | none
//! trigger = 0.9                 # a fraction of context_window (float), or a token count (integer)
//! keep_user_tokens = 20000
//! prompt_file = "prompts/compact.md"
//!
//! [sandbox]
//! network = "none"              # none | bridge
//! filesystem = "workspace-write" # workspace-write | full
//! user = "agent"
//! cpus = 1.0
//! memory_mb = 4096
//! pids = 1024
//! command_timeout_secs = 600
//!
//! [limits]
//! max_turns = 200
//! max_total_tokens = 20000000
//! max_cost_usd = 5.0
//! wall_time_secs = 1800         # default: the task's agent timeout
//!
//! [tools]
//! enabled = ["exec_command", "apply_patch", "update_plan"]
//! output_token_limit = 10000
//!
//! [prompt]
//! system_file = "prompts/system.md"
//!
//! [installed]                   # kind = "installed" only
//! install_script = "installers/x.sh"
//! run = "x --prompt-file \"$PROCTOR_INSTRUCTION_FILE\""
//! env = ["X_API_KEY"]
//! install_timeout_secs = 900
//! ```
//!
//! Paths are relative to the file that names them. Unknown keys and bad values are errors naming
//! the file and the key ([`ConfigError`]).

mod load;
mod validate;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use load::{load, ConfigError, LoadedFile, ResolvedConfig};

/// One configuration file, or the merge of a chain of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AgentConfig {
    /// The configuration this one overrides. Consumed while loading; `None` once resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    pub kind: AgentKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub model: ModelConfig,
    pub compaction: CompactionConfig,
    pub sandbox: SandboxConfig,
    pub limits: LimitsConfig,
    pub tools: ToolsConfig,
    pub prompt: PromptConfig,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installed: Option<InstalledConfig>,
}

/// What runs the task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgentKind {
    /// proctor's own coding agent: the loop runs in proctor, commands in the container.
    #[default]
    Builtin,
    /// An external agent CLI installed and run inside the container.
    Installed,
}

impl AgentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgentKind::Builtin => "builtin",
            AgentKind::Installed => "installed",
        }
    }
}

/// `[model]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ModelConfig {
    pub provider: Option<ProviderKind>,
    pub name: Option<String>,
    pub base_url: Option<String>,
    /// Name of the host environment variable holding the API key (never the key itself).
    pub api_key_env: Option<String>,
    pub reasoning_effort: Option<ReasoningEffort>,
    pub context_window: u64,
    pub max_output_tokens: u64,
    pub temperature: Option<f64>,
    pub max_concurrency: usize,
    pub request_timeout_secs: u64,
    pub retry_budget_secs: u64,
    pub prices: Option<Prices>,
    pub script: Option<PathBuf>,
    pub replay: Option<PathBuf>,
}

impl Default for ModelConfig {
    fn default() -> Self {
        ModelConfig {
            provider: None,
            name: None,
            base_url: None,
            api_key_env: None,
            reasoning_effort: None,
            context_window: 128_000,
            max_output_tokens: 32_000,
            temperature: None,
            max_concurrency: 8,
            request_timeout_secs: 600,
            retry_budget_secs: 600,
            prices: None,
            script: None,
            replay: None,
        }
    }
}

/// Which wire format (or fake) answers model requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProviderKind {
    /// OpenAI Responses API (`POST {base_url}/responses`).
    Openai,
    /// OpenAI-compatible Chat Completions (`POST {base_url}/chat/completions`): vLLM, Ollama,
    /// llama.cpp, and most hosted gateways.
    OpenaiChat,
    /// Anthropic Messages API (`POST {base_url}/messages`).
    Anthropic,
    /// Responses read from a file; for demos and tests, never for results.
    Script,
    /// Responses played back from a recorded `trajectory.jsonl`.
    Replay,
}

impl ProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Openai => "openai",
            ProviderKind::OpenaiChat => "openai-chat",
            ProviderKind::Anthropic => "anthropic",
            ProviderKind::Script => "script",
            ProviderKind::Replay => "replay",
        }
    }

    /// Whether requests go over HTTP to a model server.
    pub fn is_http(self) -> bool {
        matches!(self, ProviderKind::Openai | ProviderKind::OpenaiChat | ProviderKind::Anthropic)
    }

    /// The base URL used when the configuration names none.
    pub fn default_base_url(self) -> Option<&'static str> {
        match self {
            ProviderKind::Openai => Some("https://api.openai.com/v1"),
            ProviderKind::Anthropic => Some("https://api.anthropic.com/v1"),
            _ => None,
        }
    }
}

/// Reasoning effort requested from reasoning models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasoningEffort {
    None,
    Minimal,
    Low,
    Medium,
    High,
}

impl ReasoningEffort {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasoningEffort::None => "none",
            ReasoningEffort::Minimal => "minimal",
            ReasoningEffort::Low => "low",
            ReasoningEffort::Medium => "medium",
            ReasoningEffort::High => "high",
        }
    }
}

/// `[model.prices]`: US dollars per million tokens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prices {
    pub input: f64,
    /// Defaults to `input` (no caching discount).
    #[serde(default)]
    pub cached_input: Option<f64>,
    pub output: f64,
}

impl Prices {
    /// Cost in US dollars of one call's tokens (cached input is part of `input_tokens`).
    pub fn cost(&self, input_tokens: u64, cached_input_tokens: u64, output_tokens: u64) -> f64 {
        let cached = cached_input_tokens.min(input_tokens);
        let uncached = input_tokens - cached;
        let per = 1_000_000.0;
        (uncached as f64 * self.input
            + cached as f64 * self.cached_input.unwrap_or(self.input)
            + output_tokens as f64 * self.output)
            / per
    }
}

/// `[compaction]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CompactionConfig {
    pub strategy: CompactionStrategy,
    pub trigger: Trigger,
    /// Tokens of the most recent user messages (other than the instruction) kept by `summary`.
    pub keep_user_tokens: u64,
    /// The handoff-summary request; a built-in prompt when absent.
    pub prompt_file: Option<PathBuf>,
}

impl Default for CompactionConfig {
    fn default() -> Self {
        CompactionConfig {
            strategy: CompactionStrategy::Summary,
            trigger: Trigger::Fraction(0.9),
            keep_user_tokens: 20_000,
            prompt_file: None,
        }
    }
}

/// What happens when the context fills up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompactionStrategy {
    /// The model writes a handoff summary; tool calls and outputs are dropped.
    #[default]
    Summary,
    /// The oldest tool outputs are dropped.
    Truncate,
    /// Nothing: the trial ends with `context_exhausted` when the window is full.
    None,
}

impl CompactionStrategy {
    pub fn as_str(self) -> &'static str {
        match self {
            CompactionStrategy::Summary => "summary",
            CompactionStrategy::Truncate => "truncate",
            CompactionStrategy::None => "none",
        }
    }
}

/// When compaction starts: a fraction of the context window (a float in `(0, 1]`) or an absolute
/// token count (an integer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Trigger {
    Fraction(f64),
    Tokens(u64),
}

impl Trigger {
    /// The token count at which compaction starts.
    pub fn threshold(self, context_window: u64) -> u64 {
        match self {
            Trigger::Fraction(f) => (context_window as f64 * f) as u64,
            Trigger::Tokens(n) => n.min(context_window),
        }
    }
}

impl Serialize for Trigger {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Trigger::Fraction(f) => s.serialize_f64(f),
            Trigger::Tokens(n) => s.serialize_u64(n),
        }
    }
}

impl<'de> Deserialize<'de> for Trigger {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Trigger;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a fraction of the context window in (0, 1] (e.g. 0.9) or a token count (e.g. 150000)")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Trigger, E> {
                if v > 0.0 && v <= 1.0 {
                    Ok(Trigger::Fraction(v))
                } else {
                    Err(E::custom(format!("trigger fraction {v} is not in (0, 1]; write a token count as an integer")))
                }
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Trigger, E> {
                u64::try_from(v)
                    .ok()
                    .filter(|n| *n > 0)
                    .map(Trigger::Tokens)
                    .ok_or_else(|| E::custom(format!("trigger token count {v} must be positive")))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Trigger, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_any(V)
    }
}

/// `[sandbox]`: how the harness sets up the container for this agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SandboxConfig {
    pub network: Network,
    pub filesystem: Filesystem,
    pub user: Option<String>,
    pub cpus: Option<f64>,
    pub memory_mb: Option<u64>,
    pub pids: Option<u64>,
    /// Longest a single `exec_command` may run.
    pub command_timeout_secs: u64,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            network: Network::None,
            filesystem: Filesystem::WorkspaceWrite,
            user: None,
            cpus: None,
            memory_mb: None,
            pids: None,
            command_timeout_secs: 600,
        }
    }
}

/// Container network during the agent phase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Network {
    #[default]
    None,
    Bridge,
}

/// Container filesystem policy during the agent phase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Filesystem {
    /// Read-only root filesystem; the workdir and /tmp are writable.
    #[default]
    WorkspaceWrite,
    /// Everything the container user may write.
    Full,
}

/// `[limits]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    pub max_turns: Option<u64>,
    pub max_total_tokens: Option<u64>,
    pub max_cost_usd: Option<f64>,
    /// Wall time of the agent phase; the task's agent timeout when absent (and never more).
    pub wall_time_secs: Option<u64>,
}

/// `[tools]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ToolsConfig {
    pub enabled: Vec<ToolName>,
    /// Tokens (bytes / 4) of one tool output shown to the model; head and tail are kept.
    pub output_token_limit: u64,
}

impl Default for ToolsConfig {
    fn default() -> Self {
        ToolsConfig {
            enabled: vec![ToolName::ExecCommand, ToolName::ApplyPatch, ToolName::UpdatePlan],
            output_token_limit: 10_000,
        }
    }
}

/// A built-in tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolName {
    ExecCommand,
    ApplyPatch,
    UpdatePlan,
}

impl ToolName {
    pub fn as_str(self) -> &'static str {
        match self {
            ToolName::ExecCommand => "exec_command",
            ToolName::ApplyPatch => "apply_patch",
            ToolName::UpdatePlan => "update_plan",
        }
    }
}

/// `[prompt]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PromptConfig {
    /// The system prompt; a built-in prompt when absent.
    pub system_file: Option<PathBuf>,
}

/// `[installed]`: an external agent CLI run inside the container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstalledConfig {
    /// Host script uploaded to the container and run (as root) before the agent.
    #[serde(default)]
    pub install_script: Option<PathBuf>,
    /// Shell command run in the workdir; `$PROCTOR_INSTRUCTION_FILE` names the instruction file.
    pub run: String,
    /// Host environment variables passed to the run command (only these; typically API keys).
    #[serde(default)]
    pub env: Vec<String>,
    #[serde(default = "default_install_timeout")]
    pub install_timeout_secs: u64,
}

fn default_install_timeout() -> u64 {
    900
}
