//! Records the git commit proctor is built from (`run.json` carries it), unless the build sets
//! `PROCTOR_GIT_COMMIT` itself (CI, packaging).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PROCTOR_GIT_COMMIT");
    println!("cargo:rerun-if-changed=../.git/HEAD");
    println!("cargo:rerun-if-changed=../.git/refs/heads");
    if std::env::var_os("PROCTOR_GIT_COMMIT").is_some() {
        return;
    }
    let Ok(output) = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).output() else { return };
    if output.status.success() {
        let commit = String::from_utf8_lossy(&output.stdout).trim().to_string();
        let dirty = Command::new("git")
            .args(["status", "--porcelain", "--untracked-files=no"])
            .output()
            .map(|o| !o.stdout.is_empty())
            .unwrap_or(false);
        println!("cargo:rustc-env=PROCTOR_GIT_COMMIT={commit}{}", if dirty { "-dirty" } else { "" });
    }
}
