//! A [`Sandbox`] that runs commands as real local processes (tokio) in a directory, standing in
//! for a task container in tests. Container paths are host paths: the sandbox's workdir is the
//! directory itself. It isolates nothing; it only behaves like the contract. Like a container's
//! processes, commands do not inherit the test process's environment: they get `PATH`, `LANG`
//! and a `HOME` of their own (an empty temporary directory, so login shells do not run the host
//! user's profile), plus the request's variables.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;

use crate::sandbox::{CappedOutput, ExecOutput, ExecRequest, Sandbox, SandboxError};

/// A local directory acting as a container.
#[derive(Debug)]
pub struct LocalSandbox {
    workdir: String,
    root: PathBuf,
    home: tempfile::TempDir,
    _temp: Option<tempfile::TempDir>,
}

impl LocalSandbox {
    /// A sandbox in a new temporary directory (removed on drop).
    pub fn new() -> std::io::Result<Self> {
        let temp = tempfile::tempdir()?;
        let root = temp.path().canonicalize()?;
        Ok(LocalSandbox {
            workdir: root.to_string_lossy().into_owned(),
            root,
            home: tempfile::tempdir()?,
            _temp: Some(temp),
        })
    }

    /// A sandbox in an existing directory (kept).
    pub fn in_dir(dir: &Path) -> std::io::Result<Self> {
        let root = dir.canonicalize()?;
        Ok(LocalSandbox { workdir: root.to_string_lossy().into_owned(), root, home: tempfile::tempdir()?, _temp: None })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.root
    }
}

fn io_err(path: &Path, source: std::io::Error) -> SandboxError {
    SandboxError::Io { path: path.display().to_string(), source }
}

/// Keeps the first and the last `half` bytes of a stream and counts the rest.
struct Capper {
    half: usize,
    head: Vec<u8>,
    tail: VecDeque<u8>,
    cut: u64,
}

impl Capper {
    fn new(max: usize) -> Self {
        Capper { half: (max / 2).max(1), head: Vec::new(), tail: VecDeque::new(), cut: 0 }
    }

    fn push(&mut self, mut bytes: &[u8]) {
        let room = self.half.saturating_sub(self.head.len());
        let take = room.min(bytes.len());
        self.head.extend_from_slice(&bytes[..take]);
        bytes = &bytes[take..];
        for &b in bytes {
            if self.tail.len() == self.half {
                self.tail.pop_front();
                self.cut += 1;
            }
            self.tail.push_back(b);
        }
    }

    fn finish(self) -> CappedOutput {
        CappedOutput { head: self.head, tail: self.tail.into_iter().collect(), cut_bytes: self.cut }
    }
}

async fn drain(mut reader: impl AsyncRead + Unpin, max: usize) -> CappedOutput {
    let mut capper = Capper::new(max);
    let mut buf = vec![0u8; 64 * 1024];
    while let Ok(n) = reader.read(&mut buf).await {
        if n == 0 {
            break;
        }
        capper.push(&buf[..n]);
    }
    capper.finish()
}

fn copy_recursive(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_recursive(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        std::fs::copy(from, to).map(|_| ())
    }
}

