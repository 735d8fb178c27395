//! Character classes for CJK line breaking and punctuation adjustment.
//!
//! The tables are literal, so they can be checked against their sources:
//! W3C "Requirements for Chinese Text Layout" (clreq, <https://www.w3.org/TR/clreq/>) §3.1.7
//! "Prohibition rules for line start and line end" and GB/T 15834-2011 《标点符号用法》 §5.1
//! (which marks may not begin or end a line, and that `——` and `……` are never split).

/// What a character is, for spacing and breaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Han ideographs, kana, Hangul syllables, full-width letters: a break may fall on either side.
    Han,
    /// Full-width punctuation (its glyph fills one half of the em box, or all of it).
    Punct,
    /// Latin letters, digits and the ASCII punctuation between them: never split inside a run.
    Latin,
    /// A breakable space, dropped at the edges of a line.
    Space,
    /// A forced line break.
    Break,
}

/// Where a full-width punctuation mark leaves its blank half (clreq §3.1.6, "punctuation width
/// adjustment"): closing marks sit in the left half, opening marks in the right half.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// No compressible blank (centred marks such as `…` and `·`, and all non-punctuation).
    None,
    /// Blank on the right: closing marks `，。、）》”`.
    Right,
    /// Blank on the left: opening marks `（《“`.
    Left,
}

/// The classification of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Info {
    /// Spacing and breaking class.
    pub kind: Kind,
    /// Never at the start of a line.
    pub no_start: bool,
    /// Never at the end of a line.
    pub no_end: bool,
    /// The compressible half of a full-width mark.
    pub blank: Blank,
    /// A letter or digit: Han–Latin spacing applies next to it.
    pub alnum: bool,
}

/// Marks that may not begin a line: clreq §3.1.7 (Simplified Chinese list) and GB/T 15834-2011
/// §5.1.1 — 句号、逗号、顿号、分号、冒号、问号、叹号、后引号、后括号、后书名号、连接号、间隔号、
/// 分隔号 — plus `…` and `—`, whose two-em forms may neither begin a line nor be split
/// (§4.9, §4.10), the iteration marks and the small kana of Japanese text, and their ASCII twins.
pub const NO_START: &str = concat!(
    "，。、；：？！）］｝〕〉》」』】〗〙〛”’",
    "…⋯—―～·・‧ー々〃〆ゝゞヽヾ",
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ",
    "％‰℃°′″",
    ",.;:?!)]}%",
    "\u{FF0E}\u{FF64}\u{FF61}",
);

/// Marks that may not end a line: clreq §3.1.7 and GB/T 15834-2011 §5.1.2 — 前引号、前括号、
/// 前书名号 — and their ASCII twins.
pub const NO_END: &str = "（［｛〔〈《「『【〖〘〚“‘([{";

/// Closing full-width marks whose glyph sits in the left half of the em (clreq §3.1.6); in
/// Simplified Chinese fonts this includes `：；？！`, which Traditional fonts centre.
pub const CLOSING: &str = "，。、；：？！）］｝〕〉》」』】〗〙〛”’\u{FF0E}";

/// Opening full-width marks whose glyph sits in the right half of the em (clreq §3.1.6).
pub const OPENING: &str = "（［｛〔〈《「『【〖〘〚“‘";

/// Whether `c` is a mark with a compressible half ([`CLOSING`] or [`OPENING`]).
pub fn compressible(c: char) -> bool {
    !('\u{4E00}'..='\u{9FFF}').contains(&c) && (CLOSING.contains(c) || OPENING.contains(c))
}

/// The blank a face's glyph of a mark really leaves: the class table's `blank` when the ink
/// (`ink`: left and right edges as shares of the advance) stays in the half it names, else
/// [`Blank::None`]. Traditional faces centre `，。、：；` (clreq §3.1.6; AR PL UMing's `。` sits
/// at 0.38–0.62 of its cell): taking half of such a cell puts the mark's ink on its neighbour's.
pub fn blank_of(blank: Blank, ink: (f32, f32)) -> Blank {
    match blank {
        Blank::Right if ink.1 > 0.5 => Blank::None,
        Blank::Left if ink.0 < 0.5 => Blank::None,
        other => other,
    }
}

/// Middle dots that, standing between Chinese characters (国风·周南), are the 间隔号 and take a
/// full cell (GB/T 15834-2011 §4.14): the layout sets them so and the PDF writer draws them so.
pub const INTERPUNCTS: &str = "·‧・";

/// Whether `c` is one of [`INTERPUNCTS`]. The unified ideographs, most of a Chinese text and
/// none of them a mark, skip the search: the layout asks this of every character.
pub fn is_interpunct(c: char) -> bool {
    !('\u{4E00}'..='\u{9FFF}').contains(&c) && INTERPUNCTS.contains(c)
}

