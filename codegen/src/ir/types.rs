//! Named types of the IR and the references between them.

/// The field of a struct that collects the properties its schema does not list.
pub const ADDITIONAL_PROPERTIES: &str = "additional_properties";

/// The index of a named type in [`super::Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

impl TypeId {
    /// The position in [`super::Api::types`].
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The id of the type at `index`.
    pub fn at(index: usize) -> TypeId {
        TypeId(index as u32)
    }
}

/// A named Rust type to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Final Rust name (UpperCamelCase, unique across the API).
    pub name: String,
    /// Rustdoc text: the schema's `title`/`description`, or a fallback naming the type.
    pub doc: String,
    /// JSON pointer of the schema in the spec, for error messages.
    pub pointer: String,
    /// The output module (file stem) the type is written to.
    pub module: String,
    /// Whether the type is reachable from requests, responses, or both.
    pub usage: Usage,
    /// The shape of the type.
    pub kind: TypeKind,
    /// The `From` conversions into this type.
    pub conversions: Vec<Conversion>,
    /// Set when this type is the page of a list operation (`x-sdk-pagination`).
    pub pagination: Option<Pagination>,
    /// Set when this type is a request body that carries an idempotency key: the path of
    /// fields to the key's `Option<String>` (`x-sdk-idempotency` `body_field`).
    pub idempotency_key: Option<Vec<KeyStep>>,
}

/// Where a type is used, which decides what is generated for it (constructors and setters
/// only for types a caller builds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Reachable from a request body or parameters.
    pub request: bool,
    /// Reachable from a response body.
    pub response: bool,
    /// The body of an operation sent as `multipart/form-data`: it says which of its fields
    /// are file parts.
    pub multipart: bool,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with named fields, sent or received as JSON.
    Struct {
        /// Fields in spec order.
        fields: Vec<Field>,
        /// `additionalProperties` with a schema: extra keys collected in a map of this type,
        /// in the field [`ADDITIONAL_PROPERTIES`].
        additional: Option<TypeRef>,
        /// `new` and setters, for types a caller builds.
        builder: Option<Builder>,
    },
    /// The query and header parameters of an operation: a struct the caller builds, which
    /// the resource method turns into query pairs and headers (never JSON).
    QueryParams {
        /// One field per parameter, in spec order.
        fields: Vec<Field>,
        /// `new` and setters.
        builder: Builder,
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
        /// Rustdoc of the `tag()` accessor.
        tag_doc: String,
        /// The variants, in spec order.
        variants: Vec<TaggedVariant>,
    },
    /// The payload of an event envelope (`x-sdk-events`): an adjacently tagged enum, whose
    /// tag and payload are two properties of the envelope it is flattened into, with a
    /// raw-JSON fallback for tags it does not list.
    EventUnion {
        /// The tag property: wire name and identifier of the fallback's field.
        tag: (String, String),
        /// The payload property: wire name and identifier of the fallback's field.
        payload: (String, String),
        /// Rustdoc of the tag accessor, named like the tag property.
        tag_doc: String,
        /// The variants, in spec order; an event without a schema has a `Json` payload.
        variants: Vec<TaggedVariant>,
    },
    /// `oneOf`/`anyOf` without a discriminator: the first variant that decodes wins.
    UntaggedUnion {
        /// The variants, in spec order.
        variants: Vec<Variant>,
    },
    /// An identifier (`x-sdk-id`): a string newtype of its own, so that ids of different
    /// resources cannot be mixed up, built from any string.
    Id {
        /// The schema says `format: uuid`: the id also converts from a `Uuid`.
        uuid: bool,
    },
    /// A named schema that is just another type (an array, a primitive, a map).
    Alias {
        /// The aliased type.
        target: TypeRef,
    },
}

