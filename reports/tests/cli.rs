//! `run_report` end to end: formats written where asked, regressions flagged as documented.

mod common;

use clap::Parser;
use proctor_reports::{run_report, ReportArgs, ReportError};

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: ReportArgs,
}

fn args(extra: &[&str]) -> ReportArgs {
    let mut argv: Vec<String> = vec!["report".into()];
    argv.extend(common::night_dirs().iter().map(|d| d.display().to_string()));
    argv.extend(extra.iter().map(|s| s.to_string()));
    Cli::try_parse_from(argv).expect("valid arguments").args
}

#[test]
fn every_format_into_a_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let a =
        args(&["--format", "term,md,csv", "--format", "json", "--format=junit,html", "--out", out.to_str().unwrap()]);
    let exit = run_report(&a).expect("report");
    assert!(!exit.regression);
    for f in ["report.txt", "report.md", "trials.csv", "configs.csv", "report.json", "junit.xml", "report.html"] {
        let meta = std::fs::metadata(out.join(f)).unwrap_or_else(|_| panic!("{f} written"));
        assert!(meta.len() > 100, "{f} is not empty");
    }
    let csv = std::fs::read_to_string(out.join("trials.csv")).unwrap();
    assert_eq!(csv.lines().count(), 101, "header + one row per trial");
    let configs = std::fs::read_to_string(out.join("configs.csv")).unwrap();
    assert_eq!(configs.lines().count(), 7, "header + one row per configuration");
}

#[test]
fn one_format_into_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sub/report.json");
    run_report(&args(&["--format", "json", "--out", out.to_str().unwrap()])).expect("report");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(doc["schema"], "proctor-report");
    assert_eq!(doc["version"], 1);
    let agents = doc["agents"].as_array().unwrap();
    assert_eq!(agents.len(), 6);
    for key in ["agent", "trials", "passed", "failed", "errors", "pass_rate"] {
        assert!(agents[0].get(key).is_some(), "agents[].{key}");
    }
    assert!(doc["runs"].as_array().is_some());
}

#[test]
fn csv_or_several_formats_need_out() {
    assert!(matches!(run_report(&args(&["--format", "csv"])), Err(ReportError::Usage(_))));
    assert!(matches!(run_report(&args(&["--format", "md,json"])), Err(ReportError::Usage(_))));
    assert!(matches!(run_report(&args(&["--alpha", "1.5"])), Err(ReportError::Usage(_))));
}

#[test]
fn lost_tasks_gate_flags_a_regression() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r.md");
    // alpha and beta each lost one task in night 3.
    let exit = run_report(&args(&["--format", "md", "--out", out.to_str().unwrap(), "--max-lost-tasks", "0"])).unwrap();
    assert!(exit.regression);
    let exit = run_report(&args(&["--format", "md", "--out", out.to_str().unwrap(), "--max-lost-tasks", "1"])).unwrap();
    assert!(!exit.regression);
}

#[test]
fn a_significant_drop_is_a_regression_only_below_alpha() {
    // beta@night-3 vs beta@night-2: 3 tasks worse, none better: sign test p = 0.25.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r.json");
    let o = out.to_str().unwrap();
    assert!(!run_report(&args(&["--format", "json", "--out", o])).unwrap().regression);
    assert!(run_report(&args(&["--format", "json", "--out", o, "--alpha", "0.3"])).unwrap().regression);
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(doc["regression"], true);
    assert_eq!(doc["regressions"][0]["kind"], "pass_rate");
    assert_eq!(doc["regressions"][0]["current"], "beta@night-3");
}

#[test]
fn baseline_run_and_baseline_agent() {
    let f = common::fixtures_dir();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r.json");
    let parse = |argv: Vec<String>| Cli::try_parse_from(argv).unwrap().args;
    let a = parse(vec![
        "report".into(),
        f.join("night-3").display().to_string(),
        "--baseline".into(),
        f.join("night-1-shard1").display().to_string(),
        "--baseline".into(),
        f.join("night-1-shard2").display().to_string(),
        "--format".into(),
        "json".into(),
        "--out".into(),
        out.display().to_string(),
    ]);
    run_report(&a).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let cmp = doc["comparisons"].as_array().unwrap();
    assert_eq!(cmp.len(), 2);
    assert_eq!(cmp[0]["current_label"], "alpha@night-3");
    assert_eq!(cmp[0]["baseline_label"], "alpha@night-1");
    assert_eq!(doc["runs"][0]["baseline"], true);

    let a = parse(vec![
        "report".into(),
        f.join("night-2").display().to_string(),
        "--baseline-agent".into(),
        "beta".into(),
        "--format".into(),
        "json".into(),
        "--out".into(),
        out.display().to_string(),
    ]);
    run_report(&a).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let cmp = doc["comparisons"].as_array().unwrap();
    assert_eq!(cmp.len(), 1);
    assert_eq!(cmp[0]["current_label"], "alpha");
    assert_eq!(cmp[0]["baseline_label"], "beta");
    assert_eq!(cmp[0]["test"], "mcnemar");
}

#[test]
fn a_run_without_trials_renders_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path().join("run");
    std::fs::create_dir_all(&run).unwrap();
    std::fs::copy(common::fixtures_dir().join("night-2/run.json"), run.join("run.json")).unwrap();
    let out = tmp.path().join("out");
    let a = Cli::try_parse_from([
        "report",
        run.to_str().unwrap(),
        "--format",
        "term,md,csv,json,junit,html",
        "--out",
        out.to_str().unwrap(),
    ])
    .unwrap()
    .args;
    let exit = run_report(&a).expect("an empty run is reported, not an error");
    assert!(!exit.regression);
    for f in ["report.txt", "report.md", "trials.csv", "configs.csv", "report.json", "junit.xml", "report.html"] {
        assert!(out.join(f).is_file(), "{f}");
    }
}

#[test]
fn a_single_agent_with_only_errors_renders() {
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path().join("run");
    std::fs::create_dir_all(&run).unwrap();
    std::fs::copy(common::fixtures_dir().join("night-2/run.json"), run.join("run.json")).unwrap();
    let lines: String = (0..3)
        .map(|t| serde_json::to_string(&common::trial("night-2", 2, "alpha", t, 0, 'I')).unwrap() + "\n")
        .collect();
    std::fs::write(run.join("trials.jsonl"), lines).unwrap();
    let out = tmp.path().join("out");
    let a = Cli::try_parse_from([
        "report",
        run.to_str().unwrap(),
        "--format",
        "md,json,junit,html",
        "--out",
        out.to_str().unwrap(),
    ])
    .unwrap()
    .args;
    run_report(&a).expect("render");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(doc["agents"][0]["errors"], 3);
    assert_eq!(doc["agents"][0]["pass_rate"], 0.0);
    assert!(doc["agents"][0]["pass_rate_excl_infra"].is_null(), "no judged trial: no rate, not 0");
}
