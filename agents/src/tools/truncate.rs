//! Truncation of tool output for the model: keep the head and the tail (half the budget each) and
//! put a marker saying how much was cut in between. Tokens are estimated as bytes / 4.

use crate::model::estimate_tokens;

/// Text cut to fit a token budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Truncated {
    pub text: String,
    /// Bytes of the original left out (0 when it fit).
    pub cut_bytes: u64,
    /// Bytes of the original.
    pub total_bytes: u64,
}

impl Truncated {
    pub fn was_cut(&self) -> bool {
        self.cut_bytes > 0
    }
}

/// The marker put where output was cut.
pub fn marker(cut_bytes: u64) -> String {
    format!("\n…{} tokens truncated…\n", estimate_tokens(usize::try_from(cut_bytes).unwrap_or(usize::MAX)))
}

/// `text` cut to `max_tokens` (bytes / 4), head and tail kept 50/50.
pub fn truncate_middle(text: &str, max_tokens: u64) -> Truncated {
    truncate_parts(text.as_bytes(), &[], 0, max_tokens)
}

/// Output already capped by the sandbox (`head`, `hidden_bytes` dropped, `tail`) cut to
/// `max_tokens`: the kept head comes from `head`, the kept tail from `tail`, and the marker counts
/// everything left out, including what the sandbox dropped.
pub fn truncate_parts(head: &[u8], tail: &[u8], hidden_bytes: u64, max_tokens: u64) -> Truncated {
    let budget = usize::try_from(max_tokens.saturating_mul(4)).unwrap_or(usize::MAX);
    let total_bytes = head.len() as u64 + tail.len() as u64 + hidden_bytes;
    if hidden_bytes == 0 && head.len() + tail.len() <= budget {
        let mut bytes = head.to_vec();
        bytes.extend_from_slice(tail);
        return Truncated { text: String::from_utf8_lossy(&bytes).into_owned(), cut_bytes: 0, total_bytes };
    }
    let keep_head = budget / 2;
    let keep_tail = budget - keep_head;
    let (prefix, suffix): (&[u8], &[u8]) = if hidden_bytes == 0 {
        // One contiguous text: split it.
        let joined_len = head.len() + tail.len();
        let mut all = Vec::with_capacity(joined_len);
        all.extend_from_slice(head);
        all.extend_from_slice(tail);
        let end = char_floor(&all, keep_head);
        let start = char_ceil(&all, joined_len - keep_tail.min(joined_len)).max(end);
        let text = assemble(&all[..end], &all[start..], (start - end) as u64);
        return Truncated { text, cut_bytes: (start - end) as u64, total_bytes };
    } else {
        let end = char_floor(head, keep_head.min(head.len()));
        let start = char_ceil(tail, tail.len() - keep_tail.min(tail.len()));
        (&head[..end], &tail[start..])
    };
    let cut = total_bytes - prefix.len() as u64 - suffix.len() as u64;
    Truncated { text: assemble(prefix, suffix, cut), cut_bytes: cut, total_bytes }
}

fn assemble(prefix: &[u8], suffix: &[u8], cut: u64) -> String {
    let mut text = String::from_utf8_lossy(prefix).into_owned();
    text.push_str(&marker(cut));
    text.push_str(&String::from_utf8_lossy(suffix));
    text
}

/// The largest index `<= at` that is not inside a UTF-8 sequence.
fn char_floor(bytes: &[u8], at: usize) -> usize {
    let mut at = at.min(bytes.len());
    while at > 0 && at < bytes.len() && (bytes[at] & 0xC0) == 0x80 {
        at -= 1;
    }
    at
}

/// The smallest index `>= at` that is not inside a UTF-8 sequence.
fn char_ceil(bytes: &[u8], at: usize) -> usize {
    let mut at = at.min(bytes.len());
    while at < bytes.len() && (bytes[at] & 0xC0) == 0x80 {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_untouched() {
        let t = truncate_middle("hello", 10);
        assert_eq!(t.text, "hello");
        assert!(!t.was_cut());
    }

    #[test]
    fn long_text_keeps_head_and_tail_half_each() {
        let text: String = (0..1000).map(|i| format!("line {i:04}\n")).collect(); // 10 bytes a line
        let t = truncate_middle(&text, 100); // 400 bytes
        assert!(t.text.starts_with("line 0000\n"));
        assert!(t.text.ends_with("line 0999\n"));
        assert_eq!(t.cut_bytes, 10_000 - 400);
        assert!(t.text.contains("…2400 tokens truncated…"), "{}", t.text);
        let (head, tail) = t.text.split_once('…').unwrap();
        assert_eq!(head.len(), 200 + 1); // plus the marker's newline
        assert!(tail.len() > 200);
    }

    #[test]
    fn multibyte_characters_are_not_split() {
        let text = "é".repeat(100); // 200 bytes
        let t = truncate_middle(&text, 5); // 20 bytes
        assert!(!t.text.contains('\u{FFFD}'));
        assert_eq!(t.cut_bytes, 180);
    }

    #[test]
    fn sandbox_cut_output_counts_the_hidden_middle() {
        let t = truncate_parts(&[b'a'; 1000], &[b'b'; 1000], 1_000_000, 100);
        assert!(t.text.starts_with(&"a".repeat(200)));
        assert!(t.text.ends_with(&"b".repeat(200)));
        assert_eq!(t.cut_bytes, 1_002_000 - 400);
        assert_eq!(t.total_bytes, 1_002_000);
    }
}
