//! Operations → IR operations: parameters, bodies, responses, names and SDK extensions.

use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, StatusCode};

use super::extensions::OperationExtensions;
use super::naming::{camel_ident, singular, snake_ident};
use super::schemas::{Site, TypeBuilder};
use crate::error::{Error, Result};
use crate::ir::{
    Field, HttpMethod, Idempotency, Operation, Param, ParamLocation, PathSegment, Primitive,
    ResponseBody, TypeKind, TypeRef,
};
use crate::load::{Pointer, Spec};

/// An operation lowered but not yet checked against the finished types.
pub struct Lowered {
    /// The operation (pagination still unresolved).
    pub op: Operation,
    /// `x-sdk-pagination` as written, checked once all types exist.
    pub pagination: Option<super::extensions::PaginationExt>,
    /// Where the operation is.
    pub pointer: Pointer,
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
        for method_name in spec.method_order(path) {
            let operation = match method_name.as_str() {
                "get" => &item.get,
                "put" => &item.put,
                "post" => &item.post,
                "delete" => &item.delete,
                "options" => &item.options,
                "head" => &item.head,
                "patch" => &item.patch,
                _ => &item.trace,
            };
            let Some(operation) = operation else { continue };
            let pointer = item_pointer.join(&method_name);
            let mut shared = Vec::new();
            for (i, p) in item.parameters.iter().enumerate() {
                shared.push((p, item_pointer.join("parameters").join(i)));
            }
            out.push(lower_one(
                types,
                path,
                &method_name,
                operation,
                shared,
                pointer,
            )?);
        }
    }
    Ok(out)
}

