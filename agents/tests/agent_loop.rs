//! The coding agent end to end over real HTTP (mock model server) and real processes (local
//! sandbox): solving a task, compaction, retries, fatal auth errors, limits, truncation, secrets.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{fake_key, http_config, resolve_file, run_agent, write_config};
use proctor_agents::testing::{LocalSandbox, MockReply, MockServer, MockTurn, Wire};
use proctor_agents::{AgentError, ExecRequest, Sandbox};
use serde_json::json;

const LONG: Duration = Duration::from_secs(120);

/// A small task: `add.sh` prints the difference instead of the sum.
async fn buggy_task() -> LocalSandbox {
    let sandbox = LocalSandbox::new().unwrap();
    std::fs::write(
        sandbox.path().join("add.sh"),
        "#!/bin/bash\n# Print the sum of two numbers.\necho $(( $1 - $2 ))\n",
    )
    .unwrap();
    sandbox
}

/// The hidden test of [`buggy_task`].
async fn hidden_test_passes(sandbox: &LocalSandbox) -> bool {
    let out =
        sandbox.exec(ExecRequest::shell("test \"$(bash add.sh 2 3)\" = 5", Duration::from_secs(10))).await.unwrap();
    out.success()
}

const FIX: &str = "*** Begin Patch\n*** Update File: add.sh\n@@\n # Print the sum of two numbers.\n-echo $(( $1 - $2 ))\n+echo $(( $1 + $2 ))\n*** End Patch";

fn is_summary_request(body: &serde_json::Value) -> bool {
    body["tool_choice"] == "none" || body["tool_choice"]["type"] == "none"
}

#[tokio::test]
async fn solves_a_task_with_exec_command_and_apply_patch_over_each_wire_format() {
    for (wire, provider) in [(Wire::Responses, "openai"), (Wire::Chat, "openai-chat"), (Wire::Anthropic, "anthropic")] {
        let server = MockServer::start().await.unwrap();
        server.push_all([
            MockTurn::new().text("Let me look.").call("exec_command", json!({ "cmd": "cat add.sh" })).reply(wire),
            MockTurn::new()
                .call("update_plan", json!({ "plan": [{ "step": "fix add.sh", "status": "in_progress" }] }))
                .reply(wire),
            MockTurn::new().call("apply_patch", json!({ "input": FIX })).reply(wire),
            MockTurn::new().call("exec_command", json!({ "cmd": "bash add.sh 2 3" })).cached(40, 5).reply(wire),
            MockTurn::new().text("Fixed: add.sh now adds.").reply(wire),
        ]);
        let dir = tempfile::tempdir().unwrap();
        let (env, key) = fake_key("solve");
        let path = write_config(dir.path(), "agent", &http_config(provider, &server.base_url(), &env, "", ""));
        let agent = resolve_file(&path);
        let sandbox = buggy_task().await;
        let run = run_agent(&agent, &sandbox, "Fix add.sh so that it prints the sum.", LONG).await;
        assert_eq!(run.stop_reason(), "completed", "{provider}: {}", run.trajectory);
        assert!(hidden_test_passes(&sandbox).await, "{provider}: the hidden test fails");

        let requests = server.requests();
        assert_eq!(requests.len(), 5);
        match wire {
            Wire::Anthropic => {
                assert_eq!(requests[0].path, "/v1/messages");
                assert_eq!(requests[0].header("x-api-key"), Some(key.as_str()));
                assert_eq!(requests[0].header("anthropic-version"), Some("2023-06-01"));
            }
            Wire::Chat => assert_eq!(requests[0].path, "/v1/chat/completions"),
            Wire::Responses => assert_eq!(requests[0].path, "/v1/responses"),
        }
        if wire != Wire::Anthropic {
            assert_eq!(requests[0].header("authorization"), Some(format!("Bearer {key}").as_str()));
        }
        // The model saw the command output and the patch result.
        assert!(requests[1].body_text.contains("Print the sum"), "{provider}");
        assert!(requests[3].body_text.contains("Success. Updated the following files"), "{provider}");
        assert!(requests[4].body_text.contains("Exit code: 0"), "{provider}");
        // The system prompt carries the environment context; the instruction is sent.
        assert!(
            requests[0].body_text.contains("<environment_context>")
                && requests[0].body_text.contains(sandbox.path().to_str().unwrap())
        );
        assert!(requests[0].body_text.contains("Fix add.sh so that it prints the sum."));

        let usage = run.outcome.as_ref().unwrap().usage.clone();
        assert_eq!((usage.turns, usage.tool_calls, usage.model_calls), (5, 4, 5));
        assert_eq!(usage.input_tokens, 500);
        assert_eq!(usage.output_tokens, 50);
        assert_eq!(usage.cached_input_tokens, 40, "{provider}");
        if wire != Wire::Anthropic {
            assert_eq!(usage.reasoning_tokens, 5, "{provider}");
        }
        assert_eq!(run.events_of("model_request").len(), 5);
        assert_eq!(run.events_of("model_response").len(), 5);
        assert_eq!(run.events_of("tool_result").len(), 4);
        assert_eq!(run.events_of("agent_finished").len(), 1);
        assert!(!run.trajectory.contains(&key), "{provider}: the key leaked into the trajectory");
    }
}

