//! A path template → literal and parameter segments, with path parameters in template order.

use crate::error::{Error, Result};
use crate::ir::{HttpMethod, PathParam, PathSegment};
use crate::load::Pointer;

/// Splits `path` into segments, checking that every template parameter is declared and every
/// declared path parameter is used; the parameters come back in template order, which is
/// the order of the method's arguments.
pub fn segments(
    path: &str,
    params: Vec<PathParam>,
    method: HttpMethod,
    pointer: &Pointer,
) -> Result<(Vec<PathSegment>, Vec<PathParam>)> {
    let mut segments = Vec::new();
    let mut rest = path;
    let mut params: Vec<Option<PathParam>> = params.into_iter().map(Some).collect();
    let mut ordered: Vec<PathParam> = Vec::new();
    while let Some(open) = rest.find('{') {
        if open > 0 {
            segments.push(PathSegment::Literal(rest[..open].to_owned()));
        }
        let close = rest[open..].find('}').map(|c| c + open).ok_or_else(|| {
            Error::unsupported(pointer.as_str(), format!("unclosed `{{` in path `{path}`"))
        })?;
        let name = &rest[open + 1..close];
        let declared = params
            .iter()
            .position(|p| p.as_ref().is_some_and(|p| p.wire_name == name));
        let used = ordered.iter().position(|p| p.wire_name == name);
        let index = match (declared, used) {
            (Some(i), _) => {
                ordered.extend(params[i].take());
                ordered.len() - 1
            }
            (None, Some(i)) => i,
            (None, None) => {
                return Err(Error::UndeclaredPathParam {
                    name: name.to_owned(),
                    method: method.as_str().to_owned(),
                    path: path.to_owned(),
                    pointer: pointer.to_string(),
                })
            }
        };
        segments.push(PathSegment::Param(index));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_owned()));
    }
    if let Some(unused) = params.into_iter().flatten().next() {
        return Err(Error::unsupported(
            pointer.as_str(),
            format!(
                "path parameter `{}` does not appear in the template `{path}`",
                unused.wire_name
            ),
        ));
    }
    Ok((segments, ordered))
}
