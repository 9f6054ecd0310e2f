//! Schemas → named IR types and type references.
//!
//! Component schemas keep their names; inline schemas that need a type of their own are named
//! from their position (`SentMessage` + `delivery_status` → `SentMessageDeliveryStatus`).

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ObjectType, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::docs::schema_doc;
use super::naming::{camel_ident, singular, snake_ident, type_name, unique_variants};
use crate::error::{Error, Result};
use crate::ir::{EnumValue, Field, Primitive, TypeDef, TypeKind, TypeRef, UnionVariant, Usage};
use crate::load::{Pointer, Resolver, Spec};

/// Where a schema sits, which names the type it may need.
#[derive(Debug, Clone)]
pub struct Site {
    /// The name an inline type here gets.
    pub name: String,
    /// JSON pointer of the schema.
    pub pointer: Pointer,
    /// Output module of types created here.
    pub module: String,
}

impl Site {
    fn child(&self, name: String, pointer: Pointer) -> Site {
        Site {
            name,
            pointer,
            module: self.module.clone(),
        }
    }
}

/// What a schema used as a field or parameter resolves to.
#[derive(Debug, Clone)]
pub struct Slot {
    /// The type.
    pub ty: TypeRef,
    /// `nullable: true` on the schema (or on the component it references).
    pub nullable: bool,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Rustdoc for the slot.
    pub doc: Option<String>,
}

/// Accumulates named types while schemas are lowered.
pub struct TypeBuilder<'a> {
    spec: &'a Spec,
    resolver: Resolver<'a>,
    /// Component schema name → Rust type name.
    components: HashMap<&'a str, String>,
    /// Rust type name → pointer of the schema that claimed it.
    taken: HashMap<String, Pointer>,
    /// The types built so far, in order.
    pub types: Vec<TypeDef>,
}

impl<'a> TypeBuilder<'a> {
    /// Names every component schema up front, so references (including recursive ones)
    /// resolve before any schema is lowered.
    pub fn new(spec: &'a Spec) -> Result<Self> {
        let mut builder = TypeBuilder {
            spec,
            resolver: Resolver::new(&spec.doc),
            components: HashMap::new(),
            taken: HashMap::new(),
            types: Vec::new(),
        };
        if let Some(components) = &spec.doc.components {
            for (key, schema) in &components.schemas {
                let pointer = Pointer::root().join("components").join("schemas").join(key);
                let name = match schema {
                    ReferenceOr::Item(s) => {
                        sdk_name(s, &pointer)?.unwrap_or_else(|| type_name(key))
                    }
                    ReferenceOr::Reference { .. } => type_name(key),
                };
                builder.claim(&name, &pointer)?;
                builder.components.insert(key.as_str(), name);
            }
        }
        Ok(builder)
    }

    /// Lowers every component schema, in spec order.
    pub fn lower_components(&mut self) -> Result<()> {
        let Some(components) = &self.spec.doc.components else {
            return Ok(());
        };
        for (key, schema) in &components.schemas {
            let pointer = Pointer::root().join("components").join("schemas").join(key);
            let name = self.components[key.as_str()].clone();
            let site = Site {
                module: snake_ident(&name),
                name: name.clone(),
                pointer,
            };
            match schema {
                ReferenceOr::Item(schema) => self.define(schema, &site)?,
                ReferenceOr::Reference { reference } => {
                    let target = self.reference(reference, &site.pointer)?;
                    let doc = Some(format!(
                        "Another name for [`{}`].",
                        target.named().unwrap_or("?")
                    ));
                    self.push(&site, doc, false, TypeKind::Alias { target });
                }
            }
        }
        Ok(())
    }

