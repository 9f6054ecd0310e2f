//! The retry policy as a table: (failure, retries so far, repeatable) → decision. No clock,
//! no server: jitter is off, and `Retry-After` dates are read against a fixed "now".

use std::time::Duration;

use jiff::Timestamp;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;

use super::{Decision, Failure, PauseFor, RetryPolicy};

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

fn pause_of(wait: f64, spread: f64) -> Option<PauseFor> {
    Some(PauseFor {
        wait: Duration::from_secs_f64(wait),
        spread: Duration::from_secs_f64(spread),
    })
}

fn ms(n: u64) -> Decision {
    Decision::Retry(Duration::from_millis(n))
}

/// What the default policy does with each answered status, for a request that is
/// repeatable (an idempotent method, or one that carries an idempotency key) and for one that
/// is not (a `POST` without a key), at the first failure.
#[test]
fn every_status_for_repeatable_and_keyless_requests() {
    let none = HeaderMap::new();
    let retry = ms(500);
    let stop = Decision::Stop;
    let unsafe_ = Decision::StopUnsafeToRepeat;
    #[rustfmt::skip]
    let table: [(u16, Decision, Decision); 15] = [
        // status  repeatable  keyless POST
        (400, stop,  stop),
        (401, stop,  stop),
        (403, stop,  stop),
        (404, stop,  stop),
        (408, retry, retry),   // the request never arrived whole: not processed
        (409, retry, retry),   // refused for the resource's state: not processed
        (422, stop,  stop),
        (429, retry, retry),   // rate limited: not processed
        (500, retry, unsafe_), // the server may have done the work, then failed
        (501, retry, unsafe_),
        (502, retry, unsafe_), // a gateway lost the answer: the work may be done
        (503, retry, retry),   // not available: not processed
        (504, retry, unsafe_), // a gateway gave up waiting: the work may be done
        (507, retry, unsafe_),
        (599, retry, unsafe_),
    ];
    for (code, repeatable, keyless) in table {
        let failure = status(code, &none);
        let got = policy().decide_at(&failure, 0, true, now());
        assert_eq!(got, repeatable, "{code}, repeatable");
        let got = policy().decide_at(&failure, 0, false, now());
        assert_eq!(got, keyless, "{code}, keyless POST");
    }
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
        // The server's own word.
        ("x-should-retry: false wins",       status(500, &should_retry_false), 0, true, Decision::Stop),
        ("x-should-retry: false, keyless",   status(503, &should_retry_false), 0, false, Decision::Stop),
        ("x-should-retry: true wins",        status(400, &should_retry_true), 0, true, ms(500)),
        ("x-should-retry: true, keyless",    status(500, &should_retry_true), 0, false, ms(500)),
        // Waits.
        ("backoff doubles",                  status(500, &none), 1, true, ms(1000)),
        ("retry-after-ms wins",              status(429, &after_ms), 0, true, ms(250)),
        ("retry-after in seconds",           status(429, &after_secs), 0, true, ms(3000)),
        ("retry-after as an HTTP date",      status(429, &after_date), 0, true, ms(10_000)),
        ("retry-after on a keyless 503",     status(503, &after_secs), 0, false, ms(3000)),
        ("a date in the past: backoff",      status(429, &after_past_date), 0, true, ms(500)),
        ("over 60 s: backoff",               status(429, &after_too_long), 0, true, ms(500)),
        ("unreadable: backoff",              status(429, &after_garbage), 0, true, ms(500)),
        // The limit.
        ("the last retry is allowed",        status(500, &none), 1, true, ms(1000)),
        ("then it stops",                    status(500, &none), 2, true, Decision::Stop),
        ("a keyless 503 stops at the limit", status(503, &none), 2, false, Decision::Stop),
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
fn a_wait_the_server_asked_for_is_never_shortened_and_spreads_over_half_a_second_after_it() {
    let after = headers(&[("retry-after", "1")]);
    let waits: Vec<Duration> = (0..200)
        .map(
            |_| match RetryPolicy::default().decide_at(&status(429, &after), 0, true, now()) {
                Decision::Retry(wait) => wait,
                other => panic!("a 429 is retried, not {other:?}"),
            },
        )
        .collect();
    let first = *waits.iter().min().unwrap();
    let last = *waits.iter().max().unwrap();
    assert!(first >= Duration::from_secs(1), "{first:?}");
    assert!(last <= Duration::from_millis(1500), "{last:?}");
    assert!(
        last - first >= Duration::from_millis(300),
        "{first:?}..{last:?}"
    );
}

#[test]
fn the_client_pauses_after_overloaded_answers_only() {
    let none = HeaderMap::new();
    let after_secs = headers(&[("retry-after", "3")]);
    let pause = |code: u16, h: &HeaderMap, retries: u32| {
        policy().pause_after(StatusCode::from_u16(code).unwrap(), h, retries, now())
    };
    let wait = |n: f64| pause_of(n, 0.0);
    assert_eq!(pause(429, &after_secs, 0), wait(3.0), "the server's wait");
    assert_eq!(pause(503, &none, 0), wait(0.5), "else the backoff");
    assert_eq!(
        pause(503, &none, 2),
        wait(2.0),
        "which grows with the retries"
    );
    assert_eq!(pause(502, &none, 0), wait(0.5));
    assert_eq!(pause(504, &none, 0), wait(0.5));
    for code in [400, 404, 408, 409, 500] {
        assert_eq!(
            pause(code, &none, 0),
            None,
            "{code} does not say overloaded"
        );
    }
    let jittered = RetryPolicy::default();
    let at = |h: &HeaderMap| jittered.pause_after(StatusCode::TOO_MANY_REQUESTS, h, 0, now());
    assert_eq!(
        at(&none),
        pause_of(0.5, 0.5),
        "the calls held go within 25 % of 2 s"
    );
    assert_eq!(
        at(&after_secs),
        pause_of(3.0, 0.75),
        "or of the wait, when longer"
    );
    let off = policy().pause_on_overload(false);
    assert_eq!(
        off.pause_after(StatusCode::SERVICE_UNAVAILABLE, &none, 0, now()),
        None
    );
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
