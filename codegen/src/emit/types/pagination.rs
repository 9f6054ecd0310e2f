//! `impl Paginated` for the response type of a cursor-paginated list operation: its items,
//! and where the next page starts.

use proc_macro2::TokenStream;
use quote::quote;

use super::builders::allow_deprecated;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{Import, Pagination, TypeDef, TypeKind};

/// The page's items and its next cursor, for the runtime's page walker (an empty or absent
/// cursor ends the walk).
pub fn paginated(def: &TypeDef, p: &Pagination, imports: &mut Imports<'_>) -> TokenStream {
    let paginated = imports.add(Import::Paginated);
    let next_page = imports.add(Import::NextPage);
    let param = &p.cursor_param;
    let name = ident(&def.name);
    let item = imports.ty(&p.item);
    let (cursor, cursor_optional) = (ident(&p.next_cursor.0), p.next_cursor.1);
    let (items, items_optional) = (ident(&p.items.0), p.items.1);
    let cursor = if cursor_optional {
        quote!(self.#cursor.as_deref())
    } else {
        quote!(Some(self.#cursor.as_str()))
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
                #next_page::cursor(#param, #cursor)
            }
        }
    }
}
