//! Each mapping case of the generator: a small fixture spec under `fixtures/cases/` and an
//! insta snapshot of everything generated from it.

use std::fs;
use std::path::Path;

use codegen::emit::Options;

/// The generated files of a fixture, concatenated with a banner naming each one.
fn generate(case: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cases")
        .join(format!("{case}.yaml"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let generated = codegen::generate(
        &text,
        &Options {
            spec_display: format!("{case}.yaml"),
        },
    )
    .unwrap_or_else(|e| panic!("{case}.yaml does not generate: {e}"));
    generated
        .files
        .iter()
        .map(|f| format!("==== {} ====\n{}", f.path.display(), f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! case {
    ($name:ident) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(generate(stringify!($name)));
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
    insta::assert_snapshot!(generate("../zoo"));
}
