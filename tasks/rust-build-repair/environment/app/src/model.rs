use serde::Serialize;

use crate::utils::parse_cents;

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub qty: u64,
    pub unit_cents: u64,
}

/// Parse `sku<TAB>name<TAB>category<TAB>qty<TAB>price` lines. Blank lines and lines starting with
/// `#` are skipped; malformed lines produce a warning ("line N: ...") and are skipped.
pub fn parse_inventory(text: &str) -> (Vec<Item>, Vec<String>) {
    let mut items = Vec::new();
    let mut warnings = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [sku, name, category, qty, price] = fields[..] else {
            warnings.push(format!("line {n}: expected 5 tab-separated fields"));
            continue;
        };
        let Ok(qty) = qty.trim().parse::<u64>() else {
            warnings.push(format!("line {n}: bad quantity {qty:?}"));
            continue;
        };
        let Some(unit_cents) = parse_cents(price.trim()) else {
            warnings.push(format!("line {n}: bad price {price:?}"));
            continue;
        };
        if sku.trim().is_empty() || category.trim().is_empty() {
            warnings.push(format!("line {n}: empty sku or category"));
            continue;
        }
        items.push(Item {
            sku: sku.trim().to_string(),
            name: name.to_string(),
            category: category.trim().to_string(),
            qty,
            unit_cents,
        });
    }
    (items, warnings)
}