/// Marks that come in inseparable pairs: `——` (破折号) and `……` (省略号), GB/T 15834-2011
/// §4.9–4.10.
pub fn paired(c: char) -> bool {
    matches!(c, '—' | '―' | '…' | '⋯')
}

/// Whether `c` is a Han ideograph or another character set in full-width cells.
pub fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF      // CJK radicals, Kangxi radicals
        | 0x3005..=0x3007    // 々〆〇
        | 0x3021..=0x3029    // Hangzhou numerals
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x3190..=0x31FF
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF10..=0xFF19    // full-width digits
        | 0xFF21..=0xFF3A    // full-width Latin
        | 0xFF41..=0xFF5A
        | 0x20000..=0x3FFFF) // supplementary ideographic planes
}

/// Classifies one character.
pub fn classify(c: char) -> Info {
    // Most characters of Chinese text are unified ideographs, none of them in a table.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return Info {
            kind: Kind::Han,
            no_start: false,
            no_end: false,
            blank: Blank::None,
            alnum: false,
        };
    }
    let no_start = NO_START.contains(c);
    let no_end = NO_END.contains(c);
    let (kind, blank) = if c == '\n' || c == '\u{2028}' {
        (Kind::Break, Blank::None)
    } else if c == ' ' || c == '\t' {
        (Kind::Space, Blank::None)
    } else if CLOSING.contains(c) {
        (Kind::Punct, Blank::Right)
    } else if OPENING.contains(c) {
        (Kind::Punct, Blank::Left)
    } else if is_han(c) || c == '\u{3000}' || is_cjk_symbol(c) {
        (Kind::Han, Blank::None)
    } else if paired(c) || no_start || no_end {
        // Non-ASCII marks outside the tables (…, —, ·) and the ASCII marks: the ASCII ones join
        // the Latin word they touch; the others stand alone.
        if c.is_ascii() {
            (Kind::Latin, Blank::None)
        } else {
            (Kind::Punct, Blank::None)
        }
    } else {
        (Kind::Latin, Blank::None)
    };
    Info {
        kind,
        no_start,
        no_end,
        blank,
        alnum: !is_han(c) && c.is_alphanumeric(),
    }
}

/// CJK symbols and punctuation that are neither opening nor closing (`〒`, `※`, `○`, `■`).
fn is_cjk_symbol(c: char) -> bool {
    matches!(u32::from(c), 0x3000..=0x303F | 0x25A0..=0x25FF | 0x2600..=0x26FF | 0x203B)
        && !NO_START.contains(c)
        && !NO_END.contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_centred_mark_has_no_blank_to_give() {
        // Noto Serif SC's `。` (ink 0.04–0.32 of its cell) and `“` (0.57–0.92); AR PL UMing's
        // `。` (0.38–0.62) and UKai's `（` (0.59–0.80, still right of the middle).
        assert_eq!(blank_of(Blank::Right, (0.04, 0.32)), Blank::Right);
        assert_eq!(blank_of(Blank::Left, (0.57, 0.92)), Blank::Left);
        assert_eq!(blank_of(Blank::Right, (0.38, 0.62)), Blank::None);
        assert_eq!(blank_of(Blank::Left, (0.38, 0.62)), Blank::None);
        assert_eq!(blank_of(Blank::Left, (0.59, 0.80)), Blank::Left);
        assert_eq!(blank_of(Blank::None, (0.0, 1.0)), Blank::None);
        assert!(compressible('，') && compressible('“') && !compressible('中'));
        assert!(!compressible('…'));
    }

    #[test]
    fn closing_marks_may_not_start_a_line() {
        for c in "，。、；：？！）》」』”’…—".chars() {
            assert!(classify(c).no_start, "{c}");
            assert!(!classify(c).no_end, "{c}");
        }
    }

    #[test]
    fn opening_marks_may_not_end_a_line() {
        for c in "（【《「『“‘".chars() {
            let i = classify(c);
            assert!(i.no_end && !i.no_start, "{c}");
            assert_eq!(i.blank, Blank::Left, "{c}");
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(classify('中').kind, Kind::Han);
        assert_eq!(classify('a').kind, Kind::Latin);
        assert!(classify('5').alnum);
        assert!(!classify('中').alnum);
        assert_eq!(classify('.').kind, Kind::Latin);
        assert_eq!(classify('，').blank, Blank::Right);
        assert_eq!(classify('…').kind, Kind::Punct);
        assert_eq!(classify('…').blank, Blank::None);
        assert_eq!(classify(' ').kind, Kind::Space);
        assert_eq!(classify('\n').kind, Kind::Break);
    }
}
