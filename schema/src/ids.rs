//! Content digests and trial identifiers.

use sha2::{Digest, Sha256};

/// Hex SHA-256 of `bytes`, prefixed `sha256:`.
pub fn content_digest(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

/// The first 12 hex digits of a digest produced by [`content_digest`] (or of any hex string).
pub fn short_digest(digest: &str) -> &str {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    &hex[..hex.len().min(12)]
}

/// The identifier of one trial: readable (task, agent, attempt) and unique to the content of the
/// task and of the agent configuration, so a changed task or configuration never reuses an old
/// result on `--resume`.
pub fn trial_id(task_id: &str, task_digest: &str, agent_name: &str, agent_digest: &str, attempt: u32) -> String {
    let mut hasher = Sha256::new();
    for part in [task_digest, agent_digest, &attempt.to_string()] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    let hash = hex::encode(hasher.finalize());
    format!("{task_id}.{agent_name}.{attempt}.{}", &hash[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trial_id_changes_with_every_input() {
        let base = trial_id("t", "sha256:aa", "a", "sha256:bb", 0);
        assert!(base.starts_with("t.a.0."));
        assert_ne!(base, trial_id("t", "sha256:ab", "a", "sha256:bb", 0));
        assert_ne!(base, trial_id("t", "sha256:aa", "a", "sha256:bc", 0));
        assert_ne!(base, trial_id("t", "sha256:aa", "a", "sha256:bb", 1));
        assert_eq!(base, trial_id("t", "sha256:aa", "a", "sha256:bb", 0));
    }

    #[test]
    fn digests_are_prefixed_hex() {
        let d = content_digest(b"abc");
        assert_eq!(d, "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(short_digest(&d), "ba7816bf8f01");
    }
}
