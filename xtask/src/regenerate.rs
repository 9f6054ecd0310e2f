//! `cargo xtask regenerate`: writes only files whose contents changed, removes generated
//! files the spec no longer produces, and with `--check` writes nothing.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::emit::{Options, HEADER_PREFIX};
use codegen::load::FsSource;
use codegen::{Generated, GeneratedFile};

use crate::workspace_root;

/// How `generated/` differs from what the spec produces.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files to create or rewrite.
    pub stale: Vec<PathBuf>,
    /// Generated files the spec no longer produces.
    pub orphaned: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let root = workspace_root();
    let mut spec = root.join("spec/openapi.yaml");
    let mut out = root.join("linq-api/src/generated");
    // The surface page goes beside the SDK's own output; with `--out` elsewhere, only when
    // `--api-md` names a place for it.
    let mut api_md = Some(root.join("linq-api/api.md"));
    let mut check = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--spec" => spec = PathBuf::from(args.next().ok_or("--spec needs a path")?),
            "--out" => {
                out = PathBuf::from(args.next().ok_or("--out needs a directory")?);
                api_md = None;
            }
            "--api-md" => api_md = Some(PathBuf::from(args.next().ok_or("--api-md needs a path")?)),
            "--check" => check = true,
            other => return Err(format!("unknown argument `{other}` to regenerate")),
        }
    }
    let mut generated = generate(&spec)?;
    print_warnings(&generated.warnings);
    if api_md.as_deref() == Some(root.join("linq-api/api.md").as_path()) {
        crate::api_md::add_runtime_surface(&mut generated, &root)?;
    }
    let report = api_md.as_ref().map(|path| {
        let version = crate::api_md::package_version(&root.join("linq-api/Cargo.toml"));
        (path, crate::api_md::report(path, &generated, &version))
    });
    if let Some((path, report)) = &report {
        if !report.lines.is_empty() {
            println!("Changes to the public surface ({}):", path.display());
            for line in &report.lines {
                println!("{line}");
            }
        }
    }
    let api_md_stale = report.as_ref().is_some_and(|(_, r)| r.stale);
    let Generated {
        files,
        operations,
        types,
        api_md: api_md_text,
        ..
    } = generated;
    let drift = compare(&files, &out)?;
    if check {
        if drift.stale.is_empty() && drift.orphaned.is_empty() && !api_md_stale {
            println!(
                "{} is up to date ({} files)",
                out.display(),
                drift.unchanged
            );
            return Ok(());
        }
        let mut message = format!("{} is stale; run `cargo xtask regenerate`:", out.display());
        for p in &drift.stale {
            message.push_str(&format!("\n  stale: {}", out.join(p).display()));
        }
        for p in &drift.orphaned {
            message.push_str(&format!(
                "\n  no longer generated: {}",
                out.join(p).display()
            ));
        }
        if let Some((path, _)) = report.as_ref().filter(|(_, r)| r.stale) {
            message.push_str(&format!("\n  stale: {}", path.display()));
        }
        return Err(message);
    }
    if let Some((path, report)) = report.as_ref().filter(|(_, r)| r.stale) {
        fs::write(path, &api_md_text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        // The changes themselves, without the closing "=> … version" line.
        let changes: Vec<String> = report
            .lines
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.starts_with("=>"))
            .collect();
        if let Some(dir) = path.parent() {
            crate::changes::record(&dir.join("CHANGES.md"), &changes)?;
        }
    }
    apply(&files, &drift, &out)?;
    println!(
        "{} operations, {} types: {} files written, {} removed, {} unchanged",
        operations,
        types,
        drift.stale.len(),
        drift.orphaned.len(),
        drift.unchanged
    );
    Ok(())
}

