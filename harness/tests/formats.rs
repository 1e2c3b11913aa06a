//! Task formats other than Harbor's, run for real: Terminal-Bench 1.

mod common;

use std::sync::Arc;

use common::*;
use proctor_harness::task::{load_task, TaskFormat};
use proctor_schema::{TestOutcome, Verdict};

#[tokio::test(flavor = "multi_thread")]
async fn a_terminal_bench_1_task_runs_unchanged() {
    let task = load_task(&fixtures().join("tb1-tasks/tb1-hello")).expect("TB1 task loads");
    assert_eq!(task.format, TaskFormat::TerminalBench1);
    assert!(task.instruction.contains("/app/hello.txt"));
    let run_id = unique("tb1");
    let (_dir, outcome) = run_trials(&run_id, &[Arc::new(task)], &[builtin("oracle"), builtin("nop")], 1).await;
    let oracle = outcome.recorded.iter().find(|r| r.agent == "oracle").expect("oracle");
    let nop = outcome.recorded.iter().find(|r| r.agent == "nop").expect("nop");
    assert_eq!(oracle.verdict, Verdict::Passed, "{oracle:?}");
    assert_eq!(nop.verdict, Verdict::Failed, "{nop:?}");
    assert_eq!(oracle.tests.len(), 2, "per-test results from pytest's summary: {:?}", oracle.tests);
    assert!(oracle.tests.iter().all(|t| t.outcome == TestOutcome::Passed));
    assert!(nop.tests.iter().any(|t| t.outcome == TestOutcome::Failed));
}
