//! The HTTP transport of the three API providers: authentication headers, retries within a time
//! budget, a concurrency cap per endpoint shared by every trial in the process, and the
//! classification of failures (credentials refused, context too long, retryable, fatal).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use reqwest::StatusCode;
use serde_json::Value as Json;
use tokio::sync::Semaphore;

use super::retry::{retry_after_from_headers, RetryPolicy};
use super::{
    anthropic, chat, responses, ModelError, ModelProvider, ModelReply, ModelRequest, RetryNotifier, WireFormat,
};
use crate::secret::Secret;

/// The `anthropic-version` header sent with every Anthropic request.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

/// The semaphore capping requests in flight to one endpoint, shared process-wide. The first
/// caller for a key sets its size.
pub fn concurrency_limiter(key: &str, cap: usize) -> Arc<Semaphore> {
    static LIMITERS: OnceLock<Mutex<HashMap<String, Arc<Semaphore>>>> = OnceLock::new();
    let map = LIMITERS.get_or_init(Mutex::default);
    let mut map = map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    map.entry(key.to_string()).or_insert_with(|| Arc::new(Semaphore::new(cap.max(1)))).clone()
}

/// One HTTP client for the process (connection pools are shared across trials).
fn shared_client() -> Result<reqwest::Client, ModelError> {
    static CLIENT: OnceLock<Mutex<Option<reqwest::Client>>> = OnceLock::new();
    let slot = CLIENT.get_or_init(Mutex::default);
    let mut slot = slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(client) = slot.as_ref() {
        return Ok(client.clone());
    }
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(30))
        .pool_idle_timeout(Duration::from_secs(90))
        .build()
        .map_err(|e| ModelError::Client(e.to_string()))?;
    *slot = Some(client.clone());
    Ok(client)
}

/// Settings of an [`HttpProvider`].
#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub format: WireFormat,
    pub model: String,
    /// e.g. `https://api.openai.com/v1`; the format's path is appended.
    pub base_url: String,
    pub api_key: Option<Secret>,
    pub max_concurrency: usize,
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

/// A provider speaking one of the three wire formats over HTTP.
#[derive(Debug)]
pub struct HttpProvider {
    settings: HttpSettings,
    endpoint: String,
    limiter: Arc<Semaphore>,
    client: reqwest::Client,
}

/// How one attempt failed.
enum Failure {
    /// Try again (after `retry_after` when the server said so).
    Retry { reason: String, retry_after: Option<Duration> },
    /// Give up now.
    Stop(ModelError),
}

impl HttpProvider {
    pub fn new(settings: HttpSettings) -> Result<Self, ModelError> {
        let path = match settings.format {
            WireFormat::Responses => "responses",
            WireFormat::Chat => "chat/completions",
            WireFormat::Anthropic => "messages",
            WireFormat::Neutral => return Err(ModelError::Client("the neutral format has no HTTP endpoint".into())),
        };
        let endpoint = format!("{}/{path}", settings.base_url.trim_end_matches('/'));
        let limiter = concurrency_limiter(&endpoint, settings.max_concurrency);
        Ok(HttpProvider { endpoint, limiter, client: shared_client()?, settings })
    }

    /// The URL requests are posted to.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn redact(&self, text: &str) -> String {
        match &self.settings.api_key {
            Some(key) => key.redact(text),
            None => text.to_string(),
        }
    }

    async fn attempt(&self, body: &Json) -> Result<Json, Failure> {
        let mut request = self.client.post(&self.endpoint).timeout(self.settings.request_timeout).json(body);
        request = match (&self.settings.api_key, self.settings.format) {
            (Some(key), WireFormat::Anthropic) => request.header("x-api-key", key.expose()),
            (Some(key), _) => request.bearer_auth(key.expose()),
            (None, _) => request,
        };
        if self.settings.format == WireFormat::Anthropic {
            request = request.header("anthropic-version", ANTHROPIC_VERSION);
        }
        let response = match request.send().await {
            Ok(r) => r,
            Err(e) if e.is_builder() => return Err(Failure::Stop(ModelError::Client(self.redact(&e.to_string())))),
            Err(e) => {
                return Err(Failure::Retry { reason: transport_reason(&e, &|t| self.redact(t)), retry_after: None })
            }
        };
        let status = response.status();
        let retry_after = retry_after_from_headers(response.headers());
        let text = match response.text().await {
            Ok(t) => t,
            Err(e) => {
                return Err(Failure::Retry {
                    reason: format!("reading the body: {}", self.redact(&e.to_string())),
                    retry_after: None,
                })
            }
        };
        if status.is_success() {
            return serde_json::from_str(&text).map_err(|e| Failure::Retry {
                reason: format!("undecodable response body ({e}), {} bytes", text.len()),
                retry_after: None,
            });
        }
        let message = self.redact(&error_message(&text));
        let endpoint = self.endpoint.clone();
        Err(match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                Failure::Stop(ModelError::Auth { endpoint, status: status.as_u16(), message })
            }
            StatusCode::TOO_MANY_REQUESTS if text.contains("insufficient_quota") => {
                Failure::Stop(ModelError::Quota { endpoint, message })
            }
            StatusCode::TOO_MANY_REQUESTS | StatusCode::REQUEST_TIMEOUT | StatusCode::CONFLICT => {
                Failure::Retry { reason: format!("HTTP {}: {message}", status.as_u16()), retry_after }
            }
            s if s.is_server_error() || s.as_u16() == 529 => {
                Failure::Retry { reason: format!("HTTP {}: {message}", status.as_u16()), retry_after }
            }
            _ if is_context_length(&text) => Failure::Stop(ModelError::ContextLength { message }),
            _ => Failure::Stop(ModelError::Http { endpoint, status: status.as_u16(), message }),
        })
    }
}

