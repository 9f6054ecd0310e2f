//! `$ref`s into the inside of a component (`#/components/schemas/Tag/allOf/0`,
//! `#/components/parameters/kind/schema`) or into `paths`: each target becomes a component
//! schema of its own, named after where it is, and the reference points at it. Targets that
//! are not schemas are copied in place of the reference.

use std::collections::HashMap;

use serde_yaml::{Mapping, Value};

use super::super::grammar::{self, Pos, Visit};
use super::Pointer;
use crate::warning::Warnings;

/// How many times hoisted or copied definitions are searched for further inner `$ref`s.
const MAX_ROUNDS: usize = 8;

/// Rewrites every inner `$ref` of `doc`.
pub fn deep_refs(doc: &mut Value) {
    let mut hoisted: HashMap<String, String> = HashMap::new();
    for _ in 0..MAX_ROUNDS {
        let found = collect(doc, is_inner);
        let mut changed = false;
        for (at, reference, site) in found {
            let Some(target) = lookup(doc, &reference).cloned() else {
                continue; // a dangling reference: see `dangling_refs`
            };
            let is_schema = matches!(site, Site::Node(Pos::Schema) | Site::Mapping);
            let replacement = if is_schema {
                let name = match hoisted.get(&reference) {
                    Some(name) => name.clone(),
                    None => {
                        let name = insert_schema(doc, &reference, target);
                        hoisted.insert(reference.clone(), name.clone());
                        // The place the target came from uses the component too, so both
                        // places share one type.
                        if let Some(origin) = lookup_mut(doc, &reference) {
                            *origin = component_ref(&name);
                        }
                        name
                    }
                };
                match site {
                    Site::Mapping => Value::String(format!("#/components/schemas/{name}")),
                    Site::Node(_) => component_ref(&name),
                }
            } else {
                target
            };
            if let Some(node) = lookup_mut(doc, at.as_str()) {
                *node = replacement;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

fn component_ref(name: &str) -> Value {
    let mut map = Mapping::new();
    map.insert("$ref".into(), format!("#/components/schemas/{name}").into());
    Value::Mapping(map)
}

/// Where a reference is written: a node at a position of the grammar (`{$ref: …}`), or a
/// discriminator `mapping` value (a string naming a schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Site {
    Node(Pos),
    Mapping,
}

/// The local references of a document that a filter accepts, found through the grammar.
struct Refs {
    found: Vec<(Pointer, String, Site)>,
    wanted: fn(&str) -> bool,
}

impl Visit for Refs {
    fn enter(&mut self, pos: Pos, node: &mut Value, at: &Pointer) -> bool {
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
            return true;
        };
        if (self.wanted)(reference) {
            self.found
                .push((at.clone(), reference.to_owned(), Site::Node(pos)));
        }
        false
    }

    fn mapping(&mut self, target: &mut String, at: &Pointer) {
        if (self.wanted)(target) {
            self.found.push((at.clone(), target.clone(), Site::Mapping));
        }
    }
}

/// Every local reference of `doc` that `wanted` accepts: where it is written, what it says,
/// and at what kind of site.
fn collect(doc: &mut Value, wanted: fn(&str) -> bool) -> Vec<(Pointer, String, Site)> {
    let mut refs = Refs {
        found: Vec::new(),
        wanted,
    };
    grammar::visit(doc, &mut refs);
    refs.found
}

/// A local `$ref` that points at nothing: as a schema, any JSON value (its siblings, such as
/// a description, stay); as a parameter or a request body, left out; as a response, a
/// response without a body. Each with a warning naming the reference.
pub fn dangling_refs(doc: &mut Value, warnings: &mut Warnings) {
    let found = collect(doc, |r| r.starts_with("#/"));
    // Last first, so that removing a list item leaves the earlier sites where they are.
    for (at, reference, site) in found.into_iter().rev() {
        if lookup(doc, &reference).is_some() {
            continue;
        }
        let outcome = match site {
            Site::Node(Pos::Schema) => {
                if let Some(Value::Mapping(map)) = at.find_mut(doc) {
                    map.remove("$ref");
                }
                "any JSON value"
            }
            Site::Node(Pos::Parameter | Pos::RequestBody) | Site::Mapping => {
                remove(doc, &at);
                "left out"
            }
            Site::Node(Pos::Response) => {
                if let Some(node) = at.find_mut(doc) {
                    let mut response = Mapping::new();
                    response.insert("description".into(), "Not described.".into());
                    *node = Value::Mapping(response);
                }
                "a response without a body"
            }
            Site::Node(_) => continue, // reported by the lowering
        };
        warnings.push(
            &at,
            format!("`$ref: {reference}` points at nothing: {outcome}"),
        );
    }
}

/// Removes the node at `site` from its list or mapping.
fn remove(doc: &mut Value, site: &Pointer) {
    let tokens: Vec<String> = site.tokens().collect();
    let Some((last, parents)) = tokens.split_last() else {
        return;
    };
    let parent = parents
        .iter()
        .fold(Pointer::root(), |pointer, token| pointer.join(token));
    match parent.find_mut(doc) {
        Some(Value::Sequence(items)) => {
            if let Some(i) = last.parse::<usize>().ok().filter(|i| *i < items.len()) {
                items.remove(i);
            }
        }
        Some(Value::Mapping(map)) => {
            map.remove(last.as_str());
        }
        _ => {}
    }
}

/// A local reference to something other than a whole component.
fn is_inner(reference: &str) -> bool {
    let Some(fragment) = reference.strip_prefix("#/") else {
        return false;
    };
    let tokens: Vec<&str> = fragment.split('/').collect();
    !(tokens.len() == 3 && tokens[0] == "components")
}

/// The node a local reference (`#/a/b`) or pointer names.
fn lookup<'v>(doc: &'v Value, reference: &str) -> Option<&'v Value> {
    Pointer::from_fragment(reference.strip_prefix('#')?).find(doc)
}

