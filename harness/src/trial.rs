//! One attempt of one trial: image, container, agent phase, verification, teardown. The
//! container is removed on every path out, including cancellation.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use proctor_agents::policy::Filesystem;
use proctor_agents::registry::ResolvedAgent;
use proctor_agents::{AgentContext, AgentError, AgentLimits, Sandbox, Trajectory};
use proctor_schema::{ErrorCategory, PhaseTimings, StopReason, TestResult, TrialError, Usage, Verdict};
use tokio_util::sync::CancellationToken;

use crate::docker::{gc::owner_label, labels, root_sh, ContainerSpec, DockerHost, DockerSandbox};
use crate::events::{emit, EventSender, Phase, RunEvent};
use crate::images::ImageCache;
use crate::task::Task;
use crate::verifier::{verify, VerifyError};

/// Time an agent gets past its limit to stop by itself before its future is dropped.
const AGENT_GRACE: Duration = Duration::from_secs(10);

/// One planned trial.
#[derive(Debug, Clone)]
pub struct TrialSpec {
    pub trial_id: String,
    pub task: Arc<Task>,
    pub agent: ResolvedAgent,
    pub attempt: u32,
}

/// What one attempt ended with.
#[derive(Debug, Clone, Default)]
pub struct AttemptResult {
    pub verdict: Option<Verdict>,
    pub reward: Option<f64>,
    pub rewards: std::collections::BTreeMap<String, f64>,
    pub error: Option<TrialError>,
    pub stop_reason: Option<StopReason>,
    pub usage: Usage,
    pub timings: PhaseTimings,
    pub tests: Vec<TestResult>,
    /// The run was interrupted: nothing is recorded for this trial.
    pub cancelled: bool,
    /// An error that stops the whole run (e.g. the model API refused the key).
    pub fatal: Option<String>,
}

impl AttemptResult {
    pub(crate) fn error(mut self, category: ErrorCategory, message: impl Into<String>) -> Self {
        self.verdict = Some(Verdict::Error);
        self.error = Some(TrialError { category, message: message.into() });
        self
    }

    pub fn is_infra_error(&self) -> bool {
        self.error.as_ref().is_some_and(|e| e.category == ErrorCategory::Infra)
    }
}

/// Shared context of the trials of one run.
pub struct TrialEnv<'a> {
    pub host: &'a DockerHost,
    pub images: &'a ImageCache,
    pub run_id: &'a str,
    pub cancel: &'a CancellationToken,
    pub events: &'a EventSender,
    /// Leave the container running after the trial (it gets the keep label).
    pub keep_container: bool,
}

/// Run one attempt; artifacts go to `artifacts`.
pub async fn run_attempt(env: &TrialEnv<'_>, spec: &TrialSpec, artifacts: &Path) -> AttemptResult {
    let mut result = AttemptResult::default();
    let phase = |phase| emit(env.events, RunEvent::TrialPhase { trial_id: spec.trial_id.clone(), phase });
    let task = &spec.task;

    phase(Phase::Image);
    let started = Instant::now();
    let image = tokio::select! {
        image = env.images.ensure(env.host, task, env.events) => image,
        () = env.cancel.cancelled() => return AttemptResult { cancelled: true, ..result },
    };
    result.timings.image_sec = Some(started.elapsed().as_secs_f64());
    let build_log = env.images.log_path(task);
    if build_log.is_file() {
        let _ = std::fs::copy(&build_log, artifacts.join("image-build.log"));
    }
    if let Err(e) = image {
        let category = if e.is_infra() { ErrorCategory::Infra } else { ErrorCategory::Task };
        return result.error(category, e.to_string());
    }
    if spec.agent.agent.needs_solution() && !task.has_solution() {
        return result.error(
            ErrorCategory::Task,
            format!("{}: the task has no solution/solve.sh for the oracle", task.dir.display()),
        );
    }

    phase(Phase::Start);
    let started = Instant::now();
    // Not raced against cancellation: a container created by a dropped future would leak.
    let container = DockerSandbox::start(env.host, &container_spec(env, spec)).await;
    result.timings.start_sec = Some(started.elapsed().as_secs_f64());
    let sandbox = match container {
        Ok(sandbox) => sandbox,
        Err(e) => return result.error(ErrorCategory::Infra, format!("starting the container: {e}")),
    };

    let in_container = tokio::select! {
        r = agent_and_verify(env, spec, &sandbox, artifacts, result.clone()) => r,
        () = env.cancel.cancelled() => AttemptResult { cancelled: true, ..result.clone() },
    };
    let mut result = in_container;

    phase(Phase::Teardown);
    let started = Instant::now();
    let _ = std::fs::remove_dir(artifacts.join(".staging"));
    let removed = if env.keep_container && !result.cancelled { Ok(()) } else { sandbox.remove().await };
    result.timings.teardown_sec = Some(started.elapsed().as_secs_f64() + result.timings.teardown_sec.unwrap_or(0.0));
    if let Err(e) = removed {
        if result.error.is_none() && !result.cancelled {
            // The verdict stands; a container we could not remove is for `proctor gc`.
            let _ = std::fs::write(artifacts.join("teardown-error.txt"), e.to_string());
        }
    }
    result
}

