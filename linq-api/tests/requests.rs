//! The exact request of every operation: one test per row of the generated table
//! (`linq_api::OPERATIONS`), each calling the SDK method and checking what reached the server:
//! method, path (each parameter one escaped segment), query, headers, and the JSON body, which
//! must be the operation's request fixture exactly (the fixture is decoded into the params
//! type, so this also proves the params types round-trip). The success fixture is served
//! back and must decode. A coverage test fails when an operation of the table has no case
//! here, so a new operation cannot go untested.

mod common;

use std::collections::BTreeSet;

use linq_api::types::{
    AvailableNumberRetrieveParams, ChatListChatsParams, ContactCardRetrieveParams,
    ContactCardUpdateQuery, MessageListMessagesThreadOrder, MessageListMessagesThreadParams,
    MessageListParams, PaymentCreateQuery, PaymentRequestListParams, PaymentRequestListStatus,
};
use linq_api::{Client, OPERATIONS};
use serde::de::DeserializeOwned;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The request fixture of `id`, decoded into the params type the method takes.
fn body<T: DeserializeOwned>(id: &str) -> T {
    serde_json::from_value(common::fixture(&format!("requests/{id}.json")))
        .unwrap_or_else(|e| panic!("requests/{id}.json does not decode into the params: {e}"))
}

/// The example value of a path parameter (`tests/fixtures/requests/path_params.json`).
fn arg(name: &str) -> String {
    let params = common::fixture("requests/path_params.json");
    params[name]
        .as_str()
        .unwrap_or_else(|| panic!("no example for `{name}` in requests/path_params.json"))
        .to_owned()
}

/// A server answering anything with the success example of operation `id`.
async fn serve(id: &str) -> MockServer {
    let op = operation(id);
    let server = common::server().await;
    let response = ResponseTemplate::new(op.success_status);
    let response = match op.response {
        Some(_) => response.set_body_json(common::fixture(&format!(
            "responses/{id}.{}.json",
            op.success_status
        ))),
        None => response,
    };
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn operation(id: &str) -> &'static linq_api::__rt::OperationInfo {
    OPERATIONS
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("`{id}` is not in linq_api::OPERATIONS"))
}

/// RFC 3986 path-segment escaping, written independently of the SDK's.
fn segment(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            // RFC 3986 pchar: unreserved, sub-delims, `:` and `@`, sent raw as the official
            // SDKs send them.
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The path template of `id` with every parameter filled in and escaped.
fn expected_path(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').expect("a closed `{`") + open;
        out.push_str(&rest[..open]);
        out.push_str(&segment(&arg(&rest[open + 1..close])));
        rest = &rest[close + 1..];
    }
    out + rest
}

/// Drops the idempotency keys the SDK added (UUID v4s at `idempotency_key` members the
/// fixture does not have), so the body can be compared with the fixture.
fn without_generated_keys(sent: &mut Value, fixture: &Value) {
    if let (Value::Object(sent), Value::Object(fixture)) = (sent, fixture) {
        if !fixture.contains_key("idempotency_key") {
            if let Some(key) = sent.remove("idempotency_key") {
                let key = key.as_str().expect("a string key");
                let uuid = uuid::Uuid::parse_str(key).expect("a generated key is a UUID");
                assert_eq!(uuid.get_version_num(), 4, "{key} is a UUID v4");
            }
        }
        for (name, value) in sent.iter_mut() {
            if let Some(expected) = fixture.get(name) {
                without_generated_keys(value, expected);
            }
        }
    }
}

/// Checks the one request the server received for operation `id`.
async fn check(id: &str, server: &MockServer, query: &[(&str, &str)]) {
    let op = operation(id);
    let requests = server.received_requests().await.expect("recorded requests");
    assert_eq!(requests.len(), 1, "{id}: one request, got {requests:#?}");
    let request = &requests[0];
    assert_eq!(request.method.as_str(), op.http_method, "{id}: method");
    assert_eq!(request.url.path(), expected_path(op.path), "{id}: path");
    let sent_query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let expected_query: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(sent_query, expected_query, "{id}: query");
    let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("authorization"), Some("Bearer test-key"), "{id}");
    assert!(header("user-agent").is_some_and(|ua| ua.starts_with("linq-api-rust/")));
    if op.request.is_some() {
        assert_eq!(header("content-type"), Some("application/json"), "{id}");
        let fixture = common::fixture(&format!("requests/{id}.json"));
        let mut sent: Value = serde_json::from_slice(&request.body).expect("a JSON body");
        without_generated_keys(&mut sent, &fixture);
        assert_eq!(
            sent, fixture,
            "{id}: the body is the request fixture exactly"
        );
    } else {
        assert!(request.body.is_empty(), "{id}: no body");
        assert_eq!(header("content-type"), None, "{id}");
    }
}

