//! Resources and operations → `resources/`: accessors on the client, and a file per
//! top-level resource with one method per operation, each describing its call to the
//! runtime (`Call`: the path template and its parameters, query, body, idempotency) and
//! returning a request value the caller can configure and await.

use proc_macro2::TokenStream;
use quote::quote;

use super::features::Features;
use super::typeref::{ident, Imports};
use super::types::deprecated;
use super::{docs, signature};
use crate::ir::{
    Api, BodyEncoding, Decoding, Import, Operation, Param, ParamEncoding, ParamLocation, PathArg,
    Resource,
};

/// The files of `resources/`: `mod.rs` with the client's accessors, and one file per
/// top-level resource holding its struct and those of its sub-resources, as
/// `(file name, tokens)`.
pub fn emit(api: &Api, features: &Features) -> Vec<(String, TokenStream)> {
    let mut files = Vec::new();
    let mut decls = TokenStream::new();
    for (i, top) in api.resources.iter().enumerate() {
        let mut imports = Imports::new(api);
        let mut body = TokenStream::new();
        let mut names = Vec::new();
        // Depth-first, in declaration order.
        let mut stack = vec![top];
        while let Some(r) = stack.pop() {
            names.push(ident(&r.type_name));
            body.extend(resource_struct(api, r, &mut imports));
            stack.extend(r.children.iter().rev());
        }
        let doc = docs::inner(&top.summary);
        let uses = imports.items(quote!(crate::types), None);
        files.push((
            format!("{}.rs", top.name),
            quote! {
                #doc
                #uses
                #body
            },
        ));
        let module = ident(&top.name);
        let cfg = features.resource(i);
        decls.extend(quote! {
            #cfg mod #module;
            #cfg pub use self::#module::{#(#names),*};
        });
    }
    let mut imports = Imports::new(api);
    let mut accessors = TokenStream::new();
    if !api.resources.is_empty() {
        let client = imports.add(Import::Client);
        let each = api.resources.iter().enumerate().map(|(i, r)| {
            let cfg = features.resource(i);
            let accessor = accessor(r);
            quote!(#cfg #accessor)
        });
        accessors = quote! {
            impl #client {
                #(#each)*
            }
        };
    }
    let doc = docs::inner(&format!(
        "The resources of {}: one method per operation, a file per top-level resource.",
        api.title
    ));
    let uses = imports.items(quote!(crate::types), None);
    files.insert(
        0,
        (
            "mod.rs".to_owned(),
            quote! {
                #doc
                #uses
                #decls
                #accessors
            },
        ),
    );
    files
}

fn accessor(resource: &Resource) -> TokenStream {
    let name = ident(&resource.name);
    let ty = ident(&resource.type_name);
    let doc = docs::outer(&resource.summary);
    quote! {
        #doc
        pub fn #name(&self) -> #ty<'_> {
            #ty { client: self }
        }
    }
}

fn resource_struct(api: &Api, resource: &Resource, imports: &mut Imports<'_>) -> TokenStream {
    let client = imports.add(Import::Client);
    let ty = ident(&resource.type_name);
    let doc = docs::outer(&resource.doc);
    let children = resource.children.iter().map(|c| {
        let name = ident(&c.name);
        let child = ident(&c.type_name);
        let doc = docs::outer(&c.summary);
        quote! {
            #doc
            pub fn #name(&self) -> #child<'a> {
                #child { client: self.client }
            }
        }
    });
    let operations: Vec<_> = resource
        .operations
        .iter()
        .map(|&i| operation(&api.operations[i], imports))
        .collect();
    quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            pub(crate) client: &'a #client,
        }

        impl<'a> #ty<'a> {
            #(#children)*
            #(#operations)*
        }
    }
}

