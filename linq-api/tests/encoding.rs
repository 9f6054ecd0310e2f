//! What goes on the wire: escaping of path segments and query values, and requests rejected
//! before anything is sent.

mod common;

use linq_api::types::ChatListChatsParams;
use linq_api::Error;
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

/// The raw path and query the server saw for one call.
async fn raw_target(call: impl FnOnce(linq_api::Client) -> linq_api::BoxFuture<()>) -> String {
    let server = common::server().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"chats": [], "next_cursor": null})),
        )
        .mount(&server)
        .await;
    call(common::client(&server)).await;
    let requests = server.received_requests().await.expect("recording is on");
    let url = &requests[0].url;
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

#[tokio::test]
async fn a_plus_in_an_e164_query_value_arrives_as_percent_2b() {
    let target = raw_target(|client| {
        Box::pin(async move {
            let _ = client
                .chats()
                .list_chats(ChatListChatsParams::new().from("+12052535597"))
                .await;
        })
    })
    .await;
    assert_eq!(target, "/v3/chats?from=%2B12052535597");
}

#[tokio::test]
async fn an_id_with_slashes_dots_or_question_marks_stays_in_its_segment() {
    let target = raw_target(|client| {
        Box::pin(async move {
            let _ = client.chats().retrieve("a/../b?c=d#e").await;
        })
    })
    .await;
    assert_eq!(target, "/v3/chats/a%2F..%2Fb%3Fc=d%23e");
}

#[tokio::test]
async fn characters_a_path_segment_allows_are_sent_raw_as_the_official_sdks_send_them() {
    let target = raw_target(|client| {
        Box::pin(async move {
            let _ = client
                .payment_handles()
                .connection("jane.doe+shop@example.com")
                .await;
        })
    })
    .await;
    assert_eq!(
        target,
        "/v3/payments/handles/jane.doe+shop@example.com/connection"
    );
}

#[tokio::test]
async fn spaces_percent_signs_and_non_ascii_are_escaped_in_a_path_segment() {
    let target = raw_target(|client| {
        Box::pin(async move {
            let _ = client.chats().retrieve("a b%c é").await;
        })
    })
    .await;
    assert_eq!(target, "/v3/chats/a%20b%25c%20%C3%A9");
}

#[tokio::test]
async fn a_dot_dot_id_is_rejected_before_sending() {
    let server = common::server().await;
    let client = common::client(&server);
    for id in ["..", ".", ""] {
        let error = client.chats().retrieve(id).await.unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(m) if m.contains("chatId")),
            "{id:?}: {error:?}"
        );
    }
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn an_overlong_idempotency_key_is_rejected_before_sending() {
    use linq_api::types::{MessageContent, MessageCreateParams, TextPart};
    let server = common::server().await;
    let content = MessageContent::new([TextPart::new("hi")]);
    let error = common::client(&server)
        .messages()
        .create(MessageCreateParams::new(
            content,
            ["+12052532136".to_owned()],
        ))
        .idempotency_key("k".repeat(256))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest(m) if m.contains("255")),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn the_client_and_its_futures_and_streams_are_send() {
    fn send<T: Send>(_: &T) {}
    fn send_sync<T: Send + Sync + Clone>() {}
    send_sync::<linq_api::Client>();
    let client = linq_api::Client::new("k").unwrap();
    let request = client.chats().retrieve(common::CHAT_ID);
    send(&std::future::IntoFuture::into_future(request));
    send(&client.chats().list_chats(Default::default()).into_stream());
    send(&std::future::IntoFuture::into_future(
        client.chats().list_chats(Default::default()),
    ));
}
