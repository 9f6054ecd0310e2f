//! The retry policy as a table: (failure, retries so far, repeatable) → decision. No clock,
//! no server: jitter is off, and `Retry-After` dates are read against a fixed "now".

use std::time::Duration;

use jiff::Timestamp;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;

use super::{Decision, Failure, RetryPolicy};

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (k, v) in pairs {
        map.insert(*k, HeaderValue::from_str(v).unwrap());
    }
    map
}

fn policy() -> RetryPolicy {
    RetryPolicy::default().jitter(0.0)
}

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

fn status(code: u16, h: &HeaderMap) -> Failure<'_> {
    Failure::Status {
        status: StatusCode::from_u16(code).unwrap(),
        headers: h,
    }
}

fn ms(n: u64) -> Decision {
    Decision::Retry(Duration::from_millis(n))
}

#[test]
fn the_default_policy_as_a_table() {
    let none = HeaderMap::new();
    let should_retry_false = headers(&[("x-should-retry", "false")]);
    let should_retry_true = headers(&[("x-should-retry", "true")]);
    let after_ms = headers(&[("retry-after-ms", "250"), ("retry-after", "5")]);
    let after_secs = headers(&[("retry-after", "3")]);
    let after_date = headers(&[("retry-after", "Sun, 22 Nov 2026 12:00:10 +0000")]);
    let after_past_date = headers(&[("retry-after", "Sun, 22 Nov 2026 11:00:00 +0000")]);
    let after_too_long = headers(&[("retry-after", "120")]);
    let after_garbage = headers(&[("retry-after", "soon")]);

    #[rustfmt::skip]
    let table: Vec<(&str, Failure<'_>, u32, bool, Decision)> = vec![
        // Statuses the server answered with.
        ("408 is retried",                   status(408, &none), 0, false, ms(500)),
        ("409 is retried",                   status(409, &none), 0, false, ms(500)),
        ("429 is retried",                   status(429, &none), 0, false, ms(500)),
        ("500 is retried",                   status(500, &none), 0, false, ms(500)),
        ("503 is retried",                   status(503, &none), 0, true,  ms(500)),
        ("400 is not retried",               status(400, &none), 0, true,  Decision::Stop),
        ("401 is not retried",               status(401, &none), 0, true,  Decision::Stop),
        ("404 is not retried",               status(404, &none), 0, true,  Decision::Stop),
        ("422 is not retried",               status(422, &none), 0, true,  Decision::Stop),
        ("x-should-retry: false wins",       status(500, &should_retry_false), 0, true, Decision::Stop),
        ("x-should-retry: true wins",        status(400, &should_retry_true), 0, true, ms(500)),
        // Waits.
        ("backoff doubles",                  status(500, &none), 1, true, ms(1000)),
        ("retry-after-ms wins",              status(429, &after_ms), 0, true, ms(250)),
        ("retry-after in seconds",           status(429, &after_secs), 0, true, ms(3000)),
        ("retry-after as an HTTP date",      status(429, &after_date), 0, true, ms(10_000)),
        ("a date in the past: backoff",      status(429, &after_past_date), 0, true, ms(500)),
        ("over 60 s: backoff",               status(429, &after_too_long), 0, true, ms(500)),
        ("unreadable: backoff",              status(429, &after_garbage), 0, true, ms(500)),
        // The limit.
        ("the last retry is allowed",        status(500, &none), 1, true, ms(1000)),
        ("then it stops",                    status(500, &none), 2, true, Decision::Stop),
        // Transport failures.
        ("never sent: retried",              Failure::NotSent, 0, false, ms(500)),
        ("never sent: up to the limit",      Failure::NotSent, 2, false, Decision::Stop),
        ("fate unknown, repeatable",         Failure::FateUnknown, 0, true, ms(500)),
        ("fate unknown, keyless POST",       Failure::FateUnknown, 0, false, Decision::StopUnsafeToRepeat),
        ("fate unknown at the limit",        Failure::FateUnknown, 2, true, Decision::Stop),
    ];
    for (case, failure, retries, repeatable, expected) in table {
        let got = policy().decide_at(&failure, retries, repeatable, now());
        assert_eq!(got, expected, "{case}");
    }
}

#[test]
fn backoff_caps_at_8_seconds() {
    let none = HeaderMap::new();
    let policy = policy().max_retries(20);
    for (retries, expected) in [(2, 2000), (3, 4000), (4, 8000), (10, 8000), (19, 8000)] {
        assert_eq!(
            policy.decide_at(&status(500, &none), retries, true, now()),
            ms(expected),
            "retry {retries}"
        );
    }
}

#[test]
fn jitter_takes_off_at_most_a_quarter_of_the_wait_by_default() {
    let none = HeaderMap::new();
    for _ in 0..200 {
        let Decision::Retry(wait) = RetryPolicy::default().decide(&status(500, &none), 0, true)
        else {
            panic!("a 500 is retried");
        };
        assert!(wait <= Duration::from_millis(500) && wait >= Duration::from_millis(375));
    }
}

#[test]
fn a_custom_backoff_and_limit_are_used() {
    let none = HeaderMap::new();
    let policy = policy()
        .max_retries(5)
        .backoff(Duration::from_millis(10), Duration::from_millis(30));
    let waits: Vec<Decision> = (0..6)
        .map(|n| policy.decide_at(&status(503, &none), n, true, now()))
        .collect();
    assert_eq!(
        waits,
        [ms(10), ms(20), ms(30), ms(30), ms(30), Decision::Stop]
    );
}

#[test]
fn never_retries_nothing() {
    let none = HeaderMap::new();
    assert_eq!(
        RetryPolicy::never().decide(&status(503, &none), 0, true),
        Decision::Stop
    );
    assert_eq!(
        RetryPolicy::never().decide(&Failure::NotSent, 0, true),
        Decision::Stop
    );
}

#[test]
fn a_shorter_server_wait_cap_falls_back_to_backoff() {
    let after = headers(&[("retry-after", "30")]);
    let policy = policy().max_server_wait(Duration::from_secs(10));
    assert_eq!(
        policy.decide_at(&status(429, &after), 0, true, now()),
        ms(500)
    );
}
