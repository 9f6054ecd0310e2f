//! Operations → IR operations. `names` names the operation, `params` its parameters, `path`
//! its template, `bodies` its request and response bodies; `checks` ties the SDK extensions
//! to the types they name.

mod bodies;
mod names;
mod params;
mod path;

use openapiv3::{Parameter, PathItem, ReferenceOr};

use super::checks;
use super::docs;
use super::extensions::OperationExtensions;
use super::types::TypeBuilder;
use crate::error::{Error, Result};
use crate::ir::{HttpMethod, Operation};
use crate::load::{Pointer, Spec};

/// An operation and its first tag (which documents its resource).
pub struct Lowered {
    /// The operation.
    pub op: Operation,
    /// The operation's first tag.
    pub tag: Option<String>,
    /// Whether `x-sdk-method` chose its method name (never renamed, then).
    method_by_extension: bool,
    /// Where the operation is.
    pointer: Pointer,
}

/// Lowers every operation of the spec, in spec order.
pub fn lower_operations(spec: &Spec, types: &mut TypeBuilder<'_>) -> Result<Vec<Lowered>> {
    let mut out = Vec::new();
    for (path, item) in &spec.doc.paths.paths {
        let item_pointer = Pointer::root().join("paths").join(path);
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { .. } => {
                return Err(Error::unsupported(
                    item_pointer.as_str(),
                    "a `$ref` path item",
                ));
            }
        };
        for method in spec.method_order(path) {
            let Some(operation) = operation_of(item, method) else {
                continue;
            };
            let shared: Vec<_> = item
                .parameters
                .iter()
                .enumerate()
                .map(|(i, p)| (p, item_pointer.join("parameters").join(i)))
                .collect();
            let pointer = item_pointer.join(method.key());
            out.push(lower_one(types, path, method, operation, shared, pointer)?);
        }
    }
    number_repeated_methods(&mut out, types);
    Ok(out)
}

/// Two operations named alike by their `operationId`s (or paths) in one resource: the later
/// ones are numbered (`list`, `list_2`), in spec order, with a warning. Names chosen with
/// `x-sdk-method` are the maintainer's and are never renamed: two of them alike stay an
/// error.
fn number_repeated_methods(out: &mut [Lowered], types: &mut TypeBuilder<'_>) {
    let mut taken: Vec<(Vec<String>, String)> = out
        .iter()
        .filter(|l| l.method_by_extension)
        .map(|l| (l.op.resource.clone(), l.op.method_name.clone()))
        .collect();
    for lowered in out.iter_mut() {
        if lowered.method_by_extension {
            continue;
        }
        let op = &mut lowered.op;
        let base = op.method_name.clone();
        let is_taken = |name: &str, taken: &[(Vec<String>, String)]| {
            taken.iter().any(|(r, m)| *r == op.resource && m == name)
        };
        let mut name = base.clone();
        let mut n = 2;
        while is_taken(&name, &taken) {
            name = format!("{base}_{n}");
            n += 1;
        }
        if name != base {
            types.warnings.push(
                &lowered.pointer,
                format!(
                    "another operation of `{}` is named `{base}` too: this one is `{name}`",
                    op.resource.join(".")
                ),
            );
            op.id = format!("{}.{name}", op.resource.join("."));
            op.method_name = name.clone();
        }
        taken.push((op.resource.clone(), name));
    }
}

fn operation_of(item: &PathItem, method: HttpMethod) -> Option<&openapiv3::Operation> {
    match method {
        HttpMethod::Get => item.get.as_ref(),
        HttpMethod::Put => item.put.as_ref(),
        HttpMethod::Post => item.post.as_ref(),
        HttpMethod::Delete => item.delete.as_ref(),
        HttpMethod::Options => item.options.as_ref(),
        HttpMethod::Head => item.head.as_ref(),
        HttpMethod::Patch => item.patch.as_ref(),
        HttpMethod::Trace => item.trace.as_ref(),
    }
}

fn lower_one(
    types: &mut TypeBuilder<'_>,
    path: &str,
    method: HttpMethod,
    operation: &openapiv3::Operation,
    shared_params: Vec<(&ReferenceOr<Parameter>, Pointer)>,
    pointer: Pointer,
) -> Result<Lowered> {
    let ext = OperationExtensions::parse(&operation.extensions, &pointer)?;
    let names = names::OperationNames::new(&ext, operation, method, path);
    let params = params::lower(types, &names, &ext, operation, shared_params, &pointer)?;
    let path_params = path::params(path, params.path, method, &pointer, &mut types.warnings)?;
    let body = bodies::request(types, operation, &names, !params.query.is_empty(), &pointer)?;
    if let Some(idempotency) = &ext.idempotency {
        checks::idempotency(types, idempotency, body.as_ref().map(|b| &b.ty), &pointer)?;
    }
    let params = params::params_struct(
        types,
        &names,
        params.query,
        body.is_some(),
        (method, path),
        &pointer,
    )?;
    let response = bodies::response(types, operation, &names, &pointer)?;
    if let Some(pagination) = &ext.pagination {
        checks::pagination(types, pagination, params.as_ref(), &response, &pointer)?;
    }
    let doc = docs::join(
        [
            operation.summary.clone(),
            operation.description.clone(),
            Some(format!("`{} {}`", method.as_str(), path)),
        ]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_owned())
        .collect(),
    )
    .unwrap_or_default();
    let op = Operation {
        id: names.id(),
        method,
        path: path.to_owned(),
        resource: names.resource,
        method_name: names.method_name,
        aliases: names.aliases,
        doc,
        deprecated: operation.deprecated,
        path_params,
        params,
        body,
        response,
        paginated: ext.pagination.is_some(),
        idempotency: ext.idempotency,
    };
    Ok(Lowered {
        op,
        tag: operation.tags.first().cloned(),
        method_by_extension: ext.method.is_some(),
        pointer,
    })
}
