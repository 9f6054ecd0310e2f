//! `cargo xtask generate --spec PATH --crate DIR [--name N]`: a complete crate for any spec
//! (manifest with the runtime dependency and its features, `lib.rs`, the generated modules,
//! `api.md`, a README stub) that builds on its own. Running it again updates only the
//! generated files that changed; the manifest, `lib.rs` and the README are written once
//! and then belong to the crate's maintainer.

use std::fs;
use std::path::{Component, Path, PathBuf};

use codegen::Generated;

use crate::regenerate::{self, Drift};
use crate::workspace_root;

pub fn run(args: &[String]) -> Result<(), String> {
    let (mut spec, mut dir, mut name) = (None, None, None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--spec" => spec = Some(PathBuf::from(value()?)),
            "--crate" => dir = Some(PathBuf::from(value()?)),
            "--name" => name = Some(value()?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let spec = absolute(&spec.ok_or("--spec PATH is required")?)?;
    let dir = absolute(&dir.ok_or("--crate DIR is required")?)?;
    let name = match name {
        Some(name) => name,
        None => dir
            .file_name()
            .map(|n| crate::scratch::package_text(&n.to_string_lossy()))
            .ok_or("name the crate with --name")?,
    };
    let generated = regenerate::generate(&spec)?;
    regenerate::print_warnings(&generated.warnings);
    let drift = write_crate(&dir, &name, &generated, Workspace::Own)?;
    println!(
        "{}: {} operations, {} types: {} files written, {} removed, {} unchanged",
        dir.display(),
        generated.operations,
        generated.types,
        drift.stale.len(),
        drift.orphaned.len(),
        drift.unchanged
    );
    Ok(())
}

/// Whether the crate is a workspace of its own (a crate anywhere on disk) or a member of a
/// workspace that lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workspace {
    Own,
    Member,
}

/// Writes the crate `name` for `generated` into `dir`: the manifest, `lib.rs` and the README
/// when they do not exist yet, and the generated modules and `api.md` where they changed.
pub fn write_crate(
    dir: &Path,
    name: &str,
    generated: &Generated,
    workspace: Workspace,
) -> Result<Drift, String> {
    let title = &generated.title;
    let runtime = relative(&workspace_root().join("runtime"), dir);
    write_once(
        &dir.join("Cargo.toml"),
        &manifest(name, title, &runtime, workspace),
    )?;
    write_once(&dir.join("README.md"), &readme(name, title))?;
    write_once(&dir.join("src/lib.rs"), &lib_rs(title))?;
    let out = dir.join("src/generated");
    let drift = regenerate::compare(&generated.files, &out)?;
    regenerate::apply(&generated.files, &drift, &out)?;
    let api_md = dir.join("api.md");
    if fs::read_to_string(&api_md).ok().as_deref() != Some(generated.api_md.as_str()) {
        fs::write(&api_md, &generated.api_md).map_err(|e| format!("{}: {e}", api_md.display()))?;
    }
    Ok(drift)
}

/// Writes `text` to `path` unless the file exists.
fn write_once(path: &Path, text: &str) -> Result<(), String> {
    if path.exists() {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The crate's manifest: the runtime by path, with its TLS and test-kit features passed
/// through, and the crates generated types name.
fn manifest(name: &str, title: &str, runtime: &str, workspace: Workspace) -> String {
    let description = format!("Rust SDK for {title}, generated from its OpenAPI spec");
    let own = match workspace {
        Workspace::Own => {
            "\n# A workspace of its own; remove this to make it a member of yours.\n[workspace]\n"
        }
        Workspace::Member => "",
    };
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
description = {description:?}
publish = false

[features]
default = ["rustls"]
## TLS through rustls with the `aws-lc-rs` crypto provider (reqwest's default).
rustls = ["codegen-runtime/rustls"]
## TLS through rustls with the `ring` crypto provider.
rustls-ring = ["codegen-runtime/rustls-ring"]
## TLS through the platform's native library.
native-tls = ["codegen-runtime/native-tls"]
## `testing`: an in-process mock of the API with typed stubs of every operation.
test-util = ["codegen-runtime/test-util"]
## The calls' spans and events also as `log` records.
log = ["codegen-runtime/log"]

[dependencies]
codegen-runtime = {{ path = {runtime:?}, default-features = false }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
bytes = "1"
uuid = {{ version = "1", default-features = false, features = ["std", "serde"] }}
jiff = {{ version = "0.2", default-features = false, features = ["std", "serde"] }}
{own}"#
    )
}

/// The crate root: the generated root, which re-exports the runtime's user-facing items.
fn lib_rs(title: &str) -> String {
    format!(
        r#"//! Rust SDK for {title}, generated from its OpenAPI spec by `cargo xtask generate`.
//! Regenerate it with the same command; this file and the manifest are yours to extend.

#[rustfmt::skip]
mod generated;

pub use generated::*;
"#
    )
}

/// A README stub naming what is where.
fn readme(name: &str, title: &str) -> String {
    format!(
        "# {name}\n\nRust SDK for {title}, generated from its OpenAPI spec by `cargo xtask \
         generate`.\n\n- `api.md`: every type and method, regenerated with the code.\n- \
         `src/generated/`: written by the generator only; regenerate instead of editing.\n- \
         `src/lib.rs`: the crate root, yours to extend.\n\nThe runtime (`codegen-runtime`) \
         sends the calls: retries, idempotency keys, pagination, errors, a test kit behind \
         the `test-util` feature.\n"
    )
}

/// `path` made absolute against the current directory.
fn absolute(path: &Path) -> Result<PathBuf, String> {
    std::path::absolute(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// `to` relative to the directory `from` (both absolute), with `/` separators; `to` itself
/// when they share no root.
fn relative(to: &Path, from: &Path) -> String {
    let to: Vec<Component> = to.components().collect();
    let from: Vec<Component> = from.components().collect();
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to.iter().collect::<PathBuf>().display().to_string();
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_made_relative_to_the_crate() {
        let runtime = Path::new("/work/repo/runtime");
        assert_eq!(
            relative(runtime, Path::new("/work/repo/target/x/sdk-a")),
            "../../../runtime"
        );
        assert_eq!(
            relative(runtime, Path::new("/tmp/sdk")),
            "../../work/repo/runtime"
        );
    }
}
