//! The comparison client: `cargo-progenitor` (pinned, installed under the target directory
//! only if missing, as `cargo xtask test` installs Prism), the client crate it generates
//! from today's spec, and the bench crate that calls it interleaved with linq-api.
//!
//! progenitor reads one OpenAPI 3.0 file, and the spec is split over files and written in
//! 3.1: the generator's own loader bundles it and reads 3.1 into the 3.0 model, which is
//! written out as `target/progenitor/openapi-3.0.json` for progenitor to read.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::stats::Comparison;
use super::Context;

/// The pinned `cargo-progenitor`.
pub const VERSION: &str = "0.15.1";
/// The name of the generated client crate.
pub const CRATE: &str = "linq-progenitor";
/// The spec as progenitor reads it: one OpenAPI 3.0 file, relative to the target directory.
pub const SPEC: &str = "progenitor/openapi-3.0.json";

/// Where the comparison lives, all under the target directory.
pub struct Progenitor {
    /// Holds the `cargo-progenitor` binary; put it on `PATH` to run `cargo progenitor`.
    pub bin_dir: PathBuf,
    /// The generated client crate.
    pub client: PathBuf,
    /// The bench crate's manifest.
    pub bench_manifest: PathBuf,
    /// Where the bench crate builds: the workspace's target directory, to share its builds.
    target: PathBuf,
    /// The workspace, to show paths relative to it.
    root: PathBuf,
}

