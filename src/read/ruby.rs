//! Ruby markup: the DenDen-style `{汉字|hàn zì}` and `{汉|hàn}{字|zì}` that Markdown tools already
//! use, and raw `<ruby>…<rt>…</rt></ruby>`, both read into `Inline::Ruby`.

use crate::model::{Inline, RubyKind};
use crate::read::inlines::is_east_asian;

/// A problem with a ruby, at a byte offset of the text that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the ruby's `{` stands in the text.
    pub at: usize,
    /// What is wrong, and what was done.
    pub message: String,
}

/// Splits `text` into plain text and the rubies written in it as `{base|reading}`; `literal(i)`
/// says that the `{` at byte `i` was escaped in the source (`\{`) and is text.
///
/// A base must hold an East Asian character, so that `{a|b}` in Latin prose or a formula stays
/// text. A reading split by spaces into one syllable per character is drawn over each of them;
/// `{漢字|かん|じ}` (DenDen's mono-ruby form) gives one reading per character by `|`. Counts that
/// do not match are a problem, and the reading is kept over the whole base.
pub fn markup(text: &str, literal: impl Fn(usize) -> bool) -> (Vec<Inline>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut plain_from = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find('{') {
        let open = search + found;
        search = open + 1;
        if literal(open) {
            continue;
        }
        let Some(len) = text[open + 1..].find(['}', '{', '\n']) else {
            break;
        };
        let close = open + 1 + len;
        if !text[close..].starts_with('}') {
            continue;
        }
        let Some((base, reading)) = text[open + 1..close].split_once('|') else {
            continue;
        };
        let base_ok = !base.is_empty()
            && !base.chars().any(char::is_whitespace)
            && base.chars().any(is_east_asian);
        if !base_ok || reading.trim().is_empty() {
            continue;
        }
        if plain_from < open {
            out.push(Inline::Text(text[plain_from..open].to_owned()));
        }
        ruby(base, reading, open, &mut out, &mut problems);
        plain_from = close + 1;
        search = close + 1;
    }
    if plain_from < text.len() {
        out.push(Inline::Text(text[plain_from..].to_owned()));
    }
    (out, problems)
}

/// The rubies of one `{base|reading}` at byte `at`.
fn ruby(base: &str, reading: &str, at: usize, out: &mut Vec<Inline>, problems: &mut Vec<Problem>) {
    let chars: Vec<&str> = base
        .char_indices()
        .map(|(i, c)| &base[i..i + c.len_utf8()])
        .collect();
    if reading.contains('|') {
        // DenDen's mono-ruby form: one reading per character, between bars.
        let readings: Vec<&str> = reading.split('|').map(str::trim).collect();
        if readings.len() == chars.len() && readings.iter().all(|r| !r.is_empty()) {
            for (c, r) in chars.iter().zip(readings) {
                out.push(mono(c, r));
            }
            return;
        }
        problems.push(count_problem(readings.len(), chars.len(), "readings", at));
        out.push(group(base, &readings.join(" ")));
        return;
    }
    let reading = reading.split_whitespace().collect::<Vec<_>>().join(" ");
    let syllables = reading.split(' ').count();
    if syllables != chars.len() {
        problems.push(count_problem(syllables, chars.len(), "syllables", at));
        out.push(group(base, &reading));
    } else if chars.len() == 1 {
        out.push(mono(base, &reading));
    } else {
        out.push(group(base, &reading));
    }
}

fn count_problem(readings: usize, chars: usize, what: &str, at: usize) -> Problem {
    Problem {
        at,
        message: format!(
            "ruby has {readings} {what} over {chars} characters; the reading is set over the whole word"
        ),
    }
}

fn mono(base: &str, reading: &str) -> Inline {
    Inline::Ruby {
        base: base.to_owned(),
        annotation: reading.to_owned(),
        kind: RubyKind::Mono,
    }
}

fn group(base: &str, reading: &str) -> Inline {
    Inline::Ruby {
        base: base.to_owned(),
        annotation: reading.to_owned(),
        kind: RubyKind::Group,
    }
}

/// The ruby tags a raw `<ruby>` element is read through (HTML §4.5.21–4.5.23).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// `<ruby>`, with or without attributes.
    Open,
    /// `</ruby>`.
    Close,
    /// `<rt>`: the reading of the base read so far.
    Rt,
    /// `</rt>`.
    RtEnd,
    /// `<rp>`: a fallback parenthesis, dropped.
    Rp,
    /// `</rp>`.
    RpEnd,
    /// `<rb>` or `</rb>`: the base is whatever is not in `rt` or `rp`, so these say nothing.
    Rb,
}

impl Tag {
    /// The ruby tag `html` is, if it is one.
    pub fn of(html: &str) -> Option<Tag> {
        let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?.trim();
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, inner),
        };
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        Some(match (name.as_str(), closing) {
            ("ruby", false) => Tag::Open,
            ("ruby", true) => Tag::Close,
            ("rt", false) => Tag::Rt,
            ("rt", true) => Tag::RtEnd,
            ("rp", false) => Tag::Rp,
            ("rp", true) => Tag::RpEnd,
            ("rb", _) => Tag::Rb,
            _ => return None,
        })
    }
}

