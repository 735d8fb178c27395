//! Readings in context: every Han character's pinyin, read word by word. jieba splits the text
//! into words and tags their parts of speech; a word the phrase table lists takes its reading
//! from there (`银行` yín háng); a polyphonic character standing alone as a word is read by
//! rules (`rules.rs`) from its neighbours (`很长` cháng, `长大` zhǎng); every other character
//! takes its commonest reading. The document transform that sets the readings as ruby is
//! `annotate`.

mod annotate;
mod dict;
mod rules;
pub mod syllable;

pub use annotate::{Guess, Settings, annotate};
pub use syllable::Spelling;

use jieba_rs::Jieba;

/// What the automatic pass writes over the characters (`--ruby`, front matter `ruby:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// No automatic ruby (explicit `{…|…}` markup is still set).
    None,
    /// Hanyu Pinyin.
    Pinyin,
    /// 注音符号 (Bopomofo).
    Zhuyin,
}

impl std::str::FromStr for Scheme {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" | "off" | "false" => Ok(Scheme::None),
            "pinyin" => Ok(Scheme::Pinyin),
            "zhuyin" | "bopomofo" => Ok(Scheme::Zhuyin),
            other => Err(format!(
                "unknown ruby `{other}` (expected pinyin, zhuyin or none)"
            )),
        }
    }
}

/// One Han character's reading in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The syllable in stored form (`hang2`; see [`syllable::spell`]).
    pub syllable: &'static str,
    /// The index of the word (jieba's segment) the character belongs to.
    pub word: usize,
    /// A polyphonic character read by rule rather than from a listed word: what `cjkpress
    /// check --ruby` shows for review.
    pub guessed: bool,
}

/// Whether `c` is a Han ideograph (the URO, extension A, the compatibility block and the
/// supplementary planes' extensions) or 〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || c == '〇'
}

