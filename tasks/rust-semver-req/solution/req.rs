use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::version::{parse_build, parse_number, parse_pre, split_suffixes};
use crate::{Error, Identifier, Version};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Exact,
    Greater,
    GreaterEq,
    Less,
    LessEq,
    Tilde,
    Caret,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Comparator {
    Any,
    Cmp { op: Op, major: u64, minor: Option<u64>, patch: Option<u64>, pre: Vec<Identifier> },
}

/// A version requirement such as `^1.2`, `>=1.0, <2.0` or `1.*` (see SPEC.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionReq {
    comparators: Vec<Comparator>,
    source: String,
}

fn err(msg: &str, text: &str) -> Error {
    Error(format!("{}: {:?}", msg, text))
}

fn is_wild(s: &str) -> bool {
    s == "*" || s == "x" || s == "X"
}

fn parse_comparator(text: &str) -> Result<Comparator, Error> {
    let t = text.trim();
    let (op, rest) = if let Some(r) = t.strip_prefix(">=") {
        (Some(Op::GreaterEq), r)
    } else if let Some(r) = t.strip_prefix("<=") {
        (Some(Op::LessEq), r)
    } else if let Some(r) = t.strip_prefix('>') {
        (Some(Op::Greater), r)
    } else if let Some(r) = t.strip_prefix('<') {
        (Some(Op::Less), r)
    } else if let Some(r) = t.strip_prefix('=') {
        (Some(Op::Exact), r)
    } else if let Some(r) = t.strip_prefix('~') {
        (Some(Op::Tilde), r)
    } else if let Some(r) = t.strip_prefix('^') {
        (Some(Op::Caret), r)
    } else {
        (None, t)
    };
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Err(err("empty comparator", text));
    }
    if is_wild(rest) {
        return if op.is_none() { Ok(Comparator::Any) } else { Err(err("operator with *", text)) };
    }
    let (core, pre, build) = split_suffixes(rest);
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() > 3 {
        return Err(err("too many parts", text));
    }
    let major = parse_number(parts[0], text)?;
    let mut wild = false;
    let mut minor = None;
    let mut patch = None;
    if let Some(m) = parts.get(1) {
        if is_wild(m) {
            wild = true;
            if let Some(p) = parts.get(2) {
                if !is_wild(p) {
                    return Err(err("concrete patch after wildcard", text));
                }
            }
        } else {
            minor = Some(parse_number(m, text)?);
            if let Some(p) = parts.get(2) {
                if is_wild(p) {
                    wild = true;
                } else {
                    patch = Some(parse_number(p, text)?);
                }
            }
        }
    }
    if (pre.is_some() || build.is_some()) && patch.is_none() {
        return Err(err("pre-release or build on a partial version", text));
    }
    let pre = match pre {
        Some(p) => parse_pre(p, text)?,
        None => Vec::new(),
    };
    if let Some(b) = build {
        parse_build(b, text)?;
    }
    let op = match (op, wild) {
        (None, true) | (Some(Op::Exact), true) => Op::Exact,
        (_, true) => return Err(err("wildcard with operator", text)),
        (None, false) => Op::Caret,
        (Some(op), false) => op,
    };
    Ok(Comparator::Cmp { op, major, minor, patch, pre })
}

fn v(major: u64, minor: u64, patch: u64, pre: &[Identifier]) -> Version {
    Version { major, minor, patch, pre: pre.to_vec(), build: Vec::new() }
}

fn cmp(a: &Version, b: &Version) -> Ordering {
    a.cmp_precedence(b)
}

impl Comparator {
    fn matches(&self, ver: &Version) -> bool {
        let (op, major, minor, patch, pre) = match self {
            Comparator::Any => return true,
            Comparator::Cmp { op, major, minor, patch, pre } => (*op, *major, *minor, *patch, pre.as_slice()),
        };
        let ge = |b: Version| cmp(ver, &b) != Ordering::Less;
        let lt = |b: Version| cmp(ver, &b) == Ordering::Less;
        let next_major = || v(major.saturating_add(1), 0, 0, &[]);
        let at_major = || v(major, 0, 0, &[]);
        match op {
            Op::Exact => match (minor, patch) {
                (None, _) => ge(at_major()) && lt(next_major()),
                (Some(m), None) => ge(v(major, m, 0, &[])) && lt(v(major, m.saturating_add(1), 0, &[])),
                (Some(m), Some(p)) => cmp(ver, &v(major, m, p, pre)) == Ordering::Equal,
            },
            Op::Greater => match (minor, patch) {
                (None, _) => ge(next_major()),
                (Some(m), None) => ge(v(major, m.saturating_add(1), 0, &[])),
                (Some(m), Some(p)) => cmp(ver, &v(major, m, p, pre)) == Ordering::Greater,
            },
            Op::GreaterEq => ge(v(major, minor.unwrap_or(0), patch.unwrap_or(0), pre)),
            Op::Less => lt(v(major, minor.unwrap_or(0), patch.unwrap_or(0), pre)),
            Op::LessEq => match (minor, patch) {
                (None, _) => lt(next_major()),
                (Some(m), None) => lt(v(major, m.saturating_add(1), 0, &[])),
                (Some(m), Some(p)) => cmp(ver, &v(major, m, p, pre)) != Ordering::Greater,
            },
            Op::Tilde => match minor {
                None => ge(at_major()) && lt(next_major()),
                Some(m) => ge(v(major, m, patch.unwrap_or(0), pre)) && lt(v(major, m.saturating_add(1), 0, &[])),
            },
            Op::Caret => match (minor, patch) {
                (None, _) => ge(at_major()) && lt(next_major()),
                (Some(m), None) => {
                    ge(v(major, m, 0, &[])) && if major > 0 { lt(next_major()) } else { lt(v(0, m.saturating_add(1), 0, &[])) }
                }
                (Some(m), Some(p)) => {
                    let upper = if major > 0 {
                        next_major()
                    } else if m > 0 {
                        v(0, m.saturating_add(1), 0, &[])
                    } else {
                        v(0, 0, p.saturating_add(1), &[])
                    };
                    ge(v(major, m, p, pre)) && lt(upper)
                }
            },
        }
    }

    fn allows_prerelease_of(&self, ver: &Version) -> bool {
        match self {
            Comparator::Any => false,
            Comparator::Cmp { major, minor, patch, pre, .. } => {
                !pre.is_empty() && *major == ver.major && *minor == Some(ver.minor) && *patch == Some(ver.patch)
            }
        }
    }
}

impl VersionReq {
    pub fn parse(text: &str) -> Result<VersionReq, Error> {
        if text.trim().is_empty() {
            return Err(err("empty requirement", text));
        }
        let comparators = text.split(',').map(parse_comparator).collect::<Result<Vec<_>, _>>()?;
        Ok(VersionReq { comparators, source: text.to_string() })
    }

    /// Does `version` satisfy every comparator (and the pre-release rule)?
    pub fn matches(&self, version: &Version) -> bool {
        if !self.comparators.iter().all(|c| c.matches(version)) {
            return false;
        }
        version.pre.is_empty() || self.comparators.iter().any(|c| c.allows_prerelease_of(version))
    }
}

impl FromStr for VersionReq {
    type Err = Error;
    fn from_str(s: &str) -> Result<VersionReq, Error> {
        VersionReq::parse(s)
    }
}

impl fmt::Display for VersionReq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

