//! The `chats.location`, `chats.background` and `chats.polls` resources, and
//! `messages.poll` to vote and read the results (location requests and polls: iMessage only).
//!
//! ```sh
//! LINQ_API_V3_API_KEY=… LINQ_CHAT_ID=… cargo run --example chat_features
//! ```

use linq_api::types::{
    BackgroundSetParams, BackgroundSetParamsStyle, BackgroundSetParamsType, MessageContent,
    MessageSendParams, PollCreateParams, PollCreateParamsPoll, PollVoteParams,
    PollVoteParamsOperation,
};
use linq_api::ErrorKind;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = linq_api::Client::from_env()?;
    let chat_id = std::env::var("LINQ_CHAT_ID")?;
    let chats = client.chats();

    // Positions of whoever already shares with us; ask for one otherwise. Apple allows the
    // request only in direct iMessage chats (409, codes 2016 and 2017, elsewhere).
    let shared = chats.location().retrieve(&chat_id).await?;
    for feature in &shared.data.features {
        let (who, at) = (&feature.properties.handle, &feature.geometry.coordinates);
        println!(
            "{who} at {at:?} (as of {:?})",
            feature.properties.updated_at
        );
    }
    match chats.location().request(&chat_id).await {
        Ok(answer) => println!("location request: {}", answer.message),
        Err(e) if e.kind() == Some(ErrorKind::Conflict) => println!("cannot ask here: {e}"),
        Err(e) => return Err(e.into()),
    }

    // Applied asynchronously: the chat.background_updated webhook event confirms it.
    let aurora = BackgroundSetParams::new(BackgroundSetParamsType::Dynamic)
        .style(BackgroundSetParamsStyle::Aurora)
        .variant("green");
    chats.background().set(&chat_id, aurora).await?;
    chats.background().remove(&chat_id).await?;

    // A poll has no title: the question goes out as a text message first.
    let question = MessageContent::new(["Which day suits you for the delivery?"]);
    chats
        .messages()
        .send(&chat_id, MessageSendParams::new(question))
        .await?;
    let options = PollCreateParamsPoll::new(["Tuesday", "Thursday"]);
    let created = chats
        .polls()
        .create(&chat_id, PollCreateParams::new(options))
        .await?;

    // Polls are addressed by the id of the message that carries them.
    let polls = client.messages().poll();
    let options = &created.poll.options;
    let tuesday = options.first().ok_or("the poll has no options")?;
    let vote = PollVoteParams::new(PollVoteParamsOperation::Add, &tuesday.option_id);
    polls.vote(&created.message_id, vote).await?;
    let results = polls.retrieve(created.message_id).await?;
    for option in &results.poll.options {
        println!("{}: {} vote(s)", option.text, option.voters.len());
    }
    println!("{} distinct voter(s)", results.poll.total_voters);
    Ok(())
}