impl Progenitor {
    /// Installs `cargo-progenitor` if missing, writes the spec as it reads it, generates the
    /// client crate (with reqwest's rustls, as linq-api's default features) and writes the
    /// bench crate.
    pub fn prepare(cx: &Context) -> Result<Progenitor, String> {
        let bin_dir = install(cx)?;
        let dir = cx.target.join("progenitor");
        write_spec(cx)?;
        let progenitor = Progenitor {
            bin_dir,
            client: dir.join(CRATE),
            bench_manifest: dir.join("bench/Cargo.toml"),
            target: cx.target.clone(),
            root: cx.root.clone(),
        };
        let _ = fs::remove_dir_all(progenitor.client.join("src"));
        println!(
            "==> cargo progenitor -i {} -o {}",
            cx.shown(&cx.target.join(SPEC)),
            cx.shown(&progenitor.client)
        );
        let output = progenitor
            .generate(cx, &progenitor.client)
            .output()
            .map_err(|e| format!("cannot run cargo progenitor: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "cargo progenitor failed ({}):\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        patch_client_manifest(&progenitor.client.join("Cargo.toml"))?;
        seed_lockfile(&cx.root, &progenitor.client)?;
        write_bench_crate(cx, &progenitor)?;
        Ok(progenitor)
    }

    /// `cargo progenitor` on the spec, as a user types it, writing the crate into `out`.
    pub fn generate(&self, cx: &Context, out: &Path) -> Command {
        command(cx, &self.bin_dir, &cx.target.join(SPEC), out, CRATE)
    }

    /// The exact command of the call comparison, for BENCHMARKS.md.
    pub fn bench_command(&self) -> String {
        format!(
            "cargo run --release --manifest-path {} --target-dir {}",
            super::shown(&self.root, &self.target, &self.bench_manifest),
            super::shown(&self.root, &self.target, &self.target)
        )
    }

    /// Runs the interleaved `send` comparison, linq-api / progenitor.
    pub fn bench(&self, cx: &Context) -> Result<Comparison, String> {
        println!("==> {}", self.bench_command());
        let out = cx.target.join("bench-results/vs_progenitor.json");
        let mut command = Command::new(&cx.cargo);
        command
            .args(["run", "--release", "--manifest-path"])
            .arg(&self.bench_manifest)
            .arg("--target-dir")
            .arg(&self.target)
            .env("LINQ_BENCH_OUT", &out);
        if cx.quick {
            command.args(["--", "--quick"]);
        }
        let status = command
            .status()
            .map_err(|e| format!("cannot run the progenitor bench: {e}"))?;
        if !status.success() {
            return Err(format!("the progenitor bench failed ({status})"));
        }
        super::read_comparisons(&out)?
            .into_iter()
            .next()
            .ok_or_else(|| format!("{}: no comparison", out.display()))
    }
}

/// Installs the pinned `cargo-progenitor` under the target directory unless it is there,
/// and returns the folder that holds the binary.
pub fn install(cx: &Context) -> Result<PathBuf, String> {
    let tools = cx.target.join(format!("tools/progenitor-{VERSION}"));
    let bin_dir = tools.join("bin");
    if !bin_dir.join("cargo-progenitor").exists() {
        println!(
            "==> install cargo-progenitor {VERSION} into {}",
            tools.display()
        );
        let status = Command::new(&cx.cargo)
            .args([
                "install",
                "--locked",
                "cargo-progenitor",
                "--version",
                VERSION,
            ])
            .arg("--root")
            .arg(&tools)
            .status()
            .map_err(|e| format!("cannot run cargo install: {e}"))?;
        if !status.success() {
            return Err(format!("cargo install cargo-progenitor failed ({status})"));
        }
    }
    Ok(bin_dir)
}

/// `cargo progenitor -i <spec> -o <out> -n <name> -v 0.1.0` from the workspace root, with
/// the installed binary (in `bin_dir`) on `PATH`.
pub fn command(cx: &Context, bin_dir: &Path, spec: &Path, out: &Path, name: &str) -> Command {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin_dir.to_path_buf()];
    paths.extend(std::env::split_paths(&path));
    let mut command = Command::new(&cx.cargo);
    command
        .args(["progenitor", "-i"])
        .arg(spec)
        .arg("-o")
        .arg(out)
        .args(["-n", name, "-v", "0.1.0"])
        .env("PATH", std::env::join_paths(paths).unwrap_or(path))
        .current_dir(&cx.root);
    command
}

/// reqwest with its own rustls (the `aws-lc-rs` provider), as linq-api's default `rustls`
/// feature builds it (progenitor's own manifest asks for no TLS at all), and a `[workspace]`
/// table so the crate stands alone inside the target directory.
fn patch_client_manifest(path: &Path) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = String::new();
    let mut patched = false;
    for line in text.lines() {
        if line.starts_with("reqwest = ") && line.contains("features = [") {
            out.push_str(&line.replacen("features = [", "features = [\"rustls\", ", 1));
            patched = true;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if !patched {
        return Err(format!(
            "{}: no reqwest dependency with features to patch",
            path.display()
        ));
    }
    out.push_str("\n[workspace]\n");
    fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// The spec as progenitor reads it (see the module's docs).
fn write_spec(cx: &Context) -> Result<(), String> {
    let json = spec_as_3_0(&cx.root)?;
    let path = cx.target.join(SPEC);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))
}

/// The workspace's spec, bundled and read into the OpenAPI 3.0 model, as JSON.
fn spec_as_3_0(root: &Path) -> Result<String, String> {
    let source = codegen::load::FsSource::rooted(root);
    let mut spec = codegen::load::Spec::load(Path::new("spec/openapi.yaml"), &source)
        .map_err(|e| format!("spec/openapi.yaml: {e}"))?;
    spec.doc.openapi = "3.0.3".to_owned();
    serde_json::to_string_pretty(&spec.doc).map_err(|e| e.to_string())
}

/// Starts the crate's lockfile from the workspace's, so the dependencies both sides share
/// are the same versions.
fn seed_lockfile(root: &Path, dir: &Path) -> Result<(), String> {
    let lock = dir.join("Cargo.lock");
    if lock.exists() {
        return Ok(());
    }
    fs::copy(root.join("Cargo.lock"), &lock)
        .map(|_| ())
        .map_err(|e| format!("cannot seed {}: {e}", lock.display()))
}

fn write_bench_crate(cx: &Context, progenitor: &Progenitor) -> Result<(), String> {
    let dir = progenitor
        .bench_manifest
        .parent()
        .ok_or("bench manifest has no directory")?;
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let manifest = format!(
        r#"# Written by `cargo xtask bench`.
[package]
name = "linq-progenitor-bench"
version = "0.0.0"
edition = "2021"
publish = false

[[bin]]
name = "vs_progenitor"
path = "{main}"

[dependencies]
linq-api = {{ path = "{sdk}" }}
{CRATE} = {{ path = "{client}" }}
reqwest = {{ version = "0.13", default-features = false }}
serde_json = "1"
tokio = {{ version = "1", features = ["rt", "time", "net", "io-util"] }}
uuid = "1"

[workspace]
"#,
        main = cx.root.join("xtask/progenitor-bench/main.rs").display(),
        sdk = cx.root.join("linq-api").display(),
        client = progenitor.client.display(),
    );
    fs::write(&progenitor.bench_manifest, manifest)
        .map_err(|e| format!("{}: {e}", progenitor.bench_manifest.display()))?;
    seed_lockfile(&cx.root, dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What keeps the comparison from rotting when the spec changes shape: progenitor gets
    /// one OpenAPI 3.0 document with every operation of the spec.
    #[test]
    fn progenitor_gets_the_whole_spec_as_one_3_0_document() {
        let json = spec_as_3_0(&crate::workspace_root()).unwrap();
        let spec = codegen::load::Spec::parse(&json).unwrap();
        assert_eq!(spec.doc.openapi, "3.0.3");
        let operations = spec.doc.operations().count();
        let generated =
            crate::regenerate::generate(&crate::workspace_root().join("spec/openapi.yaml"))
                .unwrap()
                .operations;
        assert_eq!(operations, generated);
    }

    #[test]
    fn the_client_gets_reqwest_with_its_own_rustls_and_stands_alone() {
        let dir = std::env::temp_dir().join(format!("progenitor-manifest-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("Cargo.toml");
        let manifest = "[package]\nname = \"x\"\n\n[dependencies]\nreqwest = { version = \"0.13\", default-features = false, features = [\"json\"] }\n";
        fs::write(&path, manifest).unwrap();
        patch_client_manifest(&path).unwrap();
        let patched = fs::read_to_string(&path).unwrap();
        assert!(
            patched.contains(r#"features = ["rustls", "json"]"#),
            "{patched}"
        );
        assert!(patched.trim_end().ends_with("[workspace]"));
    }
}
