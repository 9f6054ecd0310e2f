//! Routing requests to operations, by path and method.

use super::*;

/// A few operations shaped like a real API's.
static OPERATIONS: &[OperationInfo] = &[
    op(
        "phone_numbers.get_reputation_audit",
        "GET",
        "/v3/phone_numbers/{phoneNumber}/reputation_audit/{auditId}",
    ),
    op("chats.read", "POST", "/v3/chats/read"),
    op("chats.retrieve", "GET", "/v3/chats/{chatId}"),
    op("chats.typing.start", "POST", "/v3/chats/{chatId}/typing"),
    op("chats.typing.stop", "DELETE", "/v3/chats/{chatId}/typing"),
];

const fn op(id: &'static str, http_method: &'static str, path: &'static str) -> OperationInfo {
    OperationInfo {
        id,
        resource: &[],
        method: "",
        http_method,
        path,
        success_status: 200,
        request: None,
        query: None,
        response: None,
        paginated: false,
        idempotent: false,
        deprecated: false,
        example: None,
    }
}

fn route(method: &Method, url: &Url) -> Result<Option<Route>, String> {
    super::route(OPERATIONS, method, url)
}

fn url(path: &str) -> Url {
    Url::parse(&format!("{MOCK_BASE_URL}{path}")).expect("url")
}

#[test]
fn a_path_finds_its_operation_and_decodes_its_parameters() {
    let (op, params) = route(
        &Method::GET,
        &url("/v3/phone_numbers/%2B1205/reputation_audit/a1"),
    )
    .expect("known")
    .expect("an operation");
    assert_eq!(op.id, "phone_numbers.get_reputation_audit");
    assert_eq!(params["phoneNumber"], "+1205");
    assert_eq!(params["auditId"], "a1");
}

#[test]
fn a_literal_segment_wins_over_a_parameter() {
    let (op, params) = route(&Method::POST, &url("/v3/chats/read"))
        .expect("known")
        .expect("op");
    assert_eq!(op.id, "chats.read");
    assert!(params.is_empty());
}

#[test]
fn the_method_picks_among_operations_of_one_path() {
    let (op, _) = route(&Method::DELETE, &url("/v3/chats/c1/typing"))
        .expect("known")
        .expect("op");
    assert_eq!(op.id, "chats.typing.stop");
}

#[test]
fn an_unknown_path_of_the_api_is_an_error_naming_it() {
    let error = route(&Method::GET, &url("/v3/nothing_here")).unwrap_err();
    assert!(error.contains("GET /v3/nothing_here"), "{error}");
}

#[test]
fn another_host_is_no_operation() {
    let upload = Url::parse("https://storage.example/bucket/file?X-Amz-Signature=s").expect("url");
    assert!(route(&Method::PUT, &upload)
        .expect("not an error")
        .is_none());
}
