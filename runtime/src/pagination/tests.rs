//! Following pages: where the next one starts, and when a walk must stop.
use super::*;
use crate::client::test_client::TestClient as Client;
use std::borrow::Cow;

/// A page of `n` items that says where the next one starts.
struct Fake(Vec<u8>, NextPage<'static>);

impl Paginated for Fake {
    type Item = u8;
    fn items(&self) -> &[u8] {
        &self.0
    }
    fn into_items(self) -> Vec<u8> {
        self.0
    }
    fn next_page(&self) -> NextPage<'_> {
        self.1
    }
}

fn call(query: &[(&'static str, &str)]) -> Call {
    let client = Client::new("key").unwrap();
    let mut call = Call::new(&client, reqwest::Method::GET, "/things");
    for (k, v) in query {
        call = call.query(k, v);
    }
    call
}

fn next_query(next: Next) -> Vec<(Cow<'static, str>, String)> {
    match next {
        Next::Call(call) => call.query,
        other => panic!("expected a next call, got {other:?}"),
    }
}

#[test]
fn offset_pages_advance_by_the_items_received() {
    let page = Fake(vec![1, 2, 3], NextPage::offset("offset", true));
    let next = next_call(&call(&[("limit", "3"), ("offset", "6")]), &page, |_| false);
    assert_eq!(
        next_query(next),
        [
            ("limit".into(), "3".to_owned()),
            ("offset".into(), "9".to_owned())
        ]
    );
}

#[test]
fn the_first_offset_page_starts_from_zero() {
    let page = Fake(vec![1, 2], NextPage::offset("offset", true));
    let next = next_call(&call(&[]), &page, |_| false);
    assert_eq!(next_query(next), [("offset".into(), "2".to_owned())]);
}

#[test]
fn has_more_false_is_the_last_page() {
    let page = Fake(vec![1], NextPage::offset("offset", false));
    assert!(matches!(
        next_call(&call(&[]), &page, |_| false),
        Next::Last
    ));
}

#[test]
fn an_empty_page_is_the_last_whatever_it_says() {
    let page = Fake(vec![], NextPage::offset("offset", true));
    assert!(matches!(
        next_call(&call(&[]), &page, |_| false),
        Next::Last
    ));
}

#[test]
fn a_cursor_replaces_the_previous_one() {
    let page = Fake(vec![1], NextPage::cursor("cursor", Some("c2")));
    let next = next_call(&call(&[("cursor", "c1")]), &page, |_| false);
    assert_eq!(next_query(next), [("cursor".into(), "c2".to_owned())]);
}

#[test]
fn an_empty_cursor_is_the_last_page() {
    assert_eq!(NextPage::cursor("cursor", Some("")), NextPage::Last);
    assert_eq!(NextPage::cursor("cursor", None), NextPage::Last);
}

#[test]
fn a_trail_remembers_every_cursor_of_its_walk() {
    let mark = |c: &str| Mark::Cursor(c.to_owned());
    let mut trail = Trail::default();
    assert!(!trail.check(mark("a")));
    let mut branch = trail.clone();
    assert!(!branch.check(mark("b")));
    assert!(branch.check(mark("a")) && branch.check(mark("b")));
    assert!(
        !trail.check(mark("b")),
        "a page's trail does not see its successors' cursors"
    );
}

#[test]
fn an_offset_page_with_the_items_of_an_earlier_page_ends_the_walk() {
    let mut seen = HashSet::new();
    let page = Fake(vec![1, 2, 3], NextPage::offset("offset", true));
    let first = next_call(&call(&[]), &page, |m| !seen.insert(m));
    assert!(matches!(first, Next::Call(_)));
    let again = next_call(&call(&[("offset", "3")]), &page, |m| !seen.insert(m));
    assert!(
        matches!(&again, Next::RepeatedPage("offset", value) if value == "3"),
        "{again:?}"
    );
}

#[test]
fn pages_with_different_items_go_on() {
    let mut seen = HashSet::new();
    let first = Fake(vec![1, 2], NextPage::offset("offset", true));
    let second = Fake(vec![3, 4], NextPage::offset("offset", true));
    assert!(matches!(
        next_call(&call(&[]), &first, |m| !seen.insert(m)),
        Next::Call(_)
    ));
    let next = next_call(&call(&[("offset", "2")]), &second, |m| !seen.insert(m));
    assert_eq!(next_query(next), [("offset".into(), "4".to_owned())]);
}
