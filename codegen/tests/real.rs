//! The real-world corpus (`fixtures/real/`, listed in its `corpus.txt`): every spec generates,
//! except the listed exceptions, which must still fail (so the list stays true). That the
//! output compiles is checked by `cargo xtask test` (small specs) and `cargo xtask corpus`.

use std::fs;
use std::path::Path;

use codegen::emit::Options;

#[test]
fn every_corpus_spec_generates_except_the_listed_exceptions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let list = fs::read_to_string(dir.join("corpus.txt")).expect("corpus.txt");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in list.lines().filter(|l| !l.trim().is_empty()) {
        let mut parts = line.split('\t');
        let file = parts.next().expect("a file name");
        let known = parts.nth(1).is_some_and(|p| p.starts_with("known:"));
        let text = fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let result = codegen::generate(
            &text,
            &Options {
                spec_display: file.to_owned(),
            },
        );
        match (result, known) {
            (Err(e), false) => failures.push(format!("{file} does not generate: {e}")),
            (Ok(_), true) => failures.push(format!(
                "{file} generates now: drop its exception from corpus.txt"
            )),
            _ => {}
        }
        count += 1;
    }
    assert!(count >= 20, "the corpus has {count} specs, fewer than 20");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
