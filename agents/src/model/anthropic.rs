//! Anthropic Messages API (`POST {base_url}/messages`): body builder and parser.
//!
//! Tool calls are `tool_use` blocks in assistant messages, their results `tool_result` blocks in
//! the next user message. Consecutive items of one side merge into one message (the API wants the
//! roles to alternate). A reasoning effort turns on extended thinking with a token budget; thinking
//! blocks are sent back verbatim, as the API requires during tool use. The system prompt and the
//! last message are marked for prompt caching.

use serde_json::{json, Value as Json};

use super::{str_field, u64_at, CallUsage, Item, ModelError, ModelReply, ModelRequest, Purpose, WireFormat};
use crate::config::ReasoningEffort;

/// Thinking budget for a reasoning effort (`None`: thinking off).
fn thinking_budget(effort: Option<ReasoningEffort>) -> Option<u64> {
    match effort? {
        ReasoningEffort::None | ReasoningEffort::Minimal => None,
        ReasoningEffort::Low => Some(2_048),
        ReasoningEffort::Medium => Some(8_192),
        ReasoningEffort::High => Some(24_576),
    }
}

/// The request body.
pub fn build(req: &ModelRequest<'_>) -> Json {
    // (role, blocks); tool results of a user message must come before its text.
    let mut messages: Vec<(&str, Vec<Json>)> = Vec::new();
    for item in req.items {
        let (role, block) = match item {
            Item::User { text, .. } => ("user", json!({ "type": "text", "text": text })),
            Item::Assistant { text } if text.is_empty() => continue,
            Item::Assistant { text } => ("assistant", json!({ "type": "text", "text": text })),
            Item::Reasoning { format: WireFormat::Anthropic, raw } => ("assistant", raw.clone()),
            Item::Reasoning { .. } => continue,
            Item::ToolCall { call_id, name, arguments } => {
                let input = match serde_json::from_str::<Json>(arguments) {
                    Ok(v @ Json::Object(_)) => v,
                    _ => json!({}),
                };
                ("assistant", json!({ "type": "tool_use", "id": call_id, "name": name, "input": input }))
            }
            Item::ToolOutput { call_id, output } => {
                ("user", json!({ "type": "tool_result", "tool_use_id": call_id, "content": output }))
            }
        };
        match messages.last_mut() {
            Some((last, blocks)) if *last == role => {
                if str_field(&block, "type") == "tool_result" {
                    let at = blocks.iter().position(|b| str_field(b, "type") != "tool_result").unwrap_or(blocks.len());
                    blocks.insert(at, block);
                } else {
                    blocks.push(block);
                }
            }
            _ => messages.push((role, vec![block])),
        }
    }
    if let Some(block) = messages.last_mut().and_then(|(_, blocks)| blocks.last_mut()) {
        if str_field(block, "type") != "thinking" && str_field(block, "type") != "redacted_thinking" {
            block["cache_control"] = json!({ "type": "ephemeral" });
        }
    }
    let messages: Vec<Json> =
        messages.into_iter().map(|(role, content)| json!({ "role": role, "content": content })).collect();
    let budget = thinking_budget(req.reasoning_effort);
    let max_tokens = match budget {
        Some(b) if req.max_output_tokens <= b => b + 4_096,
        _ => req.max_output_tokens,
    };
    let mut body = json!({
        "model": req.model,
        "max_tokens": max_tokens,
        "system": [{ "type": "text", "text": req.system, "cache_control": { "type": "ephemeral" } }],
        "messages": messages,
    });
    if !req.tools.is_empty() {
        let tools: Vec<Json> = req
            .tools
            .iter()
            .map(|t| json!({ "name": t.name, "description": t.description, "input_schema": t.parameters }))
            .collect();
        body["tools"] = Json::Array(tools);
        body["tool_choice"] = json!({ "type": if req.purpose == Purpose::Summary { "none" } else { "auto" } });
    }
    if let Some(b) = budget {
        body["thinking"] = json!({ "type": "enabled", "budget_tokens": b });
    } else if let Some(t) = req.temperature {
        body["temperature"] = json!(t);
    }
    body
}

