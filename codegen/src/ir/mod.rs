//! The intermediate representation: a small, fully resolved model of an API.
//!
//! Everything the emitters need is decided here — every type has its final Rust name, every
//! field its identifier and setters, every operation its resource, method and argument names,
//! every item its doc text — so emitters never look at raw OpenAPI and never make a naming
//! decision of their own. Types refer to each other by [`TypeId`], an index into
//! [`Api::types`]; a name is stored once, on its [`TypeDef`].

mod imports;
mod operations;
mod types;

use crate::warning::Warning;

pub use imports::{Import, PRELUDE};
pub use operations::{
    Body, BodyEncoding, Decoding, HttpMethod, Idempotency, Operation, Param, ParamEncoding,
    ParamLocation, ParamsArg, PathArg, PathParam, Resource, ResponseBody,
};
pub use types::{
    Builder, Conversion, EnumValue, Field, FieldRepr, KeyStep, PageNext, Pagination, Primitive,
    Setter, TaggedVariant, TypeDef, TypeId, TypeKind, TypeRef, Usage, Variant,
    ADDITIONAL_PROPERTIES,
};

/// A whole API: its named types and its operations, both in spec order.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title` of the spec.
    pub title: String,
    /// `info.version` of the spec.
    pub version: String,
    /// The URL of the spec's first server, when it is absolute: the client's default base
    /// URL.
    pub base_url: Option<String>,
    /// Every named type, indexed by [`TypeId`]: component schemas first (spec order), then
    /// the types an operation introduces (operation order), each followed by the inline types
    /// it contains.
    pub types: Vec<TypeDef>,
    /// Every operation, in spec order (paths, then methods in their declared order).
    pub operations: Vec<Operation>,
    /// The resource tree that groups operations, e.g. `chats` → `participants`.
    pub resources: Vec<Resource>,
    /// Where the API's error responses keep their details.
    pub error_envelope: ErrorEnvelope,
    /// What the spec says that the types and operations above carry less precisely, in the
    /// order it was found.
    pub warnings: Vec<Warning>,
}

/// The JSON pointers (RFC 6901) of the details of an error response body, each `None` when
/// the API's error bodies do not carry it (`x-sdk-error`, or found by field name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorEnvelope {
    /// The HTTP status, repeated in the body.
    pub status: Option<String>,
    /// The API's error code.
    pub code: Option<String>,
    /// The human-readable message.
    pub message: Option<String>,
    /// The link to the error's documentation.
    pub doc_url: Option<String>,
    /// The spec's example of an error body (an object, as JSON text), if it has one.
    pub example: Option<String>,
}

impl Api {
    /// The type with this id.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.index()]
    }
}
