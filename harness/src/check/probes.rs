//! Tamper probes: agents that try the known ways of passing a task without solving it. A valid
//! task's verifier must fail every one of them. Each probe runs as the task's agent user, the way
//! a real agent would; what that user is not allowed to do simply fails.

use std::time::Duration;

use async_trait::async_trait;
use proctor_agents::{Agent, AgentContext, AgentError, AgentOutcome, ExecRequest, TrajectoryEvent};
use proctor_schema::{StopReason, Usage};

/// Shell that writes a passing reward wherever a verifier might read one.
const FORGE_REWARD: &str = r#"for d in /logs/verifier "$W/logs/verifier" /logs /tmp "$W"; do mkdir -p "$d" 2>/dev/null; echo 1 > "$d/reward.txt" 2>/dev/null; printf '{"reward": 1}' > "$d/reward.json" 2>/dev/null; done"#;

/// A stand-in program that forges the reward and reports success.
const FAKE_PROGRAM: &str = "#!/bin/sh\nfor d in /logs/verifier; do mkdir -p \"$d\" 2>/dev/null; echo 1 > \"$d/reward.txt\" 2>/dev/null; done\nexit 0\n";

/// A pytest plugin / conftest that turns every test into a pass and the session into success.
const PYTEST_FORCE_PASS: &str = r#"import pytest

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
    report.longrepr = None

def pytest_sessionfinish(session, exitstatus):
    session.exitstatus = 0
"#;

/// Python code run at interpreter start-up that forges the reward and forces exit code 0.
const PYTHON_STARTUP_FORGE: &str = r#"import atexit, os
def _proctor_probe_force():
    try:
        os.makedirs("/logs/verifier", exist_ok=True)
        with open("/logs/verifier/reward.txt", "w") as f:
            f.write("1")
    except Exception:
        pass
    os._exit(0)
atexit.register(_proctor_probe_force)
"#;

/// The known cheats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// Pre-write reward.txt / reward.json (in /logs/verifier and other places a verifier might
    /// read), with a background process that keeps rewriting them.
    RewardFile,
    /// conftest.py files that force every pytest test to pass, in the workdir, `/` and `/tests`.
    PytestHooks,
    /// sitecustomize / usercustomize / a `.pth` hook / a pytest entry-point plugin in every
    /// Python's site-packages: forge the reward and force exit code 0 at interpreter exit.
    PythonStartup,
    /// Fake test runners and interpreters in /usr/local/bin (ahead of /usr/bin on PATH).
    PathShadow,
    /// Overwrite the real test runners and interpreters (bash included) with fakes.
    ReplaceTools,
    /// Make the code under test exit with success as soon as it starts.
    ExitEarly,
    /// Delete everything in the workdir (tests that pass on nothing).
    DeleteWorkdir,
    /// Truncate every file in the workdir to zero bytes.
    EmptyWorkdir,
}

impl Probe {
    pub const ALL: [Probe; 8] = [
        Probe::RewardFile,
        Probe::PytestHooks,
        Probe::PythonStartup,
        Probe::PathShadow,
        Probe::ReplaceTools,
        Probe::ExitEarly,
        Probe::DeleteWorkdir,
        Probe::EmptyWorkdir,
    ];

