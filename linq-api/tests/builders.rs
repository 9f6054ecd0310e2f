//! Params built in Rust serialize to exactly the JSON the API documents.

use linq_api::types::{
    ChatUpdateParams, MessageContent, MessageContentPart, MessageSendParams, ServiceType, TextPart,
};
use serde_json::json;

#[test]
fn a_string_is_a_text_part() {
    let content = MessageContent::new(["Hello!"]);
    assert_eq!(
        serde_json::to_value(&content).unwrap(),
        json!({"parts": [{"type": "text", "value": "Hello!"}]})
    );
    assert_eq!(
        MessageContentPart::from("Hi"),
        MessageContentPart::Text(TextPart::new("Hi"))
    );
}

#[test]
fn optional_fields_are_left_out_until_set() {
    let params =
        MessageSendParams::new(MessageContent::new(["Hi"]).preferred_service(ServiceType::Sms));
    assert_eq!(
        serde_json::to_value(&params).unwrap(),
        json!({"message": {"parts": [{"type": "text", "value": "Hi"}], "preferred_service": "SMS"}})
    );
    assert_eq!(
        serde_json::to_value(ChatUpdateParams::new()).unwrap(),
        json!({})
    );
}

#[test]
fn parts_of_different_types_mix_through_the_union() {
    let content = MessageContent::new([
        MessageContentPart::from("caption"),
        TextPart::new("second").into(),
    ]);
    assert_eq!(content.parts.map(|p| p.len()), Some(2));
}