impl TypeKind {
    /// Every type reference the type holds, in order (fields, the extra-keys value,
    /// variants, an alias's target), each with whether its slot holds the value in place
    /// (`false` for the extra-keys value, which lives in a map). The one place that says
    /// what a type contains.
    pub fn refs(&self) -> Vec<(&TypeRef, bool)> {
        match self {
            TypeKind::Struct {
                fields, additional, ..
            } => {
                let mut out: Vec<(&TypeRef, bool)> = fields.iter().map(|f| (&f.ty, true)).collect();
                out.extend(additional.iter().map(|a| (a, false)));
                out
            }
            TypeKind::QueryParams { fields, .. } => fields.iter().map(|f| (&f.ty, true)).collect(),
            TypeKind::TaggedUnion { variants, .. } | TypeKind::EventUnion { variants, .. } => {
                variants.iter().map(|v| (&v.variant.ty, true)).collect()
            }
            TypeKind::UntaggedUnion { variants } => {
                variants.iter().map(|v| (&v.ty, true)).collect()
            }
            TypeKind::Alias { target } => vec![(target, true)],
            TypeKind::StringEnum { .. } | TypeKind::Id { .. } => Vec::new(),
        }
    }

    /// The named types the type mentions (through [`TypeKind::refs`]), with whether each
    /// mention is direct (no list or map in between).
    pub fn named_refs(&self) -> Vec<(TypeId, bool)> {
        self.refs()
            .into_iter()
            .filter_map(|(ty, in_place)| Some((ty.named()?, in_place && !ty.is_indirect())))
            .collect()
    }

    /// The references of [`TypeKind::refs`], to rewrite them.
    pub fn refs_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct {
                fields, additional, ..
            } => {
                let mut out: Vec<&mut TypeRef> = fields.iter_mut().map(|f| &mut f.ty).collect();
                out.extend(additional.iter_mut());
                out
            }
            TypeKind::QueryParams { fields, .. } => fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::TaggedUnion { variants, .. } | TypeKind::EventUnion { variants, .. } => {
                variants.iter_mut().map(|v| &mut v.variant.ty).collect()
            }
            TypeKind::UntaggedUnion { variants } => {
                variants.iter_mut().map(|v| &mut v.ty).collect()
            }
            TypeKind::Alias { target } => vec![target],
            TypeKind::StringEnum { .. } | TypeKind::Id { .. } => Vec::new(),
        }
    }
}

/// How a struct field is represented, which decides its Rust type and serde attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRepr {
    /// Required, never null: `T`.
    Required,
    /// Required but may be `null`: `Option<T>`, always written.
    Nullable,
    /// May be absent: `Option<T>`, left out when `None`.
    Optional,
    /// Not a property: a type whose own properties are spread into this object
    /// (`#[serde(flatten)]`), such as the event union of an envelope.
    Flatten,
    /// May be absent or `null`, in a type callers send: `Option<Option<T>>`, so that
    /// "leave it out" and "send `null`" stay apart. (In other types such a field is
    /// [`FieldRepr::Optional`].)
    OptionalNullable,
}

impl FieldRepr {
    /// The representation of a property from its `required` and `nullable` flags.
    pub fn of(required: bool, nullable: bool) -> FieldRepr {
        match (required, nullable) {
            (true, false) => FieldRepr::Required,
            (true, true) => FieldRepr::Nullable,
            (false, false) => FieldRepr::Optional,
            (false, true) => FieldRepr::OptionalNullable,
        }
    }

    /// Whether the property must be present on the wire (a constructor argument).
    pub fn is_required(self) -> bool {
        matches!(
            self,
            FieldRepr::Required | FieldRepr::Nullable | FieldRepr::Flatten
        )
    }
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust identifier (snake_case, keywords escaped with a trailing `_`).
    pub ident: String,
    /// Property (or parameter) name on the wire.
    pub wire_name: String,
    /// The field's type, before `Box` and `Option`.
    pub ty: TypeRef,
    /// `Option` wrapping and serde attributes.
    pub repr: FieldRepr,
    /// Must be boxed to break a cycle of directly contained types.
    pub boxed: bool,
    /// Marked `deprecated: true`: the field (and its setter) get `#[deprecated]`.
    pub deprecated: bool,
    /// Rustdoc text: description, then constraints and default; or a fallback.
    pub doc: String,
    /// The setter of an optional field of a type callers build.
    pub setter: Option<Setter>,
}

