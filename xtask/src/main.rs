//! Project automation. `cargo xtask <command>`:
//!
//! - `regenerate [--spec PATH] [--out DIR] [--check]`: spec → `linq-api/src/generated/`;
//! - `generate --spec PATH --crate DIR [--name N]`: any spec → a crate of its own;
//! - `test`: every check CI runs (format, lint, spec validation, tests);
//! - `bench [--quick]`: interleaved benchmarks, written to BENCHMARKS.md;
//! - `corpus [--compare]`: generate and compile the real-world spec corpus (and run
//!   `cargo progenitor` on it).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod api_md;
mod bench;
mod changes;
mod corpus;
mod fuzz;
mod generate;
mod prism;
mod regenerate;
mod runtime_surface;
mod scratch;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  regenerate [--spec PATH] [--out DIR] [--check]
      Generate the SDK from the OpenAPI spec (defaults: spec/openapi.yaml,
      linq-api/src/generated). --check writes nothing and fails if any file is stale.
  generate --spec PATH --crate DIR [--name N]
      Generate a complete crate for any spec into DIR (manifest, lib.rs, README, api.md,
      src/generated/), depending on the runtime in runtime/ by path; it builds on its
      own. Run again, it rewrites only the generated files that changed.
  test
      Run every check: cargo fmt --check, clippy -D warnings, the spec validator,
      regenerate --check, all tests, contract tests against Prism, a short fuzz run.
  bench [--quick]
      Run the benchmarks, each ratio interleaved (call overhead against plain reqwest
      and against a progenitor-generated client, decode, cold builds, regenerate
      against cargo progenitor), and write BENCHMARKS.md. --quick: fewer pairs.
  corpus [--compare]
      Generate every spec of codegen/tests/fixtures/real/, time it, compile the output
      against the runtime, and print a table; --compare adds cargo progenitor's results.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regenerate") => regenerate::run(&args[1..]),
        Some("generate") => generate::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("corpus") => corpus::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The cargo that runs xtask (`$CARGO`), or the one on the `PATH`.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}