fn lower_one(
    types: &mut TypeBuilder<'_>,
    path: &str,
    method: &str,
    operation: &openapiv3::Operation,
    shared_params: Vec<(&ReferenceOr<Parameter>, Pointer)>,
    pointer: Pointer,
) -> Result<Lowered> {
    let ext = OperationExtensions::parse(&operation.extensions, &pointer)?;
    let http = http_method(method);
    let id = operation
        .operation_id
        .clone()
        .unwrap_or_else(|| derived_id(method, path));
    let resource = match &ext.resource {
        Some(r) => r.clone(),
        None => vec![match operation.tags.first() {
            Some(tag) => snake_ident(tag),
            None => untagged_resource(path),
        }],
    };
    let method_name = snake_ident(ext.method.as_deref().unwrap_or(&id));
    // Official SDK style: `chats.participants` + `add` → `ParticipantAdd…`.
    let prefix = match (&ext.resource, &ext.method) {
        (Some(r), Some(m)) => format!(
            "{}{}",
            camel_ident(&singular(r.last().map_or("", String::as_str))),
            camel_ident(m)
        ),
        _ => camel_ident(&id),
    };
    let module = snake_ident(&prefix);
    let resolver = types.resolver();

    // Operation-level parameters override path-item ones with the same name and location.
    let mut params: Vec<(&Parameter, Pointer)> = Vec::new();
    for (i, p) in operation.parameters.iter().enumerate() {
        let at = pointer.join("parameters").join(i);
        params.push((resolver.parameter(p, &at)?, at));
    }
    for (p, at) in shared_params {
        let p = resolver.parameter(p, &at)?;
        if !params.iter().any(|(q, _)| same_param(p, q)) {
            params.push((p, at));
        }
    }

    let idempotency = ext.idempotency.as_ref().map(|i| Idempotency {
        header: i.header.clone(),
        body_field: i.body_field.clone(),
    });
    let key_header = ext.idempotency.as_ref().and_then(|i| i.header.as_deref());
    if let Some(h) = key_header {
        let declared = params.iter().any(|(p, _)| {
            matches!(p, Parameter::Header { .. })
                && p.parameter_data_ref().name.eq_ignore_ascii_case(h)
        });
        if !declared {
            return Err(Error::Extension {
                extension: "x-sdk-idempotency".into(),
                pointer: pointer.to_string(),
                message: format!("header `{h}` is not a declared header parameter"),
            });
        }
    }

    let mut path_params = Vec::new();
    let mut other_params = Vec::new();
    // Path parameters become arguments beside `params`/`query`; the others, struct fields.
    let mut arg_names: Vec<String> = vec!["params".into(), "query".into()];
    let mut field_names: Vec<String> = Vec::new();
    for (p, at) in &params {
        let data = p.parameter_data_ref();
        let location = match p {
            Parameter::Path { .. } => ParamLocation::Path,
            Parameter::Query { .. } => ParamLocation::Query,
            Parameter::Header { .. } => ParamLocation::Header,
            Parameter::Cookie { .. } => {
                return Err(Error::unsupported(at.as_str(), "cookie parameters"))
            }
        };
        let is_key_header = key_header.is_some_and(|h| data.name.eq_ignore_ascii_case(h));
        if location == ParamLocation::Header && is_key_header {
            continue; // the runtime sets it, on every attempt
        }
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(s) => s,
            ParameterSchemaOrContent::Content(_) => {
                return Err(Error::unsupported(
                    at.as_str(),
                    "a parameter with `content` instead of `schema`",
                ));
            }
        };
        let site = Site {
            name: format!("{prefix}{}", camel_ident(&data.name)),
            pointer: at.join("schema"),
            module: module.clone(),
        };
        let slot = types.slot(schema, &site)?;
        if !is_scalar(types, &slot.ty, location != ParamLocation::Path) {
            return Err(Error::unsupported(
                at.join("schema").as_str(),
                format!("parameter `{}` is an object; only scalars, string enums and (query or header) lists of them are supported", data.name),
            ));
        }
        let param = Param {
            ident: unique_ident(
                snake_ident(&data.name),
                if location == ParamLocation::Path {
                    &mut arg_names
                } else {
                    &mut field_names
                },
            ),
            wire_name: data.name.clone(),
            location,
            ty: slot.ty,
            required: data.required || location == ParamLocation::Path,
            doc: data
                .description
                .clone()
                .map(|d| d.trim().to_owned())
                .or(slot.doc),
        };
        if location == ParamLocation::Path {
            path_params.push(param);
        } else {
            other_params.push(param);
        }
    }
    let segments = parse_template(path, &path_params, http, &pointer)?;
    // Positional arguments follow the template's order.
    let mut ordered = Vec::new();
    let segments = segments
        .into_iter()
        .map(|s| match s {
            PathSegment::Param(i) => {
                ordered.push(path_params[i].clone());
                PathSegment::Param(ordered.len() - 1)
            }
            lit => lit,
        })
        .collect();

    let (body, body_required) = match &operation.request_body {
        None => (None, false),
        Some(rb) => {
            let at = pointer.join("requestBody");
            let rb = resolver.request_body(rb, &at)?;
            let (media, schema) = json_schema(&rb.content, &at)?;
            let name = if other_params.is_empty() {
                format!("{prefix}Params")
            } else {
                format!("{prefix}Body")
            };
            let site = Site {
                name,
                pointer: at.join("content").join(media).join("schema"),
                module: module.clone(),
            };
            (Some(types.slot(schema, &site)?.ty), rb.required)
        }
    };
    let key_field = ext
        .idempotency
        .as_ref()
        .and_then(|i| i.body_field.as_deref());
    if let (Some(field_path), Some(body)) = (key_field, &body) {
        check_body_field(types, body, field_path, &pointer)?;
    } else if key_field.is_some() {
        return Err(Error::Extension {
            extension: "x-sdk-idempotency".into(),
            pointer: pointer.to_string(),
            message: "`body_field` on an operation without a request body".into(),
        });
    }

    let params_type = if other_params.is_empty() {
        None
    } else {
        let name = if body.is_some() {
            format!("{prefix}Query")
        } else {
            format!("{prefix}Params")
        };
        let at = pointer.join("parameters");
        types.claim_name(&name, &at)?;
        let fields = other_params
            .iter()
            .map(|p| Field {
                ident: p.ident.clone(),
                wire_name: p.wire_name.clone(),
                ty: p.ty.clone(),
                required: p.required,
                nullable: false,
                boxed: false,
                deprecated: false,
                doc: p
                    .doc
                    .clone()
                    .or_else(|| Some(format!("The `{}` parameter.", p.wire_name))),
            })
            .collect();
        let site = Site {
            name: name.clone(),
            pointer: at,
            module: module.clone(),
        };
        let doc = Some(format!("Parameters of `{} {}`.", http.as_str(), path));
        let index = types.push(
            &site,
            doc,
            false,
            TypeKind::Struct {
                fields,
                additional: None,
            },
        );
        types.types[index].serde = false;
        Some(name)
    };

    let response = success_response(types, operation, &prefix, &module, &pointer)?;
    let doc = super::docs::join(
        [
            operation.summary.clone(),
            operation.description.clone(),
            Some(format!("`{} {}`", http.as_str(), path)),
        ]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_owned())
        .collect(),
    );
    let op = Operation {
        id,
        method: http,
        path: path.to_owned(),
        segments,
        resource,
        method_name,
        doc,
        deprecated: operation.deprecated,
        tag: operation.tags.first().cloned(),
        path_params: ordered,
        params: other_params,
        params_type,
        body,
        body_required,
        response,
        pagination: None,
        idempotency,
    };
    Ok(Lowered {
        op,
        pagination: ext.pagination,
        pointer,
    })
}

fn success_response(
    types: &mut TypeBuilder<'_>,
    operation: &openapiv3::Operation,
    prefix: &str,
    module: &str,
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
        name: format!("{prefix}Response"),
        pointer: at.join("content").join(media).join("schema"),
        module: module.to_owned(),
    };
    Ok(ResponseBody {
        status,
        ty: Some(types.slot(schema, &site)?.ty),
    })
}

/// The JSON media type of a body and its schema.
fn json_schema<'c>(
    content: &'c indexmap::IndexMap<String, openapiv3::MediaType>,
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

