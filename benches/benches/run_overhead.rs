//! Whole-process benchmark of proctor's orchestration overhead: an oracle run over the starter
//! tasks with warm images, against the floor — the same Docker operations driven by the docker
//! CLI from a shell script (`benches/scripts/docker-cli-floor.sh`) at the same concurrency.
//!
//! Run: `cargo build --release --bin proctor && cargo bench -p proctor-benches --bench run_overhead`
//! (needs Docker, jq and the base image). The ratio of the two means is the figure to report;
//! the target is proctor at most 1.15x the floor.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};

const STARTER_TASKS: [&str; 6] = [
    "c-lastn-ringbuffer",
    "data-orders-rollup",
    "git-repair-repo",
    "py-calendar-slots-bug",
    "py-shop-promotions",
    "sh-access-log-report",
];
const JOBS: &str = "2";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn proctor_bin() -> PathBuf {
    root().join("target/release/proctor")
}

fn run_proctor(output: &Path) -> Duration {
    let mut command = Command::new(proctor_bin());
    command.current_dir(root()).args(["run", "--plain", "-a", "oracle", "-j", JOBS, "--output"]).arg(output);
    for task in STARTER_TASKS {
        command.args(["--task", task]);
    }
    let started = Instant::now();
    let out = command.output().expect("proctor runs");
    let elapsed = started.elapsed();
    assert!(out.status.success(), "proctor failed: {}", String::from_utf8_lossy(&out.stderr));
    elapsed
}

fn run_floor(specs: &Path) -> Duration {
    let started = Instant::now();
    let out = Command::new("bash")
        .current_dir(root())
        .arg("benches/scripts/docker-cli-floor.sh")
        .args([JOBS, "tasks"])
        .arg(specs)
        .args(STARTER_TASKS)
        .output()
        .expect("floor script runs");
    let elapsed = started.elapsed();
    let summary = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        summary.trim(),
        format!("{0}/{0}", STARTER_TASKS.len()),
        "floor run: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    elapsed
}

fn overhead(c: &mut Criterion) {
    assert!(proctor_bin().is_file(), "build it first: cargo build --release --bin proctor");
    let scratch = tempfile::tempdir().expect("tempdir");
    // Warm the images (and the page cache) once, and look the tasks up for the floor script.
    run_proctor(scratch.path());
    let specs = scratch.path().join("specs.jsonl");
    let listed =
        Command::new(proctor_bin()).current_dir(root()).args(["tasks", "list", "--json"]).output().expect("tasks list");
    std::fs::write(&specs, &listed.stdout).expect("specs");

    let mut group = c.benchmark_group("oracle_over_starter_tasks");
    group.sample_size(10).measurement_time(Duration::from_secs(60)).warm_up_time(Duration::from_secs(1));
    group.bench_function("proctor", |b| b.iter_custom(|iters| (0..iters).map(|_| run_proctor(scratch.path())).sum()));
    group.bench_function("docker_cli_floor", |b| b.iter_custom(|iters| (0..iters).map(|_| run_floor(&specs)).sum()));
    group.finish();
}

criterion_group!(benches, overhead);
criterion_main!(benches);
