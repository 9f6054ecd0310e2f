//! What the mock saw: one [`RecordedCall`] per call, with what the code under test sent.

use std::collections::BTreeMap;

use bytes::Bytes;
use reqwest::header::{HeaderMap, AUTHORIZATION};
use reqwest::Method;
use serde::de::DeserializeOwned;

use super::route::Route;
use crate::transport::TransportRequest;

/// A call the mock received: its operation, what it sent, and how many attempts it took.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RecordedCall {
    /// The operation's id (`chats.messages.send`); `None` for a request to another host
    /// (an upload to its pre-signed URL).
    pub operation: Option<&'static str>,
    /// HTTP method.
    pub method: Method,
    /// The path as sent, percent-encoded.
    pub path: String,
    /// The path parameters by their names in the template, decoded.
    pub path_params: BTreeMap<String, String>,
    /// The query parameters, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The request headers of the first attempt (without `authorization`).
    pub headers: HeaderMap,
    /// The body of the first attempt.
    pub body: Option<Bytes>,
    /// How many attempts the call took so far (1 when it was not retried).
    pub attempts: u32,
}

impl RecordedCall {
    pub(super) fn new(attempt: &TransportRequest, route: Option<&Route>) -> Self {
        let request = &attempt.request;
        let mut headers = request.headers().clone();
        headers.remove(AUTHORIZATION);
        RecordedCall {
            operation: route.map(|(op, _)| op.id),
            method: request.method().clone(),
            path: request.url().path().to_owned(),
            path_params: route.map(|(_, params)| params.clone()).unwrap_or_default(),
            query: request.url().query_pairs().into_owned().collect(),
            headers,
            body: request
                .body()
                .and_then(|b| b.as_bytes())
                .map(Bytes::copy_from_slice),
            attempts: 1,
        }
    }

    /// The body decoded into the operation's request type (or any other):
    /// `call.body::<MessageSendParams>()`.
    ///
    /// # Panics
    ///
    /// When the call has no body, or it does not decode into `T`.
    pub fn body<T: DeserializeOwned>(&self) -> T {
        let name = self.operation.unwrap_or(self.path.as_str());
        let body = self
            .body
            .as_ref()
            .unwrap_or_else(|| panic!("testing: the call to `{name}` has no body"));
        serde_json::from_slice(body).unwrap_or_else(|e| {
            panic!("testing: the body of the call to `{name}` does not decode: {e}")
        })
    }

    /// The value of a path parameter, by its name in the path template (`chatId`).
    pub fn path_param(&self, name: &str) -> Option<&str> {
        self.path_params.get(name).map(String::as_str)
    }

    /// The first value of a query parameter.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        let mut pairs = self.query.iter();
        pairs.find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// A request header, as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}
