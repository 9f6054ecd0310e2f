//! A request value: built by a resource method, configured by the caller, sent when awaited.

use std::fmt::Display;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::client::Client;
use crate::error::Result;
use crate::idempotency::KeyPlaces;
use crate::pagination::PageRequest;
use crate::response::Response;

/// Everything a path segment may hold unescaped: RFC 3986 "unreserved" characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

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
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<T, K = NotIdempotent> {
    pub(crate) parts: Parts,
    _marker: PhantomData<fn() -> (T, K)>,
}

/// The untyped description of a request.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    pub(crate) client: Client,
    pub(crate) method: Method,
    /// The path template, for errors and tracing: `/v3/chats/{chatId}`.
    pub(crate) template: &'static str,
    /// The path with parameters substituted and escaped.
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<serde_json::Value>,
    pub(crate) key_places: KeyPlaces,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    /// The first problem found while building, reported when the request is sent.
    pub(crate) invalid: Option<String>,
}

impl<T, K> std::fmt::Debug for Request<T, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.parts.method)
            .field("path", &self.parts.path)
            .field("query", &self.parts.query)
            .finish_non_exhaustive()
    }
}

// Hooks the generated resource methods build requests with. Any one spec uses only some of
// them (the Linq spec has no header parameters, for instance), hence `allow(dead_code)`.
#[allow(dead_code)]
impl<T> Request<T, NotIdempotent> {
    /// A request for `template`, whose `{name}` placeholders [`Self::path_param`] fills.
    pub(crate) fn new(client: &Client, method: Method, template: &'static str) -> Self {
        Request {
            parts: Parts {
                client: client.clone(),
                method,
                template,
                path: template.to_owned(),
                query: Vec::new(),
                headers: HeaderMap::new(),
                body: None,
                key_places: KeyPlaces::default(),
                idempotency_key: None,
                timeout: None,
                max_retries: None,
                invalid: None,
            },
            _marker: PhantomData,
        }
    }

    /// Turns a list request into one that pages with the `cursor_param` query parameter.
    pub(crate) fn paginate(self, cursor_param: &'static str) -> PageRequest<T> {
        PageRequest::new(self, cursor_param)
    }
}

impl<T> Request<T, Idempotent> {
    /// The idempotency key to send (at most 255 characters, no control characters).
    /// Without one, the SDK generates a UUID v4 per call; either way every retry of the
    /// call carries the same key, so the server applies it at most once.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.parts.idempotency_key = Some(key.into());
        self
    }
}

impl<T, K> Request<T, K> {
    pub(crate) fn from_parts(parts: Parts) -> Self {
        Request {
            parts,
            _marker: PhantomData,
        }
    }

    /// The timeout of each attempt of this request, instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.parts.timeout = Some(timeout);
        self
    }

    /// How many times this request is retried, instead of the client's setting.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.parts.max_retries = Some(retries);
        self
    }

    /// Adds a header to this request (replacing one of the same name).
    pub fn header(mut self, name: &str, value: impl Display) -> Self {
        let value = value.to_string();
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            (Ok(name), Ok(value)) => {
                self.parts.headers.insert(name, value);
            }
            (Err(_), _) => self.invalid(format!("`{name}` is not a valid header name")),
            (_, Err(_)) => self.invalid(format!(
                "the value of header `{name}` contains characters not allowed in a header"
            )),
        }
        self
    }
}

#[allow(dead_code)] // generator hooks, as above
impl<T, K> Request<T, K> {
    /// Sends the call's idempotency key in the `header` on every attempt.
    pub(crate) fn idempotency_header(mut self, header: &'static str) -> Request<T, Idempotent> {
        self.parts.key_places.header = Some(header);
        Request::from_parts(self.parts)
    }

    /// Sends the call's idempotency key in the JSON body at `path` on every attempt.
    pub(crate) fn idempotency_body_field(
        mut self,
        path: &'static [&'static str],
    ) -> Request<T, Idempotent> {
        self.parts.key_places.body_field = Some(path);
        Request::from_parts(self.parts)
    }

    /// Adds a header when a value is given.
    pub(crate) fn header_opt(self, name: &str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.header(name, v),
            None => self,
        }
    }

    /// Adds a header with the values joined by commas.
    pub(crate) fn header_each<V: Display>(
        self,
        name: &str,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let joined: Vec<String> = values.into_iter().map(|v| v.to_string()).collect();
        if joined.is_empty() {
            self
        } else {
            self.header(name, joined.join(","))
        }
    }

    /// Fills the `{name}` placeholder with `value`, escaped so it stays one path segment.
    pub(crate) fn path_param(mut self, name: &str, value: impl Display) -> Self {
        let value = value.to_string();
        if value.is_empty() || value == "." || value == ".." {
            self.invalid(format!(
                "path parameter `{name}` must not be empty, `.` or `..` (got `{value}`)"
            ));
            return self;
        }
        let encoded = utf8_percent_encode(&value, SEGMENT).to_string();
        self.parts.path = self.parts.path.replace(&format!("{{{name}}}"), &encoded);
        self
    }

    /// Adds a query parameter.
    pub(crate) fn query(mut self, name: &'static str, value: impl Display) -> Self {
        self.parts.query.push((name, value.to_string()));
        self
    }

    /// Adds a query parameter when a value is given.
    pub(crate) fn query_opt(self, name: &'static str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.query(name, v),
            None => self,
        }
    }

    /// Adds a query parameter once per value (`?to=a&to=b`).
    pub(crate) fn query_each<V: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        for v in values {
            self = self.query(name, v);
        }
        self
    }

    /// Sets the JSON body.
    pub(crate) fn json(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_value(body) {
            Ok(value) => self.parts.body = Some(value),
            Err(e) => self.invalid(format!("the request body cannot be serialized: {e}")),
        }
        self
    }

    fn invalid(&mut self, message: String) {
        self.parts.invalid.get_or_insert(message);
    }
}

impl<T: DeserializeOwned + Send + 'static, K> Request<T, K> {
    /// Sends the request and returns the decoded body along with the HTTP status and
    /// headers.
    pub async fn send_with_response(self) -> Result<Response<T>> {
        let raw = crate::send::send(&self.parts).await?;
        let body = crate::send::decode(&self.parts, &raw)?;
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

impl<T: DeserializeOwned + Send + 'static, K: 'static> IntoFuture for Request<T, K> {
    type Output = Result<T>;
    type IntoFuture = BoxFuture<Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
