//! Every response example of the docs (`tests/fixtures/responses/`) decodes into the SDK
//! type of its operation, survives a re-encode and decode unchanged, and keeps every field
//! it carries. A table names the type of each file; a new file that is not in the table
//! fails the coverage test instead of being skipped.

mod common;

use std::collections::BTreeSet;
use std::fmt::Debug;

use linq_api::types::{
    AcceptedResponse, Chat, ChatCreateResponse, ChatListChatsResponse, ChatSendVoicememoResponse,
    ChatUpdateResponse, ErrorResponse, MessageCreateResponse, MessageListResponse,
    MessageSendResponse,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Decodes a fixture as its type and round-trips it; returns the fixture and the decoded
/// value re-encoded, or a description of what failed.
type Check = fn(&str) -> Result<Decoded, String>;

/// What a successful check saw.
struct Decoded {
    /// The fixture as read from disk.
    original: Value,
    /// The decoded value, encoded again.
    reencoded: Value,
}

/// Success examples, by file name, with the response type of their operation as
/// `resources.rs` declares it.
const SUCCESS: &[(&str, Check)] = &[
    ("chats.create.201.json", check::<ChatCreateResponse>),
    ("chats.leave_chat.202.json", check::<AcceptedResponse>),
    ("chats.list_chats.200.json", check::<ChatListChatsResponse>),
    ("chats.messages.list.200.json", check::<MessageListResponse>),
    ("chats.messages.send.202.json", check::<MessageSendResponse>),
    ("chats.participants.add.202.json", check::<AcceptedResponse>),
    (
        "chats.participants.remove.202.json",
        check::<AcceptedResponse>,
    ),
    ("chats.retrieve.200.json", check::<Chat>),
    (
        "chats.send_voicememo.202.json",
        check::<ChatSendVoicememoResponse>,
    ),
    ("chats.update.200.json", check::<ChatUpdateResponse>),
    ("messages.create.202.json", check::<MessageCreateResponse>),
    (
        "messages.update_app_card.202.json",
        check::<MessageSendResponse>,
    ),
];

/// Error examples, by file name; each decodes as [`ErrorResponse`].
const ERRORS: &[&str] = &[
    "chats.mark_as_read.401.json",
    "chats.share_contact_card.401.json",
    "chats.typing.start.400.json",
    "chats.typing.stop.400.json",
    "messages.create.400.json",
    "messages.create.401.json",
    "messages.create.403.json",
    "messages.create.409.json",
    "messages.create.500.json",
    "messages.update_app_card.400.json",
    "messages.update_app_card.401.json",
    "messages.update_app_card.403.json",
    "messages.update_app_card.404.json",
    "messages.update_app_card.409.json",
    "messages.update_app_card.500.json",
];

/// Decodes `value` as `T`, naming the JSON path of a failure.
fn decode<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))
}

/// Decodes `responses/<name>` as `T`, re-encodes it and decodes that again; the two decoded
/// values must be equal.
fn decode_round_trip<T>(name: &str) -> Result<(T, Decoded), String>
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let type_name = std::any::type_name::<T>();
    let original = common::fixture(&format!("responses/{name}"));
    let first: T = decode(original.clone())
        .map_err(|e| format!("{name} does not decode as {type_name}: {e}"))?;
    let reencoded = serde_json::to_value(&first)
        .map_err(|e| format!("{name}: the decoded {type_name} does not encode: {e}"))?;
    let second: T = decode(reencoded.clone()).map_err(|e| {
        format!(
            "{name}: the re-encoded {type_name} does not decode: {e}\nre-encoded: {reencoded:#}"
        )
    })?;
    if first != second {
        return Err(format!(
            "{name}: decoding the re-encoded {type_name} gives another value\nfirst:  {first:?}\nsecond: {second:?}"
        ));
    }
    Ok((
        first,
        Decoded {
            original,
            reencoded,
        },
    ))
}

fn check<T>(name: &str) -> Result<Decoded, String>
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    decode_round_trip::<T>(name).map(|(_, decoded)| decoded)
}

/// The HTTP status in a fixture's name (`chats.create.201.json` → 201).
fn status_of(name: &str) -> u16 {
    name.strip_suffix(".json")
        .and_then(|stem| stem.rsplit('.').next())
        .and_then(|status| status.parse().ok())
        .unwrap_or_else(|| panic!("{name} is not named `<resource>.<method>.<status>.json`"))
}

