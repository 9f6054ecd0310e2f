//! Id types (`x-sdk-id`): a string newtype per kind of id, so that an id of one resource
//! does not compile where another's belongs, while any string still makes one.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{Import, TypeDef};

/// The newtype and its conversions: from `&str`, `String`, `&String`, `&Self` (and `Uuid` for a UUID
/// id), `FromStr` that never fails, `Display`, `as_str`, comparison with text, and
/// transparent serde.
pub fn id(def: &TypeDef, uuid: bool, imports: &mut Imports<'_>) -> TokenStream {
    let fmt = imports.add(Import::Fmt);
    let from_str = imports.add(Import::FromStr);
    let infallible = imports.add(Import::Infallible);
    let serialize = imports.add(Import::Serialize);
    let deserialize = imports.add(Import::Deserialize);
    let doc = docs::outer(&def.doc);
    let name = ident(&def.name);
    let from_uuid = if uuid {
        let uuid = imports.add(Import::Uuid);
        quote! {
            impl From<#uuid> for #name {
                fn from(id: #uuid) -> Self {
                    Self(id.to_string())
                }
            }
        }
    } else {
        quote!()
    };
    quote! {
        #doc
        ///
        /// An id type of its own: an id of another kind does not convert into it. Any text
        /// does, unchecked (`"…".into()`, `.parse()`), and it prints and serializes as that
        /// text.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, #serialize, #deserialize)]
        #[serde(transparent)]
        pub struct #name(String);

        impl #name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl #fmt::Display for #name {
            fn fmt(&self, f: &mut #fmt::Formatter<'_>) -> #fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl #from_str for #name {
            type Err = #infallible;

            fn from_str(id: &str) -> Result<Self, Self::Err> {
                Ok(Self(id.to_owned()))
            }
        }

        impl From<&str> for #name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for #name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&String> for #name {
            fn from(id: &String) -> Self {
                Self(id.clone())
            }
        }

        impl From<&#name> for #name {
            fn from(id: &#name) -> Self {
                id.clone()
            }
        }

        #from_uuid

        impl From<#name> for String {
            fn from(id: #name) -> Self {
                id.0
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for #name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for #name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    }
}
