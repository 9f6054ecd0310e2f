//! The `x-sdk-*` extensions checked against the types they name, and recorded on them:
//! `x-sdk-idempotency` (header and body field), `x-sdk-pagination` and `x-sdk-from`.
//! A failed check is an [`Error::Extension`] naming the extension and where it is.

use openapiv3::Parameter;

use super::extensions::{PaginationExt, PaginationKind};
use super::types::TypeBuilder;
use crate::error::{Error, Result};
use crate::ir::{
    FieldRepr, Idempotency, KeyStep, PageNext, Pagination, ParamsArg, Primitive, ResponseBody,
    TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::load::Pointer;

const IDEMPOTENCY: &str = "x-sdk-idempotency";
const PAGINATION: &str = "x-sdk-pagination";
const FROM: &str = "x-sdk-from";

/// The idempotency `header` must be a declared header parameter.
pub fn idempotency_header<'p>(
    mut params: impl Iterator<Item = &'p Parameter>,
    header: &str,
    pointer: &Pointer,
) -> Result<()> {
    let declared = params.any(|p| {
        matches!(p, Parameter::Header { .. })
            && p.parameter_data_ref().name.eq_ignore_ascii_case(header)
    });
    if declared {
        Ok(())
    } else {
        Err(Error::extension(
            IDEMPOTENCY,
            pointer,
            format!("header `{header}` is not a declared header parameter"),
        ))
    }
}

/// The idempotency `body_field` must name an optional, non-nullable string field of the
/// request body, reached through object fields that are required or have only optional
/// fields (an absent one is then made empty to hold the key); the body type records the path.
pub fn idempotency(
    types: &mut TypeBuilder<'_>,
    idempotency: &Idempotency,
    body: Option<&TypeRef>,
    pointer: &Pointer,
) -> Result<()> {
    let Some(path) = &idempotency.body_field else {
        return Ok(());
    };
    let Some(body) = body else {
        return Err(Error::extension(
            IDEMPOTENCY,
            pointer,
            "`body_field` on an operation without a request body",
        ));
    };
    let invalid = || {
        Error::extension(
            IDEMPOTENCY,
            pointer,
            format!(
                "`body_field: {}` must name an optional, non-nullable string field of the request body, \
                 reached through object fields that are required or have only optional fields",
                path.join(".")
            ),
        )
    };
    let mut steps = Vec::new();
    let mut current = body.clone();
    for (depth, key) in path.iter().enumerate() {
        let field = struct_fields(types.def(&current))
            .and_then(|fields| fields.iter().find(|f| &f.wire_name == key))
            .ok_or_else(invalid)?;
        let last = depth + 1 == path.len();
        let fill_default = field.repr == FieldRepr::Optional;
        let fits = if last {
            field.repr == FieldRepr::Optional && field.ty == TypeRef::Primitive(Primitive::String)
        } else {
            let all_optional = struct_fields(types.def(&field.ty))
                .is_some_and(|fields| fields.iter().all(|f| !f.repr.is_required()));
            field.repr == FieldRepr::Required || (fill_default && all_optional)
        };
        if !fits {
            return Err(invalid());
        }
        steps.push(KeyStep {
            ident: field.ident.clone(),
            fill_default: fill_default && !last,
        });
        current = field.ty.clone();
    }
    let TypeRef::Named(id) = body else {
        return Ok(()); // unreachable: only a struct has fields
    };
    let def = &mut types.types[id.index()];
    match &def.idempotency_key {
        Some(other) if *other != steps => Err(Error::extension(
            IDEMPOTENCY,
            pointer,
            format!(
                "the body type `{}` carries its key in another field for another operation",
                def.name
            ),
        )),
        _ => {
            def.idempotency_key = Some(steps);
            Ok(())
        }
    }
}

