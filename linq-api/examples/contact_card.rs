//! The `contact_card` resource: set up the name and photo of a line, read it back, and
//! change it later.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_FROM=+12052535597 cargo run --example contact_card
//! ```

use linq_api::types::{
    ContactCardCreateParams, ContactCardRetrieveParams, ContactCardUpdateBody,
    ContactCardUpdateQuery,
};
use linq_api::ErrorKind;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let from = std::env::var("LINQ_FROM")?;

    // Creation is for the one-time setup: an active card is never overwritten (409, code
    // 2014), so an existing one is fine here.
    let card = ContactCardCreateParams::new("Acme", from.clone())
        .last_name("Support")
        .image_url("https://example.com/acme-logo.png");
    match client.contact_card().create(card).await {
        Ok(card) => println!("created the card of {}", card.phone_number),
        Err(e) if e.kind() == Some(ErrorKind::Conflict) => println!("{from} already has a card"),
        Err(e) => return Err(e.into()),
    }

    // Leave out `phone_number` to get the cards of every line.
    let cards = client
        .contact_card()
        .retrieve(ContactCardRetrieveParams::new().phone_number(from.clone()))
        .await?;
    for card in &cards.contact_cards {
        println!(
            "{}: {} {:?} active={}",
            card.phone_number, card.first_name, card.last_name, card.is_active
        );
    }

    // Only the fields in the body change.
    let updated = client
        .contact_card()
        .update(
            ContactCardUpdateQuery::new(from),
            ContactCardUpdateBody::new().last_name("Customer Care"),
        )
        .await?;
    println!("now {} {:?}", updated.first_name, updated.last_name);
    Ok(())
}
