//! A typed request: a [`Call`] with the type its response decodes to, configured by the
//! caller, sent when awaited.

use std::fmt::Display;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use crate::call::Call;
use crate::decode::{AsJson, Decoder};
use crate::error::{Error, Result};
use crate::response::Response;

/// Marks a request whose operation takes no idempotency key.
#[derive(Debug, Clone, Copy)]
pub enum NotIdempotent {}

/// Marks a request whose retries reuse one idempotency key, so it can never be applied
/// twice; [`Request::idempotency_key`] sets the key yourself.
#[derive(Debug, Clone, Copy)]
pub enum Idempotent {}

/// A boxed, `Send` future, as returned by awaiting a request.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// One API call, not yet sent. Await it to send it and decode the response body as `T`;
/// configure it first with [`timeout`](Self::timeout), [`max_retries`](Self::max_retries),
/// [`header`](Self::header) or, for sending operations, `idempotency_key`.
///
/// `K` says whether retries carry an idempotency key; `D` how the body is decoded (JSON,
/// or bytes and text for binary and text responses). Both are fixed by the operation.
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<T, K = NotIdempotent, D = AsJson> {
    pub(crate) call: Call,
    _marker: Marker<T, K, D>,
}

/// Ties a request to its type parameters without owning values of them (and keeps it
/// `Send` and `Sync` whatever they are).
type Marker<T, K, D> = PhantomData<fn() -> (T, K, D)>;

impl<T, K, D> From<Call> for Request<T, K, D> {
    fn from(call: Call) -> Self {
        Request {
            call,
            _marker: PhantomData,
        }
    }
}

impl<T, K, D> std::fmt::Debug for Request<T, K, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.call.endpoint.method)
            .field("path", &self.call.path)
            .field("query", &self.call.query)
            .finish_non_exhaustive()
    }
}

impl<T, D> Request<T, Idempotent, D> {
    /// The idempotency key to send (at most 255 characters, no control characters).
    /// Without one, the SDK generates a UUID v4 per call; either way every retry of the
    /// call carries the same key, so the server applies it at most once.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.call.idempotency_key = Some(key.into());
        self
    }
}

impl<T, K, D> Request<T, K, D> {
    /// The timeout of each attempt of this request, instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.call.timeout = Some(timeout);
        self
    }

    /// How many times this request is retried, instead of the client's retry policy's limit.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.call.max_retries = Some(retries);
        self
    }

    /// Adds a header to this request (replacing one of the same name).
    pub fn header(mut self, name: &str, value: impl Display) -> Self {
        self.call.set_header(name, &value.to_string());
        self
    }
}

impl<T: Send + 'static, K, D: Decoder<T>> Request<T, K, D> {
    /// Sends the request and returns the decoded body along with the HTTP status and
    /// headers.
    pub async fn send_with_response(mut self) -> Result<Response<T>> {
        let raw = crate::send::send(&mut self.call).await?;
        let body = D::decode(&self.call.endpoint, raw.status, raw.body).map_err(|mut e| {
            if let Error::Decode(decode) = &mut e {
                decode.idempotency_key = self.call.sent_key();
            }
            e
        })?;
        Ok(Response {
            status: raw.status,
            headers: raw.headers,
            body,
        })
    }

    /// Sends the request and decodes the body (the same as awaiting the request).
    pub async fn send(self) -> Result<T> {
        self.send_with_response().await.map(Response::into_body)
    }
}

impl<T: Send + 'static, K: 'static, D: Decoder<T> + 'static> IntoFuture for Request<T, K, D> {
    type Output = Result<T>;
    type IntoFuture = BoxFuture<Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
