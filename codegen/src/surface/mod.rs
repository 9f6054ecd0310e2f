//! Stage 4: the public surface of the generated SDK, one fact per line, for a reviewer.
//!
//! [`of`] reads it off the IR (resources and their methods with signature and route; types
//! with their fields, variants and values); [`markdown`] writes it as `api.md` and reads a
//! committed `api.md` back; [`semver`] classifies the changes between two surfaces.

pub mod markdown;
pub mod semver;

use crate::emit::signature;
use crate::emit::typeref::Imports;
use crate::ir::{Api, FieldRepr, Resource, TypeKind, TypeRef};

/// Everything a caller of the SDK can name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// Methods, grouped by resource accessor path (`client.chats().messages()`), in spec order.
    pub resources: Vec<(String, Vec<Method>)>,
    /// Named types, in spec order.
    pub types: Vec<Type>,
}

/// One method of a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    /// `send`.
    pub name: String,
    /// `send(chat_id, params: MessageSendParams) -> Request<MessageSendResponse, Idempotent>`.
    pub signature: String,
    /// `POST /v3/chats/{chatId}/messages`.
    pub route: String,
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Type {
    /// Rust name.
    pub name: String,
    /// `struct`, `params`, `enum`, `union`, `events` or `alias`.
    pub kind: String,
    /// Whether callers build it (a request type): then a new required field breaks them.
    pub built: bool,
    /// Fields (structs), variants (unions) or values (enums), in order.
    pub members: Vec<Member>,
}

/// A field, variant or enum value of a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Field, variant or value name.
    pub name: String,
    /// The Rust type of a field or of a variant's payload; empty for enum values.
    pub ty: String,
    /// `required` or `optional` for fields; empty otherwise.
    pub presence: String,
}

/// The surface of `api`.
pub fn of(api: &Api) -> Surface {
    let mut imports = Imports::new(api);
    let mut resources = Vec::new();
    let mut stack: Vec<(String, &Resource)> = api
        .resources
        .iter()
        .rev()
        .map(|r| (format!("client.{}()", r.name), r))
        .collect();
    while let Some((path, resource)) = stack.pop() {
        let methods = resource
            .operations
            .iter()
            .map(|&i| {
                let op = &api.operations[i];
                let signature = signature::of(op, &mut imports);
                let args: Vec<String> = signature
                    .args
                    .iter()
                    .map(|(name, ty)| format!("{name}: {}", compact(&ty.to_string())))
                    .collect();
                let ret = compact(&signature.ret.to_string());
                let deprecated = if op.deprecated { " (deprecated)" } else { "" };
                Method {
                    name: op.method_name.clone(),
                    signature: format!("{}({}) -> {ret}", op.method_name, args.join(", ")),
                    route: format!("{} {}{deprecated}", op.method.as_str(), op.path),
                }
            })
            .collect();
        resources.push((path.clone(), methods));
        for child in resource.children.iter().rev() {
            stack.push((format!("{path}.{}()", child.name), child));
        }
    }
    let mut ty = |t: &TypeRef| compact(&imports.ty(t).to_string());
    let types = api
        .types
        .iter()
        .map(|def| {
            let field = |f: &crate::ir::Field, ty: &mut dyn FnMut(&TypeRef) -> String| Member {
                name: f.ident.clone(),
                ty: match f.repr {
                    FieldRepr::Required | FieldRepr::Flatten => ty(&f.ty),
                    FieldRepr::Nullable | FieldRepr::Optional => format!("Option<{}>", ty(&f.ty)),
                    FieldRepr::OptionalNullable => format!("Option<Option<{}>>", ty(&f.ty)),
                },
                presence: if f.repr.is_required() {
                    "required"
                } else {
                    "optional"
                }
                .to_owned(),
            };
            let variant =
                |name: &str, payload: &TypeRef, ty: &mut dyn FnMut(&TypeRef) -> String| Member {
                    name: name.to_owned(),
                    ty: ty(payload),
                    presence: String::new(),
                };
            let (kind, members): (&str, Vec<Member>) = match &def.kind {
                TypeKind::Struct { fields, .. } => {
                    ("struct", fields.iter().map(|f| field(f, &mut ty)).collect())
                }
                TypeKind::QueryParams { fields, .. } => {
                    ("params", fields.iter().map(|f| field(f, &mut ty)).collect())
                }
                TypeKind::StringEnum { values } => (
                    "enum",
                    values
                        .iter()
                        .map(|v| Member {
                            name: v.variant.clone(),
                            ty: String::new(),
                            presence: String::new(),
                        })
                        .collect(),
                ),
                TypeKind::TaggedUnion { variants, .. } => (
                    "union",
                    variants
                        .iter()
                        .map(|v| variant(&v.variant.name, &v.variant.ty, &mut ty))
                        .collect(),
                ),
                TypeKind::EventUnion { variants, .. } => (
                    "events",
                    variants
                        .iter()
                        .map(|v| variant(&v.variant.name, &v.variant.ty, &mut ty))
                        .collect(),
                ),
                TypeKind::UntaggedUnion { variants } => (
                    "union",
                    variants
                        .iter()
                        .map(|v| variant(&v.name, &v.ty, &mut ty))
                        .collect(),
                ),
                TypeKind::Id { .. } => (
                    "id",
                    vec![Member {
                        name: "0".to_owned(),
                        ty: "String".to_owned(),
                        presence: String::new(),
                    }],
                ),
                TypeKind::Alias { target } => (
                    "alias",
                    vec![Member {
                        name: "=".to_owned(),
                        ty: ty(target),
                        presence: String::new(),
                    }],
                ),
            };
            let built = match &def.kind {
                TypeKind::Struct { builder, .. } => builder.is_some(),
                TypeKind::QueryParams { .. } => true,
                _ => false,
            };
            Type {
                name: def.name.clone(),
                kind: kind.to_owned(),
                built,
                members,
            }
        })
        .collect();
    Surface { resources, types }
}

/// Token text as rustfmt would space it: `Option < Vec < String > >` → `Option<Vec<String>>`,
/// `BTreeMap < String , Value >` → `BTreeMap<String, Value>`, `a :: b` → `a::b`.
pub fn compact(tokens: &str) -> String {
    tokens
        .replace(" < ", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" , ", ", ")
        .replace("& ", "&")
        .replace(" :: ", "::")
}
