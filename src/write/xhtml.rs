//! The XHTML body serializer shared by the EPUB and HTML writers.
//!
//! It turns blocks and inlines into markup that is both well-formed XML (for EPUB content
//! documents) and valid HTML5 (for the page): the only difference is how void elements close
//! (`<br/>` or `<br>`), chosen by [`Config::xml`]. Where a link, a footnote or an image points
//! differs between the two writers, so they answer that through [`Resolve`].
//!
//! Footnote markup follows EPUB 3 Structural Semantics (`epub:type="noteref"`/`"footnote"`) and
//! DPUB-ARIA roles (`doc-noteref`, `doc-footnote`, `doc-backlink`), which both formats accept.

use std::borrow::Cow;

use quick_xml::escape::{escape, partial_escape};

use crate::model::{Align, Block, Document, Inline, ListItem, is_zhuyin, plain_text, ruby_pairs};
use crate::normalize::lang::Script;
use crate::write::upright::{self, Piece};

/// How the markup is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// XML syntax: void elements close with `/>` (EPUB); otherwise HTML syntax.
    pub xml: bool,
    /// Raw HTML blocks and inlines pass through; otherwise they are escaped as text.
    pub raw_html: bool,
    /// Added to every heading level (1 when a page title above takes `<h1>`), capped at 6.
    pub heading_shift: u8,
    /// Adds `epub:type` to note references (the root element must declare the `epub` prefix).
    pub epub: bool,
    /// Vertical text: numbers of up to three digits are set upright in one character cell
    /// (tate-chu-yoko, clreq §3.1.6), wrapped in `<span class="tcy">`.
    pub vertical: bool,
}

/// Where links, notes and images point: the part that differs between a package of files and
/// one self-contained page.
pub trait Resolve {
    /// The `href` of a hyperlink written as `url` in the source (a `#id` may need a file name).
    fn link<'u>(&self, url: &'u str) -> Cow<'u, str>;
    /// The `href` of footnote `index`'s body.
    fn note(&self, index: usize) -> String;
    /// The `src` of an image, or `None` when its bytes are not available.
    fn image(&self, src: &str) -> Option<String>;
    /// Whether note `index` is referenced anywhere, so that its back-link has a mark to go to.
    fn cited(&self, index: usize) -> bool;
}

/// Which notes are referenced anywhere (the body or another note), by index: see
/// [`Resolve::cited`].
pub fn cited_notes(doc: &Document) -> Vec<bool> {
    let mut cited = vec![false; doc.notes.len()];
    crate::model::visit_inlines(doc, &mut |i| {
        if let Inline::NoteRef { index } = i
            && let Some(c) = cited.get_mut(*index)
        {
            *c = true;
        }
    });
    cited
}

/// Where a footnote's back-link goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackLink {
    /// Before the note's text, showing the note's number (EPUB pop-up footnotes).
    Start,
    /// After the note's text, as `style::plan::NOTE_BACK` (the end of a web page).
    End,
}

/// The id of note `index`'s body. Heading ids never contain `_` (`model::IdMaker`), so these
/// cannot collide with them.
pub fn note_id(index: usize) -> String {
    format!("fn_{}", index + 1)
}

/// The id of the first reference to note `index`, where its back-link returns.
pub fn noteref_id(index: usize) -> String {
    format!("fnref_{}", index + 1)
}

/// The name read out for a task's check box that has no text beside it, in the document's
/// language (an `aria-label`, never drawn, so no face needs its characters).
fn task_label(lang: &str, checked: bool) -> &'static str {
    match (Script::of(lang), checked) {
        (Script::Japanese, true) => "完了",
        (Script::Japanese, false) => "未完了",
        (Script::Korean, true) => "완료",
        (Script::Korean, false) => "미완료",
        (Script::Hans | Script::Hant, true) => "已完成",
        (Script::Hans | Script::Hant, false) => "未完成",
    }
}

