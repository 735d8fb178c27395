//! The presentation plan: what every kind of element looks like, decided once.
//!
//! For each [`Element`] that any format draws, [`Style::look`] gives its face role, weight, size,
//! line pitch, indent and spacing. The PDF layout, the DOCX styles and the CSS of EPUB and HTML
//! all read these numbers, so a subtitle, a code line or a footnote has one size in every format.
//! Three more decisions live here for the same reason:
//!
//! - [`contents`]: the entries of the table of contents, the same in all four formats;
//! - [`note_places`]: which notes go to the foot of a page and which to the end;
//! - [`usage`]: one walk over the model that says which characters each (role, weight) draws —
//!   the font subsets are cut from it, so every character a writer draws is in the face it
//!   draws it with.

use crate::font::{Role, Usage};
use crate::gongwen;
use crate::model::{Block, Document, Inline, Official, plain_text};
use crate::normalize::lang::Script;

use super::Style;

/// Characters the writers draw themselves besides the document's text: page numbers (`— 1 —`),
/// list, footnote and reference markers, the byline's separator. Every (role, weight) a
/// document uses carries them.
pub const WRITER_CHARS: &str = "0123456789 .—()[]·•　";

/// The letters of lower-case Roman numerals: the page numbers of a front matter (title page,
/// contents), drawn in the page number's look where the preset has one.
pub const ROMAN: &str = "ivxlcdm";

/// The emphasis mark (着重号) of EPUB and HTML: `text-emphasis: filled circle` draws U+25CF at
/// half the text size, a dot of about 0.4 em that stays visible at reading size, where the
/// `filled dot` bullet (U+2022, 0.12 em in Noto Serif SC, so 0.06 em drawn) is a pin-prick. It is
/// drawn from the emphasised text's own face, so that face's subset carries it.
pub const EMPHASIS_MARK: char = '\u{25CF}';

/// The mark a web page puts after a footnote to lead back to its reference (the font has no `↩`).
pub const NOTE_BACK: &str = "↑";

/// Every kind of element that some format draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    /// The document title.
    Title,
    /// The subtitle under it.
    Subtitle,
    /// Authors and date under the title.
    Byline,
    /// A heading of level 1..=6.
    Heading(u8),
    /// The lead of a run-in heading of a level.
    RunIn(u8),
    /// Body text.
    Body,
    /// A flush-left salutation line (`同志们：`).
    Salutation,
    /// Text in a block quote.
    Quote,
    /// A list item's number or bullet.
    ListMarker,
    /// A table's head cells.
    TableHead,
    /// A table's body cells.
    TableCell,
    /// Code, in blocks and inline.
    Code,
    /// A footnote's reference mark (superscript).
    NoteMark,
    /// A footnote's text.
    NoteText,
    /// The heading of the table of contents.
    TocTitle,
    /// A table-of-contents entry for a heading of a level.
    TocEntry(u8),
    /// The page number.
    PageNumber,
    /// 份号, the copy number at the top left (GB/T 9704 §7.2.1).
    CopyNumber,
    /// 密级和保密期限 and 紧急程度 under it (§7.2.2, §7.2.3).
    Secrecy,
    /// 发文机关标志, the issuer mark (§7.2.4), in red.
    IssuerMark,
    /// 发文字号, the document number, and the label of 签发人 (§7.2.5, §7.2.6).
    DocNumber,
    /// The names of the 签发人 (§7.2.6).
    Signer,
    /// 主送机关, flush left under the title (§7.3.2).
    Recipients,
    /// 附件说明, the attachment list after the body (§7.3.4).
    AttachmentNote,
    /// 发文机关署名 and 成文日期 (§7.3.5).
    Signature,
    /// 附注, in parentheses under the date (§7.3.6).
    Annotation,
    /// The head `附件N` of an attachment (§7.3.7).
    AttachmentHead,
    /// The 抄送 and 印发 lines of the colophon (§7.4).
    Colophon,
}

/// The issuer mark's size before a long name reduces it: 初号, 42 pt. GB/T 9704 §7.2.4 leaves
/// the size to the office ("醒目、美观、庄重"); 初号 is what the standard's figures show for a
/// mark of eight characters.
pub const ISSUER_SIZE: f32 = 42.0;

/// §7.2.4: the issuer mark's top edge is 35 mm under the text block's top edge.
pub const ISSUER_TOP: f32 = 35.0;

