//! A bounded fuzzing run of every target in `fuzz/`, with `cargo fuzz` on the stable
//! toolchain (`--sanitizer none`), each corpus seeded from the project's own fixtures.

use std::path::Path;
use std::process::Command;

/// The pinned cargo-fuzz, installed when missing.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Each target with the folders that seed its corpus (relative to the workspace root).
pub const TARGETS: &[(&str, &[&str])] = &[
    (
        "decode_responses",
        &[
            "linq-api/tests/fixtures/responses",
            "linq-api/tests/fixtures/webhooks",
        ],
    ),
    (
        "codegen_load",
        &[
            "spec",
            "codegen/tests/fixtures/cases",
            "codegen/tests/fixtures/bad",
            "codegen/tests/fixtures/hostile",
            "codegen/tests/fixtures/repros",
            "codegen/tests/fixtures/degrade",
            "codegen/tests/fixtures",
        ],
    ),
];

/// Runs every target for `seconds`; a crash fails with the target's name.
pub fn run_all(root: &Path, seconds: u64) -> Result<(), String> {
    ensure_cargo_fuzz()?;
    for (target, seeds) in TARGETS {
        let corpus = root.join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&corpus)
            .map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
        let mut command = Command::new("cargo");
        command
            .args(["fuzz", "run", "--sanitizer", "none", target])
            .arg(&corpus);
        command.args(seeds.iter().map(|s| root.join(s)));
        command.args([
            "--",
            &format!("-max_total_time={seconds}"),
            "-max_len=262144",
            "-print_final_stats=1",
        ]);
        println!("==> fuzz {target} for {seconds} s");
        let status = command
            .current_dir(root)
            .status()
            .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        if !status.success() {
            return Err(format!("fuzz target {target} failed ({status}); the crashing input is under fuzz/artifacts/{target}/"));
        }
    }
    Ok(())
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if installed {
        return Ok(());
    }
    println!("==> install cargo-fuzz {CARGO_FUZZ_VERSION}");
    let status = Command::new("cargo")
        .args([
            "install",
            "cargo-fuzz",
            "--locked",
            "--version",
            CARGO_FUZZ_VERSION,
        ])
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo install cargo-fuzz failed ({status})"))
    }
}
