//! A request to stop a run early, made by the Python module when the user
//! presses Ctrl-C in a notebook: the reading loop stops taking pages and the
//! run ends with an error. (The command line needs none of this: Ctrl-C
//! ends its process.)

use std::sync::atomic::{AtomicBool, Ordering};

static ASKED: AtomicBool = AtomicBool::new(false);

/// Asks the run in progress to stop.
#[cfg(feature = "python")]
pub(crate) fn ask() {
    ASKED.store(true, Ordering::Relaxed);
}

/// Clears an earlier request, before a new run starts.
#[cfg(feature = "python")]
pub(crate) fn clear() {
    ASKED.store(false, Ordering::Relaxed);
}

/// Whether the run was asked to stop.
pub(crate) fn asked() -> bool {
    ASKED.load(Ordering::Relaxed)
}

/// An error once the run was asked to stop: a run cut short must not pass
/// for a finished one.
pub(crate) fn check() -> Result<(), String> {
    if asked() {
        Err("interrupted".into())
    } else {
        Ok(())
    }
}