/// §7.2.7: the red rule is 4 mm under the document number.
pub const NUMBER_RULE_GAP: f32 = 4.0;

/// The colophon's size: 4号 (GB/T 9704 §7.4.2, §7.4.3).
pub const COLOPHON_SIZE: f32 = 14.0;

/// How an element is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// The face role.
    pub role: Role,
    /// Drawn in the role's bold.
    pub bold: bool,
    /// Font size in points.
    pub size: f32,
    /// Baseline-to-baseline distance of its lines, in points.
    pub pitch: f32,
    /// First-line indent, in em of the body size (a list of lines indents them all).
    pub indent: f32,
    /// Space above, in points (dropped at the top of a page).
    pub before: f32,
    /// Space below, in points.
    pub after: f32,
    /// Centred on the measure (otherwise set from the start edge).
    pub centred: bool,
}

/// Footnote size as a share of the body size.
const NOTE_SCALE: f32 = 0.75;
/// Code size as a share of the body size: 10.5 pt (五号) under a 12 pt body.
const CODE_SCALE: f32 = 0.875;
/// Superscript note marks as a share of the body size.
const MARK_SCALE: f32 = 0.6;
/// Line pitch of footnotes, code and table cells as a multiple of their size.
pub const TIGHT_PITCH: f32 = 1.45;

/// A size rounded to half a point: Word stores sizes in half-points (ECMA-376 §17.3.2.38), so
/// a size every format can state exactly.
fn half_points(pt: f32) -> f32 {
    (pt * 2.0).round() / 2.0
}

impl Style {
    /// How `element` is drawn under this preset.
    pub fn look(&self, element: Element) -> Look {
        let body = Look {
            role: self.body_role,
            bold: false,
            size: self.body_size,
            pitch: self.line_pitch,
            indent: 0.0,
            before: 0.0,
            after: 0.0,
            centred: false,
        };
        let grid = self.grid.is_some();
        // On the gongwen grid every line sits on the body pitch (GB/T 9704 counts lines).
        let pitch = |size: f32, factor: f32| {
            if grid {
                self.line_pitch
            } else {
                (size * factor).max(self.line_pitch)
            }
        };
        let level = |l: u8| usize::from(l.clamp(1, 6)) - 1;
        match element {
            Element::Title => Look {
                role: self.title_role,
                bold: self.title_bold,
                size: self.title_size,
                pitch: if grid {
                    self.line_pitch
                } else {
                    self.title_size * 1.5
                },
                ..body
            },
            Element::Subtitle => {
                let size = self.heading_sizes[1];
                Look {
                    role: self.title_role,
                    bold: self.title_bold,
                    size,
                    pitch: if grid { self.line_pitch } else { size * 1.6 },
                    ..body
                }
            }
            Element::Byline => Look {
                pitch: if grid {
                    self.line_pitch
                } else {
                    self.body_size * 1.6
                },
                ..body
            },
            Element::Heading(l) => {
                let size = self.heading_sizes[level(l)];
                // A chapter opening its own page stands centred, lowered three lines.
                let chapter = self.chapter_breaks && l == 1;
                Look {
                    role: self.heading_roles[level(l)],
                    bold: self.heading_bold[level(l)],
                    size,
                    pitch: pitch(size, 1.5),
                    // GB/T 9704: headings sit on the grid like body lines, indented two characters.
                    indent: if grid { self.indent_em } else { 0.0 },
                    before: if grid {
                        0.0
                    } else if chapter {
                        self.line_pitch * 3.0
                    } else {
                        self.line_pitch * if l <= 2 { 1.0 } else { 0.5 }
                    },
                    after: if grid {
                        0.0
                    } else if chapter {
                        self.line_pitch * 1.5
                    } else {
                        self.line_pitch * 0.25
                    },
                    centred: chapter && !grid,
                }
            }
            Element::RunIn(l) => Look {
                role: self.heading_roles[level(l)],
                bold: self.heading_bold[level(l)],
                indent: self.indent_em,
                ..body
            },
            Element::Body => Look {
                indent: self.indent_em,
                ..body
            },
            Element::Salutation | Element::Quote | Element::ListMarker | Element::TableCell => body,
            Element::TableHead => Look { bold: true, ..body },
            Element::Code => {
                // On the gongwen grid code keeps the body size: a line is a line of the grid.
                let size = if grid {
                    self.body_size
                } else {
                    half_points(self.body_size * CODE_SCALE)
                };
                Look {
                    role: Role::Mono,
                    size,
                    pitch: if grid {
                        self.line_pitch
                    } else {
                        size * TIGHT_PITCH
                    },
                    ..body
                }
            }
            Element::NoteMark => Look {
                size: half_points(self.body_size * MARK_SCALE),
                ..body
            },
            Element::NoteText => {
                let size = half_points(self.body_size * NOTE_SCALE);
                Look {
                    size,
                    pitch: size * TIGHT_PITCH,
                    ..body
                }
            }
            Element::TocTitle => {
                let heading = self.look(Element::Heading(1));
                Look {
                    pitch: pitch(heading.size, 1.5),
                    indent: 0.0,
                    before: 0.0,
                    after: self.line_pitch,
                    ..heading
                }
            }
            Element::TocEntry(l) => Look {
                indent: 2.0 * f32::from(l.clamp(1, 6) - 1),
                ..body
            },
            Element::PageNumber => Look {
                size: self.page_number_size,
                pitch: self.page_number_size,
                ..body
            },
            // GB/T 9704 §7.2–7.4: every element in 3号 unless said otherwise.
            Element::CopyNumber
            | Element::DocNumber
            | Element::Recipients
            | Element::AttachmentNote
            | Element::Signature => body,
            Element::Annotation => Look {
                indent: self.indent_em,
                ..body
            },
            Element::Secrecy | Element::AttachmentHead => Look {
                role: Role::Hei,
                ..body
            },
            Element::Signer => Look {
                role: Role::Kai,
                ..body
            },
            Element::IssuerMark => Look {
                role: self.title_role,
                bold: self.title_bold,
                size: ISSUER_SIZE,
                pitch: ISSUER_SIZE,
                ..body
            },
            Element::Colophon => Look {
                size: COLOPHON_SIZE,
                ..body
            },
        }
    }
}

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The heading's level.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// Its text, without markup, as every format draws it (in [`Element::TocEntry`]).
    pub title: String,
}

