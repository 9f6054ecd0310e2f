//! Verifying Linq's webhook deliveries: the Standard Webhooks scheme. Linq signs
//! `{webhook-id}.{webhook-timestamp}.{raw body}` with HMAC-SHA256 under your endpoint's secret
//! and sends `v1,<base64>` entries in `webhook-signature`; a delivery is genuine when one entry
//! matches and its timestamp is within the tolerance (5 minutes by default) of now.
//!
//! [`Webhooks::unwrap`] verifies and decodes a delivery into a typed
//! [`WebhookEvent`] in one call:
//!
//! ```no_run
//! # fn handle(headers: &linq_api::webhooks::HeaderMap, body: &[u8]) -> linq_api::Result<()> {
//! let webhooks = linq_api::webhooks::Webhooks::from_env()?; // reads LINQ_WEBHOOK_SECRET
//! let event = webhooks.unwrap(headers, body)?;
//! println!("{} {}", event.event_id, event.data.event_type());
//! # Ok(()) }
//! ```

use std::time::Duration;

use codegen_runtime::webhooks::Verifier;
pub use codegen_runtime::webhooks::{HeaderMap, WebhookError, DEFAULT_TOLERANCE};
use jiff::Timestamp;

#[cfg(feature = "test-util")]
use serde::Serialize;

#[cfg(feature = "test-util")]
use crate::testing::Delivery;
use crate::types::WebhookEvent;
use crate::Result;

/// The environment variable [`Webhooks::from_env`] reads the secret from.
pub const WEBHOOK_SECRET_ENV: &str = "LINQ_WEBHOOK_SECRET";

/// Verifies webhook deliveries with one endpoint's secret. The secret never appears in
/// `Debug` output or in errors.
#[derive(Debug, Clone)]
pub struct Webhooks {
    verifier: Verifier,
}

impl Webhooks {
    /// A verifier for `secret` as Linq shows it (`whsec_` + base64), or the base64 alone.
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        Verifier::new(secret).map(|verifier| Webhooks { verifier })
    }

    /// A verifier for the secret in `LINQ_WEBHOOK_SECRET`.
    pub fn from_env() -> Result<Self, WebhookError> {
        Verifier::from_env_var(WEBHOOK_SECRET_ENV).map(|verifier| Webhooks { verifier })
    }

    /// How far a delivery's timestamp may be from now, either way (default 5 minutes).
    pub fn tolerance(self, tolerance: Duration) -> Self {
        Webhooks {
            verifier: self.verifier.tolerance(tolerance),
        }
    }

    /// Checks that `body` (the raw bytes, as received) was signed by Linq with this secret
    /// within the tolerance of now.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        self.verifier.verify(headers, body)
    }

    /// [`verify`](Self::verify) as if the time were `now`.
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: Timestamp,
    ) -> Result<(), WebhookError> {
        self.verifier.verify_at(headers, body, now)
    }

    /// The `webhook-signature` entry (`v1,<base64>`) this secret gives `body` sent as
    /// delivery `id` at `timestamp` (Unix seconds): for testing your own webhook handler.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        self.verifier.sign(id, timestamp, body)
    }

    /// Verifies a delivery (as [`verify`](Self::verify)) and decodes its body.
    ///
    /// ```no_run
    /// # fn handle(headers: &linq_api::webhooks::HeaderMap, body: &[u8]) -> linq_api::Result<()> {
    /// use linq_api::types::WebhookEventData;
    ///
    /// let event = linq_api::webhooks::Webhooks::from_env()?.unwrap(headers, body)?;
    /// match &event.data {
    ///     WebhookEventData::MessageReceived(message) => {
    ///         println!("{} parts from {:?}", message.parts().len(), message.sender());
    ///     }
    ///     other => println!("{} ignored", other.event_type()),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn unwrap(&self, headers: &HeaderMap, body: &[u8]) -> Result<WebhookEvent> {
        self.verify(headers, body)?;
        decode(body)
    }

    /// [`unwrap`](Self::unwrap) as if the time were `now`.
    pub fn unwrap_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: Timestamp,
    ) -> Result<WebhookEvent> {
        self.verify_at(headers, body, now)?;
        decode(body)
    }
}

/// Test deliveries (the `test-util` feature).
#[cfg(feature = "test-util")]
impl Webhooks {
    /// A delivery of `event` (a [`WebhookEvent`], or any JSON value), signed with this
    /// endpoint's secret, with a fresh `webhook-id` and the current time: what
    /// [`Webhooks::unwrap`] accepts.
    pub fn delivery(&self, event: &impl Serialize) -> Delivery {
        self.verifier.delivery(event)
    }

    /// A delivery of `event` with this `webhook-id` and Unix `timestamp` (seconds): for a
    /// redelivery (the same id twice) or a stale one.
    ///
    /// # Panics
    ///
    /// When `event` does not serialize to JSON, or `id` cannot be a header value.
    pub fn delivery_at(&self, event: &impl Serialize, id: &str, timestamp: i64) -> Delivery {
        self.verifier.delivery_at(event, id, timestamp)
    }
}

/// Decodes a verified body, naming the JSON path of the first value that does not fit.
fn decode(body: &[u8]) -> Result<WebhookEvent> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        WebhookError::Malformed {
            json_path: e.path().to_string(),
            message: e.inner().to_string(),
        }
        .into()
    })
}
