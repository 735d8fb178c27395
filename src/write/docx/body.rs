//! The body: blocks to paragraphs and tables in their styles, the title, the table of contents,
//! lists, and the bookmarks that headings carry for links and the contents.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::inline::Marks;
use super::numbering::Numbering;
use super::package::{Part, Rel};
use super::page::{self, Footer, Start};
use super::props::{Ind, Line, PPr, Spacing};
use super::styles::{Faces, Metrics, id};
use super::xml::{DECLARATION, escape_into, twips_mm};
use crate::error::Warning;
use crate::font::{FontSet, Role};
use crate::model::{Align, Block, Document, Inline, ListItem, Metadata, plain_text};
use crate::style::Style;
use crate::style::plan::{self, Element};

/// Namespaces of parts that hold paragraphs (body and footnotes): drawings need `wp`, `a`, `pic`.
pub(super) const BODY_NAMESPACES: &str = concat!(
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"",
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"",
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"",
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"",
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"",
    // Word 2010's check box content controls; readers that do not know them skip them.
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"",
    " xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" mc:Ignorable=\"w14\""
);

/// Where a block stands, which decides the style of its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// The body: `Body Text`.
    Body,
    /// Inside a block quote: `Quote`.
    Quote,
    /// Inside a footnote: `footnote text`.
    Note,
}

impl Place {
    pub(super) fn style(self) -> &'static str {
        match self {
            Place::Body => id::BODY,
            Place::Quote => id::QUOTE,
            Place::Note => id::FOOTNOTE_TEXT,
        }
    }
}

/// The document writer: blocks and inlines to `document.xml` and `footnotes.xml`.
pub(super) struct Writer<'a> {
    pub(super) doc: &'a Document,
    pub(super) style: &'a Style,
    pub(super) fonts: Option<&'a FontSet>,
    /// The faces of the styles and roles.
    pub(super) faces: &'a Faces,
    /// The role and weight the text being written is drawn in, as `Subsets::build` sees it,
    /// and its size in points (which ruby sizes follow).
    pub(super) context: (Role, bool, f32),
    pub(super) m: Metrics,
    /// The part being written: `document.xml`, or a footnote while one is written.
    pub(super) out: String,
    /// Finished footnotes.
    pub(super) notes: String,
    pub(super) note_count: u32,
    pub(super) in_note: bool,
    /// The next paragraph starts with the footnote's own number (`w:footnoteRef`).
    pub(super) note_ref_pending: bool,
    /// The next paragraph starts with this number as text: a note set after the body.
    pub(super) end_label_pending: Option<usize>,
    /// Relationships of `document.xml` (0) and `footnotes.xml` (1), beyond the fixed ones.
    pub(super) rels: [Vec<Rel>; 2],
    /// Relationship id by (part, target).
    pub(super) rel_ids: BTreeMap<(usize, String), String>,
    /// Images in `word/media`, and their path by `src`.
    pub(super) media: Vec<Part>,
    pub(super) media_paths: BTreeMap<&'a str, String>,
    /// Bookmark name by heading id, and the bookmarks already placed.
    pub(super) bookmarks: BTreeMap<&'a str, String>,
    pub(super) placed: BTreeSet<&'a str>,
    /// The printed page number of each heading by id, for the contents (see `Setup::pages`).
    pub(super) pages: &'a BTreeMap<String, String>,
    pub(super) bookmark_count: u32,
    pub(super) drawing_count: u32,
    /// Upright numbers so far in vertical text: each is its own `w:eastAsianLayout` group.
    pub(super) upright_count: u32,
    pub(super) numbering: Numbering,
    pub(super) warnings: Vec<Warning>,
    pub(super) last_was_table: bool,
    /// How many block quotes the current block is in.
    pub(super) quote_depth: u8,
    /// The next paragraph is a task item's and starts with its check box, ticked or not.
    pub(super) checkbox: Option<bool>,
    /// The page-number footers the sections refer to.
    pub(super) footers: Vec<Footer>,
    /// How the section being written starts (see `sections`).
    pub(super) section: Start,
    /// Where in `out` that section's content starts.
    pub(super) section_start: usize,
    /// The odd-page head of the chapter the section holds, by index into `footers`.
    pub(super) chapter_head: Option<usize>,
    /// The markup that opens a ruby up to its reading, for the base size in half-points it was
    /// made for: a book set in pinyin has one ruby per character, all alike.
    pub(super) ruby_open: (i64, String),
}

