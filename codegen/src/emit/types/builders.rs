//! What callers build structs with: `new(required…)`, a setter per optional field, and the
//! `From` conversions of a struct built from one field.

use proc_macro2::TokenStream;
use quote::quote;

use super::structs::deprecated;
use crate::emit::docs;
use crate::emit::typeref::{ident, Imports};
use crate::ir::{
    Builder, Conversion, Field, FieldRepr, Import, Primitive, TypeDef, TypeRef,
    ADDITIONAL_PROPERTIES,
};

/// Clippy's limit on arguments, beyond which `new` allows `too_many_arguments`.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// `impl Name { new(…), setters… }`.
pub fn constructor(
    def: &TypeDef,
    fields: &[Field],
    has_additional: bool,
    builder: &Builder,
    imports: &mut Imports<'_>,
) -> TokenStream {
    let name = ident(&def.name);
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let id = ident(&f.ident);
        if builder.optional_arg == Some(i) {
            let (ty, value) = input(f, imports);
            args.push(quote!(#id: #ty));
            inits.push(quote!(#id: Some(#value)));
            continue;
        }
        match f.repr {
            // Taken as a value; its setter's `null` method sends the `null`.
            FieldRepr::Nullable => {
                let (ty, value) = input(f, imports);
                args.push(quote!(#id: #ty));
                inits.push(quote!(#id: Some(#value)));
            }
            FieldRepr::Required | FieldRepr::Flatten => {
                let (ty, value) = input(f, imports);
                args.push(quote!(#id: #ty));
                // A value taken as it is initializes its field by shorthand.
                if as_is(f) {
                    inits.push(quote!(#id));
                } else {
                    inits.push(quote!(#id: #value));
                }
            }
            FieldRepr::Optional | FieldRepr::OptionalNullable => inits.push(quote!(#id: None)),
        }
    }
    if has_additional {
        let map = imports.add(Import::BTreeMap);
        let field = ident(ADDITIONAL_PROPERTIES);
        inits.push(quote!(#field: #map::new()));
    }
    let allow = if args.len() > CLIPPY_MAX_ARGUMENTS {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    let mut setters = TokenStream::new();
    for f in fields {
        setters.extend(setter(f, imports));
    }
    let doc = docs::outer(&builder.doc);
    let allow_deprecated = allow_deprecated(fields);
    quote! {
        #allow_deprecated
        impl #name {
            #doc
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* }
            }
            #setters
        }
    }
}

/// `#[allow(deprecated)]` on an impl that touches the fields of a struct with deprecated
/// fields, so the SDK itself builds without deprecation warnings.
pub fn allow_deprecated(fields: &[Field]) -> TokenStream {
    if fields.iter().any(|f| f.deprecated) {
        quote!(#[allow(deprecated)])
    } else {
        quote!()
    }
}

fn setter(f: &Field, imports: &mut Imports<'_>) -> TokenStream {
    let Some(setter) = &f.setter else {
        return quote!();
    };
    let id = ident(&f.ident);
    let name = ident(&setter.name);
    let (ty, value) = input(f, imports);
    let wrapped = match f.repr {
        FieldRepr::OptionalNullable => quote!(Some(Some(#value))),
        _ => quote!(Some(#value)),
    };
    let doc = docs::outer(&setter.doc);
    let deprecated = deprecated(f.deprecated);
    let mut out = quote! {
        #doc
        #deprecated
        pub fn #name(mut self, #id: #ty) -> Self {
            self.#id = #wrapped;
            self
        }
    };
    if let Some((null, doc)) = &setter.null {
        let null = ident(null);
        let doc = docs::outer(doc);
        let value = match f.repr {
            FieldRepr::OptionalNullable => quote!(Some(None)),
            _ => quote!(None),
        };
        out.extend(quote! {
            #doc
            #deprecated
            pub fn #null(mut self) -> Self {
                self.#id = #value;
                self
            }
        });
    }
    out
}

/// Whether a field's argument is taken and stored as it is: numbers and booleans
/// (`.limit(20)`, `.interactive(true)`).
fn as_is(f: &Field) -> bool {
    !f.boxed
        && matches!(
            f.ty,
            TypeRef::Primitive(
                Primitive::Bool | Primitive::I32 | Primitive::I64 | Primitive::F32 | Primitive::F64
            )
        )
}

/// The parameter type a constructor or setter takes for a field, and the expression that
/// turns the argument (named like the field) into the stored value. Lists take any iterable
/// of anything convertible: `MessageContent::new([TextPart::new("hi")])`; numbers and
/// booleans are taken as they are.
fn input(f: &Field, imports: &mut Imports<'_>) -> (TokenStream, TokenStream) {
    let id = ident(&f.ident);
    match &f.ty {
        TypeRef::List(item) if !f.boxed => {
            let item = imports.ty(item);
            (
                quote!(impl IntoIterator<Item = impl Into<#item>>),
                quote!(#id.into_iter().map(Into::into).collect()),
            )
        }
        ty if as_is(f) => (imports.ty(ty), quote!(#id)),
        ty => {
            let ty = imports.ty(ty);
            if f.boxed {
                (quote!(impl Into<#ty>), quote!(Box::new(#id.into())))
            } else {
                (quote!(impl Into<#ty>), quote!(#id.into()))
            }
        }
    }
}

/// The `From` conversions of a struct, through `new`.
pub fn conversions(def: &TypeDef, fields: &[Field], imports: &mut Imports<'_>) -> TokenStream {
    let name = ident(&def.name);
    let mut out = TokenStream::new();
    for conversion in &def.conversions {
        match conversion {
            Conversion::Text => out.extend(quote! {
                impl From<&str> for #name {
                    fn from(value: &str) -> Self {
                        Self::new(value)
                    }
                }

                impl From<String> for #name {
                    fn from(value: String) -> Self {
                        Self::new(value)
                    }
                }
            }),
            Conversion::Field(index) => {
                let ty = imports.boxed_ty(&fields[*index]);
                out.extend(quote! {
                    impl From<#ty> for #name {
                        fn from(value: #ty) -> Self {
                            Self::new(value)
                        }
                    }
                });
            }
            Conversion::Variant(_) | Conversion::TextVariant(_) => {}
        }
    }
    out
}
