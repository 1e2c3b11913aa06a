//! The `apply_patch` tool: parse a patch ([`parse`]), check every path against the writable roots
//! ([`PathPolicy`]), compute every new file ([`apply`]) from the container's current files, and only
//! then write — a patch with one bad chunk changes nothing.
//!
//! Files are read with `cat` through [`Sandbox::exec`] and written with [`Sandbox::write_file`],
//! keeping an existing file's mode and owner (a new file gets its directory's owner, so files
//! uploaded by the sandbox as root stay editable by the agent's user); deletions and directory
//! creation go through `exec` as the agent's user.

pub mod apply;
pub mod parse;

use std::collections::BTreeMap;
use std::time::Duration;

use crate::sandbox::{ExecRequest, Sandbox, SandboxError};
pub use parse::{Chunk, FileOp, ParseError};

/// Largest file `apply_patch` reads.
pub const MAX_FILE_BYTES: usize = 8 << 20;

/// Where files may be written: the workdir and other writable roots, after lexical normalisation
/// (`.`/`..`). An empty root list means anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPolicy {
    pub workdir: String,
    pub writable_roots: Vec<String>,
}

impl PathPolicy {
    /// The absolute, normalised container path of `path` (relative to the workdir), or why it
    /// may not be written.
    pub fn resolve(&self, path: &str) -> Result<String, String> {
        if path.is_empty() {
            return Err("empty path".into());
        }
        if path.contains('\0') {
            return Err(format!("path `{path}` contains a NUL byte"));
        }
        let joined = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{}/{path}", self.workdir.trim_end_matches('/'))
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in joined.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    // As in the kernel, `..` at the root stays at the root.
                    parts.pop();
                }
                other => parts.push(other),
            }
        }
        let normal = format!("/{}", parts.join("/"));
        let inside = |root: &str| {
            let root = root.trim_end_matches('/');
            root.is_empty() || normal == root || normal.starts_with(&format!("{root}/"))
        };
        if self.writable_roots.is_empty() || self.writable_roots.iter().any(|r| inside(r)) {
            if normal == "/" {
                return Err(format!("path `{path}` is a directory"));
            }
            Ok(normal)
        } else {
            Err(format!(
                "path `{path}` resolves to `{normal}`, outside the writable directories ({}); edit files inside the workdir",
                self.writable_roots.join(", ")
            ))
        }
    }
}

/// Why `apply_patch` failed: shown to the model, except [`PatchError::Sandbox`].
#[derive(Debug, thiserror::Error)]
pub enum PatchError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error("{0}")]
    Rejected(String),
    #[error("sandbox failure while patching")]
    Sandbox(#[from] SandboxError),
}

/// An existing file as read from the container.
struct Existing {
    text: String,
    mode: u32,
    /// `uid:gid`.
    owner: Option<String>,
}