fn container_spec(env: &TrialEnv<'_>, spec: &TrialSpec) -> ContainerSpec {
    let task = &spec.task;
    let mut container_labels = HashMap::new();
    container_labels.insert(labels::MANAGED.to_string(), "true".to_string());
    container_labels.insert(labels::RUN.to_string(), env.run_id.to_string());
    container_labels.insert(labels::TRIAL.to_string(), spec.trial_id.clone());
    container_labels.insert(labels::OWNER.to_string(), owner_label());
    if env.keep_container {
        container_labels.insert(labels::KEEP.to_string(), "true".to_string());
    }
    let policy = &spec.agent.sandbox;
    // The task's network unless the agent configuration asks for more.
    let network_mode = match policy.network_mode().or(spec.agent.network.as_deref()) {
        Some("bridge") => "bridge".to_string(),
        _ => task.resources.network_mode.clone(),
    };
    ContainerSpec {
        name: container_name(&spec.trial_id),
        image: task.image_ref(),
        labels: container_labels,
        workdir: task.workdir.clone(),
        env: task.env.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        cpus: policy.cpus.unwrap_or(task.resources.cpus),
        memory_mb: policy.memory_mb.unwrap_or(task.resources.memory_mb),
        pids_limit: policy.pids.map(|p| p as i64).unwrap_or(task.resources.pids_limit),
        network_mode,
        read_only_root: policy.filesystem == Filesystem::WorkspaceWrite,
        exec_user: policy.user.clone().or_else(|| task.agent_user.clone()),
    }
}

fn container_name(trial_id: &str) -> String {
    let clean: String =
        trial_id.chars().map(|c| if c.is_ascii_alphanumeric() || "_.-".contains(c) { c } else { '-' }).collect();
    let suffix: u32 = rand::random();
    format!("proctor-{}-{suffix:08x}", clean.chars().take(100).collect::<String>())
}

async fn agent_and_verify(
    env: &TrialEnv<'_>,
    spec: &TrialSpec,
    sandbox: &DockerSandbox,
    artifacts: &Path,
    mut result: AttemptResult,
) -> AttemptResult {
    let task = &spec.task;
    emit(env.events, RunEvent::TrialPhase { trial_id: spec.trial_id.clone(), phase: Phase::Agent });
    let started = Instant::now();
    let log_dir = artifacts.join("agent");
    if let Err(e) = std::fs::create_dir_all(&log_dir) {
        return result.error(ErrorCategory::Harness, format!("creating {}: {e}", log_dir.display()));
    }
    let trajectory = match Trajectory::create(&artifacts.join("trajectory.jsonl")) {
        Ok(t) => t,
        Err(e) => return result.error(ErrorCategory::Harness, format!("creating the trajectory file: {e}")),
    };
    let before = snapshot_workdir(sandbox).await;
    let staged_solution = match spec.agent.agent.needs_solution() {
        true => match task.stage_solution(&artifacts.join(".staging")) {
            Ok(staged) => Some(staged),
            Err(e) => return result.error(ErrorCategory::Task, format!("staging the solution: {e}")),
        },
        false => None,
    };
    let timeout = spec.agent.wall_time.map_or(task.agent_timeout, |wall| wall.min(task.agent_timeout));
    let limits = AgentLimits { timeout };
    let context = AgentContext {
        task_id: &task.id,
        instruction: &task.instruction,
        sandbox,
        limits: limits.clone(),
        solution_dir: staged_solution.as_ref().map(|s| s.path.as_path()),
        trajectory: &trajectory,
        log_dir: &log_dir,
        cancel: env.cancel.child_token(),
    };
    let outcome = tokio::time::timeout(limits.timeout + AGENT_GRACE, spec.agent.agent.run(context)).await;
    result.timings.agent_sec = Some(started.elapsed().as_secs_f64());
    match outcome {
        Ok(Ok(outcome)) => {
            result.stop_reason = Some(outcome.stop_reason);
            result.usage = outcome.usage;
        }
        Ok(Err(AgentError::Sandbox(e))) => {
            result.usage = trajectory.usage();
            return result.error(
                ErrorCategory::Infra,
                container_problem(sandbox, format!("sandbox failed during the agent phase: {e}")).await,
            );
        }
        Ok(Err(AgentError::Fatal(message))) => {
            result.usage = trajectory.usage();
            result.fatal = Some(message.clone());
            return result.error(ErrorCategory::Agent, message);
        }
        Ok(Err(e)) => {
            result.usage = trajectory.usage();
            return result.error(e.category(), format!("the agent crashed: {e}"));
        }
        Err(_) => {
            // The agent overran its limit and its grace: it is stopped and still verified.
            result.stop_reason = Some(StopReason::Timeout);
            result.usage = trajectory.usage();
        }
    }
    match sandbox.is_running().await {
        Ok(true) => {}
        Ok(false) => {
            return result.error(
                ErrorCategory::Infra,
                "the container stopped during the agent phase (killed from outside, or out of memory)",
            )
        }
        Err(e) => return result.error(ErrorCategory::Infra, format!("checking the container: {e}")),
    }

    let started = Instant::now();
    record_changes(sandbox, artifacts, before.as_ref()).await;
    result.timings.teardown_sec = Some(started.elapsed().as_secs_f64());

    emit(env.events, RunEvent::TrialPhase { trial_id: spec.trial_id.clone(), phase: Phase::Verify });
    let started = Instant::now();
    let verification = verify(sandbox, task, artifacts).await;
    result.timings.verify_sec = Some(started.elapsed().as_secs_f64());
    match verification {
        Ok(v) => {
            result.verdict = Some(if v.reward >= 1.0 { Verdict::Passed } else { Verdict::Failed });
            result.reward = Some(v.reward);
            result.rewards = v.rewards;
            result.tests = v.tests;
            result
        }
        Err(VerifyError::Sandbox(e)) => {
            let message = container_problem(sandbox, format!("sandbox failed during verification: {e}")).await;
            result.error(ErrorCategory::Infra, message)
        }
        Err(e) => result.error(ErrorCategory::Verifier, e.to_string()),
    }
}

