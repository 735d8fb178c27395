//! The one document model every reader produces and every writer consumes.
//!
//! Shaped after pandoc's `Pandoc Meta [Block]`: a small tree of blocks and inlines, an id on every
//! heading, the language on the document. Footnote bodies live beside the blocks (`notes`) and are
//! referenced by index, so every writer numbers them the same way.

use std::collections::BTreeMap;

use serde::Serialize;

/// A whole document: metadata, body blocks, footnotes and the images it uses.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    /// Title, authors, language and the rest.
    pub meta: Metadata,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// Footnote bodies; `Inline::NoteRef { index }` points into this list (number = index + 1).
    pub notes: Vec<Note>,
    /// Image bytes by the `src` used in the text, loaded once by the library after reading.
    #[serde(skip)]
    pub resources: BTreeMap<String, Resource>,
}

/// Document metadata, from YAML front matter or inferred from plain text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    /// The document title (empty when there is none).
    pub title: String,
    /// A subtitle, if any.
    pub subtitle: Option<String>,
    /// Authors, in order.
    pub authors: Vec<String>,
    /// Date as written in the source.
    pub date: Option<String>,
    /// BCP 47 language tag: `zh-Hans` for simplified text, `zh-Hant` for traditional.
    pub lang: String,
    /// A stable identifier (from front matter, or derived from the content by the writers).
    pub identifier: Option<String>,
    /// A one-line description.
    pub description: Option<String>,
    /// The cover image (`cover:` in front matter, or `--cover`): its key in
    /// `Document::resources` once loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
    /// A preset named in front matter (`handout`, `gongwen`, `book`).
    pub preset: Option<String>,
    /// Fonts named in front matter (`fonts:`), as (role, file relative to the document's folder),
    /// in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fonts: Vec<(String, String)>,
    /// Automatic ruby asked for in the front matter (`ruby: pinyin`, `zhuyin` or `none`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ruby: Option<String>,
    /// `ruby-tones: numbers` (or `marks`) in the front matter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ruby_tones: Option<String>,
    /// `ruby-sandhi: true` in the front matter: tone sandhi of 一 and 不.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ruby_sandhi: Option<String>,
    /// Stylesheets named in front matter (`css:`), relative to the document's folder.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub css: Vec<String>,
    /// The reference DOCX named in front matter (`reference-doc:`), relative to the document's
    /// folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_doc: Option<String>,
    /// Settings of page and type (`style::settings`) from the input folder's `cjkpress.toml`
    /// and then the front matter, in the order they apply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<crate::style::settings::Setting>,
}

/// A footnote body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// The label used in the source (`[^label]`).
    pub label: String,
    /// The note's content.
    pub blocks: Vec<Block>,
}

/// An image file a document refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// `image/png` or `image/jpeg`.
    pub mime: &'static str,
    /// The file's bytes.
    pub data: Vec<u8>,
    /// Pixel width.
    pub width: u32,
    /// Pixel height.
    pub height: u32,
}

/// Column alignment in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// No alignment given.
    None,
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// pandoc's `Attr` on a container: an identifier and classes (`{#id .class}` in Markdown), kept
/// by every writer that can carry them (HTML `id`/`class`, EPUB nav, PDF outline, DOCX bookmarks).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attr {
    /// The identifier; empty when there is none. Unique within a document.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Classes, in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
}

impl Attr {
    /// An attribute with this identifier and no classes.
    pub fn id(id: impl Into<String>) -> Attr {
        Attr {
            id: id.into(),
            classes: Vec::new(),
        }
    }

    /// Neither an identifier nor a class.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty() && self.classes.is_empty()
    }
}

