//! Order statistics of interleaved measurements, and how BENCHMARKS.md shows them.

/// Median, quartiles and extremes of a sample.
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
        assert!(!values.is_empty(), "no measurements");
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

    /// As written by `linq-api/benches/support/interleave.rs`.
    pub fn from_json(json: &serde_json::Value) -> Result<Stats, String> {
        let field = |name: &str| {
            json[name]
                .as_f64()
                .ok_or_else(|| format!("no `{name}` in {json}"))
        };
        Ok(Stats {
            median: field("median")?,
            q1: field("q1")?,
            q3: field("q3")?,
            min: field("min")?,
            max: field("max")?,
        })
    }

    /// "**1.042** (IQR 1.01–1.07, min 0.93, max 1.20)".
    pub fn ratio(&self) -> String {
        format!(
            "**{:.3}** (IQR {:.3}–{:.3}, min {:.3}, max {:.3})",
            self.median, self.q1, self.q3, self.min, self.max
        )
    }
}

/// One interleaved comparison A/B: the per-iteration times of both sides and the per-pair
/// ratios.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub pairs: usize,
    /// Iterations per batch (1 for whole-process measurements).
    pub iterations: u64,
    /// Seconds per iteration.
    pub a: Stats,
    pub b: Stats,
    pub ratio: Stats,
}

impl Comparison {
    /// From paired timings in seconds.
    pub fn from_pairs(a: &[f64], b: &[f64]) -> Comparison {
        let ratios: Vec<f64> = a.iter().zip(b).map(|(a, b)| a / b).collect();
        Comparison {
            pairs: ratios.len(),
            iterations: 1,
            a: Stats::of(a),
            b: Stats::of(b),
            ratio: Stats::of(&ratios),
        }
    }

    /// From one entry of a bench's JSON (times in nanoseconds there).
    pub fn from_json(json: &serde_json::Value) -> Result<Comparison, String> {
        let ns = |s: Stats| Stats {
            median: s.median / 1e9,
            q1: s.q1 / 1e9,
            q3: s.q3 / 1e9,
            min: s.min / 1e9,
            max: s.max / 1e9,
        };
        Ok(Comparison {
            pairs: json["pairs"].as_u64().ok_or("no `pairs`")? as usize,
            iterations: json["iterations_per_batch"]
                .as_u64()
                .ok_or("no `iterations_per_batch`")?,
            a: ns(Stats::from_json(&json["a_ns"])?),
            b: ns(Stats::from_json(&json["b_ns"])?),
            ratio: Stats::from_json(&json["ratio"])?,
        })
    }
}

/// A duration in seconds, with a unit that suits it.
pub fn duration(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 1e-3 {
        format!("{:.1} ms", seconds * 1e3)
    } else {
        format!("{:.1} µs", seconds * 1e6)
    }
}

/// "met" or "**missed**".
pub fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**missed** (see Analysis)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate() {
        let s = Stats::of(&[4.0, 1.0, 3.0, 2.0, 5.0]);
        assert_eq!(
            (s.min, s.q1, s.median, s.q3, s.max),
            (1.0, 2.0, 3.0, 4.0, 5.0)
        );
        assert_eq!(Stats::of(&[1.0, 2.0]).median, 1.5);
    }
}
