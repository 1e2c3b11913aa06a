//! The live display of a run: an overall bar and a line per running trial on a terminal; a plain
//! line per finished trial (and per retry or image build) otherwise.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::time::Duration;

use console::style;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use proctor_schema::{TrialRecord, Verdict};

use crate::events::RunEvent;

/// Consumes events and draws them.
pub struct LiveDisplay {
    multi: MultiProgress,
    overall: ProgressBar,
    running: HashMap<String, ProgressBar>,
    interactive: bool,
    passed: u64,
    failed: u64,
    errors: u64,
}

impl LiveDisplay {
    /// `force_plain` disables bars even on a terminal.
    pub fn new(force_plain: bool) -> LiveDisplay {
        let interactive = !force_plain && std::io::stderr().is_terminal();
        let multi = MultiProgress::with_draw_target(if interactive {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        });
        let overall = multi.add(ProgressBar::new(0));
        overall.set_style(
            ProgressStyle::with_template(
                "{prefix:>8.bold} [{bar:30.cyan/blue}] {pos}/{len} {msg} [{elapsed_precise}, eta {eta}]",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        overall.set_prefix("Running");
        if interactive {
            overall.enable_steady_tick(Duration::from_millis(200));
        }
        LiveDisplay { multi, overall, running: HashMap::new(), interactive, passed: 0, failed: 0, errors: 0 }
    }

    fn println(&self, line: String) {
        if self.interactive {
            let _ = self.multi.println(line);
        } else {
            eprintln!("{line}");
        }
    }

    fn counts(&self) -> String {
        format!(
            "{} passed, {} failed, {} errors",
            style(self.passed).green(),
            style(self.failed).red(),
            style(self.errors).yellow()
        )
    }

    /// Draw one event.
    pub fn handle(&mut self, event: &RunEvent) {
        match event {
            RunEvent::RunStarted { run_id, run_dir, to_run, already_recorded, concurrency } => {
                self.overall.set_length(*to_run as u64);
                let resumed = if *already_recorded > 0 {
                    format!(" ({already_recorded} already recorded)")
                } else {
                    String::new()
                };
                self.println(format!(
                    "{:>12} run {run_id}: {to_run} trials{resumed}, {concurrency} at a time, results in {}",
                    style("Starting").green().bold(),
                    run_dir.display()
                ));
            }
            RunEvent::ImageBuilding { task_id } => {
                if !self.interactive {
                    self.println(format!("{:>12} image for {task_id}", style("Preparing").cyan().bold()));
                }
            }
            RunEvent::ImageReady { task_id, built, duration } => {
                if *built {
                    self.println(format!(
                        "{:>12} [{:>7.1}s] image for {task_id}",
                        style("Built").cyan().bold(),
                        duration.as_secs_f64()
                    ));
                }
            }
            RunEvent::ImageFailed { task_id, message } => {
                self.println(format!("{:>12} image for {task_id}: {message}", style("BUILD FAIL").red().bold()));
            }
            RunEvent::TrialStarted { trial_id } => {
                if self.interactive {
                    let bar = self.multi.add(ProgressBar::new_spinner());
                    bar.set_style(
                        ProgressStyle::with_template("  {spinner} {elapsed:>4} {msg}")
                            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                    );
                    bar.set_message(format!("{trial_id} (waiting)"));
                    bar.enable_steady_tick(Duration::from_millis(250));
                    self.running.insert(trial_id.clone(), bar);
                }
            }
            RunEvent::TrialPhase { trial_id, phase } => {
                if let Some(bar) = self.running.get(trial_id) {
                    bar.set_message(format!("{trial_id} ({})", phase.as_str()));
                }
            }
            RunEvent::TrialRetrying { trial_id, error, retry, delay } => {
                self.println(format!(
                    "{:>12} {trial_id} (retry {retry} in {:.0}s): {} error: {}",
                    style("RETRY").magenta().bold(),
                    delay.as_secs_f64(),
                    error.category.as_str(),
                    error.message
                ));
            }
            RunEvent::TrialFinished { record } => {
                self.finish_bar(&record.trial_id);
                match record.verdict {
                    Verdict::Passed => self.passed += 1,
                    Verdict::Failed => self.failed += 1,
                    Verdict::Error => self.errors += 1,
                }
                self.overall.inc(1);
                self.overall.set_message(self.counts());
                self.println(finished_line(record));
            }
            RunEvent::TrialAbandoned { trial_id } => {
                self.finish_bar(trial_id);
            }
            RunEvent::HostDrained { host } => {
                self.println(format!(
                    "{:>12} {host} stopped answering; its trials run on the other hosts",
                    style("DRAINED").red().bold()
                ));
            }
            RunEvent::Cancelling { reason } => {
                self.println(format!("{:>12} {reason}", style("Cancelling").yellow().bold()));
            }
        }
    }

    fn finish_bar(&mut self, trial_id: &str) {
        if let Some(bar) = self.running.remove(trial_id) {
            bar.finish_and_clear();
            self.multi.remove(&bar);
        }
    }

    /// Clear the bars.
    pub fn finish(self) {
        for bar in self.running.values() {
            bar.finish_and_clear();
        }
        self.overall.finish_and_clear();
    }
}

/// `        PASS [   3.2s] task agent #0` (nextest-style).
pub fn finished_line(record: &TrialRecord) -> String {
    let status = match record.verdict {
        Verdict::Passed => style("PASS").green().bold(),
        Verdict::Failed => style("FAIL").red().bold(),
        Verdict::Error => style("ERROR").yellow().bold(),
    };
    let seconds = record.timings.total_sec();
    let mut line = format!("{status:>12} [{seconds:>7.1}s] {} {} #{}", record.task_id, record.agent, record.attempt);
    if let Some(error) = &record.error {
        line.push_str(&format!(" ({}: {})", error.category.as_str(), first_line(&error.message)));
    } else if let Some(reason) = record.stop_reason.filter(|r| *r != proctor_schema::StopReason::Completed) {
        line.push_str(&format!(" (agent stopped: {})", reason.as_str()));
    }
    if !record.retries.is_empty() {
        line.push_str(&format!(" after {} retries", record.retries.len()));
    }
    line
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}
