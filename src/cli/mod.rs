//! The binary's work besides parsing arguments (not part of the library).

pub mod args;
pub mod build;
pub mod convert;
pub mod docs;
pub mod groups;
pub mod inspect;
mod progress;
pub mod reference;
pub mod stdio;
pub mod values;
pub mod watch;
