//! The rewrites of one schema: some before the schemas inside it are walked, most after.

use serde_yaml::{Mapping, Value};

use super::{v31, Pointer, OPAQUE};
use crate::warning::Warnings;

/// Keywords that hold a list of schemas.
const COMPOSITES: [&str; 3] = ["allOf", "oneOf", "anyOf"];
/// Keywords that describe a schema without constraining what it holds.
pub(super) const ANNOTATIONS: [&str; 10] = [
    "description",
    "title",
    "nullable",
    "deprecated",
    "readOnly",
    "writeOnly",
    "example",
    "examples",
    "default",
    "externalDocs",
];
/// The keywords of each `type`; a keyword of another type is dropped.
pub(super) const FAMILIES: [(&str, &[&str]); 4] = [
    ("string", &["pattern", "minLength", "maxLength"]),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
    ),
];
/// Keywords that decide what a value holds: dropping one of them loses meaning.
const STRUCTURAL: [&str; 3] = ["items", "properties", "additionalProperties"];

/// The rewrites of one schema before the schemas inside it are walked (the grammar walks
/// them): those that create or move them. `false` for a plain reference, left as it is.
pub fn enter(map: &mut Mapping, at: &Pointer, warnings: &mut Warnings) -> bool {
    if map.contains_key("$ref") && !v31::ref_siblings(map) {
        return false;
    }
    // Before the parts are walked: they may rewrite a `{type: "null"}` part.
    null_variants(map);
    v31::before_parts(map, at, warnings);
    true
}

/// The rewrites of one schema that read the schemas inside it, once they are rewritten.
pub fn leave(map: &mut Mapping, at: &Pointer, warnings: &mut Warnings) {
    v31::type_list(map, at, warnings);
    if map.get("const").is_some() && !map.contains_key("enum") {
        if let Some(value) = map.remove("const") {
            map.insert("enum".into(), Value::Sequence(vec![value]));
        }
    }
    enum_type(map, at, warnings);
    composite_with_type(map);
    annotation_parts(map);
    string_enum_union(map);
    if map.get("required").is_some_and(|r| !is_string_list(r)) {
        map.remove("required");
    }
    foreign_keywords(map, at, warnings);
    implicit_type(map);
}

/// `oneOf`/`anyOf` variants that only allow `null` → `nullable: true` on the union.
fn null_variants(map: &mut Mapping) {
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Sequence(items)) = map.get_mut(keyword) else {
            continue;
        };
        let before = items.len();
        items.retain(|item| !only_null(item));
        if items.len() < before && !items.is_empty() {
            map.insert("nullable".into(), true.into());
        }
    }
}

fn only_null(item: &Value) -> bool {
    let Value::Mapping(map) = item else {
        return false;
    };
    let null_type = map.get("type").and_then(Value::as_str) == Some("null");
    let null_enum = matches!(map.get("enum"), Some(Value::Sequence(v)) if !v.is_empty() && v.iter().all(Value::is_null));
    (null_type || null_enum)
        && map
            .keys()
            .filter_map(Value::as_str)
            .all(|k| k == "type" || k == "enum" || ANNOTATIONS.contains(&k))
}

/// An `enum` without a `type` gets the type of its values; values that contradict the
/// `type` (or each other) make the schema a free-form value.
fn enum_type(map: &mut Mapping, at: &Pointer, warnings: &mut Warnings) {
    let Some(values) = map.get("enum") else {
        return;
    };
    let Value::Sequence(values) = values else {
        map.remove("enum");
        return;
    };
    // A value listed twice is one value: one variant, not `Contexts` and `Contexts2`.
    if values
        .iter()
        .enumerate()
        .any(|(i, v)| values[..i].contains(v))
    {
        let mut distinct: Vec<Value> = Vec::new();
        for v in values {
            if !distinct.contains(v) {
                distinct.push(v.clone());
            }
        }
        map.insert("enum".into(), Value::Sequence(distinct));
    }
    let Some(Value::Sequence(values)) = map.get("enum") else {
        return;
    };
    let has_null = values.iter().any(Value::is_null);
    let kinds: Vec<&str> = values.iter().filter_map(kind).collect();
    let inferred = match kinds.as_slice() {
        [] => None,
        [first, rest @ ..] => {
            let mut common = *first;
            for k in rest {
                common = match (common, *k) {
                    (a, b) if a == b => a,
                    ("integer", "number") | ("number", "integer") => "number",
                    _ => "mixed",
                };
            }
            Some(common)
        }
    };
    if has_null {
        map.insert("nullable".into(), true.into());
    }
    let declared = map.get("type").and_then(Value::as_str).map(str::to_owned);
    match (declared.as_deref(), inferred) {
        // Only `null`: a value that is always null.
        (None, None) => {
            map.remove("enum");
        }
        (None, Some("mixed")) => {
            free_form(map);
            warnings.push(at, "`enum` values of several types: any JSON value");
        }
        (None, Some(kind)) => {
            map.insert("type".into(), kind.into());
        }
        (Some(_), None) => {}
        (Some(declared), Some(kind))
            if declared == kind || (declared == "number" && kind == "integer") => {}
        (Some(declared), Some(_)) => {
            free_form(map);
            warnings.push(
                at,
                format!("`enum` values that are not all of `type: {declared}`: any JSON value"),
            );
        }
    }
}

