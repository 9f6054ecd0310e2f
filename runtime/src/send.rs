//! Sending a call: attempts, the retry policy's decisions, the retry budget, the client-wide
//! pause, timeouts, the concurrency cap, tracing. The loop asks
//! [`RetryPolicy`](crate::RetryPolicy) what to do after each failure and decides nothing
//! itself.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tokio::time::Instant;
use tracing::Instrument;

use crate::call::{Call, Prepared};
use crate::error::{ApiError, Error, Result, RetryWithheld};
use crate::redact::Secrets;
use crate::retry::pause::{Pause, Probe, Turn};
use crate::retry::{Decision, Failure, RetryPolicy};
use crate::trace;
use crate::transport::{TransportError, TransportRequest, TransportResponse};

/// Numbers calls for transports, which see attempts one by one.
static CALLS: AtomicU64 = AtomicU64::new(0);

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
    NotSent(TransportError),
    /// The request went out, but no complete answer came back.
    Lost(TransportError),
    /// The attempt ran out of time.
    TimedOut,
}

impl Attempt {
    /// The failure as the retry policy sees it.
    fn failure(&self) -> Failure<'_> {
        match self {
            Attempt::Status(status, headers, _) => Failure::Status {
                status: *status,
                headers,
            },
            Attempt::NotSent(_) => Failure::NotSent,
            Attempt::Lost(_) | Attempt::TimedOut => Failure::FateUnknown,
        }
    }
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
    let server = match &call.foreign {
        Some(url) => url.host_str().unwrap_or_default().to_owned(),
        None => config.base_url.host_str().unwrap_or_default().to_owned(),
    };
    let span = trace::request_span(&call.endpoint, &server);
    let started_call = std::time::Instant::now();
    let call_id = CALLS.fetch_add(1, Ordering::Relaxed);
    let mut retries = 0;
    let outcome = async {
        // The pause is the API's: a call to another host (an upload) neither waits for it
        // nor starts one.
        let pause = (policy.pauses() && call.foreign.is_none()).then_some(&config.pause);
        if let Some(pause) = pause {
            pause.first_attempt().await;
        }
        // What the retry being made took from the budget, and whether it probes a pause.
        let mut taken = None;
        let mut probe = None;
        loop {
            let Prepared { url, headers, body } = match prepared.take() {
                Some(first) => first,
                None => call.prepare()?,
            };
            let mut request = reqwest::Request::new(call.endpoint.method.clone(), url);
            *request.headers_mut() = headers;
            *request.body_mut() = body.map(Into::into);
            let started = Instant::now();
            let outcome = {
                // The cap counts attempts in flight, not calls waiting to retry.
                let _permit = match &config.limiter {
                    Some(limiter) => Some(limiter.acquire().await.map_err(|_| {
                        Error::Config("the client's concurrency limiter was closed".into())
                    })?),
                    None => None,
                };
                let attempt_span = trace::attempt_span(retries);
                let sent = config.transport.send(TransportRequest {
                    request,
                    endpoint: call.endpoint.clone(),
                    call: call_id,
                    attempt: retries,
                });
                let sent = classify(sent).instrument(attempt_span.clone());
                let outcome = match tokio::time::timeout(timeout, sent).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(Attempt::TimedOut),
                };
                match &outcome {
                    Ok(response) => trace::status(&span, &attempt_span, response.status.as_u16()),
                    Err(Attempt::Status(status, ..)) => {
                        trace::status(&span, &attempt_span, status.as_u16())
                    }
                    Err(_) => {}
                }
                outcome
            };
            if let Some(pause) = pause {
                report_to_pause(pause, &policy, &outcome, retries, started, probe.take());
            }
            let failed = match outcome {
                Ok(response) => {
                    if let Some(bucket) = &config.budget {
                        bucket.succeeded(taken);
                    }
                    return Ok(response);
                }
                Err(failed) => failed,
            };
            // Decided again when retries of other calls, made on this one's behalf while it
            // waited out a pause, were refused.
            loop {
                let wait = match policy.decide(&failed.failure(), retries, call.repeatable()) {
                    Decision::Retry(wait) => wait,
                    Decision::StopUnsafeToRepeat => {
                        let why = Some(RetryWithheld::UnsafeToRepeat);
                        return Err(error(call, failed, timeout, retries + 1, why));
                    }
                    _ => return Err(error(call, failed, timeout, retries + 1, None)),
                };
                if let Some(bucket) = &config.budget {
                    let after_timeout = matches!(failed, Attempt::Lost(_) | Attempt::TimedOut);
                    taken = bucket.take(after_timeout);
                    if taken.is_none() {
                        let why = Some(RetryWithheld::BudgetExhausted);
                        return Err(error(call, failed, timeout, retries + 1, why));
                    }
                }
                tracing::debug!(
                    target: "codegen_runtime",
                    wait_ms = wait.as_millis() as u64,
                    "retrying"
                );
                let due = Instant::now() + wait;
                let Some(pause) = pause else {
                    tokio::time::sleep_until(due).await;
                    break;
                };
                match pause.retry(due).await {
                    Turn::Go(turn) => {
                        probe = turn;
                        break;
                    }
                    Turn::Refused(made) => {
                        if let (Some(bucket), Some(cost)) = (&config.budget, taken.take()) {
                            bucket.refund(cost);
                        }
                        retries = retries.saturating_add(u32::try_from(made).unwrap_or(u32::MAX));
                    }
                }
            }
            retries += 1;
        }
    }
    .instrument(span.clone())
    .await;
    let ended = outcome.as_ref().map(|r| (r.status, &r.headers));
    trace::finished(&span, ended, retries + 1, started_call);
    outcome
}

