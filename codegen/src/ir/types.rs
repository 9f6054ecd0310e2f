//! Named types of the IR and the references between them.

/// A named Rust type to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Final Rust name (UpperCamelCase, unique across the API).
    pub name: String,
    /// Rustdoc text, from the schema's `title`/`description`.
    pub doc: Option<String>,
    /// JSON pointer of the schema in the spec, for error messages and generated comments.
    pub pointer: String,
    /// The output module (file stem) the type is written to.
    pub module: String,
    /// Whether the type is reachable from requests, responses, or both.
    pub usage: Usage,
    /// Marked `deprecated: true` in the spec.
    pub deprecated: bool,
    /// Whether the type travels as JSON (parameter structs do not).
    pub serde: bool,
    /// `x-sdk-from`: the one required field a struct can be built from alone, which gives it
    /// (and a union it is the only such variant of) a `From` conversion.
    pub from_field: Option<String>,
    /// The shape of the type.
    pub kind: TypeKind,
}

/// Where a type is used, which decides what the emitter generates for it (constructors and
/// setters only for types a caller builds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Reachable from a request body or parameters.
    pub request: bool,
    /// Reachable from a response body.
    pub response: bool,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with named fields.
    Struct {
        /// Fields in spec order.
        fields: Vec<Field>,
        /// `additionalProperties` with a schema: extra keys collected in a map of this type.
        additional: Option<TypeRef>,
    },
    /// A string enum; decoding an unlisted value yields the `Unknown(String)` fallback.
    StringEnum {
        /// The listed values, in spec order.
        values: Vec<EnumValue>,
    },
    /// `oneOf` with a `discriminator`: an internally tagged enum with a raw-JSON fallback.
    TaggedUnion {
        /// The JSON property holding the tag.
        tag: String,
        /// The variants, in spec order.
        variants: Vec<UnionVariant>,
    },
    /// `oneOf`/`anyOf` without a discriminator: the first variant that decodes wins.
    UntaggedUnion {
        /// The variants, in spec order; `tag_value` is unused.
        variants: Vec<UnionVariant>,
    },
    /// A named schema that is just another type (an array, a primitive, a map).
    Alias {
        /// The aliased type.
        target: TypeRef,
    },
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust identifier (snake_case, keywords escaped with a trailing `_`).
    pub ident: String,
    /// Property name on the wire.
    pub wire_name: String,
    /// The field's type, before `Option`.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// Must be boxed to break a cycle of directly contained types.
    pub boxed: bool,
    /// Marked `deprecated: true`.
    pub deprecated: bool,
    /// Rustdoc text: description, then constraints and default.
    pub doc: Option<String>,
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// Rust variant name.
    pub variant: String,
    /// The string on the wire.
    pub value: String,
}

/// One variant of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub variant: String,
    /// The discriminator value selecting this variant (tagged unions only).
    pub tag_value: String,
    /// The variant's payload.
    pub ty: TypeRef,
    /// Must be boxed to break a cycle of directly contained types.
    pub boxed: bool,
    /// Rustdoc text.
    pub doc: Option<String>,
}

/// A reference to a type: a primitive, a named type, or a container of either.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// A primitive.
    Primitive(Primitive),
    /// A named type of the API.
    Named(String),
    /// A JSON array.
    List(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
}

/// Primitive types and the formats that change their Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    /// `string`.
    String,
    /// `string` + `format: date-time`.
    Timestamp,
    /// `string` + `format: date`.
    Date,
    /// `string` + `format: uuid`.
    Uuid,
    /// `integer` + `format: int32`.
    I32,
    /// `integer` (+ `format: int64` or none).
    I64,
    /// `number` + `format: float`.
    F32,
    /// `number`.
    F64,
    /// `boolean`.
    Bool,
    /// Any JSON value (a schema with no type).
    Json,
}

impl TypeRef {
    /// The named types this reference mentions, outermost first.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(n) => Some(n),
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.named(),
            TypeRef::Primitive(_) => None,
        }
    }

    /// Whether the reference puts the named type behind a heap indirection (list or map).
    pub fn is_indirect(&self) -> bool {
        matches!(self, TypeRef::List(_) | TypeRef::Map(_))
    }

    /// Every primitive this reference mentions.
    pub fn primitive(&self) -> Option<Primitive> {
        match self {
            TypeRef::Primitive(p) => Some(*p),
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.primitive(),
            TypeRef::Named(_) => None,
        }
    }
}
