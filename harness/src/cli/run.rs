//! `proctor run`: plan, execute, record, summarize.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use proctor_agents::registry::{resolve, ResolvedAgent};
use proctor_schema::{AgentEntry, HostInfo, RunManifest, RunOptions, TaskEntry, TrialRecord, Verdict, SCHEMA_VERSION};
use tokio_util::sync::CancellationToken;

use super::{signals, DockerArgs, TaskSelection};
use crate::docker::{connect, gc::hostname, DockerHost};
use crate::error::CliError;
use crate::exit_code;
use crate::hosts::{HostPool, HostSpec};
use crate::reporter::{summarize, write_summary, LiveDisplay};
use crate::runner::{execute, plan, Execution, RunOutcome, RunnerConfig};
use crate::store::{recorded_ids, RunStore};
use crate::task::{discover, load_task, select, Task};

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    #[command(flatten)]
    selection: TaskSelection,
    /// Agent to run: a built-in (oracle, nop), a configuration name in --agents-dir, or a file
    /// (repeatable, or comma-separated).
    #[arg(
        long = "agent",
        short = 'a',
        value_name = "NAME|FILE",
        value_delimiter = ',',
        required_unless_present = "resume"
    )]
    agents: Vec<String>,
    /// Directory of agent configuration files.
    #[arg(long, value_name = "DIR", default_value = "agents/configs")]
    agents_dir: PathBuf,
    /// Attempts per task and agent.
    #[arg(short = 'k', long = "attempts", value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    attempts: u32,
    /// Trials at once (default: the number of CPUs).
    #[arg(short = 'j', long = "jobs", value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    jobs: Option<u64>,
    /// Directory that receives run directories.
    #[arg(long, value_name = "DIR", default_value = "runs")]
    output: PathBuf,
    /// Name of the run directory (default: a timestamp).
    #[arg(long, value_name = "ID")]
    run_id: Option<String>,
    /// Continue an interrupted run: run only the trials it has no record of.
    #[arg(long, value_name = "RUN_DIR", conflicts_with_all = ["agents", "run_id", "attempts", "patterns"])]
    resume: Option<PathBuf>,
    /// Run only this stable, hash-based share of the trials (I of N); merge shard directories
    /// with `proctor merge`, or give them all to `proctor report`.
    #[arg(long, value_name = "I/N", value_parser = crate::shard::parse_shard)]
    shard: Option<proctor_schema::ShardSpec>,
    /// Retries of a trial that ends in an infra error.
    #[arg(long, value_name = "N", default_value_t = 2)]
    retries: u32,
    /// No progress bars: one line per finished trial.
    #[arg(long)]
    plain: bool,
    #[command(flatten)]
    docker: DockerArgs,
}

/// Everything needed to execute a run, however it was asked for.
pub(crate) struct RunRequest {
    pub run_dir: PathBuf,
    pub resume: bool,
    pub tasks: Vec<Arc<Task>>,
    pub agents: Vec<ResolvedAgent>,
    pub attempts: u32,
    pub concurrency: usize,
    pub retries: u32,
    pub options: RunOptions,
    pub plain: bool,
    pub docker_hosts: Vec<String>,
    pub shard: Option<proctor_schema::ShardSpec>,
    pub keep_containers: bool,
}

/// What a run produced: every record of the run directory (earlier ones included on resume).
pub(crate) struct RunResult {
    pub records: Vec<TrialRecord>,
    pub outcome: RunOutcome,
}

pub async fn run(args: RunArgs) -> Result<u8, CliError> {
    let request = match &args.resume {
        Some(run_dir) => resume_request(&args, run_dir)?,
        None => new_request(&args)?,
    };
    let result = execute_run(request).await?;
    let mut stdout = std::io::stdout();
    write_summary(&mut stdout, &summarize(&result.records))
        .map_err(|source| CliError::Io { context: "writing the summary".into(), source })?;
    finish_code(&result)
}

pub(crate) fn finish_code(result: &RunResult) -> Result<u8, CliError> {
    if let Some(message) = &result.outcome.fatal {
        return Err(CliError::Fatal(message.clone()));
    }
    if result.outcome.cancelled {
        return Ok(exit_code::INTERRUPTED);
    }
    if result.records.iter().any(|r| r.verdict == Verdict::Error) {
        return Ok(exit_code::TRIAL_ERRORS);
    }
    Ok(exit_code::OK)
}

fn default_concurrency() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
}

