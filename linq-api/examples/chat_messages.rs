//! The `chats.messages` resource: send a message to a chat, then read the chat's history.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_CHAT_ID=… cargo run --example chat_messages
//! ```

use futures_util::TryStreamExt;
use linq_api::types::{MessageContent, MessageListParams, MessageSendParams};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let chat_id = std::env::var("LINQ_CHAT_ID")?;

    // Retries reuse one idempotency key, so the message is sent at most once.
    let content = MessageContent::new(["Your order has shipped."]);
    let sent = client
        .chats()
        .messages()
        .send(&chat_id, MessageSendParams::new(content))
        .await?;
    println!(
        "sent {} ({})",
        sent.message.id, sent.message.delivery_status
    );

    let mut history = client
        .chats()
        .messages()
        .list(&chat_id, MessageListParams::new().limit(20))
        .into_stream();
    while let Some(message) = history.try_next().await? {
        println!("{} {}", message.created_at, message.id);
    }
    Ok(())
}
