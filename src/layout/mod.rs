//! CJK line breaking, justification and pagination for the PDF writer (no PDF types here).
//!
//! [`print()`] turns the model into pages of positioned glyph runs, rules, pictures and link
//! boxes, in points from the page's top-left corner; `write::pdf` only serializes them. The
//! stages, one file each: [`class`] (kinsoku tables) → [`linebreak`] (lines of one paragraph:
//! characters and inline boxes) → `flow` (blocks into a list of slots along the block axis,
//! with ruby over its base and pictures on the line) → `paginate` (slots into pages, footnotes,
//! page numbers, table of contents) → [`orient`] (logical inline/block positions to the
//! page's x and y).

pub mod class;
mod colophon;
mod columns;
mod fill;
mod flow;
pub mod linebreak;
pub mod orient;
mod paginate;
pub mod tags;
pub mod title;

use std::ops::Range;

use crate::font::{FaceId, FontSet, Role};
use crate::model::Document;
use crate::style::Style;

/// How a character is drawn: by which face, how wide, and whether emboldened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    /// The face.
    pub face: FaceId,
    /// The advance in em.
    pub advance: f32,
    /// Bold was asked for but the face is not bold (the role has no bold face): drawn bold by
    /// stroking the outline.
    pub embolden: bool,
    /// For a mark with a compressible half, the left and right edges of its ink as shares of
    /// its advance (`class::blank_of` reads them); `None` otherwise or when unknown.
    pub ink: Option<(f32, f32)>,
    /// The same down a vertical column, where the mark is drawn in its vertical form: the top
    /// and bottom edges of that form's ink as shares of its 1-em cell (`Face::column_ink`).
    pub column_ink: Option<(f32, f32)>,
    /// The size the glyph is drawn at as a share of the text's: an ideograph from a fallback
    /// face scaled to look as large as the role face's (`FontSet::blend_scale`); else 1. Its
    /// cell stays a full em.
    pub scale: f32,
}

/// How a glyph drawn at `scale` of the text's `size` sits on the line's `baseline` (y down): its
/// size and its baseline, and the text's size if it differs ([`Run::text_size`]). A stand-in
/// ideograph set smaller or larger (`Pick::scale`) keeps its em box's middle on the line's; it is
/// centred across its cell where it is drawn.
pub fn blended(scale: f32, size: f32, baseline: f32) -> (f32, f32, Option<f32>) {
    if scale == 1.0 {
        return (size, baseline, None);
    }
    (
        size * scale,
        baseline - MIDDLE * size * (1.0 - scale),
        Some(size),
    )
}

/// Where the glyph metrics come from: the font set, or fake widths in tests.
pub trait Measure {
    /// The face that draws `c` in `role` (bold or not); `None` when no face covers it.
    fn glyph(&self, role: Role, bold: bool, c: char) -> Option<Pick>;
}

impl Measure for FontSet {
    fn glyph(&self, role: Role, bold: bool, c: char) -> Option<Pick> {
        let id = self.pick(role, bold, c)?;
        let face = self.face(id);
        Some(Pick {
            face: id,
            advance: face.advance(c)?,
            embolden: bold && !face.bold,
            // Read for the marks compression may narrow: a glyph's outline is parsed once per
            // (role, weight, character), not for every ideograph.
            ink: class::compressible(c).then(|| face.ink(c)).flatten(),
            column_ink: class::compressible(c)
                .then(|| face.column_ink(c, ASCENT))
                .flatten(),
            scale: if class::is_han(c) {
                self.blend_scale(role, bold, id)
            } else {
                1.0
            },
        })
    }
}

/// The ascent of the ideographic em box as a share of the em: glyphs are set so that the em
/// box (0.88 above, 0.12 below the baseline in CJK fonts' OS/2 typo metrics) is centred in its
/// line.
pub const ASCENT: f32 = 0.88;

/// The height of the middle of the ideographic em box above the baseline, in em: where `——`
/// and `……` are drawn (GB/T 15834-2011 §4.9, §4.10: the marks sit in the middle of the line).
pub const MIDDLE: f32 = ASCENT - 0.5;

/// One glyph: its character and the x of its pen position, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The character.
    pub ch: char,
    /// The x of the glyph's origin.
    pub x: f32,
}

/// What colour something is drawn in; the writer picks the actual colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Body text.
    Text,
    /// Link text.
    Link,
    /// Secondary text and rules (captions, page numbers, quote bars).
    Muted,
    /// A light background (code blocks).
    Shade,
    /// The red of an official document's issuer mark and header rule (GB/T 9704 §7.2.4,
    /// §7.2.7; `gongwen::RED`).
    Red,
}

