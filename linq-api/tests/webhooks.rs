//! Webhook verification, Standard Webhooks exactly: which deliveries pass, and the error
//! variant of each one that does not. The last two tests check against an independent
//! implementation (the `standardwebhooks` Python package): they need it installed, so a
//! plain `cargo test` lists them as ignored and `cargo xtask test` installs it and runs them.

use std::process::Command;
use std::time::Duration;

use jiff::Timestamp;
use linq_api::webhooks::{HeaderMap, WebhookError, Webhooks};
use linq_api::Error;

/// The example secret of Linq's webhook guide.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7Jxx2Oll+OE=";
const OTHER_SECRET: &str = "whsec_c2VjcmV0LW9mLWFub3RoZXItZW5kcG9pbnQ=";
const ID: &str = "msg_2tNQ9o3uMYxbZzY6Q6DPyVe7Hy1";
const SENT: i64 = 1_780_000_000;
const BODY: &[u8] = br#"{"event_type":"message.received","data":{"id":"m1"}}"#;

fn webhooks() -> Webhooks {
    Webhooks::new(SECRET).unwrap()
}

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(seconds).unwrap()
}

fn headers(id: &str, timestamp: &str, signature: &str) -> HeaderMap {
    let mut map = HeaderMap::new();
    map.insert("webhook-id", id.parse().unwrap());
    map.insert("webhook-timestamp", timestamp.parse().unwrap());
    map.insert("webhook-signature", signature.parse().unwrap());
    map
}

fn signed(body: &[u8]) -> HeaderMap {
    headers(ID, &SENT.to_string(), &webhooks().sign(ID, SENT, body))
}

fn rejection(result: Result<(), WebhookError>) -> WebhookError {
    match result {
        Err(e) => e,
        Ok(()) => panic!("expected a webhook rejection"),
    }
}

#[test]
fn a_delivery_signed_with_the_secret_verifies() {
    webhooks().verify_at(&signed(BODY), BODY, at(SENT)).unwrap();
}

#[test]
fn the_secret_may_be_given_without_its_prefix() {
    let bare = Webhooks::new(SECRET.trim_start_matches("whsec_")).unwrap();
    bare.verify_at(&signed(BODY), BODY, at(SENT)).unwrap();
}

#[test]
fn a_tampered_body_is_rejected() {
    let tampered = br#"{"event_type":"message.received","data":{"id":"m2"}}"#;
    let error = rejection(webhooks().verify_at(&signed(BODY), tampered, at(SENT)));
    assert_eq!(error, WebhookError::NoMatchingSignature);
}

#[test]
fn a_delivery_signed_with_another_secret_is_rejected() {
    let other = Webhooks::new(OTHER_SECRET).unwrap();
    let error = rejection(other.verify_at(&signed(BODY), BODY, at(SENT)));
    assert_eq!(error, WebhookError::NoMatchingSignature);
}

#[test]
fn one_matching_signature_among_several_suffices() {
    let wrong = Webhooks::new(OTHER_SECRET).unwrap().sign(ID, SENT, BODY);
    let right = webhooks().sign(ID, SENT, BODY);
    let both = headers(ID, &SENT.to_string(), &format!("{wrong} {right}"));
    webhooks().verify_at(&both, BODY, at(SENT)).unwrap();
}

#[test]
fn signatures_of_other_versions_are_ignored() {
    let v1 = webhooks().sign(ID, SENT, BODY);
    let only_v2 = headers(ID, &SENT.to_string(), &v1.replacen("v1,", "v2,", 1));
    let error = rejection(webhooks().verify_at(&only_v2, BODY, at(SENT)));
    assert_eq!(error, WebhookError::NoMatchingSignature);
    let v2_then_v1 = headers(ID, &SENT.to_string(), &format!("v2,abc {v1}"));
    webhooks().verify_at(&v2_then_v1, BODY, at(SENT)).unwrap();
}

#[test]
fn timestamps_up_to_five_minutes_either_way_are_accepted() {
    let headers = signed(BODY);
    webhooks()
        .verify_at(&headers, BODY, at(SENT + 300))
        .unwrap();
    webhooks()
        .verify_at(&headers, BODY, at(SENT - 300))
        .unwrap();
}

#[test]
fn a_delivery_five_minutes_and_a_second_old_is_too_old() {
    let error = rejection(webhooks().verify_at(&signed(BODY), BODY, at(SENT + 301)));
    assert!(matches!(error, WebhookError::TooOld { .. }), "{error:?}");
}

#[test]
fn a_delivery_five_minutes_and_a_second_ahead_is_too_new() {
    let error = rejection(webhooks().verify_at(&signed(BODY), BODY, at(SENT - 301)));
    assert!(matches!(error, WebhookError::TooNew { .. }), "{error:?}");
}

#[test]
fn the_tolerance_can_be_changed() {
    let strict = webhooks().tolerance(Duration::from_secs(10));
    let error = rejection(strict.verify_at(&signed(BODY), BODY, at(SENT + 11)));
    assert!(matches!(error, WebhookError::TooOld { .. }), "{error:?}");
}

