//! The script and replay providers, installed agents, and where API keys may (not) go.

mod common;

use std::time::Duration;

use common::{fake_key, http_config, resolve_file, run_agent, write_config};
use proctor_agents::testing::{LocalSandbox, MockServer, MockTurn, Wire};
use proctor_agents::{AgentError, ExecRequest, Sandbox};
use serde_json::json;

const LONG: Duration = Duration::from_secs(120);
const FIX: &str =
    "*** Begin Patch\n*** Update File: add.sh\n@@\n-echo $(( $1 - $2 ))\n+echo $(( $1 + $2 ))\n*** End Patch";

fn buggy_task() -> LocalSandbox {
    let sandbox = LocalSandbox::new().unwrap();
    std::fs::write(sandbox.path().join("add.sh"), "#!/bin/bash\necho $(( $1 - $2 ))\n").unwrap();
    sandbox
}

async fn fixed(sandbox: &LocalSandbox) -> bool {
    sandbox
        .exec(ExecRequest::shell("test \"$(bash add.sh 2 3)\" = 5", Duration::from_secs(10)))
        .await
        .unwrap()
        .success()
}

#[tokio::test]
async fn a_script_plays_responses_in_order_and_by_rules_on_the_last_output() {
    let dir = tempfile::tempdir().unwrap();
    let script = format!(
        "summary = \"scripted summary\"\n\
         [[rules]]\nif_output_contains = \"$1 - $2\"\ncalls = [{{ name = \"apply_patch\", arguments = {{ input = {} }} }}]\n\
         [[responses]]\ntext = \"look\"\ncalls = [{{ name = \"exec_command\", arguments = {{ cmd = \"cat add.sh\" }} }}]\n\
         [[responses]]\ncalls = [{{ name = \"exec_command\", arguments = {{ cmd = \"bash add.sh 2 3\" }} }}]\n\
         [[responses]]\ntext = \"done\"\n",
        toml_string(FIX)
    );
    std::fs::write(dir.path().join("script.toml"), script).unwrap();
    let path = write_config(dir.path(), "scripted", "[model]\nprovider = \"script\"\nscript = \"script.toml\"\n");
    let agent = resolve_file(&path);
    let sandbox = buggy_task();
    let run = run_agent(&agent, &sandbox, "fix add.sh", LONG).await;
    assert_eq!(run.stop_reason(), "completed", "{}", run.trajectory);
    assert!(fixed(&sandbox).await);
    let names: Vec<&str> = run.events_of("tool_call").iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["exec_command", "apply_patch", "exec_command"]);
    assert!(run.events_of("model_response")[0]["usage"]["input_tokens"].as_u64().unwrap() > 100, "usage is estimated");

    // Every trial starts the script from the beginning.
    let again = buggy_task();
    assert_eq!(run_agent(&agent, &again, "fix add.sh", LONG).await.stop_reason(), "completed");
    assert!(fixed(&again).await);
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
}