/// A list item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    /// `Some(checked)` for a task-list item.
    pub task: Option<bool>,
    /// The item's content.
    pub blocks: Vec<Block>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading of level 1..=6 with a stable, unique id.
    Heading {
        /// 1 (chapter) to 6.
        level: u8,
        /// `attr.id` is the anchor shared by HTML, EPUB nav, PDF outline and DOCX bookmarks.
        attr: Attr,
        /// The heading's text.
        inlines: Vec<Inline>,
    },
    /// A body paragraph (first line indented 2 em).
    Paragraph {
        /// The paragraph's text.
        inlines: Vec<Inline>,
    },
    /// A paragraph led by a run-in heading: `(一)加强领导,落实责任。切实开展好…`. The lead counts
    /// as a heading of `level` for outlines and tables of contents; the text continues on its line.
    RunIn {
        /// The lead's heading level (2 to 4).
        level: u8,
        /// `attr.id` is the lead's anchor.
        attr: Attr,
        /// The lead, drawn in the heading face.
        heading: Vec<Inline>,
        /// The body text that follows on the same line.
        inlines: Vec<Inline>,
    },
    /// A flush-left line such as the salutation `同志们：`.
    Salutation {
        /// The line's text.
        inlines: Vec<Inline>,
    },
    /// A block quotation.
    BlockQuote {
        /// Identifier and classes.
        #[serde(default, skip_serializing_if = "Attr::is_empty")]
        attr: Attr,
        /// The quoted blocks.
        blocks: Vec<Block>,
    },
    /// A bulleted or numbered list.
    List {
        /// Identifier and classes.
        #[serde(default, skip_serializing_if = "Attr::is_empty")]
        attr: Attr,
        /// Numbered rather than bulleted.
        ordered: bool,
        /// The first number of an ordered list.
        start: u64,
        /// The items.
        items: Vec<ListItem>,
    },
    /// A table: header cells, body rows, one alignment per column.
    Table {
        /// Identifier and classes.
        #[serde(default, skip_serializing_if = "Attr::is_empty")]
        attr: Attr,
        /// One alignment per column.
        align: Vec<Align>,
        /// Header cells.
        head: Vec<Vec<Inline>>,
        /// Body rows of cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// Preformatted code.
    CodeBlock {
        /// Identifier and classes.
        #[serde(default, skip_serializing_if = "Attr::is_empty")]
        attr: Attr,
        /// The fence's language tag.
        lang: Option<String>,
        /// The code, without the final newline.
        text: String,
    },
    /// An element of an official document (GB/T 9704-2012 §7), in reading order: the 版头
    /// before the title ([`Document::before_title`]), the 主送机关 after it, the closing after
    /// the body and before the attachments, the 版记 last. Its text is what the standard prints
    /// (labels, brackets and the dates' form included), so a writer that does not place it as
    /// the standard does still shows it whole, as a paragraph.
    Official {
        /// Which element.
        kind: Official,
        /// Identifier and classes.
        #[serde(default, skip_serializing_if = "Attr::is_empty")]
        attr: Attr,
        /// The element's text.
        inlines: Vec<Inline>,
    },
    /// Raw HTML kept only with `--raw-html`; other formats show it as text.
    Html {
        /// The HTML source.
        text: String,
    },
    /// A horizontal rule / scene break.
    ThematicBreak,
}

/// The elements of a Chinese official document (GB/T 9704-2012 §7) that stand around its title
/// and body, in the standard's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Official {
    /// 份号: the copy's serial number, six Arabic digits (§7.2.1).
    CopyNumber,
    /// 密级和保密期限: classification and its term, e.g. `秘密★1年` (§7.2.2).
    Secrecy,
    /// 紧急程度: `特急` or `加急` (§7.2.3).
    Urgency,
    /// 发文机关标志: the issuer mark, e.g. `××市人民政府文件`, drawn in red (§7.2.4).
    Issuer,
    /// 发文字号: e.g. `××政发〔2026〕7号` (§7.2.5).
    Number,
    /// 签发人 of a document sent upward: `签发人：张三　李四` (§7.2.6).
    Signers,
    /// 主送机关: the recipients, ending in `：` (§7.3.2).
    Recipients,
    /// One line of the 附件说明: `附件：1.名称`, then `2.名称`… (§7.3.4).
    Attachment,
    /// 发文机关署名: the issuing body's signature (§7.3.5).
    Signature,
    /// 成文日期: the date, `2026年12月1日` (§7.3.5).
    Date,
    /// 附注: a note in parentheses (§7.3.6).
    Note,
    /// 抄送机关: `抄送：…。` (§7.4.2).
    Cc,
    /// 印发机关: the office that prints and sends the document (§7.4.3).
    Printer,
    /// 印发日期: `2026年12月1日印发` (§7.4.3).
    PrintDate,
}