fn kind(value: &Value) -> Option<&'static str> {
    match value {
        Value::Null => None,
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        Value::String(_) => Some("string"),
        _ => Some("mixed"),
    }
}

/// `type` beside `allOf`/`oneOf`/`anyOf` restates what the parts say: dropped. Properties
/// beside `allOf` become one more part of it.
///
/// A scalar `type` with an `enum` beside an `allOf` of references (`{type: integer, enum:
/// [1], allOf: [$ref: ComponentTypes]}`) is that enum: the references only say which wider
/// enum the values come from.
fn composite_with_type(map: &mut Mapping) {
    if !COMPOSITES.iter().any(|k| map.contains_key(*k)) {
        return;
    }
    let scalar = matches!(
        map.get("type").and_then(Value::as_str),
        Some("string" | "integer" | "number" | "boolean")
    );
    let only_refs = matches!(map.get("allOf"), Some(Value::Sequence(parts))
        if parts.iter().all(|p| p.get("$ref").is_some()));
    if scalar && only_refs && map.contains_key("enum") {
        map.remove("allOf");
        return;
    }
    if map.get("type").and_then(Value::as_str) == Some("object") {
        map.remove("type");
    }
    if let Some(Value::Sequence(_)) = map.get("allOf") {
        let mut own = Mapping::new();
        for key in ["properties", "required", "additionalProperties"] {
            if let Some(value) = map.remove(key) {
                own.insert(key.into(), value);
            }
        }
        if !own.is_empty() {
            own.insert("type".into(), "object".into());
            if let Some(Value::Sequence(parts)) = map.get_mut("allOf") {
                parts.push(Value::Mapping(own));
            }
        }
    }
}

/// `allOf` parts that only annotate (`- description: …`) are folded into the schema: what
/// is left is often a single `$ref`, used in place.
fn annotation_parts(map: &mut Mapping) {
    let Some(Value::Sequence(parts)) = map.get_mut("allOf") else {
        return;
    };
    let mut folded = Vec::new();
    parts.retain(|part| match part {
        Value::Mapping(p)
            if !p.is_empty()
                && p.keys()
                    .filter_map(Value::as_str)
                    .all(|k| ANNOTATIONS.contains(&k) || k.starts_with("x-")) =>
        {
            folded.push(p.clone());
            false
        }
        _ => true,
    });
    if parts.is_empty() {
        map.remove("allOf");
    }
    for part in folded {
        for (key, value) in part {
            let Some(name) = key.as_str() else {
                continue;
            };
            let flag = matches!(name, "nullable" | "deprecated" | "readOnly" | "writeOnly");
            if flag && value.as_bool() == Some(true) || !flag && !map.contains_key(name) {
                map.insert(key, value);
            }
        }
    }
}

/// A `oneOf`/`anyOf` whose variants are all inline enums of one scalar type (`- {type:
/// string, enum: [name_ascending]}`, or the documented-constant style `- {title: AUTO,
/// const: 1}`) is one enum of all their values.
fn string_enum_union(map: &mut Mapping) {
    if map.contains_key("discriminator") {
        return;
    }
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Sequence(items)) = map.get(keyword) else {
            continue;
        };
        let mut values: Vec<Value> = Vec::new();
        let mut nullable = false;
        let mut ty: Option<&str> = None;
        for item in items {
            let Value::Mapping(item) = item else { return };
            let item_type = item.get("type").and_then(Value::as_str);
            let only_enum = item
                .keys()
                .filter_map(Value::as_str)
                .all(|k| k == "type" || k == "enum" || ANNOTATIONS.contains(&k));
            let Some(Value::Sequence(item_values)) = item.get("enum") else {
                return;
            };
            let scalar = matches!(item_type, Some("string" | "integer" | "number"));
            if !scalar || !only_enum || ty.is_some_and(|t| Some(t) != item_type) {
                return;
            }
            ty = item_type;
            nullable |= item.get("nullable").and_then(Value::as_bool) == Some(true);
            for v in item_values {
                if !values.contains(v) {
                    values.push(v.clone());
                }
            }
        }
        let Some(ty) = ty.map(str::to_owned) else {
            return;
        };
        if values.is_empty() {
            return;
        }
        map.remove(keyword);
        map.insert("type".into(), ty.into());
        map.insert("enum".into(), Value::Sequence(values));
        if nullable {
            map.insert("nullable".into(), true.into());
        }
        return;
    }
}

