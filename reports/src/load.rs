//! Reading run directories: `run.json` manifests and `trials.jsonl` streamed line by line (parsed
//! in parallel batches), shards of one run merged, duplicate trials dropped, runs ordered by start.
//!
//! A torn last line of `trials.jsonl` (a crash while appending) is ignored with a warning; a
//! corrupt line followed by other records is an error naming the file and line.

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use proctor_schema::{RunManifest, TestOutcome, TrialRecord, Verdict, RUN_MANIFEST_FILE, TRIALS_FILE};
use rayon::prelude::*;

use crate::error::ReportError;
use crate::model::{Config, Dataset, FailureDetail, RunInfo, Trial};
use crate::record::LeanRecord;

/// Bytes of `trials.jsonl` read (and parsed in parallel) at a time.
const BLOCK_BYTES: usize = 4 << 20;
/// Expected lines per block (a capacity hint).
const BATCH_LINES: usize = 8192;
/// Longest error or test message kept per failing trial.
const MESSAGE_CHARS: usize = 600;
/// Failing tests kept per failing trial.
const FAILED_TESTS_KEPT: usize = 20;

/// Load the given run directories (`baseline` ones marked as such) into one [`Dataset`].
pub fn load(current: &[PathBuf], baseline: &[PathBuf]) -> Result<Dataset, ReportError> {
    if current.is_empty() && baseline.is_empty() {
        return Err(ReportError::NoRuns);
    }
    let mut builder = Builder::default();
    for (dir, is_baseline) in current.iter().map(|d| (d, false)).chain(baseline.iter().map(|d| (d, true))) {
        builder.add_dir(dir, is_baseline)?;
    }
    Ok(builder.finish())
}

/// Read and parse `run.json` of one run directory.
pub fn read_manifest(dir: &Path) -> Result<RunManifest, ReportError> {
    let path = dir.join(RUN_MANIFEST_FILE);
    let file = File::open(&path).map_err(|source| ReportError::ManifestIo { path: path.clone(), source })?;
    serde_json::from_reader(BufReader::new(file)).map_err(|source| ReportError::Manifest { path, source })
}

/// Stream the records of one `trials.jsonl`, calling `sink` on each in file order.
///
/// The file is read in blocks of a few MiB; the complete lines of a block are parsed in parallel
/// straight from the buffer, and only the unfinished last line is carried over: memory stays
/// bounded whatever the file's size.
///
/// Returns the number of a torn (unparseable) last line that was skipped, if any. A missing file
/// is an empty run (no trial finished yet).
pub fn stream_trials(path: &Path, sink: impl FnMut(TrialRecord)) -> Result<Option<u64>, ReportError> {
    stream_parsed(path, |line| serde_json::from_slice::<TrialRecord>(line), sink)
}

/// [`stream_trials`] with a custom `parse` of each line, run on the parsing threads (so
/// conversion and freeing happen in parallel too); `sink` gets the results in file order.
pub fn stream_parsed<T: Send>(
    path: &Path,
    parse: impl Fn(&[u8]) -> Result<T, serde_json::Error> + Sync,
    mut sink: impl FnMut(T),
) -> Result<Option<u64>, ReportError> {
    let io_err = |source| ReportError::TrialsIo { path: path.to_path_buf(), source };
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(io_err(source)),
    };
    let mut pending: Option<(u64, serde_json::Error)> = None;
    let mut line_no: u64 = 0;
    let mut buf: Vec<u8> = Vec::with_capacity(BLOCK_BYTES + 64 * 1024);
    let mut eof = false;
    while !eof {
        // Fill the buffer up to one block past what was carried over.
        let target = buf.len() + BLOCK_BYTES;
        while buf.len() < target {
            let start = buf.len();
            buf.resize(target, 0);
            let n = loop {
                match file.read(&mut buf[start..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(io_err(e)),
                }
            };
            buf.truncate(start + n);
            if n == 0 {
                eof = true;
                break;
            }
        }
        let complete = if eof {
            buf.len()
        } else {
            match buf.iter().rposition(|&b| b == b'\n') {
                Some(i) => i + 1,
                None => continue, // one line longer than a block: read on
            }
        };
        let mut lines: Vec<(u64, &[u8])> = Vec::with_capacity(BATCH_LINES);
        for line in buf[..complete].split(|&b| b == b'\n') {
            line_no += 1;
            if !line.iter().all(u8::is_ascii_whitespace) {
                lines.push((line_no, line));
            }
        }
        // `split` yields an empty piece after the final newline: not a line.
        if complete > 0 && buf[complete - 1] == b'\n' {
            line_no -= 1;
        }
        let parsed: Vec<(u64, Result<T, serde_json::Error>)> =
            lines.par_iter().map(|&(n, text)| (n, parse(text))).collect();
        for (n, result) in parsed {
            if let Some((bad_line, source)) = pending.take() {
                return Err(ReportError::CorruptTrial { path: path.to_path_buf(), line: bad_line, source });
            }
            match result {
                Ok(record) => sink(record),
                Err(e) => pending = Some((n, e)),
            }
        }
        buf.drain(..complete);
    }
    Ok(pending.map(|(n, _)| n))
}

