//! `cargo xtask bench`: runs the criterion benchmarks and the compile-time measurements, and
//! writes BENCHMARKS.md with the machine, the commands, the medians and the ratios of this
//! one run. The file's "Analysis" section (after the marker line) is kept across runs.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::workspace_root;

const ANALYSIS_MARKER: &str = "<!-- analysis: written by hand, kept by `cargo xtask bench` -->";
/// Compile-time builds per profile; the median is reported.
const BUILDS: usize = 3;

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("unknown argument `{arg}` to bench"));
    }
    let root = workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let criterion = root.join("target/criterion");
    let _ = fs::remove_dir_all(&criterion);
    for (package, bench) in [
        ("codegen", "generate"),
        ("linq-api", "call_overhead"),
        ("linq-api", "decode"),
    ] {
        println!("==> cargo bench -p {package} --bench {bench}");
        let status = Command::new(&cargo)
            .args(["bench", "-p", package, "--bench", bench])
            .current_dir(&root)
            .status()
            .map_err(|e| format!("cannot run cargo bench: {e}"))?;
        if !status.success() {
            return Err(format!(
                "cargo bench -p {package} --bench {bench} failed ({status})"
            ));
        }
    }
    let median = |id: &str| -> Result<f64, String> {
        let path = criterion.join(id).join("new/estimates.json");
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        json["median"]["point_estimate"]
            .as_f64()
            .ok_or_else(|| format!("{}: no median", path.display()))
    };

    let mut md = String::new();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Written by `cargo xtask bench` from one run; every ratio compares figures of that run.\n"
    );
    let _ = writeln!(md, "## Machine\n\n{}\n", machine());

    // 1. Codegen
    let linq = median("regenerate/linq")?;
    let synthetic: Vec<(usize, f64)> = [100, 250, 500]
        .iter()
        .map(|n| median(&format!("regenerate/synthetic/{n}")).map(|m| (*n, m)))
        .collect::<Result<_, _>>()?;
    let _ = writeln!(
        md,
        "## 1. Codegen: a full regenerate, in memory (load → IR → emit)\n"
    );
    let _ = writeln!(md, "Command: `cargo bench -p codegen --bench generate` (criterion, 20 samples; synthetic specs have two schemas per operation, built by the bench).\n");
    let _ = writeln!(md, "| spec | operations | median | per operation | vs 100 operations |\n| --- | ---: | ---: | ---: | ---: |");
    let _ = writeln!(
        md,
        "| `spec/openapi.yaml` | 16 | {} | {} | |",
        ms(linq),
        ms(linq / 16.0)
    );
    let base = synthetic[0].1;
    for (n, m) in &synthetic {
        let _ = writeln!(
            md,
            "| synthetic | {n} | {} | {} | {:.2}× |",
            ms(*m),
            ms(m / *n as f64),
            m / base
        );
    }
    let growth = (synthetic[2].1 / synthetic[0].1) / 5.0;
    let _ = writeln!(
        md,
        "\n500 operations cost {:.2}× what 100 do, against 5× for linear growth.\n",
        synthetic[2].1 / synthetic[0].1
    );
    let _ = writeln!(
        md,
        "Growth per operation from 100 to 500: {:.2} (1.00 = linear).\n",
        growth
    );

    // 2. Call overhead
    let sdk = median("send/linq_api")?;
    let plain = median("send/reqwest_serde_json")?;
    let ratio = sdk / plain;
    let _ = writeln!(
        md,
        "## 2. Call overhead: `chats().messages().send` against a loopback server\n"
    );
    let _ = writeln!(md, "Command: `cargo bench -p linq-api --bench call_overhead` (sequential calls on one current-thread runtime; a keep-alive HTTP/1.1 server on its own thread answers with the seed docs' 202 body).\n");
    let _ = writeln!(md, "| client | median per call |\n| --- | ---: |\n| linq-api | {} |\n| reqwest + serde_json, hand-written structs | {} |\n", us(sdk), us(plain));
    let _ = writeln!(
        md,
        "Ratio linq-api / plain: **{ratio:.3}** (target ≤ 1.05: {}).\n",
        verdict(ratio <= 1.05)
    );

    // 3. Decode
    let group = "decode_page_of_100_messages";
    let bytes = throughput_bytes(&criterion, &format!("{group}/linq_api"))?;
    let sdk = median(&format!("{group}/linq_api"))?;
    let value = median(&format!("{group}/serde_json_value"))?;
    let typed = median(&format!("{group}/hand_written_typed"))?;
    let hand = median(&format!("{group}/hand_written"))?;
    let mbs = |ns: f64| bytes as f64 / (ns / 1e9) / 1e6;
    let _ = writeln!(
        md,
        "## 3. Decode throughput: a list-messages page of 100 messages ({} KB)\n",
        bytes / 1000
    );
    let _ = writeln!(md, "Command: `cargo bench -p linq-api --bench decode`.\n");
    let _ = writeln!(md, "| decoded into | median | MB/s | throughput vs hand-written |\n| --- | ---: | ---: | ---: |");
    for (name, ns) in [
        ("linq-api types", sdk),
        ("`serde_json::Value`", value),
        ("hand-written structs, `Uuid`/`Timestamp` fields", typed),
        ("hand-written structs, `String` fields", hand),
    ] {
        let _ = writeln!(
            md,
            "| {name} | {} | {:.0} | {:.2} |",
            us(ns),
            mbs(ns),
            hand / ns
        );
    }
    let _ = writeln!(
        md,
        "\nlinq-api / hand-written throughput: **{:.2}** (target ≥ 0.95: {}).\n",
        hand / sdk,
        verdict(hand / sdk >= 0.95)
    );

    // 4. Compile cost
    let _ = writeln!(
        md,
        "## 4. Compile cost of `linq-api` (dependencies already built)\n"
    );
    let _ = writeln!(md, "Command: `CARGO_INCREMENTAL=0 cargo build -p linq-api [--release]` after touching `linq-api/src/lib.rs`; median of {BUILDS} builds.\n");
    let debug = compile_time(&root, &cargo, false)?;
    let release = compile_time(&root, &cargo, true)?;
    let (files, lines) = generated_lines(&root.join("linq-api/src/generated"))?;
    let _ = writeln!(
        md,
        "| build | median |\n| --- | ---: |\n| debug | {:.1} s |\n| release | {:.1} s |\n",
        debug.as_secs_f64(),
        release.as_secs_f64()
    );
    let _ = writeln!(
        md,
        "`linq-api/src/generated/`: {lines} lines in {files} files.\n"
    );

    let analysis = fs::read_to_string(root.join("BENCHMARKS.md"))
        .ok()
        .and_then(|old| {
            old.split_once(ANALYSIS_MARKER)
                .map(|(_, rest)| rest.to_owned())
        })
        .unwrap_or_else(|| "\n## Analysis\n\n(Nothing yet.)\n".to_owned());
    let _ = write!(md, "{ANALYSIS_MARKER}{analysis}");
    fs::write(root.join("BENCHMARKS.md"), md)
        .map_err(|e| format!("cannot write BENCHMARKS.md: {e}"))?;
    println!("wrote BENCHMARKS.md");
    Ok(())
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**missed**, see Analysis"
    }
}

