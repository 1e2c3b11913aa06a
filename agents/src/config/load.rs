//! Loading a configuration file: `extends` chains, merging, key-precise errors, referenced files,
//! the record written to `run.json` and the digest that identifies the configuration.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proctor_schema::content_digest;
use serde_json::Value as Json;
use toml::{Table, Value};

use super::validate::validate;
use super::AgentConfig;

/// Longest `extends` chain accepted.
const MAX_EXTENDS_DEPTH: usize = 16;

/// Keys whose values are file paths, relative to the file that names them.
pub(crate) const PATH_KEYS: [(&str, &str); 5] = [
    ("model", "script"),
    ("model", "replay"),
    ("compaction", "prompt_file"),
    ("prompt", "system_file"),
    ("installed", "install_script"),
];

/// Why a configuration could not be loaded. Every variant names the file at fault.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("`{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{}`: invalid TOML: {message}", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("`{}`: key `{key}`: {message}", path.display())]
    Key { path: PathBuf, key: String, message: String },
    #[error("`{}`: {message}", path.display())]
    Extends { path: PathBuf, message: String },
}

impl ConfigError {
    /// The file at fault.
    pub fn path(&self) -> &Path {
        match self {
            ConfigError::Read { path, .. }
            | ConfigError::Syntax { path, .. }
            | ConfigError::Key { path, .. }
            | ConfigError::Extends { path, .. } => path,
        }
    }

    /// The error without the file name.
    pub fn detail(&self) -> String {
        match self {
            ConfigError::Read { source, .. } => source.to_string(),
            ConfigError::Syntax { message, .. } => format!("invalid TOML: {message}"),
            ConfigError::Key { key, message, .. } => format!("key `{key}`: {message}"),
            ConfigError::Extends { message, .. } => message.clone(),
        }
    }
}

/// A file the configuration refers to, read at load time so a bad path fails early and the
/// file's content is part of the configuration's digest.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    pub path: PathBuf,
    pub text: String,
}

/// A configuration with its `extends` chain resolved.
#[derive(Debug, Clone)]
pub struct ResolvedConfig {
    /// The configuration's name: the file's stem.
    pub name: String,
    /// The file that was asked for.
    pub path: PathBuf,
    /// Every file merged, the asked-for file first.
    pub chain: Vec<PathBuf>,
    /// The merged configuration (paths made absolute, `extends` cleared).
    pub config: AgentConfig,
    /// Referenced files by key (`prompt.system_file`, ...).
    pub files: BTreeMap<String, LoadedFile>,
    /// The configuration as recorded in results: file paths replaced by the file's name and
    /// content digest, no secrets (keys are named by environment variable only).
    pub record: Json,
    /// Digest of `record` (less its description): identifies the configuration in results.
    pub digest: String,
}

impl ResolvedConfig {
    /// The text of a referenced file, by key.
    pub fn file_text(&self, key: &str) -> Option<&str> {
        self.files.get(key).map(|f| f.text.as_str())
    }
}

/// Load `path`, resolving its `extends` chain.
pub fn load(path: &Path) -> Result<ResolvedConfig, ConfigError> {
    let mut chain: Vec<PathBuf> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut next = Some(path.to_path_buf());
    while let Some(file) = next.take() {
        let canonical = file.canonicalize().map_err(|source| ConfigError::Read { path: file.clone(), source })?;
        if chain.iter().any(|seen| seen.canonicalize().ok().as_ref() == Some(&canonical)) {
            let names: Vec<String> = chain.iter().map(|p| p.display().to_string()).collect();
            return Err(ConfigError::Extends {
                path: file,
                message: format!("`extends` cycle: {} -> {}", names.join(" -> "), canonical.display()),
            });
        }
        if chain.len() >= MAX_EXTENDS_DEPTH {
            return Err(ConfigError::Extends {
                path: file,
                message: format!("`extends` chain longer than {MAX_EXTENDS_DEPTH} files"),
            });
        }
        let mut table = read_table(&file)?;
        check_alone(&file, &table)?;
        absolutize_paths(&file, &mut table);
        next = match table.remove("extends") {
            Some(Value::String(parent)) => Some(parent_path(&file, &parent)?),
            Some(_) => unreachable_extends(&file)?,
            None => None,
        };
        chain.push(file);
        tables.push(table);
    }

    let mut merged = Table::new();
    for table in tables.into_iter().rev() {
        merge(&mut merged, table);
    }
    let leaf = path.to_path_buf();
    let config: AgentConfig = deserialize(&leaf, merged)?;
    validate(&config).map_err(|(key, message)| ConfigError::Key { path: leaf.clone(), key, message })?;
    let files = read_files(&leaf, &config)?;
    let record = record_json(&config, &files);
    // The description is prose: changing it does not make a new configuration.
    let mut identity = record.clone();
    if let Some(map) = identity.as_object_mut() {
        map.remove("description");
    }
    let digest = content_digest(canonical_json(&identity).as_bytes());
    let name = leaf.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "agent".into());
    Ok(ResolvedConfig { name, path: leaf, chain, config, files, record, digest })
}