/// One test per operation: `name: "id" => |client| call, query [pairs];`, and the list of ids
/// the coverage test compares with the table.
macro_rules! requests {
    ($($name:ident: $id:literal => |$c:ident| $call:expr, [$(($k:literal, $v:literal)),*];)*) => {
        $(
            #[tokio::test]
            async fn $name() {
                let server = serve($id).await;
                let $c: Client = common::client(&server);
                $call.await.unwrap_or_else(|e| panic!("{}: {e}", $id));
                check($id, &server, &[$(($k, $v)),*]).await;
            }
        )*

        const COVERED: &[&str] = &[$($id),*];
    };
}

requests! {
    chats_create: "chats.create" => |c| c.chats().create(body("chats.create")), [];
    chats_list_chats: "chats.list_chats" => |c| c.chats().list_chats(
        ChatListChatsParams::new().from("+12052535597").to("+12052532136").limit(10).cursor("20")
    ), [("cursor", "20"), ("from", "+12052535597"), ("limit", "10"), ("to", "+12052532136")];
    chats_retrieve: "chats.retrieve" => |c| c.chats().retrieve(arg("chatId")), [];
    chats_update: "chats.update" => |c| c.chats().update(arg("chatId"), body("chats.update")), [];
    chats_mark_as_read: "chats.mark_as_read" => |c| c.chats().mark_as_read(arg("chatId")), [];
    chats_leave_chat: "chats.leave_chat" => |c| c.chats().leave_chat(arg("chatId")), [];
    chats_share_contact_card: "chats.share_contact_card" =>
        |c| c.chats().share_contact_card(arg("chatId")), [];
    chats_send_voicememo: "chats.send_voicememo" =>
        |c| c.chats().send_voicememo(arg("chatId"), body("chats.send_voicememo")), [];
    chats_participants_add: "chats.participants.add" =>
        |c| c.chats().participants().add(arg("chatId"), body("chats.participants.add")), [];
    chats_participants_remove: "chats.participants.remove" =>
        |c| c.chats().participants().remove(arg("chatId"), body("chats.participants.remove")), [];
    chats_typing_start: "chats.typing.start" => |c| c.chats().typing().start(arg("chatId")), [];
    chats_typing_stop: "chats.typing.stop" => |c| c.chats().typing().stop(arg("chatId")), [];
    chats_messages_send: "chats.messages.send" =>
        |c| c.chats().messages().send(arg("chatId"), body("chats.messages.send")), [];
    chats_messages_list: "chats.messages.list" => |c| c.chats().messages().list(
        arg("chatId"), MessageListParams::new().limit(2).cursor("abc")
    ), [("cursor", "abc"), ("limit", "2")];
    chats_location_retrieve: "chats.location.retrieve" =>
        |c| c.chats().location().retrieve(arg("chatId")), [];
    chats_location_request: "chats.location.request" =>
        |c| c.chats().location().request(arg("chatId")), [];
    chats_polls_create: "chats.polls.create" =>
        |c| c.chats().polls().create(arg("chatId"), body("chats.polls.create")), [];
    chats_background_set: "chats.background.set" =>
        |c| c.chats().background().set(arg("chatId"), body("chats.background.set")), [];
    chats_background_remove: "chats.background.remove" =>
        |c| c.chats().background().remove(arg("chatId")), [];
    messages_create: "messages.create" => |c| c.messages().create(body("messages.create")), [];
    messages_retrieve: "messages.retrieve" => |c| c.messages().retrieve(arg("messageId")), [];
    messages_update: "messages.update" =>
        |c| c.messages().update(arg("messageId"), body("messages.update")), [];
    messages_delete: "messages.delete" => |c| c.messages().delete(arg("messageId")), [];
    messages_add_reaction: "messages.add_reaction" =>
        |c| c.messages().add_reaction(arg("messageId"), body("messages.add_reaction")), [];
    messages_list_messages_thread: "messages.list_messages_thread" =>
        |c| c.messages().list_messages_thread(
            arg("messageId"),
            MessageListMessagesThreadParams::new()
                .limit(5)
                .order(MessageListMessagesThreadOrder::Desc),
        ), [("limit", "5"), ("order", "desc")];
    messages_update_app_card: "messages.update_app_card" => |c| c.messages().update_app_card(
        arg("messageId"), body("messages.update_app_card")
    ), [];
    messages_poll_retrieve: "messages.poll.retrieve" =>
        |c| c.messages().poll().retrieve(arg("messageId")), [];
    messages_poll_add_options: "messages.poll.add_options" =>
        |c| c.messages().poll().add_options(arg("messageId"), body("messages.poll.add_options")), [];
    messages_poll_vote: "messages.poll.vote" =>
        |c| c.messages().poll().vote(arg("messageId"), body("messages.poll.vote")), [];
    attachments_create: "attachments.create" =>
        |c| c.attachments().create(body("attachments.create")), [];
    attachments_retrieve: "attachments.retrieve" =>
        |c| c.attachments().retrieve(arg("attachmentId")), [];
    attachments_delete: "attachments.delete" =>
        |c| c.attachments().delete(arg("attachmentId")), [];
    phonenumbers_list: "phonenumbers.list" => |c| {
        #[allow(deprecated)]
        c.phonenumbers().list()
    }, [];
    phone_numbers_list: "phone_numbers.list" => |c| c.phone_numbers().list(), [];
    phone_numbers_update: "phone_numbers.update" =>
        |c| c.phone_numbers().update(arg("phoneNumberId"), body("phone_numbers.update")), [];
    phone_numbers_start_reputation_audit: "phone_numbers.start_reputation_audit" =>
        |c| c.phone_numbers().start_reputation_audit(arg("phoneNumber")), [];
    phone_numbers_get_reputation_audit: "phone_numbers.get_reputation_audit" =>
        |c| c.phone_numbers().get_reputation_audit(arg("phoneNumber"), arg("auditId")), [];
    available_number_retrieve: "available_number.retrieve" => |c| c.available_number().retrieve(
        AvailableNumberRetrieveParams::new()
            .to(["+12052532136", "+12052532137"])
            .exclude_from(["+12052535597"])
    ), [("to", "+12052532136"), ("to", "+12052532137"), ("exclude_from", "+12052535597")];
    payment_requests_create: "payment_requests.create" =>
        |c| c.payment_requests().create(body("payment_requests.create")), [];
    payment_requests_list: "payment_requests.list" => |c| c.payment_requests().list(
        PaymentRequestListParams::new().limit(10).offset(20).status(PaymentRequestListStatus::Succeeded)
    ), [("limit", "10"), ("offset", "20"), ("status", "succeeded")];
    payment_requests_retrieve: "payment_requests.retrieve" =>
        |c| c.payment_requests().retrieve(arg("paymentRequestId")), [];
    payment_requests_cancel: "payment_requests.cancel" =>
        |c| c.payment_requests().cancel(arg("paymentRequestId")), [];
    payment_providers_retrieve: "payment_providers.retrieve" =>
        |c| c.payment_providers().retrieve(arg("provider")), [];
    payment_providers_connect: "payment_providers.connect" =>
        |c| c.payment_providers().connect(arg("provider"), body("payment_providers.connect")), [];
    payment_handles_connect: "payment_handles.connect" =>
        |c| c.payment_handles().connect(arg("handle")), [];
    payment_handles_connection: "payment_handles.connection" =>
        |c| c.payment_handles().connection(arg("handle")), [];
    payment_handles_revoke: "payment_handles.revoke" =>
        |c| c.payment_handles().revoke(arg("handle")), [];
    payment_handles_verify: "payment_handles.verify" =>
        |c| c.payment_handles().verify(arg("handle"), body("payment_handles.verify")), [];
    payments_create: "payments.create" =>
        |c| c.payments().create(PaymentCreateQuery::new(), body("payments.create")), [];
    payments_retrieve: "payments.retrieve" => |c| c.payments().retrieve(arg("paymentId")), [];
    payments_cancel: "payments.cancel" => |c| c.payments().cancel(arg("paymentId")), [];
    payments_credentials: "payments.credentials" =>
        |c| c.payments().credentials(arg("paymentId")), [];
    blocked_handles_list: "blocked_handles.list" => |c| c.blocked_handles().list(), [];
    blocked_handles_block: "blocked_handles.block" =>
        |c| c.blocked_handles().block(body("blocked_handles.block")), [];
    blocked_handles_unblock: "blocked_handles.unblock" =>
        |c| c.blocked_handles().unblock(body("blocked_handles.unblock")), [];
    experiences_list: "experiences.list" => |c| c.experiences().list(), [];
    experiences_retrieve: "experiences.retrieve" =>
        |c| c.experiences().retrieve(arg("experience")), [];
    webhook_events_list: "webhook_events.list" => |c| c.webhook_events().list(), [];
    webhook_subscriptions_create: "webhook_subscriptions.create" =>
        |c| c.webhook_subscriptions().create(body("webhook_subscriptions.create")), [];
    webhook_subscriptions_list: "webhook_subscriptions.list" =>
        |c| c.webhook_subscriptions().list(), [];
    webhook_subscriptions_retrieve: "webhook_subscriptions.retrieve" =>
        |c| c.webhook_subscriptions().retrieve(arg("subscriptionId")), [];
    webhook_subscriptions_update: "webhook_subscriptions.update" => |c| c
        .webhook_subscriptions()
        .update(arg("subscriptionId"), body("webhook_subscriptions.update")), [];
    webhook_subscriptions_delete: "webhook_subscriptions.delete" =>
        |c| c.webhook_subscriptions().delete(arg("subscriptionId")), [];
    capability_check_imessage: "capability.check_imessage" =>
        |c| c.capability().check_imessage(body("capability.check_imessage")), [];
    capability_check_rcs: "capability.check_rcs" =>
        |c| c.capability().check_rcs(body("capability.check_rcs")), [];
    contact_card_create: "contact_card.create" =>
        |c| c.contact_card().create(body("contact_card.create")), [];
    contact_card_retrieve: "contact_card.retrieve" => |c| c.contact_card().retrieve(
        ContactCardRetrieveParams::new().phone_number("+12052535597")
    ), [("phone_number", "+12052535597")];
    contact_card_update: "contact_card.update" => |c| c.contact_card().update(
        ContactCardUpdateQuery::new("+12052535597"), body("contact_card.update")
    ), [("phone_number", "+12052535597")];
}

