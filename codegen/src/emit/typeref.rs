//! Type references → Rust types, recording the imports each file needs.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Field, Primitive, TypeRef};

/// An import a generated file may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Import {
    /// `std::collections::BTreeMap`
    BTreeMap,
    /// `std::fmt`
    Fmt,
    /// `std::fmt::Display`
    Display,
    /// `jiff::civil::Date`
    Date,
    /// `jiff::Timestamp`
    Timestamp,
    /// `uuid::Uuid`
    Uuid,
    /// `serde_json::Value`
    Value,
    /// `reqwest::Method`
    Method,
    /// `serde::{Deserialize, Serialize}`
    SerdeDerive,
    /// `serde::{Deserializer, Serializer}`
    SerdeTraits,
    /// `serde::Deserializer` alone
    SerdeDeserializer,
}

/// The imports of one file and the named types it uses from sibling modules.
#[derive(Debug, Default)]
pub struct Imports {
    used: BTreeSet<Import>,
    /// Named types referenced, to import from where they live.
    pub named: BTreeSet<String>,
}

impl Imports {
    /// Records that the file uses `import`.
    pub fn add(&mut self, import: Import) {
        self.used.insert(import);
    }

    /// The Rust type for a reference.
    pub fn ty(&mut self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Primitive(p) => self.primitive(*p),
            TypeRef::Named(name) => {
                self.named.insert(name.clone());
                let ident = ident(name);
                quote!(#ident)
            }
            TypeRef::List(inner) => {
                let inner = self.ty(inner);
                quote!(Vec<#inner>)
            }
            TypeRef::Map(inner) => {
                self.add(Import::BTreeMap);
                let inner = self.ty(inner);
                quote!(BTreeMap<String, #inner>)
            }
        }
    }

    /// The Rust type of a field, with `Box` and `Option` as its shape requires.
    /// `double_option` keeps "absent" and "null" apart.
    pub fn field_ty(&mut self, field: &Field, double_option: bool) -> TokenStream {
        let mut ty = self.ty(&field.ty);
        if field.boxed {
            ty = quote!(Box<#ty>);
        }
        if double_option {
            quote!(Option<Option<#ty>>)
        } else if !field.required || field.nullable {
            quote!(Option<#ty>)
        } else {
            ty
        }
    }

    fn primitive(&mut self, p: Primitive) -> TokenStream {
        match p {
            Primitive::String => quote!(String),
            Primitive::Timestamp => {
                self.add(Import::Timestamp);
                quote!(Timestamp)
            }
            Primitive::Date => {
                self.add(Import::Date);
                quote!(Date)
            }
            Primitive::Uuid => {
                self.add(Import::Uuid);
                quote!(Uuid)
            }
            Primitive::I32 => quote!(i32),
            Primitive::I64 => quote!(i64),
            Primitive::F32 => quote!(f32),
            Primitive::F64 => quote!(f64),
            Primitive::Bool => quote!(bool),
            Primitive::Json => {
                self.add(Import::Value);
                quote!(Value)
            }
        }
    }

    /// `use` items for the recorded imports (sibling types are the caller's business).
    pub fn external(&self) -> TokenStream {
        let mut out = TokenStream::new();
        let has = |i| self.used.contains(&i);
        if has(Import::BTreeMap) {
            out.extend(quote!(
                use std::collections::BTreeMap;
            ));
        }
        match (has(Import::Fmt), has(Import::Display)) {
            (true, true) => out.extend(quote!(
                use std::fmt::{self, Display};
            )),
            (true, false) => out.extend(quote!(
                use std::fmt;
            )),
            (false, true) => out.extend(quote!(
                use std::fmt::Display;
            )),
            (false, false) => {}
        }
        if has(Import::Date) {
            out.extend(quote!(
                use jiff::civil::Date;
            ));
        }
        if has(Import::Timestamp) {
            out.extend(quote!(
                use jiff::Timestamp;
            ));
        }
        if has(Import::Method) {
            out.extend(quote!(
                use reqwest::Method;
            ));
        }
        let mut serde: Vec<proc_macro2::Ident> = Vec::new();
        let traits = has(Import::SerdeTraits);
        if has(Import::SerdeDerive) || traits || has(Import::SerdeDeserializer) {
            serde.push(ident("Deserialize"));
        }
        if traits || has(Import::SerdeDeserializer) {
            serde.push(ident("Deserializer"));
        }
        if has(Import::SerdeDerive) || traits {
            serde.push(ident("Serialize"));
        }
        if traits {
            serde.push(ident("Serializer"));
        }
        if !serde.is_empty() {
            out.extend(quote!(use serde::{#(#serde),*};));
        }
        if has(Import::Value) {
            out.extend(quote!(
                use serde_json::Value;
            ));
        }
        if has(Import::Uuid) {
            out.extend(quote!(
                use uuid::Uuid;
            ));
        }
        out
    }
}

/// An identifier token.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}
