//! Parsing of the `x-sdk-*` extensions that carry SDK facts (see `spec/README.md`): the
//! operation extensions, and the schema extensions `x-sdk-name`, `x-sdk-from` and
//! `x-sdk-id`. What they name is checked against the types in `checks.rs`.

use indexmap::IndexMap;
use openapiv3::Schema;
use serde_json::Value;

use super::naming::type_name;
use crate::error::{Error, Result};
use crate::ir::Idempotency;
use crate::load::Pointer;

/// The SDK facts declared on one operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationExtensions {
    /// `x-sdk-resource`, split on `.`.
    pub resource: Option<Vec<String>>,
    /// `x-sdk-method`.
    pub method: Option<String>,
    /// `x-sdk-pagination`.
    pub pagination: Option<PaginationExt>,
    /// `x-sdk-idempotency`.
    pub idempotency: Option<Idempotency>,
}

/// `x-sdk-pagination`, with wire names as written in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaginationExt {
    /// Response array field holding the items.
    pub items_field: String,
    /// How the next page is asked for.
    pub kind: PaginationKind,
}

/// The two ways of asking for the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaginationKind {
    /// `kind: cursor` (the default): the response's cursor goes back in a query parameter.
    Cursor {
        /// Query parameter carrying the cursor.
        cursor_param: String,
        /// Response field holding the next cursor.
        next_cursor_field: String,
    },
    /// `kind: offset`: the offset query parameter advances by the items received while the
    /// response says it has more.
    Offset {
        /// Query parameter carrying the offset.
        offset_param: String,
        /// Query parameter carrying the page size, if the spec names it (checked only).
        limit_param: Option<String>,
        /// Boolean response field saying whether more items follow.
        has_more_field: String,
    },
}

impl OperationExtensions {
    /// Reads the extensions of an operation at `pointer`.
    pub fn parse(extensions: &IndexMap<String, Value>, pointer: &Pointer) -> Result<Self> {
        let err = |extension: &str, message: String| Error::extension(extension, pointer, message);
        let mut out = OperationExtensions::default();
        if let Some(value) = extensions.get("x-sdk-resource") {
            let text = value.as_str().ok_or_else(|| {
                err(
                    "x-sdk-resource",
                    "must be a string like `chats.participants`".into(),
                )
            })?;
            let parts: Vec<String> = text.split('.').map(str::to_owned).collect();
            if let Some(bad) = parts.iter().find(|p| !is_snake_identifier(p)) {
                return Err(err(
                    "x-sdk-resource",
                    format!("`{bad}` in `{text}` is not a snake_case identifier"),
                ));
            }
            // Keywords become `self_`, `type_`… like every other identifier.
            out.resource = Some(
                parts
                    .iter()
                    .map(|p| super::naming::snake_ident(p))
                    .collect(),
            );
        }
        if let Some(value) = extensions.get("x-sdk-method") {
            let text = value
                .as_str()
                .ok_or_else(|| err("x-sdk-method", "must be a string".into()))?;
            if !is_snake_identifier(text) {
                return Err(err(
                    "x-sdk-method",
                    format!("`{text}` is not a snake_case identifier"),
                ));
            }
            out.method = Some(text.to_owned());
        }
        if let Some(value) = extensions.get("x-sdk-pagination") {
            let field = |key: &str| {
                value
                    .get(key)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .ok_or_else(|| err("x-sdk-pagination", format!("needs a string `{key}`")))
            };
            let kind = match value.get("kind").map(|k| k.as_str()) {
                None | Some(Some("cursor")) => PaginationKind::Cursor {
                    cursor_param: field("cursor_param")?,
                    next_cursor_field: field("next_cursor_field")?,
                },
                Some(Some("offset")) => PaginationKind::Offset {
                    offset_param: field("offset_param")?,
                    limit_param: value
                        .get("limit_param")
                        .map(|_| field("limit_param"))
                        .transpose()?,
                    has_more_field: field("has_more_field")?,
                },
                Some(_) => {
                    return Err(err(
                        "x-sdk-pagination",
                        "`kind` must be `cursor` (the default) or `offset`".into(),
                    ))
                }
            };
            out.pagination = Some(PaginationExt {
                items_field: field("items_field")?,
                kind,
            });
        }
        if let Some(value) = extensions.get("x-sdk-idempotency") {
            let header = value.get("header").and_then(Value::as_str);
            let body = value.get("body_field").and_then(Value::as_str);
            let valid_header = header.is_none_or(|h| !h.is_empty());
            let valid_body = body.is_none_or(|b| b.split('.').all(|s| !s.is_empty()));
            if (header.is_none() && body.is_none()) || !valid_header || !valid_body {
                return Err(err(
                    "x-sdk-idempotency",
                    "needs `header` (a header name), `body_field` (a dotted path), or both".into(),
                ));
            }
            out.idempotency = Some(Idempotency {
                header: header.map(str::to_owned),
                body_field: body.map(|b| b.split('.').map(str::to_owned).collect()),
            });
        }
        Ok(out)
    }
}

fn is_snake_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && s.chars().any(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The `x-sdk-name` extension of a schema: an explicit Rust type name.
pub fn sdk_name(schema: &Schema, pointer: &Pointer) -> Result<Option<String>> {
    match schema.schema_data.extensions.get("x-sdk-name") {
        None => Ok(None),
        Some(Value::String(name)) if !name.is_empty() => Ok(Some(type_name(name))),
        Some(_) => Err(Error::extension(
            "x-sdk-name",
            pointer,
            "must be a non-empty string",
        )),
    }
}

/// The `x-sdk-from` extension of a schema: the property a struct can be built from alone.
pub fn from_field(schema: &Schema, pointer: &Pointer) -> Result<Option<String>> {
    match schema.schema_data.extensions.get("x-sdk-from") {
        None => Ok(None),
        Some(Value::String(name)) if !name.is_empty() => Ok(Some(name.clone())),
        Some(_) => Err(Error::extension(
            "x-sdk-from",
            pointer,
            "must name a property",
        )),
    }
}

/// The `x-sdk-id` extension of a schema: the named string schema is an identifier type.
pub fn is_id(schema: &Schema, pointer: &Pointer) -> Result<bool> {
    match schema.schema_data.extensions.get("x-sdk-id") {
        None => Ok(false),
        Some(Value::Bool(flag)) => Ok(*flag),
        Some(_) => Err(Error::extension("x-sdk-id", pointer, "must be a boolean")),
    }
}
