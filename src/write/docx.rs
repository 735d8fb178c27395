//! The DOCX writer.

use crate::model::Document;
use crate::{Context, Error, Warned};

/// Writes `doc` as DOCX.
pub fn write(_doc: &Document, _ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    Err(Error::Unsupported("docx output".into()))
}
