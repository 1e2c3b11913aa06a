//! The HTML report opens in headless Chromium with no console errors, its script runs, and every
//! chart's SVG is in the rendered DOM. Chromium is required: without it this test fails (install
//! Debian's `chromium` package, or point PROCTOR_CHROMIUM at a binary).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use proctor_reports::cli::render_text;
use proctor_reports::render::Report;
use proctor_reports::{analyze, load, Format, Options};

fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("PROCTOR_CHROMIUM") {
        return PathBuf::from(p);
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "headless Chromium is required for the HTML report test and was not found: \
         install it (`apt-get install -y chromium`) or set PROCTOR_CHROMIUM"
    );
}

fn run_chromium(extra: &[&str], url: &str) -> (String, String) {
    let out = Command::new("timeout")
        .arg("120")
        .arg(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1300,3000",
        ])
        .args(extra)
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn chart_ids(html: &str) -> Vec<String> {
    html.match_indices("<figure class=\"chart\" id=\"")
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

#[test]
fn html_renders_in_headless_chromium_with_every_chart() {
    let data = load::load(&common::night_dirs(), &[]).expect("load");
    let analysis = analyze(&data, &Options::default()).expect("analyze");
    let tmp = tempfile::tempdir().expect("tempdir");
    let html = render_text(&Report::new(&data, &analysis), Format::Html, tmp.path()).expect("render html");
    for needle in ["src=\"http", "href=\"http", "url(http", "@import", "<link", "<script src"] {
        assert!(!html.contains(needle), "nothing fetched at view time ({needle})");
    }
    let file = tmp.path().join("report.html");
    std::fs::write(&file, &html).expect("write html");
    let url = format!("file://{}", file.display());

    let ids = chart_ids(&html);
    let mut expected = vec!["chart-pass-rate", "chart-compaction", "chart-heatmap", "chart-cohort-0", "chart-cohort-1"];
    expected.extend(["turns", "tokens", "dollars", "minutes"].map(|a| match a {
        "turns" => "chart-budget-turns",
        "tokens" => "chart-budget-tokens",
        "dollars" => "chart-budget-dollars",
        _ => "chart-budget-minutes",
    }));
    for id in &expected {
        assert!(ids.iter().any(|i| i == id), "chart {id} is in the page ({ids:?})");
    }

    let (dom, log) = run_chromium(&["--dump-dom"], &url);
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(!log.contains("Uncaught"), "script error: {log}");
    assert!(dom.contains("data-sortable=\"ready\""), "the page's script ran to the end");
    for id in &ids {
        let at = dom.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("{id} missing from the rendered DOM"));
        let figure = &dom[at..];
        let end = figure.find("</figure>").expect("figure closed");
        assert!(figure[..end].contains("<svg"), "{id} has its SVG in the rendered DOM");
        assert!(figure[..end].contains("<rect") || figure[..end].contains("<polyline"), "{id} draws something");
    }
    // Every trial has a link to its artifact directory.
    assert_eq!(dom.matches("class=\"at ").count(), data.trials.len());

    let shot = tmp.path().join("report.png");
    run_chromium(&[&format!("--screenshot={}", shot.display())], &url);
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 50_000, "screenshot has content ({size} bytes)");
    if let Some(keep) = std::env::var_os("PROCTOR_KEEP_SCREENSHOT") {
        let _ = std::fs::copy(&shot, keep);
    }
}
