//! A mock model server: real HTTP on 127.0.0.1, speaking the OpenAI Responses, Chat Completions
//! and Anthropic Messages formats with scripted replies, and recording every request it gets.
//!
//! Replies come from rules (checked first, in order; a rule answers when its function returns
//! `Some`) and then from a queue (in order). When both are exhausted the server answers HTTP 418
//! with a "no scripted reply" error, which the providers treat as a non-retryable failure.
//!
//! ```ignore
//! let server = MockServer::start().await?;
//! server.push(MockReply::rate_limited(1));
//! server.push(MockTurn::new().call("exec_command", json!({"cmd": "ls"})).usage(100, 10).reply(Wire::Responses));
//! // point a provider at server.base_url() ...
//! assert_eq!(server.requests().len(), 2);
//! ```

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value as Json};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The wire format of a scripted reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    Responses,
    Chat,
    Anthropic,
}

/// A request the server received.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// Header names are lower case.
    pub headers: Vec<(String, String)>,
    pub body_text: String,
    /// The body parsed as JSON (`Null` when it is not JSON).
    pub body: Json,
}

impl RecordedRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// One scripted HTTP reply.
#[derive(Debug, Clone)]
pub struct MockReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Wait this long before answering.
    pub delay: Option<Duration>,
    /// Close the connection without answering.
    pub drop_connection: bool,
}

impl MockReply {
    pub fn json(status: u16, body: Json) -> Self {
        MockReply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string(),
            delay: None,
            drop_connection: false,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// 429 with `Retry-After: secs`.
    pub fn rate_limited(retry_after_secs: u64) -> Self {
        MockReply::json(429, json!({ "error": { "message": "Rate limit reached; try again later.", "type": "rate_limit_error", "code": "rate_limit_exceeded" } }))
            .with_header("retry-after", &retry_after_secs.to_string())
    }

    /// 401: the key was refused.
    pub fn unauthorized() -> Self {
        MockReply::json(
            401,
            json!({ "error": { "message": "Incorrect API key provided.", "type": "invalid_request_error", "code": "invalid_api_key" } }),
        )
    }

    /// 500.
    pub fn server_error() -> Self {
        MockReply::json(
            500,
            json!({ "error": { "message": "The server had an error while processing your request.", "type": "server_error" } }),
        )
    }

    /// The connection is closed without a response.
    pub fn dropped() -> Self {
        MockReply { drop_connection: true, ..MockReply::json(200, Json::Null) }
    }

    /// 400: the request is longer than the context window, in the wire format's words.
    pub fn context_length(wire: Wire) -> Self {
        let body = match wire {
            Wire::Responses | Wire::Chat => json!({ "error": {
                "message": "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
                "type": "invalid_request_error", "code": "context_length_exceeded" } }),
            Wire::Anthropic => {
                json!({ "type": "error", "error": { "type": "invalid_request_error", "message": "prompt is too long: 9000 tokens > 8192 maximum" } })
            }
        };
        MockReply::json(400, body)
    }
}

static CALL_IDS: AtomicU64 = AtomicU64::new(1);

/// A model turn to reply with: text, tool calls and usage.
#[derive(Debug, Clone, Default)]
pub struct MockTurn {
    pub text: String,
    /// `(call id, tool name, arguments)`.
    pub calls: Vec<(String, String, Json)>,
    pub input_tokens: u64,
    pub cached_input_tokens: u64,
    pub output_tokens: u64,
    pub reasoning_tokens: u64,
}

impl MockTurn {
    pub fn new() -> Self {
        MockTurn { input_tokens: 100, output_tokens: 10, ..MockTurn::default() }
    }

    pub fn text(mut self, text: &str) -> Self {
        self.text = text.to_string();
        self
    }

    pub fn call(mut self, name: &str, arguments: Json) -> Self {
        let id = format!("call_{}", CALL_IDS.fetch_add(1, Ordering::Relaxed));
        self.calls.push((id, name.to_string(), arguments));
        self
    }

    pub fn usage(mut self, input: u64, output: u64) -> Self {
        self.input_tokens = input;
        self.output_tokens = output;
        self
    }

    pub fn cached(mut self, cached: u64, reasoning: u64) -> Self {
        self.cached_input_tokens = cached;
        self.reasoning_tokens = reasoning;
        self
    }

