//! Deterministic fixture runs for the report tests.
//!
//! Three nights of two agents ("alpha", "beta") on ten tasks:
//! - `night-1` (k=1) split into two shard directories, the second repeating one trial of the first;
//! - `night-2` (k=1);
//! - `night-3` (k=3), whose `trials.jsonl` ends in a torn line, and one of whose failing trials
//!   left a verifier stdout.
//!
//! Outcome codes: P passed (agent completed), F failed (max turns), S silent failure (agent
//! completed, tests failed), I infra error (after two retries), A agent error, V verifier error.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use proctor_schema::{content_digest, trial_id, RUN_MANIFEST_FILE, SCHEMA_VERSION, TRIALS_FILE};
use serde_json::{json, Value};

pub const TASKS: usize = 10;

/// (run id, day, attempts, [(agent, per-task codes, one string of k letters per task)]).
type Night = (&'static str, u32, u32, [(&'static str, [&'static str; TASKS]); 2]);

pub const NIGHTS: [Night; 3] = [
    (
        "night-1",
        1,
        1,
        [
            ("alpha", ["P", "P", "P", "P", "P", "S", "F", "P", "F", "I"]),
            ("beta", ["P", "F", "P", "S", "F", "F", "F", "P", "F", "F"]),
        ],
    ),
    (
        "night-2",
        2,
        1,
        [
            ("alpha", ["P", "P", "S", "P", "P", "P", "F", "P", "P", "F"]),
            ("beta", ["P", "P", "P", "F", "P", "F", "F", "P", "F", "S"]),
        ],
    ),
    (
        "night-3",
        3,
        3,
        [
            ("alpha", ["PPP", "PPF", "PSP", "PPP", "FSF", "PPP", "PFP", "PPP", "PPI", "FFA"]),
            ("beta", ["PPP", "FFF", "PPS", "FSF", "PPP", "FFF", "FFF", "PPF", "FFF", "SVF"]),
        ],
    ),
];

pub fn task_id(t: usize) -> String {
    format!("t{:02}", t + 1)
}

fn start_of(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, day, 2, 0, 0).single().expect("valid date")
}

fn agent_digest(agent: &str, day: u32) -> String {
    // alpha's configuration changed before night 3.
    let version = if agent == "alpha" && day >= 3 { 2 } else { 1 };
    content_digest(format!("{agent}-v{version}").as_bytes())
}

fn manifest(run_id: &str, day: u32, attempts: u32, shard: Option<(u32, u32)>, tasks: &[usize]) -> Value {
    json!({
        "schema_version": SCHEMA_VERSION,
        "run_id": run_id,
        "created_at": start_of(day),
        "finished_at": start_of(day) + Duration::hours(1),
        "proctor_version": "0.1.0",
        "proctor_git_commit": "0123456789abcdef",
        "invocation": ["proctor", "run"],
        "host": {"hostname": "fixture", "os": "linux", "arch": "x86_64", "cpus": 2, "docker_version": null},
        "attempts": attempts,
        "concurrency": 4,
        "shard": shard.map(|(index, count)| json!({"index": index, "count": count})),
        "tasks": tasks.iter().map(|&t| json!({
            "id": task_id(t),
            "digest": content_digest(task_id(t).as_bytes()),
            "path": format!("tasks/{}", task_id(t)),
        })).collect::<Vec<_>>(),
        "agents": (["alpha", "beta"]).iter().map(|a| json!({
            "name": a,
            "digest": agent_digest(a, day),
            "kind": "builtin",
            "config": null,
        })).collect::<Vec<_>>(),
    })
}

/// The record of one trial with outcome `code`, as the JSON line the harness writes.
pub fn trial(run_id: &str, day: u32, agent: &str, t: usize, attempt: u32, code: char) -> Value {
    let task = task_id(t);
    let task_digest = content_digest(task.as_bytes());
    let digest = agent_digest(agent, day);
    let id = trial_id(&task, &task_digest, agent, &digest, attempt);
    let seq = (t as i64) * 3 + attempt as i64;
    let started_at = start_of(day) + Duration::seconds(seq * 90);
    let turns = 3 + ((t * 7 + attempt as usize * 3 + day as usize) % 20) as u64;
    let tokens = turns * 1500 + t as u64 * 100;
    let compactions = match (t + attempt as usize + day as usize) % 7 {
        0 => 4,
        1 | 2 => 1,
        3 => 2,
        _ => 0,
    };
    let agent_sec = turns as f64 * 4.5;
    let total_sec = 1.0 + 0.5 + agent_sec + 2.0 + 0.25;
    let (verdict, stop, error) = match code {
        'P' => ("passed", Some("completed"), None),
        'F' => ("failed", Some("max_turns"), None),
        'S' => ("failed", Some("completed"), None),
        'I' => ("error", None, Some(("infra", "container died: exit 137"))),
        'A' => ("error", None, Some(("agent", "agent crashed: panic in tool loop"))),
        'V' => ("error", Some("completed"), Some(("verifier", "verifier timed out after 600s"))),
        other => panic!("unknown outcome code {other}"),
    };
    let reward = match verdict {
        "passed" => json!(1.0),
        "failed" => json!(0.0),
        _ => Value::Null,
    };
    let tests = if verdict == "failed" {
        json!([
            {"name": "test_builds", "outcome": "passed"},
            {"name": "test_output_matches", "outcome": "failed", "message": "assert 'abc' == 'abd'"},
        ])
    } else {
        json!([])
    };
    let n_retries: i64 = if code == 'I' {
        2
    } else if code == 'P' && t == 0 && attempt == 0 {
        1
    } else {
        0
    };
    let retries: Vec<Value> = (0..n_retries)
        .map(|i| {
            json!({
                "started_at": started_at - Duration::seconds(30 * (n_retries - i)),
                "finished_at": started_at - Duration::seconds(30 * (n_retries - i) - 10),
                "error": {"category": "infra", "message": "docker daemon unreachable"},
            })
        })
        .collect();
    let cost = (agent == "alpha").then_some(tokens as f64 * 3e-6);
    json!({
        "schema_version": SCHEMA_VERSION,
        "run_id": run_id,
        "trial_id": id,
        "task_id": task,
        "task_digest": task_digest,
        "agent": agent,
        "agent_digest": digest,
        "attempt": attempt,
        "started_at": started_at,
        "finished_at": started_at + Duration::milliseconds((total_sec * 1000.0) as i64),
        "verdict": verdict,
        "reward": reward,
        "error": error.map(|(category, message)| json!({"category": category, "message": message})),
        "stop_reason": stop,
        "usage": {
            "input_tokens": tokens * 4 / 5,
            "cached_input_tokens": tokens / 2,
            "output_tokens": tokens / 5,
            "reasoning_tokens": 0,
            "model_calls": turns,
            "turns": turns,
            "tool_calls": turns * 2,
            "compactions": compactions,
            "cost_usd": cost,
        },
        "timings": {"image_sec": 1.0, "start_sec": 0.5, "agent_sec": agent_sec, "verify_sec": 2.0, "teardown_sec": 0.25},
        "tests": tests,
        "retries": retries,
        "artifacts": format!("trials/{id}"),
    })
}

fn line(rec: &Value) -> String {
    let mut s = serde_json::to_string(rec).expect("serialisable record");
    s.push('\n');
    s
}

/// (directory name, shard index and count, tasks) of one fixture directory.
type Layout = (String, Option<(u32, u32)>, Vec<usize>);

/// Write the fixture run directories under `root` (replacing what is there).
pub fn write_fixtures(root: &Path) {
    let _ = std::fs::remove_dir_all(root);
    for (run_id, day, k, agents) in NIGHTS {
        // (directory, shard, tasks)
        let layout: Vec<Layout> = if run_id == "night-1" {
            vec![
                ("night-1-shard1".into(), Some((1, 2)), (0..5).collect()),
                ("night-1-shard2".into(), Some((2, 2)), (5..TASKS).collect()),
            ]
        } else {
            vec![(run_id.to_string(), None, (0..TASKS).collect())]
        };
        for (dir_name, shard, tasks) in layout {
            let dir = root.join(&dir_name);
            std::fs::create_dir_all(&dir).expect("create fixture dir");
            let m = manifest(run_id, day, k, shard, &tasks);
            std::fs::write(dir.join(RUN_MANIFEST_FILE), serde_json::to_string_pretty(&m).expect("json") + "\n")
                .expect("write manifest");
            let mut out = String::new();
            for &t in &tasks {
                for (agent, codes) in agents {
                    for (attempt, code) in codes[t].chars().enumerate() {
                        let rec = trial(run_id, day, agent, t, attempt as u32, code);
                        if run_id == "night-3" && agent == "alpha" && t == 4 && attempt == 2 {
                            let vdir = dir.join(rec["artifacts"].as_str().expect("artifacts")).join("verifier");
                            std::fs::create_dir_all(&vdir).expect("create verifier dir");
                            std::fs::write(
                                vdir.join("stdout.txt"),
                                "collected 2 items\n\ntest_builds PASSED\ntest_output_matches FAILED\n\
                                 E   AssertionError: expected 'abd', got 'abc'\n\n1 passed, 1 failed in 0.42s\n",
                            )
                            .expect("write verifier stdout");
                        }
                        out.push_str(&line(&rec));
                    }
                }
            }
            if dir_name == "night-1-shard2" {
                // A trial of shard 1 recorded again (a resumed shard): must not be counted twice.
                out.push_str(&line(&trial("night-1", 1, "alpha", 0, 0, 'P')));
            }
            if dir_name == "night-3" {
                out.push_str("{\"schema_version\":1,\"run_id\":\"night-3\",\"trial_id\":\"t0");
            }
            std::fs::write(dir.join(TRIALS_FILE), out).expect("write trials");
        }
    }
}

/// Where the committed fixtures live.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// Directories of the three nights (night 1 as its two shards).
pub fn night_dirs() -> Vec<PathBuf> {
    let f = fixtures_dir();
    ["night-1-shard1", "night-1-shard2", "night-2", "night-3"].iter().map(|d| f.join(d)).collect()
}

/// Every file under `dir`, relative path -> contents.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                let rel = p.strip_prefix(dir).unwrap_or(&p).display().to_string();
                out.insert(rel, bytes);
            }
        }
    }
    out
}
