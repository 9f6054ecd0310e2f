//! One test per operation of the API: each checks the request the SDK sends (method, path,
//! query, headers, exact JSON body) against a mock server, and the decoding of the example
//! response. A few more tests cover the idempotency keys of the sending operations.

mod common;

use jiff::Timestamp;
use linq_api::types::{
    AcceptedResponse, Chat, ChatCreateParams, ChatCreateResponse, ChatHandleStatus,
    ChatListChatsParams, ChatListChatsResponse, ChatSendVoicememoParams, ChatSendVoicememoResponse,
    ChatUpdateParams, ChatUpdateResponse, IMessageAppLayout, MessageContent, MessageContentPart,
    MessageCreateParams, MessageCreateResponse, MessageCreateResponseFromSelectionReason,
    MessageListParams, MessageListResponse, MessagePartResponse, MessageSendParams,
    MessageSendResponse, MessageUpdateAppCardParams, ParticipantRequest, SentMessageDeliveryStatus,
    ServiceType, TextPart,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use uuid::Uuid;
use wiremock::matchers::{header, header_exists, header_regex, method, path, query_param};
use wiremock::{Mock, MockBuilder, MockServer, Request, ResponseTemplate};

/// The message id the docs use in their examples.
const MESSAGE_ID: &str = "69a37c7d-af4f-4b5e-af42-e28e98ce873a";
/// The chat id of the chats.create, chats.messages.list and messages.create examples.
const CREATED_CHAT_ID: &str = "94c6bf33-31d9-40e3-a0e9-f94250ecedb9";
/// A UUID v4 in its canonical lowercase, hyphenated form.
const UUID_V4: &str = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// A mock for `verb url_path` that also requires the headers every request carries.
fn api(verb: &str, url_path: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(url_path))
        .and(header("authorization", "Bearer test-key"))
        .and(header_regex("user-agent", r"^linq-api-rust/"))
}

/// [`api`] for a request with a JSON body.
fn api_json(verb: &str, url_path: &str) -> MockBuilder {
    api(verb, url_path).and(header("content-type", "application/json"))
}

/// A success response carrying the JSON fixture `responses/<name>`.
fn respond(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(common::fixture(&format!("responses/{name}")))
}

/// The response fixture `responses/<name>` decoded as `T`, to compare a whole result with.
fn expected<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_value(common::fixture(&format!("responses/{name}")))
        .unwrap_or_else(|e| panic!("fixture responses/{name} does not decode: {e}"))
}

/// The request fixture `requests/<name>`.
fn request_fixture(name: &str) -> Value {
    common::fixture(&format!("requests/{name}"))
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
    serde_json::from_slice(&request.body).unwrap_or_else(|e| {
        panic!(
            "the request body is not JSON ({e}): {:?}",
            String::from_utf8_lossy(&request.body)
        )
    })
}

/// The value of a header of a received request.
fn header_value<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("an ASCII header value"))
}

/// The query pairs of a received request, decoded and sorted.
fn query_pairs(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    pairs.sort();
    pairs
}

/// Asserts that a request carried no body and no content type (operations without a body).
fn assert_no_body(request: &Request) {
    assert!(
        request.body.is_empty(),
        "expected no body, got {:?}",
        String::from_utf8_lossy(&request.body)
    );
    assert_eq!(header_value(request, "content-type"), None);
    assert_eq!(request.url.query(), None, "expected no query string");
}

/// Asserts that `key` is a UUID v4 and returns it parsed.
fn assert_uuid_v4(key: &str) -> Uuid {
    let uuid = Uuid::parse_str(key).unwrap_or_else(|e| panic!("`{key}` is not a UUID: {e}"));
    assert_eq!(uuid.get_version_num(), 4, "`{key}` is not a version 4 UUID");
    assert_eq!(
        uuid.get_variant(),
        uuid::Variant::RFC4122,
        "`{key}` is not an RFC 4122 UUID"
    );
    assert_eq!(
        key,
        uuid.hyphenated().to_string(),
        "`{key}` is not in canonical form"
    );
    uuid
}

fn uuid(s: &str) -> Uuid {
    Uuid::parse_str(s).expect("a UUID")
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("a timestamp")
}