/// Writes the files `drift` found stale into `out` and removes the orphaned ones.
pub fn apply(files: &[GeneratedFile], drift: &Drift, out: &Path) -> Result<(), String> {
    let stale: HashSet<&Path> = drift.stale.iter().map(PathBuf::as_path).collect();
    for file in files.iter().filter(|f| stale.contains(f.path.as_path())) {
        let target = out.join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        fs::write(&target, &file.contents)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    for p in &drift.orphaned {
        let target = out.join(p);
        fs::remove_file(&target).map_err(|e| format!("cannot remove {}: {e}", target.display()))?;
    }
    Ok(())
}

/// Prints what the generator mapped less precisely than the spec means. Warnings never fail
/// a run, `--check` included: they describe the spec, not the state of `generated/`.
pub fn print_warnings(warnings: &[codegen::Warning]) {
    if warnings.is_empty() {
        return;
    }
    eprintln!(
        "{} warning(s): constructs mapped less precisely than the spec means:",
        warnings.len()
    );
    for warning in warnings {
        eprintln!("  warning: {warning}");
    }
}

/// Generates the files for the spec whose root file is `spec`, reading it and every file its
/// relative `$ref`s reach; files are named relative to the workspace (in the generated
/// header and in errors, which name the file and the JSON pointer).
pub fn generate(spec: &Path) -> Result<Generated, String> {
    generate_with(spec, false)
}

/// [`generate`], with a cargo feature per top-level resource when `resource_features`.
pub fn generate_with(spec: &Path, resource_features: bool) -> Result<Generated, String> {
    let root = workspace_root();
    let (source, spec) = match spec.strip_prefix(&root) {
        Ok(relative) => (FsSource::rooted(&root), relative),
        Err(_) => (FsSource::new(), spec),
    };
    let shown = spec.display().to_string().replace('\\', "/");
    codegen::generate_from(
        spec,
        &source,
        &Options {
            spec_display: shown.clone(),
            resource_features,
        },
    )
    .map_err(|e| format!("{shown}: {e}"))
}

/// Compares generated files with what is on disk under `out`.
pub fn compare(files: &[GeneratedFile], out: &Path) -> Result<Drift, String> {
    let mut drift = Drift::default();
    for file in files {
        match fs::read_to_string(out.join(&file.path)) {
            Ok(existing) if existing == file.contents => drift.unchanged += 1,
            _ => drift.stale.push(file.path.clone()),
        }
    }
    let generated: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    for existing in generated_on_disk(out)? {
        if !generated.contains(existing.as_path()) {
            drift.orphaned.push(existing);
        }
    }
    Ok(drift)
}

/// Files under `out` that carry the generated header (hand-written files are never touched).
fn generated_on_disk(out: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut dirs = vec![PathBuf::new()];
    while let Some(rel) = dirs.pop() {
        let Ok(entries) = fs::read_dir(out.join(&rel)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", out.display()))?;
            let rel_path = rel.join(entry.file_name());
            if entry.path().is_dir() {
                dirs.push(rel_path);
            } else if fs::read_to_string(entry.path()).is_ok_and(|t| t.starts_with(HEADER_PREFIX)) {
                found.push(rel_path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed SDK matches what the spec generates: plain `cargo test` catches drift.
    #[test]
    fn generated_sdk_is_up_to_date() {
        let root = workspace_root();
        let generated = generate(&root.join("spec/openapi.yaml")).expect("spec generates");
        let drift = compare(&generated.files, &root.join("linq-api/src/generated"))
            .expect("generated dir readable");
        assert!(
            drift.stale.is_empty() && drift.orphaned.is_empty(),
            "linq-api/src/generated is stale; run `cargo xtask regenerate`\nstale: {:?}\norphaned: {:?}",
            drift.stale,
            drift.orphaned
        );
    }

    /// Every method of the client has its typed stub for the test kit, at the same path
    /// (`client.chats().retrieve` → `mock.on().chats().retrieve()`, stubbing `chats.retrieve`).
    #[test]
    fn every_operation_has_a_typed_stub() {
        let root = workspace_root();
        let generated = generate(&root.join("spec/openapi.yaml")).expect("spec generates");
        let stubs = generated
            .files
            .iter()
            .find(|f| f.path == Path::new("stubs.rs"))
            .expect("stubs.rs is generated");
        let mut missing = Vec::new();
        let mut count = 0;
        for (path, methods) in &generated.surface.resources {
            let resource: Vec<&str> = path
                .trim_start_matches("client.")
                .split('.')
                .map(|s| s.trim_end_matches("()"))
                .collect();
            for method in methods {
                count += 1;
                let id = format!("{}.{}", resource.join("."), method.name);
                let stub = format!("pub fn {}(", method.name);
                let call = format!("self.mock.stub(\"{id}\")");
                if !stubs.contents.contains(&stub) || stubs.contents.matches(&call).count() != 1 {
                    missing.push(id);
                }
            }
        }
        assert_eq!(count, generated.operations);
        assert!(
            missing.is_empty(),
            "operations without a typed stub: {missing:?}"
        );
    }

    #[test]
    fn api_md_is_up_to_date() {
        let root = workspace_root();
        let mut generated = generate(&root.join("spec/openapi.yaml")).expect("spec generates");
        crate::api_md::add_runtime_surface(&mut generated, &root).expect("runtime source");
        let committed = fs::read_to_string(root.join("linq-api/api.md")).unwrap_or_default();
        assert!(
            committed == generated.api_md,
            "linq-api/api.md is stale; run `cargo xtask regenerate`"
        );
    }

    /// A spec split over several files generates exactly what its single-document
    /// equivalent does (only the header, which names the spec, differs).
    #[test]
    fn split_spec_generates_the_same_files_as_its_single_document_equivalent() {
        let fixtures = workspace_root().join("codegen/tests/fixtures/split");
        let split = generate(&fixtures.join("good/openapi.yaml")).expect("split spec generates");
        let single = generate(&fixtures.join("good.single.yaml")).expect("single spec generates");
        let body = |g: &Generated| -> Vec<(PathBuf, String)> {
            g.files
                .iter()
                .map(|f| {
                    let (header, rest) = f.contents.split_once('\n').unwrap_or_default();
                    assert!(header.starts_with(HEADER_PREFIX), "{}", f.path.display());
                    (f.path.clone(), rest.to_owned())
                })
                .collect()
        };
        assert_eq!(body(&split), body(&single));
        assert_eq!(
            (split.operations, split.types),
            (single.operations, single.types)
        );
        assert!(split.files[0]
            .contents
            .contains("codegen/tests/fixtures/split/good/openapi.yaml"));
    }

    /// Errors name the file (relative to the workspace) and the JSON pointer.
    #[test]
    fn errors_name_the_file_and_the_pointer() {
        let root =
            workspace_root().join("codegen/tests/fixtures/split/bad/lower_error/openapi.yaml");
        let err = generate(&root).unwrap_err();
        assert_eq!(
            err,
            "codegen/tests/fixtures/split/bad/lower_error/openapi.yaml: invalid `x-sdk-name` at \
             codegen/tests/fixtures/split/bad/lower_error/components/things.yaml#/Thing/properties/kind: \
             must be a non-empty string"
        );
        let missing = generate(&workspace_root().join("spec/nope.yaml")).unwrap_err();
        assert_eq!(
            missing,
            "spec/nope.yaml: cannot read spec/nope.yaml: no such file"
        );
    }

    #[test]
    fn generation_is_byte_identical_across_runs() {
        let spec = workspace_root().join("spec/openapi.yaml");
        assert_eq!(generate(&spec), generate(&spec));
    }
}
