//! Verification, fail closed. After the agent phase: kill every process but PID 1, recreate
//! `/logs/verifier` owned by root (discarding anything the agent put there), upload `tests/` to a
//! fresh `/tests`, run `bash /tests/test.sh` under the verifier timeout, and read the reward. No
//! reward file means reward 0, recorded as such.

mod results;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use proctor_agents::{ExecOutput, Sandbox, SandboxError};
use proctor_schema::TestResult;

pub use results::{parse_ctrf, parse_junit, parse_pytest_summary};

use crate::docker::root_sh;
use crate::task::Task;

/// Where the verifier writes its reward and per-test results inside the container.
pub const VERIFIER_LOGS: &str = "/logs/verifier";
/// Where the hidden tests are uploaded inside the container.
pub const TESTS_DIR: &str = "/tests";

/// What the verifier produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    pub reward: f64,
    /// Every key of `reward.json`, when one was written.
    pub rewards: BTreeMap<String, f64>,
    pub tests: Vec<TestResult>,
    pub exit_code: Option<i64>,
    /// True when neither reward.txt nor reward.json existed (the reward is then 0).
    pub reward_missing: bool,
}

/// Why a trial's verification could not give a verdict.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("the verifier timed out after {}s (verifier.timeout_sec)", timeout.as_secs())]
    TimedOut { timeout: Duration },
    #[error("the verifier could not run: {0}")]
    Crashed(String),
    #[error("the verifier wrote an unreadable reward: {0}")]
    BadReward(String),
    #[error("sandbox failed during verification")]
    Sandbox(#[from] SandboxError),
}

/// Run the verification protocol in `sandbox`. Results land in `<artifacts>/verifier/`: whatever
/// the verifier left in /logs/verifier, plus its captured stdout.txt, stderr.txt and status.txt.
pub async fn verify(sandbox: &dyn Sandbox, task: &Task, artifacts: &Path) -> Result<Verification, VerifyError> {
    let out_dir = artifacts.join("verifier");
    std::fs::create_dir_all(&out_dir)
        .map_err(|source| SandboxError::Io { path: out_dir.display().to_string(), source })?;

    // 1. Nothing the agent started survives: kill every process but PID 1 (and this shell).
    // 2. A fresh, root-owned /logs/verifier and /tests: whatever the agent wrote there is gone.
    // (/tests may be a volume mountpoint, which cannot be removed, only emptied.)
    let prepare = format!(
        "for i in 1 2 3; do kill -9 -1 2>/dev/null || break; sleep 0.05; done; \
         rm -rf {VERIFIER_LOGS}; rm -rf {TESTS_DIR} 2>/dev/null; \
         if [ -d {TESTS_DIR} ] && [ ! -L {TESTS_DIR} ]; then find {TESTS_DIR} -mindepth 1 -delete; fi; \
         mkdir -p {VERIFIER_LOGS} {TESTS_DIR} && chown root:root {VERIFIER_LOGS} {TESTS_DIR} && chmod 0755 {VERIFIER_LOGS} {TESTS_DIR} \
         && [ -z \"$(ls -A {TESTS_DIR})\" ] && [ -z \"$(ls -A {VERIFIER_LOGS})\" ]"
    );
    let prepared = sandbox.exec(root_sh(prepare, Duration::from_secs(60)).workdir("/")).await?;
    if !prepared.success() {
        return Err(VerifyError::Crashed(format!(
            "preparing {VERIFIER_LOGS} and {TESTS_DIR} failed (exit code {:?}): {}",
            prepared.exit_code,
            prepared.stderr.to_text().trim()
        )));
    }

    // 3. The hidden tests arrive only now.
    let staged = task
        .stage_tests(&artifacts.join(".staging"))
        .map_err(|e| VerifyError::Crashed(format!("staging the tests: {e}")))?;
    sandbox.upload_path(&staged.path, TESTS_DIR).await?;
    drop(staged);

    // 4. Run them.
    // bash by absolute path where it exists: an agent may have shadowed `bash` on PATH.
    let script = format!("{TESTS_DIR}/{}", task.verify_script());
    let run = format!("if [ -x /bin/bash ]; then exec /bin/bash {script}; else exec bash {script}; fi");
    let mut request = root_sh(run, task.verifier_timeout)
        .user(task.verifier_user.clone().unwrap_or_else(|| "root".into()))
        .max_output_bytes(1 << 20);
    request.workdir = Some(sandbox.workdir().to_string());
    request.env = task.verifier_env.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let output = sandbox.exec(request).await?;
    if output.timed_out {
        write_output(&out_dir, &output)?;
        return Err(VerifyError::TimedOut { timeout: task.verifier_timeout });
    }

    // 5. Read what it left: /logs/verifier lands as `<artifacts>/verifier/`, beside (and never
    // over) the verifier's captured output.
    sandbox.download_path(VERIFIER_LOGS, artifacts).await?;
    write_output(&out_dir, &output)?;
    read_verdict(&out_dir, output.exit_code)
}

