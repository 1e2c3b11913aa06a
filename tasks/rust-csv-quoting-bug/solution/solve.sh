#!/bin/bash
# Reference fix: handle "" inside quoted fields, keep a final record without a line break
# (even when its last field is empty or quoted), and make the writer quote and escape properly.
set -euo pipefail
cd /app
cat > src/reader.rs <<'RS'
use std::fmt;

#[derive(Debug, PartialEq, Eq)]
pub enum ParseError {
    /// A quoted field was not closed before the end of the input (line number where it started).
    UnterminatedQuote { line: usize },
    /// A closing quote was followed by something other than `,`, a line break or the end.
    GarbageAfterQuote { line: usize },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::UnterminatedQuote { line } => write!(f, "line {}: unterminated quoted field", line),
            ParseError::GarbageAfterQuote { line } => write!(f, "line {}: unexpected character after closing quote", line),
        }
    }
}

/// Parse a whole CSV document into records of fields.
pub fn parse(input: &str) -> Result<Vec<Vec<String>>, ParseError> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = input.chars().peekable();
    let mut line = 1;
    let mut at_field_start = true;
    // true while the current record has content not yet pushed (so EOF must close it)
    let mut pending = false;

    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                let start_line = line;
                pending = true;
                loop {
                    match chars.next() {
                        None => return Err(ParseError::UnterminatedQuote { line: start_line }),
                        Some('"') => {
                            if chars.peek() == Some(&'"') {
                                chars.next();
                                field.push('"');
                            } else {
                                break;
                            }
                        }
                        Some('\n') => {
                            line += 1;
                            field.push('\n');
                        }
                        Some(other) => field.push(other),
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') => {}
                    Some('\r') => {
                        let mut look = chars.clone();
                        look.next();
                        if look.peek() != Some(&'\n') {
                            return Err(ParseError::GarbageAfterQuote { line });
                        }
                    }
                    Some(_) => return Err(ParseError::GarbageAfterQuote { line }),
                }
                at_field_start = false;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
                pending = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                line += 1;
                at_field_start = true;
                pending = false;
            }
            other => {
                field.push(other);
                at_field_start = false;
                pending = true;
            }
        }
    }
    if pending {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}
RS
cat > src/writer.rs <<'RS'
/// Quote a field if it needs quoting (it contains `,`, `"`, `\r` or `\n`).
pub fn write_field(field: &str) -> String {
    if field.contains(|c| c == ',' || c == '"' || c == '\r' || c == '\n') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// One record as a CSV line, terminated by `\n`.
pub fn write_record<S: AsRef<str>>(fields: &[S]) -> String {
    let out: Vec<String> = fields.iter().map(|f| write_field(f.as_ref())).collect();
    let mut line = out.join(",");
    line.push('\n');
    line
}
RS
cargo build --offline --quiet
