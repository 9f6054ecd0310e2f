//! `linq_api::testing` (the `test-util` feature), as a user relies on it: every operation
//! answers without a stub, stubs answer in order, faults and retries behave as over the
//! network, and every call is recorded. Nothing binds or connects.

use futures_util::TryStreamExt;
use linq_api::testing::{api_error, MockApi, Reply};
use linq_api::types::{
    ChatListChatsParams, ErrorResponse, MessageContent, MessageSendParams, ParticipantRequest,
};
use linq_api::{Error, ErrorKind, OPERATIONS};

const CHAT_ID: &str = "550e8400-e29b-41d4-a716-446655440000";

/// Checks one operation's example against its response type.
macro_rules! example_decodes {
    ($id:expr, $ty:ty) => {{
        let operation = OPERATIONS.iter().find(|op| op.id == $id).expect("listed");
        let example = operation
            .example
            .unwrap_or_else(|| panic!("`{}` has no example response in the spec", $id));
        if let Err(e) = serde_json::from_str::<$ty>(example) {
            panic!("the example of `{}` does not decode: {e}", $id);
        }
    }};
}

#[test]
fn every_operation_with_a_response_body_has_an_example_that_decodes() {
    linq_api::for_each_response_type!(example_decodes);
}

#[tokio::test]
async fn an_operation_without_a_stub_answers_with_the_specs_example() {
    let mock = MockApi::new();
    let chat = mock.client().chats().retrieve(CHAT_ID).await.unwrap();
    assert_eq!(chat, mock.on().chats().retrieve().example());
}

#[tokio::test]
async fn a_stubbed_value_is_what_the_call_returns() {
    let mock = MockApi::new();
    let mut chat = mock.on().chats().retrieve().example();
    chat.display_name = Some("Support".to_owned());
    mock.on().chats().retrieve().returns(chat.clone());

    let got = mock.client().chats().retrieve(CHAT_ID).await.unwrap();

    assert_eq!(got, chat);
}

#[tokio::test(start_paused = true)]
async fn replies_answer_attempts_in_order_and_the_example_follows() {
    let mock = MockApi::new();
    let overloaded = Reply::error(429, None, "slow down").header("retry-after", "1");
    mock.on()
        .chats()
        .retrieve()
        .fails(503)
        .replies(overloaded.unwrap());

    mock.client().chats().retrieve(CHAT_ID).await.unwrap();

    let calls = mock.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].attempts, 3);
}

#[tokio::test]
async fn a_stubbed_error_reaches_the_caller_with_its_status_code_and_message() {
    let mock = MockApi::new();
    mock.on()
        .chats()
        .retrieve()
        .fails_with(404, 2004, "chat not found");

    let error = mock.client().chats().retrieve(CHAT_ID).await.unwrap_err();

    assert_eq!(error.kind(), Some(ErrorKind::NotFound));
    assert_eq!(error.code(), Some(2004));
    assert_eq!(
        error.api().and_then(|e| e.message.as_deref()),
        Some("chat not found")
    );
}

#[tokio::test]
async fn a_stubbed_error_body_is_the_apis_error_response() {
    let mock = MockApi::new();
    mock.on()
        .chats()
        .retrieve()
        .fails_with(404, 2004, "chat not found");

    let error = mock.client().chats().retrieve(CHAT_ID).await.unwrap_err();

    let body = &error.api().expect("an API error").body;
    let decoded: ErrorResponse = serde_json::from_str(body).expect("the spec's error shape");
    assert_eq!(decoded.error.code, 2004);
    assert_eq!(decoded.error.status, 404);
    assert!(!decoded.success);
    assert_eq!(
        decoded.error.doc_url, None,
        "the example's link is for another code"
    );
}

#[tokio::test]
async fn a_keyless_post_whose_fate_is_unknown_is_never_repeated() {
    let mock = MockApi::new();
    mock.on().chats().participants().add().fails(500);

    let add = ParticipantRequest::new("+14155550100");
    let error = mock
        .client()
        .chats()
        .participants()
        .add(CHAT_ID, add)
        .await
        .unwrap_err();

    assert!(error.may_have_been_applied());
    assert_eq!(mock.calls()[0].attempts, 1);
}

