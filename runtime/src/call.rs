//! The untyped description of one API call: endpoint, path, query, headers, body and where
//! its idempotency key travels. Generated resource methods build it with the hooks below
//! (reached through the `__private` module); [`Request`](crate::Request) and
//! [`PageRequest`](crate::PageRequest) wrap it with a response type.

use std::borrow::Cow;
use std::fmt::Display;
use std::time::Duration;

use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::HeaderMap;
use reqwest::{Method, Url};
use serde::Serialize;

use crate::client::{ClientCore, Sdk};
use crate::encode::{self, QueryStyle};
use crate::error::Endpoint;
use crate::idempotency::IdempotencyKeySlot;
use crate::multipart::MultipartBody;

/// Everything a path segment may hold unescaped: RFC 3986 `pchar` (unreserved characters,
/// sub-delimiters, `:` and `@`), as the official SDKs send them (`/v3/phone_numbers/
/// +12052535597`). Escaped: `/`, `?`, `#`, `%`, space, controls, non-ASCII and the rest.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    // unreserved
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    // sub-delims
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    // and the two pchar adds
    .remove(b':')
    .remove(b'@');

/// One call, not yet sent. Built by generated code; not meant to be built by hand.
#[derive(Clone)]
pub struct Call {
    pub(crate) client: ClientCore,
    pub(crate) endpoint: Endpoint,
    /// The path, built from literal pieces and escaped parameters.
    pub(crate) path: String,
    pub(crate) query: Vec<(Cow<'static, str>, String)>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Body,
    /// The header that carries the idempotency key, if the operation takes one there.
    pub(crate) key_header: Option<&'static str>,
    /// Whether the operation carries an idempotency key (in a header, the body, or both).
    pub(crate) keyed: bool,
    /// The key the caller chose with `Request::idempotency_key`; once the call is prepared,
    /// the key every attempt carries.
    pub(crate) idempotency_key: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    /// The first problem found while building, reported when the call is sent.
    pub(crate) invalid: Option<String>,
    /// A URL outside the API (a pre-signed upload URL), used instead of base URL + path. Such
    /// a call carries none of the client's headers, so never the API key.
    pub(crate) foreign: Option<Url>,
    /// Fields the caller adds to the JSON body, merged in once, when the call is prepared.
    pub(crate) extra_fields: Vec<(String, serde_json::Value)>,
    /// Whether the operation is documented without a response body, so whatever body the
    /// server sends anyway is ignored (the generator says so; see
    /// [`without_response_body`](Self::without_response_body)).
    pub(crate) ignores_response_body: bool,
}

/// A request body.
pub(crate) enum Body {
    None,
    /// JSON, serialized once when the call was built.
    Json(Bytes),
    /// Bytes sent as they are (an upload), with whatever content type the caller set.
    Raw(Bytes),
    /// JSON with a slot for the idempotency key, serialized once the key is fixed.
    Keyed(Box<dyn KeyedBody>),
}

impl Clone for Body {
    fn clone(&self) -> Self {
        match self {
            Body::None => Body::None,
            Body::Json(bytes) => Body::Json(bytes.clone()),
            Body::Raw(bytes) => Body::Raw(bytes.clone()),
            Body::Keyed(body) => Body::Keyed(body.clone_box()),
        }
    }
}

/// A typed body with an idempotency key slot, behind a box so `Call` stays untyped.
pub(crate) trait KeyedBody: Send + Sync {
    fn key_slot(&mut self) -> &mut Option<String>;
    fn to_json(&self) -> serde_json::Result<Vec<u8>>;
    fn clone_box(&self) -> Box<dyn KeyedBody>;
}

impl<B> KeyedBody for B
where
    B: IdempotencyKeySlot + Serialize + Clone + Send + Sync + 'static,
{
    fn key_slot(&mut self) -> &mut Option<String> {
        self.idempotency_key_slot()
    }

    fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        serde_json::to_vec(self)
    }

