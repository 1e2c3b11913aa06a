//! The dispatcher: plans trials (tasks x agents x attempts, agents interleaved so configurations
//! run under similar conditions), runs at most `concurrency` at once, retries infra errors with
//! backoff keeping every attempt, records each finished trial before reporting it, and stops
//! starting new trials when cancelled.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use proctor_agents::registry::ResolvedAgent;
use proctor_schema::{trial_id, AttemptRecord, ErrorCategory, TrialRecord, Verdict, SCHEMA_VERSION, TRIALS_DIR};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::events::{emit, EventSender, RunEvent};
use crate::hosts::HostPool;
use crate::images::ImageCache;
use crate::store::{RunStore, StoreError};
use crate::task::Task;
use crate::trial::{run_attempt, AttemptResult, TrialEnv, TrialSpec};

/// Every trial of a run, in the order they should start.
pub fn plan(tasks: &[Arc<Task>], agents: &[ResolvedAgent], attempts: u32) -> Vec<TrialSpec> {
    let mut trials = Vec::with_capacity(tasks.len() * agents.len() * attempts as usize);
    for attempt in 0..attempts {
        for task in tasks {
            for agent in agents {
                trials.push(TrialSpec {
                    trial_id: trial_id(&task.id, &task.digest, &agent.name, &agent.digest, attempt),
                    task: task.clone(),
                    agent: agent.clone(),
                    attempt,
                });
            }
        }
    }
    trials
}

/// Knobs of the dispatcher.
#[derive(Debug, Clone)]
pub struct RunnerConfig {
    /// Retries of a trial that ended in an infra error.
    pub retries: u32,
    /// First retry delay; doubled each retry, with jitter.
    pub backoff: Duration,
    pub max_concurrent_builds: usize,
    /// Leave containers running after their trial (`repro --shell`); they carry the keep label.
    pub keep_containers: bool,
}

/// How the run ended.
#[derive(Debug, Default)]
pub struct RunOutcome {
    /// Records written by this invocation.
    pub recorded: Vec<TrialRecord>,
    pub cancelled: bool,
    /// An error that stopped the run (an agent's fatal error, or the store failing).
    pub fatal: Option<String>,
}

struct Shared {
    hosts: HostPool,
    store: RunStore,
    images: ImageCache,
    run_id: String,
    config: RunnerConfig,
    cancel: CancellationToken,
    events: EventSender,
    fatal: Mutex<Option<String>>,
}

/// Where and how a run executes.
pub struct Execution {
    /// The Docker hosts, each with its concurrency.
    pub hosts: HostPool,
    pub store: RunStore,
    pub run_id: String,
    pub config: RunnerConfig,
    /// Cancelled on Ctrl-C; the runner also cancels it itself on a fatal error.
    pub cancel: CancellationToken,
    pub events: EventSender,
}

/// Run `trials` (skipping those in `recorded`), recording each into the store.
pub async fn execute(trials: Vec<TrialSpec>, recorded: &HashSet<String>, execution: Execution) -> RunOutcome {
    let Execution { hosts, store, run_id, config, cancel, events } = execution;
    let to_run: Vec<TrialSpec> = trials.into_iter().filter(|t| !recorded.contains(&t.trial_id)).collect();
    emit(
        &events,
        RunEvent::RunStarted {
            run_id: run_id.clone(),
            run_dir: store.dir().to_path_buf(),
            to_run: to_run.len(),
            already_recorded: recorded.len(),
            concurrency: hosts.capacity(),
        },
    );
    let images = ImageCache::new(config.max_concurrent_builds, &store.dir().join("images"));
    let shared = Arc::new(Shared {
        hosts,
        store,
        images,
        run_id,
        config,
        cancel: cancel.clone(),
        events,
        fatal: Mutex::new(None),
    });

    let mut running = JoinSet::new();
    for spec in to_run {
        let shared = shared.clone();
        running.spawn(async move { run_trial(&shared, spec).await });
    }
    let mut outcome = RunOutcome::default();
    while let Some(joined) = running.join_next().await {
        match joined {
            Ok(Some(record)) => outcome.recorded.push(record),
            Ok(None) => {}
            Err(e) => {
                let message = format!("a trial task panicked (a proctor bug): {e}");
                shared.fatal.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(message);
            }
        }
    }
    outcome.cancelled = cancel.is_cancelled();
    outcome.fatal = shared.fatal.lock().unwrap_or_else(|p| p.into_inner()).clone();
    outcome
}

