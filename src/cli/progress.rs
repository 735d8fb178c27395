//! The progress bar of a long `build`.

use std::io::IsTerminal as _;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before a progress bar appears: shorter runs finish without one.
pub const PROGRESS_DELAY: Duration = Duration::from_secs(1);

/// A progress bar over every format of every input, drawn on a terminal only, and only once the
/// work has run for a while (`show_after`).
pub struct Progress {
    /// The bar, hidden until `show_after` draws it.
    pub bar: ProgressBar,
    /// Whether a bar may be drawn at all: stderr is a terminal and `-q` was not given.
    allowed: bool,
    done: Mutex<bool>,
    finished: Condvar,
}

impl Progress {
    /// A hidden bar over `total` steps.
    pub fn new(total: u64, allowed: bool) -> Progress {
        let bar = ProgressBar::hidden();
        bar.set_length(total);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        Progress {
            bar,
            allowed: allowed && std::io::stderr().is_terminal(),
            done: Mutex::new(false),
            finished: Condvar::new(),
        }
    }

    /// Waits up to `delay` for the work to finish; if it has not, draws the bar on stderr.
    pub fn show_after(&self, delay: Duration) {
        let done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        let (done, _) = self
            .finished
            .wait_timeout_while(done, delay, |done| !*done)
            .unwrap_or_else(|e| e.into_inner());
        if !*done && self.allowed {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
    }

    /// Ends the bar (clearing it) and wakes `show_after`.
    pub fn finish(&self) {
        *self.done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.finished.notify_all();
        self.bar.finish_and_clear();
    }
}