/// The table of contents: every heading and run-in heading of the body down to the style's
/// depth (`toc-depth`), in document order, headings inside quotes and lists included. Empty
/// headings are left out. The printed contents of all four formats list exactly these.
pub fn contents(doc: &Document, style: &Style) -> Vec<Entry> {
    contents_to(doc, style.toc_depth)
}

/// The entries of every heading down to `depth`: [`contents`] at another depth. An e-book's
/// navigation lists every level whatever the printed contents shows (it is how a reader
/// moves through the book, not a page of it).
pub fn contents_to(doc: &Document, depth: u8) -> Vec<Entry> {
    fn walk(blocks: &[Block], depth: u8, out: &mut Vec<Entry>) {
        for block in blocks {
            if let Some((level, id, inlines)) = block.heading() {
                let title = toc_text(inlines);
                if level <= depth && !title.is_empty() {
                    out.push(Entry {
                        level,
                        id: id.to_string(),
                        title,
                    });
                }
            }
            match block {
                Block::BlockQuote { blocks, .. } => walk(blocks, depth, out),
                Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, depth, out)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.blocks, depth, &mut out);
    out
}

/// A heading's text as a contents entry: plain, on one line.
fn toc_text(inlines: &[Inline]) -> String {
    let text = plain_text(inlines);
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ")
}

/// The heading of the table of contents in the document's language (Japanese 目次; Korean
/// keeps the Chinese word, whose Han the bundled face has, where 목차 would need a Hangul face).
pub fn toc_title(lang: &str) -> &'static str {
    match Script::of(lang) {
        Script::Japanese => "目次",
        Script::Hant => "目錄",
        Script::Hans | Script::Korean => "目录",
    }
}

/// The name of the notes section in the document's language (a label read out, not drawn).
pub fn notes_label(lang: &str) -> &'static str {
    match Script::of(lang) {
        Script::Japanese => "注",
        Script::Hant => "註釋",
        Script::Hans | Script::Korean => "注释",
    }
}

/// Where a footnote is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotePlace {
    /// At the foot of the page (or as a Word footnote) where the body refers to it.
    Foot,
    /// After the body: notes the body never refers to (unreferenced, or referenced only from
    /// another note). No format drops them.
    End,
}

