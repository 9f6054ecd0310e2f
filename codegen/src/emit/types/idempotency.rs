//! `impl IdempotencyKeySlot` for a request body that carries its idempotency key in a field.

use proc_macro2::TokenStream;
use quote::quote;

use super::builders::allow_deprecated;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{Import, KeyStep, TypeDef, TypeKind};

/// Where the runtime writes the call's one idempotency key into the body, before the body is
/// serialized.
pub fn key_slot(def: &TypeDef, path: &[KeyStep], imports: &mut Imports<'_>) -> TokenStream {
    let slot = imports.add(Import::IdempotencyKeySlot);
    let name = ident(&def.name);
    let mut place = quote!(self);
    for step in path {
        let field = ident(&step.ident);
        place = if step.fill_default {
            quote!(#place.#field.get_or_insert_with(Default::default))
        } else {
            quote!(#place.#field)
        };
    }
    let allow = match &def.kind {
        TypeKind::Struct { fields, .. } => allow_deprecated(fields),
        _ => quote!(),
    };
    quote! {
        #allow
        impl #slot for #name {
            fn idempotency_key_slot(&mut self) -> &mut Option<String> {
                &mut #place
            }
        }
    }
}
