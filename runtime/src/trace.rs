//! What a call tells `tracing`, under the target `codegen_runtime`, in the terms of OpenTelemetry's
//! semantic conventions for HTTP clients: a span per call (`api.request`), a span per
//! attempt inside it (`api.attempt`), and an event when the call ends. No field ever
//! holds a header, a body, a query or a key: the path is the operation's template.

use std::time::Instant;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tracing::field::Empty;
use tracing::Span;

use crate::error::{Endpoint, Error};

/// The span of one call: `http.request.method`, `url.template`, `server.address`, then
/// `http.response.status_code`, `http.request.resend_count`, `error.type` and the API's
/// `api.request_id` as the call goes.
pub(crate) fn request_span(endpoint: &Endpoint, server: &str) -> Span {
    tracing::info_span!(
        target: "codegen_runtime",
        "api.request",
        otel.name = %endpoint,
        otel.kind = "client",
        http.request.method = %endpoint.method,
        url.template = endpoint.path.as_ref(),
        server.address = server,
        http.response.status_code = Empty,
        http.request.resend_count = Empty,
        error.type = Empty,
        api.request_id = Empty,
    )
}

/// The span of one attempt: how many times the request was sent before it (`0` for the
/// first), then the status it got.
pub(crate) fn attempt_span(resend_count: u32) -> Span {
    tracing::debug_span!(
        target: "codegen_runtime",
        "api.attempt",
        http.request.resend_count = resend_count,
        http.response.status_code = Empty,
    )
}

/// Records the status an attempt got on its span and on the call's.
pub(crate) fn status(call: &Span, attempt: &Span, status: u16) {
    attempt.record("http.response.status_code", status);
    call.record("http.response.status_code", status);
}

/// Records how the call ended and says it in an event: `debug` for a success, `info` for a
/// failure (with whether it may have been applied).
pub(crate) fn finished(
    span: &Span,
    outcome: Result<(StatusCode, &HeaderMap), &Error>,
    attempts: u32,
    started: Instant,
) {
    let elapsed_ms = started.elapsed().as_millis() as u64;
    if attempts > 1 {
        span.record("http.request.resend_count", attempts - 1);
    }
    match outcome {
        Ok((status, headers)) => {
            if let Some(id) = request_id(headers) {
                span.record("api.request_id", id);
            }
            let status = status.as_u16();
            span.in_scope(|| {
                tracing::debug!(
                    target: "codegen_runtime",
                    status,
                    attempts,
                    elapsed_ms,
                    "request succeeded"
                )
            });
        }
        Err(error) => {
            let kind = error_type(error);
            span.record("error.type", kind.as_str());
            if let Some(id) = error.request_id() {
                span.record("api.request_id", id);
            }
            let may_have_been_applied = error.may_have_been_applied();
            span.in_scope(|| {
                tracing::info!(
                    target: "codegen_runtime",
                    error_type = kind.as_str(),
                    may_have_been_applied,
                    attempts,
                    elapsed_ms,
                    "request failed"
                )
            });
        }
    }
}

/// The `error.type` of an error: the status code for an answer, else the kind of failure.
fn error_type(error: &Error) -> String {
    match error {
        Error::Api(api) => api.status.as_u16().to_string(),
        Error::Timeout { .. } => "timeout".to_owned(),
        Error::ResponseLost { .. } => "response_lost".to_owned(),
        Error::NotSent { .. } => "connection_failed".to_owned(),
        Error::InvalidRequest(_) => "invalid_request".to_owned(),
        _ => "_OTHER".to_owned(),
    }
}

/// The request id the API sent, if any.
fn request_id(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    ["x-request-id", "request-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
}
