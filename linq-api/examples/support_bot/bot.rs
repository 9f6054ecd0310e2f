//! The bot's logic, apart from the HTTP server, so that it can be tested with
//! `linq_api::testing` (see `linq-api/tests/support_bot.rs`).

use linq_api::types::{MessageContent, MessageSendParams, WebhookEventData, WebhookMessagePart};
use linq_api::webhooks::{HeaderMap, Webhooks};
use linq_api::Client;

/// Handles one webhook delivery: an inbound message makes the bot show it is typing, then
/// answer in the same chat. Every other event is ignored. Fails on a delivery that is not
/// signed with the endpoint's secret, and on errors of the API.
pub async fn handle(
    client: &Client,
    webhooks: &Webhooks,
    headers: &HeaderMap,
    body: &[u8],
) -> linq_api::Result<()> {
    let event = webhooks.unwrap(headers, body)?;
    let WebhookEventData::MessageReceived(message) = &event.data else {
        return Ok(());
    };
    let (Some(chat_id), Some(true)) = (message.chat_id(), message.is_inbound()) else {
        return Ok(());
    };
    let text: Vec<&str> = message
        .parts()
        .iter()
        .filter_map(|part| match part {
            WebhookMessagePart::Text(text) => Some(text.value.as_str()),
            _ => None,
        })
        .collect();
    client.chats().typing().start(chat_id).await?;
    let reply = format!("Thanks, we got your message: \"{}\"", text.join(" "));
    let params = MessageSendParams::new(MessageContent::new([reply]));
    client.chats().messages().send(chat_id, params).await?;
    Ok(())
}
