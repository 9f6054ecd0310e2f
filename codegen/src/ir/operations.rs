//! Operations of the IR and the resource tree that groups them.

use super::{TypeId, TypeRef};

/// One HTTP operation, resolved and named.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operation's name in the SDK: resource path and method name joined by `.`, e.g.
    /// `chats.messages.send`.
    pub id: String,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template as written in the spec, e.g. `/v3/chats/{chatId}`.
    pub path: String,
    /// Resource path from the client, e.g. `["chats", "participants"]`.
    pub resource: Vec<String>,
    /// Method name on the resource (snake_case).
    pub method_name: String,
    /// Other names of the method for rustdoc's search (`#[doc(alias)]`): the `operationId`,
    /// the method name without the resource's name (`list` for `list_chats`).
    pub aliases: Vec<String>,
    /// Rustdoc text: summary, description, the endpoint.
    pub doc: String,
    /// Marked `deprecated: true`: the method gets `#[deprecated]`.
    pub deprecated: bool,
    /// Path parameters, in template order; they become the first arguments.
    pub path_params: Vec<PathParam>,
    /// Query and header parameters (minus an idempotency header the runtime manages),
    /// passed as one struct.
    pub params: Option<ParamsArg>,
    /// The JSON request body, if any.
    pub body: Option<Body>,
    /// The success response.
    pub response: ResponseBody,
    /// Whether the operation is a paginated list, by cursor or offset (`x-sdk-pagination`); the
    /// pagination itself is on the response type.
    pub paginated: bool,
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
    /// Every method, in the order OpenAPI lists them in a path item.
    pub const ALL: [HttpMethod; 8] = [
        HttpMethod::Get,
        HttpMethod::Put,
        HttpMethod::Post,
        HttpMethod::Delete,
        HttpMethod::Options,
        HttpMethod::Head,
        HttpMethod::Patch,
        HttpMethod::Trace,
    ];

    /// The method as written on the wire (`POST`).
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

    /// The method of a path item key (`post`), if the key is one.
    pub fn from_key(key: &str) -> Option<HttpMethod> {
        HttpMethod::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The path item key of the method (`post`).
    pub fn key(self) -> &'static str {
        match self {
            HttpMethod::Get => "get",
            HttpMethod::Put => "put",
            HttpMethod::Post => "post",
            HttpMethod::Delete => "delete",
            HttpMethod::Options => "options",
            HttpMethod::Head => "head",
            HttpMethod::Patch => "patch",
            HttpMethod::Trace => "trace",
        }
    }
}

/// A path parameter: a positional argument of the resource method.
#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    /// Argument name.
    pub ident: String,
    /// Name in the path template.
    pub wire_name: String,
    /// What the argument accepts.
    pub arg: PathArg,
}

/// The type a path parameter argument accepts.
#[derive(Debug, Clone, PartialEq)]
pub enum PathArg {
    /// Anything printable (`&str`, `String`, `Uuid`…): string and UUID ids.
    Display,
    /// This type, whose values are written as text.
    Typed(TypeRef),
    /// This id type (`x-sdk-id`), or anything that converts into it.
    Id(TypeRef),
    /// This type (a union of scalars), serialized to a single scalar at run time.
    Serialized(TypeRef),
}

impl Operation {
    /// The named types the operation names directly: `(request side, response side)`: its
    /// typed path parameters, its parameter struct and its body; its response.
    pub fn types(&self) -> (Vec<TypeId>, Option<TypeId>) {
        let mut request: Vec<TypeId> = self
            .path_params
            .iter()
            .filter_map(|p| p.arg.ty().and_then(TypeRef::named))
            .collect();
        request.extend(self.params.as_ref().map(|p| p.ty));
        request.extend(self.body.as_ref().and_then(|b| b.ty.named()));
        (request, self.response.ty.as_ref().and_then(TypeRef::named))
    }
}

impl PathArg {
    /// The argument's type, unless it takes anything printable.
    pub fn ty(&self) -> Option<&TypeRef> {
        match self {
            PathArg::Display => None,
            PathArg::Typed(ty) | PathArg::Id(ty) | PathArg::Serialized(ty) => Some(ty),
        }
    }

