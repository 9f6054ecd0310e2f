//! Real-world schema styles → the canonical forms the typed parse and the lowering read.
//!
//! Real specs say the same thing in many ways: `type: object` beside `allOf`, `properties`
//! without a `type`, a 3.1-style `type: [string, "null"]`, an `enum` without a `type`, an
//! `allOf` part that only adds a description, a `$ref` into the inside of a component. This
//! pass rewrites the raw tree, in place and before the typed parse, so that the later stages
//! see one form per meaning. Rewrites that keep the meaning are silent; where the meaning
//! cannot be kept (values that contradict their `type`), the schema becomes a free-form value
//! and a warning names its pointer. Pointers stay valid: only `$ref`s into the inside of a
//! component add anything (a component of their own, see [`hoist`]).

mod hoist;
mod schema;
mod v31;
mod webhooks;

use serde_yaml::Value;

use super::pointer::key_text;
use super::Pointer;
use crate::warning::Warnings;

/// Keys whose values are examples, not spec structure: never rewritten.
const OPAQUE: [&str; 2] = ["example", "examples"];

/// Normalizes every schema of the document `doc`.
pub fn normalize(doc: &mut Value) -> Warnings {
    let mut warnings = Warnings::default();
    v31::document(doc, &mut warnings);
    webhooks::union(doc, &mut warnings);
    hoist::dangling_refs(doc, &mut warnings);
    hoist::deep_refs(doc);
    document(doc, &Pointer::root(), &mut warnings);
    warnings
}

/// Walks the parts of the document that are not schemas, down to the schemas they hold.
fn document(node: &mut Value, at: &Pointer, warnings: &mut Warnings) {
    match node {
        Value::Mapping(map) => {
            nulls(map, at, &["value"], warnings);
            let in_components = at.as_str() == "#/components";
            for (key, value) in map.iter_mut() {
                let Some(key) = key_text(key) else { continue };
                if key.starts_with("x-") || OPAQUE.contains(&key.as_str()) {
                    continue;
                }
                let child = at.join(&key);
                if key == "schema" {
                    schema::walk(value, &child, warnings);
                } else if in_components && key == "schemas" {
                    if let Value::Mapping(schemas) = value {
                        for (name, value) in schemas.iter_mut() {
                            if let Some(name) = key_text(name) {
                                schema::walk(value, &child.join(name), warnings);
                            }
                        }
                    }
                } else {
                    document(value, &child, warnings);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                document(item, &at.join(i), warnings);
            }
        }
        _ => {}
    }
}

/// Keys whose value is `null` where the spec wants an object, a list or a text (`responses:
/// ~`, `properties: {a: null}`, `description: null`): left out, with a warning. Keys whose
/// `null` is a value (`example`, `default`, and those in `values`) stay.
fn nulls(map: &mut serde_yaml::Mapping, at: &Pointer, values: &[&str], warnings: &mut Warnings) {
    let empty: Vec<Value> = map
        .iter()
        .filter(|(key, value)| {
            value.is_null()
                && key_text(key).is_some_and(|k| {
                    !k.starts_with("x-")
                        && !OPAQUE.contains(&k.as_str())
                        && !values.contains(&k.as_str())
                })
        })
        .map(|(key, _)| key.clone())
        .collect();
    for key in empty {
        map.remove(&key);
        if let Some(key) = key_text(&key) {
            warnings.push(at.join(&key), "`null` where a value belongs: left out");
        }
    }
}

#[cfg(test)]
mod tests;
