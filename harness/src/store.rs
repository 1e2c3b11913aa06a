//! The results store: `runs/<run-id>/` with `run.json` (written atomically), `trials.jsonl`
//! (one record per finished trial, appended, flushed and synced before the trial is reported
//! done) and `trials/<trial-id>/` artifacts.
//!
//! A crash can tear at most the last line of `trials.jsonl`; reading tolerates it and reopening
//! for append cuts it off, so the next record starts on a line of its own.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use proctor_schema::{RunManifest, TrialRecord, RUN_MANIFEST_FILE, TRIALS_DIR, TRIALS_FILE};

/// A failure of the results store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a proctor run directory (no {RUN_MANIFEST_FILE})", path.display())]
    NotARun { path: PathBuf },
    #[error("{}: run directory already exists (use --resume {} to continue it, or another --run-id)", path.display(), path.display())]
    Exists { path: PathBuf },
    #[error("{}: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_path_buf(), source }
}

/// An open run directory.
#[derive(Debug)]
pub struct RunStore {
    dir: PathBuf,
    trials: Mutex<File>,
}

impl RunStore {
    /// Create `dir` for a new run and write its manifest. Fails if the directory holds a run.
    pub fn create(dir: &Path, manifest: &RunManifest) -> Result<RunStore, StoreError> {
        if dir.join(RUN_MANIFEST_FILE).exists() {
            return Err(StoreError::Exists { path: dir.to_path_buf() });
        }
        std::fs::create_dir_all(dir.join(TRIALS_DIR)).map_err(io(dir))?;
        write_atomically(&dir.join(RUN_MANIFEST_FILE), &manifest_bytes(manifest)?)?;
        Self::open_trials(dir)
    }

    /// Open an existing run for appending (resume). Returns the store, its manifest and the
    /// records already there.
    pub fn resume(dir: &Path) -> Result<(RunStore, RunManifest, Vec<TrialRecord>), StoreError> {
        let manifest = read_manifest(dir)?;
        let records = read_trials(dir)?.records;
        let store = Self::open_trials(dir)?;
        Ok((store, manifest, records))
    }

    fn open_trials(dir: &Path) -> Result<RunStore, StoreError> {
        let path = dir.join(TRIALS_FILE);
        let mut file = OpenOptions::new().create(true).read(true).append(true).open(&path).map_err(io(&path))?;
        cut_torn_tail(&mut file, &path)?;
        Ok(RunStore { dir: dir.to_path_buf(), trials: Mutex::new(file) })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The artifact directory of a trial (created).
    pub fn trial_dir(&self, trial_id: &str) -> Result<PathBuf, StoreError> {
        let path = self.dir.join(TRIALS_DIR).join(trial_id);
        std::fs::create_dir_all(&path).map_err(io(&path))?;
        Ok(path)
    }

    /// Append one record and sync it to disk before returning.
    pub fn append(&self, record: &TrialRecord) -> Result<(), StoreError> {
        let path = self.dir.join(TRIALS_FILE);
        let mut line =
            serde_json::to_vec(record).map_err(|e| StoreError::Io { path: path.clone(), source: e.into() })?;
        line.push(b'\n');
        let mut file = self.trials.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        file.write_all(&line).map_err(io(&path))?;
        file.flush().map_err(io(&path))?;
        file.sync_data().map_err(io(&path))
    }
}

/// Rewrite a run's manifest (atomically: a crash leaves the old or the new one).
pub fn write_manifest(dir: &Path, manifest: &RunManifest) -> Result<(), StoreError> {
    write_atomically(&dir.join(RUN_MANIFEST_FILE), &manifest_bytes(manifest)?)
}

fn manifest_bytes(manifest: &RunManifest) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(manifest)
        .map_err(|e| StoreError::Corrupt { path: RUN_MANIFEST_FILE.into(), message: e.to_string() })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Write `path` through a temporary file, synced, then renamed over it.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let tmp = path.with_extension("tmp");
    let mut file = File::create(&tmp).map_err(io(&tmp))?;
    file.write_all(contents).map_err(io(&tmp))?;
    file.sync_all().map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io(path))?;
    if let Some(parent) = path.parent() {
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

/// If the file does not end with a newline, cut it back to the last complete line.
fn cut_torn_tail(file: &mut File, path: &Path) -> Result<(), StoreError> {
    let len = file.metadata().map_err(io(path))?.len();
    if len == 0 {
        return Ok(());
    }
    let mut reader = BufReader::new(&*file);
    reader.seek(SeekFrom::Start(0)).map_err(io(path))?;
    let mut keep = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line).map_err(io(path))?;
        if read == 0 {
            break;
        }
        if line.ends_with(b"\n") {
            keep += read as u64;
        }
    }
    if keep < len {
        file.set_len(keep).map_err(io(path))?;
        file.sync_data().map_err(io(path))?;
    }
    Ok(())
}

