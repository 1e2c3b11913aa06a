//! The command line: argument definitions and dispatch. Each command lives in its own module.

mod gc;
mod repro;
mod run;
mod show;
mod signals;
mod tasks;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::CliError;
use crate::exit_code;

#[derive(Debug, Parser)]
#[command(
    name = "proctor",
    version,
    about = "Run coding agents against containerized tasks, verify with hidden tests, report."
)]
#[command(
    after_help = "Exit codes: 0 ok, 1 proctor failed, 2 usage/configuration error, 3 run completed with trial errors, \
4 regression (report --fail-on-regression), 5 invalid tasks (tasks check), 130 interrupted."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run agents against tasks: tasks x agents x attempts trials, in parallel containers.
    Run(run::RunArgs),
    /// Render reports from one or more run directories (pass rates with intervals, comparisons,
    /// retention views) as term, md, csv, json, junit or html.
    Report(proctor_reports::ReportArgs),
    /// Inspect and validate the task corpus.
    Tasks {
        #[command(subcommand)]
        command: tasks::TasksCommand,
    },
    /// Show one trial readably: verdict, usage, the trajectory turn by turn, per-test results.
    Show(show::ShowArgs),
    /// Run one recorded trial again: live, or replaying its model responses to find drift.
    Repro(repro::ReproArgs),
    /// Merge the shard directories of one run (`run --shard I/N`) into one run directory.
    Merge(show::MergeArgs),
    /// Remove containers left behind by proctor processes that were killed.
    Gc(gc::GcArgs),
}

/// Options shared by commands that talk to Docker.
#[derive(Debug, Clone, clap::Args)]
pub struct DockerArgs {
    /// Docker Engine to use (unix:///path or tcp://host:port), optionally with its concurrency
    /// (`URL=N`); repeat to spread trials over several engines. Default: DOCKER_HOST, else the
    /// local socket, running -j trials.
    #[arg(long = "docker-host", value_name = "URL[=N]")]
    pub docker_hosts: Vec<String>,
}

/// Options shared by commands that read tasks.
#[derive(Debug, Clone, clap::Args)]
pub struct TaskSelection {
    /// Directory holding the task directories.
    #[arg(long, value_name = "DIR", default_value = "tasks")]
    pub tasks: PathBuf,
    /// Only tasks whose id matches this glob (repeatable).
    #[arg(long = "task", value_name = "GLOB")]
    pub patterns: Vec<String>,
}

/// Parse the command line, run the command, print any error once, and return the exit code.
pub fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: starting the async runtime: {e}");
            return ExitCode::from(exit_code::FAILURE);
        }
    };
    let result = runtime.block_on(dispatch(cli));
    // Don't wait for lingering blocking tasks (e.g. a stdin reader) at exit.
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("{}", error.render());
            ExitCode::from(error.exit_code())
        }
    }
}

/// Rust ignores SIGPIPE, which turns `proctor tasks list | head` into a "broken pipe" panic. Like
/// other Unix tools, end quietly instead when the reader goes away.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists; SIG_DFL is always a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

async fn dispatch(cli: Cli) -> Result<u8, CliError> {
    match cli.command {
        Command::Run(args) => run::run(args).await,
        Command::Report(args) => {
            let exit = tokio::task::spawn_blocking(move || {
                let exit = proctor_reports::run_report(&args)?;
                Ok::<_, proctor_reports::ReportError>(exit.regression && args.fail_on_regression)
            })
            .await
            .map_err(|e| CliError::Fatal(format!("the report task failed: {e}")))??;
            Ok(if exit { exit_code::REGRESSION } else { exit_code::OK })
        }
        Command::Tasks { command } => tasks::run(command).await,
        Command::Gc(args) => gc::run(args).await,
        Command::Show(args) => show::show(args),
        Command::Repro(args) => repro::repro(args).await,
        Command::Merge(args) => show::merge_shards(args),
    }
}
