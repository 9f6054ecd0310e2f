//! Verifying webhook deliveries by the Standard Webhooks scheme: the sender signs
//! `{webhook-id}.{webhook-timestamp}.{raw body}` with HMAC-SHA256 under the endpoint's secret
//! and sends `v1,<base64>` entries in `webhook-signature`; a delivery is genuine when one entry
//! matches and its timestamp is within the tolerance (5 minutes by default) of now.
//!
//! An SDK's own `webhooks` module wraps a [`Verifier`] with its secret's environment
//! variable and its typed events.

use std::fmt;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use jiff::Timestamp;
use sha2::Sha256;

/// The header map of `http` 1.x, which axum, hyper, reqwest and actix (through `http`) use.
pub use reqwest::header::HeaderMap;

/// How far a delivery's timestamp may be from now, either way, unless configured otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// The prefix Standard Webhooks secrets are shown with.
const SECRET_PREFIX: &str = "whsec_";

type HmacSha256 = Hmac<Sha256>;

/// Why a delivery was rejected. Each case is its own variant, so a handler can log or count
/// them apart; none of them carries the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret is not `whsec_` + base64 (or base64 alone).
    #[error("the webhook secret is not `whsec_` followed by base64: {0}")]
    InvalidSecret(&'static str),
    /// The environment variable that should hold the secret is not set.
    #[error("the environment variable {0} is not set")]
    NoSecret(&'static str),
    /// A required header is absent (or not text).
    #[error("the delivery has no `{0}` header")]
    MissingHeader(&'static str),
    /// `webhook-timestamp` is not whole Unix seconds.
    #[error("the `webhook-timestamp` header is not a Unix time in seconds")]
    MalformedTimestamp,
    /// The delivery was signed longer ago than the tolerance: possibly a replay.
    #[error("the delivery's timestamp is more than {tolerance:?} old")]
    TooOld {
        /// The tolerance it exceeded.
        tolerance: Duration,
    },
    /// The delivery's timestamp is further in the future than the tolerance.
    #[error("the delivery's timestamp is more than {tolerance:?} in the future")]
    TooNew {
        /// The tolerance it exceeded.
        tolerance: Duration,
    },
    /// No `v1` signature in `webhook-signature` matches the body under this secret.
    #[error("no signature of the delivery matches its body under this secret")]
    NoMatchingSignature,
    /// A genuine delivery whose body does not decode as an event.
    #[error("the delivery's body does not decode at `{json_path}`: {message}")]
    Malformed {
        /// JSON path of the value that failed.
        json_path: String,
        /// What was wrong there.
        message: String,
    },
}

/// Verifies webhook deliveries with one endpoint's secret. The secret never appears in
/// `Debug` output or in errors.
#[derive(Clone)]
pub struct Verifier {
    /// HMAC-SHA256 keyed with the secret, cloned for each delivery.
    keyed: HmacSha256,
    tolerance: Duration,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secret", &"[redacted]")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl Verifier {
    /// A verifier for `secret` as Standard Webhooks shows it (`whsec_` + base64), or the
    /// base64 alone.
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        let encoded = secret.trim();
        let encoded = encoded.strip_prefix(SECRET_PREFIX).unwrap_or(encoded);
        if encoded.is_empty() {
            return Err(WebhookError::InvalidSecret("it is empty"));
        }
        let key = STANDARD
            .decode(encoded)
            .map_err(|_| WebhookError::InvalidSecret("it is not valid base64"))?;
        let keyed = HmacSha256::new_from_slice(&key)
            .map_err(|_| WebhookError::InvalidSecret("HMAC cannot use it as a key"))?;
        Ok(Verifier {
            keyed,
            tolerance: DEFAULT_TOLERANCE,
        })
    }

    /// A verifier for the secret in the environment variable `name`.
    pub fn from_env_var(name: &'static str) -> Result<Self, WebhookError> {
        let secret = std::env::var(name).map_err(|_| WebhookError::NoSecret(name))?;
        Verifier::new(&secret)
    }

    /// How far a delivery's timestamp may be from now, either way (default 5 minutes).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks that `body` (the raw bytes, as received) was signed with this secret
    /// within the tolerance of now.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        self.verify_at(headers, body, Timestamp::now())
    }

    /// [`verify`](Self::verify) as if the time were `now`.
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: Timestamp,
    ) -> Result<(), WebhookError> {
        let header = |name: &'static str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .ok_or(WebhookError::MissingHeader(name))
        };
        let id = header("webhook-id")?;
        let timestamp = header("webhook-timestamp")?;
        let signatures = header("webhook-signature")?;
        let seconds: i64 = timestamp
            .trim()
            .parse()
            .map_err(|_| WebhookError::MalformedTimestamp)?;
        let tolerance = i64::try_from(self.tolerance.as_secs()).unwrap_or(i64::MAX);
        let now = now.as_second();
        if now.saturating_sub(seconds) > tolerance {
            return Err(WebhookError::TooOld {
                tolerance: self.tolerance,
            });
        }
        if seconds.saturating_sub(now) > tolerance {
            return Err(WebhookError::TooNew {
                tolerance: self.tolerance,
            });
        }
        let mac = self.mac(id, timestamp.trim(), body);
        let matches = signatures
            .split(' ')
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|signature| STANDARD.decode(signature).ok())
            .any(|signature| mac.clone().verify_slice(&signature).is_ok());
        if matches {
            Ok(())
        } else {
            Err(WebhookError::NoMatchingSignature)
        }
    }

    /// The `webhook-signature` entry (`v1,<base64>`) this secret gives `body` sent as
    /// delivery `id` at `timestamp` (Unix seconds): for testing your own webhook handler.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let signature = self.mac(id, &timestamp.to_string(), body).finalize();
        format!("v1,{}", STANDARD.encode(signature.into_bytes()))
    }

    /// HMAC-SHA256 over `{id}.{timestamp}.{body}`.
    fn mac(&self, id: &str, timestamp: &str, body: &[u8]) -> HmacSha256 {
        let mut mac = self.keyed.clone();
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }
}