/// Read `run.json`.
pub fn read_manifest(dir: &Path) -> Result<RunManifest, StoreError> {
    let path = dir.join(RUN_MANIFEST_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotARun { path: dir.to_path_buf() })
        }
        Err(source) => return Err(StoreError::Io { path, source }),
    };
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt { path, message: e.to_string() })
}

/// The records of a run, and whether the last line was torn (and ignored).
#[derive(Debug, Default)]
pub struct TrialsFile {
    pub records: Vec<TrialRecord>,
    pub torn_tail: bool,
}

/// Read `trials.jsonl`. A torn last line is ignored; a bad line elsewhere is an error naming it.
pub fn read_trials(dir: &Path) -> Result<TrialsFile, StoreError> {
    let path = dir.join(TRIALS_FILE);
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(TrialsFile::default()),
        Err(source) => return Err(StoreError::Io { path, source }),
    };
    let mut reader = BufReader::new(file);
    let mut result = TrialsFile::default();
    let mut line = String::new();
    let mut number = 0usize;
    loop {
        line.clear();
        let read = reader.read_line(&mut line).map_err(io(&path))?;
        if read == 0 {
            break;
        }
        number += 1;
        let complete = line.ends_with('\n');
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<TrialRecord>(line.trim_end()) {
            Ok(record) => result.records.push(record),
            Err(_) if !complete => result.torn_tail = true,
            Err(e) => return Err(StoreError::Corrupt { path: path.clone(), message: format!("line {number}: {e}") }),
        }
    }
    Ok(result)
}

/// The ids of the trials a run already recorded.
pub fn recorded_ids(records: &[TrialRecord]) -> HashSet<String> {
    records.iter().map(|r| r.trial_id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use proctor_schema::{PhaseTimings, Usage, Verdict, SCHEMA_VERSION};

    fn record(id: &str) -> TrialRecord {
        TrialRecord {
            schema_version: SCHEMA_VERSION,
            run_id: "r".into(),
            trial_id: id.into(),
            task_id: "t".into(),
            task_digest: "sha256:0".into(),
            agent: "nop".into(),
            agent_digest: "sha256:1".into(),
            attempt: 0,
            started_at: Utc::now(),
            finished_at: Utc::now(),
            verdict: Verdict::Failed,
            reward: Some(0.0),
            rewards: Default::default(),
            error: None,
            stop_reason: None,
            usage: Usage::default(),
            timings: PhaseTimings::default(),
            tests: Vec::new(),
            retries: Vec::new(),
            docker_host: None,
            artifacts: format!("trials/{id}"),
        }
    }

    #[test]
    fn torn_last_line_is_ignored_then_cut_on_resume() {
        let dir = tempfile::tempdir().expect("tempdir");
        let manifest: RunManifest = serde_json::from_value(serde_json::json!({
            "schema_version": 1, "run_id": "r", "created_at": Utc::now(), "proctor_version": "0",
            "invocation": [], "host": {}, "attempts": 1, "concurrency": 1, "tasks": [], "agents": []
        }))
        .expect("manifest");
        let store = RunStore::create(dir.path(), &manifest).expect("create");
        store.append(&record("a")).expect("append");
        store.append(&record("b")).expect("append");
        drop(store);
        // Simulate a crash in the middle of writing a third record.
        let full = serde_json::to_string(&record("c")).expect("json");
        let mut file = OpenOptions::new().append(true).open(dir.path().join(TRIALS_FILE)).expect("open");
        file.write_all(&full.as_bytes()[..full.len() / 2]).expect("write");
        drop(file);

        let read = read_trials(dir.path()).expect("torn tail tolerated");
        assert!(read.torn_tail);
        assert_eq!(read.records.len(), 2);

        let (store, _, records) = RunStore::resume(dir.path()).expect("resume");
        assert_eq!(records.len(), 2);
        store.append(&record("c")).expect("append");
        let read = read_trials(dir.path()).expect("reads");
        assert!(!read.torn_tail);
        assert_eq!(read.records.iter().map(|r| r.trial_id.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn corrupt_middle_line_is_an_error_naming_the_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = serde_json::to_string(&record("a")).expect("json");
        std::fs::write(dir.path().join(TRIALS_FILE), format!("{good}\nnot json\n{good}\n")).expect("write");
        let message = read_trials(dir.path()).expect_err("corrupt").to_string();
        assert!(message.contains("line 2"), "{message}");
    }

    #[test]
    fn create_refuses_an_existing_run() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(RUN_MANIFEST_FILE), "{}").expect("write");
        let manifest: RunManifest = serde_json::from_value(serde_json::json!({
            "schema_version": 1, "run_id": "r", "created_at": Utc::now(), "proctor_version": "0",
            "invocation": [], "host": {}, "attempts": 1, "concurrency": 1, "tasks": [], "agents": []
        }))
        .expect("manifest");
        assert!(matches!(RunStore::create(dir.path(), &manifest), Err(StoreError::Exists { .. })));
    }
}
