//! Parsing the patch format of `apply_patch`:
//!
//! ```text
//! *** Begin Patch
//! *** Add File: path/new.txt
//! +line one
//! *** Delete File: path/old.txt
//! *** Update File: path/src.py
//! *** Move to: path/renamed.py
//! @@ def f():
//!      context
//! -    removed
//! +    added
//! *** End of File
//! *** End Patch
//! ```
//!
//! In an update, `@@ TEXT` starts a chunk and moves to the first line equal to TEXT; lines starting
//! with a space are context, `-` removed, `+` added; an empty line is an empty context line; `*** End
//! of File` anchors the chunk at the end of the file. The first chunk may omit its `@@`.

/// One file operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOp {
    Add { path: String, contents: String },
    Delete { path: String },
    Update { path: String, move_to: Option<String>, chunks: Vec<Chunk> },
}

impl FileOp {
    pub fn path(&self) -> &str {
        match self {
            FileOp::Add { path, .. } | FileOp::Delete { path } | FileOp::Update { path, .. } => path,
        }
    }
}

/// One `@@` chunk of an update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chunk {
    /// The `@@ TEXT` line's text: a line to find before matching `old`.
    pub context: Option<String>,
    /// Context and removed lines, in order: what must be found.
    pub old: Vec<String>,
    /// Context and added lines, in order: what replaces it.
    pub new: Vec<String>,
    /// Anchored at the end of the file.
    pub end_of_file: bool,
}

/// A syntax error, with the 1-based line of the patch it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid patch, line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

const BEGIN: &str = "*** Begin Patch";
const END: &str = "*** End Patch";
const ADD: &str = "*** Add File: ";
const DELETE: &str = "*** Delete File: ";
const UPDATE: &str = "*** Update File: ";
const MOVE: &str = "*** Move to: ";
const EOF_MARK: &str = "*** End of File";

/// Parse a whole patch.
pub fn parse(patch: &str) -> Result<Vec<FileOp>, ParseError> {
    let lines: Vec<&str> = patch.trim().lines().map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let err = |line: usize, message: String| ParseError { line, message };
    if lines.first().map(|l| l.trim()) != Some(BEGIN) {
        return Err(err(1, format!("the first line must be `{BEGIN}`")));
    }
    if lines.len() < 2 || lines.last().map(|l| l.trim()) != Some(END) {
        return Err(err(lines.len(), format!("the last line must be `{END}`")));
    }
    let body = &lines[1..lines.len() - 1];
    let mut ops = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let n = i + 2; // 1-based line number in the patch
        let line = body[i];
        if let Some(path) = line.strip_prefix(ADD) {
            let path = non_empty(path, n)?;
            i += 1;
            let mut contents = String::new();
            while i < body.len() && !body[i].starts_with("*** ") {
                match body[i].strip_prefix('+') {
                    Some(text) => {
                        contents.push_str(text);
                        contents.push('\n');
                    }
                    None => {
                        return Err(err(
                            i + 2,
                            format!("lines of an added file must start with `+`, found `{}`", body[i]),
                        ))
                    }
                }
                i += 1;
            }
            ops.push(FileOp::Add { path, contents });
        } else if let Some(path) = line.strip_prefix(DELETE) {
            ops.push(FileOp::Delete { path: non_empty(path, n)? });
            i += 1;
        } else if let Some(path) = line.strip_prefix(UPDATE) {
            let path = non_empty(path, n)?;
            i += 1;
            let mut move_to = None;
            if let Some(to) = body.get(i).and_then(|l| l.strip_prefix(MOVE)) {
                move_to = Some(non_empty(to, i + 2)?);
                i += 1;
            }
            let (chunks, next) = parse_chunks(body, i)?;
            if chunks.is_empty() && move_to.is_none() {
                return Err(err(n, format!("`Update File: {path}` has no changes")));
            }
            i = next;
            ops.push(FileOp::Update { path, move_to, chunks });
        } else if line.trim().is_empty() {
            i += 1;
        } else {
            return Err(err(
                n,
                format!("expected `*** Add File: `, `*** Delete File: ` or `*** Update File: `, found `{line}`"),
            ));
        }
    }
    if ops.is_empty() {
        return Err(err(1, "the patch changes no file".into()));
    }
    Ok(ops)
}

