//! `cargo xtask bench [--quick]`: every ratio measured interleaved (A B, B A, … in one
//! process, or alternating processes), reported as the median of per-pair ratios with its
//! quartiles and extremes, and written to BENCHMARKS.md with the exact commands. The file's
//! "Analysis" section (after the marker line) is written by hand and kept across runs.

mod builds;
mod features;
pub mod progenitor;
mod report;
mod stats;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::workspace_root;
use stats::Comparison;

/// What every part of the run needs.
pub struct Context {
    pub root: PathBuf,
    pub cargo: String,
    /// The workspace's target directory (`CARGO_TARGET_DIR` and friends respected).
    pub target: PathBuf,
    /// Fewer pairs: a smoke run, not figures to quote.
    pub quick: bool,
}

/// Everything one run measured.
pub struct Results {
    pub call_vs_plain: Comparison,
    pub call_vs_progenitor: Comparison,
    pub progenitor_command: String,
    pub decode_vs_hand: Comparison,
    pub decode_vs_hand_typed: Comparison,
    pub page_bytes: u64,
    pub cold_build: Comparison,
    pub cold_build_commands: [String; 2],
    pub regenerate: Comparison,
    pub regenerate_command: String,
    /// Median seconds of an in-memory regenerate: the Linq spec, then synthetic specs.
    pub codegen_linq: f64,
    /// Operations of the Linq spec.
    pub linq_operations: usize,
    pub codegen_synthetic: Vec<(usize, f64)>,
    pub generated: (usize, usize),
    /// Figure 6: big generated crates, whole and with one resource's feature.
    pub big_crates: Vec<features::BigCrate>,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut quick = false;
    for arg in args {
        match arg.as_str() {
            "--quick" => quick = true,
            other => return Err(format!("unknown argument `{other}` to bench")),
        }
    }
    let root = workspace_root();
    let cargo = crate::cargo();
    let target = target_dir(&root, &cargo)?;
    let cx = Context {
        root,
        cargo,
        target,
        quick,
    };
    fs::create_dir_all(cx.target.join("bench-results")).map_err(|e| e.to_string())?;

    let call = cx.bench("linq-api", "call_overhead")?;
    let decode = cx.bench("linq-api", "decode")?;
    let (codegen_linq, codegen_synthetic) = codegen(&cx)?;
    let progenitor = progenitor::Progenitor::prepare(&cx)?;
    let call_vs_progenitor = progenitor.bench(&cx)?;
    println!("==> cold debug builds, interleaved");
    let cold_build = builds::cold_builds(&cx, &progenitor, if quick { 2 } else { 3 })?;
    println!("==> cargo xtask regenerate against cargo progenitor, interleaved");
    let regenerate = builds::regenerate(&cx, &progenitor, if quick { 10 } else { 30 })?;
    println!("==> big generated crates, whole and with one resource, interleaved");
    let big_crates = features::measure(&cx, if quick { 1 } else { 3 })?;

    let comparisons = read_comparisons(&call)?;
    let decodes = read_comparisons(&decode)?;
    let decode_json = read_json(&decode)?;
    let results = Results {
        call_vs_plain: comparisons.into_iter().next().ok_or("no call comparison")?,
        call_vs_progenitor,
        progenitor_command: progenitor.bench_command(),
        decode_vs_hand: decodes.first().cloned().ok_or("no decode comparison")?,
        decode_vs_hand_typed: decodes
            .get(1)
            .cloned()
            .ok_or("no typed decode comparison")?,
        page_bytes: decode_json["page_bytes"].as_u64().ok_or("no page_bytes")?,
        cold_build,
        cold_build_commands: builds::cold_build_commands(&cx, &progenitor),
        regenerate,
        regenerate_command: format!(
            "cargo progenitor -i {} -o <dir> -n {} -v 0.1.0",
            cx.shown(&cx.target.join(progenitor::SPEC)),
            progenitor::CRATE
        ),
        codegen_linq,
        linq_operations: crate::regenerate::generate(&cx.root.join("spec/openapi.yaml"))?
            .operations,
        codegen_synthetic,
        generated: builds::generated_lines(&cx.root.join("linq-api/src/generated"))?,
        big_crates,
    };
    let path = cx.root.join("BENCHMARKS.md");
    let old = fs::read_to_string(&path).unwrap_or_default();
    fs::write(&path, report::render(&results, &old, quick))
        .map_err(|e| format!("cannot write BENCHMARKS.md: {e}"))?;
    println!("wrote BENCHMARKS.md");
    Ok(())
}

