//! Error responses become `Error::Api` with the status's kind and the envelope's fields.

mod common;

use std::time::Duration;

use common::raw::Behaviour;
use linq_api::{Client, Error, ErrorKind, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Answers `GET /v3/chats/{id}` with `status` and `body`, and returns the error of the call.
async fn error_for(status: u16, body: serde_json::Value) -> Error {
    let response = ResponseTemplate::new(status)
        .set_body_json(body)
        .insert_header("x-request-id", "req_123");
    error_from(response).await.0
}

/// Answers `GET /v3/chats/{id}` with `response`; the error of the call, and the server.
async fn error_from(response: ResponseTemplate) -> (Error, MockServer) {
    let server = common::server().await;
    Mock::given(method("GET"))
        .and(path(format!("/v3/chats/{}", common::CHAT_ID)))
        .respond_with(response)
        .mount(&server)
        .await;
    let error = common::client(&server)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .expect_err("an error status is an error");
    (error, server)
}

#[tokio::test]
async fn every_documented_error_status_maps_to_its_kind_with_code_message_and_doc_url() {
    let cases = [
        ("messages.update_app_card.400.json", ErrorKind::BadRequest),
        (
            "messages.update_app_card.401.json",
            ErrorKind::Authentication,
        ),
        (
            "messages.update_app_card.403.json",
            ErrorKind::PermissionDenied,
        ),
        ("messages.update_app_card.404.json", ErrorKind::NotFound),
        ("messages.update_app_card.409.json", ErrorKind::Conflict),
        (
            "messages.update_app_card.500.json",
            ErrorKind::InternalServer,
        ),
        ("messages.create.400.json", ErrorKind::BadRequest),
        ("messages.create.401.json", ErrorKind::Authentication),
        ("messages.create.403.json", ErrorKind::PermissionDenied),
        ("messages.create.409.json", ErrorKind::Conflict),
        ("messages.create.500.json", ErrorKind::InternalServer),
    ];
    for (file, kind) in cases {
        let body = common::fixture(&format!("responses/{file}"));
        let envelope = &body["error"];
        let status = envelope["status"].as_u64().expect("status") as u16;
        let error = error_for(status, body.clone()).await;
        let api = error
            .api()
            .unwrap_or_else(|| panic!("{file}: not an API error: {error}"));
        assert_eq!(api.status.as_u16(), status, "{file}");
        assert_eq!(api.kind, kind, "{file}");
        assert_eq!(api.code, envelope["code"].as_i64(), "{file}");
        assert_eq!(
            api.message.as_deref(),
            envelope["message"].as_str(),
            "{file}"
        );
        assert_eq!(
            api.doc_url.as_deref(),
            envelope["doc_url"].as_str(),
            "{file}"
        );
        assert_eq!(error.request_id(), Some("req_123"), "{file}");
    }
}

#[tokio::test]
async fn the_error_message_says_what_and_where() {
    let body = common::fixture("responses/messages.update_app_card.409.json");
    let error = error_for(409, body).await;
    let text = error.to_string();
    assert!(
        text.starts_with("GET /v3/chats/{chatId} returned 409 Conflict (code "),
        "{text}"
    );
    assert!(text.contains("[request id req_123]"), "{text}");
}

#[tokio::test]
async fn other_statuses_have_their_own_kinds() {
    for (status, kind) in [
        (422, ErrorKind::UnprocessableEntity),
        (429, ErrorKind::RateLimited),
        (418, ErrorKind::Other),
    ] {
        let error = error_for(
            status,
            serde_json::json!({"error": {"status": status, "code": 1, "message": "m"}}),
        )
        .await;
        assert_eq!(error.kind(), Some(kind), "{status}");
    }
}

#[tokio::test]
async fn a_body_that_is_not_an_envelope_keeps_the_raw_body() {
    let response = ResponseTemplate::new(502).set_body_string("<html>Bad gateway</html>");
    let (error, _server) = error_from(response).await;
    let api = error.api().expect("an API error");
    assert_eq!(api.kind, ErrorKind::InternalServer);
    assert_eq!(api.code, None);
    assert_eq!(api.body, "<html>Bad gateway</html>");
}

#[tokio::test]
async fn a_missing_api_key_is_a_configuration_error() {
    let error = linq_api::Client::builder().build().unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert!(error.to_string().contains("LINQ_API_V3_API_KEY"), "{error}");
}

#[tokio::test]
async fn the_api_key_never_appears_in_debug_or_display_output() {
    let client = linq_api::Client::new("sk_live_secret").unwrap();
    assert!(!format!("{client:?}").contains("sk_live_secret"));
    let builder = linq_api::Client::builder().api_key("sk_live_secret");
    assert!(!format!("{builder:?}").contains("sk_live_secret"));
    let request = client.chats().retrieve(common::CHAT_ID);
    assert!(!format!("{request:?}").contains("sk_live_secret"));
}

#[tokio::test]
async fn an_api_error_tells_the_wait_the_server_asked_for() {
    let server = common::server().await;
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .respond_with(wiremock::ResponseTemplate::new(429).insert_header("retry-after", "42"))
        .mount(&server)
        .await;
    let error = common::client(&server)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap_err();
    let wait = error.api().and_then(|api| api.retry_after());
    assert_eq!(wait, Some(std::time::Duration::from_secs(42)));
}

#[tokio::test]
async fn an_answer_that_is_not_the_error_envelope_says_where_it_came_from_and_what_it_was() {
    // A wrong base URL, or a proxy's own error page: not the API's envelope.
    let response = ResponseTemplate::new(404)
        .set_body_string("<html><body><h1>404 Not Found</h1>\n</body></html>");
    let (error, server) = error_from(response).await;
    let text = error.to_string();
    let url = format!("{}/v3/chats/{}", server.uri(), common::CHAT_ID);
    assert!(text.contains(&format!("from {url}")), "{text}");
    assert!(
        text.contains("body starts with: <html><body><h1>404 Not Found</h1> </body></html>"),
        "{text}"
    );
}

#[tokio::test]
async fn an_error_envelope_needs_no_url_or_body_in_the_message() {
    let error = error_for(
        404,
        serde_json::json!({"error": {"status": 404, "code": 1004, "message": "Chat not found"}}),
    )
    .await;
    let text = error.to_string();
    assert!(text.contains("Chat not found"), "{text}");
    assert!(!text.contains("body starts with"), "{text}");
}

#[tokio::test]
async fn a_timeout_says_how_many_attempts_ran_out_of_time() {
    let server = common::raw::RawServer::start(vec![Behaviour::Hang]).await;
    let error = Client::builder()
        .api_key("test-key")
        .base_url(&server.url)
        .timeout(Duration::from_millis(100))
        .retry_policy(
            RetryPolicy::default()
                .max_retries(2)
                .backoff(Duration::from_millis(1), Duration::from_millis(1)),
        )
        .build()
        .unwrap()
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("3 attempts of 100ms"), "{error}");
}