/// A raw `<ruby>` element being read.
#[derive(Debug, Default)]
pub struct Element {
    /// Base–reading pairs finished so far.
    pairs: Vec<(String, String)>,
    base: String,
    reading: Option<String>,
    in_rp: bool,
}

impl Element {
    /// Takes one tag met inside the element; false for `<ruby>` (nested ruby is not read).
    pub fn tag(&mut self, tag: Tag) -> bool {
        match tag {
            Tag::Open => return false,
            Tag::Rt => self.reading = Some(String::new()),
            Tag::RtEnd => {
                if let Some(reading) = self.reading.take() {
                    self.pairs
                        .push((std::mem::take(&mut self.base), reading.trim().to_owned()));
                }
            }
            Tag::Rp => self.in_rp = true,
            Tag::RpEnd => self.in_rp = false,
            Tag::Close | Tag::Rb => {}
        }
        true
    }

    /// Takes text met inside the element.
    pub fn text(&mut self, text: &str) {
        if self.in_rp {
            return;
        }
        match &mut self.reading {
            Some(reading) => reading.push_str(text),
            None => self.base.push_str(text.trim()),
        }
    }

    /// The rubies of the element once `</ruby>` is met: one per base with its reading (mono
    /// over one character), a base with no reading as text.
    pub fn finish(mut self) -> Vec<Inline> {
        self.tag(Tag::RtEnd);
        let mut out = Vec::new();
        for (base, reading) in self.pairs {
            if base.is_empty() {
                continue;
            }
            if reading.is_empty() {
                out.push(Inline::Text(base));
            } else if base.chars().count() == 1 {
                out.push(mono(&base, &reading));
            } else {
                out.push(group(&base, &reading));
            }
        }
        if !self.base.is_empty() {
            out.push(Inline::Text(self.base));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn read(s: &str) -> (Vec<Inline>, Vec<Problem>) {
        markup(s, |_| false)
    }

    #[test]
    fn group_and_mono_markup() {
        let (got, problems) = read("前{汉字|hàn  zì}后{汉|hàn}{字|zì}");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            got,
            vec![
                t("前"),
                group("汉字", "hàn zì"),
                t("后"),
                mono("汉", "hàn"),
                mono("字", "zì"),
            ]
        );
        let (got, _) = read("{漢字|かん|じ}");
        assert_eq!(got, vec![mono("漢", "かん"), mono("字", "じ")]);
    }

    #[test]
    fn wrong_counts_are_a_problem_and_stay_a_group() {
        let (got, problems) = read("看{汉字|hàn zì zi}");
        assert_eq!(got, vec![t("看"), group("汉字", "hàn zì zi")]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].at, "看".len());
        assert!(problems[0].message.contains("3 syllables over 2"));
        let (got, problems) = read("{汉|hàn zì}");
        assert_eq!(got, vec![group("汉", "hàn zì")]);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn what_is_not_ruby_stays_text() {
        for s in [
            "{a|b} in a formula",
            "{|hàn}",
            "{汉|}",
            "{汉字 hàn}",
            "{汉\n字|x}",
            "{{汉|",
            "set {x: 1}",
        ] {
            assert_eq!(read(s), (vec![t(s)], vec![]), "{s}");
        }
        // An escaped brace is text.
        assert_eq!(
            markup("{汉|hàn}", |i| i == 0),
            (vec![t("{汉|hàn}")], vec![])
        );
        // The brace nearest the bar opens the ruby.
        assert_eq!(read("{x{汉|hàn}").0, vec![t("{x"), mono("汉", "hàn")]);
    }

    #[test]
    fn raw_ruby_elements() {
        assert_eq!(Tag::of("<RUBY class=\"x\">"), Some(Tag::Open));
        assert_eq!(Tag::of("</ rt >"), Some(Tag::RtEnd));
        assert_eq!(Tag::of("<rtc>"), None);
        assert_eq!(Tag::of("<b>"), None);
        let mut e = Element::default();
        for (tag, text) in [
            (None, "汉"),
            (Some(Tag::Rp), "("),
            (Some(Tag::RpEnd), ""),
            (Some(Tag::Rt), "hàn"),
            (Some(Tag::RtEnd), ""),
            (Some(Tag::Rp), ")"),
            (Some(Tag::RpEnd), "字"),
            (Some(Tag::Rt), "zì"),
            (Some(Tag::RtEnd), "们"),
        ] {
            if let Some(tag) = tag {
                assert!(e.tag(tag));
            }
            e.text(text);
        }
        assert_eq!(
            e.finish(),
            vec![mono("汉", "hàn"), mono("字", "zì"), t("们")]
        );
        let mut e = Element::default();
        e.text("汉字");
        e.tag(Tag::Rt);
        e.text("hàn zì");
        assert_eq!(e.finish(), vec![group("汉字", "hàn zì")]);
    }
}
