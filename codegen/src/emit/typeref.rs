//! Type references → Rust types, and the one import mechanism of generated files: every
//! name a file uses is recorded here and written as `use` items from [`Import`]'s list.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, Field, FieldRepr, Import, Primitive, TypeId, TypeRef};

/// The imports of one file and the named types it uses.
pub struct Imports<'a> {
    api: &'a Api,
    used: BTreeSet<Import>,
    named: BTreeSet<TypeId>,
    /// Where named types live, when the file names them by path instead of importing them
    /// (a file whose parts are compiled under different features).
    qualified: Option<TokenStream>,
}

impl<'a> Imports<'a> {
    /// No imports yet, for a file of `api`.
    pub fn new(api: &'a Api) -> Self {
        Imports {
            api,
            used: BTreeSet::new(),
            named: BTreeSet::new(),
            qualified: None,
        }
    }

    /// No imports yet, for a file of `api` that names its types by their path in `types`
    /// (`crate::types::Chat`) rather than importing them, and the imports it asks for with
    /// [`Imports::path_or_add`] by their full path.
    pub fn qualified(api: &'a Api, types: TokenStream) -> Self {
        Imports {
            qualified: Some(types),
            ..Imports::new(api)
        }
    }

    /// Records that the file uses `import`, and returns its name.
    pub fn add(&mut self, import: Import) -> Ident {
        self.used.insert(import);
        ident(import.name())
    }

    /// How the file names `import`: its name, recorded to import; or, in a file that names
    /// things by path ([`Imports::qualified`]), its full path.
    pub fn path_or_add(&mut self, import: Import) -> TokenStream {
        if self.qualified.is_some() {
            let (path, item) = import.path();
            let path = path_tokens(path);
            let item = ident(item);
            return quote!(#path::#item);
        }
        let name = self.add(import);
        quote!(#name)
    }

    /// The name of a named type, recorded to import from where it lives.
    pub fn named(&mut self, id: TypeId) -> Ident {
        self.named.insert(id);
        ident(&self.api.ty(id).name)
    }

    /// The Rust type for a reference.
    pub fn ty(&mut self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Primitive(p) => self.primitive(*p),
            TypeRef::Named(id) => match &self.qualified {
                Some(types) => {
                    let name = ident(&self.api.ty(*id).name);
                    quote!(#types::#name)
                }
                None => {
                    let name = self.named(*id);
                    quote!(#name)
                }
            },
            TypeRef::List(inner) => {
                let inner = self.ty(inner);
                quote!(Vec<#inner>)
            }
            TypeRef::Map(inner) => {
                let map = self.add(Import::BTreeMap);
                let inner = self.ty(inner);
                quote!(#map<String, #inner>)
            }
        }
    }

    /// The Rust type of a field, with `Box` and `Option` as its representation requires.
    pub fn field_ty(&mut self, field: &Field) -> TokenStream {
        let ty = self.boxed_ty(field);
        match field.repr {
            FieldRepr::Required | FieldRepr::Flatten => ty,
            FieldRepr::Nullable | FieldRepr::Optional => quote!(Option<#ty>),
            FieldRepr::OptionalNullable => quote!(Option<Option<#ty>>),
        }
    }

    /// The Rust type of a field's value, boxed if it must be, before any `Option`.
    pub fn boxed_ty(&mut self, field: &Field) -> TokenStream {
        let ty = self.ty(&field.ty);
        if field.boxed {
            quote!(Box<#ty>)
        } else {
            ty
        }
    }

    fn primitive(&mut self, p: Primitive) -> TokenStream {
        let import = match p {
            Primitive::String => return quote!(String),
            Primitive::I32 => return quote!(i32),
            Primitive::I64 => return quote!(i64),
            Primitive::F32 => return quote!(f32),
            Primitive::F64 => return quote!(f64),
            Primitive::Bool => return quote!(bool),
            Primitive::Timestamp => Import::Timestamp,
            Primitive::Date => Import::Date,
            Primitive::Uuid => Import::Uuid,
            Primitive::Json => Import::Value,
            Primitive::Bytes => Import::Bytes,
            Primitive::File => Import::FilePart,
        };
        let name = self.add(import);
        quote!(#name)
    }

    /// The `use` items of the file: external and runtime imports in [`Import::ALL`] order,
    /// then the named types that live in another module, from `types` (sorted by name).
    /// `module` is the file's own module, whose types need no import.
    pub fn items(&self, types: TokenStream, module: Option<&str>) -> TokenStream {
        let mut out = TokenStream::new();
        let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
        for import in Import::ALL.into_iter().filter(|i| self.used.contains(i)) {
            let (path, item) = import.path();
            match groups.iter_mut().find(|(p, _)| *p == path) {
                Some((_, items)) => items.push(item),
                None => groups.push((path, vec![item])),
            }
        }
        for (path, items) in groups {
            out.extend(use_item(path_tokens(path), &items));
        }
        let mut names: Vec<&str> = self
            .named
            .iter()
            .map(|id| self.api.ty(*id))
            .filter(|def| Some(def.module.as_str()) != module)
            .map(|def| def.name.as_str())
            .collect();
        names.sort_unstable();
        out.extend(use_item(types, &names));
        out
    }
}

/// `use path::item;`, or `use path::{a, b};`; `use path;` for `self` alone.
fn use_item(path: TokenStream, items: &[&str]) -> TokenStream {
    let idents: Vec<Ident> = items.iter().map(|i| ident(i)).collect();
    match idents.as_slice() {
        [] => quote!(),
        [only] if *only == "self" => quote!(use #path;),
        [only] => quote!(use #path::#only;),
        many => quote!(use #path::{#(#many),*};),
    }
}

/// A module path such as `std::collections` as tokens.
fn path_tokens(path: &str) -> TokenStream {
    let segments = path.split("::").map(ident);
    quote!(#(#segments)::*)
}

/// An identifier token. Names come from `lower`, which makes them valid identifiers; this
/// never panics all the same: characters that cannot be in an identifier become `_`, and a
/// name that cannot start one gets a leading `_`.
pub fn ident(name: &str) -> Ident {
    let mut text: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        text.insert(0, '_');
    }
    Ident::new(&text, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::ident;

    #[test]
    fn any_text_makes_an_identifier() {
        for text in ["", "1", "é", "a b", "_", "::", "fn", "Self", "\u{0}"] {
            let _ = ident(text);
        }
        assert_eq!(ident("chat_id").to_string(), "chat_id");
        assert_eq!(ident("3d").to_string(), "_3d");
        assert_eq!(ident("a-b").to_string(), "a_b");
    }
}
