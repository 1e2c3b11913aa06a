//! `proctor merge`: shard directories of one run into one run directory, with nothing lost or
//! doubled (trials are keyed by id) and every artifact copied.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use proctor_schema::{RunManifest, TrialRecord, TRIALS_DIR};

use crate::store::{read_manifest, read_trials, RunStore, StoreError};

/// Why shards could not be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}: belongs to run `{found}`, not `{expected}` (merge shards of one run only)", path.display())]
    DifferentRuns { path: PathBuf, expected: String, found: String },
    #[error("{}: already exists and is not empty", path.display())]
    OutputExists { path: PathBuf },
    #[error("no run directory given")]
    Nothing,
    #[error("copying {}: {source}", path.display())]
    Copy {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What a merge did.
#[derive(Debug, Default, PartialEq)]
pub struct MergeSummary {
    pub shards: usize,
    pub trials: usize,
    /// Records seen in more than one shard (kept once: the latest to finish).
    pub duplicates: usize,
}

/// Merge `shards` into the new run directory `out`.
pub fn merge(shards: &[PathBuf], out: &Path) -> Result<MergeSummary, MergeError> {
    let first = shards.first().ok_or(MergeError::Nothing)?;
    if out.exists() && std::fs::read_dir(out).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(MergeError::OutputExists { path: out.to_path_buf() });
    }
    let mut manifest: RunManifest = read_manifest(first)?;
    let mut records: BTreeMap<String, (TrialRecord, PathBuf)> = BTreeMap::new();
    let mut summary = MergeSummary { shards: shards.len(), ..MergeSummary::default() };
    for shard in shards {
        let shard_manifest = read_manifest(shard)?;
        if shard_manifest.run_id != manifest.run_id {
            return Err(MergeError::DifferentRuns {
                path: shard.clone(),
                expected: manifest.run_id.clone(),
                found: shard_manifest.run_id,
            });
        }
        union_manifest(&mut manifest, &shard_manifest);
        for record in read_trials(shard)?.records {
            match records.get(&record.trial_id) {
                Some((kept, _)) => {
                    summary.duplicates += 1;
                    if record.finished_at > kept.finished_at {
                        records.insert(record.trial_id.clone(), (record, shard.clone()));
                    }
                }
                None => {
                    records.insert(record.trial_id.clone(), (record, shard.clone()));
                }
            }
        }
    }
    manifest.shard = None;
    let store = RunStore::create(out, &manifest)?;
    for (record, shard) in records.values() {
        for dir in artifact_dirs(shard, &record.trial_id) {
            let name = dir.file_name().map(|n| n.to_os_string()).unwrap_or_default();
            copy_tree(&dir, &out.join(TRIALS_DIR).join(name))?;
        }
        store.append(record)?;
        summary.trials += 1;
    }
    copy_tree(&first.join("images"), &out.join("images")).ok();
    Ok(summary)
}

/// Tasks and agents of every shard; the earliest start and latest finish.
fn union_manifest(into: &mut RunManifest, other: &RunManifest) {
    let known: HashSet<(String, String)> = into.tasks.iter().map(|t| (t.id.clone(), t.digest.clone())).collect();
    into.tasks.extend(other.tasks.iter().filter(|t| !known.contains(&(t.id.clone(), t.digest.clone()))).cloned());
    let known: HashSet<String> = into.agents.iter().map(|a| a.digest.clone()).collect();
    into.agents.extend(other.agents.iter().filter(|a| !known.contains(&a.digest)).cloned());
    into.created_at = into.created_at.min(other.created_at);
    into.finished_at = match (into.finished_at, other.finished_at) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    };
}

/// `trials/<id>/` and the kept failed attempts `trials/<id>.try<n>/`.
fn artifact_dirs(run: &Path, trial_id: &str) -> Vec<PathBuf> {
    let trials = run.join(TRIALS_DIR);
    let mut dirs = vec![trials.join(trial_id)];
    if let Ok(entries) = std::fs::read_dir(&trials) {
        let prefix = format!("{trial_id}.try");
        dirs.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix))),
        );
    }
    dirs.into_iter().filter(|d| d.is_dir()).collect()
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), MergeError> {
    for entry in walkdir::WalkDir::new(from).follow_links(false) {
        let entry = entry.map_err(|e| MergeError::Copy { path: from.to_path_buf(), source: e.into() })?;
        let relative = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(relative);
        let io = |source| MergeError::Copy { path: entry.path().to_path_buf(), source };
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(io)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).map_err(io)?;
        }
    }
    Ok(())
}
