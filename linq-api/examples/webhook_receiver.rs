//! A webhook receiver with axum: verify each delivery, decode it, skip redeliveries, and
//! answer at once, leaving the work to a background task.
//!
//! Linq delivers each event **at least once**: a delivery whose answer is slow or lost is
//! sent again (up to 10 times over about 25 minutes), with the same `webhook-id`. So answer
//! with a 2xx quickly (within 10 seconds), do the work after answering, and treat a
//! `webhook-id` you have already seen as done. A real service keeps the seen ids in its
//! database (a unique key), so they survive restarts and are shared between instances.
//!
//! ```sh
//! LINQ_WEBHOOK_SECRET=whsec_… cargo run --example webhook_receiver   # listens on :3000
//! ```

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use linq_api::types::{WebhookEvent, WebhookEventData};
use linq_api::webhooks::Webhooks;
use tokio::sync::mpsc;

/// How many delivery ids this example remembers.
const REMEMBERED: usize = 10_000;

struct App {
    webhooks: Webhooks,
    seen: Mutex<Seen>,
    work: mpsc::Sender<WebhookEvent>,
}

/// The most recent delivery ids, oldest first out.
#[derive(Default)]
struct Seen {
    ids: HashSet<String>,
    order: VecDeque<String>,
}

impl Seen {
    /// Whether `id` is new; remembers it.
    fn first_time(&mut self, id: &str) -> bool {
        if !self.ids.insert(id.to_owned()) {
            return false;
        }
        self.order.push_back(id.to_owned());
        if self.order.len() > REMEMBERED {
            if let Some(old) = self.order.pop_front() {
                self.ids.remove(&old);
            }
        }
        true
    }
}

async fn receive(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    // Verify against the raw bytes, before anything parses them.
    let event = match app.webhooks.unwrap(&headers, &body) {
        Ok(event) => event,
        Err(e) => {
            eprintln!("rejected a delivery: {e}");
            return StatusCode::UNAUTHORIZED;
        }
    };
    let id = headers
        .get("webhook-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let first_time = app
        .seen
        .lock()
        .map(|mut seen| seen.first_time(id))
        .unwrap_or(true);
    if !first_time {
        return StatusCode::OK; // a redelivery of something already handled
    }
    // Queue the work and answer now; a full queue asks Linq to deliver again later.
    match app.work.try_send(event) {
        Ok(()) => StatusCode::OK,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

async fn handle(event: WebhookEvent) {
    match &event.data {
        WebhookEventData::MessageReceived(message) => println!(
            "message {:?} in chat {:?}: {} part(s)",
            message.message_id(),
            message.chat_id(),
            message.parts().len()
        ),
        WebhookEventData::MessageFailed(failed) => {
            println!(
                "message {:?} failed with code {}",
                failed.message_id, failed.code
            )
        }
        WebhookEventData::Unknown { event_type, .. } => {
            println!("an event this SDK does not know yet: {event_type}")
        }
        other => println!("{}", other.event_type()),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (work, mut queue) = mpsc::channel(1024);
    let app = Arc::new(App {
        webhooks: Webhooks::from_env()?,
        seen: Mutex::new(Seen::default()),
        work,
    });
    tokio::spawn(async move {
        while let Some(event) = queue.recv().await {
            handle(event).await;
        }
    });
    let router = Router::new()
        .route("/webhooks/linq", post(receive))
        .with_state(app);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
    axum::serve(listener, router).await?;
    Ok(())
}
