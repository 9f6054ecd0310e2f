//! `oneOf`/`anyOf` → enums: tagged by a discriminator, or untagged (first match wins).

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::classify::{classify, Inline, Shape};
use super::{Site, TypeBuilder};
use crate::error::{Error, Result};
use crate::ir::{Primitive, TaggedVariant, TypeKind, TypeRef, Variant};
use crate::load::Pointer;
use crate::lower::naming::{camel_ident, unique_variants};

impl TypeBuilder<'_> {
    pub(super) fn tagged_union(
        &mut self,
        items: &[ReferenceOr<Schema>],
        tag: &str,
        mapping: &IndexMap<String, String>,
        site: &Site,
    ) -> Result<TypeKind> {
        let mut tag_values = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = site.pointer.join(i);
            let value = match item {
                ReferenceOr::Reference { reference } => {
                    let (key, _) = self.resolver.schema(reference, &at)?;
                    mapping
                        .iter()
                        .find(|(_, target)| *target == reference)
                        .map(|(v, _)| v.clone())
                        .unwrap_or_else(|| key.to_owned())
                }
                ReferenceOr::Item(schema) => single_enum_value(schema, tag).ok_or_else(|| {
                    Error::unsupported(
                        at.as_str(),
                        format!("inline `oneOf` variant without a single-value `{tag}` enum"),
                    )
                })?,
            };
            tag_values.push(value);
        }
        for (value, target) in mapping {
            if !items
                .iter()
                .any(|i| matches!(i, ReferenceOr::Reference { reference } if reference == target))
            {
                let at = site
                    .pointer
                    .join("discriminator")
                    .join("mapping")
                    .join(value);
                self.resolver.schema(target, &at)?;
                return Err(Error::unsupported(
                    at.as_str(),
                    format!("mapping target `{target}` is not one of the `oneOf` variants"),
                ));
            }
        }
        let names = unique_variants(tag_values.iter().map(String::as_str), &["Unknown"]);
        let mut variants = Vec::new();
        for (i, ((item, tag_value), name)) in items.iter().zip(tag_values).zip(names).enumerate() {
            let at = site.pointer.join(i);
            let slot = self.slot(item, &site.child(format!("{}{name}", site.name), at))?;
            variants.push(TaggedVariant {
                variant: Variant {
                    name,
                    ty: slot.ty,
                    boxed: false,
                    doc: slot
                        .doc
                        .unwrap_or_else(|| format!("The `{tag_value}` variant.")),
                },
                tag_value,
            });
        }
        Ok(TypeKind::TaggedUnion {
            tag: tag.to_owned(),
            tag_doc: format!("The `{tag}` value of this variant."),
            variants,
        })
    }

    pub(super) fn untagged_union(
        &mut self,
        items: &[ReferenceOr<Schema>],
        site: &Site,
    ) -> Result<TypeKind> {
        if let Some(target) = self.common_plain_type(items) {
            return Ok(TypeKind::Alias { target });
        }
        let mut slots = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = site.pointer.join(i);
            let slot = self.slot(
                item,
                &site.child(format!("{}Variant{}", site.name, i + 1), at),
            )?;
            slots.push(slot);
        }
        // An inline variant's `title` names it (`Id`, `Name`); otherwise its type does.
        let raw: Vec<String> = slots
            .iter()
            .zip(items)
            .map(|(s, item)| match item {
                ReferenceOr::Item(schema) => schema
                    .schema_data
                    .title
                    .as_deref()
                    .map(camel_ident)
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| self.variant_base_name(&s.ty)),
                ReferenceOr::Reference { .. } => self.variant_base_name(&s.ty),
            })
            .collect();
        let names = unique_variants(raw.iter().map(String::as_str), &["Unknown"]);
        let variants = slots
            .into_iter()
            .zip(names)
            .map(|(slot, name)| Variant {
                doc: slot.doc.unwrap_or_else(|| format!("The `{name}` variant.")),
                name,
                ty: slot.ty,
                boxed: false,
            })
            .collect();
        Ok(TypeKind::UntaggedUnion { variants })
    }

    /// The one Rust type of a union whose variants are all the same scalar or free-form map
    /// (`oneOf` of two string patterns, of two free-form objects): no variant could ever be
    /// told from another when decoding, so the union is that type.
    fn common_plain_type(&self, items: &[ReferenceOr<Schema>]) -> Option<TypeRef> {
        let mut common: Option<TypeRef> = None;
        for item in items {
            let schema = self.resolver.schema_of(item, &Pointer::root()).ok()?;
            let ty = match classify(schema) {
                Shape::Inline(Inline::Primitive(p)) => TypeRef::Primitive(p),
                Shape::Inline(Inline::Map(None | Some(AdditionalProperties::Any(true)))) => {
                    TypeRef::Map(Box::new(TypeRef::Primitive(Primitive::Json)))
                }
                _ => return None,
            };
            match &common {
                Some(c) if *c != ty => return None,
                _ => common = Some(ty),
            }
        }
        common.filter(|_| items.len() > 1)
    }

    /// The variant name of an untagged payload: its type's name.
    fn variant_base_name(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Named(id) => self.types[id.index()].name.clone(),
            TypeRef::List(inner) => format!("{}List", self.variant_base_name(inner)),
            TypeRef::Map(inner) => format!("{}Map", self.variant_base_name(inner)),
            TypeRef::Primitive(p) => match p {
                Primitive::String => "String",
                Primitive::Timestamp => "Timestamp",
                Primitive::Date => "Date",
                Primitive::Uuid => "Uuid",
                Primitive::I32 | Primitive::I64 => "Integer",
                Primitive::F32 | Primitive::F64 => "Number",
                Primitive::Bool => "Boolean",
                Primitive::Json => "Json",
                Primitive::Bytes => "Bytes",
                Primitive::File => "File",
            }
            .to_owned(),
        }
    }
}

/// The first inline variant that has no single value for the tag property, so that the
/// union cannot be decoded by its tag.
pub(super) fn untagged_variant(items: &[ReferenceOr<Schema>], tag: &str) -> Option<usize> {
    items.iter().position(|item| match item {
        ReferenceOr::Item(schema) => single_enum_value(schema, tag).is_none(),
        ReferenceOr::Reference { .. } => false,
    })
}

/// The single value of an inline variant's tag property (`type: {enum: [text]}`).
fn single_enum_value(schema: &Schema, tag: &str) -> Option<String> {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return None;
    };
    let ReferenceOr::Item(prop) = object.properties.get(tag)? else {
        return None;
    };
    match &prop.schema_kind {
        SchemaKind::Type(Type::String(s)) if s.enumeration.len() == 1 => s.enumeration[0].clone(),
        _ => None,
    }
}