fn parse_template(
    path: &str,
    params: &[Param],
    method: HttpMethod,
    pointer: &Pointer,
) -> Result<Vec<PathSegment>> {
    let mut segments = Vec::new();
    let mut rest = path;
    let mut used = vec![false; params.len()];
    while let Some(open) = rest.find('{') {
        if open > 0 {
            segments.push(PathSegment::Literal(rest[..open].to_owned()));
        }
        let close = rest[open..].find('}').map(|c| c + open).ok_or_else(|| {
            Error::unsupported(pointer.as_str(), format!("unclosed `{{` in path `{path}`"))
        })?;
        let name = &rest[open + 1..close];
        let index = params
            .iter()
            .position(|p| p.wire_name == name)
            .ok_or_else(|| Error::UndeclaredPathParam {
                name: name.to_owned(),
                method: method.as_str().to_owned(),
                path: path.to_owned(),
                pointer: pointer.to_string(),
            })?;
        used[index] = true;
        segments.push(PathSegment::Param(index));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_owned()));
    }
    if let Some(i) = used.iter().position(|u| !u) {
        return Err(Error::unsupported(
            pointer.as_str(),
            format!(
                "path parameter `{}` does not appear in the template `{path}`",
                params[i].wire_name
            ),
        ));
    }
    Ok(segments)
}

/// Checks that a dotted `body_field` path names fields that exist in the body type.
fn check_body_field(
    types: &TypeBuilder<'_>,
    body: &TypeRef,
    path: &[String],
    pointer: &Pointer,
) -> Result<()> {
    let mut current = body.clone();
    for (depth, key) in path.iter().enumerate() {
        let found = current
            .named()
            .and_then(|name| types.types.iter().find(|t| t.name == name))
            .and_then(|t| match &t.kind {
                TypeKind::Struct { fields, .. } => fields.iter().find(|f| &f.wire_name == key),
                _ => None,
            });
        let last = depth + 1 == path.len();
        match found {
            // The generated slot is `&mut self.a.b.key`: parents must always be present, and
            // the key an optional string the runtime fills in.
            Some(field)
                if !last
                    && !field.nullable
                    && (field.required || all_optional(types, &field.ty)) =>
            {
                current = field.ty.clone()
            }
            Some(field)
                if last
                    && matches!(field.ty, TypeRef::Primitive(Primitive::String))
                    && !field.required =>
            {
                current = field.ty.clone()
            }
            _ => {
                return Err(Error::Extension {
                    extension: "x-sdk-idempotency".into(),
                    pointer: pointer.to_string(),
                    message: format!(
                        "`body_field: {}` must name an optional string field of the request body, \
                         reached through object fields that are required or have only \
                         optional fields",
                        path.join(".")
                    ),
                })
            }
        }
    }
    Ok(())
}

/// Whether `ty` is a struct whose fields are all optional, so an absent one can be made
/// empty (`Default`) to hold a nested idempotency key.
fn all_optional(types: &TypeBuilder<'_>, ty: &TypeRef) -> bool {
    ty.named()
        .and_then(|name| types.types.iter().find(|t| t.name == name))
        .is_some_and(|t| match &t.kind {
            TypeKind::Struct { fields, .. } => fields.iter().all(|f| !f.required),
            _ => false,
        })
}

/// The resource of an operation with neither `x-sdk-resource` nor tags: the first path
/// segment that is neither a parameter nor a version (`/v3/health` → `health`).
fn untagged_resource(path: &str) -> String {
    let is_version = |s: &str| {
        s.strip_prefix('v')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    path.split('/')
        .find(|s| !s.is_empty() && !s.starts_with('{') && !is_version(s))
        .map_or_else(|| "api".to_owned(), snake_ident)
}

/// `base`, or `base_2`, `base_3`… if it is taken; the result is taken from then on.
fn unique_ident(base: String, taken: &mut Vec<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{}_{n}", base.trim_end_matches('_'));
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// Whether a parameter of type `ty` can be written as text: a primitive, a string enum, an
/// alias of one, or (when `lists` are allowed) a list of those.
fn is_scalar(types: &TypeBuilder<'_>, ty: &TypeRef, lists: bool) -> bool {
    match ty {
        TypeRef::Primitive(p) => *p != crate::ir::Primitive::Json,
        TypeRef::List(item) => lists && is_scalar(types, item, false),
        TypeRef::Map(_) => false,
        TypeRef::Named(name) => match types
            .types
            .iter()
            .find(|t| &t.name == name)
            .map(|t| &t.kind)
        {
            Some(TypeKind::StringEnum { .. }) => true,
            Some(TypeKind::Alias { target }) => is_scalar(types, target, lists),
            _ => false,
        },
    }
}

fn same_param(a: &Parameter, b: &Parameter) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
        && a.parameter_data_ref().name == b.parameter_data_ref().name
}

fn http_method(method: &str) -> HttpMethod {
    match method {
        "get" => HttpMethod::Get,
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        "patch" => HttpMethod::Patch,
        _ => HttpMethod::Trace,
    }
}

/// `GET /pets/{petId}/toys` → `get_pets_pet_id_toys`, for operations without an `operationId`.
fn derived_id(method: &str, path: &str) -> String {
    let words: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_matches(|c| c == '{' || c == '}').to_owned())
        .collect();
    snake_ident(&format!("{method}_{}", words.join("_")))
}
