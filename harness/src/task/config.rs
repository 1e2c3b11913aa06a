//! `task.toml`, as Harbor defines it. Unknown keys are errors (outside the free-form
//! `[metadata]`), and Harbor features proctor does not support yet are refused by name in
//! [`super::load`], never silently ignored.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskToml {
    /// Harbor's `version` (older) or `schema_version` (newer); both accepted, neither checked
    /// beyond being a string.
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub schema_version: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub task: TaskSection,
    /// Free-form; proctor reads `difficulty`, `category`, `tags`, `languages`,
    /// `expert_time_estimate_min` when present.
    #[serde(default)]
    pub metadata: toml::Table,
    #[serde(default)]
    pub verifier: VerifierSection,
    #[serde(default)]
    pub agent: AgentSection,
    #[serde(default)]
    pub environment: EnvironmentSection,
    #[serde(default)]
    pub solution: SolutionSection,
    /// Harbor multi-step tasks: refused.
    #[serde(default)]
    pub steps: Option<toml::Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSection {
    pub name: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub authors: Vec<toml::Value>,
    #[serde(default)]
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifierSection {
    #[serde(default = "default_timeout_sec")]
    pub timeout_sec: f64,
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    #[serde(default)]
    pub user: Option<String>,
}

impl Default for VerifierSection {
    fn default() -> Self {
        VerifierSection { timeout_sec: default_timeout_sec(), env: BTreeMap::new(), user: None }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentSection {
    #[serde(default = "default_timeout_sec")]
    pub timeout_sec: f64,
    #[serde(default)]
    pub user: Option<String>,
}

impl Default for AgentSection {
    fn default() -> Self {
        AgentSection { timeout_sec: default_timeout_sec(), user: None }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolutionSection {
    #[serde(default)]
    pub env: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentSection {
    #[serde(default = "default_timeout_sec")]
    pub build_timeout_sec: f64,
    #[serde(default)]
    pub docker_image: Option<String>,
    #[serde(default)]
    pub os: Option<String>,
    #[serde(default)]
    pub cpus: Option<f64>,
    #[serde(default)]
    pub memory_mb: Option<u64>,
    #[serde(default)]
    pub storage_mb: Option<u64>,
    /// Deprecated Harbor spelling of `memory_mb` (`"2G"`, `"512M"`).
    #[serde(default)]
    pub memory: Option<String>,
    /// Deprecated Harbor spelling of `storage_mb`.
    #[serde(default)]
    pub storage: Option<String>,
    #[serde(default)]
    pub gpus: Option<u32>,
    #[serde(default)]
    pub gpu_types: Option<Vec<String>>,
    #[serde(default)]
    pub allow_internet: Option<bool>,
    #[serde(default)]
    pub network_mode: Option<String>,
    #[serde(default)]
    pub workdir: Option<String>,
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    #[serde(default)]
    pub mcp_servers: Option<toml::Value>,
    #[serde(default)]
    pub skills_dir: Option<String>,
}

impl Default for EnvironmentSection {
    fn default() -> Self {
        EnvironmentSection {
            build_timeout_sec: default_timeout_sec(),
            docker_image: None,
            os: None,
            cpus: None,
            memory_mb: None,
            storage_mb: None,
            memory: None,
            storage: None,
            gpus: None,
            gpu_types: None,
            allow_internet: None,
            network_mode: None,
            workdir: None,
            env: BTreeMap::new(),
            mcp_servers: None,
            skills_dir: None,
        }
    }
}

fn default_timeout_sec() -> f64 {
    600.0
}

/// Parse a Harbor size string (`"2G"`, `"512M"`, `"1024"` = MB) into megabytes.
pub fn parse_size_mb(text: &str) -> Option<u64> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((at, _)) => text.split_at(at),
        None => (text, "M"),
    };
    let number: f64 = number.trim().parse().ok()?;
    let factor = match unit.trim().to_ascii_uppercase().trim_end_matches('B') {
        "K" => 1.0 / 1024.0,
        "M" | "" => 1.0,
        "G" => 1024.0,
        "T" => 1024.0 * 1024.0,
        _ => return None,
    };
    let mb = number * factor;
    (mb.is_finite() && mb >= 0.0).then(|| mb.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::parse_size_mb;

    #[test]
    fn sizes() {
        assert_eq!(parse_size_mb("2G"), Some(2048));
        assert_eq!(parse_size_mb("512M"), Some(512));
        assert_eq!(parse_size_mb("512mb"), Some(512));
        assert_eq!(parse_size_mb("100"), Some(100));
        assert_eq!(parse_size_mb("lots"), None);
        assert_eq!(parse_size_mb("3X"), None);
    }
}
