//! The Rust signature of an operation's method: its arguments and return type. Resource
//! files print it; the public surface (`api.md`) reads it, so both always agree.

use proc_macro2::TokenStream;
use quote::quote;

use super::typeref::{ident, Imports};
use crate::ir::{BodyEncoding, Decoding, Import, Operation, PathArg, Primitive, TypeRef};

/// The arguments after `&self` and the return type of an operation's method.
pub struct Signature {
    /// `(name, type)` of each argument, in order: path parameters, the parameter struct,
    /// the body (and, for a bytes body whose media type the caller gives, `content_type`).
    pub args: Vec<(String, TokenStream)>,
    /// The request type the method returns.
    pub ret: TokenStream,
}

/// The signature of `op`'s method; the names it uses are recorded in `imports`.
pub fn of(op: &Operation, imports: &mut Imports<'_>) -> Signature {
    let mut args = Vec::new();
    for p in &op.path_params {
        let ty = match &p.arg {
            PathArg::Display => {
                let display = imports.add(Import::Display);
                quote!(impl #display)
            }
            PathArg::Typed(ty) => imports.ty(ty),
            PathArg::Id(ty) => {
                let ty = imports.ty(ty);
                quote!(impl Into<#ty>)
            }
            PathArg::Serialized(ty) => {
                let ty = imports.ty(ty);
                quote!(&#ty)
            }
        };
        args.push((p.ident.clone(), ty));
    }
    if let Some(params) = &op.params {
        let ty = imports.named(params.ty);
        args.push((params.arg.clone(), quote!(#ty)));
    }
    if let Some(body) = &op.body {
        let ty = match (&body.encoding, &body.ty) {
            (BodyEncoding::Bytes { .. }, TypeRef::Primitive(Primitive::String)) => {
                quote!(impl Into<String>)
            }
            (BodyEncoding::Bytes { .. }, ty) => {
                let ty = imports.ty(ty);
                quote!(impl Into<#ty>)
            }
            (BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Multipart, ty) => {
                imports.ty(ty)
            }
        };
        args.push((body.arg.clone(), ty));
        if let BodyEncoding::Bytes { content_type: None } = body.encoding {
            args.push(("content_type".to_owned(), quote!(&str)));
        }
    }
    let response = match &op.response.ty {
        Some(ty) => imports.ty(ty),
        None => quote!(()),
    };
    let ret = if op.paginated {
        let page_request = imports.add(Import::PageRequest);
        quote!(#page_request<#response>)
    } else {
        let request = imports.add(Import::Request);
        let decoder = match op.response.decoding {
            Decoding::Json => None,
            Decoding::Bytes { .. } => Some(imports.add(Import::AsBytes)),
            Decoding::Text { .. } => Some(imports.add(Import::AsText)),
        };
        let key = if op.idempotency.is_some() {
            Some(imports.add(Import::Idempotent))
        } else if decoder.is_some() {
            Some(imports.add(Import::NotIdempotent))
        } else {
            None
        };
        match (key, decoder) {
            (None, _) => quote!(#request<#response>),
            (Some(key), None) => quote!(#request<#response, #key>),
            (Some(key), Some(decoder)) => quote!(#request<#response, #key, #decoder>),
        }
    };
    Signature { args, ret }
}

impl Signature {
    /// The arguments as `name: Type` tokens.
    pub fn arg_tokens(&self) -> Vec<TokenStream> {
        self.args
            .iter()
            .map(|(name, ty)| {
                let name = ident(name);
                quote!(#name: #ty)
            })
            .collect()
    }
}