#[test]
fn every_operation_of_the_table_has_a_request_test() {
    let table: BTreeSet<&str> = OPERATIONS.iter().map(|o| o.id).collect();
    let covered: BTreeSet<&str> = COVERED.iter().copied().collect();
    assert_eq!(COVERED.len(), covered.len(), "an operation is listed twice");
    let missing: Vec<&str> = table.difference(&covered).copied().collect();
    let unknown: Vec<_> = covered.difference(&table).collect();
    let rows: String = missing
        .iter()
        .map(|id| suggested_row(operation(id)))
        .collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "operations without a request test: {missing:?}; tests of unknown operations: \
         {unknown:?}\n\nAdd to `requests! {{ … }}` in linq-api/tests/requests.rs (and set the \
         query the call sends):\n{rows}"
    );
}

/// The row a new operation needs in `requests!`, with the fixtures it reads.
fn suggested_row(op: &linq_api::__rt::OperationInfo) -> String {
    let mut args: Vec<String> = op
        .path
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}'))
        .map(|(name, _)| format!("arg({name:?})"))
        .collect();
    if let Some(params) = op.query {
        args.push(format!("{params}::new()"));
    }
    let mut files = Vec::new();
    if op.request.is_some() {
        args.push(format!("body({:?})", op.id));
        files.push(format!("tests/fixtures/requests/{}.json", op.id));
    }
    if op.response.is_some() {
        files.push(format!(
            "tests/fixtures/responses/{}.{}.json",
            op.id, op.success_status
        ));
    }
    let accessors: String = op.resource.iter().map(|r| format!(".{r}()")).collect();
    format!(
        "    {}: {:?} => |c| c{accessors}.{}({}), [];   // fixtures: {}\n",
        op.id.replace('.', "_"),
        op.id,
        op.method,
        args.join(", "),
        if files.is_empty() {
            "none".to_owned()
        } else {
            files.join(", ")
        }
    )
}