fn operation(op: &Operation, imports: &mut Imports<'_>) -> TokenStream {
    let name = ident(&op.method_name);
    let doc = docs::outer(&op.doc);
    let deprecated = deprecated(op.deprecated);
    let aliases = op.aliases.iter().map(|a| quote!(#[doc(alias = #a)]));
    let call = imports.add(Import::Call);
    let method_type = imports.add(Import::Method);
    let method = ident(op.method.as_str());
    let template = &op.path;
    let signature = signature::of(op, imports);
    let args = signature.arg_tokens();
    let ret = &signature.ret;
    // An id argument takes anything that converts into its id type; it is converted first.
    let ids = op.path_params.iter().filter_map(|p| match &p.arg {
        PathArg::Id(ty) => {
            let id = ident(&p.ident);
            let ty = imports.ty(ty);
            Some(quote!(let #id: #ty = #id.into();))
        }
        _ => None,
    });
    let ids: Vec<TokenStream> = ids.collect();

    // Each path parameter once, in template order: the runtime puts it in place of its
    // `{name}` in the template (every place the template names it).
    let mut chain: Vec<TokenStream> = op
        .path_params
        .iter()
        .map(|p| {
            let id = ident(&p.ident);
            let wire = &p.wire_name;
            match p.arg {
                PathArg::Serialized(_) => quote!(.path_param_serialized(#wire, #id)),
                PathArg::Display | PathArg::Typed(_) | PathArg::Id(_) => {
                    quote!(.path_param(#wire, #id))
                }
            }
        })
        .collect();
    if let Some(params) = &op.params {
        let var = ident(&params.arg);
        chain.extend(params.params.iter().map(|p| param_call(p, &var, imports)));
    }
    let idempotency = op.idempotency.as_ref();
    if let Some(body) = &op.body {
        let var = ident(&body.arg);
        chain.push(match &body.encoding {
            // The runtime writes the call's key into the body through its `IdempotencyKeySlot`.
            BodyEncoding::Json if idempotency.is_some_and(|i| i.body_field.is_some()) => {
                quote!(.json_keyed(#var))
            }
            BodyEncoding::Json => quote!(.json(&#var)),
            BodyEncoding::Form => quote!(.form(&#var)),
            BodyEncoding::Multipart => quote!(.multipart(&#var)),
            BodyEncoding::Bytes {
                content_type: Some(content_type),
            } => quote!(.bytes(#var.into(), #content_type)),
            BodyEncoding::Bytes { content_type: None } => {
                quote!(.bytes(#var.into(), content_type))
            }
        });
    }
    if let Some(header) = idempotency.and_then(|i| i.header.as_ref()) {
        chain.push(quote!(.idempotency_header(#header)));
    }
    if let Decoding::Bytes { accept } | Decoding::Text { accept } = &op.response.decoding {
        chain.push(quote!(.header("accept", #accept)));
    }
    if op.response.ty.is_none() {
        chain.push(quote!(.without_response_body()));
    }
    quote! {
        #doc
        #(#aliases)*
        #deprecated
        pub fn #name(&self, #(#args),*) -> #ret {
            #(#ids)*
            #call::new(self.client, #method_type::#method, #template)
                #(#chain)*
                .into()
        }
    }
}

/// The builder call that puts one query or header parameter on the request.
fn param_call(p: &Param, var: &proc_macro2::Ident, imports: &mut Imports<'_>) -> TokenStream {
    let id = ident(&p.ident);
    let wire = &p.wire_name;
    if let ParamEncoding::Styled { style, explode } = p.encoding {
        // The runtime gives the spec's words their meaning; a word it does not know fails
        // to compile.
        let query_style = imports.add(Import::QueryStyle);
        let style = quote!(const { #query_style::openapi(#style, #explode) });
        let value = if p.required {
            quote!(Some(&#var.#id))
        } else {
            quote!(#var.#id.as_ref())
        };
        return quote!(.query_styled(#wire, #style, #value));
    }
    let (one, opt, each) = match p.location {
        ParamLocation::Header => (quote!(header), quote!(header_opt), quote!(header_each)),
        ParamLocation::Query => (quote!(query), quote!(query_opt), quote!(query_each)),
    };
    let repeated = p.encoding == ParamEncoding::List;
    match (repeated, p.required) {
        (false, true) => quote!(.#one(#wire, #var.#id)),
        (false, false) => quote!(.#opt(#wire, #var.#id)),
        (true, true) => quote!(.#each(#wire, #var.#id)),
        (true, false) => quote!(.#each(#wire, #var.#id.into_iter().flatten())),
    }
}
