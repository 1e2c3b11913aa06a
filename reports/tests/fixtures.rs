//! The committed fixture runs are exactly what the generator in `common` writes.
//! Regenerate with `PROCTOR_REGENERATE_FIXTURES=1 cargo test -p proctor-reports --test fixtures`.

mod common;

#[test]
fn fixtures_are_up_to_date() {
    let committed = common::fixtures_dir();
    if std::env::var_os("PROCTOR_REGENERATE_FIXTURES").is_some() {
        common::write_fixtures(&committed);
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    common::write_fixtures(tmp.path());
    let fresh = common::read_tree(tmp.path());
    let have = common::read_tree(&committed);
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        have.keys().collect::<Vec<_>>(),
        "fixture files differ; regenerate with PROCTOR_REGENERATE_FIXTURES=1"
    );
    for (name, bytes) in &fresh {
        assert!(have.get(name) == Some(bytes), "{name} differs; regenerate with PROCTOR_REGENERATE_FIXTURES=1");
    }
}
