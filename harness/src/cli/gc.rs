//! `proctor gc`.

use super::run::split_host;
use crate::docker::{connect, gc};
use crate::error::CliError;
use crate::exit_code;

#[derive(Debug, clap::Args)]
pub struct GcArgs {
    #[command(flatten)]
    docker: super::DockerArgs,
    /// Remove every proctor container, including those of running proctor processes and kept ones.
    #[arg(long)]
    all: bool,
    /// List what would be removed, remove nothing.
    #[arg(long)]
    dry_run: bool,
}

pub async fn run(args: GcArgs) -> Result<u8, CliError> {
    let mut found = Vec::new();
    let hosts: Vec<Option<&str>> = if args.docker.docker_hosts.is_empty() {
        vec![None]
    } else {
        args.docker.docker_hosts.iter().map(|h| Some(split_host(h).0)).collect()
    };
    for host in hosts {
        let host = connect(host).await?;
        found.extend(gc::collect(&host, args.all, args.dry_run).await?);
    }
    let verb = if args.dry_run { "would remove" } else { "removed" };
    for leftover in &found {
        println!(
            "{verb} {} ({}) run={} owner={}: {}",
            leftover.name,
            &leftover.id[..leftover.id.len().min(12)],
            leftover.run.as_deref().unwrap_or("-"),
            leftover.owner.as_deref().unwrap_or("-"),
            leftover.reason
        );
    }
    println!("{} container(s) {verb}", found.len());
    Ok(exit_code::OK)
}