fn lookup_mut<'v>(doc: &'v mut Value, reference: &str) -> Option<&'v mut Value> {
    Pointer::from_fragment(reference.strip_prefix('#')?).find_mut(doc)
}

/// Adds `target` to `components/schemas` under a free name made from the reference, and
/// returns the name.
fn insert_schema(doc: &mut Value, reference: &str, target: Value) -> String {
    let base = hoisted_name(reference);
    let Value::Mapping(root) = doc else {
        return base;
    };
    let components = root
        .entry("components".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if !components.is_mapping() {
        *components = Value::Mapping(Mapping::new());
    }
    let Value::Mapping(components) = components else {
        return base;
    };
    let schemas = components
        .entry("schemas".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if !schemas.is_mapping() {
        *schemas = Value::Mapping(Mapping::new());
    }
    let Value::Mapping(schemas) = schemas else {
        return base;
    };
    let mut name = base.clone();
    let mut n = 2;
    while schemas.contains_key(name.as_str()) {
        name = format!("{base}_{n}");
        n += 1;
    }
    schemas.insert(name.clone().into(), target);
    name
}

/// `#/components/schemas/Tag/allOf/0` → `Tag_allOf_0`; `#/components/parameters/kind/schema`
/// → `kind`: the tokens that say where, without the section and the keywords that only lead
/// to a schema; only characters a component name may hold.
fn hoisted_name(reference: &str) -> String {
    let pointer = Pointer::from_fragment(reference.strip_prefix('#').unwrap_or(reference));
    let tokens: Vec<String> = pointer.tokens().collect();
    let skip = if tokens.first().is_some_and(|t| t == "components") {
        2
    } else {
        0
    };
    let kept: Vec<String> = tokens
        .into_iter()
        .skip(skip)
        .filter(|t| {
            !matches!(
                t.as_str(),
                "schema" | "content" | "paths" | "properties" | "parameters" | "responses"
            ) && !t.contains('/')
        })
        .map(|t| {
            t.chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect();
    if kept.is_empty() {
        "Inner".to_owned()
    } else {
        kept.join("_")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_where_the_target_is() {
        assert_eq!(
            hoisted_name("#/components/schemas/Tag/allOf/0"),
            "Tag_allOf_0"
        );
        assert_eq!(hoisted_name("#/components/parameters/kind/schema"), "kind");
        assert_eq!(
            hoisted_name("#/paths/~1pets/get/responses/200/content/application~1json/schema"),
            "get_200"
        );
    }

    #[test]
    fn whole_components_are_not_inner() {
        assert!(!is_inner("#/components/schemas/Tag"));
        assert!(is_inner("#/components/schemas/Tag/allOf/0"));
        assert!(is_inner("#/paths/~1pets"));
        assert!(!is_inner("other.yaml#/Tag/allOf/0"));
    }
}