async fn run_trial(shared: &Shared, spec: TrialSpec) -> Option<TrialRecord> {
    let events = &shared.events;
    let mut earlier: Vec<AttemptRecord> = Vec::new();
    let mut counted_retries = 0u32;
    let mut artifacts: Option<std::path::PathBuf> = None;
    loop {
        // Slots are handed out fairly (FIFO): trials start in plan order. Every attempt takes a
        // new slot, possibly on another host.
        let lease = tokio::select! {
            lease = shared.hosts.acquire() => lease,
            () = shared.cancel.cancelled() => return None,
        };
        let dir = match &artifacts {
            Some(dir) => dir.clone(),
            None => match prepare_dir(&shared.store, &spec.trial_id) {
                Ok(dir) => {
                    emit(events, RunEvent::TrialStarted { trial_id: spec.trial_id.clone() });
                    artifacts = Some(dir.clone());
                    dir
                }
                Err(e) => {
                    stop_run(shared, format!("results store: {e}"));
                    return None;
                }
            },
        };
        let started_at = Utc::now();
        let Some(lease) = lease else {
            let result =
                AttemptResult::default().error(ErrorCategory::Infra, "no Docker host is left: every host was drained");
            return finish(shared, &spec, result, started_at, earlier, "-");
        };
        let env = TrialEnv {
            host: lease.host(),
            images: &shared.images,
            run_id: &shared.run_id,
            cancel: &shared.cancel,
            events,
            keep_container: shared.config.keep_containers,
        };
        let result = run_attempt(&env, &spec, &dir).await;
        let finished_at = Utc::now();
        if result.cancelled {
            emit(events, RunEvent::TrialAbandoned { trial_id: spec.trial_id.clone() });
            return None;
        }
        if let Some(message) = &result.fatal {
            stop_run(shared, message.clone());
            emit(events, RunEvent::TrialAbandoned { trial_id: spec.trial_id.clone() });
            return None;
        }
        let host_name = lease.host().name.clone();
        // An infra error on a host that no longer answers: drain it; the attempt is kept but
        // does not count against the trial's retries (it runs again elsewhere).
        let host_lost = result.is_infra_error() && !shared.hosts.check(&lease).await;
        if host_lost {
            emit(events, RunEvent::HostDrained { host: host_name.clone() });
        }
        drop(lease);
        let retryable = host_lost || (result.is_infra_error() && counted_retries < shared.config.retries);
        if retryable && !shared.cancel.is_cancelled() {
            let error = result.error.clone().unwrap_or_else(unreachable_error);
            let retry = earlier.len() as u32;
            earlier.push(AttemptRecord {
                started_at,
                finished_at,
                error: error.clone(),
                timings: result.timings.clone(),
            });
            if !host_lost {
                counted_retries += 1;
            }
            // Keep the failed attempt's artifacts beside the trial's.
            let kept = dir.with_file_name(format!("{}.try{}", spec.trial_id, retry));
            let _ = std::fs::remove_dir_all(&kept);
            let _ = std::fs::rename(&dir, &kept);
            let _ = std::fs::create_dir_all(&dir);
            let delay = if host_lost { Duration::ZERO } else { backoff(shared.config.backoff, counted_retries - 1) };
            emit(events, RunEvent::TrialRetrying { trial_id: spec.trial_id.clone(), error, retry: retry + 1, delay });
            tokio::select! {
                () = tokio::time::sleep(delay) => continue,
                () = shared.cancel.cancelled() => {
                    emit(events, RunEvent::TrialAbandoned { trial_id: spec.trial_id.clone() });
                    return None;
                }
            }
        }
        return finish(shared, &spec, result, started_at, earlier, &host_name);
    }
}

/// Record a trial and report it.
fn finish(
    shared: &Shared,
    spec: &TrialSpec,
    result: AttemptResult,
    started_at: chrono::DateTime<Utc>,
    earlier: Vec<AttemptRecord>,
    host: &str,
) -> Option<TrialRecord> {
    let record = to_record(&shared.run_id, spec, result, started_at, Utc::now(), earlier, host);
    if let Err(e) = shared.store.append(&record) {
        stop_run(shared, format!("results store: {e}"));
        return None;
    }
    emit(&shared.events, RunEvent::TrialFinished { record: Box::new(record.clone()) });
    Some(record)
}

fn unreachable_error() -> proctor_schema::TrialError {
    proctor_schema::TrialError {
        category: proctor_schema::ErrorCategory::Harness,
        message: "an infra error without details".into(),
    }
}

fn stop_run(shared: &Shared, message: String) {
    let mut fatal = shared.fatal.lock().unwrap_or_else(|p| p.into_inner());
    if fatal.is_none() {
        // The error itself is reported once, by the command, when the run has stopped.
        emit(
            &shared.events,
            RunEvent::Cancelling { reason: "stopping the run after an error every trial would hit".into() },
        );
        *fatal = Some(message);
    }
    shared.cancel.cancel();
}

/// A fresh artifact directory (a crashed earlier attempt may have left one).
fn prepare_dir(store: &RunStore, trial_id: &str) -> Result<std::path::PathBuf, StoreError> {
    let dir = store.dir().join(TRIALS_DIR).join(trial_id);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|source| StoreError::Io { path: dir.clone(), source })?;
    }
    store.trial_dir(trial_id)
}

fn backoff(base: Duration, retry: u32) -> Duration {
    let exponential = base.saturating_mul(1u32 << retry.min(10));
    let jitter = rand::random::<f64>() * 0.25 * exponential.as_secs_f64();
    exponential + Duration::from_secs_f64(jitter)
}

fn to_record(
    run_id: &str,
    spec: &TrialSpec,
    result: AttemptResult,
    started_at: chrono::DateTime<Utc>,
    finished_at: chrono::DateTime<Utc>,
    retries: Vec<AttemptRecord>,
    host: &str,
) -> TrialRecord {
    TrialRecord {
        schema_version: SCHEMA_VERSION,
        run_id: run_id.to_string(),
        trial_id: spec.trial_id.clone(),
        task_id: spec.task.id.clone(),
        task_digest: spec.task.digest.clone(),
        agent: spec.agent.name.clone(),
        agent_digest: spec.agent.digest.clone(),
        attempt: spec.attempt,
        started_at: retries.first().map(|r| r.started_at).unwrap_or(started_at),
        finished_at,
        // An attempt without a verdict carries an error; make sure the record says so.
        verdict: result.verdict.unwrap_or(Verdict::Error),
        error: match result.verdict {
            Some(_) => result.error,
            None => Some(result.error.unwrap_or_else(unreachable_error)),
        },
        reward: result.reward,
        rewards: result.rewards,
        stop_reason: result.stop_reason,
        usage: result.usage,
        timings: result.timings,
        tests: result.tests,
        retries,
        docker_host: Some(host.to_string()),
        artifacts: format!("{TRIALS_DIR}/{}", spec.trial_id),
    }
}
