//! Each call is traced in a span (and each attempt in one inside it) with OpenTelemetry's
//! HTTP client fields — method, path template, server, status, resends, error type — and
//! an event when it ends; nothing secret.

mod common;

use std::fmt;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

/// Records every span name and every field written to spans and events, as text.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<String>>>);

impl Visit for Recorder {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0
            .lock()
            .unwrap()
            .push(format!("{}={value:?}", field.name()));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.0
            .lock()
            .unwrap()
            .push(format!("span {}", span.metadata().name()));
        span.record(&mut self.clone());
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut self.clone());
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        event.record(&mut self.clone());
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn a_retried_request_is_traced_with_attempt_and_status_but_never_the_key() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "10"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(common::fixture("responses/chats.retrieve.200.json")),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    let client = linq_api::Client::builder()
        .api_key("sk_live_never_logged")
        .base_url(server.uri())
        .build()
        .unwrap();

    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    client.chats().retrieve(common::CHAT_ID).await.unwrap();

    let lines = recorder.0.lock().unwrap().clone();
    let has = |wanted: &str| lines.iter().any(|l| l == wanted);
    assert!(has("span api.request"), "{lines:?}");
    assert!(has("http.request.method=GET"), "{lines:?}");
    assert!(has("url.template=\"/v3/chats/{chatId}\""), "{lines:?}");
    assert!(has("server.address=\"127.0.0.1\""), "{lines:?}");
    assert!(has("span api.attempt"), "{lines:?}");
    assert!(
        has("http.request.resend_count=0") && has("http.request.resend_count=1"),
        "one span per attempt, numbered: {lines:?}"
    );
    assert!(
        has("http.response.status_code=503") && has("http.response.status_code=200"),
        "{lines:?}"
    );
    assert!(
        has("message=request succeeded"),
        "an event says the call ended: {lines:?}"
    );
    assert!(
        lines.iter().all(|l| !l.contains("sk_live_never_logged")),
        "{lines:?}"
    );
}

#[tokio::test]
async fn a_failed_upload_is_traced_without_its_signed_url() {
    // The storage host reads the PUT and drops the connection: the response is lost.
    let storage = common::raw::RawServer::start(vec![common::raw::Behaviour::Drop]).await;
    let api = common::server().await;
    let mut created = common::fixture("responses/attachments.create.200.json");
    created["upload_url"] = serde_json::json!(format!(
        "{}/o/photo.jpg?X-Amz-Signature=5ec2e7a1b0c4d9f8",
        storage.url
    ));
    created["required_headers"] = serde_json::json!({});
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(created))
        .mount(&api)
        .await;
    let client = linq_api::Client::builder()
        .api_key("sk_live_never_logged")
        .base_url(api.uri())
        .build()
        .unwrap();

    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let upload = linq_api::Upload::new("photo.jpg", "image/jpeg", &b"jpeg"[..]);
    let error = client.attachments().upload(upload).await.unwrap_err();

    let lines = recorder.0.lock().unwrap().clone();
    assert!(
        lines.iter().any(|l| l == "url.template=\"{upload_url}\""),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("error.type=")),
        "the failure is traced: {lines:?}"
    );
    for line in lines
        .iter()
        .chain([&error.to_string(), &format!("{error:?}")])
    {
        assert!(!line.contains("5ec2e7a1b0c4d9f8"), "{line}");
        assert!(!line.contains("sk_live_never_logged"), "{line}");
    }
}
