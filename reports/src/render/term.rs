//! Terminal renderer: coloured tables fitted to the terminal width.

use super::sections::{self, Block};
use super::table::{paint, Tone};
use super::{Report, TermOptions};

/// Render the report for a terminal.
pub fn render(r: &Report, opts: &TermOptions) -> String {
    let width = opts.width.max(40);
    let (headline, tone) = sections::headline(r);
    let mut out =
        format!("{} {}\n", paint("proctor report:", Tone::Strong, opts.color), paint(&headline, tone, opts.color));
    for s in sections::sections(r) {
        out.push('\n');
        out.push_str(&paint(&s.title, Tone::Strong, opts.color));
        out.push('\n');
        for b in &s.blocks {
            match b {
                Block::Table(t) => out.push_str(&t.to_term(width, opts.color, 2)),
                Block::Note(text, tone) => {
                    for line in wrap(text, width - 2) {
                        out.push_str("  ");
                        out.push_str(&paint(&line, *tone, opts.color));
                        out.push('\n');
                    }
                }
                Block::List { title, items, more } => {
                    let mut body = items.join(", ");
                    let title = format!("{title} ({})", items.len() + more);
                    if *more > 0 {
                        body.push_str(&format!(", … and {more} more"));
                    }
                    for line in wrap(&format!("{title}: {body}"), width - 2) {
                        out.push_str("  ");
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

/// Greedy word wrap to `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
