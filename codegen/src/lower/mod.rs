//! Stage 2: a parsed spec → the IR. All naming happens here.

mod docs;
mod extensions;
mod graph;
mod naming;
mod operations;
mod resources;
mod schemas;

use crate::error::{Error, Result};
use crate::ir::{Api, Pagination, TypeKind, TypeRef};
use crate::load::Spec;
use extensions::PaginationExt;

/// Lowers a parsed spec into the IR.
pub fn lower(spec: &Spec) -> Result<Api> {
    let mut types = schemas::TypeBuilder::new(spec)?;
    types.lower_components()?;
    let lowered = operations::lower_operations(spec, &mut types)?;
    let types = types.types;
    let mut operations = Vec::new();
    for l in lowered {
        let mut op = l.op;
        if let Some(ext) = &l.pagination {
            op.pagination =
                Some(
                    pagination(&types, &op, ext).map_err(|message| Error::Extension {
                        extension: "x-sdk-pagination".into(),
                        pointer: l.pointer.to_string(),
                        message,
                    })?,
                );
        }
        operations.push(op);
    }
    let tag_docs: Vec<(String, String)> = spec
        .doc
        .tags
        .iter()
        .filter_map(|t| Some((t.name.clone(), t.description.clone()?)))
        .collect();
    let resources = resources::tree(&operations, &types, &tag_docs)?;
    let info = &spec.doc.info;
    let mut api = Api {
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        types,
        operations,
        resources,
    };
    graph::finish(&mut api);
    check_from_fields(&mut api.types)?;
    Ok(api)
}

/// Resolves `x-sdk-from` to a field identifier, once tags have moved to their unions: the
/// named property must be required, and every other field optional.
fn check_from_fields(types: &mut [crate::ir::TypeDef]) -> Result<()> {
    for def in types.iter_mut() {
        let Some(wire) = def.from_field.take() else {
            continue;
        };
        let err = |message: String| Error::Extension {
            extension: "x-sdk-from".into(),
            pointer: def.pointer.clone(),
            message,
        };
        let TypeKind::Struct { fields, .. } = &def.kind else {
            return Err(err("only objects can be built from one field".into()));
        };
        let field = fields
            .iter()
            .find(|f| f.wire_name == wire)
            .ok_or_else(|| err(format!("there is no property `{wire}`")))?;
        if !field.required || field.nullable {
            return Err(err(format!("`{wire}` must be required and not nullable")));
        }
        if let Some(other) = fields.iter().find(|f| f.required && f.wire_name != wire) {
            return Err(err(format!(
                "`{}` is required too, so the object cannot be built from `{wire}` alone",
                other.wire_name
            )));
        }
        def.from_field = Some(field.ident.clone());
    }
    Ok(())
}

/// Checks `x-sdk-pagination` against the operation and its response type.
fn pagination(
    types: &[crate::ir::TypeDef],
    op: &crate::ir::Operation,
    ext: &PaginationExt,
) -> Result<Pagination, String> {
    if !op.params.iter().any(|p| p.wire_name == ext.cursor_param) {
        return Err(format!(
            "`cursor_param: {}` is not a query parameter of the operation",
            ext.cursor_param
        ));
    }
    let response = op
        .response
        .ty
        .as_ref()
        .and_then(TypeRef::named)
        .ok_or("the operation has no JSON response")?;
    let fields = types
        .iter()
        .find(|t| t.name == response)
        .and_then(|t| match &t.kind {
            TypeKind::Struct { fields, .. } => Some(fields),
            _ => None,
        })
        .ok_or_else(|| format!("the response type `{response}` is not an object"))?;
    let field = |wire: &str| fields.iter().find(|f| f.wire_name == wire);
    let cursor = field(&ext.next_cursor_field)
        .filter(|f| f.ty == TypeRef::Primitive(crate::ir::Primitive::String))
        .ok_or_else(|| {
            format!(
                "`next_cursor_field: {}` is not a string field of `{response}`",
                ext.next_cursor_field
            )
        })?;
    let items = field(&ext.items_field)
        .and_then(|f| match &f.ty {
            TypeRef::List(item) => Some((f, (**item).clone())),
            _ => None,
        })
        .ok_or_else(|| {
            format!(
                "`items_field: {}` is not an array field of `{response}`",
                ext.items_field
            )
        })?;
    Ok(Pagination {
        cursor_param: ext.cursor_param.clone(),
        next_cursor_field: cursor.ident.clone(),
        items_field: items.0.ident.clone(),
        item: items.1,
    })
}
