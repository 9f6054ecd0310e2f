//! Where the API's error responses keep their details: the [`ErrorEnvelope`] the runtime
//! reads an error's code, message and documentation link from. The error schema is the
//! first JSON schema of an error response (`4XX`, `5XX`, then `default`) in spec order. Its
//! `x-sdk-error` extension states the envelope; without it the envelope is found by the
//! usual field names, at the top of the schema or one object property down. The response's
//! example (or the schema's) comes along, as the body the test kit's stubbed errors start
//! from.

use openapiv3::{ReferenceOr, Schema, SchemaKind, StatusCode, Type};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::ErrorEnvelope;
use crate::load::{Pointer, Resolver, Spec};

/// The extension that states the envelope on the error schema.
const EXTENSION: &str = "x-sdk-error";

/// The field names that carry each detail (status, code, message, doc_url) when no
/// extension says, in preference order: the detail's own name first, then those of common
/// conventions (GitHub's `documentation_url`, RFC 9457's `detail` and `title`).
const NAMES: [&[&str]; 4] = [
    &["status"],
    &["code", "error_code"],
    &["message", "detail", "title", "error_description"],
    &["doc_url", "documentation_url"],
];

/// The envelope of the spec's error responses; empty when it has none.
pub fn envelope(spec: &Spec) -> Result<ErrorEnvelope> {
    let resolver = Resolver::new(&spec.doc);
    let Some((schema, at, example)) = error_schema(spec, resolver) else {
        return Ok(ErrorEnvelope::default());
    };
    let mut envelope = match schema.schema_data.extensions.get(EXTENSION) {
        Some(declared) => declared_envelope(declared, schema, resolver, &at.join(EXTENSION))?,
        None => found_envelope(schema, resolver, &at),
    };
    envelope.example = example
        .or(schema.schema_data.example.as_ref())
        .filter(|e| e.is_object())
        .map(|e| e.to_string());
    Ok(envelope)
}

/// The first JSON schema of an error response, where it is, and the response's example.
fn error_schema<'a>(
    spec: &'a Spec,
    resolver: Resolver<'a>,
) -> Option<(&'a Schema, Pointer, Option<&'a Value>)> {
    for (path, item) in &spec.doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let at = Pointer::root()
                .join("paths")
                .join(path)
                .join(method)
                .join("responses");
            let responses = &operation.responses;
            let errors = responses.responses.iter().filter(|(code, _)| match code {
                StatusCode::Code(c) => (400..600).contains(c),
                StatusCode::Range(r) => *r == 4 || *r == 5,
            });
            let default = responses.default.iter().map(|r| ("default".to_owned(), r));
            let candidates = errors.map(|(code, r)| (code.to_string(), r)).chain(default);
            for (code, response) in candidates {
                let at = at.join(&code);
                let Ok(response) = resolver.response(response, &at) else {
                    continue;
                };
                let json = response
                    .content
                    .iter()
                    .find(|(media, _)| media.contains("json"));
                let Some((media, content)) = json else {
                    continue;
                };
                let at = at.join("content").join(media).join("schema");
                let schema = content.schema.as_ref()?;
                if let Ok(schema) = resolver.schema_of(schema, &at) {
                    let example = content.example.as_ref().or_else(|| {
                        let first = content.examples.values().next()?;
                        first.as_item()?.value.as_ref()
                    });
                    return Some((schema, at, example));
                }
            }
        }
    }
    None
}

/// The envelope `x-sdk-error` states: each detail's JSON pointer, checked to name a property
/// of the schema.
fn declared_envelope<'a>(
    declared: &Value,
    schema: &'a Schema,
    resolver: Resolver<'a>,
    at: &Pointer,
) -> Result<ErrorEnvelope> {
    let bad = |message: String| Error::extension(EXTENSION, at, message);
    let Value::Object(fields) = declared else {
        return Err(bad("expected a map from detail to JSON pointer".into()));
    };
    let mut envelope = ErrorEnvelope::default();
    for (detail, pointer) in fields {
        let Some(pointer) = pointer.as_str() else {
            return Err(bad(format!("`{detail}` is not a JSON pointer")));
        };
        let names: Vec<String> = match pointer.strip_prefix('/') {
            Some(rest) => rest
                .split('/')
                .map(|t| t.replace("~1", "/").replace("~0", "~"))
                .collect(),
            None => return Err(bad(format!("`{pointer}` does not start with `/`"))),
        };
        if !has_path(schema, &names, resolver, at) {
            return Err(bad(format!(
                "`{pointer}` names no property of the error schema"
            )));
        }
        let slot = match detail.as_str() {
            "status" => &mut envelope.status,
            "code" => &mut envelope.code,
            "message" => &mut envelope.message,
            "doc_url" => &mut envelope.doc_url,
            other => {
                return Err(bad(format!(
                    "unknown detail `{other}` (expected status, code, message or doc_url)"
                )))
            }
        };
        *slot = Some(pointer.to_owned());
    }
    Ok(envelope)
}

