//! Ctrl-C and SIGTERM: the first cancels the run gracefully (nothing new starts, running trials
//! stop and their containers are removed, finished results are kept); the second exits at once.

use tokio_util::sync::CancellationToken;

use crate::exit_code;

async fn next_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Watch for signals for the life of the process.
pub fn install(cancel: CancellationToken) {
    tokio::spawn(async move {
        next_signal().await;
        eprintln!(
            "\ninterrupted: stopping running trials and removing their containers (press Ctrl-C again to exit at once)"
        );
        cancel.cancel();
        next_signal().await;
        eprintln!("interrupted twice: exiting now; `proctor gc` removes any container left behind");
        std::process::exit(i32::from(exit_code::INTERRUPTED));
    });
}
