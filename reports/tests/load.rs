//! Loading: shards merged with nothing lost or doubled, torn last lines ignored, corrupt lines
//! reported with file and line, runs ordered by start time.

mod common;

use proctor_reports::error::ReportError;
use proctor_reports::load;

#[test]
fn shards_merge_without_loss_or_duplicates() {
    let data = load::load(&common::night_dirs(), &[]).expect("load fixtures");
    assert_eq!(data.runs.len(), 3);
    let ids: Vec<&str> = data.runs.iter().map(|r| r.run_id.as_str()).collect();
    assert_eq!(ids, ["night-1", "night-2", "night-3"]);
    let n1 = &data.runs[0];
    assert_eq!(n1.dirs.len(), 2);
    assert_eq!(n1.shards.len(), 2);
    // 10 tasks x 2 agents x 1 attempt; the repeated record is dropped.
    assert_eq!(n1.trials, 20);
    assert_eq!(data.runs[2].trials, 60);
    assert_eq!(data.trials.len(), 100);
    assert_eq!(data.tasks.len(), 10);
    assert_eq!(data.configs.len(), 6);
    assert!(data.warnings.iter().any(|w| w.contains("duplicate")), "{:?}", data.warnings);
    assert!(data.warnings.iter().any(|w| w.contains("torn last line")), "{:?}", data.warnings);
}

#[test]
fn run_order_follows_created_at_not_argument_order() {
    let mut dirs = common::night_dirs();
    dirs.reverse();
    let data = load::load(&dirs, &[]).expect("load");
    let ids: Vec<&str> = data.runs.iter().map(|r| r.run_id.as_str()).collect();
    assert_eq!(ids, ["night-1", "night-2", "night-3"]);
}

fn copy_run(src: &std::path::Path, dst: &std::path::Path) {
    std::fs::create_dir_all(dst).unwrap();
    for f in ["run.json", "trials.jsonl"] {
        std::fs::copy(src.join(f), dst.join(f)).unwrap();
    }
}

#[test]
fn corrupt_middle_line_names_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("run");
    copy_run(&common::fixtures_dir().join("night-2"), &dir);
    let path = dir.join("trials.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[4] = "{\"not\": \"a trial\"}";
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    match load::load(&[dir], &[]) {
        Err(ReportError::CorruptTrial { path: p, line, .. }) => {
            assert_eq!(p, path);
            assert_eq!(line, 5);
            let msg = ReportError::CorruptTrial { path: p, line, source: serde_json::from_str::<u8>("x").unwrap_err() }
                .to_string();
            assert!(msg.contains("trials.jsonl:5"), "{msg}");
        }
        other => panic!("expected a corrupt-line error, got {other:?}"),
    }
}

#[test]
fn torn_last_line_without_newline_is_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("run");
    copy_run(&common::fixtures_dir().join("night-2"), &dir);
    let path = dir.join("trials.jsonl");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"schema_version\":1,\"run_id\":\"nig");
    std::fs::write(&path, text).unwrap();
    let data = load::load(&[dir], &[]).expect("torn line tolerated");
    assert_eq!(data.trials.len(), 20);
    assert_eq!(data.warnings.len(), 1);
}

#[test]
fn missing_manifest_is_an_error_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let err = load::load(&[tmp.path().to_path_buf()], &[]).unwrap_err();
    assert!(matches!(err, ReportError::ManifestIo { .. }));
    assert!(err.to_string().contains("run.json"), "{err}");
}

#[test]
fn a_run_without_trials_yet_is_empty_not_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("run");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(common::fixtures_dir().join("night-2/run.json"), dir.join("run.json")).unwrap();
    let data = load::load(&[dir], &[]).expect("load");
    assert_eq!(data.trials.len(), 0);
    assert_eq!(data.configs.len(), 2, "configurations come from the manifest");
}