/// Glyphs of one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The face, or `None` for characters no face covers (drawn as a blank box, kept as text).
    pub face: Option<FaceId>,
    /// Font size in points.
    pub size: f32,
    /// Drawn bold by stroking the outline as well as filling it.
    pub embolden: bool,
    /// The baseline's y.
    pub y: f32,
    /// Colour.
    pub ink: Ink,
    /// The glyphs, as indices into [`Page::glyphs`].
    pub glyphs: Range<usize>,
    /// Text only, not drawn (PDF text rendering mode 3): the characters of `——` and `……`,
    /// which a rule or a row of dots draws across their cells. Each glyph fills its cell, from
    /// its `x` to the next one's, so that text extraction copies the marks without spaces.
    pub hidden: bool,
    /// The structure node whose content this is; `None` for an artifact (a page number, a
    /// running head).
    pub node: Option<tags::NodeId>,
    /// For stand-in ideographs set at another size than their text's ([`blended`]): the text's
    /// size. Each glyph's `x` is then its cell's start, the cell as wide as the glyph at that
    /// size.
    pub text_size: Option<f32>,
}

impl Run {
    /// A run of plain, regular-weight text holding the single glyph at `glyph`.
    pub fn plain(face: Option<FaceId>, size: f32, y: f32, glyph: usize) -> Run {
        Run {
            face,
            size,
            embolden: false,
            y,
            ink: Ink::Text,
            glyphs: glyph..glyph + 1,
            hidden: false,
            node: None,
            text_size: None,
        }
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An external address, shared by every line's link box (a long address on many lines is
    /// stored once).
    Uri(std::sync::Arc<str>),
    /// A heading of this document, by index into [`Layout::anchors`].
    Anchor(usize),
    /// The text of footnote `index` (a mark's link), found in [`Layout::notes`].
    Note {
        /// The note.
        index: usize,
        /// The mark is in another note's text: the note links back to a mark in the body
        /// before one in a note, as the HTML's back-link goes to the first reference.
        nested: bool,
    },
    /// The mark that refers to footnote `index` (the link on the note's number), found in
    /// [`Layout::notes`].
    NoteMark(usize),
}

/// A place a link lands on: a page and the top of the line there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spot {
    /// The page index (0-based).
    pub page: usize,
    /// The y of the top of the line (or of the link's box on it).
    pub y: f32,
}

/// Where a footnote's text and the mark that refers to it were set: the two ends of the links
/// between them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NoteSpots {
    /// The note's number at the start of its text.
    pub text: Option<Spot>,
    /// The first mark in the body that refers to the note, or else the first in another note.
    pub mark: Option<Spot>,
}

/// Anything on a page besides text.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A straight line from (x0, y0) to (x1, y1).
    Rule {
        /// Start x.
        x0: f32,
        /// Start y.
        y0: f32,
        /// End x.
        x1: f32,
        /// End y.
        y1: f32,
        /// Line width in points.
        width: f32,
        /// Colour.
        ink: Ink,
    },
    /// A filled rectangle; (x, y) is its top-left corner.
    Fill {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Colour.
        ink: Ink,
    },
    /// A row of dots on one line, one every `step` from `x0` to `x1` (contents leaders).
    Dots {
        /// The first dot's centre.
        x0: f32,
        /// The last dot's centre.
        x1: f32,
        /// The dots' centre line.
        y: f32,
        /// Distance between dots.
        step: f32,
        /// Radius.
        r: f32,
    },
    /// A filled dot (emphasis marks).
    Dot {
        /// Centre x.
        x: f32,
        /// Centre y.
        y: f32,
        /// Radius.
        r: f32,
    },
    /// An image from `Document::resources[src]`; (x, y) is its top-left corner.
    Picture {
        /// The resource key.
        src: String,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Its [`tags::Role::Figure`] node.
        node: Option<tags::NodeId>,
    },
    /// A clickable area; (x, y) is its top-left corner.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Where it goes.
        target: Target,
        /// Its [`tags::Role::Link`] node, which holds the link's text too: a note's mark is one
        /// inside a [`tags::Role::Reference`], and the note's number one inside the
        /// [`tags::Role::Note`] (PDF/UA-1 §7.18.5: every link annotation sits in a Link element).
        node: Option<tags::NodeId>,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Every glyph of the page; runs index into it.
    pub glyphs: Vec<Glyph>,
    /// Text runs in reading order.
    pub runs: Vec<Run>,
    /// Rules, fills, pictures and links.
    pub marks: Vec<Mark>,
    /// Stretches of runs whose text a reader should copy as given rather than rebuild from the
    /// glyphs' positions: the lines of code.
    pub actual: Vec<Actual>,
}

