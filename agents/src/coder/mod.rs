//! proctor's built-in coding agent (`kind = "builtin"`): a model plus a loop that runs in the
//! proctor process, with its commands run in the task container through the [`Sandbox`].
//!
//! - [`prompt`]: the system prompt and environment context;
//! - [`history`]: the conversation and its token count;
//! - [`compaction`]: summary / truncate rebuilding of the history;
//! - [`run`]: the loop itself (turns, tools, limits, compaction, usage, trajectory).
//!
//! [`Sandbox`]: crate::sandbox::Sandbox

pub mod compaction;
pub mod history;
pub mod prompt;
pub mod run;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use crate::agent::{Agent, AgentContext, AgentError, AgentOutcome};
use crate::config::{AgentConfig, ProviderKind, ResolvedConfig};
use crate::model::http::{HttpProvider, HttpSettings};
use crate::model::replay::ReplayProvider;
use crate::model::retry::RetryPolicy;
use crate::model::script::{Script, ScriptProvider};
use crate::model::{ModelError, ModelProvider, WireFormat};
use crate::secret::Secret;
use crate::trajectory::TrajectoryEvent;

/// Makes a fresh provider for each trial (providers such as `script` keep per-trial state).
pub type ProviderFactory = Arc<dyn Fn() -> Result<Arc<dyn ModelProvider>, ModelError> + Send + Sync>;

enum ProviderSource {
    Http(ProviderKind),
    Script(Script),
    Replay(Arc<ReplayProvider>),
    Factory(ProviderFactory),
}

/// The built-in coding agent of one configuration.
pub struct CodingAgent {
    name: String,
    config: AgentConfig,
    system_prompt: String,
    compaction_prompt: String,
    source: ProviderSource,
}

impl std::fmt::Debug for CodingAgent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodingAgent").field("name", &self.name).finish_non_exhaustive()
    }
}

impl CodingAgent {
    /// The agent of a resolved configuration. `Err((key, message))` when a referenced file
    /// (script, replay) cannot be used.
    pub fn from_config(resolved: &ResolvedConfig) -> Result<Self, (String, String)> {
        let config = resolved.config.clone();
        let provider =
            config.model.provider.ok_or_else(|| ("model.provider".to_string(), "is required".to_string()))?;
        let source = match provider {
            ProviderKind::Script => {
                let file = resolved
                    .files
                    .get("model.script")
                    .ok_or_else(|| ("model.script".to_string(), "is required".to_string()))?;
                let is_json = file.path.extension().is_some_and(|e| e == "json");
                let script = Script::parse(&file.text, is_json)
                    .map_err(|e| ("model.script".to_string(), format!("`{}`: {e}", file.path.display())))?;
                ProviderSource::Script(script)
            }
            ProviderKind::Replay => {
                let file = resolved
                    .files
                    .get("model.replay")
                    .ok_or_else(|| ("model.replay".to_string(), "is required".to_string()))?;
                let replay = ReplayProvider::from_trajectory(&file.text)
                    .map_err(|e| ("model.replay".to_string(), format!("`{}`: {e}", file.path.display())))?;
                ProviderSource::Replay(Arc::new(replay))
            }
            kind => ProviderSource::Http(kind),
        };
        Ok(CodingAgent {
            name: resolved.name.clone(),
            system_prompt: resolved
                .file_text("prompt.system_file")
                .unwrap_or(prompt::DEFAULT_SYSTEM_PROMPT)
                .to_string(),
            compaction_prompt: resolved
                .file_text("compaction.prompt_file")
                .unwrap_or(prompt::DEFAULT_COMPACTION_PROMPT)
                .to_string(),
            config,
            source,
        })
    }

    /// An agent for `config` whose model is whatever `factory` makes (tests, replays).
    pub fn with_factory(name: impl Into<String>, config: AgentConfig, factory: ProviderFactory) -> Self {
        CodingAgent {
            name: name.into(),
            config,
            system_prompt: prompt::DEFAULT_SYSTEM_PROMPT.to_string(),
            compaction_prompt: prompt::DEFAULT_COMPACTION_PROMPT.to_string(),
            source: ProviderSource::Factory(factory),
        }
    }

    pub fn config(&self) -> &AgentConfig {
        &self.config
    }

    /// The API key of an HTTP provider, read from the host environment.
    fn api_key(&self, kind: ProviderKind) -> Result<Option<Secret>, ModelError> {
        let env = match (&self.config.model.api_key_env, kind) {
            (Some(env), _) => env.clone(),
            (None, ProviderKind::Openai) => "OPENAI_API_KEY".to_string(),
            (None, ProviderKind::Anthropic) => "ANTHROPIC_API_KEY".to_string(),
            (None, _) => return Ok(None),
        };
        Secret::from_env(&env).map(Some).ok_or(ModelError::MissingKey { env })
    }

    /// A provider for one trial.
    fn provider(&self) -> Result<Arc<dyn ModelProvider>, ModelError> {
        let model = &self.config.model;
        match &self.source {
            ProviderSource::Script(script) => Ok(Arc::new(ScriptProvider::new(script.clone()))),
            ProviderSource::Replay(replay) => Ok(Arc::new(replay.restart())),
            ProviderSource::Factory(factory) => factory(),
            ProviderSource::Http(kind) => {
                let format = match kind {
                    ProviderKind::Openai => WireFormat::Responses,
                    ProviderKind::Anthropic => WireFormat::Anthropic,
                    _ => WireFormat::Chat,
                };
                let base_url =
                    model.base_url.clone().or_else(|| kind.default_base_url().map(str::to_string)).unwrap_or_default();
                let settings = HttpSettings {
                    format,
                    model: model.name.clone().unwrap_or_default(),
                    base_url,
                    api_key: self.api_key(*kind)?,
                    max_concurrency: model.max_concurrency,
                    request_timeout: Duration::from_secs(model.request_timeout_secs),
                    retry: RetryPolicy::with_budget(Duration::from_secs(model.retry_budget_secs)),
                };
                Ok(Arc::new(HttpProvider::new(settings)?))
            }
        }
    }
}

#[async_trait]
impl Agent for CodingAgent {
    async fn run(&self, ctx: AgentContext<'_>) -> Result<AgentOutcome, AgentError> {
        ctx.trajectory.record(TrajectoryEvent::AgentStarted { agent: self.name.clone() });
        let provider = match self.provider() {
            Ok(p) => p,
            Err(e) => {
                let message = format!("agent `{}`: {e}", self.name);
                ctx.trajectory.record(TrajectoryEvent::Note { message: message.clone() });
                return Err(if e.is_fatal() { AgentError::Fatal(message) } else { AgentError::Crashed(message) });
            }
        };
        let secrets: Vec<Secret> = match &self.source {
            ProviderSource::Http(kind) => self.api_key(*kind).ok().flatten().into_iter().collect(),
            _ => Vec::new(),
        };
        let settings = run::Settings {
            config: &self.config,
            system_prompt: &self.system_prompt,
            compaction_prompt: &self.compaction_prompt,
            secrets,
        };
        let result = run::run(settings, &ctx, provider).await;
        let usage = ctx.trajectory.usage();
        match result {
            Ok(stop_reason) => {
                ctx.trajectory.record(TrajectoryEvent::AgentFinished { stop_reason, usage: usage.clone() });
                Ok(AgentOutcome { stop_reason, usage })
            }
            Err(error) => {
                ctx.trajectory.record(TrajectoryEvent::Note { message: format!("agent stopped by an error: {error}") });
                Err(error)
            }
        }
    }
}
