//! Criterion benches of the coding agent's per-turn bookkeeping on long trajectories: building
//! the request body in each wire format, counting tokens, truncating tool output, and compacting
//! (summary rebuild, dropping the oldest items of an overflowing summary request, truncation of
//! old tool outputs).
//!
//! Run: `cargo bench -p proctor-benches --bench agent_history`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use proctor_agents::coder::compaction::{drop_oldest, rebuild_after_summary, truncate_tool_outputs};
use proctor_agents::coder::history::History;
use proctor_agents::config::{ReasoningEffort, ToolName};
use proctor_agents::model::{anthropic, chat, responses, CallUsage, Item, ModelRequest, Purpose, UserOrigin};
use proctor_agents::tools::specs;
use proctor_agents::tools::truncate::{truncate_middle, truncate_parts};

/// A trajectory of `turns` turns: assistant text, one command, and a ~2 KiB output each.
fn trajectory(turns: usize) -> Vec<Item> {
    let mut items = vec![Item::user("Fix the failing tests in the repository. ".repeat(20), UserOrigin::Instruction)];
    for turn in 0..turns {
        items.push(Item::Assistant { text: format!("Turn {turn}: let me check the next file.") });
        let call_id = format!("call_{turn}");
        items.push(Item::ToolCall {
            call_id: call_id.clone(),
            name: "exec_command".into(),
            arguments: format!("{{\"cmd\":\"sed -n '1,80p' src/module_{turn}.py\"}}"),
        });
        let output: String =
            (0..40).map(|line| format!("{line:>4}  def function_{turn}_{line}(x): return x * {line}\n")).collect();
        items.push(Item::ToolOutput { call_id, output });
    }
    items
}

fn bench_request_bodies(c: &mut Criterion) {
    let tools = specs(&[ToolName::ExecCommand, ToolName::ApplyPatch, ToolName::UpdatePlan]);
    let system = "You are a coding agent. ".repeat(60);
    let mut group = c.benchmark_group("agent_request_body");
    for turns in [50usize, 500] {
        let items = trajectory(turns);
        let request = ModelRequest {
            model: "model",
            system: &system,
            items: &items,
            tools: &tools,
            purpose: Purpose::Turn,
            max_output_tokens: 32_000,
            reasoning_effort: Some(ReasoningEffort::Medium),
            temperature: None,
        };
        group.throughput(Throughput::Elements(items.len() as u64));
        group.bench_with_input(BenchmarkId::new("responses", turns), &request, |b, r| {
            b.iter(|| black_box(responses::build(r)))
        });
        group.bench_with_input(BenchmarkId::new("chat", turns), &request, |b, r| b.iter(|| black_box(chat::build(r))));
        group.bench_with_input(BenchmarkId::new("anthropic", turns), &request, |b, r| {
            b.iter(|| black_box(anthropic::build(r)))
        });
        group.bench_with_input(BenchmarkId::new("responses_serialized", turns), &request, |b, r| {
            b.iter(|| black_box(serde_json::to_vec(&responses::build(r)).map(|v| v.len())))
        });
        group.bench_with_input(BenchmarkId::new("token_count", turns), &items, |b, items| {
            let mut history = History::new(&system, &tools, "instruction");
            history.replace(items.clone());
            b.iter(|| black_box(history.tokens()))
        });
        group.bench_with_input(BenchmarkId::new("token_count_after_response", turns), &items, |b, items| {
            let mut history = History::new(&system, &tools, "instruction");
            history.replace(items.clone());
            history.record_response(&CallUsage { input_tokens: 100_000, output_tokens: 500, ..CallUsage::default() });
            history.push(Item::ToolOutput { call_id: "x".into(), output: "y".repeat(4000) });
            b.iter(|| black_box(history.tokens()))
        });
    }
    group.finish();
}

fn bench_truncation(c: &mut Criterion) {
    let mut group = c.benchmark_group("agent_tool_output_truncation");
    for size in [16usize << 10, 1 << 20] {
        let text: String = (0..)
            .map(|i| format!("line {i}: some build output here\n"))
            .take_while({
                let mut total = 0;
                move |l: &String| {
                    total += l.len();
                    total <= size
                }
            })
            .collect();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("truncate_middle_10k_tokens", size), &text, |b, t| {
            b.iter(|| black_box(truncate_middle(t, 10_000)))
        });
        let half = text.len() / 2;
        group.bench_with_input(BenchmarkId::new("truncate_sandbox_capped", size), &text, |b, t| {
            b.iter(|| black_box(truncate_parts(&t.as_bytes()[..half], &t.as_bytes()[half..], 5 << 20, 10_000)))
        });
    }
    group.finish();
}

fn bench_compaction(c: &mut Criterion) {
    let mut group = c.benchmark_group("agent_compaction");
    for turns in [100usize, 1000] {
        let items = trajectory(turns);
        group.throughput(Throughput::Elements(items.len() as u64));
        group.bench_with_input(BenchmarkId::new("summary_rebuild", turns), &items, |b, items| {
            b.iter(|| black_box(rebuild_after_summary(items, "summary of the work so far", 20_000)))
        });
        group.bench_with_input(BenchmarkId::new("drop_oldest_until_empty", turns), &items, |b, items| {
            b.iter(|| {
                let mut items = items.clone();
                let mut rounds = 0;
                while drop_oldest(&mut items) {
                    rounds += 1;
                }
                black_box(rounds)
            })
        });
        group.bench_with_input(BenchmarkId::new("truncate_tool_outputs_to_half", turns), &items, |b, items| {
            let total = proctor_agents::model::estimate_items(items);
            b.iter(|| {
                let mut items = items.clone();
                black_box(truncate_tool_outputs(&mut items, total, total / 2))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_request_bodies, bench_truncation, bench_compaction);
criterion_main!(benches);
