//! Words of Chinese text, by jieba's dictionary segmentation (`jieba-rs`): title lines break
//! between words, and pinyin is read word by word.
//!
//! Building jieba's whole dictionary (349 045 words) takes longer than reading and writing a
//! 150 000-character book, so the pinyin pass builds a segmenter for its text alone
//! ([`for_text`]): it cuts that text exactly as the whole dictionary would.

use std::sync::OnceLock;

use jieba_rs::Jieba;
use rustc_hash::FxHashSet;

/// jieba's dictionary, `word frequency tag` a line: `jieba-rs` 0.11.0's `src/data/dict.txt`
/// (MIT), the file it embeds, which it does not expose (`README.md` beside this file).
const DICT: &str = include_str!("dict.txt");

/// The sum of the frequencies in [`DICT`] (a test checks it against the file).
const DICT_TOTAL: u64 = 60_101_964;

/// The words of the pinyin reading table that [`DICT`] lacks, one a line (`src/pinyin/data/make.py`
/// writes them): jieba would cut 会稽, 芥蓝 or 不亦说乎 into characters, each then read alone.
const EXTRA: &str = include_str!("extra.txt");

/// The frequency an [`EXTRA`] word counts with: the dictionary's rarest words' (a rare word wins
/// only where the alternative is rarer characters: 会/稽 but not 上/声).
const EXTRA_FREQ: u64 = 3;

/// The part of speech an [`EXTRA`] word is tagged with.
const EXTRA_TAG: &str = "n";

/// Bytes of dictionary below which a thread is not worth starting in [`for_text`].
const MIN_SHARE: usize = 200_000;

/// Stands for every word left out of a text's dictionary (see [`for_text`]): a noncharacter,
/// which jieba never takes into a run of Han text, so no cut can use it.
const ABSENT: char = '\u{FDD0}';

/// The segmenter with the whole dictionary, loaded once.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut jieba =
            Jieba::with_dict(&mut DICT.as_bytes()).expect("jieba's own dictionary parses");
        for word in EXTRA.lines() {
            jieba.add_word(word, Some(EXTRA_FREQ as usize), Some(EXTRA_TAG));
        }
        jieba
    })
}

/// A segmenter that cuts and tags `text` (and any part of it) exactly as [`jieba`] does, built
/// from the dictionary's words that can occur in it: those whose characters and adjacent pairs
/// of characters all occur in `text`. jieba's best cut weighs each word by its frequency over the
/// dictionary's total, so the words left out stand in the dictionary as one word of their summed
/// frequency that no text contains (`ABSENT`), and the total stays what it was.
pub fn for_text(text: &str) -> Jieba {
    // A bit per code point for the characters (most words fail on their first), a hash set
    // for the pairs.
    let mut chars = vec![0u64; (char::MAX as usize >> 6) + 1];
    for c in text.chars() {
        chars[c as usize >> 6] |= 1 << (c as usize & 63);
    }
    let has = |c: char| chars[c as usize >> 6] & (1 << (c as usize & 63)) != 0;
    let pairs: FxHashSet<(char, char)> = text.chars().zip(text.chars().skip(1)).collect();
    let occurs = |word: &str| {
        let mut it = word.chars();
        let Some(mut prev) = it.next().filter(|&c| has(c)) else {
            return false;
        };
        it.all(|c| {
            let ok = pairs.contains(&(prev, c));
            prev = c;
            ok
        })
    };
    // The dictionary is sorted by its words' bytes (a test checks it), so each character's words
    // are one block, found by binary search: the text's few thousand characters, not the
    // dictionary's 349 045 lines. The left-out words' frequency is the dictionary's total less
    // the kept ones', so no line left out is parsed.
    let blocks: Vec<&str> = chars
        .iter()
        .enumerate()
        .flat_map(|(i, &bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .filter_map(move |b| char::from_u32(((i as u32) << 6) | b))
        })
        .map(block)
        .collect();
    let keep = |share: &[&str]| {
        let mut kept = String::new();
        let mut freq: u64 = 0;
        for line in share.iter().flat_map(|b| b.lines()) {
            let (word, fields) = line.split_once(' ').unwrap_or((line, ""));
            if occurs(word) {
                kept.push_str(line);
                kept.push('\n');
                let f = fields.split_once(' ').map_or(fields, |(f, _)| f);
                freq += f.parse::<u64>().unwrap_or(0);
            }
        }
        (kept, freq)
    };
    // The blocks are filtered on every core (the pinyin pass waits for this), in shares of about
    // equal bytes, joined in character order: the same dictionary, and cut, on any machine.
    let total: usize = blocks.iter().map(|b| b.len()).sum();
    let per = total.div_ceil(crate::parallel::cores()).max(MIN_SHARE);
    let mut shares: Vec<&[&str]> = Vec::new();
    let (mut from, mut bytes) = (0, 0);
    for (i, b) in blocks.iter().enumerate() {
        bytes += b.len();
        if bytes >= per {
            shares.push(&blocks[from..=i]);
            (from, bytes) = (i + 1, 0);
        }
    }
    shares.push(&blocks[from..]);
    let shares = crate::parallel::in_order(shares, keep);
    let mut kept = String::new();
    let mut kept_freq: u64 = 0;
    for (text, freq) in shares {
        kept.push_str(&text);
        kept_freq += freq;
    }
    for word in EXTRA.lines().filter(|w| occurs(w)) {
        kept.push_str(&format!("{word} {EXTRA_FREQ} {EXTRA_TAG}\n"));
        kept_freq += EXTRA_FREQ;
    }
    let total = DICT_TOTAL + EXTRA_FREQ * EXTRA.lines().count() as u64;
    let absent = total.saturating_sub(kept_freq);
    kept.push_str(&format!("{ABSENT} {absent} x\n"));
    Jieba::with_dict(&mut kept.as_bytes()).unwrap_or_else(|_| jieba().clone())
}

