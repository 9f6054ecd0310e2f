//! Figure 6: what a big generated crate costs to compile, whole and with one resource's
//! feature. The crates `cargo xtask generate --resource-features` writes for Stripe and
//! GitHub are checked interleaved (the whole crate, then one resource, then the other way
//! round), the crate's own compilation only: its dependencies are built first, and
//! incremental compilation is off, so each check does the whole crate's work.

use std::fs;
use std::path::Path;
use std::process::Command;

use super::builds::{interleave, run, timed};
use super::stats::Comparison;
use super::Context;
use crate::generate::{write_crate, Workspace};

/// The specs measured, and the resources each is checked with alone: the largest one most
/// users of the API call, and a typical one (the median of the resources by the generated
/// lines they compile).
const SPECS: [(&str, [&str; 2]); 2] = [
    ("stripe.json", ["customers", "balance_transactions"]),
    ("github.json", ["repos", "projects"]),
];

/// One spec's figures.
#[derive(Debug, Clone)]
pub struct BigCrate {
    /// The spec's file name in the real-world corpus.
    pub spec: String,
    /// Its operations.
    pub operations: usize,
    /// Lines of generated code.
    pub lines: usize,
    /// The resource checked alone.
    pub resource: String,
    /// How many resource features the crate has.
    pub features: usize,
    /// Seconds of `cargo check` of the crate: the whole crate (A) against one resource (B).
    pub check: Comparison,
}

/// The commands, for BENCHMARKS.md.
pub fn commands() -> [String; 3] {
    [
        "cargo xtask generate --spec codegen/tests/fixtures/real/<spec> --crate <dir> --resource-features".to_owned(),
        "touch <dir>/src/lib.rs && CARGO_INCREMENTAL=0 cargo check --manifest-path <dir>/Cargo.toml   # the whole crate".to_owned(),
        "touch <dir>/src/lib.rs && CARGO_INCREMENTAL=0 cargo check --manifest-path <dir>/Cargo.toml --no-default-features --features rustls,<resource>".to_owned(),
    ]
}

/// Generates and measures each spec of [`SPECS`], `pairs` interleaved pairs each.
pub fn measure(cx: &Context, pairs: usize) -> Result<Vec<BigCrate>, String> {
    let mut out = Vec::new();
    for (spec, resources) in SPECS {
        let path = cx.root.join("codegen/tests/fixtures/real").join(spec);
        let generated = crate::regenerate::generate_with(&path, true)?;
        if let Some(gone) = resources
            .iter()
            .find(|r| !generated.features.iter().any(|f| f == *r))
        {
            return Err(format!("{spec} has no resource `{gone}` any more"));
        }
        let name = spec.split('.').next().unwrap_or(spec);
        let dir = cx.target.join("bench-features").join(name);
        let _ = fs::remove_dir_all(&dir);
        write_crate(&dir, &format!("{name}-sdk"), &generated, Workspace::Own)?;
        fs::copy(cx.root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
        let lines = super::builds::generated_lines(&dir.join("src/generated"))?.1;
        let target = cx.target.join("bench-features/target");
        // The whole crate (`None`) or one resource alone.
        let check = |resource: Option<&str>| {
            let mut command = Command::new(&cx.cargo);
            command
                .args(["check", "--offline", "--quiet"])
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", &target)
                // A whole check of the crate each time, not an incremental one that reuses
                // the previous check's work.
                .env("CARGO_INCREMENTAL", "0");
            if let Some(resource) = resource {
                command
                    .args(["--no-default-features", "--features"])
                    .arg(format!("rustls,{resource}"));
            }
            command
        };
        println!("==> {spec}: dependencies, and a first check of the whole crate");
        run(&mut check(None))?;
        let touch = || touch(&dir.join("src/lib.rs"));
        for resource in resources {
            run(&mut check(Some(resource)))?;
            let check = interleave(
                pairs,
                |_| {
                    touch()?;
                    timed(&mut check(None))
                },
                |_| {
                    touch()?;
                    timed(&mut check(Some(resource)))
                },
            )?;
            println!(
                "    {spec}: whole {:.1} s, `{resource}` alone {:.1} s",
                check.a.median, check.b.median
            );
            out.push(BigCrate {
                spec: spec.to_owned(),
                operations: generated.operations,
                lines,
                resource: resource.to_owned(),
                features: generated.features.len(),
                check,
            });
        }
    }
    Ok(out)
}

/// Marks `file` as changed, so that cargo compiles its crate again.
fn touch(file: &Path) -> Result<(), String> {
    let text = fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))
}
