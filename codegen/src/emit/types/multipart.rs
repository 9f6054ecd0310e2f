//! `impl MultipartBody` for a request body sent as `multipart/form-data`: a part per field,
//! written in field order. The IR says which fields are files (`format: binary`), so the
//! runtime never has to guess from a value.

use proc_macro2::TokenStream;
use quote::quote;

use super::builders::allow_deprecated;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{
    Field, FieldRepr, Import, Primitive, TypeDef, TypeKind, TypeRef, ADDITIONAL_PROPERTIES,
};

/// The parts of `def`'s values: file fields as files, the others as text. A body type without
/// fields of its own (a map, a union) adds each of its serialized fields as text.
pub fn parts(def: &TypeDef, imports: &mut Imports<'_>) -> TokenStream {
    let multipart_body = imports.add(Import::MultipartBody);
    let form = imports.add(Import::Form);
    let name = ident(&def.name);
    let (allow, body) = match &def.kind {
        TypeKind::Struct {
            fields, additional, ..
        } => {
            let mut body: Vec<TokenStream> = fields.iter().map(field_parts).collect();
            if additional.is_some() {
                let map = ident(ADDITIONAL_PROPERTIES);
                body.push(quote! {
                    for (name, value) in &self.#map {
                        form.text(name, value);
                    }
                });
            }
            (allow_deprecated(fields), quote!(#(#body)*))
        }
        _ => (quote!(), quote!(form.fields(self);)),
    };
    quote! {
        #allow
        impl #multipart_body for #name {
            fn parts(&self, form: &mut #form) {
                #body
            }
        }
    }
}

/// The statement that adds one field's parts.
fn field_parts(field: &Field) -> TokenStream {
    let id = ident(&field.ident);
    let wire = &field.wire_name;
    let file = TypeRef::Primitive(Primitive::File);
    let files = match &field.ty {
        ty if *ty == file => false,
        TypeRef::List(item) if **item == file => true,
        _ if field.repr == FieldRepr::Flatten => return quote!(form.fields(&self.#id);),
        _ => return quote!(form.text(#wire, &self.#id);),
    };
    // The field's value, through the `Option`s of its representation.
    let (pattern, iter) = match field.repr {
        FieldRepr::Required | FieldRepr::Flatten => {
            return if files {
                quote!(for file in &self.#id { form.file(#wire, file); })
            } else {
                quote!(form.file(#wire, &self.#id);)
            };
        }
        FieldRepr::Optional | FieldRepr::Nullable => (quote!(Some(file)), quote!(.flatten())),
        FieldRepr::OptionalNullable => (quote!(Some(Some(file))), quote!(.flatten().flatten())),
    };
    if files {
        quote!(for file in self.#id.iter()#iter { form.file(#wire, file); })
    } else {
        quote!(if let #pattern = &self.#id { form.file(#wire, file); })
    }
}