/// The reading of every character of `text` (`None` where it is not Han, or no reading is
/// known), its words cut by `words` (a segmenter that knows them: `segment::for_text`); with
/// `sandhi`, 一 and 不 take the tone their next syllable asks for.
pub fn read(text: &str, sandhi: bool, words: &Jieba) -> Vec<Option<Reading>> {
    let dict = dict::get();
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![None; chars.len()];
    // Dictionary words only: jieba's HMM glues unknown runs into words of its guessing
    // (`选他`, `结了`), which hide the one-character words the rules read.
    let tags = words.tag(text, false);
    for (k, tag) in tags.iter().enumerate() {
        let word = &chars[tag.start..tag.end];
        if !word.iter().copied().any(is_han) {
            continue;
        }
        // The words around this one, for the rules.
        let at = around(&tags, k);
        let mut set = |i: usize, syllable: &'static str, guessed: bool| {
            out[tag.start + i] = Some(Reading {
                syllable,
                word: k,
                guessed,
            });
        };
        if let [c] = word {
            let readings = dict.readings(*c);
            let Some(first) = readings.first() else {
                continue;
            };
            if !readings.several() {
                set(0, first, false);
                continue;
            }
            // Only the characters the rules know are worth a reviewer's look: the tables list
            // rare readings for many a character (他 tuó) that running text never takes.
            let rule = rules::single(*c, &at);
            set(0, rule.unwrap_or(first), rule.is_some());
            continue;
        }
        if let Some(readings) = dict.phrase(tag.word) {
            for (i, r) in readings.iter().enumerate() {
                set(i, r, false);
            }
            if let Some((i, r)) = rules::unlisted(tag.word, &at) {
                set(i, r, true);
            }
            continue;
        }
        // A word the table does not list: its longest listed parts from the left, then each
        // remaining character by itself.
        let offsets: Vec<usize> = tag
            .word
            .char_indices()
            .map(|(b, _)| b)
            .chain([tag.word.len()])
            .collect();
        let mut i = 0;
        while i < word.len() {
            let longest = (i + 2..=word.len().min(i + dict.longest()))
                .rev()
                .find_map(|j| Some((j, dict.phrase(&tag.word[offsets[i]..offsets[j]])?)));
            if let Some((j, readings)) = longest {
                for (n, r) in readings.iter().enumerate() {
                    set(i + n, r, false);
                }
                i = j;
                continue;
            }
            let readings = dict.readings(word[i]);
            if let Some(first) = readings.first() {
                // The word's own characters are the neighbours here (`很长` is one word to
                // jieba), their tags unknown.
                let (prev, prev_tag) = match i {
                    0 => neighbour(&tags, k.wrapping_sub(1)),
                    _ => (&tag.word[offsets[i - 1]..offsets[i]], ""),
                };
                let (next, next_tag) = match word.len() - i {
                    1 => neighbour(&tags, k + 1),
                    _ => (&tag.word[offsets[i + 1]..offsets[i + 2]], ""),
                };
                let around = rules::Around {
                    prev,
                    prev_tag,
                    next,
                    next_tag,
                    next2: "",
                    prev2: "",
                    before: &[],
                    after: &[],
                };
                // The rules for a character standing alone hold inside a word only where it
                // is a particle leading the word (`地下` after 哗哗), follows a degree adverb
                // (`很长`), or the word is a verb phrase jieba keeps whole (`晒干`, `系好`);
                // a noun's characters, and a listed word's, take their first readings
                // (`数学` shù, `教室` jiào, `重视` zhòng).
                // A listed word keeps its readings (`得意` dé), except that 地 may be the
                // particle of the word before (`哗哗地下`).
                let loose = (i == 0
                    && (word[0] == '地' || "得着了的".contains(word[0]) && !dict.plain(tag.word)))
                    || !dict.plain(tag.word)
                        && ((i > 0 && "很太真挺更最极不没".contains(word[i - 1]))
                            || ["v", "p", "l"].iter().any(|t| tag.tag.starts_with(t)));
                match rules::within(word, i, &at) {
                    Some(r) => set(i, r, true),
                    None if readings.several() && loose => {
                        let rule = rules::single(word[i], &around);
                        set(i, rule.unwrap_or(first), rule.is_some());
                    }
                    None => set(i, first, false),
                }
            }
            i += 1;
        }
        // A person's or a place's name reads as names do (曾国藩 Zēng, 洪洞县 tóng), unless the
        // tables list the word itself: a name spelt in characters (查尔斯 Chá), or a word jieba
        // takes for a name (纪念展).
        if let Some(r) = rules::name(word, tag.tag)
            && dict.phrase(tag.word).is_none()
            && !dict.plain(tag.word)
        {
            set(0, r, true);
        }
        if let Some((i, r)) = rules::place(tag.word) {
            set(i, r, true);
        }
    }
    if sandhi {
        apply_sandhi(&chars, &mut out);
    }
    out
}

/// The words around the word at `k`: two each side by name, and all of the text before and after.
fn around<'a>(tags: &'a [jieba_rs::Tag<'a>], k: usize) -> rules::Around<'a> {
    let (prev, prev_tag) = neighbour(tags, k.wrapping_sub(1));
    let (next, next_tag) = neighbour(tags, k + 1);
    rules::Around {
        prev,
        prev_tag,
        next,
        next_tag,
        next2: neighbour(tags, k + 2).0,
        prev2: neighbour(tags, k.wrapping_sub(2)).0,
        before: &tags[..k],
        after: tags.get(k + 1..).unwrap_or(&[]),
    }
}

/// The word at `k` and its tag; empty beyond either end.
fn neighbour<'a>(tags: &[jieba_rs::Tag<'a>], k: usize) -> (&'a str, &'a str) {
    tags.get(k).map_or(("", ""), |t| (t.word, t.tag))
}

