//! insta snapshots of the term (no colour), md, csv, json and junit output on the fixture runs.
//! Paths are redacted to `[fixtures]`, JUnit durations and the generator version to placeholders.
//! The fixtures are loaded by a path relative to the package root (the working directory of
//! `cargo test`), so text wrapped around a path does not depend on where the repository is cloned.

mod common;

use proctor_reports::render::{self, Report, TermOptions};
use proctor_reports::{analyze, load, Options};

/// The fixtures directory relative to the package root.
const FIXTURES: &str = "tests/fixtures";

fn fixtures_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(FIXTURES)
}

fn night_dirs() -> Vec<std::path::PathBuf> {
    common::night_dirs().iter().map(|d| fixtures_dir().join(d.file_name().expect("fixture directory name"))).collect()
}

fn redact(text: &str) -> String {
    let mut out = text.replace(FIXTURES, "[fixtures]");
    // JUnit durations: time="12.345"
    let mut redacted = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find(" time=\"") {
        let (head, tail) = rest.split_at(at + 7);
        redacted.push_str(head);
        let end = tail.find('"').unwrap_or(0);
        redacted.push_str("[duration]");
        rest = &tail[end..];
    }
    redacted.push_str(rest);
    out = redacted;
    out.replace(&format!("proctor-reports {}", env!("CARGO_PKG_VERSION")), "proctor-reports [version]")
}

fn with_report(dirs: &[std::path::PathBuf], f: impl FnOnce(&Report)) {
    let data = load::load(dirs, &[]).expect("load fixtures");
    let analysis = analyze(&data, &Options::default()).expect("analyze");
    f(&Report::new(&data, &analysis));
}

#[test]
fn nights_term() {
    with_report(&night_dirs(), |r| {
        insta::assert_snapshot!(
            "nights_term",
            redact(&render::term::render(r, &TermOptions { color: false, width: 140 }))
        );
    });
}

#[test]
fn narrow_term_drops_optional_columns() {
    with_report(&night_dirs(), |r| {
        let text = render::term::render(r, &TermOptions { color: false, width: 80 });
        insta::assert_snapshot!("nights_term_80", redact(&text));
    });
}

#[test]
fn nights_md() {
    with_report(&night_dirs(), |r| insta::assert_snapshot!("nights_md", redact(&render::md::render(r))));
}

#[test]
fn nights_csv() {
    with_report(&night_dirs(), |r| {
        let (trials, configs) = render::csv::render(r).expect("csv");
        insta::assert_snapshot!("nights_trials_csv", redact(&String::from_utf8(trials).unwrap()));
        insta::assert_snapshot!("nights_configs_csv", redact(&String::from_utf8(configs).unwrap()));
    });
}

#[test]
fn nights_json() {
    with_report(&night_dirs(), |r| {
        insta::assert_snapshot!("nights_json", redact(&render::json::render(r).expect("json")));
    });
}

#[test]
fn nights_junit() {
    with_report(&night_dirs(), |r| {
        insta::assert_snapshot!("nights_junit", redact(&render::junit::render(r).expect("junit")));
    });
}

#[test]
fn single_run_compares_agents_with_mcnemar() {
    with_report(&[fixtures_dir().join("night-2")], |r| {
        insta::assert_snapshot!(
            "night2_term",
            redact(&render::term::render(r, &TermOptions { color: false, width: 140 }))
        );
    });
}
