//! Named types → `types/` modules: structs, string enums, unions and aliases.

use std::collections::{BTreeMap, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::file::render;
use super::typeref::{ident, Import, Imports};
use super::GeneratedFile;
use crate::error::Result;
use crate::ir::{Api, Field, Pagination, TypeDef, TypeKind, TypeRef, UnionVariant};

/// Emits `types/mod.rs` and one file per module, in order of first appearance.
pub fn emit(api: &Api, header: &str) -> Result<Vec<GeneratedFile>> {
    let mut modules: Vec<(&str, Vec<&TypeDef>)> = Vec::new();
    for def in &api.types {
        match modules.iter_mut().find(|(m, _)| *m == def.module) {
            Some((_, defs)) => defs.push(def),
            None => modules.push((&def.module, vec![def])),
        }
    }
    let paginated: HashMap<&str, &Pagination> = api
        .operations
        .iter()
        .filter_map(|op| Some((op.response.ty.as_ref()?.named()?, op.pagination.as_ref()?)))
        .collect();
    let key_slots: HashMap<&str, &[String]> = api
        .operations
        .iter()
        .filter_map(|op| {
            let body = op.body.as_ref()?.named()?;
            let path = op.idempotency.as_ref()?.body_field.as_deref()?;
            Some((body, path))
        })
        .collect();
    let by_name: ByName<'_> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let home: HashMap<&str, &str> = api
        .types
        .iter()
        .map(|t| (t.name.as_str(), t.module.as_str()))
        .collect();

    let mut files = Vec::new();
    let mut decls = Vec::new();
    for (module, defs) in &modules {
        let mut imports = Imports::default();
        let mut body = TokenStream::new();
        for def in defs {
            body.extend(type_def(def, &by_name, &mut imports));
            if let Some(p) = paginated.get(def.name.as_str()) {
                body.extend(paginated_impl(def, p, &mut imports));
            }
            if let Some(path) = key_slots.get(def.name.as_str()) {
                body.extend(key_slot_impl(def, path, &by_name));
            }
        }
        let external = imports.external();
        let siblings: Vec<_> = imports
            .named
            .iter()
            .filter(|n| home.get(n.as_str()).is_some_and(|m| m != module))
            .map(|n| ident(n))
            .collect();
        let siblings = match siblings.len() {
            0 => quote!(),
            1 => quote!(use super::#(#siblings)*;),
            _ => quote!(use super::{#(#siblings),*};),
        };
        let crate_items = if defs.iter().any(|d| paginated.contains_key(d.name.as_str())) {
            quote!(
                use crate::{NextPage, Paginated};
            )
        } else {
            quote!()
        };
        let rt_items = if defs.iter().any(|d| key_slots.contains_key(d.name.as_str())) {
            quote!(
                use crate::__rt::IdempotencyKeySlot;
            )
        } else {
            quote!()
        };
        let tokens = quote! { #external #rt_items #crate_items #siblings #body };
        files.push(render(&format!("types/{module}.rs"), header, tokens)?);
        let m = ident(module);
        let names = defs.iter().map(|d| ident(&d.name));
        decls.push(quote! { mod #m; pub use self::#m::{#(#names),*}; });
    }
    let doc = docs::inner(&format!("Request and response types of {}.", api.title));
    let mod_rs = render("types/mod.rs", header, quote! { #doc #(#decls)* })?;
    files.insert(0, mod_rs);
    Ok(files)
}

/// Named types by name, for emitters that look at a type's neighbours.
type ByName<'a> = HashMap<&'a str, &'a TypeDef>;

fn type_def(def: &TypeDef, by_name: &ByName<'_>, imports: &mut Imports) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::outer(
        def.doc
            .as_deref()
            .or(Some(&format!("The `{}` schema.", def.name))),
    );
    match &def.kind {
        TypeKind::Struct { fields, additional } => {
            struct_def(def, fields, additional.as_ref(), imports)
        }
        TypeKind::StringEnum { values } => {
            imports.add(Import::Fmt);
            imports.add(Import::SerdeTraits);
            let variants: Vec<_> = values.iter().map(|v| ident(&v.variant)).collect();
            let wire: Vec<_> = values.iter().map(|v| v.value.as_str()).collect();
            let variant_docs = values
                .iter()
                .map(|v| docs::outer(Some(&format!("`{}`", v.value))));
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #( #variant_docs #variants, )*
                    /// A value this version of the SDK does not know yet.
                    Unknown(String),
                }

                impl #name {
                    /// The value as it is sent on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #( Self::#variants => #wire, )*
                            Self::Unknown(value) => value,
                        }
                    }
                }

                impl From<&str> for #name {
                    fn from(value: &str) -> Self {
                        match value {
                            #( #wire => Self::#variants, )*
                            other => Self::Unknown(other.to_owned()),
                        }
                    }
                }

                impl fmt::Display for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl Serialize for #name {
                    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> Deserialize<'de> for #name {
                    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        crate::codec::deserialize_enum(deserializer, |value| Self::from(value))
                    }
                }
            }
        }
        TypeKind::TaggedUnion { tag, variants } => {
            imports.add(Import::SerdeTraits);
            imports.add(Import::Value);
            let arms = variant_arms(variants, imports);
            let idents: Vec<_> = variants.iter().map(|v| ident(&v.variant)).collect();
            let tags: Vec<_> = variants.iter().map(|v| v.tag_value.as_str()).collect();
            let decode: Vec<_> = variants
                .iter()
                .map(|v| {
                    if v.boxed {
                        quote!(tagged.decode().map(Box::new))
                    } else {
                        quote!(tagged.decode())
                    }
                })
                .collect();
            let from_impls = from_impls(&name, variants, by_name, imports);
            let tag_doc = docs::outer(Some(&format!("The `{tag}` value of this variant.")));
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq)]
                #[non_exhaustive]
                #[allow(clippy::large_enum_variant)] // variants are as large as the spec makes them
                pub enum #name {
                    #arms
                    /// A variant this version of the SDK does not know yet, kept as raw JSON.
                    Unknown(Value),
                }

                impl #name {
                    #tag_doc
                    pub fn tag(&self) -> Option<&str> {
                        match self {
                            #( Self::#idents(_) => Some(#tags), )*
                            Self::Unknown(value) => value.get(#tag).and_then(Value::as_str),
                        }
                    }
                }

                impl Serialize for #name {
                    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        match self {
                            #( Self::#idents(inner) => crate::codec::serialize_tagged(serializer, #tag, #tags, inner), )*
                            Self::Unknown(value) => value.serialize(serializer),
                        }
                    }
                }

                impl<'de> Deserialize<'de> for #name {
                    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let tagged = crate::codec::Tagged::deserialize(deserializer, #tag)?;
                        match tagged.tag() {
                            #( Some(#tags) => #decode.map(Self::#idents), )*
                            _ => tagged.into_value().map(Self::Unknown),
                        }
                    }
                }

                #from_impls
            }
        }
        TypeKind::UntaggedUnion { variants } => {
            imports.add(Import::SerdeDerive);
            imports.add(Import::SerdeDeserializer);
            imports.add(Import::Value);
            let arms = variant_arms(variants, imports);
            let from_impls = from_impls(&name, variants, by_name, imports);
            // Decoding goes through a `Value` rather than serde's untagged buffering, which
            // cannot replay the raw JSON a tagged-union variant reads.
            let attempts = variants.iter().map(|v| {
                let variant = ident(&v.variant);
                let wrap = if v.boxed {
                    quote!(Self::#variant(Box::new(inner)))
                } else {
                    quote!(Self::#variant(inner))
                };
                quote! {
                    if let Some(inner) = crate::codec::try_variant(&value) {
                        return Ok(#wrap);
                    }
                }
            });
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, Serialize)]
                #[serde(untagged)]
                #[non_exhaustive]
                #[allow(clippy::large_enum_variant)] // variants are as large as the spec makes them
                pub enum #name {
                    #arms
                    /// A shape this version of the SDK does not know yet, kept as raw JSON.
                    Unknown(Value),
                }

                impl<'de> Deserialize<'de> for #name {
                    /// The first variant that decodes wins; nothing decoding is `Unknown`.
                    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = Value::deserialize(deserializer)?;
                        #(#attempts)*
                        Ok(Self::Unknown(value))
                    }
                }

                #from_impls
            }
        }
        TypeKind::Alias { target } => {
            let target = imports.ty(target);
            quote! { #doc pub type #name = #target; }
        }
    }
}

