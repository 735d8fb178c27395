//! One TrueType subset per document and face, shared by the four writers.

use std::collections::{BTreeMap, BTreeSet};

use super::{FaceId, FontSet};
use crate::Error;

/// Characters the writers draw themselves besides the document's text: page numbers (`— 1 —`),
/// list, footnote and reference markers.
pub const WRITER_CHARS: &str = "0123456789 .—()[]·•";

/// One TrueType subset of one face, with its cmap, shared by all four writers.
#[derive(Debug)]
pub struct Subset {
    /// The face it was cut from.
    pub face: FaceId,
    /// The characters it covers.
    pub chars: BTreeSet<char>,
    /// The subset font file (TrueType outlines, Unicode cmap).
    pub ttf: Vec<u8>,
    /// Six capital letters derived from the subset's content (PDF 32000-1 §9.6.4).
    pub tag: String,
}

impl Subset {
    /// The subset as WOFF2, encoded on first use.
    pub fn woff2(&self) -> Result<&[u8], Error> {
        Err(Error::Unsupported("woff2 (not yet implemented)".into()))
    }
}

/// The subsets of one document, one per face it draws with.
#[derive(Debug, Default)]
pub struct Subsets {
    /// By face.
    pub by_face: BTreeMap<FaceId, Subset>,
}

impl Subsets {
    /// Collects which face draws each character of `doc` under `style` and subsets every face used.
    pub fn build(
        _doc: &crate::model::Document,
        _style: &crate::style::Style,
        _fonts: &FontSet,
    ) -> Result<Subsets, Error> {
        Err(Error::Unsupported(
            "subsetting (not yet implemented)".into(),
        ))
    }
}
