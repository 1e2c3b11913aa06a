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

impl Version {
    pub fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version { major, minor, patch, pre: Vec::new(), build: Vec::new() }
    }

    /// Parse a version string (see SPEC.md).
    pub fn parse(text: &str) -> Result<Version, Error> {
        todo!("parse {:?}", text)
    }

    /// Compare by SemVer precedence (build metadata ignored).
    pub fn cmp_precedence(&self, other: &Version) -> Ordering {
        todo!("{:?} {:?}", self, other)
    }
}

impl FromStr for Version {
    type Err = Error;
    fn from_str(s: &str) -> Result<Version, Error> {
        Version::parse(s)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
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
        self.cmp_precedence(other)
    }
}
