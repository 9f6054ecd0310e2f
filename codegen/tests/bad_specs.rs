//! Bad specs are errors, never panics, and each message names the culprit and where it is.

use std::fs;
use std::path::Path;

use codegen::emit::Options;

fn error_of(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(format!("{name}.yaml"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match codegen::generate(
        &text,
        &Options {
            spec_display: format!("{name}.yaml"),
            resource_features: false,
        },
    ) {
        Ok(_) => panic!("{name}.yaml generated, but it is broken"),
        Err(e) => e.to_string(),
    }
}

macro_rules! bad {
    ($name:ident, $($needle:literal),+) => {
        #[test]
        fn $name() {
            let message = error_of(stringify!($name));
            $( assert!(message.contains($needle), "{message:?} does not mention {:?}", $needle); )+
            insta::assert_snapshot!(message);
        }
    };
}

bad!(invalid_yaml, "line 6");
bad!(swagger2, "Swagger 2.0");
bad!(openapi32, "3.2.0");
bad!(not_a_mapping, "not an OpenAPI 3.0.x or 3.1.x document");
bad!(duplicate_method, "`list`", "`chats`", "/conversations");
bad!(bad_pagination, "x-sdk-pagination", "page");
bad!(
    bad_pagination_kind,
    "x-sdk-pagination",
    "`kind` must be `cursor`"
);
bad!(bad_offset_has_more, "has_more_field: more", "boolean");
bad!(
    bad_events,
    "x-sdk-events",
    "`Thing` is not a component schema"
);
bad!(
    bad_from,
    "x-sdk-from",
    "`right` is required too",
    "#/components/schemas/Pair"
);
bad!(
    bad_key_field,
    "x-sdk-idempotency",
    "`body_field: key`",
    "#/paths/~1messages/post"
);
bad!(
    bad_id,
    "x-sdk-id",
    "must be a boolean",
    "#/components/schemas/UserId"
);
