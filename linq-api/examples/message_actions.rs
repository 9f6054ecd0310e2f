//! The `messages` resource on a single message: read it, edit it, react to it, walk its
//! reply thread, and delete it from Linq's records.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_CHAT_ID=… cargo run --example message_actions
//! ```

use futures_util::TryStreamExt;
use linq_api::types::{
    MessageAddReactionParams, MessageAddReactionParamsOperation, MessageContent,
    MessageListMessagesThreadOrder, MessageListMessagesThreadParams, MessageSendParams,
    MessageUpdateParams, ReactionType,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let chat_id = std::env::var("LINQ_CHAT_ID")?;

    // Only messages you sent can be edited, so start with one.
    let content = MessageContent::new(["Your table is booked for 7pm."]);
    let sent = client
        .chats()
        .messages()
        .send(&chat_id, MessageSendParams::new(content))
        .await?;
    let id = sent.message.id;

    let message = client.messages().retrieve(&id).await?;
    println!(
        "{} is {} over {:?}",
        message.id, message.delivery_status, message.service
    );

    // At most five edits, within 15 minutes of sending.
    let edit = MessageUpdateParams::new("Your table is booked for 7:30pm.");
    client.messages().update(&id, edit).await?;

    // A standard tapback; `ReactionType::Custom` with `.custom_emoji("✅")` sends any emoji.
    let like =
        MessageAddReactionParams::new(MessageAddReactionParamsOperation::Add, ReactionType::Like);
    client.messages().add_reaction(&id, like).await?;

    // The thread's root and every reply, newest first, fetched page by page.
    let params = MessageListMessagesThreadParams::new()
        .order(MessageListMessagesThreadOrder::Desc)
        .limit(50);
    let mut thread = client
        .messages()
        .list_messages_thread(&id, params)
        .into_stream();
    while let Some(message) = thread.try_next().await? {
        println!(
            "{} {} from me: {}",
            message.created_at, message.id, message.is_from_me
        );
    }

    // Removes Linq's record only: recipients still see the message.
    client.messages().delete(&id).await?;
    Ok(())
}
