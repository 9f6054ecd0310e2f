//! Idempotency keys of the sending operations, as a caller sees them: a key given with
//! `idempotency_key` is sent verbatim; without one, each call gets its own UUID v4; a key
//! already set on the message content or with `header` is kept and never contradicted; and
//! the header and the body field always carry the same key.

mod common;

use linq_api::types::{ChatCreateParams, MessageContent, MessageCreateParams, MessageSendParams};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use uuid::Uuid;
use wiremock::matchers::{header, header_exists, header_regex, method, path};
use wiremock::{Mock, MockBuilder, MockServer, Request, ResponseTemplate};

/// A UUID v4 in its canonical lowercase, hyphenated form.
const UUID_V4: &str = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

/// A mock for `verb url_path` with a JSON body and the headers every request carries.
fn api_json(verb: &str, url_path: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(url_path))
        .and(header("authorization", "Bearer test-key"))
        .and(header("content-type", "application/json"))
}

/// A success response carrying the JSON fixture `responses/<name>`.
fn respond(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(common::fixture(&format!("responses/{name}")))
}

/// The request fixture `requests/<name>`.
fn request_fixture(name: &str) -> Value {
    common::fixture(&format!("requests/{name}"))
}

/// The request fixture `requests/<name>`, decoded into the params type.
fn params<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_value(request_fixture(name)).expect("the request fixture decodes")
}

/// The one request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("the mock server records requests");
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {requests:#?}"
    );
    requests.remove(0)
}

/// The JSON body of a received request.
fn body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("a JSON body")
}

/// The value of a header of a received request.
fn header_value<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("an ASCII header value"))
}

/// Asserts that `key` is a UUID v4 in canonical form and returns it parsed.
fn assert_uuid_v4(key: &str) -> Uuid {
    let uuid = Uuid::parse_str(key).unwrap_or_else(|e| panic!("`{key}` is not a UUID: {e}"));
    assert_eq!(uuid.get_version_num(), 4, "`{key}` is not a version 4 UUID");
    assert_eq!(
        key,
        uuid.hyphenated().to_string(),
        "`{key}` is not in canonical form"
    );
    uuid
}

fn chat_create_params() -> ChatCreateParams {
    params("chats.create.json")
}

fn message_send_params() -> MessageSendParams {
    params("chats.messages.send.json")
}

fn message_create_params() -> MessageCreateParams {
    params("messages.create.json")
}

/// A server whose `POST /v3/messages` answers once, with its documented 202.
async fn messages_create_server() -> MockServer {
    let server = common::server().await;
    api_json("POST", "/v3/messages")
        .respond_with(respond(202, "messages.create.202.json"))
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// The `messages.create` fixture's message, with `key` set on its content.
fn params_with_content_key(key: &str) -> MessageCreateParams {
    MessageCreateParams::new(
        MessageContent::new(["Hi! Thanks for reaching out — how can we help?"])
            .idempotency_key(key),
        ["+14155559876"],
    )
}

/// `fixture` with `message.idempotency_key` set to `key`.
fn with_body_key(mut fixture: Value, key: &str) -> Value {
    fixture["message"]["idempotency_key"] = json!(key);
    fixture
}

/// `body` without `message.idempotency_key`, and that key.
fn split_body_key(mut body: Value) -> (Value, Option<String>) {
    let key = body
        .get_mut("message")
        .and_then(Value::as_object_mut)
        .and_then(|m| m.remove("idempotency_key"))
        .map(|k| {
            k.as_str()
                .expect("the idempotency key is a string")
                .to_owned()
        });
    (body, key)
}

// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn messages_create_sends_an_explicit_idempotency_key_verbatim_in_the_header() {
    let key = "Order #42: retry/1 (same key)";
    let server = common::server().await;
    api_json("POST", "/v3/messages")
        .and(header_exists("idempotency-key"))
        .respond_with(respond(202, "messages.create.202.json"))
        .expect(1)
        .mount(&server)
        .await;

    common::client(&server)
        .messages()
        .create(message_create_params())
        .idempotency_key(key)
        .await
        .expect("messages.create succeeds");

    let request = only_request(&server).await;
    assert_eq!(header_value(&request, "idempotency-key"), Some(key));
    assert_eq!(request.headers.get_all("idempotency-key").iter().count(), 1);
    assert_eq!(
        body(&request),
        with_body_key(request_fixture("messages.create.json"), key)
    );
}

