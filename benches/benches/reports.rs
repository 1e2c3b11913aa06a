//! Report rendering at scale: 100,000 synthetic trial records (two nights x 4 agents x 2,500
//! tasks x 5 attempts) are written to run directories once, then loaded, analysed and rendered in
//! every format. Run: `cargo bench -p proctor-benches --bench reports`.

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use proctor_reports::cli::render_files;
use proctor_reports::render::Report;
use proctor_reports::{analyze, load, Format, Options};
use serde_json::json;

const AGENTS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];
const TASKS: usize = 2_500;
const ATTEMPTS: u32 = 5;
const NIGHTS: u32 = 2;

/// xorshift64*: deterministic synthetic outcomes.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Write the synthetic runs under `root`; returns their directories.
pub fn generate(root: &Path) -> Vec<PathBuf> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut dirs = Vec::new();
    for night in 1..=NIGHTS {
        let run_id = format!("synthetic-night-{night}");
        let dir = root.join(&run_id);
        std::fs::create_dir_all(&dir).expect("create run dir");
        let created = format!("2025-02-{night:02}T02:00:00Z");
        let manifest = json!({
            "schema_version": 1, "run_id": run_id, "created_at": created, "finished_at": format!("2025-02-{night:02}T06:00:00Z"),
            "proctor_version": "0.1.0", "invocation": ["proctor", "run"], "host": {}, "attempts": ATTEMPTS, "concurrency": 32,
            "tasks": (0..TASKS).map(|t| json!({"id": format!("task-{t:05}"), "digest": format!("sha256:{t:064x}"), "path": "tasks"})).collect::<Vec<_>>(),
            "agents": AGENTS.iter().map(|a| json!({"name": a, "digest": format!("sha256:{a}{night}"), "kind": "builtin"})).collect::<Vec<_>>(),
        });
        std::fs::write(dir.join("run.json"), manifest.to_string()).expect("write manifest");
        let file = std::fs::File::create(dir.join("trials.jsonl")).expect("create trials");
        let mut out = std::io::BufWriter::new(file);
        for (ai, agent) in AGENTS.iter().enumerate() {
            let skill = 0.35 + 0.1 * ai as f64 + 0.02 * night as f64;
            for t in 0..TASKS {
                let difficulty = (t as f64 / TASKS as f64) * 0.8;
                for attempt in 0..ATTEMPTS {
                    let r = rng.unit();
                    let (verdict, error, stop) = if r < 0.01 {
                        ("error", Some("infra"), None)
                    } else if r < 0.015 {
                        ("error", Some("agent"), None)
                    } else if rng.unit() < skill - difficulty + 0.3 {
                        ("passed", None, Some("completed"))
                    } else if rng.unit() < 0.4 {
                        ("failed", None, Some("completed"))
                    } else {
                        ("failed", None, Some("max_turns"))
                    };
                    let turns = 2 + rng.next() % 60;
                    let tokens = turns * (800 + rng.next() % 2000);
                    let id = format!("task-{t:05}.{agent}.{attempt}.{:08x}", rng.next() as u32);
                    let rec = json!({
                        "schema_version": 1, "run_id": run_id, "trial_id": id, "task_id": format!("task-{t:05}"),
                        "task_digest": format!("sha256:{t:064x}"), "agent": agent, "agent_digest": format!("sha256:{agent}{night}"),
                        "attempt": attempt, "started_at": created, "finished_at": created, "verdict": verdict,
                        "reward": if verdict == "passed" { json!(1.0) } else if verdict == "failed" { json!(0.0) } else { json!(null) },
                        "error": error.map(|c| json!({"category": c, "message": "synthetic failure: container exited 137"})),
                        "stop_reason": stop,
                        "usage": {"input_tokens": tokens * 3 / 4, "output_tokens": tokens / 4, "turns": turns, "tool_calls": turns * 2,
                                  "compactions": turns / 15, "cost_usd": tokens as f64 * 4e-6, "model_calls": turns},
                        "timings": {"image_sec": 0.5, "start_sec": 0.8, "agent_sec": turns as f64 * 6.5, "verify_sec": 4.0, "teardown_sec": 0.4},
                        "tests": if verdict == "failed" { json!([{"name": "test_main", "outcome": "failed", "message": "assertion failed"}]) } else { json!([]) },
                        "artifacts": format!("trials/{id}"),
                    });
                    serde_json::to_writer(&mut out, &rec).expect("write record");
                    out.write_all(b"\n").expect("write newline");
                }
            }
        }
        out.flush().expect("flush");
        dirs.push(dir);
    }
    dirs
}

/// Every format, as `proctor report --format term,md,csv,json,junit,html --out DIR` renders them
/// (in parallel; writing the files is left out).
fn render_all(report: &Report, out_dir: &Path) -> usize {
    let formats = [Format::Term, Format::Md, Format::Csv, Format::Json, Format::Junit, Format::Html];
    render_files(report, &formats, out_dir).expect("render").iter().map(|(_, b)| b.len()).sum()
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    // PROCTOR_REPORTS_BENCH_DIR keeps the synthetic runs there (to time them with the
    // `timings` example of proctor-reports, or to open the report).
    let root =
        std::env::var_os("PROCTOR_REPORTS_BENCH_DIR").map(PathBuf::from).unwrap_or_else(|| tmp.path().to_path_buf());
    let dirs = generate(&root);
    let opts = Options::default();
    let data = load::load(&dirs, &[]).expect("load");
    assert_eq!(data.trials.len(), AGENTS.len() * TASKS * ATTEMPTS as usize * NIGHTS as usize);
    let analysis = analyze(&data, &opts).expect("analyze");

    let mut g = c.benchmark_group("reports_100k");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("load", |b| b.iter(|| black_box(load::load(&dirs, &[]).expect("load"))));
    g.bench_function("analyze", |b| b.iter(|| black_box(analyze(&data, &opts).expect("analyze"))));
    g.bench_function("render_all_formats", |b| {
        b.iter(|| black_box(render_all(&Report::new(&data, &analysis), tmp.path())))
    });
    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            let data = load::load(&dirs, &[]).expect("load");
            let analysis = analyze(&data, &opts).expect("analyze");
            black_box(render_all(&Report::new(&data, &analysis), tmp.path()))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
