//! The one OpenAPI grammar of `load/`: where a node sits in a document, what its children
//! are there, where schemas, references and extensions may be. The bundler, the normalizer
//! and the hoisting all walk a document through it ([`visit`]), so a keyword that holds
//! schemas, or a rule about extensions, is one row here.

use serde_yaml::Value;

use super::pointer::key_text;
use super::Pointer;
use crate::ir::HttpMethod;

/// Where a node sits in an OpenAPI document: decides what its `$ref` names and what its
/// children are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Pos {
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
    pub(crate) fn section(self) -> Option<&'static str> {
        SECTIONS.iter().find(|(_, p)| *p == self).map(|(s, _)| *s)
    }

    pub(crate) fn from_section(section: &str) -> Option<(&'static str, Pos)> {
        SECTIONS.iter().find(|(s, _)| *s == section).copied()
    }
}

/// What the children under a key are.
pub(crate) enum Child {
    One(Pos),
    Map(Pos),
    List(Pos),
    Discriminator,
}

pub(crate) fn child(pos: Pos, key: &str) -> Option<Child> {
    use Child::{Discriminator, List, Map, One};
    Some(match (pos, key) {
        // OpenAPI 3.1: deliveries the API sends are path items too.
        (Pos::Document, "paths" | "webhooks") => Map(Pos::PathItem),
        (Pos::Document, "components") => One(Pos::Components),
        (Pos::Components, section) => Map(Pos::from_section(section)?.1),
        (Pos::PathItem, method) if HttpMethod::from_key(method).is_some() => One(Pos::Operation),
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
pub(crate) fn map_has_extensions(pos: Pos) -> bool {
    matches!(pos, Pos::PathItem | Pos::Response)
}

/// What a walk over a document does at each node it reaches through the grammar.
pub(crate) trait Visit {
    /// Before the node's children, which are those of the node as `enter` leaves it; returns
    /// whether to walk them.
    fn enter(&mut self, _pos: Pos, _node: &mut Value, _at: &Pointer) -> bool {
        true
    }

    /// After the node's children.
    fn leave(&mut self, _pos: Pos, _node: &mut Value, _at: &Pointer) {}

    /// A discriminator `mapping` value: a schema name or a reference to a schema.
    fn mapping(&mut self, _target: &mut String, _at: &Pointer) {}
}

/// Walks `doc` from its root through the grammar, in document order.
pub(crate) fn visit(doc: &mut Value, visitor: &mut impl Visit) {
    node(doc, Pos::Document, &Pointer::root(), visitor);
}

fn node(value: &mut Value, pos: Pos, at: &Pointer, visitor: &mut impl Visit) {
    if !visitor.enter(pos, value, at) {
        return;
    }
    if let Value::Mapping(map) = value {
        for (key, value) in map.iter_mut() {
            let Some(key) = key_text(key) else { continue };
            let Some(kind) = child(pos, &key) else {
                continue;
            };
            let at = at.join(&key);
            match kind {
                Child::One(p) => node(value, p, &at, visitor),
                Child::Map(p) => {
                    if let Value::Mapping(entries) = value {
                        for (k, v) in entries.iter_mut() {
                            let Some(k) = key_text(k) else { continue };
                            if !(map_has_extensions(p) && k.starts_with("x-")) {
                                node(v, p, &at.join(&k), visitor);
                            }
                        }
                    }
                }
                Child::List(p) => {
                    if let Value::Sequence(items) = value {
                        for (i, v) in items.iter_mut().enumerate() {
                            node(v, p, &at.join(i), visitor);
                        }
                    }
                }
                Child::Discriminator => {
                    if let Some(Value::Mapping(mapping)) = value.get_mut("mapping") {
                        let at = at.join("mapping");
                        for (k, v) in mapping.iter_mut() {
                            if let (Some(k), Value::String(target)) = (key_text(k), v) {
                                visitor.mapping(target, &at.join(k));
                            }
                        }
                    }
                }
            }
        }
    }
    visitor.leave(pos, value, at);
}

/// Each delivery under `webhooks` (OpenAPI 3.1), in document order, with the schema of its
/// JSON request body (that of its first operation with one), if it has one.
pub(crate) fn deliveries(doc: &Value) -> Vec<(&str, Option<&Value>)> {
    let Some(Value::Mapping(webhooks)) = doc.get("webhooks") else {
        return Vec::new();
    };
    webhooks
        .iter()
        .filter_map(|(name, item)| Some((name.as_str()?, json_body(item))))
        .collect()
}

/// The JSON request body schema of a path item's first operation that has one.
fn json_body(item: &Value) -> Option<&Value> {
    let Value::Mapping(item) = item else {
        return None;
    };
    item.values().find_map(|operation| {
        let Value::Mapping(content) = operation.get("requestBody")?.get("content")? else {
            return None;
        };
        content
            .iter()
            .find(|(media, _)| media.as_str().is_some_and(|m| m.contains("json")))
            .and_then(|(_, media)| media.get("schema"))
    })
}
