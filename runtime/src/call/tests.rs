//! The wire form of what generated methods put on a call: styled query parameters, union
//! path parameters, form and byte bodies.

use serde::Serialize;

use super::*;
use crate::client::test_client::TestClient as Client;
use crate::encode::QueryStyle;
use crate::error::Error;

fn call(client: &Client) -> Call {
    Call::new(client, Method::POST, "/things")
}

fn client() -> Client {
    Client::builder()
        .api_key("key")
        .base_url("http://127.0.0.1:1/v3")
        .build()
        .unwrap()
}

#[derive(Serialize)]
struct Filter {
    name: &'static str,
    tags: Vec<&'static str>,
}

#[test]
fn a_deep_object_query_parameter_nests_its_keys() {
    let client = client();
    let filter = Filter {
        name: "a b",
        tags: vec!["x", "y"],
    };
    let prepared = call(&client)
        .query_styled("filter", QueryStyle::DeepObject, Some(&filter))
        .prepare()
        .unwrap();
    assert_eq!(
        prepared.url.query(),
        Some("filter%5Bname%5D=a+b&filter%5Btags%5D%5B0%5D=x&filter%5Btags%5D%5B1%5D=y")
    );
}

#[test]
fn an_absent_styled_parameter_adds_nothing() {
    let client = client();
    let prepared = call(&client)
        .query_styled::<Filter>("filter", QueryStyle::DeepObject, None)
        .prepare()
        .unwrap();
    assert_eq!(prepared.url.query(), None);
}

#[test]
fn a_union_path_parameter_is_written_as_its_scalar() {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum NameOrId {
        Id(u64),
    }
    let client = client();
    let prepared = Call::new(&client, Method::POST, "/things/{id}")
        .path_param_serialized("id", &NameOrId::Id(7))
        .prepare()
        .unwrap();
    assert_eq!(prepared.url.path(), "/v3/things/7");
}

#[test]
fn a_path_parameter_that_is_not_one_value_is_an_invalid_request() {
    let client = client();
    let err = Call::new(&client, Method::POST, "/things/{id}")
        .path_param_serialized("id", &vec![1, 2])
        .prepare()
        .map(|_| ())
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err}");
    assert!(err.to_string().contains("`id`"), "{err}");
}

#[test]
fn a_form_body_is_encoded_once_with_its_media_type() {
    let client = client();
    let body = Filter {
        name: "a&b",
        tags: vec!["x"],
    };
    let prepared = call(&client).form(&body).prepare().unwrap();
    assert_eq!(
        prepared.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(prepared.body.as_deref(), Some(&b"name=a%26b&tags=x"[..]));
}

#[test]
fn a_bytes_body_is_sent_as_given() {
    let client = client();
    let prepared = call(&client)
        .bytes(vec![0u8, 255], "image/png")
        .prepare()
        .unwrap();
    assert_eq!(prepared.headers["content-type"], "image/png");
    assert_eq!(prepared.body.as_deref(), Some(&[0u8, 255][..]));
}
