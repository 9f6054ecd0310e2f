//! The `chats.typing` resource: show the typing indicator for a moment, then stop it.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_CHAT_ID=… cargo run --example typing
//! ```

use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let chat_id = std::env::var("LINQ_CHAT_ID")?;

    client.chats().typing().start(&chat_id).await?;
    tokio::time::sleep(Duration::from_secs(3)).await;
    client.chats().typing().stop(&chat_id).await?;
    println!("typing indicator shown for 3 s");
    Ok(())
}
