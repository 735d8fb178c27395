//! `word/numbering.xml`: real list numbering (ECMA-376 Part 1, §17.9), so that Word continues,
//! restarts and renumbers lists as the user edits them.
//!
//! Two abstract definitions serve every list: bullets and decimal numbers (task items carry a
//! check box content control instead of a marker). Bullets share one instance; every ordered
//! list gets its own instance with a `w:startOverride`, so that each list starts at its own
//! number.

use std::fmt::Write as _;

use super::xml::{DECLARATION, NS_W};

/// Levels Word allows in one definition.
const LEVELS: u32 = 9;

const BULLET: u32 = 1;

/// The list instances a document uses.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    used: bool,
    /// Level and start number of each ordered list, in order; instance `2 + index`.
    ordered: Vec<(u32, u64)>,
}

impl Numbering {
    /// The instance for bullet items.
    pub fn bullet(&mut self) -> u32 {
        self.used = true;
        BULLET
    }

    /// A new instance for an ordered list at `level` that starts at `start`.
    pub fn ordered(&mut self, level: u32, start: u64) -> u32 {
        self.used = true;
        self.ordered.push((level.min(LEVELS - 1), start));
        BULLET + self.ordered.len() as u32
    }

    /// `word/numbering.xml`, when a list was written. `em` is one body character in twips.
    pub fn xml(&self, em: i64) -> Option<String> {
        if !self.used {
            return None;
        }
        let mut out = String::with_capacity(4096);
        out.push_str(DECLARATION);
        let _ = write!(out, "<w:numbering xmlns:w=\"{NS_W}\">");
        // One bullet at every level: the embedded subsets carry it (`style::plan::WRITER_CHARS`).
        abstract_num(&mut out, 0, em, |_| ("bullet", "•".to_string()));
        // `1.` at every level, as the PDF and the web formats number nested lists.
        abstract_num(&mut out, 1, em, |l| ("decimal", format!("%{}.", l + 1)));
        let _ = write!(
            out,
            "<w:num w:numId=\"{BULLET}\"><w:abstractNumId w:val=\"0\"/></w:num>"
        );
        for (i, (level, start)) in self.ordered.iter().enumerate() {
            let _ = write!(
                out,
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"{level}\">\
                 <w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
                BULLET + 1 + i as u32
            );
        }
        out.push_str("</w:numbering>");
        Some(out)
    }
}

/// Writes one abstract definition; `marker(level)` gives the number format and level text. The
/// marker of level `l` stands where a paragraph's first line starts (two characters in, one
/// indent step deeper per level) and the text two characters after it.
fn abstract_num(
    out: &mut String,
    id: u32,
    em: i64,
    marker: impl Fn(u32) -> (&'static str, String),
) {
    let _ = write!(
        out,
        "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
    );
    for level in 0..LEVELS {
        let (format, text) = marker(level);
        let left = 2 * em * i64::from(level + 2);
        let _ = write!(
            out,
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>\
             <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr>\
             <w:ind w:left=\"{left}\" w:hanging=\"{}\"/></w:pPr></w:lvl>",
            2 * em
        );
    }
    out.push_str("</w:abstractNum>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_ordered_list_restarts_at_its_start() {
        let mut n = Numbering::default();
        assert!(n.xml(240).is_none());
        assert_eq!(n.bullet(), 1);
        let a = n.ordered(0, 1);
        let b = n.ordered(1, 5);
        assert_ne!(a, b);
        let xml = n.xml(240).unwrap();
        assert!(xml.contains(&format!(
            "<w:num w:numId=\"{b}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"5\"/>"
        )));
        assert_eq!(xml.matches("<w:abstractNum ").count(), 2);
        assert_eq!(xml.matches("<w:lvl ").count(), 18);
    }
}
