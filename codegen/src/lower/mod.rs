//! Stage 2: a parsed spec → the IR. All naming happens here.
//!
//! Two kinds of work, in order: turning the spec into IR ([`types`], [`operations`],
//! [`resources`], with the extension checks of [`checks`]), then whole-API passes over the IR
//! ([`graph`], then [`builders`], which need to know where each type is used).

mod builders;
mod checks;
mod docs;
mod errors;
mod extensions;
mod graph;
mod naming;
mod operations;
mod resources;
mod types;

use crate::error::Result;
use crate::ir::Api;
use crate::load::Spec;

/// Lowers a parsed spec into the IR.
pub fn lower(spec: &Spec) -> Result<Api> {
    let mut types = types::TypeBuilder::new(spec)?;
    types.lower_components()?;
    let lowered = operations::lower_operations(spec, &mut types)?;
    let (operations, tags): (Vec<_>, Vec<_>) = lowered.into_iter().map(|l| (l.op, l.tag)).unzip();
    let tag_docs: Vec<(String, String)> = spec
        .doc
        .tags
        .iter()
        .filter_map(|t| Some((t.name.clone(), t.description.clone()?)))
        .collect();
    let resources = resources::tree(&operations, &tags, &tag_docs, &mut types.names)?;
    let info = &spec.doc.info;
    let mut api = Api {
        title: info.title.clone(),
        version: info.version.clone(),
        base_url: spec
            .doc
            .servers
            .first()
            .map(|server| server.url.trim_end_matches('/').to_owned())
            .filter(|url| {
                (url.starts_with("http://") || url.starts_with("https://")) && !url.contains('{')
            }),
        types: types.types,
        operations,
        resources,
        error_envelope: errors::envelope(spec)?,
        warnings: Vec::new(),
    };
    graph::move_tags_to_unions(&mut api);
    let renumbered = graph::drop_unreferenced_inline_types(&mut api);
    let from_fields: Vec<_> = types
        .from_fields
        .iter()
        .filter_map(|(id, wire)| Some((renumbered[id.index()]?, wire.clone())))
        .collect();
    let from_fields = checks::from_fields(&api.types, &from_fields)?;
    graph::mark_usage(&mut api);
    graph::box_cycles(&mut api.types);
    builders::finish(&mut api, &from_fields);
    let mut warnings = spec.warnings().clone();
    warnings.extend(types.warnings);
    api.warnings = warnings.into_vec();
    Ok(api)
}