/// The three parts of an official document (GB/T 9704-2012 §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// 版头: above the title.
    Head,
    /// 主体: the title, the body and the elements around it.
    Body,
    /// 版记: at the foot of the last page.
    Colophon,
}

impl Official {
    /// The part the element belongs to.
    pub fn part(self) -> Part {
        match self {
            Official::CopyNumber
            | Official::Secrecy
            | Official::Urgency
            | Official::Issuer
            | Official::Number
            | Official::Signers => Part::Head,
            Official::Recipients
            | Official::Attachment
            | Official::Signature
            | Official::Date
            | Official::Note => Part::Body,
            Official::Cc | Official::Printer | Official::PrintDate => Part::Colophon,
        }
    }

    /// The element's name in class names and messages: `copy-number`, `issuer`…
    pub fn name(self) -> &'static str {
        match self {
            Official::CopyNumber => "copy-number",
            Official::Secrecy => "secrecy",
            Official::Urgency => "urgency",
            Official::Issuer => "issuer",
            Official::Number => "number",
            Official::Signers => "signers",
            Official::Recipients => "recipients",
            Official::Attachment => "attachment",
            Official::Signature => "signature",
            Official::Date => "date",
            Official::Note => "note",
            Official::Cc => "cc",
            Official::Printer => "printer",
            Official::PrintDate => "print-date",
        }
    }
}

/// An inline element.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "c", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasis (rendered with emphasis dots or italics by the writer).
    Emph(Vec<Inline>),
    /// Strong emphasis (bold face).
    Strong(Vec<Inline>),
    /// Struck-out text.
    Strike(Vec<Inline>),
    /// Inline code.
    Code(String),
    /// A hyperlink.
    Link {
        /// The target.
        url: String,
        /// The link text.
        inlines: Vec<Inline>,
    },
    /// An image; its bytes are in `Document::resources[src]` when it could be loaded.
    Image {
        /// The path or URL as written in the source.
        src: String,
        /// The alternative text, kept in every output.
        alt: String,
    },
    /// A hard line break.
    LineBreak,
    /// A reference to `Document::notes[index]`.
    NoteRef {
        /// Index into `Document::notes`; the note's number is `index + 1`.
        index: usize,
    },
    /// Raw inline HTML kept only with `--raw-html`.
    Html(String),
    /// Ruby: an annotation (pinyin, 注音) set over its base text (W3C Ruby Markup; clreq §3.4).
    Ruby {
        /// The annotated text.
        base: String,
        /// The reading; for a group, syllables separated by spaces (see [`ruby_pairs`]).
        annotation: String,
        /// One character and its reading, or a word and its reading.
        kind: RubyKind,
    },
}

/// How a ruby annotation is attached to its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RubyKind {
    /// One base character and its reading (`{汉|hàn}`).
    Mono,
    /// A word and its reading, kept on one line (`{汉字|hàn zì}`).
    Group,
}

/// The (character, syllable) pairs of a ruby whose annotation has one space-separated syllable
/// per base character; else the one pair of the whole base and the whole annotation. Counted
/// and cut without allocating: every writer calls it for every ruby of a book set in pinyin.
pub fn ruby_pairs<'a>(base: &'a str, annotation: &'a str) -> RubyPairs<'a> {
    let one_each =
        !base.is_empty() && base.chars().count() == annotation.split_whitespace().count();
    RubyPairs {
        base,
        annotation,
        one_each,
        whole: !one_each,
    }
}

/// What [`ruby_pairs`] gives: (base, annotation) pairs in order.
pub struct RubyPairs<'a> {
    base: &'a str,
    annotation: &'a str,
    /// One pair per character; else one pair of the whole.
    one_each: bool,
    /// The pair of the whole is still to come.
    whole: bool,
}

impl<'a> Iterator for RubyPairs<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if !self.one_each {
            return std::mem::take(&mut self.whole).then_some((self.base, self.annotation));
        }
        if self.base.is_empty() {
            return None;
        }
        let width = self.base.chars().next().map_or(0, char::len_utf8);
        let (b, rest) = self.base.split_at(width);
        self.base = rest;
        let trimmed = self.annotation.trim_start();
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let (a, rest) = trimmed.split_at(end);
        self.annotation = rest;
        Some((b, a))
    }
}

