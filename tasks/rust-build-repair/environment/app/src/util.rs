/// "12.5" -> 1250, "3" -> 300, "0.07" -> 7. At most two decimals, no sign.
pub fn parse_cents(text: &str) -> Option<u64> {
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit()) || (text.contains('.') && frac.is_empty())
    {
        return None;
    }
    let frac_cents = format!("{frac:0<2}").parse::<u64>().ok()?;
    whole.parse::<u64>().ok()?.checked_mul(100)?.checked_add(frac_cents)
}

/// Format cents as "12.50".
pub fn format_cents(cents: u64) -> String {
    let mut s = String::new();
    write!(s, "{}.{:02}", cents / 100, cents % 100).unwrap();
    s
}