#[tokio::test(start_paused = true)]
async fn a_send_whose_answers_are_lost_keeps_one_key_the_error_gives_back() {
    let mock = MockApi::new();
    // The first attempt and both retries (`DEFAULT_MAX_RETRIES`) get no answer.
    let send = mock.on().chats().messages().send();
    send.loses_response().loses_response().times_out();
    let client = mock.client();

    let params = MessageSendParams::new(MessageContent::new(["hello"]));
    let error = client
        .chats()
        .messages()
        .send(CHAT_ID, params)
        .await
        .unwrap_err();

    assert!(
        matches!(error, Error::Timeout { attempts: 3, .. }),
        "{error:?}"
    );
    let sent: serde_json::Value = mock.calls()[0].body();
    let key = sent["message"]["idempotency_key"]
        .as_str()
        .expect("a key in the body");
    assert_eq!(error.idempotency_key(), Some(key));
}

#[tokio::test(start_paused = true)]
async fn a_refused_connection_is_retried_as_nothing_was_sent() {
    let mock = MockApi::new();
    mock.on().chats().participants().add().refuses_connection();

    let add = ParticipantRequest::new("+14155550100");
    mock.client()
        .chats()
        .participants()
        .add(CHAT_ID, add)
        .await
        .unwrap();

    assert_eq!(mock.calls()[0].attempts, 2);
}

#[tokio::test]
async fn pages_are_followed_across_stubbed_responses() {
    let mock = MockApi::new();
    let mut first = mock.on().chats().list_chats().example();
    first.next_cursor = Some("page-2".to_owned());
    let mut last = mock.on().chats().list_chats().example();
    last.next_cursor = None;
    let per_page = first.chats.len();
    mock.on().chats().list_chats().returns(first).returns(last);

    let chats: Vec<_> = mock
        .client()
        .chats()
        .list_chats(ChatListChatsParams::new())
        .into_stream()
        .try_collect()
        .await
        .unwrap();

    assert_eq!(chats.len(), 2 * per_page);
    let calls = mock.calls();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].query_param("cursor"), None);
    assert_eq!(calls[1].query_param("cursor"), Some("page-2"));
}

#[tokio::test]
async fn a_call_is_recorded_with_its_path_parameters_and_typed_body() {
    let mock = MockApi::new();
    let params = MessageSendParams::new(MessageContent::new(["hello"]));

    mock.client()
        .chats()
        .messages()
        .send(CHAT_ID, params.clone())
        .await
        .unwrap();

    let call = &mock.on().chats().messages().send().calls()[0];
    assert_eq!(call.method, "POST");
    assert_eq!(call.path, format!("/v3/chats/{CHAT_ID}/messages"));
    assert_eq!(call.path_param("chatId"), Some(CHAT_ID));
    let sent: MessageSendParams = call.body();
    assert_eq!(sent.message.parts, params.message.parts);
    assert!(
        call.header("authorization").is_none(),
        "the key is not kept"
    );
}

#[tokio::test]
#[should_panic(expected = "GET /v3/no_such_thing")]
async fn a_request_no_operation_matches_fails_the_test_naming_it() {
    let mock = MockApi::new();
    let _: Result<serde_json::Value, _> = mock
        .client()
        .raw(linq_api::Method::GET, "/v3/no_such_thing")
        .await;
}

#[tokio::test]
async fn mocks_share_nothing() {
    let (one, other) = (MockApi::new(), MockApi::new());
    one.on().chats().retrieve().fails(500);

    other.client().chats().retrieve(CHAT_ID).await.unwrap();

    assert!(one.calls().is_empty());
    assert_eq!(other.calls().len(), 1);
}

#[test]
fn an_api_error_for_a_unit_test_reads_like_one_from_the_api() {
    let error = api_error(409, Some(2023), "mentions need a group chat");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(409));
    assert_eq!(error.kind(), Some(ErrorKind::Conflict));
    assert_eq!(error.code(), Some(2023));
    assert!(
        error.to_string().contains("mentions need a group chat"),
        "{error}"
    );
}

#[test]
fn a_signed_delivery_passes_unwrap() {
    let webhooks =
        linq_api::webhooks::Webhooks::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/webhooks/message.received.json"
    );
    let event: linq_api::types::WebhookEvent =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();

    let delivery = webhooks.delivery(&event);

    assert_eq!(
        webhooks.unwrap(&delivery.headers, &delivery.body).unwrap(),
        event
    );
}
