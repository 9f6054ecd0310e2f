//! Per-call overhead of the SDK: `chats().messages().send` against a loopback keep-alive
//! server, interleaved (A B, B A, …) with the same call made with plain `reqwest` +
//! `serde_json`, which decodes into the SDK's own `MessageSendResponse` so both sides do
//! the same decode work. Run by `cargo xtask bench` (the JSON goes into BENCHMARKS.md);
//! `-- --quick` for fewer pairs.

#[path = "support/interleave.rs"]
mod interleave;
#[path = "support/server.rs"]
mod server;

use std::hint::black_box;
use std::time::Instant;

use linq_api::types::{MessageContent, MessageSendParams, MessageSendResponse};
use serde::Serialize;

const CHAT_ID: &str = "550e8400-e29b-41d4-a716-446655440000";

/// What a hand-written client sends.
#[derive(Serialize)]
struct SendBody<'a> {
    message: SendMessage<'a>,
}

#[derive(Serialize)]
struct SendMessage<'a> {
    parts: Vec<TextPart<'a>>,
}

#[derive(Serialize)]
struct TextPart<'a> {
    r#type: &'a str,
    value: &'a str,
}

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
    // The same TLS setup as the SDK's; the calls are plain HTTP on loopback either way.
    let http = linq_api::http_client_builder()
        .expect("TLS setup")
        .build()
        .expect("client");
    let url = format!("{base}/v3/chats/{CHAT_ID}/messages");

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
    let plain = |n: u64| {
        runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..n {
                let body = SendBody {
                    message: SendMessage {
                        parts: vec![TextPart {
                            r#type: "text",
                            value: "Hello!",
                        }],
                    },
                };
                let response = http
                    .post(&url)
                    .bearer_auth("bench-key")
                    .header("content-type", "application/json")
                    .body(serde_json::to_vec(&body).expect("encode"))
                    .send()
                    .await
                    .expect("send");
                assert!(response.status().is_success());
                let bytes = response.bytes().await.expect("body");
                let sent: MessageSendResponse = serde_json::from_slice(&bytes).expect("decode");
                black_box(sent);
            }
            started.elapsed()
        })
    };
    let comparison = interleave::compare(
        "send: linq_api / reqwest_serde_json",
        interleave::pairs(200),
        linq_api,
        plain,
    );
    interleave::save(&[comparison], serde_json::json!({}));
}
