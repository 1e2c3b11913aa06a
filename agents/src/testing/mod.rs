//! Test support (feature `testing`), shared with the harness's integration tests:
//! [`mock_server::MockServer`], a model server speaking the three wire formats over real HTTP with
//! scripted replies, and [`local_sandbox::LocalSandbox`], a sandbox that runs real processes in a
//! local directory.

pub mod local_sandbox;
pub mod mock_server;

pub use local_sandbox::LocalSandbox;
pub use mock_server::{MockReply, MockServer, MockTurn, RecordedRequest, Wire};
