//! Arbitrary bytes decoded as every response type of the SDK (the generated table's, plus
//! the error envelope and webhook deliveries): decoding never panics, and whatever decodes re-encodes to JSON that
//! decodes again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linq_api::types::{ErrorResponse, WebhookEvent};
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
    macro_rules! each {
        ($id:literal, $ty:ty) => {
            round_trip::<$ty>(data);
        };
    }
    linq_api::for_each_response_type!(each);
    round_trip::<ErrorResponse>(data);
    round_trip::<WebhookEvent>(data);
});
