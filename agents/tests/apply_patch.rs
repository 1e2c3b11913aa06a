//! `apply_patch` against real files (local sandbox): every operation, failures that change
//! nothing, precise hunk errors, and paths outside the writable roots.

use std::path::Path;
use std::time::Duration;

use proctor_agents::config::ToolName;
use proctor_agents::testing::LocalSandbox;
use proctor_agents::tools::patch::PathPolicy;
use proctor_agents::tools::{run_tool, ToolContext, ToolOutcome};
use serde_json::json;

const ALL: [ToolName; 3] = [ToolName::ExecCommand, ToolName::ApplyPatch, ToolName::UpdatePlan];

async fn patch(sandbox: &LocalSandbox, text: &str) -> ToolOutcome {
    // The sandbox's workdir is itself under /tmp, so /tmp is left out of the writable roots here.
    let workdir = sandbox.path().to_string_lossy().into_owned();
    let paths = PathPolicy { writable_roots: vec![workdir.clone()], workdir };
    let ctx = ToolContext {
        sandbox,
        paths: &paths,
        output_token_limit: 10_000,
        command_timeout: Duration::from_secs(30),
        user: None,
    };
    let args = json!({ "input": text }).to_string();
    run_tool(&ctx, &ALL, "apply_patch", &args).await.expect("sandbox works")
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn setup() -> LocalSandbox {
    let sb = LocalSandbox::new().unwrap();
    std::fs::write(sb.path().join("keep.txt"), "one\ntwo\nthree\n").unwrap();
    std::fs::write(sb.path().join("gone.txt"), "bye\n").unwrap();
    std::fs::create_dir(sb.path().join("src")).unwrap();
    std::fs::write(sb.path().join("src/lib.py"), "def f():\n    return 1\n\n\ndef g():\n    return 2\n").unwrap();
    sb
}

#[tokio::test]
async fn every_operation_in_one_patch() {
    let sb = setup();
    let out = patch(
        &sb,
        "*** Begin Patch\n\
         *** Add File: new/dir/hello.txt\n+hello\n+world\n\
         *** Delete File: gone.txt\n\
         *** Update File: keep.txt\n@@\n one\n-two\n+TWO\n three\n\
         *** Update File: src/lib.py\n*** Move to: src/renamed.py\n@@ def f():\n-    return 1\n+    return 10\n@@ def g():\n-    return 2\n+    return 20\n\
         *** End Patch",
    )
    .await;
    assert!(!out.failed, "{}", out.shown);
    assert!(out.shown.starts_with("Success."), "{}", out.shown);
    let d = sb.path();
    assert_eq!(read(d, "new/dir/hello.txt"), "hello\nworld\n");
    assert!(!d.join("gone.txt").exists());
    assert_eq!(read(d, "keep.txt"), "one\nTWO\nthree\n");
    assert!(!d.join("src/lib.py").exists());
    assert_eq!(read(d, "src/renamed.py"), "def f():\n    return 10\n\n\ndef g():\n    return 20\n");
}

#[tokio::test]
async fn file_mode_is_kept_and_end_of_file_anchors() {
    use std::os::unix::fs::PermissionsExt;
    let sb = setup();
    let script = sb.path().join("run.sh");
    std::fs::write(&script, "#!/bin/sh\necho a\necho a\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out =
        patch(&sb, "*** Begin Patch\n*** Update File: run.sh\n@@\n-echo a\n+echo b\n*** End of File\n*** End Patch")
            .await;
    assert!(!out.failed, "{}", out.shown);
    assert_eq!(read(sb.path(), "run.sh"), "#!/bin/sh\necho a\necho b\n", "the last occurrence, at the end of the file");
    assert_eq!(std::fs::metadata(&script).unwrap().permissions().mode() & 0o777, 0o755);
}

#[tokio::test]
async fn a_failing_hunk_changes_nothing_and_says_why() {
    let sb = setup();
    let out = patch(
        &sb,
        "*** Begin Patch\n*** Add File: added.txt\n+x\n*** Update File: keep.txt\n-one\n+ONE\n*** Update File: src/lib.py\n@@ def f():\n-    return 3\n+    return 4\n*** End Patch",
    )
    .await;
    assert!(out.failed);
    assert!(out.shown.contains("no file was changed"), "{}", out.shown);
    assert!(out.shown.contains("chunk 1 of the update to `src/lib.py`"), "{}", out.shown);
    assert!(
        out.shown.contains("where the patch expects `    return 3`") || out.shown.contains("    return 3"),
        "{}",
        out.shown
    );
    assert!(!sb.path().join("added.txt").exists());
    assert_eq!(read(sb.path(), "keep.txt"), "one\ntwo\nthree\n");
}

#[tokio::test]
async fn missing_files_and_bad_syntax_are_reported() {
    let sb = setup();
    let out = patch(&sb, "*** Begin Patch\n*** Update File: nope.txt\n-a\n+b\n*** End Patch").await;
    assert!(out.failed && out.shown.contains("no such file"), "{}", out.shown);
    let out = patch(&sb, "*** Begin Patch\n*** Delete File: nope.txt\n*** End Patch").await;
    assert!(out.failed && out.shown.contains("no such file"), "{}", out.shown);
    let out = patch(&sb, "*** Begin Patch\n*** Update File: keep.txt\nbad line\n*** End Patch").await;
    assert!(out.failed && out.shown.contains("line 3"), "{}", out.shown);
    let out = patch(&sb, "*** Begin Patch\n*** Update File: src\n-a\n+b\n*** End Patch").await;
    assert!(out.failed && out.shown.contains("directory"), "{}", out.shown);
}

#[tokio::test]
async fn paths_outside_the_writable_roots_are_refused() {
    let sb = setup();
    let outside = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "safe\n").unwrap();
    let rel = format!("../../../../../../../..{}", victim.display());
    for path in [victim.display().to_string(), rel, "../escape.txt".to_string()] {
        let out = patch(&sb, &format!("*** Begin Patch\n*** Add File: {path}\n+pwned\n*** End Patch")).await;
        assert!(out.failed, "{path}: {}", out.shown);
        assert!(out.shown.contains("outside the writable directories"), "{}", out.shown);
    }
    let out = patch(
        &sb,
        &format!("*** Begin Patch\n*** Update File: keep.txt\n*** Move to: {}\n*** End Patch", victim.display()),
    )
    .await;
    assert!(out.failed);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "safe\n");
    assert!(!sb.path().parent().unwrap().join("escape.txt").exists());
}

