//! Parameters → path arguments and the struct of query and header parameters.

use openapiv3::{Parameter, ParameterSchemaOrContent, QueryStyle as SpecStyle, ReferenceOr};

use super::super::extensions::OperationExtensions;
use super::super::naming::{camel_ident, snake_ident, Unique};
use super::super::types::{Site, TypeBuilder};
use super::super::{builders, checks};
use super::names::OperationNames;
use crate::error::{Error, Result};
use crate::ir::{
    Field, FieldRepr, HttpMethod, Param, ParamEncoding, ParamLocation, ParamsArg, PathArg,
    PathParam, Primitive, TypeKind, TypeRef,
};
use crate::load::Pointer;

/// Argument names a path parameter must not take: the parameter struct's, the body's, and a
/// bytes body's media type.
pub(super) const STRUCT_ARGS: [&str; 4] = ["params", "query", "body", "content_type"];

/// The parameters of an operation, sorted by where they go.
pub struct Params {
    /// Path parameters, in declaration order.
    pub path: Vec<PathParam>,
    /// Query and header parameters, in declaration order.
    pub query: Vec<QueryParam>,
}

/// A query or header parameter with what its struct field needs.
pub struct QueryParam {
    /// The parameter.
    pub param: Param,
    /// Its type.
    pub ty: TypeRef,
    /// Its rustdoc.
    pub doc: String,
}

/// Merges path-item and operation parameters and lowers each.
pub fn lower(
    types: &mut TypeBuilder<'_>,
    names: &OperationNames,
    ext: &OperationExtensions,
    operation: &openapiv3::Operation,
    shared: Vec<(&ReferenceOr<Parameter>, Pointer)>,
    pointer: &Pointer,
) -> Result<Params> {
    let resolver = types.resolver();
    // Operation-level parameters override path-item ones with the same name and location.
    let mut params: Vec<(&Parameter, Pointer)> = Vec::new();
    for (i, p) in operation.parameters.iter().enumerate() {
        let at = pointer.join("parameters").join(i);
        params.push((resolver.parameter(p, &at)?, at));
    }
    for (p, at) in shared {
        let p = resolver.parameter(p, &at)?;
        if !params.iter().any(|(q, _)| same_param(p, q)) {
            params.push((p, at));
        }
    }
    let key_header = ext.idempotency.as_ref().and_then(|i| i.header.as_deref());
    if let Some(header) = key_header {
        checks::idempotency_header(params.iter().map(|(p, _)| *p), header, pointer)?;
    }

    let mut out = Params {
        path: Vec::new(),
        query: Vec::new(),
    };
    // Path parameters become arguments beside `params`/`query`; the others, struct fields.
    let mut arg_names = Unique::snake(&STRUCT_ARGS);
    let mut field_names = Unique::snake(&[]);
    for (p, at) in &params {
        let data = p.parameter_data_ref();
        let location = match p {
            Parameter::Path { .. } => None,
            Parameter::Query { .. } => Some(ParamLocation::Query),
            Parameter::Header { .. } => Some(ParamLocation::Header),
            Parameter::Cookie { .. } => {
                types.warnings.push(
                    at,
                    format!("cookie parameter `{}`: left out (set a `cookie` header on the request to send it)", data.name),
                );
                continue;
            }
        };
        let is_key_header = key_header.is_some_and(|h| data.name.eq_ignore_ascii_case(h));
        if location == Some(ParamLocation::Header) && is_key_header {
            continue; // the runtime sets it, on every attempt
        }
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(s) => s,
            ParameterSchemaOrContent::Content(_) => {
                if location.is_none() {
                    return Err(Error::unsupported(
                        at.as_str(),
                        "a path parameter with `content` instead of `schema`",
                    ));
                }
                types.warnings.push(
                    at,
                    format!("parameter `{}` has `content` instead of `schema`: left out (set it on the request by hand)", data.name),
                );
                continue;
            }
        };
        let site = Site {
            name: format!("{}{}", names.prefix, camel_ident(&data.name)),
            pointer: at.join("schema"),
            module: names.module.clone(),
        };
        let slot = types.slot(schema, &site)?;
        let wire_name = data.name.clone();
        let Some(location) = location else {
            let arg = match slot.ty {
                TypeRef::Primitive(Primitive::String | Primitive::Uuid) => PathArg::Display,
                ty if matches!(types.def(&ty).map(|d| &d.kind), Some(TypeKind::Id { .. })) => {
                    PathArg::Id(ty)
                }
                ty if is_scalar(types, &ty, false) => PathArg::Typed(ty),
                ty => {
                    if !matches!(ty, TypeRef::Named(_)) {
                        types.warnings.push(
                            at.join("schema"),
                            format!("path parameter `{wire_name}` is not a single value: a call fails unless its value serializes to one"),
                        );
                    }
                    PathArg::Serialized(ty)
                }
            };
            out.path.push(PathParam {
                ident: arg_names.claim(snake_ident(&data.name)),
                wire_name,
                arg,
            });
            continue;
        };
        let encoding = if is_scalar(types, &slot.ty, false) {
            ParamEncoding::Text
        } else if location == ParamLocation::Header {
            if !is_scalar(types, &slot.ty, true) {
                types.warnings.push(
                    at.join("schema"),
                    format!("header `{wire_name}` is not a scalar or a list of scalars: left out (set it on the request by hand)"),
                );
                continue;
            }
            ParamEncoding::List
        } else {
            let (style, explode) = query_style(p, data.explode);
            if (style, explode) == ("form", true) && is_scalar(types, &slot.ty, true) {
                ParamEncoding::List
            } else {
                ParamEncoding::Styled { style, explode }
            }
        };
        out.query.push(QueryParam {
            param: Param {
                ident: field_names.claim(snake_ident(&data.name)),
                location,
                encoding,
                required: data.required,
                wire_name: wire_name.clone(),
            },
            doc: data
                .description
                .as_deref()
                .map(|d| d.trim().to_owned())
                .or(slot.doc)
                .unwrap_or_else(|| format!("The `{wire_name}` parameter.")),
            ty: slot.ty,
        });
    }
    Ok(out)
}

