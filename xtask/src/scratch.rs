//! Proof that the generator is general: the SDK runtime compiles with the output of a
//! non-Linq spec in place of `linq-api/src/generated/` (the runtime names no generated type).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::regenerate::generate;
use crate::workspace_root;

/// Copies the workspace manifest, lock file and `linq-api/` (minus its generated code and
/// tests) into `dir`, writes `spec`'s generated code in, and runs `cargo check` on it.
pub fn check_with_spec(spec: &Path, dir: &Path) -> Result<(), String> {
    let root = workspace_root();
    let _ = fs::remove_dir_all(dir);
    let crate_dir = dir.join("linq-api");
    fs::create_dir_all(crate_dir.join("src/generated")).map_err(|e| e.to_string())?;
    let manifest = fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let manifest = manifest.replace(
        r#"members = ["codegen", "linq-api", "xtask"]"#,
        r#"members = ["linq-api"]"#,
    );
    fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    fs::copy(
        root.join("linq-api/Cargo.toml"),
        crate_dir.join("Cargo.toml"),
    )
    .map_err(|e| e.to_string())?;
    fs::copy(root.join("README.md"), dir.join("README.md")).map_err(|e| e.to_string())?;
    // The runtime's sources, and the benches the manifest names (they exist but are not built).
    for folder in ["src", "benches"] {
        fs::create_dir_all(crate_dir.join(folder)).map_err(|e| e.to_string())?;
        for entry in fs::read_dir(root.join("linq-api").join(folder)).map_err(|e| e.to_string())? {
            let entry = entry.map_err(|e| e.to_string())?;
            if entry.path().is_file() {
                fs::copy(entry.path(), crate_dir.join(folder).join(entry.file_name()))
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    // The Linq-specific extras (`src/extras/`, not copied) name Linq types: the generality
    // check leaves them out, with the lines of lib.rs that declare and re-export them.
    let lib = crate_dir.join("src/lib.rs");
    let text = fs::read_to_string(&lib).map_err(|e| e.to_string())?;
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("extras")).collect();
    fs::write(&lib, kept.join("\n") + "\n").map_err(|e| e.to_string())?;
    // The crate docs and README examples use Linq types; this check is about the library.
    for file in generate(spec)?.files {
        let target = crate_dir.join("src/generated").join(&file.path);
        fs::create_dir_all(target.parent().unwrap_or(&crate_dir)).map_err(|e| e.to_string())?;
        fs::write(target, file.contents).map_err(|e| e.to_string())?;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["check", "--offline", "--quiet", "-p", "linq-api", "--lib"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join("target/scratch"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_compiles_with_a_non_linq_spec() {
        let root = workspace_root();
        let result = check_with_spec(
            &root.join("codegen/tests/fixtures/zoo.yaml"),
            &root.join("target/scratch-zoo"),
        );
        if let Err(errors) = result {
            panic!("the SDK does not compile with the zoo spec's output:\n{errors}");
        }
    }

    /// Specs built to break naming (keywords, non-ASCII and colliding names, a union variant
    /// used on its own): their output compiles without a warning.
    #[test]
    fn hostile_specs_generate_code_that_compiles() {
        let root = workspace_root();
        let dir = root.join("codegen/tests/fixtures/hostile");
        let mut specs: Vec<_> = std::fs::read_dir(&dir)
            .expect("hostile fixtures")
            .flatten()
            .map(|e| e.path())
            .collect();
        specs.sort();
        assert!(!specs.is_empty());
        for spec in specs {
            let name = spec
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("spec")
                .to_owned();
            if let Err(errors) =
                check_with_spec(&spec, &root.join(format!("target/scratch-{name}")))
            {
                panic!("{name}.yaml generates code that does not compile:\n{errors}");
            }
        }
    }
}
