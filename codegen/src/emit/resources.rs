//! Resources and operations → `resources/`: accessors on the client, and a file per
//! top-level resource with one method per operation, each describing its call to the runtime (`Call`: the path from the template's
//! segments, parameters, body, idempotency) and returning a request value the caller can
//! configure and await.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::typeref::{ident, Imports};
use super::types::deprecated;
use crate::ir::{Api, Import, Operation, Param, ParamLocation, PathArg, PathSegment, Resource};

/// The files of `resources/`: `mod.rs` with the client's accessors, and one file per
/// top-level resource holding its struct and those of its sub-resources, as
/// `(file name, tokens)`.
pub fn emit(api: &Api) -> Vec<(String, TokenStream)> {
    let mut files = Vec::new();
    let mut decls = TokenStream::new();
    for top in &api.resources {
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
        decls.extend(quote! {
            mod #module;
            pub use self::#module::{#(#names),*};
        });
    }
    let mut imports = Imports::new(api);
    let mut accessors = TokenStream::new();
    if !api.resources.is_empty() {
        let client = imports.add(Import::Client);
        let each = api.resources.iter().map(accessor);
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
    let call = imports.add(Import::Call);
    let method_type = imports.add(Import::Method);
    let method = ident(op.method.as_str());
    let template = &op.path;

    let mut args = Vec::new();
    for p in &op.path_params {
        let id = ident(&p.ident);
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
    }
    // The path, piece by piece, as lowering split the template.
    let mut chain: Vec<TokenStream> = op
        .segments
        .iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => quote!(.literal(#text)),
            PathSegment::Param(i) => {
                let p = &op.path_params[*i];
                let id = ident(&p.ident);
                let wire = &p.wire_name;
                quote!(.path_param(#wire, #id))
            }
        })
        .collect();
    if let Some(params) = &op.params {
        let ty = imports.named(params.ty);
        let var = ident(&params.arg);
        args.push(quote!(#var: #ty));
        chain.extend(params.params.iter().map(|p| param_call(p, &var)));
    }
    let idempotency = op.idempotency.as_ref();
    if let Some(body) = &op.body {
        let ty = imports.ty(&body.ty);
        let var = ident(&body.arg);
        args.push(quote!(#var: #ty));
        // The runtime writes the call's key into the body through its `IdempotencyKeySlot`.
        if idempotency.is_some_and(|i| i.body_field.is_some()) {
            chain.push(quote!(.json_keyed(#var)));
        } else {
            chain.push(quote!(.json(&#var)));
        }
    }
    if let Some(header) = idempotency.and_then(|i| i.header.as_ref()) {
        chain.push(quote!(.idempotency_header(#header)));
    }
    let response = match &op.response.ty {
        Some(ty) => imports.ty(ty),
        None => quote!(()),
    };
    let ret = if op.paginated {
        let page_request = imports.add(Import::PageRequest);
        quote!(#page_request<#response>)
    } else if idempotency.is_some() {
        let request = imports.add(Import::Request);
        let idempotent = imports.add(Import::Idempotent);
        quote!(#request<#response, #idempotent>)
    } else {
        let request = imports.add(Import::Request);
        quote!(#request<#response>)
    };
    quote! {
        #doc
        #deprecated
        pub fn #name(&self, #(#args),*) -> #ret {
            #call::new(self.client, #method_type::#method, #template)
                #(#chain)*
                .into()
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
