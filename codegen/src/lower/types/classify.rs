//! What a schema is, decided once: whether it needs a named type of its own, and which.
//! Both [`super::TypeBuilder::inline`] and [`super::TypeBuilder::kind`] read the answer.

use std::borrow::Cow;

use openapiv3::{
    AdditionalProperties, AnySchema, Discriminator, IntegerFormat, NumberFormat, ObjectType,
    ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::ir::Primitive;

/// The shape of a schema.
pub enum Shape<'s> {
    /// Written in place where it is used: a primitive or a container.
    Inline(Inline<'s>),
    /// Needs a named type wherever it is used.
    Named(Named<'s>),
}

/// A schema that needs no type of its own.
pub enum Inline<'s> {
    /// A scalar.
    Primitive(Primitive),
    /// An array of `items` (of any JSON value when absent).
    List(Option<&'s ReferenceOr<Box<Schema>>>),
    /// An object without properties: a map of `additionalProperties`.
    Map(Option<&'s AdditionalProperties>),
    /// `oneOf`/`anyOf`/`allOf` of one schema and no discriminator: that schema, in place.
    /// (A component schema written this way is a union or a merged object.)
    Wrapper {
        /// `oneOf`, `anyOf` or `allOf`.
        keyword: &'static str,
        /// The one schema.
        items: &'s [ReferenceOr<Schema>],
    },
    /// Any JSON value (no keyword at all).
    Json,
}

/// A schema that needs a named type.
pub enum Named<'s> {
    /// A string with `enum` values (`null` left out).
    StringEnum(Vec<&'s str>),
    /// An object with properties.
    Object(Cow<'s, ObjectType>),
    /// `oneOf`/`anyOf`: a tagged union with a discriminator, else an untagged one.
    Union {
        /// `oneOf` or `anyOf`.
        keyword: &'static str,
        /// The variants.
        items: &'s [ReferenceOr<Schema>],
        /// The discriminator, if any.
        discriminator: Option<&'s Discriminator>,
    },
    /// `allOf` of several schemas: one merged object.
    AllOf(&'s [ReferenceOr<Schema>]),
    /// A construct the generator does not handle, and why.
    Unsupported(&'static str),
}

/// The shape of `schema`.
pub fn classify(schema: &Schema) -> Shape<'_> {
    let discriminator = schema.schema_data.discriminator.as_ref();
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => Shape::Named(
            Named::StringEnum(s.enumeration.iter().flatten().map(String::as_str).collect()),
        ),
        SchemaKind::Type(Type::String(s)) => {
            Shape::Inline(Inline::Primitive(string_primitive(&s.format)))
        }
        SchemaKind::Type(Type::Integer(i)) => Shape::Inline(Inline::Primitive(match i.format {
            VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Primitive::I32,
            _ => Primitive::I64,
        })),
        SchemaKind::Type(Type::Number(n)) => Shape::Inline(Inline::Primitive(match n.format {
            VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Primitive::F32,
            _ => Primitive::F64,
        })),
        SchemaKind::Type(Type::Boolean(_)) => Shape::Inline(Inline::Primitive(Primitive::Bool)),
        SchemaKind::Type(Type::Array(array)) => Shape::Inline(Inline::List(array.items.as_ref())),
        SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
            Shape::Inline(Inline::Map(object.additional_properties.as_ref()))
        }
        SchemaKind::Type(Type::Object(object)) => {
            Shape::Named(Named::Object(Cow::Borrowed(object)))
        }
        SchemaKind::OneOf { one_of: items }
        | SchemaKind::AnyOf { any_of: items }
        | SchemaKind::AllOf { all_of: items }
            if items.len() == 1 && discriminator.is_none() =>
        {
            Shape::Inline(Inline::Wrapper {
                keyword: keyword(&schema.schema_kind),
                items,
            })
        }
        SchemaKind::OneOf { one_of: items } | SchemaKind::AnyOf { any_of: items } => {
            Shape::Named(Named::Union {
                keyword: keyword(&schema.schema_kind),
                items,
                discriminator,
            })
        }
        SchemaKind::AllOf { all_of } => Shape::Named(Named::AllOf(all_of)),
        SchemaKind::Not { .. } => Shape::Named(Named::Unsupported("`not` schemas")),
        SchemaKind::Any(any) if is_empty_any(any) => Shape::Inline(Inline::Json),
        SchemaKind::Any(any)
            if !any.properties.is_empty() && any.typ.as_deref().is_none_or(|t| t == "object") =>
        {
            Shape::Named(Named::Object(Cow::Owned(ObjectType {
                properties: any.properties.clone(),
                required: any.required.clone(),
                additional_properties: any.additional_properties.clone(),
                min_properties: any.min_properties,
                max_properties: any.max_properties,
            })))
        }
        SchemaKind::Any(_) => Shape::Named(Named::Unsupported(
            "a schema mixing keywords of several types (no single `type`)",
        )),
    }
}

fn string_primitive(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Primitive {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Primitive::Timestamp,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Primitive::Date,
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => Primitive::Uuid,
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Primitive::File,
        _ => Primitive::String,
    }
}

fn is_empty_any(any: &AnySchema) -> bool {
    any.typ.is_none()
        && any.properties.is_empty()
        && any.one_of.is_empty()
        && any.all_of.is_empty()
        && any.any_of.is_empty()
        && any.not.is_none()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.format.is_none()
}

fn keyword(kind: &SchemaKind) -> &'static str {
    match kind {
        SchemaKind::OneOf { .. } => "oneOf",
        SchemaKind::AnyOf { .. } => "anyOf",
        _ => "allOf",
    }
}
