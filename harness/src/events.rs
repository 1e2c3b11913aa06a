//! Events flowing from the runner to reporters. Reporters only consume these; they never reach
//! into runner state.

use std::path::PathBuf;
use std::time::Duration;

use proctor_schema::{TrialError, TrialRecord};

/// The phase a trial is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Image,
    Start,
    Agent,
    Verify,
    Teardown,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Image => "image",
            Phase::Start => "start",
            Phase::Agent => "agent",
            Phase::Verify => "verify",
            Phase::Teardown => "teardown",
        }
    }
}

/// Something that happened during a run.
#[derive(Debug, Clone)]
pub enum RunEvent {
    RunStarted {
        run_id: String,
        run_dir: PathBuf,
        /// Trials this invocation will run.
        to_run: usize,
        /// Trials already recorded (resume), not run again.
        already_recorded: usize,
        concurrency: usize,
    },
    ImageBuilding {
        task_id: String,
    },
    ImageReady {
        task_id: String,
        built: bool,
        duration: Duration,
    },
    ImageFailed {
        task_id: String,
        message: String,
    },
    TrialStarted {
        trial_id: String,
    },
    TrialPhase {
        trial_id: String,
        phase: Phase,
    },
    TrialRetrying {
        trial_id: String,
        error: TrialError,
        retry: u32,
        delay: Duration,
    },
    TrialFinished {
        record: Box<TrialRecord>,
    },
    /// A trial stopped by cancellation: not recorded, so `--resume` runs it again.
    TrialAbandoned {
        trial_id: String,
    },
    Cancelling {
        reason: String,
    },
    /// A Docker host stopped answering: it gets no more trials; its failed ones run elsewhere.
    HostDrained {
        host: String,
    },
}

/// Where the runner sends events.
pub type EventSender = tokio::sync::mpsc::UnboundedSender<RunEvent>;

pub(crate) fn emit(events: &EventSender, event: RunEvent) {
    // A reporter that went away must not stop the run.
    let _ = events.send(event);
}
