//! The support bot of `examples/support_bot`, tested end to end with `linq_api::testing`:
//! a signed delivery in, typed calls out, asserted. Nothing binds or connects.

#[path = "../examples/support_bot/bot.rs"]
mod bot;

use linq_api::testing::MockApi;
use linq_api::types::{MessageContentPart, MessageSendParams, WebhookEvent};
use linq_api::webhooks::Webhooks;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn event(name: &str) -> WebhookEvent {
    let path = format!(
        "{}/tests/fixtures/webhooks/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::test]
async fn an_inbound_message_gets_a_typing_indicator_then_an_answer_in_the_same_chat() {
    let mock = MockApi::new();
    let webhooks = Webhooks::new(SECRET).unwrap();
    let inbound = event("message.received");
    let delivery = webhooks.delivery(&inbound);

    bot::handle(&mock.client(), &webhooks, &delivery.headers, &delivery.body)
        .await
        .unwrap();

    let linq_api::types::WebhookEventData::MessageReceived(message) = &inbound.data else {
        panic!("the fixture is a received message");
    };
    let chat_id = message.chat_id().unwrap().as_str();
    let calls = mock.calls();
    let operations: Vec<_> = calls.iter().map(|c| c.operation).collect();
    assert_eq!(
        operations,
        [Some("chats.typing.start"), Some("chats.messages.send")]
    );
    assert!(calls
        .iter()
        .all(|c| c.path_param("chatId") == Some(chat_id)));
    let sent: MessageSendParams = calls[1].body();
    let parts = sent.message.parts.unwrap_or_default();
    let [MessageContentPart::Text(text)] = parts.as_slice() else {
        panic!("one text part: {parts:?}");
    };
    assert!(
        text.value.starts_with("Thanks, we got your message"),
        "{}",
        text.value
    );
}

#[tokio::test]
async fn an_outbound_message_event_is_ignored() {
    let mock = MockApi::new();
    let webhooks = Webhooks::new(SECRET).unwrap();
    let delivery = webhooks.delivery(&event("message.sent"));

    bot::handle(&mock.client(), &webhooks, &delivery.headers, &delivery.body)
        .await
        .unwrap();

    assert!(mock.calls().is_empty());
}

#[tokio::test]
async fn a_delivery_signed_with_another_secret_is_rejected_before_any_call() {
    let mock = MockApi::new();
    let ours = Webhooks::new(SECRET).unwrap();
    let forger = Webhooks::new("whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB").unwrap();
    let delivery = forger.delivery(&event("message.received"));

    let error = bot::handle(&mock.client(), &ours, &delivery.headers, &delivery.body)
        .await
        .unwrap_err();

    assert!(matches!(error, linq_api::Error::Webhook(_)), "{error:?}");
    assert!(mock.calls().is_empty());
}

#[tokio::test(start_paused = true)]
async fn the_answer_survives_an_overloaded_api() {
    let mock = MockApi::new();
    let webhooks = Webhooks::new(SECRET).unwrap();
    mock.on().chats().messages().send().fails(503).fails(503);
    let delivery = webhooks.delivery(&event("message.received"));

    bot::handle(&mock.client(), &webhooks, &delivery.headers, &delivery.body)
        .await
        .unwrap();

    let sends = mock.on().chats().messages().send().calls();
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].attempts, 3);
}
