//! What callers build with, decided once usage is known: how optional nullable fields are
//! held, `new` and the setters of request types, and the `From` conversions of every type.

use std::collections::BTreeMap;

use super::docs::summary;
use crate::ir::{
    Api, Builder, Conversion, Field, FieldRepr, Primitive, Setter, TypeDef, TypeId, TypeKind,
    TypeRef,
};

/// The constructor of a struct with these fields.
pub fn builder(name: &str, fields: &[Field]) -> Builder {
    let doc = if fields.iter().any(|f| f.repr.is_required()) {
        format!("Creates a `{name}` from its required fields; optional fields start unset.")
    } else {
        format!("Creates an empty `{name}`; every field is optional.")
    };
    Builder {
        doc,
        optional_arg: None,
    }
}

/// Runs the pass over every type; `from` holds each `x-sdk-from` field, by index.
pub fn finish(api: &mut Api, from: &[(TypeId, usize)]) {
    for def in &mut api.types {
        let sent = def.usage.request;
        match &mut def.kind {
            TypeKind::Struct {
                fields, builder, ..
            } => {
                for f in fields.iter_mut() {
                    // Only a type callers send needs to tell "absent" from "null".
                    if f.repr == FieldRepr::OptionalNullable && !sent {
                        f.repr = FieldRepr::Optional;
                    }
                }
                if sent {
                    *builder = Some(self::builder(&def.name, fields));
                    setters(fields);
                }
            }
            TypeKind::QueryParams { fields, .. } => setters(fields),
            // Unions are built from their variants, enums and ids from values.
            TypeKind::StringEnum { .. }
            | TypeKind::TaggedUnion { .. }
            | TypeKind::EventUnion { .. }
            | TypeKind::UntaggedUnion { .. }
            | TypeKind::Id { .. }
            | TypeKind::Alias { .. } => {}
        }
    }
    for &(id, index) in from {
        let def = &mut api.types[id.index()];
        let TypeKind::Struct {
            fields, builder, ..
        } = &mut def.kind
        else {
            continue;
        };
        if !def.usage.request {
            continue;
        }
        let field = &fields[index];
        if let (false, Some(builder)) = (field.repr.is_required(), builder.as_mut()) {
            builder.optional_arg = Some(index);
            builder.doc = format!(
                "Creates a `{}` from its `{}`; the other fields start unset.",
                def.name, field.wire_name
            );
        }
        let conversion = if field.ty == TypeRef::Primitive(Primitive::String) && !field.boxed {
            Conversion::Text
        } else {
            Conversion::Field(index)
        };
        def.conversions.push(conversion);
    }
    let union_conversions: Vec<Vec<Conversion>> = api
        .types
        .iter()
        .map(|def| union_conversions(api, def))
        .collect();
    for (def, conversions) in api.types.iter_mut().zip(union_conversions) {
        def.conversions.extend(conversions);
    }
}

/// Setter names and docs for the optional fields of a struct callers build, and for its
/// required fields that may be `null` (which `new` takes as a value: the setter's `null`
/// method sends the `null`).
fn setters(fields: &mut [Field]) {
    let idents: Vec<String> = fields.iter().map(|f| f.ident.clone()).collect();
    for f in fields
        .iter_mut()
        .filter(|f| !f.repr.is_required() || f.repr == FieldRepr::Nullable)
    {
        // `new` is the constructor.
        let name = if f.ident == "new" {
            "with_new".to_owned()
        } else {
            f.ident.clone()
        };
        let nullable = matches!(f.repr, FieldRepr::OptionalNullable | FieldRepr::Nullable);
        let null = nullable.then(|| {
            let base = format!("{}_null", f.ident.trim_end_matches('_'));
            let name = if idents.contains(&base) {
                format!("set_{base}")
            } else {
                base
            };
            (
                name,
                format!("Sends `{}` as an explicit `null`.", f.wire_name),
            )
        });
        f.setter = Some(Setter {
            name,
            doc: format!("Sets `{}`: {}", f.wire_name, summary(&f.doc)),
            null,
        });
    }
}

/// `From<Payload>` for each variant whose payload type no other variant shares, and
/// `From<&str>`/`From<String>` when exactly one variant's payload converts from text and no
/// variant is a string itself.
fn union_conversions(api: &Api, def: &TypeDef) -> Vec<Conversion> {
    let variants: Vec<(&TypeRef, bool)> = match &def.kind {
        TypeKind::TaggedUnion { variants, .. } => variants
            .iter()
            .map(|v| (&v.variant.ty, v.variant.boxed))
            .collect(),
        TypeKind::UntaggedUnion { variants } => variants.iter().map(|v| (&v.ty, v.boxed)).collect(),
        _ => return Vec::new(),
    };
    // Aliases are Rust `type` aliases: two variants over aliases of one type share it.
    let rust_types: Vec<&TypeRef> = variants.iter().map(|(ty, _)| unalias(api, ty)).collect();
    let mut count: BTreeMap<&TypeRef, usize> = BTreeMap::new();
    for ty in &rust_types {
        *count.entry(ty).or_default() += 1;
    }
    let mut out: Vec<Conversion> = (0..variants.len())
        .filter(|&i| count[rust_types[i]] == 1)
        .map(Conversion::Variant)
        .collect();
    let from_text: Vec<usize> = (0..variants.len())
        .filter(|&i| {
            let (ty, boxed) = variants[i];
            !boxed
                && matches!(ty, TypeRef::Named(id)
                    if api.ty(*id).conversions.contains(&Conversion::Text))
        })
        .collect();
    let has_string_variant = rust_types
        .iter()
        .any(|ty| **ty == TypeRef::Primitive(Primitive::String));
    if let ([only], false) = (from_text.as_slice(), has_string_variant) {
        out.push(Conversion::TextVariant(*only));
    }
    out
}

/// The type `ty` names in Rust: through aliases (a `type` item) to what they stand for.
fn unalias<'a>(api: &'a Api, mut ty: &'a TypeRef) -> &'a TypeRef {
    // Bounded: alias cycles are refused when lowering, but a bound costs nothing.
    for _ in 0..64 {
        match ty {
            TypeRef::Named(id) => match &api.ty(*id).kind {
                TypeKind::Alias { target } => ty = target,
                _ => break,
            },
            _ => break,
        }
    }
    ty
}
