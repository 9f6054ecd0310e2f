//! BENCHMARKS.md from one run's [`Results`]; the hand-written "Analysis" section of the
//! previous file is kept.

use std::fmt::Write as _;
use std::fs;
use std::process::Command;

use super::stats::{duration, verdict, Comparison};
use super::Results;

const ANALYSIS_MARKER: &str = "<!-- analysis: written by hand, kept by `cargo xtask bench` -->";

/// One interleaved figure: what A and B are, how to run it, its target.
struct Figure<'a> {
    /// As BENCHMARKS.md numbers it.
    number: String,
    title: String,
    commands: Vec<String>,
    a: String,
    b: String,
    unit: &'a str,
    comparison: &'a Comparison,
    /// "≤ 1.03" or "≥ 1.0", and whether the median meets it.
    target: (&'a str, bool),
}

pub fn render(r: &Results, old: &str, quick: bool) -> String {
    let figures = figures(r);
    let mut md = String::new();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Written by `cargo xtask bench{}` from one run.\n",
        if quick { " --quick" } else { "" }
    );
    let _ = writeln!(
        md,
        "**How to read it.** Every ratio is measured *interleaved*: A and B run in \
         alternating batches (A B, then B A, …) in one process for run-time figures, or as \
         alternating processes for builds and regenerates, so a slow spell of this shared \
         machine hits both sides of a pair alike. Each pair gives one ratio A/B; a figure is \
         the **median of the per-pair ratios**, with their interquartile range (IQR) and \
         extremes. The absolute times are medians over the same batches and drift from run \
         to run; the ratios are what to compare.\n"
    );
    let _ = writeln!(md, "## Machine\n\n{}\n", machine());
    let _ = writeln!(md, "## Summary\n");
    let _ = writeln!(
        md,
        "| # | A / B | median ratio (IQR, min, max) | pairs | target | |\n| --- | --- | --- | ---: | --- | --- |"
    );
    for f in &figures {
        let _ = writeln!(
            md,
            "| {} | {} / {} | {} | {} | {} | {} |",
            f.number,
            f.a,
            f.b,
            f.comparison.ratio.ratio(),
            f.comparison.pairs,
            f.target.0,
            verdict(f.target.1)
        );
    }
    let _ = writeln!(md);
    for f in &figures {
        let c = f.comparison;
        let _ = writeln!(md, "## {}. {}\n", f.number, f.title);
        for command in &f.commands {
            let _ = writeln!(md, "- `{command}`");
        }
        let batch = if c.iterations > 1 {
            format!(", each batch {} iterations", c.iterations)
        } else {
            String::new()
        };
        let _ = writeln!(
            md,
            "\n| side | median {} | IQR | min – max |\n| --- | ---: | ---: | ---: |",
            f.unit
        );
        for (side, s) in [(&f.a, &c.a), (&f.b, &c.b)] {
            let _ = writeln!(
                md,
                "| {side} | {} | {} – {} | {} – {} |",
                duration(s.median),
                duration(s.q1),
                duration(s.q3),
                duration(s.min),
                duration(s.max)
            );
        }
        let _ = writeln!(
            md,
            "\nA/B over {} interleaved pairs{batch}: {}. Target {}: {}.\n",
            c.pairs,
            c.ratio.ratio(),
            f.target.0,
            verdict(f.target.1)
        );
    }
    codegen(&mut md, r);
    let analysis = old
        .split_once(ANALYSIS_MARKER)
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or_else(|| "\n## Analysis\n\n(Nothing yet.)\n".to_owned());
    let _ = write!(md, "{ANALYSIS_MARKER}{analysis}");
    md
}

