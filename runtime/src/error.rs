//! The crate's one error type, with variants a caller can act on.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;

pub use crate::endpoint::Endpoint;
use crate::transport::TransportError;
use crate::webhooks::WebhookError;

mod api;
mod envelope;

pub use api::{ApiError, DecodeError, ErrorKind};
pub use envelope::ErrorEnvelope;

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong with a call.
///
/// The transport failures say whether the request could have reached the server:
/// [`Error::NotSent`] never did, so sending it again is safe; after [`Error::Timeout`] and
/// [`Error::ResponseLost`] it may have been applied. [`Error::may_have_been_applied`] answers
/// for every error, and [`Error::idempotency_key`] gives the key a keyed send carried, to send
/// it again without applying it twice.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The connection could not be opened: nothing was sent (after any retries).
    #[error("{endpoint}: could not connect, so nothing was sent{}: {source}", withheld(*retry_withheld))]
    #[non_exhaustive]
    NotSent {
        /// The operation.
        endpoint: Endpoint,
        /// The transport error.
        #[source]
        source: TransportError,
        /// Why a retry was not made although the failure is of a kind that is retried.
        retry_withheld: Option<RetryWithheld>,
    },
    /// An attempt took longer than its timeout. The request may have reached the server and
    /// been applied.
    #[error(
        "{endpoint} timed out ({} of {timeout:?}); the request may have been applied{}{}",
        attempts_text(*attempts),
        withheld(*retry_withheld),
        key_note(idempotency_key.as_deref())
    )]
    #[non_exhaustive]
    Timeout {
        /// The operation.
        endpoint: Endpoint,
        /// The per-attempt timeout that ran out.
        timeout: Duration,
        /// How many attempts were made, each of which ran out of time or failed.
        attempts: u32,
        /// Why a retry was not made although the failure is of a kind that is retried.
        retry_withheld: Option<RetryWithheld>,
        /// The idempotency key every attempt carried, for operations that take one: send
        /// the request again with it and the server applies it at most once.
        idempotency_key: Option<String>,
    },
    /// The request was sent, but the connection failed before a complete response came
    /// back. The request may have been applied.
    #[error(
        "{endpoint}: the request was sent but no complete response came back ({source}, \
         after {}); it may have been applied{}{}",
        attempts_text(*attempts),
        withheld(*retry_withheld),
        key_note(idempotency_key.as_deref())
    )]
    #[non_exhaustive]
    ResponseLost {
        /// The operation.
        endpoint: Endpoint,
        /// The transport error.
        #[source]
        source: TransportError,
        /// How many attempts were made.
        attempts: u32,
        /// Why a retry was not made although the failure is of a kind that is retried.
        retry_withheld: Option<RetryWithheld>,
        /// The idempotency key every attempt carried, for operations that take one.
        idempotency_key: Option<String>,
    },
    /// The response body did not match the expected type. The server answered with a
    /// success status, so the request was applied.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The request was rejected before anything was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The client could not be configured (a missing API key, an invalid base URL).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A webhook delivery failed verification (see [`crate::webhooks`]).
    #[error("webhook rejected: {0}")]
    Webhook(WebhookError),
    /// A list operation's server returned a cursor it had already returned; following it
    /// would loop forever.
    #[error("pagination stopped: the server repeated the cursor `{cursor}`")]
    RepeatedCursor {
        /// The repeated cursor.
        cursor: String,
    },
    /// A list operation's server answered a page with the same items as an earlier page of
    /// the walk (say, it ignores the offset); following it would loop forever.
    #[error("pagination stopped: the page at {param}={value} repeats an earlier page")]
    #[non_exhaustive]
    RepeatedPage {
        /// The query parameter that moves through the list (`offset`, `cursor`…).
        param: &'static str,
        /// Its value for the repeated page.
        value: String,
    },
}

/// Text that is not one of an enum's known values: the error of `str::parse` on a generated
/// enum (its `From<&str>` keeps such text as `Unknown` instead).
///
/// ```
/// # use linq_api as sdk;
/// use sdk::types::SupportedContentType;
///
/// assert!("image/jpeg".parse::<SupportedContentType>().is_ok());
/// let typo = "image/jpg".parse::<SupportedContentType>().unwrap_err();
/// assert_eq!(typo.to_string(), "`image/jpg` is not a known `SupportedContentType` value");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a known `{type_name}` value")]
#[non_exhaustive]
pub struct UnknownValue {
    /// The enum.
    pub type_name: &'static str,
    /// The text.
    pub value: String,
}

