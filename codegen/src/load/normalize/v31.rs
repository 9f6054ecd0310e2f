//! JSON Schema 2020-12 (OpenAPI 3.1) keywords → the 3.0 forms the typed parse reads.
//!
//! 3.1 documents, and 3.0 documents written with 3.1 habits, say with new keywords what 3.0
//! says otherwise: a list of types, `$ref` with siblings, `examples` as a list,
//! `contentMediaType` for binary strings, `prefixItems`, `patternProperties`. Each becomes
//! its 3.0 form. Keywords with no Rust meaning (`if`/`then`/`else`, `dependentSchemas`…)
//! are dropped with a warning naming their pointer; those that only close a schema
//! (`unevaluatedProperties: false`) or document it (`$comment`) are dropped silently.

use serde_yaml::{Mapping, Value};

use super::schema::{free_form, ANNOTATIONS, FAMILIES};
use super::Pointer;
use crate::warning::Warnings;

/// Keywords dropped without a word: they only document, or close a schema the generated
/// types never check anyway.
const SILENT: [&str; 6] = [
    "$schema",
    "$comment",
    "$id",
    "$anchor",
    "propertyNames",
    "$defs",
];

/// Keywords with no Rust meaning: dropped with a warning.
const IGNORED: [&str; 11] = [
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "contains",
    "minContains",
    "maxContains",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
];

/// Siblings of a `$ref` that only check values (the generated types check none of them):
/// dropped, since the reference already names the type.
const VALIDATION: [&str; 15] = [
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "format",
    "additionalProperties",
];

/// A `$ref` with siblings: 3.0 ignores them, 3.1 applies them. The reference becomes the
/// only part of an `allOf` the siblings sit beside: annotations stay on the schema, so
/// descriptions and deprecation reach the docs; a `type` restates the target's (with
/// `"null"` in it, the value may be null); checks of values are dropped; siblings that add
/// structure (`properties`, `required`…) become a second part. Returns whether the schema
/// changed (`false`: a plain reference, left as it is).
pub(super) fn ref_siblings(map: &mut Mapping) -> bool {
    if map.len() == 1 {
        return false;
    }
    let Some(reference) = map.remove("$ref") else {
        return false;
    };
    if let Some(ty) = map.remove("type") {
        let null = match &ty {
            Value::Sequence(types) => types.iter().any(|t| t.as_str() == Some("null")),
            other => other.as_str() == Some("null"),
        };
        if null {
            map.insert("nullable".into(), true.into());
        }
    }
    let mut reference_part = Mapping::new();
    reference_part.insert("$ref".into(), reference);
    let mut parts = vec![Value::Mapping(reference_part)];
    let mut constraints = Mapping::new();
    let keys: Vec<Value> = map.keys().cloned().collect();
    for key in keys {
        let Some(name) = key.as_str() else { continue };
        if ANNOTATIONS.contains(&name) || name.starts_with("x-") || SILENT.contains(&name) {
            continue;
        }
        let value = map.remove(&key);
        if let Some(value) = value.filter(|_| !VALIDATION.contains(&name)) {
            constraints.insert(key, value);
        }
    }
    if !constraints.is_empty() {
        parts.push(Value::Mapping(constraints));
    }
    map.insert("allOf".into(), Value::Sequence(parts));
    true
}

/// The rewrites that must come before the schemas inside are walked, because they create
/// or move those schemas.
pub(super) fn before_parts(map: &mut Mapping, at: &Pointer, warnings: &mut Warnings) {
    for key in SILENT {
        map.remove(key);
    }
    for key in ["unevaluatedProperties", "unevaluatedItems"] {
        match map.remove(key) {
            None | Some(Value::Bool(_)) => {}
            Some(_) => warnings.push(at.join(key), format!("`{key}` is ignored")),
        }
    }
    for key in IGNORED {
        if map.remove(key).is_some() {
            warnings.push(
                at.join(key),
                format!("`{key}` has no Rust meaning: ignored"),
            );
        }
    }
    examples(map);
    content_media_type(map);
    prefix_items(map, at, warnings);
    pattern_properties(map, at, warnings);
    if map.get("type").and_then(Value::as_str) == Some("null") {
        // Only `null`: no value the typed model can name.
        map.remove("type");
        map.insert("nullable".into(), true.into());
    }
}

