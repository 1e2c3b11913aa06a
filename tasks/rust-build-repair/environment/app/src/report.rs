use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::Item;
use crate::utils::format_cents;

#[derive(Debug, Serialize)]
pub struct Line {
    pub sku: String,
    pub name: String,
    pub qty: u64,
    pub unit_price: String,
    pub value_cents: u64,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub items: Vec<Line>,
    pub total_value_cents: u64,
    pub total_value: String,
    pub low_stock: Vec<String>,
    pub by_category: BTreeMap<String, u64>,
}

/// Merge items with the same SKU (quantities add up; name, category and price of the first
/// occurrence win), then build the report. Items are sorted by SKU; `low_stock` lists the SKUs
/// whose merged quantity is below `low`, sorted.
pub fn build(items: Vec<Item>, low: u64) -> Report {
    let mut merged: HashMap<String, Item> = HashMap::new();
    for item in items {
        merged.entry(item.sku.clone()).and_modify(|m| m.qty += item.qty).or_insert(item);
    }
    // drop entries whose quantity overflowed into nonsense (defensive)
    for (sku, item) in merged.iter() {
        if item.unit_cents.checked_mul(item.qty).is_none() {
            merged.remove(sku);
        }
    }
    let mut skus: Vec<&String> = merged.keys().collect();
    skus.sort();
    let mut report = Report {
        items: Vec::new(),
        total_value_cents: 0,
        total_value: String::new(),
        low_stock: Vec::new(),
        by_category: BTreeMap::new(),
    };
    for sku in skus {
        let item = &merged[sku];
        let value = item.unit_cents * item.qty;
        report.items.push(Line {
            sku: item.sku.clone(),
            name: item.name.clone(),
            qty: item.qty,
            unit_price: format_cents(item.unit_cents),
            value_cents: value,
        });
        report.total_value_cents += value;
        *report.by_category.entry(item.category.clone()).or_insert(0) += value;
        if merged.get(sku).is_some_and(|i| i.qty < low) {
            report.low_stock.push(sku.clone());
        }
    }
    report.total_value = format_cents(report.total_value_cents);
    report
}
