//! The reading tables, shipped in the binary: every Han character's readings (the commonest
//! first), the words whose reading differs from their characters' first readings, and the words
//! that keep them although they hold a character the rules read. All come from pypinyin 0.55's
//! data (MIT; `data/README.md` says where from and how `data/make.py` cut them down).
//!
//! On first use each table is mapped from its first field to the rest of the line, both slices
//! of the text as it stands: parsing them into maps of vectors took 18 ms, longer than reading a
//! whole chapter, for the few thousand entries of 62 000 a document asks for.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// `字 zi4 …` lines: a character and its readings, the commonest first.
const CHARS: &str = include_str!("data/chars.txt");
/// `银行 yin2 hang2` lines: a word and one reading per character.
const PHRASES: &str = include_str!("data/phrases.txt");
/// Words read as their characters' first readings that hold a character the rules read.
const PLAIN: &str = include_str!("data/plain.txt");
/// The longest word of `PHRASES`, in characters (a test holds it to the table).
const LONGEST: usize = 10;

/// Each line of `text` as its first field and the rest (empty where there is none).
fn table(text: &'static str) -> FxHashMap<&'static str, &'static str> {
    let mut map = FxHashMap::default();
    map.reserve(text.len() / 12);
    map.extend(
        text.lines()
            .map(|line| line.split_once(' ').unwrap_or((line, ""))),
    );
    map
}

/// The tables.
pub struct Dict {
    chars: FxHashMap<&'static str, &'static str>,
    phrases: FxHashMap<&'static str, &'static str>,
    plain: FxHashMap<&'static str, &'static str>,
}

/// The tables, mapped on first use.
pub fn get() -> &'static Dict {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(|| Dict {
        chars: table(CHARS),
        phrases: table(PHRASES),
        plain: table(PLAIN),
    })
}

/// A character's or a word's readings, in table order, one syllable each (`hang2`).
#[derive(Debug, Clone, Copy)]
pub struct Readings(&'static str);

impl Readings {
    /// The syllables.
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.split(' ').filter(|s| !s.is_empty())
    }

    /// The first (for a character: the commonest) reading.
    pub fn first(self) -> Option<&'static str> {
        self.iter().next()
    }

    /// Whether there is more than one reading.
    pub fn several(self) -> bool {
        self.0.trim().contains(' ')
    }
}

impl Dict {
    /// The readings of `c`, the commonest first; none for a character we have none for.
    pub fn readings(&self, c: char) -> Readings {
        let mut buf = [0; 4];
        let key: &str = c.encode_utf8(&mut buf);
        Readings(self.chars.get(key).copied().unwrap_or(""))
    }

    /// The reading of the word `word` where it differs from its characters' first readings.
    pub fn phrase(&self, word: &str) -> Option<Readings> {
        self.phrases.get(word).copied().map(Readings)
    }

    /// Whether `word` is listed as read by its characters' first readings.
    pub fn plain(&self, word: &str) -> bool {
        self.plain.contains_key(word)
    }

    /// The longest word of the phrase table, in characters.
    pub fn longest(&self) -> usize {
        LONGEST
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `LONGEST` bounds the search for a word's listed parts.
    #[test]
    fn the_longest_word_is_known() {
        let longest = PHRASES
            .lines()
            .map(|l| l.split(' ').next().unwrap_or("").chars().count())
            .max();
        assert_eq!(longest, Some(LONGEST));
    }

    /// Every line is found, so no key is listed twice (the second would hide the first).
    #[test]
    fn every_line_is_found() {
        for text in [CHARS, PHRASES, PLAIN] {
            let table = table(text);
            for line in text.lines() {
                let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
                assert_eq!(table.get(key), Some(&rest), "{key}");
            }
        }
        let dict = get();
        assert_eq!(
            dict.phrase("银行").map(|r| r.iter().collect::<Vec<_>>()),
            Some(vec!["yin2", "hang2"])
        );
        assert!(dict.phrase("银").is_none() && dict.phrase("").is_none());
        assert_eq!(dict.readings('行').first(), Some("xing2"));
        assert!(dict.readings('行').several() && !dict.readings('银').several());
        assert!(dict.readings('a').first().is_none());
    }
}
