//! Sending a request: attempts, retries, timeouts, idempotency keys, tracing, decoding.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::error::{ApiError, DecodeError, Error, Result};
use crate::idempotency;
use crate::request::Parts;
use crate::retry;

/// A successful response, not yet decoded.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// What one attempt ended with.
enum Attempt {
    Done(RawResponse),
    Failed {
        error: Error,
        retryable: bool,
        headers: Option<HeaderMap>,
    },
}

/// Sends `parts`, retrying as the policy allows. The idempotency key (the caller's, or one
/// made here) is fixed before the first attempt, so every attempt carries the same one.
pub(crate) async fn send(parts: &Parts) -> Result<RawResponse> {
    if let Some(problem) = &parts.invalid {
        return Err(Error::InvalidRequest(problem.clone()));
    }
    let config = &parts.client.inner;
    let Prepared { body, key_header } = prepare_body_and_key(parts)?;
    let url = url(parts)?;
    let timeout = parts.timeout.unwrap_or(config.timeout);
    let max_retries = parts.max_retries.unwrap_or(config.max_retries);

    let mut headers = config.headers.clone();
    headers.extend(parts.headers.clone());
    if body.is_some() {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    if let Some((name, value)) = key_header {
        headers.insert(name, value);
    }

    let span = tracing::info_span!(
        "linq_api.request",
        method = %parts.method,
        path = parts.template,
        attempt = tracing::field::Empty,
        status = tracing::field::Empty,
    );
    async {
        let mut retry = 0;
        loop {
            span.record("attempt", retry + 1);
            let request = config
                .http
                .request(parts.method.clone(), url.clone())
                .headers(headers.clone())
                .body(body.clone().unwrap_or_default())
                .build()
                .map_err(|e| {
                    Error::InvalidRequest(format!("cannot build the HTTP request: {e}"))
                })?;
            let outcome = match tokio::time::timeout(timeout, attempt(parts, request)).await {
                Ok(outcome) => outcome,
                Err(_) => Attempt::Failed {
                    error: Error::Timeout {
                        method: parts.method.to_string(),
                        path: parts.template,
                        timeout,
                    },
                    retryable: safe_to_repeat(parts),
                    headers: None,
                },
            };
            match outcome {
                Attempt::Done(response) => {
                    span.record("status", response.status.as_u16());
                    return Ok(response);
                }
                Attempt::Failed {
                    error,
                    retryable,
                    headers,
                } => {
                    if let Some(status) = error.status() {
                        span.record("status", status.as_u16());
                    }
                    if !retryable || retry >= max_retries {
                        return Err(error);
                    }
                    let wait = retry::delay(headers.as_ref(), retry);
                    tracing::debug!(error = %error, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                    retry += 1;
                }
            }
        }
    }
    .instrument(span.clone())
    .await
}

/// One attempt: send, read the whole body, classify.
async fn attempt(parts: &Parts, request: reqwest::Request) -> Attempt {
    let connection = |source: reqwest::Error| Attempt::Failed {
        // A request that never reached the server is always safe to send again.
        retryable: source.is_connect() || safe_to_repeat(parts),
        error: Error::Connection {
            method: parts.method.to_string(),
            path: parts.template,
            source,
        },
        headers: None,
    };
    let response = match parts.client.inner.http.execute(request).await {
        Ok(r) => r,
        Err(e) => return connection(e),
    };
    let status = response.status();
    let headers = response.headers().clone();
    let body = match response.bytes().await {
        Ok(b) => Vec::from(b),
        Err(e) => return connection(e),
    };
    if status.is_success() {
        return Attempt::Done(RawResponse {
            status,
            headers,
            body,
        });
    }
    let retryable = retry::should_retry(status, &headers);
    let error = Error::Api(Box::new(ApiError::new(
        parts.method.as_str(),
        parts.template,
        status,
        headers.clone(),
        &body,
    )));
    Attempt::Failed {
        error,
        retryable,
        headers: Some(headers),
    }
}

/// Whether a request whose fate is unknown (a timeout, a connection lost after sending) may
/// be sent again: its method is idempotent, or it carries an idempotency key. A `POST`
/// without a key (a voice memo, an app-card update) might have been applied, so it is not
/// repeated; a status the server answered with is retried by the usual rules.
fn safe_to_repeat(parts: &Parts) -> bool {
    let idempotent_method = matches!(
        parts.method.as_str(),
        "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS"
    );
    idempotent_method || parts.key_places.any()
}

/// A request body ready to send, and the idempotency header if the key goes in one.
struct Prepared {
    body: Option<Vec<u8>>,
    key_header: Option<(HeaderName, HeaderValue)>,
}

/// The body bytes and the idempotency header, with the call's one key in place.
fn prepare_body_and_key(parts: &Parts) -> Result<Prepared> {
    let mut body = parts.body.clone();
    let key_header = idempotency::apply(
        parts.key_places,
        parts.idempotency_key.as_deref(),
        &parts.headers,
        &mut body,
    )
    .map_err(Error::InvalidRequest)?;
    let body = body
        .map(|b| serde_json::to_vec(&b))
        .transpose()
        .map_err(|e| {
            Error::InvalidRequest(format!("the request body cannot be serialized: {e}"))
        })?;
    Ok(Prepared { body, key_header })
}

fn url(parts: &Parts) -> Result<reqwest::Url> {
    let base = &parts.client.inner.base_url;
    let mut url = reqwest::Url::parse(&format!(
        "{}{}",
        base.as_str().trim_end_matches('/'),
        parts.path
    ))
    .map_err(|e| {
        Error::InvalidRequest(format!("cannot build the URL for {}: {e}", parts.template))
    })?;
    if !parts.query.is_empty() {
        url.query_pairs_mut()
            .extend_pairs(parts.query.iter().map(|(k, v)| (*k, v.as_str())));
    }
    Ok(url)
}

/// Decodes a response body, naming the JSON path of the first value that does not fit.
/// An empty body decodes as JSON `null`, which is what operations without content expect.
pub(crate) fn decode<T: DeserializeOwned>(parts: &Parts, raw: &RawResponse) -> Result<T> {
    let bytes: &[u8] = if raw.body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &raw.body
    };
    let error = |json_path: String, message: String| {
        Error::Decode(Box::new(DecodeError {
            method: parts.method.to_string(),
            path: parts.template,
            status: raw.status,
            json_path,
            message,
            snippet: snippet(&raw.body),
        }))
    };
    // Fast path first; only a body that fails is decoded again to find the failing path.
    if let Ok(value) = serde_json::from_slice(bytes) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| error(e.path().to_string(), e.inner().to_string()))?;
    deserializer
        .end()
        .map_err(|e| error(".".to_owned(), e.to_string()))?;
    Ok(value)
}

/// The first 200 characters of a body, for error messages.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}
