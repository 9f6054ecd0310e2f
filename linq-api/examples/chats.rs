//! The `chats` resource: create a chat, list chats, read one, rename it.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_FROM=+12052535597 LINQ_TO=+12052532136 cargo run --example chats
//! ```

use futures_util::TryStreamExt;
use linq_api::types::{ChatCreateParams, ChatListChatsParams, ChatUpdateParams, MessageContent};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let from = std::env::var("LINQ_FROM")?;
    let to = std::env::var("LINQ_TO")?;

    // The first message of a new chat may not contain a link.
    let content = MessageContent::new(["Hi! Thanks for reaching out."]);
    let created = client
        .chats()
        .create(ChatCreateParams::new(from.clone(), content, [to]))
        .await?;
    println!(
        "created chat {} over {}",
        created.chat.id, created.chat.service
    );

    let chat = client.chats().retrieve(created.chat.id).await?;
    println!("chat {} has {} participants", chat.id, chat.handles.len());

    client
        .chats()
        .update(chat.id, ChatUpdateParams::new().display_name("Support"))
        .await?;

    // Every chat of this sender, fetched page by page as the stream is read.
    let mut chats = client
        .chats()
        .list_chats(ChatListChatsParams::new().from(from).limit(50))
        .into_stream();
    while let Some(chat) = chats.try_next().await? {
        println!("{} {:?}", chat.id, chat.display_name);
    }
    Ok(())
}