fn variant_arms(variants: &[UnionVariant], imports: &mut Imports) -> TokenStream {
    let mut out = TokenStream::new();
    for v in variants {
        let doc = docs::outer(
            v.doc
                .as_deref()
                .or(Some(&format!("The `{}` variant.", v.tag_value))),
        );
        let name = ident(&v.variant);
        let mut ty = imports.ty(&v.ty);
        if v.boxed {
            ty = quote!(Box<#ty>);
        }
        out.extend(quote! { #doc #name(#ty), });
    }
    out
}

/// `From<Payload>` for each variant whose payload type no other variant shares, and
/// `From<&str>`/`From<String>` when exactly one variant can be built from a string
/// (`x-sdk-from`) and no variant is a string itself.
fn from_impls(
    name: &proc_macro2::Ident,
    variants: &[UnionVariant],
    by_name: &ByName<'_>,
    imports: &mut Imports,
) -> TokenStream {
    let mut count: BTreeMap<&TypeRef, usize> = BTreeMap::new();
    for v in variants {
        *count.entry(&v.ty).or_default() += 1;
    }
    let mut out = TokenStream::new();
    for v in variants.iter().filter(|v| count[&v.ty] == 1) {
        let variant = ident(&v.variant);
        let ty = imports.ty(&v.ty);
        let wrap = if v.boxed {
            quote!(Box::new(value))
        } else {
            quote!(value)
        };
        out.extend(quote! {
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(#wrap)
                }
            }
        });
    }
    let from_string: Vec<&UnionVariant> = variants
        .iter()
        .filter(|v| {
            !v.boxed
                && v.ty
                    .named()
                    .and_then(|n| by_name.get(n))
                    .is_some_and(|d| d.usage.request && string_from(d).is_some())
        })
        .collect();
    let has_string_variant = variants
        .iter()
        .any(|v| v.ty == TypeRef::Primitive(crate::ir::Primitive::String));
    if let ([only], false) = (from_string.as_slice(), has_string_variant) {
        let variant = ident(&only.variant);
        let payload = imports.ty(&only.ty);
        out.extend(quote! {
            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    Self::#variant(#payload::from(value))
                }
            }

            impl From<String> for #name {
                fn from(value: String) -> Self {
                    Self::#variant(#payload::from(value))
                }
            }
        });
    }
    out
}

