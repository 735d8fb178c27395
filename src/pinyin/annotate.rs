//! The document transform: after reading, every Han character of the body gets its reading as
//! ruby, one group per word (`{银行|yín háng}`), one mono-ruby for a word of one character. The
//! model's other inlines stay as they are; an explicit ruby from the source always wins, and
//! code is never annotated.

use super::syllable::{Spelling, spell};
use super::{Reading, read};
use crate::model::{Block, Document, Inline, ListItem, RubyKind};
use crate::{parallel, segment};
use rustc_hash::FxHashMap;

/// What gets ruby and how it is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    /// Tone marks, tone numbers or 注音.
    pub spelling: Spelling,
    /// Tone sandhi of 一 and 不 (`ruby-sandhi: true`).
    pub sandhi: bool,
    /// Headings get ruby too (the handout's learners read them; a book's chapter titles stay
    /// clean).
    pub headings: bool,
    /// Link text gets ruby too.
    pub links: bool,
}

/// A polyphonic character whose reading was guessed, for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    /// The character.
    pub char: char,
    /// Its reading, spelled as the settings ask.
    pub reading: String,
    /// The text around it, up to a few characters each side.
    pub context: String,
}

/// Sets every Han character of `doc`'s body (and notes) in ruby; returns the polyphonic
/// characters whose reading was guessed rather than found in a listed word, in text order.
pub fn annotate(doc: &mut Document, settings: Settings) -> Vec<Guess> {
    let mut runs = Vec::new();
    blocks(&mut doc.blocks, settings, &mut runs);
    for note in &mut doc.notes {
        blocks(&mut note.blocks, settings, &mut runs);
    }
    // All the text first, for a segmenter of its words alone: jieba's whole dictionary takes
    // longer to build than most documents take to read (`segment::for_text`).
    let mut text = String::new();
    for run in &runs {
        flatten(run, &mut text);
        text.push('\n');
    }
    // The reading tables are mapped meanwhile: the readers would otherwise wait for one of them
    // to map them.
    let words = std::thread::scope(|scope| {
        scope.spawn(super::dict::get);
        segment::for_text(&text)
    });
    // The runs are read independently, so a book's share out over the cores, each share in
    // text order and the guesses joined in that order.
    let share = runs.len().div_ceil(parallel::cores()).max(MIN_SHARE);
    let words = &words;
    parallel::in_order(runs.chunks_mut(share), |share| {
        let mut pass = Pass {
            settings,
            words,
            guesses: Vec::new(),
            spelled: FxHashMap::default(),
        };
        for run in share {
            pass.inlines(run);
        }
        pass.guesses
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Runs of inlines below which a thread is not worth starting.
const MIN_SHARE: usize = 64;

/// Collects into `runs` every run of inlines of `list` that the settings give ruby.
fn blocks<'d>(list: &'d mut [Block], settings: Settings, runs: &mut Vec<&'d mut Vec<Inline>>) {
    for block in list {
        match block {
            Block::Heading { inlines, .. } if settings.headings => runs.push(inlines),
            Block::Paragraph { inlines } | Block::Salutation { inlines } => runs.push(inlines),
            Block::RunIn {
                heading, inlines, ..
            } => {
                if settings.headings {
                    runs.push(heading);
                }
                runs.push(inlines);
            }
            Block::BlockQuote { blocks: inner, .. } => blocks(inner, settings, runs),
            Block::List { items, .. } => {
                for ListItem { blocks: inner, .. } in items {
                    blocks(inner, settings, runs);
                }
            }
            Block::Table { head, rows, .. } => {
                runs.extend(head.iter_mut().chain(rows.iter_mut().flatten()));
            }
            // Code is text to copy as it stands; headings as the settings say; the 公文
            // elements are set by the standard, without ruby.
            Block::Heading { .. }
            | Block::CodeBlock { .. }
            | Block::Official { .. }
            | Block::Html { .. }
            | Block::ThematicBreak => {}
        }
    }
}

struct Pass<'a> {
    settings: Settings,
    /// The segmenter of the document's words.
    words: &'a jieba_rs::Jieba,
    guesses: Vec<Guess>,
    /// Each syllable as the settings spell it, spelled once: a book has a few hundred
    /// syllables and a hundred thousand characters.
    spelled: FxHashMap<&'static str, String>,
}

impl Pass<'_> {
    /// Reads the inlines' text as one (a word may run across emphasis) and sets the readings.
    fn inlines(&mut self, inlines: &mut Vec<Inline>) {
        let mut text = String::new();
        flatten(inlines, &mut text);
        if !text.chars().any(super::is_han) {
            return;
        }
        let readings = read(&text, self.settings.sandhi, self.words);
        self.review(&text, &readings);
        let mut at = 0;
        let old = std::mem::take(inlines);
        *inlines = self.rewrite(old, &readings, &mut at, true);
    }

    fn review(&mut self, text: &str, readings: &[Option<Reading>]) {
        let chars: Vec<char> = text.chars().collect();
        for (i, r) in readings.iter().enumerate() {
            let Some(r) = r.filter(|r| r.guessed) else {
                continue;
            };
            let from = i.saturating_sub(6);
            let to = (i + 7).min(chars.len());
            self.guesses.push(Guess {
                char: chars[i],
                reading: spell(r.syllable, self.settings.spelling),
                context: chars[from..to]
                    .iter()
                    .collect::<String>()
                    .replace('\n', " "),
            });
        }
    }

    /// The inlines with their Han text split into ruby; `at` counts characters of the text
    /// [`flatten`] made, and `set` is false inside what keeps no ruby (link text when the
    /// settings say so).
    fn rewrite(
        &mut self,
        inlines: Vec<Inline>,
        readings: &[Option<Reading>],
        at: &mut usize,
        set: bool,
    ) -> Vec<Inline> {
        // A text becomes about one ruby a word: a few bytes of it each.
        let text: usize = inlines
            .iter()
            .map(|i| match i {
                Inline::Text(t) => t.len() / 4,
                _ => 1,
            })
            .sum();
        let mut out = Vec::with_capacity(text);
        for inline in inlines {
            match inline {
                Inline::Text(t) if set => {
                    self.text(&t, &readings[*at..], &mut out);
                    *at += t.chars().count();
                }
                Inline::Emph(v) => out.push(Inline::Emph(self.rewrite(v, readings, at, set))),
                Inline::Strong(v) => out.push(Inline::Strong(self.rewrite(v, readings, at, set))),
                Inline::Strike(v) => out.push(Inline::Strike(self.rewrite(v, readings, at, set))),
                Inline::Link { url, inlines } => {
                    let set = set && self.settings.links;
                    let inlines = self.rewrite(inlines, readings, at, set);
                    out.push(Inline::Link { url, inlines });
                }
                other => {
                    *at += width(&other);
                    out.push(other);
                }
            }
        }
        out
    }

    /// `t` as text and ruby: each word's run of Han characters that have readings is one ruby.
    fn text(&mut self, t: &str, readings: &[Option<Reading>], out: &mut Vec<Inline>) {
        let mut plain = String::new();
        // Room for a word of a few characters and its syllables: most need no more.
        let mut base = String::with_capacity(12);
        // The syllables, space-separated, and how many.
        let mut annotation = String::with_capacity(24);
        let mut syllables = 0;
        let mut word = None;
        let flush = |base: &mut String,
                     annotation: &mut String,
                     syllables: &mut usize,
                     out: &mut Vec<Inline>| {
            if base.is_empty() {
                return;
            }
            let kind = if *syllables == 1 {
                RubyKind::Mono
            } else {
                RubyKind::Group
            };
            *syllables = 0;
            out.push(Inline::Ruby {
                base: std::mem::replace(base, String::with_capacity(12)),
                annotation: std::mem::replace(annotation, String::with_capacity(24)),
                kind,
            });
        };
        for (c, r) in t.chars().zip(readings) {
            match r {
                Some(r) if super::is_han(c) => {
                    if word != Some(r.word) {
                        flush(&mut base, &mut annotation, &mut syllables, out);
                        word = Some(r.word);
                    }
                    if !plain.is_empty() {
                        out.push(Inline::Text(std::mem::take(&mut plain)));
                    }
                    base.push(c);
                    if syllables > 0 {
                        annotation.push(' ');
                    }
                    syllables += 1;
                    let spelling = self.settings.spelling;
                    annotation.push_str(
                        self.spelled
                            .entry(r.syllable)
                            .or_insert_with(|| spell(r.syllable, spelling)),
                    );
                }
                _ => {
                    flush(&mut base, &mut annotation, &mut syllables, out);
                    word = None;
                    plain.push(c);
                }
            }
        }
        flush(&mut base, &mut annotation, &mut syllables, out);
        if !plain.is_empty() {
            out.push(Inline::Text(plain));
        }
    }
}

