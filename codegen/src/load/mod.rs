//! Stage 1: text → a parsed OpenAPI 3.0 document, with errors that say where.

mod pointer;
mod refs;

pub use pointer::Pointer;
pub use refs::Resolver;

use openapiv3::OpenAPI;
use serde_yaml::Value;

use crate::error::{Error, Result};
use crate::ir::HttpMethod;

/// A parsed spec: the typed document plus the raw tree, which keeps what the typed one
/// drops (the order methods are declared in within a path item).
#[derive(Debug, Clone)]
pub struct Spec {
    /// The typed OpenAPI document.
    pub doc: OpenAPI,
    raw: Value,
}

impl Spec {
    /// Parses YAML (or JSON) text into a spec, checking it is OpenAPI 3.0.x.
    pub fn parse(text: &str) -> Result<Spec> {
        let raw: Value = serde_yaml::from_str(text).map_err(yaml_error)?;
        let version = match raw.get("openapi") {
            Some(Value::String(v)) => format!("`openapi: {v}`"),
            Some(other) => format!("`openapi` is {}", describe(other)),
            None if raw.get("swagger").is_some() => "a Swagger 2.0 document".to_owned(),
            None if raw.is_mapping() => "no `openapi` field".to_owned(),
            None => format!("the document is {}", describe(&raw)),
        };
        if !raw
            .get("openapi")
            .and_then(Value::as_str)
            .is_some_and(is_openapi_30)
        {
            return Err(Error::NotOpenApi30 { found: version });
        }
        // The tree is already parsed; only a document that does not fit is parsed again from
        // the text, for an error with its line and column.
        let doc: OpenAPI = match serde_yaml::from_value(raw.clone()) {
            Ok(doc) => doc,
            Err(_) => serde_yaml::from_str(text).map_err(yaml_error)?,
        };
        Ok(Spec { doc, raw })
    }

    /// The HTTP methods of a path item in the order the spec declares them.
    pub fn method_order(&self, path: &str) -> Vec<HttpMethod> {
        let item = self
            .raw
            .get("paths")
            .and_then(|p| p.get(path))
            .and_then(Value::as_mapping);
        item.into_iter()
            .flat_map(|m| m.keys())
            .filter_map(Value::as_str)
            .filter_map(HttpMethod::from_key)
            .collect()
    }
}

fn is_openapi_30(version: &str) -> bool {
    version
        .strip_prefix("3.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

fn yaml_error(err: serde_yaml::Error) -> Error {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    Error::Yaml {
        line,
        column,
        message: err.to_string(),
    }
}

impl Spec {
    /// The raw YAML node at a JSON pointer, to read what the typed document drops (such as a
    /// `description` written beside a `$ref`).
    pub fn raw_at(&self, pointer: &Pointer) -> Option<&Value> {
        let path = pointer.as_str().strip_prefix('#')?;
        let mut node = &self.raw;
        for token in path.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            node = match node {
                Value::Mapping(map) => map.get(token.as_str())?,
                Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}
