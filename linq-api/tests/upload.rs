//! `client.attachments().upload(…)`: create the attachment, `PUT` the bytes to the
//! pre-signed URL on another host (with exactly the headers the API lists, and never the
//! API key), then return the attachment.

mod common;

use linq_api::{Client, Error, Upload};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ATTACHMENT_ID: &str = "3f8e1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
const BYTES: &[u8] = b"\xff\xd8\xff\xe0 not really a jpeg";
/// The query of a pre-signed URL: whoever reads it can write the object until it expires.
const SIGNED: &str = "X-Amz-Credential=AKIAEXAMPLE%2F20261205&X-Amz-Signature=5ec2e7a1b0c4d9f8";
/// The parts of it that must never be printed.
const SECRETS: [&str; 3] = ["5ec2e7a1b0c4d9f8", "AKIAEXAMPLE", "X-Amz-Signature="];

/// Fails if the error's text, `Debug` output or sources show any part of the signed query.
fn assert_no_secret(error: &Error) {
    let mut shown = vec![error.to_string(), format!("{error:?}")];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        shown.push(cause.to_string());
        shown.push(format!("{cause:?}"));
        source = cause.source();
    }
    for text in shown {
        for secret in SECRETS {
            assert!(!text.contains(secret), "`{secret}` shown in: {text}");
        }
    }
}

/// The API, whose create answer points at `storage` for the upload.
async fn api(storage: &MockServer) -> MockServer {
    let api = common::server().await;
    let mut created: Value = common::fixture("responses/attachments.create.200.json");
    created["upload_url"] = json!(format!(
        "{}/attachments/{ATTACHMENT_ID}?X-Amz-Signature=abc123",
        storage.uri()
    ));
    created["required_headers"] = json!({
        "Content-Type": "image/jpeg",
        "x-amz-meta-partner": "8c1d",
    });
    Mock::given(method("POST"))
        .and(path("/v3/attachments"))
        .respond_with(ResponseTemplate::new(200).set_body_json(created))
        .expect(1)
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v3/attachments/{ATTACHMENT_ID}")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(common::fixture("responses/attachments.retrieve.200.json")),
        )
        .expect(1)
        .mount(&api)
        .await;
    api
}

fn client(api: &MockServer) -> Client {
    Client::builder()
        .api_key("secret-key")
        .base_url(api.uri())
        .default_header("x-team", "growth")
        .max_retries(0)
        .build()
        .unwrap()
}

#[tokio::test]
async fn upload_creates_the_attachment_puts_the_bytes_and_returns_the_attachment() {
    let storage = common::server().await;
    Mock::given(method("PUT"))
        .and(path(format!("/attachments/{ATTACHMENT_ID}")))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&storage)
        .await;
    let api = api(&storage).await;

    let attachment = client(&api)
        .attachments()
        .upload(Upload::new("photo.jpg", "image/jpeg", BYTES))
        .await
        .unwrap();
    assert_eq!(attachment.id.to_string(), ATTACHMENT_ID);

    let create = &api.received_requests().await.unwrap()[0];
    let sent: Value = serde_json::from_slice(&create.body).unwrap();
    assert_eq!(
        sent,
        json!({"filename": "photo.jpg", "content_type": "image/jpeg", "size_bytes": BYTES.len()})
    );
    let put = &storage.received_requests().await.unwrap()[0];
    assert_eq!(put.body, BYTES, "the bytes, as they are");
    assert_eq!(
        put.url.query(),
        Some("X-Amz-Signature=abc123"),
        "the signed URL, as given"
    );
    let header = |name: &str| put.headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("content-type"), Some("image/jpeg"));
    assert_eq!(header("x-amz-meta-partner"), Some("8c1d"));
}

