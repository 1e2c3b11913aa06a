//! Running a command in a container: separate stdout/stderr, capped capture, a timeout that kills
//! the command's whole process tree, and the exit code read from `inspect_exec`.

use std::time::{Duration, Instant};

use bollard::container::LogOutput;
use bollard::exec::{CreateExecOptions, StartExecOptions, StartExecResults};
use futures::StreamExt;
use proctor_agents::{ExecOutput, ExecRequest, SandboxError};
use rand::Rng;

use super::capture::OutputCapture;
use super::client::{call, DockerError, API_TIMEOUT};
use super::DockerHost;

/// Environment variable carrying a per-exec marker, inherited by every descendant: on timeout the
/// processes carrying it are killed, even those that left the process group.
const MARKER_VAR: &str = "PROCTOR_EXEC_ID";

/// A command the harness itself runs as root, through `/bin/sh` by absolute path: the agent may
/// have shadowed `bash` (or anything else) on PATH.
pub fn root_sh(script: impl Into<String>, timeout: Duration) -> ExecRequest {
    let mut request = ExecRequest::shell(String::new(), timeout).user("root");
    request.argv = vec!["/bin/sh".into(), "-c".into(), script.into()];
    request
}

pub(crate) fn sandbox_error(error: DockerError) -> SandboxError {
    if error.is_not_found() {
        SandboxError::ContainerGone
    } else {
        SandboxError::Docker(error.to_string())
    }
}

pub(crate) async fn exec(
    host: &DockerHost,
    container: &str,
    default_workdir: Option<&str>,
    request: ExecRequest,
) -> Result<ExecOutput, SandboxError> {
    let started = Instant::now();
    let marker = format!("{:016x}", rand::rng().random::<u64>());
    let mut env: Vec<String> = request.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    env.push(format!("{MARKER_VAR}={marker}"));
    let options = CreateExecOptions {
        attach_stdout: Some(true),
        attach_stderr: Some(true),
        attach_stdin: Some(false),
        tty: Some(false),
        env: Some(env),
        cmd: Some(request.argv.clone()),
        user: request.user.clone(),
        working_dir: request.workdir.clone().or_else(|| default_workdir.map(str::to_string)),
        ..Default::default()
    };
    let created =
        call("exec create", API_TIMEOUT, host.docker.create_exec(container, options)).await.map_err(sandbox_error)?;
    let started_exec = call(
        "exec start",
        API_TIMEOUT,
        host.docker
            .start_exec(&created.id, Some(StartExecOptions { detach: false, tty: false, output_capacity: None })),
    )
    .await
    .map_err(sandbox_error)?;
    let StartExecResults::Attached { mut output, .. } = started_exec else {
        return Err(SandboxError::Docker("exec started detached".into()));
    };

    let mut stdout = OutputCapture::new(request.max_output_bytes);
    let mut stderr = OutputCapture::new(request.max_output_bytes);
    let drain = async {
        while let Some(item) = output.next().await {
            match item {
                Ok(LogOutput::StdOut { message }) => stdout.push(&message),
                Ok(LogOutput::StdErr { message }) => stderr.push(&message),
                Ok(_) => {}
                Err(e) => return Err(DockerError::from_bollard("exec output", e)),
            }
        }
        Ok(())
    };
    let timed_out = match tokio::time::timeout(request.timeout, drain).await {
        Ok(Ok(())) => false,
        Ok(Err(e)) => return Err(sandbox_error(e)),
        Err(_) => true,
    };
    drop(output);
    if timed_out {
        kill_marked(host, container, &marker).await?;
    }
    let exit_code = if timed_out { None } else { wait_exit_code(host, &created.id).await? };
    Ok(ExecOutput {
        exit_code,
        stdout: stdout.finish(),
        stderr: stderr.finish(),
        timed_out,
        duration: started.elapsed(),
    })
}

/// The exit code of a finished exec. The output stream can end a moment before Docker records the
/// exit, so poll briefly.
async fn wait_exit_code(host: &DockerHost, exec_id: &str) -> Result<Option<i64>, SandboxError> {
    for attempt in 0..50u64 {
        let inspected =
            call("exec inspect", API_TIMEOUT, host.docker.inspect_exec(exec_id)).await.map_err(sandbox_error)?;
        if inspected.running != Some(true) {
            return Ok(inspected.exit_code);
        }
        tokio::time::sleep(Duration::from_millis(2 * (attempt + 1))).await;
    }
    Ok(None)
}

/// Kill (SIGKILL) every process in the container whose environment carries `marker`.
async fn kill_marked(host: &DockerHost, container: &str, marker: &str) -> Result<(), SandboxError> {
    let script = format!(
        "for d in /proc/[0-9]*; do case \"$(tr '\\0' '\\n' < \"$d/environ\" 2>/dev/null)\" in *{MARKER_VAR}={marker}*) kill -9 \"${{d#/proc/}}\" 2>/dev/null;; esac; done; true"
    );
    let request = root_sh(script, Duration::from_secs(30)).workdir("/");
    // The killer itself must not carry the marker, so it goes through a plain exec.
    let options = CreateExecOptions {
        attach_stdout: Some(true),
        attach_stderr: Some(true),
        tty: Some(false),
        cmd: Some(request.argv),
        user: request.user,
        working_dir: request.workdir,
        ..Default::default()
    };
    let created =
        call("exec create", API_TIMEOUT, host.docker.create_exec(container, options)).await.map_err(sandbox_error)?;
    let started =
        call("exec start", API_TIMEOUT, host.docker.start_exec(&created.id, None)).await.map_err(sandbox_error)?;
    if let StartExecResults::Attached { mut output, .. } = started {
        let _ = tokio::time::timeout(Duration::from_secs(30), async { while output.next().await.is_some() {} }).await;
    }
    Ok(())
}