/// Tone sandhi of 一 and 不 (《现代汉语词典》, 凡例): 不 before a fourth tone is bú; 一 before a
/// fourth tone is yí and before the others yì, but keeps yī when counted or ordered (第一,
/// 一九八〇, 十一) and at the end of a phrase.
fn apply_sandhi(chars: &[char], out: &mut [Option<Reading>]) {
    const NUMERALS: &str = "〇一二三四五六七八九十百千万亿零两第";
    for i in 0..chars.len() {
        let (Some(reading), Some(Some(next))) = (out[i], out.get(i + 1)) else {
            continue;
        };
        let next_tone = syllable::tone(next.syllable);
        let numeral = |c: Option<&char>| c.is_some_and(|c| NUMERALS.contains(*c));
        let syllable = match (chars[i], reading.syllable) {
            ('不', "bu4") if next_tone == 4 => "bu2",
            ('一', "yi1")
                if !numeral(i.checked_sub(1).map(|p| &chars[p])) && !numeral(chars.get(i + 1)) =>
            {
                match next_tone {
                    4 => "yi2",
                    1..=3 => "yi4",
                    _ => continue,
                }
            }
            _ => continue,
        };
        out[i] = Some(Reading {
            syllable,
            ..reading
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(text: &str, sandhi: bool) -> String {
        read(text, sandhi, &crate::segment::for_text(text))
            .iter()
            .flatten()
            .map(|r| r.syllable)
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn words_decide_polyphones() {
        assert_eq!(spelled("银行行长", false), "yin2 hang2 hang2 zhang3");
        assert_eq!(spelled("这条路很长", false), "zhe4 tiao2 lu4 hen3 chang2");
        assert_eq!(spelled("他慢慢地走了", false), "ta1 man4 man4 de5 zou3 le5");
    }

    /// Words a review found the tables reading wrong (`make.py`'s EXTRA and RETIRED), and 为
    /// after the written language's adverbs.
    #[test]
    fn reviewed_words_read_as_the_dictionary_does() {
        assert_eq!(spelled("散发", false), "san4 fa1");
        assert_eq!(
            spelled("我们处在关键时期", false),
            "wo3 men5 chu3 zai4 guan1 jian4 shi2 qi1"
        );
        assert_eq!(spelled("框架", false), "kuang4 jia4");
        assert_eq!(spelled("偏颇", false), "pian1 po1");
        assert_eq!(spelled("最为", false), "zui4 wei2");
        assert_eq!(spelled("质朴", false), "zhi4 pu3");
        assert_eq!(
            spelled("他们均为大学生", false),
            "ta1 men5 jun1 wei2 da4 xue2 sheng1"
        );
        assert_eq!(
            spelled("多为孩子着想", false),
            "duo1 wei4 hai2 zi5 zhuo2 xiang3"
        );
        // The second band of the review: a transliterated name jieba tags as a person's (查尔斯),
        // a word it takes for one (纪念展), 尉 alone and in 尉迟, a place (尉氏).
        assert_eq!(spelled("查尔斯", false), "cha2 er3 si1");
        assert_eq!(spelled("纪念展", false), "ji4 nian4 zhan3");
        assert_eq!(spelled("尉健行", false), "wei4 jian4 xing2");
        assert_eq!(spelled("尉迟恭", false), "yu4 chi2 gong1");
        assert_eq!(spelled("尉氏县", false), "yu4 shi4 xian4");
        assert_eq!(spelled("原子量", false), "yuan2 zi3 liang4");
        assert_eq!(spelled("多重", false), "duo1 chong2");
        // The third band; a reviewed word whose reading is its characters' first readings is
        // listed all the same, so no rule for 行 after 各 reads it háng.
        assert_eq!(spelled("长治", false), "chang2 zhi4");
        assert_eq!(spelled("边长", false), "bian1 chang2");
        assert_eq!(
            spelled("他们各行其是", false),
            "ta1 men5 ge4 xing2 qi2 shi4"
        );
        // 为 before a post closing the clause is serving as it; before a verb, for them.
        assert_eq!(
            spelled("各科室负责人为成员。", false),
            "ge4 ke1 shi4 fu4 ze2 ren2 wei2 cheng2 yuan2"
        );
        assert_eq!(
            spelled("要为成员提供服务", false),
            "yao4 wei4 cheng2 yuan2 ti2 gong1 fu2 wu4"
        );
    }

    #[test]
    fn sandhi_only_on_request() {
        assert_eq!(spelled("一个不要", false), "yi1 ge4 bu4 yao4");
        assert_eq!(spelled("一个不要", true), "yi2 ge4 bu2 yao4");
        assert_eq!(spelled("第一天", true), "di4 yi1 tian1");
    }
}
