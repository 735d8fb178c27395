//! Blocks into a vertical list of slots: one slot per line of text, table row, picture or rule,
//! each with the rule for whether a page may end before it (widows, orphans, headings kept with
//! what follows).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;
use std::ops::Range;

mod blocks;
mod front;
mod gongwen;
mod inline;
mod table;

use super::linebreak::{Align, Atom, Line};
use super::tags::{NodeId, Role as Tag, Tree};
use super::{ASCENT, Actual, Anchor, Glyph, Ink, Mark, Measure, Pick, Run, Target};
use crate::font::{FaceId, Role};
use crate::model::{self, Block, Document};
use crate::style::plan::TIGHT_PITCH;
use crate::style::{Element, Look, Style};

/// Whether a page may end before a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Brk {
    /// It may.
    Allowed,
    /// It may not: inside a heading or a title, a table's head and first row, the signature
    /// and its date.
    Never,
    /// It should not: a widow or an orphan would result, or a heading would end the page with
    /// fewer than [`HEADING_KEEP`] lines under it. Kept as [`Brk::Never`], except where the
    /// style fills its pages (`Style::fill_pages`) and keeping would end a page short.
    Keep,
    /// It must: the slot starts a new page (chapters, the book's title page).
    Page,
    /// It must, and the new page is a right-hand (odd) one, after a blank page if need be:
    /// a book's chapters and the start of its body.
    Recto,
}

/// A page number to fill in once pages are known: a table of contents entry.
#[derive(Debug, Clone, Copy)]
pub(super) struct TocRef {
    /// The heading, by index into the anchors.
    pub anchor: usize,
    /// Where the entry's text ends.
    pub text_end: f32,
    /// The right edge the number is set against.
    pub right: f32,
    /// Baseline, relative to the slot's top.
    pub baseline: f32,
    /// Size of the number.
    pub size: f32,
    /// The entry's link node (in its [`Tag::TocItem`]), which the number is part of: the
    /// entry's text and number make one stretch of content, where they made two.
    pub node: Option<NodeId>,
}

/// One unbreakable piece of the vertical list.
#[derive(Debug, Clone)]
pub(super) struct Slot {
    /// Its height in points.
    pub height: f32,
    /// Space above it, dropped at the top of a page.
    pub space_before: f32,
    /// Whether a page may end before it.
    pub brk: Brk,
    /// Its runs in the galley, y relative to the slot's top.
    pub runs: Range<usize>,
    /// Its marks in the galley, y relative to the slot's top.
    pub marks: Range<usize>,
    /// The footnotes its text refers to, as indices into `Flow::note_refs`.
    pub notes: Range<usize>,
    /// The heading that starts here, by index into the anchors.
    pub anchor: Option<usize>,
    /// A page number to fill in.
    pub toc: Option<TocRef>,
    /// The table this slot is a row of, by index into `Flow::tables`.
    pub table: Option<usize>,
    /// Runs (in the galley) whose text extraction must not rebuild from the glyphs: a line of
    /// code, and the ruby annotations of a line (which copy as nothing).
    pub actual: Vec<Actual>,
}

#[cfg(test)]
impl Slot {
    /// A slot with nothing drawn in it, for the page-breaking tests.
    pub(crate) fn blank(height: f32, space_before: f32, brk: Brk) -> Slot {
        Slot {
            height,
            space_before,
            brk,
            runs: 0..0,
            marks: 0..0,
            notes: 0..0,
            anchor: None,
            toc: None,
            table: None,
            actual: Vec::new(),
        }
    }
}

/// What a table needs when it runs over a page: its head, to repeat, and its rules' extent.
#[derive(Debug, Clone, Copy)]
pub(super) struct Table {
    /// The head row's slot, if the table has a head.
    pub head: Option<usize>,
    /// The rules' left and right ends.
    pub left: f32,
    pub right: f32,
}

/// Glyphs, runs and marks of every slot, in one place.
#[derive(Debug, Default)]
pub(super) struct Galley {
    pub glyphs: Vec<Glyph>,
    pub runs: Vec<Run>,
    pub marks: Vec<Mark>,
}