/// The field a struct is built from in a `From<String>` conversion (`x-sdk-from` on a
/// string field).
fn string_from(def: &TypeDef) -> Option<&Field> {
    let TypeKind::Struct { fields, .. } = &def.kind else {
        return None;
    };
    let wanted = def.from_field.as_deref()?;
    fields.iter().find(|f| {
        f.ident == wanted && f.ty == TypeRef::Primitive(crate::ir::Primitive::String) && !f.boxed
    })
}

/// `From` conversions of a struct built from its one `x-sdk-from` field.
fn struct_from_impls(def: &TypeDef, fields: &[Field], imports: &mut Imports) -> TokenStream {
    let name = ident(&def.name);
    if string_from(def).is_some() {
        return quote! {
            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    Self::new(value)
                }
            }

            impl From<String> for #name {
                fn from(value: String) -> Self {
                    Self::new(value)
                }
            }
        };
    }
    let Some(field) = def
        .from_field
        .as_deref()
        .and_then(|w| fields.iter().find(|f| f.ident == w))
    else {
        return quote!();
    };
    let ty = imports.field_ty(field, false);
    quote! {
        impl From<#ty> for #name {
            fn from(value: #ty) -> Self {
                Self::new(value)
            }
        }
    }
}

/// Whether a field keeps "absent" and "null" apart (`Option<Option<T>>`): optional and
/// nullable in a type callers send.
fn double_option(def: &TypeDef, field: &Field) -> bool {
    def.usage.request && def.serde && !field.required && field.nullable
}

