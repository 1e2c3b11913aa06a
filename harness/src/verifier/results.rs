//! Per-test results left by a verifier: CTRF JSON (`ctrf.json`) or JUnit XML (`junit.xml`).

use std::path::Path;

use proctor_schema::{TestOutcome, TestResult};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Ctrf {
    results: CtrfResults,
}

#[derive(Debug, Deserialize)]
struct CtrfResults {
    #[serde(default)]
    tests: Vec<CtrfTest>,
}

#[derive(Debug, Deserialize)]
struct CtrfTest {
    name: String,
    status: String,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    trace: Option<String>,
}

/// Read a CTRF report. `None` when the file is not valid CTRF.
pub fn parse_ctrf(path: &Path) -> Option<Vec<TestResult>> {
    let text = std::fs::read_to_string(path).ok()?;
    let report: Ctrf = serde_json::from_str(&text).ok()?;
    Some(
        report
            .results
            .tests
            .into_iter()
            .map(|t| TestResult {
                outcome: match t.status.as_str() {
                    "passed" => TestOutcome::Passed,
                    "failed" => TestOutcome::Failed,
                    "skipped" | "pending" => TestOutcome::Skipped,
                    _ => TestOutcome::Other,
                },
                name: t.name,
                message: t.message.or(t.trace).map(|m| excerpt(&m)),
            })
            .collect(),
    )
}

/// Read a JUnit XML report (`<testsuites>` or a bare `<testsuite>`). `None` when unparsable.
pub fn parse_junit(path: &Path) -> Option<Vec<TestResult>> {
    let text = std::fs::read_to_string(path).ok()?;
    let document = roxmltree::Document::parse(&text).ok()?;
    let results = document
        .descendants()
        .filter(|node| node.has_tag_name("testcase"))
        .map(|case| {
            let name = match (case.attribute("classname"), case.attribute("name")) {
                (Some(class), Some(name)) if !class.is_empty() => format!("{class}::{name}"),
                (_, Some(name)) => name.to_string(),
                _ => "(unnamed)".to_string(),
            };
            let child = case
                .children()
                .find(|c| c.is_element() && ["failure", "error", "skipped"].contains(&c.tag_name().name()));
            let (outcome, message) = match child {
                None => (TestOutcome::Passed, None),
                Some(node) => {
                    let outcome = if node.has_tag_name("skipped") { TestOutcome::Skipped } else { TestOutcome::Failed };
                    let message =
                        node.attribute("message").map(str::to_string).or_else(|| node.text().map(str::to_string));
                    (outcome, message.map(|m| excerpt(&m)))
                }
            };
            TestResult { name, outcome, message }
        })
        .collect();
    Some(results)
}

/// Read pytest's `-rA` short summary (`PASSED name`, `FAILED name - message`, `ERROR name`).
pub fn parse_pytest_summary(path: &Path) -> Option<Vec<TestResult>> {
    let text = std::fs::read_to_string(path).ok()?;
    let results = text
        .lines()
        .filter_map(|line| {
            let (outcome, rest) = if let Some(rest) = line.strip_prefix("PASSED ") {
                (TestOutcome::Passed, rest)
            } else if let Some(rest) = line.strip_prefix("FAILED ").or_else(|| line.strip_prefix("ERROR ")) {
                (TestOutcome::Failed, rest)
            } else if let Some(rest) = line.strip_prefix("SKIPPED ") {
                (TestOutcome::Skipped, rest)
            } else {
                return None;
            };
            let (name, message) = match rest.split_once(" - ") {
                Some((name, message)) => (name, Some(excerpt(message))),
                None => (rest, None),
            };
            Some(TestResult { name: name.trim().to_string(), outcome, message })
        })
        .collect();
    Some(results)
}

fn excerpt(text: &str) -> String {
    const MAX: usize = 2000;
    if text.len() <= MAX {
        return text.to_string();
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrf() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("ctrf.json");
        std::fs::write(&path, r#"{"results":{"tool":{"name":"x"},"tests":[{"name":"a","status":"passed"},{"name":"b","status":"failed","message":"boom"}]}}"#).expect("write");
        let tests = parse_ctrf(&path).expect("parses");
        assert_eq!(tests.len(), 2);
        assert_eq!(tests[1].outcome, TestOutcome::Failed);
        assert_eq!(tests[1].message.as_deref(), Some("boom"));
    }

    #[test]
    fn junit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("junit.xml");
        std::fs::write(
            &path,
            r#"<?xml version="1.0"?><testsuites><testsuite name="s"><testcase classname="m" name="ok"/><testcase classname="m" name="bad"><failure message="assert 1 == 2">trace</failure></testcase><testcase name="skip"><skipped/></testcase></testsuite></testsuites>"#,
        )
        .expect("write");
        let tests = parse_junit(&path).expect("parses");
        assert_eq!(
            tests.iter().map(|t| t.outcome).collect::<Vec<_>>(),
            vec![TestOutcome::Passed, TestOutcome::Failed, TestOutcome::Skipped]
        );
        assert_eq!(tests[1].name, "m::bad");
        assert_eq!(tests[1].message.as_deref(), Some("assert 1 == 2"));
    }
}
