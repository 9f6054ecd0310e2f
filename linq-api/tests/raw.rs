//! Escape hatches: a raw request to any path, extra query parameters and body fields on any
//! request, and the raw body next to the decoded one. All go through the same sending as
//! generated calls: authentication, retries, never twice, errors.

mod common;

use linq_api::types::{MessageContent, MessageSendParams};
use linq_api::{Error, Method};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn a_raw_get_with_a_query_decodes_into_any_json() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .and(path("/v3/new_things"))
        .and(query_param("limit", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"things": [1, 2]})))
        .expect(1)
        .mount(&server)
        .await;
    let things: Value = common::client(&server)
        .raw(Method::GET, "/v3/new_things")
        .query("limit", 5)
        .await
        .unwrap();
    assert_eq!(things, json!({"things": [1, 2]}));
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        request.headers.get("authorization").unwrap(),
        "Bearer test-key"
    );
}

#[tokio::test]
async fn a_raw_post_with_a_json_body_is_not_repeated_once_it_may_have_been_applied() {
    let server = common::server().await;
    Mock::given(method("POST"))
        .and(path("/v3/new_things"))
        .and(body_json(json!({"name": "x"})))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let error = common::retrying_client(&server)
        .raw_json::<Value>(Method::POST, "/v3/new_things", &json!({"name": "x"}))
        .await
        .unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert!(error.may_have_been_applied(), "{error}");
    assert_eq!(
        error.endpoint().map(|e| e.to_string()).as_deref(),
        Some("POST /v3/new_things")
    );
}

#[tokio::test]
async fn a_raw_path_must_start_with_a_slash_and_carry_no_query() {
    let server = common::server().await;
    let client = common::client(&server);
    for bad in ["v3/chats", "/v3/chats?limit=2", "/v3/chats#top"] {
        let error = client.raw::<Value>(Method::GET, bad).await.unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(_)),
            "{bad}: {error:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_generated_request_takes_extra_query_parameters_and_body_fields() {
    let server = common::server().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(202)
                .set_body_json(common::fixture("responses/chats.messages.send.202.json")),
        )
        .mount(&server)
        .await;
    common::client(&server)
        .chats()
        .messages()
        .send(
            common::CHAT_ID,
            MessageSendParams::new(MessageContent::new(["hi"])),
        )
        .query("beta", "true")
        .body_field("new_flag", true)
        .body_field("tags", ["a", "b"])
        .await
        .unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.query(), Some("beta=true"));
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body["new_flag"], json!(true));
    assert_eq!(body["tags"], json!(["a", "b"]));
    assert_eq!(
        body["message"]["parts"][0]["value"],
        json!("hi"),
        "the typed body stays"
    );
    assert!(
        body["message"]["idempotency_key"].is_string(),
        "the key is still set"
    );
}

#[tokio::test]
async fn a_request_without_a_body_gets_one_of_its_extra_fields() {
    let server = common::server().await;
    Mock::given(method("POST"))
        .and(body_json(json!({"reason": "test"})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    common::client(&server)
        .chats()
        .typing()
        .start(common::CHAT_ID)
        .body_field("reason", "test")
        .await
        .unwrap();
}

#[tokio::test]
async fn send_with_response_gives_the_raw_body_next_to_the_decoded_one() {
    let server = common::server().await;
    let sent = json!({"things": [1], "a_field_the_sdk_does_not_know": "x"});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(sent.clone()))
        .mount(&server)
        .await;
    let response = common::client(&server)
        .raw::<Value>(Method::GET, "/v3/new_things")
        .send_with_response()
        .await
        .unwrap();
    let raw: Value = serde_json::from_slice(&response.raw_body).unwrap();
    assert_eq!(raw, sent);
    assert_eq!(response.body, sent);
}
