//! Whole-API passes over the finished types: where each type is used, which fields must be
//! boxed, and discriminator fields the union enum carries instead of the variant struct.

use std::collections::{HashMap, HashSet};

use crate::ir::{Api, TypeDef, TypeKind, TypeRef};

/// Runs every pass, in the order they depend on each other.
pub fn finish(api: &mut Api) {
    let used_by_operations: HashSet<String> = api
        .operations
        .iter()
        .flat_map(op_types)
        .map(str::to_owned)
        .collect();
    move_tags_to_unions(&mut api.types, &used_by_operations);
    drop_unreferenced_inline_types(api);
    mark_usage(api);
    box_cycles(&mut api.types);
}

/// The named types a type mentions, with whether each mention is direct (no list or map
/// in between).
fn edges(def: &TypeDef) -> Vec<(&str, bool)> {
    fn add<'t>(out: &mut Vec<(&'t str, bool)>, ty: &'t TypeRef) {
        if let Some(name) = ty.named() {
            out.push((name, !ty.is_indirect()));
        }
    }
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct { fields, additional } => {
            fields.iter().for_each(|f| add(&mut out, &f.ty));
            if let Some(name) = additional.as_ref().and_then(TypeRef::named) {
                out.push((name, false));
            }
        }
        TypeKind::TaggedUnion { variants, .. } | TypeKind::UntaggedUnion { variants } => {
            variants.iter().for_each(|v| add(&mut out, &v.ty));
        }
        TypeKind::Alias { target } => add(&mut out, target),
        TypeKind::StringEnum { .. } => {}
    }
    out
}

/// A struct used only as a variant of tagged unions does not carry the tag field: the union
/// writes and reads it, so callers never spell it out.
fn move_tags_to_unions(types: &mut [TypeDef], used_by_operations: &HashSet<String>) {
    let mut variant_tags: HashMap<String, HashSet<String>> = HashMap::new();
    let mut elsewhere: HashSet<String> = used_by_operations.clone();
    for def in types.iter() {
        match &def.kind {
            TypeKind::TaggedUnion { tag, variants } => {
                for v in variants {
                    match &v.ty {
                        TypeRef::Named(n) => {
                            variant_tags
                                .entry(n.clone())
                                .or_default()
                                .insert(tag.clone());
                        }
                        other => elsewhere.extend(other.named().map(str::to_owned)),
                    }
                }
            }
            _ => elsewhere.extend(edges(def).into_iter().map(|(n, _)| n.to_owned())),
        }
    }
    for def in types.iter_mut() {
        if elsewhere.contains(&def.name) {
            continue;
        }
        let Some(tags) = variant_tags.get(&def.name) else {
            continue;
        };
        if tags.len() != 1 {
            continue;
        }
        if let TypeKind::Struct { fields, .. } = &mut def.kind {
            fields.retain(|f| !tags.contains(&f.wire_name));
        }
    }
}

/// Inline types nothing refers to any more (such as the single-value enum of a removed tag
/// field) are not emitted. Component schemas always are.
fn drop_unreferenced_inline_types(api: &mut Api) {
    loop {
        let mut referenced: HashSet<String> = HashSet::new();
        for def in &api.types {
            referenced.extend(edges(def).into_iter().map(|(n, _)| n.to_owned()));
        }
        for op in &api.operations {
            referenced.extend(op_types(op).into_iter().map(str::to_owned));
        }
        let before = api.types.len();
        api.types
            .retain(|t| is_component(&t.pointer) || referenced.contains(&t.name));
        if api.types.len() == before {
            break;
        }
    }
}

fn is_component(pointer: &str) -> bool {
    pointer
        .strip_prefix("#/components/schemas/")
        .is_some_and(|name| !name.contains('/'))
}

fn op_types(op: &crate::ir::Operation) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    out.extend(
        op.path_params
            .iter()
            .chain(&op.params)
            .filter_map(|p| p.ty.named()),
    );
    out.extend(op.params_type.as_deref());
    out.extend(op.body.as_ref().and_then(TypeRef::named));
    out.extend(op.response.ty.as_ref().and_then(TypeRef::named));
    out
}

/// Marks each type as used by requests, responses, or both.
fn mark_usage(api: &mut Api) {
    let index: HashMap<String, usize> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let mut request = Vec::new();
    let mut response = Vec::new();
    for op in &api.operations {
        request.extend(
            op.path_params
                .iter()
                .chain(&op.params)
                .filter_map(|p| p.ty.named())
                .map(str::to_owned),
        );
        request.extend(op.params_type.clone());
        request.extend(op.body.as_ref().and_then(TypeRef::named).map(str::to_owned));
        response.extend(
            op.response
                .ty
                .as_ref()
                .and_then(TypeRef::named)
                .map(str::to_owned),
        );
    }
    for (roots, is_request) in [(request, true), (response, false)] {
        let mut seen = HashSet::new();
        let mut stack = roots;
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let Some(&i) = index.get(&name) else { continue };
            stack.extend(edges(&api.types[i]).into_iter().map(|(n, _)| n.to_owned()));
            let usage = &mut api.types[i].usage;
            if is_request {
                usage.request = true;
            } else {
                usage.response = true;
            }
        }
    }
}

/// A field or variant that directly contains a type which directly contains it back would
/// make an infinitely large type: box it.
fn box_cycles(types: &mut [TypeDef]) {
    let direct: HashMap<String, Vec<String>> = types
        .iter()
        .map(|t| {
            (
                t.name.clone(),
                edges(t)
                    .into_iter()
                    .filter(|(_, d)| *d)
                    .map(|(n, _)| n.to_owned())
                    .collect(),
            )
        })
        .collect();
    let reaches = |from: &str, to: &str| {
        let mut seen = HashSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(direct.get(&n).into_iter().flatten().cloned());
            }
        }
        false
    };
    for def in types.iter_mut() {
        let owner = def.name.clone();
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for f in fields.iter_mut() {
                    if let TypeRef::Named(target) = &f.ty {
                        f.boxed = reaches(target, &owner);
                    }
                }
            }
            TypeKind::TaggedUnion { variants, .. } | TypeKind::UntaggedUnion { variants } => {
                for v in variants.iter_mut() {
                    if let TypeRef::Named(target) = &v.ty {
                        v.boxed = reaches(target, &owner);
                    }
                }
            }
            _ => {}
        }
    }
}
