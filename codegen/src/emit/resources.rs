//! Resources and operations → `resources.rs`: accessors on the client and one method per
//! operation, each returning a request value the caller can configure and await.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::typeref::{ident, Import, Imports};
use crate::ir::{Api, Operation, Param, ParamLocation, PathSegment, Primitive, Resource, TypeRef};

/// The tokens of `resources.rs`.
pub fn emit(api: &Api) -> TokenStream {
    let mut imports = Imports::default();
    let mut runtime = BTreeSet::new();
    if !api.resources.is_empty() {
        runtime.insert("Client");
    }
    let mut body = TokenStream::new();

    if !api.resources.is_empty() {
        let accessors = api.resources.iter().map(|r| accessor(r, quote!(self)));
        body.extend(quote! {
            impl Client {
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
        body.extend(resource_struct(api, resource, &mut imports, &mut runtime));
    }

    let doc = docs::inner(&format!(
        "The resources of {}: one method per operation.",
        api.title
    ));
    if !api.operations.is_empty() {
        imports.add(Import::Method);
    }
    let external = imports.external();
    let runtime: Vec<_> = runtime.iter().map(|r| ident(r)).collect();
    let runtime = if runtime.is_empty() {
        quote!()
    } else {
        quote!(use crate::{#(#runtime),*};)
    };
    let call = if api.operations.is_empty() {
        quote!()
    } else {
        quote!(
            use crate::__rt::Call;
        )
    };
    let types: Vec<_> = imports.named.iter().map(|n| ident(n)).collect();
    let types = if types.is_empty() {
        quote!()
    } else {
        quote!(use super::types::{#(#types),*};)
    };
    quote! {
        #doc
        #external
        #call
        #runtime
        #types
        #body
    }
}

/// One line on a resource: its tag's description, or its name.
fn resource_summary(resource: &Resource) -> String {
    resource
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` resource.", resource.name))
}

fn accessor(resource: &Resource, client: TokenStream) -> TokenStream {
    let name = ident(&resource.name);
    let ty = ident(&resource.type_name);
    let doc = docs::outer(Some(&resource_summary(resource)));
    quote! {
        #doc
        pub fn #name(&self) -> #ty<'_> {
            #ty { client: #client }
        }
    }
}

fn resource_struct(
    api: &Api,
    resource: &Resource,
    imports: &mut Imports,
    runtime: &mut BTreeSet<&'static str>,
) -> TokenStream {
    let ty = ident(&resource.type_name);
    let methods: Vec<String> = resource
        .children
        .iter()
        .map(|c| format!("[`{0}`](Self::{0})", c.name))
        .chain(
            resource
                .operations
                .iter()
                .map(|&i| format!("[`{0}`](Self::{0})", api.operations[i].method_name)),
        )
        .collect();
    let doc = docs::outer(Some(&format!(
        "{}\n\nMethods and sub-resources: {}.",
        resource_summary(resource),
        methods.join(", ")
    )));
    let children = resource.children.iter().map(|c| {
        let name = ident(&c.name);
        let child = ident(&c.type_name);
        let doc = docs::outer(Some(&resource_summary(c)));
        quote! {
            #doc
            pub fn #name(&self) -> #child<'a> {
                #child { client: self.client }
            }
        }
    });
    let operations = resource
        .operations
        .iter()
        .map(|&i| operation(&api.operations[i], imports, runtime));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            client: &'a Client,
        }

        impl<'a> #ty<'a> {
            #(#children)*
            #(#operations)*
        }
    }
}

fn operation(
    op: &Operation,
    imports: &mut Imports,
    runtime: &mut BTreeSet<&'static str>,
) -> TokenStream {
    let name = ident(&op.method_name);
    let doc = docs::outer(op.doc.as_deref());
    let deprecated = if op.deprecated {
        quote!(#[deprecated])
    } else {
        quote!()
    };
    let method = ident(op.method.as_str());
    let template = &op.path;

    let mut args = Vec::new();
    for p in &op.path_params {
        let id = ident(&p.ident);
        // Ids are taken as anything printable (`&str`, `String`, `Uuid`…); the runtime
        // escapes them so each stays one path segment.
        if matches!(
            p.ty,
            TypeRef::Primitive(Primitive::String | Primitive::Uuid)
        ) {
            imports.add(Import::Display);
            args.push(quote!(#id: impl Display));
        } else {
            let ty = imports.ty(&p.ty);
            args.push(quote!(#id: #ty));
        }
    }
    // The path, piece by piece, as the generator parsed it from the template.
    let mut chain: Vec<TokenStream> = op
        .segments
        .iter()
        .filter_map(|segment| match segment {
            PathSegment::Literal(text) => Some(quote!(.literal(#text))),
            PathSegment::Param(i) => {
                let p = op.path_params.get(*i)?;
                let id = ident(&p.ident);
                let wire = &p.wire_name;
                Some(quote!(.path_param(#wire, #id)))
            }
        })
        .collect();
    if let Some(params_type) = &op.params_type {
        let ty = ident(params_type);
        imports.named.insert(params_type.clone());
        let var = if op.body.is_some() {
            quote!(query)
        } else {
            quote!(params)
        };
        args.push(quote!(#var: #ty));
        chain.extend(op.params.iter().map(|p| param_call(p, &var)));
    }
    let keyed_body = op
        .idempotency
        .as_ref()
        .is_some_and(|i| i.body_field.is_some());
    if let Some(body) = &op.body {
        let ty = imports.ty(body);
        args.push(quote!(params: #ty));
        if keyed_body {
            chain.push(quote!(.json_keyed(params)));
        } else {
            chain.push(quote!(.json(&params)));
        }
    }
    let response = match &op.response.ty {
        Some(ty) => imports.ty(ty),
        None => quote!(()),
    };
    if let Some(header) = op.idempotency.as_ref().and_then(|i| i.header.as_ref()) {
        chain.push(quote!(.idempotency_header(#header)));
    }
    let ret = if op.pagination.is_some() {
        runtime.insert("PageRequest");
        quote!(PageRequest<#response>)
    } else if op.idempotency.is_some() {
        runtime.insert("Request");
        runtime.insert("Idempotent");
        quote!(Request<#response, Idempotent>)
    } else {
        runtime.insert("Request");
        quote!(Request<#response>)
    };
    quote! {
        #doc
        #deprecated
        pub fn #name(&self, #(#args),*) -> #ret {
            Call::new(self.client, Method::#method, #template)
                #(#chain)*
                .into()
        }
    }
}

/// The builder call that puts one query or header parameter on the request.
fn param_call(p: &Param, var: &TokenStream) -> TokenStream {
    let id = ident(&p.ident);
    let wire = &p.wire_name;
    let list = matches!(p.ty, TypeRef::List(_));
    let (one, opt, each) = match p.location {
        ParamLocation::Header => (quote!(header), quote!(header_opt), quote!(header_each)),
        _ => (quote!(query), quote!(query_opt), quote!(query_each)),
    };
    match (list, p.required) {
        (false, true) => quote!(.#one(#wire, #var.#id)),
        (false, false) => quote!(.#opt(#wire, #var.#id)),
        (true, true) => quote!(.#each(#wire, #var.#id)),
        (true, false) => quote!(.#each(#wire, #var.#id.into_iter().flatten())),
    }
}
