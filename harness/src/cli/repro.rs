//! `proctor repro`: run one recorded trial again.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::Utc;
use proctor_schema::RunOptions;

use super::run::{execute_run, RunRequest};
use super::DockerArgs;
use crate::docker::{connect, labels};
use crate::error::CliError;
use crate::exit_code;
use crate::repro::{first_divergence, restore_agent, ReproMode};
use crate::show::{find_trial, read_trajectory};
use crate::store::read_manifest;
use crate::task::load_task;

#[derive(Debug, clap::Args)]
pub struct ReproArgs {
    /// The run directory holding the trial.
    run: PathBuf,
    /// The trial id (or a unique prefix of it).
    trial: String,
    /// Play back the recorded model responses (no API key, no cost) and report the first turn
    /// where a tool output differs from the recording.
    #[arg(long, conflicts_with = "live")]
    replay: bool,
    /// Call the model again with the same configuration (the default).
    #[arg(long)]
    live: bool,
    /// Keep the container after the trial and print the command to enter it.
    #[arg(long)]
    shell: bool,
    /// Directory that receives the repro's run directory.
    #[arg(long, value_name = "DIR", default_value = "runs")]
    output: PathBuf,
    /// No progress bars.
    #[arg(long)]
    plain: bool,
    #[command(flatten)]
    docker: DockerArgs,
}

pub async fn repro(args: ReproArgs) -> Result<u8, CliError> {
    let record = find_trial(&args.run, &args.trial)?;
    let manifest = read_manifest(&args.run)?;
    let entry = manifest.tasks.iter().find(|t| t.id == record.task_id).ok_or_else(|| {
        CliError::Usage(format!("{}: run.json does not list task `{}`", args.run.display(), record.task_id))
    })?;
    let task = load_task(Path::new(&entry.path))?;
    if task.digest != record.task_digest {
        eprintln!("warning: task {} changed since the run (its image is rebuilt if its environment changed)", task.id);
    }
    let mode = if args.replay { ReproMode::Replay } else { ReproMode::Live };
    let trial_dir = args.run.join(&record.artifacts);
    let (agent, warning) =
        restore_agent(&manifest, &record, &trial_dir, mode).map_err(|e| CliError::Usage(e.to_string()))?;
    if let Some(warning) = warning {
        eprintln!("warning: {warning}");
    }
    let run_id = format!("repro-{}-{}", record.task_id, Utc::now().format("%Y%m%d-%H%M%S"));
    let request = RunRequest {
        run_dir: args.output.join(&run_id),
        resume: false,
        tasks: vec![std::sync::Arc::new(task)],
        agents: vec![agent],
        attempts: 1,
        concurrency: 1,
        retries: 0,
        options: RunOptions {
            tasks_dir: entry.path.clone(),
            task_patterns: vec![record.task_id.clone()],
            agents: manifest.options.agents.clone(),
            agents_dir: manifest.options.agents_dir.clone(),
            retries: 0,
        },
        plain: args.plain,
        docker_hosts: args.docker.docker_hosts.iter().take(1).cloned().collect(),
        shard: None,
        keep_containers: args.shell,
    };
    let run_dir = request.run_dir.clone();
    let result = execute_run(request).await?;
    if result.outcome.cancelled {
        return Ok(exit_code::INTERRUPTED);
    }
    let Some(new) = result.records.first() else {
        return Err(CliError::Fatal(result.outcome.fatal.unwrap_or_else(|| "the trial did not finish".into())));
    };
    let reward = |r: Option<f64>| r.map(|r| format!(" (reward {r})")).unwrap_or_default();
    println!("then: {}{}", record.verdict.as_str(), reward(record.reward));
    println!("now:  {}{}", new.verdict.as_str(), reward(new.reward));
    if let Some(error) = &new.error {
        println!("      {}: {}", error.category.as_str(), error.message);
    }
    if mode == ReproMode::Replay {
        match first_divergence(&read_trajectory(&args.run, &record), &read_trajectory(&run_dir, new)) {
            None => println!("replay: every tool output matched the recording"),
            Some(d) => {
                println!(
                    "replay: diverged at turn {} (tool call {}): the environment or the task changed",
                    d.turn,
                    d.index + 1
                );
                println!("  recorded: {}", one_line(&d.recorded));
                println!("  now:      {}", one_line(&d.replayed));
            }
        }
    }
    println!("trial: proctor show {} {}", run_dir.display(), new.trial_id);
    if args.shell {
        keep_shell(&args.docker, &run_id).await?;
    }
    Ok(exit_code::OK)
}

/// Print how to enter the kept container; remove it when the user is done (on a terminal).
async fn keep_shell(docker: &DockerArgs, run_id: &str) -> Result<(), CliError> {
    let host = connect(docker.docker_hosts.first().map(|h| super::run::split_host(h).0)).await?;
    let mut filters = std::collections::HashMap::new();
    filters.insert("label".to_string(), vec![format!("{}={run_id}", labels::RUN)]);
    let options =
        bollard::query_parameters::ListContainersOptionsBuilder::default().all(true).filters(&filters).build();
    let containers = host
        .docker
        .list_containers(Some(options))
        .await
        .map_err(|e| crate::docker::DockerError::from_bollard("list containers", e))?;
    let Some(name) = containers.into_iter().find_map(|c| c.names.and_then(|n| n.into_iter().next())) else {
        println!("the container is gone (the trial failed before it started)");
        return Ok(());
    };
    let name = name.trim_start_matches('/').to_string();
    println!("container kept: docker exec -it {name} bash");
    if std::io::stdin().is_terminal() {
        println!("press Enter to remove it");
        let mut line = String::new();
        let _ = tokio::task::spawn_blocking(move || std::io::stdin().read_line(&mut line)).await;
        crate::docker::remove_container(&host, &name).await?;
        println!("removed {name}");
    } else {
        println!("remove it with `docker rm -f {name}` or `proctor gc --all`");
    }
    Ok(())
}

fn one_line(text: &str) -> String {
    let flat = text.replace('\n', "⏎");
    if flat.chars().count() > 160 {
        format!("{}…", flat.chars().take(160).collect::<String>())
    } else {
        flat
    }
}
