//! Decode time of a list-messages page of 100 messages into `linq-api` types, interleaved
//! (A B, B A, …) with hand-written structs of the same shape: once with plain `String`s for
//! ids and timestamps, once with the SDK's `Uuid` and `Timestamp`; both use serde's own
//! tagged enum for parts. Run by `cargo xtask bench` (the JSON goes into BENCHMARKS.md);
//! `-- --quick` for fewer pairs.

#[path = "support/interleave.rs"]
mod interleave;

use std::hint::black_box;

use linq_api::types::MessageListResponse;
use serde_json::{json, Value};

/// The seed docs' message, 100 times with distinct ids.
fn page() -> Vec<u8> {
    let fixture: Value = serde_json::from_str(include_str!(
        "../tests/fixtures/responses/chats.messages.list.200.json"
    ))
    .expect("fixture");
    let messages: Vec<Value> = (0..100)
        .map(|i| {
            let mut m = fixture["messages"][0].clone();
            m["id"] = json!(format!("00000000-0000-4000-8000-{i:012}"));
            m
        })
        .collect();
    serde_json::to_vec(&json!({"messages": messages, "next_cursor": "c2"})).expect("encode")
}

#[allow(dead_code)] // decoded, not read: the benchmark measures decoding
mod hand {
    //! What a developer would write by hand for the same page, generic over the types of
    //! ids (`I`) and timestamps (`T`): `String`s, or the SDK's `Uuid` and `Timestamp`.
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Page<I, T> {
        pub messages: Vec<Message<I, T>>,
        pub next_cursor: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Message<I, T> {
        pub id: I,
        pub chat_id: I,
        pub created_at: T,
        pub is_delivered: bool,
        pub is_from_me: bool,
        pub is_read: bool,
        pub updated_at: T,
        pub delivered_at: Option<T>,
        pub effect: Option<Effect>,
        pub from: Option<String>,
        pub from_handle: Option<Handle<I, T>>,
        pub parts: Option<Vec<Part<I, T>>>,
        pub preferred_service: Option<String>,
        pub read_at: Option<T>,
        pub reply_to: Option<ReplyTo>,
        pub sent_at: Option<T>,
        pub service: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Effect {
        pub name: Option<String>,
        pub r#type: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct ReplyTo {
        pub message_id: String,
        pub part_index: Option<i64>,
    }

    #[derive(Deserialize)]
    pub struct Handle<I, T> {
        pub id: I,
        pub handle: String,
        pub joined_at: T,
        pub service: String,
        pub is_me: Option<bool>,
        pub left_at: Option<T>,
        pub status: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Part<I, T> {
        Text {
            value: String,
            reactions: Option<Vec<Reaction<I, T>>>,
            text_decorations: Option<Vec<Decoration>>,
        },
        Media {
            reactions: Option<Vec<Reaction<I, T>>>,
            id: Option<I>,
            url: Option<String>,
            filename: Option<String>,
            mime_type: Option<String>,
            size_bytes: Option<i64>,
        },
        Link {
            value: String,
            reactions: Option<Vec<Reaction<I, T>>>,
        },
        ImessageApp {},
    }

    #[derive(Deserialize)]
    pub struct Reaction<I, T> {
        pub handle: Handle<I, T>,
        pub is_me: bool,
        pub r#type: String,
        pub custom_emoji: Option<String>,
        pub sticker: Option<Sticker>,
    }

    #[derive(Deserialize)]
    pub struct Sticker {
        pub file_name: Option<String>,
        pub height: Option<i64>,
        pub mime_type: Option<String>,
        pub url: Option<String>,
        pub width: Option<i64>,
    }

    #[derive(Deserialize)]
    pub struct Decoration {
        pub range: Vec<i64>,
        pub animation: Option<String>,
        pub style: Option<String>,
    }
}

/// Hand-written structs with plain strings for ids and timestamps.
type HandPage = hand::Page<String, String>;
/// Hand-written structs with the SDK's id and timestamp types.
type HandTypedPage = hand::Page<uuid::Uuid, jiff::Timestamp>;

fn main() {
    let bytes = page();
    assert_eq!(
        serde_json::from_slice::<MessageListResponse>(&bytes)
            .expect("decodes")
            .messages
            .len(),
        100
    );
    assert_eq!(
        serde_json::from_slice::<HandPage>(&bytes)
            .expect("decodes")
            .messages
            .len(),
        100
    );
    println!("page: {} bytes", bytes.len());
    let decode = |n: u64, f: fn(&[u8])| interleave::time(n, || f(black_box(&bytes)));
    let linq_api: fn(&[u8]) = |b| {
        black_box(serde_json::from_slice::<MessageListResponse>(b).expect("decodes"));
    };
    let hand: fn(&[u8]) = |b| {
        black_box(serde_json::from_slice::<HandPage>(b).expect("decodes"));
    };
    let hand_typed: fn(&[u8]) = |b| {
        black_box(serde_json::from_slice::<HandTypedPage>(b).expect("decodes"));
    };
    let pairs = interleave::pairs(200);
    let comparisons = [
        interleave::compare(
            "decode: linq_api / hand_written",
            pairs,
            |n| decode(n, linq_api),
            |n| decode(n, hand),
        ),
        interleave::compare(
            "decode: linq_api / hand_written_typed",
            pairs,
            |n| decode(n, linq_api),
            |n| decode(n, hand_typed),
        ),
    ];
    interleave::save(&comparisons, json!({ "page_bytes": bytes.len() }));
}
