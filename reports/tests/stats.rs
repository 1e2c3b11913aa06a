//! The statistics checked against values computed independently: pass@k and pass^k by brute-force
//! enumeration of attempt subsets, Wilson bounds against Newcombe (1998, Table I), the exact
//! McNemar / sign test against the binomial distribution summed with exact integers.

use proctor_reports::stats::{self, pass_at_k, pass_hat_k, sign_test_p, wilson};

/// Over every k-subset of n attempts (the first c passed): the share with a pass, and with all passes.
fn brute(n: u32, c: u32, k: u32) -> (f64, f64) {
    let (mut subsets, mut any, mut all) = (0u64, 0u64, 0u64);
    for mask in 0u32..(1 << n) {
        if mask.count_ones() != k {
            continue;
        }
        subsets += 1;
        let passes = (mask & ((1 << c) - 1)).count_ones();
        any += (passes > 0) as u64;
        all += (passes == k) as u64;
    }
    (any as f64 / subsets as f64, all as f64 / subsets as f64)
}

#[test]
fn pass_at_k_and_pass_hat_k_match_brute_force() {
    for n in 1..=10u32 {
        for c in 0..=n {
            for k in 1..=n {
                let (at, hat) = brute(n, c, k);
                let got_at = pass_at_k(n as u64, c as u64, k as u64).expect("k <= n");
                let got_hat = pass_hat_k(n as u64, c as u64, k as u64).expect("k <= n");
                assert!((got_at - at).abs() < 1e-12, "pass@{k} n={n} c={c}: {got_at} vs {at}");
                assert!((got_hat - hat).abs() < 1e-12, "pass^{k} n={n} c={c}: {got_hat} vs {hat}");
            }
        }
    }
    assert_eq!(pass_at_k(3, 1, 4), None);
    assert_eq!(pass_hat_k(3, 1, 0), None);
}

#[test]
fn pass_at_1_is_the_success_fraction() {
    assert!((pass_at_k(7, 3, 1).unwrap() - 3.0 / 7.0).abs() < 1e-12);
    assert!((pass_hat_k(7, 3, 1).unwrap() - 3.0 / 7.0).abs() < 1e-12);
}

#[test]
fn wilson_matches_newcombe_1998_table() {
    // Newcombe, "Two-sided confidence intervals for the single proportion", Stat Med 1998,
    // Table I, method 3 (score interval without continuity correction), 95%.
    let z = stats::z_for(0.95);
    assert!((z - 1.959964).abs() < 1e-6);
    let table =
        [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0000, 0.1611), (1, 29, 0.0061, 0.1718)];
    for (x, n, lo, hi) in table {
        let i = wilson(x, n, z).expect("n > 0");
        assert!((i.lo - lo).abs() < 5e-5, "{x}/{n} lower {} vs {lo}", i.lo);
        assert!((i.hi - hi).abs() < 5e-5, "{x}/{n} upper {} vs {hi}", i.hi);
    }
    assert_eq!(wilson(0, 0, z), None);
}

fn choose(n: u64, k: u64) -> u128 {
    (0..k).fold(1u128, |acc, i| acc * (n - i) as u128 / (i + 1) as u128)
}

/// Two-sided exact binomial(n, 1/2) p-value of observing `b` against `c`, in exact integers.
fn exact_binomial_two_sided(b: u64, c: u64) -> f64 {
    let n = b + c;
    let m = b.min(c);
    let tail: u128 = (0..=m).map(|i| choose(n, i)).sum();
    let p = 2.0 * (tail as f64) / (2f64).powi(n as i32);
    p.min(1.0)
}

#[test]
fn mcnemar_matches_the_exact_binomial() {
    for b in 0..=40u64 {
        for c in 0..=40u64 {
            if b + c == 0 {
                assert_eq!(sign_test_p(0, 0), 1.0);
                continue;
            }
            let want = exact_binomial_two_sided(b, c);
            let got = sign_test_p(b, c);
            assert!((got - want).abs() < 1e-9 * want.max(1e-12).max(1.0), "b={b} c={c}: {got} vs {want}");
        }
    }
    // Textbook case: 10 discordant pairs one way, 2 the other: p = 2 * 79 / 4096.
    assert!((sign_test_p(10, 2) - 158.0 / 4096.0).abs() < 1e-12);
}

#[test]
fn bootstrap_interval_shrinks_with_more_tasks() {
    let small: Vec<f64> = (0..20).map(|i| (i % 2) as f64).collect();
    let large: Vec<f64> = (0..2000).map(|i| (i % 2) as f64).collect();
    let s = stats::bootstrap_mean(&small, 1, 0.95).unwrap();
    let l = stats::bootstrap_mean(&large, 1, 0.95).unwrap();
    assert!(s.hi - s.lo > 3.0 * (l.hi - l.lo));
    // Normal approximation: half-width ~ 1.96 * 0.5 / sqrt(2000) = 0.0219.
    assert!(((l.hi - l.lo) / 2.0 - 0.0219).abs() < 0.004, "{l:?}");
}
