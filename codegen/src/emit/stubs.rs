//! The resource tree → `stubs.rs`: typed stubs of every operation for the runtime's
//! in-process test transport (`testing::MockApi`, behind the `test-util` feature), shaped
//! like the client, so a test names an operation the way the code under test calls it:
//! `mock.on().chats().messages().send()` stubs `client.chats().messages().send(…)`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::typeref::{ident, Imports};
use crate::ir::{Api, Import, Resource};

/// The tokens of `stubs.rs`: the root `Stubs`, and a struct per resource with a method per
/// operation returning a `Stub` of its response type.
pub fn emit(api: &Api) -> TokenStream {
    let mut imports = Imports::new(api);
    let mock = imports.add(Import::MockApi);
    let mut body = TokenStream::new();
    let mut stack: Vec<&Resource> = api.resources.iter().rev().collect();
    while let Some(resource) = stack.pop() {
        body.extend(resource_stubs(api, resource, &mut imports));
        stack.extend(resource.children.iter().rev());
    }
    let accessors = api.resources.iter().map(|r| accessor(r, quote!(self.mock)));
    let doc = docs::inner(&format!(
        "Typed stubs of every operation of {}, for `MockApi` (the `test-util` feature): \
         `mock.on()` mirrors the client, so a stub names an operation the way it is called.",
        api.title
    ));
    let uses = imports.items(quote!(crate::types), None);
    // A spec without operations has nothing to stub: the field is never read.
    let unused = if api.resources.is_empty() {
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

fn resource_stubs(api: &Api, resource: &Resource, imports: &mut Imports<'_>) -> TokenStream {
    let mock = imports.add(Import::MockApi);
    let stub = imports.add(Import::Stub);
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
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            mock: &'a #mock,
        }

        impl<'a> #ty<'a> {
            #(#children)*
            #(#operations)*
        }
    }
}