impl UnknownValue {
    /// `value` is not a known value of the enum `type_name`.
    #[doc(hidden)]
    pub fn new(type_name: &'static str, value: String) -> Self {
        UnknownValue { type_name, value }
    }
}

/// Why a call stopped although its last failure is of a kind that is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryWithheld {
    /// Repeating it could apply it twice: it has no idempotency key and its method is not
    /// idempotent, and the failure leaves open whether the server applied it.
    UnsafeToRepeat,
    /// The client's [`RetryBudget`](crate::RetryBudget) was empty: many calls of the client
    /// were failing, so it stopped retrying rather than add to the load.
    BudgetExhausted,
}

impl fmt::Display for RetryWithheld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RetryWithheld::UnsafeToRepeat => {
                "not retried: it has no idempotency key, so repeating it could apply it twice"
            }
            RetryWithheld::BudgetExhausted => {
                "retries withheld: the client's retry budget is spent, too many calls are failing"
            }
        })
    }
}

pub(crate) fn attempts_text(attempts: u32) -> String {
    match attempts {
        1 => "one attempt".to_owned(),
        n => format!("{n} attempts"),
    }
}

fn withheld(why: Option<RetryWithheld>) -> String {
    why.map(|why| format!(" ({why})")).unwrap_or_default()
}

fn key_note(key: Option<&str>) -> String {
    key.map(|key| {
        format!(" [idempotency key `{key}`: send again with it to apply it at most once]")
    })
    .unwrap_or_default()
}

impl Error {
    /// The HTTP status, for API errors.
    pub fn status(&self) -> Option<StatusCode> {
        self.api().map(|e| e.status)
    }

    /// The kind of API error, for API errors.
    pub fn kind(&self) -> Option<ErrorKind> {
        self.api().map(|e| e.kind)
    }

    /// The API's error code (e.g. `1005`), when the body carried one.
    pub fn code(&self) -> Option<i64> {
        self.api().and_then(|e| e.code)
    }

    /// The request id the server assigned, when it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.api().and_then(|e| e.request_id.as_deref())
    }

    /// The API error, if this is one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the request may have been applied although no success came back, so that
    /// sending it again by hand could apply it twice (unless it is sent with the same
    /// [`idempotency_key`](Self::idempotency_key)). True after a timeout or a lost response;
    /// after a `5xx` answer other than `503` (the server may have done the work and then
    /// failed); and after a success whose body did not decode (it *was* applied). False when
    /// nothing was sent, or the server answered that it did not take the request on.
    pub fn may_have_been_applied(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::ResponseLost { .. } | Error::Decode(_) => true,
            Error::Api(e) => e.may_have_been_applied(),
            _ => false,
        }
    }

    /// The idempotency key the request carried on every attempt, for operations that take
    /// one (yours, or the one the SDK generated). After an error that
    /// [`may_have_been_applied`](Self::may_have_been_applied), send the request again with
    /// this key (`.idempotency_key(key)`): the server applies it at most once.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Error::Timeout {
                idempotency_key, ..
            }
            | Error::ResponseLost {
                idempotency_key, ..
            } => idempotency_key.as_deref(),
            Error::Api(e) => e.idempotency_key.as_deref(),
            Error::Decode(e) => e.idempotency_key.as_deref(),
            _ => None,
        }
    }

    /// Why the call stopped although its failure is of a kind that is retried, if it did.
    pub fn retry_withheld(&self) -> Option<RetryWithheld> {
        match self {
            Error::NotSent { retry_withheld, .. }
            | Error::Timeout { retry_withheld, .. }
            | Error::ResponseLost { retry_withheld, .. } => *retry_withheld,
            Error::Api(e) => e.retry_withheld,
            _ => None,
        }
    }

    /// The operation that failed, for errors of a sent or attempted call.
    pub fn endpoint(&self) -> Option<&Endpoint> {
        match self {
            Error::Api(e) => Some(&e.endpoint),
            Error::NotSent { endpoint, .. }
            | Error::Timeout { endpoint, .. }
            | Error::ResponseLost { endpoint, .. } => Some(endpoint),
            Error::Decode(e) => Some(&e.endpoint),
            _ => None,
        }
    }
}

impl From<WebhookError> for Error {
    /// A delivery that fails verification is [`Error::Webhook`]; a secret that is missing or
    /// cannot be one is a configuration error ([`Error::Config`]), not a rejected delivery.
    fn from(e: WebhookError) -> Self {
        match e {
            WebhookError::InvalidSecret(_) | WebhookError::NoSecret(_) => {
                Error::Config(e.to_string())
            }
            e => Error::Webhook(e),
        }
    }
}
