//! Configuration files: `extends`, errors naming the file and the key, digests, shipped configs.

mod common;

use std::path::{Path, PathBuf};

use proctor_agents::config::{self, CompactionStrategy, ConfigError, Network, Trigger};
use proctor_agents::registry::{resolve, RegistryError};

fn configs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("configs")
}

fn load_err(dir: &Path, name: &str) -> ConfigError {
    config::load(&dir.join(format!("{name}.toml"))).expect_err("should fail")
}

const BASE: &str = "[model]\nprovider = \"openai\"\nname = \"m\"\n";

#[test]
fn unknown_keys_and_bad_values_name_the_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    common::write_config(d, "base", BASE);

    common::write_config(d, "typo", "extends = \"base\"\n[model]\ncontext_windw = 5\n");
    let e = load_err(d, "typo");
    assert!(e.path().ends_with("typo.toml"));
    assert!(matches!(&e, ConfigError::Key { key, .. } if key == "model.context_windw"), "{e}");
    assert!(e.to_string().contains("typo.toml") && e.to_string().contains("model.context_windw"), "{e}");

    common::write_config(d, "toplevel", "extends = \"base\"\nfrobnicate = true\n");
    assert!(matches!(load_err(d, "toplevel"), ConfigError::Key { key, .. } if key == "frobnicate"));

    common::write_config(d, "section", "extends = \"base\"\n[modle]\nname = \"x\"\n");
    assert!(matches!(load_err(d, "section"), ConfigError::Key { key, .. } if key == "modle"));

    common::write_config(d, "badtype", "extends = \"base\"\n[model]\ncontext_window = \"big\"\n");
    let e = load_err(d, "badtype");
    assert!(matches!(&e, ConfigError::Key { key, .. } if key == "model.context_window"), "{e}");

    common::write_config(d, "badenum", "extends = \"base\"\n[compaction]\nstrategy = \"sometimes\"\n");
    let e = load_err(d, "badenum");
    assert!(
        matches!(&e, ConfigError::Key { key, message, .. } if key == "compaction.strategy" && message.contains("summary")),
        "{e}"
    );

    common::write_config(d, "badtrigger", "extends = \"base\"\n[compaction]\ntrigger = 1.5\n");
    assert!(matches!(load_err(d, "badtrigger"), ConfigError::Key { key, .. } if key == "compaction.trigger"));

    common::write_config(d, "badprice", "extends = \"base\"\n[model.prices]\ninput = 1.0\noutput = 2.0\nfree = true\n");
    assert!(matches!(load_err(d, "badprice"), ConfigError::Key { key, .. } if key == "model.prices.free"));

    common::write_config(d, "syntax", "[model\n");
    assert!(matches!(load_err(d, "syntax"), ConfigError::Syntax { .. }));
}

#[test]
fn errors_in_a_parent_blame_the_parent() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    common::write_config(d, "parent", "[model]\nprovider = \"openai\"\nname = \"m\"\nbogus = 1\n");
    common::write_config(d, "child", "extends = \"parent\"\n");
    let e = load_err(d, "child");
    assert!(e.path().ends_with("parent.toml"), "{e}");
    assert!(matches!(&e, ConfigError::Key { key, .. } if key == "model.bogus"));
}

#[test]
fn semantic_checks_name_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    common::write_config(d, "noprovider", "[model]\nname = \"m\"\n");
    assert!(matches!(load_err(d, "noprovider"), ConfigError::Key { key, .. } if key == "model.provider"));
    common::write_config(d, "costnoprice", &format!("{BASE}[limits]\nmax_cost_usd = 1.0\n"));
    assert!(matches!(load_err(d, "costnoprice"), ConfigError::Key { key, .. } if key == "limits.max_cost_usd"));
    common::write_config(d, "localnourl", "[model]\nprovider = \"openai-chat\"\nname = \"m\"\n");
    assert!(matches!(load_err(d, "localnourl"), ConfigError::Key { key, .. } if key == "model.base_url"));
    common::write_config(d, "badenv", &format!("{BASE}api_key_env = \"sk-abc def\"\n"));
    assert!(matches!(load_err(d, "badenv"), ConfigError::Key { key, .. } if key == "model.api_key_env"));
    common::write_config(d, "noprompt", &format!("{BASE}[prompt]\nsystem_file = \"missing.md\"\n"));
    let e = load_err(d, "noprompt");
    assert!(matches!(&e, ConfigError::Key { key, .. } if key == "prompt.system_file"), "{e}");
    common::write_config(d, "bigtrigger", &format!("{BASE}context_window = 5000\n[compaction]\ntrigger = 6000\n"));
    assert!(matches!(load_err(d, "bigtrigger"), ConfigError::Key { key, .. } if key == "compaction.trigger"));
}