/// The document as a vertical list, with its footnotes laid out beside it.
pub(super) struct Flow {
    pub galley: Galley,
    pub slots: Vec<Slot>,
    pub note_refs: Vec<usize>,
    /// Each note's slots in `note_slots`.
    pub notes: Vec<Range<usize>>,
    pub note_slots: Vec<Slot>,
    pub anchors: Vec<Anchor>,
    pub tables: Vec<Table>,
    /// The first page is a title page without a number (the book preset).
    pub title_page: bool,
    /// The body's first slot, where it starts a new page after the front matter (the title
    /// page, the contents).
    pub body_start: Option<usize>,
    /// What could not be set as asked.
    pub warnings: Vec<String>,
    /// The structure nodes the galley's runs, pictures and links belong to.
    pub tree: Tree,
    /// The document's title: the running head of verso pages.
    pub title: String,
}

/// The style of a stretch of inline text.
#[derive(Debug, Clone, PartialEq)]
struct Span {
    role: Role,
    bold: bool,
    size: f32,
    rise: f32,
    ink: Ink,
    link: Option<Target>,
    strike: bool,
    dots: bool,
    note: Option<usize>,
    /// The structure node the text is part of; `None` while text is only measured.
    node: Option<NodeId>,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy)]
struct Para {
    role: Role,
    size: f32,
    pitch: f32,
    grid: bool,
    indent: f32,
    align: Align,
    /// Lines may not be left alone at a page's top or bottom.
    keep_lines: bool,
    /// Space between the slot top and the line box.
    pad_top: f32,
    /// Extra space below the last line.
    pad_bottom: f32,
}

/// A list or footnote marker waiting for the first line of its item.
#[derive(Debug, Clone)]
struct Marker {
    kind: MarkerKind,
    /// The x its right edge sits at.
    right: f32,
    /// The node its text (and its link, on a note's number) is part of: a list item's label,
    /// the link in a note, the 附件说明's paragraph.
    node: Option<NodeId>,
}

/// What marks a list item or note. Bullets and boxes are drawn, not set in type: they need no
/// glyph, and they are not part of the text.
#[derive(Debug, Clone)]
enum MarkerKind {
    /// A number or other text (`1.`).
    Text(String),
    /// The number of footnote `index`, a link back to the note's mark.
    Note(usize),
    /// A round bullet.
    Bullet,
    /// A task's box, ticked or not.
    Box(bool),
}

/// An inline box of the paragraph being set: a picture standing on the baseline, as HTML's
/// `<img>` does, one unbreakable item of its own width (see `linebreak::Atom::boxed`).
#[derive(Debug, Clone)]
struct Boxed {
    /// The atom it stands on.
    atom: usize,
    /// The resource key.
    src: String,
    /// Its size in points.
    w: f32,
    h: f32,
    /// Its [`Tag::Figure`] node.
    node: Option<NodeId>,
    /// What it shows, in words: the Figure's text.
    alt: String,
}

/// A ruby annotation over atoms of the paragraph being set (clreq §3.4; W3C Ruby Markup).
#[derive(Debug, Clone)]
struct Annotation {
    /// The base's atoms.
    atoms: Range<usize>,
    /// The reading.
    text: String,
    /// The base's span: the annotation's face, ink and (halved) size come from it.
    span: u32,
    /// The reading's width in points, once measured.
    width: f32,
    /// 注音: set in a column to the right of the base rather than over it.
    beside: bool,
}

/// How far a paragraph is set while its text is still being collected: a paragraph longer
/// than [`CHUNK`] atoms has its lines set as it comes in, so that the atoms held at once stay
/// bounded whatever the paragraph's length (issue 24: a one-paragraph source of 150 MB).
#[derive(Debug, Clone, Copy)]
struct Progress {
    /// The paragraph being collected, when its lines may be set before its end.
    para: Option<Para>,
    /// Atoms before this are prepared (`linebreak::prepare`, readings measured).
    atoms: usize,
    /// Readings before this are measured.
    rubies: usize,
    /// The paragraph's lines already set.
    lines: usize,
    /// Lines are set once this many atoms are held.
    at: usize,
    /// The paragraph has ruby: all its lines take the pitch readings need.
    ruby: bool,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress {
            para: None,
            atoms: 0,
            rubies: 0,
            lines: 0,
            at: CHUNK,
            ruby: false,
        }
    }
}

/// How many atoms a paragraph collects before its first lines are set: far more than a page
/// holds, so that an ordinary paragraph is set in one go.
const CHUNK: usize = 1 << 16;