    /// The argument's type, mutably, unless it takes anything printable.
    pub fn ty_mut(&mut self) -> Option<&mut TypeRef> {
        match self {
            PathArg::Display => None,
            PathArg::Typed(ty) | PathArg::Id(ty) | PathArg::Serialized(ty) => Some(ty),
        }
    }
}

/// The struct argument that carries an operation's query and header parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamsArg {
    /// Argument name (`params`, or `query` beside a body).
    pub arg: String,
    /// The struct (a [`super::TypeKind::QueryParams`]).
    pub ty: TypeId,
    /// One per field of the struct, in the same order.
    pub params: Vec<Param>,
}

/// A query or header parameter: a field of the operation's parameter struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The field's identifier.
    pub ident: String,
    /// Name on the wire.
    pub wire_name: String,
    /// Where the parameter goes.
    pub location: ParamLocation,
    /// How the value is written.
    pub encoding: ParamEncoding,
    /// Must be given (the field is not an `Option`).
    pub required: bool,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// How a query or header parameter's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamEncoding {
    /// One value, as text.
    Text,
    /// A list of scalars, a value per item: in a query, a key per item (`?id=a&id=b`, the
    /// `form` style exploded); in a header, the items joined by commas (the `simple` style).
    List,
    /// A list, object or union, serialized and laid out in an OpenAPI query style. The spec's
    /// words are kept as written; the runtime's `QueryStyle::openapi` gives them their
    /// meaning.
    Styled {
        /// `style`: `form`, `spaceDelimited`, `pipeDelimited` or `deepObject`.
        style: &'static str,
        /// `explode`.
        explode: bool,
    },
}

/// The request body argument.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Argument name.
    pub arg: String,
    /// Its type ([`Primitive::Bytes`](super::Primitive::Bytes) for a binary body).
    pub ty: TypeRef,
    /// How it goes on the wire.
    pub encoding: BodyEncoding,
}

/// How a request body is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyEncoding {
    /// JSON.
    Json,
    /// `application/x-www-form-urlencoded`, from a typed value.
    Form,
    /// `multipart/form-data`, from a typed value: a part per field, `FilePart` fields as
    /// files (the body type's `MultipartBody` impl, see [`Usage::multipart`](super::Usage)).
    Multipart,
    /// Bytes sent as they are, with this media type; `None` when the caller must give it
    /// (a `multipart/form-data` body carries its boundary in the media type).
    Bytes {
        /// The `content-type` header.
        content_type: Option<String>,
    },
}

/// The documented success response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseBody {
    /// The success status code (the first 2xx in the spec).
    pub status: u16,
    /// The body type, or `None` when the response has no content.
    pub ty: Option<TypeRef>,
    /// How the body is decoded.
    pub decoding: Decoding,
    /// The spec's example of the body, as indented JSON (the media type's `example`, its
    /// first `examples` entry, or the schema's `example`).
    pub example: Option<String>,
}

/// How a success response body is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoding {
    /// From JSON into [`ResponseBody::ty`].
    Json,
    /// Returned as bytes; the request asks for this media type (`accept`).
    Bytes {
        /// The media type asked for.
        accept: String,
    },
    /// Returned as UTF-8 text; the request asks for this media type (`accept`).
    Text {
        /// The media type asked for.
        accept: String,
    },
}

/// How the runtime makes retries of an operation safe: one key per call, sent in a header,
/// a body field, or both (kept equal). Parsed from `x-sdk-idempotency`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idempotency {
    /// The request header that carries the key.
    pub header: Option<String>,
    /// The body field that carries the key, as a path of property names. The body type's
    /// [`super::TypeDef::idempotency_key`] is the same path in field identifiers.
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
    /// One paragraph: the description of the tag all of its operations share, or a fallback.
    pub summary: String,
    /// Rustdoc of the struct: the summary and the list of methods and sub-resources.
    pub doc: String,
}
