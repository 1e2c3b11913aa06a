//! JUnit renderer (quick-junit): one testsuite per configuration, one testcase per task.
//!
//! A task whose attempts all passed is a success; one with mixed outcomes is a success whose
//! failing attempts are `flakyFailure`/`flakyError` reruns; one that never passed is a `failure`
//! (or an `error` when its last attempt could not be judged) with the earlier attempts as
//! `rerunFailure`/`rerunError`. Failures carry an excerpt of the verifier's output
//! (`trials/<id>/verifier/stdout.txt`, its tail), else the failing tests, else the error message.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::Duration;

use proctor_schema::Verdict;
use quick_junit::{NonSuccessKind, Report as JReport, TestCase, TestCaseStatus, TestRerun, TestSuite};

use crate::error::ReportError;
use crate::model::{Dataset, Trial};

use super::Report;

/// Bytes of the verifier's output kept (its end, where test runners print their summary).
const EXCERPT_BYTES: u64 = 4096;

/// A duration from recorded seconds; nonsense (negative, huge) becomes zero rather than a panic.
fn secs(s: f64) -> Duration {
    Duration::try_from_secs_f64(s).unwrap_or_default()
}

fn kind(t: &Trial) -> NonSuccessKind {
    if t.verdict == Verdict::Error {
        NonSuccessKind::Error
    } else {
        NonSuccessKind::Failure
    }
}

fn kind_name(t: &Trial) -> String {
    match t.error {
        Some(cat) => format!("error: {}", cat.as_str()),
        None => "failed".to_string(),
    }
}

/// One-line reason for a trial that did not pass.
fn message(t: &Trial) -> String {
    let mut m = format!("attempt {}: {}", t.attempt, t.verdict.as_str());
    if let Some(cat) = t.error {
        m.push_str(&format!(" ({})", cat.as_str()));
    }
    if let Some(r) = t.reward {
        m.push_str(&format!(", reward {r}"));
    }
    if let Some(d) = &t.detail {
        if let Some(e) = &d.error_message {
            m.push_str(&format!(": {e}"));
        } else if !d.failed_tests.is_empty() {
            let names: Vec<&str> = d.failed_tests.iter().map(|(n, _)| n.as_str()).collect();
            m.push_str(&format!(": failing tests: {}", names.join(", ")));
        }
    }
    m
}

/// The tail of the verifier's stdout, if the trial left one.
pub fn verifier_excerpt(data: &Dataset, t: &Trial) -> Option<String> {
    let dir = data.dirs.get(t.dir as usize)?;
    let path = dir.join(&*t.artifacts).join("verifier").join("stdout.txt");
    read_tail(&path, EXCERPT_BYTES)
}

fn read_tail(path: &Path, max: u64) -> Option<String> {
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let start = len.saturating_sub(max);
    f.seek(SeekFrom::Start(start)).ok()?;
    let mut buf = Vec::with_capacity((len - start) as usize);
    f.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let text = if start > 0 {
        // Drop the partial first line.
        match text.find('\n') {
            Some(i) => format!("…\n{}", &text[i + 1..]),
            None => text,
        }
    } else {
        text
    };
    Some(text)
}

/// What a failing testcase shows: the verifier output of one of its last two failing attempts
/// (the most recent that left one), else the failing tests (or the error) of its last attempt.
fn description(data: &Dataset, has_artifacts: &[bool], failing: &[&Trial]) -> String {
    let with_output = failing
        .iter()
        .rev()
        .take(2)
        .filter(|t| has_artifacts.get(t.dir as usize).copied().unwrap_or(false))
        .find_map(|t| verifier_excerpt(data, t).map(|x| (t, x)));
    if let Some((t, x)) = with_output {
        return format!("verifier output of attempt {} (end):\n{x}", t.attempt);
    }
    let Some(t) = failing.last() else { return String::new() };
    let mut out = String::new();
    if let Some(d) = &t.detail {
        for (name, msg) in &d.failed_tests {
            out.push_str(&format!("{name}: FAILED"));
            if let Some(m) = msg {
                out.push_str(&format!("\n  {m}"));
            }
            out.push('\n');
        }
        if out.is_empty() {
            if let Some(e) = &d.error_message {
                out.push_str(e);
            }
        }
    }
    out
}

fn rerun(t: &Trial) -> TestRerun {
    let mut r = TestRerun::new(kind(t));
    r.set_message(message(t)).set_type(kind_name(t)).set_time(secs(t.wall_sec));
    r
}

/// Render the JUnit XML document.
pub fn render(r: &Report) -> Result<String, ReportError> {
    let d = r.data;
    let mut report = JReport::new("proctor");
    // Run directories that kept trial artifacts at all (no file look-ups in the others).
    let has_artifacts: Vec<bool> = d.dirs.iter().map(|dir| dir.join(proctor_schema::TRIALS_DIR).is_dir()).collect();
    for (c, stats) in r.analysis.configs.iter().enumerate() {
        let mut suite = TestSuite::new(stats.label.as_str());
        suite.add_property(("run_id", stats.run_id.as_str()));
        suite.add_property(("agent", stats.agent.as_str()));
        suite.add_property(("agent_digest", stats.agent_digest.as_str()));
        if let Some(p) = stats.pass_rate.value {
            suite.add_property(("pass_rate", format!("{p:.4}").as_str()));
        }
        let mut total = 0.0;
        for cell in r.analysis.matrix.config_cells(c) {
            let trials = &d.trials[cell.trials()];
            let time: f64 = trials.iter().map(|t| t.wall_sec.max(0.0)).sum();
            total += time;
            let failing: Vec<&Trial> = trials.iter().filter(|t| !t.passed()).collect();
            let status = if failing.is_empty() {
                TestCaseStatus::success()
            } else if cell.passed > 0 {
                TestCaseStatus::Success { flaky_runs: failing.iter().map(|t| rerun(t)).collect() }
            } else {
                let Some((last, earlier)) = failing.split_last() else { continue };
                let mut s = TestCaseStatus::non_success(kind(last));
                s.set_message(message(last)).set_type(kind_name(last)).set_description(description(
                    d,
                    &has_artifacts,
                    &failing,
                ));
                s.add_reruns(earlier.iter().map(|t| rerun(t)));
                s
            };
            let mut case = TestCase::new(d.tasks[cell.task as usize].as_str(), status);
            case.set_classname(stats.label.as_str()).set_time(secs(time));
            suite.add_test_case(case);
        }
        suite.set_time(secs(total));
        report.add_test_suite(suite);
    }
    report.to_string().map_err(|e| ReportError::Render { format: "junit", message: e.to_string() })
}
