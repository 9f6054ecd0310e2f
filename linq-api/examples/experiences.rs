//! The `experiences` resource: discover the experiences your account can send as iMessage
//! app cards, with the actions they offer and the fields each action takes.
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… [LINQ_EXPERIENCE=…] cargo run --example experiences
//! ```

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;

    // Build only against what this returns: anything else is unsupported.
    let experiences = client
        .experiences()
        .list()
        .await?
        .experiences
        .unwrap_or_default();
    for experience in &experiences {
        println!(
            "{:?} ({:?})",
            experience.experience, experience.display_name
        );
    }

    // The key is the `experience` field of a listed one.
    let key = std::env::var("LINQ_EXPERIENCE").ok();
    let Some(key) = key.or_else(|| experiences.iter().find_map(|e| e.experience.clone())) else {
        return Ok(());
    };
    let experience = client.experiences().retrieve(&key).await?;
    for action in experience.actions.unwrap_or_default() {
        println!("{key}.{:?}: {:?}", action.name, action.summary);
        for (name, field) in action.fields.unwrap_or_default() {
            let required = field.required.unwrap_or(false);
            println!(
                "  {name}: {:?} required={required} max={:?}",
                field.type_, field.max
            );
        }
    }
    Ok(())
}
