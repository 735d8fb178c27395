//! `cjkpress reference-doc`: our reference DOCX on standard output.

use std::path::Path;

use anyhow::{Result, bail};

use super::stdio;

/// Writes our reference DOCX to standard output, unless that is a terminal.
pub fn run() -> Result<()> {
    if stdio::is_terminal(Path::new("-")) {
        bail!("standard output is a terminal: redirect it (cjkpress reference-doc > ref.docx)");
    }
    // Dated as any output: `SOURCE_DATE_EPOCH`, else now.
    let epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => {
            Some(cjkpress::date::parse_epoch(&v).map_err(anyhow::Error::msg)?)
        }
        _ => None,
    };
    let options = cjkpress::Options {
        epoch,
        ..cjkpress::Options::default()
    };
    stdio::print(&cjkpress::reference_docx(&options)?)
}
