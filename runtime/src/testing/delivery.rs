//! Webhook deliveries a test can feed to the receiver under test, signed as Standard
//! Webhooks senders sign them.

use reqwest::header::{HeaderMap, HeaderValue};
use serde::Serialize;

use crate::webhooks::Verifier;

/// A webhook delivery: the three Standard Webhooks headers and the body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Delivery {
    /// `webhook-id`, `webhook-timestamp` and `webhook-signature`, plus `content-type`.
    pub headers: HeaderMap,
    /// The event as JSON.
    pub body: Vec<u8>,
}

impl Verifier {
    /// A delivery of `event` (a typed event of the SDK, or any JSON value), signed with this
    /// endpoint's secret, with a fresh `webhook-id` and the current time: what
    /// [`verify`](Self::verify) accepts.
    pub fn delivery(&self, event: &impl Serialize) -> Delivery {
        let id = format!("msg_{:032x}", fastrand::u128(..));
        self.delivery_at(event, &id, jiff::Timestamp::now().as_second())
    }

    /// A delivery of `event` with this `webhook-id` and Unix `timestamp` (seconds): for a
    /// redelivery (the same id twice) or a stale one.
    ///
    /// # Panics
    ///
    /// When `event` does not serialize to JSON, or `id` cannot be a header value.
    pub fn delivery_at(&self, event: &impl Serialize, id: &str, timestamp: i64) -> Delivery {
        let body = serde_json::to_vec(event)
            .unwrap_or_else(|e| panic!("testing: the event does not serialize: {e}"));
        let signature = self.sign(id, timestamp, &body);
        let mut headers = HeaderMap::new();
        let mut set = |name: &'static str, value: String| {
            let value = HeaderValue::from_str(&value)
                .unwrap_or_else(|_| panic!("testing: `{value}` is no header value"));
            headers.insert(name, value);
        };
        set("webhook-id", id.to_owned());
        set("webhook-timestamp", timestamp.to_string());
        set("webhook-signature", signature);
        set("content-type", "application/json".to_owned());
        Delivery { headers, body }
    }
}