fn figures(r: &Results) -> Vec<Figure<'_>> {
    let at_most = |c: &Comparison, t: f64| c.ratio.median <= t;
    let mut figures = vec![
        Figure {
            number: "1".into(),
            title: "Call overhead: `chats().messages().send` against plain reqwest + serde_json".into(),
            commands: vec!["cargo bench -p linq-api --bench call_overhead".into()],
            a: "linq-api".into(),
            b: "reqwest + serde_json into `MessageSendResponse`".into(),
            unit: "per call",
            comparison: &r.call_vs_plain,
            target: ("≤ 1.03", at_most(&r.call_vs_plain, 1.03)),
        },
        Figure {
            number: "2".into(),
            title: "Call overhead against the client progenitor generates from the same spec".into(),
            commands: vec![r.progenitor_command.clone()],
            a: "linq-api".into(),
            b: "progenitor client".into(),
            unit: "per call",
            comparison: &r.call_vs_progenitor,
            target: ("≤ 1.00", at_most(&r.call_vs_progenitor, 1.00)),
        },
        Figure {
            number: "3a".into(),
            title: "Decode a page of 100 messages, against hand-written structs (`String` ids and timestamps)".into(),
            commands: vec!["cargo bench -p linq-api --bench decode".into()],
            a: "linq-api types".into(),
            b: "hand-written, `String` fields".into(),
            unit: "per page",
            comparison: &r.decode_vs_hand,
            target: ("time ≤ 1.00 (throughput ≥ 1.0)", at_most(&r.decode_vs_hand, 1.0)),
        },
        Figure {
            number: "3b".into(),
            title: "Decode a page of 100 messages, against hand-written structs (`Uuid` and `Timestamp` fields)".into(),
            commands: vec!["cargo bench -p linq-api --bench decode".into()],
            a: "linq-api types".into(),
            b: "hand-written, `Uuid`/`Timestamp` fields".into(),
            unit: "per page",
            comparison: &r.decode_vs_hand_typed,
            target: ("time ≤ 1.00 (throughput ≥ 1.0)", at_most(&r.decode_vs_hand_typed, 1.0)),
        },
        Figure {
            number: "4".into(),
            title: "Cold debug build: linq-api (default features) against the progenitor client (reqwest with its own rustls)".into(),
            commands: r.cold_build_commands.to_vec(),
            a: "linq-api".into(),
            b: "progenitor client".into(),
            unit: "build",
            comparison: &r.cold_build,
            target: ("≤ 1.3", at_most(&r.cold_build, 1.3)),
        },
        Figure {
            number: "5".into(),
            title: "Regenerate as typed: `cargo xtask regenerate` against `cargo progenitor`".into(),
            commands: vec![
                "CARGO_TARGET_DIR=<target>/bench-regenerate cargo xtask regenerate".into(),
                r.regenerate_command.clone(),
            ],
            a: "`cargo xtask regenerate`".into(),
            b: "`cargo progenitor`".into(),
            unit: "run",
            comparison: &r.regenerate,
            target: ("≤ 0.5", at_most(&r.regenerate, 0.5)),
        },
    ];
    for (big, number) in r.big_crates.iter().zip(["6a", "6b", "6c", "6d"]) {
        figures.push(Figure {
            number: number.into(),
            title: format!(
                "`cargo check` of the {} crate ({} operations, {} lines, {} resource features): \
                 whole, against `{}` alone",
                big.spec, big.operations, big.lines, big.features, big.resource
            ),
            commands: super::features::commands().to_vec(),
            a: format!("{}, whole", big.spec),
            b: format!("`{}` alone", big.resource),
            unit: "check",
            comparison: &big.check,
            target: (
                "≥ 4 (one resource in under a quarter of the time)",
                big.check.ratio.median >= 4.0,
            ),
        });
    }
    figures
}

fn codegen(md: &mut String, r: &Results) {
    let _ = writeln!(
        md,
        "## Codegen scaling: a full regenerate in memory (load → IR → emit)\n"
    );
    let _ = writeln!(
        md,
        "- `cargo bench -p codegen --bench generate` (criterion medians; no ratio against \
         another tool, so not interleaved; synthetic specs have two schemas per operation)\n"
    );
    let _ = writeln!(
        md,
        "| spec | operations | median | per operation | vs 100 operations |\n| --- | ---: | ---: | ---: | ---: |"
    );
    let _ = writeln!(
        md,
        "| `spec/openapi.yaml` | {} | {} | {} | |",
        r.linq_operations,
        duration(r.codegen_linq),
        duration(r.codegen_linq / r.linq_operations.max(1) as f64)
    );
    let base = r.codegen_synthetic[0].1;
    for (n, m) in &r.codegen_synthetic {
        let _ = writeln!(
            md,
            "| synthetic | {n} | {} | {} | {:.2}× |",
            duration(*m),
            duration(m / *n as f64),
            m / base
        );
    }
    let (files, lines) = r.generated;
    let _ = writeln!(
        md,
        "\nDecode page: {} bytes. `linq-api/src/generated/`: {lines} lines in {files} files.\n",
        r.page_bytes
    );
}

fn machine() -> String {
    let read = |p: &str| fs::read_to_string(p).unwrap_or_default();
    let cpu = read("/proc/cpuinfo")
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned());
    let memory = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .map(|l| l.trim().to_owned());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let load = read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    format!(
        "- CPU: {} ({cores} cores available, shared with other work)\n- Memory: {}\n- Load \
         average when the run ended: {load}\n- {}\n- OS: {}",
        cpu.unwrap_or_else(|| "unknown".into()),
        memory.unwrap_or_else(|| "unknown".into()),
        rustc.unwrap_or_else(|| "rustc unknown".into()),
        std::env::consts::OS
    )
}
