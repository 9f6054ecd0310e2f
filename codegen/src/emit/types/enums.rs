//! String enums: known values, an `Unknown(String)` fallback, and the conversions to and
//! from the wire string.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{EnumValue, Import, TypeDef};

/// The enum and its `as_str`, `From<&str>` (unknown text kept as `Unknown`), `FromStr`
/// (unknown text refused, to catch a typo), `Display`, `Serialize` and `Deserialize`.
pub fn string_enum(def: &TypeDef, values: &[EnumValue], imports: &mut Imports<'_>) -> TokenStream {
    let fmt = imports.add(Import::Fmt);
    let from_str = imports.add(Import::FromStr);
    let unknown_value = imports.add(Import::UnknownValue);
    let type_name = def.name.as_str();
    let serialize = imports.add(Import::Serialize);
    let serializer = imports.add(Import::Serializer);
    let deserialize = imports.add(Import::Deserialize);
    let deserializer = imports.add(Import::Deserializer);
    let doc = docs::outer(&def.doc);
    let name = ident(&def.name);
    let variants: Vec<_> = values.iter().map(|v| ident(&v.variant)).collect();
    let wire: Vec<_> = values.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = values.iter().map(|v| docs::outer(&v.doc));
    let from_str_body = if values.is_empty() {
        quote!(Err(#unknown_value::new(#type_name, value.to_owned())))
    } else {
        quote! {
            match Self::from(value) {
                Self::Unknown(value) => Err(#unknown_value::new(#type_name, value)),
                known => Ok(known),
            }
        }
    };
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

        /// Refuses text that is not a known value, so that a typo is an error; `From<&str>`
        /// keeps it as `Unknown` instead.
        impl #from_str for #name {
            type Err = #unknown_value;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                #from_str_body
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
                codegen_runtime::__private::codec::deserialize_enum(deserializer, |value| Self::from(value))
            }
        }
    }
}
