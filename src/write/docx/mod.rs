//! The DOCX writer: a Word document made of real styles, that people edit in Word, WPS or
//! LibreOffice and that looks the same where the font is not installed.
//!
//! Every part is written here as WordprocessingML text in schema order: headings, body text,
//! quotes, lists and notes are paragraphs in named styles (`styles`), lists have numbering
//! definitions (`numbering`), the page comes from the preset (`page`), and each font subset travels
//! obfuscated in `word/fonts/` (`embed`). `package` zips the parts deterministically.
//!
//! docx-rs was the first plan; it is not used because its output puts `w:pPr`/`w:rPr` children
//! out of the ECMA-376 sequence (Word drops such properties, Word for the web refuses the file),
//! forces an empty non-default `Normal` style, numbers footnotes, links and images from
//! process-wide counters, and lacks `w:lang`, `firstLineChars`, font embedding and core
//! properties — the post-step would have rewritten nearly every part.

mod embed;
mod numbering;
mod package;
mod page;
mod props;
mod styles;
mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::font::{FontSet, Role, Source, TOC_TITLE};
use crate::model::{Align, Block, Document, Inline, ListItem, Metadata, plain_text};
use crate::style::Style;
use crate::{Context, Error, Warned, Warning};

use embed::Family;
use numbering::Numbering;
use package::{Part, Rel};
use props::{Ind, Line, PPr, RPr, Spacing};
use styles::{Faces, Lang, Metrics, TOC_LEVELS, Typeface, id};
use xml::{DECLARATION, escape, escape_into, twips_mm};

/// Namespaces of parts that hold paragraphs (body and footnotes): drawings need `wp`, `a`, `pic`.
const BODY_NAMESPACES: &str = concat!(
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"",
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"",
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"",
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"",
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
);

/// English Metric Units per millimetre (DrawingML sizes).
const EMU_PER_MM: f64 = 36_000.0;
/// EMU per pixel at 96 dpi.
const EMU_PER_PX: f64 = 9_525.0;

/// Writes `doc` as DOCX.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    let mut warnings = Vec::new();
    let setup = Setup {
        style: ctx.style,
        fonts: ctx
            .fonts
            .faces()
            .any(|(_, f)| f.source != Source::Bundled)
            .then_some(ctx.fonts),
        faces: faces(ctx.fonts, ctx.style),
        families: families(ctx, &mut warnings),
        epoch: ctx.epoch,
    };
    let mut out = build(doc, &setup)?;
    warnings.append(&mut out.warnings);
    out.warnings = warnings;
    Ok(out)
}

/// Everything the writer takes from the context, so that it can be tested without real fonts.
struct Setup<'a> {
    style: &'a Style,
    /// The font set, when it holds user faces whose gaps other faces fill (see `Writer::text`).
    fonts: Option<&'a FontSet>,
    faces: Faces,
    families: Vec<Family<'a>>,
    epoch: i64,
}

/// The primary face of a role, as a style names it. `bold` is bold markup; a role's own weight
/// (the bundled Bold for headings and the title) is the font set's choice.
fn typeface(fonts: &FontSet, role: Role, bold: bool) -> Typeface {
    let face = fonts.face(fonts.primary(role, bold));
    Typeface {
        family: face.family.clone(),
        bold: face.bold,
    }
}

/// The face of each style: the faces `Subsets::build` cut for the same text (title and body in
/// their roles, headings and run-in leads in their level's role, bold).
fn faces(fonts: &FontSet, style: &Style) -> Faces {
    let body = typeface(fonts, style.body_role, false);
    let mono = typeface(fonts, Role::Mono, false);
    // With no monospaced face of its own, code keeps its CJK text in the mono role's face and
    // sets Latin text in Courier New, which every system maps to a metric-compatible face.
    let mono_latin = if mono.family == body.family {
        "Courier New".to_string()
    } else {
        mono.family.clone()
    };
    Faces {
        title: typeface(fonts, style.title_role, false),
        headings: std::array::from_fn(|i| typeface(fonts, style.heading_roles[i], true)),
        body,
        mono,
        mono_latin,
    }
}

