//! The JUnit output is well-formed XML with the documented structure: one testsuite per
//! configuration, one testcase per task, failures with the verifier's excerpt, errors as errors,
//! flaky attempts as reruns.

mod common;

use proctor_reports::render::{self, Report};
use proctor_reports::{analyze, load, Options};
use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Default, Debug)]
struct Counts {
    suites: usize,
    cases: usize,
    failures: usize,
    errors: usize,
    flaky: usize,
    reruns: usize,
    texts: Vec<String>,
}

fn count(c: &mut Counts, name: &[u8]) {
    match name {
        b"testsuite" => c.suites += 1,
        b"testcase" => c.cases += 1,
        b"failure" => c.failures += 1,
        b"error" => c.errors += 1,
        b"flakyFailure" | b"flakyError" => c.flaky += 1,
        b"rerunFailure" | b"rerunError" => c.reruns += 1,
        _ => {}
    }
}

fn parse(xml: &str) -> Counts {
    let mut reader = Reader::from_str(xml);
    let mut c = Counts::default();
    let mut depth = 0i32;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if e.name().as_ref() == b"testsuites" {
                    assert_eq!(depth, 0, "testsuites is the root");
                }
                count(&mut c, e.name().as_ref());
                depth += 1;
            }
            Ok(Event::Empty(e)) => count(&mut c, e.name().as_ref()),
            Ok(Event::Text(t)) => text.push_str(&String::from_utf8_lossy(t.as_ref())),
            Ok(Event::GeneralRef(r)) => {
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                let resolved = quick_xml::escape::unescape(&format!("&{name};")).map(|s| s.into_owned());
                text.push_str(&resolved.unwrap_or(name));
            }
            Ok(Event::End(_)) => {
                depth -= 1;
                c.texts.push(std::mem::take(&mut text));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("invalid XML at {}: {e}", reader.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "every element closed");
    c
}

#[test]
fn junit_is_valid_and_structured() {
    let data = load::load(&common::night_dirs(), &[]).unwrap();
    let analysis = analyze(&data, &Options::default()).unwrap();
    let xml = render::junit::render(&Report::new(&data, &analysis)).unwrap();
    assert!(xml.starts_with("<?xml"));
    // Well-formed: a strict pass of the whole document.
    let mut strict = Reader::from_str(&xml);
    strict.config_mut().check_end_names = true;
    let mut elements = 0;
    loop {
        match strict.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(_)) | Ok(Event::Empty(_)) => elements += 1,
            Ok(_) => {}
            Err(e) => panic!("malformed JUnit XML: {e}"),
        }
    }
    assert!(elements > 60);
    let c = parse(&xml);
    assert_eq!(c.suites, 6, "one testsuite per configuration");
    assert_eq!(c.cases, 60, "one testcase per task x configuration");
    assert!(c.failures > 0 && c.errors > 0 && c.flaky > 0 && c.reruns > 0, "{c:?}");
    assert!(xml.contains("<error"), "tasks that never passed and ended in an error are errors");
    let all = c.texts.join("\n");
    assert!(all.contains("AssertionError: expected 'abd', got 'abc'"), "verifier stdout excerpt carried");
    assert!(all.contains("test_output_matches: FAILED"), "failing tests listed when no verifier output");
}
