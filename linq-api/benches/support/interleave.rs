//! Interleaved A/B measurement for a noisy machine: A and B run in alternating batches
//! (A B, B A, A B, …) in one process, so a slow spell on the machine hits both sides of a
//! pair alike. Each pair gives one ratio A/B; the summary is the median of those ratios
//! with their quartiles and extremes, never a ratio of two separately measured medians.

// Each bench uses the part it needs.
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// How long one batch of iterations should take: short enough that a pair sees the same
/// machine, long enough that the timer's resolution does not matter.
const BATCH: Duration = Duration::from_millis(15);

/// How many pairs to measure: `--quick` (or `LINQ_BENCH_QUICK=1`) for a smoke run.
pub fn pairs(full: usize) -> usize {
    let quick = std::env::args().any(|a| a == "--quick")
        || std::env::var("LINQ_BENCH_QUICK").is_ok_and(|v| v == "1");
    if quick {
        (full / 5).max(10)
    } else {
        full
    }
}

/// Order statistics of a sample.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub median: f64,
    pub q1: f64,
    pub q3: f64,
    pub min: f64,
    pub max: f64,
}

impl Stats {
    pub fn of(values: &[f64]) -> Stats {
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let pos = q * (v.len() - 1) as f64;
            let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
            v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
        };
        Stats {
            median: at(0.5),
            q1: at(0.25),
            q3: at(0.75),
            min: v[0],
            max: v[v.len() - 1],
        }
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "median": self.median, "q1": self.q1, "q3": self.q3,
            "min": self.min, "max": self.max,
        })
    }
}

/// The outcome of one interleaved comparison.
pub struct Comparison {
    pub name: String,
    pub iterations_per_batch: u64,
    /// Nanoseconds per iteration, one entry per pair.
    pub a_ns: Vec<f64>,
    pub b_ns: Vec<f64>,
    /// `a_ns[i] / b_ns[i]`.
    pub ratios: Vec<f64>,
}

impl Comparison {
    pub fn print(&self) {
        let (a, b, r) = (
            Stats::of(&self.a_ns),
            Stats::of(&self.b_ns),
            Stats::of(&self.ratios),
        );
        println!(
            "{}: A {:.1} µs, B {:.1} µs per iteration; A/B median {:.3} (IQR {:.3}–{:.3}, \
             min {:.3}, max {:.3}) over {} pairs of {} iterations",
            self.name,
            a.median / 1e3,
            b.median / 1e3,
            r.median,
            r.q1,
            r.q3,
            r.min,
            r.max,
            self.ratios.len(),
            self.iterations_per_batch,
        );
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "name": self.name,
            "pairs": self.ratios.len(),
            "iterations_per_batch": self.iterations_per_batch,
            "a_ns": Stats::of(&self.a_ns).json(),
            "b_ns": Stats::of(&self.b_ns).json(),
            "ratio": Stats::of(&self.ratios).json(),
        })
    }
}

/// Runs `a` and `b` in `pairs` interleaved pairs of batches. Each closure runs the given
/// number of iterations and returns how long they took. The batch size is calibrated on A
/// so that a batch takes about [`BATCH`]; both sides always run the same number.
pub fn compare(
    name: &str,
    pairs: usize,
    mut a: impl FnMut(u64) -> Duration,
    mut b: impl FnMut(u64) -> Duration,
) -> Comparison {
    // Warm up both (connections, caches, allocator), then calibrate.
    let _ = (a(10), b(10));
    if let Ok(side) = std::env::var("LINQ_BENCH_PROFILE") {
        profile(name, &side, &mut a, &mut b);
    }
    let mut iterations = 1;
    loop {
        let took = a(iterations).min(b(iterations));
        if took >= BATCH || iterations >= 1 << 20 {
            break;
        }
        let scale = BATCH.as_secs_f64() / took.as_secs_f64().max(1e-7);
        iterations = ((iterations as f64 * scale.min(10.0)).ceil() as u64).max(iterations + 1);
    }
    let mut comparison = Comparison {
        name: name.to_owned(),
        iterations_per_batch: iterations,
        a_ns: Vec::with_capacity(pairs),
        b_ns: Vec::with_capacity(pairs),
        ratios: Vec::with_capacity(pairs),
    };
    let per_iteration = |d: Duration| d.as_nanos() as f64 / iterations as f64;
    for pair in 0..pairs {
        // Alternate which side goes first, so neither always runs on a warmer machine.
        let (ta, tb) = if pair % 2 == 0 {
            let ta = a(iterations);
            (ta, b(iterations))
        } else {
            let tb = b(iterations);
            (a(iterations), tb)
        };
        let (ta, tb) = (per_iteration(ta), per_iteration(tb));
        comparison.a_ns.push(ta);
        comparison.b_ns.push(tb);
        comparison.ratios.push(ta / tb);
    }
    comparison.print();
    comparison
}

/// For a profiler such as callgrind, which counts instructions and so ignores the noise:
/// `LINQ_BENCH_PROFILE=a` (or `b`) runs only that side of the first comparison, 2000
/// iterations, and exits.
fn profile(
    name: &str,
    side: &str,
    a: impl FnOnce(u64) -> Duration,
    b: impl FnOnce(u64) -> Duration,
) -> ! {
    const ITERATIONS: u64 = 2000;
    let took = match side {
        "a" => a(ITERATIONS),
        "b" => b(ITERATIONS),
        other => panic!("LINQ_BENCH_PROFILE must be `a` or `b`, not `{other}`"),
    };
    println!("{name}: side {side} only, {ITERATIONS} iterations in {took:?}");
    std::process::exit(0)
}

/// Times `iterations` runs of `f`.
pub fn time(iterations: u64, mut f: impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..iterations {
        f();
    }
    started.elapsed()
}

/// Writes the comparisons, and the fields of the object `extra`, as JSON to the file named
/// by `LINQ_BENCH_OUT`, if set (that is how `cargo xtask bench` collects them).
pub fn save(comparisons: &[Comparison], extra: serde_json::Value) {
    let Ok(path) = std::env::var("LINQ_BENCH_OUT") else {
        return;
    };
    let mut json = extra;
    json["comparisons"] =
        serde_json::Value::Array(comparisons.iter().map(Comparison::json).collect());
    std::fs::write(&path, serde_json::to_vec_pretty(&json).expect("json"))
        .unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
}