/// The place of every note of `doc`, by index.
pub fn note_places(doc: &Document) -> Vec<NotePlace> {
    let mut places = vec![NotePlace::End; doc.notes.len()];
    let mut stack: Vec<&[Inline]> = Vec::new();
    fn collect<'d>(blocks: &'d [Block], stack: &mut Vec<&'d [Inline]>) {
        for block in blocks {
            match block {
                Block::Heading { inlines, .. }
                | Block::Paragraph { inlines }
                | Block::Salutation { inlines }
                | Block::Official { inlines, .. } => stack.push(inlines),
                Block::RunIn {
                    heading, inlines, ..
                } => {
                    stack.push(heading);
                    stack.push(inlines);
                }
                Block::BlockQuote { blocks: inner, .. } => collect(inner, stack),
                Block::List { items, .. } => {
                    for item in items {
                        collect(&item.blocks, stack);
                    }
                }
                Block::Table { head, rows, .. } => {
                    stack.extend(head.iter().map(Vec::as_slice));
                    stack.extend(rows.iter().flatten().map(Vec::as_slice));
                }
                Block::CodeBlock { .. } | Block::Html { .. } | Block::ThematicBreak => {}
            }
        }
    }
    collect(&doc.blocks, &mut stack);
    // An explicit stack rather than recursion: nesting depth comes from the input.
    while let Some(inlines) = stack.pop() {
        for inline in inlines {
            match inline {
                Inline::NoteRef { index } => {
                    if let Some(place) = places.get_mut(*index) {
                        *place = NotePlace::Foot;
                    }
                }
                Inline::Emph(inner)
                | Inline::Strong(inner)
                | Inline::Strike(inner)
                | Inline::Link { inlines: inner, .. } => stack.push(inner),
                _ => {}
            }
        }
    }
    places
}

/// Which characters each (role, weight) of `style` draws in `doc`: the title block, every
/// block and note as the writers draw them (strong text bold, emphasis also in
/// `Role::Emphasis`, code in the code look), the contents entries in their own look (and the
/// contents' title where a table of contents is printed), and
/// [`WRITER_CHARS`] in every (role, weight) used.
pub fn usage(doc: &Document, style: &Style) -> Usage {
    let mut walk = Walk {
        style,
        official: gongwen::applies(doc, style),
        usage: Usage::default(),
    };
    let look = |e| style.look(e);
    let meta = &doc.meta;
    walk.add(look(Element::Title).into(), &meta.title);
    walk.add(
        look(Element::Subtitle).into(),
        meta.subtitle.as_deref().unwrap_or_default(),
    );
    let date = meta.date.iter().filter(|_| !doc.dates_itself());
    for text in meta.authors.iter().chain(date) {
        walk.add(look(Element::Byline).into(), text);
    }
    gongwen_usage(&mut walk, doc);
    walk.blocks(&doc.blocks, Element::Body);
    for note in &doc.notes {
        walk.blocks(&note.blocks, Element::NoteText);
    }
    if !doc.notes.is_empty() {
        walk.add(look(Element::NoteText).into(), NOTE_BACK);
        walk.add(look(Element::NoteMark).into(), WRITER_CHARS);
    }
    walk.add(look(Element::PageNumber).into(), WRITER_CHARS);
    // A book's running heads, in the folio's look: the title and each chapter's heading.
    if style.running_heads {
        walk.add(look(Element::PageNumber).into(), &meta.title);
        for block in &doc.blocks {
            if let Some((1, _, inlines)) = block.heading() {
                walk.add(
                    look(Element::PageNumber).into(),
                    &crate::model::plain_text(inlines),
                );
            }
        }
    }
    if style.title_page || style.toc {
        walk.add(look(Element::PageNumber).into(), ROMAN);
    }
    // The entries always: the EPUB's navigation and the web page's contents list them even where
    // no printed table of contents is asked for.
    let entries = contents(doc, style);
    // The contents' title: printed where a table of contents is asked for, and always the
    // heading of the EPUB's navigation document.
    walk.add(look(Element::TocTitle).into(), toc_title(&meta.lang));
    for entry in entries {
        walk.add(look(Element::TocEntry(entry.level)).into(), &entry.title);
    }
    walk.usage.add_everywhere(WRITER_CHARS);
    walk.usage
}

