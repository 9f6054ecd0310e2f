//! `cargo xtask corpus [--compare] [--only FILE,…]`: the real-world specs of
//! `codegen/tests/fixtures/real/` (listed in its `corpus.txt`, or only those named), each
//! generated, timed, and compiled against the runtime; with `--compare`, `cargo progenitor`
//! on the same specs. Prints one table row per spec
//! and fails when a spec not listed as a known exception fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::bench::progenitor;
use crate::bench::{target_dir, Context};
use crate::regenerate::generate;
use crate::scratch::{check_many, errors_of, package_text, Sdk};
use crate::workspace_root;

/// The corpus folder, from the workspace root.
const DIR: &str = "codegen/tests/fixtures/real";

/// One spec of `corpus.txt`: `file<TAB>small|large[<TAB>known: cause]`.
pub struct Entry {
    /// The spec file.
    pub path: PathBuf,
    /// Small enough to compile in `cargo xtask test`.
    pub small: bool,
    /// Why it is known not to generate or compile, if it is.
    pub known: Option<String>,
}

/// The corpus, in `corpus.txt` order.
pub fn entries() -> Result<Vec<Entry>, String> {
    let dir = workspace_root().join(DIR);
    let list = dir.join("corpus.txt");
    let text = fs::read_to_string(&list).map_err(|e| format!("{}: {e}", list.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut parts = line.split('\t');
            let file = parts.next().unwrap_or("").trim();
            let small = match parts.next().map(str::trim) {
                Some("small") => true,
                Some("large") => false,
                other => {
                    return Err(format!(
                        "{}: `{line}`: the size must be `small` or `large`, not {other:?}",
                        list.display()
                    ))
                }
            };
            let known = parts
                .next()
                .and_then(|k| k.trim().strip_prefix("known:"))
                .map(|k| k.trim().to_owned());
            Ok(Entry {
                path: dir.join(file),
                small,
                known,
            })
        })
        .collect()
}

/// The small specs with no known problem: compiled by `cargo xtask test`.
#[cfg(test)]
pub fn small_specs() -> Result<Vec<PathBuf>, String> {
    Ok(entries()?
        .into_iter()
        .filter(Entry::in_test)
        .map(|e| e.path)
        .collect())
}

impl Entry {
    /// Whether `cargo xtask test` compiles it too.
    fn in_test(&self) -> bool {
        self.small && self.known.is_none()
    }
}

/// One row of the table.
struct Row {
    name: String,
    in_test: bool,
    operations: Option<usize>,
    warnings: usize,
    millis: f64,
    generated: Result<(), String>,
    compiled: Option<Result<(), String>>,
    progenitor: Option<Outcome>,
}

/// What `cargo progenitor` did with a spec.
struct Outcome {
    generated: Result<(), String>,
    compiled: Option<Result<(), String>>,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut compare = false;
    let mut only: Option<Vec<String>> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--compare" => compare = true,
            "--only" => {
                let list = args
                    .next()
                    .ok_or("`--only` needs a comma-separated list of files")?;
                only = Some(list.split(',').map(str::to_owned).collect());
            }
            other => return Err(format!("unknown argument `{other}` to corpus")),
        }
    }
    let root = workspace_root();
    let mut entries = entries()?;
    if let Some(only) = &only {
        entries.retain(|e| only.contains(&file_name(&e.path)));
        if entries.len() != only.len() {
            return Err(format!(
                "`--only`: not every file of {only:?} is in corpus.txt"
            ));
        }
    }
    let mut rows = Vec::new();
    let mut sdks = Vec::new();
    let mut checked = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let name = file_name(&entry.path);
        let start = Instant::now();
        let result = generate(&entry.path);
        let millis = start.elapsed().as_secs_f64() * 1000.0;
        let mut row = Row {
            name: name.clone(),
            in_test: entry.in_test(),
            operations: None,
            warnings: 0,
            millis,
            generated: Ok(()),
            compiled: None,
            progenitor: None,
        };
        match result {
            Ok(generated) => {
                row.operations = Some(generated.operations);
                row.warnings = generated.warnings.len();
                sdks.push(Sdk {
                    name: name.clone(),
                    generated,
                });
                checked.push(i);
            }
            Err(e) => row.generated = Err(e),
        }
        println!("generated {name} in {millis:.0} ms");
        rows.push(row);
    }
    println!("==> cargo check of {} generated SDKs", sdks.len());
    let results = check_many(&sdks, &root.join("target/scratch-corpus"))?;
    for (i, result) in checked.into_iter().zip(results) {
        rows[i].compiled = Some(result);
    }
    if compare {
        let outcomes = progenitor_column(&root, &entries)?;
        for (row, outcome) in rows.iter_mut().zip(outcomes) {
            row.progenitor = Some(outcome);
        }
    }
    print!("{}", table(&rows, compare));
    verdict(&entries, &rows)
}

