//! Never twice, from the outside: a request that may have been applied is not repeated
//! unless it carries an idempotency key, every error says truthfully whether it may have
//! been applied, and the error of a keyed send carries the key to resend it with.

mod common;

use std::time::Duration;

use common::raw::{Behaviour, RawServer};
use linq_api::types::{AcceptedResponse, MessageContent, MessageSendParams, ParticipantRequest};
use linq_api::{Client, Error, Request, RetryPolicy, RetryWithheld};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client for `url` with 3 retries and short waits.
fn client_for(url: &str) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(url)
        .retry_policy(
            RetryPolicy::default()
                .max_retries(3)
                .backoff(Duration::from_millis(5), Duration::from_millis(20)),
        )
        .build()
        .unwrap()
}

/// A server that answers every `method` request with `response`.
async fn answering(method_name: &str, response: ResponseTemplate) -> MockServer {
    let server = common::server().await;
    Mock::given(method(method_name))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// `participants().add`: a `POST` without an idempotency key.
fn add_participant(client: &Client) -> Request<AcceptedResponse> {
    client
        .chats()
        .participants()
        .add(common::CHAT_ID, ParticipantRequest::new("+12025550143"))
}

fn send_params() -> MessageSendParams {
    MessageSendParams::new(MessageContent::new(["hello"]))
}

#[tokio::test]
async fn a_keyless_post_answered_500_502_or_504_is_sent_once_and_may_have_been_applied() {
    for status in [500, 502, 504] {
        let server = answering("POST", ResponseTemplate::new(status)).await;
        let error = add_participant(&client_for(&server.uri()))
            .await
            .unwrap_err();
        let received = server.received_requests().await.unwrap().len();
        assert_eq!(received, 1, "{status}: a POST without a key is sent once");
        assert!(error.may_have_been_applied(), "{status}: {error}");
        assert_eq!(error.retry_withheld(), Some(RetryWithheld::UnsafeToRepeat));
        let text = error.to_string();
        assert!(text.contains("may have been applied"), "{text}");
        assert!(text.contains("not retried"), "{text}");
    }
}

#[tokio::test]
async fn a_keyless_post_answered_503_is_retried_and_was_not_applied() {
    let server = answering("POST", ResponseTemplate::new(503)).await;
    let error = add_participant(&client_for(&server.uri()))
        .await
        .unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
    assert!(!error.may_have_been_applied(), "{error}");
}

#[tokio::test]
async fn a_keyed_send_answered_500_is_retried_with_its_key_which_the_error_carries() {
    let server = answering("POST", ResponseTemplate::new(500)).await;
    let error = client_for(&server.uri())
        .chats()
        .messages()
        .send(common::CHAT_ID, send_params())
        .await
        .unwrap_err();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 4, "a keyed send is safe to repeat");
    let keys: Vec<String> = requests
        .iter()
        .map(|r| {
            let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
            body["message"]["idempotency_key"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "one key: {keys:?}");
    assert!(error.may_have_been_applied());
    assert_eq!(error.idempotency_key(), Some(keys[0].as_str()));
}

#[tokio::test]
async fn a_keyed_send_that_times_out_exposes_the_key_it_generated() {
    let server = RawServer::start(vec![Behaviour::Hang]).await;
    let error = client_for(&server.url)
        .chats()
        .messages()
        .send(common::CHAT_ID, send_params())
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(error.may_have_been_applied());
    let sent = server.requests()[0].json();
    let key = sent["message"]["idempotency_key"].as_str().unwrap();
    assert_eq!(error.idempotency_key(), Some(key));
    assert!(
        error.to_string().contains(key),
        "the message names it: {error}"
    );
}

#[tokio::test]
async fn a_success_whose_body_does_not_decode_was_applied() {
    let server = answering(
        "POST",
        ResponseTemplate::new(202).set_body_string("{\"unexpected\": true}"),
    )
    .await;
    let error = client_for(&server.uri())
        .chats()
        .messages()
        .send(common::CHAT_ID, send_params())
        .idempotency_key("order-42")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert!(error.may_have_been_applied(), "a 2xx means it was applied");
    assert_eq!(error.idempotency_key(), Some("order-42"));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_answer_that_refuses_the_request_says_it_was_not_applied() {
    for status in [400, 404, 409, 422, 429, 503] {
        let server = answering("POST", ResponseTemplate::new(status)).await;
        let error = add_participant(&client_for(&server.uri()))
            .max_retries(0)
            .await
            .unwrap_err();
        assert!(!error.may_have_been_applied(), "{status}: {error}");
    }
}

#[tokio::test]
async fn an_empty_retry_budget_fails_the_call_at_once_and_says_so() {
    let server = answering("GET", ResponseTemplate::new(500)).await;
    let budget = linq_api::RetryBudget::default().capacity(10);
    let client = Client::builder()
        .api_key("test-key")
        .base_url(server.uri())
        .retry_policy(
            RetryPolicy::default()
                .max_retries(5)
                .backoff(Duration::from_millis(1), Duration::from_millis(1))
                .retry_budget(budget),
        )
        .build()
        .unwrap();
    let error = client.chats().retrieve(common::CHAT_ID).await.unwrap_err();
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "10 tokens pay for two retries of 5"
    );
    assert_eq!(error.retry_withheld(), Some(RetryWithheld::BudgetExhausted));
    assert!(error.to_string().contains("retry budget"), "{error}");
    // The budget is the client's: a clone finds it empty too, and does not retry at all.
    let clone = client.clone();
    let _ = clone.chats().retrieve(common::CHAT_ID).await.unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}