#[tokio::test]
async fn messages_create_generates_a_fresh_uuid_v4_idempotency_key_header_when_none_is_given() {
    let server = common::server().await;
    api_json("POST", "/v3/messages")
        .and(header_regex("idempotency-key", UUID_V4))
        .respond_with(respond(202, "messages.create.202.json"))
        .expect(2)
        .mount(&server)
        .await;

    let client = common::client(&server);
    for _ in 0..2 {
        client
            .messages()
            .create(message_create_params())
            .await
            .expect("messages.create succeeds");
    }

    let requests = server
        .received_requests()
        .await
        .expect("requests are recorded");
    assert_eq!(requests.len(), 2);
    let keys: Vec<Uuid> = requests
        .iter()
        .map(|r| assert_uuid_v4(header_value(r, "idempotency-key").expect("an idempotency key")))
        .collect();
    assert_ne!(keys[0], keys[1], "each call gets its own key");
    for (request, key) in requests.iter().zip(&keys) {
        assert_eq!(
            body(request),
            with_body_key(request_fixture("messages.create.json"), &key.to_string())
        );
    }
}

#[tokio::test]
async fn chats_messages_send_sends_an_explicit_idempotency_key_verbatim_in_the_body() {
    let key = "Order #42: retry/1 (same key) ✓";
    let server = common::server().await;
    api_json("POST", &format!("/v3/chats/{}/messages", common::CHAT_ID))
        .respond_with(respond(202, "chats.messages.send.202.json"))
        .expect(1)
        .mount(&server)
        .await;

    common::client(&server)
        .chats()
        .messages()
        .send(common::CHAT_ID, message_send_params())
        .idempotency_key(key)
        .await
        .expect("chats.messages.send succeeds");

    let request = only_request(&server).await;
    let (rest, sent_key) = split_body_key(body(&request));
    assert_eq!(sent_key.as_deref(), Some(key));
    assert_eq!(rest, request_fixture("chats.messages.send.json"));
    assert_eq!(header_value(&request, "idempotency-key"), None);
}

#[tokio::test]
async fn chats_messages_send_generates_a_fresh_uuid_v4_idempotency_key_in_the_body_when_none_is_given(
) {
    let server = common::server().await;
    api_json("POST", &format!("/v3/chats/{}/messages", common::CHAT_ID))
        .respond_with(respond(202, "chats.messages.send.202.json"))
        .expect(2)
        .mount(&server)
        .await;

    let client = common::client(&server);
    for _ in 0..2 {
        client
            .chats()
            .messages()
            .send(common::CHAT_ID, message_send_params())
            .await
            .expect("chats.messages.send succeeds");
    }

    let requests = server
        .received_requests()
        .await
        .expect("requests are recorded");
    assert_eq!(requests.len(), 2);
    let mut keys = Vec::new();
    for request in &requests {
        let (rest, key) = split_body_key(body(request));
        assert_eq!(rest, request_fixture("chats.messages.send.json"));
        keys.push(assert_uuid_v4(
            &key.expect("message.idempotency_key is set"),
        ));
        assert_eq!(header_value(request, "idempotency-key"), None);
    }
    assert_ne!(keys[0], keys[1], "each call gets its own key");
}

