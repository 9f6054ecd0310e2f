//! The seam between a call and the network: a [`Transport`] carries one attempt to the API
//! and brings back the whole answer. The default sends it with reqwest; another HTTP stack,
//! middleware, or the in-process stubs of the `test-util` feature plug in with
//! [`ClientBuilder::transport`](crate::ClientBuilder::transport). Everything else (retries,
//! idempotency keys, timeouts, the concurrency cap, errors) stays in the runtime, so it runs
//! the same over any transport.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{StatusCode, Url};

use crate::endpoint::Endpoint;

/// What [`Transport::send`] returns: the attempt's answer, later.
pub type TransportFuture =
    Pin<Box<dyn Future<Output = Result<TransportResponse, TransportError>> + Send + 'static>>;

/// Carries attempts to the API. Implementations must be cheap to share: the client holds
/// one for itself and its clones.
pub trait Transport: Send + Sync + 'static {
    /// Sends one attempt and reads its whole answer. The runtime bounds it with the call's
    /// timeout, so an implementation need not time out itself.
    fn send(&self, attempt: TransportRequest) -> TransportFuture;
}

/// One attempt of a call, as a transport receives it.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportRequest {
    /// The HTTP request: method, URL, headers (authorization included) and body.
    pub request: reqwest::Request,
    /// The operation the call was made to.
    pub endpoint: Endpoint,
    /// Identifies the call, the same for each of its attempts (unique in the process).
    pub call: u64,
    /// Which attempt this is: 0 for the first, 1 for the first retry…
    pub attempt: u32,
}

/// The whole answer to an attempt, whatever its status.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TransportResponse {
    /// HTTP status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The body, read in full.
    pub body: Bytes,
}

impl TransportResponse {
    /// An answer with this status, headers and body.
    pub fn new(status: StatusCode, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        TransportResponse {
            status,
            headers,
            body: body.into(),
        }
    }
}

/// An attempt that got no complete answer: either it never reached the server (retrying is
/// safe), or its answer was lost on the way back (it may have been applied).
#[derive(Debug)]
pub struct TransportError(Box<Inner>);

/// Boxed, so that an `Error` stays small.
#[derive(Debug)]
struct Inner {
    sent: bool,
    url: Option<Url>,
    source: Box<dyn StdError + Send + Sync>,
}

impl TransportError {
    /// The request never reached the server (no connection could be opened).
    pub fn not_sent(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        TransportError(Box::new(Inner {
            sent: false,
            url: None,
            source: source.into(),
        }))
    }

    /// The request may have reached the server, but no complete answer came back.
    pub fn response_lost(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        TransportError(Box::new(Inner {
            sent: true,
            url: None,
            source: source.into(),
        }))
    }

    /// Whether the request may have reached the server.
    pub fn may_have_been_sent(&self) -> bool {
        self.0.sent
    }

    /// The URL the attempt went to, as it may be shown (credentials and pre-signed queries
    /// taken out).
    pub fn url(&self) -> Option<&Url> {
        self.0.url.as_ref()
    }

    /// The same error naming `url` (set by the runtime, after redacting it).
    pub(crate) fn with_url(mut self, url: Option<Url>) -> Self {
        self.0.url = url;
        self
    }

    /// A reqwest error, classified; its URL is kept aside so that the runtime can redact it.
    fn from_reqwest(error: reqwest::Error, sent: bool) -> Self {
        let url = error.url().cloned();
        TransportError(Box::new(Inner {
            sent,
            url,
            source: Box::new(error.without_url()),
        }))
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.0.sent {
            "no complete response"
        } else {
            "could not connect"
        };
        match &self.0.url {
            Some(url) => write!(f, "{what} ({url}): {}", self.0.source),
            None => write!(f, "{what}: {}", self.0.source),
        }
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.0.source)
    }
}

/// The default transport: a `reqwest::Client` (and its connection pool).
#[derive(Debug, Clone)]
pub(crate) struct Reqwest(pub(crate) reqwest::Client);

impl Transport for Reqwest {
    fn send(&self, attempt: TransportRequest) -> TransportFuture {
        let http = self.0.clone();
        Box::pin(async move {
            let mut response = http.execute(attempt.request).await.map_err(|e| {
                let sent = !e.is_connect();
                TransportError::from_reqwest(e, sent)
            })?;
            let status = response.status();
            // Taken, not copied: reading the body does not need them.
            let headers = std::mem::take(response.headers_mut());
            let body = response
                .bytes()
                .await
                .map_err(|e| TransportError::from_reqwest(e, true))?;
            Ok(TransportResponse {
                status,
                headers,
                body,
            })
        })
    }
}
