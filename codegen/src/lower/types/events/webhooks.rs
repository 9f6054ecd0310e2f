//! The events of an envelope, read from the document's standard `webhooks` (OpenAPI 3.1):
//! a delivery whose request body is the envelope is one event.
//!
//! ```yaml
//! webhooks:
//!   message.sent:                # the event, unless the tag's `const` says otherwise
//!     post:
//!       requestBody:
//!         content:
//!           application/json:
//!             schema:
//!               allOf:
//!                 - $ref: '#/components/schemas/WebhookEvent'   # the envelope
//!                 - properties:
//!                     event_type: {const: message.sent}        # the tag
//!                     data: {$ref: '#/components/schemas/MessageEvent'}  # the payload
//! ```
//!
//! A body that is the envelope alone, or whose payload property is not a component
//! reference, is an event whose payload stays raw JSON.

use serde_yaml::Value;

use super::super::TypeBuilder;

impl TypeBuilder<'_> {
    /// The `(event, payload component)` pairs of the webhooks whose body is the component
    /// schema `envelope`, in spec order.
    pub(in crate::lower::types) fn webhook_events(
        &self,
        envelope: &str,
        tag: &str,
        payload: &str,
    ) -> Vec<(String, Option<String>)> {
        let envelope_ref = format!("#/components/schemas/{envelope}");
        let is_envelope =
            |schema: &Value| schema.get("$ref").and_then(Value::as_str) == Some(&envelope_ref);
        let mut events = Vec::new();
        for (name, body) in self.spec.deliveries() {
            let Some(schema) = body else {
                continue;
            };
            if is_envelope(schema) {
                events.push((name.to_owned(), None));
                continue;
            }
            let Some(Value::Sequence(parts)) = schema.get("allOf") else {
                continue;
            };
            if !parts.iter().any(is_envelope) {
                continue;
            }
            let property = |key: &str| {
                parts
                    .iter()
                    .filter(|p| !is_envelope(p))
                    .find_map(|p| p.get("properties").and_then(|props| props.get(key)))
            };
            let event = property(tag)
                .and_then(|t| t.get("enum").or_else(|| t.get("const")))
                .and_then(|v| match v {
                    Value::Sequence(values) => values.first().and_then(Value::as_str),
                    other => other.as_str(),
                })
                .unwrap_or(name);
            let component = property(payload)
                .and_then(|p| p.get("$ref"))
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .map(str::to_owned);
            events.push((event.to_owned(), component));
        }
        events
    }
}
