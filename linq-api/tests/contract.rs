//! Contract tests: every operation of the SDK against Prism mocking `spec/openapi.yaml`.
//! Prism rejects a request that does not match the spec and answers a valid one with the
//! spec's examples, so a passing test means the SDK and the spec agree on the wire.
//!
//! The operations come from the generated table (`linq_api::OPERATIONS`): each is sent with
//! its request fixture (`tests/fixtures/requests/<id>.json`, path parameters from
//! `path_params.json`, required query parameters from `<id>.query.json`), must answer its documented success status, and must decode into its
//! response type. A new operation is covered the day it is generated.
//!
//! They need a running Prism, so a plain `cargo test` lists them as ignored;
//! `cargo xtask test` starts Prism, sets `LINQ_PRISM_URL` and runs them with `--ignored`.

mod common;

use std::collections::HashMap;

use futures_util::TryStreamExt;
use linq_api::__rt::{Call, OperationInfo};
use linq_api::types::ChatListChatsParams;
use linq_api::{Client, Request, OPERATIONS};
use reqwest::Method;
use serde_json::Value;

fn prism() -> Client {
    let url = std::env::var("LINQ_PRISM_URL")
        .expect("LINQ_PRISM_URL: run these through `cargo xtask test`");
    Client::builder()
        .api_key("test-key")
        .base_url(url)
        .max_retries(0)
        .build()
        .unwrap()
}

/// Decodes a response body as the response type of the operation `id`.
type Decode = fn(Value) -> Result<(), String>;

fn decoders() -> HashMap<&'static str, Decode> {
    fn decode<T: serde::de::DeserializeOwned>(value: Value) -> Result<(), String> {
        serde_path_to_error::deserialize::<_, T>(value)
            .map(drop)
            .map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))
    }
    let mut decoders: HashMap<&'static str, Decode> = HashMap::new();
    macro_rules! each {
        ($id:literal, $ty:ty) => {
            decoders.insert($id, decode::<$ty>);
        };
    }
    linq_api::for_each_response_type!(each);
    decoders
}

/// Query names read from a fixture live as long as the test.
fn leak(name: &str) -> &'static str {
    Box::leak(name.to_owned().into_boxed_str())
}

/// The call of `op` built from its fixtures, or what is missing.
fn call_for(client: &Client, op: &OperationInfo) -> Result<Call, String> {
    let params = common::fixture("requests/path_params.json");
    let method = Method::from_bytes(op.http_method.as_bytes()).map_err(|e| e.to_string())?;
    let mut call = Call::new(client, method, op.path);
    // Each `{name}` of the template, filled from path_params.json.
    let names = op.path.split('{').skip(1).filter_map(|p| p.split_once('}'));
    for (name, _) in names {
        let value = params[name]
            .as_str()
            .ok_or_else(|| format!("no example for `{name}` in requests/path_params.json"))?;
        call = call.path_param(name, value);
    }
    // Query parameters the operation requires: `requests/<id>.query.json`, name → value.
    let query = format!("requests/{}.query.json", op.id);
    if common::fixture_path(&query).exists() {
        let Value::Object(pairs) = common::fixture(&query) else {
            return Err(format!("{query} is not an object"));
        };
        for (name, value) in pairs {
            let value = value
                .as_str()
                .ok_or(format!("{query}: `{name}` is not a string"))?;
            call = call.query(leak(&name), value);
        }
    }
    if op.request.is_some() {
        let file = format!("requests/{}.json", op.id);
        if !common::fixture_path(&file).exists() {
            return Err(format!("no request fixture {file}"));
        }
        call = call.json(&common::fixture(&file));
    }
    Ok(call)
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn every_operation_of_the_table_agrees_with_prism() {
    let client = prism();
    let decoders = decoders();
    let mut failures = Vec::new();
    for op in OPERATIONS {
        let call = match call_for(&client, op) {
            Ok(call) => call,
            Err(e) => {
                failures.push(format!("{}: {e}", op.id));
                continue;
            }
        };
        let response = match Request::<Value>::from(call).send_with_response().await {
            Ok(response) => response,
            Err(e) => {
                failures.push(format!("{}: {e}", op.id));
                continue;
            }
        };
        if response.status.as_u16() != op.success_status {
            failures.push(format!(
                "{}: Prism answered {}, the table says {}",
                op.id, response.status, op.success_status
            ));
        }
        match (decoders.get(op.id), op.response) {
            (Some(decode), Some(_)) => {
                if let Err(e) = decode(response.body) {
                    failures.push(format!("{}: the response does not decode {e}", op.id));
                }
            }
            (None, None) => {}
            _ => failures.push(format!("{}: the table and the macro disagree", op.id)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} operations failed against Prism:\n{}",
        failures.len(),
        OPERATIONS.len(),
        failures.join("\n")
    );
}

#[tokio::test]
#[ignore = "needs Prism; run by `cargo xtask test`"]
async fn chats_list_chats_as_a_stream() {
    // Prism answers every page with the same example; the stream must end (the page, or its
    // cursor, repeats), not loop.
    let items: Result<Vec<_>, _> = prism()
        .chats()
        .list_chats(ChatListChatsParams::new())
        .into_stream()
        .try_collect()
        .await;
    match items {
        Ok(items) => assert!(!items.is_empty()),
        Err(linq_api::Error::RepeatedCursor { .. } | linq_api::Error::RepeatedPage { .. }) => {}
        Err(other) => panic!("{other}"),
    }
}
