//! Many calls of one client through an outage, on loopback: the retry budget and the
//! client-wide pause keep the load on a struggling API near one attempt per call, and spread
//! the calls out when the API tells them to come back later.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use linq_api::{Client, RetryPolicy};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CALLS: usize = 64;

/// One request as the server saw it: the call it belongs to, when, and the status it got.
#[derive(Debug, Clone)]
struct Seen {
    call: String,
    at: Instant,
    status: u16,
}

/// Answers `unavailable` until `until` after the first request, then the chat.
struct Outage {
    unavailable: ResponseTemplate,
    status: u16,
    length: Duration,
    started: Mutex<Option<Instant>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Respond for Outage {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let now = Instant::now();
        let started = *self.started.lock().unwrap().get_or_insert(now);
        let down = now - started < self.length;
        let call = request
            .headers
            .get("x-call")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let status = if down { self.status } else { 200 };
        self.seen.lock().unwrap().push(Seen {
            call,
            at: now,
            status,
        });
        if down {
            self.unavailable.clone()
        } else {
            ResponseTemplate::new(200)
                .set_body_json(common::fixture("responses/chats.retrieve.200.json"))
        }
    }
}

/// A server down for `length` with `unavailable`, and what it saw.
async fn outage(
    unavailable: ResponseTemplate,
    status: u16,
    length: Duration,
) -> (MockServer, Arc<Mutex<Vec<Seen>>>) {
    let server = common::server().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let responder = Outage {
        unavailable,
        status,
        length,
        started: Mutex::new(None),
        seen: seen.clone(),
    };
    Mock::given(wiremock::matchers::any())
        .respond_with(responder)
        .mount(&server)
        .await;
    (server, seen)
}

/// Sends `CALLS` retrieves at once through one client (clones of it); how many succeeded.
async fn storm(server: &MockServer, policy: RetryPolicy) -> usize {
    let client = Client::builder()
        .api_key("test-key")
        .base_url(server.uri())
        .retry_policy(policy)
        .build()
        .unwrap();
    let calls: Vec<_> = (0..CALLS)
        .map(|n| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .chats()
                    .retrieve(common::CHAT_ID)
                    .header("x-call", n)
                    .await
                    .is_ok()
            })
        })
        .collect();
    let mut succeeded = 0;
    for call in calls {
        succeeded += usize::from(call.await.unwrap());
    }
    succeeded
}

/// Attempts per call the server saw while it was down.
fn load_while_down(seen: &[Seen]) -> f64 {
    seen.iter().filter(|s| s.status != 200).count() as f64 / CALLS as f64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_3_second_outage_sees_about_one_attempt_per_call_not_three() {
    let (server, seen) = outage(ResponseTemplate::new(503), 503, Duration::from_secs(3)).await;
    storm(&server, RetryPolicy::default()).await;
    let seen = seen.lock().unwrap().clone();
    let load = load_while_down(&seen);
    eprintln!("default policy: {load:.2} attempts per call while down");
    assert!(load <= 1.5, "{load:.2} attempts per call while down");
    // The default schedule (2 retries, 0.5 s then 1 s) mostly gives up before a 3-second
    // outage ends, as the official SDKs' does; it no longer triples the load while it lasts,
    // and no call makes more than its 3 attempts.
    for n in 0..CALLS {
        let attempts = seen.iter().filter(|s| s.call == n.to_string()).count();
        assert!((1..=3).contains(&attempts), "call {n}: {attempts} attempts");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_three_retries_every_call_outlasts_a_3_second_outage_at_little_cost() {
    let (server, seen) = outage(ResponseTemplate::new(503), 503, Duration::from_secs(3)).await;
    let succeeded = storm(&server, RetryPolicy::default().max_retries(3)).await;
    let seen = seen.lock().unwrap().clone();
    assert_eq!(succeeded, CALLS, "every call succeeds once the API is back");
    let load = load_while_down(&seen);
    eprintln!("3 retries: {load:.2} attempts per call while down");
    assert!(load <= 1.5, "{load:.2} attempts per call while down");
    let after = seen.iter().filter(|s| s.status == 200).count();
    assert_eq!(
        after, CALLS,
        "one successful attempt per call after the outage"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_told_to_retry_after_a_second_wait_it_out_and_come_back_spread() {
    let limited = ResponseTemplate::new(429).insert_header("retry-after", "1");
    let (server, seen) = outage(limited, 429, Duration::from_millis(500)).await;
    let succeeded = storm(&server, RetryPolicy::default()).await;
    let seen = seen.lock().unwrap().clone();
    assert_eq!(succeeded, CALLS);
    let first_refusal = seen.iter().map(|s| s.at).min().unwrap();
    let mut retries = Vec::new();
    for n in 0..CALLS {
        let call: Vec<&Seen> = seen.iter().filter(|s| s.call == n.to_string()).collect();
        // A call refused once retries after its refusal; a call that had not started by
        // then was held by the client's pause, and goes after the first refusal's wait.
        let (refused_at, retry) = match call.as_slice() {
            [refused, retry] if refused.status == 429 => (refused.at, retry),
            [held] => (first_refusal, held),
            other => panic!("call {n}: {other:?}"),
        };
        assert_eq!(retry.status, 200);
        let waited = retry.at - refused_at;
        assert!(
            waited >= Duration::from_secs(1),
            "call {n} came back early: {waited:?}"
        );
        retries.push(retry.at);
    }
    let spread = *retries.iter().max().unwrap() - *retries.iter().min().unwrap();
    eprintln!("after Retry-After: 1, the calls came back over {spread:?}");
    assert!(
        spread >= Duration::from_millis(200),
        "retries within {spread:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_pause_each_call_retries_on_its_own() {
    let (server, seen) = outage(ResponseTemplate::new(503), 503, Duration::from_secs(3)).await;
    let policy = RetryPolicy::default()
        .pause_on_overload(false)
        .without_retry_budget();
    let succeeded = storm(&server, policy).await;
    let seen = seen.lock().unwrap().clone();
    assert_eq!(succeeded, 0);
    assert_eq!(
        load_while_down(&seen),
        3.0,
        "the load the pause exists to avoid"
    );
}