fn cut(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// A record converted on a parsing thread; interning and de-duplication follow in file order.
struct Parsed {
    trial: Trial,
    task_id: String,
    agent: String,
    agent_digest: String,
    finished_at: DateTime<Utc>,
    other_run: bool,
}

fn convert(rec: LeanRecord, run_id: &str, dir: u32) -> Parsed {
    let passed = rec.verdict == Verdict::Passed;
    let detail = if passed {
        None
    } else {
        let failed_tests: Vec<(String, Option<String>)> = rec
            .tests
            .iter()
            .filter(|t| t.outcome == TestOutcome::Failed)
            .take(FAILED_TESTS_KEPT)
            .map(|t| (t.name.to_string(), t.message.as_deref().map(|m| cut(m, MESSAGE_CHARS))))
            .collect();
        let error_message = rec.error.as_ref().map(|e| cut(&e.message, MESSAGE_CHARS));
        Some(Box::new(FailureDetail { error_message, failed_tests }))
    };
    let phases = rec.timings.total_sec();
    let wall_sec = if phases > 0.0 {
        phases
    } else {
        ((rec.finished_at - rec.started_at).num_milliseconds().max(0) as f64) / 1000.0
    };
    let trial = Trial {
        config: 0,
        task: 0,
        dir,
        trial_id: rec.trial_id.into(),
        attempt: rec.attempt,
        verdict: rec.verdict,
        error: rec.error.as_ref().map(|e| e.category),
        reward: rec.reward,
        stop_reason: rec.stop_reason,
        tokens: rec.usage.total_tokens(),
        turns: rec.usage.turns,
        tool_calls: rec.usage.tool_calls,
        compactions: rec.usage.compactions,
        cost_usd: rec.usage.cost_usd,
        wall_sec,
        started_at: rec.started_at,
        retries: rec.retries.len() as u32,
        artifacts: rec.artifacts.into(),
        detail,
    };
    Parsed {
        trial,
        task_id: rec.task_id.into_owned(),
        agent: rec.agent.into_owned(),
        agent_digest: rec.agent_digest.into_owned(),
        finished_at: rec.finished_at,
        other_run: rec.run_id != run_id,
    }
}

struct RunBuild {
    info: RunInfo,
    agents: Vec<(String, String)>,
    tasks: BTreeSet<String>,
}

#[derive(Default)]
struct Builder {
    runs: Vec<RunBuild>,
    run_index: HashMap<String, usize>,
    dirs: Vec<PathBuf>,
    /// Provisional configs: (run, manifest position or first-seen order, agent, digest).
    configs: Vec<(usize, usize, String, String)>,
    task_index: HashMap<String, u32>,
    tasks: Vec<String>,
    trials: Vec<Trial>,
    finished: Vec<DateTime<Utc>>,
    seen: HashMap<(usize, Box<str>), usize>,
    duplicates: usize,
    warnings: Vec<String>,
}

impl Builder {
    fn add_dir(&mut self, dir: &Path, baseline: bool) -> Result<(), ReportError> {
        let manifest = read_manifest(dir)?;
        let dir_idx = self.dirs.len() as u32;
        self.dirs.push(dir.to_path_buf());
        let run = match self.run_index.get(&manifest.run_id) {
            Some(&r) => r,
            None => {
                let r = self.runs.len();
                self.run_index.insert(manifest.run_id.clone(), r);
                self.runs.push(RunBuild {
                    info: RunInfo {
                        run_id: manifest.run_id.clone(),
                        created_at: manifest.created_at,
                        finished_at: manifest.finished_at,
                        proctor_version: manifest.proctor_version.clone(),
                        git_commit: manifest.proctor_git_commit.clone(),
                        attempts: manifest.attempts,
                        dirs: Vec::new(),
                        shards: Vec::new(),
                        planned_tasks: 0,
                        trials: 0,
                        baseline,
                    },
                    agents: Vec::new(),
                    tasks: BTreeSet::new(),
                });
                r
            }
        };
        {
            let rb = &mut self.runs[run];
            let info = &mut rb.info;
            info.created_at = info.created_at.min(manifest.created_at);
            info.finished_at = match (info.finished_at, manifest.finished_at) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
            info.attempts = info.attempts.max(manifest.attempts);
            info.baseline &= baseline;
            info.dirs.push(dir.to_path_buf());
            if let Some(s) = manifest.shard {
                info.shards.push(s);
            }
            for a in &manifest.agents {
                if !rb.agents.iter().any(|(n, _)| n == &a.name) {
                    rb.agents.push((a.name.clone(), a.digest.clone()));
                }
            }
            rb.tasks.extend(manifest.tasks.iter().map(|t| t.id.clone()));
        }
        let agents = self.runs[run].agents.clone();
        for (pos, (name, digest)) in agents.iter().enumerate() {
            self.config_for(run, name, digest, pos);
        }
        let path = dir.join(TRIALS_FILE);
        let mut mismatched_run_id = false;
        let run_id = manifest.run_id.as_str();
        let torn = stream_parsed(
            &path,
            |line| serde_json::from_slice::<LeanRecord>(line).map(|rec| convert(rec, run_id, dir_idx)),
            |p| {
                mismatched_run_id |= p.other_run;
                self.add_trial(run, p);
            },
        )?;
        if let Some(line) = torn {
            self.warnings.push(format!("{}:{line}: ignored a torn last line", path.display()));
        }
        if mismatched_run_id {
            self.warnings.push(format!(
                "{}: some records name another run than run.json ({}); counted with the latter",
                path.display(),
                manifest.run_id
            ));
        }
        Ok(())
    }

    fn config_for(&mut self, run: usize, agent: &str, digest: &str, pos: usize) -> u32 {
        // Configurations are few: a scan beats hashing an owned key per record.
        if let Some(c) = self.configs.iter().position(|(r, _, a, _)| *r == run && a == agent) {
            return c as u32;
        }
        let c = self.configs.len() as u32;
        self.configs.push((run, pos, agent.to_string(), digest.to_string()));
        c
    }

    fn task_for(&mut self, task: &str) -> u32 {
        if let Some(&t) = self.task_index.get(task) {
            return t;
        }
        let t = self.tasks.len() as u32;
        self.tasks.push(task.to_string());
        self.task_index.insert(task.to_string(), t);
        t
    }

    fn add_trial(&mut self, run: usize, p: Parsed) {
        let mut trial = p.trial;
        trial.config = self.config_for(run, &p.agent, &p.agent_digest, usize::MAX);
        trial.task = self.task_for(&p.task_id);
        let key = (run, trial.trial_id.clone());
        match self.seen.get(&key) {
            Some(&idx) => {
                self.duplicates += 1;
                if p.finished_at > self.finished[idx] {
                    self.trials[idx] = trial;
                    self.finished[idx] = p.finished_at;
                }
            }
            None => {
                self.seen.insert(key, self.trials.len());
                self.trials.push(trial);
                self.finished.push(p.finished_at);
            }
        }
    }

    fn finish(mut self) -> Dataset {
        // Runs in start order.
        let mut run_order: Vec<usize> = (0..self.runs.len()).collect();
        run_order.sort_by(|&a, &b| {
            let (ra, rb) = (&self.runs[a].info, &self.runs[b].info);
            ra.created_at.cmp(&rb.created_at).then_with(|| ra.run_id.cmp(&rb.run_id))
        });
        let mut run_rank = vec![0usize; self.runs.len()];
        for (rank, &r) in run_order.iter().enumerate() {
            run_rank[r] = rank;
        }
        // Configurations by run rank, then manifest position, then first appearance.
        let mut config_order: Vec<u32> = (0..self.configs.len() as u32).collect();
        config_order.sort_by_key(|&c| {
            let (run, pos, _, _) = &self.configs[c as usize];
            (run_rank[*run], *pos, c)
        });
        let mut config_rank = vec![0u32; self.configs.len()];
        for (rank, &c) in config_order.iter().enumerate() {
            config_rank[c as usize] = rank as u32;
        }
        // Tasks by name.
        let mut task_order: Vec<u32> = (0..self.tasks.len() as u32).collect();
        task_order.sort_by(|&a, &b| self.tasks[a as usize].cmp(&self.tasks[b as usize]));
        let mut task_rank = vec![0u32; self.tasks.len()];
        for (rank, &t) in task_order.iter().enumerate() {
            task_rank[t as usize] = rank as u32;
        }
        let mut trials = std::mem::take(&mut self.trials);
        let mut per_run = vec![0usize; self.runs.len()];
        for t in &mut trials {
            per_run[self.configs[t.config as usize].0] += 1;
            t.config = config_rank[t.config as usize];
            t.task = task_rank[t.task as usize];
        }
        trials.par_sort_unstable_by(|a, b| {
            (a.config, a.task, a.attempt, &a.trial_id).cmp(&(b.config, b.task, b.attempt, &b.trial_id))
        });
        let several_runs = self.runs.len() > 1;
        let configs: Vec<Config> = config_order
            .iter()
            .map(|&c| {
                let (run, _, agent, digest) = &self.configs[c as usize];
                let run_id = &self.runs[*run].info.run_id;
                Config {
                    run: run_rank[*run],
                    agent: agent.clone(),
                    agent_digest: digest.clone(),
                    label: if several_runs { format!("{agent}@{run_id}") } else { agent.clone() },
                }
            })
            .collect();
        let runs: Vec<RunInfo> = run_order
            .iter()
            .map(|&r| {
                let rb = &self.runs[r];
                let mut info = rb.info.clone();
                info.planned_tasks = rb.tasks.len();
                info.trials = per_run[r];
                info.shards.sort_by_key(|s| (s.count, s.index));
                info
            })
            .collect();
        let tasks: Vec<String> = task_order.iter().map(|&t| self.tasks[t as usize].clone()).collect();
        if self.duplicates > 0 {
            self.warnings.push(format!(
                "{} duplicate trial record(s) (same run and trial id) dropped; the one that finished last kept",
                self.duplicates
            ));
        }
        Dataset { runs, dirs: self.dirs, configs, tasks, trials, warnings: self.warnings }
    }
}