/// The embedded families: each subset goes to its face's family, as the regular or bold face.
fn families<'a>(ctx: &Context<'a>, warnings: &mut Vec<Warning>) -> Vec<Family<'a>> {
    let mut by_name: BTreeMap<String, Family<'a>> = BTreeMap::new();
    for (face_id, subset) in &ctx.subsets.by_face {
        let face = ctx.fonts.face(*face_id);
        // Word embeds TrueType outlines only (ECMA-376 Part 1, §17.8.1); a CFF face still
        // travels for LibreOffice and WPS, but Word will substitute it.
        if face.cff {
            warnings.push(Warning::info(format!(
                "docx: {} has CFF outlines, which Word does not use from an embedded font",
                face.postscript_name
            )));
        }
        let family = by_name
            .entry(face.family.clone())
            .or_insert_with(|| Family {
                name: face.family.clone(),
                regular: None,
                bold: None,
                ranges: [0; 4],
            });
        for (bits, more) in family
            .ranges
            .iter_mut()
            .zip(embed::unicode_ranges(subset.chars.iter().copied()))
        {
            *bits |= more;
        }
        let slot = if face.bold {
            &mut family.bold
        } else {
            &mut family.regular
        };
        slot.get_or_insert(subset.ttf.as_slice());
    }
    by_name.into_values().collect()
}

/// Builds the package.
fn build(doc: &Document, setup: &Setup) -> Result<Warned<Vec<u8>>, Error> {
    let style = setup.style;
    let lang = Lang::of(&doc.meta.lang);
    let mut w = Writer::new(doc, style, setup.fonts);
    w.front(&doc.meta);
    if style.toc {
        w.toc();
    }
    w.blocks(&doc.blocks, Place::Body);
    if w.last_was_table || w.out.ends_with("<w:body>") {
        w.out.push_str("<w:p/>");
    }

    let footers = page::footers(style);
    w.out.push_str(&page::section(style, &footers));
    w.out.push_str("</w:body></w:document>");

    let fonts = embed::font_table(&setup.families, lang.charset);
    let numbering = w.numbering.xml(w.m.em);
    let has_notes = w.note_count > 0;

    let mut doc_rels = vec![
        part_rel("rIdStyles", "styles", "styles.xml"),
        part_rel("rIdSettings", "settings", "settings.xml"),
        part_rel("rIdFontTable", "fontTable", "fontTable.xml"),
    ];
    if numbering.is_some() {
        doc_rels.push(part_rel("rIdNumbering", "numbering", "numbering.xml"));
    }
    if has_notes {
        doc_rels.push(part_rel("rIdFootnotes", "footnotes", "footnotes.xml"));
    }
    for f in &footers {
        let target = f.path.trim_start_matches("word/").to_string();
        doc_rels.push(Rel {
            id: f.rel_id.clone(),
            kind: "footer",
            target,
            external: false,
        });
    }
    doc_rels.append(&mut w.rels[0]);

    let settings = package::settings_xml(&package::Settings {
        embed_fonts: !fonts.parts.is_empty(),
        even_and_odd: page::even_and_odd(style),
        footnotes: has_notes,
        tab_stop: 2 * w.m.em,
        lang: (lang.latin, &lang.east_asia),
    });

    let mut parts = vec![
        Part::xml("_rels/.rels", package::package_rels()),
        Part::xml(
            "docProps/core.xml",
            package::core_xml(&doc.meta, &lang.east_asia, setup.epoch),
        ),
        Part::xml("docProps/app.xml", package::app_xml()),
        Part::xml("word/document.xml", std::mem::take(&mut w.out)),
        Part::xml("word/_rels/document.xml.rels", package::rels_xml(&doc_rels)),
        Part::xml(
            "word/styles.xml",
            styles::styles_xml(style, &setup.faces, &lang),
        ),
        Part::xml("word/settings.xml", settings),
        Part::xml("word/fontTable.xml", fonts.xml),
    ];
    if let Some(rels) = fonts.rels {
        parts.push(Part::xml("word/_rels/fontTable.xml.rels", rels));
    }
    if let Some(numbering) = numbering {
        parts.push(Part::xml("word/numbering.xml", numbering));
    }
    if has_notes {
        parts.push(Part::xml("word/footnotes.xml", w.footnotes_xml()));
        if !w.rels[1].is_empty() {
            parts.push(Part::xml(
                "word/_rels/footnotes.xml.rels",
                package::rels_xml(&w.rels[1]),
            ));
        }
    }
    for f in footers {
        parts.push(Part::xml(f.path, f.xml));
    }
    parts.extend(fonts.parts.into_iter().map(|f| Part {
        path: f.path,
        data: f.data,
    }));
    parts.append(&mut w.media);
    parts.insert(
        0,
        Part::xml("[Content_Types].xml", package::content_types(&parts)),
    );

    Ok(Warned {
        value: package::zip(&parts, setup.epoch)?,
        warnings: w.warnings,
    })
}