/// Tells the client-wide pause what an attempt got: an overloaded answer pauses the client
/// (or keeps it paused, if the attempt was the probe); another answer can end the pause.
fn report_to_pause(
    pause: &Pause,
    policy: &RetryPolicy,
    outcome: &std::result::Result<RawResponse, Attempt>,
    retries: u32,
    started: Instant,
    probe: Option<Probe<'_>>,
) {
    let overloaded = match outcome {
        Err(Attempt::Status(status, headers, _)) => {
            policy.pause_after(*status, headers, retries, jiff::Timestamp::now())
        }
        _ => None,
    };
    let answered = matches!(outcome, Ok(_) | Err(Attempt::Status(..)));
    match (probe, overloaded) {
        (Some(probe), overloaded) => probe.finish(overloaded),
        (None, Some(wait)) => pause.pause(wait),
        (None, None) if answered => pause.answered(started),
        (None, None) => {}
    }
}

/// One attempt's outcome, classified: a success, a failure status, or no answer.
async fn classify(
    sent: impl std::future::Future<Output = std::result::Result<TransportResponse, TransportError>>,
) -> std::result::Result<RawResponse, Attempt> {
    let response = sent.await.map_err(|e| {
        if e.may_have_been_sent() {
            Attempt::Lost(e)
        } else {
            Attempt::NotSent(e)
        }
    })?;
    let TransportResponse {
        status,
        headers,
        body,
    } = response;
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

/// The error a failed last attempt ends the call with, its secrets taken out.
fn error(
    call: &Call,
    failed: Attempt,
    timeout: Duration,
    attempts: u32,
    withheld: Option<RetryWithheld>,
) -> Error {
    let endpoint = call.endpoint.clone();
    let secrets = Secrets::of(call.foreign.as_ref());
    let idempotency_key = call.sent_key();
    match failed {
        Attempt::Status(status, headers, body) => {
            let mut api = ApiError::new(
                endpoint,
                status,
                headers,
                &body,
                &call.client.inner.error_envelope,
            );
            api.body = secrets.scrub(api.body);
            api.message = api.message.map(|m| secrets.scrub(m));
            api.retry_withheld = withheld;
            api.url = call
                .url()
                .map(|url| secrets.url(&url).to_string())
                .unwrap_or_default();
            api.idempotency_key = idempotency_key;
            Error::Api(Box::new(api))
        }
        Attempt::NotSent(source) => Error::NotSent {
            endpoint,
            source: secrets.transport(source),
            retry_withheld: withheld,
        },
        Attempt::Lost(source) => Error::ResponseLost {
            endpoint,
            source: secrets.transport(source),
            attempts,
            retry_withheld: withheld,
            idempotency_key,
        },
        Attempt::TimedOut => Error::Timeout {
            endpoint,
            timeout,
            attempts,
            retry_withheld: withheld,
            idempotency_key,
        },
    }
}
