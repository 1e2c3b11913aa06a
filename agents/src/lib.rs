//! Agents and the sandbox they act through.
//!
//! An [`Agent`] gets the task instruction, a [`Sandbox`] handle on the task's container and its
//! [`AgentLimits`], and returns an [`AgentOutcome`]: why it stopped, what it used, and (through
//! its [`Trajectory`]) what it did. The harness owns the container; agents only act through the
//! handle, so an agent never sees the hidden tests, the reference solution (the oracle excepted)
//! or any API key.
//!
//! Built-in agents: [`oracle::OracleAgent`] runs the task's reference solution, [`nop::NopAgent`]
//! does nothing (a task whose tests pass untouched is broken). Configured agents
//! (`agents/configs/*.toml`, see [`config`]) are proctor's own coding agent ([`coder`]: a model
//! from [`model`] with the tools of [`tools`]) or an external CLI run in the container
//! ([`installed`]). [`registry::resolve`] turns `--agent NAME|FILE` into a runnable agent.
//!
//! With the `testing` feature, [`testing`] provides a mock model server and a local sandbox.

pub mod agent;
pub mod coder;
pub mod config;
pub mod installed;
pub mod model;
pub mod nop;
pub mod oracle;
pub mod policy;
pub mod registry;
pub mod sandbox;
pub mod secret;
#[cfg(feature = "testing")]
pub mod testing;
pub mod tools;
pub mod trajectory;

pub use agent::{Agent, AgentContext, AgentError, AgentLimits, AgentOutcome};
pub use policy::SandboxPolicy;
pub use sandbox::{CappedOutput, ExecOutput, ExecRequest, Sandbox, SandboxError};
pub use trajectory::{Trajectory, TrajectoryEvent};