impl<'a> Writer<'a> {
    pub(super) fn new(
        doc: &'a Document,
        style: &'a Style,
        fonts: Option<&'a FontSet>,
        faces: &'a Faces,
        pages: &'a BTreeMap<String, String>,
    ) -> Writer<'a> {
        let text: usize = doc.meta.title.len() + 64 * doc.blocks.len();
        let mut out = String::with_capacity(4096 + text * 2);
        out.push_str(DECLARATION);
        let _ = write!(out, "<w:document{BODY_NAMESPACES}><w:body>");
        let out_len = out.len();
        Writer {
            doc,
            style,
            fonts,
            faces,
            context: look_of(style, Element::Body),
            m: Metrics::of(style),
            out,
            notes: String::new(),
            note_count: 0,
            in_note: false,
            note_ref_pending: false,
            end_label_pending: None,
            rels: [Vec::new(), Vec::new()],
            rel_ids: BTreeMap::new(),
            media: Vec::new(),
            media_paths: BTreeMap::new(),
            bookmarks: bookmark_names(doc),
            placed: BTreeSet::new(),
            pages,
            bookmark_count: 0,
            drawing_count: 0,
            upright_count: 0,
            numbering: Numbering::default(),
            warnings: Vec::new(),
            last_was_table: false,
            quote_depth: 0,
            checkbox: None,
            footers: page::footers(style),
            section: Start::First,
            section_start: out_len,
            chapter_head: None,
            ruby_open: (0, String::new()),
        }
    }

    /// The title and subtitle, as `Title` and `Subtitle` paragraphs.
    pub(super) fn front(&mut self, meta: &Metadata) {
        self.context = look_of(self.style, Element::Title);
        if !meta.title.is_empty() {
            let title = self.title_lines(&meta.title);
            self.text_paragraph(id::TITLE, &title);
        }
        if let Some(sub) = meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
            self.context = look_of(self.style, Element::Subtitle);
            self.text_paragraph(id::SUBTITLE, sub);
        }
        // Authors and date on one line, an ideographic space apart, as the PDF sets them.
        let byline: Vec<&str> = meta
            .authors
            .iter()
            .map(String::as_str)
            .chain(meta.date.as_deref().filter(|_| !self.doc.dates_itself()))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if !byline.is_empty() {
            self.context = look_of(self.style, Element::Byline);
            self.text_paragraph(id::BYLINE, &byline.join("\u{3000}"));
        }
        self.context = look_of(self.style, Element::Body);
    }

    /// A title with line breaks between words where it runs over lines, balanced
    /// (`layout::title`, GB/T 9704 §7.3.1), measured as Word sets it: Han one em, Latin half.
    pub(super) fn title_lines(&self, title: &str) -> String {
        let size = self.style.look(Element::Title).size;
        let avail = self.style.text_width() * crate::style::PT_PER_MM / size - 0.5;
        let em = |c: char| if c.is_ascii() { 0.5 } else { 1.0 };
        let starts = crate::layout::title::breaks(title, em, avail).unwrap_or_default();
        let mut out = String::with_capacity(title.len() + starts.len());
        for (i, c) in title.chars().enumerate() {
            if starts.contains(&i) {
                out.push('\n');
            }
            out.push(c);
        }
        out
    }

    fn text_paragraph(&mut self, style: &str, text: &str) {
        self.out.push_str("<w:p>");
        PPr {
            style: Some(style),
            ..PPr::default()
        }
        .write(&mut self.out);
        self.text(text, Marks::default());
        self.out.push_str("</w:p>");
    }

    /// A table of contents: a `TOC` field (ECMA-376 Part 1, §17.16.5.68) whose cached result
    /// already lists the headings as links with the page numbers of our own layout, so that it
    /// reads right when opened, before any field update; the field is marked dirty (§17.16.18)
    /// and the settings ask for an update on open, so that Word and WPS renumber it.
    pub(super) fn toc(&mut self) {
        let entries = plan::contents(self.doc, self.style);
        if entries.is_empty() {
            self.warnings.push(Warning::info(
                "docx: no headings, so no table of contents".to_string(),
            ));
            return;
        }
        self.out.push_str(
            "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/>\
             <w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>",
        );
        // The heading is outside the field, so that updating the field keeps it.
        self.context = look_of(self.style, Element::TocTitle);
        // After a title page (the book preset) the contents starts a page, as in the PDF, so
        // that the page numbers of our layout are the pages LibreOffice shows.
        self.out.push_str("<w:p>");
        PPr {
            style: Some(id::TOC_HEADING),
            page_break_before: self.style.title_page && !self.doc.meta.title.is_empty(),
            ..PPr::default()
        }
        .write(&mut self.out);
        self.text(plan::toc_title(&self.doc.meta.lang), Marks::default());
        self.out.push_str("</w:p>");
        let last = entries.len() - 1;
        let depth = self.style.toc_depth;
        for (k, entry) in entries.iter().enumerate() {
            let level = entry.level;
            self.context = look_of(self.style, Element::TocEntry(level));
            self.out.push_str("<w:p>");
            PPr {
                style: Some(id::toc(level)),
                ..PPr::default()
            }
            .write(&mut self.out);
            if k == 0 {
                // `\\o` takes the heading styles down to the preset's depth, `\\f` the `TC`
                // fields of run-in headings, so that an update keeps the same entries.
                let _ = write!(
                    self.out,
                    "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> \
                     TOC \\o \"1-{depth}\" \\f \\l \"1-{depth}\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                );
            }
            let (text, heading_id) = (entry.title.as_str(), entry.id.as_str());
            let page = self.pages.get(heading_id).cloned();
            match self.bookmarks.get(heading_id).cloned() {
                Some(name) => {
                    self.out.push_str("<w:hyperlink w:anchor=\"");
                    escape_into(&mut self.out, &name);
                    self.out.push_str("\" w:history=\"1\">");
                    self.text(text, Marks::default());
                    if let Some(page) = page {
                        self.page_ref(&name, &page);
                    }
                    self.out.push_str("</w:hyperlink>");
                }
                None => self.text(text, Marks::default()),
            }
            if k == last {
                self.out
                    .push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
            }
            self.out.push_str("</w:p>");
        }
        self.out.push_str("</w:sdtContent></w:sdt>");
    }

    /// A contents entry's page number: a tab to the style's right-aligned, dot-led stop and a
    /// `PAGEREF` field (ECMA-376 Part 1, §17.16.5.45) whose cached result is `page`, the number
    /// our own layout prints, as Word writes its contents entries.
    fn page_ref(&mut self, bookmark: &str, page: &str) {
        self.out.push_str("<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGEREF ");
        escape_into(&mut self.out, bookmark);
        let _ = write!(
            self.out,
            " \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        );
    }

    /// The notes the body never refers to (`plan::note_places`), after the body in the
    /// footnote style, each led by its number: no note is dropped.
    pub(super) fn end_notes(&mut self) {
        let places = plan::note_places(self.doc);
        let doc = self.doc;
        for (index, note) in doc.notes.iter().enumerate() {
            if places[index] != plan::NotePlace::End {
                continue;
            }
            self.in_note = true;
            self.end_label_pending = Some(index + 1);
            self.context = look_of(self.style, Element::NoteText);
            self.blocks(&note.blocks, Place::Note);
            if self.end_label_pending.is_some() || self.last_was_table {
                self.out.push_str("<w:p>");
                PPr {
                    style: Some(id::FOOTNOTE_TEXT),
                    ..PPr::default()
                }
                .write(&mut self.out);
                self.note_ref();
                self.out.push_str("</w:p>");
                self.last_was_table = false;
            }
            self.in_note = false;
        }
    }

    pub(super) fn blocks(&mut self, blocks: &'a [Block], place: Place) {
        for block in blocks {
            self.block(block, place);
        }
    }

    fn block(&mut self, block: &'a Block, place: Place) {
        let after_table = std::mem::replace(&mut self.last_was_table, false);
        self.context = match block {
            Block::Heading { level, .. } => look_of(self.style, Element::Heading(*level)),
            Block::CodeBlock { .. } => look_of(self.style, Element::Code),
            _ => look_of(self.style, Element::Body),
        };
        match block {
            Block::Heading {
                level,
                attr,
                inlines,
            } => self.heading(*level, &attr.id, inlines),
            // An official element where the style does not place it (`gongwen`): a paragraph.
            Block::Paragraph { inlines } | Block::Official { inlines, .. } => self.paragraph(
                PPr {
                    style: Some(place.style()),
                    ind: self.nested_quote_indent(place),
                    ..PPr::default()
                },
                inlines,
            ),
            Block::RunIn {
                level,
                attr,
                heading,
                inlines,
            } => self.run_in(place, *level, &attr.id, heading, inlines),
            Block::Salutation { inlines } => self.paragraph(
                PPr {
                    style: Some(if place == Place::Note {
                        id::FOOTNOTE_TEXT
                    } else {
                        id::SALUTATION
                    }),
                    ..PPr::default()
                },
                inlines,
            ),
            Block::BlockQuote { blocks, .. } => {
                self.quote_depth += 1;
                self.blocks(
                    blocks,
                    if place == Place::Note {
                        Place::Note
                    } else {
                        Place::Quote
                    },
                );
                self.quote_depth -= 1;
            }
            Block::List {
                ordered,
                start,
                items,
                ..
            } => self.list(*ordered, *start, items, 0),
            Block::Table {
                align, head, rows, ..
            } => {
                // Two tables with nothing between them would merge into one in Word.
                if after_table {
                    self.out.push_str("<w:p/>");
                }
                self.table(align, head, rows);
                self.last_was_table = true;
            }
            Block::CodeBlock { text, .. } => self.literal(id::CODE, text),
            Block::Html { text } => self.literal(id::NORMAL, text),
            Block::ThematicBreak => {
                self.out.push_str("<w:p>");
                PPr {
                    rule_below: true,
                    spacing: Some(Spacing {
                        before: None,
                        after: Some(self.m.pitch / 2),
                        line: None,
                    }),
                    ..PPr::default()
                }
                .write(&mut self.out);
                self.note_ref();
                self.out.push_str("</w:p>");
            }
        }
    }

    fn heading(&mut self, level: u8, heading_id: &'a str, inlines: &'a [Inline]) {
        self.chapter(level, crate::model::plain_text(inlines).trim());
        self.out.push_str("<w:p>");
        PPr {
            style: Some(id::heading(level)),
            ..PPr::default()
        }
        .write(&mut self.out);
        self.note_ref();
        let mark = self.bookmark_start(heading_id);
        self.inlines(inlines, Marks::default());
        self.bookmark_end(mark);
        self.out.push_str("</w:p>");
    }

    /// A paragraph led by a run-in heading: the lead takes the heading's linked character style
    /// and a bookmark, the text continues on the same line.
    fn run_in(
        &mut self,
        place: Place,
        level: u8,
        heading_id: &'a str,
        heading: &'a [Inline],
        inlines: &'a [Inline],
    ) {
        self.out.push_str("<w:p>");
        PPr {
            style: Some(place.style()),
            ..PPr::default()
        }
        .write(&mut self.out);
        self.note_ref();
        if level <= self.style.toc_depth {
            // A `TC` field (ECMA-376 Part 1, §17.16.5.69) puts the lead into the contents when
            // Word updates the `TOC` field, as the other formats list it.
            self.out.push_str(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TC \"",
            );
            let lead = plain_text(heading).replace('"', "\u{201D}");
            escape_into(&mut self.out, lead.trim());
            let _ = write!(
                self.out,
                "\" \\l {level} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            );
        }
        let mark = self.bookmark_start(heading_id);
        self.context = look_of(self.style, Element::RunIn(level));
        self.inlines(
            heading,
            Marks {
                lead: Some(level.clamp(1, 6)),
                ..Marks::default()
            },
        );
        self.bookmark_end(mark);
        self.context = look_of(self.style, Element::Body);
        self.inlines(inlines, Marks::default());
        self.out.push_str("</w:p>");
    }

    /// A paragraph. One that holds only images becomes a centred `Figure`; one with an image in
    /// its text gets single line spacing, as an exact line height would crop the image.
    /// A quote inside a quote stands in by one more step (two characters) on the left, so that
    /// the nesting stays visible as in the other formats; the `Quote` style is one step.
    fn nested_quote_indent(&self, place: Place) -> Option<Ind> {
        if place != Place::Quote || self.quote_depth < 2 {
            return None;
        }
        let depth = i64::from(self.quote_depth);
        Some(Ind {
            left: Some(2 * self.m.em * depth),
            left_chars: Some(200 * depth),
            right: Some(2 * self.m.em),
            right_chars: Some(200),
            ..self.m.first_line(self.style.indent_em)
        })
    }

    pub(super) fn paragraph(&mut self, mut ppr: PPr<'_>, inlines: &'a [Inline]) {
        let mut images = 0;
        let mut other = false;
        for inline in inlines {
            match inline {
                Inline::Image { .. } => images += 1,
                Inline::Text(t) if t.trim().is_empty() => {}
                Inline::LineBreak => {}
                i if has_image(std::slice::from_ref(i)) => {
                    images += 1;
                    other = true;
                }
                _ => other = true,
            }
        }
        if images > 0 && !other {
            ppr.style = Some(id::FIGURE);
        } else if images > 0 {
            ppr.spacing = Some(Spacing {
                line: Some(Line::Auto(240)),
                ..Spacing::default()
            });
        } else if has(inlines, &|i| matches!(i, Inline::Ruby { .. })) {
            // An exact line height would set the reading over the line above (LibreOffice
            // draws it there); at least the pitch lets a line with ruby grow.
            let pitch = self.style.look(Element::Body).pitch;
            ppr.spacing = Some(Spacing {
                line: Some(Line::AtLeast((pitch * 20.0).round() as i64)),
                ..Spacing::default()
            });
        }
        self.out.push_str("<w:p>");
        ppr.write(&mut self.out);
        self.note_ref();
        if let Some(checked) = self.checkbox.take() {
            self.checkbox(checked);
        }
        self.inlines(inlines, Marks::default());
        self.out.push_str("</w:p>");
    }

    /// Code and raw HTML: one paragraph, lines kept with breaks, spaces and tabs kept.
    fn literal(&mut self, style: &str, text: &str) {
        self.out.push_str("<w:p>");
        PPr {
            style: (style != id::NORMAL).then_some(style),
            ..PPr::default()
        }
        .write(&mut self.out);
        self.note_ref();
        let text = text.strip_suffix('\n').unwrap_or(text);
        self.text(text, Marks::default());
        self.out.push_str("</w:p>");
    }

    fn list(&mut self, ordered: bool, start: u64, items: &'a [ListItem], level: u32) {
        let ordered_num = ordered.then(|| self.numbering.ordered(level, start));
        for item in items {
            // A task item has no list marker: its first paragraph starts with a check box.
            let num = match (item.task, ordered_num) {
                (Some(_), _) => None,
                (None, Some(n)) => Some(n),
                (None, None) => Some(self.numbering.bullet()),
            };
            self.checkbox = item.task;
            let mut number = num;
            for block in &item.blocks {
                match block {
                    Block::List {
                        ordered,
                        start,
                        items,
                        ..
                    } => self.list(*ordered, *start, items, level + 1),
                    Block::Paragraph { inlines } | Block::Salutation { inlines } => {
                        let ppr = self.item_ppr(level, number.take());
                        self.paragraph(ppr, inlines);
                    }
                    other => {
                        if let Some(n) = number.take() {
                            let ppr = self.item_ppr(level, Some(n));
                            self.paragraph(ppr, &[]);
                        }
                        self.block(other, Place::Body);
                    }
                }
            }
            if let Some(n) = number {
                let ppr = self.item_ppr(level, Some(n));
                self.paragraph(ppr, &[]);
            }
        }
    }

    /// A task item's check box: a content control (Word 2010's `w14:checkbox`, [MS-DOCX]
    /// §2.6.1.3) that Word and LibreOffice toggle with a click and that keeps its state, drawn
    /// as □ or ■ like the other formats' boxes.
    fn checkbox(&mut self, checked: bool) {
        let (on, shown) = if checked { (1, "■") } else { (0, "□") };
        // Half a character of letter spacing after the box sets it off from the text without a
        // space character in the item's text.
        let gap = self.m.em / 2;
        let _ = write!(
            self.out,
            "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"{on}\"/>\
             <w14:checkedState w14:val=\"25A0\"/><w14:uncheckedState w14:val=\"25A1\"/>\
             </w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:spacing w:val=\"{gap}\"/></w:rPr>\
             <w:t>{shown}</w:t></w:r></w:sdtContent></w:sdt>"
        );
    }

    /// The first paragraph of an item carries the number; later ones align with its text.
    fn item_ppr(&self, level: u32, num: Option<u32>) -> PPr<'static> {
        PPr {
            style: Some(id::LIST),
            num: num.map(|n| (n, level.min(8))),
            ind: num.is_none().then(|| Ind {
                left: Some(2 * self.m.em * i64::from(level.min(8) + 2)),
                ..Ind::default()
            }),
            ..PPr::default()
        }
    }

    fn table(&mut self, align: &[Align], head: &'a [Vec<Inline>], rows: &'a [Vec<Vec<Inline>>]) {
        let cols = rows
            .iter()
            .map(Vec::len)
            .chain([head.len(), align.len()])
            .max()
            .unwrap_or(0)
            .max(1);
        let widths = column_widths(
            cols,
            std::iter::once(head).chain(rows.iter().map(Vec::as_slice)),
            twips_mm(self.style.text_width()),
            self.m.em,
        );
        let _ = write!(
            self.out,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
             <w:tblLook w:val=\"{}\" w:firstRow=\"{}\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" \
             w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            id::TABLE,
            if head.is_empty() { "0600" } else { "0620" },
            u8::from(!head.is_empty()),
        );
        for col in &widths {
            let _ = write!(self.out, "<w:gridCol w:w=\"{col}\"/>");
        }
        self.out.push_str("</w:tblGrid>");
        if !head.is_empty() {
            self.row(head, true, &widths, align);
        }
        for row in rows {
            self.row(row, false, &widths, align);
        }
        self.out.push_str("</w:tbl>");
    }

    fn row(&mut self, cells: &'a [Vec<Inline>], header: bool, widths: &[i64], align: &[Align]) {
        self.context = look_of(
            self.style,
            if header {
                Element::TableHead
            } else {
                Element::TableCell
            },
        );
        self.out.push_str("<w:tr>");
        if header {
            // Repeated at the top of each page the table runs over.
            self.out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for (c, col) in widths.iter().enumerate() {
            let _ = write!(
                self.out,
                "<w:tc><w:tcPr><w:tcW w:w=\"{col}\" w:type=\"dxa\"/></w:tcPr>"
            );
            let jc = match align.get(c) {
                Some(Align::Left) => Some("left"),
                Some(Align::Center) => Some("center"),
                Some(Align::Right) => Some("right"),
                _ => None,
            };
            let inlines = cells.get(c).map_or(&[][..], Vec::as_slice);
            self.paragraph(
                PPr {
                    jc,
                    ..PPr::default()
                },
                inlines,
            );
            self.out.push_str("</w:tc>");
        }
        self.out.push_str("</w:tr>");
    }

    /// Opens the bookmark of a heading, once per document.
    fn bookmark_start(&mut self, heading_id: &'a str) -> Option<u32> {
        let name = self.bookmarks.get(heading_id)?;
        if !self.placed.insert(heading_id) {
            return None;
        }
        let n = self.bookmark_count;
        self.bookmark_count += 1;
        let _ = write!(self.out, "<w:bookmarkStart w:id=\"{n}\" w:name=\"");
        escape_into(&mut self.out, name);
        self.out.push_str("\"/>");
        Some(n)
    }

    fn bookmark_end(&mut self, mark: Option<u32>) {
        if let Some(n) = mark {
            let _ = write!(self.out, "<w:bookmarkEnd w:id=\"{n}\"/>");
        }
    }
}

/// Whether some inlines hold an image, at any depth.
fn has_image(inlines: &[Inline]) -> bool {
    has(inlines, &|i| matches!(i, Inline::Image { .. }))
}

/// Whether an inline of the list, or of its emphasis, strike or link, is `what`.
fn has(inlines: &[Inline], what: &impl Fn(&Inline) -> bool) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => has(c, what),
        Inline::Link { inlines, .. } => has(inlines, what),
        i => what(i),
    })
}