fn ms(ns: f64) -> String {
    format!("{:.2} ms", ns / 1e6)
}

fn us(ns: f64) -> String {
    format!("{:.1} µs", ns / 1e3)
}

/// The bytes per iteration a benchmark declared (criterion records its `Throughput`).
fn throughput_bytes(criterion: &Path, id: &str) -> Result<usize, String> {
    let path = criterion.join(id).join("new/benchmark.json");
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    json["throughput"]["Bytes"]
        .as_u64()
        .map(|b| b as usize)
        .ok_or_else(|| format!("{}: no byte throughput", path.display()))
}

fn compile_time(root: &Path, cargo: &str, release: bool) -> Result<Duration, String> {
    let mut args = vec!["build", "-p", "linq-api"];
    if release {
        args.push("--release");
    }
    let build = || -> Result<Duration, String> {
        let started = Instant::now();
        // Incremental compilation would reuse the crate's last build and measure almost nothing.
        let status = Command::new(cargo)
            .args(&args)
            .env("CARGO_INCREMENTAL", "0")
            .current_dir(root)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("cargo {} failed", args.join(" ")));
        }
        Ok(started.elapsed())
    };
    println!(
        "==> cargo {} (warm-up, then {BUILDS} timed builds)",
        args.join(" ")
    );
    build()?;
    let lib = root.join("linq-api/src/lib.rs");
    let mut times = Vec::new();
    for _ in 0..BUILDS {
        let file = fs::File::options()
            .append(true)
            .open(&lib)
            .map_err(|e| e.to_string())?;
        file.set_modified(std::time::SystemTime::now())
            .map_err(|e| e.to_string())?;
        times.push(build()?);
    }
    times.sort();
    Ok(times[times.len() / 2])
}

fn generated_lines(dir: &Path) -> Result<(usize, usize), String> {
    let mut files = 0;
    let mut lines = 0;
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files += 1;
                lines += fs::read_to_string(&path)
                    .map_err(|e| e.to_string())?
                    .lines()
                    .count();
            }
        }
    }
    Ok((files, lines))
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
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    format!(
        "- CPU: {} ({cores} cores available)\n- Memory: {}\n- {}\n- OS: {}",
        cpu.unwrap_or_else(|| "unknown".into()),
        memory.unwrap_or_else(|| "unknown".into()),
        rustc.unwrap_or_else(|| "rustc unknown".into()),
        std::env::consts::OS
    )
}
