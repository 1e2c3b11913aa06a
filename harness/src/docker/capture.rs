//! Capped capture of a byte stream: the head and the tail are kept, the middle is counted.

use proctor_agents::CappedOutput;

/// Collects a stream keeping at most `limit` bytes: the first half and the last half.
#[derive(Debug)]
pub struct OutputCapture {
    head_limit: usize,
    tail_limit: usize,
    head: Vec<u8>,
    tail: std::collections::VecDeque<u8>,
    cut: u64,
}

impl OutputCapture {
    pub fn new(limit: usize) -> Self {
        let head_limit = limit / 2;
        OutputCapture {
            head_limit,
            tail_limit: limit - head_limit,
            head: Vec::new(),
            tail: std::collections::VecDeque::new(),
            cut: 0,
        }
    }

    pub fn push(&mut self, mut bytes: &[u8]) {
        if self.head.len() < self.head_limit {
            let take = bytes.len().min(self.head_limit - self.head.len());
            self.head.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
        }
        if bytes.is_empty() {
            return;
        }
        if bytes.len() >= self.tail_limit {
            self.cut += self.tail.len() as u64 + (bytes.len() - self.tail_limit) as u64;
            self.tail.clear();
            self.tail.extend(&bytes[bytes.len() - self.tail_limit..]);
            return;
        }
        let overflow = (self.tail.len() + bytes.len()).saturating_sub(self.tail_limit);
        self.tail.drain(..overflow);
        self.cut += overflow as u64;
        self.tail.extend(bytes);
    }

    pub fn finish(self) -> CappedOutput {
        CappedOutput { head: self.head, tail: self.tail.into_iter().collect(), cut_bytes: self.cut }
    }
}

#[cfg(test)]
mod tests {
    use super::OutputCapture;

    #[test]
    fn small_output_is_kept_whole() {
        let mut capture = OutputCapture::new(10);
        capture.push(b"abc");
        capture.push(b"de");
        let out = capture.finish();
        assert_eq!(out.to_text(), "abcde");
        assert_eq!(out.total_bytes(), 5);
        assert!(!out.was_cut());
    }

    #[test]
    fn large_output_keeps_head_and_tail_and_counts_the_cut() {
        let mut capture = OutputCapture::new(10);
        let data: Vec<u8> = (0..100u8).collect();
        for chunk in data.chunks(7) {
            capture.push(chunk);
        }
        let out = capture.finish();
        assert_eq!(out.head, (0..5u8).collect::<Vec<_>>());
        assert_eq!(out.tail, (95..100u8).collect::<Vec<_>>());
        assert_eq!(out.cut_bytes, 90);
        assert_eq!(out.total_bytes(), 100);
    }

    #[test]
    fn one_huge_chunk() {
        let mut capture = OutputCapture::new(4);
        capture.push(b"0123456789");
        let out = capture.finish();
        assert_eq!(out.head, b"01");
        assert_eq!(out.tail, b"89");
        assert_eq!(out.cut_bytes, 6);
    }
}
