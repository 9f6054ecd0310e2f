//! Pagination: pages, `next_page()`, the item stream, the repeated-cursor guard, and offset
//! pagination.

mod common;

use futures_util::TryStreamExt;
use linq_api::types::ChatListChatsParams;
use linq_api::Error;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A list-chats page holding copies of the fixture's first chat with ids `ids`.
fn page(ids: &[&str], next: Option<&str>) -> Value {
    let fixture = common::fixture("responses/chats.list_chats.200.json");
    let chats: Vec<Value> = ids
        .iter()
        .map(|id| {
            let mut chat = fixture["chats"][0].clone();
            chat["id"] = json!(id);
            chat
        })
        .collect();
    json!({"chats": chats, "next_cursor": next})
}

const IDS: [&str; 5] = [
    "00000000-0000-4000-8000-000000000001",
    "00000000-0000-4000-8000-000000000002",
    "00000000-0000-4000-8000-000000000003",
    "00000000-0000-4000-8000-000000000004",
    "00000000-0000-4000-8000-000000000005",
];

async fn three_pages() -> MockServer {
    let server = common::server().await;
    let mount = |cursor: Option<&'static str>, body: Value| {
        let mock = Mock::given(method("GET"))
            .and(path("/v3/chats"))
            .and(query_param("limit", "2"));
        let mock = match cursor {
            Some(c) => mock.and(query_param("cursor", c)),
            None => mock.and(query_param_is_missing("cursor")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
    };
    mount(None, page(&IDS[..2], Some("c2")))
        .mount(&server)
        .await;
    mount(Some("c2"), page(&IDS[2..4], Some("c3")))
        .mount(&server)
        .await;
    mount(Some("c3"), page(&IDS[4..], None))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_stream_follows_next_cursor_across_three_pages() {
    let server = three_pages().await;
    let client = common::client(&server);
    let chats: Vec<_> = client
        .chats()
        .list_chats(ChatListChatsParams::new().limit(2))
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<String> = chats.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(ids, IDS);
}

#[tokio::test]
async fn awaiting_gives_the_first_page_and_next_page_the_rest() {
    let server = three_pages().await;
    let client = common::client(&server);
    let first = client
        .chats()
        .list_chats(ChatListChatsParams::new().limit(2))
        .await
        .unwrap();
    assert_eq!(first.items().len(), 2);
    assert_eq!(first.next_cursor(), Some("c2"));
    let second = first.next_page().await.unwrap().expect("a second page");
    assert_eq!(second.chats[0].id.to_string(), IDS[2]);
    let third = second.next_page().await.unwrap().expect("a third page");
    assert!(!third.has_next_page());
    assert!(third.next_page().await.unwrap().is_none());
}

#[tokio::test]
async fn an_empty_page_ends_the_stream_even_with_a_cursor() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[], Some("again"))))
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<_> = common::client(&server)
        .chats()
        .list_chats(Default::default())
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert!(items.is_empty());
}

#[tokio::test]
async fn a_repeated_cursor_stops_the_stream_with_an_error() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&IDS[..1], Some("loop"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("cursor", "loop"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&IDS[1..2], Some("loop"))))
        .expect(1)
        .mount(&server)
        .await;
    let mut stream = Box::pin(
        common::client(&server)
            .chats()
            .list_chats(Default::default())
            .into_stream(),
    );
    assert_eq!(
        stream.try_next().await.unwrap().unwrap().id.to_string(),
        IDS[0]
    );
    assert_eq!(
        stream.try_next().await.unwrap().unwrap().id.to_string(),
        IDS[1]
    );
    let error = stream.try_next().await.unwrap_err();
    assert!(
        matches!(&error, Error::RepeatedCursor { cursor } if cursor == "loop"),
        "{error:?}"
    );
    assert!(
        stream.try_next().await.unwrap().is_none(),
        "the stream ends after the error"
    );
}

#[tokio::test]
async fn messages_list_pages_too() {
    let server = common::server().await;
    let fixture = common::fixture("responses/chats.messages.list.200.json");
    Mock::given(method("GET"))
        .and(path(format!("/v3/chats/{}/messages", common::CHAT_ID)))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"messages": fixture["messages"], "next_cursor": null})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let messages: Vec<_> = common::client(&server)
        .chats()
        .messages()
        .list(common::CHAT_ID, Default::default())
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        messages.len(),
        fixture["messages"].as_array().unwrap().len()
    );
}

/// A payment-requests page (offset pagination) holding copies of the fixture's first item.
/// A page of payment requests numbered from `first`, each with its own id.
fn payment_page(first: usize, count: usize, has_more: bool) -> Value {
    let fixture = common::fixture("responses/payment_requests.list.200.json");
    let items: Vec<Value> = (first..first + count)
        .map(|n| {
            let mut item = fixture["data"][0].clone();
            item["id"] = json!(format!("00000000-0000-4000-8000-{n:012}"));
            item
        })
        .collect();
    json!({"object": "list", "has_more": has_more, "data": items})
}

#[tokio::test]
async fn an_offset_list_advances_the_offset_by_the_items_received_until_has_more_is_false() {
    let server = common::server().await;
    let mount = |offset: Option<&'static str>, body: Value| {
        let mock = Mock::given(method("GET"))
            .and(path("/v3/payment_requests"))
            .and(query_param("limit", "2"));
        let mock = match offset {
            Some(o) => mock.and(query_param("offset", o)),
            None => mock.and(query_param_is_missing("offset")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
    };
    mount(None, payment_page(0, 2, true)).mount(&server).await;
    mount(Some("2"), payment_page(2, 2, true))
        .mount(&server)
        .await;
    mount(Some("4"), payment_page(4, 1, false))
        .mount(&server)
        .await;
    let items: Vec<_> = common::client(&server)
        .payment_requests()
        .list(linq_api::types::PaymentRequestListParams::new().limit(2))
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 5, "three pages, each fetched once");
}

#[tokio::test]
async fn an_offset_list_whose_server_ignores_the_offset_stops_at_the_repeated_page() {
    let server = common::server().await;
    // Whatever the offset, the same page, and it says there is more.
    Mock::given(method("GET"))
        .and(path("/v3/payment_requests"))
        .respond_with(ResponseTemplate::new(200).set_body_json(payment_page(0, 3, true)))
        .mount(&server)
        .await;
    let mut stream = common::client(&server)
        .payment_requests()
        .list(linq_api::types::PaymentRequestListParams::new())
        .into_stream();
    let mut items = 0;
    let error = loop {
        match stream.try_next().await {
            Ok(Some(_)) => items += 1,
            Ok(None) => panic!("the stream ended without saying the page repeated"),
            Err(error) => break error,
        }
    };
    assert!(
        matches!(&error, Error::RepeatedPage { param: "offset", value, .. } if value == "3"),
        "{error:?}"
    );
    assert_eq!(items, 3, "the repeated page's items are not yielded again");
    assert!(stream.try_next().await.unwrap().is_none(), "then it ends");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
