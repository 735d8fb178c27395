//! Clean-up on the model, in one place, so that every writer gets the same safe document:
//! ASCII punctuation standing in Chinese text becomes full-width, as GB/T 15834-2011 writes it
//! (code, link targets, Latin text and numbers are left alone); characters no output may carry
//! are removed (`chars`); only safe links stay links (`links`); raw HTML is kept only when
//! every format can carry it (`html`); the language is a well-formed tag (`lang`).

pub mod chars;
pub mod html;
pub mod lang;
pub mod links;

use crate::error::Warning;
use crate::model::{Block, Document, Inline};
use crate::read::inlines::is_east_asian;

/// What every document goes through after reading, whatever the options: unsafe characters,
/// links and raw HTML out, a well-formed language tag (else the one detected from `text`).
pub fn safety(doc: &mut Document, text: &str, check_links: bool, warnings: &mut Vec<Warning>) {
    chars::model(doc, warnings);
    if check_links {
        links::sanitize(doc, warnings);
    }
    html::sanitize(doc, warnings);
    if !doc.meta.lang.is_empty() {
        match lang::tag(&doc.meta.lang) {
            Some(tag) => doc.meta.lang = tag,
            None => {
                let detected = crate::read::detect_lang(text);
                warnings.push(Warning::warn(format!(
                    "language {:?} is not a BCP 47 tag; using {detected}",
                    doc.meta.lang
                )));
                doc.meta.lang = detected.to_owned();
            }
        }
    }
}

/// Makes ASCII `,:;!?()` full-width where they stand in Chinese text:
/// - `,` `:` `;` `!` `?` after an East Asian character and before one (or at the end of the text);
/// - a `(…)` pair whose content, or whose outside neighbour, is East Asian.
pub fn punctuation(doc: &mut Document) {
    doc.meta.title = full_width(&doc.meta.title);
    for block in &mut doc.blocks {
        block_punctuation(block);
    }
    for note in &mut doc.notes {
        note.blocks.iter_mut().for_each(block_punctuation);
    }
}

fn block_punctuation(block: &mut Block) {
    match block {
        Block::Heading { inlines, .. }
        | Block::Paragraph { inlines }
        | Block::Salutation { inlines }
        | Block::Official { inlines, .. } => inline_punctuation(inlines),
        Block::RunIn {
            heading, inlines, ..
        } => {
            inline_punctuation(heading);
            inline_punctuation(inlines);
        }
        Block::BlockQuote { blocks, .. } => blocks.iter_mut().for_each(block_punctuation),
        Block::List { items, .. } => items
            .iter_mut()
            .flat_map(|i| &mut i.blocks)
            .for_each(block_punctuation),
        Block::Table { head, rows, .. } => head
            .iter_mut()
            .chain(rows.iter_mut().flatten())
            .for_each(|c| inline_punctuation(c)),
        Block::CodeBlock { .. } | Block::Html { .. } | Block::ThematicBreak => {}
    }
}

fn inline_punctuation(inlines: &mut [Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => {
                if t.contains([',', ':', ';', '!', '?', '(', ')']) {
                    *t = full_width(t);
                }
            }
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => inline_punctuation(c),
            Inline::Link { inlines, .. } => inline_punctuation(inlines),
            Inline::Code(_)
            | Inline::Image { .. }
            | Inline::LineBreak
            | Inline::NoteRef { .. }
            | Inline::Ruby { .. }
            | Inline::Html(_) => {}
        }
    }
}

/// The full-width form of ASCII punctuation in Chinese context (see `punctuation`).
pub fn full_width(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let east = |c: Option<&char>| c.is_some_and(|&c| is_east_asian(c));
    // Parentheses first, in pairs, innermost first, so that `）,` sees a full-width neighbour.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..chars.len() {
        match chars[i] {
            '(' => open.push(i),
            ')' => {
                let Some(start) = open.pop() else { continue };
                let inside = chars[start + 1..i].iter().any(|&c| is_east_asian(c));
                let outside =
                    east(start.checked_sub(1).and_then(|j| chars.get(j))) || east(chars.get(i + 1));
                if inside || outside {
                    chars[start] = '（';
                    chars[i] = '）';
                }
            }
            _ => {}
        }
    }
    for i in 0..chars.len() {
        let wide = match chars[i] {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '!' => '！',
            '?' => '？',
            _ => continue,
        };
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        let after = chars.get(i + 1);
        if east(before) && (after.is_none() || east(after)) {
            chars[i] = wide;
        }
    }
    chars.into_iter().collect()
}

