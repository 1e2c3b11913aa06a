use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::Error;

/// One dot-separated pre-release identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identifier {
    Numeric(u64),
    AlphaNumeric(String),
}

/// A semantic version: `MAJOR.MINOR.PATCH[-PRE][+BUILD]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Vec<Identifier>,
    pub build: Vec<String>,
}

fn err(msg: &str, text: &str) -> Error {
    Error(format!("{}: {:?}", msg, text))
}

pub(crate) fn parse_number(part: &str, whole: &str) -> Result<u64, Error> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err("expected a number", whole));
    }
    if part.len() > 1 && part.starts_with('0') {
        return Err(err("leading zero", whole));
    }
    part.parse::<u64>().map_err(|_| err("number too large", whole))
}

fn ident_ok(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

pub(crate) fn parse_pre(text: &str, whole: &str) -> Result<Vec<Identifier>, Error> {
    text.split('.')
        .map(|id| {
            if !ident_ok(id) {
                Err(err("bad pre-release identifier", whole))
            } else if id.bytes().all(|b| b.is_ascii_digit()) {
                parse_number(id, whole).map(Identifier::Numeric)
            } else {
                Ok(Identifier::AlphaNumeric(id.to_string()))
            }
        })
        .collect()
}

pub(crate) fn parse_build(text: &str, whole: &str) -> Result<Vec<String>, Error> {
    text.split('.')
        .map(|id| if ident_ok(id) { Ok(id.to_string()) } else { Err(err("bad build identifier", whole)) })
        .collect()
}

/// Split `core[-pre][+build]`.
pub(crate) fn split_suffixes(text: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, build) = match text.find('+') {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let (core, pre) = match rest.find('-') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    (core, pre, build)
}

fn cmp_ident(a: &Identifier, b: &Identifier) -> Ordering {
    match (a, b) {
        (Identifier::Numeric(x), Identifier::Numeric(y)) => x.cmp(y),
        (Identifier::Numeric(_), Identifier::AlphaNumeric(_)) => Ordering::Less,
        (Identifier::AlphaNumeric(_), Identifier::Numeric(_)) => Ordering::Greater,
        (Identifier::AlphaNumeric(x), Identifier::AlphaNumeric(y)) => x.as_bytes().cmp(y.as_bytes()),
    }
}

pub(crate) fn cmp_pre(a: &[Identifier], b: &[Identifier]) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => {
            for (x, y) in a.iter().zip(b.iter()) {
                let o = cmp_ident(x, y);
                if o != Ordering::Equal {
                    return o;
                }
            }
            a.len().cmp(&b.len())
        }
    }
}

impl Version {
    pub fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version { major, minor, patch, pre: Vec::new(), build: Vec::new() }
    }

    /// Parse a version string (see SPEC.md).
    pub fn parse(text: &str) -> Result<Version, Error> {
        let (core, pre, build) = split_suffixes(text);
        let parts: Vec<&str> = core.split('.').collect();
        if parts.len() != 3 {
            return Err(err("expected MAJOR.MINOR.PATCH", text));
        }
        Ok(Version {
            major: parse_number(parts[0], text)?,
            minor: parse_number(parts[1], text)?,
            patch: parse_number(parts[2], text)?,
            pre: match pre {
                Some(p) => parse_pre(p, text)?,
                None => Vec::new(),
            },
            build: match build {
                Some(b) => parse_build(b, text)?,
                None => Vec::new(),
            },
        })
    }

    /// Compare by SemVer precedence (build metadata ignored).
    pub fn cmp_precedence(&self, other: &Version) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| cmp_pre(&self.pre, &other.pre))
    }
}

impl FromStr for Version {
    type Err = Error;
    fn from_str(s: &str) -> Result<Version, Error> {
        Version::parse(s)
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Identifier::Numeric(n) => write!(f, "{}", n),
            Identifier::AlphaNumeric(s) => f.write_str(s),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            let pre: Vec<String> = self.pre.iter().map(|i| i.to_string()).collect();
            write!(f, "-{}", pre.join("."))?;
        }
        if !self.build.is_empty() {
            write!(f, "+{}", self.build.join("."))?;
        }
        Ok(())
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    /// Precedence first; versions of equal precedence are ordered by their build metadata.
    fn cmp(&self, other: &Version) -> Ordering {
        self.cmp_precedence(other).then_with(|| self.build.join(".").as_bytes().cmp(other.build.join(".").as_bytes()))
    }
}