/// The text a run of inlines reads as, for segmenting: each inline's characters in order
/// ([`width`] of them each), so that positions in it map back onto the inlines.
fn flatten(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Ruby { base, .. } => out.push_str(base),
            Inline::Emph(v) | Inline::Strong(v) | Inline::Strike(v) => flatten(v, out),
            Inline::Link { inlines, .. } => flatten(inlines, out),
            // A break between words; nothing for what has no text in the line.
            Inline::LineBreak => out.push('\n'),
            Inline::Image { .. } | Inline::NoteRef { .. } | Inline::Html(_) => {}
        }
    }
}

/// How many characters of [`flatten`]'s text `inline` stands for.
fn width(inline: &Inline) -> usize {
    match inline {
        Inline::Text(t) | Inline::Code(t) => t.chars().count(),
        Inline::Ruby { base, .. } => base.chars().count(),
        Inline::Emph(v) | Inline::Strong(v) | Inline::Strike(v) => v.iter().map(width).sum(),
        Inline::Link { inlines, .. } => inlines.iter().map(width).sum(),
        Inline::LineBreak => 1,
        Inline::Image { .. } | Inline::NoteRef { .. } | Inline::Html(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ruby(base: &str, annotation: &str, kind: RubyKind) -> Inline {
        Inline::Ruby {
            base: base.into(),
            annotation: annotation.into(),
            kind,
        }
    }

    #[test]
    fn words_become_groups_and_explicit_ruby_stays() {
        let mut doc = Document::default();
        doc.blocks.push(Block::Paragraph {
            inlines: vec![
                Inline::Text("我去银行，".into()),
                ruby("行", "xíng", RubyKind::Mono),
                Inline::Code("行".into()),
                Inline::Strong(vec![Inline::Text("A好".into())]),
            ],
        });
        annotate(&mut doc, Settings::default());
        let Block::Paragraph { inlines } = &doc.blocks[0] else {
            panic!("not a paragraph")
        };
        assert_eq!(
            inlines,
            &[
                ruby("我", "wǒ", RubyKind::Mono),
                ruby("去", "qù", RubyKind::Mono),
                ruby("银行", "yín háng", RubyKind::Group),
                Inline::Text("，".into()),
                ruby("行", "xíng", RubyKind::Mono),
                Inline::Code("行".into()),
                Inline::Strong(vec![
                    Inline::Text("A".into()),
                    ruby("好", "hǎo", RubyKind::Mono)
                ]),
            ]
        );
    }
}
