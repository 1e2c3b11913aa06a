//! The top-level error of a proctor command, and the exit code each kind maps to.

use proctor_agents::registry::RegistryError;
use proctor_reports::ReportError;

use crate::docker::DockerError;
use crate::exit_code;
use crate::store::StoreError;
use crate::task::TaskError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Task(#[from] TaskError),
    #[error("{} invalid tasks", .0.len())]
    Tasks(Vec<TaskError>),
    #[error(transparent)]
    Agent(#[from] RegistryError),
    #[error(transparent)]
    Docker(#[from] DockerError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Show(#[from] crate::show::ShowError),
    #[error(transparent)]
    Merge(#[from] crate::merge::MergeError),
    #[error(transparent)]
    Report(#[from] proctor_reports::ReportError),
    /// The run stopped on an error every trial would hit (e.g. the model API refused the key).
    #[error("the run stopped: {0}")]
    Fatal(String),
    #[error("{context}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) | CliError::Task(_) | CliError::Tasks(_) | CliError::Agent(_) | CliError::Fatal(_) => {
                exit_code::USAGE
            }
            CliError::Store(StoreError::Exists { .. } | StoreError::NotARun { .. }) => exit_code::USAGE,
            CliError::Report(
                ReportError::Usage(_)
                | ReportError::NoRuns
                | ReportError::UnknownAgent(_)
                | ReportError::ManifestIo { .. }
                | ReportError::Manifest { .. },
            ) => exit_code::USAGE,
            CliError::Show(crate::show::ShowError::Store(_))
            | CliError::Merge(crate::merge::MergeError::Copy { .. }) => exit_code::FAILURE,
            CliError::Show(_) | CliError::Merge(_) => exit_code::USAGE,
            CliError::Docker(_) | CliError::Store(_) | CliError::Report(_) | CliError::Io { .. } => exit_code::FAILURE,
        }
    }

    /// The message, its causes (each once), and for `Tasks` every task's error.
    pub fn render(&self) -> String {
        let mut text = format!("error: {self}");
        if let CliError::Tasks(errors) = self {
            for error in errors {
                text.push_str(&format!("\n  {error}"));
            }
            return text;
        }
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            let cause_text = cause.to_string();
            if !text.contains(&cause_text) {
                text.push_str(&format!("\n  caused by: {cause_text}"));
            }
            source = cause.source();
        }
        text
    }
}
