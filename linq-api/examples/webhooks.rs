//! The `webhook_events` and `webhook_subscriptions` resources: see which events exist,
//! subscribe an endpoint, narrow it to one line, and remove it.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_WEBHOOK_URL=https://example.com/linq LINQ_FROM=+12052535597 \
//!     cargo run --example webhooks
//! ```

use linq_api::types::{
    WebhookEventType, WebhookSubscriptionCreateParams, WebhookSubscriptionUpdateParams,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let url = std::env::var("LINQ_WEBHOOK_URL")?;
    let from = std::env::var("LINQ_FROM")?;

    // The valid values of `subscribed_events`.
    let kinds = client.webhook_events().list().await?;
    println!(
        "{} event kinds, e.g. {:?}",
        kinds.events.len(),
        kinds.events.first()
    );

    let events = [
        WebhookEventType::MessageReceived,
        WebhookEventType::MessageFailed,
    ];
    let created = client
        .webhook_subscriptions()
        .create(WebhookSubscriptionCreateParams::new(events, url))
        .await?;
    // Shown this once only, and it cannot be rotated: store it to verify signatures.
    println!(
        "subscription {} secret {}",
        created.id, created.signing_secret
    );

    // Omitted fields stay as they are.
    let only_one_line = WebhookSubscriptionUpdateParams::new()
        .phone_numbers([from])
        .subscribed_events([WebhookEventType::MessageReceived]);
    client
        .webhook_subscriptions()
        .update(&created.id, only_one_line)
        .await?;

    for sub in client.webhook_subscriptions().list().await?.subscriptions {
        println!(
            "{} {} active={} lines={:?}",
            sub.id, sub.target_url, sub.is_active, sub.phone_numbers
        );
    }

    client.webhook_subscriptions().delete(&created.id).await?;
    Ok(())
}