fn part_rel(rel_id: &str, kind: &'static str, target: &str) -> Rel {
    Rel {
        id: rel_id.to_string(),
        kind,
        target: target.to_string(),
        external: false,
    }
}

/// Where a block stands, which decides the style of its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The body: `Body Text`.
    Body,
    /// Inside a block quote: `Quote`.
    Quote,
    /// Inside a footnote: `footnote text`.
    Note,
}

impl Place {
    fn style(self) -> &'static str {
        match self {
            Place::Body => id::BODY,
            Place::Quote => id::QUOTE,
            Place::Note => id::FOOTNOTE_TEXT,
        }
    }
}

/// The inline formatting in force, mapped to a character style plus what that style lacks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Marks {
    strong: bool,
    emph: bool,
    strike: bool,
    code: bool,
    link: bool,
    /// The level of the run-in heading this text leads with.
    lead: Option<u8>,
}

impl Marks {
    fn rpr(self) -> RPr<'static> {
        let style = if self.link {
            Some(id::HYPERLINK)
        } else if self.code {
            Some(id::INLINE_CODE)
        } else if let Some(level) = self.lead {
            Some(id::heading_char(level))
        } else if self.strong {
            Some(id::STRONG)
        } else if self.emph {
            Some(id::EMPHASIS)
        } else {
            None
        };
        RPr {
            style,
            bold: self.strong && style != Some(id::STRONG),
            emphasis_mark: (self.emph && style != Some(id::EMPHASIS)).then_some("dot"),
            strike: self.strike,
            ..RPr::default()
        }
    }
}

