//! A small support bot: every inbound message gets a typing indicator, then an answer in
//! the same chat. `bot.rs` holds the logic; `linq-api/tests/support_bot.rs` tests it end to
//! end with `linq_api::testing`, with no network.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_WEBHOOK_SECRET=whsec_… cargo run --example support_bot  # :3000
//! ```

mod bot;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use linq_api::webhooks::Webhooks;
use linq_api::Client;

struct App {
    client: Client,
    webhooks: Webhooks,
}

/// Answers at once (Linq delivers again when an answer is slow) and works afterwards.
async fn receive(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    if let Err(e) = app.webhooks.verify(&headers, &body) {
        eprintln!("rejected a delivery: {e}");
        return StatusCode::BAD_REQUEST;
    }
    tokio::spawn(async move {
        if let Err(e) = bot::handle(&app.client, &app.webhooks, &headers, &body).await {
            eprintln!("could not answer: {e}");
        }
    });
    StatusCode::NO_CONTENT
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = Arc::new(App {
        client: Client::from_env()?,
        webhooks: Webhooks::from_env()?,
    });
    let router = Router::new()
        .route("/webhooks/linq", post(receive))
        .with_state(app);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
    axum::serve(listener, router).await?;
    Ok(())
}
