//! `proctor show` and `proctor merge`.

use std::path::PathBuf;

use crate::error::CliError;
use crate::exit_code;
use crate::merge::merge;
use crate::show::{find_trial, to_json, write_text};

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The run directory.
    run: PathBuf,
    /// The trial id (or a unique prefix of it).
    trial: String,
    /// Print the record and the trajectory as JSON.
    #[arg(long)]
    json: bool,
}

pub fn show(args: ShowArgs) -> Result<u8, CliError> {
    let record = find_trial(&args.run, &args.trial)?;
    let mut stdout = std::io::stdout().lock();
    let written = if args.json {
        serde_json::to_writer_pretty(&mut stdout, &to_json(&args.run, &record)).map_err(std::io::Error::from).and_then(
            |()| {
                use std::io::Write;
                writeln!(stdout)
            },
        )
    } else {
        write_text(&mut stdout, &args.run, &record)
    };
    written.map_err(|source| CliError::Io { context: "writing to stdout".into(), source })?;
    Ok(exit_code::OK)
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Shard directories of one run.
    #[arg(required = true)]
    shards: Vec<PathBuf>,
    /// The merged run directory to create.
    #[arg(long, value_name = "RUN_DIR")]
    out: PathBuf,
}

pub fn merge_shards(args: MergeArgs) -> Result<u8, CliError> {
    let summary = merge(&args.shards, &args.out)?;
    println!(
        "merged {} shard(s) into {}: {} trials{}",
        summary.shards,
        args.out.display(),
        summary.trials,
        if summary.duplicates > 0 {
            format!(" ({} duplicate records kept once)", summary.duplicates)
        } else {
            String::new()
        }
    );
    Ok(exit_code::OK)
}
