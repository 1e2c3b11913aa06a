//! Time each stage of a report over existing run directories:
//! `cargo run --release -p proctor-reports --example timings -- RUN_DIR...`.

use std::path::PathBuf;
use std::time::Instant;

use proctor_reports::cli::render_text;
use proctor_reports::render::{self, Report, TermOptions};
use proctor_reports::{analyze, load, Format, Options};

/// CPU seconds (user + system) of this process so far, from /proc (Linux; 0 elsewhere).
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let out = std::env::temp_dir();
    let all = Instant::now();
    let t = Instant::now();
    let data = load::load(&dirs, &[])?;
    eprintln!(
        "load      {:>8.1} ms  cpu {:.2}s  ({} trials)",
        t.elapsed().as_secs_f64() * 1e3,
        cpu(),
        data.trials.len()
    );
    let t = Instant::now();
    let analysis = analyze(&data, &Options::default())?;
    eprintln!("analyze   {:>8.1} ms  cpu {:.2}s", t.elapsed().as_secs_f64() * 1e3, cpu());
    let report = Report::new(&data, &analysis);
    let t = Instant::now();
    let n = render::term::render(&report, &TermOptions { color: true, width: 160 }).len();
    eprintln!("term      {:>8.1} ms  cpu {:.2}s  {n} bytes", t.elapsed().as_secs_f64() * 1e3, cpu());
    for f in [Format::Md, Format::Json, Format::Junit, Format::Html] {
        let t = Instant::now();
        let n = render_text(&report, f, &out)?.len();
        eprintln!(
            "{:<9} {:>8.1} ms  cpu {:.2}s  {n} bytes",
            format!("{f:?}").to_lowercase(),
            t.elapsed().as_secs_f64() * 1e3,
            cpu()
        );
    }
    let t = Instant::now();
    let (a, b) = render::csv::render(&report)?;
    eprintln!("csv       {:>8.1} ms  cpu {:.2}s  {} bytes", t.elapsed().as_secs_f64() * 1e3, cpu(), a.len() + b.len());
    let t = Instant::now();
    let formats = [Format::Term, Format::Md, Format::Csv, Format::Json, Format::Junit, Format::Html];
    let n: usize = proctor_reports::cli::render_files(&report, &formats, &out)?.iter().map(|(_, b)| b.len()).sum();
    eprintln!("all formats in parallel {:>8.1} ms  cpu {:.2}s  {n} bytes", t.elapsed().as_secs_f64() * 1e3, cpu());
    eprintln!("total     {:>8.1} ms  cpu {:.2}s (cumulative cpu column)", all.elapsed().as_secs_f64() * 1e3, cpu());
    Ok(())
}
