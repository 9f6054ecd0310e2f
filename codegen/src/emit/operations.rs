//! The operation list → `operations.rs`: the `OPERATIONS` table and the
//! `for_each_response_type!` macro, made from the same IR operations as `resources.rs`, so
//! tests and tools that must cover every operation cannot miss one.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::features::Features;
use super::typeref::{ident, Imports};
use crate::ir::{Api, Import, Operation, Primitive, TypeRef};

/// The tokens of `operations.rs`, and the `for_each_response_type!` macro as text to append
/// (prettyplease keeps a macro body on as few lines as it can; this writes one call a line).
pub fn emit(api: &Api, features: &Features) -> (TokenStream, String) {
    let mut imports = Imports::new(api);
    let info = imports.add(Import::OperationInfo);
    let rows = api.operations.iter().map(|op| row(api, op, &info));
    let calls: String = api
        .operations
        .iter()
        .enumerate()
        .filter_map(|(i, op)| {
            let ty = qualified(api, op.response.ty.as_ref()?);
            let cfg = match features.operation(i) {
                Some(feature) => format!("        #[cfg(feature = {feature:?})]\n"),
                None => String::new(),
            };
            Some(format!("{cfg}        $m!({:?}, {ty});\n", op.id))
        })
        .collect();
    let arm = if calls.is_empty() {
        "    ($m:ident) => {};\n".to_owned()
    } else {
        format!("    ($m:ident) => {{\n{calls}    }};\n")
    };
    let for_each = format!(
        "\n/// Calls `$m!(id, Type)` once per operation whose success response has a body, with\n\
         /// the operation's id (as in [`OPERATIONS`]) and its response type.\n\
         #[doc(hidden)]\n\
         #[macro_export]\n\
         macro_rules! for_each_response_type {{\n{arm}}}\n"
    );
    let doc = docs::inner(&format!(
        "Every operation of {}, in one table (the same list the resources are made from).",
        api.title
    ));
    let uses = imports.items(quote!(super::types), None);
    let tokens = quote! {
        #doc
        #uses

        /// Every operation of the API, in spec order.
        pub const OPERATIONS: &[#info] = &[ #(#rows),* ];
    };
    (tokens, for_each)
}

fn row(api: &Api, op: &Operation, info: &proc_macro2::Ident) -> TokenStream {
    let id = &op.id;
    let resource = &op.resource;
    let method = &op.method_name;
    let http_method = op.method.as_str();
    let path = &op.path;
    let status = Literal::u16_unsuffixed(op.response.status);
    let request = option(op.body.as_ref().map(|b| text(api, &b.ty)));
    let query = option(op.params.as_ref().map(|p| api.ty(p.ty).name.clone()));
    let response = option(op.response.ty.as_ref().map(|ty| text(api, ty)));
    let paginated = op.paginated;
    let idempotent = op.idempotency.is_some();
    let deprecated = op.deprecated;
    let example = match &op.response.example {
        Some(json) => {
            let json = raw_string(json);
            quote!(Some(#json))
        }
        None => quote!(None),
    };
    quote! {
        #info {
            id: #id,
            resource: &[#(#resource),*],
            method: #method,
            http_method: #http_method,
            path: #path,
            success_status: #status,
            request: #request,
            query: #query,
            response: #response,
            paginated: #paginated,
            idempotent: #idempotent,
            deprecated: #deprecated,
            example: #example,
        }
    }
}

/// `text` as a raw string literal (`r#"…"#`, with as many `#` as it needs), so that JSON
/// reads as itself, line by line.
pub(super) fn raw_string(text: &str) -> TokenStream {
    let mut hashes = "#".to_owned();
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let literal = format!("r{hashes}\"{text}\"{hashes}")
        .parse::<Literal>()
        .unwrap_or_else(|_| Literal::string(text));
    quote!(#literal)
}

fn option(text: Option<String>) -> TokenStream {
    match text {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}

/// A type as it is written in the generated code, e.g. `Vec<Chat>`.
fn text(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.ty(*id).name.clone(),
        TypeRef::List(inner) => format!("Vec<{}>", text(api, inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", text(api, inner)),
        TypeRef::Primitive(p) => primitive_path(*p)
            .rsplit("::")
            .next()
            .unwrap_or("")
            .to_owned(),
    }
}

/// A type by its full path, usable in any crate that expands the macro.
fn qualified(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => format!("$crate::types::{}", ident(&api.ty(*id).name)),
        TypeRef::List(inner) => format!("::std::vec::Vec<{}>", qualified(api, inner)),
        TypeRef::Map(inner) => format!(
            "::std::collections::BTreeMap<::std::string::String, {}>",
            qualified(api, inner)
        ),
        TypeRef::Primitive(p) => primitive_path(*p).to_owned(),
    }
}

/// The full path of a primitive's Rust type.
fn primitive_path(p: Primitive) -> &'static str {
    match p {
        Primitive::String => "::std::string::String",
        Primitive::Timestamp => "::jiff::Timestamp",
        Primitive::Date => "::jiff::civil::Date",
        Primitive::Uuid => "::uuid::Uuid",
        Primitive::I32 => "i32",
        Primitive::I64 => "i64",
        Primitive::F32 => "f32",
        Primitive::F64 => "f64",
        Primitive::Bool => "bool",
        Primitive::Json => "::serde_json::Value",
        Primitive::Bytes => "::bytes::Bytes",
        Primitive::File => "$crate::FilePart",
    }
}