/// The (role, weight) text in `element` is drawn in — what the subsets were cut for — and its
/// size.
pub(super) fn look_of(style: &Style, element: Element) -> (Role, bool, f32) {
    let look = style.look(element);
    (look.role, look.bold, look.size)
}

/// Bookmark names for every heading id of the document, body and notes.
/// Column widths in twips that add up to `total`, sized to the cells' content as CSS 2.1's
/// automatic table layout (§17.5.2.2) does: each column's widest content (`max`) and its widest
/// unbreakable piece (`min`, a Latin word or one Han character), in body characters of `em`
/// twips, plus a character of cell margins. When every column fits at its widest, the spare
/// width goes to the columns in proportion to their content; otherwise each gets its minimum
/// and the rest in proportion to what it lacks, so a long cell wraps while a number column
/// stays narrow.
fn column_widths<'c>(
    cols: usize,
    rows: impl Iterator<Item = &'c [Vec<Inline>]>,
    total: i64,
    em: i64,
) -> Vec<i64> {
    use unicode_width::UnicodeWidthChar;
    let width = |c: char| if c.width() == Some(2) { 1.0 } else { 0.55 };
    let mut max = vec![1.0f64; cols];
    let mut min = vec![1.0f64; cols];
    for (c, cell) in rows.flat_map(|r| r.iter().enumerate()) {
        if c >= cols {
            continue;
        }
        let text = plain_text(cell);
        let mut line = 0.0;
        let mut word = 0.0f64;
        for ch in text.chars() {
            line += width(ch);
            if ch.is_whitespace() || ch.width() == Some(2) {
                min[c] = min[c]
                    .max(word)
                    .max(if ch.is_whitespace() { 0.0 } else { 1.0 });
                word = 0.0;
            } else {
                word += width(ch);
            }
        }
        min[c] = min[c].max(word);
        max[c] = max[c].max(line);
    }
    let margin = 1.0;
    let max: Vec<f64> = max.iter().map(|w| w + margin).collect();
    let min: Vec<f64> = min.iter().map(|w| w + margin).collect();
    let total_em = total as f64 / em.max(1) as f64;
    let sum_max: f64 = max.iter().sum();
    let sum_min: f64 = min.iter().sum();
    let shares: Vec<f64> = if sum_max <= total_em {
        max.iter().map(|w| w / sum_max).collect()
    } else if sum_min < total_em {
        let lack: f64 = max.iter().zip(&min).map(|(a, b)| a - b).sum();
        max.iter()
            .zip(&min)
            .map(|(a, b)| (b + (total_em - sum_min) * (a - b) / lack.max(1e-9)) / total_em)
            .collect()
    } else {
        min.iter().map(|w| w / sum_min).collect()
    };
    let mut widths: Vec<i64> = shares
        .iter()
        .map(|s| (s * total as f64).floor() as i64)
        .collect();
    // Rounding: the last column takes what is left, so the grid spans the text width exactly.
    let used: i64 = widths[..cols - 1].iter().sum();
    widths[cols - 1] = total - used;
    widths
}

