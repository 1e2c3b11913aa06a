//! csvcol N [N...] < input.csv : print the given 0-based columns of every record as CSV.
use std::io::{self, Read, Write};

fn main() {
    let cols: Vec<usize> = std::env::args().skip(1).map(|a| a.parse().expect("column index")).collect();
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).expect("read stdin");
    let records = match csvlite::parse(&input) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("csvcol: {}", e);
            std::process::exit(1);
        }
    };
    let mut out = io::stdout().lock();
    for rec in records {
        let picked: Vec<&str> = cols.iter().map(|&i| rec.get(i).map(|s| s.as_str()).unwrap_or("")).collect();
        out.write_all(csvlite::write_record(&picked).as_bytes()).unwrap();
    }
}
