//! Plain text with the structure Chinese documents use inferred.

use crate::Warning;
use crate::model::Document;

/// Reads plain text.
pub fn read(_text: &str, _warnings: &mut Vec<Warning>) -> Document {
    Document::default()
}