    fn clone_box(&self) -> Box<dyn KeyedBody> {
        Box::new(self.clone())
    }
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.endpoint.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

/// The hooks generated code builds a call with.
impl Call {
    /// A call of `method` on the operation whose path template is `template` (kept as it is
    /// for errors and tracing); [`path_param`](Self::path_param) fills in each parameter.
    pub fn new(client: &impl Sdk, method: Method, template: &'static str) -> Self {
        Call::of(client.core(), method, template)
    }

    /// [`new`](Self::new) on the client's core.
    fn of(client: &ClientCore, method: Method, template: &'static str) -> Self {
        Call {
            client: client.clone(),
            endpoint: Endpoint {
                method,
                path: Cow::Borrowed(template),
            },
            path: template.to_owned(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: Body::None,
            key_header: None,
            keyed: false,
            idempotency_key: None,
            timeout: None,
            max_retries: None,
            invalid: None,
            foreign: None,
            extra_fields: Vec::new(),
            ignores_response_body: false,
        }
    }

    /// Puts a path parameter in place of `{name}` in the template, escaped so it stays
    /// exactly one path segment. An empty value, `.` or `..` would change which resource the
    /// path names: the call fails when sent, naming the parameter.
    pub fn path_param(mut self, name: &'static str, value: impl Display) -> Self {
        let value = value.to_string();
        if value.is_empty() || value == "." || value == ".." {
            self.invalid(format!(
                "path parameter `{name}` must not be empty, `.` or `..` (got `{value}`)"
            ));
            return self;
        }
        let escaped = utf8_percent_encode(&value, SEGMENT).to_string();
        // In place, at every `{name}` (the escaped value holds no brace).
        let mut from = 0;
        while let Some(at) = self.path[from..].find('{').map(|i| i + from) {
            let end = at + 1 + name.len();
            if self.path[at + 1..].starts_with(name) && self.path[end..].starts_with('}') {
                self.path.replace_range(at..=end, &escaped);
                from = at + escaped.len();
            } else {
                from = at + 1;
            }
        }
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &'static str, value: impl Display) -> Self {
        self.query.push((Cow::Borrowed(name), value.to_string()));
        self
    }

    /// Adds a query parameter when a value is given.
    pub fn query_opt(self, name: &'static str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.query(name, v),
            None => self,
        }
    }

    /// Adds a query parameter once per value (`?to=a&to=b`).
    pub fn query_each<V: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        for v in values {
            self = self.query(name, v);
        }
        self
    }

    /// Adds a query parameter that is a list, an object or a union, laid out in `style`;
    /// nothing when `value` is `None` or serializes to `null`.
    pub fn query_styled<V: Serialize>(
        mut self,
        name: &'static str,
        style: QueryStyle,
        value: Option<&V>,
    ) -> Self {
        let Some(value) = value else { return self };
        match encode::query_pairs(name, style, value) {
            Ok(pairs) => self
                .query
                .extend(pairs.into_iter().map(|(k, v)| (Cow::Owned(k), v))),
            Err(problem) => self.invalid(problem),
        }
        self
    }

    /// Appends a path parameter of a serialized type (a union of scalars): its value as
    /// text, escaped as [`path_param`](Self::path_param) escapes.
    pub fn path_param_serialized(mut self, name: &'static str, value: &impl Serialize) -> Self {
        match encode::path_text(name, value) {
            Ok(text) => self.path_param(name, text),
            Err(problem) => {
                self.invalid(problem);
                self
            }
        }
    }

    /// Adds a header (replacing one of the same name).
    pub fn header(mut self, name: &str, value: impl Display) -> Self {
        self.set_header(name, &value.to_string());
        self
    }

