//! `proctor tasks list` and `proctor tasks check`.

use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;
use proctor_schema::{RunOptions, Verdict};

use super::run::{execute_run, load_tasks, RunRequest};
use super::{DockerArgs, TaskSelection};
use crate::check::{check_agents, evaluate, Probe};
use crate::error::CliError;
use crate::exit_code;

#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// List the tasks with their metadata.
    List {
        #[command(flatten)]
        selection: TaskSelection,
        /// Print JSON lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Create a new task from a template with a fail-closed verifier.
    New {
        /// The task id (directory name): lowercase letters, digits, `-`, `_`.
        name: String,
        /// Directory holding the task directories.
        #[arg(long, value_name = "DIR", default_value = "tasks")]
        tasks: PathBuf,
    },
    /// Validate tasks: the image builds, the oracle passes (twice: determinism), nop fails, and no
    /// tamper probe passes.
    Check(CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    selection: TaskSelection,
    /// Tamper probes to run: all, none, or names (reward-file, pytest-hooks, python-startup,
    /// path-shadow, replace-tools, exit-early, delete-workdir, empty-workdir).
    #[arg(long, value_name = "PROBES", value_delimiter = ',', default_value = "all")]
    probes: Vec<String>,
    /// Trials at once (default: the number of CPUs).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    jobs: Option<usize>,
    /// Directory that receives the check's run directory (kept for its logs).
    #[arg(long, value_name = "DIR", default_value = "runs")]
    output: PathBuf,
    /// No progress bars.
    #[arg(long)]
    plain: bool,
    #[command(flatten)]
    docker: DockerArgs,
}

pub async fn run(command: TasksCommand) -> Result<u8, CliError> {
    match command {
        TasksCommand::List { selection, json } => list(&selection, json),
        TasksCommand::Check(args) => check(args).await,
        TasksCommand::New { name, tasks } => {
            let dir = crate::task::scaffold(&tasks, &name)?;
            println!("created {}", dir.display());
            println!("next: edit instruction.md, environment/, solution/solve.sh and tests/test.sh, then");
            println!("      proctor tasks check --tasks {} --task {name}", tasks.display());
            Ok(exit_code::OK)
        }
    }
}

fn list(selection: &TaskSelection, json: bool) -> Result<u8, CliError> {
    let tasks = load_tasks(selection)?;
    if json {
        for task in &tasks {
            let m = &task.metadata;
            let line = serde_json::json!({
                "id": task.id, "difficulty": m.difficulty, "category": m.category, "languages": m.languages,
                "tags": m.tags, "expert_minutes": m.expert_minutes, "agent_timeout_sec": task.agent_timeout.as_secs_f64(),
                "digest": task.digest,
                "image": task.image_ref(), "workdir": task.workdir, "cpus": task.resources.cpus,
                "memory_mb": task.resources.memory_mb, "verifier_timeout_sec": task.verifier_timeout.as_secs_f64(),
            });
            println!("{line}");
        }
        return Ok(exit_code::OK);
    }
    let width = tasks.iter().map(|t| t.id.len()).max().unwrap_or(4).max(4);
    println!(
        "{:<width$}  {:<10}  {:<16}  {:<18}  {:>7}  tags",
        "task", "difficulty", "category", "languages", "minutes"
    );
    for task in &tasks {
        let m = &task.metadata;
        println!(
            "{:<width$}  {:<10}  {:<16}  {:<18}  {:>7}  {}",
            task.id,
            m.difficulty.as_deref().unwrap_or("-"),
            m.category.as_deref().unwrap_or("-"),
            if m.languages.is_empty() { "-".to_string() } else { m.languages.join(",") },
            m.expert_minutes.map(|v| format!("{v:.0}")).unwrap_or_else(|| "-".into()),
            m.tags.join(",")
        );
    }
    println!("{} tasks", tasks.len());
    Ok(exit_code::OK)
}

async fn check(args: CheckArgs) -> Result<u8, CliError> {
    let tasks = load_tasks(&args.selection)?;
    let probes = parse_probes(&args.probes)?;
    let agents = check_agents(&probes);
    let agent_names: Vec<String> = agents.iter().map(|a| a.name.clone()).collect();
    let suffix: u16 = rand::random();
    let run_id = format!("tasks-check-{}-{suffix:04x}", Utc::now().format("%Y%m%d-%H%M%S"));
    let request = RunRequest {
        run_dir: args.output.join(run_id),
        resume: false,
        tasks: tasks.clone(),
        agents,
        attempts: 1,
        concurrency: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)),
        retries: 1,
        options: RunOptions {
            tasks_dir: args.selection.tasks.display().to_string(),
            task_patterns: args.selection.patterns.clone(),
            agents: agent_names,
            agents_dir: String::new(),
            retries: 1,
        },
        plain: args.plain,
        docker_hosts: args.docker.docker_hosts,
        shard: None,
        keep_containers: false,
    };
    let result = execute_run(request).await?;
    if result.outcome.cancelled {
        return Ok(exit_code::INTERRUPTED);
    }
    let task_ids: Vec<String> = tasks.iter().map(|t| t.id.clone()).collect();
    let checks = evaluate(&task_ids, &result.records, &probes);
    let width = task_ids.iter().map(String::len).max().unwrap_or(4).max(4);
    println!(
        "{:<width$}  {:<6}  {:<6}  {:<6}  {:<8}  {:<5}  problems",
        "task", "oracle", "again", "nop", "probes", "valid"
    );
    for check in &checks {
        println!(
            "{:<width$}  {:<6}  {:<6}  {:<6}  {:<8}  {:<5}  {}",
            check.task_id,
            verdict_word(check.oracle),
            verdict_word(check.oracle_repeat),
            verdict_word(check.nop),
            format!("{}/{}", check.resisted, probes.len()),
            if check.is_valid() { "yes" } else { "NO" },
            check.problems.join("; ")
        );
    }
    let invalid = checks.iter().filter(|c| !c.is_valid()).count();
    println!("{} of {} tasks valid", checks.len() - invalid, checks.len());
    Ok(if invalid > 0 { exit_code::INVALID_TASKS } else { exit_code::OK })
}

fn parse_probes(spec: &[String]) -> Result<Vec<Probe>, CliError> {
    if spec.iter().any(|s| s == "all") {
        return Ok(Probe::ALL.to_vec());
    }
    if spec.iter().any(|s| s == "none") {
        return Ok(Vec::new());
    }
    spec.iter()
        .map(|name| {
            Probe::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Probe::ALL.iter().map(|p| p.name().trim_start_matches("probe-")).collect();
                CliError::Usage(format!("--probes {name}: unknown probe (known: all, none, {})", known.join(", ")))
            })
        })
        .collect()
}

fn verdict_word(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Passed) => "pass",
        Some(Verdict::Failed) => "fail",
        Some(Verdict::Error) => "error",
        None => "-",
    }
}