/// The lines of [`DICT`] whose word begins with `c`, one block of the sorted file.
fn block(c: char) -> &'static str {
    let mut buf = [0; 4];
    let key = c.encode_utf8(&mut buf).as_bytes();
    // UTF-8 keeps the code points' order byte for byte, and a line's first bytes up to the
    // key's length hold its first character whole or differ from the key in the lead byte.
    let from = first_line_where(|line| &line[..key.len().min(line.len())] >= key);
    let to = first_line_where(|line| &line[..key.len().min(line.len())] > key);
    &DICT[from..to.max(from)]
}

/// The start of the first line of [`DICT`] for which `past` holds, given that it holds for
/// every line after one where it does (the file is sorted); the file's end if none.
fn first_line_where(past: impl Fn(&[u8]) -> bool) -> usize {
    let bytes = DICT.as_bytes();
    // Every line starting before `lo` fails, every line starting at or after `hi` holds, and
    // `lo` is a line's start.
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |i| lo + i + 1);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i + 1);
        if past(&bytes[start..end]) {
            hi = start;
        } else {
            lo = end;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cut of a text's own segmenter is the whole dictionary's, word for word and tag for
    /// tag, on modern prose, classical text and text with Latin letters, digits and breaks.
    #[test]
    fn a_texts_segmenter_cuts_as_the_whole_dictionary() {
        let texts = [
            include_str!("../../tests/data/pinyin/passage.md"),
            include_str!("../../tests/data/lunyu.md"),
            "银行行长说：2024年GDP增长了5.2%，他还要去长沙。\n\n我们在A4纸上写字。",
        ];
        for text in texts {
            let own = for_text(text);
            for paragraph in text.split("\n\n") {
                let tags = |j: &Jieba| -> Vec<(String, String)> {
                    j.tag(paragraph, false)
                        .iter()
                        .map(|t| (t.word.to_string(), t.tag.to_string()))
                        .collect()
                };
                assert_eq!(tags(&own), tags(jieba()), "{paragraph}");
            }
        }
    }

    /// [`block`] finds a character's words by binary search, which needs the file sorted.
    #[test]
    fn the_dictionary_is_sorted_and_a_block_holds_a_characters_words() {
        let words: Vec<&str> = DICT.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        for c in ['1', '银', '行', '丢', '𠀀'] {
            let expected: Vec<&str> = DICT.lines().filter(|l| l.starts_with(c)).collect();
            assert_eq!(block(c).lines().collect::<Vec<_>>(), expected, "{c}");
        }
        assert!(!block('银').is_empty() && block('𠀀').is_empty());
    }

    /// The total the left-out words' frequency is taken from is the dictionary's.
    #[test]
    fn the_dictionary_total_is_the_sum_of_its_frequencies() {
        let sum: u64 = DICT
            .lines()
            .filter_map(|l| l.split(' ').nth(1))
            .map(|f| f.parse::<u64>().unwrap())
            .sum();
        assert_eq!(sum, DICT_TOTAL);
    }

    /// A word the reading table lists and jieba's dictionary lacks is cut whole, where its
    /// characters are rarer than it (会稽), not where they are common words (上声 stays 上/声).
    #[test]
    fn the_reading_tables_words_are_words() {
        let cut = |text: &str| -> Vec<String> {
            for_text(text)
                .cut(text, false)
                .iter()
                .map(|w| w.word.to_string())
                .collect()
        };
        assert!(cut("绍兴古称会稽。").contains(&"会稽".to_string()));
        assert!(jieba().has_word("会稽") && !DICT.contains("\n会稽 "));
        assert!(!cut("我们上声音课。").contains(&"上声".to_string()));
    }

    /// A word that cannot occur in the text is left out: the point of the smaller dictionary.
    #[test]
    fn a_text_keeps_only_its_words() {
        let own = for_text("我去银行。");
        assert!(own.has_word("银行") && !own.has_word("行长"));
        assert!(jieba().has_word("行长"));
    }
}
