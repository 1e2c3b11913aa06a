//! The built-in coding agent in real Docker trials, against a mock model server.
//!
//! Every test runs proctor's real runner ([`run_trials`]) or the real `proctor` binary on fixture
//! tasks, in real containers. The model is a [`MockServer`]: real HTTP on 127.0.0.1 with
//! scripted replies, called from this process (never from the container). Each agent is a
//! configuration file written by the test (`model.base_url` = the mock server) whose API key is
//! read from an environment variable the test sets to a unique fake key.
//!
//! What is covered (issue 3's test list):
//! - the agent solves `fixtures/agent/add-bug` through `exec_command` and `apply_patch` over each
//!   wire format, and the hidden tests pass (verdict, stop reason, usage, trajectory);
//! - with a small context window, compaction happens and the task still completes;
//! - a burst of 429s with `Retry-After` is survived;
//! - 401 stops the `proctor` binary early with one clear error (exit code 2);
//! - `max_turns` and `max_cost` stop the agent and the trial is still verified;
//! - oversized tool output is truncated head and tail with a marker, the full output kept beside;
//! - `workspace-write` refuses writes outside the workdir and /tmp, and the verifier still works;
//! - network `none` has no network, `bridge` has one;
//! - the API key is in no container environment, no file of the run directory, no log.
//!
//! The tests fail loudly when Docker or the base image is missing (`common::docker()`), and each
//! asserts that its run left no container behind.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bollard::query_parameters::ListContainersOptionsBuilder;
use common::*;
use proctor_agents::registry::{resolve, ResolvedAgent};
use proctor_agents::testing::{MockReply, MockServer, MockTurn, RecordedRequest, Wire};
use proctor_harness::runner::RunOutcome;
use proctor_harness::task::{load_task, Task};
use proctor_schema::{StopReason, TrialRecord, Verdict};
use serde_json::{json, Value as Json};

/// The three wire formats and the provider names that speak them.
const WIRES: [(Wire, &str); 3] =
    [(Wire::Responses, "openai"), (Wire::Chat, "openai-chat"), (Wire::Anthropic, "anthropic")];

/// The fix of `fixtures/agent/add-bug`, in the Codex patch format (paths relative to /app).
const FIX: &str = "*** Begin Patch\n*** Update File: add.sh\n@@\n # Print the sum of two numbers.\n-echo $(( $1 - $2 ))\n+echo $(( $1 + $2 ))\n*** End Patch";

/// A phrase of `add-bug`'s instruction.md.
const ADD_BUG_INSTRUCTION: &str = "should print the sum of A and B, but it prints their difference";

/// The `[sandbox]` of tests that are not about the filesystem policy: `full` keeps them independent
/// of it (the shipped default, `workspace-write`, has its own test).
const FULL_FS: &str = "[sandbox]\nfilesystem = \"full\"\n";

/// `$1000` per million input tokens: a call reporting 1000 input tokens costs $1.
const EXPENSIVE: &str = "[model.prices]\ninput = 1000.0\noutput = 0.0\n";

// ---------------------------------------------------------------------------------------------
// Helpers

/// A unique fake API key in a unique environment variable of this process. Returns
/// `(variable, key)`.
fn fake_key(tag: &str) -> (String, String) {
    let n: u64 = rand::random();
    let env = format!("PROCTOR_AGENT_DOCKER_KEY_{}_{n:016x}", tag.to_ascii_uppercase().replace('-', "_"));
    let key = format!("sk-proctor-test-{tag}-{n:016x}");
    std::env::set_var(&env, &key);
    (env, key)
}

/// A configuration of the built-in agent for `provider` at `base_url`, with `extra` TOML
/// (more keys of `[model]` first, then whole sections) appended.
fn config_text(provider: &str, base_url: &str, key_env: &str, extra: &str) -> String {
    format!(
        "description = \"agent_docker test agent\"\n\
         [model]\nprovider = \"{provider}\"\nname = \"mock-model\"\nbase_url = \"{base_url}\"\napi_key_env = \"{key_env}\"\n\
         context_window = 100000\nmax_output_tokens = 1000\nretry_budget_secs = 120\n{extra}\n"
    )
}

/// Write `dir/name.toml` and resolve it as `--agent FILE` does.
fn write_agent(dir: &Path, name: &str, text: &str) -> (PathBuf, ResolvedAgent) {
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).expect("write the agent configuration");
    let agent = resolve(path.to_str().expect("utf-8 path"), Path::new("/nonexistent")).expect("resolve the agent");
    (path, agent)
}

fn agent_fixtures() -> PathBuf {
    fixtures().join("agent")
}

