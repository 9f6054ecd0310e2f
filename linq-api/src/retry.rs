//! When to retry, and how long to wait first: one pure policy value the send loop asks after
//! every failed attempt. The loop decides nothing itself.

use std::time::Duration;

use jiff::Timestamp;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// Retries after the first attempt unless configured otherwise.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// How one attempt failed, as the retry policy sees it.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Failure<'a> {
    /// The server answered with a non-success status.
    Status {
        /// The status.
        status: StatusCode,
        /// The response headers (`Retry-After`, `x-should-retry`…).
        headers: &'a HeaderMap,
    },
    /// The connection could not be opened: nothing was sent.
    NotSent,
    /// The request was sent (or may have been) but no complete answer came back: a timeout,
    /// or a connection lost mid-request. The server may have applied it.
    FateUnknown,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Send the request again after this wait.
    Retry(Duration),
    /// Give up and report the failure.
    Stop,
    /// Give up although the failure is of a retryable kind: the request's fate is unknown
    /// and repeating it could apply it twice (a `POST` without an idempotency key).
    StopUnsafeToRepeat,
}

/// When a failed attempt is sent again, and after how long.
///
/// The default matches the official Linq SDKs: 2 retries; connection failures, timeouts, 408,
/// 409, 429 and 5xx are retried; an `x-should-retry: true|false` header overrides the status;
/// the wait is the server's `Retry-After-Ms` or `Retry-After` (seconds or an HTTP date) when
/// it is at most 60 s, else `min(0.5 s × 2^retry, 8 s)` less up to 25 % jitter. A request
/// whose fate is unknown is repeated only when that is safe (see [`RetryPolicy::decide`]).
///
/// ```
/// use std::time::Duration;
/// use linq_api::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .max_retries(4)
///     .backoff(Duration::from_millis(200), Duration::from_secs(5));
/// let client = linq_api::Client::builder().api_key("key").retry_policy(policy).build();
/// # assert!(client.is_ok());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_server_wait: Duration,
    jitter: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: DEFAULT_MAX_RETRIES,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_server_wait: Duration::from_secs(60),
            jitter: 0.25,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        RetryPolicy::default().max_retries(0)
    }

    /// How many times a failed attempt is retried (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The first backoff wait and the cap it doubles up to (default 0.5 s and 8 s).
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// The longest wait a server may ask for with `Retry-After`; a longer one falls back to
    /// backoff (default 60 s).
    pub fn max_server_wait(mut self, wait: Duration) -> Self {
        self.max_server_wait = wait;
        self
    }

    /// The share of each backoff wait taken off at random, from 0 (none) to 1 (default
    /// 0.25): spreads out clients that failed together.
    pub fn jitter(mut self, share: f64) -> Self {
        self.jitter = if share.is_finite() {
            share.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self
    }

    /// The retry limit of this policy.
    pub fn retry_limit(&self) -> u32 {
        self.max_retries
    }

    /// What to do after `failure` on attempt number `retries + 1`, given whether the request
    /// is `repeatable`: its method is idempotent (`GET`, `PUT`, `DELETE`…) or it carries an
    /// idempotency key. A request that was never sent is always safe to send again; one whose
    /// fate is unknown only when it is repeatable; an answered status by the status rules.
    pub fn decide(&self, failure: &Failure<'_>, retries: u32, repeatable: bool) -> Decision {
        self.decide_at(failure, retries, repeatable, Timestamp::now())
    }

    /// [`decide`](Self::decide) with the current time given, for `Retry-After` dates.
    pub fn decide_at(
        &self,
        failure: &Failure<'_>,
        retries: u32,
        repeatable: bool,
        now: Timestamp,
    ) -> Decision {
        let (retryable, headers) = match failure {
            Failure::Status { status, headers } => {
                (status_is_retryable(*status, headers), Some(*headers))
            }
            Failure::NotSent => (true, None),
            Failure::FateUnknown if !repeatable => return Decision::StopUnsafeToRepeat,
            Failure::FateUnknown => (true, None),
        };
        if !retryable || retries >= self.max_retries {
            return Decision::Stop;
        }
        if let Some(wait) = headers.and_then(|h| server_wait(h, now)) {
            if wait > Duration::ZERO && wait <= self.max_server_wait {
                return Decision::Retry(wait);
            }
        }
        let backoff = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retries))
            .min(self.max_backoff);
        Decision::Retry(backoff.mul_f64(1.0 - self.jitter * fastrand::f64()))
    }
}

/// Whether an answered status is worth another attempt: an `x-should-retry` header decides
/// when present; otherwise 408, 409, 429 and every 5xx are.
fn status_is_retryable(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The wait the server asked for: `Retry-After-Ms`, else `Retry-After` in seconds or as an
/// HTTP date.
pub(crate) fn server_wait(headers: &HeaderMap, now: Timestamp) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = header("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return Duration::try_from_secs_f64(ms / 1000.0).ok();
    }
    let value = header("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return Duration::try_from_secs_f64(secs).ok();
    }
    let date = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    Duration::try_from(date.duration_since(now)).ok()
}

#[cfg(test)]
mod tests;
