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

    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                let start_line = line;
                loop {
                    match chars.next() {
                        None => return Err(ParseError::UnterminatedQuote { line: start_line }),
                        Some('"') => break,
                        Some('\n') => {
                            line += 1;
                            field.push('\n');
                        }
                        Some(other) => field.push(other),
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') | Some('\r') => {}
                    Some(_) => return Err(ParseError::GarbageAfterQuote { line }),
                }
                at_field_start = false;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                line += 1;
                at_field_start = true;
            }
            other => {
                field.push(other);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}
