//! Applying the chunks of an update to a file's text.
//!
//! Each chunk's old lines are searched from where the previous chunk ended (after its `@@`
//! context line, if any): exactly first, then ignoring trailing whitespace, then ignoring
//! surrounding whitespace. When a chunk does not apply, the error says which chunk, what was
//! looked for, and where the closest candidate differs, so the model can fix its patch.

use super::parse::Chunk;

/// How lines are compared, strictest first.
const LEVELS: [fn(&str, &str) -> bool; 3] =
    [|a, b| a == b, |a, b| a.trim_end() == b.trim_end(), |a, b| a.trim() == b.trim()];

/// Index of the first occurrence of `pattern` in `lines` at or after `start` (or, with
/// `at_end`, preferably ending at the last line).
fn seek(lines: &[String], pattern: &[String], start: usize, at_end: bool) -> Option<usize> {
    if pattern.is_empty() {
        return Some(start.min(lines.len()));
    }
    if pattern.len() > lines.len() {
        return None;
    }
    let last_start = lines.len() - pattern.len();
    for eq in LEVELS {
        let matches = |at: usize| pattern.iter().enumerate().all(|(k, p)| eq(&lines[at + k], p));
        if at_end && last_start >= start && matches(last_start) {
            return Some(last_start);
        }
        if let Some(at) = (start..=last_start).find(|&at| matches(at)) {
            return Some(at);
        }
    }
    None
}

/// The text after applying `chunks`. `path` is only used in error messages.
pub fn apply_chunks(original: &str, chunks: &[Chunk], path: &str) -> Result<String, String> {
    let mut lines: Vec<String> = original.split('\n').map(str::to_string).collect();
    if lines.last().is_some_and(String::is_empty) {
        lines.pop(); // the split after a final newline
    }
    let mut replacements: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut cursor = 0;
    for (n, chunk) in chunks.iter().enumerate() {
        let label = format!("chunk {} of the update to `{path}`", n + 1);
        if let Some(context) = &chunk.context {
            let found = seek(&lines, std::slice::from_ref(context), cursor, false)
                .ok_or_else(|| format!("{label}: no line `{context}` (the `@@` context) found after line {cursor}"))?;
            cursor = found + 1;
        }
        if chunk.old.is_empty() {
            // Pure addition: right after the context line, or at the end of the file.
            let at = if chunk.context.is_some() && !chunk.end_of_file { cursor } else { lines.len() };
            replacements.push((at, 0, chunk.new.clone()));
            continue;
        }
        let mut old = chunk.old.as_slice();
        let mut new = chunk.new.as_slice();
        let mut found = seek(&lines, old, cursor, chunk.end_of_file);
        if found.is_none() && old.last().is_some_and(String::is_empty) {
            // A trailing empty context line often stands for the end of the file.
            old = &old[..old.len() - 1];
            if new.last().is_some_and(String::is_empty) {
                new = &new[..new.len() - 1];
            }
            found = seek(&lines, old, cursor, chunk.end_of_file);
        }
        let Some(at) = found else {
            return Err(format!("{label}: {}", explain_miss(&lines, &chunk.old, cursor)));
        };
        replacements.push((at, old.len(), new.to_vec()));
        cursor = at + old.len();
    }
    replacements.sort_by_key(|r| r.0);
    for window in replacements.windows(2) {
        if window[0].0 + window[0].1 > window[1].0 {
            return Err(format!("chunks of the update to `{path}` overlap near line {}", window[1].0 + 1));
        }
    }
    for (at, len, new) in replacements.into_iter().rev() {
        lines.splice(at..at + len, new);
    }
    let mut text = lines.join("\n");
    text.push('\n');
    Ok(text)
}

/// Why `old` was not found: the closest candidate and its first differing line.
fn explain_miss(lines: &[String], old: &[String], cursor: usize) -> String {
    let wanted: String = old.iter().map(|l| format!("\n    {l}")).collect();
    let mut best: Option<(usize, usize)> = None; // (start, lines matching)
    for start in 0..lines.len() {
        let matching = old.iter().zip(&lines[start..]).take_while(|(a, b)| a.trim() == b.trim()).count();
        if matching > 0 && best.is_none_or(|(_, m)| matching > m) {
            best = Some((start, matching));
        }
    }
    let hint = match best {
        Some((start, matching)) if start + matching < lines.len() && matching < old.len() => format!(
            "\nclosest match: lines {}-{} of the file match the first {matching} line(s), then line {} is `{}` where the patch expects `{}`",
            start + 1,
            start + matching,
            start + matching + 1,
            lines[start + matching],
            old[matching]
        ),
        Some((start, matching)) if matching < old.len() => {
            format!("\nclosest match: lines {}-{} match the first {matching} line(s), then the file ends", start + 1, start + matching)
        }
        Some((start, _)) => format!("\nthe lines exist at line {} but before the previous chunk (line {cursor}); order chunks as in the file", start + 1),
        None => "\nnot even the first of these lines occurs in the file; re-read the file before patching".into(),
    };
    format!("could not find the expected lines (searching from line {}):{wanted}{hint}", cursor + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(context: Option<&str>, old: &[&str], new: &[&str]) -> Chunk {
        Chunk {
            context: context.map(str::to_string),
            old: old.iter().map(|s| s.to_string()).collect(),
            new: new.iter().map(|s| s.to_string()).collect(),
            end_of_file: false,
        }
    }

    #[test]
    fn applies_chunks_in_order() {
        let text = "a\nb\nc\nd\nb\n";
        let out = apply_chunks(text, &[chunk(Some("d"), &["b"], &["B"]), chunk(None, &[], &["z"])], "f").unwrap();
        assert_eq!(out, "a\nb\nc\nd\nB\nz\n");
    }

    #[test]
    fn tolerates_whitespace_differences() {
        let out = apply_chunks("x = 1   \n", &[chunk(None, &["x = 1"], &["x = 2"])], "f").unwrap();
        assert_eq!(out, "x = 2\n");
        let out = apply_chunks("\tif x:\n", &[chunk(None, &["    if x:"], &["    if y:"])], "f").unwrap();
        assert_eq!(out, "    if y:\n");
    }

    #[test]
    fn failing_chunk_explains_the_closest_match() {
        let err = apply_chunks(
            "def f():\n    return 1\n",
            &[chunk(None, &["def f():", "    return 2"], &["def f():", "    return 3"])],
            "m.py",
        )
        .unwrap_err();
        assert!(err.contains("chunk 1 of the update to `m.py`"), "{err}");
        assert!(err.contains("line 2 is `    return 1` where the patch expects `    return 2`"), "{err}");
        let err = apply_chunks("a\n", &[chunk(Some("nope"), &["a"], &["b"])], "m.py").unwrap_err();
        assert!(err.contains("no line `nope`"), "{err}");
    }
}