/// The document writer: blocks and inlines to `document.xml` and `footnotes.xml`.
struct Writer<'a> {
    doc: &'a Document,
    style: &'a Style,
    fonts: Option<&'a FontSet>,
    /// The role and weight the text being written is drawn in, as `Subsets::build` sees it.
    context: (Role, bool),
    m: Metrics,
    /// The part being written: `document.xml`, or a footnote while one is written.
    out: String,
    /// Finished footnotes.
    notes: String,
    note_count: u32,
    in_note: bool,
    /// The next paragraph starts with the footnote's own number (`w:footnoteRef`).
    note_ref_pending: bool,
    /// Relationships of `document.xml` (0) and `footnotes.xml` (1), beyond the fixed ones.
    rels: [Vec<Rel>; 2],
    /// Relationship id by (part, target).
    rel_ids: BTreeMap<(usize, String), String>,
    /// Images in `word/media`, and their path by `src`.
    media: Vec<Part>,
    media_paths: BTreeMap<&'a str, String>,
    /// Bookmark name by heading id, and the bookmarks already placed.
    bookmarks: BTreeMap<&'a str, String>,
    placed: BTreeSet<&'a str>,
    bookmark_count: u32,
    drawing_count: u32,
    numbering: Numbering,
    warnings: Vec<Warning>,
    last_was_table: bool,
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document, style: &'a Style, fonts: Option<&'a FontSet>) -> Writer<'a> {
        let text: usize = doc.meta.title.len() + 64 * doc.blocks.len();
        let mut out = String::with_capacity(4096 + text * 2);
        out.push_str(DECLARATION);
        let _ = write!(out, "<w:document{BODY_NAMESPACES}><w:body>");
        Writer {
            doc,
            style,
            fonts,
            context: (style.body_role, false),
            m: Metrics::of(style),
            out,
            notes: String::new(),
            note_count: 0,
            in_note: false,
            note_ref_pending: false,
            rels: [Vec::new(), Vec::new()],
            rel_ids: BTreeMap::new(),
            media: Vec::new(),
            media_paths: BTreeMap::new(),
            bookmarks: bookmark_names(doc),
            placed: BTreeSet::new(),
            bookmark_count: 0,
            drawing_count: 0,
            numbering: Numbering::default(),
            warnings: Vec::new(),
            last_was_table: false,
        }
    }

    /// The title and subtitle, as `Title` and `Subtitle` paragraphs.
    fn front(&mut self, meta: &Metadata) {
        self.context = (self.style.title_role, false);
        if !meta.title.is_empty() {
            self.text_paragraph(id::TITLE, &meta.title);
        }
        if let Some(sub) = meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
            self.text_paragraph(id::SUBTITLE, sub);
        }
        self.context = (self.style.body_role, false);
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
    /// already lists the headings as links, so that it reads right when opened, before any field
    /// update. Updating it in Word adds the page numbers.
    fn toc(&mut self) {
        let entries: Vec<(u8, &'a str, &'a [Inline])> = self
            .doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, id, inlines } if *level <= TOC_LEVELS => {
                    Some((*level, id.as_str(), inlines.as_slice()))
                }
                _ => None,
            })
            .collect();
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
        self.text_paragraph(id::TOC_HEADING, TOC_TITLE);
        let last = entries.len() - 1;
        for (k, (level, heading_id, inlines)) in entries.into_iter().enumerate() {
            self.out.push_str("<w:p>");
            PPr {
                style: Some(id::toc(level)),
                ..PPr::default()
            }
            .write(&mut self.out);
            if k == 0 {
                let _ = write!(
                    self.out,
                    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> \
                     TOC \\o \"1-{TOC_LEVELS}\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                );
            }
            let text = plain_text(inlines);
            match self.bookmarks.get(heading_id).cloned() {
                Some(name) => {
                    self.out.push_str("<w:hyperlink w:anchor=\"");
                    escape_into(&mut self.out, &name);
                    self.out.push_str("\" w:history=\"1\">");
                    self.text(&text, Marks::default());
                    self.out.push_str("</w:hyperlink>");
                }
                None => self.text(&text, Marks::default()),
            }
            if k == last {
                self.out
                    .push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
            }
            self.out.push_str("</w:p>");
        }
        self.out.push_str("</w:sdtContent></w:sdt>");
    }

    fn blocks(&mut self, blocks: &'a [Block], place: Place) {
        for block in blocks {
            self.block(block, place);
        }
    }

    fn block(&mut self, block: &'a Block, place: Place) {
        let after_table = std::mem::replace(&mut self.last_was_table, false);
        self.context = match block {
            Block::Heading { level, .. } => (self.style.heading_role(*level), true),
            Block::CodeBlock { .. } => (Role::Mono, false),
            _ => (self.style.body_role, false),
        };
        match block {
            Block::Heading { level, id, inlines } => self.heading(*level, id, inlines),
            Block::Paragraph { inlines } => self.paragraph(
                PPr {
                    style: Some(place.style()),
                    ..PPr::default()
                },
                inlines,
            ),
            Block::RunIn {
                level,
                id,
                heading,
                inlines,
            } => self.run_in(place, *level, id, heading, inlines),
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
            Block::BlockQuote { blocks } => self.blocks(
                blocks,
                if place == Place::Note {
                    Place::Note
                } else {
                    Place::Quote
                },
            ),
            Block::List {
                ordered,
                start,
                items,
            } => self.list(*ordered, *start, items, 0),
            Block::Table { align, head, rows } => {
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
        let mark = self.bookmark_start(heading_id);
        self.context = (self.style.heading_role(level), true);
        self.inlines(
            heading,
            Marks {
                lead: Some(level.clamp(1, 6)),
                ..Marks::default()
            },
        );
        self.bookmark_end(mark);
        self.context = (self.style.body_role, false);
        self.inlines(inlines, Marks::default());
        self.out.push_str("</w:p>");
    }

    /// A paragraph. One that holds only images becomes a centred `Figure`; one with an image in
    /// its text gets single line spacing, as an exact line height would crop the image.
    fn paragraph(&mut self, mut ppr: PPr<'_>, inlines: &'a [Inline]) {
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
        }
        self.out.push_str("<w:p>");
        ppr.write(&mut self.out);
        self.note_ref();
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
            let num = match (item.task, ordered_num) {
                (Some(checked), _) => self.numbering.task(checked),
                (None, Some(n)) => n,
                (None, None) => self.numbering.bullet(),
            };
            let mut number = Some(num);
            for block in &item.blocks {
                match block {
                    Block::List {
                        ordered,
                        start,
                        items,
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
        let col = twips_mm(self.style.text_width()) / cols as i64;
        let _ = write!(
            self.out,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
             <w:tblLook w:val=\"{}\" w:firstRow=\"{}\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" \
             w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            id::TABLE,
            if head.is_empty() { "0600" } else { "0620" },
            u8::from(!head.is_empty()),
        );
        for _ in 0..cols {
            let _ = write!(self.out, "<w:gridCol w:w=\"{col}\"/>");
        }
        self.out.push_str("</w:tblGrid>");
        if !head.is_empty() {
            self.row(head, true, cols, col, align);
        }
        for row in rows {
            self.row(row, false, cols, col, align);
        }
        self.out.push_str("</w:tbl>");
    }

    fn row(
        &mut self,
        cells: &'a [Vec<Inline>],
        header: bool,
        cols: usize,
        col: i64,
        align: &[Align],
    ) {
        self.context = (self.style.body_role, header);
        self.out.push_str("<w:tr>");
        if header {
            // Repeated at the top of each page the table runs over.
            self.out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for c in 0..cols {
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

    fn inlines(&mut self, inlines: &'a [Inline], marks: Marks) {
        let mut i = 0;
        while i < inlines.len() {
            match &inlines[i] {
                Inline::Text(t) => {
                    // Adjacent text nodes become one run.
                    let end = inlines[i..]
                        .iter()
                        .position(|x| !matches!(x, Inline::Text(_)))
                        .map_or(inlines.len(), |n| i + n);
                    if end == i + 1 {
                        self.text(t, marks);
                    } else {
                        let mut joined = String::new();
                        for x in &inlines[i..end] {
                            if let Inline::Text(t) = x {
                                joined.push_str(t);
                            }
                        }
                        self.text(&joined, marks);
                    }
                    i = end;
                    continue;
                }
                Inline::Emph(c) => self.inlines(
                    c,
                    Marks {
                        emph: true,
                        ..marks
                    },
                ),
                Inline::Strong(c) => self.inlines(
                    c,
                    Marks {
                        strong: true,
                        ..marks
                    },
                ),
                Inline::Strike(c) => self.inlines(
                    c,
                    Marks {
                        strike: true,
                        ..marks
                    },
                ),
                Inline::Code(t) => self.text(
                    t,
                    Marks {
                        code: true,
                        ..marks
                    },
                ),
                Inline::Link { url, inlines } => self.link(url, inlines, marks),
                Inline::Image { src, alt } => self.image(src, alt, marks),
                Inline::LineBreak => self.out.push_str("<w:r><w:br/></w:r>"),
                Inline::NoteRef { index } => self.footnote(*index, marks),
                Inline::Html(t) => self.text(t, marks),
            }
            i += 1;
        }
    }

    /// Text in runs. With user fonts, a stretch the style's face lacks gets the face that
    /// `Subsets::build` picked for it, so that it is drawn from an embedded subset too.
    fn text(&mut self, text: &str, marks: Marks) {
        if text.is_empty() {
            return;
        }
        let Some(fonts) = self.fonts else {
            self.run(text, marks, None);
            return;
        };
        let (role, bold) = if marks.code {
            (Role::Mono, self.context.1 || marks.strong)
        } else {
            (self.context.0, self.context.1 || marks.strong)
        };
        let primary = fonts.primary(role, bold);
        for (face, run) in fonts.runs(role, bold, text) {
            let family = face
                .filter(|&f| f != primary)
                .map(|f| fonts.face(f).family.as_str());
            self.run(run, marks, family);
        }
    }

    /// One run: line feeds become `w:br`, tabs `w:tab` (a line feed inside `w:t` is whitespace
    /// to Word, and a stray one makes it report unreadable content).
    fn run(&mut self, text: &str, marks: Marks, family: Option<&str>) {
        self.out.push_str("<w:r>");
        RPr {
            fonts: family.map(|f| (f, f)),
            ..marks.rpr()
        }
        .write(&mut self.out);
        for (k, line) in text.split('\n').enumerate() {
            if k > 0 {
                self.out.push_str("<w:br/>");
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            for (t, piece) in line.split('\t').enumerate() {
                if t > 0 {
                    self.out.push_str("<w:tab/>");
                }
                if piece.is_empty() {
                    continue;
                }
                let preserve = piece.starts_with(char::is_whitespace)
                    || piece.ends_with(char::is_whitespace)
                    || piece.contains("  ");
                self.out.push_str(if preserve {
                    "<w:t xml:space=\"preserve\">"
                } else {
                    "<w:t>"
                });
                escape_into(&mut self.out, piece);
                self.out.push_str("</w:t>");
            }
        }
        self.out.push_str("</w:r>");
    }

    /// A link: to a heading's bookmark when it names one (`#id`), otherwise to its URL.
    fn link(&mut self, url: &str, inlines: &'a [Inline], marks: Marks) {
        let inner = Marks {
            link: true,
            ..marks
        };
        if let Some(fragment) = url.strip_prefix('#') {
            if let Some(name) = self.bookmarks.get(fragment).cloned() {
                self.out.push_str("<w:hyperlink w:anchor=\"");
                escape_into(&mut self.out, &name);
                self.out.push_str("\" w:history=\"1\">");
                self.inlines(inlines, inner);
                self.out.push_str("</w:hyperlink>");
            } else {
                self.warnings.push(Warning::info(format!(
                    "docx: link to #{fragment} names no heading; written as text"
                )));
                self.inlines(inlines, marks);
            }
            return;
        }
        if url.is_empty() {
            self.inlines(inlines, marks);
            return;
        }
        let rel = self.rel("hyperlink", url, true);
        let _ = write!(self.out, "<w:hyperlink r:id=\"{rel}\" w:history=\"1\">");
        self.inlines(inlines, inner);
        self.out.push_str("</w:hyperlink>");
    }

    /// The relationship id of `target` from the part being written, made on first use.
    fn rel(&mut self, kind: &'static str, target: &str, external: bool) -> String {
        let part = usize::from(self.in_note);
        if let Some(id) = self.rel_ids.get(&(part, target.to_string())) {
            return id.clone();
        }
        let id = format!("rId{}", self.rels[0].len() + self.rels[1].len() + 1);
        self.rels[part].push(Rel {
            id: id.clone(),
            kind,
            target: target.to_string(),
            external,
        });
        self.rel_ids.insert((part, target.to_string()), id.clone());
        id
    }

    /// An inline picture (ECMA-376 Part 1, §20.4.2.8), at 96 dpi, scaled down to fit the text
    /// block. An image that could not be loaded leaves its alt text.
    fn image(&mut self, src: &'a str, alt: &str, marks: Marks) {
        let resource = self.doc.resources.get(src);
        let ext = match resource.map(|r| r.mime) {
            Some("image/png") => "png",
            Some("image/jpeg") => "jpeg",
            _ => {
                self.warnings.push(Warning::warn(format!(
                    "docx: image {src} is not available; its alt text stands in its place"
                )));
                self.text(alt, marks);
                return;
            }
        };
        let Some(res) = resource else { return };
        let target = match self.media_paths.get(src) {
            Some(t) => t.clone(),
            None => {
                let n = self.media.len() + 1;
                self.media.push(Part {
                    path: format!("word/media/image{n}.{ext}"),
                    data: res.data.clone(),
                });
                let t = format!("media/image{n}.{ext}");
                self.media_paths.insert(src, t.clone());
                t
            }
        };
        let rel = self.rel("image", &target, false);
        let (w, h) = (
            f64::from(res.width.max(1)) * EMU_PER_PX,
            f64::from(res.height.max(1)) * EMU_PER_PX,
        );
        let max_w = f64::from(self.style.text_width()) * EMU_PER_MM;
        let max_h = f64::from(self.style.text_height()) * EMU_PER_MM * 0.9;
        let scale = (max_w / w).min(max_h / h).min(1.0);
        let (cx, cy) = ((w * scale).round() as i64, (h * scale).round() as i64);
        self.drawing_count += 1;
        let n = self.drawing_count;
        let alt = escape(alt);
        let name = target.rsplit('/').next().unwrap_or_default().to_string();
        self.out.push_str("<w:r>");
        marks.rpr().write(&mut self.out);
        let _ = write!(
            self.out,
            "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
             <wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{alt}\"/>\
             <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
             <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>\
             <pic:nvPicPr><pic:cNvPr id=\"0\" name=\"{name}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"{rel}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
             <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
             </wp:inline></w:drawing></w:r>"
        );
    }

    /// A footnote reference, with the note written into `footnotes.xml` (ECMA-376 Part 1,
    /// §17.11). Word has no notes inside notes: there the number stays as superscript text.
    fn footnote(&mut self, index: usize, marks: Marks) {
        let Some(note) = self.doc.notes.get(index) else {
            self.warnings.push(Warning::warn(format!(
                "docx: footnote {} has no text",
                index + 1
            )));
            return;
        };
        if self.in_note {
            self.out.push_str("<w:r>");
            RPr {
                vert_align: Some("superscript"),
                ..marks.rpr()
            }
            .write(&mut self.out);
            let _ = write!(self.out, "<w:t>{}</w:t></w:r>", index + 1);
            return;
        }
        self.note_count += 1;
        let n = self.note_count;
        let _ = write!(
            self.out,
            "<w:r><w:rPr><w:rStyle w:val=\"{}\"/></w:rPr><w:footnoteReference w:id=\"{n}\"/></w:r>",
            id::FOOTNOTE_REF
        );
        let body = std::mem::replace(&mut self.out, String::with_capacity(256));
        let after_table = std::mem::replace(&mut self.last_was_table, false);
        let context = self.context;
        self.in_note = true;
        self.note_ref_pending = true;
        let _ = write!(self.out, "<w:footnote w:id=\"{n}\">");
        self.blocks(&note.blocks, Place::Note);
        if self.note_ref_pending || self.last_was_table {
            self.out.push_str("<w:p>");
            PPr {
                style: Some(id::FOOTNOTE_TEXT),
                ..PPr::default()
            }
            .write(&mut self.out);
            self.note_ref();
            self.out.push_str("</w:p>");
        }
        self.out.push_str("</w:footnote>");
        let note_xml = std::mem::replace(&mut self.out, body);
        self.notes.push_str(&note_xml);
        self.in_note = false;
        self.context = context;
        self.last_was_table = after_table;
    }

    /// The footnote's own number at the start of its first paragraph.
    fn note_ref(&mut self) {
        if self.note_ref_pending {
            self.note_ref_pending = false;
            let _ = write!(
                self.out,
                "<w:r><w:rPr><w:rStyle w:val=\"{}\"/></w:rPr><w:footnoteRef/></w:r>",
                id::FOOTNOTE_REF
            );
        }
    }

    fn footnotes_xml(&self) -> String {
        let separator =
            "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>";
        format!(
            "{DECLARATION}<w:footnotes{BODY_NAMESPACES}>\
             <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p>{separator}<w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p>{separator}<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
             {}</w:footnotes>",
            self.notes
        )
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
    inlines.iter().any(|i| match i {
        Inline::Image { .. } => true,
        Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => has_image(c),
        Inline::Link { inlines, .. } => has_image(inlines),
        _ => false,
    })
}

/// Bookmark names for every heading id of the document, body and notes.
fn bookmark_names(doc: &Document) -> BTreeMap<&str, String> {
    fn walk<'d>(blocks: &'d [Block], f: &mut impl FnMut(&'d str)) {
        for b in blocks {
            if let Some((_, heading_id, _)) = b.heading() {
                f(heading_id);
            }
            match b {
                Block::BlockQuote { blocks } => walk(blocks, f),
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
fn bookmark_name(heading_id: &str, used: &mut BTreeSet<String>) -> String {
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

#[cfg(test)]
mod tests;
