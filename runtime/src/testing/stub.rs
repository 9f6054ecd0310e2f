//! What a stubbed operation answers: [`Stub`] queues replies for one operation, typed by its
//! response; [`Reply`] is any answer, or a transport fault.

use std::marker::PhantomData;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Mock, RecordedCall};
use crate::__private::OperationInfo;
use crate::error::{Error, ErrorEnvelope};
use crate::transport::{TransportError, TransportFuture, TransportResponse};

/// The replies of one operation, answered in the order they are queued, one per attempt;
/// once they are used up, the operation answers with its example again. Made by the
/// generated stubs: `mock.on().chats().retrieve()` is a `Stub<'_, Chat>`.
pub struct Stub<'a, T> {
    mock: &'a Mock,
    operation: &'static OperationInfo,
    response: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Stub<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stub")
            .field("operation", &self.operation.id)
            .finish()
    }
}

impl<'a, T> Stub<'a, T> {
    pub(super) fn new(mock: &'a Mock, operation: &'static OperationInfo) -> Self {
        Stub {
            mock,
            operation,
            response: PhantomData,
        }
    }

    /// Queues `reply` for the next attempt.
    pub fn replies(self, reply: Reply) -> Self {
        self.mock.queue(self.operation.id, reply);
        self
    }

    /// Answers the next attempt with the operation's success status and the spec's example.
    pub fn returns_example(self) -> Self {
        let reply = super::example(self.operation);
        self.replies(reply)
    }

    /// Answers the next attempt with `status` and an error envelope without an error code.
    pub fn fails(self, status: u16) -> Self {
        self.replies(Reply::error(status, None, "stubbed error"))
    }

    /// Answers the next attempt with `status` and an error envelope with this error `code`
    /// and `message`.
    pub fn fails_with(self, status: u16, code: i64, message: &str) -> Self {
        self.replies(Reply::error(status, Some(code), message))
    }

    /// Never answers the next attempt, so that it runs into the client's timeout.
    pub fn times_out(self) -> Self {
        self.replies(Reply::timeout())
    }

    /// Loses the answer to the next attempt: the request may have been applied.
    pub fn loses_response(self) -> Self {
        self.replies(Reply::response_lost())
    }

    /// Refuses the next attempt's connection: nothing reached the API.
    pub fn refuses_connection(self) -> Self {
        self.replies(Reply::connection_refused())
    }

    /// The calls made to this operation so far, in order.
    pub fn calls(&self) -> Vec<RecordedCall> {
        let id = self.operation.id;
        let calls = self.mock.calls().into_iter();
        calls.filter(|c| c.operation == Some(id)).collect()
    }
}

impl<T: Serialize> Stub<'_, T> {
    /// Answers the next attempt with the operation's success status and `response`.
    pub fn returns(self, response: T) -> Self {
        let status = StatusCode::from_u16(self.operation.success_status).unwrap_or(StatusCode::OK);
        let reply = match self.operation.response {
            Some(_) => Reply::json(status.as_u16(), &response),
            None => Reply::status(status.as_u16()),
        };
        self.replies(reply)
    }
}

impl<T: DeserializeOwned> Stub<'_, T> {
    /// The spec's example of the operation's response, as a value to change and return:
    /// `let mut chat = stub.example(); chat.display_name = …;`.
    ///
    /// # Panics
    ///
    /// When the spec has no example for the operation, or it does not decode (the SDK's own
    /// tests check that neither happens).
    pub fn example(&self) -> T {
        let json = self.operation.example.unwrap_or("null");
        serde_json::from_str(json).unwrap_or_else(|e| {
            panic!(
                "testing: the example of `{}` does not decode: {e}",
                self.operation.id
            )
        })
    }
}

/// One answer of the mock: a status, headers and body, or a transport fault.
#[derive(Debug, Clone)]
pub struct Reply(Kind);

#[derive(Debug, Clone)]
enum Kind {
    Answer(TransportResponse),
    /// An error status whose body the mock writes in the API's error envelope.
    Error {
        status: StatusCode,
        code: Option<i64>,
        message: String,
        headers: HeaderMap,
    },
    Timeout,
    Lost,
    Refused,
}

impl Reply {
    pub(super) fn answer(response: TransportResponse) -> Self {
        Reply(Kind::Answer(response))
    }

    /// `status` with an empty body.
    ///
    /// # Panics
    ///
    /// When `status` is not an HTTP status (100–999).
    pub fn status(status: u16) -> Self {
        Reply::answer(TransportResponse::new(code(status), HeaderMap::new(), ""))
    }

    /// `status` with `body` as JSON.
    pub fn json(status: u16, body: &impl Serialize) -> Self {
        let body = serde_json::to_vec(body).unwrap_or_else(|e| panic!("cannot encode a stub: {e}"));
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Reply::answer(TransportResponse::new(code(status), headers, body))
    }

    /// `status` with a body that carries the error `code` and `message` where the API's
    /// error responses do (the SDK's error envelope).
    ///
    /// # Panics
    ///
    /// When `status` is not an HTTP status (100–999).
    pub fn error(status: u16, code: Option<i64>, message: &str) -> Self {
        Reply(Kind::Error {
            status: self::code(status),
            code,
            message: message.to_owned(),
            headers: HeaderMap::new(),
        })
    }

    /// The same answer with a header (`retry-after`, `x-request-id`…). A name or value
    /// that cannot be a header, or a header on a transport fault, is an
    /// [`Error::InvalidRequest`] naming it.
    pub fn header(mut self, name: &str, value: &str) -> Result<Self, Error> {
        let headers = match &mut self.0 {
            Kind::Answer(response) => &mut response.headers,
            Kind::Error { headers, .. } => headers,
            Kind::Timeout | Kind::Lost | Kind::Refused => {
                return Err(Error::InvalidRequest(format!(
                    "a transport fault has no headers (`{name}`)"
                )))
            }
        };
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::InvalidRequest(format!("`{name}` is not a header name")))?;
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::InvalidRequest(format!("the value of `{name}` is not a header value"))
        })?;
        headers.insert(header, value);
        Ok(self)
    }

    /// No answer at all: the attempt runs into the client's timeout.
    pub fn timeout() -> Self {
        Reply(Kind::Timeout)
    }

    /// The request went out, but its answer was lost (it may have been applied).
    pub fn response_lost() -> Self {
        Reply(Kind::Lost)
    }

    /// The connection was refused: nothing reached the API.
    pub fn connection_refused() -> Self {
        Reply(Kind::Refused)
    }

    /// The answer, an error's body written in the API's error `envelope`.
    pub(super) fn into_future(self, envelope: &ErrorEnvelope) -> TransportFuture {
        match self.0 {
            Kind::Answer(response) => Box::pin(std::future::ready(Ok(response))),
            Kind::Error {
                status,
                code,
                message,
                mut headers,
            } => {
                let body = envelope.write(status.as_u16(), code, &message).to_string();
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                let response = TransportResponse::new(status, headers, body);
                Box::pin(std::future::ready(Ok(response)))
            }
            Kind::Timeout => Box::pin(std::future::pending()),
            Kind::Lost => Box::pin(std::future::ready(Err(TransportError::response_lost(
                "stubbed: the response was lost",
            )))),
            Kind::Refused => Box::pin(std::future::ready(Err(TransportError::not_sent(
                "stubbed: the connection was refused",
            )))),
        }
    }
}

pub(super) fn code(status: u16) -> StatusCode {
    StatusCode::from_u16(status)
        .unwrap_or_else(|_| panic!("testing: {status} is not an HTTP status"))
}
