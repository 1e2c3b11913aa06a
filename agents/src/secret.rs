//! Secrets (API keys) and their redaction.
//!
//! A key is read from the host environment variable a configuration names, kept in a [`Secret`]
//! whose `Debug` and `Display` print `***`, sent in a request header only, and scrubbed from any
//! text proctor writes that could have echoed it (error bodies, logs of installed agents).

/// A secret string. Formatting never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// Read a secret from a host environment variable; `None` when unset or empty.
    pub fn from_env(name: &str) -> Option<Self> {
        std::env::var(name).ok().filter(|v| !v.trim().is_empty()).map(|v| Secret(v.trim().to_string()))
    }

    /// The secret itself, for a request header.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the secret replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        redact(text, std::slice::from_ref(self))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// `text` with every occurrence of any of `secrets` replaced by `***`. Secrets shorter than 4
/// characters are ignored (they would mangle ordinary text and protect nothing).
pub fn redact(text: &str, secrets: &[Secret]) -> String {
    let mut out = text.to_string();
    for secret in secrets {
        if secret.0.len() >= 4 && out.contains(&secret.0) {
            out = out.replace(&secret.0, "***");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_formatted() {
        let s = Secret::new("sk-very-secret");
        assert_eq!(format!("{s} {s:?}"), "*** Secret(***)");
        assert_eq!(s.redact("key sk-very-secret!"), "key ***!");
    }
}
