//! `testing.rs`: the SDK's test kit (the `test-util` feature), a `MockApi` over the
//! runtime's in-process transport with this API's table of operations and its typed stubs
//! (`stubs.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::ir::Api;

/// The tokens of `testing.rs`.
pub fn emit(api: &Api) -> TokenStream {
    let module = docs::inner(&format!(
        "Test an integration with {} with no network and no account (the `test-util` \
         feature).\n\n[`MockApi`] answers in-process: a [`Client`] built on it sends nothing \
         over the network, and retries, idempotency keys, pagination, timeouts and errors run \
         exactly as they do against the API. Each operation answers with the spec's example \
         of its response unless a test stubs it by naming it the way the code calls it: \
         `mock.on().<resource>().<method>().fails(503)`. Waits (retries, `Retry-After`, \
         timeouts) take real time; under `#[tokio::test(start_paused = true)]` they take \
         none. Every mock is independent: tests in parallel do not see each other's stubs \
         or calls.",
        api.title
    ));
    let mock = docs::outer(&format!(
        "An in-process stand-in for {}: it records every call and answers from stubs, or \
         with the spec's example. Cheap to clone; clones share stubs and calls.",
        api.title
    ));
    quote! {
        #module

        use codegen_runtime::__private::Sdk;
        use codegen_runtime::testing::Mock;
        use codegen_runtime::{Error, Transport, TransportFuture, TransportRequest};

        use super::operations::OPERATIONS;
        pub use super::stubs::*;
        use crate::{Client, ClientBuilder};
        pub use codegen_runtime::testing::{Delivery, RecordedCall, Reply, Stub, MOCK_BASE_URL};

        /// An [`Error::Api`] as the API would return it: `status`, with the error `code` and
        /// `message` where the API's error responses carry them. For unit tests of code that
        /// handles errors.
        ///
        /// # Panics
        ///
        /// When `status` is not an HTTP status (100–999).
        pub fn api_error(status: u16, code: Option<i64>, message: &str) -> Error {
            codegen_runtime::testing::api_error_in(&Client::ERROR_ENVELOPE, status, code, message)
        }

        #mock
        #[derive(Debug, Clone)]
        pub struct MockApi {
            mock: Mock,
        }

        impl Default for MockApi {
            fn default() -> Self {
                Self::new()
            }
        }

        impl MockApi {
            /// A mock with no stubs: every operation answers with its example.
            pub fn new() -> Self {
                MockApi { mock: Mock::new(OPERATIONS, Client::ERROR_ENVELOPE) }
            }

            /// A client of this mock, with the default configuration (retries included).
            pub fn client(&self) -> Client {
                self.mock.client()
            }

            /// A builder for a client of this mock, to configure like any other (retries,
            /// timeouts, headers).
            pub fn client_builder(&self) -> ClientBuilder {
                self.mock.client_builder()
            }

            /// The stubs of every operation, shaped like the client:
            /// `mock.on().chats().retrieve()` stubs `client.chats().retrieve(…)`.
            pub fn on(&self) -> Stubs<'_> {
                Stubs { mock: self }
            }

            /// Every call made so far, in order (each with its attempts counted once).
            pub fn calls(&self) -> Vec<RecordedCall> {
                self.mock.calls()
            }

            /// The stub of the operation `id` (`chats.retrieve`), for the generated stubs.
            #[doc(hidden)]
            pub fn stub<T>(&self, id: &'static str) -> Stub<'_, T> {
                self.mock.stub(id)
            }
        }

        impl Transport for MockApi {
            fn send(&self, attempt: TransportRequest) -> TransportFuture {
                self.mock.send(attempt)
            }
        }
    }
}
