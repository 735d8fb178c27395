//! What every layer returns besides its value: the `Error` that stops a conversion, and the
//! `Warning`s that travel beside its output. Any module may use them; nothing below the front
//! door imports `lib.rs`.

use std::fmt;
use std::path::PathBuf;

/// Why a conversion failed. The binary prefixes the input file's name.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    // The cause is part of the message rather than a `source`, so that the binary's
    // `{e:#}` chain does not print it twice.
    #[error("{}: {cause}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        cause: std::io::Error,
    },
    /// The input file itself could not be read (the caller names the file).
    #[error("cannot read ({0})")]
    Read(std::io::Error),
    /// The bytes are not text in an encoding we read.
    #[error("{0}")]
    Decode(String),
    /// The front matter is not valid YAML, or uses what we refuse to expand (aliases).
    #[error("front matter: {0}")]
    FrontMatter(String),
    /// A setting (`style::settings`) or metadata given outside the document (`-M`,
    /// `--metadata-file`) is unknown, unreadable or has a bad value.
    #[error("{0}")]
    Setting(String),
    /// The input is a kind of file cjkpress does not read (a Word document, an HTML page…).
    #[error("{0}")]
    NotSource(String),
    /// A font could not be loaded, lacks glyphs under `--strict`, or could not be subset.
    #[error("{0}")]
    Font(String),
    /// An image could not be read or decoded.
    #[error("{0}")]
    Image(String),
    /// A writer failed to produce its container or format.
    #[error("{0}")]
    Write(String),
    /// A chapter of a book ([`crate::load_book`]) could not be read.
    // `cause`, not `source`: the chain would print the cause twice (see `Io`).
    #[error("{}: {cause}", path.display())]
    Chapter {
        /// The chapter's file.
        path: PathBuf,
        /// What went wrong.
        cause: Box<Error>,
    },
    /// A format or feature that is not available yet.
    #[error("{0} is not yet supported")]
    Unsupported(String),
}

/// How much a warning matters: `Warn` is always shown, `Info` only with `-v`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Level {
    /// Something the user should know: a missing glyph, content a format cannot show.
    Warn,
    /// What was guessed or dropped while reading, which font serves a role.
    Info,
}

/// A message that travels beside the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Whether it is shown without `-v`.
    pub level: Level,
    /// One line, lowercase, no final period.
    pub message: String,
}

impl Warning {
    /// A warning shown always.
    pub fn warn(message: impl Into<String>) -> Warning {
        Warning {
            level: Level::Warn,
            message: message.into(),
        }
    }

    /// A note shown with `-v`.
    pub fn info(message: impl Into<String>) -> Warning {
        Warning {
            level: Level::Info,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A value with the warnings produced while making it.
#[derive(Debug)]
pub struct Warned<T> {
    /// The result.
    pub value: T,
    /// What the user should hear about.
    pub warnings: Vec<Warning>,
}
