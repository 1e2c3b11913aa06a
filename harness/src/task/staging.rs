//! What gets uploaded for the oracle (`/solution`) and the verifier (`/tests`). Harbor tasks
//! upload their directories as they are; Terminal-Bench 1 tasks are staged into the same shape:
//! `solution.sh` becomes `solve.sh`, and `tests/` gains `run-tests.sh` and a verify script that
//! turns pytest's summary into a reward.

use std::path::{Path, PathBuf};

use super::{Task, TaskFormat};

/// The script the verifier runs inside `/tests`.
pub const VERIFY_SCRIPT: &str = "test.sh";
/// The verify script staged for Terminal-Bench 1 tasks (named so it cannot clash with a task's).
pub(super) const TB1_VERIFY_SCRIPT: &str = ".proctor-verify.sh";

/// Fail closed: reward 0 first; 1 only when pytest's `-rA` summary shows passes and no failure.
const TB1_VERIFY: &str = r#"mkdir -p /logs/verifier
echo 0 > /logs/verifier/reward.txt
export TEST_DIR=/tests
bash /tests/run-tests.sh > /logs/verifier/run-tests.log 2>&1
status=$?
passed=$(grep -cE '^PASSED ' /logs/verifier/run-tests.log)
failed=$(grep -cE '^(FAILED|ERROR) ' /logs/verifier/run-tests.log)
echo "run-tests.sh exit $status: $passed passed, $failed failed or errored"
if [ "$passed" -gt 0 ] && [ "$failed" -eq 0 ]; then echo 1 > /logs/verifier/reward.txt; fi
"#;

/// A directory ready to upload; a staged copy is removed when dropped.
#[derive(Debug)]
pub struct StagedDir {
    pub path: PathBuf,
    temporary: bool,
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if self.temporary {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

impl Task {
    /// The directory to upload to `/solution`; `scratch` receives a staged copy when needed.
    pub fn stage_solution(&self, scratch: &Path) -> std::io::Result<StagedDir> {
        match self.format {
            TaskFormat::Harbor => Ok(StagedDir { path: self.solution_dir(), temporary: false }),
            TaskFormat::TerminalBench1 => {
                let dir = scratch.join("solution");
                std::fs::create_dir_all(&dir)?;
                std::fs::copy(self.dir.join("solution.sh"), dir.join("solve.sh"))?;
                Ok(StagedDir { path: dir, temporary: true })
            }
        }
    }

    /// The directory to upload to `/tests` (the verifier then runs [`Task::verify_script`] in it).
    pub fn stage_tests(&self, scratch: &Path) -> std::io::Result<StagedDir> {
        match self.format {
            TaskFormat::Harbor => Ok(StagedDir { path: self.tests_dir(), temporary: false }),
            TaskFormat::TerminalBench1 => {
                let dir = scratch.join("tests");
                copy_dir(&self.tests_dir(), &dir)?;
                std::fs::copy(self.dir.join("run-tests.sh"), dir.join("run-tests.sh"))?;
                std::fs::write(dir.join(TB1_VERIFY_SCRIPT), TB1_VERIFY)?;
                Ok(StagedDir { path: dir, temporary: true })
            }
        }
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from).follow_links(false) {
        let entry = entry.map_err(std::io::Error::other)?;
        let relative = entry.path().strip_prefix(from).map_err(std::io::Error::other)?;
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
