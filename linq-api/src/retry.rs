//! When to retry, and how long to wait first.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// The longest server-requested wait that is honoured; longer ones fall back to backoff.
const MAX_SERVER_WAIT: Duration = Duration::from_secs(60);
const INITIAL_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// Whether a response with `status` should be retried: an `x-should-retry` header decides
/// when present; otherwise 408, 409, 429 and every 5xx are retried.
pub(crate) fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The wait before retry number `retry` (0-based): what the server asked for in
/// `Retry-After-Ms` or `Retry-After` (seconds or an HTTP date) if that is within 60 s,
/// else exponential backoff `min(0.5 s × 2^retry, 8 s)` with up to 25 % jitter.
pub(crate) fn delay(headers: Option<&HeaderMap>, retry: u32) -> Duration {
    if let Some(wait) = headers.and_then(server_wait) {
        if wait > Duration::ZERO && wait <= MAX_SERVER_WAIT {
            return wait;
        }
    }
    let backoff = INITIAL_BACKOFF
        .saturating_mul(2u32.saturating_pow(retry))
        .min(MAX_BACKOFF);
    // Jitter in (0.75, 1]: spreads out clients that failed together.
    backoff.mul_f64(1.0 - 0.25 * fastrand::f64())
}

fn server_wait(headers: &HeaderMap) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = header("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return seconds(ms / 1000.0);
    }
    let value = header("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return seconds(secs);
    }
    let date = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let until = date.duration_since(jiff::Timestamp::now());
    Duration::try_from(until).ok()
}

fn seconds(secs: f64) -> Option<Duration> {
    Duration::try_from_secs_f64(secs).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        map
    }

    #[test]
    fn retryable_statuses() {
        let none = HeaderMap::new();
        for s in [408, 409, 429, 500, 502, 503, 504] {
            assert!(should_retry(StatusCode::from_u16(s).unwrap(), &none), "{s}");
        }
        for s in [400, 401, 403, 404, 422] {
            assert!(
                !should_retry(StatusCode::from_u16(s).unwrap(), &none),
                "{s}"
            );
        }
    }

    #[test]
    fn x_should_retry_overrides_the_status() {
        assert!(!should_retry(
            StatusCode::INTERNAL_SERVER_ERROR,
            &headers(&[("x-should-retry", "false")])
        ));
        assert!(should_retry(
            StatusCode::BAD_REQUEST,
            &headers(&[("x-should-retry", "true")])
        ));
    }

    #[test]
    fn retry_after_ms_wins_over_retry_after() {
        let h = headers(&[("retry-after-ms", "250"), ("retry-after", "5")]);
        assert_eq!(delay(Some(&h), 0), Duration::from_millis(250));
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(
            delay(Some(&headers(&[("retry-after", "3")])), 0),
            Duration::from_secs(3)
        );
    }

    #[test]
    fn retry_after_as_an_http_date() {
        let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(10);
        let date = jiff::fmt::rfc2822::to_string(&at.to_zoned(jiff::tz::TimeZone::UTC)).unwrap();
        let wait = delay(Some(&headers(&[("retry-after", &date)])), 0);
        assert!(
            wait > Duration::from_secs(8) && wait <= Duration::from_secs(10),
            "{wait:?} for {date}"
        );
    }

    #[test]
    fn waits_over_60_seconds_fall_back_to_backoff() {
        let wait = delay(Some(&headers(&[("retry-after", "120")])), 0);
        assert!(wait <= Duration::from_millis(500));
    }

    #[test]
    fn backoff_doubles_up_to_8_seconds_with_jitter() {
        for (retry, full) in [
            (0, 500),
            (1, 1000),
            (2, 2000),
            (3, 4000),
            (4, 8000),
            (10, 8000),
        ] {
            let wait = delay(None, retry);
            let full = Duration::from_millis(full);
            assert!(
                wait <= full && wait > full.mul_f64(0.75),
                "retry {retry}: {wait:?}"
            );
        }
    }
}