#[tokio::test]
async fn chats_create_generates_a_uuid_v4_message_idempotency_key_when_none_is_given() {
    let server = common::server().await;
    api_json("POST", "/v3/chats")
        .respond_with(respond(201, "chats.create.201.json"))
        .expect(1)
        .mount(&server)
        .await;

    common::client(&server)
        .chats()
        .create(chat_create_params())
        .await
        .expect("chats.create succeeds");

    let (rest, key) = split_body_key(body(&only_request(&server).await));
    assert_eq!(rest, request_fixture("chats.create.json"));
    assert_uuid_v4(&key.expect("message.idempotency_key is set"));
}

#[tokio::test]
async fn chats_messages_send_keeps_an_idempotency_key_set_on_the_message_content() {
    let server = common::server().await;
    api_json("POST", &format!("/v3/chats/{}/messages", common::CHAT_ID))
        .respond_with(respond(202, "chats.messages.send.202.json"))
        .expect(1)
        .mount(&server)
        .await;

    let params = MessageSendParams::new(
        MessageContent::new(["Hello, world!"]).idempotency_key("content-key-7"),
    );
    common::client(&server)
        .chats()
        .messages()
        .send(common::CHAT_ID, params)
        .await
        .expect("chats.messages.send succeeds");

    assert_eq!(
        body(&only_request(&server).await),
        with_body_key(request_fixture("chats.messages.send.json"), "content-key-7")
    );
}

#[tokio::test]
async fn messages_create_does_not_contradict_an_idempotency_key_set_on_the_message_content() {
    // `POST /v3/messages` takes the key in the `Idempotency-Key` header "or
    // `message.idempotency_key` in the body". A caller who sets only the body field must not
    // get a second, random key in the header: the server would see two different keys, and
    // a retry of the same message by the caller would carry a new header key each time.
    let server = messages_create_server().await;

    let params = params_with_content_key("content-key-7");
    common::client(&server)
        .messages()
        .create(params)
        .await
        .expect("messages.create succeeds");

    let request = only_request(&server).await;
    assert_eq!(
        body(&request),
        with_body_key(request_fixture("messages.create.json"), "content-key-7")
    );
    let header_key = header_value(&request, "idempotency-key");
    assert!(
        header_key.is_none() || header_key == Some("content-key-7"),
        "the body carries message.idempotency_key `content-key-7` but the SDK sent the \
         conflicting header Idempotency-Key: {header_key:?}"
    );
}

#[tokio::test]
async fn messages_create_keeps_an_idempotency_key_header_set_with_request_header() {
    // `Request::header` "adds a header to this request (replacing one of the same name)";
    // a caller's own `Idempotency-Key` must not be replaced by a generated one.
    let server = messages_create_server().await;

    common::client(&server)
        .messages()
        .create(message_create_params())
        .header("Idempotency-Key", "header-key-9")
        .await
        .expect("messages.create succeeds");

    let request = only_request(&server).await;
    let keys: Vec<&str> = request
        .headers
        .get_all("idempotency-key")
        .iter()
        .map(|v| v.to_str().expect("an ASCII header value"))
        .collect();
    assert_eq!(
        keys,
        ["header-key-9"],
        "the caller's Idempotency-Key header was replaced"
    );
}

#[tokio::test]
async fn two_different_idempotency_keys_are_refused_before_anything_is_sent() {
    // A header key and a different body key: one would silently win over the other.
    let server = common::server().await;
    let params = params_with_content_key("body-key-1");
    let error = common::client(&server)
        .messages()
        .create(params)
        .header("Idempotency-Key", "header-key-2")
        .await
        .unwrap_err();
    assert!(
        matches!(&error, linq_api::Error::InvalidRequest(m)
            if m.contains("body-key-1") && m.contains("header-key-2")),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_same_key_in_the_header_and_the_body_is_sent_in_both() {
    let server = messages_create_server().await;
    let params = params_with_content_key("same-key");
    common::client(&server)
        .messages()
        .create(params)
        .header("Idempotency-Key", "same-key")
        .await
        .expect("one key, given twice, is fine");
    let request = only_request(&server).await;
    assert_eq!(header_value(&request, "idempotency-key"), Some("same-key"));
    assert_eq!(body(&request)["message"]["idempotency_key"], "same-key");
}
