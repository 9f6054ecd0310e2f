//! Named types → `types/` modules: one file per module, in order of first appearance, and
//! `types/mod.rs` re-exporting every type. Each shape is printed by its own module.

mod builders;
mod enums;
mod events;
mod idempotency;
mod ids;
mod multipart;
mod pagination;
mod structs;
mod unions;

use indexmap::IndexMap;
use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::features::Features;
use super::file::render;
use super::parallel;
use super::typeref::{ident, Imports};
use super::GeneratedFile;
use crate::error::Result;
use crate::ir::{Api, TypeDef, TypeKind};
pub use structs::deprecated;

/// Emits `types/mod.rs` and one file per module.
pub fn emit(api: &Api, header: &str, features: &Features) -> Result<Vec<GeneratedFile>> {
    let mut modules: IndexMap<&str, Vec<&TypeDef>> = IndexMap::new();
    for def in &api.types {
        modules.entry(&def.module).or_default().push(def);
    }
    let modules: Vec<(&str, Vec<&TypeDef>)> = modules.into_iter().collect();
    let mut files = parallel::map(&modules, |(module, defs)| {
        module_file(api, module, defs, header)
    })
    .into_iter()
    .collect::<Result<Vec<_>>>()?;
    let decls = modules.iter().map(|(module, defs)| {
        let m = ident(module);
        let names = defs.iter().map(|d| ident(&d.name));
        let cfg = features.module(module);
        quote! { #cfg mod #m; #cfg pub use self::#m::{#(#names),*}; }
    });
    let doc = docs::inner(&format!("Request and response types of {}.", api.title));
    let mod_rs = render("types/mod.rs", header, quote! { #doc #(#decls)* })?;
    files.insert(0, mod_rs);
    Ok(files)
}

/// The file of one module: its types, with their impls, under the imports they need.
fn module_file(api: &Api, module: &str, defs: &[&TypeDef], header: &str) -> Result<GeneratedFile> {
    let mut imports = Imports::new(api);
    let mut body = TokenStream::new();
    for def in defs {
        body.extend(type_def(def, &mut imports));
        if let Some(p) = &def.pagination {
            body.extend(pagination::paginated(def, p, &mut imports));
        }
        if let Some(path) = &def.idempotency_key {
            body.extend(idempotency::key_slot(def, path, &mut imports));
        }
        if def.usage.multipart {
            body.extend(multipart::parts(def, &mut imports));
        }
    }
    let uses = imports.items(quote!(super), Some(module));
    render(
        &format!("types/{module}.rs"),
        header,
        quote! { #uses #body },
    )
}

fn type_def(def: &TypeDef, imports: &mut Imports<'_>) -> TokenStream {
    match &def.kind {
        TypeKind::Struct {
            fields,
            additional,
            builder,
        } => structs::json_struct(def, fields, additional.as_ref(), builder.as_ref(), imports),
        TypeKind::QueryParams { fields, builder } => {
            structs::params_struct(def, fields, Some(builder), imports)
        }
        TypeKind::StringEnum { values } => enums::string_enum(def, values, imports),
        TypeKind::TaggedUnion {
            tag,
            tag_doc,
            variants,
        } => unions::tagged(def, tag, tag_doc, variants, imports),
        TypeKind::UntaggedUnion { variants } => unions::untagged(def, variants, imports),
        TypeKind::EventUnion {
            tag,
            payload,
            tag_doc,
            variants,
        } => events::event_union(def, tag, payload, tag_doc, variants, imports),
        TypeKind::Id { uuid } => ids::id(def, *uuid, imports),
        TypeKind::Alias { target } => {
            let doc = docs::outer(&def.doc);
            let name = ident(&def.name);
            let target = imports.ty(target);
            quote! { #doc pub type #name = #target; }
        }
    }
}