/// Whether XML 1.0 (§2.2 `Char`) and HTML (§13.2.2 "noncharacter", controls) forbid `c` in text.
fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}')
        || (u32::from(c) & 0xFFFE) == 0xFFFE
}

fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(forbidden) {
        Cow::Owned(s.chars().filter(|&c| !forbidden(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` escaped for element content (`<`, `>`, `&`), without characters XML forbids.
pub fn text(s: &str) -> Cow<'_, str> {
    match clean(s) {
        Cow::Borrowed(b) => partial_escape(b),
        Cow::Owned(o) => Cow::Owned(partial_escape(o.as_str()).into_owned()),
    }
}

/// `s` escaped for a double-quoted attribute value, without characters XML forbids.
pub fn attr(s: &str) -> Cow<'_, str> {
    match clean(s) {
        Cow::Borrowed(b) => escape(b),
        Cow::Owned(o) => Cow::Owned(escape(o.as_str()).into_owned()),
    }
}

/// Writes blocks and inlines as markup into a buffer the caller takes.
pub struct Serializer<'a, R: Resolve> {
    doc: &'a Document,
    config: Config,
    resolve: &'a R,
    out: String,
    /// How many references to each note were written so far (for unique reference ids).
    ref_counts: Vec<u32>,
    /// The rank of the last `<hN>` written (the title's, or 0, before the first).
    last_rank: u8,
    /// Notes referenced since the last `take_refs`, in order of first reference.
    refs: Vec<usize>,
}

impl<'a, R: Resolve> Serializer<'a, R> {
    /// A serializer for `doc`.
    pub fn new(doc: &'a Document, config: Config, resolve: &'a R) -> Self {
        Serializer {
            doc,
            config,
            resolve,
            out: String::new(),
            ref_counts: vec![0; doc.notes.len()],
            last_rank: config.heading_shift,
            refs: Vec::new(),
        }
    }

    /// Appends markup the caller made (already escaped).
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Takes what was written so far.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// Takes the notes referenced since the last call, in order of first reference.
    pub fn take_refs(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.refs)
    }

    fn void(&self) -> &'static str {
        if self.config.xml { "/>" } else { ">" }
    }

    /// Writes blocks; the official elements of one part go in their part's element
    /// (`official::Group`).
    pub fn blocks(&mut self, blocks: &[Block]) {
        use crate::write::official::Group;
        let mut open = None;
        for (i, block) in blocks.iter().enumerate() {
            let group = Group::of(block);
            if group != open {
                if let Some(g) = open {
                    self.out.push_str(g.close());
                }
                if let Some(g) = group {
                    self.out.push_str(g.open(&blocks[i..]));
                }
                open = group;
            }
            self.block(block);
        }
        if let Some(g) = open {
            self.out.push_str(g.close());
        }
    }

    /// Writes one block, followed by a newline.
    pub fn block(&mut self, block: &Block) {
        match block {
            Block::Heading {
                level,
                attr: a,
                inlines,
            } => {
                let h = self.rank(*level);
                // The look follows the document's level (the class), the element the page's
                // outline.
                self.out.push_str(&format!(
                    "<h{h} id=\"{}\" class=\"level-{}\">",
                    attr(&a.id),
                    level.clamp(&1, &6)
                ));
                self.inlines(inlines);
                self.out.push_str(&format!("</h{h}>"));
            }
            Block::Paragraph { inlines } => {
                let image_only = !inlines.is_empty()
                    && inlines.iter().all(|i| match i {
                        Inline::Image { .. } => true,
                        Inline::Text(t) => t.trim().is_empty(),
                        _ => false,
                    });
                self.out.push_str(if image_only {
                    "<p class=\"image\">"
                } else {
                    "<p>"
                });
                self.inlines(inlines);
                self.out.push_str("</p>");
            }
            Block::RunIn {
                level,
                attr: a,
                heading,
                inlines,
            } => {
                self.out.push_str(&format!(
                    "<p><span class=\"run-in run-in-{}\" id=\"{}\">",
                    level.clamp(&1, &6),
                    attr(&a.id)
                ));
                self.inlines(heading);
                self.out.push_str("</span>");
                self.inlines(inlines);
                self.out.push_str("</p>");
            }
            Block::Salutation { inlines } => {
                self.out.push_str("<p class=\"salutation\">");
                self.inlines(inlines);
                self.out.push_str("</p>");
            }
            Block::BlockQuote { blocks, .. } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks);
                self.out.push_str("</blockquote>");
            }
            Block::List {
                ordered,
                start,
                items,
                ..
            } => self.list(*ordered, *start, items),
            Block::Table {
                align, head, rows, ..
            } => self.table(align, head, rows),
            Block::CodeBlock {
                lang, text: code, ..
            } => {
                self.out.push_str("<pre><code");
                if let Some(lang) = lang.as_deref().filter(|l| !l.is_empty()) {
                    self.out
                        .push_str(&format!(" class=\"language-{}\"", attr(lang)));
                }
                self.out.push('>');
                self.out.push_str(&text(code));
                self.out.push_str("</code></pre>");
            }
            Block::Official {
                kind,
                attr: a,
                inlines,
            } => {
                self.out.push_str("<p");
                if !a.id.is_empty() {
                    self.out.push_str(&format!(" id=\"{}\"", attr(&a.id)));
                }
                self.out.push_str(" class=\"");
                self.out.push_str(&crate::write::official::class(*kind));
                for c in &a.classes {
                    self.out.push(' ');
                    self.out.push_str(&attr(c));
                }
                self.out.push_str("\">");
                self.inlines(inlines);
                self.out.push_str("</p>");
            }
            Block::Html { text: html } => {
                if self.config.raw_html {
                    self.out.push_str(html);
                } else {
                    self.out.push_str("<p>");
                    self.out.push_str(&text(html));
                    self.out.push_str("</p>");
                }
            }
            Block::ThematicBreak => {
                self.out.push_str("<hr");
                self.out.push_str(self.void());
            }
        }
        self.out.push('\n');
    }

    /// The rank of the `<hN>` element for a heading of `level`: shifted below the page's
    /// title, and at most one rank below the heading before it (HTML §4.3.11: the Nu checker
    /// reports a skipped rank). The plain-text reader keeps the official hierarchy's levels,
    /// so a `（一）` with no `一、` before it is level 2 after the title's rank 1.
    fn rank(&mut self, level: u8) -> u8 {
        let rank = level
            .clamp(1, 6)
            .saturating_add(self.config.heading_shift)
            .min(self.last_rank + 1)
            .min(6);
        self.last_rank = rank;
        rank
    }

    fn list(&mut self, ordered: bool, start: u64, items: &[ListItem]) {
        let tag = if ordered { "ol" } else { "ul" };
        self.out.push('<');
        self.out.push_str(tag);
        if ordered && start != 1 {
            self.out.push_str(&format!(" start=\"{start}\""));
        }
        self.out.push_str(">\n");
        for item in items {
            match (item.task, item.blocks.as_slice()) {
                // A one-paragraph item (a tight list) needs no `<p>` inside.
                (None, [Block::Paragraph { inlines }]) => {
                    self.out.push_str("<li>");
                    self.inlines(inlines);
                }
                (None, blocks) => {
                    self.out.push_str("<li>\n");
                    self.blocks(blocks);
                }
                (Some(checked), [Block::Paragraph { inlines }]) => {
                    self.out.push_str("<li class=\"task\">");
                    self.task(checked, inlines);
                }
                (Some(checked), [Block::Paragraph { inlines }, rest @ ..]) => {
                    self.out.push_str("<li class=\"task\">\n<p>");
                    self.task(checked, inlines);
                    self.out.push_str("</p>\n");
                    self.blocks(rest);
                }
                (Some(checked), blocks) => {
                    self.out.push_str("<li class=\"task\">");
                    self.checkbox(checked, Some(task_label(&self.doc.meta.lang, checked)));
                    self.out.push('\n');
                    self.blocks(blocks);
                }
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// A task's check box and its text, inside one `<label>`: the text is the box's accessible
    /// name (WCAG 2.2 SC 4.1.2, 1.3.1; axe `label`, which Ace reports as critical).
    fn task(&mut self, checked: bool, inlines: &[Inline]) {
        if plain_text(inlines).trim().is_empty() {
            self.checkbox(checked, Some(task_label(&self.doc.meta.lang, checked)));
            self.inlines(inlines);
            return;
        }
        self.out.push_str("<label>");
        self.checkbox(checked, None);
        self.inlines(inlines);
        self.out.push_str("</label>");
    }

    /// A read-only check box; `label` names it where no text can.
    fn checkbox(&mut self, checked: bool, label: Option<&str>) {
        self.out
            .push_str("<input type=\"checkbox\" disabled=\"disabled\"");
        if checked {
            self.out.push_str(" checked=\"checked\"");
        }
        if let Some(label) = label {
            self.out
                .push_str(&format!(" aria-label=\"{}\"", attr(label)));
        }
        self.out.push_str(self.void());
    }

    fn table(&mut self, align: &[Align], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) {
        self.out.push_str("<table>\n");
        let cell = |s: &mut Self, tag: &str, col: usize, inlines: &[Inline]| {
            s.out.push('<');
            s.out.push_str(tag);
            match align.get(col) {
                Some(Align::Left) => s.out.push_str(" class=\"align-left\""),
                Some(Align::Center) => s.out.push_str(" class=\"align-center\""),
                Some(Align::Right) => s.out.push_str(" class=\"align-right\""),
                Some(Align::None) | None => {}
            }
            s.out.push('>');
            s.inlines(inlines);
            s.out.push_str("</");
            s.out.push_str(tag);
            s.out.push('>');
        };
        if !head.is_empty() {
            self.out.push_str("<thead><tr>");
            for (col, c) in head.iter().enumerate() {
                cell(self, "th", col, c);
            }
            self.out.push_str("</tr></thead>\n");
        }
        if !rows.is_empty() {
            self.out.push_str("<tbody>\n");
            for row in rows {
                self.out.push_str("<tr>");
                for (col, c) in row.iter().enumerate() {
                    cell(self, "td", col, c);
                }
                self.out.push_str("</tr>\n");
            }
            self.out.push_str("</tbody>\n");
        }
        self.out.push_str("</table>");
    }

    /// Writes inlines.
    pub fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn wrap(&mut self, tag: &str, inner: &[Inline]) {
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push('>');
        self.inlines(inner);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(t) if self.config.vertical => self.upright_digits(t),
            Inline::Text(t) => self.out.push_str(&text(t)),
            Inline::Emph(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Strike(c) => self.wrap("s", c),
            Inline::Code(c) => {
                self.out.push_str("<code>");
                self.out.push_str(&text(c));
                self.out.push_str("</code>");
            }
            Inline::Link { url, inlines } => {
                let href = self.resolve.link(url);
                self.out.push_str(&format!("<a href=\"{}\">", attr(&href)));
                self.inlines(inlines);
                self.out.push_str("</a>");
            }
            Inline::Image { src, alt } => match self.resolve.image(src) {
                Some(url) => {
                    self.out.push_str(&format!(
                        "<img src=\"{}\" alt=\"{}\"",
                        attr(&url),
                        attr(alt)
                    ));
                    if let Some(res) = self.doc.resources.get(src) {
                        self.out.push_str(&format!(
                            " width=\"{}\" height=\"{}\"",
                            res.width, res.height
                        ));
                    }
                    self.out.push_str(self.void());
                }
                // Unloaded: `resources::load` has said why, once for every format.
                None => {
                    self.out.push_str("<span class=\"image-alt\">");
                    self.out.push_str(&text(alt));
                    self.out.push_str("</span>");
                }
            },
            Inline::LineBreak => {
                self.out.push_str("<br");
                self.out.push_str(self.void());
                self.out.push('\n');
            }
            Inline::NoteRef { index } => self.noteref(*index),
            Inline::Ruby {
                base, annotation, ..
            } => self.ruby(base, annotation),
            Inline::Html(html) => {
                if self.config.raw_html {
                    self.out.push_str(html);
                } else {
                    self.out.push_str(&text(html));
                }
            }
        }
    }

    /// A ruby: one base–annotation pair per character when the syllables map onto them, else the
    /// annotation over the whole base; each `<rt>` between `<rp>` parentheses for a reader
    /// without ruby support (HTML §4.5.22, the `rp` element). 注音 is marked `class="zhuyin"`.
    fn ruby(&mut self, base: &str, annotation: &str) {
        // 注音 stands to the right of each character (clreq §3.4.2); the stylesheet places
        // `ruby.zhuyin` so where the reader can.
        self.out.push_str(if is_zhuyin(annotation) {
            "<ruby class=\"zhuyin\">"
        } else {
            "<ruby>"
        });
        for (b, a) in ruby_pairs(base, annotation) {
            self.out.push_str(&text(b));
            self.out.push_str("<rp>(</rp><rt>");
            self.out.push_str(&text(a));
            self.out.push_str("</rt><rp>)</rp>");
        }
        self.out.push_str("</ruby>");
    }

    /// Text with its short numbers wrapped for tate-chu-yoko (`upright::pieces`).
    fn upright_digits(&mut self, t: &str) {
        for piece in upright::pieces(t) {
            match piece {
                Piece::Text(t) => self.out.push_str(&text(t)),
                Piece::Upright(digits) => {
                    self.out.push_str("<span class=\"tcy\">");
                    self.out.push_str(digits);
                    self.out.push_str("</span>");
                }
            }
        }
    }

    fn noteref(&mut self, index: usize) {
        let Some(count) = self.ref_counts.get_mut(index) else {
            // A reference to a note that does not exist: nothing to point at.
            return;
        };
        *count += 1;
        let id = match *count {
            1 => noteref_id(index),
            n => format!("{}-{n}", noteref_id(index)),
        };
        if !self.refs.contains(&index) {
            self.refs.push(index);
        }
        let href = self.resolve.note(index);
        self.out.push_str(&format!(
            "<sup class=\"note\"><a class=\"noteref\" id=\"{id}\" href=\"{}\" role=\"doc-noteref\"",
            attr(&href)
        ));
        if self.config.epub {
            self.out.push_str(" epub:type=\"noteref\"");
        }
        self.out.push_str(&format!(">{}</a></sup>", index + 1));
    }

    /// Writes the body of note `index` with a back-link to its first reference; the caller
    /// writes the element around it (`<aside>` or `<li>`) with `id` = [`note_id`].
    pub fn note(&mut self, index: usize, back: BackLink) {
        let doc = self.doc;
        let Some(note) = doc.notes.get(index) else {
            return;
        };
        let link = match back {
            // A note nobody cites (EPUBCheck RSC-012: a link to no fragment): its number, unlinked.
            BackLink::Start if !self.resolve.cited(index) => {
                format!("<span class=\"note-back\">{}</span>", index + 1)
            }
            BackLink::End if !self.resolve.cited(index) => String::new(),
            BackLink::Start => format!(
                "<a class=\"note-back\" href=\"#{}\" role=\"doc-backlink\">{}</a>",
                noteref_id(index),
                index + 1
            ),
            BackLink::End => format!(
                " <a class=\"note-back\" href=\"#{}\" role=\"doc-backlink\">{}</a>",
                noteref_id(index),
                crate::style::plan::NOTE_BACK
            ),
        };
        let blocks = note.blocks.as_slice();
        // The back-link goes inside the first (or last) paragraph when there is one, so that it
        // reads as part of the note; otherwise it gets a paragraph of its own.
        match (back, blocks) {
            (BackLink::Start, [Block::Paragraph { inlines }, rest @ ..]) => {
                self.out.push_str("<p>");
                self.out.push_str(&link);
                self.inlines(inlines);
                self.out.push_str("</p>\n");
                self.blocks(rest);
            }
            (BackLink::End, [rest @ .., Block::Paragraph { inlines }]) => {
                self.blocks(rest);
                self.out.push_str("<p>");
                self.inlines(inlines);
                self.out.push_str(&link);
                self.out.push_str("</p>\n");
            }
            (BackLink::Start, _) => {
                self.out.push_str("<p>");
                self.out.push_str(&link);
                self.out.push_str("</p>\n");
                self.blocks(blocks);
            }
            (BackLink::End, _) => {
                self.blocks(blocks);
                self.out.push_str("<p>");
                self.out.push_str(link.trim_start());
                self.out.push_str("</p>\n");
            }
        }
    }
}

/// A one-line summary: the document's description, else the start of its first paragraph.
pub fn summary(doc: &Document) -> Option<String> {
    if let Some(d) = doc
        .meta
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        return Some(d.trim().to_string());
    }
    doc.blocks.iter().find_map(|b| match b {
        Block::Paragraph { inlines } | Block::RunIn { inlines, .. } => {
            let t = plain_text(inlines);
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            (!t.is_empty()).then(|| t.chars().take(120).collect())
        }
        _ => None,
    })
}

/// Every note index referenced in `blocks`, in order of first reference.
pub fn collect_refs(blocks: &[Block], found: &mut Vec<usize>) {
    fn inlines(list: &[Inline], found: &mut Vec<usize>) {
        for i in list {
            match i {
                Inline::NoteRef { index } if !found.contains(index) => found.push(*index),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => inlines(c, found),
                Inline::Link { inlines: c, .. } => inlines(c, found),
                _ => {}
            }
        }
    }
    for b in blocks {
        match b {
            Block::Heading { inlines: l, .. }
            | Block::Paragraph { inlines: l }
            | Block::Salutation { inlines: l }
            | Block::Official { inlines: l, .. } => inlines(l, found),
            Block::RunIn {
                heading,
                inlines: l,
                ..
            } => {
                inlines(heading, found);
                inlines(l, found);
            }
            Block::BlockQuote { blocks, .. } => collect_refs(blocks, found),
            Block::List { items, .. } => {
                for item in items {
                    collect_refs(&item.blocks, found);
                }
            }
            Block::Table { head, rows, .. } => {
                for c in head.iter().chain(rows.iter().flatten()) {
                    inlines(c, found);
                }
            }
            Block::CodeBlock { .. } | Block::Html { .. } | Block::ThematicBreak => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attr, Note, Resource};

    struct Page;
    impl Resolve for Page {
        fn link<'u>(&self, url: &'u str) -> Cow<'u, str> {
            Cow::Borrowed(url)
        }
        fn note(&self, index: usize) -> String {
            format!("#{}", note_id(index))
        }
        fn image(&self, src: &str) -> Option<String> {
            (src == "a.png").then(|| "data:image/png;base64,AA==".to_string())
        }
        fn cited(&self, _: usize) -> bool {
            true
        }
    }

    const HTML: Config = Config {
        xml: false,
        raw_html: false,
        heading_shift: 1,
        epub: false,
        vertical: false,
    };

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn render(doc: &Document, config: Config) -> String {
        let mut s = Serializer::new(doc, config, &Page);
        s.blocks(&doc.blocks);
        s.take()
    }

    #[test]
    fn headings_run_ins_and_salutations() {
        let doc = Document {
            blocks: vec![
                Block::Heading {
                    level: 1,
                    attr: Attr::id("一统一思想"),
                    inlines: vec![t("一、统一思想")],
                },
                Block::Salutation {
                    inlines: vec![t("同志们：")],
                },
                Block::RunIn {
                    level: 2,
                    attr: Attr::id("一加强领导"),
                    heading: vec![t("（一）加强领导。")],
                    inlines: vec![t("切实开展好<工作>&")],
                },
            ],
            ..Document::default()
        };
        assert_eq!(
            render(&doc, HTML),
            "<h2 id=\"一统一思想\" class=\"level-1\">一、统一思想</h2>\n\
             <p class=\"salutation\">同志们：</p>\n\
             <p><span class=\"run-in run-in-2\" id=\"一加强领导\">（一）加强领导。</span>切实开展好&lt;工作&gt;&amp;</p>\n"
        );
    }

    #[test]
    fn raw_html_is_text_unless_allowed() {
        let doc = Document {
            blocks: vec![
                Block::Html {
                    text: "<div>x</div>".into(),
                },
                Block::Paragraph {
                    inlines: vec![Inline::Html("<b>".into()), t("y")],
                },
            ],
            ..Document::default()
        };
        assert_eq!(
            render(&doc, HTML),
            "<p>&lt;div&gt;x&lt;/div&gt;</p>\n<p>&lt;b&gt;y</p>\n"
        );
        let raw = Config {
            raw_html: true,
            ..HTML
        };
        assert_eq!(render(&doc, raw), "<div>x</div>\n<p><b>y</p>\n");
    }

    #[test]
    fn notes_get_unique_reference_ids_and_back_links() {
        let doc = Document {
            blocks: vec![Block::Paragraph {
                inlines: vec![
                    t("甲"),
                    Inline::NoteRef { index: 0 },
                    t("乙"),
                    Inline::NoteRef { index: 0 },
                ],
            }],
            notes: vec![Note {
                label: "a".into(),
                blocks: vec![Block::Paragraph {
                    inlines: vec![t("注文")],
                }],
            }],
            ..Document::default()
        };
        let epub = Config {
            xml: true,
            epub: true,
            heading_shift: 0,
            raw_html: false,
            vertical: false,
        };
        let mut s = Serializer::new(&doc, epub, &Page);
        s.blocks(&doc.blocks);
        let body = s.take();
        assert!(body.contains("<sup class=\"note\"><a class=\"noteref\" id=\"fnref_1\" href=\"#fn_1\" role=\"doc-noteref\" epub:type=\"noteref\">1</a></sup>"));
        assert!(body.contains("id=\"fnref_1-2\""));
        assert_eq!(s.take_refs(), vec![0]);
        s.note(0, BackLink::Start);
        assert_eq!(
            s.take(),
            "<p><a class=\"note-back\" href=\"#fnref_1\" role=\"doc-backlink\">1</a>注文</p>\n"
        );
        s.note(0, BackLink::End);
        assert!(s.take().ends_with(
            "注文 <a class=\"note-back\" href=\"#fnref_1\" role=\"doc-backlink\">↑</a></p>\n"
        ));
    }

    #[test]
    fn lists_tables_code_images() {
        let mut doc = Document {
            blocks: vec![
                Block::List {
                    attr: Attr::default(),
                    ordered: true,
                    start: 3,
                    items: vec![ListItem {
                        task: Some(true),
                        blocks: vec![Block::Paragraph {
                            inlines: vec![t("项")],
                        }],
                    }],
                },
                Block::Table {
                    attr: Attr::default(),
                    align: vec![Align::Center, Align::None],
                    head: vec![vec![t("甲")], vec![t("乙")]],
                    rows: vec![vec![vec![t("1")], vec![Inline::Code("x<y".into())]]],
                },
                Block::CodeBlock {
                    attr: Attr::default(),
                    lang: Some("rust".into()),
                    text: "a && b\n".into(),
                },
                Block::Paragraph {
                    inlines: vec![Inline::Image {
                        src: "a.png".into(),
                        alt: "图".into(),
                    }],
                },
                Block::Paragraph {
                    inlines: vec![Inline::Image {
                        src: "gone.png".into(),
                        alt: "缺图".into(),
                    }],
                },
                Block::ThematicBreak,
            ],
            ..Document::default()
        };
        doc.resources.insert(
            "a.png".into(),
            Resource {
                mime: "image/png",
                data: vec![0],
                width: 4,
                height: 3,
            },
        );
        let mut s = Serializer::new(&doc, HTML, &Page);
        s.blocks(&doc.blocks);
        let html = s.take();
        assert!(html.contains("<ol start=\"3\">\n<li class=\"task\"><label><input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\">项</label></li>\n</ol>"));
        assert!(
            html.contains("<thead><tr><th class=\"align-center\">甲</th><th>乙</th></tr></thead>")
        );
        assert!(html.contains("<td><code>x&lt;y</code></td>"));
        assert!(html.contains("<pre><code class=\"language-rust\">a &amp;&amp; b\n</code></pre>"));
        assert!(html.contains("<p class=\"image\"><img src=\"data:image/png;base64,AA==\" alt=\"图\" width=\"4\" height=\"3\"></p>"));
        assert!(html.contains("<span class=\"image-alt\">缺图</span>"));
        assert!(html.contains("<hr>\n"));
    }

    /// Every check box has a name: the task's text through a `<label>`, or a word for its state
    /// where the item has no text to name it. See: issue 20, item 5.
    #[test]
    fn task_check_boxes_are_labelled() {
        let para = |s: &str| Block::Paragraph {
            inlines: vec![t(s)],
        };
        let item = |task, blocks| ListItem {
            task: Some(task),
            blocks,
        };
        let doc = Document {
            blocks: vec![Block::List {
                attr: Attr::default(),
                ordered: false,
                start: 1,
                items: vec![
                    item(false, vec![para("一步"), para("说明")]),
                    item(true, vec![]),
                    item(
                        false,
                        vec![Block::CodeBlock {
                            attr: Attr::default(),
                            lang: None,
                            text: "x".into(),
                        }],
                    ),
                ],
            }],
            ..Document::default()
        };
        let epub = Config { xml: true, ..HTML };
        assert_eq!(
            render(&doc, epub),
            "<ul>\n\
             <li class=\"task\">\n<p><label><input type=\"checkbox\" disabled=\"disabled\"/>一步</label></p>\n<p>说明</p>\n</li>\n\
             <li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" aria-label=\"已完成\"/>\n</li>\n\
             <li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\" aria-label=\"未完成\"/>\n<pre><code>x</code></pre>\n</li>\n\
             </ul>\n"
        );
        assert_eq!(task_label("ja", true), "完了");
    }

    #[test]
    fn short_numbers_stand_upright_in_vertical_text() {
        let doc = Document {
            blocks: vec![Block::Paragraph {
                inlines: vec![t(
                    "3月到12月，共365天，2026年，5.2%，A4纸，x<1，见 report?id=42&lang 与 iPhone 12 第 7 章",
                )],
            }],
            ..Document::default()
        };
        let vertical = Config {
            vertical: true,
            ..HTML
        };
        assert_eq!(
            render(&doc, vertical),
            "<p><span class=\"tcy\">3</span>月到<span class=\"tcy\">12</span>月，共<span class=\"tcy\">365</span>天，2026年，5.2%，A4纸，x&lt;1，见 report?id=42&amp;lang 与 iPhone 12 第 <span class=\"tcy\">7</span> 章</p>\n"
        );
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        assert_eq!(text("a\u{1}b<\u{FFFF}"), "ab&lt;");
        assert_eq!(attr("\"x\u{C}\""), "&quot;x&quot;");
    }
}
