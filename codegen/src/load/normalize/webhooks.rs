//! The deliveries of an OpenAPI 3.1 document (`webhooks`) as one type a receiver decodes a
//! delivery into: when every delivery's body is a component object with a property that
//! holds one constant value per delivery (`type: {const: email.sent}`), a component union
//! of them is added, discriminated by that property. The lowering makes it an enum with a
//! variant per delivery and an `Unknown` variant that keeps the raw JSON of deliveries added
//! later. A document whose envelope says how it carries its events (`x-sdk-events`) is left
//! to that extension.

use serde_yaml::{Mapping, Value};

use super::super::grammar;
use super::Pointer;
use crate::warning::Warnings;

const SCHEMAS: &str = "#/components/schemas/";

/// Adds the union of the deliveries, when they have a common tag.
pub(super) fn union(doc: &mut Value, warnings: &mut Warnings) {
    let deliveries = grammar::deliveries(doc);
    if deliveries.is_empty() {
        return;
    }
    let Some(Value::Mapping(schemas)) = doc.get("components").and_then(|c| c.get("schemas")) else {
        return;
    };
    if schemas.values().any(|s| s.get("x-sdk-events").is_some()) {
        return;
    }
    let mut bodies: Vec<String> = Vec::new();
    for (_, body) in deliveries {
        let Some(name) = body.and_then(component_name) else {
            warnings.push(
                Pointer::root().join("webhooks"),
                "a delivery whose body is not a component schema: no type for the deliveries",
            );
            return;
        };
        if !bodies.contains(&name) {
            bodies.push(name);
        }
    }
    if bodies.len() < 2 {
        return; // one body type: the deliveries decode into it, no union needed
    }
    let Some((tag, values)) = common_tag(&bodies, schemas) else {
        warnings.push(
            Pointer::root().join("webhooks"),
            "the deliveries share no property with one constant value each: no type for them",
        );
        return;
    };
    let name = (1..)
        .map(|n| {
            if n == 1 {
                "Webhook".to_owned()
            } else {
                format!("Webhook{n}")
            }
        })
        .find(|n| !schemas.contains_key(n.as_str()))
        .unwrap_or_default();
    let mut mapping = Mapping::new();
    let mut variants = Vec::new();
    for (body, value) in bodies.iter().zip(values) {
        let reference = Value::String(format!("{SCHEMAS}{body}"));
        mapping.insert(value.into(), reference.clone());
        let mut variant = Mapping::new();
        variant.insert("$ref".into(), reference);
        variants.push(Value::Mapping(variant));
    }
    let mut discriminator = Mapping::new();
    discriminator.insert("propertyName".into(), tag.clone().into());
    discriminator.insert("mapping".into(), Value::Mapping(mapping));
    let mut union = Mapping::new();
    union.insert(
        "description".into(),
        format!(
            "One delivery of the API's webhooks, told apart by its `{tag}`. Deliveries this \
             version of the SDK does not know decode as `Unknown`."
        )
        .into(),
    );
    union.insert("oneOf".into(), Value::Sequence(variants));
    union.insert("discriminator".into(), Value::Mapping(discriminator));
    if let Some(Value::Mapping(schemas)) =
        doc.get_mut("components").and_then(|c| c.get_mut("schemas"))
    {
        schemas.insert(name.into(), Value::Mapping(union));
    }
}

/// The component a schema refers to, when it is a reference to one.
fn component_name(schema: &Value) -> Option<String> {
    let name = schema.get("$ref")?.as_str()?.strip_prefix(SCHEMAS)?;
    (!name.contains('/')).then(|| name.to_owned())
}

/// The first property (in the first body's order) that every body has with one constant
/// value, the values all different: the tag, and each body's value.
fn common_tag(bodies: &[String], schemas: &Mapping) -> Option<(String, Vec<String>)> {
    let properties = |body: &str| schemas.get(body).and_then(|s| s.get("properties")).cloned();
    let Some(Value::Mapping(first)) = properties(bodies.first()?) else {
        return None;
    };
    first.keys().filter_map(Value::as_str).find_map(|tag| {
        let values: Option<Vec<String>> = bodies
            .iter()
            .map(|body| constant(properties(body)?.get(tag)?))
            .collect();
        let values = values?;
        let distinct = values
            .iter()
            .enumerate()
            .all(|(i, v)| !values[..i].contains(v));
        distinct.then(|| (tag.to_owned(), values))
    })
}

/// The one string value a schema allows (`const: x`, or `enum: [x]`).
fn constant(schema: &Value) -> Option<String> {
    if let Some(value) = schema.get("const") {
        return value.as_str().map(str::to_owned);
    }
    match schema.get("enum") {
        Some(Value::Sequence(values)) if values.len() == 1 => values[0].as_str().map(str::to_owned),
        _ => None,
    }
}
