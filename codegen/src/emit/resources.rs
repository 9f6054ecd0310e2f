//! Resources and operations → `resources.rs`: accessors on the client and one method per
//! operation, each returning a request value the caller can configure and await.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::typeref::{ident, Imports};
use super::types::deprecated;
use crate::ir::{Api, Import, Operation, Param, ParamLocation, PathArg, Resource};

/// The tokens of `resources.rs`.
pub fn emit(api: &Api) -> TokenStream {
    let mut imports = Imports::new(api);
    let mut body = TokenStream::new();
    if !api.resources.is_empty() {
        let client = imports.add(Import::Client);
        let accessors = api.resources.iter().map(accessor);
        body.extend(quote! {
            impl #client {
                #(#accessors)*
            }
        });
    }
    let mut stack: Vec<&Resource> = api.resources.iter().rev().collect();
    let mut ordered = Vec::new();
    while let Some(r) = stack.pop() {
        ordered.push(r);
        stack.extend(r.children.iter().rev());
    }
    // Depth-first, in declaration order.
    for resource in ordered {
        body.extend(resource_struct(api, resource, &mut imports));
    }
    let doc = docs::inner(&format!(
        "The resources of {}: one method per operation.",
        api.title
    ));
    let uses = imports.items(quote!(super::types), None);
    quote! {
        #doc
        #uses
        #body
    }
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
        .map(|&i| operation(api, &api.operations[i], imports))
        .collect();
    quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            client: &'a #client,
        }

        impl<'a> #ty<'a> {
            #(#children)*
            #(#operations)*
        }
    }
}

fn operation(api: &Api, op: &Operation, imports: &mut Imports<'_>) -> TokenStream {
    let name = ident(&op.method_name);
    let doc = docs::outer(&op.doc);
    let deprecated = deprecated(op.deprecated);
    let method = ident(op.method.as_str());
    let method_type = imports.add(Import::Method);
    let template = &op.path;

    let mut args = Vec::new();
    let mut chain = Vec::new();
    for p in &op.path_params {
        let id = ident(&p.ident);
        let wire = &p.wire_name;
        match &p.arg {
            PathArg::Display => {
                let display = imports.add(Import::Display);
                args.push(quote!(#id: impl #display));
            }
            PathArg::Typed(ty) => {
                let ty = imports.ty(ty);
                args.push(quote!(#id: #ty));
            }
        }
        chain.push(quote!(.path_param(#wire, #id)));
    }
    if let Some(params) = &op.params {
        let ty = imports.named(params.ty);
        let var = ident(&params.arg);
        args.push(quote!(#var: #ty));
        chain.extend(params.params.iter().map(|p| param_call(p, &var)));
    }
    if let Some(body) = &op.body {
        let ty = imports.ty(&body.ty);
        let var = ident(&body.arg);
        args.push(quote!(#var: #ty));
        chain.push(quote!(.json(&#var)));
    }
    let response = match &op.response.ty {
        Some(ty) => imports.ty(ty),
        None => quote!(()),
    };
    let request = imports.add(Import::Request);
    let mut ret = quote!(#request<#response>);
    if let Some(idempotency) = &op.idempotency {
        let idempotent = imports.add(Import::Idempotent);
        if let Some(header) = &idempotency.header {
            chain.push(quote!(.idempotency_header(#header)));
        }
        if let Some(path) = &idempotency.body_field {
            chain.push(quote!(.idempotency_body_field(&[#(#path),*])));
        }
        ret = quote!(#request<#response, #idempotent>);
    }
    let pagination = op
        .response
        .ty
        .as_ref()
        .and_then(|ty| ty.named())
        .and_then(|id| api.ty(id).pagination.as_ref());
    if let (true, Some(p)) = (op.paginated, pagination) {
        let page_request = imports.add(Import::PageRequest);
        let cursor = &p.cursor_param;
        chain.push(quote!(.paginate(#cursor)));
        ret = quote!(#page_request<#response>);
    }
    quote! {
        #doc
        #deprecated
        pub fn #name(&self, #(#args),*) -> #ret {
            #request::new(self.client, #method_type::#method, #template)
                #(#chain)*
        }
    }
}

/// The builder call that puts one query or header parameter on the request.
fn param_call(p: &Param, var: &proc_macro2::Ident) -> TokenStream {
    let id = ident(&p.ident);
    let wire = &p.wire_name;
    let (one, opt, each) = match p.location {
        ParamLocation::Header => (quote!(header), quote!(header_opt), quote!(header_each)),
        ParamLocation::Query => (quote!(query), quote!(query_opt), quote!(query_each)),
    };
    match (p.repeated, p.required) {
        (false, true) => quote!(.#one(#wire, #var.#id)),
        (false, false) => quote!(.#opt(#wire, #var.#id)),
        (true, true) => quote!(.#each(#wire, #var.#id)),
        (true, false) => quote!(.#each(#wire, #var.#id.into_iter().flatten())),
    }
}
