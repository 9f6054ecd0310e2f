//! `cargo xtask generate --spec PATH --crate DIR [--name N] [--resource-features]`: a
//! complete crate for any spec (manifest with the runtime dependency and its features,
//! `lib.rs`, the generated modules, `api.md`, a README stub) that builds on its own. Running
//! it again updates only the generated files that changed; the manifest, `lib.rs` and the
//! README are written once and then belong to the crate's maintainer.
//!
//! With `--resource-features`, each top-level resource is a cargo feature (all on by
//! default, through `full`), so that a user of a large API compiles only what they use. A
//! later run checks that the manifest still declares exactly the spec's resources, and names
//! the features to add or remove when it does not.

use std::fs;
use std::path::{Component, Path, PathBuf};

use codegen::Generated;

use crate::regenerate::{self, Drift};
use crate::workspace_root;

pub fn run(args: &[String]) -> Result<(), String> {
    let (mut spec, mut dir, mut name) = (None, None, None);
    let mut resource_features = false;
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
            "--resource-features" => resource_features = true,
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
    let generated = regenerate::generate_with(&spec, resource_features)?;
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
    let manifest_path = dir.join("Cargo.toml");
    let existed = manifest_path.exists();
    write_once(
        &manifest_path,
        &manifest(name, title, &runtime, workspace, &generated.features),
    )?;
    if existed && !generated.features.is_empty() {
        check_features(&manifest_path, &generated.features)?;
    }
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
/// through, the resources' features (when there are), and the crates generated types name.
fn manifest(
    name: &str,
    title: &str,
    runtime: &str,
    workspace: Workspace,
    resources: &[String],
) -> String {
    let description = format!("Rust SDK for {title}, generated from its OpenAPI spec");
    let own = match workspace {
        Workspace::Own => {
            "\n# A workspace of its own; remove this to make it a member of yours.\n[workspace]\n"
        }
        Workspace::Member => "",
    };
    let (default, resources) = match resources {
        [] => (r#"["rustls"]"#.to_owned(), String::new()),
        names => {
            let list: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
            let each: String = names.iter().map(|n| format!("{n} = []\n")).collect();
            (
                r#"["rustls", "full"]"#.to_owned(),
                format!(
                    "## Every resource. To compile only some, turn off the default features and\n\
                     ## name `rustls` (or another TLS feature) and the resources you call.\n\
                     full = [{}]\n## One feature per resource: its methods and the types it needs.\n{each}",
                    list.join(", ")
                ),
            )
        }
    };
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
description = {description:?}
publish = false

[features]
default = {default}
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
{resources}
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

/// Checks that the manifest at `path` declares a feature for each of `resources` and none for
/// a resource the spec no longer has (read through `cargo metadata`); the error names the
/// lines to add or remove.
fn check_features(path: &Path, resources: &[String]) -> Result<(), String> {
    let output = std::process::Command::new(crate::cargo())
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(path)
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata {}: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata {}: {e}", path.display()))?;
    let declared = metadata["packages"][0]["features"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let full: Vec<&str> = declared
        .get("full")
        .and_then(|f| f.as_array())
        .map(|f| f.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let missing: Vec<&String> = resources
        .iter()
        .filter(|r| !declared.contains_key(r.as_str()) || !full.contains(&r.as_str()))
        .collect();
    let gone: Vec<&str> = full
        .iter()
        .copied()
        .filter(|f| !resources.iter().any(|r| r == f))
        .collect();
    if missing.is_empty() && gone.is_empty() {
        return Ok(());
    }
    let mut message = format!(
        "{}: the resource features differ from the spec's.",
        path.display()
    );
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|r| format!("`{r} = []`")).collect();
        message.push_str(&format!(
            " Add to [features]: {}, and each to `full`.",
            names.join(", ")
        ));
    }
    if !gone.is_empty() {
        message.push_str(&format!(
            " Remove (the spec has no such resource now): {}.",
            gone.join(", ")
        ));
    }
    Err(message)
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

    /// A crate with a feature per resource compiles, without a warning, with each resource
    /// alone, with none, and with all.
    #[test]
    fn a_crate_with_resource_features_compiles_with_any_one_of_them() {
        let root = workspace_root();
        let spec = root.join("codegen/tests/fixtures/zoo.yaml");
        let generated = regenerate::generate_with(&spec, true).expect("the zoo generates");
        assert!(generated.features.len() > 2, "{:?}", generated.features);
        let dir = root.join("target/scratch-features/zoo");
        let _ = fs::remove_dir_all(&dir);
        write_crate(&dir, "zoo", &generated, Workspace::Own).expect("written");
        fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("the lock file");
        let mut selections: Vec<String> = generated.features.clone();
        selections.push(String::new());
        selections.push("full".to_owned());
        for selection in selections {
            let output = std::process::Command::new(crate::cargo())
                .args([
                    "check",
                    "--offline",
                    "--quiet",
                    "--lib",
                    "--no-default-features",
                ])
                .arg("--features")
                .arg(format!("test-util,{selection}"))
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", root.join("target/scratch"))
                .env("RUSTFLAGS", "-D warnings")
                .output()
                .expect("cargo runs");
            assert!(
                output.status.success(),
                "features `{selection}`:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }

    #[test]
    fn a_manifest_whose_resource_features_differ_from_the_spec_names_what_to_change() {
        let dir = workspace_root().join("target/scratch-features/manifest");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("src")).expect("a folder");
        fs::write(dir.join("src/lib.rs"), "").expect("lib.rs");
        let declared = ["chats".to_owned(), "polls".to_owned()];
        let runtime = relative(&workspace_root().join("runtime"), &dir);
        let text = manifest("m", "M", &runtime, Workspace::Own, &declared);
        fs::write(dir.join("Cargo.toml"), text).expect("the manifest");
        let path = dir.join("Cargo.toml");
        check_features(&path, &declared).expect("the same resources");
        let error = check_features(&path, &["chats".to_owned(), "calls".to_owned()])
            .expect_err("a resource was added and one removed");
        assert!(error.contains("`calls = []`"), "{error}");
        assert!(
            error.contains("Remove") && error.contains("polls"),
            "{error}"
        );
    }

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
