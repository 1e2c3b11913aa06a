//! Reporters: turn [`RunEvent`]s into what a person sees. The live display goes to stderr
//! (progress bars on a terminal, one line per finished trial otherwise); the summary table goes
//! to stdout.

mod display;
mod summary;

pub use display::LiveDisplay;
pub use summary::{summarize, write_summary, AgentSummary};
