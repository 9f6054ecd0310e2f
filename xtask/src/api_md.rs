//! `linq-api/api.md` in `cargo xtask regenerate`: written with the generated code, checked by
//! `--check`, and compared with the committed one to print what a spec change does to the
//! SDK's users (breaking or compatible, and the version it implies). The page ends with the
//! hand-written surface of the runtime, which the comparison leaves out.

use std::fs;
use std::path::Path;

use codegen::surface::{markdown, semver};
use codegen::Generated;

/// The surface report of `generated` against the `api.md` at `path` (absent: all new).
pub struct Report {
    /// Whether `api.md` differs from what the spec produces.
    pub stale: bool,
    /// The report's lines: one per change, then the implied version.
    pub lines: Vec<String>,
}

/// Compares the committed `api.md` with the generated surface; `version` is the SDK's.
pub fn report(path: &Path, generated: &Generated, version: &str) -> Report {
    let committed = fs::read_to_string(path).unwrap_or_default();
    let changes = semver::diff(&markdown::parse(&committed), &generated.surface);
    let mut lines: Vec<String> = changes.iter().map(|c| format!("  {c}")).collect();
    if let Some(next) = semver::bump(version, &changes) {
        let breaking = changes
            .iter()
            .filter(|c| c.impact == semver::Impact::Breaking)
            .count();
        lines.push(format!(
            "  => {breaking} breaking, {} compatible: linq-api {version} → {next}",
            changes.len() - breaking
        ));
    }
    Report {
        stale: committed != generated.api_md,
        lines,
    }
}

/// Appends the hand-written surface (`runtime/src` as `linq-api/src` exports it; see
/// [`crate::runtime_surface`]) to the generated `api.md` text: the SDK's page lists both.
pub fn add_runtime_surface(generated: &mut Generated, root: &Path) -> Result<(), String> {
    let types = generated
        .surface
        .types
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let runtime = crate::runtime_surface::markdown(
        &root.join("linq-api/src"),
        &root.join("runtime/src"),
        &types,
        &generated.files,
    )?;
    generated.api_md.push('\n');
    generated.api_md.push_str(&runtime);
    Ok(())
}

/// The `version` of the package whose manifest is `manifest`.
pub fn package_version(manifest: &Path) -> String {
    fs::read_to_string(manifest)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or("0.0.0")
        .to_owned()
}
