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

use super::grammar::{self, Pos, Visit};
use super::pointer::key_text;
use super::Pointer;
use crate::warning::Warnings;

/// Keys whose values are examples, not spec structure: never rewritten.
const OPAQUE: [&str; 2] = ["example", "examples"];

/// Normalizes every schema of the document `doc`.
pub fn normalize(doc: &mut Value) -> Warnings {
    let mut warnings = Warnings::default();
    nulls(doc, &Pointer::root(), &mut warnings);
    v31::document(doc, &mut warnings);
    webhooks::union(doc, &mut warnings);
    hoist::dangling_refs(doc, &mut warnings);
    hoist::deep_refs(doc);
    grammar::visit(
        doc,
        &mut Schemas {
            warnings: &mut warnings,
        },
    );
    warnings
}

/// Rewrites every schema the grammar reaches: before the schemas inside it (what creates or
/// moves them) and after (what reads them).
struct Schemas<'w> {
    warnings: &'w mut Warnings,
}

impl Visit for Schemas<'_> {
    fn enter(&mut self, pos: Pos, node: &mut Value, at: &Pointer) -> bool {
        match (pos, node) {
            (Pos::Schema, Value::Mapping(map)) => schema::enter(map, at, self.warnings),
            (Pos::Schema, _) => false,
            _ => true,
        }
    }

    fn leave(&mut self, pos: Pos, node: &mut Value, at: &Pointer) {
        if let (Pos::Schema, Value::Mapping(map)) = (pos, node) {
            schema::leave(map, at, self.warnings);
        }
    }
}

/// Values that are `null` where the spec wants an object, a list or a text (`responses: ~`,
/// `properties: {a: null}`, `description: null`), anywhere but in examples and extensions:
/// left out, with a warning (but for a `description`, `summary` or `title`, whose absence
/// means the same). Values that are data (`default`, `const`, `enum`, an Example's
/// `value`, examples) are left as they are.
fn nulls(node: &mut Value, at: &Pointer, warnings: &mut Warnings) {
    // Keys whose values are data, not structure: never rewritten, nor looked into.
    const VALUES: [&str; 4] = ["default", "const", "value", "enum"];
    let Value::Mapping(map) = node else {
        if let Value::Sequence(items) = node {
            for (i, item) in items.iter_mut().enumerate() {
                nulls(item, &at.join(i), warnings);
            }
        }
        return;
    };
    let mut empty = Vec::new();
    for (key, value) in map.iter_mut() {
        let Some(name) = key_text(key) else { continue };
        if name.starts_with("x-")
            || OPAQUE.contains(&name.as_str())
            || VALUES.contains(&name.as_str())
        {
            continue;
        }
        if value.is_null() {
            // A text that says nothing is simply absent: no warning for that.
            if !["description", "summary", "title"].contains(&name.as_str()) {
                warnings.push(at.join(&name), "`null` where a value belongs: left out");
            }
            empty.push(key.clone());
        } else {
            nulls(value, &at.join(&name), warnings);
        }
    }
    for key in empty {
        map.remove(&key);
    }
}

#[cfg(test)]
mod tests;