/// Where the style places an official document's elements (`gongwen::applies`): the words
/// the writers add (`gongwen::WORDS`) in every look that draws an element, and the attachments'
/// heads and the titles under them in their looks (§7.3.7). The elements' own text is walked
/// with the blocks.
fn gongwen_usage(walk: &mut Walk, doc: &Document) {
    if !walk.official {
        return;
    }
    let look = |e| -> Ctx { walk.style.look(e).into() };
    let mut texts: Vec<(Element, String)> = Vec::new();
    for block in &doc.blocks {
        if let Block::Official { kind, .. } = block {
            texts.extend(official_looks(*kind).map(|e| (e, gongwen::WORDS.to_string())));
            if *kind == Official::Attachment {
                texts.push((Element::AttachmentHead, "附件".to_string()));
            }
        }
    }
    // §7.3.7: an attachment's head in its look, and the heading after it as a title.
    let mut after_head = false;
    for block in &doc.blocks {
        let head = gongwen::is_attachment_head(block);
        if let Block::Heading { inlines, .. } = block
            && (head || after_head)
        {
            let e = if head {
                Element::AttachmentHead
            } else {
                Element::Title
            };
            texts.push((e, plain_text(inlines)));
        }
        after_head = head;
    }
    for (e, text) in texts {
        walk.add(look(e), &text);
    }
}

/// The looks an official element is drawn in where the style places it: the 签发人 line's label
/// in the number's look and the names in their own.
fn official_looks(kind: Official) -> impl Iterator<Item = Element> {
    let (first, second) = match kind {
        Official::CopyNumber => (Element::CopyNumber, None),
        Official::Secrecy | Official::Urgency => (Element::Secrecy, None),
        Official::Issuer => (Element::IssuerMark, None),
        Official::Number => (Element::DocNumber, None),
        Official::Signers => (Element::DocNumber, Some(Element::Signer)),
        Official::Recipients => (Element::Recipients, None),
        Official::Attachment => (Element::AttachmentNote, None),
        Official::Signature | Official::Date => (Element::Signature, None),
        Official::Note => (Element::Annotation, None),
        Official::Cc | Official::Printer | Official::PrintDate => (Element::Colophon, None),
    };
    std::iter::once(first).chain(second)
}

/// The (role, weight) a run of text is drawn in, and whether it is also emphasis.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    role: Role,
    bold: bool,
    emph: bool,
}

impl From<Look> for Ctx {
    fn from(look: Look) -> Ctx {
        Ctx {
            role: look.role,
            bold: look.bold,
            emph: false,
        }
    }
}

struct Walk<'a> {
    style: &'a Style,
    /// Official elements are drawn in their own looks (`official_looks`), not as paragraphs.
    official: bool,
    usage: Usage,
}