#[tokio::test]
async fn a_replay_re_enacts_a_recorded_trial_without_the_model() {
    let server = MockServer::start().await.unwrap();
    server.push_all([
        MockTurn::new().call("exec_command", json!({ "cmd": "cat add.sh" })).reply(Wire::Responses),
        MockTurn::new().call("apply_patch", json!({ "input": FIX })).reply(Wire::Responses),
        MockTurn::new().text("done").reply(Wire::Responses),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (env, _) = fake_key("replay");
    let agent =
        resolve_file(&write_config(dir.path(), "live", &http_config("openai", &server.base_url(), &env, "", "")));
    let original = run_agent(&agent, &buggy_task(), "fix add.sh", LONG).await;
    assert_eq!(original.stop_reason(), "completed");

    std::fs::write(dir.path().join("trajectory.jsonl"), &original.trajectory).unwrap();
    let replay = resolve_file(&write_config(
        dir.path(),
        "replay",
        "[model]\nprovider = \"replay\"\nreplay = \"trajectory.jsonl\"\n",
    ));
    let sandbox = buggy_task();
    let run = run_agent(&replay, &sandbox, "fix add.sh", LONG).await;
    assert_eq!(run.stop_reason(), "completed", "{}", run.trajectory);
    assert!(fixed(&sandbox).await, "the replayed patch was applied");
    assert_eq!(server.requests().len(), 3, "the replay made no request");
    let usage = run.outcome.unwrap().usage;
    assert_eq!((usage.turns, usage.input_tokens), (3, 300), "recorded usage is replayed");
}

#[tokio::test]
async fn installed_agents_get_the_instruction_file_and_only_the_named_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (named, named_key) = fake_key("named");
    let (_unnamed, unnamed_key) = fake_key("unnamed");
    std::fs::write(
        dir.path().join("install.sh"),
        "mkdir -p /tmp/proctor && echo installed > /tmp/proctor/installed-marker\n",
    )
    .unwrap();
    let config = format!(
        "kind = \"installed\"\n[installed]\ninstall_script = \"install.sh\"\nenv = [\"{named}\"]\n\
         run = \"cp \\\"$PROCTOR_INSTRUCTION_FILE\\\" answer.txt; echo key=${named}; env > env.txt; cat /tmp/proctor/installed-marker\"\n"
    );
    let agent = resolve_file(&write_config(dir.path(), "cli", &config));
    assert!(!agent.config.to_string().contains(&named_key));
    let sandbox = LocalSandbox::new().unwrap();
    let run = run_agent(&agent, &sandbox, "the instruction text", LONG).await;
    assert_eq!(run.stop_reason(), "completed", "{:?}\n{}", run.outcome, run.logs);
    assert_eq!(std::fs::read_to_string(sandbox.path().join("answer.txt")).unwrap(), "the instruction text");
    let env = std::fs::read_to_string(sandbox.path().join("env.txt")).unwrap();
    assert!(env.contains(&named_key), "the named key reaches the command");
    assert!(!env.contains(&unnamed_key), "an unnamed key does not");
    assert!(run.logs.contains("key=***") && run.logs.contains("installed"), "{}", run.logs);
    assert!(
        !run.logs.contains(&named_key) && !run.trajectory.contains(&named_key),
        "the key is scrubbed from what is written"
    );

    let failing =
        resolve_file(&write_config(dir.path(), "bad", "kind = \"installed\"\n[installed]\nrun = \"exit 3\"\n"));
    let run = run_agent(&failing, &LocalSandbox::new().unwrap(), "x", LONG).await;
    assert!(matches!(&run.outcome, Err(AgentError::Crashed(m)) if m.contains("code Some(3)")), "{:?}", run.outcome);

    let missing = "kind = \"installed\"\n[installed]\nrun = \"true\"\nenv = [\"PROCTOR_TEST_NEVER_SET\"]\n";
    let run =
        run_agent(&resolve_file(&write_config(dir.path(), "nokey", missing)), &LocalSandbox::new().unwrap(), "x", LONG)
            .await;
    assert!(
        matches!(&run.outcome, Err(AgentError::Fatal(m)) if m.contains("PROCTOR_TEST_NEVER_SET")),
        "{:?}",
        run.outcome
    );
}

#[tokio::test]
async fn the_api_key_is_in_the_header_and_nowhere_else() {
    let server = MockServer::start().await.unwrap();
    server.push_all([
        MockTurn::new().call("exec_command", json!({ "cmd": "env; echo done" })).reply(Wire::Chat),
        MockTurn::new().text("ok").reply(Wire::Chat),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (env, key) = fake_key("where");
    let agent =
        resolve_file(&write_config(dir.path(), "agent", &http_config("openai-chat", &server.base_url(), &env, "", "")));
    assert!(agent.config.to_string().contains(&env), "the record names the variable");
    assert!(!agent.config.to_string().contains(&key) && !format!("{agent:?}").contains(&key));
    let run = run_agent(&agent, &LocalSandbox::new().unwrap(), "go", LONG).await;
    assert_eq!(run.stop_reason(), "completed");
    let requests = server.requests();
    assert_eq!(requests[0].header("authorization"), Some(format!("Bearer {key}").as_str()));
    for request in &requests {
        assert!(!request.body_text.contains(&key), "the key is never in a request body");
    }
    assert!(!run.trajectory.contains(&key));
    assert!(!run.logs.contains(&key));
    // The command's environment (what the container sees) has no key either.
    let env_output = run.events_of("tool_result")[0]["output"].as_str().unwrap().to_string();
    assert!(env_output.contains("done") && !env_output.contains(&key));
}