fn text(value: &str) -> MessageContentPart {
    TextPart::new(value).into()
}

/// The params of `requests/chats.create.json`.
fn chat_create_params() -> ChatCreateParams {
    ChatCreateParams::new(
        "+12052535597",
        MessageContent::new(vec![text("Hello! How can I help you today?")]),
        vec!["+12052532136".to_owned()],
    )
}

/// The params of `requests/chats.messages.send.json`.
fn message_send_params() -> MessageSendParams {
    MessageSendParams::new(MessageContent::new(vec![text("Hello, world!")]))
}

/// The params of `requests/messages.create.json`.
fn message_create_params() -> MessageCreateParams {
    MessageCreateParams::new(
        MessageContent::new(vec![text("Hi! Thanks for reaching out — how can we help?")]),
        vec!["+14155559876".to_owned()],
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
// chats
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn chats_create_posts_the_params_as_json_and_decodes_the_created_chat() {
    let server = common::server().await;
    api_json("POST", "/v3/chats")
        .respond_with(respond(201, "chats.create.201.json"))
        .expect(1)
        .mount(&server)
        .await;

    let created = common::client(&server)
        .chats()
        .create(chat_create_params())
        .idempotency_key("key-1")
        .await
        .expect("chats.create succeeds");

    let request = only_request(&server).await;
    assert_eq!(
        body(&request),
        with_body_key(request_fixture("chats.create.json"), "key-1")
    );
    assert_eq!(
        header_value(&request, "idempotency-key"),
        None,
        "the key goes in the body"
    );

    let chat = &created.chat;
    assert_eq!(chat.id, uuid(CREATED_CHAT_ID));
    assert_eq!(
        chat.display_name.as_deref(),
        Some("+14155551234, +14155559876")
    );
    assert_eq!(chat.handles.len(), 2);
    assert_eq!(chat.handles[0].handle, "+14155551234");
    assert_eq!(chat.handles[0].is_me, Some(true));
    assert_eq!(chat.handles[1].status, Some(ChatHandleStatus::Active));
    assert!(!chat.is_group);
    assert_eq!(chat.service, ServiceType::IMessage);
    assert_eq!(chat.message.id, uuid(MESSAGE_ID));
    assert_eq!(
        chat.message.delivery_status,
        SentMessageDeliveryStatus::Pending
    );
    assert_eq!(chat.message.created_at, ts("2025-10-23T18:07:55.019Z"));
    assert_eq!(chat.message.sent_at, None);
    assert_eq!(chat.message.parts.len(), 1);
    assert_eq!(chat.health_score.as_ref().map(|h| h.score), Some(35.0));
    assert_eq!(
        created,
        expected::<ChatCreateResponse>("chats.create.201.json")
    );
}

#[tokio::test]
async fn chats_list_chats_sends_every_filter_as_a_query_parameter_and_returns_a_page() {
    let server = common::server().await;
    api("GET", "/v3/chats")
        .and(query_param("from", "+12052535597"))
        .and(query_param("to", "user@example.com"))
        .and(query_param("limit", "50"))
        .and(query_param("cursor", "cursor-20"))
        .respond_with(respond(200, "chats.list_chats.200.json"))
        .expect(1)
        .mount(&server)
        .await;

    let params = ChatListChatsParams::new()
        .from("+12052535597")
        .to("user@example.com")
        .limit(50)
        .cursor("cursor-20");
    let page = common::client(&server)
        .chats()
        .list_chats(params)
        .await
        .expect("chats.list_chats succeeds");

    let request = only_request(&server).await;
    assert_eq!(
        query_pairs(&request),
        [
            ("cursor", "cursor-20"),
            ("from", "+12052535597"),
            ("limit", "50"),
            ("to", "user@example.com"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    // A raw `+` would mean a space in a query string: it must go out escaped.
    let raw = request.url.query().expect("a query string");
    assert!(
        raw.contains("from=%2B12052535597"),
        "`+` is not escaped in {raw}"
    );
    assert!(request.body.is_empty(), "a GET carries no body");
    assert_eq!(header_value(&request, "content-type"), None);

    assert_eq!(page.chats.len(), 1);
    assert_eq!(page.items().len(), 1);
    let chat = &page.chats[0];
    assert_eq!(chat.id, uuid(common::CHAT_ID));
    assert_eq!(chat.handles.len(), 2);
    assert!(chat.is_archived);
    assert!(chat.is_group);
    assert_eq!(chat.created_at, ts("2024-01-15T10:30:00Z"));
    assert_eq!(chat.service, Some(ServiceType::IMessage));
    assert_eq!(page.next_cursor.as_deref(), Some("next_cursor"));
    assert_eq!(page.next_cursor(), Some("next_cursor"));
    assert!(page.has_next_page());
    assert_eq!(
        page.into_response(),
        expected::<ChatListChatsResponse>("chats.list_chats.200.json")
    );
}

#[tokio::test]
async fn chats_retrieve_gets_the_chat_by_id() {
    let server = common::server().await;
    api("GET", &format!("/v3/chats/{}", common::CHAT_ID))
        .respond_with(respond(200, "chats.retrieve.200.json"))
        .expect(1)
        .mount(&server)
        .await;

    let chat = common::client(&server)
        .chats()
        .retrieve(uuid(common::CHAT_ID))
        .await
        .expect("chats.retrieve succeeds");

    assert_no_body(&only_request(&server).await);
    assert_eq!(chat.id, uuid(common::CHAT_ID));
    assert_eq!(chat.handles.len(), 2);
    assert_eq!(
        chat.handles[1].id,
        uuid("550e8400-e29b-41d4-a716-446655440011")
    );
    assert_eq!(chat.handles[1].joined_at, ts("2025-05-21T15:30:00Z"));
    assert!(chat.is_archived);
    assert_eq!(chat.updated_at, ts("2024-01-15T10:30:00Z"));
    assert_eq!(
        chat.health_score.as_ref().map(|h| h.reason.as_str()),
        Some("Not enough engagement")
    );
    assert_eq!(chat, expected::<Chat>("chats.retrieve.200.json"));
}

#[tokio::test]
async fn chats_update_puts_the_changed_fields_as_json() {
    let server = common::server().await;
    api_json("PUT", &format!("/v3/chats/{}", common::CHAT_ID))
        .respond_with(respond(200, "chats.update.200.json"))
        .expect(1)
        .mount(&server)
        .await;

    let updated = common::client(&server)
        .chats()
        .update(
            common::CHAT_ID,
            ChatUpdateParams::new().display_name("Team Discussion"),
        )
        .await
        .expect("chats.update succeeds");

    assert_eq!(
        body(&only_request(&server).await),
        request_fixture("chats.update.json")
    );
    assert_eq!(updated.chat_id, Some(uuid(common::CHAT_ID)));
    assert_eq!(updated.status.as_deref(), Some("pending"));
    assert_eq!(
        updated,
        expected::<ChatUpdateResponse>("chats.update.200.json")
    );
}

#[tokio::test]
async fn chats_mark_as_read_posts_without_a_body_and_accepts_204() {
    let server = common::server().await;
    api("POST", &format!("/v3/chats/{}/read", common::CHAT_ID))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let response = common::client(&server)
        .chats()
        .mark_as_read(common::CHAT_ID)
        .send_with_response()
        .await
        .expect("chats.mark_as_read succeeds");

    assert_no_body(&only_request(&server).await);
    assert_eq!(response.status.as_u16(), 204);
    let () = response.into_body();
}

#[tokio::test]
async fn chats_leave_chat_posts_without_a_body_and_decodes_the_acknowledgement() {
    let server = common::server().await;
    api("POST", &format!("/v3/chats/{}/leave", common::CHAT_ID))
        .respond_with(respond(202, "chats.leave_chat.202.json"))
        .expect(1)
        .mount(&server)
        .await;

    let accepted = common::client(&server)
        .chats()
        .leave_chat(common::CHAT_ID)
        .await
        .expect("chats.leave_chat succeeds");

    assert_no_body(&only_request(&server).await);
    assert_eq!(accepted.status.as_deref(), Some("accepted"));
    assert_eq!(accepted.message.as_deref(), Some("Leave group chat queued"));
    assert_eq!(accepted.trace_id.as_deref(), Some("trace_id"));
    assert_eq!(
        accepted,
        expected::<AcceptedResponse>("chats.leave_chat.202.json")
    );
}

#[tokio::test]
async fn chats_share_contact_card_posts_without_a_body_and_accepts_204() {
    let server = common::server().await;
    api(
        "POST",
        &format!("/v3/chats/{}/share_contact_card", common::CHAT_ID),
    )
    .respond_with(ResponseTemplate::new(204))
    .expect(1)
    .mount(&server)
    .await;

    let response = common::client(&server)
        .chats()
        .share_contact_card(common::CHAT_ID)
        .send_with_response()
        .await
        .expect("chats.share_contact_card succeeds");

    assert_no_body(&only_request(&server).await);
    assert_eq!(response.status.as_u16(), 204);
    let () = response.into_body();
}

#[tokio::test]
async fn chats_send_voicememo_posts_the_audio_url_and_decodes_the_voice_memo() {
    let server = common::server().await;
    api_json("POST", &format!("/v3/chats/{}/voicememo", common::CHAT_ID))
        .respond_with(respond(202, "chats.send_voicememo.202.json"))
        .expect(1)
        .mount(&server)
        .await;

    let params =
        ChatSendVoicememoParams::new().voice_memo_url("https://example.com/voice-memo.m4a");
    let sent = common::client(&server)
        .chats()
        .send_voicememo(common::CHAT_ID, params)
        .await
        .expect("chats.send_voicememo succeeds");

    assert_eq!(
        body(&only_request(&server).await),
        request_fixture("chats.send_voicememo.json")
    );
    let memo = &sent.voice_memo;
    assert_eq!(memo.id, uuid(MESSAGE_ID));
    assert_eq!(memo.status, "queued");
    assert_eq!(memo.from, "+12052535597");
    assert_eq!(memo.to, ["+12052532136"]);
    assert_eq!(memo.chat.id, uuid("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"));
    assert_eq!(memo.chat.handles.len(), 1);
    assert!(memo.chat.is_active);
    assert_eq!(memo.voice_memo.filename, "voice-memo.m4a");
    assert_eq!(memo.voice_memo.size_bytes, 524_288);
    assert_eq!(memo.voice_memo.duration_ms, Some(15_000));
    assert_eq!(memo.service, Some(ServiceType::IMessage));
    assert_eq!(
        sent,
        expected::<ChatSendVoicememoResponse>("chats.send_voicememo.202.json")
    );
}

// ---------------------------------------------------------------------------------------
// chats.participants
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn chats_participants_add_posts_the_handle_as_json() {
    let server = common::server().await;
    api_json(
        "POST",
        &format!("/v3/chats/{}/participants", common::CHAT_ID),
    )
    .respond_with(respond(202, "chats.participants.add.202.json"))
    .expect(1)
    .mount(&server)
    .await;

    let accepted = common::client(&server)
        .chats()
        .participants()
        .add(common::CHAT_ID, ParticipantRequest::new("+12052499136"))
        .await
        .expect("chats.participants.add succeeds");

    assert_eq!(
        body(&only_request(&server).await),
        request_fixture("chats.participants.add.json")
    );
    assert_eq!(accepted.status.as_deref(), Some("accepted"));
    assert_eq!(
        accepted.message.as_deref(),
        Some("Participant addition queued")
    );
    assert_eq!(
        accepted,
        expected::<AcceptedResponse>("chats.participants.add.202.json")
    );
}

#[tokio::test]
async fn chats_participants_remove_sends_a_delete_with_the_handle_as_json() {
    let server = common::server().await;
    api_json(
        "DELETE",
        &format!("/v3/chats/{}/participants", common::CHAT_ID),
    )
    .respond_with(respond(202, "chats.participants.remove.202.json"))
    .expect(1)
    .mount(&server)
    .await;

    let accepted = common::client(&server)
        .chats()
        .participants()
        .remove(common::CHAT_ID, ParticipantRequest::new("+12052499136"))
        .await
        .expect("chats.participants.remove succeeds");

    assert_eq!(
        body(&only_request(&server).await),
        request_fixture("chats.participants.remove.json")
    );
    assert_eq!(accepted.status.as_deref(), Some("accepted"));
    assert_eq!(
        accepted.message.as_deref(),
        Some("Participant removal queued")
    );
    assert_eq!(
        accepted,
        expected::<AcceptedResponse>("chats.participants.remove.202.json")
    );
}

// ---------------------------------------------------------------------------------------
// chats.typing
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn chats_typing_start_posts_without_a_body_and_accepts_204() {
    let server = common::server().await;
    api("POST", &format!("/v3/chats/{}/typing", common::CHAT_ID))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let response = common::client(&server)
        .chats()
        .typing()
        .start(common::CHAT_ID)
        .send_with_response()
        .await
        .expect("chats.typing.start succeeds");

    assert_no_body(&only_request(&server).await);
    assert_eq!(response.status.as_u16(), 204);
    let () = response.into_body();
}

#[tokio::test]
async fn chats_typing_stop_sends_a_delete_without_a_body_and_accepts_204() {
    let server = common::server().await;
    api("DELETE", &format!("/v3/chats/{}/typing", common::CHAT_ID))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let response = common::client(&server)
        .chats()
        .typing()
        .stop(common::CHAT_ID)
        .send_with_response()
        .await
        .expect("chats.typing.stop succeeds");

    assert_no_body(&only_request(&server).await);
    assert_eq!(response.status.as_u16(), 204);
    let () = response.into_body();
}

// ---------------------------------------------------------------------------------------
// chats.messages
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn chats_messages_send_posts_the_message_as_json_and_decodes_the_sent_message() {
    let server = common::server().await;
    api_json("POST", &format!("/v3/chats/{}/messages", common::CHAT_ID))
        .respond_with(respond(202, "chats.messages.send.202.json"))
        .expect(1)
        .mount(&server)
        .await;

    let sent = common::client(&server)
        .chats()
        .messages()
        .send(common::CHAT_ID, message_send_params())
        .idempotency_key("key-1")
        .await
        .expect("chats.messages.send succeeds");

    let request = only_request(&server).await;
    assert_eq!(
        body(&request),
        with_body_key(request_fixture("chats.messages.send.json"), "key-1")
    );
    assert_eq!(
        header_value(&request, "idempotency-key"),
        None,
        "the key goes in the body"
    );

    assert_eq!(sent.chat_id, uuid(common::CHAT_ID));
    assert_eq!(sent.message.id, uuid(MESSAGE_ID));
    assert_eq!(
        sent.message.delivery_status,
        SentMessageDeliveryStatus::Pending
    );
    assert_eq!(sent.message.parts.len(), 1);
    match &sent.message.parts[0] {
        MessagePartResponse::Text(part) => {
            assert_eq!(part.value, "Hello!");
            assert_eq!(part.reactions.as_ref().map(Vec::len), Some(1));
        }
        other => panic!("expected a text part, got {other:?}"),
    }
    assert_eq!(
        sent.message.reply_to.as_ref().map(|r| r.message_id),
        Some(uuid(common::CHAT_ID))
    );
    assert_eq!(
        sent,
        expected::<MessageSendResponse>("chats.messages.send.202.json")
    );
}

#[tokio::test]
async fn chats_messages_list_sends_cursor_and_limit_and_returns_a_page() {
    let server = common::server().await;
    api("GET", &format!("/v3/chats/{}/messages", common::CHAT_ID))
        .and(query_param("cursor", "cursor-40"))
        .and(query_param("limit", "25"))
        .respond_with(respond(200, "chats.messages.list.200.json"))
        .expect(1)
        .mount(&server)
        .await;

    let page = common::client(&server)
        .chats()
        .messages()
        .list(
            common::CHAT_ID,
            MessageListParams::new().cursor("cursor-40").limit(25),
        )
        .await
        .expect("chats.messages.list succeeds");

    let request = only_request(&server).await;
    assert_eq!(
        query_pairs(&request),
        [("cursor", "cursor-40"), ("limit", "25")].map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert!(request.body.is_empty(), "a GET carries no body");
    assert_eq!(header_value(&request, "content-type"), None);

    assert_eq!(page.messages.len(), 1);
    let message = &page.messages[0];
    assert_eq!(message.id, uuid(MESSAGE_ID));
    assert_eq!(message.chat_id, uuid(CREATED_CHAT_ID));
    assert!(message.is_from_me);
    assert!(message.is_delivered);
    assert!(!message.is_read);
    assert_eq!(message.sent_at, Some(ts("2024-01-15T10:30:05Z")));
    assert_eq!(message.parts.as_ref().map(Vec::len), Some(1));
    assert_eq!(page.next_cursor(), Some("next_cursor"));
    assert!(page.has_next_page());
    assert_eq!(
        page.into_response(),
        expected::<MessageListResponse>("chats.messages.list.200.json")
    );
}

// ---------------------------------------------------------------------------------------
// messages
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn messages_create_posts_the_message_with_the_idempotency_key_header() {
    let server = common::server().await;
    api_json("POST", "/v3/messages")
        .and(header("idempotency-key", "key-1"))
        .respond_with(respond(202, "messages.create.202.json"))
        .expect(1)
        .mount(&server)
        .await;

    let created = common::client(&server)
        .messages()
        .create(message_create_params())
        .idempotency_key("key-1")
        .await
        .expect("messages.create succeeds");

    // The key goes in the header and, equal to it, in the body's `message.idempotency_key`.
    assert_eq!(
        body(&only_request(&server).await),
        with_body_key(request_fixture("messages.create.json"), "key-1")
    );
    assert_eq!(created.chat_id, uuid(CREATED_CHAT_ID));
    assert!(!created.created_new_chat);
    assert_eq!(created.from, "+12052535597");
    assert_eq!(
        created.from_selection.reason,
        MessageCreateResponseFromSelectionReason::ReusedActiveChat
    );
    assert!(created.from_selection.reused_existing_chat);
    assert_eq!(created.handles.len(), 1);
    assert!(!created.is_group);
    assert_eq!(created.message.id, uuid(MESSAGE_ID));
    assert_eq!(created.service, ServiceType::IMessage);
    assert_eq!(created.previous_chat_id, None);
    assert_eq!(
        created,
        expected::<MessageCreateResponse>("messages.create.202.json")
    );
}

#[tokio::test]
async fn messages_update_app_card_posts_the_new_card_as_json() {
    let server = common::server().await;
    api_json("POST", &format!("/v3/messages/{MESSAGE_ID}/update"))
        .respond_with(respond(202, "messages.update_app_card.202.json"))
        .expect(1)
        .mount(&server)
        .await;

    let params = MessageUpdateAppCardParams::new(IMessageAppLayout::new().caption("Score: 2 – 1"))
        .fallback_text("Score update")
        .url("https://app.example.com/card?game=7f3a&move=2");
    let updated = common::client(&server)
        .messages()
        .update_app_card(uuid(MESSAGE_ID), params)
        .await
        .expect("messages.update_app_card succeeds");

    assert_eq!(
        body(&only_request(&server).await),
        request_fixture("messages.update_app_card.json")
    );
    assert_eq!(updated.chat_id, uuid(common::CHAT_ID));
    assert_eq!(updated.message.id, uuid(MESSAGE_ID));
    assert_eq!(
        updated.message.delivery_status,
        SentMessageDeliveryStatus::Pending
    );
    assert_eq!(updated.message.service, Some(ServiceType::IMessage));
    assert_eq!(
        updated,
        expected::<MessageSendResponse>("messages.update_app_card.202.json")
    );
}

// ---------------------------------------------------------------------------------------
// Idempotency keys
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
        MessageContent::new(vec![text("Hello, world!")]).idempotency_key("content-key-7"),
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
    let server = common::server().await;
    api_json("POST", "/v3/messages")
        .respond_with(respond(202, "messages.create.202.json"))
        .expect(1)
        .mount(&server)
        .await;

    let params = MessageCreateParams::new(
        MessageContent::new(vec![text("Hi! Thanks for reaching out — how can we help?")])
            .idempotency_key("content-key-7"),
        vec!["+14155559876".to_owned()],
    );
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
    let server = common::server().await;
    api_json("POST", "/v3/messages")
        .respond_with(respond(202, "messages.create.202.json"))
        .expect(1)
        .mount(&server)
        .await;

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
