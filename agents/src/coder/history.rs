//! The conversation of one trial and its token count.
//!
//! The count is the last response's reported total (its input plus its output: everything in
//! the context at that point) plus an estimate (bytes / 4) of the items added since. Before the
//! first response, or after a compaction replaced the items, everything is estimated.

use crate::model::{estimate_items, estimate_tokens, CallUsage, Item, ToolSpec, UserOrigin};

/// The items of the conversation and what is known of their size.
#[derive(Debug, Clone)]
pub struct History {
    pub items: Vec<Item>,
    /// Tokens of the system prompt and tool schemas (estimated).
    fixed_tokens: u64,
    /// `(reported total, items.len() at that point)` of the last response.
    reported: Option<(u64, usize)>,
}

impl History {
    /// A new conversation: the instruction as the first user message.
    pub fn new(system: &str, tools: &[ToolSpec], instruction: &str) -> Self {
        let tool_bytes: usize =
            tools.iter().map(|t| t.name.len() + t.description.len() + t.parameters.to_string().len()).sum();
        History {
            items: vec![Item::user(instruction, UserOrigin::Instruction)],
            fixed_tokens: estimate_tokens(system.len() + tool_bytes),
            reported: None,
        }
    }

    pub fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    /// Note a response's usage, after its items were pushed.
    pub fn record_response(&mut self, usage: &CallUsage) {
        if usage.total() > 0 {
            self.reported = Some((usage.total(), self.items.len()));
        }
    }

    /// Tokens in the context now (see the module docs).
    pub fn tokens(&self) -> u64 {
        match self.reported {
            Some((total, len)) if len <= self.items.len() => total + estimate_items(&self.items[len..]),
            _ => self.estimate_all(),
        }
    }

    /// Everything estimated from bytes.
    pub fn estimate_all(&self) -> u64 {
        self.fixed_tokens + estimate_items(&self.items)
    }

    /// Tokens of the system prompt and tool schemas.
    pub fn fixed_tokens(&self) -> u64 {
        self.fixed_tokens
    }

    /// Replace the items (after a summary compaction): the count restarts from estimates.
    pub fn replace(&mut self, items: Vec<Item>) {
        self.items = items;
        self.reported = None;
    }

    /// Lower the reported count by `tokens` removed in place (after a truncation).
    pub fn forget_tokens(&mut self, tokens: u64) {
        if let Some((total, len)) = self.reported {
            self.reported = Some((total.saturating_sub(tokens), len));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_is_reported_total_plus_estimate_of_new_items() {
        let mut h = History::new("system", &[], "instruction");
        let first = h.tokens();
        assert!(first > 0);
        h.push(Item::Assistant { text: "x".into() });
        h.record_response(&CallUsage { input_tokens: 1000, output_tokens: 10, ..CallUsage::default() });
        assert_eq!(h.tokens(), 1010);
        h.push(Item::ToolOutput { call_id: "c".into(), output: "a".repeat(400) });
        assert_eq!(h.tokens(), 1010 + 100 + 1 + 8);
        h.replace(vec![Item::user("instruction", UserOrigin::Instruction)]);
        assert_eq!(h.tokens(), first);
    }
}
