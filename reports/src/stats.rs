//! Statistical primitives: Wilson score interval, unbiased pass@k and pass^k, exact two-sided
//! binomial (sign / McNemar) test, seeded parallel bootstrap, mean and median.
//!
//! Everything here is pure and deterministic: the bootstrap draws from a SplitMix64 stream per
//! chunk of replicates, seeded from the caller's seed and the chunk index, so results do not depend
//! on the number of threads.

use rayon::prelude::*;
use serde::Serialize;
use statrs::distribution::{Binomial, ContinuousCDF, DiscreteCDF, Normal};

/// Bootstrap replicates used by the reports.
pub const BOOTSTRAP_REPS: usize = 2000;
/// Seed of every bootstrap in a report (fixed: the same input gives the same report).
pub const BOOTSTRAP_SEED: u64 = 0x005e_ed0f_9c0c_7e11;
/// Replicates drawn per parallel work item.
const CHUNK: usize = 50;

/// A two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

/// The standard normal quantile for a two-sided interval of the given confidence (0.95 -> 1.96).
pub fn z_for(confidence: f64) -> f64 {
    match Normal::new(0.0, 1.0) {
        Ok(n) => n.inverse_cdf(0.5 + confidence / 2.0),
        Err(_) => 1.959_963_984_540_054,
    }
}

/// Wilson score interval for `successes` out of `n` at normal quantile `z`; `None` when `n == 0`.
pub fn wilson(successes: u64, n: u64, z: f64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let n_f = n as f64;
    let p = successes.min(n) as f64 / n_f;
    let z2 = z * z;
    let denom = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denom;
    let half = z * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt() / denom;
    Some(Interval { lo: (centre - half).max(0.0), hi: (centre + half).min(1.0) })
}

/// Unbiased pass@k (Chen et al. 2021): the probability that at least one of `k` attempts drawn
/// without replacement from `n` attempts, `c` of which passed, passes. `None` when `k > n` or `k == 0`.
pub fn pass_at_k(n: u64, c: u64, k: u64) -> Option<f64> {
    if k == 0 || k > n {
        return None;
    }
    let c = c.min(n);
    if n - c < k {
        return Some(1.0);
    }
    // 1 - C(n-c, k) / C(n, k) = 1 - prod_{i=n-c+1}^{n} (1 - k/i)
    let mut prod = 1.0;
    for i in (n - c + 1)..=n {
        prod *= 1.0 - k as f64 / i as f64;
    }
    Some(1.0 - prod)
}

/// pass^k (tau-bench): the probability that all of `k` attempts drawn without replacement pass,
/// C(c, k) / C(n, k). `None` when `k > n` or `k == 0`.
pub fn pass_hat_k(n: u64, c: u64, k: u64) -> Option<f64> {
    if k == 0 || k > n {
        return None;
    }
    let c = c.min(n);
    if c < k {
        return Some(0.0);
    }
    let mut prod = 1.0;
    for i in 0..k {
        prod *= (c - i) as f64 / (n - i) as f64;
    }
    Some(prod)
}

/// Exact two-sided sign test: `b` pairs went one way, `c` the other (ties left out). For one
/// attempt per task this is the exact McNemar test. Returns 1 when there are no discordant pairs.
pub fn sign_test_p(b: u64, c: u64) -> f64 {
    let n = b + c;
    if n == 0 {
        return 1.0;
    }
    let tail = match Binomial::new(0.5, n) {
        Ok(d) => d.cdf(b.min(c)),
        Err(_) => return 1.0,
    };
    (2.0 * tail).min(1.0)
}

/// Arithmetic mean; `None` for an empty slice.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// Median (mean of the two middle values for an even count); reorders `values`.
pub fn median(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    let (_, upper, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = values[..mid].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((lower + upper) / 2.0)
}

/// Linear-interpolated quantile `q` in [0, 1] of sorted values.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let frac = pos - lo as f64;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * frac)
}

/// SplitMix64: a small, fast, well-mixed generator, stable forever (unlike library RNGs whose
/// streams may change between versions).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Percentile bootstrap of the mean of `values` (units resampled with replacement): `reps`
/// replicates drawn in parallel chunks, each chunk from its own seeded stream, so the result does
/// not depend on the number of threads. Returns the (1-confidence)/2 and (1+confidence)/2
/// percentiles of the replicate means.
pub fn bootstrap_mean_reps(values: &[f64], reps: usize, seed: u64, confidence: f64) -> Option<Interval> {
    let n = values.len();
    if n == 0 || reps == 0 {
        return None;
    }
    let chunks = reps.div_ceil(CHUNK);
    let pick = |r: u32| values[((r as u64 * n as u64) >> 32) as usize];
    let mut means: Vec<f64> = (0..chunks)
        .into_par_iter()
        .flat_map_iter(|chunk| {
            let mut rng = SplitMix64::new(seed ^ (chunk as u64).wrapping_mul(0xA24B_AED4_963E_E407));
            let count = CHUNK.min(reps - chunk * CHUNK);
            (0..count)
                .map(|_| {
                    // Two draws per 64-bit output (multiply-shift on each half).
                    let mut sum = 0.0;
                    for _ in 0..n / 2 {
                        let r = rng.next_u64();
                        sum += pick(r as u32) + pick((r >> 32) as u32);
                    }
                    if n % 2 == 1 {
                        sum += pick((rng.next_u64() >> 32) as u32);
                    }
                    sum / n as f64
                })
                .collect::<Vec<f64>>()
        })
        .collect();
    means.sort_by(f64::total_cmp);
    let alpha = (1.0 - confidence) / 2.0;
    Some(Interval { lo: quantile_sorted(&means, alpha)?, hi: quantile_sorted(&means, 1.0 - alpha)? })
}

/// Bootstrap interval of the mean of `values` with [`BOOTSTRAP_REPS`] replicates.
pub fn bootstrap_mean(values: &[f64], seed: u64, confidence: f64) -> Option<Interval> {
    bootstrap_mean_reps(values, BOOTSTRAP_REPS, seed, confidence)
}

/// Paired bootstrap interval of mean(a) - mean(b), pairs resampled together.
pub fn bootstrap_paired_diff(a: &[f64], b: &[f64], seed: u64, confidence: f64) -> Option<Interval> {
    if a.len() != b.len() {
        return None;
    }
    let diffs: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    bootstrap_mean(&diffs, seed, confidence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_even_and_odd() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn bootstrap_is_deterministic_and_brackets_the_mean() {
        let v: Vec<f64> = (0..50).map(|i| (i % 3 == 0) as u8 as f64).collect();
        let a = bootstrap_mean(&v, 7, 0.95).unwrap();
        let b = bootstrap_mean(&v, 7, 0.95).unwrap();
        assert_eq!(a, b);
        let m = mean(&v).unwrap();
        assert!(a.lo < m && m < a.hi, "{a:?} {m}");
    }
}
