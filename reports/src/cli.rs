//! The `proctor report` command: its arguments, and writing each requested format to stdout, a
//! file or a directory.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analysis::{self, Options};
use crate::error::ReportError;
use crate::load;
use crate::render::{self, Report, TermOptions};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Coloured tables sized to the terminal.
    Term,
    /// GitHub-flavoured Markdown (step summary, PR comment).
    Md,
    /// `trials.csv` (one row per trial) and `configs.csv` (one row per configuration).
    Csv,
    /// Versioned JSON document (see reports/SCHEMA.md).
    Json,
    /// JUnit XML: one testcase per task x configuration.
    Junit,
    /// One self-contained HTML page with inline SVG charts.
    Html,
}

impl Format {
    /// File name used when writing several formats into a directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Term => "report.txt",
            Format::Md => "report.md",
            Format::Csv => "trials.csv",
            Format::Json => "report.json",
            Format::Junit => "junit.xml",
            Format::Html => "report.html",
        }
    }
}

/// Arguments of `proctor report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Run directories; shards of one run (same run id) are merged, several runs are ordered by
    /// start time (night over night).
    #[arg(value_name = "RUN_DIR", required = true)]
    pub runs: Vec<PathBuf>,
    /// Run directory to compare against (repeat for its shards).
    #[arg(long, value_name = "RUN_DIR")]
    pub baseline: Vec<PathBuf>,
    /// Compare against this agent configuration (in the baseline run if given, else in the latest run).
    #[arg(long, value_name = "AGENT")]
    pub baseline_agent: Option<String>,
    /// Output formats (repeatable or comma-separated).
    #[arg(long = "format", value_name = "FORMAT", value_delimiter = ',', default_value = "term")]
    pub formats: Vec<Format>,
    /// Output file (one format) or directory (several formats, or csv). Default: stdout.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Ask the caller to exit non-zero when a regression is flagged.
    #[arg(long)]
    pub fail_on_regression: bool,
    /// Significance level of comparisons: a drop is a regression only when p < alpha.
    #[arg(long, default_value_t = 0.05, value_name = "ALPHA")]
    pub alpha: f64,
    /// Also flag a regression when more than N tasks solved in earlier runs are lost in the latest.
    #[arg(long, value_name = "N")]
    pub max_lost_tasks: Option<usize>,
}

/// What the caller needs to choose an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportExit {
    /// A regression was flagged (a significant drop, or too many lost tasks).
    pub regression: bool,
}

/// Load, analyse and render as the arguments ask.
pub fn run_report(args: &ReportArgs) -> Result<ReportExit, ReportError> {
    if !(args.alpha > 0.0 && args.alpha < 1.0) {
        return Err(ReportError::Usage(format!("--alpha {} must be between 0 and 1", args.alpha)));
    }
    let mut formats: Vec<Format> = Vec::new();
    for f in &args.formats {
        if !formats.contains(f) {
            formats.push(*f);
        }
    }
    if formats.is_empty() {
        formats.push(Format::Term);
    }
    let single_file = formats.len() == 1 && formats[0] != Format::Csv;
    if args.out.is_none() && !single_file {
        return Err(ReportError::Usage("several formats (or csv, which writes two files) need --out DIR".to_string()));
    }
    let data = load::load(&args.runs, &args.baseline)?;
    let opts =
        Options { alpha: args.alpha, max_lost_tasks: args.max_lost_tasks, baseline_agent: args.baseline_agent.clone() };
    let analysis = analysis::analyze(&data, &opts)?;
    let report = Report::new(&data, &analysis);
    match &args.out {
        None => {
            let term = console::Term::stdout();
            let text = match formats[0] {
                Format::Term => {
                    let width = term.size_checked().map(|(_, w)| w as usize).unwrap_or(120);
                    let color = term.is_term() && console::colors_enabled();
                    render::term::render(&report, &TermOptions { color, width })
                }
                other => render_text(&report, other, &std::env::current_dir().unwrap_or_default())?,
            };
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|source| ReportError::Write { path: PathBuf::from("<stdout>"), source })?;
        }
        Some(out) if single_file => {
            let dir = out.parent().map(Path::to_path_buf).unwrap_or_default();
            create_dir(&dir)?;
            let text = render_text(&report, formats[0], &dir)?;
            write(out, text.as_bytes())?;
        }
        Some(dir) => {
            create_dir(dir)?;
            for (name, bytes) in render_files(&report, &formats, dir)? {
                write(&dir.join(name), &bytes)?;
            }
        }
    }
    Ok(ReportExit { regression: !analysis.regressions.is_empty() })
}

/// A rendered file: its name inside `--out DIR`, and its contents.
pub type RenderedFile = (&'static str, Vec<u8>);

/// Render `formats` (in parallel) as the files `--out DIR` holds.
pub fn render_files(report: &Report, formats: &[Format], dir: &Path) -> Result<Vec<RenderedFile>, ReportError> {
    let rendered: Vec<Result<Vec<RenderedFile>, ReportError>> = formats
        .par_iter()
        .map(|&f| {
            Ok(if f == Format::Csv {
                let (trials, configs) = render::csv::render(report)?;
                vec![("trials.csv", trials), ("configs.csv", configs)]
            } else {
                vec![(f.file_name(), render_text(report, f, dir)?.into_bytes())]
            })
        })
        .collect();
    let mut files = Vec::new();
    for r in rendered {
        files.extend(r?);
    }
    Ok(files)
}

/// Render one single-file format; `out_dir` is where the file will live (for HTML's relative links).
pub fn render_text(report: &Report, format: Format, out_dir: &Path) -> Result<String, ReportError> {
    Ok(match format {
        Format::Term => render::term::render(report, &TermOptions { color: false, width: 120 }),
        Format::Md => render::md::render(report),
        Format::Json => render::json::render(report)?,
        Format::Junit => render::junit::render(report)?,
        Format::Html => render::html::render(report, Some(out_dir))?,
        Format::Csv => {
            let (trials, _) = render::csv::render(report)?;
            String::from_utf8_lossy(&trials).into_owned()
        }
    })
}

fn create_dir(dir: &Path) -> Result<(), ReportError> {
    if dir.as_os_str().is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Write { path: dir.to_path_buf(), source })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    std::fs::write(path, bytes).map_err(|source| ReportError::Write { path: path.to_path_buf(), source })
}
