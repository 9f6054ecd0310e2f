//! Operations of the IR and the resource tree that groups them.

use super::TypeRef;

/// One HTTP operation, resolved and named.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operationId`, or one derived from method and path.
    pub id: String,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template as written in the spec, e.g. `/v3/chats/{chatId}`.
    pub path: String,
    /// The template split into literal text and parameters.
    pub segments: Vec<PathSegment>,
    /// Resource path from the client, e.g. `["chats", "participants"]`.
    pub resource: Vec<String>,
    /// Method name on the resource (snake_case).
    pub method_name: String,
    /// Rustdoc text: summary, description, the endpoint.
    pub doc: Option<String>,
    /// Marked `deprecated: true`.
    pub deprecated: bool,
    /// The operation's first tag.
    pub tag: Option<String>,
    /// Path parameters, in template order; they become positional arguments.
    pub path_params: Vec<Param>,
    /// Query and header parameters (minus an idempotency header the runtime manages).
    pub params: Vec<Param>,
    /// The struct that carries `params`, when there are any.
    pub params_type: Option<String>,
    /// The JSON request body, if any.
    pub body: Option<TypeRef>,
    /// Whether the body must be sent.
    pub body_required: bool,
    /// The success response.
    pub response: ResponseBody,
    /// Cursor pagination, from `x-sdk-pagination`.
    pub pagination: Option<Pagination>,
    /// How a retried call is made safe, from `x-sdk-idempotency`.
    pub idempotency: Option<Idempotency>,
}

/// HTTP methods an operation may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HttpMethod {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl HttpMethod {
    /// The method as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Literal text, copied verbatim.
    Literal(String),
    /// The path parameter at this index of [`Operation::path_params`].
    Param(usize),
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Rust identifier.
    pub ident: String,
    /// Name on the wire.
    pub wire_name: String,
    /// Where the parameter goes.
    pub location: ParamLocation,
    /// Type of the parameter (a list is sent as repeated keys).
    pub ty: TypeRef,
    /// Must be given.
    pub required: bool,
    /// Rustdoc text.
    pub doc: Option<String>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// The body of the documented success response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseBody {
    /// The success status code (the first 2xx in the spec).
    pub status: u16,
    /// The JSON body type, or `None` when the response has no content.
    pub ty: Option<TypeRef>,
}

/// Cursor pagination of a list operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Wire name of the query parameter carrying the cursor.
    pub cursor_param: String,
    /// Rust identifier of the response field holding the next cursor.
    pub next_cursor_field: String,
    /// Rust identifier of the response field holding the page's items.
    pub items_field: String,
    /// Type of one item.
    pub item: TypeRef,
}

/// How the runtime makes retries of an operation safe: one key per call, sent in a header,
/// a body field, or both (kept equal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idempotency {
    /// The request header that carries the key.
    pub header: Option<String>,
    /// The body field that carries the key, as a path of property names.
    pub body_field: Option<Vec<String>>,
}

/// A node of the resource tree: `client.chats()`, `client.chats().participants()`.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// Accessor name (snake_case), e.g. `participants`.
    pub name: String,
    /// Rust struct name, e.g. `ChatParticipants`.
    pub type_name: String,
    /// Indices into [`super::Api::operations`], in spec order.
    pub operations: Vec<usize>,
    /// Child resources, in order of first appearance.
    pub children: Vec<Resource>,
    /// Rustdoc: the description of the tag all of its operations share, if any.
    pub doc: Option<String>,
}
