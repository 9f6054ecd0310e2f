//! Everything generated code calls in the runtime besides [`exports`](crate::exports), in
//! one place: what the SDK tells the runtime about itself ([`Sdk`]), the [`Call`] builder,
//! the idempotency key slot and multipart parts request bodies implement, the serde helpers of generated types
//! ([`codec`]), and the row type of the generated table of operations. Hidden: not part of
//! any SDK's API.

pub use crate::call::Call;
pub use crate::client::{ClientCore, Sdk};
pub use crate::codec;
pub use crate::encode::QueryStyle;
pub use crate::error::ErrorEnvelope;
pub use crate::idempotency::IdempotencyKeySlot;
pub use crate::multipart::{Form, MultipartBody};

/// Sends `call` as every call is sent (retries, errors, tracing), for hand-written flows
/// such as an upload to a pre-signed URL, which need only whether it succeeded.
pub async fn send(call: &mut Call) -> crate::Result<()> {
    crate::send::send(call).await.map(drop)
}

/// One operation of the API as the generator saw it: the generated `OPERATIONS` table has a
/// row per operation, in spec order, for tests and tooling that must cover every operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// Resource path and method name joined by dots: `chats.messages.send`.
    pub id: &'static str,
    /// Resource path from the client: `["chats", "messages"]`.
    pub resource: &'static [&'static str],
    /// Method name on the resource.
    pub method: &'static str,
    /// HTTP method.
    pub http_method: &'static str,
    /// Path template.
    pub path: &'static str,
    /// The documented success status.
    pub success_status: u16,
    /// The request body type, if any.
    pub request: Option<&'static str>,
    /// The query and header parameters type, if any.
    pub query: Option<&'static str>,
    /// The success response body type; `None` when the response has no body.
    pub response: Option<&'static str>,
    /// Whether the operation pages.
    pub paginated: bool,
    /// Whether the operation carries an idempotency key.
    pub idempotent: bool,
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// The spec's example of the success response body, as JSON (what the `test-util`
    /// stubs answer by default).
    pub example: Option<&'static str>,
}