#[tokio::test]
async fn exec_command_runs_in_the_workdir_with_merged_output() {
    let sb = setup();
    let workdir = sb.path().to_string_lossy().into_owned();
    let paths = PathPolicy { writable_roots: vec![], workdir };
    let ctx = ToolContext {
        sandbox: &sb,
        paths: &paths,
        output_token_limit: 100,
        command_timeout: Duration::from_secs(30),
        user: None,
    };
    let out =
        run_tool(&ctx, &ALL, "exec_command", &json!({ "cmd": "cat keep.txt; echo oops >&2; exit 4" }).to_string())
            .await
            .unwrap();
    assert_eq!(out.exit_code, Some(4));
    assert!(out.shown.starts_with("Exit code: 4\n"));
    assert!(out.shown.ends_with("one\ntwo\nthree\noops\n"), "{}", out.shown);
    let out = run_tool(&ctx, &ALL, "exec_command", &json!({ "cmd": ["ls", "-1"], "workdir": "src" }).to_string())
        .await
        .unwrap();
    assert!(out.shown.ends_with("lib.py\n"), "{}", out.shown);
    let out =
        run_tool(&ctx, &[ToolName::ApplyPatch], "exec_command", &json!({ "cmd": "ls" }).to_string()).await.unwrap();
    assert!(out.failed && out.shown.contains("unknown tool"), "disabled tools are refused");
}
