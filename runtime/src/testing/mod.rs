//! The in-process test transport behind an SDK's `testing` module (the `test-util`
//! feature): the SDK's `MockApi` wraps a [`Mock`] with its table of operations and its
//! typed stubs.
//!
//! [`Mock`] is a [`Transport`] that answers in-process: a client built on it sends nothing
//! over the network, and retries, idempotency keys, pagination, timeouts and errors run
//! exactly as they do against the API. Each operation answers with the spec's example of
//! its response unless a test stubs it.

mod delivery;
mod record;
mod route;
mod stub;

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::__private::{OperationInfo, Sdk};
use crate::error::ErrorEnvelope;
use crate::transport::{Transport, TransportFuture, TransportRequest, TransportResponse};
use crate::{ClientBuilder, Endpoint, Error};
pub use delivery::Delivery;
pub use record::RecordedCall;
pub use stub::{Reply, Stub};

/// The base URL of a mock's clients; a request to another host (an upload's pre-signed
/// URL) is recorded and answered `200` with no body.
pub const MOCK_BASE_URL: &str = "https://api.mock.test";

/// An in-process stand-in for an API: a [`Transport`] that records every call and answers
/// from stubs, or with the spec's example. Cheap to clone; clones share stubs and calls.
#[derive(Debug, Clone)]
pub struct Mock {
    /// The API's operations, to route calls and name them.
    operations: &'static [OperationInfo],
    /// Where the API's error responses keep their details, for stubbed errors.
    envelope: ErrorEnvelope,
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    /// Replies queued per operation id, answered in order.
    replies: HashMap<&'static str, VecDeque<Reply>>,
    /// The calls made, in order.
    calls: Vec<RecordedCall>,
    /// A transport's call number → its index in `calls`.
    by_call: HashMap<u64, usize>,
}

impl Mock {
    /// A mock of the API whose operations are `operations` (the generated `OPERATIONS`) and
    /// whose error responses keep their details where `envelope` says, with no stubs: every
    /// operation answers with its example.
    pub fn new(operations: &'static [OperationInfo], envelope: ErrorEnvelope) -> Self {
        Mock {
            operations,
            envelope,
            state: Arc::default(),
        }
    }

    /// A client of the SDK `C` on this mock, with the default configuration (retries
    /// included).
    pub fn client<C: Sdk>(&self) -> C {
        match self.client_builder().build() {
            Ok(client) => client,
            // The builder's settings above are fixed and valid.
            Err(e) => unreachable!("the mock's client configuration is valid: {e}"),
        }
    }

    /// A builder for a client of the SDK `C` on this mock, to configure like any other
    /// (retries, timeouts, headers).
    pub fn client_builder<C: Sdk>(&self) -> ClientBuilder<C> {
        ClientBuilder::default()
            .api_key("test-key")
            .base_url(MOCK_BASE_URL)
            .transport(self.clone())
    }

    /// Every call made so far, in order (each with its attempts counted once).
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.lock().calls.clone()
    }

    /// The stub of the operation `id` (`chats.retrieve`), for the generated stubs.
    ///
    /// # Panics
    ///
    /// When the API has no operation `id`: the generated stubs name only those it has.
    pub fn stub<T>(&self, id: &'static str) -> Stub<'_, T> {
        match self.operations.iter().find(|op| op.id == id) {
            Some(operation) => Stub::new(self, operation),
            None => panic!("testing: `{id}` is not an operation of the API"),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock leaves the state as it was.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn queue(&self, operation: &'static str, reply: Reply) {
        self.lock()
            .replies
            .entry(operation)
            .or_default()
            .push_back(reply);
    }

    /// Records an attempt, and picks its reply.
    fn answer(&self, attempt: &TransportRequest) -> Reply {
        let route = route::route(
            self.operations,
            attempt.request.method(),
            attempt.request.url(),
        );
        let mut state = self.lock();
        match state.by_call.get(&attempt.call) {
            Some(&i) => state.calls[i].attempts += 1,
            None => {
                let call = RecordedCall::new(attempt, route.as_ref().ok().and_then(Option::as_ref));
                state.calls.push(call);
                let index = state.calls.len() - 1;
                state.by_call.insert(attempt.call, index);
            }
        }
        let operation = match route {
            Ok(Some((operation, _))) => operation,
            Ok(None) => return Reply::status(200),
            Err(unknown) => {
                drop(state);
                panic!("testing: {unknown}");
            }
        };
        let queued = state
            .replies
            .get_mut(operation.id)
            .and_then(VecDeque::pop_front);
        queued.unwrap_or_else(|| example(operation))
    }
}

impl Transport for Mock {
    fn send(&self, attempt: TransportRequest) -> TransportFuture {
        let reply = self.answer(&attempt);
        reply.into_future(&self.envelope)
    }
}

/// What an operation answers when no stub is queued: its documented success status, with
/// the spec's example as the body.
fn example(operation: &OperationInfo) -> Reply {
    let status = StatusCode::from_u16(operation.success_status).unwrap_or(StatusCode::OK);
    let response = match (operation.response, operation.example) {
        (Some(_), Some(example)) => {
            let mut headers = HeaderMap::new();
            headers.insert(
                reqwest::header::CONTENT_TYPE,
                reqwest::header::HeaderValue::from_static("application/json"),
            );
            TransportResponse::new(status, headers, example.as_bytes().to_vec())
        }
        _ => TransportResponse::new(status, HeaderMap::new(), Vec::new()),
    };
    Reply::answer(response)
}

/// An [`Error::Api`] as the API would return it: `status`, with the error `code` and
/// `message` in a body where the API's error `envelope` puts them. For unit tests of code
/// that handles errors, through the SDK's `testing::api_error`, which knows its envelope.
///
/// # Panics
///
/// When `status` is not an HTTP status (100–999).
pub fn api_error_in(
    envelope: &ErrorEnvelope,
    status: u16,
    code: Option<i64>,
    message: &str,
) -> Error {
    let body = envelope.write(status, code, message).to_string();
    let endpoint = Endpoint {
        method: reqwest::Method::GET,
        path: std::borrow::Cow::Borrowed("/"),
    };
    let status = stub::code(status);
    let api = crate::ApiError::new(
        endpoint,
        status,
        HeaderMap::new(),
        body.as_bytes(),
        envelope,
    );
    Error::Api(Box::new(api))
}
