//! `linq-api/CHANGES.md`: every change `cargo xtask regenerate` finds in the public surface
//! is added under "Unreleased", so the pull request that makes it shows it, and so do the
//! ones after it until a release moves the list under its version.

use std::fs;
use std::path::Path;

const TITLE: &str = "# Changes to the public surface of linq-api";
const UNRELEASED: &str = "## Unreleased";

/// Adds `changes` (report lines such as `breaking: field …`) to the Unreleased section of
/// the changelog at `path`, each once, newest first; keeps everything else as it was.
pub fn record(path: &Path, changes: &[String]) -> Result<(), String> {
    if changes.is_empty() {
        return Ok(());
    }
    let text = fs::read_to_string(path).unwrap_or_default();
    let (head, unreleased, released) = split(&text);
    let mut entries: Vec<String> = changes.iter().map(|c| format!("- {c}")).collect();
    for old in unreleased {
        if !entries.contains(&old) {
            entries.push(old);
        }
    }
    let mut out = head;
    out.push_str(&format!("{UNRELEASED}\n\n{}\n", entries.join("\n")));
    if !released.is_empty() {
        out.push('\n');
        out.push_str(&released);
    }
    fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The text before the Unreleased section (or a fresh header), its entries, and the text
/// after it (the released versions).
fn split(text: &str) -> (String, Vec<String>, String) {
    let Some(start) = text.find(UNRELEASED) else {
        let head = if text.trim().is_empty() {
            format!(
                "{TITLE}\n\nWritten by `cargo xtask regenerate` from each change it finds in \
                 `api.md`; a release moves the Unreleased list under its version.\n\n"
            )
        } else {
            format!("{}\n\n", text.trim_end())
        };
        return (head, Vec::new(), String::new());
    };
    let after = &text[start + UNRELEASED.len()..];
    let end = after.find("\n## ").map_or(after.len(), |i| i + 1);
    let entries = after[..end]
        .lines()
        .filter(|l| l.starts_with("- "))
        .map(str::to_owned)
        .collect();
    (text[..start].to_owned(), entries, after[end..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_changes_go_first_and_each_is_listed_once() {
        let dir = std::env::temp_dir().join(format!("changes-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("CHANGES.md");
        let _ = fs::remove_file(&path);
        record(&path, &["compatible: type `A` added".into()]).unwrap();
        record(
            &path,
            &[
                "breaking: field `B.c` removed".into(),
                "compatible: type `A` added".into(),
            ],
        )
        .unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let entries: Vec<&str> = text.lines().filter(|l| l.starts_with("- ")).collect();
        assert_eq!(
            entries,
            [
                "- breaking: field `B.c` removed",
                "- compatible: type `A` added"
            ]
        );
        assert!(text.starts_with(TITLE));
    }

    #[test]
    fn released_versions_stay_below() {
        let text = "# T\n\n## Unreleased\n\n- compatible: x\n\n## 0.1.0\n\n- breaking: y\n";
        let (head, entries, released) = split(text);
        assert_eq!(head, "# T\n\n");
        assert_eq!(entries, ["- compatible: x"]);
        assert_eq!(released, "## 0.1.0\n\n- breaking: y\n");
    }
}
