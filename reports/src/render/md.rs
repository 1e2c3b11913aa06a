//! Markdown renderer: for a GitHub step summary or a PR comment. Long task lists fold into
//! `<details>`.

use super::sections::{self, Block};
use super::table::Tone;
use super::Report;

/// Render the report as GitHub-flavoured Markdown.
pub fn render(r: &Report) -> String {
    let (headline, tone) = sections::headline(r);
    let mark = match tone {
        Tone::Bad => "❌ ",
        Tone::Good => "✅ ",
        _ => "",
    };
    let mut out = format!("## proctor report\n\n{mark}{headline}\n");
    for s in sections::sections(r) {
        out.push_str(&format!("\n### {}\n\n", s.title));
        for b in &s.blocks {
            match b {
                Block::Table(t) => {
                    out.push_str(&t.to_md());
                    out.push('\n');
                }
                Block::Note(text, tone) => match tone {
                    Tone::Bad => out.push_str(&format!("**{text}**\n\n")),
                    Tone::Dim => out.push_str(&format!("<sub>{text}</sub>\n\n")),
                    _ => out.push_str(&format!("{text}\n\n")),
                },
                Block::List { title, items, more } => {
                    let count = items.len() + more;
                    out.push_str(&format!("<details><summary>{title} ({count})</summary>\n\n"));
                    for i in items {
                        out.push_str(&format!("- {i}\n"));
                    }
                    if *more > 0 {
                        out.push_str(&format!("- … and {more} more\n"));
                    }
                    out.push_str("\n</details>\n\n");
                }
            }
        }
    }
    out
}
