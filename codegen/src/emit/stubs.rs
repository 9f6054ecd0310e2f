//! The resource tree → `stubs.rs`: typed stubs of every operation for the runtime's
//! in-process test transport (`testing::MockApi`, behind the `test-util` feature), shaped
//! like the client, so a test names an operation the way the code under test calls it:
//! `mock.on().chats().messages().send()` stubs `client.chats().messages().send(…)`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::features::Features;
use super::typeref::{ident, Imports};
use crate::ir::{Api, Import, Resource};

/// The tokens of `stubs.rs`: the root `Stubs`, and a struct per resource with a method per
/// operation returning a `Stub` of its response type.
pub fn emit(api: &Api, features: &Features) -> TokenStream {
    // Under per-resource features each resource's stubs are compiled with its feature, so
    // they name their types by path: an import would go unused when their feature is off.
    let mut imports = match features.names().is_empty() {
        true => Imports::new(api),
        false => Imports::qualified(api, quote!(crate::types)),
    };
    let mock = imports.add(Import::MockApi);
    let mut body = TokenStream::new();
    for (i, top) in api.resources.iter().enumerate() {
        let cfg = features.resource(i);
        let mut stack = vec![top];
        while let Some(resource) = stack.pop() {
            body.extend(resource_stubs(api, resource, &cfg, &mut imports));
            stack.extend(resource.children.iter().rev());
        }
    }
    let accessors = api.resources.iter().enumerate().map(|(i, r)| {
        let cfg = features.resource(i);
        let accessor = accessor(r, quote!(self.mock));
        quote!(#cfg #accessor)
    });
    let doc = docs::inner(&format!(
        "Typed stubs of every operation of {}, for `MockApi` (the `test-util` feature): \
         `mock.on()` mirrors the client, so a stub names an operation the way it is called.",
        api.title
    ));
    let uses = imports.items(quote!(crate::types), None);
    // A spec without operations has nothing to stub, nor a build with none of the resource
    // features on: the field is never read.
    let unused = if api.resources.is_empty() || !features.names().is_empty() {
        quote!(#[allow(dead_code)])
    } else {
        quote!()
    };
    quote! {
        #doc
        #uses

        /// The stubs of every resource: what [`MockApi::on`] returns.
        #[derive(Debug, Clone, Copy)]
        pub struct Stubs<'a> {
            #unused
            pub(crate) mock: &'a #mock,
        }

        impl<'a> Stubs<'a> {
            #(#accessors)*
        }

        #body
    }
}

/// The stubs struct of a resource's operations: `Chats` → `ChatsStubs`.
fn stubs_name(resource: &Resource) -> proc_macro2::Ident {
    ident(&format!("{}Stubs", resource.type_name))
}

fn accessor(resource: &Resource, mock: TokenStream) -> TokenStream {
    let name = ident(&resource.name);
    let ty = stubs_name(resource);
    let doc = docs::outer(&format!(
        "The stubs of `{}()`. {}",
        resource.name, resource.summary
    ));
    quote! {
        #doc
        pub fn #name(&self) -> #ty<'a> {
            #ty { mock: #mock }
        }
    }
}

/// The stubs struct of `resource` and its methods, each item under `cfg`.
fn resource_stubs(
    api: &Api,
    resource: &Resource,
    cfg: &TokenStream,
    imports: &mut Imports<'_>,
) -> TokenStream {
    let mock = imports.add(Import::MockApi);
    let stub = imports.path_or_add(Import::Stub);
    let ty = stubs_name(resource);
    let doc = docs::outer(&format!(
        "Stubs of the operations of [`{0}`](crate::resources::{0}).",
        resource.type_name
    ));
    let children = resource
        .children
        .iter()
        .map(|c| accessor(c, quote!(self.mock)));
    let operations = resource.operations.iter().map(|&i| {
        let op = &api.operations[i];
        let name = ident(&op.method_name);
        let id = &op.id;
        let response = match &op.response.ty {
            Some(ty) => imports.ty(ty),
            None => quote!(()),
        };
        let doc = docs::outer(&format!(
            "Stubs `{}(…)`: `{} {}`.",
            op.method_name,
            op.method.as_str(),
            op.path
        ));
        quote! {
            #doc
            pub fn #name(&self) -> #stub<'a, #response> {
                self.mock.stub(#id)
            }
        }
    });
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            mock: &'a #mock,
        }

        #cfg
        impl<'a> #ty<'a> {
            #(#children)*
            #(#operations)*
        }
    }
}