/// A task of `fixtures/agent/`.
fn agent_task(name: &str) -> Arc<Task> {
    Arc::new(load_task(&agent_fixtures().join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}")))
}

/// The turns that solve `add-bug`: look, patch, check, answer.
fn solve_add_bug(wire: Wire) -> Vec<MockReply> {
    vec![
        MockTurn::new()
            .text("Let me look.")
            .call("exec_command", json!({ "cmd": "cat add.sh" }))
            .usage(1200, 30)
            .reply(wire),
        MockTurn::new().call("apply_patch", json!({ "input": FIX })).usage(1400, 60).cached(1000, 20).reply(wire),
        MockTurn::new().call("exec_command", json!({ "cmd": "bash add.sh 2 3" })).usage(1500, 20).reply(wire),
        MockTurn::new().text("Fixed: add.sh now adds.").usage(1600, 10).reply(wire),
    ]
}

/// A run of the real runner, and where its results are.
struct Trials {
    _dir: tempfile::TempDir,
    run_dir: PathBuf,
    outcome: RunOutcome,
}

impl Trials {
    /// Run every (task, agent) pair once and check that no container of the run is left.
    async fn run(tag: &str, tasks: &[Arc<Task>], agents: &[ResolvedAgent]) -> Trials {
        let run_id = unique(tag);
        let (dir, outcome) = run_trials(&run_id, tasks, agents, 0).await;
        assert!(containers_of_run(&docker().await, &run_id).await.is_empty(), "run {run_id} left containers behind");
        assert!(outcome.fatal.is_none() && !outcome.cancelled, "run {run_id}: {:?}", outcome.fatal);
        Trials { run_dir: dir.path().join(&run_id), _dir: dir, outcome }
    }

    fn record(&self, agent: &str) -> &TrialRecord {
        self.outcome
            .recorded
            .iter()
            .find(|r| r.agent == agent)
            .unwrap_or_else(|| panic!("no record for agent {agent}: {:#?}", self.outcome.recorded))
    }

    fn artifacts(&self, agent: &str) -> PathBuf {
        self.run_dir.join(&self.record(agent).artifacts)
    }

    fn trajectory(&self, agent: &str) -> String {
        std::fs::read_to_string(self.artifacts(agent).join("trajectory.jsonl")).expect("trajectory.jsonl")
    }

    fn events(&self, agent: &str) -> Vec<Json> {
        self.trajectory(agent).lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
    }

    /// The record and the trajectory, for assertion messages.
    fn explain(&self, agent: &str) -> String {
        format!("{:#?}\n--- trajectory ---\n{}", self.record(agent), self.trajectory(agent))
    }
}

fn of<'a>(events: &'a [Json], kind: &str) -> Vec<&'a Json> {
    events.iter().filter(|e| e["type"] == kind).collect()
}

/// The `tool_result` events, in order: `(output shown to the model, exit code)`.
fn tool_results(events: &[Json]) -> Vec<(String, Option<i64>)> {
    of(events, "tool_result")
        .into_iter()
        .map(|r| (r["output"].as_str().unwrap_or_default().to_string(), r["exit_code"].as_i64()))
        .collect()
}

/// Whether a request is a compaction's handoff-summary request (tools offered, none allowed).
fn is_summary_request(request: &RecordedRequest) -> bool {
    request.body["tool_choice"] == "none" || request.body["tool_choice"]["type"] == "none"
}

