//! Where a node sits in an OpenAPI document, and what its children are there.

/// Where a node sits in an OpenAPI document: decides what its `$ref` names and what its
/// children are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Pos {
    Document,
    Components,
    PathItem,
    Operation,
    Callback,
    Parameter,
    Header,
    RequestBody,
    MediaType,
    Encoding,
    Response,
    Schema,
    Example,
    SecurityScheme,
    Link,
}

const SECTIONS: [(&str, Pos); 9] = [
    ("schemas", Pos::Schema),
    ("responses", Pos::Response),
    ("parameters", Pos::Parameter),
    ("examples", Pos::Example),
    ("requestBodies", Pos::RequestBody),
    ("headers", Pos::Header),
    ("securitySchemes", Pos::SecurityScheme),
    ("links", Pos::Link),
    ("callbacks", Pos::Callback),
];

impl Pos {
    /// The `components` section for definitions of this kind.
    pub(super) fn section(self) -> Option<&'static str> {
        SECTIONS.iter().find(|(_, p)| *p == self).map(|(s, _)| *s)
    }

    pub(super) fn from_section(section: &str) -> Option<(&'static str, Pos)> {
        SECTIONS.iter().find(|(s, _)| *s == section).copied()
    }
}

/// What the children under a key are.
pub(super) enum Child {
    One(Pos),
    Map(Pos),
    List(Pos),
    Discriminator,
}

pub(super) fn child(pos: Pos, key: &str) -> Option<Child> {
    use Child::{Discriminator, List, Map, One};
    Some(match (pos, key) {
        // OpenAPI 3.1: deliveries the API sends are path items too.
        (Pos::Document, "paths" | "webhooks") => Map(Pos::PathItem),
        (Pos::Document, "components") => One(Pos::Components),
        (
            Pos::PathItem,
            "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace",
        ) => One(Pos::Operation),
        (Pos::PathItem | Pos::Operation, "parameters") => List(Pos::Parameter),
        (Pos::Operation, "requestBody") => One(Pos::RequestBody),
        (Pos::Operation, "responses") => Map(Pos::Response),
        (Pos::Operation, "callbacks") => Map(Pos::Callback),
        (Pos::Callback, k) if !k.starts_with("x-") => One(Pos::PathItem),
        (Pos::Parameter | Pos::Header | Pos::MediaType, "schema") => One(Pos::Schema),
        (Pos::Parameter | Pos::Header | Pos::RequestBody | Pos::Response, "content") => {
            Map(Pos::MediaType)
        }
        (Pos::Parameter | Pos::Header | Pos::MediaType, "examples") => Map(Pos::Example),
        (Pos::MediaType, "encoding") => Map(Pos::Encoding),
        (Pos::Encoding | Pos::Response, "headers") => Map(Pos::Header),
        (Pos::Response, "links") => Map(Pos::Link),
        (Pos::Schema, "properties") => Map(Pos::Schema),
        (Pos::Schema, "items" | "not" | "additionalProperties") => One(Pos::Schema),
        (Pos::Schema, "allOf" | "oneOf" | "anyOf") => List(Pos::Schema),
        // JSON Schema 2020-12 (OpenAPI 3.1).
        (Pos::Schema, "$defs" | "patternProperties" | "dependentSchemas") => Map(Pos::Schema),
        (Pos::Schema, "prefixItems") => List(Pos::Schema),
        (
            Pos::Schema,
            "if"
            | "then"
            | "else"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "unevaluatedProperties",
        ) => One(Pos::Schema),
        (Pos::Schema, "discriminator") => Discriminator,
        _ => return None,
    })
}

/// Whether the keys of a map of `pos` values may hold extensions (`x-...`) to skip: only the
/// Paths and Responses objects (header and property names may well start with `x-`).
pub(super) fn map_has_extensions(pos: Pos) -> bool {
    matches!(pos, Pos::PathItem | Pos::Response)
}