/// `examples: [a, b]` (a list of values) → `example: a`.
fn examples(map: &mut Mapping) {
    if !matches!(map.get("examples"), Some(Value::Sequence(_))) {
        return;
    }
    if let Some(Value::Sequence(mut values)) = map.remove("examples") {
        if !map.contains_key("example") && !values.is_empty() {
            map.insert("example".into(), values.swap_remove(0));
        }
    }
}

/// `contentEncoding: base64` → `format: byte`; a `contentMediaType` that is not text or
/// JSON → `format: binary`.
fn content_media_type(map: &mut Mapping) {
    let encoding = map.remove("contentEncoding");
    let media = map.remove("contentMediaType");
    if map.contains_key("format") {
        return;
    }
    let format = match (
        encoding.as_ref().and_then(Value::as_str),
        media.as_ref().and_then(Value::as_str),
    ) {
        (Some(e), _) if e.eq_ignore_ascii_case("base64") || e.eq_ignore_ascii_case("base64url") => {
            "byte"
        }
        (_, Some(m)) if !m.starts_with("text/") && !m.contains("json") => "binary",
        _ => return,
    };
    map.insert("format".into(), format.into());
}

/// `prefixItems` (a tuple): a list of its one item type when every position has the same
/// schema, else a list of any JSON value, with a warning.
fn prefix_items(map: &mut Mapping, at: &Pointer, warnings: &mut Warnings) {
    let Some(prefix) = map.remove("prefixItems") else {
        if map.get("items").is_some_and(Value::is_bool) {
            map.remove("items");
        }
        return;
    };
    let Value::Sequence(positions) = prefix else {
        return;
    };
    // `items` beside `prefixItems` types what follows the tuple; `false` closes it.
    let rest = map.remove("items").filter(|v| !v.is_bool());
    let mut all: Vec<&Value> = positions.iter().collect();
    all.extend(rest.as_ref());
    let item = match all.as_slice() {
        [first, others @ ..] if others.iter().all(|o| o == first) => (*first).clone(),
        _ => {
            warnings.push(
                at.join("prefixItems"),
                "a tuple of several item types: a list of any JSON values",
            );
            Value::Mapping(Mapping::new())
        }
    };
    map.insert("items".into(), item);
    if !map.contains_key("type") {
        map.insert("type".into(), "array".into());
    }
}

/// `patternProperties`: a map whose values have the one schema of its patterns (any JSON
/// value when the patterns disagree, with a warning).
fn pattern_properties(map: &mut Mapping, at: &Pointer, warnings: &mut Warnings) {
    let Some(patterns) = map.remove("patternProperties") else {
        return;
    };
    let Value::Mapping(patterns) = patterns else {
        return;
    };
    if map
        .get("additionalProperties")
        .is_some_and(|v| !v.is_bool())
    {
        return;
    }
    let schemas: Vec<&Value> = patterns.values().collect();
    let value = match schemas.as_slice() {
        [] => return,
        [first, others @ ..] if others.iter().all(|o| o == first) => (*first).clone(),
        _ => {
            warnings.push(
                at.join("patternProperties"),
                "properties matched by patterns of several schemas: any JSON value",
            );
            Value::Mapping(Mapping::new())
        }
    };
    map.insert("additionalProperties".into(), value);
    if !map.contains_key("type") {
        map.insert("type".into(), "object".into());
    }
}

