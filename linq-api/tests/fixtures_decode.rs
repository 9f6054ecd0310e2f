//! Every response example (`tests/fixtures/responses/`) decodes into the SDK type of its
//! operation, survives a re-encode and decode unchanged, and keeps every field it carries.
//! The operations come from the generated table (`linq_api::OPERATIONS` and
//! `for_each_response_type!`): an operation without a success fixture fails the coverage
//! test, and so does a fixture that names no operation.

mod common;

use std::collections::BTreeSet;
use std::fmt::Debug;

use linq_api::types::ErrorResponse;
use linq_api::OPERATIONS;
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

/// The success example of every operation with a response body, `<id>.<status>.json`, with
/// the check for its response type.
fn success() -> Vec<(String, Check)> {
    let mut checks: Vec<(&'static str, Check)> = Vec::new();
    macro_rules! each {
        ($id:literal, $ty:ty) => {
            checks.push(($id, check::<$ty>));
        };
    }
    linq_api::for_each_response_type!(each);
    checks
        .into_iter()
        .map(|(id, check)| {
            let op = OPERATIONS
                .iter()
                .find(|o| o.id == id)
                .expect("in the table");
            (format!("{id}.{}.json", op.success_status), check)
        })
        .collect()
}

/// The fixture files on disk.
fn on_disk() -> BTreeSet<String> {
    let dir = common::fixture_path("responses");
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| {
            let entry = entry.expect("a directory entry");
            entry.file_name().into_string().expect("a UTF-8 file name")
        })
        .collect();
    assert!(!files.is_empty(), "no fixtures found in {}", dir.display());
    files
}

/// Error examples: every fixture with a 4xx or 5xx status; each decodes as
/// [`ErrorResponse`].
fn errors() -> Vec<String> {
    on_disk()
        .into_iter()
        .filter(|name| status_of(name) >= 400)
        .collect()
}

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
    let failures: Vec<String> = success()
        .iter()
        .filter_map(|(name, check)| check(name).err())
        .collect();
    fail_on(failures);
}

#[test]
fn decoding_a_success_fixture_drops_none_of_its_fields() {
    let mut failures = Vec::new();
    for (name, check) in success() {
        let name = name.as_str();
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
    for name in errors() {
        let name = name.as_str();
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
fn every_operation_with_a_response_body_has_a_success_fixture() {
    let files = on_disk();
    let missing: Vec<String> = success()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| !files.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "operations without a success fixture in tests/fixtures/responses: {missing:?}"
    );
}

#[test]
fn every_fixture_file_belongs_to_an_operation_of_the_table() {
    let expected: BTreeSet<String> = success().into_iter().map(|(name, _)| name).collect();
    let strays: Vec<String> = on_disk()
        .into_iter()
        .filter(|name| {
            let status = status_of(name);
            if (200..300).contains(&status) {
                return !expected.contains(name);
            }
            // An error example is named after an operation and an error status.
            let id = name
                .trim_end_matches(".json")
                .rsplit_once('.')
                .map(|(id, _)| id);
            !(400..600).contains(&status) || !OPERATIONS.iter().any(|o| Some(o.id) == id)
        })
        .collect();
    assert!(
        strays.is_empty(),
        "fixtures that name no operation of linq_api::OPERATIONS (or no success status it \
         documents): {strays:?}"
    );
}
