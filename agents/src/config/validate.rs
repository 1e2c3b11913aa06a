//! Checks on a merged configuration that serde cannot express: required fields, ranges, and
//! combinations. Each failure names the key at fault.

use super::{AgentConfig, AgentKind, ProviderKind, Trigger};

/// `Err((key, message))` for the first problem found.
pub(super) fn validate(config: &AgentConfig) -> Result<(), (String, String)> {
    let fail = |key: &str, message: &str| Err((key.to_string(), message.to_string()));
    match config.kind {
        AgentKind::Installed => {
            let Some(installed) = &config.installed else {
                return fail("installed", "`kind = \"installed\"` needs an [installed] section with `run`");
            };
            if installed.run.trim().is_empty() {
                return fail("installed.run", "must not be empty");
            }
            for name in &installed.env {
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return fail("installed.env", &format!("`{name}` is not an environment variable name"));
                }
            }
        }
        AgentKind::Builtin => {
            if config.installed.is_some() {
                return fail("installed", "only allowed with `kind = \"installed\"`");
            }
            validate_model(config)?;
        }
    }
    let model = &config.model;
    if let Some(prices) = &model.prices {
        let all = [
            ("model.prices.input", Some(prices.input)),
            ("model.prices.cached_input", prices.cached_input),
            ("model.prices.output", Some(prices.output)),
        ];
        for (key, value) in all {
            if let Some(v) = value {
                if !(v.is_finite() && v >= 0.0) {
                    return fail(key, "must be a non-negative number");
                }
            }
        }
    }
    if let Trigger::Tokens(n) = config.compaction.trigger {
        if n > model.context_window {
            return fail(
                "compaction.trigger",
                &format!("{n} tokens is more than model.context_window ({})", model.context_window),
            );
        }
    }
    if let Some(cpus) = config.sandbox.cpus {
        if !(cpus.is_finite() && cpus > 0.0) {
            return fail("sandbox.cpus", "must be a positive number");
        }
    }
    if config.sandbox.memory_mb == Some(0) {
        return fail("sandbox.memory_mb", "must be positive");
    }
    if config.sandbox.pids == Some(0) {
        return fail("sandbox.pids", "must be positive");
    }
    if config.sandbox.command_timeout_secs == 0 {
        return fail("sandbox.command_timeout_secs", "must be positive");
    }
    if let Some(user) = &config.sandbox.user {
        if user.is_empty() {
            return fail("sandbox.user", "must not be empty");
        }
    }
    let limits = &config.limits;
    if limits.max_turns == Some(0) {
        return fail("limits.max_turns", "must be at least 1");
    }
    if limits.max_total_tokens == Some(0) {
        return fail("limits.max_total_tokens", "must be positive");
    }
    if limits.wall_time_secs == Some(0) {
        return fail("limits.wall_time_secs", "must be positive");
    }
    if let Some(cost) = limits.max_cost_usd {
        if !(cost.is_finite() && cost > 0.0) {
            return fail("limits.max_cost_usd", "must be a positive number");
        }
        if model.prices.is_none() && config.kind == AgentKind::Builtin {
            return fail("limits.max_cost_usd", "needs [model.prices] to compute a cost");
        }
    }
    if config.tools.output_token_limit == 0 {
        return fail("tools.output_token_limit", "must be positive");
    }
    Ok(())
}

fn validate_model(config: &AgentConfig) -> Result<(), (String, String)> {
    let fail = |key: &str, message: &str| Err((key.to_string(), message.to_string()));
    let model = &config.model;
    let Some(provider) = model.provider else {
        return fail("model.provider", "is required (openai, openai-chat, anthropic, script or replay)");
    };
    if provider.is_http() {
        if model.name.as_deref().is_none_or(str::is_empty) {
            return fail("model.name", &format!("is required for provider `{}`", provider.as_str()));
        }
        let base = model.base_url.as_deref().or(provider.default_base_url());
        match base {
            None => return fail("model.base_url", &format!("is required for provider `{}`", provider.as_str())),
            Some(url) if !(url.starts_with("http://") || url.starts_with("https://")) => {
                return fail("model.base_url", &format!("`{url}` is not an http(s) URL"));
            }
            Some(_) => {}
        }
        if let Some(env) = &model.api_key_env {
            if env.is_empty() || !env.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return fail(
                    "model.api_key_env",
                    "must name an environment variable (the key itself never goes in a file)",
                );
            }
        }
    }
    if provider == ProviderKind::Script && model.script.is_none() {
        return fail("model.script", "is required for provider `script`");
    }
    if provider == ProviderKind::Replay && model.replay.is_none() {
        return fail("model.replay", "is required for provider `replay`");
    }
    if model.context_window < 1024 {
        return fail("model.context_window", "must be at least 1024 tokens");
    }
    if model.max_output_tokens == 0 {
        return fail("model.max_output_tokens", "must be positive");
    }
    if model.max_concurrency == 0 {
        return fail("model.max_concurrency", "must be at least 1");
    }
    if model.request_timeout_secs == 0 {
        return fail("model.request_timeout_secs", "must be positive");
    }
    if let Some(t) = model.temperature {
        if !(0.0..=2.0).contains(&t) {
            return fail("model.temperature", "must be between 0 and 2");
        }
    }
    Ok(())
}