/// `x-sdk-pagination` must name query parameters of the operation and fields of its response
/// object of the right types; the response type records the pagination.
pub fn pagination(
    types: &mut TypeBuilder<'_>,
    ext: &PaginationExt,
    params: Option<&ParamsArg>,
    response: &ResponseBody,
    pointer: &Pointer,
) -> Result<()> {
    let err = |message: String| Error::extension(PAGINATION, pointer, message);
    let has_param =
        |wire: &str| params.is_some_and(|p| p.params.iter().any(|p| p.wire_name == wire));
    let named_params = match &ext.kind {
        PaginationKind::Cursor { cursor_param, .. } => vec![("cursor_param", Some(cursor_param))],
        PaginationKind::Offset {
            offset_param,
            limit_param,
            ..
        } => vec![
            ("offset_param", Some(offset_param)),
            ("limit_param", limit_param.as_ref()),
        ],
    };
    for (key, wire) in named_params {
        if let Some(wire) = wire.filter(|w| !has_param(w)) {
            return Err(err(format!(
                "`{key}: {wire}` is not a query parameter of the operation"
            )));
        }
    }
    let Some(TypeRef::Named(id)) = response.ty else {
        return Err(err("the operation has no JSON response".into()));
    };
    let def = &types.types[id.index()];
    let name = &def.name;
    let fields = struct_fields(Some(def))
        .ok_or_else(|| err(format!("the response type `{name}` is not an object")))?;
    let field = |key: &str, wire: &str, ty: Primitive, what: &str| {
        fields
            .iter()
            .find(|f| f.wire_name == wire && f.ty == TypeRef::Primitive(ty))
            .map(|f| (f.ident.clone(), f.repr != FieldRepr::Required))
            .ok_or_else(|| err(format!("`{key}: {wire}` is not a {what} field of `{name}`")))
    };
    let next = match &ext.kind {
        PaginationKind::Cursor {
            cursor_param,
            next_cursor_field,
        } => PageNext::Cursor {
            param: cursor_param.clone(),
            field: field(
                "next_cursor_field",
                next_cursor_field,
                Primitive::String,
                "string",
            )?,
        },
        PaginationKind::Offset {
            offset_param,
            has_more_field,
            ..
        } => PageNext::Offset {
            param: offset_param.clone(),
            has_more: field("has_more_field", has_more_field, Primitive::Bool, "boolean")?,
        },
    };
    let (items, item) = fields
        .iter()
        .find(|f| f.wire_name == ext.items_field)
        .and_then(|f| match &f.ty {
            TypeRef::List(item) => Some((f, (**item).clone())),
            _ => None,
        })
        .ok_or_else(|| {
            err(format!(
                "`items_field: {}` is not an array field of `{name}`",
                ext.items_field
            ))
        })?;
    let pagination = Pagination {
        next,
        items: (items.ident.clone(), items.repr != FieldRepr::Required),
        item,
    };
    let def = &mut types.types[id.index()];
    match &def.pagination {
        Some(other) if *other != pagination => Err(err(format!(
            "the response type `{}` is paginated differently by another operation",
            def.name
        ))),
        _ => {
            def.pagination = Some(pagination);
            Ok(())
        }
    }
}

/// Resolves `x-sdk-from` (a wire name per type) to a field index, once tags have moved to
/// their unions: the named property must not be nullable, and every other field optional.
/// An optional one is still what `new` takes (the usual way to build the object; the
/// others start unset, and `Default` builds it without).
pub fn from_fields(types: &[TypeDef], from: &[(TypeId, String)]) -> Result<Vec<(TypeId, usize)>> {
    let mut out = Vec::new();
    for (id, wire) in from {
        let def = &types[id.index()];
        let err = |message: String| Error::extension(FROM, &def.pointer, message);
        let TypeKind::Struct { fields, .. } = &def.kind else {
            return Err(err("only objects can be built from one field".into()));
        };
        let index = fields
            .iter()
            .position(|f| &f.wire_name == wire)
            .ok_or_else(|| err(format!("there is no property `{wire}`")))?;
        if !matches!(
            fields[index].repr,
            FieldRepr::Required | FieldRepr::Optional
        ) {
            return Err(err(format!("`{wire}` must not be nullable")));
        }
        if let Some(other) = fields
            .iter()
            .find(|f| f.repr.is_required() && &f.wire_name != wire)
        {
            return Err(err(format!(
                "`{}` is required too, so the object cannot be built from `{wire}` alone",
                other.wire_name
            )));
        }
        out.push((*id, index));
    }
    Ok(out)
}

fn struct_fields(def: Option<&TypeDef>) -> Option<&[crate::ir::Field]> {
    match &def?.kind {
        TypeKind::Struct { fields, .. } => Some(fields),
        _ => None,
    }
}
