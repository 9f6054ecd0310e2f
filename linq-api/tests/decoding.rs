//! Responses decode leniently where the API may grow (unknown enum values, unknown part
//! types, extra fields) and strictly where it must not (a decode error names the JSON path).

mod common;

use linq_api::types::{
    ChatListChatsResponse, DeliveryStatus, MessagePartResponse, SentMessage, ServiceType,
};
use linq_api::Error;
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

fn sent_message() -> Value {
    common::fixture("responses/chats.messages.send.202.json")["message"].clone()
}

#[test]
fn an_unknown_enum_value_decodes_to_unknown_and_round_trips() {
    let mut message = sent_message();
    message["delivery_status"] = json!("teleported");
    let decoded: SentMessage = serde_json::from_value(message).unwrap();
    assert_eq!(
        decoded.delivery_status,
        DeliveryStatus::Unknown("teleported".into())
    );
    assert_eq!(
        serde_json::to_value(&decoded).unwrap()["delivery_status"],
        "teleported"
    );
    assert_eq!(ServiceType::from("iMessage"), ServiceType::IMessage);
    assert_eq!(ServiceType::IMessage.to_string(), "iMessage");
}

#[test]
fn an_unknown_part_type_is_kept_as_raw_json() {
    let mut message = sent_message();
    let part = json!({"type": "hologram", "value": "hi", "angle": 90});
    message["parts"] = json!([part.clone()]);
    let decoded: SentMessage = serde_json::from_value(message).unwrap();
    match &decoded.parts[0] {
        MessagePartResponse::Unknown(raw) => assert_eq!(raw, &part),
        other => panic!("decoded as {other:?}"),
    }
    assert_eq!(decoded.parts[0].tag(), Some("hologram"));
    assert_eq!(serde_json::to_value(&decoded).unwrap()["parts"][0], part);
}

#[test]
fn a_known_part_type_keeps_its_tag_on_re_encoding() {
    let decoded: SentMessage = serde_json::from_value(sent_message()).unwrap();
    let first = &sent_message()["parts"][0];
    assert_eq!(decoded.parts[0].tag(), first["type"].as_str());
    assert_eq!(
        serde_json::to_value(&decoded.parts[0]).unwrap()["type"],
        first["type"]
    );
}

#[test]
fn extra_fields_are_ignored() {
    let mut page = common::fixture("responses/chats.list_chats.200.json");
    page["brand_new_field"] = json!({"nested": [1, 2, 3]});
    page["chats"][0]["another_new_field"] = json!(true);
    let decoded: ChatListChatsResponse = serde_json::from_value(page).unwrap();
    assert!(!decoded.chats.is_empty());
}

#[tokio::test]
async fn a_decode_error_names_the_json_path_and_shows_the_body() {
    let server = common::server().await;
    let mut page = common::fixture("responses/chats.list_chats.200.json");
    page["chats"][0]["handles"][0]["joined_at"] = json!("not a timestamp");
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&page))
        .mount(&server)
        .await;
    let error = common::client(&server)
        .chats()
        .list_chats(Default::default())
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("not a decode error: {error:?}")
    };
    assert_eq!(decode.json_path, "chats[0].handles[0].joined_at");
    assert!(decode.snippet.starts_with('{'), "{}", decode.snippet);
    assert!(
        error.to_string().contains("chats[0].handles[0].joined_at"),
        "{error}"
    );
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_not_a_panic() {
    let server = common::server().await;
    let text = common::fixture_text("responses/chats.retrieve.200.json");
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(text[..text.len() / 2].to_owned(), "application/json"),
        )
        .mount(&server)
        .await;
    let error = common::client(&server)
        .chats()
        .retrieve(common::CHAT_ID)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[test]
fn a_chat_decodes_when_the_api_drops_its_deprecated_fields() {
    let mut chat = common::fixture("responses/chats.retrieve.200.json");
    let fields = chat.as_object_mut().unwrap();
    assert!(
        fields.contains_key("is_archived"),
        "the fixture has it today"
    );
    fields.remove("is_archived");
    let decoded: linq_api::types::Chat = serde_json::from_value(chat).unwrap();
    #[allow(deprecated)]
    let archived = decoded.is_archived;
    assert_eq!(archived, None);
}

#[test]
fn a_message_decodes_when_the_api_drops_its_deprecated_fields() {
    let mut message = common::fixture("responses/messages.retrieve.200.json");
    let fields = message.as_object_mut().unwrap();
    for deprecated in ["is_delivered", "is_read", "from"] {
        fields.remove(deprecated);
    }
    let decoded: linq_api::types::Message = serde_json::from_value(message).unwrap();
    #[allow(deprecated)]
    let gone = (decoded.is_delivered, decoded.is_read, decoded.from);
    assert_eq!(gone, (None, None, None));
}

#[tokio::test]
async fn an_operation_documented_without_a_body_ignores_the_body_the_server_sends() {
    let server = common::server().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "ok"})))
        .mount(&server)
        .await;
    let response = common::client(&server)
        .chats()
        .mark_as_read(common::CHAT_ID)
        .send_with_response()
        .await
        .expect("the call succeeded, whatever the body says");
    assert_eq!(
        response.raw_body,
        &br#"{"status":"ok"}"#[..],
        "the body stays readable as it came"
    );
}
