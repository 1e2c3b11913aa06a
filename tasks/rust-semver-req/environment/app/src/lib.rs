//! Semantic versions (SemVer 2.0.0) and Cargo-style version requirements.
//!
//! See SPEC.md in the crate root for the exact rules this crate must follow.

mod error;
mod req;
mod version;

pub use error::Error;
pub use req::VersionReq;
pub use version::{Identifier, Version};