fn write_output(dir: &Path, output: &ExecOutput) -> Result<(), SandboxError> {
    for (name, stream) in [("stdout.txt", &output.stdout), ("stderr.txt", &output.stderr)] {
        let path = dir.join(name);
        std::fs::write(&path, stream.to_text())
            .map_err(|source| SandboxError::Io { path: path.display().to_string(), source })?;
    }
    let status = format!(
        "exit_code: {:?}\ntimed_out: {}\nduration_sec: {:.3}\n",
        output.exit_code,
        output.timed_out,
        output.duration.as_secs_f64()
    );
    let path = dir.join("status.txt");
    std::fs::write(&path, status).map_err(|source| SandboxError::Io { path: path.display().to_string(), source })
}

/// Read the reward and per-test results from a downloaded `/logs/verifier`.
pub fn read_verdict(logs: &Path, exit_code: Option<i64>) -> Result<Verification, VerifyError> {
    let mut rewards = BTreeMap::new();
    let reward_txt = logs.join("reward.txt");
    let reward_json = logs.join("reward.json");
    let reward = if reward_txt.is_file() {
        let text =
            std::fs::read_to_string(&reward_txt).map_err(|e| VerifyError::BadReward(format!("reward.txt: {e}")))?;
        Some(parse_reward(text.trim()).ok_or_else(|| {
            VerifyError::BadReward(format!("reward.txt holds `{}`, not a number", truncate(text.trim(), 80)))
        })?)
    } else {
        None
    };
    if reward_json.is_file() {
        let text =
            std::fs::read_to_string(&reward_json).map_err(|e| VerifyError::BadReward(format!("reward.json: {e}")))?;
        let map: BTreeMap<String, serde_json::Value> = serde_json::from_str(&text)
            .map_err(|e| VerifyError::BadReward(format!("reward.json is not a flat JSON object: {e}")))?;
        for (key, value) in map {
            let number = value
                .as_f64()
                .or_else(|| value.as_bool().map(|b| if b { 1.0 } else { 0.0 }))
                .ok_or_else(|| VerifyError::BadReward(format!("reward.json key `{key}` is not a number")))?;
            rewards.insert(key, number);
        }
    }
    let reward_from_json = || -> Option<f64> {
        if rewards.is_empty() {
            return None;
        }
        rewards.get("reward").copied().or_else(|| Some(rewards.values().sum::<f64>() / rewards.len() as f64))
    };
    let (reward, reward_missing) = match reward.or_else(reward_from_json) {
        Some(reward) => (reward, false),
        // A verifier that could not even start (no bash, test.sh not executable) is broken,
        // not a failed task.
        None if matches!(exit_code, Some(126) | Some(127)) => {
            return Err(VerifyError::Crashed(format!(
                "the verify script could not be executed (exit code {})",
                exit_code.unwrap_or_default()
            )))
        }
        None => (0.0, true),
    };
    let tests = if logs.join("ctrf.json").is_file() {
        parse_ctrf(&logs.join("ctrf.json")).unwrap_or_default()
    } else if logs.join("junit.xml").is_file() {
        parse_junit(&logs.join("junit.xml")).unwrap_or_default()
    } else if logs.join("run-tests.log").is_file() {
        parse_pytest_summary(&logs.join("run-tests.log")).unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(Verification { reward, rewards, tests, exit_code, reward_missing })
}

fn parse_reward(text: &str) -> Option<f64> {
    let value: f64 = text.parse().ok()?;
    value.is_finite().then_some(value)
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logs(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, contents) in files {
            std::fs::write(dir.path().join(name), contents).expect("write");
        }
        dir
    }

    #[test]
    fn reward_txt() {
        let dir = logs(&[("reward.txt", "1\n")]);
        let v = read_verdict(dir.path(), Some(0)).expect("reads");
        assert_eq!(v.reward, 1.0);
        assert!(!v.reward_missing);
    }

    #[test]
    fn missing_reward_is_zero_not_an_error() {
        let dir = logs(&[]);
        let v = read_verdict(dir.path(), Some(1)).expect("reads");
        assert_eq!(v.reward, 0.0);
        assert!(v.reward_missing);
    }

    #[test]
    fn unrunnable_verifier_is_an_error() {
        let dir = logs(&[]);
        assert!(matches!(read_verdict(dir.path(), Some(127)), Err(VerifyError::Crashed(_))));
    }

    #[test]
    fn garbage_reward_is_an_error() {
        let dir = logs(&[("reward.txt", "PASS")]);
        assert!(matches!(read_verdict(dir.path(), Some(0)), Err(VerifyError::BadReward(_))));
        let dir = logs(&[("reward.txt", "NaN")]);
        assert!(matches!(read_verdict(dir.path(), Some(0)), Err(VerifyError::BadReward(_))));
    }

    #[test]
    fn reward_json_reward_key_or_mean() {
        let dir = logs(&[("reward.json", r#"{"reward": 0.5, "style": 1}"#)]);
        let v = read_verdict(dir.path(), Some(0)).expect("reads");
        assert_eq!(v.reward, 0.5);
        assert_eq!(v.rewards.len(), 2);
        let dir = logs(&[("reward.json", r#"{"a": 1, "b": 0}"#)]);
        assert_eq!(read_verdict(dir.path(), Some(0)).expect("reads").reward, 0.5);
        let dir = logs(&[("reward.json", r#"{"a": {"nested": 1}}"#)]);
        assert!(read_verdict(dir.path(), Some(0)).is_err());
    }
}
