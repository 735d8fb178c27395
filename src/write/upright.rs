//! Short numbers set upright across a vertical column (縦中横, tate-chu-yoko), for every writer
//! that sets vertical text: the XHTML's `text-combine-upright` spans (EPUB and HTML) and the
//! DOCX's `w:eastAsianLayout w:vert` runs.
//!
//! clreq §3.1.6 and JLREQ §3.2.4 set numbers within vertical CJK text upright; a number inside
//! a Latin run or a URL (`A4`, `5.2`, `id=42&lang`) turns sideways with its run.

use unicode_width::UnicodeWidthChar;

/// The longest number set upright: three digits still fit one column at about a third of an em
/// each (CSS Writing Modes 3 §9.1.1 lets a user agent compress them to the cell).
pub const MAX_DIGITS: usize = 3;

/// A piece of text in a vertical column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text set as the column sets it.
    Text(&'a str),
    /// A short number set upright in one character cell.
    Upright(&'a str),
}

/// `t` cut into pieces: every run of one to [`MAX_DIGITS`] ASCII digits that stands in CJK text
/// is upright — the nearest character on each side that is not a space is full-width (East
/// Asian Width W or F) or the end of the text, and at least one of them is full-width.
pub fn pieces(t: &str) -> Vec<Piece<'_>> {
    let bytes = t.as_bytes();
    let wide = |c: Option<char>| c.is_some_and(|c| c.width() == Some(2));
    let mut out = Vec::new();
    let mut done = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let before = t[..start].chars().rev().find(|c| !c.is_whitespace());
        let after = t[i..].chars().find(|c| !c.is_whitespace());
        let alone = i - start <= MAX_DIGITS
            && (before.is_none() || wide(before))
            && (after.is_none() || wide(after))
            && (wide(before) || wide(after));
        if alone {
            // ASCII digits are single bytes, so these are character boundaries.
            if done < start {
                out.push(Piece::Text(&t[done..start]));
            }
            out.push(Piece::Upright(&t[start..i]));
            done = i;
        }
    }
    if done < t.len() {
        out.push(Piece::Text(&t[done..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_numbers_in_cjk_text_only() {
        use Piece::{Text, Upright};
        assert_eq!(
            pieces("3月到12月，共365天，2026年，5.2%，A4纸，见 report?id=42&lang 第 7 章"),
            vec![
                Upright("3"),
                Text("月到"),
                Upright("12"),
                Text("月，共"),
                Upright("365"),
                Text("天，2026年，5.2%，A4纸，见 report?id=42&lang 第 "),
                Upright("7"),
                Text(" 章"),
            ]
        );
        assert_eq!(pieces("12"), vec![Text("12")]);
        assert_eq!(pieces(""), vec![]);
    }
}