fn non_empty(path: &str, line: usize) -> Result<String, ParseError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(ParseError { line, message: "missing file path".into() });
    }
    Ok(path.to_string())
}

/// The chunks of one update, from `body[start]` to the next file operation.
fn parse_chunks(body: &[&str], start: usize) -> Result<(Vec<Chunk>, usize), ParseError> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut current: Option<Chunk> = None;
    let mut i = start;
    while i < body.len() {
        let line = body[i];
        if line.starts_with(ADD) || line.starts_with(DELETE) || line.starts_with(UPDATE) {
            break;
        }
        if line.trim() == EOF_MARK {
            match current.as_mut() {
                Some(chunk) => chunk.end_of_file = true,
                None => return Err(ParseError { line: i + 2, message: "`*** End of File` outside a chunk".into() }),
            }
            i += 1;
            continue;
        }
        if line == "@@" || line.starts_with("@@ ") {
            if let Some(chunk) = current.take() {
                chunks.push(chunk);
            }
            let context = line.strip_prefix("@@ ").map(str::trim).filter(|c| !c.is_empty()).map(str::to_string);
            current = Some(Chunk { context, ..Chunk::default() });
            i += 1;
            continue;
        }
        let chunk = current.get_or_insert_with(Chunk::default);
        if chunk.end_of_file {
            return Err(ParseError {
                line: i + 2,
                message: "lines after `*** End of File` must start a new `@@` chunk".into(),
            });
        }
        match line.chars().next() {
            None => {
                chunk.old.push(String::new());
                chunk.new.push(String::new());
            }
            Some(' ') => {
                chunk.old.push(line[1..].to_string());
                chunk.new.push(line[1..].to_string());
            }
            Some('-') => chunk.old.push(line[1..].to_string()),
            Some('+') => chunk.new.push(line[1..].to_string()),
            _ => {
                return Err(ParseError {
                    line: i + 2,
                    message: format!("a changed line must start with ` `, `-` or `+` (or be `@@ ...`), found `{line}`"),
                })
            }
        }
        i += 1;
    }
    if let Some(chunk) = current {
        chunks.push(chunk);
    }
    for chunk in &chunks {
        if chunk.old.is_empty() && chunk.new.is_empty() {
            return Err(ParseError { line: start + 2, message: "an `@@` chunk with no lines".into() });
        }
    }
    Ok((chunks, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_operation() {
        let patch = "*** Begin Patch\n*** Add File: a.txt\n+one\n+two\n*** Delete File: b.txt\n*** Update File: c.py\n*** Move to: d.py\n@@ def f():\n     x = 1\n-    return x\n+    return x + 1\n\n*** End of File\n*** End Patch\n";
        let ops = parse(patch).unwrap();
        assert_eq!(ops[0], FileOp::Add { path: "a.txt".into(), contents: "one\ntwo\n".into() });
        assert_eq!(ops[1], FileOp::Delete { path: "b.txt".into() });
        let FileOp::Update { path, move_to, chunks } = &ops[2] else { panic!() };
        assert_eq!((path.as_str(), move_to.as_deref()), ("c.py", Some("d.py")));
        assert_eq!(chunks[0].context.as_deref(), Some("def f():"));
        assert_eq!(chunks[0].old, vec!["    x = 1", "    return x", ""]);
        assert_eq!(chunks[0].new, vec!["    x = 1", "    return x + 1", ""]);
        assert!(chunks[0].end_of_file);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("*** Begin Patch\n*** Frobnicate: x\n*** End Patch").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("*** Begin Patch\n*** Update File: x\n@@\n?bad\n*** End Patch").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(parse("*** Update File: x").is_err());
        assert!(parse("*** Begin Patch\n*** End Patch").is_err());
    }
}