/// With a single `type`, keywords of other types are dropped (`maximum` on a string says
/// nothing about a string, `format` nothing about an object); bounds the typed model cannot
/// hold are dropped too. A dropped
/// keyword that shapes the value (`properties` on a string) is a warning.
fn foreign_keywords(map: &mut Mapping, at: &Pointer, warnings: &mut Warnings) {
    let Some(ty) = map.get("type").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    let family = if ty == "integer" {
        "number"
    } else {
        ty.as_str()
    };
    for (owner, keys) in FAMILIES {
        if owner == family {
            continue;
        }
        for key in keys {
            if map.remove(*key).is_some() && STRUCTURAL.contains(key) {
                warnings.push(
                    at.join(key),
                    format!("`{key}` on a schema of `type: {ty}` is ignored"),
                );
            }
        }
    }
    // `format` refines strings and numbers; beside another type (`format: map` on an
    // object) it is only a hint, which the typed model has no place for.
    if matches!(family, "object" | "array" | "boolean") {
        map.remove("format");
    }
    if family == "number" {
        number_bounds(map, ty == "integer");
    }
    for key in [
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    ] {
        if map.get(key).is_some_and(|v| v.as_u64().is_none()) {
            map.remove(key);
        }
    }
}

/// Bounds as the typed model holds them: integers for an integer (else dropped), booleans
/// for `exclusiveMinimum`/`exclusiveMaximum` (the 3.1 numeric form becomes the 3.0 one).
fn number_bounds(map: &mut Mapping, integer: bool) {
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        match map.get(exclusive) {
            Some(Value::Bool(_)) | None => {}
            Some(Value::Number(n)) => {
                let n = Value::Number(n.clone());
                map.insert(bound.into(), n);
                map.insert(exclusive.into(), true.into());
            }
            Some(_) => {
                map.remove(exclusive);
            }
        }
    }
    for key in ["minimum", "maximum", "multipleOf"] {
        let Some(value) = map.get(key) else { continue };
        let kept = match value {
            Value::Number(n) if !integer || n.is_i64() => Some(value.clone()),
            // A whole float (`1.0e3`) in range is the integer it names.
            Value::Number(n) => n
                .as_f64()
                .filter(|f| whole_i64(*f))
                .map(|f| (f as i64).into()),
            _ => None,
        };
        match kept {
            Some(kept) => map.insert(key.into(), kept),
            None => map.remove(key),
        };
    }
}

fn whole_i64(f: f64) -> bool {
    f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64
}

fn is_string_list(value: &Value) -> bool {
    matches!(value, Value::Sequence(items) if items.iter().all(Value::is_string))
}

/// `properties` (or `required`, `additionalProperties`) without a `type` → `type: object`;
/// `items` without a `type` → `type: array`.
fn implicit_type(map: &mut Mapping) {
    if map.contains_key("type")
        || map.contains_key("enum")
        || COMPOSITES.iter().any(|k| map.contains_key(*k))
        || map.contains_key("not")
    {
        return;
    }
    let object = FAMILIES
        .iter()
        .find(|(owner, _)| *owner == "object")
        .map_or(&[][..], |(_, keys)| *keys);
    if object.iter().any(|k| map.contains_key(*k)) {
        map.insert("type".into(), "object".into());
    } else if map.contains_key("items") {
        map.insert("type".into(), "array".into());
    }
}

/// Keeps only the annotations of a schema: it then holds any JSON value.
pub(super) fn free_form(map: &mut Mapping) {
    map.retain(|key, _| {
        key.as_str()
            .is_some_and(|k| ANNOTATIONS.contains(&k) || OPAQUE.contains(&k) || k.starts_with("x-"))
    });
}
