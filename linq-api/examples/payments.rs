//! The `payment_requests`, `payment_providers` and `payments` resources: request a payment
//! by hosted checkout, follow and cancel it, list open requests, and read the status of
//! agent payments.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_CHAT_ID=… [LINQ_PAYMENT_ID=…] cargo run --example payments
//! ```

use futures_util::TryStreamExt;
use linq_api::types::{
    PaymentRequestCreateParams, PaymentRequestListParams, PaymentRequestListStatus,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let chat_id = std::env::var("LINQ_CHAT_ID")?;

    // A request is not tied to a chat: keep the chat id in the metadata to link them. The
    // SDK sends one Idempotency-Key across retries, so at most one request is created.
    let params = PaymentRequestCreateParams::new()
        .amount(2500) // minor units: $25.00
        .currency("usd")
        .description("Deposit for order A-1042")
        .metadata([("chat_id".to_owned(), chat_id)]);
    let request = client.payment_requests().create(params).await?;
    println!("pay at {} ({})", request.checkout_url, request.status);

    let request = client.payment_requests().retrieve(request.id).await?;
    println!("{} is {}", request.id, request.status);

    // Offset-paginated: the stream follows `has_more` and moves `offset` by itself.
    let open = PaymentRequestListParams::new()
        .status(PaymentRequestListStatus::Requested)
        .limit(50);
    let mut requests = client.payment_requests().list(open).into_stream();
    while let Some(r) = requests.try_next().await? {
        println!(
            "open: {} {} {} {:?}",
            r.id, r.amount, r.currency, r.description
        );
    }

    // Only an unpaid request can be canceled (409 once paid, canceled or expired).
    let canceled = client.payment_requests().cancel(request.id).await?;
    println!("{} is now {}", canceled.id, canceled.status);

    // Agent payments need the organization onboarded with the provider first.
    let provider = client.payment_providers().retrieve("agentcard").await?;
    println!("agentcard onboarding: {:?}", provider.status);
    if let Ok(payment_id) = std::env::var("LINQ_PAYMENT_ID") {
        let payment = client.payments().retrieve(payment_id).await?;
        println!(
            "payment {:?}: {:?} for {:?} cents",
            payment.id, payment.status, payment.amount_cents
        );
    }
    Ok(())
}
