//! A typed request: a [`Call`] with the type its response decodes to, configured by the
//! caller, sent when awaited.

use std::fmt::Display;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde::Serialize;

use crate::call::Call;
use crate::client::ClientCore;
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

    /// Adds a query parameter, for one this version of the SDK does not know yet (repeat it
    /// for a list: `?to=a&to=b`).
    pub fn query(mut self, name: &str, value: impl Display) -> Self {
        self.call
            .query
            .push((std::borrow::Cow::Owned(name.to_owned()), value.to_string()));
        self
    }

    /// Adds a field to the JSON body (replacing one of the same name), for one this version
    /// of the SDK does not know yet; a request without a body gets a body of its extra
    /// fields. A request whose body is not JSON fails with [`Error::InvalidRequest`].
    pub fn body_field(mut self, name: &str, value: impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(value) => self.call.extra_fields.push((name.to_owned(), value)),
            Err(e) => self
                .call
                .invalid(format!("the body field `{name}` cannot be serialized: {e}")),
        }
        self
    }
}

impl<T: Send + 'static, K, D: Decoder<T>> Request<T, K, D> {
    /// Sends the request and returns the decoded body along with the HTTP status and
    /// headers.
    pub async fn send_with_response(mut self) -> Result<Response<T>> {
        let raw = crate::send::send(&mut self.call).await?;
        let raw_body = raw.body.clone();
        let decoded = if self.call.ignores_response_body {
            Bytes::new()
        } else {
            raw.body
        };
        let body = D::decode(&self.call.endpoint, raw.status, decoded).map_err(|mut e| {
            if let Error::Decode(decode) = &mut e {
                decode.idempotency_key = self.call.sent_key();
            }
            e
        })?;
        Ok(Response {
            status: raw.status,
            headers: raw.headers,
            body,
            raw_body,
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

/// Raw requests: any path of the API, on the client.
impl ClientCore {
    /// A request to any path of the API, for an operation this version of the SDK does not
    /// have yet: `path` goes after the base URL (start it with `/`; escape its segments
    /// yourself). It is sent like every call, with the client's authentication, retries,
    /// timeouts and errors, and decodes its JSON answer into `T` (`serde_json::Value`, or a
    /// type of your own). Add query parameters with [`Request::query`] and a body with
    /// [`raw_json`](Self::raw_json) or [`Request::body_field`]. A raw `POST` or `PATCH`
    /// carries no idempotency key, so it is never repeated once it may have been applied.
    ///
    /// ```no_run
    /// # use linq_api as sdk;
    /// # async fn run(client: sdk::Client) -> sdk::Result<()> {
    /// use sdk::Method;
    ///
    /// let chats: serde_json::Value = client
    ///     .raw(Method::GET, "/v3/chats")
    ///     .query("limit", 5)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn raw<T>(&self, method: Method, path: &str) -> Request<T> {
        Request::from(Call::raw(self, method, path))
    }

    /// [`raw`](Self::raw) with a JSON body.
    pub fn raw_json<T>(&self, method: Method, path: &str, body: &impl Serialize) -> Request<T> {
        Request::from(Call::raw(self, method, path).json(body))
    }
}
