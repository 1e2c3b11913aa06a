//! `proctor show`: one trial, readably: its verdict and usage, the trajectory turn by turn
//! (commands with exit codes, shortened outputs, compactions), and the verifier's per-test results.

use std::io::{BufRead, Write};
use std::path::Path;

use proctor_schema::{TestOutcome, TrialRecord};
use serde_json::Value;

use crate::store::{read_trials, StoreError};

/// Why a trial could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}: no trial `{trial}`{}", run.display(), if candidates.is_empty() { String::new() } else { format!(" (did you mean: {})", candidates.join(", ")) })]
    NotFound { run: std::path::PathBuf, trial: String, candidates: Vec<String> },
    #[error("`{trial}` matches several trials: {}", matches.join(", "))]
    Ambiguous { trial: String, matches: Vec<String> },
}

/// The record of `trial` (an id, or a unique prefix of one) in `run`.
pub fn find_trial(run: &Path, trial: &str) -> Result<TrialRecord, ShowError> {
    let records = read_trials(run)?.records;
    if let Some(exact) = records.iter().find(|r| r.trial_id == trial) {
        return Ok(exact.clone());
    }
    let matches: Vec<&TrialRecord> = records.iter().filter(|r| r.trial_id.starts_with(trial)).collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let task = trial.split('.').next().unwrap_or(trial);
            let candidates = records.iter().filter(|r| r.task_id == task).map(|r| r.trial_id.clone()).take(8).collect();
            Err(ShowError::NotFound { run: run.to_path_buf(), trial: trial.to_string(), candidates })
        }
        many => Err(ShowError::Ambiguous {
            trial: trial.to_string(),
            matches: many.iter().map(|r| r.trial_id.clone()).collect(),
        }),
    }
}

/// The trajectory events of a trial (lines that do not parse are skipped).
pub fn read_trajectory(run: &Path, record: &TrialRecord) -> Vec<Value> {
    let path = run.join(&record.artifacts).join("trajectory.jsonl");
    let Ok(file) = std::fs::File::open(path) else { return Vec::new() };
    std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str(&line).ok())
        .collect()
}

/// `{"record": ..., "trajectory": [...]}`.
pub fn to_json(run: &Path, record: &TrialRecord) -> Value {
    serde_json::json!({ "record": record, "trajectory": read_trajectory(run, record) })
}

/// Write the human-readable view.
pub fn write_text(out: &mut dyn Write, run: &Path, record: &TrialRecord) -> std::io::Result<()> {
    writeln!(out, "trial    {}", record.trial_id)?;
    writeln!(out, "task     {} ({})", record.task_id, proctor_schema::short_digest(&record.task_digest))?;
    writeln!(
        out,
        "agent    {} ({}), attempt {}",
        record.agent,
        proctor_schema::short_digest(&record.agent_digest),
        record.attempt
    )?;
    let reward = record.reward.map(|r| format!(", reward {r}")).unwrap_or_default();
    writeln!(out, "verdict  {}{reward}", record.verdict.as_str())?;
    if let Some(error) = &record.error {
        writeln!(out, "error    {}: {}", error.category.as_str(), error.message)?;
    }
    if let Some(reason) = record.stop_reason {
        writeln!(out, "stopped  {}", reason.as_str())?;
    }
    let u = &record.usage;
    writeln!(
        out,
        "usage    {} turns, {} tool calls, {} compactions, tokens in {} (cached {}) out {} (reasoning {}){}",
        u.turns,
        u.tool_calls,
        u.compactions,
        u.input_tokens,
        u.cached_input_tokens,
        u.output_tokens,
        u.reasoning_tokens,
        u.cost_usd.map(|c| format!(", ${c:.4}")).unwrap_or_default()
    )?;
    let t = &record.timings;
    let secs = |v: Option<f64>| v.map(|s| format!("{s:.1}s")).unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "timings  image {}, start {}, agent {}, verify {}, teardown {}",
        secs(t.image_sec),
        secs(t.start_sec),
        secs(t.agent_sec),
        secs(t.verify_sec),
        secs(t.teardown_sec)
    )?;
    for (i, retry) in record.retries.iter().enumerate() {
        writeln!(out, "retry    attempt {} failed: {}: {}", i + 1, retry.error.category.as_str(), retry.error.message)?;
    }
    writeln!(out, "files    {}", run.join(&record.artifacts).display())?;

    writeln!(out, "\ntrajectory")?;
    for event in read_trajectory(run, record) {
        write_event(out, &event)?;
    }

    if !record.tests.is_empty() {
        let passed = record.tests.iter().filter(|t| t.outcome == TestOutcome::Passed).count();
        writeln!(out, "\ntests    {passed} of {} passed", record.tests.len())?;
        for test in record.tests.iter().filter(|t| t.outcome != TestOutcome::Passed) {
            let outcome = format!("{:?}", test.outcome).to_lowercase();
            writeln!(out, "  {outcome:<7} {}", test.name)?;
            if let Some(message) = &test.message {
                for line in shorten(message, 6, 160).lines() {
                    writeln!(out, "          {line}")?;
                }
            }
        }
    }
    Ok(())
}

