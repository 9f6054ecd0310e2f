//! Per-call overhead of the SDK: sequential `chats().messages().send` calls against a
//! loopback server, versus the same calls made with plain `reqwest` + `serde_json` and
//! minimal hand-written structs. Run by `cargo xtask bench` (medians into BENCHMARKS.md).

use std::hint::black_box;
use std::net::SocketAddr;

use criterion::{criterion_group, criterion_main, Criterion};
use linq_api::types::{MessageContent, MessageSendParams};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const CHAT_ID: &str = "550e8400-e29b-41d4-a716-446655440000";

/// A keep-alive HTTP/1.1 server on its own thread that answers every request with the
/// seed docs' `202` send response.
fn start_server() -> SocketAddr {
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/responses/chats.messages.send.202.json"
    ))
    .expect("fixture");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send addr");
            let mut response = format!(
                "HTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes();
            response.extend_from_slice(&body);
            loop {
                let (mut stream, _) = listener.accept().await.expect("accept");
                let response = response.clone();
                tokio::spawn(async move {
                    let mut buffer = Vec::new();
                    let mut chunk = [0u8; 8192];
                    loop {
                        // One request: headers, then content-length bytes of body.
                        let head_end = loop {
                            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                                break at + 4;
                            }
                            match stream.read(&mut chunk).await {
                                Ok(n) if n > 0 => buffer.extend_from_slice(&chunk[..n]),
                                _ => return,
                            }
                        };
                        let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
                        let length = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        while buffer.len() < head_end + length {
                            match stream.read(&mut chunk).await {
                                Ok(n) if n > 0 => buffer.extend_from_slice(&chunk[..n]),
                                _ => return,
                            }
                        }
                        buffer.drain(..head_end + length);
                        if stream.write_all(&response).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
    });
    rx.recv().expect("server address")
}

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

/// What a hand-written client reads back.
#[derive(Deserialize)]
struct Sent {
    chat_id: String,
    message: SentMessage,
}

#[derive(Deserialize)]
struct SentMessage {
    id: String,
    delivery_status: String,
}

fn send(c: &mut Criterion) {
    let address = start_server();
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
    // The same TLS setup as the SDK's (the default `rustls` feature brings no provider of
    // its own); the calls are plain HTTP on loopback either way.
    let http = linq_api::http_client_builder()
        .expect("TLS setup")
        .build()
        .expect("client");
    let url = format!("{base}/v3/chats/{CHAT_ID}/messages");

    let mut group = c.benchmark_group("send");
    group.sample_size(50);
    group.bench_function("linq_api", |b| {
        b.to_async(&runtime).iter(|| async {
            let params = MessageSendParams::new(MessageContent::new(["Hello!"]));
            let sent = sdk
                .chats()
                .messages()
                .send(CHAT_ID, params)
                .await
                .expect("send");
            black_box(sent.message.id);
        })
    });
    group.bench_function("reqwest_serde_json", |b| {
        b.to_async(&runtime).iter(|| async {
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
            let sent: Sent = serde_json::from_slice(&bytes).expect("decode");
            black_box((sent.chat_id, sent.message.id, sent.message.delivery_status));
        })
    });
    group.finish();
}

criterion_group!(benches, send);
criterion_main!(benches);