/// `type: [string, "null"]` (OpenAPI 3.1 style) → `type: string, nullable: true`; a list of
/// several types → a `oneOf` of one schema per type, each with the keywords of its type,
/// which the lowering types as an untagged union (or a free-form value, with a warning).
pub(super) fn type_list(map: &mut Mapping, at: &Pointer, warnings: &mut Warnings) {
    let Some(Value::Sequence(types)) = map.get("type") else {
        return;
    };
    let mut named: Vec<String> = types
        .iter()
        .filter_map(|t| t.as_str().map(str::to_owned))
        .collect();
    named.dedup();
    if named.iter().any(|t| t == "null") {
        named.retain(|t| t != "null");
        map.insert("nullable".into(), true.into());
    }
    match named.as_slice() {
        [one] => {
            map.insert("type".into(), one.clone().into());
        }
        [] => {
            map.remove("type");
        }
        several
            if !map.contains_key("enum")
                && !map.contains_key("oneOf")
                && !map.contains_key("anyOf") =>
        {
            map.remove("type");
            let parts = several
                .iter()
                .map(|ty| Value::Mapping(part_of_type(map, ty)))
                .collect();
            for (_, keys) in FAMILIES {
                for key in keys {
                    map.remove(*key);
                }
            }
            map.remove("format");
            map.insert("oneOf".into(), Value::Sequence(parts));
        }
        _ => {
            free_form(map);
            warnings.push(
                at,
                format!(
                    "`type` lists several types ({}): any JSON value",
                    named.join(", ")
                ),
            );
        }
    }
}

/// The part of a multi-type schema for one of its types: the type, with the keywords of its
/// family taken from the schema (and `format`, for strings and numbers).
fn part_of_type(map: &Mapping, ty: &str) -> Mapping {
    let family = if ty == "integer" { "number" } else { ty };
    let mut part = Mapping::new();
    part.insert("type".into(), ty.into());
    let keys = FAMILIES
        .iter()
        .find(|(owner, _)| *owner == family)
        .map_or(&[][..], |(_, keys)| *keys);
    for key in keys {
        if let Some(value) = map.get(*key) {
            part.insert((*key).into(), value.clone());
        }
    }
    if matches!(family, "string" | "number") {
        if let Some(format) = map.get("format") {
            part.insert("format".into(), format.clone());
        }
    }
    part
}

/// The JSON Schema dialect OpenAPI 3.1 documents use unless they say otherwise.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// The document-level 3.1 forms: a `jsonSchemaDialect` other than OpenAPI's (a warning: its
/// schemas are read as OpenAPI's), path items given by a reference to
/// `components.pathItems`, used in place, and the parts 3.1 made optional.
pub(super) fn document(doc: &mut Value, warnings: &mut Warnings) {
    operations_optional_parts(doc);
    if let Some(dialect) = doc.get("jsonSchemaDialect").and_then(Value::as_str) {
        if dialect != DEFAULT_DIALECT {
            warnings.push(
                Pointer::root().join("jsonSchemaDialect"),
                format!("schemas are read as OpenAPI 3.1's dialect, not `{dialect}`"),
            );
        }
    }
    let shared = doc
        .get("components")
        .and_then(|c| c.get("pathItems"))
        .and_then(Value::as_mapping)
        .cloned();
    let Some(shared) = shared else { return };
    for section in ["paths", "webhooks"] {
        let Some(Value::Mapping(items)) = doc.get_mut(section) else {
            continue;
        };
        for item in items.values_mut() {
            let target = item
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/pathItems/"))
                .map(|name| name.replace("~1", "/").replace("~0", "~"));
            if let Some(found) = target.and_then(|name| shared.get(name.as_str())) {
                *item = found.clone();
            }
        }
    }
}

/// What 3.1 made optional and the typed model needs: `paths` (a document of webhooks only)
/// and an operation's `responses` (an operation that documents none).
fn operations_optional_parts(doc: &mut Value) {
    let Value::Mapping(root) = doc else { return };
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Mapping(Mapping::new()));
    }
    for section in ["paths", "webhooks"] {
        let Some(Value::Mapping(items)) = root.get_mut(section) else {
            continue;
        };
        for item in items.values_mut() {
            let Value::Mapping(item) = item else { continue };
            for (method, operation) in item.iter_mut() {
                let is_method = method.as_str().is_some_and(|m| {
                    [
                        "get", "put", "post", "delete", "options", "head", "patch", "trace",
                    ]
                    .contains(&m)
                });
                if let (true, Value::Mapping(operation)) = (is_method, operation) {
                    if !operation.contains_key("responses") {
                        operation.insert("responses".into(), Value::Mapping(Mapping::new()));
                    }
                }
            }
        }
    }
}