/// Which body block sizes apply: the body, or footnotes.
#[derive(Debug, Clone, Copy)]
struct Base {
    role: Role,
    size: f32,
    pitch: f32,
    grid: Option<f32>,
}

/// The narrowest measure nesting leaves, as a share of the text block's width: deeper quotes
/// and lists stop indenting.
const MIN_MEASURE: f32 = 0.4;
/// Space between blocks (lists, quotes, code, tables) as a share of the line pitch.
const BLOCK_SPACE: f32 = 0.4;
/// How many lines of what follows a heading keeps on its page: a heading never ends a page
/// alone, nor with only one line (a byline, a one-line paragraph) under it; two, as the
/// widow and orphan rule counts them.
const HEADING_KEEP: usize = 2;
/// Superscript rise, in em of the surrounding text.
const SUP_RISE: f32 = 0.38;

/// Builds the vertical list of `doc`.
pub(super) fn build(doc: &Document, style: &Style, m: &impl Measure) -> Flow {
    let anchors = collect_anchors(&doc.blocks);
    let by_id = anchors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let grid = style
        .grid
        .map(|g| style.column_width() * crate::style::PT_PER_MM / g.chars as f32);
    let look = style.look(Element::Body);
    let body = Base {
        role: look.role,
        size: look.size,
        pitch: look.pitch,
        grid,
    };
    let face = |role| m.glyph(role, false, '中').map(|g| g.face);
    let mut b = Builder {
        doc,
        style,
        m,
        out: Flow {
            galley: Galley::default(),
            slots: Vec::new(),
            note_refs: Vec::new(),
            notes: Vec::new(),
            note_slots: Vec::new(),
            anchors,
            tables: Vec::new(),
            title_page: false,
            body_start: None,
            warnings: Vec::new(),
            tree: Tree::default(),
            title: doc.meta.title.trim().to_string(),
        },
        parent: Tree::ROOT,
        note_tags: vec![None; doc.notes.len()],
        ref_tags: Vec::new(),
        unlabelled: Default::default(),
        by_id,
        next_anchor: 0,
        in_note: false,
        in_notes: false,
        left: style.margins.left * crate::style::PT_PER_MM,
        // Lines are set to a column's measure: the text block's unless `columns` splits it.
        width: style.column_width() * crate::style::PT_PER_MM,
        bars: Vec::new(),
        list_depth: 0,
        base: body,
        keep_next: false,
        keep_after: 0,
        force_page: false,
        recto: false,
        pending_space: 0.0,
        marker: None,
        emph_dots: face(Role::Emphasis) == face(look.role),
        atoms: Vec::new(),
        faces: Vec::new(),
        spans: Vec::new(),
        lines: Vec::new(),
        xs: Vec::new(),
        boxes: Vec::new(),
        rubies: Vec::new(),
        actual: Vec::new(),
        progress: Progress::default(),
        picks: FxHashMap::default(),
    };
    // An official document: its 版头 above the title, its other elements around the body.
    let gongwen = b.gongwen();
    let (head, body) = doc.blocks.split_at(doc.before_title());
    if gongwen {
        b.gongwen_head(head);
    } else {
        head.iter().for_each(|block| b.block(block));
    }
    b.title();
    if style.toc {
        b.toc();
    }
    // After a title page or contents the body starts on a new page (a right-hand one in a
    // book whose chapters do): its page 1.
    if b.force_page {
        b.out.body_start = Some(b.out.slots.len());
        b.recto = style.chapter_recto;
    }
    if gongwen {
        b.gongwen_blocks(body);
    } else {
        for block in body {
            b.block(block);
        }
    }
    b.notes();
    b.finish_tree();
    b.out
}