/// Paths of `original` that hold a non-null value but are missing from `reencoded`: fields
/// that decoding silently dropped (serde ignores unknown fields).
fn dropped_fields(original: &Value, reencoded: &Value, at: &str, out: &mut Vec<String>) {
    match (original, reencoded) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{at}.{key}");
                match b.get(key) {
                    None if !value.is_null() => out.push(here),
                    None => {}
                    Some(other) => dropped_fields(value, other, &here, out),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!("{at} (had {} items, has {})", a.len(), b.len()));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                dropped_fields(x, y, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn fail_on(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_success_fixture_decodes_into_its_response_type_and_round_trips() {
    let failures: Vec<String> = SUCCESS
        .iter()
        .filter_map(|(name, check)| check(name).err())
        .collect();
    fail_on(failures);
}

#[test]
fn decoding_a_success_fixture_drops_none_of_its_fields() {
    let mut failures = Vec::new();
    for (name, check) in SUCCESS {
        // Decoding failures are reported by the test above.
        let Ok(decoded) = check(name) else { continue };
        let mut dropped = Vec::new();
        dropped_fields(&decoded.original, &decoded.reencoded, "", &mut dropped);
        if !dropped.is_empty() {
            failures.push(format!(
                "{name}: fields lost by decoding: {}",
                dropped.join(", ")
            ));
        }
    }
    fail_on(failures);
}

#[test]
fn every_error_fixture_decodes_into_error_response_and_round_trips() {
    let mut failures = Vec::new();
    for name in ERRORS {
        match decode_round_trip::<ErrorResponse>(name) {
            Err(e) => failures.push(e),
            Ok((decoded, raw)) => {
                let status = status_of(name);
                if decoded.error.status != i64::from(status) {
                    failures.push(format!(
                        "{name}: error.status is {}, the file name says {status}",
                        decoded.error.status
                    ));
                }
                if decoded.success {
                    failures.push(format!("{name}: success is true in an error"));
                }
                if decoded.error.code <= 0 || decoded.error.message.is_empty() {
                    failures.push(format!("{name}: no error code or message: {decoded:?}"));
                }
                // The 004 pages omit `doc_url`; when it is there it must survive.
                let doc_url = raw.original["error"].get("doc_url").and_then(Value::as_str);
                if decoded.error.doc_url.as_deref() != doc_url {
                    failures.push(format!(
                        "{name}: doc_url decoded as {:?}, the fixture has {doc_url:?}",
                        decoded.error.doc_url
                    ));
                }
                let mut dropped = Vec::new();
                dropped_fields(&raw.original, &raw.reencoded, "", &mut dropped);
                if !dropped.is_empty() {
                    failures.push(format!(
                        "{name}: fields lost by decoding: {}",
                        dropped.join(", ")
                    ));
                }
            }
        }
    }
    fail_on(failures);
}

#[test]
fn the_tables_agree_with_the_status_in_each_file_name() {
    for (name, _) in SUCCESS {
        let status = status_of(name);
        assert!(
            (200..300).contains(&status),
            "{name} is in SUCCESS but its status is {status}"
        );
    }
    for name in ERRORS {
        let status = status_of(name);
        assert!(
            (400..600).contains(&status),
            "{name} is in ERRORS but its status is {status}"
        );
    }
}

#[test]
fn every_fixture_file_is_covered_by_the_table() {
    let dir = common::fixture_path("responses");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| {
            let entry = entry.expect("a directory entry");
            entry.file_name().into_string().expect("a UTF-8 file name")
        })
        .collect();
    assert!(
        !on_disk.is_empty(),
        "no fixtures found in {}",
        dir.display()
    );

    let mut in_table = BTreeSet::new();
    for name in SUCCESS
        .iter()
        .map(|(name, _)| *name)
        .chain(ERRORS.iter().copied())
    {
        assert!(in_table.insert(name.to_owned()), "{name} is listed twice");
    }

    let uncovered: Vec<&String> = on_disk.difference(&in_table).collect();
    assert!(
        uncovered.is_empty(),
        "fixtures not covered by the table in tests/fixtures_decode.rs: {uncovered:?}"
    );
    let missing: Vec<&String> = in_table.difference(&on_disk).collect();
    assert!(
        missing.is_empty(),
        "the table lists fixtures that do not exist: {missing:?}"
    );
}
