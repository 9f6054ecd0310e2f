//! Which operation a request is for, from its method and path, and its path parameters.

use std::collections::BTreeMap;

use percent_encoding::percent_decode_str;
use reqwest::{Method, Url};

use super::MOCK_BASE_URL;
use crate::__private::OperationInfo;

/// An operation and the values of its path parameters, decoded.
pub(super) type Route = (&'static OperationInfo, BTreeMap<String, String>);

/// The operation of `operations` that `method` + `url` is a call of. `Ok(None)` for a request to another host
/// (an upload to a pre-signed URL); an error naming the request for a path of the mock's
/// host that no operation has.
pub(super) fn route(
    operations: &'static [OperationInfo],
    method: &Method,
    url: &Url,
) -> Result<Option<Route>, String> {
    let path: Vec<&str> = url.path().split('/').collect();
    let best = operations
        .iter()
        .filter(|op| op.http_method == method.as_str())
        .filter_map(|op| matches(op.path, &path).map(|(score, params)| (score, op, params)))
        .max_by_key(|(score, ..)| *score);
    if let Some((_, op, params)) = best {
        return Ok(Some((op, params)));
    }
    let mock_host = Url::parse(MOCK_BASE_URL).ok();
    let mock_host = mock_host.as_ref().and_then(Url::host_str);
    if url.host_str() != mock_host {
        return Ok(None);
    }
    Err(format!(
        "`{method} {}` is no operation of the API (stub an operation with `mock.on()`, \
         or call one the spec has)",
        url.path()
    ))
}

/// Whether `path` fits `template`: the number of literal segments that matched (to prefer
/// `/v3/chats/read` over `/v3/chats/{chatId}`), and the parameters.
fn matches(template: &str, path: &[&str]) -> Option<(usize, BTreeMap<String, String>)> {
    let parts: Vec<&str> = template.split('/').collect();
    if parts.len() != path.len() {
        return None;
    }
    let mut literal = 0;
    let mut params = BTreeMap::new();
    for (part, segment) in parts.iter().zip(path) {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) if !segment.is_empty() => {
                let value = percent_decode_str(segment).decode_utf8_lossy();
                params.insert(name.to_owned(), value.into_owned());
            }
            Some(_) => return None,
            None if part == segment => literal += 1,
            None => return None,
        }
    }
    Some((literal, params))
}

#[cfg(test)]
mod tests;
