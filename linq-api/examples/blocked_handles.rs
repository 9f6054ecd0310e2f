//! The `blocked_handles` resource: block a sender, list the blocklist, unblock it again.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_HANDLE=+12052532136 cargo run --example blocked_handles
//! ```

use linq_api::types::{BlockedHandleBlockParams, HandleRequest};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let handle = std::env::var("LINQ_HANDLE")?;

    // Idempotent: blocking a blocked handle returns the existing entry. Its messages are
    // then dropped without webhook events, and direct sends to it answer 403 (code 2026).
    let blocked = client
        .blocked_handles()
        .block(BlockedHandleBlockParams::new(handle.clone()).reason("spam"))
        .await?;
    println!(
        "blocked {} at {}",
        blocked.blocked_handle.handle, blocked.blocked_handle.blocked_at
    );

    // Newest first.
    for entry in client.blocked_handles().list().await?.blocked_handles {
        println!("{} {} {:?}", entry.blocked_at, entry.handle, entry.reason);
    }

    client
        .blocked_handles()
        .unblock(HandleRequest::new(handle))
        .await?;
    Ok(())
}
