//! Retries, idempotency and timeouts under injected faults, on loopback. Each test asserts
//! the outcome, the number of attempts and the waits between them.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::raw::{Behaviour, RawServer};
use linq_api::types::{MessageContent, MessageCreateParams, MessageSendParams};
use linq_api::{Client, Error, ErrorKind, RetryPolicy, RetryWithheld};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_for(url: &str, retries: u32) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(url)
        .max_retries(retries)
        .build()
        .unwrap()
}

/// Mounts `first` for the first request and `then` for every later one.
async fn first_then(server: &MockServer, first: ResponseTemplate, then: ResponseTemplate) {
    Mock::given(method("GET"))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

fn chat() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(common::fixture("responses/chats.retrieve.200.json"))
}

async fn attempts(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn a_429_with_retry_after_seconds_waits_that_long_then_succeeds() {
    let server = common::server().await;
    first_then(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
        chat(),
    )
    .await;
    let started = Instant::now();
    let chat = common::retrying_client(&server)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(chat.id.to_string(), common::CHAT_ID);
    assert_eq!(attempts(&server).await, 2);
    // Lower bounds only: exact waits are the retry policy's table tests (src/retry/tests.rs);
    // an upper bound would flake on a loaded machine.
    assert!(waited >= Duration::from_secs(1), "{waited:?}");
}

#[tokio::test]
async fn a_429_with_retry_after_ms_waits_that_many_milliseconds() {
    let server = common::server().await;
    first_then(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after-ms", "120"),
        chat(),
    )
    .await;
    let started = Instant::now();
    common::retrying_client(&server)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(attempts(&server).await, 2);
    assert!(waited >= Duration::from_millis(120), "{waited:?}");
}

#[tokio::test]
async fn a_503_then_200_succeeds_after_one_backoff() {
    let server = common::server().await;
    first_then(&server, ResponseTemplate::new(503), chat()).await;
    let started = Instant::now();
    common::retrying_client(&server)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(attempts(&server).await, 2);
    // The first backoff is 500 ms less up to 25 % jitter.
    assert!(waited >= Duration::from_millis(375), "{waited:?}");
}

#[tokio::test]
async fn x_should_retry_false_on_a_500_is_not_retried() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).insert_header("x-should-retry", "false"))
        .mount(&server)
        .await;
    let error = common::retrying_client(&server)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::InternalServer));
    assert_eq!(attempts(&server).await, 1);
}

#[tokio::test]
async fn a_400_is_never_retried() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(common::fixture("responses/messages.create.400.json")),
        )
        .mount(&server)
        .await;
    let error = common::retrying_client(&server)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::BadRequest));
    assert_eq!(attempts(&server).await, 1);
}

#[tokio::test]
async fn a_connection_reset_before_any_response_is_retried() {
    let body = common::fixture_text("responses/chats.retrieve.200.json");
    let server = RawServer::start(vec![Behaviour::Drop, Behaviour::Respond(200, body)]).await;
    let chat = client_for(&server.url, 2)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap();
    assert_eq!(chat.id.to_string(), common::CHAT_ID);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_response_lost_every_time_ends_as_response_lost_and_says_it_may_have_been_applied() {
    let server = RawServer::start(vec![Behaviour::Drop]).await;
    let error = client_for(&server.url, 1)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseLost {
                retry_withheld: None,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.may_have_been_applied());
    assert!(
        error.to_string().contains("may have been applied"),
        "{error}"
    );
    assert_eq!(server.requests().len(), 2, "one attempt and one retry");
}

#[tokio::test]
async fn a_server_that_cannot_be_reached_ends_as_not_sent_after_retries() {
    // Bind, learn the port, close: nothing listens there any more.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = Client::builder()
        .api_key("test-key")
        .base_url(url)
        .retry_policy(
            RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(1)),
        )
        .build()
        .unwrap()
        .chats()
        .send_voicememo(
            common::CHAT_ID,
            linq_api::types::ChatSendVoicememoParams::new()
                .voice_memo_url("https://example.com/memo.m4a"),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, Error::NotSent { .. }), "{error:?}");
    assert!(!error.may_have_been_applied());
    assert!(error.to_string().contains("nothing was sent"), "{error}");
}

#[tokio::test]
async fn a_send_whose_response_is_lost_is_retried_with_the_same_body_key() {
    let body = common::fixture_text("responses/chats.messages.send.202.json");
    // The server takes the message, then drops the connection before answering.
    let server = RawServer::start(vec![Behaviour::Drop, Behaviour::Respond(202, body)]).await;
    let params = MessageSendParams::new(MessageContent::new(["Hello!"]));
    let sent = client_for(&server.url, 2)
        .chats()
        .messages()
        .send(common::CHAT_ID, params)
        .await
        .unwrap();
    assert_eq!(sent.chat_id.to_string(), common::CHAT_ID);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let keys: HashSet<String> = requests
        .iter()
        .map(|r| {
            r.json()["message"]["idempotency_key"]
                .as_str()
                .expect("a key")
                .to_owned()
        })
        .collect();
    assert_eq!(
        keys.len(),
        1,
        "both attempts carry one key, so the server applies the send once: {keys:?}"
    );
}

