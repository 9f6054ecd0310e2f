//! What a call names its operation by, in errors, traces and transports.

use std::fmt;

use reqwest::Method;

/// The operation a call was made to: its HTTP method and path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// HTTP method.
    pub method: Method,
    /// Path template of the operation, e.g. `/v3/chats/{chatId}` (the path itself, for a
    /// raw request (`Client::raw`)).
    pub path: std::borrow::Cow<'static, str>,
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}
