//! The concurrency cap: `ClientBuilder::max_concurrent_requests(n)` keeps at most `n`
//! attempts in flight on a client and its clones, and serves waiting calls in order.

mod common;

use std::time::Duration;

use common::raw::{Behaviour, RawServer};
use linq_api::Client;

fn slow_chat() -> Behaviour {
    let body = common::fixture_text("responses/chats.retrieve.200.json");
    Behaviour::RespondAfter(Duration::from_millis(100), 200, body)
}

fn client(url: &str, cap: Option<usize>) -> Client {
    let mut builder = Client::builder().api_key("test-key").base_url(url);
    if let Some(cap) = cap {
        builder = builder.max_concurrent_requests(cap);
    }
    builder.build().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_most_n_attempts_are_in_flight_at_once() {
    let server = RawServer::start(vec![slow_chat()]).await;
    let client = client(&server.url, Some(3));
    let calls: Vec<_> = (0..12)
        .map(|_| {
            // Clones share the cap.
            let client = client.clone();
            tokio::spawn(async move { client.chats().retrieve(common::CHAT_ID).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(server.requests().len(), 12);
    assert_eq!(
        server.peak_in_flight(),
        3,
        "the cap is reached, never passed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_cap_calls_run_side_by_side() {
    let server = RawServer::start(vec![slow_chat()]).await;
    let client = client(&server.url, None);
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.chats().retrieve(common::CHAT_ID).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert!(server.peak_in_flight() > 1, "{}", server.peak_in_flight());
}

#[tokio::test]
async fn calls_waiting_for_a_place_are_served_first_come_first_served() {
    let server = RawServer::start(vec![slow_chat()]).await;
    let client = client(&server.url, Some(1));
    let mut calls = Vec::new();
    for i in 0..5 {
        let client = client.clone();
        calls.push(tokio::spawn(async move {
            client
                .chats()
                .retrieve(common::CHAT_ID)
                .header("x-order", i)
                .await
        }));
        // Let this call take its place in the queue before the next one starts.
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for call in calls {
        call.await.unwrap().unwrap();
    }
    let order: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("x-order").unwrap())
        .collect();
    assert_eq!(order, ["0", "1", "2", "3", "4"]);
    assert_eq!(server.peak_in_flight(), 1);
}
