//! `impl Paginated` for the response type of a paginated list operation: its items, and where
//! the next page starts (by cursor or by offset).

use proc_macro2::TokenStream;
use quote::quote;

use super::builders::allow_deprecated;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{Import, PageNext, Pagination, TypeDef, TypeKind};

/// The page's items and where the next page starts, for the runtime's page walker (an
/// empty or absent cursor, or `has_more` false or absent, ends the walk).
pub fn paginated(def: &TypeDef, p: &Pagination, imports: &mut Imports<'_>) -> TokenStream {
    let paginated = imports.add(Import::Paginated);
    let next_page = imports.add(Import::NextPage);
    let name = ident(&def.name);
    let item = imports.ty(&p.item);
    let (items, items_optional) = (ident(&p.items.0), p.items.1);
    let next = match &p.next {
        PageNext::Cursor { param, field } => {
            let cursor = ident(&field.0);
            let cursor = if field.1 {
                quote!(self.#cursor.as_deref())
            } else {
                quote!(Some(self.#cursor.as_str()))
            };
            quote!(#next_page::cursor(#param, #cursor))
        }
        PageNext::Offset { param, has_more } => {
            let more = ident(&has_more.0);
            let more = if has_more.1 {
                quote!(self.#more.unwrap_or(false))
            } else {
                quote!(self.#more)
            };
            quote!(#next_page::offset(#param, #more))
        }
    };
    let (slice, owned) = if items_optional {
        (
            quote!(self.#items.as_deref().unwrap_or_default()),
            quote!(self.#items.unwrap_or_default()),
        )
    } else {
        (quote!(&self.#items), quote!(self.#items))
    };
    let allow = match &def.kind {
        TypeKind::Struct { fields, .. } => allow_deprecated(fields),
        _ => quote!(),
    };
    quote! {
        #allow
        impl #paginated for #name {
            type Item = #item;

            fn items(&self) -> &[#item] {
                #slice
            }

            fn into_items(self) -> Vec<#item> {
                #owned
            }

            fn next_page(&self) -> #next_page<'_> {
                #next
            }
        }
    }
}