    /// The response body in a wire format.
    pub fn body(&self, wire: Wire) -> Json {
        match wire {
            Wire::Responses => {
                let mut output = Vec::new();
                if !self.text.is_empty() {
                    output.push(json!({ "type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
                        "content": [{ "type": "output_text", "text": self.text, "annotations": [] }] }));
                }
                for (id, name, args) in &self.calls {
                    output
                        .push(json!({ "type": "function_call", "id": format!("fc_{id}"), "call_id": id, "name": name,
                        "arguments": args.to_string(), "status": "completed" }));
                }
                json!({ "id": "resp_mock", "object": "response", "status": "completed", "model": "mock", "output": output,
                    "usage": { "input_tokens": self.input_tokens, "input_tokens_details": { "cached_tokens": self.cached_input_tokens },
                        "output_tokens": self.output_tokens, "output_tokens_details": { "reasoning_tokens": self.reasoning_tokens },
                        "total_tokens": self.input_tokens + self.output_tokens } })
            }
            Wire::Chat => {
                let calls: Vec<Json> = self
                    .calls
                    .iter()
                    .map(|(id, name, args)| json!({ "id": id, "type": "function", "function": { "name": name, "arguments": args.to_string() } }))
                    .collect();
                let mut message = json!({ "role": "assistant", "content": if self.text.is_empty() { Json::Null } else { json!(self.text) } });
                if !calls.is_empty() {
                    message["tool_calls"] = Json::Array(calls);
                }
                json!({ "id": "chatcmpl-mock", "object": "chat.completion", "model": "mock",
                    "choices": [{ "index": 0, "message": message, "finish_reason": if self.calls.is_empty() { "stop" } else { "tool_calls" } }],
                    "usage": { "prompt_tokens": self.input_tokens, "completion_tokens": self.output_tokens,
                        "total_tokens": self.input_tokens + self.output_tokens,
                        "prompt_tokens_details": { "cached_tokens": self.cached_input_tokens },
                        "completion_tokens_details": { "reasoning_tokens": self.reasoning_tokens } } })
            }
            Wire::Anthropic => {
                let mut content = Vec::new();
                if !self.text.is_empty() {
                    content.push(json!({ "type": "text", "text": self.text }));
                }
                for (id, name, args) in &self.calls {
                    content.push(json!({ "type": "tool_use", "id": id, "name": name, "input": args }));
                }
                json!({ "id": "msg_mock", "type": "message", "role": "assistant", "model": "mock", "content": content,
                    "stop_reason": if self.calls.is_empty() { "end_turn" } else { "tool_use" },
                    "usage": { "input_tokens": self.input_tokens - self.cached_input_tokens.min(self.input_tokens),
                        "cache_read_input_tokens": self.cached_input_tokens, "output_tokens": self.output_tokens } })
            }
        }
    }

    /// A 200 reply with this turn.
    pub fn reply(&self, wire: Wire) -> MockReply {
        MockReply::json(200, self.body(wire))
    }
}

/// A rule: answers the requests for which it returns `Some`.
pub type Rule = Box<dyn Fn(&RecordedRequest) -> Option<MockReply> + Send + Sync>;

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    queue: VecDeque<MockReply>,
    requests: Vec<RecordedRequest>,
}

/// The server. It stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("addr", &self.addr).finish_non_exhaustive()
    }
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn handle(state: Arc<Mutex<State>>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let headers = request
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_ascii_lowercase(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let bytes = request.into_body().collect().await.map_err(std::io::Error::other)?.to_bytes();
    let body_text = String::from_utf8_lossy(&bytes).into_owned();
    let body = serde_json::from_str(&body_text).unwrap_or(Json::Null);
    let recorded = RecordedRequest { method, path, headers, body_text, body };
    let reply = {
        let mut state = lock(&state);
        state.requests.push(recorded.clone());
        let from_rule = state.rules.iter().find_map(|rule| rule(&recorded));
        from_rule.or_else(|| state.queue.pop_front())
    };
    let reply = reply.unwrap_or_else(|| {
        MockReply::json(
            418,
            json!({ "error": { "message": "mock server: no scripted reply left", "type": "mock_exhausted" } }),
        )
    });
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    if reply.drop_connection {
        return Err(std::io::Error::other("dropping the connection as scripted"));
    }
    let mut response = Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    response.body(Full::new(Bytes::from(reply.body))).map_err(std::io::Error::other)
}

impl MockServer {
    /// Start a server on an ephemeral port of 127.0.0.1.
    pub async fn start() -> std::io::Result<MockServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| {
                        let state = state.clone();
                        async move { handle(state, req).await }
                    });
                    let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                });
            }
        });
        Ok(MockServer { addr, state, task })
    }

    /// `http://127.0.0.1:PORT/v1`: the base URL to configure a provider with.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Queue a reply.
    pub fn push(&self, reply: MockReply) {
        lock(&self.state).queue.push_back(reply);
    }

    /// Queue replies.
    pub fn push_all(&self, replies: impl IntoIterator<Item = MockReply>) {
        lock(&self.state).queue.extend(replies);
    }

    /// Add a rule, checked before the queue.
    pub fn rule(&self, rule: impl Fn(&RecordedRequest) -> Option<MockReply> + Send + Sync + 'static) {
        lock(&self.state).rules.push(Box::new(rule));
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state).requests.clone()
    }

    /// Replies still queued.
    pub fn pending(&self) -> usize {
        lock(&self.state).queue.len()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
