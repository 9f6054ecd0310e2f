//! Schemas → named IR types and type references.
//!
//! Component schemas keep their names; inline schemas that need a type of their own are named
//! from their position (`SentMessage` + `delivery_status` → `SentMessageDeliveryStatus`).
//! [`classify`] decides what a schema is; `objects`, `unions` and `all_of` build the types.

mod all_of;
mod classify;
mod events;
mod objects;
mod unions;

use std::collections::HashMap;

use openapiv3::{ReferenceOr, Schema};

use super::docs::schema_doc;
use super::extensions::{from_field, is_id, sdk_name};
use super::naming::{singular, snake_ident, type_name, unique_variants, TypeNames};
use crate::error::{Error, Result};
use crate::ir::{EnumValue, Primitive, TypeDef, TypeId, TypeKind, TypeRef, Usage};
use crate::load::{Pointer, Resolver, Spec};
use crate::warning::Warnings;
use classify::{classify, Inline, Named, Shape};

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
    /// Component schema name → its type.
    components: HashMap<&'a str, TypeId>,
    /// Every type name claimed so far (schemas, then parameter structs, then resources).
    pub names: TypeNames,
    /// The types built so far, indexed by [`TypeId`].
    pub types: Vec<TypeDef>,
    /// `x-sdk-from` as written (a wire name), resolved once tags have moved to their unions.
    pub from_fields: Vec<(TypeId, String)>,
    /// What was mapped less precisely than the spec means.
    pub warnings: Warnings,
}