impl Walk<'_> {
    fn add(&mut self, ctx: Ctx, text: &str) {
        self.usage.add(ctx.role, ctx.bold, text);
        if ctx.emph {
            let mark = EMPHASIS_MARK.to_string();
            self.usage.add(ctx.role, ctx.bold, &mark);
            self.usage.add(Role::Emphasis, ctx.bold, &mark);
            self.usage.add(Role::Emphasis, ctx.bold, text);
        }
    }

    /// `text` is the element blocks are set in: the body, or a note's text.
    fn blocks(&mut self, blocks: &[Block], text: Element) {
        let look = |e| -> Ctx { self.style.look(e).into() };
        let plain = look(text);
        for block in blocks {
            match block {
                Block::Heading { level, inlines, .. } => {
                    let ctx = look(Element::Heading(*level));
                    self.inlines(ctx, inlines)
                }
                Block::RunIn {
                    level,
                    heading,
                    inlines,
                    ..
                } => {
                    let ctx = look(Element::RunIn(*level));
                    self.inlines(ctx, heading);
                    self.inlines(plain, inlines);
                }
                Block::Paragraph { inlines } | Block::Salutation { inlines } => {
                    self.inlines(plain, inlines)
                }
                Block::Official { kind, inlines, .. } => {
                    if self.official {
                        for e in official_looks(*kind) {
                            self.inlines(look(e), inlines);
                        }
                    } else {
                        self.inlines(plain, inlines);
                    }
                }
                Block::BlockQuote { blocks, .. } => self.blocks(blocks, text),
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks(&item.blocks, text);
                    }
                }
                Block::Table { head, rows, .. } => {
                    let head_ctx = Ctx {
                        bold: true,
                        ..plain
                    };
                    for cell in head {
                        self.inlines(head_ctx, cell);
                    }
                    for cell in rows.iter().flatten() {
                        self.inlines(plain, cell);
                    }
                }
                Block::CodeBlock { text, .. } => self.add(look(Element::Code), text),
                // Raw HTML shown as text is set in the text's own face.
                Block::Html { text } => self.add(plain, text),
                Block::ThematicBreak => {}
            }
        }
    }

    /// Each inline is visited once, whatever the nesting (emphasis used to be walked twice per
    /// level, doubling the time with every level).
    fn inlines(&mut self, ctx: Ctx, inlines: &[Inline]) {
        let mut stack: Vec<(Ctx, &[Inline])> = vec![(ctx, inlines)];
        while let Some((ctx, inlines)) = stack.pop() {
            for inline in inlines {
                match inline {
                    Inline::Text(t) | Inline::Html(t) => self.add(ctx, t),
                    Inline::Image { alt, .. } => self.add(ctx, alt),
                    // The annotation is drawn in the base's face, so both join its subset.
                    Inline::Ruby {
                        base, annotation, ..
                    } => {
                        self.add(ctx, base);
                        self.add(ctx, annotation);
                    }
                    Inline::Emph(inner) => stack.push((Ctx { emph: true, ..ctx }, inner)),
                    Inline::Strong(inner) => stack.push((Ctx { bold: true, ..ctx }, inner)),
                    Inline::Strike(inner) => stack.push((ctx, inner)),
                    Inline::Link {
                        url,
                        inlines: inner,
                    } => {
                        // A printed web page sets a web link's address after it, in the
                        // link's face (`write::css`, `@media print`).
                        if url.starts_with("http") {
                            self.add(Ctx { emph: false, ..ctx }, url);
                        }
                        stack.push((ctx, inner))
                    }
                    Inline::Code(t) => {
                        let code = self.style.look(Element::Code);
                        self.add(
                            Ctx {
                                role: code.role,
                                bold: ctx.bold,
                                emph: false,
                            },
                            t,
                        )
                    }
                    Inline::LineBreak | Inline::NoteRef { .. } => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attr, ListItem, Note};
    use crate::style::Preset;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn heading(level: u8, id: &str, inlines: Vec<Inline>) -> Block {
        Block::Heading {
            level,
            attr: Attr::id(id),
            inlines,
        }
    }

    #[test]
    fn secondary_sizes_are_whole_half_points() {
        for preset in [Preset::Handout, Preset::Gongwen, Preset::Book] {
            let style = Style::preset(preset);
            for e in [Element::Code, Element::NoteText, Element::NoteMark] {
                let size = style.look(e).size;
                assert_eq!(size * 2.0, (size * 2.0).round(), "{preset} {e:?}");
                let grid_code = e == Element::Code && style.grid.is_some();
                assert!(size < style.body_size || grid_code, "{preset} {e:?}");
            }
        }
        let handout = Style::preset(Preset::Handout);
        assert_eq!(handout.look(Element::Code).size, 10.5);
        assert_eq!(handout.look(Element::NoteText).size, 9.0);
    }

    #[test]
    fn gongwen_levels_take_their_roles() {
        let s = Style::preset(Preset::Gongwen);
        let roles: Vec<(Role, bool)> = (1..=4)
            .map(|l| {
                let look = s.look(Element::Heading(l));
                (look.role, look.bold)
            })
            .collect();
        assert_eq!(
            roles,
            [
                (Role::Hei, false),
                (Role::Kai, false),
                (Role::FangSong, true),
                (Role::FangSong, false)
            ]
        );
        assert_eq!(s.look(Element::Body).role, Role::FangSong);
        assert_eq!(s.look(Element::Title).role, Role::XiaoBiaoSong);
    }

    #[test]
    fn contents_take_nested_and_run_in_headings_to_the_depth() {
        let doc = Document {
            blocks: vec![
                heading(1, "a", vec![t("第一章"), Inline::Strong(vec![t("鼹鼠")])]),
                Block::BlockQuote {
                    attr: Attr::default(),
                    blocks: vec![heading(2, "b", vec![t("引")])],
                },
                Block::RunIn {
                    level: 3,
                    attr: Attr::id("c"),
                    heading: vec![t("（一）甲。")],
                    inlines: vec![t("文")],
                },
                heading(4, "d", vec![t("深")]),
                heading(2, "e", vec![]),
                Block::List {
                    attr: Attr::default(),
                    ordered: false,
                    start: 1,
                    items: vec![ListItem {
                        task: None,
                        blocks: vec![heading(2, "f", vec![t("表")])],
                    }],
                },
            ],
            ..Document::default()
        };
        let handout = Style::preset(Preset::Handout);
        let ids: Vec<String> = contents(&doc, &handout).into_iter().map(|e| e.id).collect();
        assert_eq!(ids, ["a", "b", "c", "f"]);
        assert_eq!(contents(&doc, &handout)[0].title, "第一章鼹鼠");
        let book = Style::preset(Preset::Book);
        let ids: Vec<String> = contents(&doc, &book).into_iter().map(|e| e.id).collect();
        assert_eq!(ids, ["a", "b", "f"]);
    }

    #[test]
    fn toc_glyphs_are_planned_in_the_toc_look() {
        let doc = Document {
            blocks: vec![Block::BlockQuote {
                attr: Attr::default(),
                blocks: vec![heading(
                    1,
                    "a",
                    vec![t("第一章"), Inline::Strong(vec![t("鼹鼠")])],
                )],
            }],
            ..Document::default()
        };
        let mut style = Style::preset(Preset::Handout);
        style.toc = true;
        let usage = usage(&doc, &style);
        let entry = style.look(Element::TocEntry(1));
        let drawn: String = usage.chars(entry.role, entry.bold).collect();
        assert!(drawn.contains('鼹') && drawn.contains('鼠'), "{drawn}");
        let title = style.look(Element::TocTitle);
        assert!(usage.chars(title.role, title.bold).any(|c| c == '录'));
        // Without a printed contents the EPUB's navigation still carries the title.
        style.toc = false;
        let drawn = usage_of(&doc, &style, title.role, title.bold);
        assert!(drawn.contains('录'), "{drawn}");
    }

    fn usage_of(doc: &Document, style: &Style, role: Role, bold: bool) -> String {
        usage(doc, style).chars(role, bold).collect()
    }

    #[test]
    fn deep_emphasis_is_walked_once_per_level() {
        let mut inline = t("深");
        for _ in 0..200 {
            inline = Inline::Emph(vec![inline, t("字")]);
        }
        let doc = Document {
            blocks: vec![Block::Paragraph {
                inlines: vec![inline],
            }],
            ..Document::default()
        };
        let style = Style::preset(Preset::Handout);
        assert!(usage_of(&doc, &style, Role::Emphasis, false).contains('深'));
        assert!(usage_of(&doc, &style, Role::Body, false).contains('字'));
    }

    #[test]
    fn notes_not_referenced_from_the_body_go_to_the_end() {
        let para = |inlines| Block::Paragraph { inlines };
        let doc = Document {
            blocks: vec![para(vec![
                t("正文"),
                Inline::Strong(vec![Inline::NoteRef { index: 1 }]),
            ])],
            notes: vec![
                Note {
                    label: "a".into(),
                    blocks: vec![para(vec![Inline::NoteRef { index: 2 }])],
                },
                Note {
                    label: "b".into(),
                    blocks: vec![para(vec![t("注")])],
                },
                Note {
                    label: "c".into(),
                    blocks: vec![para(vec![t("注")])],
                },
            ],
            ..Document::default()
        };
        assert_eq!(
            note_places(&doc),
            [NotePlace::End, NotePlace::Foot, NotePlace::End]
        );
    }

    #[test]
    fn toc_titles_follow_the_language() {
        assert_eq!(toc_title("zh-Hans"), "目录");
        assert_eq!(notes_label("zh-Hant-TW"), "註釋");
        assert_eq!(notes_label("zh-CN"), "注释");
        assert_eq!(toc_title("ja"), "目次");
        assert_eq!(toc_title("ja-JP"), "目次");
        assert_eq!(notes_label("ja"), "注");
        assert_eq!(toc_title("jam"), "目录");
        assert_eq!(toc_title("zh-Hant"), "目錄");
        assert_eq!(toc_title("zh-TW"), "目錄");
        assert_eq!(toc_title(""), "目录");
    }
}
