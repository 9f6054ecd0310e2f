//! The `payment_handles` resource: connect a customer so an agent may pay on their behalf,
//! verify the one-time code they reply with, then revoke the grant.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_HANDLE=+12052532136 cargo run --example payment_handles
//! ```

use std::io::BufRead;

use linq_api::types::{PaymentHandleConnectionStatus, PaymentHandleVerifyParams};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let handle = std::env::var("LINQ_HANDLE")?;
    let handles = client.payment_handles();

    let current = handles.connection(&handle).await?;
    if current.status != Some(PaymentHandleConnectionStatus::Connected) {
        // Linq texts the customer a code and asks for consent in the conversation.
        let pending = handles.connect(&handle).await?;
        let connect_id = pending
            .connect_id
            .ok_or("connect answered without a connect_id")?;

        // The code usually arrives as the customer's reply (a message.received webhook);
        // here it is typed in. Codes are single-use and short-lived.
        println!("code the customer replied with:");
        let mut code = String::new();
        std::io::stdin().lock().read_line(&mut code)?;
        let verified = handles
            .verify(
                &handle,
                PaymentHandleVerifyParams::new(code.trim(), connect_id),
            )
            .await?;
        println!("{handle}: {:?}", verified.status);
    }

    // Withdraws only our permission; the customer's wallet at the provider stays.
    let revoked = handles.revoke(&handle).await?;
    println!("{handle}: {:?}", revoked.status);
    Ok(())
}
