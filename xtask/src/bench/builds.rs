//! Whole-process measurements, interleaved A B, B A, …: cold debug builds of linq-api and of
//! the progenitor client, and `cargo xtask regenerate` against `cargo progenitor`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use super::progenitor::Progenitor;
use super::stats::Comparison;
use super::Context;

/// The commands of the cold-build comparison, for BENCHMARKS.md.
pub fn cold_build_commands(cx: &Context, progenitor: &Progenitor) -> [String; 2] {
    [
        "CARGO_INCREMENTAL=0 cargo build -p linq-api --target-dir <fresh dir> --quiet".to_owned(),
        format!(
            "CARGO_INCREMENTAL=0 cargo build --manifest-path {} --target-dir <fresh dir> --quiet",
            cx.shown(&progenitor.client.join("Cargo.toml"))
        ),
    ]
}

/// Cold debug builds (fresh target directory, no incremental compilation, dependencies
/// already downloaded) of linq-api with default features (A) and of the progenitor client
/// with rustls (B).
pub fn cold_builds(
    cx: &Context,
    progenitor: &Progenitor,
    pairs: usize,
) -> Result<Comparison, String> {
    let client_manifest = progenitor.client.join("Cargo.toml");
    // Download first, so no build waits for the network.
    run(Command::new(&cx.cargo).arg("fetch").current_dir(&cx.root))?;
    run(Command::new(&cx.cargo)
        .args(["fetch", "--manifest-path"])
        .arg(&client_manifest))?;
    let build = |linq: bool, n: usize| -> Result<f64, String> {
        let dir = fresh_dir(&format!(
            "cold-{}-{n}",
            if linq { "linq" } else { "progenitor" }
        ));
        let mut command = Command::new(&cx.cargo);
        command.arg("build");
        if linq {
            command.args(["-p", "linq-api"]).current_dir(&cx.root);
        } else {
            command.arg("--manifest-path").arg(&client_manifest);
        }
        command
            .arg("--target-dir")
            .arg(&dir)
            .arg("--quiet")
            .env("CARGO_INCREMENTAL", "0");
        let seconds = timed(&mut command)?;
        let _ = fs::remove_dir_all(&dir);
        println!(
            "    cold build of {}: {seconds:.1} s",
            if linq {
                "linq-api"
            } else {
                "progenitor client"
            }
        );
        Ok(seconds)
    };
    interleave(pairs, |n| build(true, n), |n| build(false, n))
}

/// `cargo xtask regenerate` as a user types it (cargo's startup, its freshness check, the
/// dev-profile xtask) against `cargo progenitor` on the same spec. xtask is built into a
/// private target directory first, so a rebuild by anything else sharing the target
/// directory cannot land inside a measurement.
pub fn regenerate(
    cx: &Context,
    progenitor: &Progenitor,
    pairs: usize,
) -> Result<Comparison, String> {
    let target = cx.target.join("bench-regenerate");
    let xtask = || {
        let mut command = Command::new(&cx.cargo);
        command
            .args(["xtask", "regenerate"])
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(&cx.root);
        command
    };
    println!("==> build xtask into {} (warm-up)", target.display());
    run(&mut xtask())?;
    let out = fresh_dir("progenitor-out");
    run(&mut progenitor.generate(cx, &out))?;
    let result = interleave(
        pairs,
        |_| timed(&mut xtask()),
        |_| timed(&mut progenitor.generate(cx, &out)),
    );
    let _ = fs::remove_dir_all(&out);
    result
}

/// Runs `a` and `b` in `pairs` pairs, alternating which goes first; each returns seconds.
pub(super) fn interleave(
    pairs: usize,
    mut a: impl FnMut(usize) -> Result<f64, String>,
    mut b: impl FnMut(usize) -> Result<f64, String>,
) -> Result<Comparison, String> {
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for pair in 0..pairs {
        if pair % 2 == 0 {
            ta.push(a(pair)?);
            tb.push(b(pair)?);
        } else {
            tb.push(b(pair)?);
            ta.push(a(pair)?);
        }
    }
    Ok(Comparison::from_pairs(&ta, &tb))
}

/// Runs `command` to success, its output captured, and returns the wall-clock seconds.
pub(super) fn timed(command: &mut Command) -> Result<f64, String> {
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(seconds)
}

pub(super) fn run(command: &mut Command) -> Result<(), String> {
    timed(command).map(|_| ())
}

/// An empty directory under the system's temporary directory.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("linq-bench-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// Lines and files under `dir`.
pub fn generated_lines(dir: &Path) -> Result<(usize, usize), String> {
    let mut files = 0;
    let mut lines = 0;
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files += 1;
                lines += fs::read_to_string(&path)
                    .map_err(|e| e.to_string())?
                    .lines()
                    .count();
            }
        }
    }
    Ok((files, lines))
}
