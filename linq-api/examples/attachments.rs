//! The `attachments` resource: upload a file once, then send it in a media part to a chat.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_CHAT_ID=… LINQ_FILE=receipt.pdf LINQ_CONTENT_TYPE=application/pdf \
//!     cargo run --example attachments
//! ```

use linq_api::types::{MediaPart, MessageContent, MessageContentPart, MessageSendParams};
use linq_api::Upload;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let chat_id = std::env::var("LINQ_CHAT_ID")?;
    let path = std::env::var("LINQ_FILE")?;
    let content_type = std::env::var("LINQ_CONTENT_TYPE").unwrap_or_else(|_| "image/jpeg".into());

    // One call creates the attachment, PUTs the bytes to the pre-signed URL (without the
    // API key) and returns the stored attachment.
    let upload = Upload::from_file(&path, content_type.as_str()).await?;
    let attachment = client.attachments().upload(upload).await?;
    println!(
        "uploaded {} ({}, {} bytes) as {}",
        attachment.filename, attachment.content_type, attachment.size_bytes, attachment.id
    );

    // The id never expires: reuse it in as many sends as you like, with no re-download.
    let content = MessageContent::new([
        MessageContentPart::from("Here is your receipt."),
        MediaPart::new().attachment_id(attachment.id).into(),
    ]);
    let sent = client
        .chats()
        .messages()
        .send(&chat_id, MessageSendParams::new(content))
        .await?;
    println!(
        "sent {} ({})",
        sent.message.id, sent.message.delivery_status
    );
    Ok(())
}