impl Context {
    /// `path` as BENCHMARKS.md shows it: relative to the workspace, or to the target
    /// directory when that lies elsewhere, never with this machine's absolute paths.
    pub fn shown(&self, path: &Path) -> String {
        shown(&self.root, &self.target, path)
    }

    /// Runs `cargo bench -p package --bench bench` with its JSON going to a file, and
    /// returns that file.
    fn bench(&self, package: &str, bench: &str) -> Result<PathBuf, String> {
        let out = self.target.join(format!("bench-results/{bench}.json"));
        let _ = fs::remove_file(&out);
        println!("==> cargo bench -p {package} --bench {bench}");
        let mut command = Command::new(&self.cargo);
        command
            .args(["bench", "-p", package, "--bench", bench])
            .env("LINQ_BENCH_OUT", &out)
            .current_dir(&self.root);
        if self.quick {
            command.args(["--", "--quick"]);
        }
        let status = command
            .status()
            .map_err(|e| format!("cannot run cargo bench: {e}"))?;
        if !status.success() {
            return Err(format!(
                "cargo bench -p {package} --bench {bench} failed ({status})"
            ));
        }
        Ok(out)
    }
}

/// The regenerate benchmark (criterion; not a ratio, so not interleaved): medians of the
/// Linq spec and of synthetic specs of 100, 250 and 500 operations.
fn codegen(cx: &Context) -> Result<(f64, Vec<(usize, f64)>), String> {
    let criterion = cx.target.join("criterion");
    let _ = fs::remove_dir_all(criterion.join("regenerate"));
    println!("==> cargo bench -p codegen --bench generate");
    let mut command = Command::new(&cx.cargo);
    command
        .args(["bench", "-p", "codegen", "--bench", "generate"])
        .current_dir(&cx.root);
    if cx.quick {
        command.args(["--", "--quick"]);
    }
    let status = command.status().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("cargo bench -p codegen failed ({status})"));
    }
    let median = |id: &str| -> Result<f64, String> {
        let json = read_json(&criterion.join(id).join("new/estimates.json"))?;
        json["median"]["point_estimate"]
            .as_f64()
            .map(|ns| ns / 1e9)
            .ok_or_else(|| format!("{id}: no median"))
    };
    let linq = median("regenerate/linq")?;
    let synthetic = [100, 250, 500]
        .into_iter()
        .map(|n| median(&format!("regenerate/synthetic/{n}")).map(|m| (n, m)))
        .collect::<Result<_, _>>()?;
    Ok((linq, synthetic))
}

/// See [`Context::shown`].
pub fn shown(root: &Path, target: &Path, path: &Path) -> String {
    if let Ok(relative) = path.strip_prefix(root) {
        return relative.display().to_string();
    }
    match path.strip_prefix(target) {
        Ok(relative) => format!("<target dir>/{}", relative.display()),
        Err(_) => path.display().to_string(),
    }
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The comparisons a bench wrote with `LINQ_BENCH_OUT`.
pub fn read_comparisons(path: &Path) -> Result<Vec<Comparison>, String> {
    let json = read_json(path)?;
    json["comparisons"]
        .as_array()
        .ok_or_else(|| format!("{}: no comparisons", path.display()))?
        .iter()
        .map(Comparison::from_json)
        .collect()
}

/// The target directory cargo uses for this workspace.
pub fn target_dir(root: &Path, cargo: &str) -> Result<PathBuf, String> {
    let output = Command::new(cargo)
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    json["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "cargo metadata: no target_directory".to_owned())
}