fn write_event(out: &mut dyn Write, event: &Value) -> std::io::Result<()> {
    let kind = event["type"].as_str().unwrap_or("?");
    let turn = event["turn"].as_u64().map(|t| format!("[{t:>3}] ")).unwrap_or_else(|| "      ".into());
    match kind {
        "agent_started" => writeln!(out, "      agent {} started", event["agent"].as_str().unwrap_or("?")),
        "model_request" => Ok(()),
        "model_response" => {
            let usage = &event["usage"];
            writeln!(
                out,
                "{turn}model answered in {}ms (in {}, out {})",
                event["latency_ms"].as_u64().unwrap_or(0),
                usage["input_tokens"].as_u64().unwrap_or(0),
                usage["output_tokens"].as_u64().unwrap_or(0)
            )?;
            if let Some(text) = assistant_text(&event["body"]) {
                for line in shorten(&text, 4, 160).lines() {
                    writeln!(out, "        │ {line}")?;
                }
            }
            Ok(())
        }
        "tool_call" => {
            let name = event["name"].as_str().unwrap_or("?");
            let args = &event["arguments"];
            match args["cmd"].as_str().or_else(|| args["command"].as_str()) {
                Some(cmd) => writeln!(out, "{turn}$ {}", shorten(cmd, 3, 200).replace('\n', "\n        ")),
                None => writeln!(out, "{turn}{name} {}", shorten(&args.to_string(), 1, 200)),
            }
        }
        "tool_result" => {
            let exit = event["exit_code"].as_i64().map(|c| format!("exit {c}")).unwrap_or_else(|| "done".into());
            let output = event["output"].as_str().unwrap_or("");
            writeln!(out, "        → {exit}, {} bytes", output.len())?;
            for line in shorten(output, 8, 160).lines() {
                writeln!(out, "        │ {line}")?;
            }
            Ok(())
        }
        "compaction" => writeln!(
            out,
            "{turn}── compaction: {} → {} tokens (summary {}) ──",
            event["tokens_before"].as_u64().unwrap_or(0),
            event["tokens_after"].as_u64().unwrap_or(0),
            event["summary_tokens"].as_u64().unwrap_or(0)
        ),
        "exec" => {
            let argv: Vec<&str> =
                event["argv"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            let exit = event["exit_code"].as_i64().map(|c| c.to_string()).unwrap_or_else(|| "-".into());
            let timed_out = if event["timed_out"].as_bool() == Some(true) { ", timed out" } else { "" };
            writeln!(
                out,
                "      $ {} (exit {exit}{timed_out}, {}ms)",
                argv.join(" "),
                event["duration_ms"].as_u64().unwrap_or(0)
            )
        }
        "note" => writeln!(out, "      note: {}", event["message"].as_str().unwrap_or("")),
        "agent_finished" => writeln!(out, "      agent finished: {}", event["stop_reason"].as_str().unwrap_or("?")),
        other => writeln!(out, "      {other}"),
    }
}

/// The assistant's text in a response body of any of the supported wire formats.
fn assistant_text(body: &Value) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(content) = body["choices"][0]["message"]["content"].as_str() {
        parts.push(content.to_string());
    }
    for item in body["output"].as_array().into_iter().flatten() {
        for content in item["content"].as_array().into_iter().flatten() {
            if let Some(text) = content["text"].as_str() {
                parts.push(text.to_string());
            }
        }
    }
    for block in body["content"].as_array().into_iter().flatten() {
        if block["type"] == "text" {
            if let Some(text) = block["text"].as_str() {
                parts.push(text.to_string());
            }
        }
    }
    let text = parts.join("\n");
    (!text.trim().is_empty()).then_some(text)
}

/// At most `max_lines` lines (head and tail) of at most `width` characters each.
fn shorten(text: &str, max_lines: usize, width: usize) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if l.chars().count() > width {
                format!("{}…", l.chars().take(width).collect::<String>())
            } else {
                l.to_string()
            }
        })
        .collect();
    if lines.len() <= max_lines {
        return lines.join("\n");
    }
    let head = max_lines.div_ceil(2);
    let tail = max_lines - head;
    let mut kept: Vec<String> = lines[..head].to_vec();
    kept.push(format!("… {} lines …", lines.len() - max_lines));
    kept.extend_from_slice(&lines[lines.len() - tail..]);
    kept.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_head_and_tail() {
        let text: String = (1..=10).map(|i| format!("line {i}\n")).collect();
        let short = shorten(&text, 4, 100);
        assert_eq!(short, "line 1\nline 2\n… 6 lines …\nline 9\nline 10");
        assert_eq!(shorten("abcdef", 2, 3), "abc…");
    }

    #[test]
    fn finds_text_in_each_wire_format() {
        let chat = serde_json::json!({"choices": [{"message": {"content": "hi"}}]});
        let responses =
            serde_json::json!({"output": [{"type": "message", "content": [{"type": "output_text", "text": "hi"}]}]});
        let anthropic = serde_json::json!({"content": [{"type": "text", "text": "hi"}, {"type": "tool_use"}]});
        for body in [chat, responses, anthropic] {
            assert_eq!(assistant_text(&body).as_deref(), Some("hi"));
        }
    }
}
