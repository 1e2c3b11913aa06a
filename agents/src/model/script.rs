//! Provider `script`: responses read from a file (TOML or JSON), for demos and tests — never for
//! results.
//!
//! ```toml
//! summary = "handoff summary returned to compaction requests"   # optional
//!
//! [[rules]]                     # checked first, against the last tool output
//! if_output_contains = "FAILED"
//! once = true                   # default: a rule fires once
//! text = "The tests fail; let me look."
//! calls = [{ name = "exec_command", arguments = { cmd = "cat log.txt" } }]
//!
//! [[responses]]                 # otherwise played in order
//! text = "Listing the files."
//! calls = [{ name = "exec_command", arguments = { cmd = "ls" } }]
//! usage = { input_tokens = 1000, output_tokens = 50 }   # optional; estimated when absent
//! ```
//!
//! When the responses run out the script answers with a final message and no tool call, so the
//! agent completes.

use std::sync::Mutex;

use async_trait::async_trait;
use serde::Deserialize;
use serde_json::{json, Value as Json};

use super::{
    estimate_items, estimate_tokens, CallUsage, Item, ModelError, ModelProvider, ModelReply, ModelRequest, Purpose,
    RetryNotifier,
};

/// A parsed script file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub responses: Vec<ScriptedResponse>,
}

/// A response chosen when the last tool output contains a string.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub if_output_contains: String,
    #[serde(default = "yes")]
    pub once: bool,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub calls: Vec<ScriptedCall>,
    #[serde(default)]
    pub usage: Option<CallUsage>,
}

fn yes() -> bool {
    true
}

/// One scripted model response.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptedResponse {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub calls: Vec<ScriptedCall>,
    #[serde(default)]
    pub usage: Option<CallUsage>,
}

/// One scripted tool call.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptedCall {
    pub name: String,
    #[serde(default)]
    pub arguments: Json,
}

impl Script {
    /// Parse a script: JSON when `is_json`, else TOML.
    pub fn parse(text: &str, is_json: bool) -> Result<Script, String> {
        if is_json {
            serde_json::from_str(text).map_err(|e| e.to_string())
        } else {
            toml::from_str(text).map_err(|e| e.to_string())
        }
    }
}

#[derive(Debug, Default)]
struct State {
    next: usize,
    fired: Vec<bool>,
    calls: u64,
}

/// The script provider: one per trial (it keeps its position in the script).
#[derive(Debug)]
pub struct ScriptProvider {
    script: Script,
    state: Mutex<State>,
}

impl ScriptProvider {
    pub fn new(script: Script) -> Self {
        let fired = vec![false; script.rules.len()];
        ScriptProvider { script, state: Mutex::new(State { fired, ..State::default() }) }
    }
}

/// The neutral request body of the script and replay providers.
pub fn build_neutral(req: &ModelRequest<'_>) -> Json {
    json!({
        "format": "neutral",
        "model": req.model,
        "system": req.system,
        "purpose": req.purpose,
        "items": req.items,
        "tools": req.tools.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        "max_output_tokens": req.max_output_tokens,
    })
}

/// Parse a neutral response body (`{"items": [...], "usage": {...}, "truncated": bool}`).
pub fn parse_neutral(body: &Json) -> Result<ModelReply, ModelError> {
    serde_json::from_value(body.clone()).map_err(|e| ModelError::Malformed(format!("neutral response: {e}")))
}

fn last_tool_output(items: &[Item]) -> Option<&str> {
    items.iter().rev().find_map(|item| match item {
        Item::ToolOutput { output, .. } => Some(output.as_str()),
        _ => None,
    })
}

#[async_trait]
impl ModelProvider for ScriptProvider {
    fn label(&self) -> String {
        "script".into()
    }

    fn build_body(&self, request: &ModelRequest<'_>) -> Json {
        build_neutral(request)
    }

    async fn send(&self, body: &Json, _notify: RetryNotifier<'_>) -> Result<Json, ModelError> {
        let items: Vec<Item> = serde_json::from_value(body.get("items").cloned().unwrap_or(Json::Null))
            .map_err(|e| ModelError::Script(format!("script provider got a request it cannot read: {e}")))?;
        let purpose: Purpose =
            serde_json::from_value(body.get("purpose").cloned().unwrap_or(Json::Null)).unwrap_or(Purpose::Turn);
        let input_tokens = estimate_tokens(body.to_string().len());
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (text, calls, usage) = if purpose == Purpose::Summary {
            let summary =
                self.script.summary.clone().unwrap_or_else(|| "Scripted summary: no progress details recorded.".into());
            (summary, Vec::new(), None)
        } else {
            let output = last_tool_output(&items).unwrap_or("");
            let rule = self
                .script
                .rules
                .iter()
                .enumerate()
                .find(|(i, r)| output.contains(&r.if_output_contains) && !(r.once && state.fired[*i]));
            if let Some((i, rule)) = rule {
                state.fired[i] = true;
                (rule.text.clone(), rule.calls.clone(), rule.usage)
            } else if let Some(response) = self.script.responses.get(state.next) {
                state.next += 1;
                (response.text.clone(), response.calls.clone(), response.usage)
            } else {
                ("The script has no more responses.".to_string(), Vec::new(), None)
            }
        };
        let mut reply_items = Vec::new();
        if !text.is_empty() {
            reply_items.push(Item::Assistant { text });
        }
        for call in calls {
            state.calls += 1;
            let arguments = if call.arguments.is_null() { "{}".to_string() } else { call.arguments.to_string() };
            reply_items.push(Item::ToolCall {
                call_id: format!("script_call_{}", state.calls),
                name: call.name,
                arguments,
            });
        }
        let usage = usage.unwrap_or(CallUsage {
            input_tokens,
            output_tokens: estimate_items(&reply_items),
            ..CallUsage::default()
        });
        Ok(json!({ "items": reply_items, "usage": usage, "truncated": false }))
    }

    fn parse(&self, body: &Json) -> Result<ModelReply, ModelError> {
        parse_neutral(body)
    }
}
