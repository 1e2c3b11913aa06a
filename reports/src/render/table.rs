//! A small table model laid out two ways: padded columns for the terminal (fitted to a width,
//! optionally coloured) and GitHub Markdown.

use console::Style;

/// How a cell is emphasised (colour in the terminal, bold in Markdown for `Bad`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Bad,
    Warn,
    Dim,
    Strong,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), tone: Tone::Plain }
    }

    pub fn tone(text: impl Into<String>, tone: Tone) -> Cell {
        Cell { text: text.into(), tone }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::new(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::new(s)
    }
}

/// A table: the first column is the row name (left-aligned, shortened first when space is short);
/// the others are right-aligned. Columns marked optional are dropped, rightmost first, when the
/// table is wider than the terminal.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub optional: Vec<bool>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            optional: vec![false; headers.len()],
            rows: Vec::new(),
        }
    }

    /// Mark column `i` as one that may be dropped to fit the terminal.
    pub fn optional(mut self, cols: &[usize]) -> Table {
        for &i in cols {
            if let Some(o) = self.optional.get_mut(i) {
                *o = true;
            }
        }
        self
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    fn width_of(&self, col: usize) -> usize {
        let head = self.headers.get(col).map_or(0, |h| h.chars().count());
        self.rows.iter().filter_map(|r| r.get(col)).map(|c| c.text.chars().count()).fold(head, usize::max)
    }

    /// Padded text, at most `max_width` columns where possible, with ANSI colours if `color`.
    pub fn to_term(&self, max_width: usize, color: bool, indent: usize) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = (0..n).map(|c| self.width_of(c)).collect();
        let mut keep = vec![true; n];
        let total = |w: &[usize], k: &[bool]| -> usize {
            indent + w.iter().zip(k).filter(|(_, &k)| k).map(|(w, _)| w + 2).sum::<usize>()
        };
        // Drop optional columns from the right, then shorten the name column (not below 12).
        for c in (0..n).rev() {
            if total(&widths, &keep) <= max_width {
                break;
            }
            if self.optional[c] {
                keep[c] = false;
            }
        }
        if total(&widths, &keep) > max_width && n > 0 {
            let excess = total(&widths, &keep) - max_width;
            widths[0] = widths[0].saturating_sub(excess).max(12.min(widths[0]));
        }
        let mut out = String::new();
        let pad = " ".repeat(indent);
        let line = |cells: &mut dyn Iterator<Item = (usize, &Cell)>, out: &mut String, head: bool| {
            out.push_str(&pad);
            let mut parts = Vec::new();
            for (c, cell) in cells {
                if !keep[c] {
                    continue;
                }
                let text = shorten(&cell.text, widths[c]);
                let padded =
                    if c == 0 { format!("{text:<w$}", w = widths[c]) } else { format!("{text:>w$}", w = widths[c]) };
                let tone = if head { Tone::Strong } else { cell.tone };
                parts.push(paint(&padded, tone, color));
            }
            out.push_str(parts.join("  ").trim_end());
            out.push('\n');
        };
        let header_cells: Vec<Cell> = self.headers.iter().map(|h| Cell::new(h.as_str())).collect();
        line(&mut header_cells.iter().enumerate(), &mut out, true);
        for row in &self.rows {
            line(&mut row.iter().enumerate(), &mut out, false);
        }
        out
    }

    /// GitHub Markdown table.
    pub fn to_md(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = String::new();
        out.push_str(&format!("| {} |\n", self.headers.iter().map(|h| esc(h)).collect::<Vec<_>>().join(" | ")));
        let aligns: Vec<&str> = (0..self.headers.len()).map(|c| if c == 0 { ":--" } else { "--:" }).collect();
        out.push_str(&format!("| {} |\n", aligns.join(" | ")));
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c.tone {
                    Tone::Bad | Tone::Strong if !c.text.is_empty() => format!("**{}**", esc(&c.text)),
                    _ => esc(&c.text),
                })
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }
}

/// Cut `text` to `width` characters, ending in `…` when cut.
pub fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Colour `text` for the terminal.
pub fn paint(text: &str, tone: Tone, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let style = match tone {
        Tone::Plain => return text.to_string(),
        Tone::Good => Style::new().green(),
        Tone::Bad => Style::new().red().bold(),
        Tone::Warn => Style::new().yellow(),
        Tone::Dim => Style::new().dim(),
        Tone::Strong => Style::new().bold(),
    };
    style.force_styling(true).apply_to(text).to_string()
}

/// Escape text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl Table {
    /// An HTML `<table>`; cells carry their tone as a class.
    pub fn to_html(&self) -> String {
        let mut out = String::from("<table class=\"data\"><thead><tr>");
        for h in &self.headers {
            out.push_str(&format!("<th>{}</th>", esc(h)));
        }
        out.push_str("</tr></thead><tbody>\n");
        for row in &self.rows {
            out.push_str("<tr>");
            for c in row {
                let class = match c.tone {
                    Tone::Plain => "",
                    Tone::Good => " class=\"good\"",
                    Tone::Bad => " class=\"bad\"",
                    Tone::Warn => " class=\"warn\"",
                    Tone::Dim => " class=\"dim\"",
                    Tone::Strong => " class=\"strong\"",
                };
                out.push_str(&format!("<td{class}>{}</td>", esc(&c.text)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
        out
    }
}
