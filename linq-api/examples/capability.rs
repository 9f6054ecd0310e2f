//! The `capability` resource: check whether a recipient is reachable over iMessage, then
//! RCS, waiting out the rate limit (one check every 10 seconds) by hand.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_TO=+12052532136 cargo run --example capability
//! ```

use std::time::Duration;

use linq_api::types::{HandleCheck, HandleCheckResponse};
use linq_api::{Error, ErrorKind, Request, StatusCode};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let to = std::env::var("LINQ_TO")?;

    let imessage = checked(|| client.capability().check_imessage(HandleCheck::new(&to))).await?;
    println!("iMessage: {} ({:?})", imessage.available, imessage.reason);
    if imessage.available {
        return Ok(());
    }

    // A second check this soon answers 429, so this one shows the wait. A 503 means the
    // sending line could not run the check: unknown, not "no RCS", and not to be cached.
    match checked(|| client.capability().check_rcs(HandleCheck::new(&to))).await {
        Ok(rcs) => println!("RCS: {} ({:?})", rcs.available, rcs.reason),
        Err(e) if e.status() == Some(StatusCode::SERVICE_UNAVAILABLE) => {
            println!("RCS: unknown (code {:?})", e.code())
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// Sends the check, and after a 429 waits as long as `Retry-After` says and sends it again.
/// The SDK would do this by itself; retries are off here so the caller sees the 429.
async fn checked(
    check: impl Fn() -> Request<HandleCheckResponse>,
) -> Result<HandleCheckResponse, Error> {
    loop {
        match check().max_retries(0).await {
            Err(e) if e.kind() == Some(ErrorKind::RateLimited) => {
                let wait = e
                    .api()
                    .and_then(|api| api.retry_after())
                    .unwrap_or(Duration::from_secs(10));
                println!("rate limited (code {:?}); waiting {wait:?}", e.code());
                tokio::time::sleep(wait).await;
            }
            result => return result,
        }
    }
}