    /// The type of a schema used at `site`, creating named types for inline schemas that
    /// need one.
    pub fn slot(&mut self, schema: &ReferenceOr<Schema>, site: &Site) -> Result<Slot> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let (_, target) = self.resolver.schema(reference, &site.pointer)?;
                let ty = self.reference(reference, &site.pointer)?;
                let raw_doc = self.sibling_description(&site.pointer);
                Ok(Slot {
                    ty,
                    nullable: target.schema_data.nullable,
                    deprecated: target.schema_data.deprecated,
                    doc: raw_doc.or_else(|| schema_doc(&target.schema_data, &target.schema_kind)),
                })
            }
            ReferenceOr::Item(schema) => Ok(Slot {
                ty: self.inline(schema, site)?,
                nullable: schema.schema_data.nullable,
                deprecated: schema.schema_data.deprecated,
                doc: schema_doc(&schema.schema_data, &schema.schema_kind),
            }),
        }
    }

    /// Same as [`Self::slot`] for the boxed schemas `openapiv3` uses inside objects and arrays.
    pub fn boxed_slot(&mut self, schema: &ReferenceOr<Box<Schema>>, site: &Site) -> Result<Slot> {
        self.slot(&unbox(schema), site)
    }

    /// A `description` written beside a `$ref`, which OpenAPI 3.0 tools commonly honour.
    fn sibling_description(&self, pointer: &Pointer) -> Option<String> {
        let raw = self.spec.raw_at(pointer)?;
        raw.get("description")
            .and_then(|d| d.as_str())
            .map(|d| d.trim().to_owned())
    }

    fn reference(&self, reference: &str, at: &Pointer) -> Result<TypeRef> {
        let (key, _) = self.resolver.schema(reference, at)?;
        Ok(TypeRef::Named(self.components[key].clone()))
    }

    /// The type of an inline schema.
    fn inline(&mut self, schema: &Schema, site: &Site) -> Result<TypeRef> {
        let site = match sdk_name(schema, &site.pointer)? {
            Some(name) => Site {
                name,
                ..site.clone()
            },
            None => site.clone(),
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                self.named(schema, &site)
            }
            SchemaKind::Type(Type::String(s)) => {
                Ok(TypeRef::Primitive(string_primitive(&s.format)))
            }
            SchemaKind::Type(Type::Integer(i)) => Ok(TypeRef::Primitive(match i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Primitive::I32,
                _ => Primitive::I64,
            })),
            SchemaKind::Type(Type::Number(n)) => Ok(TypeRef::Primitive(match n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Primitive::F32,
                _ => Primitive::F64,
            })),
            SchemaKind::Type(Type::Boolean(_)) => Ok(TypeRef::Primitive(Primitive::Bool)),
            SchemaKind::Type(Type::Array(array)) => {
                let items_site = site.child(singular(&site.name), site.pointer.join("items"));
                let item = match &array.items {
                    Some(items) => self.boxed_slot(items, &items_site)?.ty,
                    None => TypeRef::Primitive(Primitive::Json),
                };
                Ok(TypeRef::List(Box::new(item)))
            }
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => self
                .map_value(object.additional_properties.as_ref(), &site)
                .map(|v| TypeRef::Map(Box::new(v))),
            SchemaKind::OneOf { one_of: items }
            | SchemaKind::AnyOf { any_of: items }
            | SchemaKind::AllOf { all_of: items }
                if items.len() == 1 && schema.schema_data.discriminator.is_none() =>
            {
                let key = keyword(&schema.schema_kind);
                Ok(self
                    .slot(
                        &items[0],
                        &site.child(site.name.clone(), site.pointer.join(key).join(0)),
                    )?
                    .ty)
            }
            SchemaKind::Any(any) if is_empty_any(any) => Ok(TypeRef::Primitive(Primitive::Json)),
            _ => self.named(schema, &site),
        }
    }

    /// Defines a named type for `schema` at `site` and refers to it.
    fn named(&mut self, schema: &Schema, site: &Site) -> Result<TypeRef> {
        self.claim(&site.name, &site.pointer)?;
        self.define(schema, site)?;
        Ok(TypeRef::Named(site.name.clone()))
    }

    /// Builds the type definition for a schema whose name is already claimed.
    fn define(&mut self, schema: &Schema, site: &Site) -> Result<()> {
        let doc = schema_doc(&schema.schema_data, &schema.schema_kind);
        let deprecated = schema.schema_data.deprecated;
        // Reserve the slot first so parents come before the inline types they contain.
        let index = self.push(
            site,
            doc,
            deprecated,
            TypeKind::Alias {
                target: TypeRef::Primitive(Primitive::Json),
            },
        );
        let kind = self.kind(schema, site)?;
        self.types[index].from_field = from_field(schema, &site.pointer)?;
        self.types[index].kind = kind;
        Ok(())
    }

    fn kind(&mut self, schema: &Schema, site: &Site) -> Result<TypeKind> {
        let data = &schema.schema_data;
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                let raw: Vec<&str> = s.enumeration.iter().flatten().map(String::as_str).collect();
                let variants = unique_variants(raw.iter().copied(), &["Unknown"]);
                let values = variants
                    .into_iter()
                    .zip(raw)
                    .map(|(variant, value)| EnumValue {
                        variant,
                        value: value.to_owned(),
                    })
                    .collect();
                Ok(TypeKind::StringEnum { values })
            }
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
                self.object(object, site)
            }
            SchemaKind::Any(any)
                if !any.properties.is_empty()
                    && any.typ.as_deref().is_none_or(|t| t == "object") =>
            {
                let object = ObjectType {
                    properties: any.properties.clone(),
                    required: any.required.clone(),
                    additional_properties: any.additional_properties.clone(),
                    min_properties: any.min_properties,
                    max_properties: any.max_properties,
                };
                self.object(&object, site)
            }
            SchemaKind::OneOf { one_of: items } | SchemaKind::AnyOf { any_of: items } => {
                let site = &site.child(
                    site.name.clone(),
                    site.pointer.join(keyword(&schema.schema_kind)),
                );
                match &data.discriminator {
                    Some(d) => self.tagged_union(items, &d.property_name, &d.mapping, site),
                    None => self.untagged_union(items, site),
                }
            }
            SchemaKind::AllOf { all_of } => self.all_of(all_of, site),
            SchemaKind::Not { .. } => {
                Err(Error::unsupported(site.pointer.as_str(), "`not` schemas"))
            }
            SchemaKind::Any(_) if !matches!(&schema.schema_kind, SchemaKind::Any(a) if is_empty_any(a)) => {
                Err(Error::unsupported(
                    site.pointer.as_str(),
                    "a schema mixing keywords of several types (no single `type`)",
                ))
            }
            _ => {
                let target = self.inline(&without_name(schema), site)?;
                Ok(TypeKind::Alias { target })
            }
        }
    }

    fn object(&mut self, object: &ObjectType, site: &Site) -> Result<TypeKind> {
        let mut fields = Vec::new();
        // The map of extra properties takes this name; a listed property must not.
        let mut idents: Vec<String> = match &object.additional_properties {
            Some(AdditionalProperties::Schema(_)) => vec!["additional_properties".to_owned()],
            _ => Vec::new(),
        };
        for (wire, schema) in &object.properties {
            let pointer = site.pointer.join("properties").join(wire);
            let child = site.child(format!("{}{}", site.name, camel_ident(wire)), pointer);
            let slot = self.boxed_slot(schema, &child)?;
            let mut ident = snake_ident(wire);
            let base = ident.clone();
            let mut n = 2;
            while idents.contains(&ident) {
                ident = format!("{}_{n}", base.trim_end_matches('_'));
                n += 1;
            }
            idents.push(ident.clone());
            fields.push(Field {
                ident,
                wire_name: wire.clone(),
                ty: slot.ty,
                required: object.required.contains(wire),
                nullable: slot.nullable,
                boxed: false,
                deprecated: slot.deprecated,
                doc: slot.doc.or_else(|| Some(format!("The `{wire}` field."))),
            });
        }
        let additional = match &object.additional_properties {
            Some(AdditionalProperties::Schema(schema)) => {
                let child = site.child(
                    format!("{}Value", site.name),
                    site.pointer.join("additionalProperties"),
                );
                Some(self.slot(schema, &child)?.ty)
            }
            _ => None,
        };
        Ok(TypeKind::Struct { fields, additional })
    }

    fn map_value(
        &mut self,
        additional: Option<&AdditionalProperties>,
        site: &Site,
    ) -> Result<TypeRef> {
        match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let child = site.child(
                    format!("{}Value", site.name),
                    site.pointer.join("additionalProperties"),
                );
                Ok(self.slot(schema, &child)?.ty)
            }
            _ => Ok(TypeRef::Primitive(Primitive::Json)),
        }
    }

    fn tagged_union(
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
        for (i, ((item, value), variant)) in items.iter().zip(tag_values).zip(names).enumerate() {
            let at = site.pointer.join(i);
            let slot = self.slot(item, &site.child(format!("{}{variant}", site.name), at))?;
            variants.push(UnionVariant {
                variant,
                tag_value: value,
                ty: slot.ty,
                boxed: false,
                doc: slot.doc,
            });
        }
        Ok(TypeKind::TaggedUnion {
            tag: tag.to_owned(),
            variants,
        })
    }

    fn untagged_union(&mut self, items: &[ReferenceOr<Schema>], site: &Site) -> Result<TypeKind> {
        let mut slots = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = site.pointer.join(i);
            let slot = self.slot(
                item,
                &site.child(format!("{}Variant{}", site.name, i + 1), at),
            )?;
            slots.push(slot);
        }
        let raw: Vec<String> = slots.iter().map(|s| variant_base_name(&s.ty)).collect();
        let names = unique_variants(raw.iter().map(String::as_str), &["Unknown"]);
        let variants = slots
            .into_iter()
            .zip(names)
            .map(|(slot, variant)| UnionVariant {
                variant,
                tag_value: String::new(),
                ty: slot.ty,
                boxed: false,
                doc: slot.doc,
            })
            .collect();
        Ok(TypeKind::UntaggedUnion { variants })
    }

    /// `allOf`: the properties and `required` lists of every part, merged into one struct.
    fn all_of(&mut self, parts: &[ReferenceOr<Schema>], site: &Site) -> Result<TypeKind> {
        let mut merged = ObjectType::default();
        for (i, part) in parts.iter().enumerate() {
            let at = site.pointer.join("allOf").join(i);
            self.merge_into(&mut merged, part, &at, 0)?;
        }
        self.object(&merged, site)
    }

    fn merge_into(
        &self,
        merged: &mut ObjectType,
        part: &ReferenceOr<Schema>,
        at: &Pointer,
        depth: usize,
    ) -> Result<()> {
        if depth > 16 {
            return Err(Error::unsupported(
                at.as_str(),
                "`allOf` nested more than 16 levels deep",
            ));
        }
        let schema = match part {
            ReferenceOr::Reference { reference } => self.resolver.schema(reference, at)?.1,
            ReferenceOr::Item(schema) => schema,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                for (k, v) in &object.properties {
                    merged.properties.insert(k.clone(), v.clone());
                }
                for r in &object.required {
                    if !merged.required.contains(r) {
                        merged.required.push(r.clone());
                    }
                }
                Ok(())
            }
            SchemaKind::AllOf { all_of } => {
                for (i, inner) in all_of.iter().enumerate() {
                    self.merge_into(merged, inner, &at.join("allOf").join(i), depth + 1)?;
                }
                Ok(())
            }
            _ => Err(Error::unsupported(
                at.as_str(),
                "an `allOf` part that is not an object",
            )),
        }
    }

    fn claim(&mut self, name: &str, pointer: &Pointer) -> Result<()> {
        if let Some(first) = self.taken.get(name) {
            return Err(Error::DuplicateTypeName {
                name: name.to_owned(),
                first: first.to_string(),
                second: pointer.to_string(),
            });
        }
        self.taken.insert(name.to_owned(), pointer.clone());
        Ok(())
    }

    /// Reserves a type name for a type the caller builds itself (e.g. query parameters).
    pub fn claim_name(&mut self, name: &str, pointer: &Pointer) -> Result<()> {
        self.claim(name, pointer)
    }

    /// Appends a finished type definition and returns its index.
    pub fn push(
        &mut self,
        site: &Site,
        doc: Option<String>,
        deprecated: bool,
        kind: TypeKind,
    ) -> usize {
        self.types.push(TypeDef {
            name: site.name.clone(),
            doc,
            pointer: site.pointer.to_string(),
            module: site.module.clone(),
            usage: Usage::default(),
            deprecated,
            serde: true,
            from_field: None,
            kind,
        });
        self.types.len() - 1
    }

    /// The resolver, for callers that need to look at referenced schemas themselves.
    pub fn resolver(&self) -> Resolver<'a> {
        self.resolver
    }
}

