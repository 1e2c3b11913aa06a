//! proctor's exit codes, in one place. Scripts and CI rely on them; the README lists them.

/// The command did what was asked (a run completed, whatever its pass rate).
pub const OK: u8 = 0;
/// proctor itself could not work: Docker unreachable, the results directory unwritable, a bug.
pub const FAILURE: u8 = 1;
/// Usage or configuration error: bad arguments, an invalid task.toml or agent configuration, a
/// model API that refused the key. Nothing was run (or the run stopped at the first such error).
pub const USAGE: u8 = 2;
/// The run completed but some trials ended in errors after retries.
pub const TRIAL_ERRORS: u8 = 3;
/// `proctor report --fail-on-regression`: a configuration regressed against the baseline.
pub const REGRESSION: u8 = 4;
/// `proctor tasks check`: at least one task is invalid.
pub const INVALID_TASKS: u8 = 5;
/// Interrupted (Ctrl-C or SIGTERM). Finished trials are recorded; `--resume` continues.
pub const INTERRUPTED: u8 = 130;
