//! When to retry, and how long to wait first: one pure policy value the send loop asks after
//! every failed attempt. The loop decides nothing itself.

use std::time::Duration;

use jiff::Timestamp;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// Retries after the first attempt unless configured otherwise.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// The shortest wait whose jitter share spreads calls told to wait together (2 s: half a
/// second at the default jitter).
const MIN_SPREAD_BASE: Duration = Duration::from_secs(2);

/// A client-wide pause: how long, and the window after it over which the calls it held go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PauseFor {
    pub(crate) wait: Duration,
    pub(crate) spread: Duration,
}

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
/// The default follows the official Linq SDKs where they are safe: 2 retries; connection
/// failures, timeouts, 408, 409, 429 and 5xx are retried; an `x-should-retry: true|false`
/// header overrides the status; the wait is `min(0.5 s × 2^retry, 8 s)` less up to 25 %
/// jitter, or the server's `Retry-After-Ms` / `Retry-After` (seconds or an HTTP date) when
/// it is at most 60 s, plus up to 25 % of it (of 2 s at least) so that calls told the same
/// wait do not come back together. Beyond them, it never repeats what may have been applied (see
/// [`RetryPolicy::decide`]), spends retries from a [`RetryBudget`] shared by a client and its
/// clones, and pauses the whole client while the API says it is overloaded (see
/// [`RetryPolicy::pause_on_overload`]).
///
/// ```
/// use std::time::Duration;
/// # use linq_api as sdk;
/// use sdk::{RetryBudget, RetryPolicy};
///
/// let policy = RetryPolicy::default()
///     .max_retries(4)
///     .backoff(Duration::from_millis(200), Duration::from_secs(5))
///     .retry_budget(RetryBudget::default().capacity(1000));
/// let client = sdk::Client::builder().api_key("key").retry_policy(policy).build();
/// # assert!(client.is_ok());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_server_wait: Duration,
    jitter: f64,
    budget: Option<RetryBudget>,
    pause_on_overload: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: DEFAULT_MAX_RETRIES,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_server_wait: Duration::from_secs(60),
            jitter: 0.25,
            budget: Some(RetryBudget::default()),
            pause_on_overload: true,
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

    /// The share of each wait that is random, from 0 (none) to 1 (default 0.25): taken off a
    /// backoff wait, added to a wait the server asked for (never earlier than asked; the
    /// share of 2 s at least). Spreads out calls that failed together.
    pub fn jitter(mut self, share: f64) -> Self {
        self.jitter = if share.is_finite() {
            share.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self
    }

    /// The retry budget a client and its clones share (default [`RetryBudget::default`]):
    /// each retry spends from it, successes refill it, and when it is empty a call that would
    /// retry fails at once instead.
    pub fn retry_budget(mut self, budget: RetryBudget) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Retries limited only by [`max_retries`](Self::max_retries), with no budget shared
    /// between calls.
    pub fn without_retry_budget(mut self) -> Self {
        self.budget = None;
        self
    }

    /// Whether the client pauses while the API says it is overloaded (default on). After a
    /// `429`, `502`, `503` or `504`, no new attempt of the client or its clones goes out
    /// before the server's `Retry-After` (or the backoff, when it names no wait); then one
    /// waiting retry goes first, and the other calls' retries follow once it gets an answer
    /// that is not overloaded. While that retry is refused again, every retry waiting behind
    /// it counts as made, so a client in an outage sends about one request per backoff step,
    /// not one per call.
    pub fn pause_on_overload(mut self, pause: bool) -> Self {
        self.pause_on_overload = pause;
        self
    }

    /// The retry limit of this policy.
    pub fn retry_limit(&self) -> u32 {
        self.max_retries
    }

    /// The retry budget of this policy, if it has one.
    pub fn budget(&self) -> Option<&RetryBudget> {
        self.budget.as_ref()
    }

    /// What to do after `failure` on attempt number `retries + 1`, given whether the request
    /// is `repeatable`: its method is idempotent (`GET`, `PUT`, `DELETE`…) or it carries an
    /// idempotency key.
    ///
    /// The rule that keeps a request from being applied twice: a request that is not
    /// repeatable is sent again only when the first attempt surely was not processed — the
    /// connection never opened, or the server answered `408`, `409`, `429` or `503` (or
    /// `x-should-retry: true`). After a timeout, a lost response or any other `5xx` its fate
    /// is unknown, so it stops with [`Decision::StopUnsafeToRepeat`]. A repeatable request is
    /// retried on every retryable failure.
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
        let headers = match failure {
            Failure::Status { status, headers } => {
                if !status_is_retryable(*status, headers) {
                    return Decision::Stop;
                }
                if !repeatable && !surely_not_processed(*status, headers) {
                    return Decision::StopUnsafeToRepeat;
                }
                Some(*headers)
            }
            Failure::NotSent => None,
            Failure::FateUnknown if !repeatable => return Decision::StopUnsafeToRepeat,
            Failure::FateUnknown => None,
        };
        if retries >= self.max_retries {
            return Decision::Stop;
        }
        if let Some(wait) = headers.and_then(|h| self.asked_wait(h, now)) {
            return Decision::Retry(wait + self.spread_after(wait).mul_f64(fastrand::f64()));
        }
        Decision::Retry(
            self.backoff_for(retries)
                .mul_f64(1.0 - self.jitter * fastrand::f64()),
        )
    }

    /// How long the whole client pauses after an attempt failed with `status`, if it does:
    /// the server's wait, else the backoff before retry number `retries + 1`, without jitter;
    /// and the window after it over which the calls it held are spread. `None` when pausing
    /// is off or the status does not say the API is overloaded.
    pub(crate) fn pause_after(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        retries: u32,
        now: Timestamp,
    ) -> Option<PauseFor> {
        if !self.pause_on_overload || !matches!(status.as_u16(), 429 | 502 | 503 | 504) {
            return None;
        }
        let wait = self
            .asked_wait(headers, now)
            .unwrap_or_else(|| self.backoff_for(retries));
        Some(PauseFor {
            wait,
            spread: self.spread_after(wait),
        })
    }

    /// Whether the client pauses while the API says it is overloaded.
    pub(crate) fn pauses(&self) -> bool {
        self.pause_on_overload
    }

    /// The window after a wait over which calls told to wait together come back: the jitter
    /// share of the wait, and of [`MIN_SPREAD_BASE`] at least, so that calls told to wait a
    /// short second do not come back within a few milliseconds of each other.
    fn spread_after(&self, wait: Duration) -> Duration {
        wait.max(MIN_SPREAD_BASE)
            .mul_f64(self.jitter)
            .min(self.max_backoff)
    }

    /// The wait the server asked for, when it is one the policy honours.
    fn asked_wait(&self, headers: &HeaderMap, now: Timestamp) -> Option<Duration> {
        server_wait(headers, now).filter(|w| *w > Duration::ZERO && *w <= self.max_server_wait)
    }

    /// The backoff before retry number `retries + 1`, without jitter.
    fn backoff_for(&self, retries: u32) -> Duration {
        self.initial_backoff
            .saturating_mul(2u32.saturating_pow(retries))
            .min(self.max_backoff)
    }
}

/// Whether an answered status is worth another attempt: an `x-should-retry` header decides
/// when present; otherwise 408, 409, 429 and every 5xx are.
fn status_is_retryable(status: StatusCode, headers: &HeaderMap) -> bool {
    match should_retry(headers) {
        Some(answer) => answer,
        None => matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error(),
    }
}

/// Whether an answer says the server did not process the request, so even a request that
/// is not repeatable can be sent again: the server asked for it (`x-should-retry: true`), or
/// the status says it was not taken on: `408` (the request never arrived whole), `409`
/// (refused for the resource's state), `429` (rate limited) or `503` (not available). Any
/// other `5xx` may come after the work was done (a crash, a gateway giving up on a slow
/// answer).
pub(crate) fn surely_not_processed(status: StatusCode, headers: &HeaderMap) -> bool {
    should_retry(headers) == Some(true) || matches!(status.as_u16(), 408 | 409 | 429 | 503)
}

/// The server's `x-should-retry` answer, when it gave one.
fn should_retry(headers: &HeaderMap) -> Option<bool> {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    }
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

mod budget;
pub(crate) mod pause;
#[cfg(test)]
mod tests;

pub use budget::RetryBudget;
pub(crate) use budget::TokenBucket;
