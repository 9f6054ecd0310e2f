//! A decoded body together with the HTTP status and headers it came with.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A decoded response body with its status and headers, from
/// [`Request::send_with_response`](crate::Request::send_with_response).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// HTTP status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
    /// The body as it came, before decoding: for fields this version of the SDK does not
    /// know, or to log what the API sent.
    pub raw_body: bytes::Bytes,
}

impl<T> Response<T> {
    /// The request id the server assigned (`x-request-id`), if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
    }

    /// The decoded body.
    pub fn into_body(self) -> T {
        self.body
    }
}
