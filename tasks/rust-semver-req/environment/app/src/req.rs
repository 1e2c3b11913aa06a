use std::fmt;
use std::str::FromStr;

use crate::{Error, Version};

/// A version requirement such as `^1.2`, `>=1.0, <2.0` or `1.*` (see SPEC.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionReq {
    // TODO: representation of the parsed comparators
    source: String,
}

impl VersionReq {
    pub fn parse(text: &str) -> Result<VersionReq, Error> {
        todo!("parse requirement {:?}", text)
    }

    /// Does `version` satisfy every comparator (and the pre-release rule)?
    pub fn matches(&self, version: &Version) -> bool {
        todo!("{:?} {:?}", self.source, version)
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
