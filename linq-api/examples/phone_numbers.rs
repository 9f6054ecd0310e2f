//! The `phone_numbers` and `available_number` resources: list your lines and their
//! reputation, forward a line's calls, audit its reputation, and pick the line to send from.
//! (`client.phonenumbers().list()` still exists but is deprecated: use
//! `client.phone_numbers().list()`.)
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_TO=+12052532136 [LINQ_FORWARD_TO=+12052532136] \
//!     cargo run --example phone_numbers
//! ```

use std::time::Duration;

use linq_api::types::{
    AvailableNumberRetrieveParams, PhoneNumberUpdateParams, ReputationAuditStatus,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let to = std::env::var("LINQ_TO")?;

    let lines = client.phone_numbers().list().await?.phone_numbers;
    for line in &lines {
        let forwarding = &line.forwarding_number;
        println!(
            "{} {} → {forwarding:?}",
            line.phone_number, line.reputation.status
        );
    }
    let line = lines.first().ok_or("no line is assigned to this account")?;

    // Updates address the line by its id; `None` would remove forwarding.
    if let Ok(forward_to) = std::env::var("LINQ_FORWARD_TO") {
        let forwarding = PhoneNumberUpdateParams::new(forward_to);
        let updated = client.phone_numbers().update(&line.id, forwarding).await?;
        println!("calls now forward to {:?}", updated.forwarding_number);
    }

    // Audits address the line by its number, run asynchronously, and are polled.
    let started = client
        .phone_numbers()
        .start_reputation_audit(&line.phone_number)
        .await?;
    let audit = loop {
        let audit = client
            .phone_numbers()
            .get_reputation_audit(&line.phone_number, &started.audit_id)
            .await?;
        if audit.status != ReputationAuditStatus::Pending {
            break audit;
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    };
    match audit.report.and_then(|report| report.summary_markdown) {
        Some(summary) => println!("{summary}"),
        None => println!("audit {}: {:?}", audit.status, audit.error),
    }

    // Sticky pick: a line that already has a chat with this recipient wins.
    let pick = client
        .available_number()
        .retrieve(AvailableNumberRetrieveParams::new().to([to]))
        .await?;
    println!("send from {} (vCard: {})", pick.phone_number, pick.vcf_url);
    Ok(())
}