/// Explain a sandbox failure, noticing when the container itself is gone.
async fn container_problem(sandbox: &DockerSandbox, message: String) -> String {
    match sandbox.is_running().await {
        Ok(false) => format!("{message} (the container is no longer running)"),
        _ => message,
    }
}

/// Lists the files under the workdir: `path<TAB>size mtime` per line (GNU find).
const LIST_WORKDIR: &str = "find . -xdev -name .git -prune -o -type f -printf '%P\\t%s %T@\\n' 2>/dev/null";
/// Separates the listing from the git diff in [`record_changes`]'s single exec.
const DIFF_MARKER: &str = "--- proctor: git diff ---";

fn parse_listing(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(path, stat)| (path.to_string(), stat.to_string()))
        .collect()
}

/// Files under the workdir: path relative to it, size and modification time. `None` when the
/// listing failed (no GNU find in the image, say).
async fn snapshot_workdir(sandbox: &DockerSandbox) -> Option<BTreeMap<String, String>> {
    let request = root_sh(LIST_WORKDIR, Duration::from_secs(60)).max_output_bytes(16 << 20);
    let output = sandbox.exec(request).await.ok().filter(|o| o.success() && !o.stdout.was_cut())?;
    Some(parse_listing(&output.stdout.to_text()))
}

/// Save what the agent changed in the workdir: `changes.txt` (`A`dded, `C`hanged, `D`eleted
/// files, from listings before and after the agent phase) and, when the workdir is a git
/// repository, `diff.patch`. One exec; best effort: a failure here never changes the verdict.
async fn record_changes(sandbox: &DockerSandbox, artifacts: &Path, before: Option<&BTreeMap<String, String>>) {
    let script = format!(
        "{LIST_WORKDIR}; echo '{DIFF_MARKER}'; \
         git -c safe.directory='*' rev-parse --is-inside-work-tree >/dev/null 2>&1 || exit 0; \
         git -c safe.directory='*' -c core.quotepath=off diff --no-color HEAD 2>/dev/null; \
         git -c safe.directory='*' ls-files --others --exclude-standard | sed 's/^/untracked: /'"
    );
    let request = root_sh(script, Duration::from_secs(60)).max_output_bytes(16 << 20);
    let Ok(output) = sandbox.exec(request).await else { return };
    if output.stdout.was_cut() {
        return;
    }
    let text = output.stdout.to_text();
    let (listing, diff) = text.split_once(&format!("{DIFF_MARKER}\n")).unwrap_or((&text, ""));
    if let Some(before) = before {
        let after = parse_listing(listing);
        let mut lines = Vec::new();
        for (path, stat) in &after {
            match before.get(path) {
                None => lines.push(format!("A {path}")),
                Some(old) if old != stat => lines.push(format!("C {path}")),
                Some(_) => {}
            }
        }
        lines.extend(before.keys().filter(|path| !after.contains_key(*path)).map(|path| format!("D {path}")));
        lines.sort_by(|a, b| a[2..].cmp(&b[2..]));
        let _ = std::fs::write(artifacts.join("changes.txt"), lines.join("\n") + "\n");
    }
    if !diff.is_empty() {
        let _ = std::fs::write(artifacts.join("diff.patch"), diff);
    }
}