/// The envelope found by field names: each detail at the top of the schema, or else inside
/// the first object property that has it.
fn found_envelope<'a>(schema: &'a Schema, resolver: Resolver<'a>, at: &Pointer) -> ErrorEnvelope {
    let top = properties(schema);
    let nested: Vec<(&String, &Schema)> = top
        .iter()
        .filter_map(|(name, s)| Some((*name, resolve(s, resolver, at)?)))
        .filter(|(_, s)| !properties(s).is_empty())
        .collect();
    let find = |names: &[&str]| {
        let own = |props: &[(&String, &ReferenceOr<Box<Schema>>)]| {
            names
                .iter()
                .find(|n| props.iter().any(|(p, _)| p.as_str() == **n))
                .map(|n| escape(n))
        };
        own(&top).map(|n| format!("/{n}")).or_else(|| {
            nested
                .iter()
                .find_map(|(outer, s)| Some(format!("/{}/{}", escape(outer), own(&properties(s))?)))
        })
    };
    let [status, code, message, doc_url] = NAMES.map(find);
    ErrorEnvelope {
        status,
        code,
        message,
        doc_url,
        example: None,
    }
}

/// Whether the property path `names` leads through the schema's object properties.
fn has_path<'a>(
    schema: &'a Schema,
    names: &[String],
    resolver: Resolver<'a>,
    at: &Pointer,
) -> bool {
    let Some((first, rest)) = names.split_first() else {
        return true;
    };
    let props = properties(schema);
    let Some((_, next)) = props.iter().find(|(name, _)| *name == first) else {
        return false;
    };
    resolve(next, resolver, at).is_some_and(|next| has_path(next, rest, resolver, at))
}

/// The properties of an object schema, in spec order.
fn properties(schema: &Schema) -> Vec<(&String, &ReferenceOr<Box<Schema>>)> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => object.properties.iter().collect(),
        _ => Vec::new(),
    }
}

/// A property's schema, resolved; `None` when its `$ref` does not resolve.
fn resolve<'a>(
    schema: &'a ReferenceOr<Box<Schema>>,
    resolver: Resolver<'a>,
    at: &Pointer,
) -> Option<&'a Schema> {
    match schema {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { reference } => Some(resolver.schema(reference, at).ok()?.1),
    }
}

/// A property name as a JSON pointer token.
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec whose one operation answers `404` with `schema` (YAML flow style).
    fn envelope_of(schema: &str) -> Result<ErrorEnvelope> {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /x:\n    get:\n      \
             responses:\n        '200': {{description: ok}}\n        '404':\n          \
             description: missing\n          content:\n            application/json:\n              \
             schema: {schema}\n"
        );
        envelope(&Spec::parse(&text).expect("a valid spec"))
    }

    fn pointers(e: &ErrorEnvelope) -> [Option<&str>; 4] {
        [&e.status, &e.code, &e.message, &e.doc_url].map(|p| p.as_deref())
    }

    #[test]
    fn x_sdk_error_states_the_envelope() {
        let e = envelope_of(
            "{type: object, x-sdk-error: {code: /error/code, message: /error/message}, \
             properties: {error: {type: object, properties: {code: {type: integer}, \
             message: {type: string}}}}}",
        )
        .unwrap();
        assert_eq!(
            pointers(&e),
            [None, Some("/error/code"), Some("/error/message"), None]
        );
    }

    #[test]
    fn a_pointer_to_no_property_is_an_error_naming_it() {
        let error = envelope_of(
            "{type: object, x-sdk-error: {message: /error/text}, \
             properties: {error: {type: object, properties: {message: {type: string}}}}}",
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("x-sdk-error") && error.contains("/error/text"),
            "{error}"
        );
    }

    #[test]
    fn without_the_extension_details_nested_one_property_down_are_found() {
        let e = envelope_of(
            "{type: object, properties: {error: {type: object, properties: {code: {type: string}, \
             doc_url: {type: string}, message: {type: string}}}}}",
        )
        .unwrap();
        assert_eq!(
            pointers(&e),
            [
                None,
                Some("/error/code"),
                Some("/error/message"),
                Some("/error/doc_url")
            ]
        );
    }

    #[test]
    fn top_level_fields_of_common_conventions_are_found() {
        let github = envelope_of(
            "{type: object, properties: {message: {type: string}, documentation_url: {type: string}}}",
        )
        .unwrap();
        assert_eq!(
            pointers(&github),
            [None, None, Some("/message"), Some("/documentation_url")]
        );
        let problem = envelope_of(
            "{type: object, properties: {title: {type: string}, status: {type: integer}, \
             detail: {type: string}}}",
        )
        .unwrap();
        assert_eq!(
            pointers(&problem),
            [Some("/status"), None, Some("/detail"), None]
        );
    }

    #[test]
    fn the_error_responses_example_comes_along() {
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /x:\n    get:\n      \
                    responses:\n        '200': {description: ok}\n        '404':\n          \
                    description: missing\n          content:\n            application/json:\n              \
                    schema: {type: object, properties: {message: {type: string}}}\n              \
                    example: {message: gone, ok: false}\n";
        let e = envelope(&Spec::parse(text).expect("a valid spec")).unwrap();
        assert_eq!(
            e.example.as_deref(),
            Some(r#"{"message":"gone","ok":false}"#)
        );
    }

    #[test]
    fn an_error_body_with_none_of_the_names_has_an_empty_envelope() {
        let e = envelope_of("{type: object, properties: {reason: {type: string}}}").unwrap();
        assert_eq!(e, ErrorEnvelope::default());
    }
}
