//! Contract tests: every operation of the SDK against Prism mocking `spec/openapi.yaml`.
//! Prism rejects a request that does not match the spec and answers a valid one with the
//! spec's examples, so a passing test means the SDK and the spec agree on the wire.
//!
//! They need a running Prism, so a plain `cargo test` lists them as ignored;
//! `cargo xtask test` starts Prism, sets `LINQ_PRISM_URL` and runs them with `--ignored`.

use futures_util::TryStreamExt;
use linq_api::types::{
    ChatCreateParams, ChatListChatsParams, ChatSendVoicememoParams, ChatUpdateParams,
    IMessageAppLayout, MessageContent, MessageCreateParams, MessageListParams, MessageSendParams,
    MessageUpdateAppCardParams, ParticipantRequest,
};
use linq_api::Client;

const CHAT_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const MESSAGE_ID: &str = "69a37c7d-af4f-4b5e-af42-e28e98ce873a";

fn prism() -> Client {
    let url = std::env::var("LINQ_PRISM_URL")
        .expect("LINQ_PRISM_URL: run these through `cargo xtask test`");
    Client::builder()
        .api_key("test-key")
        .base_url(url)
        .max_retries(0)
        .build()
        .unwrap()
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_create() {
    let params = ChatCreateParams::new(
        "+12052535597",
        MessageContent::new(["Hello!"]),
        ["+12052532136"],
    );
    let created = prism()
        .chats()
        .create(params)
        .idempotency_key("contract-1")
        .await
        .unwrap();
    assert!(!created.chat.handles.is_empty());
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_list_chats() {
    let params = ChatListChatsParams::new()
        .from("+12052535597")
        .to("+12052532136")
        .limit(10);
    let page = prism().chats().list_chats(params).await.unwrap();
    assert!(!page.items().is_empty());
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_list_chats_as_a_stream() {
    // Prism answers every page with the same example; the stream must end, not loop.
    let items: Result<Vec<_>, _> = prism()
        .chats()
        .list_chats(ChatListChatsParams::new())
        .into_stream()
        .try_collect()
        .await;
    match items {
        Ok(items) => assert!(!items.is_empty()),
        Err(linq_api::Error::RepeatedCursor { .. }) => {}
        Err(other) => panic!("{other}"),
    }
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_retrieve() {
    let chat = prism().chats().retrieve(CHAT_ID).await.unwrap();
    assert!(!chat.handles.is_empty());
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_update() {
    prism()
        .chats()
        .update(CHAT_ID, ChatUpdateParams::new().display_name("Team"))
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_mark_as_read() {
    prism().chats().mark_as_read(CHAT_ID).await.unwrap();
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_leave_chat() {
    prism().chats().leave_chat(CHAT_ID).await.unwrap();
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_share_contact_card() {
    prism().chats().share_contact_card(CHAT_ID).await.unwrap();
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_send_voicememo() {
    let params = ChatSendVoicememoParams::new().voice_memo_url("https://example.com/memo.m4a");
    prism()
        .chats()
        .send_voicememo(CHAT_ID, params)
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_participants_add_and_remove() {
    let client = prism();
    client
        .chats()
        .participants()
        .add(CHAT_ID, ParticipantRequest::new("+12052532136"))
        .await
        .unwrap();
    client
        .chats()
        .participants()
        .remove(CHAT_ID, ParticipantRequest::new("+12052532136"))
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_typing_start_and_stop() {
    let client = prism();
    client.chats().typing().start(CHAT_ID).await.unwrap();
    client.chats().typing().stop(CHAT_ID).await.unwrap();
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_messages_send() {
    let sent = prism()
        .chats()
        .messages()
        .send(CHAT_ID, MessageSendParams::new(MessageContent::new(["Hi"])))
        .await
        .unwrap();
    assert!(!sent.message.parts.is_empty());
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_messages_list() {
    let page = prism()
        .chats()
        .messages()
        .list(CHAT_ID, MessageListParams::new().limit(20))
        .await
        .unwrap();
    assert!(!page.items().is_empty());
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn messages_create() {
    let params = MessageCreateParams::new(MessageContent::new(["Hi"]), ["+12052532136"]);
    let created = prism().messages().create(params).await.unwrap();
    assert!(!created.message.parts.is_empty());
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn messages_update_app_card() {
    let params = MessageUpdateAppCardParams::new(IMessageAppLayout::new().caption("Your move"))
        .interactive(false);
    prism()
        .messages()
        .update_app_card(MESSAGE_ID, params)
        .await
        .unwrap();
}