impl<'a> TypeBuilder<'a> {
    /// Names every component schema up front, so references (including recursive ones)
    /// resolve before any schema is lowered.
    pub fn new(spec: &'a Spec) -> Result<Self> {
        let mut builder = TypeBuilder {
            spec,
            resolver: Resolver::new(&spec.doc),
            components: HashMap::new(),
            names: TypeNames::default(),
            types: Vec::new(),
            from_fields: Vec::new(),
            warnings: Warnings::default(),
        };
        if let Some(components) = &spec.doc.components {
            // Names the spec chooses (`x-sdk-name`) first, so a derived name never takes one.
            let mut chosen = Vec::new();
            for (key, schema) in &components.schemas {
                let pointer = Pointer::root().join("components").join("schemas").join(key);
                let explicit = match schema {
                    ReferenceOr::Item(s) => sdk_name(s, &pointer)?,
                    ReferenceOr::Reference { .. } => None,
                };
                if let Some(name) = &explicit {
                    builder.names.claim(name, pointer.as_str())?;
                }
                chosen.push((key, pointer, explicit));
            }
            for (key, pointer, explicit) in chosen {
                let name = match explicit {
                    Some(name) => name,
                    None => builder
                        .names
                        .claim_numbered(&type_name(key), pointer.as_str()),
                };
                let site = Site {
                    module: snake_ident(&name),
                    name,
                    pointer,
                };
                let id = builder.push(&site, None, placeholder());
                builder.components.insert(key.as_str(), id);
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
            let id = self.components[key.as_str()];
            let def = &self.types[id.index()];
            let site = Site {
                name: def.name.clone(),
                pointer: Pointer::root().join("components").join("schemas").join(key),
                module: def.module.clone(),
            };
            match schema {
                ReferenceOr::Item(schema) => self.define(id, schema, &site)?,
                ReferenceOr::Reference { reference } => {
                    let target = self.reference(reference, &site.pointer)?;
                    let name = target
                        .named()
                        .map_or("?", |t| self.types[t.index()].name.as_str());
                    self.types[id.index()].doc = format!("Another name for [`{name}`].");
                    self.types[id.index()].kind = TypeKind::Alias { target };
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
        Ok(TypeRef::Named(self.components[key]))
    }

    /// The type of an inline schema.
    fn inline(&mut self, schema: &Schema, site: &Site) -> Result<TypeRef> {
        let explicit = sdk_name(schema, &site.pointer)?;
        let mut site = match &explicit {
            Some(name) => Site {
                name: name.clone(),
                ..site.clone()
            },
            None => site.clone(),
        };
        // An id needs a name of its own, which an inline schema only has with `x-sdk-name`.
        let id = is_id(schema, &site.pointer)?;
        match classify(schema) {
            Shape::Inline(shape) if !(id && explicit.is_some()) => {
                if id {
                    self.warnings.push(
                        &site.pointer,
                        "`x-sdk-id` on an inline schema without `x-sdk-name`: an id type needs a name, so this stays a string",
                    );
                }
                self.in_place(shape, &site)
            }
            _ => {
                match explicit {
                    Some(name) => self.names.claim(&name, site.pointer.as_str())?,
                    None => {
                        site.name = self.names.claim_numbered(&site.name, site.pointer.as_str())
                    }
                }
                let id = self.push(&site, None, placeholder());
                self.define(id, schema, &site)?;
                Ok(TypeRef::Named(id))
            }
        }
    }

    /// The type of a schema written in place: a primitive or a container.
    fn in_place(&mut self, shape: Inline<'_>, site: &Site) -> Result<TypeRef> {
        match shape {
            Inline::Primitive(p) => Ok(TypeRef::Primitive(p)),
            Inline::Json => Ok(TypeRef::Primitive(Primitive::Json)),
            Inline::List(items) => {
                let items_site = site.child(singular(&site.name), site.pointer.join("items"));
                let item = match items {
                    Some(items) => self.boxed_slot(items, &items_site)?.ty,
                    None => TypeRef::Primitive(Primitive::Json),
                };
                Ok(TypeRef::List(Box::new(item)))
            }
            Inline::Map(additional) => {
                let value = self.additional_value(additional, site)?;
                Ok(TypeRef::Map(Box::new(
                    value.unwrap_or(TypeRef::Primitive(Primitive::Json)),
                )))
            }
            Inline::Wrapper { keyword, items } => {
                let at = site.pointer.join(keyword).join(0);
                Ok(self.slot(&items[0], &site.child(site.name.clone(), at))?.ty)
            }
        }
    }

    /// Builds the definition of the type `id` (already named) for `schema` at `site`.
    fn define(&mut self, id: TypeId, schema: &Schema, site: &Site) -> Result<()> {
        if let Some(doc) = schema_doc(&schema.schema_data, &schema.schema_kind) {
            self.types[id.index()].doc = doc;
        }
        let mut kind = match self.kind(schema, site) {
            Err(Error::Unsupported { pointer, what }) => {
                self.warnings.push(
                    pointer,
                    format!(
                        "{what}: mapped to any JSON value (`{}` is a `serde_json::Value`)",
                        site.name
                    ),
                );
                TypeKind::Alias {
                    target: TypeRef::Primitive(Primitive::Json),
                }
            }
            other => other?,
        };
        if let Some(events) = schema.schema_data.extensions.get("x-sdk-events") {
            kind = self.events(id, events, kind, site)?;
        }
        if is_id(schema, &site.pointer)? {
            kind = self.id(kind, site);
        }
        if let Some(wire) = from_field(schema, &site.pointer)? {
            self.from_fields.push((id, wire));
        }
        self.types[id.index()].kind = kind;
        Ok(())
    }

    /// The kind of an `x-sdk-id` schema: an id type if it is a string, else `kind` as it
    /// was, with a warning.
    fn id(&mut self, kind: TypeKind, site: &Site) -> TypeKind {
        match kind {
            TypeKind::Alias {
                target: TypeRef::Primitive(p @ (Primitive::String | Primitive::Uuid)),
            } => TypeKind::Id {
                uuid: p == Primitive::Uuid,
            },
            other => {
                self.warnings.push(
                    &site.pointer,
                    format!(
                        "`x-sdk-id` on a schema that is not a string: `{}` is not an id type",
                        site.name
                    ),
                );
                other
            }
        }
    }

    fn kind(&mut self, schema: &Schema, site: &Site) -> Result<TypeKind> {
        match classify(schema) {
            Shape::Named(Named::StringEnum(raw)) => {
                let variants = unique_variants(raw.iter().copied(), &["Unknown"]);
                let values = variants
                    .into_iter()
                    .zip(raw)
                    .map(|(variant, value)| EnumValue {
                        variant,
                        value: value.to_owned(),
                        doc: format!("`{value}`"),
                    })
                    .collect();
                Ok(TypeKind::StringEnum { values })
            }
            Shape::Named(Named::Object(object)) => self.object(&object, site),
            Shape::Named(Named::Union {
                keyword,
                items,
                discriminator,
            }) => {
                let site = &site.child(site.name.clone(), site.pointer.join(keyword));
                match discriminator {
                    Some(d) => match unions::untagged_variant(items, &d.property_name) {
                        None => self.tagged_union(items, &d.property_name, &d.mapping, site),
                        Some(i) => {
                            self.warnings.push(
                                site.pointer.join(i),
                                format!(
                                    "this inline variant gives no single value for the discriminator `{}`: `{}` is decoded untagged (the first variant that matches)",
                                    d.property_name, site.name
                                ),
                            );
                            self.untagged_union(items, site)
                        }
                    },
                    None => self.untagged_union(items, site),
                }
            }
            Shape::Named(Named::AllOf(parts)) => self.all_of(parts, site),
            Shape::Named(Named::Unsupported(what)) => {
                Err(Error::unsupported(site.pointer.as_str(), what))
            }
            // A component written as a one-schema wrapper is still a type of its own.
            Shape::Inline(Inline::Wrapper {
                keyword: "allOf",
                items,
            }) => self.all_of(items, site),
            Shape::Inline(Inline::Wrapper { keyword, items }) => {
                let site = &site.child(site.name.clone(), site.pointer.join(keyword));
                self.untagged_union(items, site)
            }
            Shape::Inline(shape) => Ok(TypeKind::Alias {
                target: self.in_place(shape, site)?,
            }),
        }
    }

    /// Appends a type definition named after `site` and returns its id. Without a `doc`,
    /// the type is documented by its name.
    pub fn push(&mut self, site: &Site, doc: Option<String>, kind: TypeKind) -> TypeId {
        self.types.push(TypeDef {
            name: site.name.clone(),
            doc: doc.unwrap_or_else(|| format!("The `{}` schema.", site.name)),
            pointer: site.pointer.to_string(),
            module: site.module.clone(),
            usage: Usage::default(),
            kind,
            conversions: Vec::new(),
            pagination: None,
            idempotency_key: None,
        });
        TypeId::at(self.types.len() - 1)
    }

    /// The definition of a type built so far.
    pub fn def(&self, ty: &TypeRef) -> Option<&TypeDef> {
        match ty {
            TypeRef::Named(id) => Some(&self.types[id.index()]),
            _ => None,
        }
    }

    /// The resolver, for callers that need to look at referenced schemas themselves.
    pub fn resolver(&self) -> Resolver<'a> {
        self.resolver
    }
}

/// The kind of a type that is named but not defined yet.
fn placeholder() -> TypeKind {
    TypeKind::Alias {
        target: TypeRef::Primitive(Primitive::Json),
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