/// Whether an annotation is 注音 (bopomofo), which stands to the right of each character
/// rather than over it (clreq §3.4.2).
pub fn is_zhuyin(annotation: &str) -> bool {
    annotation
        .chars()
        .any(|c| matches!(c, '\u{3100}'..='\u{312F}' | '\u{31A0}'..='\u{31BF}'))
}

impl Document {
    /// The name a document goes by: its title, else its first heading, else the start of its text.
    /// Never empty, since EPUB `dc:title` and HTML `<title>` must not be.
    pub fn display_title(&self) -> String {
        if !self.meta.title.trim().is_empty() {
            return self.meta.title.trim().to_string();
        }
        if let Some((_, _, inlines)) = self.blocks.iter().find_map(Block::heading) {
            let t = plain_text(inlines);
            if !t.trim().is_empty() {
                return t.trim().to_string();
            }
        }
        let start: String = document_text(self)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(20)
            .collect();
        if start.is_empty() {
            "Untitled".to_string()
        } else {
            start
        }
    }

    /// How many of the blocks stand before the title: an official document's 版头
    /// (GB/T 9704-2012 §7.2), which every writer draws above it.
    pub fn before_title(&self) -> usize {
        self.blocks
            .iter()
            .take_while(|b| matches!(b, Block::Official { kind, .. } if kind.part() == Part::Head))
            .count()
    }

    /// Whether the document draws its date itself, as an official document's 成文日期
    /// (`Official::Date`): a title's byline then leaves the date out.
    pub fn dates_itself(&self) -> bool {
        self.blocks.iter().any(|b| {
            matches!(
                b,
                Block::Official {
                    kind: Official::Date,
                    ..
                }
            )
        })
    }
}

impl Block {
    /// The heading level and id of a heading or run-in heading.
    pub fn heading(&self) -> Option<(u8, &str, &[Inline])> {
        match self {
            Block::Heading {
                level,
                attr,
                inlines,
            } => Some((*level, &attr.id, inlines)),
            Block::RunIn {
                level,
                attr,
                heading,
                ..
            } => Some((*level, &attr.id, heading)),
            _ => None,
        }
    }
}

/// The text of some inlines, without markup (images give their alt text, notes nothing).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_text(inlines, &mut out);
    out
}

fn push_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) | Inline::Html(t) => out.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => push_text(c, out),
            Inline::Link { inlines, .. } => push_text(inlines, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::LineBreak => out.push('\n'),
            // The base alone: the text a reader copies (the annotation is a reading aid).
            Inline::Ruby { base, .. } => out.push_str(base),
            Inline::NoteRef { .. } => {}
        }
    }
}

/// Every character of the document's visible text, block by block, one line per block.
///
/// Tests compare each writer's extracted text with this.
pub fn document_text(doc: &Document) -> String {
    let mut out = String::new();
    let (head, body) = doc.blocks.split_at(doc.before_title());
    for block in head {
        push_block_text(block, &mut out);
    }
    if !doc.meta.title.is_empty() {
        out.push_str(&doc.meta.title);
        out.push('\n');
    }
    for block in body {
        push_block_text(block, &mut out);
    }
    for note in &doc.notes {
        for block in &note.blocks {
            push_block_text(block, &mut out);
        }
    }
    out
}

fn push_block_text(block: &Block, out: &mut String) {
    match block {
        Block::Heading { inlines, .. }
        | Block::Paragraph { inlines }
        | Block::Salutation { inlines }
        | Block::Official { inlines, .. } => push_text(inlines, out),
        Block::RunIn {
            heading, inlines, ..
        } => {
            push_text(heading, out);
            push_text(inlines, out);
        }
        Block::BlockQuote { blocks, .. } => blocks.iter().for_each(|b| push_block_text(b, out)),
        Block::List { items, .. } => items
            .iter()
            .flat_map(|i| &i.blocks)
            .for_each(|b| push_block_text(b, out)),
        Block::Table { head, rows, .. } => {
            for cell in head.iter().chain(rows.iter().flatten()) {
                push_text(cell, out);
                out.push('\n');
            }
        }
        Block::CodeBlock { text, .. } | Block::Html { text } => out.push_str(text),
        Block::ThematicBreak => {}
    }
    out.push('\n');
}

