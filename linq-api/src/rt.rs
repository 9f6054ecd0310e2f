//! What generated code calls in the runtime, in one place: the [`Call`] builder, the
//! idempotency key slot its request bodies implement, and the row type of the generated
//! table of operations. Public only so that generated code in this crate need not carry
//! `allow(dead_code)` for the hooks a spec leaves unused; not part of the API.

pub use crate::call::Call;
pub use crate::encode::QueryStyle;
pub use crate::idempotency::IdempotencyKeySlot;

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
