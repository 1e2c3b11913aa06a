//! Tamper probes against deliberately weak verifiers: each probe must fool the fixture built to
//! be vulnerable to it (proving the probe works), while the oracle still passes and nop fails.
//! That no probe fools the corpus's verifiers is checked by `corpus.rs`.

mod common;

use std::sync::Arc;

use common::*;
use proctor_harness::check::{check_agents, evaluate, Probe};
use proctor_harness::task::load_task;

#[tokio::test(flavor = "multi_thread")]
async fn every_probe_fools_its_weak_verifier() {
    let mut failures = Vec::new();
    for probe in Probe::ALL {
        let fixture = format!("weak-{}", probe.name().trim_start_matches("probe-"));
        let task = Arc::new(load_task(&fixtures().join("weak-tasks").join(&fixture)).expect("fixture loads"));
        let run_id = unique(&fixture);
        let (_dir, outcome) = run_trials(&run_id, &[task], &check_agents(&[probe]), 1).await;
        let checks = evaluate(std::slice::from_ref(&fixture), &outcome.recorded, &[probe]);
        let check = &checks[0];
        if check.oracle != Some(proctor_schema::Verdict::Passed) || check.nop != Some(proctor_schema::Verdict::Failed) {
            failures.push(format!("{fixture}: the fixture itself is broken: {:?}", check.problems));
        }
        if check.fooled_by != vec![probe.name().to_string()] {
            failures.push(format!("{fixture}: {} did not fool it ({:?})", probe.name(), check.problems));
        }
        assert!(containers_of_run(&docker().await, &run_id).await.is_empty());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scaffolded_task_is_valid_and_resists_every_probe() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = proctor_harness::task::scaffold(root.path(), "scaffolded").expect("scaffold");
    let task = Arc::new(load_task(&dir).expect("loads"));
    let run_id = unique("scaffolded");
    let (_dir, outcome) = run_trials(&run_id, &[task], &check_agents(&Probe::ALL), 1).await;
    let checks = evaluate(&["scaffolded".to_string()], &outcome.recorded, &Probe::ALL);
    assert!(checks[0].is_valid(), "{:?}", checks[0]);
    assert_eq!(checks[0].resisted, Probe::ALL.len());
}
