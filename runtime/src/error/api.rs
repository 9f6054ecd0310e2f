//! The errors of an answer: an error status ([`ApiError`], classified by [`ErrorKind`]) and
//! a success whose body did not decode ([`DecodeError`]).

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::{key_note, withheld, Endpoint, ErrorEnvelope, RetryWithheld};

/// The kind of an API error, by HTTP status, as the official SDKs classify them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400
    BadRequest,
    /// 401
    Authentication,
    /// 403
    PermissionDenied,
    /// 404
    NotFound,
    /// 409
    Conflict,
    /// 422
    UnprocessableEntity,
    /// 429
    RateLimited,
    /// 5xx
    InternalServer,
    /// Any other status.
    Other,
}

impl ErrorKind {
    /// The kind for an HTTP status.
    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Authentication,
            403 => ErrorKind::PermissionDenied,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::UnprocessableEntity,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::InternalServer,
            _ => ErrorKind::Other,
        }
    }
}

/// An error response of the API.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The operation.
    pub endpoint: Endpoint,
    /// HTTP status.
    pub status: StatusCode,
    /// Classification of the status.
    pub kind: ErrorKind,
    /// The API's error code, from the body (where the API's error envelope puts it).
    pub code: Option<i64>,
    /// The error message, from the body.
    pub message: Option<String>,
    /// The link to the error's documentation, from the body.
    pub doc_url: Option<String>,
    /// The `x-request-id` response header.
    pub request_id: Option<String>,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw body, lossily decoded as UTF-8 (secrets of the request's URL taken out).
    pub body: String,
    /// The URL the request went to (without credentials, and without the query of a URL
    /// outside the API): shown when the body is not the API's error envelope, which usually
    /// means the request did not reach the API (a wrong base URL, a proxy's error page).
    pub url: String,
    /// Why the call stopped although the status is one that is retried, if it did.
    pub retry_withheld: Option<RetryWithheld>,
    /// The idempotency key the request carried on every attempt, for operations that take
    /// one.
    pub idempotency_key: Option<String>,
}

impl ApiError {
    /// Builds the error for a non-success response, reading the details the API's error
    /// `envelope` locates in the body.
    pub(crate) fn new(
        endpoint: Endpoint,
        status: StatusCode,
        headers: HeaderMap,
        body: &[u8],
        envelope: &ErrorEnvelope,
    ) -> Self {
        let details = envelope.read(body);
        let request_id = ["x-request-id", "request-id"]
            .iter()
            .find_map(|h| headers.get(*h))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        ApiError {
            endpoint,
            status,
            kind: ErrorKind::from_status(status),
            code: details.code,
            message: details.message,
            doc_url: details.doc_url,
            request_id,
            headers,
            body: String::from_utf8_lossy(body).into_owned(),
            url: String::new(),
            retry_withheld: None,
            idempotency_key: None,
        }
    }

    /// Whether the request may have been applied: the server answered with a `5xx` other
    /// than `503`, so it may have done the work before failing (see
    /// [`Error::may_have_been_applied`](crate::Error::may_have_been_applied)).
    pub fn may_have_been_applied(&self) -> bool {
        self.status.is_server_error()
            && !crate::retry::surely_not_processed(self.status, &self.headers)
    }

    /// The wait the server asked for before trying again (`Retry-After-Ms`, or
    /// `Retry-After` in seconds or as an HTTP date), typically on a 429 or 503. Read the same
    /// way the retry policy reads it.
    pub fn retry_after(&self) -> Option<Duration> {
        crate::retry::server_wait(&self.headers, jiff::Timestamp::now())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} returned {}", self.endpoint, self.status)?;
        if let Some(code) = self.code {
            write!(f, " (code {code})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(url) = &self.doc_url {
            write!(f, " — see {url}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        if self.code.is_none() && self.message.is_none() {
            // Not the API's error envelope: say where the answer came from and what it was.
            if !self.url.is_empty() {
                write!(f, " from {}", self.url)?;
            }
            if !self.body.trim().is_empty() {
                write!(f, "; body starts with: {}", snippet(&self.body))?;
            }
        }
        if self.may_have_been_applied() {
            f.write_str("; the request may have been applied")?;
        }
        f.write_str(&withheld(self.retry_withheld))?;
        f.write_str(&key_note(self.idempotency_key.as_deref()))
    }
}

impl std::error::Error for ApiError {}

/// A response body that did not decode into the expected type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeError {
    /// The operation.
    pub endpoint: Endpoint,
    /// HTTP status of the response.
    pub status: StatusCode,
    /// JSON path of the value that failed, e.g. `chats[2].handles[0].joined_at`.
    pub json_path: String,
    /// What was wrong there.
    pub message: String,
    /// The start of the body, for context.
    pub snippet: String,
    /// The idempotency key the request carried, for operations that take one.
    pub idempotency_key: Option<String>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot decode the {} response of {} at `{}`: {}; the request was applied; \
             body starts with: {}{}",
            self.status,
            self.endpoint,
            self.json_path,
            self.message,
            self.snippet,
            key_note(self.idempotency_key.as_deref())
        )
    }
}

impl std::error::Error for DecodeError {}

/// The first 200 characters of a body, on one line, for error messages.
fn snippet(body: &str) -> String {
    let one_line: String = body
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect();
    if body.chars().count() > 200 {
        format!("{one_line}…")
    } else {
        one_line
    }
}
