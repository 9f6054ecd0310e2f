//! `x-sdk-events` on an envelope object: one of its properties names the event (the tag) and
//! another holds the event's payload, whose schema depends on the tag. The envelope keeps its
//! other fields and gains a flattened field holding an event union: a variant per listed
//! event with its payload type (raw JSON where the spec gives none), and `Unknown` for the
//! rest.
//!
//! ```yaml
//! x-sdk-events:
//!   tag: event_type          # the property naming the event
//!   payload: data            # the property holding the payload
//!   types:                   # event -> payload component schema name, or null
//!     message.sent: MessageEvent
//!     call.initiated: null
//! ```
//!
//! Without `types`, the events are the document's `webhooks` (OpenAPI 3.1) whose request
//! body is the envelope: `$ref` to it (a payload kept as raw JSON), or an `allOf` of it and
//! a part that gives the payload property's schema and the tag's `const` (see
//! [`webhooks`]).

use serde_json::Value;

use super::{Site, TypeBuilder};
use crate::error::{Error, Result};
use crate::ir::{Field, FieldRepr, Primitive, TaggedVariant, TypeId, TypeKind, TypeRef, Variant};
use crate::lower::naming::unique_variants;

mod webhooks;

const EVENTS: &str = "x-sdk-events";

impl TypeBuilder<'_> {
    /// Rebuilds the envelope `id`, whose kind is `kind`, around its event union when the
    /// schema carries `x-sdk-events`.
    pub(super) fn events(
        &mut self,
        id: TypeId,
        extension: &Value,
        kind: TypeKind,
        site: &Site,
    ) -> Result<TypeKind> {
        let err = |message: String| Error::extension(EVENTS, &site.pointer, message);
        let text = |key: &str| {
            extension
                .get(key)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| err(format!("needs a string `{key}`")))
        };
        let (tag, payload) = (text("tag")?, text("payload")?);
        let TypeKind::Struct {
            mut fields,
            additional,
            builder,
        } = kind
        else {
            return Err(err("only an object can carry events".into()));
        };
        let mut take = |wire: &str| match fields.iter().position(|f| f.wire_name == wire) {
            Some(i) => Ok(fields.remove(i)),
            None => Err(err(format!("the envelope has no property `{wire}`"))),
        };
        let tag_field = take(tag)?;
        let payload_field = take(payload)?;
        // The event list in spec order: from the raw YAML, since the parsed extension is a
        // JSON object that sorts its keys.
        let types_at = site.pointer.join(EVENTS).join("types");
        let types: Vec<(String, Option<String>)> = match self.spec.raw_at(&types_at) {
            Some(serde_yaml::Value::Mapping(map)) if !map.is_empty() => map
                .iter()
                .map(|(event, schema)| {
                    let event = event
                        .as_str()
                        .ok_or_else(|| err("`types` keys must be event names (strings)".into()))?;
                    let schema = match schema {
                        serde_yaml::Value::Null => None,
                        serde_yaml::Value::String(name) => Some(name.clone()),
                        _ => {
                            return Err(err(format!(
                                "`{event}`: give a component schema name, or null for raw JSON"
                            )))
                        }
                    };
                    Ok((event.to_owned(), schema))
                })
                .collect::<Result<_>>()?,
            None if extension.get("types").is_none() => {
                let envelope = site.pointer.tokens().last().unwrap_or_default();
                let events = self.webhook_events(&envelope, tag, payload);
                if events.is_empty() {
                    return Err(err(format!(
                        "needs `types` (a map of event to payload schema name), or `webhooks` \
                         whose request bodies are `{envelope}`"
                    )));
                }
                events
            }
            _ => {
                return Err(err(
                    "needs `types`: a map of event to payload schema name".into()
                ))
            }
        };
        let names = unique_variants(types.iter().map(|(e, _)| e.as_str()), &["Unknown"]);
        let mut variants = Vec::new();
        for ((event, schema), name) in types.iter().zip(names) {
            let ty = match schema {
                None => TypeRef::Primitive(Primitive::Json),
                Some(component) => match self.components.get(component.as_str()) {
                    Some(id) => TypeRef::Named(*id),
                    None => {
                        return Err(err(format!(
                            "`{event}`: `{component}` is not a component schema"
                        )))
                    }
                },
            };
            variants.push(TaggedVariant {
                tag_value: event.clone(),
                variant: Variant {
                    name,
                    ty,
                    boxed: false,
                    doc: format!("`{event}`."),
                },
            });
        }
        let envelope = self.types[id.index()].name.clone();
        let doc = format!(
            "The event a `{envelope}` carries: its `{tag}` and its `{payload}`, typed by \
             event. Events this version of the SDK does not know decode as `Unknown`."
        );
        let kind = TypeKind::EventUnion {
            tag: (tag.to_owned(), tag_field.ident.clone()),
            payload: (payload.to_owned(), payload_field.ident.clone()),
            tag_doc: format!("The event's `{tag}`."),
            variants,
        };
        // The payload's own schema (the `oneOf` validators read) was given a type named after
        // the property; the event union takes its place and its name. A payload that is a
        // component keeps it, and the union gets a name of its own.
        let is_component = |ty: &TypeRef| {
            ty.named()
                .is_some_and(|t| self.components.values().any(|c| *c == t))
        };
        let union = match payload_field.ty {
            TypeRef::Named(inline) if !is_component(&payload_field.ty) => {
                let def = &mut self.types[inline.index()];
                def.kind = kind;
                def.doc = doc;
                inline
            }
            _ => {
                let name = self.names.claim_numbered(
                    &format!("{envelope}Data"),
                    &format!("the events of `{envelope}`"),
                );
                let union_site = Site {
                    name,
                    ..site.clone()
                };
                self.push(&union_site, Some(doc), kind)
            }
        };
        fields.push(Field {
            ident: payload_field.ident,
            wire_name: payload.to_owned(),
            ty: TypeRef::Named(union),
            repr: FieldRepr::Flatten,
            boxed: false,
            deprecated: false,
            doc: format!("The event: its `{tag}` and its `{payload}`, as one value to match on."),
            setter: None,
        });
        Ok(TypeKind::Struct {
            fields,
            additional,
            builder,
        })
    }
}
