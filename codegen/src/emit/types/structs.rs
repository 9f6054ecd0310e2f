//! Structs: JSON objects (serde derives and attributes) and parameter structs (plain fields).

use proc_macro2::TokenStream;
use quote::quote;

use super::builders;
use crate::emit::docs;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{Builder, Field, FieldRepr, Import, TypeDef, TypeRef, ADDITIONAL_PROPERTIES};

/// A struct sent or received as JSON.
pub fn json_struct(
    def: &TypeDef,
    fields: &[Field],
    additional: Option<&TypeRef>,
    builder: Option<&Builder>,
    imports: &mut Imports<'_>,
) -> TokenStream {
    let mut members = TokenStream::new();
    for f in fields {
        let mut serde = Vec::new();
        if f.ident != f.wire_name {
            let wire = &f.wire_name;
            serde.push(quote!(rename = #wire));
        }
        match f.repr {
            FieldRepr::OptionalNullable => serde.push(quote!(
                default,
                skip_serializing_if = "Option::is_none",
                with = "codegen_runtime::__private::codec::double_option"
            )),
            FieldRepr::Optional => {
                serde.push(quote!(default, skip_serializing_if = "Option::is_none"))
            }
            FieldRepr::Flatten => serde.push(quote!(flatten)),
            FieldRepr::Required | FieldRepr::Nullable => {}
        }
        let serde = if serde.is_empty() {
            quote!()
        } else {
            quote!(#[serde(#(#serde),*)])
        };
        members.extend(member(f, serde, imports));
    }
    if let Some(extra) = additional {
        let map = imports.add(Import::BTreeMap);
        let ty = imports.ty(extra);
        let name = ident(ADDITIONAL_PROPERTIES);
        members.extend(quote! {
            /// Properties not listed in the schema.
            #[serde(flatten)]
            pub #name: #map<String, #ty>,
        });
    }
    let serialize = imports.add(Import::Serialize);
    let deserialize = imports.add(Import::Deserialize);
    let derives = derives(fields, [quote!(#serialize), quote!(#deserialize)]);
    definition(
        def,
        derives,
        members,
        fields,
        additional.is_some(),
        builder,
        imports,
    )
}

/// The struct of an operation's query and header parameters.
pub fn params_struct(
    def: &TypeDef,
    fields: &[Field],
    builder: Option<&Builder>,
    imports: &mut Imports<'_>,
) -> TokenStream {
    let mut members = TokenStream::new();
    for f in fields {
        members.extend(member(f, quote!(), imports));
    }
    let derives = derives(fields, []);
    definition(def, derives, members, fields, false, builder, imports)
}

fn member(f: &Field, serde: TokenStream, imports: &mut Imports<'_>) -> TokenStream {
    let doc = docs::outer(&f.doc);
    let deprecated = deprecated(f.deprecated);
    let name = ident(&f.ident);
    let ty = imports.field_ty(f);
    quote! { #doc #deprecated #serde pub #name: #ty, }
}

/// `#[deprecated]` when the item is deprecated.
pub fn deprecated(yes: bool) -> TokenStream {
    if yes {
        quote!(#[deprecated])
    } else {
        quote!()
    }
}

fn derives<const N: usize>(fields: &[Field], serde: [TokenStream; N]) -> Vec<TokenStream> {
    let mut derives = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
    if fields.iter().all(|f| !f.repr.is_required()) {
        derives.push(quote!(Default));
    }
    derives.extend(serde);
    derives
}

fn definition(
    def: &TypeDef,
    derives: Vec<TokenStream>,
    members: TokenStream,
    fields: &[Field],
    has_additional: bool,
    builder: Option<&Builder>,
    imports: &mut Imports<'_>,
) -> TokenStream {
    let doc = docs::outer(&def.doc);
    let name = ident(&def.name);
    let builder = match builder {
        Some(b) => builders::constructor(def, fields, has_additional, b, imports),
        None => quote!(),
    };
    let conversions = builders::conversions(def, fields, imports);
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub struct #name { #members }
        #builder
        #conversions
    }
}
