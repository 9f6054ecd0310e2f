//! The semver report of spec changes: each mutation of a small spec, with the changes it
//! makes to the public surface and their classification, snapshotted. The committed side is
//! read back from `api.md` text, as `cargo xtask regenerate` reads the committed file.

use std::fs;
use std::path::Path;

use codegen::emit::Options;
use codegen::surface::{markdown, semver};

fn base() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/semver/base.yaml");
    fs::read_to_string(path).expect("base spec")
}

/// The report of going from the base spec to `mutated`.
fn report(mutated: &str) -> String {
    let options = Options {
        spec_display: "base.yaml".into(),
        resource_features: false,
    };
    let before = codegen::generate(&base(), &options).expect("the base generates");
    let after = codegen::generate(mutated, &options).expect("the mutation generates");
    let committed = markdown::parse(&before.api_md);
    assert_eq!(
        committed, before.surface,
        "api.md reads back as the surface it shows"
    );
    let changes = semver::diff(&committed, &after.surface);
    let mut lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
    lines.push(format!("version: {:?}", semver::bump("0.3.1", &changes)));
    lines.join("\n")
}

fn mutate(from: &str, to: &str) -> String {
    let base = base();
    assert!(base.contains(from), "the base spec has {from:?}");
    base.replacen(from, to, 1)
}

#[test]
fn nothing_changed() {
    insta::assert_snapshot!(report(&base()));
}

#[test]
fn a_response_field_removed_is_breaking() {
    let report = report(&mutate(
        "        total: {type: integer, description: The total.}\n",
        "",
    ));
    assert!(
        report.contains("breaking: field `Order.total` removed"),
        "{report}"
    );
    insta::assert_snapshot!(report);
}

#[test]
fn an_optional_response_field_added_is_compatible() {
    let report = report(&mutate(
        "        total: {type: integer, description: The total.}\n",
        "        total: {type: integer, description: The total.}\n        \
         paid_at: {type: string, format: date-time, description: When.}\n",
    ));
    assert!(
        report.contains("compatible: field `Order.paid_at` added"),
        "{report}"
    );
    insta::assert_snapshot!(report);
}

#[test]
fn a_required_field_added_to_a_request_type_is_breaking() {
    let report = report(&mutate(
        "      required: [item]\n      properties:\n",
        "      required: [item, quantity]\n      properties:\n        \
         quantity: {type: integer, description: How many.}\n",
    ));
    assert!(
        report.contains("breaking: required field `OrderRequest.quantity` added"),
        "{report}"
    );
    insta::assert_snapshot!(report);
}

#[test]
fn a_field_type_changed_is_breaking() {
    let report = report(&mutate(
        "total: {type: integer, description: The total.}",
        "total: {type: string, description: The total.}",
    ));
    assert!(report.contains("changed type"), "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn an_enum_value_added_is_compatible() {
    let report = report(&mutate(
        "enum: [open, shipped]",
        "enum: [open, shipped, returned]",
    ));
    assert!(
        report.contains("compatible: value `Status.Returned` added"),
        "{report}"
    );
    assert!(!report.contains("breaking"), "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn a_union_variant_removed_is_breaking() {
    let report = report(
        &mutate("        - {$ref: '#/components/schemas/Cash'}\n", "")
            .replace(", cash: '#/components/schemas/Cash'", ""),
    );
    assert!(
        report.contains("breaking: variant `Payment.Cash` removed"),
        "{report}"
    );
    insta::assert_snapshot!(report);
}

#[test]
fn an_operation_added_is_compatible() {
    let report = report(&mutate(
        "components:\n",
        "  /orders/{orderId}/cancel:\n    post:\n      operationId: cancelOrder\n      \
         x-sdk-resource: orders\n      x-sdk-method: cancel\n      parameters:\n        \
         - {name: orderId, in: path, required: true, schema: {type: string}}\n      \
         responses:\n        '204': {description: Cancelled.}\ncomponents:\n",
    ));
    assert!(
        report.contains("compatible: method `client.orders().cancel` added"),
        "{report}"
    );
    assert!(report.contains("0.3.2"), "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn an_operation_removed_is_breaking_and_bumps_the_minor_version() {
    let base = base();
    let start = base.find("  /orders/{orderId}:").expect("the path");
    let end = base.find("components:").expect("components");
    let report = report(&format!("{}{}", &base[..start], &base[end..]));
    assert!(
        report.contains("breaking: method `client.orders().retrieve` removed"),
        "{report}"
    );
    assert!(report.contains("0.4.0"), "{report}");
    insta::assert_snapshot!(report);
}

#[test]
fn a_field_that_becomes_required_in_a_request_type_is_breaking() {
    let report = report(&mutate("required: [item]", "required: [item, note]"));
    assert!(
        report.contains("breaking: field `OrderRequest.note` changed type"),
        "{report}"
    );
    insta::assert_snapshot!(report);
}