/// The `x-sdk-name` extension of a schema: an explicit Rust type name.
fn sdk_name(schema: &Schema, pointer: &Pointer) -> Result<Option<String>> {
    match schema.schema_data.extensions.get("x-sdk-name") {
        None => Ok(None),
        Some(serde_json::Value::String(name)) if !name.is_empty() => Ok(Some(type_name(name))),
        Some(_) => Err(Error::Extension {
            extension: "x-sdk-name".to_owned(),
            pointer: pointer.to_string(),
            message: "must be a non-empty string".to_owned(),
        }),
    }
}

/// The `x-sdk-from` extension of a schema: the property a struct can be built from alone.
fn from_field(schema: &Schema, pointer: &Pointer) -> Result<Option<String>> {
    match schema.schema_data.extensions.get("x-sdk-from") {
        None => Ok(None),
        Some(serde_json::Value::String(name)) if !name.is_empty() => Ok(Some(name.clone())),
        Some(_) => Err(Error::Extension {
            extension: "x-sdk-from".to_owned(),
            pointer: pointer.to_string(),
            message: "must name a property".to_owned(),
        }),
    }
}

fn without_name(schema: &Schema) -> Schema {
    let mut copy = schema.clone();
    copy.schema_data.extensions.shift_remove("x-sdk-name");
    copy
}

