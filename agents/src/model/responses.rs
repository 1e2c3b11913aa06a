//! OpenAI Responses API (`POST {base_url}/responses`): body builder and parser.
//!
//! Requests are stateless (`store: false`); with a reasoning effort set, the encrypted reasoning
//! state is requested and sent back on the next turn, as OpenAI's own agent does.

use serde_json::{json, Value as Json};

use super::{str_field, u64_at, CallUsage, Item, ModelError, ModelReply, ModelRequest, Purpose, WireFormat};

/// The request body.
pub fn build(req: &ModelRequest<'_>) -> Json {
    let mut input = Vec::with_capacity(req.items.len());
    for item in req.items {
        match item {
            Item::User { text, .. } => input.push(json!({
                "type": "message", "role": "user",
                "content": [{ "type": "input_text", "text": text }],
            })),
            Item::Assistant { text } => input.push(json!({
                "type": "message", "role": "assistant",
                "content": [{ "type": "output_text", "text": text }],
            })),
            // Reasoning items can only be sent back statelessly with their encrypted content.
            Item::Reasoning { format: WireFormat::Responses, raw }
                if raw.get("encrypted_content").is_some_and(|c| !c.is_null()) =>
            {
                input.push(raw.clone());
            }
            Item::Reasoning { .. } => {}
            Item::ToolCall { call_id, name, arguments } => input.push(json!({
                "type": "function_call", "call_id": call_id, "name": name, "arguments": arguments,
            })),
            Item::ToolOutput { call_id, output } => input.push(json!({
                "type": "function_call_output", "call_id": call_id, "output": output,
            })),
        }
    }
    let tools: Vec<Json> = req
        .tools
        .iter()
        .map(|t| json!({ "type": "function", "name": t.name, "description": t.description, "parameters": t.parameters, "strict": false }))
        .collect();
    let mut body = json!({
        "model": req.model,
        "instructions": req.system,
        "input": input,
        "store": false,
        "stream": false,
        "max_output_tokens": req.max_output_tokens,
    });
    if !tools.is_empty() {
        body["tools"] = Json::Array(tools);
        body["tool_choice"] = json!(if req.purpose == Purpose::Summary { "none" } else { "auto" });
        body["parallel_tool_calls"] = json!(false);
    }
    if let Some(effort) = req.reasoning_effort {
        body["reasoning"] = json!({ "effort": effort.as_str() });
        body["include"] = json!(["reasoning.encrypted_content"]);
    }
    if let Some(t) = req.temperature {
        body["temperature"] = json!(t);
    }
    body
}

/// Parse a response body.
pub fn parse(body: &Json) -> Result<ModelReply, ModelError> {
    let status = str_field(body, "status");
    if status == "failed" {
        let error = body.get("error").cloned().unwrap_or(Json::Null);
        let message = format!("{}: {}", str_field(&error, "code"), str_field(&error, "message"));
        if str_field(&error, "code") == "context_length_exceeded" {
            return Err(ModelError::ContextLength { message });
        }
        return Err(ModelError::Malformed(format!("the response failed: {message}")));
    }
    let output = body
        .get("output")
        .and_then(Json::as_array)
        .ok_or_else(|| ModelError::Malformed("Responses API body without an `output` array".into()))?;
    let mut items = Vec::new();
    for entry in output {
        match str_field(entry, "type") {
            "message" => {
                let mut text = String::new();
                for part in entry.get("content").and_then(Json::as_array).into_iter().flatten() {
                    match str_field(part, "type") {
                        "output_text" => text.push_str(str_field(part, "text")),
                        "refusal" => text.push_str(str_field(part, "refusal")),
                        _ => {}
                    }
                }
                if !text.is_empty() {
                    items.push(Item::Assistant { text });
                }
            }
            "reasoning" => items.push(Item::Reasoning { format: WireFormat::Responses, raw: entry.clone() }),
            "function_call" => {
                let call_id = str_field(entry, "call_id");
                let call_id = if call_id.is_empty() { str_field(entry, "id") } else { call_id };
                items.push(Item::ToolCall {
                    call_id: call_id.to_string(),
                    name: str_field(entry, "name").to_string(),
                    arguments: str_field(entry, "arguments").to_string(),
                });
            }
            _ => {}
        }
    }
    let usage = CallUsage {
        input_tokens: u64_at(body, "/usage/input_tokens"),
        cached_input_tokens: u64_at(body, "/usage/input_tokens_details/cached_tokens"),
        output_tokens: u64_at(body, "/usage/output_tokens"),
        reasoning_tokens: u64_at(body, "/usage/output_tokens_details/reasoning_tokens"),
    };
    let truncated = status == "incomplete"
        && body.pointer("/incomplete_details/reason").and_then(Json::as_str) == Some("max_output_tokens");
    Ok(ModelReply { items, usage, truncated })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ReasoningEffort;
    use crate::model::{ToolSpec, UserOrigin};

    #[test]
    fn round_trip_of_a_tool_call() {
        let items = vec![Item::user("do it", UserOrigin::Instruction)];
        let tools = vec![ToolSpec {
            name: "exec_command".into(),
            description: "run".into(),
            parameters: json!({"type": "object"}),
        }];
        let req = ModelRequest {
            model: "m",
            system: "sys",
            items: &items,
            tools: &tools,
            purpose: Purpose::Turn,
            max_output_tokens: 100,
            reasoning_effort: Some(ReasoningEffort::High),
            temperature: None,
        };
        let body = build(&req);
        assert_eq!(body["reasoning"]["effort"], "high");
        assert_eq!(body["input"][0]["content"][0]["text"], "do it");
        assert_eq!(body["tools"][0]["name"], "exec_command");

        let reply = parse(&json!({
            "status": "completed",
            "output": [
                {"type": "reasoning", "id": "rs_1", "encrypted_content": "xyz", "summary": []},
                {"type": "function_call", "call_id": "c1", "name": "exec_command", "arguments": "{\"cmd\":\"ls\"}"}
            ],
            "usage": {"input_tokens": 10, "input_tokens_details": {"cached_tokens": 4}, "output_tokens": 7,
                      "output_tokens_details": {"reasoning_tokens": 5}}
        }))
        .unwrap();
        assert_eq!(reply.tool_calls(), vec![("c1", "exec_command", "{\"cmd\":\"ls\"}")]);
        assert_eq!(
            reply.usage,
            CallUsage { input_tokens: 10, cached_input_tokens: 4, output_tokens: 7, reasoning_tokens: 5 }
        );
        // The reasoning item goes back verbatim next turn.
        let next = [items.clone(), reply.items].concat();
        let body = build(&ModelRequest { items: &next, ..req });
        assert_eq!(body["input"][1]["encrypted_content"], "xyz");
        assert_eq!(body["input"][2]["type"], "function_call");
    }
}
