//! Each mapping case of the generator: a small fixture spec under `fixtures/cases/` and an
//! insta snapshot of everything generated from it.

use std::fs;
use std::path::Path;

use codegen::emit::Options;

/// The files every spec gets from one template, whatever it maps: snapshotted once, for the
/// zoo, not in every case.
const TEMPLATES: [&str; 2] = ["client.rs", "testing.rs"];

/// The generated files of a fixture, concatenated with a banner naming each one; without
/// the [`TEMPLATES`] unless `templates`.
fn generate(case: &str, templates: bool) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cases")
        .join(format!("{case}.yaml"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let generated = codegen::generate(
        &text,
        &Options {
            spec_display: format!("{case}.yaml"),
            resource_features: false,
        },
    )
    .unwrap_or_else(|e| panic!("{case}.yaml does not generate: {e}"));
    generated
        .files
        .iter()
        .filter(|f| templates || !TEMPLATES.iter().any(|t| f.path == Path::new(t)))
        .map(|f| format!("==== {} ====\n{}", f.path.display(), f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! case {
    ($name:ident) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(generate(stringify!($name), false));
        }
    };
}

case!(objects);
case!(enums);
case!(unions);
case!(all_of);
case!(recursion);
case!(formats);
case!(names);
case!(operations);
case!(no_extensions);
case!(pagination);
case!(events);

/// The non-Linq API whose output `xtask` also compiles against the SDK runtime.
#[test]
fn zoo() {
    insta::assert_snapshot!(generate("../zoo", true));
}