/// Runs of a page and the text they stand for (PDF ActualText, PDF 32000-1 §14.9.4). A line of
/// code keeps its indentation and its runs of spaces only this way: text extraction turns gaps
/// between glyphs into at most one space and drops a line's leading ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Actual {
    /// The runs, as indices into [`Page::runs`].
    pub runs: Range<usize>,
    /// Their text.
    pub text: String,
}

/// A heading's place: where outlines and internal links land.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// The heading's id.
    pub id: String,
    /// Heading level, 1..=6.
    pub level: u8,
    /// The heading's text.
    pub title: String,
    /// The page index (0-based).
    pub page: usize,
    /// The y of the top of the heading's line.
    pub y: f32,
}

/// A whole document laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The pages.
    pub pages: Vec<Page>,
    /// Every heading and run-in heading, in document order.
    pub anchors: Vec<Anchor>,
    /// Every footnote's two ends, by note index.
    pub notes: Vec<NoteSpots>,
    /// How many pages the front matter takes (the title page and the contents): they are
    /// numbered i, ii, …, and the body from 1.
    pub front: usize,
    /// What could not be set as asked (a table too wide for the page), for the writer to pass on.
    pub warnings: Vec<String>,
    /// The structure nodes the pages' runs, pictures and links belong to.
    pub tree: tags::Tree,
    /// How many pages were added before an official document's 版记 to put it at the foot of an
    /// even page (GB/T 9704-2012 §7.4); the DOCX asks for the same pages.
    pub colophon_pages: usize,
    /// How the pages' runs are set: in lines or in columns.
    pub writing: orient::Writing,
    /// Whether that 版记 is taller than the text block and runs over pages of its own (the DOCX
    /// then lets its table flow rather than float it to one page's foot).
    pub colophon_runs_over: bool,
}

impl Layout {
    /// The number printed on page `page` (0-based): i, ii, … in the front matter, then 1, 2, …
    /// from the body's first page (as the PDF's page labels say).
    pub fn label(&self, page: usize) -> String {
        paginate::label(page, self.front)
    }
}

/// Lays out `doc` in `style` for the printed page: the PDF's pages, and the page numbers the
/// DOCX's contents is pre-filled with. Where the style asks (`Style::chapter_recto`) chapters
/// start on a right-hand page, after a blank one if need be, as Word and LibreOffice set the
/// DOCX's odd-page sections.
pub fn print(doc: &Document, style: &Style, measure: &impl Measure) -> Layout {
    let writing = orient::Writing::of(style);
    let upright = style;
    let style = &writing.logical(upright);
    let flow = flow::build(doc, style, measure);
    let mut layout = paginate::paginate(flow, style, measure);
    colophon::place(&mut layout, doc, style, measure);
    let mirror = if upright.mirrored {
        upright.margins.right - upright.margins.left
    } else {
        0.0
    };
    writing.turn(
        &mut layout,
        upright.page_width * crate::style::PT_PER_MM,
        upright.page_height * crate::style::PT_PER_MM,
        -mirror * crate::style::PT_PER_MM,
    );
    layout.notes = note_spots(&layout.pages, doc.notes.len());
    layout
}

/// Finds both ends of every note's links on the laid-out pages: the first link box to the
/// note's text (a mark; one in the body before one in another note) and the link box on the
/// note's number.
fn note_spots(pages: &[Page], n: usize) -> Vec<NoteSpots> {
    let mut spots = vec![NoteSpots::default(); n];
    // Whether a note's mark so far is one in another note's text.
    let mut nested_mark = vec![false; n];
    for (page, p) in pages.iter().enumerate() {
        for mark in &p.marks {
            let Mark::Link { y, target, .. } = mark else {
                continue;
            };
            let spot = Some(Spot { page, y: *y });
            match *target {
                Target::Note { index, nested } if index < n => {
                    let s = &mut spots[index];
                    if s.mark.is_none() || (nested_mark[index] && !nested) {
                        s.mark = spot;
                        nested_mark[index] = nested;
                    }
                }
                Target::NoteMark(index) if index < n && spots[index].text.is_none() => {
                    spots[index].text = spot;
                }
                _ => {}
            }
        }
    }
    spots
}

#[cfg(test)]
mod tests;