fn bookmark_names(doc: &Document) -> BTreeMap<&str, String> {
    fn walk<'d>(blocks: &'d [Block], f: &mut impl FnMut(&'d str)) {
        for b in blocks {
            if let Some((_, heading_id, _)) = b.heading() {
                f(heading_id);
            }
            match b {
                Block::BlockQuote { blocks, .. } => walk(blocks, f),
                Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, f)),
                _ => {}
            }
        }
    }
    let mut ids: Vec<&str> = Vec::new();
    walk(&doc.blocks, &mut |s| ids.push(s));
    for note in &doc.notes {
        walk(&note.blocks, &mut |s| ids.push(s));
    }
    let mut used = BTreeSet::new();
    let mut names = BTreeMap::new();
    for heading_id in ids {
        if !heading_id.is_empty() && !names.contains_key(heading_id) {
            let name = bookmark_name(heading_id, &mut used);
            names.insert(heading_id, name);
        }
    }
    names
}

/// A Word bookmark name for a heading id: letters, digits and `_`, starting with a letter, at most
/// 40 characters (ECMA-376 Part 1, §17.13.6.2; Word ignores longer names), unique.
pub(super) fn bookmark_name(heading_id: &str, used: &mut BTreeSet<String>) -> String {
    let mut base: String = heading_id
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    if !base.starts_with(char::is_alphabetic) {
        base.insert(0, 'h');
    }
    let base: String = base.chars().take(40).collect();
    let mut name = base.clone();
    let mut n = 1;
    while used.contains(&name) {
        let suffix = format!("_{n}");
        name = base.chars().take(40 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    used.insert(name.clone());
    name
}
