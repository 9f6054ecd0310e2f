//! Arbitrary bytes decoded as every response type of the SDK: decoding never panics, and
//! whatever decodes re-encodes to JSON that decodes again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linq_api::types::{
    AcceptedResponse, Chat, ChatCreateResponse, ChatListChatsResponse, ChatSendVoicememoResponse,
    ChatUpdateResponse, ErrorResponse, MessageCreateResponse, MessageListResponse,
    MessageSendResponse,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn round_trip<T: DeserializeOwned + Serialize>(data: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(data) {
        let encoded = serde_json::to_vec(&value).expect("a decoded value re-encodes");
        if let Err(e) = serde_json::from_slice::<T>(&encoded) {
            panic!(
                "re-encoded {} does not decode: {e}\n{}",
                std::any::type_name::<T>(),
                String::from_utf8_lossy(&encoded)
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    round_trip::<ChatCreateResponse>(data);
    round_trip::<ChatListChatsResponse>(data);
    round_trip::<Chat>(data);
    round_trip::<ChatUpdateResponse>(data);
    round_trip::<AcceptedResponse>(data);
    round_trip::<ChatSendVoicememoResponse>(data);
    round_trip::<MessageSendResponse>(data);
    round_trip::<MessageListResponse>(data);
    round_trip::<MessageCreateResponse>(data);
    round_trip::<ErrorResponse>(data);
});