fn new_request(args: &RunArgs) -> Result<RunRequest, CliError> {
    let agents = resolve_agents(&args.agents, &args.agents_dir)?;
    let tasks = load_tasks(&args.selection)?;
    let run_id = args.run_id.clone().unwrap_or_else(default_run_id);
    if run_id.is_empty() || run_id.contains(['/', '\\']) || run_id.starts_with('.') {
        return Err(CliError::Usage(format!("--run-id `{run_id}`: expected a plain directory name")));
    }
    Ok(RunRequest {
        run_dir: args.output.join(&run_id),
        resume: false,
        tasks,
        agents,
        attempts: args.attempts,
        concurrency: args.jobs.map(|j| j as usize).unwrap_or_else(default_concurrency),
        retries: args.retries,
        options: RunOptions {
            tasks_dir: args.selection.tasks.display().to_string(),
            task_patterns: args.selection.patterns.clone(),
            agents: args.agents.clone(),
            agents_dir: args.agents_dir.display().to_string(),
            retries: args.retries,
        },
        plain: args.plain,
        docker_hosts: args.docker.docker_hosts.clone(),
        shard: args.shard,
        keep_containers: false,
    })
}

fn resume_request(args: &RunArgs, run_dir: &Path) -> Result<RunRequest, CliError> {
    let manifest = crate::store::read_manifest(run_dir)?;
    let options = manifest.options.clone();
    if options.agents.is_empty() {
        return Err(CliError::Usage(format!("{}: run.json records no agents; cannot resume", run_dir.display())));
    }
    let agents = resolve_agents(&options.agents, Path::new(&options.agents_dir))?;
    let selection = TaskSelection { tasks: PathBuf::from(&options.tasks_dir), patterns: options.task_patterns.clone() };
    let tasks = load_tasks(&selection)?;
    for task in &tasks {
        if let Some(entry) = manifest.tasks.iter().find(|t| t.id == task.id) {
            if entry.digest != task.digest {
                eprintln!(
                    "warning: task {} changed since the run started; its remaining trials run the new version",
                    task.id
                );
            }
        }
    }
    Ok(RunRequest {
        run_dir: run_dir.to_path_buf(),
        resume: true,
        tasks,
        agents,
        attempts: manifest.attempts,
        concurrency: args.jobs.map(|j| j as usize).unwrap_or(manifest.concurrency),
        retries: args.retries,
        options,
        plain: args.plain,
        docker_hosts: args.docker.docker_hosts.clone(),
        shard: manifest.shard,
        keep_containers: false,
    })
}

pub(crate) fn resolve_agents(specs: &[String], agents_dir: &Path) -> Result<Vec<ResolvedAgent>, CliError> {
    let mut agents: Vec<ResolvedAgent> = Vec::new();
    for spec in specs {
        let agent = resolve(spec, agents_dir)?;
        if agents.iter().any(|a| a.name == agent.name) {
            return Err(CliError::Usage(format!(
                "--agent {spec}: an agent named `{}` is already in this run",
                agent.name
            )));
        }
        agents.push(agent);
    }
    Ok(agents)
}

/// Load every selected task, reporting all invalid ones at once.
pub(crate) fn load_tasks(selection: &TaskSelection) -> Result<Vec<Arc<Task>>, CliError> {
    let dirs = select(discover(&selection.tasks)?, &selection.patterns, &selection.tasks)?;
    if dirs.is_empty() {
        return Err(CliError::Usage(format!(
            "{}: no tasks found (a task is a directory with a task.toml)",
            selection.tasks.display()
        )));
    }
    let mut tasks = Vec::new();
    let mut errors = Vec::new();
    for dir in dirs {
        match load_task(&dir) {
            Ok(task) => tasks.push(Arc::new(task)),
            Err(e) => errors.push(e),
        }
    }
    match errors.len() {
        0 => Ok(tasks),
        1 => Err(CliError::Task(errors.remove(0))),
        _ => Err(CliError::Tasks(errors)),
    }
}

fn default_run_id() -> String {
    let suffix: u16 = rand::random();
    format!("{}-{suffix:04x}", Utc::now().format("%Y%m%d-%H%M%S"))
}

