//! `proctor report` without the rest of the harness:
//! `cargo run -p proctor-reports --example report -- RUN_DIR... [--format ...] [--out PATH]`.

use clap::Parser;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: proctor_reports::ReportArgs,
}

fn main() {
    let cli = Cli::parse();
    match proctor_reports::run_report(&cli.args) {
        Ok(exit) if exit.regression && cli.args.fail_on_regression => std::process::exit(4),
        Ok(_) => {}
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
