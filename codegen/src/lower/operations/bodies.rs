//! Request and success-response bodies → types (named from the operation when inline).

use indexmap::IndexMap;
use openapiv3::{MediaType, ReferenceOr, Schema, StatusCode};

use super::super::types::{Site, TypeBuilder};
use super::names::OperationNames;
use crate::error::{Error, Result};
use crate::ir::{Body, ResponseBody};
use crate::load::Pointer;

/// The JSON request body, named `…Params` (or `…Body` when `…Params` is the parameter
/// struct's name), passed as the `params` argument.
pub fn request(
    types: &mut TypeBuilder<'_>,
    operation: &openapiv3::Operation,
    names: &OperationNames,
    has_query: bool,
    pointer: &Pointer,
) -> Result<Option<Body>> {
    let Some(body) = &operation.request_body else {
        return Ok(None);
    };
    let at = pointer.join("requestBody");
    let body = types.resolver().request_body(body, &at)?;
    let (media, schema) = json_schema(&body.content, &at)?;
    let name = if has_query {
        format!("{}Body", names.prefix)
    } else {
        format!("{}Params", names.prefix)
    };
    let site = Site {
        name,
        pointer: at.join("content").join(media).join("schema"),
        module: names.module.clone(),
    };
    Ok(Some(Body {
        arg: "params".to_owned(),
        ty: types.slot(schema, &site)?.ty,
    }))
}

/// The documented success response: the first 2xx, with its JSON body type if it has one.
pub fn response(
    types: &mut TypeBuilder<'_>,
    operation: &openapiv3::Operation,
    names: &OperationNames,
    pointer: &Pointer,
) -> Result<ResponseBody> {
    let success = operation
        .responses
        .responses
        .iter()
        .filter_map(|(code, r)| match code {
            StatusCode::Code(c) if (200..300).contains(c) => Some((*c, r)),
            StatusCode::Range(2) => Some((200, r)),
            _ => None,
        })
        .min_by_key(|(c, _)| *c);
    let Some((status, response)) = success else {
        return Ok(ResponseBody {
            status: 200,
            ty: None,
        });
    };
    let at = pointer.join("responses").join(status);
    let response = types.resolver().response(response, &at)?;
    if response.content.is_empty() {
        return Ok(ResponseBody { status, ty: None });
    }
    let (media, schema) = json_schema(&response.content, &at)?;
    let site = Site {
        name: format!("{}Response", names.prefix),
        pointer: at.join("content").join(media).join("schema"),
        module: names.module.clone(),
    };
    Ok(ResponseBody {
        status,
        ty: Some(types.slot(schema, &site)?.ty),
    })
}

/// The JSON media type of a body and its schema.
fn json_schema<'c>(
    content: &'c IndexMap<String, MediaType>,
    at: &Pointer,
) -> Result<(&'c str, &'c ReferenceOr<Schema>)> {
    let found = content.iter().find(|(media, _)| {
        let essence = media.split(';').next().unwrap_or("").trim();
        essence == "application/json" || essence.ends_with("+json")
    });
    match found {
        Some((media, m)) => match &m.schema {
            Some(schema) => Ok((media.as_str(), schema)),
            None => Err(Error::unsupported(
                at.join("content").join(media).as_str(),
                "a JSON body without a `schema`",
            )),
        },
        None => {
            let listed: Vec<&str> = content.keys().map(String::as_str).collect();
            Err(Error::unsupported(
                at.join("content").as_str(),
                format!("bodies of media type {}", listed.join(", ")),
            ))
        }
    }
}