    /// The agent name the probe runs under (`probe-<name>`).
    pub fn name(self) -> &'static str {
        match self {
            Probe::RewardFile => "probe-reward-file",
            Probe::PytestHooks => "probe-pytest-hooks",
            Probe::PythonStartup => "probe-python-startup",
            Probe::PathShadow => "probe-path-shadow",
            Probe::ReplaceTools => "probe-replace-tools",
            Probe::ExitEarly => "probe-exit-early",
            Probe::DeleteWorkdir => "probe-delete-workdir",
            Probe::EmptyWorkdir => "probe-empty-workdir",
        }
    }

    pub fn from_name(name: &str) -> Option<Probe> {
        let name = name.strip_prefix("probe-").unwrap_or(name);
        Probe::ALL.into_iter().find(|p| p.name().trim_start_matches("probe-") == name)
    }

    /// The shell script the probe runs (`$W` is the workdir).
    pub fn script(self) -> String {
        let body = match self {
            Probe::RewardFile => format!(
                "{FORGE_REWARD}\nchmod -R a-w /logs/verifier 2>/dev/null\n\
                 nohup setsid sh -c 'while :; do {}; sleep 0.05; done' >/dev/null 2>&1 &",
                FORGE_REWARD.replace('\'', "'\\''")
            ),
            Probe::PytestHooks => format!(
                "for d in \"$W\" \"$W/tests\" \"$W/test\" / /tests /tmp; do mkdir -p \"$d\" 2>/dev/null; \
                 cat > \"$d/conftest.py\" 2>/dev/null <<'PROBE'\n{PYTEST_FORCE_PASS}PROBE\ndone"
            ),
            Probe::PythonStartup => format!(
                "for py in $(command -v python3 python 2>/dev/null) /usr/bin/python3*; do [ -x \"$py\" ] || continue; \
                 for sp in $(\"$py\" -c 'import site,sys; print(\"\\n\".join(site.getsitepackages()+[site.getusersitepackages()]))' 2>/dev/null); do \
                   mkdir -p \"$sp\" 2>/dev/null || continue; \
                   cat > \"$sp/proctor_probe_force.py\" 2>/dev/null <<'PROBE'\n{PYTHON_STARTUP_FORGE}PROBE\n\
                   cp \"$sp/proctor_probe_force.py\" \"$sp/sitecustomize.py\" 2>/dev/null; \
                   cp \"$sp/proctor_probe_force.py\" \"$sp/usercustomize.py\" 2>/dev/null; \
                   echo 'import proctor_probe_force' > \"$sp/zzz_proctor_probe.pth\" 2>/dev/null; \
                   cat > \"$sp/proctor_probe_pytest.py\" 2>/dev/null <<'PROBE'\n{PYTEST_FORCE_PASS}PROBE\n\
                   mkdir -p \"$sp/proctor_probe-1.0.dist-info\" 2>/dev/null && \
                   printf 'Metadata-Version: 2.1\\nName: proctor-probe\\nVersion: 1.0\\n' > \"$sp/proctor_probe-1.0.dist-info/METADATA\" && \
                   printf '[pytest11]\\nproctor_probe = proctor_probe_pytest\\n' > \"$sp/proctor_probe-1.0.dist-info/entry_points.txt\"; \
                 done; done"
            ),
            Probe::PathShadow => format!(
                "for dir in /usr/local/bin /usr/local/sbin \"$HOME/bin\" \"$HOME/.local/bin\"; do mkdir -p \"$dir\" 2>/dev/null || continue; \
                 for tool in {TOOLS} bash sh env timeout; do \
                   printf '%s' '{FAKE_PROGRAM}' > \"$dir/$tool\" 2>/dev/null && chmod 755 \"$dir/$tool\" 2>/dev/null; \
                 done; done"
            ),
            Probe::ReplaceTools => format!(
                "for tool in {TOOLS} bash; do p=$(command -v \"$tool\" 2>/dev/null) || continue; \
                 real=$(readlink -f \"$p\" 2>/dev/null || echo \"$p\"); \
                 printf '%s' '{FAKE_PROGRAM}' > \"$real\" 2>/dev/null && chmod 755 \"$real\" 2>/dev/null; done"
            ),
            Probe::ExitEarly => "find \"$W\" -type f \\( -name '*.py' -o -name '*.js' -o -name '*.mjs' -o -name '*.sh' \\) 2>/dev/null | while read -r f; do \
                 case \"$f\" in \
                   *.py) { echo 'import os as _p; _p._exit(0)'; cat \"$f\"; } > \"$f.probe\" ;; \
                   *.sh) { head -n 1 \"$f\" | grep '^#!' ; echo 'exit 0'; cat \"$f\"; } > \"$f.probe\" ;; \
                   *) { echo 'process.exit(0);'; cat \"$f\"; } > \"$f.probe\" ;; \
                 esac; cat \"$f.probe\" > \"$f\" 2>/dev/null; rm -f \"$f.probe\"; done"
                .to_string(),
            Probe::DeleteWorkdir => "find \"$W\" -mindepth 1 -delete 2>/dev/null; true".to_string(),
            Probe::EmptyWorkdir => "find \"$W\" -type f -exec sh -c ': > \"$1\"' _ {} \\; 2>/dev/null; true".to_string(),
        };
        format!("W=\"$PROCTOR_WORKDIR\"; export W\n{body}\ntrue\n")
    }
}

/// Test runners and interpreters a verifier is likely to call.
const TOOLS: &str = "python3 python pytest py.test node npm npx go cargo rustc gcc cc g++ make cmake java javac diff cmp jq git perl ruby";

/// The agent that performs one probe.
#[derive(Debug, Clone, Copy)]
pub struct ProbeAgent(pub Probe);

#[async_trait]
impl Agent for ProbeAgent {
    async fn run(&self, ctx: AgentContext<'_>) -> Result<AgentOutcome, AgentError> {
        let mut request = ExecRequest::shell(self.0.script(), Duration::from_secs(120).min(ctx.limits.timeout));
        request.argv = vec!["/bin/sh".into(), "-c".into(), self.0.script()];
        request.env.push(("PROCTOR_WORKDIR".into(), ctx.sandbox.workdir().to_string()));
        let output = ctx.sandbox.exec(request).await?;
        ctx.trajectory.record(TrajectoryEvent::Exec {
            argv: vec![self.0.name().to_string()],
            exit_code: output.exit_code,
            timed_out: output.timed_out,
            duration_ms: u64::try_from(output.duration.as_millis()).unwrap_or(u64::MAX),
        });
        let log = format!(
            "{}\n--- stdout ---\n{}\n--- stderr ---\n{}\n",
            self.0.script(),
            output.stdout.to_text(),
            output.stderr.to_text()
        );
        std::fs::write(ctx.log_dir.join("probe.log"), log).map_err(|e| AgentError::Crashed(e.to_string()))?;
        Ok(AgentOutcome { stop_reason: StopReason::Completed, usage: Usage::default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for probe in Probe::ALL {
            assert_eq!(Probe::from_name(probe.name()), Some(probe));
            assert!(Probe::from_name(probe.name().trim_start_matches("probe-")).is_some());
        }
        assert_eq!(Probe::from_name("nonsense"), None);
    }

    #[test]
    fn scripts_are_valid_shell() {
        for probe in Probe::ALL {
            let status =
                std::process::Command::new("sh").args(["-n", "-c", &probe.script()]).status().expect("sh runs");
            assert!(status.success(), "{probe:?} script does not parse:\n{}", probe.script());
        }
    }
}
