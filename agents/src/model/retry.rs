//! Retry timing: exponential backoff with jitter, `Retry-After` parsing, and a budget in time.
//!
//! Rate-limited trials are slow, not broken: the default budget is ten minutes of retrying per
//! request, and a server's `Retry-After` is honoured whenever it fits in what is left of it.

use std::time::Duration;

use rand::Rng;

/// How long and how often to retry one request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Total time (from the first attempt) after which no new attempt starts.
    pub budget: Duration,
    /// Delay before the first retry (before jitter).
    pub initial_delay: Duration,
    /// Cap on one delay (before jitter; a `Retry-After` may exceed it).
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            budget: Duration::from_secs(600),
            initial_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy with the given budget and default delays.
    pub fn with_budget(budget: Duration) -> Self {
        RetryPolicy { budget, ..RetryPolicy::default() }
    }

    /// Delay before retry number `retry` (0 for the first retry): the server's `Retry-After`
    /// when given (plus up to 10% jitter so many trials do not return in lockstep), else
    /// `initial * 2^retry` capped at `max_delay`, with "equal jitter" (half fixed, half random).
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let mut rng = rand::rng();
        if let Some(after) = retry_after {
            let jitter = after.mul_f64(rng.random_range(0.0..0.1));
            return after + jitter;
        }
        let factor = 2u32.saturating_pow(retry.min(20));
        let base = self.initial_delay.saturating_mul(factor).min(self.max_delay);
        let half = base / 2;
        half + half.mul_f64(rng.random_range(0.0..=1.0))
    }
}

/// Parse a `Retry-After` value: delay seconds (integer or decimal) or an HTTP date.
pub fn parse_retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(86_400.0)));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let delta = date.with_timezone(&chrono::Utc) - now;
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

/// The delay a response asks for, from `retry-after-ms` (OpenAI) or `retry-after`.
pub fn retry_after_from_headers(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    if let Some(ms) =
        headers.get("retry-after-ms").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<f64>().ok())
    {
        if ms.is_finite() && ms >= 0.0 {
            return Some(Duration::from_secs_f64(ms.min(86_400_000.0) / 1000.0));
        }
    }
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, chrono::Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped_with_jitter() {
        let p = RetryPolicy::default();
        for retry in 0..12 {
            let d = p.delay(retry, None);
            let base = Duration::from_secs(1).saturating_mul(2u32.pow(retry)).min(p.max_delay);
            assert!(d >= base / 2 && d <= base, "retry {retry}: {d:?} vs {base:?}");
        }
        let d = p.delay(3, Some(Duration::from_secs(5)));
        assert!(d >= Duration::from_secs(5) && d <= Duration::from_millis(5500));
    }

    #[test]
    fn retry_after_forms() {
        let now = chrono::DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("0.5", now), Some(Duration::from_millis(500)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now), Some(Duration::from_secs(10)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:27:10 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }
}