#[async_trait]
impl Sandbox for LocalSandbox {
    async fn exec(&self, request: ExecRequest) -> Result<ExecOutput, SandboxError> {
        let Some((program, args)) = request.argv.split_first() else {
            return Err(SandboxError::Docker("empty argv".into()));
        };
        let workdir = request.workdir.clone().unwrap_or_else(|| self.workdir.clone());
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(&workdir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into()))
            .env("LANG", "C.UTF-8")
            .env("HOME", self.home.path())
            .envs(request.env.iter().cloned())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .process_group(0);
        let started = Instant::now();
        let mut child = match command.spawn() {
            Ok(c) => c,
            Err(e) => {
                // Like a container whose exec fails to start the program: exit code 127 / 126.
                let code = if e.kind() == std::io::ErrorKind::NotFound { 127 } else { 126 };
                let stderr = CappedOutput { head: format!("{program}: {e}\n").into_bytes(), ..CappedOutput::default() };
                return Ok(ExecOutput {
                    exit_code: Some(code),
                    stdout: CappedOutput::default(),
                    stderr,
                    timed_out: false,
                    duration: started.elapsed(),
                });
            }
        };
        let pid = child.id();
        let stdout = tokio::spawn(drain(
            child.stdout.take().ok_or_else(|| SandboxError::Docker("no stdout".into()))?,
            request.max_output_bytes,
        ));
        let stderr = tokio::spawn(drain(
            child.stderr.take().ok_or_else(|| SandboxError::Docker("no stderr".into()))?,
            request.max_output_bytes,
        ));
        let (exit_code, timed_out) = match tokio::time::timeout(request.timeout, child.wait()).await {
            Ok(Ok(status)) => (status.code().map(i64::from), false),
            Ok(Err(e)) => return Err(SandboxError::Docker(format!("waiting for the process: {e}"))),
            Err(_) => {
                if let Some(pid) = pid {
                    // Kill the whole process group, as a container exec's teardown would.
                    let _ = std::process::Command::new("kill").args(["-KILL", "--", &format!("-{pid}")]).status();
                }
                let _ = child.kill().await;
                (None, true)
            }
        };
        let grace = Duration::from_secs(2);
        let stdout = tokio::time::timeout(grace, stdout).await.ok().and_then(Result::ok).unwrap_or_default();
        let stderr = tokio::time::timeout(grace, stderr).await.ok().and_then(Result::ok).unwrap_or_default();
        Ok(ExecOutput { exit_code, stdout, stderr, timed_out, duration: started.elapsed() })
    }

    async fn upload_path(&self, local: &Path, container_dir: &str) -> Result<(), SandboxError> {
        let target = Path::new(container_dir);
        std::fs::create_dir_all(target).map_err(|e| io_err(target, e))?;
        let to = if local.is_dir() { target.to_path_buf() } else { target.join(local.file_name().unwrap_or_default()) };
        copy_recursive(local, &to).map_err(|e| io_err(local, e))
    }

    async fn write_file(&self, container_path: &str, contents: &[u8], mode: u32) -> Result<(), SandboxError> {
        use std::os::unix::fs::PermissionsExt;
        let path = Path::new(container_path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        }
        std::fs::write(path, contents).map_err(|e| io_err(path, e))?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(|e| io_err(path, e))
    }

    async fn download_path(&self, container_path: &str, local_dir: &Path) -> Result<(), SandboxError> {
        let from = Path::new(container_path);
        let name = from.file_name().ok_or_else(|| SandboxError::PathEscape { path: container_path.to_string() })?;
        std::fs::create_dir_all(local_dir).map_err(|e| io_err(local_dir, e))?;
        copy_recursive(from, &local_dir.join(name)).map_err(|e| io_err(from, e))
    }

    fn workdir(&self) -> &str {
        &self.workdir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_commands_caps_output_and_times_out() {
        let sb = LocalSandbox::new().unwrap();
        let out = sb.exec(ExecRequest::shell("echo hi; echo err >&2; exit 3", Duration::from_secs(10))).await.unwrap();
        assert_eq!(out.exit_code, Some(3));
        assert_eq!(out.stdout.to_text(), "hi\n");
        assert_eq!(out.stderr.to_text(), "err\n");
        let out = sb
            .exec(ExecRequest::shell("head -c 10000 /dev/zero", Duration::from_secs(10)).max_output_bytes(100))
            .await
            .unwrap();
        assert_eq!((out.stdout.head.len(), out.stdout.tail.len(), out.stdout.cut_bytes), (50, 50, 9900));
        let started = Instant::now();
        let out =
            sb.exec(ExecRequest::shell("sleep 30 & sleep 30; echo never", Duration::from_millis(300))).await.unwrap();
        assert!(out.timed_out && out.exit_code.is_none());
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
