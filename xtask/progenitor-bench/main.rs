//! `linq-api` against the client progenitor generates from the same spec: one
//! `chats().messages().send` against a loopback keep-alive server, interleaved (A B, B A, …)
//! with `send_message_to_chat` of the progenitor client, both on reqwest 0.13.
//!
//! Not a workspace member: `cargo xtask bench` generates the progenitor client into the
//! target directory, writes a manifest next to it that points here, and runs it with
//! `cargo run --release`.

#[path = "../../linq-api/benches/support/interleave.rs"]
mod interleave;
#[path = "../../linq-api/benches/support/server.rs"]
mod server;

use std::hint::black_box;
use std::time::{Duration, Instant};

use linq_api::types::{MessageContent, MessageSendParams};
use linq_progenitor::types::SendMessageToChatBody;

const CHAT_ID: &str = "550e8400-e29b-41d4-a716-446655440000";

fn main() {
    let address = server::start();
    let base = format!("http://{address}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let sdk = linq_api::Client::builder()
        .api_key("bench-key")
        .base_url(&base)
        .build()
        .expect("client");
    // What a progenitor user writes: a reqwest client with the bearer token as a default
    // header and progenitor's own timeouts.
    let mut auth = reqwest::header::HeaderMap::new();
    auth.insert(
        reqwest::header::AUTHORIZATION,
        "Bearer bench-key".parse().expect("header"),
    );
    let timeout = Duration::from_secs(15);
    let http = reqwest::Client::builder()
        .connect_timeout(timeout)
        .timeout(timeout)
        .default_headers(auth)
        .build()
        .expect("reqwest client");
    let progenitor = linq_progenitor::Client::new_with_client(&base, http);
    let chat_id = linq_progenitor::types::ChatId::from(CHAT_ID.parse::<uuid::Uuid>().expect("uuid"));
    let body: SendMessageToChatBody = serde_json::from_value(serde_json::json!({
        "message": {"parts": [{"type": "text", "value": "Hello!"}]}
    }))
    .expect("body");

    let linq_api = |n: u64| {
        runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..n {
                let params = MessageSendParams::new(MessageContent::new(["Hello!"]));
                let sent = sdk
                    .chats()
                    .messages()
                    .send(CHAT_ID, params)
                    .await
                    .expect("send");
                black_box(sent);
            }
            started.elapsed()
        })
    };
    let progenitor = |n: u64| {
        runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..n {
                // Built per call, as the SDK's params are.
                let body = body.clone();
                let sent = progenitor
                    .send_message_to_chat(&chat_id, &body)
                    .await
                    .expect("send")
                    .into_inner();
                black_box(sent);
            }
            started.elapsed()
        })
    };
    let comparison = interleave::compare(
        "send: linq_api / progenitor",
        interleave::pairs(200),
        linq_api,
        progenitor,
    );
    interleave::save(&[comparison], serde_json::json!({}));
}
