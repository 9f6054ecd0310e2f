//! An SDK with no operations, for the runtime's own unit tests.

use super::{ClientBuilder, ClientCore, Sdk};
use crate::error::ErrorEnvelope;

/// The client of an SDK whose spec names the settings below.
#[derive(Debug, Clone)]
pub(crate) struct TestClient(ClientCore);

impl Sdk for TestClient {
    const API_KEY_ENV: &'static str = "TEST_API_KEY";
    const BASE_URL_ENV: &'static str = "TEST_BASE_URL";
    const DEFAULT_BASE_URL: &'static str = "https://api.example.test/v1";
    const USER_AGENT: &'static str = "test-sdk/0.0.0";
    const ERROR_ENVELOPE: ErrorEnvelope = ErrorEnvelope {
        status: None,
        code: Some("/error/code"),
        message: Some("/error/message"),
        doc_url: None,
        example: None,
    };

    fn from_core(core: ClientCore) -> Self {
        TestClient(core)
    }

    fn core(&self) -> &ClientCore {
        &self.0
    }
}

impl TestClient {
    /// A builder for a test client.
    pub(crate) fn builder() -> ClientBuilder<TestClient> {
        ClientBuilder::default()
    }

    /// A client with the key `key` and the default settings.
    pub(crate) fn new(key: &str) -> crate::Result<TestClient> {
        Self::builder().api_key(key).build()
    }
}