#[tokio::test]
async fn compaction_replaces_tool_outputs_with_a_summary_and_the_task_completes() {
    let server = MockServer::start().await.unwrap();
    let summary_requests = Arc::new(AtomicUsize::new(0));
    let seen = summary_requests.clone();
    server.rule(move |req| {
        if !is_summary_request(&req.body) {
            return None;
        }
        // The first summary request overflows: the agent must drop the oldest items and retry.
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            return Some(MockReply::context_length(Wire::Responses));
        }
        Some(
            MockTurn::new()
                .text("PROGRESS: read add.sh, the bug is `-` on line 3. NEXT: patch it.")
                .usage(900, 40)
                .reply(Wire::Responses),
        )
    });
    server.push_all([
        MockTurn::new()
            .call("exec_command", json!({ "cmd": "cat add.sh; echo OUTPUT-MARKER-1" }))
            .usage(1500, 20)
            .reply(Wire::Responses),
        MockTurn::new()
            .call("exec_command", json!({ "cmd": "echo OUTPUT-MARKER-2" }))
            .usage(3500, 20)
            .reply(Wire::Responses),
        MockTurn::new().call("apply_patch", json!({ "input": FIX })).usage(800, 20).reply(Wire::Responses),
        MockTurn::new().text("Done.").usage(900, 5).reply(Wire::Responses),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("compact");
    let text =
        http_config("openai", &server.base_url(), &env, "", "[compaction]\nstrategy = \"summary\"\ntrigger = 0.5\n");
    let text = text.replace("context_window = 100000", "context_window = 6000");
    let agent = resolve_file(&write_config(dir.path(), "agent", &text));
    let sandbox = buggy_task().await;
    let instruction = "Fix add.sh so that it prints the sum. INSTRUCTION-MARKER";
    let run = run_agent(&agent, &sandbox, instruction, LONG).await;
    assert_eq!(run.stop_reason(), "completed", "{}", run.trajectory);
    assert!(hidden_test_passes(&sandbox).await);

    let requests = server.requests();
    // turn 1, turn 2, summary (overflow), summary, turn 3, turn 4
    assert_eq!(requests.len(), 6, "{:#?}", requests.iter().map(|r| &r.body_text).collect::<Vec<_>>());
    assert!(is_summary_request(&requests[2].body) && is_summary_request(&requests[3].body));
    assert!(requests[2].body_text.contains("OUTPUT-MARKER-1"), "the first summary request sees the whole history");
    assert!(!requests[3].body_text.contains("OUTPUT-MARKER-1"), "the retry dropped the oldest items");
    assert!(requests[3].body_text.contains("OUTPUT-MARKER-2"));
    let after = &requests[4].body_text;
    assert!(after.contains("INSTRUCTION-MARKER"), "the instruction survives compaction");
    assert!(after.contains("PROGRESS: read add.sh"), "the summary is carried");
    assert!(after.contains("Another language model started this task"));
    assert!(!after.contains("OUTPUT-MARKER"), "no dropped tool output is sent again");
    assert!(!after.contains("function_call_output"));

    let compactions = run.events_of("compaction");
    assert_eq!(compactions.len(), 1);
    assert_eq!(compactions[0]["turn"], 3);
    let before = compactions[0]["tokens_before"].as_u64().unwrap();
    assert!((3520..3600).contains(&before), "the last reported total plus the new tool output: {before}");
    assert!(compactions[0]["tokens_after"].as_u64().unwrap() < 3000);
    assert!(compactions[0]["summary_tokens"].as_u64().unwrap() > 10);
    let usage = run.outcome.unwrap().usage;
    assert_eq!(usage.compactions, 1);
    assert_eq!(usage.model_calls, 5, "the overflowing summary request got no answer");
}

#[tokio::test]
async fn a_context_length_error_compacts_and_retries_once() {
    let server = MockServer::start().await.unwrap();
    server.rule(|req| is_summary_request(&req.body).then(|| MockTurn::new().text("summary").reply(Wire::Chat)));
    server.push_all([
        MockTurn::new().call("exec_command", json!({ "cmd": "echo hi" })).reply(Wire::Chat),
        MockReply::context_length(Wire::Chat),
        MockTurn::new().text("done").reply(Wire::Chat),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("ctx");
    let agent =
        resolve_file(&write_config(dir.path(), "agent", &http_config("openai-chat", &server.base_url(), &env, "", "")));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "say hi", LONG).await;
    assert_eq!(run.stop_reason(), "completed", "{}", run.trajectory);
    assert_eq!(server.requests().len(), 4);
    assert_eq!(run.events_of("compaction").len(), 1);

    // Without compaction the same error ends the trial.
    let server = MockServer::start().await.unwrap();
    server.push_all([
        MockTurn::new().call("exec_command", json!({ "cmd": "echo hi" })).reply(Wire::Chat),
        MockReply::context_length(Wire::Chat),
    ]);
    let text = http_config("openai-chat", &server.base_url(), &env, "", "[compaction]\nstrategy = \"none\"\n");
    let agent = resolve_file(&write_config(dir.path(), "off", &text));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "say hi", LONG).await;
    assert_eq!(run.stop_reason(), "context_exhausted");
}

#[tokio::test]
async fn truncate_compaction_drops_the_oldest_tool_outputs() {
    let server = MockServer::start().await.unwrap();
    server.push_all([
        MockTurn::new()
            .call("exec_command", json!({ "cmd": "printf 'OLD-%.0s' $(seq 1 300)" }))
            .usage(1000, 10)
            .reply(Wire::Anthropic),
        MockTurn::new()
            .call("exec_command", json!({ "cmd": "echo NEW-OUTPUT" }))
            .usage(3500, 10)
            .reply(Wire::Anthropic),
        MockTurn::new().text("done").reply(Wire::Anthropic),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("trunc");
    let text = http_config(
        "anthropic",
        &server.base_url(),
        &env,
        "",
        "[compaction]\nstrategy = \"truncate\"\ntrigger = 3000\n",
    )
    .replace("context_window = 100000", "context_window = 5000");
    let agent = resolve_file(&write_config(dir.path(), "agent", &text));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert_eq!(run.stop_reason(), "completed", "{}", run.trajectory);
    let last = &server.requests()[2].body_text;
    assert!(!last.contains("OLD-OLD"), "the oldest output was dropped");
    assert!(last.contains("output dropped to free the context window"));
    assert!(last.contains("NEW-OUTPUT"), "the newest output is kept");
    assert_eq!(run.outcome.unwrap().usage.compactions, 1);
}

#[tokio::test]
async fn a_burst_of_429s_with_retry_after_is_survived_and_5xx_and_drops_are_retried() {
    let server = MockServer::start().await.unwrap();
    server.push_all([
        MockReply::rate_limited(1),
        MockReply::rate_limited(1),
        MockReply::rate_limited(1),
        MockReply::server_error(),
        MockReply::dropped(),
        MockTurn::new().text("done").reply(Wire::Responses),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("burst");
    let agent =
        resolve_file(&write_config(dir.path(), "agent", &http_config("openai", &server.base_url(), &env, "", "")));
    let started = Instant::now();
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert_eq!(run.stop_reason(), "completed", "{}", run.trajectory);
    assert!(started.elapsed() >= Duration::from_secs(3), "Retry-After was honoured");
    assert_eq!(server.requests().len(), 6);
    let notes: Vec<String> = run.events_of("note").iter().map(|n| n["message"].as_str().unwrap().to_string()).collect();
    assert_eq!(notes.iter().filter(|n| n.contains("HTTP 429")).count(), 3, "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("HTTP 500")));
    assert!(notes.iter().any(|n| n.contains("transport error") || n.contains("reading the body")), "{notes:?}");
    assert_eq!(run.outcome.unwrap().usage.model_calls, 1);
}

#[tokio::test]
async fn an_exhausted_retry_budget_ends_the_trial_with_model_error() {
    let server = MockServer::start().await.unwrap();
    server.rule(|_| Some(MockReply::rate_limited(2)));
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("budget");
    let text = http_config("openai", &server.base_url(), &env, "", "")
        .replace("retry_budget_secs = 60", "retry_budget_secs = 3");
    let agent = resolve_file(&write_config(dir.path(), "agent", &text));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert_eq!(run.stop_reason(), "model_error");
    assert!(run.trajectory.contains("retry budget exhausted"));
}

#[tokio::test]
async fn unauthorized_is_fatal_with_one_clear_message_and_no_retry() {
    let server = MockServer::start().await.unwrap();
    let (env, key) = fake_key("auth");
    // A server that echoes the key it was given: it must still not reach any file or error.
    let echoed = key.clone();
    server.rule(move |_| {
        Some(MockReply::json(401, json!({ "error": { "message": format!("Incorrect API key provided: {echoed}"), "code": "invalid_api_key" } })))
    });
    let dir = tempfile::tempdir().unwrap();
    let agent =
        resolve_file(&write_config(dir.path(), "agent", &http_config("openai", &server.base_url(), &env, "", "")));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    let Err(AgentError::Fatal(message)) = &run.outcome else { panic!("expected Fatal, got {:?}", run.outcome) };
    assert!(message.contains("refused the credentials") && message.contains("401"), "{message}");
    assert!(!message.contains(&key), "{message}");
    assert_eq!(server.requests().len(), 1, "no retry on 401");
    assert!(!run.trajectory.contains(&key));

    // A missing key is fatal too, before any request.
    let text = http_config("openai", &server.base_url(), "PROCTOR_TEST_UNSET_VARIABLE", "", "");
    let agent = resolve_file(&write_config(dir.path(), "nokey", &text));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert!(
        matches!(&run.outcome, Err(AgentError::Fatal(m)) if m.contains("PROCTOR_TEST_UNSET_VARIABLE")),
        "{:?}",
        run.outcome
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn max_turns_and_max_cost_stop_with_their_reasons() {
    let server = MockServer::start().await.unwrap();
    server.rule(|_| {
        Some(MockTurn::new().call("exec_command", json!({ "cmd": "true" })).usage(1000, 0).reply(Wire::Responses))
    });
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("limits");
    let agent = resolve_file(&write_config(
        dir.path(),
        "turns",
        &http_config("openai", &server.base_url(), &env, "", "[limits]\nmax_turns = 3\n"),
    ));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert_eq!(run.stop_reason(), "max_turns");
    assert_eq!(run.outcome.unwrap().usage.turns, 3);
    assert_eq!(server.requests().len(), 3);

    // $1000 per million input tokens: $1 per call; the limit is hit after the third call.
    let text = http_config(
        "openai",
        &server.base_url(),
        &env,
        "[model.prices]\ninput = 1000.0\noutput = 0.0\n",
        "[limits]\nmax_cost_usd = 2.5\n",
    );
    let agent = resolve_file(&write_config(dir.path(), "cost", &text));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert_eq!(run.stop_reason(), "max_cost");
    let usage = run.outcome.as_ref().unwrap().usage.clone();
    assert_eq!(usage.model_calls, 3);
    assert!((usage.cost_usd.unwrap() - 3.0).abs() < 1e-9);
    let per_call = run.events_of("model_response")[0]["usage"]["cost_usd"].as_f64().unwrap();
    assert!((per_call - 1.0).abs() < 1e-9);

    let text = http_config("openai", &server.base_url(), &env, "", "[limits]\nmax_total_tokens = 2000\n");
    let agent = resolve_file(&write_config(dir.path(), "tokens", &text));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert_eq!(run.stop_reason(), "max_tokens");
}

#[tokio::test]
async fn the_wall_time_limit_stops_a_slow_model_and_keeps_usage() {
    let server = MockServer::start().await.unwrap();
    server.push(MockTurn::new().call("exec_command", json!({ "cmd": "true" })).usage(123, 4).reply(Wire::Responses));
    server.rule(|req| {
        (req.body["input"].as_array().map_or(0, Vec::len) > 1)
            .then(|| MockTurn::new().text("late").reply(Wire::Responses).with_delay(Duration::from_secs(30)))
    });
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("wall");
    let agent =
        resolve_file(&write_config(dir.path(), "agent", &http_config("openai", &server.base_url(), &env, "", "")));
    let started = Instant::now();
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", Duration::from_secs(2)).await;
    assert_eq!(run.stop_reason(), "timeout");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(run.outcome.unwrap().usage.input_tokens, 123);
}

#[tokio::test]
async fn oversized_tool_output_is_truncated_head_and_tail_with_a_marker() {
    let server = MockServer::start().await.unwrap();
    let cmd = "echo HEAD-LINE; head -c 200000 /dev/zero | tr '\\0' x; echo; echo TAIL-LINE";
    server.push_all([
        MockTurn::new().call("exec_command", json!({ "cmd": cmd })).reply(Wire::Responses),
        MockTurn::new().call("exec_command", json!({ "cmd": cmd, "max_output_tokens": 100 })).reply(Wire::Responses),
        MockTurn::new().text("done").reply(Wire::Responses),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("trunc");
    let text = http_config("openai", &server.base_url(), &env, "", "[tools]\noutput_token_limit = 1000\n");
    let agent = resolve_file(&write_config(dir.path(), "agent", &text));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert_eq!(run.stop_reason(), "completed");
    let results = run.events_of("tool_result");
    let shown = results[0]["output"].as_str().unwrap();
    assert!(shown.contains("HEAD-LINE") && shown.contains("TAIL-LINE"), "head and tail are kept");
    let total = 200_000 + "HEAD-LINE\n\nTAIL-LINE\n".len();
    let cut = total - 4000;
    assert!(shown.contains(&format!("…{} tokens truncated…", cut.div_ceil(4))), "{}", &shown[..300]);
    let body = shown.split_once("Output:\n").unwrap().1;
    assert!(body.len() <= 4000 + 40, "{}", body.len());
    assert!(results[0]["full_output"].as_str().unwrap().len() > 200_000, "the full output is kept beside");
    let shown_small = results[1]["output"].as_str().unwrap().split_once("Output:\n").unwrap().1.len();
    assert!(shown_small <= 400 + 40, "max_output_tokens lowers the limit: {shown_small}");
    // The model is sent the truncated text.
    let second = &server.requests()[1].body_text;
    assert!(second.contains("tokens truncated") && second.len() < 20_000);
}

#[tokio::test]
async fn per_provider_concurrency_cap_is_shared_by_trials() {
    let server = MockServer::start().await.unwrap();
    server.rule(|_| Some(MockTurn::new().text("done").reply(Wire::Responses).with_delay(Duration::from_millis(400))));
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("cap");
    let text = http_config("openai", &server.base_url(), &env, "max_concurrency = 1\n", "");
    let agent = resolve_file(&write_config(dir.path(), "agent", &text));
    let sandboxes = [LocalSandbox::new().unwrap(), LocalSandbox::new().unwrap(), LocalSandbox::new().unwrap()];
    let started = Instant::now();
    let runs = futures_join(&agent, &sandboxes).await;
    assert!(runs.iter().all(|r| r == "completed"), "{runs:?}");
    assert!(
        started.elapsed() >= Duration::from_millis(1200),
        "three 400 ms requests ran one at a time: {:?}",
        started.elapsed()
    );
}

async fn futures_join(agent: &proctor_agents::registry::ResolvedAgent, sandboxes: &[LocalSandbox; 3]) -> Vec<String> {
    let (a, b, c) = tokio::join!(
        run_agent(agent, &sandboxes[0], "go", LONG),
        run_agent(agent, &sandboxes[1], "go", LONG),
        run_agent(agent, &sandboxes[2], "go", LONG)
    );
    vec![a.stop_reason(), b.stop_reason(), c.stop_reason()]
}

#[tokio::test]
async fn model_mistakes_are_reported_to_the_model_not_fatal() {
    let server = MockServer::start().await.unwrap();
    server.push_all([
        MockTurn::new().call("no_such_tool", json!({})).reply(Wire::Responses),
        MockTurn::new().call("exec_command", json!({ "command": "ls" })).reply(Wire::Responses),
        MockTurn::new().call("apply_patch", json!({ "input": "not a patch" })).reply(Wire::Responses),
        MockTurn::new().call("exec_command", json!({ "cmd": "sleep 5", "timeout_ms": 200 })).reply(Wire::Responses),
        MockTurn::new().text("done").reply(Wire::Responses),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("mistakes");
    let agent =
        resolve_file(&write_config(dir.path(), "agent", &http_config("openai", &server.base_url(), &env, "", "")));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert_eq!(run.stop_reason(), "completed");
    let outputs: Vec<String> =
        run.events_of("tool_result").iter().map(|r| r["output"].as_str().unwrap().to_string()).collect();
    assert!(outputs[0].contains("unknown tool `no_such_tool`"));
    assert!(outputs[1].contains("invalid arguments for exec_command"));
    assert!(outputs[2].contains("invalid patch, line 1"));
    assert!(outputs[3].contains("timed out"), "{}", outputs[3]);
}
