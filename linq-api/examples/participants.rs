//! The `chats.participants` resource: add someone to a group chat, then remove them.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_CHAT_ID=… LINQ_HANDLE=+12052532136 cargo run --example participants
//! ```

use linq_api::types::ParticipantRequest;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let chat_id = std::env::var("LINQ_CHAT_ID")?;
    let handle = std::env::var("LINQ_HANDLE")?;

    let added = client
        .chats()
        .participants()
        .add(&chat_id, ParticipantRequest::new(handle.clone()))
        .await?;
    println!("add: {added:?}");
    let removed = client
        .chats()
        .participants()
        .remove(&chat_id, ParticipantRequest::new(handle))
        .await?;
    println!("remove: {removed:?}");
    Ok(())
}