/// Walks every inline of the document (body, then notes), depth first.
pub fn visit_inlines(doc: &Document, f: &mut impl FnMut(&Inline)) {
    any_inline(doc, &mut |i| {
        f(i);
        false
    });
}

/// Whether `f` holds for an inline of the document, walking as [`visit_inlines`] does and
/// stopping at the first: a book in ruby answers "has it ruby?" at its first character.
pub fn any_inline(doc: &Document, f: &mut impl FnMut(&Inline) -> bool) -> bool {
    fn blocks(bs: &[Block], f: &mut impl FnMut(&Inline) -> bool) -> bool {
        bs.iter().any(|b| match b {
            Block::Heading { inlines, .. }
            | Block::Paragraph { inlines }
            | Block::Salutation { inlines }
            | Block::Official { inlines, .. } => walk(inlines, f),
            Block::RunIn {
                heading, inlines, ..
            } => walk(heading, f) || walk(inlines, f),
            Block::BlockQuote { blocks: inner, .. } => blocks(inner, f),
            Block::List { items, .. } => items.iter().any(|i| blocks(&i.blocks, f)),
            Block::Table { head, rows, .. } => {
                head.iter().chain(rows.iter().flatten()).any(|c| walk(c, f))
            }
            Block::CodeBlock { .. } | Block::Html { .. } | Block::ThematicBreak => false,
        })
    }
    fn walk(inlines: &[Inline], f: &mut impl FnMut(&Inline) -> bool) -> bool {
        inlines.iter().any(|i| {
            f(i) || match i {
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => walk(c, f),
                Inline::Link { inlines, .. } => walk(inlines, f),
                _ => false,
            }
        })
    }
    blocks(&doc.blocks, f) || doc.notes.iter().any(|n| blocks(&n.blocks, f))
}

/// Calls `f` on every block of the document (body, then notes), parents before their children,
/// so that `f` may replace a block and the walk then enters the replacement.
pub fn visit_blocks_mut(doc: &mut Document, f: &mut impl FnMut(&mut Block)) {
    fn blocks(bs: &mut [Block], f: &mut impl FnMut(&mut Block)) {
        for b in bs {
            f(b);
            match b {
                Block::BlockQuote { blocks: inner, .. } => blocks(inner, f),
                Block::List { items, .. } => {
                    items.iter_mut().for_each(|i| blocks(&mut i.blocks, f));
                }
                _ => {}
            }
        }
    }
    blocks(&mut doc.blocks, f);
    for n in &mut doc.notes {
        blocks(&mut n.blocks, f);
    }
}

/// Calls `f` on every list of inlines of the document — a block's, a cell's, and the children of
/// each emphasis, strike and link — children before their parent, so that `f` may splice
/// elements of a list in and out.
pub fn visit_inline_lists_mut(doc: &mut Document, f: &mut impl FnMut(&mut Vec<Inline>)) {
    fn walk(inlines: &mut Vec<Inline>, f: &mut impl FnMut(&mut Vec<Inline>)) {
        for i in inlines.iter_mut() {
            match i {
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => walk(c, f),
                Inline::Link { inlines, .. } => walk(inlines, f),
                _ => {}
            }
        }
        f(inlines);
    }
    visit_blocks_mut(doc, &mut |b| match b {
        Block::Heading { inlines, .. }
        | Block::Paragraph { inlines }
        | Block::Salutation { inlines }
        | Block::Official { inlines, .. } => walk(inlines, f),
        Block::RunIn {
            heading, inlines, ..
        } => {
            walk(heading, f);
            walk(inlines, f);
        }
        Block::Table { head, rows, .. } => head
            .iter_mut()
            .chain(rows.iter_mut().flatten())
            .for_each(|c| walk(c, f)),
        Block::BlockQuote { .. }
        | Block::List { .. }
        | Block::CodeBlock { .. }
        | Block::Html { .. }
        | Block::ThematicBreak => {}
    });
}