fn struct_def(
    def: &TypeDef,
    fields: &[Field],
    additional: Option<&TypeRef>,
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::outer(
        def.doc
            .as_deref()
            .or(Some(&format!("The `{}` schema.", def.name))),
    );
    let mut members = TokenStream::new();
    for f in fields {
        let field_doc = docs::outer(f.doc.as_deref());
        let ident_tok = ident(&f.ident);
        let double = double_option(def, f);
        let ty = imports.field_ty(f, double);
        let mut serde_attrs = Vec::new();
        if def.serde {
            if f.ident != f.wire_name {
                let wire = &f.wire_name;
                serde_attrs.push(quote!(rename = #wire));
            }
            if double {
                serde_attrs.push(quote!(
                    default,
                    skip_serializing_if = "Option::is_none",
                    with = "crate::codec::double_option"
                ));
            } else if !f.required {
                serde_attrs.push(quote!(default, skip_serializing_if = "Option::is_none"));
            }
        }
        let serde = if serde_attrs.is_empty() {
            quote!()
        } else {
            quote!(#[serde(#(#serde_attrs),*)])
        };
        members.extend(quote! { #field_doc #serde pub #ident_tok: #ty, });
    }
    if let Some(extra) = additional {
        imports.add(Import::BTreeMap);
        let ty = imports.ty(extra);
        members.extend(quote! {
            /// Properties not listed in the schema.
            #[serde(flatten)]
            pub additional_properties: BTreeMap<String, #ty>,
        });
    }
    let all_optional = fields.iter().all(|f| !f.required);
    let mut derives = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
    if all_optional {
        derives.push(quote!(Default));
    }
    if def.serde {
        imports.add(Import::SerdeDerive);
        derives.extend([quote!(Serialize), quote!(Deserialize)]);
    }
    let builder = if def.usage.request {
        let from = struct_from_impls(def, fields, imports);
        let builder = builder(def, fields, additional.is_some(), imports);
        quote!(#builder #from)
    } else {
        quote!()
    };
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub struct #name { #members }
        #builder
    }
}

/// `new(required…)` plus one chainable setter per optional field.
fn builder(
    def: &TypeDef,
    fields: &[Field],
    has_additional: bool,
    imports: &mut Imports,
) -> TokenStream {
    let name = ident(&def.name);
    let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    let args: Vec<_> = required
        .iter()
        .map(|f| {
            let id = ident(&f.ident);
            if f.nullable {
                let ty = imports.field_ty(f, false);
                quote!(#id: #ty)
            } else {
                let (ty, _) = input(f, imports);
                quote!(#id: #ty)
            }
        })
        .collect();
    let inits: Vec<_> = fields
        .iter()
        .map(|f| {
            let id = ident(&f.ident);
            match (f.required, f.nullable) {
                (true, true) => quote!(#id),
                (true, false) => {
                    let (_, value) = input(f, imports);
                    quote!(#id: #value)
                }
                (false, _) => quote!(#id: None),
            }
        })
        .collect();
    let additional_init = if has_additional {
        quote!(additional_properties: BTreeMap::new(),)
    } else {
        quote!()
    };
    let allow = if required.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    let new_doc = if required.is_empty() {
        format!("Creates an empty `{}`; every field is optional.", def.name)
    } else {
        format!(
            "Creates a `{}` from its required fields; optional fields start unset.",
            def.name
        )
    };
    let mut setters = TokenStream::new();
    for f in fields.iter().filter(|f| !f.required) {
        let id = ident(&f.ident);
        let setter = ident(if f.ident == "new" {
            "with_new"
        } else {
            &f.ident
        });
        let (ty, value) = input(f, imports);
        let wrapped = if double_option(def, f) {
            quote!(Some(Some(#value)))
        } else {
            quote!(Some(#value))
        };
        let summary = docs::summary(f.doc.as_deref()).unwrap_or_default();
        let doc = docs::outer(Some(&format!("Sets `{}`: {summary}", f.wire_name)));
        setters.extend(quote! {
            #doc
            pub fn #setter(mut self, #id: #ty) -> Self {
                self.#id = #wrapped;
                self
            }
        });
        if double_option(def, f) {
            let base = format!("{}_null", f.ident.trim_end_matches('_'));
            let name = if fields.iter().any(|other| other.ident == base) {
                format!("set_{base}")
            } else {
                base
            };
            let null_setter = ident(&name);
            let doc = docs::outer(Some(&format!(
                "Sends `{}` as an explicit `null`.",
                f.wire_name
            )));
            setters.extend(quote! {
                #doc
                pub fn #null_setter(mut self) -> Self {
                    self.#id = Some(None);
                    self
                }
            });
        }
    }
    let new_doc = docs::outer(Some(&new_doc));
    quote! {
        impl #name {
            #new_doc
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* #additional_init }
            }
            #setters
        }
    }
}

/// The parameter type a constructor or setter takes for a field, and the expression that
/// turns the argument (named like the field) into the stored value. Lists take any iterable
/// of anything convertible: `MessageContent::new([TextPart::new("hi")])`.
fn input(f: &Field, imports: &mut Imports) -> (TokenStream, TokenStream) {
    let id = ident(&f.ident);
    match &f.ty {
        TypeRef::List(item) if !f.boxed => {
            let item = imports.ty(item);
            (
                quote!(impl IntoIterator<Item = impl Into<#item>>),
                quote!(#id.into_iter().map(Into::into).collect()),
            )
        }
        ty => {
            let ty = imports.ty(ty);
            if f.boxed {
                (quote!(impl Into<#ty>), quote!(Box::new(#id.into())))
            } else {
                (quote!(impl Into<#ty>), quote!(#id.into()))
            }
        }
    }
}

fn paginated_impl(def: &TypeDef, p: &Pagination, imports: &mut Imports) -> TokenStream {
    let name = ident(&def.name);
    let item = imports.ty(&p.item);
    let TypeKind::Struct { fields, .. } = &def.kind else {
        return quote!();
    };
    let find = |id: &str| fields.iter().find(|f| f.ident == id);
    let (Some(cursor), Some(items)) = (find(&p.next_cursor_field), find(&p.items_field)) else {
        return quote!();
    };
    let cursor_id = ident(&cursor.ident);
    let items_id = ident(&items.ident);
    let param = &p.cursor_param;
    let next = if cursor.required && !cursor.nullable {
        quote!(NextPage::cursor(#param, Some(&self.#cursor_id)))
    } else {
        quote!(NextPage::cursor(#param, self.#cursor_id.as_deref()))
    };
    let (slice, owned) = if items.required && !items.nullable {
        (quote!(&self.#items_id), quote!(self.#items_id))
    } else {
        (
            quote!(self.#items_id.as_deref().unwrap_or_default()),
            quote!(self.#items_id.unwrap_or_default()),
        )
    };
    quote! {
        impl Paginated for #name {
            type Item = #item;

            fn items(&self) -> &[#item] {
                #slice
            }

            fn into_items(self) -> Vec<#item> {
                #owned
            }

            fn next_page(&self) -> NextPage<'_> {
                #next
            }
        }
    }
}

/// `impl IdempotencyKeySlot`: the body field (reached through required object fields, as
/// lowering checked) that carries an operation's idempotency key.
fn key_slot_impl(def: &TypeDef, path: &[String], by_name: &ByName<'_>) -> TokenStream {
    let mut place = quote!(self);
    let mut current = def;
    for (depth, wire) in path.iter().enumerate() {
        let TypeKind::Struct { fields, .. } = &current.kind else {
            return quote!();
        };
        let Some(field) = fields.iter().find(|f| &f.wire_name == wire) else {
            return quote!();
        };
        let id = ident(&field.ident);
        let last = depth + 1 == path.len();
        // An optional parent (all of whose fields are optional) is made empty when absent.
        place = if last || field.required {
            quote!(#place.#id)
        } else {
            quote!(#place.#id.get_or_insert_with(Default::default))
        };
        if !last {
            match field.ty.named().and_then(|n| by_name.get(n)) {
                Some(next) => current = next,
                None => return quote!(),
            }
        }
    }
    let name = ident(&def.name);
    quote! {
        impl IdempotencyKeySlot for #name {
            fn idempotency_key_slot(&mut self) -> &mut Option<String> {
                &mut #place
            }
        }
    }
}
