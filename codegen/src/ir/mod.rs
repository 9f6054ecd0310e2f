//! The intermediate representation: a small, fully resolved model of an API.
//!
//! Everything the emitters need is decided here — every type has its final Rust name, every
//! field its identifier, every operation its resource and method — so emitters never look at
//! raw OpenAPI and never make a naming decision of their own.

mod operations;
mod types;

pub use operations::{
    HttpMethod, Idempotency, Operation, Pagination, Param, ParamLocation, PathSegment, Resource,
    ResponseBody,
};
pub use types::{EnumValue, Field, Primitive, TypeDef, TypeKind, TypeRef, UnionVariant, Usage};

/// A whole API: its named types and its operations, both in spec order.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title` of the spec.
    pub title: String,
    /// `info.version` of the spec.
    pub version: String,
    /// `info.description` of the spec.
    pub description: Option<String>,
    /// Every named type: component schemas first (spec order), then the types an operation
    /// introduces (operation order), each followed by the inline types it contains.
    pub types: Vec<TypeDef>,
    /// Every operation, in spec order (paths, then methods in their declared order).
    pub operations: Vec<Operation>,
    /// The resource tree that groups operations, e.g. `chats` → `participants`.
    pub resources: Vec<Resource>,
}

impl Api {
    /// The type named `name`, if there is one.
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
}