/// Closes skipped heading levels (`##` then `####`): a heading's level is one more than that
/// of the nearest heading before it with a smaller source level (1 with none), so `## ### ##`
/// gives 1 2 1 and `## #### ###` gives 1 2 2. The HTML's and EPUB's outline then never skips a
/// rank (HTML §4.3.11; the Nu checker reports it), and the PDF outline, the DOCX and the web
/// formats all see the same levels. Each change is a note for `-v`. Headings inside quotes and
/// lists count in document order.
pub fn heading_levels(doc: &mut Document, warnings: &mut Vec<crate::error::Warning>) {
    /// The open headings: (source level, level given), outermost first.
    type Open = Vec<(u8, u8)>;
    fn walk(blocks: &mut [Block], open: &mut Open, warnings: &mut Vec<crate::error::Warning>) {
        for block in blocks {
            match block {
                Block::Heading { level, attr, .. } | Block::RunIn { level, attr, .. } => {
                    while open.last().is_some_and(|&(source, _)| source >= *level) {
                        open.pop();
                    }
                    let fixed = open.last().map_or(1, |&(_, given)| given + 1);
                    open.push((*level, fixed));
                    if fixed != *level {
                        let under = match open.len() {
                            1 => "has no heading above it".to_string(),
                            n => format!("stands under level {}", open[n - 2].1),
                        };
                        warnings.push(crate::error::Warning::info(format!(
                            "heading `{}`: level {} {under}, set to level {fixed}",
                            attr.id, *level
                        )));
                        *level = fixed;
                    }
                }
                Block::BlockQuote { blocks, .. } => walk(blocks, open, warnings),
                Block::List { items, .. } => {
                    for item in items {
                        walk(&mut item.blocks, open, warnings);
                    }
                }
                _ => {}
            }
        }
    }
    walk(&mut doc.blocks, &mut Vec::new(), warnings);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attr;

    /// The levels of the document's top-level headings.
    fn levels(doc: &Document) -> Vec<u8> {
        doc.blocks
            .iter()
            .filter_map(|b| b.heading())
            .map(|h| h.0)
            .collect()
    }

    #[test]
    fn skipped_heading_levels_are_closed() {
        let h = |level: u8, id: &str| Block::Heading {
            level,
            attr: Attr::id(id),
            inlines: vec![Inline::Text(id.into())],
        };
        let mut doc = Document {
            blocks: vec![h(2, "a"), h(4, "b"), h(1, "c"), h(3, "d"), h(2, "e")],
            ..Document::default()
        };
        let mut notes = Vec::new();
        heading_levels(&mut doc, &mut notes);
        assert_eq!(levels(&doc), [1, 2, 1, 2, 2]);
        assert_eq!(notes.len(), 3);
        assert!(notes[0].message.contains("heading `a`"));
        // A document that starts at `##`: siblings stay siblings, and a heading after a
        // deeper one is not set below it.
        for (source, want) in [
            (vec![2, 3, 2, 3], vec![1, 2, 1, 2]),
            (vec![2, 4, 3, 2], vec![1, 2, 2, 1]),
            (vec![3, 1, 2], vec![1, 1, 2]),
        ] {
            let mut doc = Document {
                blocks: source.iter().map(|&l| h(l, "x")).collect(),
                ..Document::default()
            };
            heading_levels(&mut doc, &mut Vec::new());
            assert_eq!(levels(&doc), want, "{source:?}");
        }
    }

    #[test]
    fn ascii_punctuation_in_chinese_becomes_full_width() {
        assert_eq!(full_width("部署,第二批"), "部署，第二批");
        assert_eq!(full_width("同志们:"), "同志们：");
        assert_eq!(
            full_width("(一)加强领导,落实责任。"),
            "（一）加强领导，落实责任。"
        );
        assert_eq!(
            full_width("有关科(局、办、中心)负责人"),
            "有关科（局、办、中心）负责人"
        );
        assert_eq!(full_width("真的吗?是的!"), "真的吗？是的！");
        assert_eq!(full_width("(建立机制),克服"), "（建立机制），克服");
    }

    #[test]
    fn latin_numbers_and_urls_are_untouched() {
        for s in [
            "Hello, world: yes; no! why?",
            "f(x) = (a, b)",
            "见 https://example.com/a,b?q=1 页",
            "3,000,000 元",
            "比例为 1:2",
        ] {
            assert_eq!(full_width(s), s);
        }
    }
}
