//! Coverage: which characters of a text no face draws, and where they first occur.

use super::FontSet;

/// A character no face in the chain covers, with where it first occurs in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The character.
    pub ch: char,
    /// 1-based line of its first occurrence.
    pub line: usize,
    /// 1-based column (in characters) of its first occurrence.
    pub column: usize,
    /// How many times it occurs.
    pub count: usize,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no font covers U+{:04X} {} (first at line {}, column {}; {} time{})",
            u32::from(self.ch),
            self.ch,
            self.line,
            self.column,
            self.count,
            if self.count == 1 { "" } else { "s" }
        )
    }
}

/// Every character of `text` that no face of `fonts` covers (whitespace and controls aside),
/// in order of first occurrence.
pub fn missing(text: &str, fonts: &FontSet) -> Vec<Missing> {
    // Each distinct character is looked up once: `checked` remembers which were, and `found`
    // where a missing one sits in the result.
    let mut checked = CharSet::default();
    let mut absent = CharSet::default();
    let mut found: Vec<Missing> = Vec::new();
    let mut index = std::collections::BTreeMap::new();
    let (mut line, mut column) = (1, 0);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            column = 0;
            continue;
        }
        column += 1;
        if !drawn(c) {
            continue;
        }
        if checked.insert(c) {
            if !fonts.covers(c) {
                absent.insert(c);
                index.insert(c, found.len());
                found.push(Missing {
                    ch: c,
                    line,
                    column,
                    count: 1,
                });
            }
        } else if absent.contains(c) {
            found[index[&c]].count += 1;
        }
    }
    found
}

/// Whether a character needs a glyph: not whitespace, not a control, not a default-ignorable
/// code point (Unicode §5.21: rendered invisibly when unsupported, e.g. variation selectors,
/// joiners, the byte order mark).
pub(crate) fn drawn(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || ignorable(c))
}

/// `Default_Ignorable_Code_Point` (DerivedCoreProperties.txt, Unicode 15.1).
fn ignorable(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// A set of characters as a bit per code point (139 KB when the first character goes in): a
/// book-length text inserts a million characters, which a tree or hash set makes slow.
#[derive(Clone, Default)]
pub(crate) struct CharSet {
    bits: Vec<u64>,
}

impl CharSet {
    /// Adds `c`; true if it was not there yet.
    pub(crate) fn insert(&mut self, c: char) -> bool {
        if self.bits.is_empty() {
            self.bits = vec![0; (0x11_0000 / 64) as usize];
        }
        let (word, bit) = (u32::from(c) as usize / 64, u32::from(c) % 64);
        let fresh = self.bits[word] & (1 << bit) == 0;
        self.bits[word] |= 1 << bit;
        fresh
    }

    /// Whether `c` is in the set.
    pub(crate) fn contains(&self, c: char) -> bool {
        let (word, bit) = (u32::from(c) as usize / 64, u32::from(c) % 64);
        self.bits.get(word).is_some_and(|w| w & (1 << bit) != 0)
    }

    /// Adds every character of `s`.
    pub(crate) fn extend(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(c);
        }
    }

    /// The characters, in code point order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = char> + '_ {
        self.bits.iter().enumerate().flat_map(|(word, &bits)| {
            (0..64)
                .filter(move |bit| bits & (1 << bit) != 0)
                .filter_map(move |bit| char::from_u32(word as u32 * 64 + bit))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_first_position_and_count() {
        let fonts = FontSet::bundled().unwrap();
        let text = "第一行\n吉𠮷，안녕\n\t𠮷 한\u{FE0F}\r\n";
        let missing = missing(text, &fonts);
        let summary: Vec<_> = missing
            .iter()
            .map(|m| (m.ch, m.line, m.column, m.count))
            .collect();
        assert_eq!(
            summary,
            [
                ('𠮷', 2, 2, 2),
                ('안', 2, 4, 1),
                ('녕', 2, 5, 1),
                ('한', 3, 4, 1)
            ]
        );
        assert_eq!(
            missing.last().unwrap().to_string(),
            "no font covers U+D55C 한 (first at line 3, column 4; 1 time)"
        );
    }

    #[test]
    fn charset_iterates_in_order() {
        let mut set = CharSet::default();
        assert!(set.insert('中'));
        assert!(!set.insert('中'));
        set.extend("ba𠮷");
        assert_eq!(set.iter().collect::<String>(), "ab中𠮷");
        assert_eq!(CharSet::default().iter().count(), 0);
    }
}