    /// Adds a header when a value is given.
    pub fn header_opt(self, name: &str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.header(name, v),
            None => self,
        }
    }

    /// Adds a header with the values joined by commas.
    pub fn header_each<V: Display>(self, name: &str, values: impl IntoIterator<Item = V>) -> Self {
        let joined: Vec<String> = values.into_iter().map(|v| v.to_string()).collect();
        if joined.is_empty() {
            self
        } else {
            self.header(name, joined.join(","))
        }
    }

    /// Sets a JSON body, serialized here, once.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Body::Json(bytes.into()),
            Err(e) => self.invalid(format!("the request body cannot be serialized: {e}")),
        }
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body, encoded here, once.
    pub fn form(self, body: &impl Serialize) -> Self {
        let encoded = encode::form(body);
        self.encoded(encoded.map(|b| (b, "application/x-www-form-urlencoded".to_owned())))
    }

    /// Sets a `multipart/form-data` body: the parts its [`MultipartBody`] impl names;
    /// encoded here, once, with a fresh boundary.
    pub fn multipart(self, body: &(impl MultipartBody + ?Sized)) -> Self {
        let encoded = crate::multipart::encode(body)
            .map_err(|problem| format!("the multipart body cannot be encoded: {problem}"));
        self.encoded(encoded)
    }

    /// Marks an operation documented without a response body: a body the server sends
    /// anyway is ignored rather than decoded, since the call succeeded.
    pub fn without_response_body(mut self) -> Self {
        self.ignores_response_body = true;
        self
    }

    /// Sets a body of bytes sent as they are, with its media type.
    pub fn bytes(mut self, body: impl Into<Bytes>, content_type: &str) -> Self {
        self.set_header("content-type", content_type);
        self.body = Body::Raw(body.into());
        self
    }

    /// The bytes and media type of an encoded body, or why it could not be encoded.
    fn encoded(mut self, encoded: std::result::Result<(Vec<u8>, String), String>) -> Self {
        match encoded {
            Ok((bytes, content_type)) => self.bytes(bytes, &content_type),
            Err(problem) => {
                self.invalid(problem);
                self
            }
        }
    }

    /// Sets a JSON body that carries the call's idempotency key in a field; it is
    /// serialized once the key is fixed, when the call is sent.
    pub fn json_keyed<B>(mut self, body: B) -> Self
    where
        B: IdempotencyKeySlot + Serialize + Clone + Send + Sync + 'static,
    {
        self.body = Body::Keyed(Box::new(body));
        self.keyed = true;
        self
    }

    /// Sends the call's idempotency key in the header `name` on every attempt.
    pub fn idempotency_header(mut self, name: &'static str) -> Self {
        self.key_header = Some(name);
        self.keyed = true;
        self
    }
}

/// Raw calls: any path of the API, for operations this version of the SDK does not have.
impl Call {
    /// A call of `method` to `path` (from the base URL, starting with `/`, escaped by the
    /// caller), with the client's authentication, retries, timeouts and errors.
    pub(crate) fn raw(client: &ClientCore, method: Method, path: &str) -> Self {
        let mut call = Call::of(client, method, "");
        call.endpoint.path = Cow::Owned(path.to_owned());
        call.path.clear();
        if !path.starts_with('/') || path.contains(['?', '#']) {
            call.invalid(format!(
                "a raw request's path must start with `/` and hold no query or fragment \
                 (add query parameters with `.query(…)`), not `{path}`"
            ));
        }
        call.path.push_str(path);
        call
    }
}

/// Calls to a URL outside the API, for hand-written flows such as uploads.
impl Call {
    /// A call of `method` to `url`, a host that is not the API: it carries only the headers
    /// given with [`header`](Self::header), never the client's (so never the API key).
    /// `name` stands for it in errors and tracing.
    pub fn foreign(client: &impl Sdk, method: Method, url: Url, name: &'static str) -> Self {
        let mut call = Call::of(client.core(), method, name);
        call.foreign = Some(url);
        call
    }

    /// Sends `bytes` as the body, as they are.
    pub fn raw_body(mut self, bytes: Bytes) -> Self {
        self.body = Body::Raw(bytes);
        self
    }
}

mod prepare;

pub(crate) use prepare::Prepared;

#[cfg(test)]
mod tests;