fn quote_free_exec(script: &str, args: &[&str], timeout: Duration, user: Option<&str>) -> ExecRequest {
    let mut argv = vec!["bash".to_string(), "-c".to_string(), script.to_string(), "proctor-patch".to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    ExecRequest {
        argv,
        workdir: None,
        user: user.map(str::to_string),
        env: Vec::new(),
        timeout,
        max_output_bytes: MAX_FILE_BYTES,
    }
}

async fn read(sandbox: &dyn Sandbox, path: &str, user: Option<&str>) -> Result<Option<Existing>, PatchError> {
    let script = r#"if [ -d "$1" ]; then echo "is a directory" >&2; exit 4; fi
if [ ! -e "$1" ]; then exit 3; fi
stat -c '%a %u:%g' -- "$1" && cat -- "$1""#;
    let out = sandbox.exec(quote_free_exec(script, &[path], Duration::from_secs(60), user)).await?;
    match out.exit_code {
        Some(0) => {}
        Some(3) => return Ok(None),
        _ => {
            return Err(PatchError::Rejected(format!("cannot read `{path}`: {}", out.stderr.to_text().trim())));
        }
    }
    if out.stdout.was_cut() {
        return Err(PatchError::Rejected(format!(
            "`{path}` is larger than {MAX_FILE_BYTES} bytes; apply_patch cannot edit it"
        )));
    }
    let mut bytes = out.stdout.head;
    bytes.extend_from_slice(&out.stdout.tail);
    let newline = bytes.iter().position(|b| *b == b'\n').unwrap_or(bytes.len());
    let stat = std::str::from_utf8(&bytes[..newline]).unwrap_or("");
    let mut fields = stat.split_whitespace();
    let mode = fields.next().and_then(|m| u32::from_str_radix(m, 8).ok()).unwrap_or(0o644);
    let owner = fields.next().filter(|o| o.contains(':')).map(str::to_string);
    let content = bytes.get(newline + 1..).unwrap_or_default().to_vec();
    let text = String::from_utf8(content)
        .map_err(|_| PatchError::Rejected(format!("`{path}` is not UTF-8 text; apply_patch edits text files only")))?;
    Ok(Some(Existing { text, mode, owner }))
}

async fn run_ok(
    sandbox: &dyn Sandbox,
    script: &str,
    args: &[&str],
    user: Option<&str>,
    what: &str,
) -> Result<(), PatchError> {
    let out = sandbox.exec(quote_free_exec(script, args, Duration::from_secs(60), user)).await?;
    if out.success() {
        Ok(())
    } else {
        Err(PatchError::Rejected(format!("{what}: {}", out.stderr.to_text().trim())))
    }
}

/// Give a written file its old owner, or its directory's owner when new. Best effort: a
/// sandbox that cannot change owners (not root) leaves the file as written.
async fn restore_owner(sandbox: &dyn Sandbox, path: &str, owner: Option<&str>) -> Result<(), SandboxError> {
    let script = r#"if [ -n "$2" ]; then chown -- "$2" "$1"; else chown --reference="$(dirname -- "$1")" -- "$1"; fi 2>/dev/null || true"#;
    sandbox
        .exec(quote_free_exec(script, &[path, owner.unwrap_or("")], Duration::from_secs(30), Some("root")))
        .await
        .map(|_| ())
}

/// What applying a patch will do to one path.
enum Change {
    /// `owner`: `uid:gid` to restore; `None` for a new file (its directory's owner).
    Write {
        contents: String,
        mode: u32,
        owner: Option<String>,
    },
    Remove,
}

/// Apply `patch` in the sandbox. Returns the summary shown to the model.
pub async fn apply_patch(
    sandbox: &dyn Sandbox,
    policy: &PathPolicy,
    patch: &str,
    user: Option<&str>,
) -> Result<String, PatchError> {
    let ops = parse::parse(patch)?;
    // Plan every change first; nothing is written unless all of it applies.
    let mut plan: BTreeMap<String, Change> = BTreeMap::new();
    let mut summary = Vec::new();
    for op in &ops {
        let path = policy.resolve(op.path()).map_err(PatchError::Rejected)?;
        let known = plan.get(&path);
        match op {
            FileOp::Add { contents, .. } => {
                plan.insert(path, Change::Write { contents: contents.clone(), mode: 0o644, owner: None });
                summary.push(format!("A {}", op.path()));
            }
            FileOp::Delete { .. } => {
                let exists = match known {
                    Some(Change::Write { .. }) => true,
                    Some(Change::Remove) => false,
                    None => read(sandbox, &path, user).await?.is_some(),
                };
                if !exists {
                    return Err(PatchError::Rejected(format!("cannot delete `{}`: no such file", op.path())));
                }
                plan.insert(path, Change::Remove);
                summary.push(format!("D {}", op.path()));
            }
            FileOp::Update { move_to, chunks, .. } => {
                let (text, mode, owner) = match known {
                    Some(Change::Write { contents, mode, owner }) => (contents.clone(), *mode, owner.clone()),
                    Some(Change::Remove) => {
                        return Err(PatchError::Rejected(format!(
                            "cannot update `{}`: the patch deletes it",
                            op.path()
                        )))
                    }
                    None => match read(sandbox, &path, user).await? {
                        Some(existing) => (existing.text, existing.mode, existing.owner),
                        None => {
                            return Err(PatchError::Rejected(format!(
                                "cannot update `{}`: no such file (use `*** Add File:` to create it)",
                                op.path()
                            )))
                        }
                    },
                };
                let contents = if chunks.is_empty() {
                    text
                } else {
                    apply::apply_chunks(&text, chunks, op.path()).map_err(PatchError::Rejected)?
                };
                match move_to {
                    Some(to) => {
                        let target = policy.resolve(to).map_err(PatchError::Rejected)?;
                        plan.insert(path, Change::Remove);
                        plan.insert(target, Change::Write { contents, mode, owner: None });
                        summary.push(format!("M {} -> {to}", op.path()));
                    }
                    None => {
                        plan.insert(path, Change::Write { contents, mode, owner });
                        summary.push(format!("M {}", op.path()));
                    }
                }
            }
        }
    }
    for (path, change) in &plan {
        match change {
            Change::Write { contents, mode, owner } => {
                run_ok(
                    sandbox,
                    r#"mkdir -p -- "$(dirname -- "$1")""#,
                    &[path],
                    user,
                    &format!("cannot create the directory of `{path}`"),
                )
                .await?;
                match sandbox.write_file(path, contents.as_bytes(), *mode).await {
                    Ok(()) => {}
                    Err(SandboxError::Io { path, source }) => {
                        return Err(PatchError::Rejected(format!("cannot write `{path}`: {source}")))
                    }
                    Err(SandboxError::PathEscape { path }) => {
                        return Err(PatchError::Rejected(format!("cannot write `{path}`: outside the sandbox")))
                    }
                    Err(other) => return Err(PatchError::Sandbox(other)),
                }
                restore_owner(sandbox, path, owner.as_deref()).await?;
            }
            Change::Remove => {
                run_ok(sandbox, r#"rm -f -- "$1""#, &[path], user, &format!("cannot delete `{path}`")).await?
            }
        }
    }
    Ok(format!("Success. Updated the following files:\n{}", summary.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_confined_to_the_writable_roots() {
        let p = PathPolicy { workdir: "/app".into(), writable_roots: vec!["/app".into(), "/tmp".into()] };
        assert_eq!(p.resolve("src/a.rs").unwrap(), "/app/src/a.rs");
        assert_eq!(p.resolve("./x/../b").unwrap(), "/app/b");
        assert_eq!(p.resolve("/tmp/x").unwrap(), "/tmp/x");
        assert!(p.resolve("../etc/passwd").unwrap_err().contains("outside the writable directories"));
        assert!(p.resolve("/etc/passwd").is_err());
        assert!(p.resolve("/application/x").is_err());
        assert!(p.resolve("../../../../..").is_err());
        assert!(p.resolve("../../../../../app/x").is_ok());
        let full = PathPolicy { workdir: "/app".into(), writable_roots: vec![] };
        assert_eq!(full.resolve("../etc/x").unwrap(), "/etc/x");
    }
}