#[test]
fn extends_cycles_and_missing_parents_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    common::write_config(d, "a", "extends = \"b\"\n");
    common::write_config(d, "b", "extends = \"a\"\n");
    assert!(matches!(load_err(d, "a"), ConfigError::Extends { message, .. } if message.contains("cycle")));
    common::write_config(d, "orphan", "extends = \"nobody\"\n");
    assert!(matches!(load_err(d, "orphan"), ConfigError::Key { key, .. } if key == "extends"));
}

#[test]
fn extends_merges_tables_and_paths_stay_relative_to_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(d.join("prompt.md"), "PARENT PROMPT").unwrap();
    common::write_config(
        d,
        "parent",
        &format!("{BASE}context_window = 50000\n[prompt]\nsystem_file = \"prompt.md\"\n[limits]\nmax_turns = 9\n"),
    );
    common::write_config(
        &d.join("sub"),
        "child",
        "extends = \"../parent.toml\"\n[model]\nname = \"other\"\n[compaction]\ntrigger = 20000\n",
    );
    let r = config::load(&d.join("sub/child.toml")).unwrap();
    assert_eq!(r.config.model.name.as_deref(), Some("other"));
    assert_eq!(r.config.model.context_window, 50000);
    assert_eq!(r.config.limits.max_turns, Some(9));
    assert_eq!(r.config.compaction.trigger, Trigger::Tokens(20000));
    assert_eq!(r.file_text("prompt.system_file"), Some("PARENT PROMPT"));
    assert_eq!(r.chain.len(), 2);
    assert_eq!(r.name, "child");
    // The record names files by name and digest, not by host path.
    assert_eq!(r.record["prompt"]["system_file"]["file"], "prompt.md");
    assert!(!r.record.to_string().contains(&d.display().to_string()));
}

#[test]
fn digest_identifies_the_resolved_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    common::write_config(d, "one", BASE);
    common::write_config(d, "two", "extends = \"one\"\ndescription = \"prose only\"\n");
    common::write_config(d, "three", "extends = \"one\"\n[compaction]\nstrategy = \"none\"\n");
    let one = config::load(&d.join("one.toml")).unwrap();
    let two = config::load(&d.join("two.toml")).unwrap();
    let three = config::load(&d.join("three.toml")).unwrap();
    assert_eq!(one.digest, two.digest, "the same resolved content has the same digest");
    assert_ne!(one.digest, three.digest);
    std::fs::write(d.join("p.md"), "v1").unwrap();
    common::write_config(d, "four", &format!("{BASE}[prompt]\nsystem_file = \"p.md\"\n"));
    let v1 = config::load(&d.join("four.toml")).unwrap().digest;
    std::fs::write(d.join("p.md"), "v2").unwrap();
    assert_ne!(v1, config::load(&d.join("four.toml")).unwrap().digest, "a prompt change is a new configuration");
}

#[test]
fn shipped_configurations_load() {
    let dir = configs_dir();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            names.push(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    names.sort();
    for name in &names {
        let result = resolve(name, &dir);
        if name == "defaults" {
            assert!(
                matches!(result, Err(RegistryError::Invalid { ref message, .. }) if message.contains("model.provider"))
            );
            continue;
        }
        let agent = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(agent.digest.starts_with("sha256:"));
        assert!(!agent.config.to_string().contains("sk-"), "{name}: no key in the record");
    }
    for needed in
        ["openai", "openai-no-compaction", "openai-truncate", "openai-network", "anthropic", "local", "scripted-demo"]
    {
        assert!(names.iter().any(|n| n == needed), "missing {needed}");
    }
    let base = config::load(&dir.join("openai.toml")).unwrap();
    let off = config::load(&dir.join("openai-no-compaction.toml")).unwrap();
    let net = resolve("openai-network", &dir).unwrap();
    assert_eq!(off.config.compaction.strategy, CompactionStrategy::None);
    assert_eq!(
        {
            let mut c = off.config.clone();
            c.compaction = base.config.compaction.clone();
            c.description = None;
            c
        },
        {
            let mut c = base.config.clone();
            c.description = None;
            c
        },
        "the variant differs only in compaction"
    );
    assert_eq!(net.sandbox.network, Network::Bridge);
    assert_eq!(net.network.as_deref(), Some("bridge"));
    assert_eq!(resolve("openai", &dir).unwrap().network, None);
    assert_eq!(resolve("local", &dir).unwrap().kind, "builtin");
    assert_eq!(resolve("claude-code", &dir).unwrap().kind, "installed");
}

#[test]
fn builtins_still_resolve() {
    let oracle = resolve("oracle", Path::new("/nonexistent")).unwrap();
    assert_eq!(oracle.kind, "oracle");
    assert!(matches!(resolve("nobody", Path::new("/nonexistent")), Err(RegistryError::Unknown { .. })));
}