fn string_primitive(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Primitive {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Primitive::Timestamp,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Primitive::Date,
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => Primitive::Uuid,
        _ => Primitive::String,
    }
}

fn is_empty_any(any: &openapiv3::AnySchema) -> bool {
    any.typ.is_none()
        && any.properties.is_empty()
        && any.one_of.is_empty()
        && any.all_of.is_empty()
        && any.any_of.is_empty()
        && any.not.is_none()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.format.is_none()
}

fn keyword(kind: &SchemaKind) -> &'static str {
    match kind {
        SchemaKind::OneOf { .. } => "oneOf",
        SchemaKind::AnyOf { .. } => "anyOf",
        _ => "allOf",
    }
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

fn variant_base_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::List(inner) => format!("{}List", variant_base_name(inner)),
        TypeRef::Map(inner) => format!("{}Map", variant_base_name(inner)),
        TypeRef::Primitive(p) => match p {
            Primitive::String => "String",
            Primitive::Timestamp => "Timestamp",
            Primitive::Date => "Date",
            Primitive::Uuid => "Uuid",
            Primitive::I32 | Primitive::I64 => "Integer",
            Primitive::F32 | Primitive::F64 => "Number",
            Primitive::Bool => "Boolean",
            Primitive::Json => "Json",
        }
        .to_owned(),
    }
}

fn unbox(schema: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match schema {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(b) => ReferenceOr::Item((**b).clone()),
    }
}
