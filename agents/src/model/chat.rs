//! OpenAI-compatible Chat Completions (`POST {base_url}/chat/completions`): body builder and
//! parser. Spoken by vLLM, Ollama, llama.cpp's server and most gateways.

use serde_json::{json, Value as Json};

use super::{str_field, u64_at, CallUsage, Item, ModelError, ModelReply, ModelRequest, Purpose, WireFormat};

/// The request body.
pub fn build(req: &ModelRequest<'_>) -> Json {
    let mut messages = vec![json!({ "role": "system", "content": req.system })];
    let mut pending: Option<(String, Vec<Json>)> = None; // assistant text and tool calls being grouped
    let flush = |pending: &mut Option<(String, Vec<Json>)>, messages: &mut Vec<Json>| {
        if let Some((text, calls)) = pending.take() {
            let mut msg =
                json!({ "role": "assistant", "content": if text.is_empty() { Json::Null } else { json!(text) } });
            if !calls.is_empty() {
                msg["tool_calls"] = Json::Array(calls);
            }
            messages.push(msg);
        }
    };
    for item in req.items {
        match item {
            Item::Assistant { text } => {
                let entry = pending.get_or_insert_with(|| (String::new(), Vec::new()));
                if !entry.1.is_empty() {
                    // Text after tool calls starts a new assistant message.
                    flush(&mut pending, &mut messages);
                    pending = Some((text.clone(), Vec::new()));
                } else {
                    if !entry.0.is_empty() {
                        entry.0.push('\n');
                    }
                    entry.0.push_str(text);
                }
            }
            Item::ToolCall { call_id, name, arguments } => {
                let entry = pending.get_or_insert_with(|| (String::new(), Vec::new()));
                entry.1.push(
                    json!({ "id": call_id, "type": "function", "function": { "name": name, "arguments": arguments } }),
                );
            }
            Item::Reasoning { .. } => {}
            Item::User { text, .. } => {
                flush(&mut pending, &mut messages);
                messages.push(json!({ "role": "user", "content": text }));
            }
            Item::ToolOutput { call_id, output } => {
                flush(&mut pending, &mut messages);
                messages.push(json!({ "role": "tool", "tool_call_id": call_id, "content": output }));
            }
        }
    }
    flush(&mut pending, &mut messages);
    let mut body = json!({
        "model": req.model,
        "messages": messages,
        "max_tokens": req.max_output_tokens,
        "stream": false,
    });
    if !req.tools.is_empty() {
        let tools: Vec<Json> = req
            .tools
            .iter()
            .map(|t| json!({ "type": "function", "function": { "name": t.name, "description": t.description, "parameters": t.parameters } }))
            .collect();
        body["tools"] = Json::Array(tools);
        body["tool_choice"] = json!(if req.purpose == Purpose::Summary { "none" } else { "auto" });
    }
    if let Some(effort) = req.reasoning_effort {
        body["reasoning_effort"] = json!(effort.as_str());
    }
    if let Some(t) = req.temperature {
        body["temperature"] = json!(t);
    }
    body
}

/// Parse a response body.
pub fn parse(body: &Json) -> Result<ModelReply, ModelError> {
    let choice =
        body.pointer("/choices/0").ok_or_else(|| ModelError::Malformed("chat completion without choices".into()))?;
    let message = choice.get("message").ok_or_else(|| ModelError::Malformed("chat choice without a message".into()))?;
    let mut items = Vec::new();
    for key in ["reasoning_content", "reasoning"] {
        if let Some(r) = message.get(key).filter(|r| r.as_str().is_some_and(|s| !s.is_empty())) {
            items.push(Item::Reasoning { format: WireFormat::Chat, raw: json!({ key: r }) });
        }
    }
    let text = match message.get("content") {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Array(parts)) => parts.iter().map(|p| str_field(p, "text")).collect::<Vec<_>>().join(""),
        _ => String::new(),
    };
    if !text.is_empty() {
        items.push(Item::Assistant { text });
    }
    for (n, call) in message.get("tool_calls").and_then(Json::as_array).into_iter().flatten().enumerate() {
        let function = call.get("function").cloned().unwrap_or(Json::Null);
        let arguments = match function.get("arguments") {
            Some(Json::String(s)) => s.clone(),
            Some(other) => other.to_string(), // some servers send an object
            None => "{}".to_string(),
        };
        let id = str_field(call, "id");
        items.push(Item::ToolCall {
            call_id: if id.is_empty() { format!("call_{n}") } else { id.to_string() },
            name: str_field(&function, "name").to_string(),
            arguments,
        });
    }
    let usage = CallUsage {
        input_tokens: u64_at(body, "/usage/prompt_tokens"),
        cached_input_tokens: u64_at(body, "/usage/prompt_tokens_details/cached_tokens"),
        output_tokens: u64_at(body, "/usage/completion_tokens"),
        reasoning_tokens: u64_at(body, "/usage/completion_tokens_details/reasoning_tokens"),
    };
    let truncated = str_field(choice, "finish_reason") == "length";
    Ok(ModelReply { items, usage, truncated })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ToolSpec, UserOrigin};

    #[test]
    fn groups_assistant_text_and_calls_and_parses_object_arguments() {
        let items = vec![
            Item::user("task", UserOrigin::Instruction),
            Item::Assistant { text: "looking".into() },
            Item::ToolCall { call_id: "a".into(), name: "exec_command".into(), arguments: "{}".into() },
            Item::ToolOutput { call_id: "a".into(), output: "ok".into() },
        ];
        let tools = vec![ToolSpec { name: "exec_command".into(), description: String::new(), parameters: json!({}) }];
        let req = ModelRequest {
            model: "m",
            system: "s",
            items: &items,
            tools: &tools,
            purpose: Purpose::Summary,
            max_output_tokens: 5,
            reasoning_effort: None,
            temperature: None,
        };
        let body = build(&req);
        let msgs = body["messages"].as_array().unwrap();
        assert_eq!(msgs.len(), 4);
        assert_eq!(msgs[2]["content"], "looking");
        assert_eq!(msgs[2]["tool_calls"][0]["id"], "a");
        assert_eq!(msgs[3]["role"], "tool");
        assert_eq!(body["tool_choice"], "none");

        let reply = parse(&json!({
            "choices": [{"message": {"content": null, "tool_calls": [{"function": {"name": "x", "arguments": {"a": 1}}}]}, "finish_reason": "tool_calls"}],
            "usage": {"prompt_tokens": 3, "completion_tokens": 2}
        }))
        .unwrap();
        assert_eq!(reply.tool_calls(), vec![("call_0", "x", "{\"a\":1}")]);
        assert_eq!(reply.usage.total(), 5);
    }
}
