#!/bin/bash
# Reference repair: edition 2021, no crates (hand-written JSON output), rustc-1.63-compatible
# syntax (no let-else, no is_some_and), module name, missing trait import, borrow error.
set -euo pipefail
cd /app
sed -i 's/^edition = "2024"/edition = "2021"/; /^serde/d' Cargo.toml
[ -f src/util.rs ] && mv src/util.rs src/utils.rs
cat > src/json.rs <<'RS'
//! Minimal JSON writer (replaces serde_json): pretty-printed with two-space indentation.

pub enum Json {
    Str(String),
    Num(u64),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Json {
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let pad = |n: usize| "  ".repeat(n);
        match self {
            Json::Str(s) => out.push_str(&escape(s)),
            Json::Num(n) => out.push_str(&n.to_string()),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Obj(items) if items.is_empty() => out.push_str("{}"),
            Json::Arr(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&pad(depth + 1));
                    item.write(out, depth + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(depth));
                out.push(']');
            }
            Json::Obj(items) => {
                out.push_str("{\n");
                for (i, (k, v)) in items.iter().enumerate() {
                    out.push_str(&pad(depth + 1));
                    out.push_str(&escape(k));
                    out.push_str(": ");
                    v.write(out, depth + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(depth));
                out.push('}');
            }
        }
    }
}
RS
cat > src/main.rs <<'RS'
//! invreport INVENTORY.tsv [--low N] : print a JSON stock report on stdout.
mod json;
mod model;
mod report;
mod utils;

use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: invreport INVENTORY.tsv [--low N]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let path = match args.get(1) {
        Some(p) => p,
        None => return usage(),
    };
    let mut low = 5;
    if args.len() == 4 && args[2] == "--low" {
        low = match args[3].parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                eprintln!("invreport: --low needs a number");
                return ExitCode::from(2);
            }
        };
    } else if args.len() != 2 {
        return usage();
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("invreport: {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let (items, warnings) = model::parse_inventory(&text);
    for w in &warnings {
        eprintln!("invreport: {w}");
    }
    let report = report::build(items, low);
    println!("{}", report.to_json().pretty());
    ExitCode::SUCCESS
}
RS
python3 - <<'PY'
import re
p = "src/model.rs"; s = open(p).read()
s = s.replace("use serde::Serialize;\n\n", "").replace("#[derive(Debug, Clone, Serialize)]", "#[derive(Debug, Clone)]")
s = s.replace('''        let [sku, name, category, qty, price] = fields[..] else {
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
        };''', '''        let (sku, name, category, qty, price) = match fields[..] {
            [a, b, c, d, e] => (a, b, c, d, e),
            _ => {
                warnings.push(format!("line {n}: expected 5 tab-separated fields"));
                continue;
            }
        };
        let qty = match qty.trim().parse::<u64>() {
            Ok(q) => q,
            Err(_) => {
                warnings.push(format!("line {n}: bad quantity {qty:?}"));
                continue;
            }
        };
        let unit_cents = match parse_cents(price.trim()) {
            Some(c) => c,
            None => {
                warnings.push(format!("line {n}: bad price {price:?}"));
                continue;
            }
        };''')
open(p, "w").write(s)
p = "src/utils.rs"; s = open(p).read()
if "use std::fmt::Write;" not in s:
    s = "use std::fmt::Write;\n\n" + s
open(p, "w").write(s)
p = "src/report.rs"; s = open(p).read()
s = s.replace("use serde::Serialize;\n\n", "use crate::json::Json;\n")
s = s.replace("#[derive(Debug, Serialize)]", "#[derive(Debug)]")
s = s.replace('''    for (sku, item) in merged.iter() {
        if item.unit_cents.checked_mul(item.qty).is_none() {
            merged.remove(sku);
        }
    }''', '''    merged.retain(|_, item| item.unit_cents.checked_mul(item.qty).is_some());''')
s = s.replace("if merged.get(sku).is_some_and(|i| i.qty < low) {", "if item.qty < low {")
if "fn to_json" not in s:
    s += '''
impl Report {
    pub fn to_json(&self) -> Json {
        let items = self
            .items
            .iter()
            .map(|l| {
                Json::Obj(vec![
                    ("sku".into(), Json::Str(l.sku.clone())),
                    ("name".into(), Json::Str(l.name.clone())),
                    ("qty".into(), Json::Num(l.qty)),
                    ("unit_price".into(), Json::Str(l.unit_price.clone())),
                    ("value_cents".into(), Json::Num(l.value_cents)),
                ])
            })
            .collect();
        Json::Obj(vec![
            ("items".into(), Json::Arr(items)),
            ("total_value_cents".into(), Json::Num(self.total_value_cents)),
            ("total_value".into(), Json::Str(self.total_value.clone())),
            ("low_stock".into(), Json::Arr(self.low_stock.iter().map(|s| Json::Str(s.clone())).collect())),
            ("by_category".into(),
             Json::Obj(self.by_category.iter().map(|(k, v)| (k.clone(), Json::Num(*v))).collect())),
        ])
    }
}
'''
open(p, "w").write(s)
PY
cargo build --offline --release --quiet
