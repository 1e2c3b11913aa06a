//! Compaction: the pure parts (rebuilding the history around a summary, dropping the oldest
//! items of an overflowing summary request, truncating old tool outputs). The loop drives them
//! ([`super::run`]).

use std::collections::HashSet;

use crate::model::{estimate_tokens, Item, UserOrigin};

/// The fixed prefix of the message that carries a handoff summary.
pub const SUMMARY_PREFIX: &str =
    "Another language model started this task and produced the summary below of its work so far \
(its conversation was dropped to free the context window). Continue from it: do not redo finished work, and check the \
current state of the files when in doubt.\n\n";

/// What replaces a tool output dropped by `truncate`.
pub fn dropped_output_marker(tokens: u64) -> String {
    format!("[output dropped to free the context window: ~{tokens} tokens]")
}

/// The history after a summary: the instruction(s), the most recent real user messages (up to
/// `keep_user_tokens`, oldest first), then the summary. Tool calls, tool outputs, assistant text
/// and earlier summaries are dropped.
pub fn rebuild_after_summary(items: &[Item], summary: &str, keep_user_tokens: u64) -> Vec<Item> {
    let mut out: Vec<Item> = items
        .iter()
        .filter(|item| matches!(item, Item::User { origin: UserOrigin::Instruction, .. }))
        .cloned()
        .collect();
    let mut recent = Vec::new();
    let mut budget = keep_user_tokens;
    for item in items.iter().rev() {
        if let Item::User { origin: UserOrigin::Message, text } = item {
            let tokens = estimate_tokens(text.len());
            if tokens > budget {
                break;
            }
            budget -= tokens;
            recent.push(item.clone());
        }
    }
    out.extend(recent.into_iter().rev());
    out.push(Item::user(format!("{SUMMARY_PREFIX}{summary}"), UserOrigin::Summary));
    out
}

/// Drop the oldest fifth (at least one) of the items that are not the instruction, then any tool
/// output whose call is gone and any call whose output is gone. `false` when there was nothing
/// left to drop.
pub fn drop_oldest(items: &mut Vec<Item>) -> bool {
    let droppable: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, item)| !matches!(item, Item::User { origin: UserOrigin::Instruction, .. }))
        .map(|(i, _)| i)
        .collect();
    if droppable.is_empty() {
        return false;
    }
    let count = (droppable.len() / 5).max(1);
    let drop: HashSet<usize> = droppable.into_iter().take(count).collect();
    let mut i = 0;
    items.retain(|_| {
        let keep = !drop.contains(&i);
        i += 1;
        keep
    });
    remove_orphans(items);
    true
}

/// Remove tool outputs without their call and calls without their output.
pub fn remove_orphans(items: &mut Vec<Item>) {
    let calls: HashSet<String> = items
        .iter()
        .filter_map(|item| match item {
            Item::ToolCall { call_id, .. } => Some(call_id.clone()),
            _ => None,
        })
        .collect();
    let outputs: HashSet<String> = items
        .iter()
        .filter_map(|item| match item {
            Item::ToolOutput { call_id, .. } => Some(call_id.clone()),
            _ => None,
        })
        .collect();
    items.retain(|item| match item {
        Item::ToolCall { call_id, .. } => outputs.contains(call_id),
        Item::ToolOutput { call_id, .. } => calls.contains(call_id),
        _ => true,
    });
}

/// Replace the oldest tool outputs with a short marker until `current - removed <= target`.
/// Returns `(outputs dropped, tokens removed)`; the most recent output is never dropped.
pub fn truncate_tool_outputs(items: &mut [Item], current: u64, target: u64) -> (u64, u64) {
    let last_output = items.iter().rposition(|item| matches!(item, Item::ToolOutput { .. }));
    let mut dropped = 0;
    let mut removed = 0;
    for (i, item) in items.iter_mut().enumerate() {
        if current.saturating_sub(removed) <= target || Some(i) == last_output {
            break;
        }
        if let Item::ToolOutput { output, .. } = item {
            let tokens = estimate_tokens(output.len());
            let marker = dropped_output_marker(tokens);
            let saved = tokens.saturating_sub(estimate_tokens(marker.len()));
            if saved == 0 {
                continue;
            }
            *output = marker;
            removed += saved;
            dropped += 1;
        }
    }
    (dropped, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Item> {
        vec![
            Item::user("the task", UserOrigin::Instruction),
            Item::ToolCall { call_id: "a".into(), name: "exec_command".into(), arguments: "{}".into() },
            Item::ToolOutput { call_id: "a".into(), output: "x".repeat(4000) },
            Item::user("please also do y", UserOrigin::Message),
            Item::user("old summary", UserOrigin::Summary),
            Item::ToolCall { call_id: "b".into(), name: "exec_command".into(), arguments: "{}".into() },
            Item::ToolOutput { call_id: "b".into(), output: "y".repeat(4000) },
        ]
    }

    #[test]
    fn summary_keeps_instruction_recent_user_messages_and_the_summary_only() {
        let out = rebuild_after_summary(&sample(), "did x", 100);
        assert_eq!(out.len(), 3);
        assert!(matches!(&out[0], Item::User { origin: UserOrigin::Instruction, text } if text == "the task"));
        assert!(matches!(&out[1], Item::User { origin: UserOrigin::Message, .. }));
        assert!(
            matches!(&out[2], Item::User { origin: UserOrigin::Summary, text } if text.starts_with(SUMMARY_PREFIX) && text.ends_with("did x"))
        );
        assert_eq!(rebuild_after_summary(&sample(), "s", 0).len(), 2);
    }

    #[test]
    fn dropping_keeps_pairs_consistent() {
        let mut items = sample();
        assert!(drop_oldest(&mut items));
        // The oldest droppable item was call `a`; its output went with it.
        assert!(!items.iter().any(|i| matches!(i, Item::ToolOutput { call_id, .. } if call_id == "a")));
        assert!(matches!(items[0], Item::User { origin: UserOrigin::Instruction, .. }));
        while drop_oldest(&mut items) {}
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn truncation_drops_oldest_outputs_first_and_keeps_the_last() {
        let mut items = sample();
        let (dropped, removed) = truncate_tool_outputs(&mut items, 3000, 0);
        assert_eq!(dropped, 1);
        assert!(removed > 900);
        assert!(matches!(&items[2], Item::ToolOutput { output, .. } if output.starts_with("[output dropped")));
        assert!(matches!(&items[6], Item::ToolOutput { output, .. } if output.len() == 4000));
    }
}
