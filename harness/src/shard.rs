//! `--shard I/N`: a stable, hash-based share of a run's trials, so N machines running shards
//! 1..N of the same run cover every trial exactly once.

use proctor_schema::ShardSpec;
use sha2::{Digest, Sha256};

/// Parse `I/N` (1 ≤ I ≤ N).
pub fn parse_shard(text: &str) -> Result<ShardSpec, String> {
    let (index, count) = text.split_once('/').ok_or_else(|| format!("`{text}`: expected I/N, e.g. 1/4"))?;
    let index: u32 = index.trim().parse().map_err(|_| format!("`{text}`: I must be a number"))?;
    let count: u32 = count.trim().parse().map_err(|_| format!("`{text}`: N must be a number"))?;
    if count == 0 || index == 0 || index > count {
        return Err(format!("`{text}`: expected 1 ≤ I ≤ N"));
    }
    Ok(ShardSpec { index, count })
}

/// Whether the trial belongs to the shard. Depends only on the trial id (which covers the task
/// and configuration digests and the attempt), never on the order or number of trials.
pub fn in_shard(trial_id: &str, shard: ShardSpec) -> bool {
    let digest = Sha256::digest(trial_id.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % u64::from(shard.count) == u64::from(shard.index - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!(parse_shard("2/3"), Ok(ShardSpec { index: 2, count: 3 }));
        assert!(parse_shard("0/3").is_err());
        assert!(parse_shard("4/3").is_err());
        assert!(parse_shard("1-3").is_err());
        assert!(parse_shard("a/3").is_err());
    }

    #[test]
    fn shards_are_disjoint_and_cover_everything() {
        let ids: Vec<String> = (0..1000).map(|i| format!("task-{i}.agent.0.abcd")).collect();
        let count = 3;
        let mut seen = vec![0u32; ids.len()];
        for index in 1..=count {
            let shard = ShardSpec { index, count };
            let members: Vec<usize> = (0..ids.len()).filter(|&i| in_shard(&ids[i], shard)).collect();
            assert!(members.len() > 250, "shards are balanced: {}", members.len());
            for i in members {
                seen[i] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "every trial in exactly one shard");
    }
}