/// The struct that carries the query and header parameters, named `…Params` (or `…Query`
/// beside a body, which is then `…Body`), and the argument that passes it (`params`, or
/// `query` beside a body).
pub fn params_struct(
    types: &mut TypeBuilder<'_>,
    names: &OperationNames,
    query: Vec<QueryParam>,
    has_body: bool,
    (method, path): (HttpMethod, &str),
    pointer: &Pointer,
) -> Result<Option<ParamsArg>> {
    if query.is_empty() {
        return Ok(None);
    }
    let (name, arg) = if has_body {
        (format!("{}Query", names.prefix), "query")
    } else {
        (format!("{}Params", names.prefix), "params")
    };
    let at = pointer.join("parameters");
    let name = types.names.claim_numbered(&name, at.as_str());
    let fields = query
        .iter()
        .map(|q| Field {
            ident: q.param.ident.clone(),
            wire_name: q.param.wire_name.clone(),
            ty: q.ty.clone(),
            repr: FieldRepr::of(q.param.required, false),
            boxed: false,
            deprecated: false,
            doc: q.doc.clone(),
            setter: None,
        })
        .collect::<Vec<_>>();
    let builder = builders::builder(&name, &fields);
    let site = Site {
        name,
        pointer: at,
        module: names.module.clone(),
    };
    let doc = Some(format!("Parameters of `{} {}`.", method.as_str(), path));
    let ty = types.push(&site, doc, TypeKind::QueryParams { fields, builder });
    Ok(Some(ParamsArg {
        arg: arg.to_owned(),
        ty,
        params: query.into_iter().map(|q| q.param).collect(),
    }))
}

/// Whether a parameter of type `ty` can be written as text: a primitive, a string enum, an
/// alias of one, or (when `lists` are allowed) a list of those.
fn is_scalar(types: &TypeBuilder<'_>, ty: &TypeRef, lists: bool) -> bool {
    match ty {
        TypeRef::Primitive(p) => !matches!(p, Primitive::Json | Primitive::Bytes | Primitive::File),
        TypeRef::List(item) => lists && is_scalar(types, item, false),
        TypeRef::Map(_) => false,
        TypeRef::Named(_) => match types.def(ty).map(|t| &t.kind) {
            Some(TypeKind::StringEnum { .. } | TypeKind::Id { .. }) => true,
            Some(TypeKind::Alias { target }) => is_scalar(types, target, lists),
            _ => false,
        },
    }
}

/// The `style` of a query parameter as the spec spells it, and its `explode` (`form` and
/// exploded unless the spec says otherwise).
fn query_style(p: &Parameter, explode: Option<bool>) -> (&'static str, bool) {
    let style = match p {
        Parameter::Query { style, .. } => match style {
            SpecStyle::Form => "form",
            SpecStyle::SpaceDelimited => "spaceDelimited",
            SpecStyle::PipeDelimited => "pipeDelimited",
            SpecStyle::DeepObject => "deepObject",
        },
        _ => "form",
    };
    (style, explode.unwrap_or(true))
}

fn same_param(a: &Parameter, b: &Parameter) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
        && a.parameter_data_ref().name == b.parameter_data_ref().name
}
