//! Readers: source text to the model. Markdown goes through pulldown-cmark; anything else is plain
//! text whose structure is inferred the way Chinese documents are written.

mod gongwen;
pub mod inlines;
pub mod markdown;
pub mod plain;

use std::path::Path;

use crate::model::Document;
use crate::{Error, Options, Warning};

/// Which reader a source needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// CommonMark + GFM.
    Markdown,
    /// Plain text with inferred structure.
    Plain,
}

impl Kind {
    /// `.md`/`.markdown` files are Markdown; everything else is plain text.
    pub fn of(path: &Path, _text: &str) -> Kind {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
                Kind::Markdown
            }
            _ => Kind::Plain,
        }
    }
}

/// Reads `text` into a document; what was dropped or guessed goes to `warnings` as `Info`.
/// Front matter that is not valid YAML is an error.
pub fn read(
    text: &str,
    kind: Kind,
    options: &Options,
    warnings: &mut Vec<Warning>,
) -> Result<Document, Error> {
    let mut doc = match kind {
        Kind::Markdown => markdown::read(text, options.raw_html, warnings)?,
        Kind::Plain => plain::read(text, warnings),
    };
    if doc.meta.lang.is_empty() {
        doc.meta.lang = detect_lang(text).to_string();
    }
    Ok(doc)
}

/// `zh-Hant` when the text uses clearly traditional forms, otherwise `zh-Hans`.
pub fn detect_lang(text: &str) -> &'static str {
    // Characters common in running text whose simplified and traditional forms differ.
    const TRAD: &str =
        "們這個來說時會對為國學發與關經實點麼後從無開問裡見還進過長現動氣門東車馬書員電話讓機變";
    const SIMP: &str =
        "们这个来说时会对为国学发与关经实点么后从无开问里见还进过长现动气门东车马书员电话让机变";
    let (mut t, mut s) = (0usize, 0usize);
    for c in text.chars() {
        if TRAD.contains(c) {
            t += 1;
        } else if SIMP.contains(c) {
            s += 1;
        }
    }
    if t > s { "zh-Hant" } else { "zh-Hans" }
}
