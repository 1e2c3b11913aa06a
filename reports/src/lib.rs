//! Statistics over proctor trial records and the report renderers.
//!
//! `proctor report RUN_DIR... [--baseline RUN_DIR] [--format ...] [--out PATH]` reads one or more
//! run directories ([`load`]), merges shards of one run, groups trials by agent configuration
//! (agent x run), computes honest statistics ([`stats`], [`summary`]), paired comparisons
//! ([`compare`]) and retention views ([`retention`]), and renders them ([`render`]) as `term`,
//! `md`, `csv`, `json`, `junit` or `html`. The JSON schema is documented in `reports/SCHEMA.md`.

pub mod analysis;
pub mod cli;
pub mod compare;
pub mod error;
pub mod load;
pub mod matrix;
pub mod model;
pub mod record;
pub mod render;
pub mod retention;
pub mod stats;
pub mod summary;

pub use analysis::{analyze, Analysis, Options};
pub use cli::{run_report, Format, ReportArgs, ReportExit};
pub use error::ReportError;
pub use model::Dataset;
pub use render::Report;
