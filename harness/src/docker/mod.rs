//! Docker through bollard: connecting to an engine, building task images, and the per-trial
//! container that implements the agents' [`Sandbox`](proctor_agents::Sandbox).
//!
//! Every call carries its own timeout; the client's global timeout is only a backstop.

mod capture;
mod client;
mod container;
mod exec;
pub mod gc;
mod image;
mod tarball;

pub use capture::OutputCapture;
pub use client::{connect, DockerError, DockerHost};
pub use container::{remove_container, ContainerSpec, DockerSandbox};
pub use exec::root_sh;
pub use image::{ensure_image, BuildError, ImageStatus};
pub use tarball::{tar_directory, unpack_safely};

/// Label keys proctor puts on every container it creates.
pub mod labels {
    /// Present (value `true`) on every proctor container: what `proctor gc` looks for.
    pub const MANAGED: &str = "dev.proctor.managed";
    pub const RUN: &str = "dev.proctor.run";
    pub const TRIAL: &str = "dev.proctor.trial";
    /// `<hostname>:<pid>` of the proctor process that owns the container.
    pub const OWNER: &str = "dev.proctor.owner";
    /// Set on containers kept on purpose (`repro --shell`); gc removes them only with `--all`.
    pub const KEEP: &str = "dev.proctor.keep";
}
