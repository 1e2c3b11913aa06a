//! Number formatting shared by the renderers: percentages, intervals, p-values, token counts,
//! dollars, durations. A missing value is shown as an em dash.

use crate::stats::Interval;

/// Shown for a value that does not exist.
pub const NONE: &str = "—";

/// `0.632` -> `63.2%`.
pub fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| NONE.to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// `[51.0, 74.1]` (percent, no sign).
pub fn ci(i: Option<Interval>) -> String {
    i.map_or_else(String::new, |i| format!("[{:.1}, {:.1}]", i.lo * 100.0, i.hi * 100.0))
}

/// A difference in percentage points: `+6.2 pp`.
pub fn pp(v: Option<f64>) -> String {
    v.map_or_else(|| NONE.to_string(), |v| format!("{:+.1} pp", v * 100.0))
}

/// Interval of a difference, in percentage points with signs: `[-2.1, +14.0]`.
pub fn pp_ci(i: Option<Interval>) -> String {
    i.map_or_else(String::new, |i| format!("[{:+.1}, {:+.1}]", i.lo * 100.0, i.hi * 100.0))
}

/// A p-value: three decimals, `<0.001` below that.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "<0.001".to_string()
    } else {
        format!("{p:.3}")
    }
}

/// Counts with k / M suffixes: `950`, `12.3k`, `4.56M`.
pub fn count(v: Option<f64>) -> String {
    let Some(v) = v else { return NONE.to_string() };
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.2}G", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.2}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.1}k", v / 1e3)
    } else if a >= 100.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Dollars: `$0.0123`, `$1.23`, `$123`.
pub fn usd(v: Option<f64>) -> String {
    let Some(v) = v else { return NONE.to_string() };
    let a = v.abs();
    if a == 0.0 {
        "$0".to_string()
    } else if a < 0.01 {
        format!("${v:.4}")
    } else if a < 10.0 {
        format!("${v:.2}")
    } else {
        format!("${v:.0}")
    }
}

/// Seconds: `42s`, `3m12s`, `1h02m`.
pub fn secs(v: Option<f64>) -> String {
    let Some(v) = v else { return NONE.to_string() };
    if v < 10.0 {
        return format!("{v:.1}s");
    }
    let s = v.round() as u64;
    if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{}h{:02}m", s / 3600, (s % 3600) / 60)
    }
}

/// Minutes as a duration.
pub fn minutes(v: Option<f64>) -> String {
    secs(v.map(|m| m * 60.0))
}

/// A pair `a / b`.
pub fn pair(a: String, b: String) -> String {
    format!("{a} / {b}")
}