#[test]
fn each_missing_header_is_named() {
    for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
        let mut headers = signed(BODY);
        headers.remove(name);
        let error = rejection(webhooks().verify_at(&headers, BODY, at(SENT)));
        assert_eq!(error, WebhookError::MissingHeader(name));
    }
}

#[test]
fn header_names_match_in_any_case() {
    let signature = webhooks().sign(ID, SENT, BODY);
    let mut map = HeaderMap::new();
    map.insert("Webhook-Id", ID.parse().unwrap());
    map.insert("WEBHOOK-TIMESTAMP", SENT.to_string().parse().unwrap());
    map.insert("Webhook-Signature", signature.parse().unwrap());
    webhooks().verify_at(&map, BODY, at(SENT)).unwrap();
}

#[test]
fn a_timestamp_that_is_not_unix_seconds_is_malformed() {
    for bad in ["yesterday", "1780000000.5", ""] {
        let headers = headers(ID, bad, &webhooks().sign(ID, SENT, BODY));
        let error = rejection(webhooks().verify_at(&headers, BODY, at(SENT)));
        assert_eq!(error, WebhookError::MalformedTimestamp, "{bad:?}");
    }
}

#[test]
fn a_body_that_is_not_utf8_is_verified_byte_for_byte() {
    let body = b"\xff\xfe\x00not utf-8\x80";
    webhooks().verify_at(&signed(body), body, at(SENT)).unwrap();
    let error = rejection(webhooks().verify_at(&signed(body), b"\xff\xfe", at(SENT)));
    assert_eq!(error, WebhookError::NoMatchingSignature);
}

#[test]
fn a_malformed_secret_is_a_configuration_error_not_a_panic() {
    for bad in ["", "whsec_", "whsec_not base64!", "   "] {
        let error = Webhooks::new(bad).unwrap_err();
        assert!(
            matches!(error, WebhookError::InvalidSecret(_)),
            "{bad:?}: {error:?}"
        );
        // As the crate's error, it is a configuration error, not a rejected delivery.
        match Error::from(error) {
            Error::Config(message) => {
                assert!(message.contains("webhook secret"), "{bad:?}: {message}")
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
}

#[test]
fn the_secret_never_appears_in_debug_output_or_errors() {
    let key = SECRET.trim_start_matches("whsec_");
    assert!(!format!("{:?}", webhooks()).contains(key));
    let error = webhooks()
        .verify_at(&signed(b"x"), b"y", at(SENT))
        .unwrap_err();
    assert!(!format!("{error} {error:?}").contains(key));
    let bad = Webhooks::new("whsec_secret!").unwrap_err();
    assert!(!format!("{bad} {bad:?}").contains("secret!"));
}

/// Runs Python's `standardwebhooks` with `script`; `args` are its `sys.argv[1:]`.
fn python(script: &str, args: &[&str]) -> String {
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

const PY_SIGN: &str = r#"
import sys, datetime
from standardwebhooks.webhooks import Webhook
secret, msg_id, ts, body = sys.argv[1:]
when = datetime.datetime.fromtimestamp(int(ts), tz=datetime.timezone.utc)
print(Webhook(secret).sign(msg_id, when, body))
"#;

const PY_VERIFY: &str = r#"
import sys
from standardwebhooks.webhooks import Webhook
secret, msg_id, ts, signature, body = sys.argv[1:]
headers = {"webhook-id": msg_id, "webhook-timestamp": ts, "webhook-signature": signature}
Webhook(secret).verify(body, headers)
print("ok")
"#;

/// Bodies with JSON, non-ASCII text and whitespace that must be signed byte for byte.
const BODIES: [&str; 3] = [
    r#"{"event_type":"message.received","data":{"parts":[{"type":"text","value":"héllo ✓"}]}}"#,
    "{ \"spaced\" : true }\n",
    "{}",
];

#[test]
#[ignore = "needs the standardwebhooks Python package; run by `cargo xtask test`"]
fn deliveries_signed_by_the_standardwebhooks_library_verify() {
    let now = Timestamp::now().as_second();
    for body in BODIES {
        let signature = python(PY_SIGN, &[SECRET, ID, &now.to_string(), body]);
        let headers = headers(ID, &now.to_string(), &signature);
        webhooks()
            .verify(&headers, body.as_bytes())
            .unwrap_or_else(|e| panic!("{body}: {e}"));
        // And a tampered copy does not.
        let tampered = format!("{body} ");
        assert!(webhooks().verify(&headers, tampered.as_bytes()).is_err());
    }
}

#[test]
#[ignore = "needs the standardwebhooks Python package; run by `cargo xtask test`"]
fn what_this_sdk_signs_the_standardwebhooks_library_accepts() {
    let now = Timestamp::now().as_second();
    for body in BODIES {
        let signature = webhooks().sign(ID, now, body.as_bytes());
        let verdict = python(PY_VERIFY, &[SECRET, ID, &now.to_string(), &signature, body]);
        assert_eq!(verdict, "ok", "{body}");
    }
}
