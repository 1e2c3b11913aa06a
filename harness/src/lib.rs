//! proctor's harness: loads tasks, builds their images, runs agents in Docker sandboxes, verifies
//! with hidden tests, records results, and drives the CLI.
//!
//! Flow: [`cli`] parses and dispatches; [`task`] loads the corpus; [`runner`] plans and
//! dispatches trials; [`trial`] runs one attempt in a [`docker`] sandbox and [`verifier`] judges
//! it; [`store`] records it; [`events`] carry progress to the [`reporter`].

pub mod check;
pub mod cli;
pub mod docker;
pub mod error;
pub mod events;
pub mod exit_code;
pub mod hosts;
pub mod images;
pub mod merge;
pub mod reporter;
pub mod repro;
pub mod runner;
pub mod shard;
pub mod show;
pub mod store;
pub mod task;
pub mod trial;
pub mod verifier;
