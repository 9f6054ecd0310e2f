//! Event unions (`x-sdk-events`): the payload of an envelope as an adjacently tagged enum —
//! the tag and the payload are two properties of the envelope, which flattens the enum in —
//! with an `Unknown` fallback that keeps the tag and the raw payload of events it does not
//! list.

use proc_macro2::TokenStream;
use quote::quote;

use super::unions::{prelude, Prelude};
use crate::emit::docs;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{TaggedVariant, TypeDef};

/// The enum, its tag accessor, and serde impls through the runtime codec.
pub fn event_union(
    def: &TypeDef,
    tag: &(String, String),
    payload: &(String, String),
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
    let (tag_wire, tag_id) = (tag.0.as_str(), ident(&tag.1));
    let (payload_wire, payload_id) = (payload.0.as_str(), ident(&payload.1));
    let tags: Vec<_> = variants.iter().map(|v| v.tag_value.as_str()).collect();
    let decode: Vec<_> = plain
        .iter()
        .map(|v| {
            if v.boxed {
                quote!(codegen_runtime::__private::codec::from_value(payload).map(Box::new))
            } else {
                quote!(codegen_runtime::__private::codec::from_value(payload))
            }
        })
        .collect();
    let tag_doc = docs::outer(tag_doc);
    let unknown_tag_doc = docs::outer(&format!("The event's `{tag_wire}`."));
    let unknown_payload_doc = docs::outer(&format!("The event's `{payload_wire}`."));
    // The locals are `tag` and `payload`: spelled out only where a field is named otherwise
    // (shorthand otherwise, as clippy wants).
    let init = |id: &proc_macro2::Ident, local: &str| {
        let local = ident(local);
        if *id == local {
            quote!(#id)
        } else {
            quote!(#id: #local)
        }
    };
    let (init_tag, init_payload) = (init(&tag_id, "tag"), init(&payload_id, "payload"));
    let unknown_init = quote!(#init_tag, #init_payload);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)] // variants are as large as the spec makes them
        pub enum #name {
            #arms
            /// An event this version of the SDK does not know yet, with its payload as raw
            /// JSON.
            Unknown {
                #unknown_tag_doc
                #tag_id: String,
                #unknown_payload_doc
                #payload_id: Value,
            },
        }

        impl #name {
            #tag_doc
            pub fn #tag_id(&self) -> &str {
                match self {
                    #( Self::#idents(_) => #tags, )*
                    Self::Unknown { #tag_id, .. } => #tag_id,
                }
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#idents(inner) => codegen_runtime::__private::codec::serialize_adjacent(serializer, #tag_wire, #tags, #payload_wire, inner), )*
                    Self::Unknown { #tag_id, #payload_id } => {
                        codegen_runtime::__private::codec::serialize_adjacent(serializer, #tag_wire, #tag_id, #payload_wire, #payload_id)
                    }
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let (tag, payload) =
                    codegen_runtime::__private::codec::deserialize_adjacent(deserializer, #tag_wire, #payload_wire)?;
                match tag.as_str() {
                    #( #tags => #decode.map(Self::#idents), )*
                    _ => Ok(Self::Unknown { #unknown_init }),
                }
            }
        }
    }
}
