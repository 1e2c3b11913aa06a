//! Provider `replay`: plays back, in order, the model responses recorded in a trial's
//! `trajectory.jsonl` (every `model_response` event, compaction summaries included). Tools are
//! really executed, so a replay re-enacts the trial against a fresh container.

use std::sync::Mutex;

use async_trait::async_trait;
use serde_json::Value as Json;

use super::script::build_neutral;
use super::{parse_any, ModelError, ModelProvider, ModelReply, ModelRequest, RetryNotifier};

/// The replay provider: one per trial (it keeps its position).
#[derive(Debug)]
pub struct ReplayProvider {
    responses: Vec<Json>,
    next: Mutex<usize>,
}

impl ReplayProvider {
    /// The recorded response bodies of a trajectory, in order.
    pub fn from_trajectory(text: &str) -> Result<Self, String> {
        let mut responses = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let event: Json = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
            if event.get("type").and_then(Json::as_str) == Some("model_response") {
                responses.push(event.get("body").cloned().unwrap_or(Json::Null));
            }
        }
        if responses.is_empty() {
            return Err("the trajectory records no model response".into());
        }
        Ok(ReplayProvider { responses, next: Mutex::new(0) })
    }

    /// A provider playing the same responses from the start (one per trial).
    pub fn restart(&self) -> ReplayProvider {
        ReplayProvider { responses: self.responses.clone(), next: Mutex::new(0) }
    }

    /// Responses recorded.
    pub fn len(&self) -> usize {
        self.responses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.responses.is_empty()
    }
}

#[async_trait]
impl ModelProvider for ReplayProvider {
    fn label(&self) -> String {
        format!("replay of {} responses", self.responses.len())
    }

    fn build_body(&self, request: &ModelRequest<'_>) -> Json {
        build_neutral(request)
    }

    async fn send(&self, _body: &Json, _notify: RetryNotifier<'_>) -> Result<Json, ModelError> {
        let mut next = self.next.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let body = self.responses.get(*next).cloned().ok_or_else(|| {
            ModelError::Script(format!(
                "replay exhausted: the agent asked for response {} of {}",
                *next + 1,
                self.responses.len()
            ))
        })?;
        *next += 1;
        Ok(body)
    }

    fn parse(&self, body: &Json) -> Result<ModelReply, ModelError> {
        parse_any(body)
    }
}
