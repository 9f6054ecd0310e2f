//! The Rust SDK for the [Linq API v3](https://apidocs.linqapp.com): business messaging over
//! iMessage, RCS and SMS.
//!
//! # Quickstart
//!
//! ```no_run
//! use linq_api::types::{MessageContent, MessageSendParams};
//!
//! # async fn run() -> linq_api::Result<()> {
//! let client = linq_api::Client::from_env()?; // reads LINQ_API_V3_API_KEY
//! let chat_id = "550e8400-e29b-41d4-a716-446655440000";
//! let content = MessageContent::new(["Hello from Rust!"]);
//! let sent = client.chats().messages().send(chat_id, MessageSendParams::new(content)).await?;
//! println!("sent message {}", sent.message.id);
//! # Ok(()) }
//! ```
//!
//! # What you get
//!
//! - Resources and methods named as in the official SDKs: `client.chats().participants().add(…)`.
//! - Params types built with `XxxParams::new(required…)` and chainable setters, so a missing
//!   required field is a compile error.
//! - Requests you can configure before awaiting: [`Request::timeout`], [`Request::max_retries`],
//!   [`Request::header`], `idempotency_key` on sending operations, and
//!   [`Request::send_with_response`] for the status and headers.
//! - Retries by one [`RetryPolicy`] (connection errors, timeouts, 408, 409, 429, 5xx, the
//!   server's `Retry-After`); sending operations carry one idempotency key across every
//!   attempt, and a request without one is repeated only when the server surely did not
//!   process it, so a retry never sends twice. Errors say whether the request may have been
//!   applied ([`Error::may_have_been_applied`]) and carry the key to resend it with
//!   ([`Error::idempotency_key`]). A [`RetryBudget`] and a client-wide pause while the API
//!   is overloaded keep an outage from multiplying the load.
//! - A cap on attempts in flight: [`ClientBuilder::max_concurrent_requests`].
//! - List operations, by cursor or by offset, that await to a [`Page`] or stream every item
//!   with [`PageRequest::into_stream`].
//! - Uploads in one call: `client.attachments().upload(`[`Upload`]`)`.
//! - Webhook verification (Standard Webhooks): [`webhooks::Webhooks`].
//! - One [`Error`] type: API errors with status, kind, Linq code, message and `doc_url`;
//!   timeouts; connection errors; decode errors naming the JSON path that failed.
//! - Escape hatches: [`Client::raw`] for any path of the API, [`Request::query`] and
//!   [`Request::body_field`] for parameters and fields this version does not know, the raw
//!   body in [`Response::raw_body`]; [`ClientBuilder::from_env`] and [`Client::to_builder`]
//!   for configuration.
//! - [`tracing`](https://docs.rs/tracing) spans per call and per attempt under the target
//!   `codegen_runtime`, with OpenTelemetry's HTTP client fields, and never a key or secret.
//! - Enums that decode unknown values as `Unknown` and refuse them in `str::parse`
//!   ([`UnknownValue`]).
//! - A type per kind of id, so ids cannot be mixed up (below).
//!
//! # Ids
//!
//! Each kind of id has a type of its own: [`types::ChatId`], [`types::MessageId`],
//! [`types::AttachmentId`] and so on. Ids from responses go straight back into calls (by
//! reference or by value), and any string becomes one with `From`/`into` or `parse`,
//! unchecked:
//!
//! ```no_run
//! use linq_api::types::{ChatId, Message};
//!
//! # async fn run(client: linq_api::Client, message: Message) -> linq_api::Result<()> {
//! let chat = client.chats().retrieve(&message.chat_id).await?;
//! client.chats().retrieve(chat.id).await?;
//! client.chats().retrieve("550e8400-e29b-41d4-a716-446655440000").await?;
//! let stored: ChatId = "550e8400-e29b-41d4-a716-446655440000".parse().unwrap_or_else(|e| match e {});
//! assert_eq!(stored, "550e8400-e29b-41d4-a716-446655440000");
//! # Ok(()) }
//! ```
//!
//! An id of one kind where another belongs does not compile (this is the first call above
//! with the message's own id):
//!
//! ```compile_fail,E0277
//! use linq_api::types::{ChatId, Message};
//!
//! # async fn run(client: linq_api::Client, message: Message) -> linq_api::Result<()> {
//! let chat = client.chats().retrieve(&message.id).await?; // a `MessageId` is not a `ChatId`
//! # Ok(()) }
//! ```

// The runtime (`codegen-runtime`) does the work; this crate is the generated code for the
// Linq spec, its Linq-specific extras, and the re-exports that make one API of them.
mod extras;
#[rustfmt::skip]
mod generated;
pub mod webhooks;

/// The runtime's hooks for generated code, for tests that build calls by hand.
#[doc(hidden)]
pub use codegen_runtime::__private as __rt;
pub use extras::Upload;
pub use generated::*;

/// The README's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