#[tokio::test]
async fn a_create_whose_response_is_lost_is_retried_with_the_same_header_key() {
    let body = common::fixture_text("responses/messages.create.202.json");
    let server = RawServer::start(vec![Behaviour::Drop, Behaviour::Respond(202, body)]).await;
    let params = MessageCreateParams::new(MessageContent::new(["Hello!"]), ["+12052532136"]);
    client_for(&server.url, 2)
        .messages()
        .create(params)
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let keys: HashSet<String> = requests
        .iter()
        .map(|r| r.header("idempotency-key").expect("a key header"))
        .collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    let body_keys: HashSet<String> = requests
        .iter()
        .map(|r| {
            r.json()["message"]["idempotency_key"]
                .as_str()
                .expect("a key")
                .to_owned()
        })
        .collect();
    assert_eq!(body_keys, keys, "header and body carry the same key");
}

#[tokio::test]
async fn a_response_that_never_comes_times_out_within_the_bound() {
    let server = RawServer::start(vec![Behaviour::Hang]).await;
    let started = Instant::now();
    let error = client_for(&server.url, 0)
        .chats()
        .retrieve(common::CHAT_ID)
        .timeout(Duration::from_millis(300))
        .await
        .unwrap_err();
    let waited = started.elapsed();
    assert!(
        matches!(error, Error::Timeout { timeout, .. } if timeout == Duration::from_millis(300)),
        "{error:?}"
    );
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried() {
    let body = common::fixture_text("responses/chats.retrieve.200.json");
    let server = RawServer::start(vec![Behaviour::Hang, Behaviour::Respond(200, body)]).await;
    let client = Client::builder()
        .api_key("test-key")
        .base_url(&server.url)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    client.chats().retrieve(common::CHAT_ID).await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_and_not_retried() {
    let server = common::server().await;
    let text = common::fixture_text("responses/chats.retrieve.200.json");
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(text[..text.len() / 3].to_owned(), "application/json"),
        )
        .mount(&server)
        .await;
    let error = common::retrying_client(&server)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert!(decode.message.contains("EOF"), "{}", decode.message);
    assert_eq!(attempts(&server).await, 1);
}

#[tokio::test]
async fn an_html_502_is_retried_then_reported_with_its_body() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(502)
                .set_body_raw("<html><body>502 Bad Gateway</body></html>", "text/html"),
        )
        .mount(&server)
        .await;
    let error = client_for(&server.uri(), 1)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap_err();
    let api = error.api().expect("an API error");
    assert_eq!(api.status.as_u16(), 502);
    assert_eq!(api.kind, ErrorKind::InternalServer);
    assert!(api.body.contains("502 Bad Gateway"));
    assert_eq!(api.message, None);
    assert_eq!(attempts(&server).await, 2);
}

#[tokio::test]
async fn a_10_mb_body_decodes() {
    let server = common::server().await;
    let fixture = common::fixture("responses/chats.messages.list.200.json");
    let one = fixture["messages"][0].clone();
    let one_size = serde_json::to_vec(&one).unwrap().len();
    let count = 10 * 1024 * 1024 / one_size + 1;
    let page = serde_json::json!({"messages": vec![one; count], "next_cursor": null});
    let bytes = serde_json::to_vec(&page).unwrap();
    assert!(bytes.len() >= 10 * 1024 * 1024);
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(bytes, "application/json"))
        .mount(&server)
        .await;
    let page = common::client(&server)
        .chats()
        .messages()
        .list(common::CHAT_ID, Default::default())
        .await
        .unwrap();
    assert_eq!(page.items().len(), count);
}

#[tokio::test]
async fn a_send_without_an_idempotency_key_is_not_repeated_when_its_fate_is_unknown() {
    let body = common::fixture_text("responses/chats.send_voicememo.202.json");
    // The server may have taken the voice memo before the connection dropped.
    let server = RawServer::start(vec![Behaviour::Drop, Behaviour::Respond(202, body)]).await;
    let params = linq_api::types::ChatSendVoicememoParams::new()
        .voice_memo_url("https://example.com/memo.m4a");
    let error = client_for(&server.url, 2)
        .chats()
        .send_voicememo(common::CHAT_ID, params)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseLost {
                retry_withheld: Some(RetryWithheld::UnsafeToRepeat),
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("not retried"),
        "the error says why it was not retried: {error}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a POST without a key is sent once"
    );
}

#[tokio::test]
async fn a_send_without_a_key_is_still_retried_on_a_status_the_server_answered() {
    let server = common::server().await;
    let body = common::fixture("responses/chats.send_voicememo.202.json");
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "10"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(202).set_body_json(body))
        .with_priority(2)
        .mount(&server)
        .await;
    let params = linq_api::types::ChatSendVoicememoParams::new()
        .voice_memo_url("https://example.com/memo.m4a");
    common::retrying_client(&server)
        .chats()
        .send_voicememo(common::CHAT_ID, params)
        .await
        .unwrap();
    assert_eq!(attempts(&server).await, 2);
}