fn transport_reason(e: &reqwest::Error, redact: &dyn Fn(&str) -> String) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "transport error"
    };
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        source = s.source();
    }
    format!("{kind}: {}", redact(&detail))
}

/// The human-readable message of an error body (`error.message` in both OpenAI's and
/// Anthropic's formats), else the body's start.
pub fn error_message(text: &str) -> String {
    if let Ok(json) = serde_json::from_str::<Json>(text) {
        for pointer in ["/error/message", "/message", "/error", "/detail"] {
            if let Some(m) = json.pointer(pointer).and_then(Json::as_str) {
                return m.to_string();
            }
        }
    }
    let trimmed = text.trim();
    match trimmed.char_indices().nth(500) {
        Some((at, _)) => format!("{}…", &trimmed[..at]),
        None => trimmed.to_string(),
    }
}

/// Whether an error body says the request did not fit in the context window.
pub fn is_context_length(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "context_length_exceeded",
        "maximum context length",
        "context window",
        "prompt is too long",
        "input is too long",
        "too many tokens",
        "exceeds the context",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

#[async_trait]
impl ModelProvider for HttpProvider {
    fn label(&self) -> String {
        format!("{} @ {}", self.settings.model, self.endpoint)
    }

    fn build_body(&self, request: &ModelRequest<'_>) -> Json {
        match self.settings.format {
            WireFormat::Responses => responses::build(request),
            WireFormat::Chat => chat::build(request),
            WireFormat::Anthropic | WireFormat::Neutral => anthropic::build(request),
        }
    }

    async fn send(&self, body: &Json, notify: RetryNotifier<'_>) -> Result<Json, ModelError> {
        let started = Instant::now();
        let mut attempts: u32 = 0;
        loop {
            attempts += 1;
            let outcome = {
                let _permit = self
                    .limiter
                    .acquire()
                    .await
                    .map_err(|_| ModelError::Client("the concurrency limiter was closed".into()))?;
                self.attempt(body).await
            };
            let (reason, retry_after) = match outcome {
                Ok(json) => return Ok(json),
                Err(Failure::Stop(error)) => return Err(error),
                Err(Failure::Retry { reason, retry_after }) => (reason, retry_after),
            };
            let delay = self.settings.retry.delay(attempts - 1, retry_after);
            if started.elapsed() + delay > self.settings.retry.budget {
                return Err(ModelError::RetriesExhausted {
                    endpoint: self.endpoint.clone(),
                    attempts,
                    elapsed_secs: started.elapsed().as_secs(),
                    last: reason,
                });
            }
            notify(format!(
                "model request attempt {attempts} failed ({reason}); retrying in {:.1} s",
                delay.as_secs_f64()
            ));
            tokio::time::sleep(delay).await;
        }
    }

    fn parse(&self, body: &Json) -> Result<ModelReply, ModelError> {
        match self.settings.format {
            WireFormat::Responses => responses::parse(body),
            WireFormat::Chat => chat::parse(body),
            WireFormat::Anthropic | WireFormat::Neutral => anthropic::parse(body),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_error_bodies() {
        assert!(is_context_length(r#"{"error":{"code":"context_length_exceeded","message":"x"}}"#));
        assert!(is_context_length(
            r#"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}"#
        ));
        assert!(!is_context_length(r#"{"error":{"message":"model not found"}}"#));
        assert_eq!(error_message(r#"{"error":{"message":"bad key"}}"#), "bad key");
        assert_eq!(error_message("plain"), "plain");
    }

    #[test]
    fn limiter_is_shared_per_key() {
        let a = concurrency_limiter("test-key-a", 3);
        let b = concurrency_limiter("test-key-a", 10);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(b.available_permits(), 3);
    }
}
