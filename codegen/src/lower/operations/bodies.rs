//! Request and success-response bodies → types (named from the operation when inline), and
//! how each goes on the wire: JSON when the spec offers it, else a form, text or bytes.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, MediaType, ReferenceOr, Schema, SchemaKind, StatusCode, Type,
};

use super::super::types::{Site, TypeBuilder};
use super::names::OperationNames;
use crate::error::Result;
use crate::ir::{Body, BodyEncoding, Decoding, Primitive, ResponseBody, TypeRef};
use crate::load::Pointer;

/// The kinds of media a body can have, in the order one is preferred when a body offers
/// several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Json,
    Form,
    Text,
    Binary,
    Multipart,
}

/// The media type of a body the SDK uses, and its kind.
fn choose(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType, Kind)> {
    content
        .iter()
        .map(|(media, m)| (media.as_str(), m, kind(media)))
        .min_by_key(|(_, _, kind)| *kind)
}

fn kind(media: &str) -> Kind {
    let essence = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        Kind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        Kind::Form
    } else if essence.starts_with("multipart/") {
        Kind::Multipart
    } else if essence.starts_with("text/") {
        Kind::Text
    } else {
        Kind::Binary
    }
}

/// The request body, named `…Params` (or `…Body` when `…Params` is the parameter
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
    let Some((media, content, kind)) = choose(&body.content) else {
        return Ok(None);
    };
    // An optional body that can hold nothing (Stripe's GET operations declare one) is no
    // argument at all.
    if let (false, Some(schema)) = (body.required, &content.schema) {
        if holds_nothing(types.resolver().schema_of(schema, &at)?) {
            return Ok(None);
        }
    }
    let name = if has_query {
        format!("{}Body", names.prefix)
    } else {
        format!("{}Params", names.prefix)
    };
    let at = at.join("content").join(media);
    let (ty, encoding) = match (kind, &content.schema) {
        (Kind::Json, schema) => (
            typed(types, schema.as_ref(), name, &at, names)?,
            BodyEncoding::Json,
        ),
        (Kind::Form, Some(schema)) => (
            typed(types, Some(schema), name, &at, names)?,
            BodyEncoding::Form,
        ),
        (Kind::Text, _) => (
            TypeRef::Primitive(Primitive::String),
            BodyEncoding::Bytes {
                content_type: Some(media.to_owned()),
            },
        ),
        (Kind::Multipart, Some(schema)) if is_object(types.resolver().schema_of(schema, &at)?) => (
            typed(types, Some(schema), name, &at, names)?,
            BodyEncoding::Multipart,
        ),
        (Kind::Multipart, _) => {
            types.warnings.push(
                &at,
                format!("a `{media}` body without an object schema: taken as bytes the caller encodes, with its media type and boundary as `content_type`"),
            );
            (
                TypeRef::Primitive(Primitive::Bytes),
                BodyEncoding::Bytes { content_type: None },
            )
        }
        (Kind::Form | Kind::Binary, _) => (
            TypeRef::Primitive(Primitive::Bytes),
            BodyEncoding::Bytes {
                // A wildcard (`*/*`, `image/*`) is for the caller to make precise.
                content_type: (!media.contains('*')).then(|| media.to_owned()),
            },
        ),
    };
    Ok(Some(Body {
        // `body: …Body` beside `query: …Query`; alone, `params: …Params`.
        arg: if has_query { "body" } else { "params" }.to_owned(),
        ty,
        encoding,
    }))
}

/// The documented success response: the first 2xx, with its body type if it has one.
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
    let empty = |status| ResponseBody {
        status,
        ty: None,
        decoding: Decoding::Json,
        example: None,
    };
    let Some((status, response)) = success else {
        return Ok(empty(200));
    };
    let at = pointer.join("responses").join(status);
    let response = types.resolver().response(response, &at)?;
    let Some((media, content, kind)) = choose(&response.content) else {
        return Ok(empty(status));
    };
    let at = at.join("content").join(media);
    let accept = media.to_owned();
    let (ty, decoding) = match kind {
        Kind::Json => {
            let name = format!("{}Response", names.prefix);
            let ty = typed(types, content.schema.as_ref(), name, &at, names)?;
            (ty, Decoding::Json)
        }
        Kind::Text => (
            TypeRef::Primitive(Primitive::String),
            Decoding::Text { accept },
        ),
        Kind::Form | Kind::Binary | Kind::Multipart => (
            TypeRef::Primitive(Primitive::Bytes),
            Decoding::Bytes { accept },
        ),
    };
    let example = match decoding {
        Decoding::Json => example(types, content, &at),
        Decoding::Bytes { .. } | Decoding::Text { .. } => None,
    };
    Ok(ResponseBody {
        status,
        ty: Some(ty),
        decoding,
        example,
    })
}

/// The spec's example of a JSON body, as indented JSON: the media type's `example`, else its
/// first `examples` entry with a value, else the `example` of its schema (or of the
/// component the schema references).
fn example(types: &TypeBuilder<'_>, content: &MediaType, at: &Pointer) -> Option<String> {
    let from_examples = || {
        content.examples.values().find_map(|e| match e {
            ReferenceOr::Item(e) => e.value.clone(),
            ReferenceOr::Reference { .. } => None,
        })
    };
    let from_schema = || {
        let schema = types
            .resolver()
            .schema_of(content.schema.as_ref()?, at)
            .ok()?;
        schema.schema_data.example.clone()
    };
    let value = content
        .example
        .clone()
        .or_else(from_examples)
        .or_else(from_schema)?;
    serde_json::to_string_pretty(&value).ok()
}

/// Whether a body schema is an object (each property a part).
fn is_object(schema: &Schema) -> bool {
    matches!(schema.schema_kind, SchemaKind::Type(Type::Object(_)))
}

/// Whether only the empty object fits `schema`: an object with no properties and no
/// additional ones.
fn holds_nothing(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            object.properties.is_empty()
                && matches!(
                    object.additional_properties,
                    Some(AdditionalProperties::Any(false))
                )
        }
        _ => false,
    }
}

/// The type of a body with a (JSON or form) schema; any JSON value when it has none.
fn typed(
    types: &mut TypeBuilder<'_>,
    schema: Option<&ReferenceOr<Schema>>,
    name: String,
    at: &Pointer,
    names: &OperationNames,
) -> Result<TypeRef> {
    let Some(schema) = schema else {
        return Ok(TypeRef::Primitive(Primitive::Json));
    };
    let site = Site {
        name,
        pointer: at.join("schema"),
        module: names.module.clone(),
    };
    Ok(types.slot(schema, &site)?.ty)
}