fn unreachable_extends(file: &Path) -> Result<Option<PathBuf>, ConfigError> {
    // `check_alone` already refused a non-string `extends`; keep the error precise regardless.
    Err(ConfigError::Key { path: file.to_path_buf(), key: "extends".into(), message: "must be a string".into() })
}

fn read_table(path: &Path) -> Result<Table, ConfigError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
    text.parse::<Table>()
        .map_err(|e| ConfigError::Syntax { path: path.to_path_buf(), message: e.to_string().trim().to_string() })
}

/// Deserialize one file on its own, so unknown keys and bad values are blamed on the file that
/// holds them rather than on the file that extends it.
fn check_alone(path: &Path, table: &Table) -> Result<(), ConfigError> {
    deserialize(path, table.clone()).map(|_| ())
}

fn deserialize(path: &Path, table: Table) -> Result<AgentConfig, ConfigError> {
    serde_path_to_error::deserialize::<_, AgentConfig>(table).map_err(|err| {
        let mut key = err.path().to_string();
        // toml's messages may end with a line naming the table; the key says it already.
        let message = err.inner().to_string().lines().next().unwrap_or("").trim().to_string();
        // Make sure an unknown field is named by its own key, not only by its table's.
        if let Some(field) = message.strip_prefix("unknown field `").and_then(|rest| rest.split('`').next()) {
            if key == "." || key.is_empty() {
                key = field.to_string();
            } else if !key.ends_with(&format!(".{field}")) && key != field {
                key = format!("{key}.{field}");
            }
        }
        if key == "." {
            key = "(top level)".into();
        }
        ConfigError::Key { path: path.to_path_buf(), key, message }
    })
}

fn parent_path(file: &Path, parent: &str) -> Result<PathBuf, ConfigError> {
    let dir = file.parent().unwrap_or_else(|| Path::new("."));
    let as_path = Path::new(parent);
    let candidate = if as_path.extension().is_some() || as_path.components().count() > 1 {
        dir.join(as_path)
    } else {
        dir.join(format!("{parent}.toml"))
    };
    if candidate.is_file() {
        Ok(candidate)
    } else {
        Err(ConfigError::Key {
            path: file.to_path_buf(),
            key: "extends".into(),
            message: format!("no configuration `{}`", candidate.display()),
        })
    }
}

fn absolutize_paths(file: &Path, table: &mut Table) {
    let dir = file.parent().unwrap_or_else(|| Path::new("."));
    for (section, key) in PATH_KEYS {
        if let Some(Value::Table(sub)) = table.get_mut(section) {
            if let Some(Value::String(p)) = sub.get_mut(key) {
                if Path::new(p.as_str()).is_relative() {
                    *p = dir.join(p.as_str()).to_string_lossy().into_owned();
                }
            }
        }
    }
}

/// Merge `over` into `base`: tables key by key, anything else replaced.
pub(crate) fn merge(base: &mut Table, over: Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(b)), Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn configured_paths(config: &AgentConfig) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut push = |key: &str, p: &Option<PathBuf>| {
        if let Some(p) = p {
            out.push((key.to_string(), p.clone()));
        }
    };
    push("model.script", &config.model.script);
    push("model.replay", &config.model.replay);
    push("compaction.prompt_file", &config.compaction.prompt_file);
    push("prompt.system_file", &config.prompt.system_file);
    push("installed.install_script", &config.installed.as_ref().and_then(|i| i.install_script.clone()));
    out
}

fn read_files(leaf: &Path, config: &AgentConfig) -> Result<BTreeMap<String, LoadedFile>, ConfigError> {
    let mut files = BTreeMap::new();
    for (key, path) in configured_paths(config) {
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::Key {
            path: leaf.to_path_buf(),
            key: key.clone(),
            message: format!("cannot read `{}`: {e}", path.display()),
        })?;
        files.insert(key, LoadedFile { path, text });
    }
    Ok(files)
}

/// The configuration as recorded: file paths become `{file, sha256}` so the record (and the
/// digest) do not depend on where the configuration directory lives.
fn record_json(config: &AgentConfig, files: &BTreeMap<String, LoadedFile>) -> Json {
    let mut value = serde_json::to_value(config).unwrap_or(Json::Null);
    for (key, file) in files {
        let mut parts = key.split('.');
        let (Some(section), Some(field)) = (parts.next(), parts.next()) else { continue };
        if let Some(slot) = value.get_mut(section).and_then(|s| s.get_mut(field)) {
            let name = file.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            *slot = serde_json::json!({ "file": name, "sha256": content_digest(file.text.as_bytes()) });
        }
    }
    value
}

/// JSON with object keys sorted at every level, so equal configurations have equal digests.
pub(crate) fn canonical_json(value: &Json) -> String {
    fn sort(value: &Json) -> Json {
        match value {
            Json::Object(map) => {
                let sorted: BTreeMap<&String, Json> = map.iter().map(|(k, v)| (k, sort(v))).collect();
                let mut out = serde_json::Map::new();
                for (k, v) in sorted {
                    out.insert(k.clone(), v);
                }
                Json::Object(out)
            }
            Json::Array(items) => Json::Array(items.iter().map(sort).collect()),
            other => other.clone(),
        }
    }
    sort(value).to_string()
}
