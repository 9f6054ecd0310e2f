//! Shared helpers of the integration tests: a loopback mock server, a client pointed at it,
//! and the fixtures copied from the seed docs.
#![allow(dead_code)] // each test file uses only some helpers

pub mod raw;

use std::path::PathBuf;

use linq_api::Client;
use serde_json::Value;
use wiremock::MockServer;

/// A chat id as the docs show them.
pub const CHAT_ID: &str = "550e8400-e29b-41d4-a716-446655440000";

/// A mock server on loopback.
pub async fn server() -> MockServer {
    MockServer::start().await
}

/// A client for `server` that does not retry, so each test sees exactly one attempt.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds")
}

/// A client for `server` with the default retry policy.
pub fn retrying_client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(server.uri())
        .build()
        .expect("client builds")
}

/// The path of a fixture under `tests/fixtures/`.
pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fixture's raw text.
pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// A fixture as JSON.
pub fn fixture(name: &str) -> Value {
    serde_json::from_str(&fixture_text(name))
        .unwrap_or_else(|e| panic!("fixture {name} is not JSON: {e}"))
}
