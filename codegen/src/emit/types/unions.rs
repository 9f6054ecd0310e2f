//! Unions: tagged (by a discriminator property) and untagged (first variant that decodes
//! wins), each with a raw-JSON `Unknown` fallback and `From` conversions into it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{Conversion, Import, TaggedVariant, TypeDef, Variant};

/// An internally tagged enum, its `tag()`, and its serde impls through the runtime codec.
pub fn tagged(
    def: &TypeDef,
    tag: &str,
    tag_doc: &str,
    variants: &[TaggedVariant],
    imports: &mut Imports<'_>,
) -> TokenStream {
    let Prelude {
        doc,
        name,
        plain,
        arms,
        idents,
    } = prelude(def, variants, imports);
    let tags: Vec<_> = variants.iter().map(|v| v.tag_value.as_str()).collect();
    let decode: Vec<_> = plain
        .iter()
        .map(|v| {
            if v.boxed {
                quote!(tagged.decode().map(Box::new))
            } else {
                quote!(tagged.decode())
            }
        })
        .collect();
    let conversions = conversions(def, &plain, imports);
    let tag_doc = docs::outer(tag_doc);
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
                    #( Self::#idents(inner) => codegen_runtime::__private::codec::serialize_tagged(serializer, #tag, #tags, inner), )*
                    Self::Unknown(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let tagged = codegen_runtime::__private::codec::Tagged::deserialize(deserializer, #tag)?;
                match tagged.tag() {
                    #( Some(#tags) => #decode.map(Self::#idents), )*
                    _ => tagged.into_value().map(Self::Unknown),
                }
            }
        }

        #conversions
    }
}

/// What every tagged enum starts from: the serde and JSON imports its manual impls use, its
/// doc and name, and its variants as plain variants, match arms and identifiers.
pub(super) struct Prelude {
    pub(super) doc: TokenStream,
    pub(super) name: proc_macro2::Ident,
    pub(super) plain: Vec<Variant>,
    pub(super) arms: TokenStream,
    pub(super) idents: Vec<proc_macro2::Ident>,
}

pub(super) fn prelude(
    def: &TypeDef,
    variants: &[TaggedVariant],
    imports: &mut Imports<'_>,
) -> Prelude {
    for import in [
        Import::Deserialize,
        Import::Deserializer,
        Import::Serialize,
        Import::Serializer,
        Import::Value,
    ] {
        imports.add(import);
    }
    let plain: Vec<Variant> = variants.iter().map(|v| v.variant.clone()).collect();
    Prelude {
        doc: docs::outer(&def.doc),
        name: ident(&def.name),
        arms: arms(&plain, imports),
        idents: plain.iter().map(|v| ident(&v.name)).collect(),
        plain,
    }
}

/// An enum decoded by trying each variant in order, through a `Value`.
pub fn untagged(def: &TypeDef, variants: &[Variant], imports: &mut Imports<'_>) -> TokenStream {
    imports.add(Import::Deserialize);
    imports.add(Import::Deserializer);
    imports.add(Import::Serialize);
    imports.add(Import::Value);
    let doc = docs::outer(&def.doc);
    let name = ident(&def.name);
    let arms = arms(variants, imports);
    let conversions = conversions(def, variants, imports);
    // Decoding goes through a `Value` rather than serde's untagged buffering, which cannot
    // replay the raw JSON a tagged-union variant reads.
    let attempts = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wrap = if v.boxed {
            quote!(Self::#variant(Box::new(inner)))
        } else {
            quote!(Self::#variant(inner))
        };
        quote! {
            if let Some(inner) = codegen_runtime::__private::codec::try_variant(&value) {
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

        #conversions
    }
}

pub(super) fn arms(variants: &[Variant], imports: &mut Imports<'_>) -> TokenStream {
    let mut out = TokenStream::new();
    for v in variants {
        let doc = docs::outer(&v.doc);
        let name = ident(&v.name);
        let mut ty = imports.ty(&v.ty);
        if v.boxed {
            ty = quote!(Box<#ty>);
        }
        out.extend(quote! { #doc #name(#ty), });
    }
    out
}

/// The union's `From` conversions: from a variant's payload, or from text through the
/// payload of the one variant that converts from text.
pub(super) fn conversions(
    def: &TypeDef,
    variants: &[Variant],
    imports: &mut Imports<'_>,
) -> TokenStream {
    let name = ident(&def.name);
    let mut out = TokenStream::new();
    for conversion in &def.conversions {
        match *conversion {
            Conversion::Variant(i) => {
                let v = &variants[i];
                let variant = ident(&v.name);
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
            Conversion::TextVariant(i) => {
                let v = &variants[i];
                let variant = ident(&v.name);
                let payload = imports.ty(&v.ty);
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
            Conversion::Field(_) | Conversion::Text => {}
        }
    }
    out
}
