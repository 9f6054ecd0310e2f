//! The runtime of the SDKs that the `codegen` generator writes from an OpenAPI spec: the
//! client and its configuration, calls with retries, idempotency keys, pagination, one error
//! type, Standard Webhooks verification, and an in-process test kit (`test-util`).
//!
//! An SDK crate holds only what its spec says (types, resources, its client's settings) and
//! re-exports this crate's user-facing items from [`exports`]. Everything the generated
//! code calls besides those lives in one hidden module, `__private`: that module is the whole
//! contract between generated and hand-written code, and the compiler enforces it.
//!
//! The examples in these docs call a generated SDK `sdk` (one that re-exports these items, as
//! every generated SDK does); they are checked against the Linq SDK.

// Layers, each using only those after it: pagination → request → send → call → client,
// over (retry, transport, trace, decode, encode, codec, multipart, redact, tls), with error,
// endpoint and webhooks (verification, which returns its own error) at the bottom.
mod call;
mod client;
#[doc(hidden)]
pub mod codec;
mod decode;
mod encode;
mod endpoint;
mod error;
mod idempotency;
mod multipart;
mod pagination;
mod redact;
mod request;
mod response;
mod retry;
mod send;
#[cfg(feature = "test-util")]
pub mod testing;
mod tls;
mod trace;
mod transport;
pub mod webhooks;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// What an SDK crate re-exports at its root (`pub use codegen_runtime::exports::*;`): the
/// request, response, error, retry and transport types its users name.
pub mod exports {
    pub use crate::client::DEFAULT_TIMEOUT;
    pub use crate::decode::{AsBytes, AsJson, AsText, Decoder};
    pub use crate::error::{
        ApiError, DecodeError, Endpoint, Error, ErrorKind, Result, RetryWithheld, UnknownValue,
    };
    pub use crate::multipart::FilePart;
    pub use crate::pagination::{BoxStream, NextPage, Page, PageRequest, Paginated};
    pub use crate::request::{BoxFuture, Idempotent, NotIdempotent, Request};
    pub use crate::response::Response;
    pub use crate::retry::{Decision, Failure, RetryBudget, RetryPolicy, DEFAULT_MAX_RETRIES};
    pub use crate::tls::http_client_builder;
    pub use crate::transport::{
        Transport, TransportError, TransportFuture, TransportRequest, TransportResponse,
    };
    pub use reqwest::{Method, StatusCode};
}

pub use exports::*;

/// Configures a client of an SDK; each SDK names it `ClientBuilder` for its own `Client`.
pub use client::ClientBuilder;