/// Calls `f` on every string of the document that reaches an output: metadata, text, code, raw
/// HTML, link targets, image sources and alt text, code languages and note labels.
pub fn visit_strings_mut(doc: &mut Document, f: &mut impl FnMut(&mut String)) {
    let m = &mut doc.meta;
    f(&mut m.title);
    f(&mut m.lang);
    m.authors.iter_mut().for_each(&mut *f);
    for s in [
        &mut m.subtitle,
        &mut m.date,
        &mut m.identifier,
        &mut m.description,
        &mut m.preset,
    ]
    .into_iter()
    .flatten()
    {
        f(s);
    }
    for n in &mut doc.notes {
        f(&mut n.label);
    }
    visit_blocks_mut(doc, &mut |b| match b {
        Block::CodeBlock { attr, lang, text } => {
            attr_strings(attr, f);
            lang.iter_mut().for_each(&mut *f);
            f(text);
        }
        Block::Heading { attr, .. }
        | Block::RunIn { attr, .. }
        | Block::BlockQuote { attr, .. }
        | Block::List { attr, .. }
        | Block::Table { attr, .. }
        | Block::Official { attr, .. } => attr_strings(attr, f),
        Block::Html { text } => f(text),
        _ => {}
    });
    visit_inline_lists_mut(doc, &mut |list| {
        for i in list.iter_mut() {
            match i {
                Inline::Text(t) | Inline::Code(t) | Inline::Html(t) => f(t),
                Inline::Link { url, .. } => f(url),
                Inline::Image { src, alt } => {
                    f(src);
                    f(alt);
                }
                Inline::Ruby {
                    base, annotation, ..
                } => {
                    f(base);
                    f(annotation);
                }
                _ => {}
            }
        }
    });
}

fn attr_strings(attr: &mut Attr, f: &mut impl FnMut(&mut String)) {
    f(&mut attr.id);
    attr.classes.iter_mut().for_each(f);
}

/// Makes heading ids: the heading text with CJK kept, spaces as `-`, punctuation dropped, unique
/// within the document (`id`, `id-1`, `id-2`…).
#[derive(Debug, Default)]
pub struct IdMaker {
    issued: std::collections::BTreeSet<String>,
    /// The last suffix given to each base, so that the thousandth `同名标题` does not try the
    /// 999 taken ones first (quadratic on documents of identical headings).
    last: std::collections::HashMap<String, usize>,
}

impl IdMaker {
    /// A fresh, unique id for a heading with this text.
    pub fn make(&mut self, text: &str) -> String {
        let mut base = String::new();
        for c in text.chars() {
            if c.is_alphanumeric() {
                base.extend(c.to_lowercase());
            } else if (c.is_whitespace() || c == '-' || c == '_') && !base.ends_with('-') {
                base.push('-');
            }
            if base.chars().count() >= 40 {
                break;
            }
        }
        let base = base.trim_matches('-');
        let base = if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            format!("h-{base}").trim_end_matches('-').to_string()
        } else {
            base.to_string()
        };
        let mut n = self.last.get(&base).copied().unwrap_or(0);
        let mut id = if n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        while self.issued.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.last.insert(base, n);
        self.issued.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruby_pairs_map_syllables_onto_characters_or_keep_the_whole() {
        let pairs = |b, a| ruby_pairs(b, a).collect::<Vec<_>>();
        assert_eq!(
            pairs("银行", " yín  háng "),
            [("银", "yín"), ("行", "háng")]
        );
        assert_eq!(pairs("行", "xíng"), [("行", "xíng")]);
        // Three syllables over two characters, and an empty base: one pair of the whole.
        assert_eq!(pairs("东京", "tō kyō o"), [("东京", "tō kyō o")]);
        assert_eq!(pairs("", "kara"), [("", "kara")]);
    }

    #[test]
    fn ids_keep_cjk_and_are_unique() {
        let mut ids = IdMaker::default();
        assert_eq!(ids.make("一、统一思想认识"), "一统一思想认识");
        assert_eq!(ids.make("Hello World!"), "hello-world");
        assert_eq!(ids.make("Hello World"), "hello-world-1");
        assert_eq!(ids.make("2026"), "h-2026");
        assert_eq!(ids.make("！？"), "h");
    }
}
