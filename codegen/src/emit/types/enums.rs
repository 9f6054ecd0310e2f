//! String enums: known values, an `Unknown(String)` fallback, and the conversions to and
//! from the wire string.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{EnumValue, Import, TypeDef};

/// The enum and its `as_str`, `From<&str>`, `Display`, `Serialize` and `Deserialize`.
pub fn string_enum(def: &TypeDef, values: &[EnumValue], imports: &mut Imports<'_>) -> TokenStream {
    let fmt = imports.add(Import::Fmt);
    let serialize = imports.add(Import::Serialize);
    let serializer = imports.add(Import::Serializer);
    let deserialize = imports.add(Import::Deserialize);
    let deserializer = imports.add(Import::Deserializer);
    let doc = docs::outer(&def.doc);
    let name = ident(&def.name);
    let variants: Vec<_> = values.iter().map(|v| ident(&v.variant)).collect();
    let wire: Vec<_> = values.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = values.iter().map(|v| docs::outer(&v.doc));
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

        impl #fmt::Display for #name {
            fn fmt(&self, f: &mut #fmt::Formatter<'_>) -> #fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl #serialize for #name {
            fn serialize<S: #serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::codec::deserialize_enum(deserializer, |value| Self::from(value))
            }
        }
    }
}