/// The chainable setter of an optional field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setter {
    /// Method name.
    pub name: String,
    /// Rustdoc text.
    pub doc: String,
    /// For [`FieldRepr::OptionalNullable`] fields: the method that sends an explicit `null`,
    /// and its rustdoc.
    pub null: Option<(String, String)>,
}

/// The constructor of a type callers build: `new(required…)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Builder {
    /// Rustdoc of `new`.
    pub doc: String,
    /// An optional field `new` takes all the same, by index: the `x-sdk-from` field of a
    /// struct without required fields.
    pub optional_arg: Option<usize>,
}

/// A `From` conversion into a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    /// `From<T>` for a struct, through `new`, from the type of its one required field (at
    /// this index; `x-sdk-from`).
    Field(usize),
    /// `From<&str>` and `From<String>` for a struct, through `new`: its `x-sdk-from` field
    /// is a string.
    Text,
    /// `From<payload>` for the union variant at this index.
    Variant(usize),
    /// `From<&str>` and `From<String>` for a union, through the text conversion of the
    /// payload of the variant at this index.
    TextVariant(usize),
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// Rust variant name.
    pub variant: String,
    /// The string on the wire.
    pub value: String,
    /// Rustdoc of the variant.
    pub doc: String,
}

/// One variant of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// The variant's payload.
    pub ty: TypeRef,
    /// Must be boxed to break a cycle of directly contained types.
    pub boxed: bool,
    /// Rustdoc text.
    pub doc: String,
}

/// One variant of a tagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    /// The discriminator value selecting this variant.
    pub tag_value: String,
    /// The variant.
    pub variant: Variant,
}

/// A reference to a type: a primitive, a named type, or a container of either.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// A primitive.
    Primitive(Primitive),
    /// A named type of the API.
    Named(TypeId),
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
    /// Raw bytes: a binary request or response body.
    Bytes,
    /// `string` + `format: binary` (a file field of a multipart body).
    File,
}

impl TypeRef {
    /// The named type at the bottom of this reference (itself, or the item of a list or
    /// map, however deep), if it is one.
    pub fn named(&self) -> Option<TypeId> {
        match self {
            TypeRef::Named(id) => Some(*id),
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.named(),
            TypeRef::Primitive(_) => None,
        }
    }

    /// Whether the reference puts the named type behind a heap indirection (list or map).
    pub fn is_indirect(&self) -> bool {
        matches!(self, TypeRef::List(_) | TypeRef::Map(_))
    }

    /// The primitive at the bottom of this reference (itself, or the item of a list or map,
    /// however deep), if it is one.
    pub fn primitive(&self) -> Option<Primitive> {
        match self {
            TypeRef::Primitive(p) => Some(*p),
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.primitive(),
            TypeRef::Named(_) => None,
        }
    }

    /// The same reference with every named type renumbered by `map`.
    pub fn renumber(&mut self, map: &impl Fn(TypeId) -> TypeId) {
        match self {
            TypeRef::Named(id) => *id = map(*id),
            TypeRef::List(inner) | TypeRef::Map(inner) => inner.renumber(map),
            TypeRef::Primitive(_) => {}
        }
    }
}

/// One field on the path to a request body's idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyStep {
    /// The field's identifier.
    pub ident: String,
    /// An optional parent object (all of whose fields are optional), made empty with
    /// `Default` when it is absent so that it can hold the key.
    pub fill_default: bool,
}

/// Pagination of a list operation's response type.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// How the next page is asked for.
    pub next: PageNext,
    /// The response field holding the page's items: its identifier, and whether it is an
    /// `Option`.
    pub items: (String, bool),
    /// Type of one item.
    pub item: TypeRef,
}

/// Where the next page starts.
#[derive(Debug, Clone, PartialEq)]
pub enum PageNext {
    /// The response's cursor goes back in a query parameter.
    Cursor {
        /// Wire name of the query parameter carrying the cursor.
        param: String,
        /// The response field holding the next cursor: its identifier, and whether it is
        /// an `Option`.
        field: (String, bool),
    },
    /// The offset query parameter advances by the items received.
    Offset {
        /// Wire name of the query parameter carrying the offset.
        param: String,
        /// The boolean response field saying more items follow: its identifier, and whether
        /// it is an `Option`.
        has_more: (String, bool),
    },
}
