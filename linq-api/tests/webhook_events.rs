//! Typed webhook deliveries: every example delivery (`tests/fixtures/webhooks/`) decodes into
//! `WebhookEvent` with the variant its `event_type` names, loses no field, and re-encodes to
//! the same JSON; unknown event types keep their raw payload; both message payload versions
//! answer the same questions; `Webhooks::unwrap` verifies, then decodes.

mod common;

use jiff::Timestamp;
use linq_api::types::{WebhookEvent, WebhookEventData};
use linq_api::webhooks::{HeaderMap, WebhookError, Webhooks};
use linq_api::Error;
use serde_json::{json, Value};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7Jxx2Oll+OE=";

fn fixtures() -> Vec<(String, Value)> {
    let dir = common::fixture_path("webhooks");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.len() >= 36, "{names:?}");
    names
        .into_iter()
        .map(|name| {
            let value = common::fixture(&format!("webhooks/{name}"));
            (name, value)
        })
        .collect()
}

/// Paths of `original` holding a non-null value that `reencoded` lacks.
fn dropped(original: &Value, reencoded: &Value, at: &str, out: &mut Vec<String>) {
    match (original, reencoded) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    None if !value.is_null() => out.push(format!("{at}.{key}")),
                    Some(other) => dropped(value, other, &format!("{at}.{key}"), out),
                    None => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                dropped(x, y, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_example_delivery_decodes_into_the_variant_of_its_event_type() {
    let mut failures = Vec::new();
    for (name, fixture) in fixtures() {
        let event: WebhookEvent = match serde_json::from_value(fixture.clone()) {
            Ok(event) => event,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        if event.data.event_type() != fixture["event_type"] {
            failures.push(format!("{name}: decoded as {}", event.data.event_type()));
        }
        let opaque = name.starts_with("call.");
        if matches!(event.data, WebhookEventData::Unknown { .. }) && !opaque {
            failures.push(format!("{name}: decoded as Unknown"));
        }
        let reencoded = serde_json::to_value(&event).unwrap();
        let mut lost = Vec::new();
        dropped(&fixture, &reencoded, "", &mut lost);
        if !lost.is_empty() {
            failures.push(format!("{name}: fields lost: {lost:?}"));
        }
        let again: WebhookEvent = serde_json::from_value(reencoded).unwrap();
        if again != event {
            failures.push(format!("{name}: does not round-trip"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_event_type_this_sdk_does_not_know_keeps_its_raw_payload() {
    let mut body = common::fixture("webhooks/chat.typing_indicator.started.json");
    body["event_type"] = json!("chat.teleported");
    body["data"] = json!({"to": "mars"});
    let event: WebhookEvent = serde_json::from_value(body.clone()).unwrap();
    let WebhookEventData::Unknown { event_type, data } = &event.data else {
        panic!("{:?}", event.data);
    };
    assert_eq!(event_type, "chat.teleported");
    assert_eq!(data, &json!({"to": "mars"}));
    assert_eq!(
        serde_json::to_value(&event).unwrap(),
        body,
        "and writes it back as it came"
    );
}

#[test]
fn both_message_payload_versions_answer_the_same_questions() {
    let v2: WebhookEvent =
        serde_json::from_value(common::fixture("webhooks/message.received.json")).unwrap();
    let v1: WebhookEvent =
        serde_json::from_value(common::fixture("webhooks/message.received.v1.json")).unwrap();
    for event in [&v2, &v1] {
        let WebhookEventData::MessageReceived(message) = &event.data else {
            panic!("{:?}", event.data);
        };
        assert!(message.message_id().is_some(), "{}", event.webhook_version);
        assert!(message.chat_id().is_some());
        assert!(!message.parts().is_empty());
        assert_eq!(
            message.is_inbound(),
            Some(true),
            "a received message is inbound"
        );
        assert!(message.sender().is_some());
        assert!(message.service().is_some());
    }
}

fn signed(body: &[u8], at: i64) -> HeaderMap {
    let signature = Webhooks::new(SECRET).unwrap().sign("msg_1", at, body);
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", "msg_1".parse().unwrap());
    headers.insert("webhook-timestamp", at.to_string().parse().unwrap());
    headers.insert("webhook-signature", signature.parse().unwrap());
    headers
}

#[test]
fn unwrap_verifies_then_decodes() {
    let body = common::fixture_text("webhooks/reaction.added.json");
    let at = 1_780_000_000;
    let event = Webhooks::new(SECRET)
        .unwrap()
        .unwrap_at(
            &signed(body.as_bytes(), at),
            body.as_bytes(),
            Timestamp::from_second(at).unwrap(),
        )
        .unwrap();
    assert!(matches!(event.data, WebhookEventData::ReactionAdded(_)));
}

#[test]
fn unwrap_rejects_a_tampered_delivery_before_decoding_it() {
    let body = common::fixture_text("webhooks/reaction.added.json");
    let at = 1_780_000_000;
    let headers = signed(body.as_bytes(), at);
    let tampered = body.replace("reaction", "reactiom");
    let error = Webhooks::new(SECRET)
        .unwrap()
        .unwrap_at(
            &headers,
            tampered.as_bytes(),
            Timestamp::from_second(at).unwrap(),
        )
        .unwrap_err();
    assert!(
        matches!(error, Error::Webhook(WebhookError::NoMatchingSignature)),
        "{error:?}"
    );
}

#[test]
fn a_genuine_delivery_that_does_not_decode_names_the_json_path() {
    let mut body = common::fixture("webhooks/message.received.json");
    body["created_at"] = json!("yesterday");
    let body = serde_json::to_vec(&body).unwrap();
    let at = 1_780_000_000;
    let error = Webhooks::new(SECRET)
        .unwrap()
        .unwrap_at(
            &signed(&body, at),
            &body,
            Timestamp::from_second(at).unwrap(),
        )
        .unwrap_err();
    match error {
        Error::Webhook(WebhookError::Malformed { json_path, .. }) => {
            assert_eq!(json_path, "created_at")
        }
        other => panic!("{other:?}"),
    }
}
