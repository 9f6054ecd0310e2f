//! The `messages` resource: send with an auto-selected from-number, read the status and
//! headers of the response, and handle API errors by kind.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_TO=+12052532136 cargo run --example messages
//! ```

use std::time::Duration;

use linq_api::types::{MessageContent, MessageCreateParams};
use linq_api::ErrorKind;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let to = std::env::var("LINQ_TO")?;

    let content = MessageContent::new(["Your code is 123456."]);
    let result = client
        .messages()
        .create(MessageCreateParams::new(content, [to]))
        .idempotency_key("verification-123456")
        .timeout(Duration::from_secs(10))
        .send_with_response()
        .await;
    match result {
        Ok(response) => println!(
            "{}: message {} in chat {}",
            response.status, response.body.message.id, response.body.chat_id
        ),
        Err(e) if e.kind() == Some(ErrorKind::Conflict) => {
            println!("no eligible line right now: {e}")
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