/// Connect, create or reopen the run directory, run the trials with the live display, and
/// return every record of the run.
pub(crate) async fn execute_run(request: RunRequest) -> Result<RunResult, CliError> {
    let hosts = connect_hosts(&request.docker_hosts, request.concurrency).await?;
    let host = hosts[0].host.clone();
    let invocation: Vec<String> = std::env::args().collect();
    let (store, mut manifest, earlier) = if request.resume {
        let (store, manifest, records) = RunStore::resume(&request.run_dir)?;
        (store, manifest, records)
    } else {
        let manifest = new_manifest(&request, &host, invocation);
        (RunStore::create(&request.run_dir, &manifest)?, manifest, Vec::new())
    };
    let mut trials = plan(&request.tasks, &request.agents, request.attempts);
    if let Some(shard) = request.shard {
        trials.retain(|t| crate::shard::in_shard(&t.trial_id, shard));
    }
    let planned: HashSet<&str> = trials.iter().map(|t| t.trial_id.as_str()).collect();
    let recorded: HashSet<String> =
        recorded_ids(&earlier).into_iter().filter(|id| planned.contains(id.as_str())).collect();

    let cancel = CancellationToken::new();
    signals::install(cancel.clone());
    let (events, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let plain = request.plain;
    let display = tokio::spawn(async move {
        let mut display = LiveDisplay::new(plain);
        while let Some(event) = receiver.recv().await {
            display.handle(&event);
        }
        display.finish();
    });
    let config = RunnerConfig {
        retries: request.retries,
        backoff: Duration::from_secs(2),
        max_concurrent_builds: 2,
        keep_containers: request.keep_containers,
    };
    let execution =
        Execution { hosts: HostPool::new(hosts), store, run_id: manifest.run_id.clone(), config, cancel, events };
    let outcome = execute(trials, &recorded, execution).await;
    let _ = display.await;

    if !outcome.cancelled && outcome.fatal.is_none() {
        manifest.finished_at = Some(Utc::now());
        crate::store::write_manifest(&request.run_dir, &manifest)?;
    }
    let mut records = earlier;
    records.extend(outcome.recorded.iter().cloned());
    eprintln!("results: {}", request.run_dir.display());
    Ok(RunResult { records, outcome })
}

/// `URL[=N]` → (URL, N).
pub(crate) fn split_host(spec: &str) -> (&str, Option<usize>) {
    match spec.rsplit_once('=') {
        Some((url, n)) if !url.is_empty() && n.parse::<usize>().is_ok() => (url, n.parse().ok()),
        _ => (spec, None),
    }
}

/// Connect every `--docker-host` (the local default when none). A host that does not answer is
/// an error when it is the only one, a warning otherwise.
async fn connect_hosts(specs: &[String], default_capacity: usize) -> Result<Vec<HostSpec>, CliError> {
    if specs.is_empty() {
        return Ok(vec![HostSpec { host: connect(None).await?, capacity: default_capacity }]);
    }
    let mut hosts = Vec::new();
    let mut last_error = None;
    for spec in specs {
        let (url, capacity) = split_host(spec);
        match connect(Some(url)).await {
            Ok(host) => hosts.push(HostSpec { host, capacity: capacity.unwrap_or(default_capacity).max(1) }),
            Err(e) if specs.len() > 1 => {
                eprintln!("warning: leaving out {url}: {e}");
                last_error = Some(e);
            }
            Err(e) => return Err(e.into()),
        }
    }
    match (hosts.is_empty(), last_error) {
        (true, Some(e)) => Err(e.into()),
        _ => Ok(hosts),
    }
}

fn new_manifest(request: &RunRequest, host: &DockerHost, invocation: Vec<String>) -> RunManifest {
    let run_id = request.run_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    RunManifest {
        schema_version: SCHEMA_VERSION,
        run_id,
        created_at: Utc::now(),
        finished_at: None,
        proctor_version: env!("CARGO_PKG_VERSION").to_string(),
        proctor_git_commit: option_env!("PROCTOR_GIT_COMMIT").map(str::to_string),
        invocation,
        host: HostInfo {
            hostname: hostname(),
            os: std::env::consts::OS.to_string(),
            arch: std::env::consts::ARCH.to_string(),
            cpus: default_concurrency(),
            docker_version: host.version.clone(),
        },
        attempts: request.attempts,
        concurrency: request.concurrency,
        shard: request.shard,
        tasks: request
            .tasks
            .iter()
            .map(|t| TaskEntry {
                id: t.id.clone(),
                digest: t.digest.clone(),
                path: t.dir.display().to_string(),
                difficulty: t.metadata.difficulty.clone(),
                category: t.metadata.category.clone(),
            })
            .collect(),
        agents: request
            .agents
            .iter()
            .map(|a| AgentEntry {
                name: a.name.clone(),
                digest: a.digest.clone(),
                kind: a.kind.clone(),
                config: a.config.clone(),
            })
            .collect(),
        options: request.options.clone(),
    }
}
