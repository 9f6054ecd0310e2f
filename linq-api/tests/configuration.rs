//! Configuring a client: from the environment, and a variant of a client that shares its
//! connection pool.

mod common;

use std::time::Duration;

use common::raw::{Behaviour, RawServer};
use linq_api::{Client, ClientBuilder, Error};
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn a_client_from_to_builder_keeps_the_key_headers_and_base_url_and_takes_the_changes() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(common::fixture("responses/chats.retrieve.200.json")),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("key-1")
        .base_url(server.uri())
        .default_header("x-team", "growth")
        .build()
        .unwrap();
    let variant = client
        .to_builder()
        .default_header("x-feature", "quick")
        .build()
        .unwrap();
    variant.chats().retrieve(common::CHAT_ID).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("authorization"), Some("Bearer key-1"));
    assert_eq!(header("x-team"), Some("growth"));
    assert_eq!(header("x-feature"), Some("quick"));
    assert_eq!(variant.base_url(), client.base_url());
}

#[tokio::test]
async fn a_client_from_to_builder_takes_its_own_timeout() {
    let server = RawServer::start(vec![Behaviour::Hang]).await;
    let client = Client::builder()
        .api_key("key-1")
        .base_url(&server.url)
        .max_retries(0)
        .build()
        .unwrap();
    let quick = client
        .to_builder()
        .timeout(Duration::from_millis(50))
        .build()
        .unwrap();
    let error = quick.chats().retrieve(common::CHAT_ID).await.unwrap_err();
    assert!(
        matches!(error, Error::Timeout { timeout, .. } if timeout == Duration::from_millis(50)),
        "{error:?}"
    );
}

#[test]
fn a_builder_from_the_environment_reads_the_key_and_base_url_and_lets_the_caller_override() {
    // The only test of this binary that touches these variables.
    std::env::set_var(linq_api::API_KEY_ENV, "env-key");
    std::env::set_var(linq_api::BASE_URL_ENV, "http://127.0.0.1:9/api");
    let client = ClientBuilder::from_env().build().unwrap();
    assert_eq!(client.base_url(), "http://127.0.0.1:9/api");
    let overridden = ClientBuilder::from_env()
        .base_url("http://127.0.0.1:10")
        .build()
        .unwrap();
    assert_eq!(overridden.base_url(), "http://127.0.0.1:10/");
    std::env::remove_var(linq_api::API_KEY_ENV);
    let error = ClientBuilder::from_env().build().unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains(linq_api::API_KEY_ENV)),
        "{error}"
    );
}
