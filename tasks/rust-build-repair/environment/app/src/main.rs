//! invreport INVENTORY.tsv [--low N] : print a JSON stock report on stdout.
mod model;
mod report;
mod utils;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: invreport INVENTORY.tsv [--low N]");
        return ExitCode::from(2);
    };
    let mut low = 5;
    if args.len() == 4 && args[2] == "--low" {
        let Ok(n) = args[3].parse::<u64>() else {
            eprintln!("invreport: --low needs a number");
            return ExitCode::from(2);
        };
        low = n;
    } else if args.len() != 2 {
        eprintln!("usage: invreport INVENTORY.tsv [--low N]");
        return ExitCode::from(2);
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
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    ExitCode::SUCCESS
}
