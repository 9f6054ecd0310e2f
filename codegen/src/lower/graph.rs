//! Whole-API passes over the finished types: discriminator fields the union enum carries
//! instead of the variant struct, inline types nothing refers to, where each type is used,
//! and which fields must be boxed.

use std::collections::{HashMap, HashSet};

use crate::ir::{Api, BodyEncoding, Operation, TypeDef, TypeId, TypeKind, TypeRef};

/// The named types a type mentions, with whether each mention is direct (no list or map
/// in between).
fn edges(def: &TypeDef) -> Vec<(TypeId, bool)> {
    def.kind.named_refs()
}

fn all_op_types(op: &Operation) -> impl Iterator<Item = TypeId> {
    let (request, response) = op.types();
    request.into_iter().chain(response)
}

/// A struct used only as a variant of tagged unions does not carry the tag field: the union
/// writes and reads it, so callers never spell it out.
pub fn move_tags_to_unions(api: &mut Api) {
    let mut variant_tags: HashMap<TypeId, HashSet<String>> = HashMap::new();
    let mut elsewhere: HashSet<TypeId> = api.operations.iter().flat_map(all_op_types).collect();
    for def in &api.types {
        match &def.kind {
            TypeKind::TaggedUnion { tag, variants, .. } => {
                for v in variants {
                    match &v.variant.ty {
                        TypeRef::Named(id) => {
                            variant_tags.entry(*id).or_default().insert(tag.clone());
                        }
                        other => elsewhere.extend(other.named()),
                    }
                }
            }
            _ => elsewhere.extend(edges(def).into_iter().map(|(id, _)| id)),
        }
    }
    for (id, tags) in variant_tags {
        if elsewhere.contains(&id) || tags.len() != 1 {
            continue;
        }
        if let TypeKind::Struct { fields, .. } = &mut api.types[id.index()].kind {
            fields.retain(|f| !tags.contains(&f.wire_name));
        }
    }
}

/// Inline types nothing refers to any more (such as the single-value enum of a removed tag
/// field) are not emitted; component schemas always are. Returns the new id of each old id
/// (`None` for a dropped type) after renumbering every reference.
pub fn drop_unreferenced_inline_types(api: &mut Api) -> Vec<Option<TypeId>> {
    let mut alive = vec![true; api.types.len()];
    loop {
        let mut referenced: HashSet<TypeId> =
            api.operations.iter().flat_map(all_op_types).collect();
        for (def, _) in api.types.iter().zip(&alive).filter(|(_, a)| **a) {
            referenced.extend(edges(def).into_iter().map(|(id, _)| id));
        }
        let mut changed = false;
        for (i, def) in api.types.iter().enumerate() {
            if alive[i] && !is_component(&def.pointer) && !referenced.contains(&TypeId::at(i)) {
                alive[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut next = 0;
    let map: Vec<Option<TypeId>> = alive
        .iter()
        .map(|&a| {
            a.then(|| {
                next += 1;
                TypeId::at(next - 1)
            })
        })
        .collect();
    let mut index = 0;
    api.types.retain(|_| {
        index += 1;
        alive[index - 1]
    });
    // Every remaining reference points at a remaining type.
    renumber(api, &|id| map[id.index()].unwrap_or(id));
    map
}

/// Rewrites every type reference of the API with `map`.
fn renumber(api: &mut Api, map: &impl Fn(TypeId) -> TypeId) {
    for def in &mut api.types {
        def.kind
            .refs_mut()
            .into_iter()
            .for_each(|ty| ty.renumber(map));
        if let Some(p) = &mut def.pagination {
            p.item.renumber(map);
        }
    }
    for op in &mut api.operations {
        for p in &mut op.path_params {
            if let Some(ty) = p.arg.ty_mut() {
                ty.renumber(map);
            }
        }
        if let Some(p) = &mut op.params {
            p.ty = map(p.ty);
        }
        if let Some(b) = &mut op.body {
            b.ty.renumber(map);
        }
        if let Some(ty) = &mut op.response.ty {
            ty.renumber(map);
        }
    }
}

fn is_component(pointer: &str) -> bool {
    pointer
        .strip_prefix("#/components/schemas/")
        .is_some_and(|name| !name.contains('/'))
}

/// Marks each type as used by requests, responses, or both, and the bodies sent as
/// `multipart/form-data`.
pub fn mark_usage(api: &mut Api) {
    let mut request = Vec::new();
    let mut response = Vec::new();
    for op in &api.operations {
        if let Some(body) = op
            .body
            .as_ref()
            .filter(|b| b.encoding == BodyEncoding::Multipart)
        {
            if let Some(id) = body.ty.named() {
                api.types[id.index()].usage.multipart = true;
            }
        }
        let (req, resp) = op.types();
        request.extend(req);
        response.extend(resp);
    }
    for (roots, is_request) in [(request, true), (response, false)] {
        let mut seen = HashSet::new();
        let mut stack = roots;
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let def = &mut api.types[id.index()];
            stack.extend(edges(def).into_iter().map(|(id, _)| id));
            if is_request {
                def.usage.request = true;
            } else {
                def.usage.response = true;
            }
        }
    }
}

/// A field or variant that directly contains a type which directly contains it back would
/// make an infinitely large type: box it.
pub fn box_cycles(types: &mut [TypeDef]) {
    let direct: Vec<Vec<TypeId>> = types
        .iter()
        .map(|t| {
            edges(t)
                .into_iter()
                .filter(|(_, d)| *d)
                .map(|(id, _)| id)
                .collect()
        })
        .collect();
    let reaches = |from: TypeId, to: TypeId| {
        let mut seen = HashSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                stack.extend(direct[n.index()].iter().copied());
            }
        }
        false
    };
    for (i, def) in types.iter_mut().enumerate() {
        let owner = TypeId::at(i);
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for f in fields.iter_mut() {
                    if let TypeRef::Named(target) = f.ty {
                        f.boxed = reaches(target, owner);
                    }
                }
            }
            TypeKind::TaggedUnion { variants, .. } | TypeKind::EventUnion { variants, .. } => {
                for v in variants.iter_mut() {
                    if let TypeRef::Named(target) = v.variant.ty {
                        v.variant.boxed = reaches(target, owner);
                    }
                }
            }
            TypeKind::UntaggedUnion { variants } => {
                for v in variants.iter_mut() {
                    if let TypeRef::Named(target) = v.ty {
                        v.boxed = reaches(target, owner);
                    }
                }
            }
            // Parameters are never inside a response or body; an alias, an enum or an id
            // holds no field to box.
            TypeKind::QueryParams { .. }
            | TypeKind::StringEnum { .. }
            | TypeKind::Id { .. }
            | TypeKind::Alias { .. } => {}
        }
    }
}
