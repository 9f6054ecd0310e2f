//! A path template's parameters, checked against the declared ones, in template order.

use super::super::naming::{snake_ident, Unique};
use super::params::STRUCT_ARGS;
use crate::error::{Error, Result};
use crate::ir::{HttpMethod, PathArg, PathParam};
use crate::load::Pointer;
use crate::warning::Warnings;

/// The path parameters of `path`, checking that every template parameter is declared, in
/// template order (the order of the method's arguments).
///
/// Real specs sometimes name a path parameter differently in the template and in its
/// declaration (`/certs/{certificate_id}` declaring `cert_id`): when as many declared
/// parameters are missing from the template as template names are undeclared, they are
/// matched in order, with a warning. A declared parameter the template never uses is left
/// out, with a warning. A template name with nothing left to match is taken as a required
/// string parameter, with a warning: the operation stays callable.
pub fn params(
    path: &str,
    mut params: Vec<PathParam>,
    method: HttpMethod,
    pointer: &Pointer,
    warnings: &mut Warnings,
) -> Result<Vec<PathParam>> {
    match_renamed(path, &mut params, pointer, warnings);
    let mut rest = path;
    let mut params: Vec<Option<PathParam>> = params.into_iter().map(Some).collect();
    let mut ordered: Vec<PathParam> = Vec::new();
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| c + open).ok_or_else(|| {
            Error::unsupported(pointer.as_str(), format!("unclosed `{{` in path `{path}`"))
        })?;
        let name = &rest[open + 1..close];
        let declared = params
            .iter()
            .position(|p| p.as_ref().is_some_and(|p| p.wire_name == name));
        let used = ordered.iter().position(|p| p.wire_name == name);
        match (declared, used) {
            (Some(i), _) => ordered.extend(params[i].take()),
            (None, Some(_)) => {}
            (None, None) => {
                warnings.push(
                    pointer,
                    format!(
                        "`{}`: the path parameter `{{{name}}}` of `{path}` is not declared: taken as a required string",
                        method.as_str()
                    ),
                );
                let mut idents = Unique::snake(&STRUCT_ARGS);
                for known in ordered.iter().chain(params.iter().flatten()) {
                    idents.claim(known.ident.clone());
                }
                ordered.push(PathParam {
                    ident: idents.claim(snake_ident(name)),
                    wire_name: name.to_owned(),
                    arg: PathArg::Display,
                });
            }
        }
        rest = &rest[close + 1..];
    }
    for unused in params.into_iter().flatten() {
        warnings.push(
            pointer,
            format!(
                "path parameter `{}` does not appear in the template `{path}`: left out",
                unused.wire_name
            ),
        );
    }
    Ok(ordered)
}

/// The names in the template, in order.
fn template_names(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Renames declared parameters missing from the template to the template's undeclared
/// names, in order, when there are as many of each.
fn match_renamed(path: &str, params: &mut [PathParam], pointer: &Pointer, warnings: &mut Warnings) {
    let names = template_names(path);
    let undeclared: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| !params.iter().any(|p| p.wire_name == *n))
        .collect();
    let unused: Vec<usize> = (0..params.len())
        .filter(|&i| !names.contains(&params[i].wire_name.as_str()))
        .collect();
    if undeclared.is_empty() || undeclared.len() != unused.len() {
        return;
    }
    for (name, i) in undeclared.into_iter().zip(unused) {
        warnings.push(
            pointer,
            format!(
                "path parameter `{}` is declared, but the template `{path}` names `{{{name}}}`: taken as the same parameter",
                params[i].wire_name
            ),
        );
        params[i].wire_name = name.to_owned();
    }
}
