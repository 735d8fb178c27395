//! The reading tables, shipped in the binary and parsed once: every Han character's readings
//! (the commonest first), the words whose reading differs from their characters' first
//! readings, and the words that keep them although they hold a character the rules read. Both come from pypinyin 0.55's data (MIT; `data/README.md` says where from and
//! how `data/make.py` cut them down).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// `字 zi4 …` lines: a character and its readings, the commonest first.
const CHARS: &str = include_str!("data/chars.txt");
/// `银行 yin2 hang2` lines: a word and one reading per character.
const PHRASES: &str = include_str!("data/phrases.txt");
/// Words read as their characters' first readings that hold a character the rules read.
const PLAIN: &str = include_str!("data/plain.txt");

/// The parsed tables.
pub struct Dict {
    chars: FxHashMap<char, Vec<&'static str>>,
    phrases: HashMap<&'static str, Vec<&'static str>>,
    plain: HashSet<&'static str>,
    /// The longest word in `phrases`, in characters.
    longest: usize,
}

/// The tables, parsed on first use.
pub fn get() -> &'static Dict {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(|| {
        let chars = CHARS
            .lines()
            .filter_map(|line| {
                let mut fields = line.split(' ');
                let c = fields.next()?.chars().next()?;
                Some((c, fields.collect()))
            })
            .collect();
        let mut longest = 0;
        let phrases = PHRASES
            .lines()
            .filter_map(|line| {
                let (word, readings) = line.split_once(' ')?;
                longest = longest.max(word.chars().count());
                Some((word, readings.split(' ').collect()))
            })
            .collect();
        Dict {
            chars,
            phrases,
            plain: PLAIN.lines().collect(),
            longest,
        }
    })
}

impl Dict {
    /// The readings of `c`, the commonest first; empty for a character we have none for.
    pub fn readings(&self, c: char) -> &[&'static str] {
        self.chars.get(&c).map_or(&[], Vec::as_slice)
    }

    /// The reading of the word `word` where it differs from its characters' first readings.
    pub fn phrase(&self, word: &str) -> Option<&[&'static str]> {
        self.phrases.get(word).map(Vec::as_slice)
    }

    /// Whether `word` is listed as read by its characters' first readings.
    pub fn plain(&self, word: &str) -> bool {
        self.plain.contains(word)
    }

    /// The longest word of the phrase table, in characters.
    pub fn longest(&self) -> usize {
        self.longest
    }
}