/// Fails when a spec fails without being a listed exception, and names listed exceptions
/// that pass now.
fn verdict(entries: &[Entry], rows: &[Row]) -> Result<(), String> {
    let mut unexpected = Vec::new();
    for (entry, row) in entries.iter().zip(rows) {
        let error = match (&row.generated, &row.compiled) {
            (Err(e), _) => Some(e.clone()),
            (_, Some(Err(e))) => Some(e.clone()),
            _ => None,
        };
        match (error, &entry.known) {
            (Some(e), None) => unexpected.push(format!("{}:\n{e}", row.name)),
            (None, Some(cause)) => println!(
                "note: {} passes now; drop its known exception ({cause})",
                row.name
            ),
            _ => {}
        }
    }
    if unexpected.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} corpus specs fail:\n\n{}",
            unexpected.len(),
            unexpected.join("\n\n")
        ))
    }
}

fn table(rows: &[Row], compare: bool) -> String {
    let mut out = String::from(
        "\n| spec | operations | generated | compiled | warnings | time (ms) | in `xtask test` |",
    );
    if compare {
        out.push_str(" progenitor generated | progenitor compiled |");
    }
    out.push('\n');
    out.push_str("|---|---:|---|---|---:|---:|---|");
    if compare {
        out.push_str("---|---|");
    }
    out.push('\n');
    let mark = |r: Option<&Result<(), String>>| match r {
        Some(Ok(())) => "yes",
        Some(Err(_)) => "no",
        None => "-",
    };
    let (mut generated, mut compiled, mut p_generated, mut p_compiled) = (0, 0, 0, 0);
    for row in rows {
        generated += usize::from(row.generated.is_ok());
        compiled += usize::from(matches!(row.compiled, Some(Ok(()))));
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {:.0} | {} |",
            row.name,
            row.operations.map_or("-".to_owned(), |n| n.to_string()),
            mark(Some(&row.generated)),
            mark(row.compiled.as_ref()),
            row.warnings,
            row.millis,
            if row.in_test { "yes" } else { "no" }
        ));
        if let Some(p) = &row.progenitor {
            p_generated += usize::from(p.generated.is_ok());
            p_compiled += usize::from(matches!(p.compiled, Some(Ok(()))));
            let generated = match &p.generated {
                Err(e) if e.contains("panicked") => "panic",
                other => mark(Some(other)),
            };
            out.push_str(&format!(" {generated} | {} |", mark(p.compiled.as_ref())));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "| **{} specs** | | {generated} | {compiled} | | | |",
        rows.len()
    ));
    if compare {
        out.push_str(&format!(" {p_generated} | {p_compiled} |"));
    }
    out.push('\n');
    out
}

/// `cargo progenitor` on every spec, then one `cargo check` over the crates it wrote.
fn progenitor_column(root: &Path, entries: &[Entry]) -> Result<Vec<Outcome>, String> {
    let cargo = crate::cargo();
    let cx = Context {
        root: root.to_path_buf(),
        target: target_dir(root, &cargo)?,
        cargo,
        quick: true,
    };
    let bin_dir = progenitor::install(&cx)?;
    let dir = cx.target.join("corpus-progenitor");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut outcomes = Vec::new();
    let mut members = Vec::new();
    for entry in entries {
        let member = format!("prog-{}", package_text(&file_name(&entry.path)));
        let output = progenitor::command(&cx, &bin_dir, &entry.path, &dir.join(&member), &member)
            .output()
            .map_err(|e| format!("cannot run cargo progenitor: {e}"))?;
        let generated = if output.status.success() {
            members.push((outcomes.len(), member));
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        };
        println!(
            "cargo progenitor {}: {}",
            file_name(&entry.path),
            if generated.is_ok() { "ok" } else { "failed" }
        );
        outcomes.push(Outcome {
            generated,
            compiled: None,
        });
    }
    let list: Vec<String> = members.iter().map(|(_, m)| format!("{m:?}")).collect();
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            list.join(", ")
        ),
    )
    .map_err(|e| e.to_string())?;
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    println!("==> cargo check of {} progenitor clients", members.len());
    let output = Command::new(&cx.cargo)
        .args([
            "check",
            "--quiet",
            "--workspace",
            "--lib",
            "--keep-going",
            "--message-format=short",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", cx.target.join("scratch-progenitor"))
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (i, member) in members {
        outcomes[i].compiled = Some(errors_of(&stderr, &member));
    }
    Ok(outcomes)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every spec of the corpus generates, except the listed exceptions, which must still
    /// fail (so the list stays true). That the output compiles is checked by
    /// `scratch::tests` (small specs) and `cargo xtask corpus` (all).
    #[test]
    fn every_corpus_spec_generates_except_the_listed_exceptions() {
        let entries = entries().expect("corpus.txt");
        assert!(
            entries.len() >= 20,
            "the corpus has {} specs",
            entries.len()
        );
        let failures: Vec<String> = entries
            .iter()
            .filter_map(|entry| match (generate(&entry.path), &entry.known) {
                (Err(e), None) => Some(e),
                (Ok(_), Some(_)) => Some(format!(
                    "{} generates now: drop its exception from corpus.txt",
                    file_name(&entry.path)
                )),
                _ => None,
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