#[tokio::test]
async fn the_upload_request_carries_neither_the_api_key_nor_the_clients_headers() {
    let storage = common::server().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&storage)
        .await;
    let api = api(&storage).await;
    client(&api)
        .attachments()
        .upload(Upload::new("photo.jpg", "image/jpeg", BYTES))
        .await
        .unwrap();
    let put = &storage.received_requests().await.unwrap()[0];
    assert!(
        put.headers.get("authorization").is_none(),
        "{:?}",
        put.headers
    );
    assert!(put.headers.get("x-team").is_none(), "{:?}", put.headers);
    let create = &api.received_requests().await.unwrap()[0];
    assert_eq!(
        create.headers.get("authorization").unwrap(),
        "Bearer secret-key",
        "the API calls do carry it"
    );
}

/// Uploads through an API whose create answer lists `required_headers` and points at
/// `storage`, expecting the upload to fail; returns the API server and the error.
async fn failed_upload(storage: &str, required_headers: Value) -> (MockServer, Error) {
    let api = common::server().await;
    let mut created: Value = common::fixture("responses/attachments.create.200.json");
    created["upload_url"] = json!(format!("{storage}/attachments/x?{SIGNED}"));
    created["required_headers"] = required_headers;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(created))
        .mount(&api)
        .await;
    let error = client(&api)
        .attachments()
        .upload(Upload::new("photo.jpg", "image/jpeg", BYTES))
        .await
        .unwrap_err();
    (api, error)
}

#[tokio::test]
async fn a_refused_upload_is_an_error_and_the_attachment_is_not_fetched() {
    let storage = common::server().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(403).set_body_string(
            "<Error><Code>SignatureDoesNotMatch</Code>\
             <AWSAccessKeyId>AKIAEXAMPLE</AWSAccessKeyId>\
             <SignatureProvided>5ec2e7a1b0c4d9f8</SignatureProvided></Error>",
        ))
        .mount(&storage)
        .await;
    let required = json!({"Content-Length": BYTES.len().to_string()});
    let (api, error) = failed_upload(&storage.uri(), required).await;
    let Error::Api(api_error) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(api_error.status.as_u16(), 403);
    assert!(api_error.body.contains("SignatureDoesNotMatch"));
    assert!(
        error
            .to_string()
            .starts_with("PUT {upload_url} returned 403"),
        "{error}"
    );
    assert_no_secret(&error);
    assert_eq!(
        api.received_requests().await.unwrap().len(),
        1,
        "no GET after a failed PUT"
    );
}

#[tokio::test]
async fn an_upload_from_a_file_is_named_after_the_file() {
    let dir = std::env::temp_dir().join(format!("linq-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("memo.m4a");
    std::fs::write(&file, BYTES).unwrap();
    let upload = Upload::from_file(&file, "audio/x-m4a").await.unwrap();
    assert_eq!(
        format!("{upload:?}"),
        format!(
            "Upload {{ filename: \"memo.m4a\", content_type: AudioXM4a, size_bytes: {} }}",
            BYTES.len()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_missing_file_is_an_error_naming_it() {
    let error = Upload::from_file("/nonexistent/photo.jpg", "image/jpeg")
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("/nonexistent/photo.jpg"),
        "{error}"
    );
}

#[tokio::test]
async fn a_content_length_the_file_does_not_have_is_refused_before_uploading() {
    let storage = common::server().await;
    let (_api, error) = failed_upload(&storage.uri(), json!({"Content-Length": "1024000"})).await;
    assert!(
        matches!(&error, Error::InvalidRequest(m) if m.contains("1024000")),
        "{error:?}"
    );
    assert!(storage.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_upload_whose_response_is_lost_reports_it_without_the_signed_query() {
    let storage = common::raw::RawServer::start(vec![common::raw::Behaviour::Drop]).await;
    let (_api, error) = failed_upload(&storage.url, json!({})).await;
    assert!(matches!(error, Error::ResponseLost { .. }), "{error:?}");
    assert_no_secret(&error);
    assert_eq!(storage.requests().len(), 1, "max_retries(0): one PUT");
}