/// The tool outputs a Responses API request carried, in order.
fn responses_tool_outputs(request: &RecordedRequest) -> Vec<String> {
    request.body["input"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|item| item["type"] == "function_call_output")
        .map(|item| item["output"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Every file under `dir` that contains `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
        .map(|entry| entry.path().to_path_buf())
        .collect()
}

/// The `proctor` binary, run from the repository root with `env` added to its environment.
async fn proctor(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_proctor"));
    command.current_dir(repo_root()).args(args).envs(env.iter().copied()).kill_on_drop(true);
    tokio::time::timeout(Duration::from_secs(300), command.output())
        .await
        .expect("proctor finished within 5 minutes")
        .expect("proctor runs")
}

// ---------------------------------------------------------------------------------------------
// 1. Solving a task

#[tokio::test(flavor = "multi_thread")]
async fn solves_a_task_through_exec_command_and_apply_patch_over_each_wire_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut servers = Vec::new();
    let mut agents = Vec::new();
    for (wire, provider) in WIRES {
        let server = MockServer::start().await.expect("mock server");
        server.push_all(solve_add_bug(wire));
        let (env, key) = fake_key(provider);
        let text = config_text(
            provider,
            &server.base_url(),
            &env,
            &format!("[model.prices]\ninput = 1.0\noutput = 10.0\n{FULL_FS}"),
        );
        agents.push(write_agent(dir.path(), provider, &text).1);
        servers.push((wire, provider, server, key));
    }
    let trials = Trials::run("agent-solves", &[agent_task("add-bug")], &agents).await;

    for (wire, provider, server, key) in &servers {
        let why = trials.explain(provider);
        let record = trials.record(provider);
        assert_eq!(record.verdict, Verdict::Passed, "{provider}: the hidden tests pass\n{why}");
        assert_eq!(record.reward, Some(1.0));
        assert_eq!(record.stop_reason, Some(StopReason::Completed), "{why}");
        assert!(record.error.is_none(), "{why}");

        let usage = &record.usage;
        assert_eq!((usage.turns, usage.tool_calls, usage.model_calls), (4, 3, 4), "{provider}: {usage:?}");
        assert_eq!((usage.input_tokens, usage.output_tokens), (5700, 120), "{provider}: {usage:?}");
        assert_eq!(usage.cached_input_tokens, 1000, "{provider}: {usage:?}");
        if *wire != Wire::Anthropic {
            assert_eq!(usage.reasoning_tokens, 20, "{provider}: {usage:?}");
        }
        let cost = 5700.0 / 1e6 + 120.0 * 10.0 / 1e6;
        assert!((usage.cost_usd.expect("priced") - cost).abs() < 1e-9, "{provider}: {usage:?}");

        // What the model was sent: the environment context of the container, the instruction, and
        // the results of the commands and the patch that ran in the container.
        let requests = server.requests();
        assert_eq!(requests.len(), 4, "{provider}");
        let first = &requests[0].body_text;
        assert!(first.contains("<environment_context>") && first.contains("working directory: /app"), "{provider}");
        assert!(first.contains("Debian GNU/Linux 12"), "the OS was probed in the container: {provider}");
        assert!(first.contains(ADD_BUG_INSTRUCTION), "{provider}");
        assert!(requests[1].body_text.contains("Print the sum of two numbers"), "{provider}: `cat add.sh` ran in /app");
        assert!(requests[2].body_text.contains("Success. Updated the following files"), "{provider}");
        match wire {
            Wire::Anthropic => assert_eq!(requests[0].header("x-api-key"), Some(key.as_str())),
            _ => assert_eq!(requests[0].header("authorization"), Some(format!("Bearer {key}").as_str())),
        }

        // The trajectory: every request and response, every tool call and its result.
        let events = trials.events(provider);
        assert_eq!(of(&events, "model_request").len(), 4, "{why}");
        let responses = of(&events, "model_response");
        assert_eq!(responses.len(), 4, "{why}");
        assert_eq!(responses[0]["usage"]["input_tokens"], 1200);
        let calls: Vec<&str> = of(&events, "tool_call").iter().map(|c| c["name"].as_str().unwrap_or("")).collect();
        assert_eq!(calls, ["exec_command", "apply_patch", "exec_command"], "{why}");
        let results = tool_results(&events);
        assert!(results[0].0.contains("echo $(( $1 - $2 ))") && results[0].1 == Some(0), "{results:?}");
        assert!(results[2].0.ends_with("Output:\n5\n"), "the patched script adds: {results:?}");
        let finished = of(&events, "agent_finished");
        assert_eq!(finished.len(), 1);
        assert_eq!(finished[0]["stop_reason"], "completed");

        let artifacts = trials.artifacts(provider);
        let verifier = std::fs::read_to_string(artifacts.join("verifier/stdout.txt")).expect("verifier stdout");
        assert!(verifier.contains("add.sh adds"), "{verifier}");
        let changes = std::fs::read_to_string(artifacts.join("changes.txt")).expect("changes.txt");
        assert!(changes.lines().any(|l| l == "C add.sh"), "{changes}");
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Compaction

#[tokio::test(flavor = "multi_thread")]
async fn compaction_in_a_docker_trial_carries_the_summary_and_instruction_and_the_task_completes() {
    let wire = Wire::Responses;
    let server = MockServer::start().await.expect("mock server");
    server.rule(move |request| {
        is_summary_request(request).then(|| {
            MockTurn::new()
                .text("PROGRESS: SUMMARY-MARKER add.sh subtracts on line 3. NEXT: patch `-` to `+`.")
                .usage(900, 40)
                .reply(wire)
        })
    });
    // The outputs (OUTPUT-42-MARKER, OUTPUT-51-MARKER) do not appear in the commands themselves,
    // so finding them in a request means a tool output was sent.
    server.push_all([
        MockTurn::new()
            .call("exec_command", json!({ "cmd": "cat add.sh; echo OUTPUT-$((40+2))-MARKER" }))
            .usage(1500, 20)
            .reply(wire),
        // The reported total (3520) passes the trigger (0.5 x 6000): compaction before turn 3.
        MockTurn::new()
            .call("exec_command", json!({ "cmd": "echo OUTPUT-$((50+1))-MARKER" }))
            .usage(3500, 20)
            .reply(wire),
        MockTurn::new().call("apply_patch", json!({ "input": FIX })).usage(800, 20).reply(wire),
        MockTurn::new().text("Done.").usage(900, 5).reply(wire),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let (env, _) = fake_key("compact");
    let text = config_text(
        "openai",
        &server.base_url(),
        &env,
        &format!("[compaction]\nstrategy = \"summary\"\ntrigger = 0.5\n{FULL_FS}"),
    )
    .replace("context_window = 100000", "context_window = 6000");
    let (_, agent) = write_agent(dir.path(), "compact", &text);
    let trials = Trials::run("agent-compact", &[agent_task("add-bug")], &[agent]).await;

    let why = trials.explain("compact");
    let record = trials.record("compact");
    assert_eq!(record.verdict, Verdict::Passed, "{why}");
    assert_eq!(record.stop_reason, Some(StopReason::Completed), "{why}");
    assert!(record.usage.compactions >= 1, "the record counts compactions: {:?}", record.usage);

    let requests = server.requests();
    let bodies: Vec<&str> = requests.iter().map(|r| r.body_text.as_str()).collect();
    assert_eq!(requests.len(), 5, "turn 1, turn 2, summary, turn 3, turn 4: {bodies:#?}");
    assert!(is_summary_request(&requests[2]), "{bodies:#?}");
    assert!(requests[2].body_text.contains("OUTPUT-42-MARKER"), "the summary request sees the history");
    let after = &requests[3].body_text;
    assert!(after.contains(ADD_BUG_INSTRUCTION), "the instruction survives compaction: {after}");
    assert!(after.contains("SUMMARY-MARKER"), "the next request carries the summary: {after}");
    assert!(after.contains("Another language model started this task"), "{after}");
    assert!(!after.contains("OUTPUT-42-MARKER") && !after.contains("OUTPUT-51-MARKER"), "no dropped output: {after}");
    assert!(!after.contains("function_call_output"), "no tool output at all: {after}");

    let events = trials.events("compact");
    let compactions = of(&events, "compaction");
    assert_eq!(compactions.len(), 1, "{why}");
    let tokens = |key: &str| compactions[0][key].as_u64().unwrap_or(0);
    assert!(tokens("tokens_before") >= 3000 && tokens("tokens_after") < tokens("tokens_before"), "{why}");
    assert!(tokens("summary_tokens") > 0);
}

// ---------------------------------------------------------------------------------------------
// 3. Rate limits

#[tokio::test(flavor = "multi_thread")]
async fn a_burst_of_429s_with_retry_after_is_survived() {
    let wire = Wire::Chat;
    let server = MockServer::start().await.expect("mock server");
    server.push_all([MockReply::rate_limited(1), MockReply::rate_limited(1), MockReply::rate_limited(1)]);
    server.push_all(solve_add_bug(wire));
    let dir = tempfile::tempdir().expect("tempdir");
    let (env, _) = fake_key("ratelimit");
    let (_, agent) =
        write_agent(dir.path(), "ratelimited", &config_text("openai-chat", &server.base_url(), &env, FULL_FS));
    let trials = Trials::run("agent-429", &[agent_task("add-bug")], &[agent]).await;

    let why = trials.explain("ratelimited");
    let record = trials.record("ratelimited");
    assert_eq!(record.verdict, Verdict::Passed, "{why}");
    assert_eq!(record.stop_reason, Some(StopReason::Completed), "{why}");
    assert!(record.timings.agent_sec.unwrap_or(0.0) >= 3.0, "Retry-After (1 s, three times) was honoured: {why}");
    assert_eq!(server.requests().len(), 7, "three refused, then the four turns");
    assert_eq!(record.usage.model_calls, 4, "refused attempts are not model calls: {:?}", record.usage);
    let events = trials.events("ratelimited");
    let retries =
        of(&events, "note").into_iter().filter(|n| n["message"].as_str().unwrap_or("").contains("HTTP 429")).count();
    assert_eq!(retries, 3, "each retry is noted in the trajectory: {why}");
}

// ---------------------------------------------------------------------------------------------
// 4. Refused credentials

#[tokio::test(flavor = "multi_thread")]
async fn unauthorized_stops_the_proctor_binary_early_with_one_clear_error() {
    let host = docker().await;
    let server = MockServer::start().await.expect("mock server");
    let (env, key) = fake_key("unauthorized");
    // A server that echoes the key it was given: it must still reach no output and no file.
    let echoed = key.clone();
    server.rule(move |_| {
        Some(MockReply::json(
            401,
            json!({ "error": { "message": format!("Incorrect API key provided: {echoed}."), "type": "invalid_request_error", "code": "invalid_api_key" } }),
        ))
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, _) = write_agent(dir.path(), "refused", &config_text("openai", &server.base_url(), &env, ""));
    let output_dir = dir.path().join("runs");
    let run_id = unique("agent-401");
    let tasks = fixtures().join("tasks");
    let out = proctor(
        &[
            "run",
            "--plain",
            "-j",
            "1",
            "--retries",
            "0",
            "--tasks",
            tasks.to_str().expect("utf-8"),
            "--task",
            "basic",
            "--task",
            "no-reward",
            "--task",
            "slow-solve",
            "--agent",
            config.to_str().expect("utf-8"),
            "--output",
            output_dir.to_str().expect("utf-8"),
            "--run-id",
            &run_id,
        ],
        &[(env.as_str(), key.as_str())],
    )
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let all = format!("--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
    assert_eq!(out.status.code(), Some(2), "a refused key is a configuration error: {all}");
    assert!(stderr.contains("refused the credentials (HTTP 401)"), "{all}");
    assert!(stderr.contains(&server.base_url()), "the message names the endpoint: {all}");
    assert_eq!(stderr.matches("error: ").count(), 1, "one error: {all}");
    let mentions = stderr.lines().filter(|l| l.contains("refused the credentials")).count();
    assert!(mentions == 1, "the auth problem is reported once, not once per trial (found {mentions} lines): {all}");
    assert!(!all.contains(&key), "the echoed key is redacted: {all}");

    let requests = server.requests().len();
    assert!((1..=2).contains(&requests), "the run stopped at the first refusal: {requests} requests");
    let run_dir = output_dir.join(&run_id);
    let records = std::fs::read_to_string(run_dir.join("trials.jsonl")).unwrap_or_default().lines().count();
    let started = std::fs::read_dir(run_dir.join("trials")).map(|d| d.count()).unwrap_or(0);
    assert!(records < 3 && started < 3, "not every trial was attempted: {records} records, {started} started");
    assert_eq!(files_containing(&run_dir, &key), Vec::<PathBuf>::new(), "the key is in no file of the run");
    assert!(containers_of_run(&host, &run_id).await.is_empty(), "no container is left");
}

// ---------------------------------------------------------------------------------------------
// 5. Limits

#[tokio::test(flavor = "multi_thread")]
async fn max_turns_and_max_cost_stop_the_agent_and_the_trial_is_still_verified() {
    let wire = Wire::Responses;
    let dir = tempfile::tempdir().expect("tempdir");
    // Never solves the task, never stops by itself.
    let endless = MockServer::start().await.expect("mock server");
    endless
        .rule(move |_| Some(MockTurn::new().call("exec_command", json!({ "cmd": "true" })).usage(1000, 0).reply(wire)));
    let (env, _) = fake_key("turns");
    let text = config_text("openai", &endless.base_url(), &env, &format!("[limits]\nmax_turns = 2\n{FULL_FS}"));
    let (_, turns) = write_agent(dir.path(), "turns", &text);
    // Solves the task on its first turn, then goes on at $1 a call until the $1.5 limit.
    let pricey = MockServer::start().await.expect("mock server");
    pricey.push(MockTurn::new().call("exec_command", json!({ "cmd": "touch /app/solved" })).usage(1000, 0).reply(wire));
    for _ in 0..5 {
        pricey.push(MockTurn::new().call("exec_command", json!({ "cmd": "true" })).usage(1000, 0).reply(wire));
    }
    let (env, _) = fake_key("cost");
    let text =
        config_text("openai", &pricey.base_url(), &env, &format!("{EXPENSIVE}[limits]\nmax_cost_usd = 1.5\n{FULL_FS}"));
    let (_, cost) = write_agent(dir.path(), "cost", &text);
    let trials = Trials::run("agent-limits", &[fixture_task("basic")], &[turns, cost]).await;

    let why = trials.explain("turns");
    let record = trials.record("turns");
    assert_eq!(record.stop_reason, Some(StopReason::MaxTurns), "{why}");
    assert_eq!(record.verdict, Verdict::Failed, "verified, and the task is not solved: {why}");
    assert_eq!(record.reward, Some(0.0));
    assert_eq!(record.usage.turns, 2);
    assert_eq!(endless.requests().len(), 2);

    let why = trials.explain("cost");
    let record = trials.record("cost");
    assert_eq!(record.stop_reason, Some(StopReason::MaxCost), "{why}");
    assert_eq!(record.verdict, Verdict::Passed, "verified, and the work done before the limit counts: {why}");
    assert_eq!(pricey.requests().len(), 2, "the limit is checked before each call");
    assert!((record.usage.cost_usd.unwrap_or(0.0) - 2.0).abs() < 1e-9, "{:?}", record.usage);

    for agent in ["turns", "cost"] {
        let verifier = trials.artifacts(agent).join("verifier");
        assert!(verifier.join("reward.txt").is_file(), "{agent}: verifier output is kept");
        assert!(verifier.join("stdout.txt").is_file(), "{agent}: verifier output is kept");
        let finished = of(&trials.events(agent), "agent_finished").len();
        assert_eq!(finished, 1, "{agent}: the agent stopped by itself");
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Truncation

#[tokio::test(flavor = "multi_thread")]
async fn oversized_tool_output_is_truncated_for_the_model_and_kept_in_full_in_the_trajectory() {
    let wire = Wire::Responses;
    let server = MockServer::start().await.expect("mock server");
    // 200 kB, then 3 MB (past the 1 MiB the sandbox keeps of one command).
    let big = |bytes: usize, fill: char| {
        format!("echo HEAD-LINE; head -c {bytes} /dev/zero | tr '\\0' {fill}; echo; echo TAIL-LINE")
    };
    server.push_all([
        MockTurn::new()
            .call("exec_command", json!({ "cmd": format!("touch /app/solved; {}", big(200_000, 'x')) }))
            .reply(wire),
        MockTurn::new().call("exec_command", json!({ "cmd": big(3_000_000, 'y') })).reply(wire),
        MockTurn::new().text("done").reply(wire),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let (env, _) = fake_key("truncate");
    let text =
        config_text("openai", &server.base_url(), &env, &format!("[tools]\noutput_token_limit = 1000\n{FULL_FS}"));
    let (_, agent) = write_agent(dir.path(), "truncating", &text);
    let trials = Trials::run("agent-truncate", &[fixture_task("basic")], &[agent]).await;

    let why = trials.explain("truncating");
    let record = trials.record("truncating");
    assert_eq!((record.verdict, record.stop_reason), (Verdict::Passed, Some(StopReason::Completed)), "{why}");
    let events = trials.events("truncating");
    let results = of(&events, "tool_result");
    let requests = server.requests();
    assert_eq!((results.len(), requests.len()), (2, 3), "{why}");
    let framing = "HEAD-LINE\n\nTAIL-LINE\n".len();
    for (i, total) in [(0, 200_000 + framing), (1, 3_000_000 + framing)] {
        let shown = results[i]["output"].as_str().expect("output");
        // The model received exactly what the trajectory says it was shown.
        assert_eq!(responses_tool_outputs(&requests[i + 1]).last().map(String::as_str), Some(shown));
        let cut_tokens = (total - 4000).div_ceil(4);
        assert!(shown.contains(&format!("Total output: {total} bytes")), "{}", &shown[..200]);
        assert!(
            shown.contains(&format!("…{cut_tokens} tokens truncated…")),
            "the marker counts the cut: {}",
            &shown[..300]
        );
        let body = shown.split_once("Output:\n").expect("output section").1;
        assert!(body.starts_with("HEAD-LINE\n") && body.ends_with("\nTAIL-LINE\n"), "head and tail are kept");
        assert!(body.len() <= 4000 + 40, "1000 tokens (4000 bytes) and the marker: {}", body.len());

        let full = results[i]["full_output"].as_str().expect("the full output is kept beside");
        assert!(full.contains("HEAD-LINE") && full.contains("TAIL-LINE"));
        let kept = full.split_once("Output:\n").expect("output section").1;
        if total <= 1 << 20 {
            assert_eq!(kept.len(), total, "the whole output");
        } else {
            // Capped at the sandbox's 1 MiB (head and tail), with the cut counted.
            let cut = format!("\n[... {} bytes cut ...]\n", total - (1 << 20));
            assert!(kept.contains(&cut), "{}", &kept[..100]);
            assert_eq!(kept.len(), (1 << 20) + cut.len());
        }
    }
    assert!(requests[2].body_text.len() < 30_000, "the model is never sent the whole output");
}

// ---------------------------------------------------------------------------------------------
// 7. Filesystem policy

#[tokio::test(flavor = "multi_thread")]
async fn workspace_write_refuses_writes_outside_the_workdir_and_tmp_and_the_verifier_still_works() {
    let wire = Wire::Anthropic;
    let dir = tempfile::tempdir().expect("tempdir");
    let probe = || {
        MockTurn::new()
            .call("exec_command", json!({ "cmd": "id -u; touch /etc/proctor-x" }))
            .call("exec_command", json!({ "cmd": "touch /proctor-x" }))
            .call("exec_command", json!({ "cmd": "touch /app/x /app/solved && ls /app" }))
            .call("exec_command", json!({ "cmd": "touch /tmp/x && ls /tmp/x" }))
            .call("apply_patch", json!({ "input": "*** Begin Patch\n*** Add File: /etc/proctor-y\n+y\n*** End Patch" }))
            .call(
                "apply_patch",
                json!({ "input": "*** Begin Patch\n*** Add File: notes/today.txt\n+n\n*** End Patch" }),
            )
            .reply(wire)
    };
    let mut servers = Vec::new();
    let mut agents = Vec::new();
    for (name, filesystem) in [("workspace", "workspace-write"), ("full", "full")] {
        let server = MockServer::start().await.expect("mock server");
        server.push_all([probe(), MockTurn::new().text("done").reply(wire)]);
        let (env, _) = fake_key(name);
        let text =
            config_text("anthropic", &server.base_url(), &env, &format!("[sandbox]\nfilesystem = \"{filesystem}\"\n"));
        agents.push(write_agent(dir.path(), name, &text).1);
        servers.push(server);
    }
    let trials = Trials::run("agent-fs", &[fixture_task("basic")], &agents).await;

    let why = trials.explain("workspace");
    let record = trials.record("workspace");
    assert_eq!(record.verdict, Verdict::Passed, "the verifier works with a read-only root: {why}");
    let results = tool_results(&trials.events("workspace"));
    assert_eq!(results.len(), 6, "{why}");
    let (etc, root, app, tmp, patch) = (&results[0], &results[1], &results[2], &results[3], &results[4]);
    assert!(etc.0.contains("Output:\n0\n"), "commands run as root: {etc:?}");
    assert!(etc.1 != Some(0) && etc.0.contains("Read-only file system"), "even root cannot write /etc: {etc:?}");
    assert!(root.1 != Some(0) && root.0.contains("Read-only file system"), "{root:?}");
    assert_eq!(app.1, Some(0), "the workdir is writable: {app:?}");
    assert_eq!(tmp.1, Some(0), "/tmp is writable: {tmp:?}");
    assert!(patch.0.contains("outside the writable directories"), "apply_patch refuses too: {patch:?}");
    assert!(results[5].0.starts_with("Success"), "apply_patch writes in the workdir: {:?}", results[5]);
    let changes = std::fs::read_to_string(trials.artifacts("workspace").join("changes.txt")).expect("changes.txt");
    assert!(changes.lines().any(|l| l == "A notes/today.txt"), "{changes}");

    let why = trials.explain("full");
    assert_eq!(trials.record("full").verdict, Verdict::Passed, "{why}");
    let results = tool_results(&trials.events("full"));
    assert_eq!(results[0].1, Some(0), "filesystem = full may write /etc: {results:?}");
    assert!(results[4].0.contains("Success"), "{results:?}");
}

// ---------------------------------------------------------------------------------------------
// 8. Network policy

/// The gateway of Docker's default bridge network (the host, as seen from a bridge container).
async fn bridge_gateway() -> String {
    let network = docker().await.docker.inspect_network("bridge", None).await.expect("inspect the bridge network");
    let config = network.ipam.and_then(|ipam| ipam.config).and_then(|c| c.into_iter().next()).expect("bridge IPAM");
    if let Some(gateway) = config.gateway.filter(|g| !g.is_empty()) {
        return gateway;
    }
    // Older engines list only the subnet; the gateway is its first address.
    let subnet = config.subnet.expect("bridge subnet");
    let base = subnet.split('/').next().expect("address");
    let mut octets: Vec<u8> = base.split('.').map(|o| o.parse().expect("IPv4 subnet")).collect();
    octets[3] += 1;
    octets.iter().map(u8::to_string).collect::<Vec<_>>().join(".")
}

#[tokio::test(flavor = "multi_thread")]
async fn network_none_has_no_network_and_bridge_has_one() {
    let wire = Wire::Responses;
    // A TCP service on the host, reachable from a bridge container through the gateway.
    let listener = tokio::net::TcpListener::bind("0.0.0.0:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let service = tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        while let Ok((mut stream, _)) = listener.accept().await {
            let _ = stream.write_all(b"HELLO-FROM-HOST\n").await;
        }
    });
    let gateway = bridge_gateway().await;
    let probe = format!(
        "touch /app/solved; echo interfaces: $(ls /sys/class/net); \
         timeout 5 bash -c 'exec 3<>/dev/tcp/{gateway}/{port} && head -n1 <&3'; echo tcp-exit=$?"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let mut servers = Vec::new();
    let mut agents = Vec::new();
    for network in ["none", "bridge"] {
        let server = MockServer::start().await.expect("mock server");
        server.push_all([
            MockTurn::new().call("exec_command", json!({ "cmd": probe })).reply(wire),
            MockTurn::new().text("done").reply(wire),
        ]);
        let (env, _) = fake_key(network);
        let text = config_text("openai", &server.base_url(), &env, &format!("{FULL_FS}network = \"{network}\"\n"));
        agents.push(write_agent(dir.path(), &format!("net-{network}"), &text).1);
        servers.push(server);
    }
    let trials = Trials::run("agent-net", &[fixture_task("basic")], &agents).await;
    service.abort();

    for network in ["none", "bridge"] {
        let agent = format!("net-{network}");
        let why = trials.explain(&agent);
        if why.contains("docker0") {
            panic!(
                "Docker's default bridge interface docker0 is missing on this host (a dockerd started with \
                 `--bridge none` in this network namespace deletes it); restart dockerd to recreate it.\n{why}"
            );
        }
        assert_eq!(trials.record(&agent).verdict, Verdict::Passed, "{why}");
        let results = tool_results(&trials.events(&agent));
        let output = &results.first().unwrap_or_else(|| panic!("{why}")).0;
        if network == "none" {
            assert!(output.contains("interfaces: lo\n"), "only loopback: {output}");
            assert!(!output.contains("HELLO-FROM-HOST") && !output.contains("tcp-exit=0"), "{output}");
        } else {
            assert!(output.contains("eth0"), "an interface besides lo: {output}");
            assert!(
                output.contains("HELLO-FROM-HOST") && output.contains("tcp-exit=0"),
                "the host is reachable: {output}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 9. Secrets

/// Polls the containers of a run and keeps each one's `Config.Env` (from `docker inspect`).
async fn watch_container_env(run_id: String, seen: Arc<Mutex<HashMap<String, Vec<String>>>>) {
    let host = docker().await;
    let mut filters = HashMap::new();
    filters.insert("label".to_string(), vec![format!("dev.proctor.run={run_id}")]);
    loop {
        let options = ListContainersOptionsBuilder::default().all(true).filters(&filters).build();
        for container in host.docker.list_containers(Some(options)).await.unwrap_or_default() {
            let Some(id) = container.id else { continue };
            if seen.lock().expect("lock").contains_key(&id) {
                continue;
            }
            if let Ok(inspected) = host.docker.inspect_container(&id, None).await {
                let env = inspected.config.and_then(|c| c.env).unwrap_or_default();
                seen.lock().expect("lock").insert(id, env);
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_api_key_is_in_no_container_environment_no_file_and_no_log() {
    let host = docker().await;
    let wire = Wire::Responses;
    let server = MockServer::start().await.expect("mock server");
    let (env, key) = fake_key("secret");
    let mut script = solve_add_bug(wire);
    // Look at the environment of the agent's commands and of every process in the container;
    // the reply comes late enough for the watcher to inspect the container meanwhile.
    let look = MockTurn::new()
        .call("exec_command", json!({ "cmd": "env; echo; cat /proc/[0-9]*/environ | tr '\\0' '\\n'" }))
        .reply(wire)
        .with_delay(Duration::from_millis(1500));
    script.insert(0, look);
    // A final answer that echoes the key back: the trajectory must scrub it.
    *script.last_mut().expect("final turn") = MockTurn::new().text(&format!("Done. (debug: key {key})")).reply(wire);
    server.push_all(script);

    let dir = tempfile::tempdir().expect("tempdir");
    let (config, _) = write_agent(dir.path(), "secretive", &config_text("openai", &server.base_url(), &env, FULL_FS));
    let output_dir = dir.path().join("runs");
    let run_id = unique("agent-secret");
    let seen = Arc::new(Mutex::new(HashMap::new()));
    let watcher = tokio::spawn(watch_container_env(run_id.clone(), seen.clone()));
    let tasks = agent_fixtures();
    let out = proctor(
        &[
            "run",
            "--plain",
            "--tasks",
            tasks.to_str().expect("utf-8"),
            "--task",
            "add-bug",
            "--agent",
            config.to_str().expect("utf-8"),
            "--output",
            output_dir.to_str().expect("utf-8"),
            "--run-id",
            &run_id,
        ],
        &[(env.as_str(), key.as_str())],
    )
    .await;
    watcher.abort();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let all = format!("--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(stdout.contains("secretive"), "the summary lists the agent: {all}");
    let run_dir = output_dir.join(&run_id);
    let trials: Vec<TrialRecord> = std::fs::read_to_string(run_dir.join("trials.jsonl"))
        .expect("trials.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record"))
        .collect();
    assert_eq!(trials.len(), 1);
    assert_eq!(trials[0].verdict, Verdict::Passed, "{all}\n{:#?}", trials[0]);

    // The key was used: in the Authorization header of every request, and nowhere else.
    let requests = server.requests();
    assert_eq!(requests.len(), 5);
    for request in &requests {
        assert_eq!(request.header("authorization"), Some(format!("Bearer {key}").as_str()));
        assert!(!request.body_text.contains(&key), "a request body carries the key");
    }
    // The container's environment as the agent's commands see it: no key, not even its name.
    let trajectory =
        std::fs::read_to_string(run_dir.join(&trials[0].artifacts).join("trajectory.jsonl")).expect("trajectory");
    let events: Vec<Json> = trajectory.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    let environment = &tool_results(&events)[0].0;
    assert!(environment.contains("PATH=") && environment.contains("HOSTNAME="), "env ran: {environment}");
    assert!(!environment.contains(&key) && !environment.contains(&env), "{environment}");
    assert!(trajectory.contains("Done. (debug: key ***)"), "an echoed key is scrubbed from responses");
    // The container's configuration, as `docker inspect` shows it.
    let seen = seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 1, "the watcher inspected the trial's container: {seen:?}");
    for (id, container_env) in &seen {
        assert!(!container_env.iter().any(|v| v.contains(&key) || v.contains(&env)), "{id}: {container_env:?}");
    }
    // No file of the run directory (records, trajectory, logs, verifier output), no output.
    assert_eq!(files_containing(&run_dir, &key), Vec::<PathBuf>::new(), "the key is in no file of the run");
    assert!(!all.contains(&key), "the key is in no output of proctor: {all}");
    assert!(containers_of_run(&host, &run_id).await.is_empty(), "no container is left");
}
