//! Proof that the generator is general: the crate `cargo xtask generate` writes for a
//! non-Linq spec compiles against the runtime. Many specs are checked at once: one
//! workspace under the target directory with a generated crate per spec, one `cargo check`,
//! the errors sorted back to their spec.

use std::fs;
use std::path::Path;
use std::process::Command;

use codegen::Generated;

use crate::generate::{write_crate, Workspace};
use crate::workspace_root;

/// The generated files of one spec, to check.
pub struct Sdk {
    /// A name for it (the spec's file stem); it names the package (`sdk-<name>`).
    pub name: String,
    /// What the generator made of its spec.
    pub generated: Generated,
}

/// Writes a workspace into `dir` holding, per SDK, the crate `cargo xtask generate` writes
/// for it (depending on the runtime by path), runs one `cargo check` over all with warnings
/// denied, and returns per SDK (in order) `Ok` or the compiler's messages about it.
pub fn check_many(sdks: &[Sdk], dir: &Path) -> Result<Vec<Result<(), String>>, String> {
    let root = workspace_root();
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let packages: Vec<String> = sdks.iter().map(|s| package_name(&s.name)).collect();
    let mut unique = packages.clone();
    unique.sort();
    unique.dedup();
    if unique.len() != packages.len() {
        return Err("two specs to check have the same package name".to_owned());
    }
    let members: Vec<String> = packages.iter().map(|p| format!("{p:?}")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    // The versions this workspace builds with, so that the check needs no network.
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    for (sdk, package) in sdks.iter().zip(&packages) {
        write_crate(
            &dir.join(package),
            package,
            &sdk.generated,
            Workspace::Member,
        )?;
    }
    let cargo = crate::cargo();
    let output = Command::new(cargo)
        .args([
            "check",
            "--offline",
            "--quiet",
            "--workspace",
            "--lib",
            "--keep-going",
            // No TLS stack to build: what is checked is the generated code.
            "--no-default-features",
            "--features",
            "test-util",
            "--message-format=short",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join("target/scratch"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Warnings are denied, so every message about a package is an error.
    let mut results: Vec<Result<(), String>> =
        packages.iter().map(|p| errors_of(&stderr, p)).collect();
    // A failure no package owns (a broken lock file, a missing dependency) fails them all.
    if !output.status.success() && results.iter().all(Result::is_ok) {
        let message = format!("cargo check failed ({}):\n{stderr}", output.status);
        results = packages.iter().map(|_| Err(message.clone())).collect();
    }
    Ok(results)
}

/// `sdk-<name>`, in the characters a package name may hold.
fn package_name(name: &str) -> String {
    format!("sdk-{}", package_text(name))
}

/// `name` in the characters a package name may hold: ASCII lowercase, digits and `-`.
pub fn package_text(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// What `cargo check --message-format=short` printed about workspace member `package`
/// (its errors, and the line saying it failed); `Ok` when nothing.
pub fn errors_of(stderr: &str, package: &str) -> Result<(), String> {
    let prefix = format!("{package}/");
    let failed = format!("could not compile `{package}`");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| (l.starts_with(&prefix) && l.contains("error")) || l.contains(&failed))
        .collect();
    if lines.is_empty() {
        Ok(())
    } else {
        Err(lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regenerate::generate;

    /// The spec files of a fixture folder, sorted.
    fn specs_in(folder: &str) -> Vec<std::path::PathBuf> {
        let dir = workspace_root().join("codegen/tests/fixtures").join(folder);
        let mut specs: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
            .collect();
        specs.sort();
        assert!(!specs.is_empty(), "no specs in {folder}");
        specs
    }

    /// Every fixture spec that generates (the zoo, specs built to break naming, the
    /// real-world construct repros, the degrade fixtures, the OpenAPI 3.1 constructs, the
    /// small specs of the real-world corpus) generates code that compiles against the runtime
    /// without a warning.
    #[test]
    fn fixture_specs_generate_code_that_compiles() {
        let root = workspace_root();
        let mut specs = vec![root.join("codegen/tests/fixtures/zoo.yaml")];
        for folder in ["hostile", "repros", "degrade", "v31"] {
            specs.extend(specs_in(folder));
        }
        specs.extend(crate::corpus::small_specs().expect("the corpus list"));
        let sdks: Vec<Sdk> = specs
            .iter()
            .map(|spec| {
                let folder = spec
                    .parent()
                    .and_then(Path::file_name)
                    .and_then(|s| s.to_str())
                    .unwrap_or("");
                let file = spec.file_name().and_then(|s| s.to_str()).unwrap_or("spec");
                Sdk {
                    name: format!("{folder}-{file}"),
                    generated: generate(spec)
                        .unwrap_or_else(|e| panic!("{} does not generate: {e}", spec.display())),
                }
            })
            .collect();
        let results =
            check_many(&sdks, &root.join("target/scratch-fixtures")).expect("cargo check");
        let failures: Vec<String> = sdks
            .iter()
            .zip(results)
            .filter_map(|(sdk, result)| result.err().map(|e| format!("{}:\n{e}", sdk.name)))
            .collect();
        assert!(
            failures.is_empty(),
            "{} of {} specs generate code that does not compile:\n\n{}",
            failures.len(),
            sdks.len(),
            failures.join("\n\n")
        );
    }
}