/// Parse a response body.
pub fn parse(body: &Json) -> Result<ModelReply, ModelError> {
    let content = body
        .get("content")
        .and_then(Json::as_array)
        .ok_or_else(|| ModelError::Malformed("Messages API body without a `content` array".into()))?;
    let mut items = Vec::new();
    for block in content {
        match str_field(block, "type") {
            "text" => {
                let text = str_field(block, "text");
                if !text.is_empty() {
                    items.push(Item::Assistant { text: text.to_string() });
                }
            }
            "thinking" | "redacted_thinking" => {
                items.push(Item::Reasoning { format: WireFormat::Anthropic, raw: block.clone() })
            }
            "tool_use" => items.push(Item::ToolCall {
                call_id: str_field(block, "id").to_string(),
                name: str_field(block, "name").to_string(),
                arguments: block.get("input").cloned().unwrap_or_else(|| json!({})).to_string(),
            }),
            _ => {}
        }
    }
    let uncached = u64_at(body, "/usage/input_tokens");
    let cache_read = u64_at(body, "/usage/cache_read_input_tokens");
    let cache_write = u64_at(body, "/usage/cache_creation_input_tokens");
    let usage = CallUsage {
        input_tokens: uncached + cache_read + cache_write,
        cached_input_tokens: cache_read,
        output_tokens: u64_at(body, "/usage/output_tokens"),
        reasoning_tokens: 0,
    };
    let truncated = str_field(body, "stop_reason") == "max_tokens";
    Ok(ModelReply { items, usage, truncated })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UserOrigin;

    #[test]
    fn tool_results_come_first_and_roles_alternate() {
        let items = vec![
            Item::user("task", UserOrigin::Instruction),
            Item::user("summary", UserOrigin::Summary),
            Item::Assistant { text: "ok".into() },
            Item::ToolCall { call_id: "t1".into(), name: "exec_command".into(), arguments: "{\"cmd\":\"ls\"}".into() },
            Item::ToolOutput { call_id: "t1".into(), output: "file".into() },
            Item::user("nudge", UserOrigin::Nudge),
        ];
        let req = ModelRequest {
            model: "claude",
            system: "s",
            items: &items,
            tools: &[],
            purpose: Purpose::Turn,
            max_output_tokens: 1000,
            reasoning_effort: Some(ReasoningEffort::Low),
            temperature: Some(0.5),
        };
        let body = build(&req);
        let msgs = body["messages"].as_array().unwrap();
        assert_eq!(msgs.len(), 3);
        assert_eq!(msgs[0]["content"].as_array().unwrap().len(), 2);
        assert_eq!(msgs[1]["content"][1]["input"]["cmd"], "ls");
        assert_eq!(msgs[2]["content"][0]["type"], "tool_result");
        assert_eq!(msgs[2]["content"][1]["cache_control"]["type"], "ephemeral");
        assert_eq!(body["thinking"]["budget_tokens"], 2048);
        assert!(body["max_tokens"].as_u64().unwrap() > 2048);
        assert!(body.get("temperature").is_none());

        let reply = parse(&json!({
            "content": [{"type": "thinking", "thinking": "hm", "signature": "s"}, {"type": "tool_use", "id": "t2", "name": "x", "input": {"a": 1}}],
            "stop_reason": "tool_use",
            "usage": {"input_tokens": 5, "cache_read_input_tokens": 100, "cache_creation_input_tokens": 10, "output_tokens": 7}
        }))
        .unwrap();
        assert_eq!(reply.usage.input_tokens, 115);
        assert_eq!(reply.usage.cached_input_tokens, 100);
        assert_eq!(reply.tool_calls(), vec![("t2", "x", "{\"a\":1}")]);
    }
}
