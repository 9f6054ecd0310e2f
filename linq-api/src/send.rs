//! Sending a call: attempts, the retry policy's decisions, timeouts, the concurrency cap,
//! tracing. The loop asks [`RetryPolicy`](crate::RetryPolicy) what to do after each
//! failure and decides nothing itself.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tracing::Instrument;

use crate::call::{Call, Prepared};
use crate::error::{ApiError, Error, Result};
use crate::retry::{Decision, Failure};

/// A successful response, not yet decoded.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// How one attempt failed.
enum Attempt {
    /// The server answered with a non-success status.
    Status(StatusCode, HeaderMap, Bytes),
    /// The connection could not be opened.
    NotSent(reqwest::Error),
    /// The request went out, but no complete answer came back.
    Lost(reqwest::Error),
    /// The attempt ran out of time.
    TimedOut,
}

/// Sends `call`, retrying as the client's policy decides. The idempotency key is fixed (in
/// `prepare`) before the first attempt, so every attempt carries the same one.
pub(crate) async fn send(call: &mut Call) -> Result<RawResponse> {
    // The first attempt takes the prepared parts as they are; a retry prepares them again
    // (the key is fixed by then), so the happy path copies no header map.
    let mut prepared = Some(call.prepare()?);
    let config = call.client.inner.clone();
    let timeout = call.timeout.unwrap_or(config.timeout);
    let policy = match call.max_retries {
        Some(n) => config.retry.clone().max_retries(n),
        None => config.retry.clone(),
    };
    let repeatable = call.repeatable();
    let endpoint = call.endpoint.clone();

    let span = tracing::info_span!(
        "linq_api.request",
        method = %endpoint.method,
        path = endpoint.path,
        attempt = tracing::field::Empty,
        status = tracing::field::Empty,
    );
    async {
        let mut retries = 0;
        loop {
            span.record("attempt", retries + 1);
            let Prepared { url, headers, body } = match prepared.take() {
                Some(first) => first,
                None => call.prepare()?,
            };
            let mut request = reqwest::Request::new(call.endpoint.method.clone(), url);
            *request.headers_mut() = headers;
            *request.body_mut() = body.map(Into::into);
            let outcome = {
                // The cap counts attempts in flight, not calls waiting to retry.
                let _permit = match &config.limiter {
                    Some(limiter) => Some(limiter.acquire().await.map_err(|_| {
                        Error::Config("the client's concurrency limiter was closed".into())
                    })?),
                    None => None,
                };
                match tokio::time::timeout(timeout, attempt(&config.http, request)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(Attempt::TimedOut),
                }
            };
            let failed = match outcome {
                Ok(response) => {
                    span.record("status", response.status.as_u16());
                    return Ok(response);
                }
                Err(failed) => failed,
            };
            let decision = match &failed {
                Attempt::Status(status, headers, _) => {
                    span.record("status", status.as_u16());
                    policy.decide(
                        &Failure::Status {
                            status: *status,
                            headers,
                        },
                        retries,
                        repeatable,
                    )
                }
                Attempt::NotSent(_) => policy.decide(&Failure::NotSent, retries, repeatable),
                Attempt::Lost(_) | Attempt::TimedOut => {
                    policy.decide(&Failure::FateUnknown, retries, repeatable)
                }
            };
            let wait = match decision {
                Decision::Retry(wait) => wait,
                Decision::StopUnsafeToRepeat => return Err(error(call, failed, timeout, true)),
                _ => return Err(error(call, failed, timeout, false)),
            };
            tracing::debug!(wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
            retries += 1;
        }
    }
    .instrument(span.clone())
    .await
}

/// One attempt: send, read the whole body, classify.
async fn attempt(
    http: &reqwest::Client,
    request: reqwest::Request,
) -> std::result::Result<RawResponse, Attempt> {
    let response = http.execute(request).await.map_err(|e| {
        if e.is_connect() {
            Attempt::NotSent(e)
        } else {
            Attempt::Lost(e)
        }
    })?;
    let mut response = response;
    let status = response.status();
    // Taken, not copied: reading the body does not need them.
    let headers = std::mem::take(response.headers_mut());
    let body = response.bytes().await.map_err(Attempt::Lost)?;
    if status.is_success() {
        Ok(RawResponse {
            status,
            headers,
            body,
        })
    } else {
        Err(Attempt::Status(status, headers, body))
    }
}

/// The error a failed last attempt ends the call with.
fn error(call: &Call, failed: Attempt, timeout: std::time::Duration, withheld: bool) -> Error {
    let endpoint = call.endpoint.clone();
    match failed {
        Attempt::Status(status, headers, body) => {
            Error::Api(Box::new(ApiError::new(endpoint, status, headers, &body)))
        }
        Attempt::NotSent(source) => Error::NotSent { endpoint, source },
        Attempt::Lost(source) => Error::ResponseLost {
            endpoint,
            source,
            retry_withheld: withheld,
        },
        Attempt::TimedOut => Error::Timeout {
            endpoint,
            timeout,
            retry_withheld: withheld,
        },
    }
}