/// Every heading and run-in heading, in document order.
fn collect_anchors(blocks: &[Block]) -> Vec<Anchor> {
    fn walk(blocks: &[Block], out: &mut Vec<Anchor>) {
        for block in blocks {
            if let Some((level, id, inlines)) = block.heading() {
                out.push(Anchor {
                    id: id.to_string(),
                    level,
                    title: model::plain_text(inlines).trim().to_string(),
                    page: 0,
                    y: 0.0,
                });
            }
            match block {
                Block::BlockQuote { blocks, .. } => walk(blocks, out),
                Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, out)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(blocks, &mut out);
    out
}

struct Builder<'a, M: Measure> {
    doc: &'a Document,
    style: &'a Style,
    m: &'a M,
    out: Flow,
    by_id: BTreeMap<String, usize>,
    next_anchor: usize,
    /// Laying out a footnote that goes to the foot of a page.
    in_note: bool,
    /// Laying out footnote bodies (at a page foot or at the end): no anchors, no references.
    in_notes: bool,
    /// The measure: left edge and width in points.
    left: f32,
    width: f32,
    /// Quote bars to draw beside every slot.
    bars: Vec<f32>,
    list_depth: usize,
    base: Base,
    keep_next: bool,
    /// How many more slots may not have a page break before them: a heading keeps with the
    /// first [`HEADING_KEEP`] lines of what follows it.
    keep_after: usize,
    force_page: bool,
    /// The page `force_page` starts is a right-hand one.
    recto: bool,
    pending_space: f32,
    marker: Option<Marker>,
    emph_dots: bool,
    // Scratch buffers reused by every paragraph.
    atoms: Vec<Atom>,
    /// Each atom's face, whether it is emboldened, and its size as a share of its span's
    /// (`Pick::scale`).
    faces: Vec<Option<(FaceId, bool, f32)>>,
    spans: Vec<Span>,
    lines: Vec<Line>,
    xs: Vec<f32>,
    /// The paragraph's inline boxes, by atom, in order.
    boxes: Vec<Boxed>,
    /// The paragraph's ruby annotations, in order of their bases.
    rubies: Vec<Annotation>,
    /// How far the paragraph being collected is set.
    progress: Progress,
    /// Text to copy in place of the drawn runs, for the next slot (the lines of code, a line's
    /// ruby annotations).
    actual: Vec<Actual>,
    /// Glyph choices already made: a book has a few thousand distinct characters.
    picks: FxHashMap<(Role, bool, char), Option<Pick>>,
    /// The structure node new blocks go in.
    parent: NodeId,
    /// Each footnote's [`Tag::Note`] node, by note index.
    note_tags: Vec<Option<NodeId>>,
    /// Every note mark's [`Tag::Reference`] node and the note it refers to, in document order.
    ref_tags: Vec<(usize, NodeId)>,
    /// The pictures already warned about for want of alt text.
    unlabelled: BTreeSet<String>,
}

impl<M: Measure> Builder<'_, M> {
    pub(super) fn span(&self, role: Role, size: f32) -> Span {
        Span {
            role,
            bold: false,
            size,
            rise: 0.0,
            ink: Ink::Text,
            link: None,
            strike: false,
            dots: false,
            note: None,
            node: None,
        }
    }

    /// The span of text drawn in `look`.
    pub(super) fn look_span(&self, look: &Look) -> Span {
        Span {
            bold: look.bold,
            ..self.span(look.role, look.size)
        }
    }

    /// Adds a structure node in the current container.
    pub(super) fn tag(&mut self, role: Tag) -> NodeId {
        self.out.tree.push(role, self.parent)
    }

    /// Runs `f` with `node` as the container of the blocks it adds.
    pub(super) fn within<R>(&mut self, node: NodeId, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = std::mem::replace(&mut self.parent, node);
        let out = f(self);
        self.parent = saved;
        out
    }

    /// Drops the nodes that got no content, puts each note's node after the block that first
    /// refers to it (`Tree::finish`), and renumbers the nodes the galley refers to.
    fn finish_tree(&mut self) {
        let tree = &mut self.out.tree;
        let mut content = vec![false; tree.nodes.len()];
        let g = &mut self.out.galley;
        let nodes = g
            .runs
            .iter()
            .map(|r| r.node)
            .chain(g.marks.iter().map(mark_node));
        let tocs = self.out.slots.iter().filter_map(|s| s.toc?.node);
        for id in nodes.flatten().chain(tocs) {
            content[id as usize] = true;
        }
        let notes: Vec<(NodeId, NodeId)> = self
            .ref_tags
            .iter()
            .filter_map(|&(i, r)| Some((self.note_tags.get(i).copied().flatten()?, r)))
            .collect();
        let remap = tree.finish(&content, &notes);
        let at = |id: &mut Option<NodeId>| *id = id.and_then(|i| remap[i as usize]);
        for r in &mut g.runs {
            at(&mut r.node);
        }
        for m in &mut g.marks {
            if let Mark::Picture { node, .. } | Mark::Link { node, .. } = m {
                at(node);
            }
        }
        for s in self.out.slots.iter_mut().chain(&mut self.out.note_slots) {
            if let Some(t) = &mut s.toc {
                at(&mut t.node);
            }
        }
        let text = g
            .runs
            .iter()
            .filter_map(|r| r.node.map(|n| (n, r)))
            .flat_map(|(n, r)| {
                g.glyphs
                    .get(r.glyphs.clone())
                    .unwrap_or_default()
                    .iter()
                    .map(move |glyph| (n, glyph.ch))
            });
        tree.set_languages(&self.doc.meta.lang, text);
    }

    pub(super) fn grid(&self) -> bool {
        self.base.grid.is_some()
    }

    /// The body paragraph setting.
    pub(super) fn body_para(&self) -> Para {
        let em = self.base.grid.unwrap_or(self.base.size);
        Para {
            role: self.base.role,
            size: self.base.size,
            pitch: self.base.pitch,
            grid: self.grid(),
            indent: if self.list_depth > 0 || self.in_notes {
                0.0
            } else {
                self.style.indent_em * em
            },
            align: Align::Justify,
            keep_lines: true,
            pad_top: 0.0,
            pad_bottom: 0.0,
        }
    }

    /// Space between blocks: none on the gongwen grid, which counts lines.
    pub(super) fn block_space(&self) -> f32 {
        if self.grid() {
            0.0
        } else {
            self.base.pitch * BLOCK_SPACE
        }
    }

    pub(super) fn clear(&mut self) {
        self.atoms.clear();
        self.faces.clear();
        self.boxes.clear();
        self.rubies.clear();
        self.progress = Progress::default();
        self.spans.clear();
        self.lines.clear();
    }

    pub(super) fn push_span(&mut self, span: Span) -> u32 {
        if self.spans.last() != Some(&span) {
            self.spans.push(span);
        }
        (self.spans.len() - 1) as u32
    }

    /// Closes a slot whose content starts at these galley positions.
    pub(super) fn push_slot(
        &mut self,
        height: f32,
        brk: Brk,
        from: (usize, usize, usize),
    ) -> usize {
        let g = &mut self.out.galley;
        for &x in &self.bars {
            g.marks.push(Mark::Rule {
                x0: x,
                y0: 0.0,
                x1: x,
                y1: height,
                width: 1.5,
                ink: Ink::Muted,
            });
        }
        let brk = if self.force_page {
            if std::mem::take(&mut self.recto) {
                Brk::Recto
            } else {
                Brk::Page
            }
        } else if self.keep_next && matches!(brk, Brk::Allowed | Brk::Keep) {
            Brk::Never
        } else if self.keep_after > 0 && brk == Brk::Allowed {
            Brk::Keep
        } else {
            brk
        };
        self.force_page = false;
        self.keep_next = false;
        self.keep_after = self.keep_after.saturating_sub(1);
        let slot = Slot {
            height,
            space_before: std::mem::take(&mut self.pending_space),
            brk,
            runs: from.0..g.runs.len(),
            marks: from.1..g.marks.len(),
            notes: from.2..self.out.note_refs.len(),
            anchor: None,
            toc: None,
            table: None,
            actual: std::mem::take(&mut self.actual),
        };
        let slots = if self.in_note {
            &mut self.out.note_slots
        } else {
            &mut self.out.slots
        };
        slots.push(slot);
        slots.len() - 1
    }

    pub(super) fn mark_from(&self) -> (usize, usize, usize) {
        let g = &self.out.galley;
        (g.runs.len(), g.marks.len(), self.out.note_refs.len())
    }

    pub(super) fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, inlines, .. } => self.heading(*level, inlines),
            Block::Paragraph { inlines } | Block::Official { inlines, .. } => {
                self.body_paragraph(inlines)
            }
            Block::RunIn {
                level,
                heading,
                inlines,
                ..
            } => {
                let p = self.body_para();
                self.clear();
                let anchor = self.take_anchor();
                // The lead is a heading and the text after it a paragraph, on one line.
                let look = self.style.look(Element::RunIn(*level));
                let tag = Tag::Heading(self.level(anchor, *level));
                let lead = Span {
                    size: p.size,
                    node: Some(self.tag(tag)),
                    ..self.look_span(&look)
                };
                self.inlines(heading, &lead);
                let body = Span {
                    node: Some(self.tag(Tag::Paragraph)),
                    ..self.span(p.role, p.size)
                };
                self.inlines(inlines, &body);
                self.set_paragraph(&p, anchor, Brk::Allowed);
            }
            Block::Salutation { inlines } => {
                let p = Para {
                    indent: 0.0,
                    align: Align::Left,
                    ..self.body_para()
                };
                self.paragraph(inlines, &p);
            }
            Block::BlockQuote { blocks, .. } => {
                self.pending_space = self.pending_space.max(self.block_space());
                let step = self.nest_step();
                if step > 0.0 {
                    self.bars.push(self.left + step * 0.4);
                }
                self.left += step;
                self.width -= step;
                let quote = self.tag(Tag::BlockQuote);
                self.within(quote, |b| blocks.iter().for_each(|block| b.block(block)));
                self.left -= step;
                self.width += step;
                if step > 0.0 {
                    self.bars.pop();
                }
                self.pending_space = self.pending_space.max(self.block_space());
            }
            Block::List {
                ordered,
                start,
                items,
                ..
            } => self.list(*ordered, *start, items),
            Block::Table {
                align, head, rows, ..
            } => table::table(self, align, head, rows),
            Block::CodeBlock { text, .. } => self.code(text, self.style.look(Element::Code).role),
            Block::Html { text } => self.code(text, self.base.role),
            Block::ThematicBreak => {
                let from = self.mark_from();
                let pitch = self.base.pitch;
                let w = self.width / 4.0;
                let (x0, y) = (self.left + (self.width - w) / 2.0, pitch / 2.0);
                self.out.galley.marks.push(Mark::Rule {
                    x0,
                    y0: y,
                    x1: x0 + w,
                    y1: y,
                    width: 0.6,
                    ink: Ink::Muted,
                });
                self.push_slot(pitch, Brk::Allowed, from);
            }
        }
    }

    /// How far a quote or list nested in the current block indents: two em, or nothing once
    /// the measure is down to [`MIN_MEASURE`] of the text block, so that text nested however
    /// deep stays inside the text block.
    pub(super) fn nest_step(&self) -> f32 {
        let step = 2.0 * self.base.grid.unwrap_or(self.base.size);
        let floor = self.style.text_width() * crate::style::PT_PER_MM * MIN_MEASURE;
        if self.width - step >= floor {
            step
        } else {
            0.0
        }
    }

    /// A heading's level in the structure tree: its anchor's, as the outline has it.
    pub(super) fn level(&self, anchor: Option<usize>, level: u8) -> u8 {
        anchor
            .and_then(|a| self.out.anchors.get(a))
            .map_or(level, |a| a.level)
    }

    pub(super) fn take_anchor(&mut self) -> Option<usize> {
        if self.in_notes {
            return None;
        }
        let a = self.next_anchor;
        self.next_anchor += 1;
        (a < self.out.anchors.len()).then_some(a)
    }
}

/// The structure node a mark belongs to: pictures and links have one, the rest are artifacts.
fn mark_node(mark: &Mark) -> Option<NodeId> {
    match mark {
        Mark::Picture { node, .. } | Mark::Link { node, .. } => *node,
        _ => None,
    }
}

/// Adds the link box and strike-through rule of a stretch of text in `span` from `x0` to `x1`.
fn decorate(span: &Span, x0: f32, x1: f32, baseline: f32, marks: &mut Vec<Mark>) {
    // A raised footnote mark's box sits where the mark is drawn.
    let baseline = baseline - span.rise;
    if let Some(target) = &span.link {
        marks.push(Mark::Link {
            x: x0,
            y: baseline - span.size * ASCENT,
            w: x1 - x0,
            h: span.size,
            target: target.clone(),
            node: span.node,
        });
    }
    if span.strike {
        let y = baseline - span.size * 0.32;
        marks.push(Mark::Rule {
            x0,
            y0: y,
            x1,
            y1: y,
            width: span.size * 0.06,
            ink: Ink::Text,
        });
    }
}
