//! Blocks into a vertical list of slots: one slot per line of text, table row, picture or rule,
//! each with the rule for whether a page may end before it (widows, orphans, headings kept with
//! what follows).

use std::collections::BTreeMap;
use std::ops::Range;

mod table;

use super::class::Kind;
use super::linebreak::{self, Align, Atom, Line};
use super::{ASCENT, Anchor, Glyph, Ink, Mark, Measure, Run, Target};
use crate::font::{FaceId, Role};
use crate::model::{self, Block, Document, Inline, ListItem};
use crate::style::{Preset, Style};

/// Whether a page may end before a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Brk {
    /// It may.
    Allowed,
    /// It may not: an orphan or widow would result, or a heading would end the page.
    Never,
    /// It must: the slot starts a new page (chapters, the book's title page).
    Page,
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
    /// The first page is a title page without a number (the book preset).
    pub title_page: bool,
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
}

/// What marks a list item or note. Bullets and boxes are drawn, not set in type: they need no
/// glyph, and they are not part of the text.
#[derive(Debug, Clone)]
enum MarkerKind {
    /// A number or other text (`1.`).
    Text(String),
    /// A round bullet.
    Bullet,
    /// A task's box, ticked or not.
    Box(bool),
}

/// Which body block sizes apply: the body, or footnotes.
#[derive(Debug, Clone, Copy)]
struct Base {
    role: Role,
    size: f32,
    pitch: f32,
    grid: Option<f32>,
}

/// Space between blocks (lists, quotes, code, tables) as a share of the line pitch.
const BLOCK_SPACE: f32 = 0.4;
/// Footnote size as a share of the body size.
const NOTE_SCALE: f32 = 0.75;
/// Line pitch of footnotes, code and table cells as a multiple of their size.
const TIGHT_PITCH: f32 = 1.45;
/// Superscript size and rise, in em of the surrounding text.
const SUP_SCALE: f32 = 0.6;
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
        .map(|g| style.text_width() * crate::style::PT_PER_MM / g.chars as f32);
    let body = Base {
        role: style.body_role,
        size: style.body_size,
        pitch: style.line_pitch,
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
            title_page: false,
        },
        by_id,
        next_anchor: 0,
        in_note: false,
        in_notes: false,
        referenced: vec![false; doc.notes.len()],
        left: style.margins.left * crate::style::PT_PER_MM,
        width: style.text_width() * crate::style::PT_PER_MM,
        bars: Vec::new(),
        list_depth: 0,
        base: body,
        keep_next: false,
        force_page: false,
        pending_space: 0.0,
        marker: None,
        emph_dots: face(Role::Emphasis) == face(style.body_role),
        atoms: Vec::new(),
        faces: Vec::new(),
        spans: Vec::new(),
        lines: Vec::new(),
        xs: Vec::new(),
    };
    b.title();
    if style.toc {
        b.toc();
    }
    for block in &doc.blocks {
        b.block(block);
    }
    b.notes();
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
                Block::BlockQuote { blocks } => walk(blocks, out),
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
    referenced: Vec<bool>,
    /// The measure: left edge and width in points.
    left: f32,
    width: f32,
    /// Quote bars to draw beside every slot.
    bars: Vec<f32>,
    list_depth: usize,
    base: Base,
    keep_next: bool,
    force_page: bool,
    pending_space: f32,
    marker: Option<Marker>,
    emph_dots: bool,
    // Scratch buffers reused by every paragraph.
    atoms: Vec<Atom>,
    faces: Vec<Option<(FaceId, bool)>>,
    spans: Vec<Span>,
    lines: Vec<Line>,
    xs: Vec<f32>,
}

impl<M: Measure> Builder<'_, M> {
    fn span(&self, role: Role, size: f32) -> Span {
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
        }
    }

    fn grid(&self) -> bool {
        self.base.grid.is_some()
    }

    /// The body paragraph setting.
    fn body_para(&self) -> Para {
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
    fn block_space(&self) -> f32 {
        if self.grid() {
            0.0
        } else {
            self.base.pitch * BLOCK_SPACE
        }
    }

    // ---- inline text into atoms -------------------------------------------------------------

    fn clear(&mut self) {
        self.atoms.clear();
        self.faces.clear();
        self.spans.clear();
        self.lines.clear();
    }

    fn push_span(&mut self, span: Span) -> u32 {
        if self.spans.last() != Some(&span) {
            self.spans.push(span);
        }
        (self.spans.len() - 1) as u32
    }

    fn inlines(&mut self, inlines: &[Inline], span: &Span) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Html(t) => self.text(t, span, false),
                Inline::Code(t) => {
                    let s = Span {
                        role: Role::Mono,
                        ..span.clone()
                    };
                    self.text(t, &s, false);
                }
                Inline::Emph(c) => {
                    let s = Span {
                        role: Role::Emphasis,
                        dots: self.emph_dots,
                        ..span.clone()
                    };
                    self.inlines(c, &s);
                }
                Inline::Strong(c) => {
                    let s = Span {
                        bold: true,
                        ..span.clone()
                    };
                    self.inlines(c, &s);
                }
                Inline::Strike(c) => {
                    let s = Span {
                        strike: true,
                        ..span.clone()
                    };
                    self.inlines(c, &s);
                }
                Inline::Link { url, inlines } => {
                    let target = match url.strip_prefix('#') {
                        Some(id) => self.by_id.get(id).map(|&i| Target::Anchor(i)),
                        None => Some(Target::Uri(url.clone())),
                    };
                    let s = Span {
                        ink: Ink::Link,
                        link: target,
                        ..span.clone()
                    };
                    self.inlines(inlines, &s);
                }
                Inline::Image { alt, .. } => {
                    let s = Span {
                        ink: Ink::Muted,
                        ..span.clone()
                    };
                    self.text(alt, &s, false);
                }
                Inline::LineBreak => self.text("\n", span, false),
                Inline::NoteRef { index } => {
                    if let Some(r) = self.referenced.get_mut(*index) {
                        *r |= !self.in_notes;
                    }
                    let s = Span {
                        size: span.size * SUP_SCALE,
                        rise: span.size * SUP_RISE,
                        note: (!self.in_notes).then_some(*index),
                        link: None,
                        ..span.clone()
                    };
                    self.text(&(index + 1).to_string(), &s, false);
                }
            }
        }
    }

    /// Appends the characters of `text`; white space collapses to one space unless `rigid`
    /// (code), where every character is kept and a line may break anywhere.
    fn text(&mut self, text: &str, span: &Span, rigid: bool) {
        let idx = self.push_span(span.clone());
        for c in text.chars() {
            let c = match c {
                '\n' if !rigid => '\n',
                '\t' if rigid => ' ',
                c if c.is_whitespace() && c != '\u{3000}' && c != '\n' => ' ',
                c if c.is_control() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}') => {
                    continue;
                }
                c => c,
            };
            if c == ' ' && !rigid {
                let prev = self.atoms.last().map(|a| a.info.kind);
                if matches!(prev, None | Some(Kind::Space) | Some(Kind::Break)) {
                    continue;
                }
            }
            let (face, advance) = match self.m.glyph(span.role, span.bold, c) {
                Some(p) => (Some((p.face, p.embolden)), p.advance * span.size),
                None if super::class::is_han(c) => (None, span.size),
                None => (None, span.size / 2.0),
            };
            let atom = if rigid {
                Atom::rigid(c, span.size, advance, idx)
            } else {
                Atom::new(c, span.size, advance, idx)
            };
            self.atoms.push(atom);
            self.faces.push(face);
        }
    }

    // ---- lines into slots -------------------------------------------------------------------

    /// Prepares the collected atoms and breaks them into `self.lines`.
    fn break_into_lines(&mut self, p: &Para, width: f32) {
        while self.atoms.last().is_some_and(|a| a.info.kind == Kind::Space) {
            self.atoms.pop();
            self.faces.pop();
        }
        let grid = if p.grid { self.base.grid } else { None };
        linebreak::prepare(&mut self.atoms, grid);
        self.lines.clear();
        linebreak::break_lines(&self.atoms, width, p.indent, &mut self.lines);
        if grid.is_none() {
            linebreak::avoid_runts(&self.atoms, &mut self.lines, width);
        }
    }

    /// Draws line `k` of `self.lines` with its baseline at `baseline` (relative to the slot top)
    /// into the galley; footnote references go to `note_refs`. Returns where the line ends.
    fn draw_line(&mut self, k: usize, x0: f32, avail: f32, align: Align, baseline: f32) -> f32 {
        let line = self.lines[k];
        self.xs.clear();
        let xs = &mut self.xs;
        let end = linebreak::place(&self.atoms, &line, x0, avail, align, |_, x| xs.push(x));
        let g = &mut self.out.galley;
        let note_refs = &mut self.out.note_refs;
        let mut run: Option<Run> = None;
        // The stretch of atoms in one span being decorated: (first atom, start x, end x).
        let mut deco: Option<(usize, f32, f32)> = None;
        for (k, i) in (line.start..line.end).enumerate() {
            let a = &self.atoms[i];
            let x = self.xs[k];
            let span = &self.spans[a.span as usize];
            let (face, embolden) = match self.faces[i] {
                Some((f, e)) => (Some(f), e),
                None => (None, false),
            };
            let y = baseline - span.rise;
            let same = run.as_ref().is_some_and(|r| {
                r.face == face
                    && r.embolden == embolden
                    && r.size == span.size
                    && r.y == y
                    && r.ink == span.ink
            });
            if !same {
                if let Some(r) = run.take() {
                    g.runs.push(r);
                }
                run = Some(Run {
                    face,
                    size: span.size,
                    embolden,
                    y,
                    ink: span.ink,
                    glyphs: g.glyphs.len()..g.glyphs.len(),
                });
            }
            g.glyphs.push(Glyph { ch: a.ch, x });
            if let Some(r) = run.as_mut() {
                r.glyphs.end = g.glyphs.len();
            }
            if span.dots && a.info.kind == Kind::Han {
                g.marks.push(Mark::Dot {
                    x: x + a.advance / 2.0,
                    y: baseline + span.size * 0.25,
                    r: span.size * 0.06,
                });
            }
            if let Some(n) = span.note
                && note_refs.last() != Some(&n)
            {
                note_refs.push(n);
            }
            // Links and strike-through: one box or rule per stretch of atoms in one span.
            match &mut deco {
                Some((s, _, x1)) if self.atoms[*s].span == a.span => *x1 = x + a.advance,
                _ => {
                    if let Some((s, x0, x1)) = deco.take() {
                        let span = &self.spans[self.atoms[s].span as usize];
                        decorate(span, x0, x1, baseline, &mut g.marks);
                    }
                    deco = Some((i, x, x + a.advance));
                }
            }
        }
        if let Some(r) = run {
            g.runs.push(r);
        }
        if let Some((s, x0, x1)) = deco {
            let span = &self.spans[self.atoms[s].span as usize];
            decorate(span, x0, x1, baseline, &mut g.marks);
        }
        end
    }

    /// Closes a slot whose content starts at these galley positions.
    fn push_slot(&mut self, height: f32, brk: Brk, from: (usize, usize, usize)) -> usize {
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
            Brk::Page
        } else if self.keep_next && brk == Brk::Allowed {
            Brk::Never
        } else {
            brk
        };
        self.force_page = false;
        self.keep_next = false;
        let slot = Slot {
            height,
            space_before: std::mem::take(&mut self.pending_space),
            brk,
            runs: from.0..g.runs.len(),
            marks: from.1..g.marks.len(),
            notes: from.2..self.out.note_refs.len(),
            anchor: None,
            toc: None,
        };
        let slots = if self.in_note {
            &mut self.out.note_slots
        } else {
            &mut self.out.slots
        };
        slots.push(slot);
        slots.len() - 1
    }

    fn mark_from(&self) -> (usize, usize, usize) {
        let g = &self.out.galley;
        (g.runs.len(), g.marks.len(), self.out.note_refs.len())
    }

    /// Draws a pending list or note marker on the line whose baseline is at `baseline`.
    fn draw_marker(&mut self, baseline: f32, size: f32) {
        let Some(marker) = self.marker.take() else {
            return;
        };
        let mid = baseline - size * 0.35;
        let text = match marker.kind {
            MarkerKind::Text(text) => text,
            MarkerKind::Bullet => {
                let r = size * 0.14;
                self.out.galley.marks.push(Mark::Dot {
                    x: marker.right - r,
                    y: mid,
                    r,
                });
                return;
            }
            MarkerKind::Box(ticked) => {
                let side = size * 0.7;
                let (x0, y0) = (marker.right - side, mid - side / 2.0);
                let rule = |x0: f32, y0: f32, x1: f32, y1: f32| Mark::Rule {
                    x0,
                    y0,
                    x1,
                    y1,
                    width: size * 0.06,
                    ink: Ink::Text,
                };
                let marks = &mut self.out.galley.marks;
                marks.push(rule(x0, y0, x0 + side, y0));
                marks.push(rule(x0 + side, y0, x0 + side, y0 + side));
                marks.push(rule(x0 + side, y0 + side, x0, y0 + side));
                marks.push(rule(x0, y0 + side, x0, y0));
                if ticked {
                    let (a, b) = (side * 0.2, side * 0.45);
                    marks.push(rule(x0 + a, mid, x0 + b, y0 + side - a));
                    marks.push(rule(x0 + b, y0 + side - a, x0 + side - a, y0 + a));
                }
                return;
            }
        };
        let mut x = marker.right;
        let chars: Vec<char> = text.chars().collect();
        let mut placed = Vec::with_capacity(chars.len());
        for &c in chars.iter().rev() {
            let (face, adv) = match self.m.glyph(self.base.role, false, c) {
                Some(p) => (Some(p.face), p.advance * size),
                None => (None, size / 2.0),
            };
            x -= adv;
            placed.push((c, face, x));
        }
        let g = &mut self.out.galley;
        for (c, face, x) in placed.into_iter().rev() {
            let start = g.glyphs.len();
            g.glyphs.push(Glyph { ch: c, x });
            g.runs.push(Run {
                face,
                size,
                embolden: false,
                y: baseline,
                ink: Ink::Text,
                glyphs: start..start + 1,
            });
        }
    }

    /// Lays out the collected atoms as a paragraph: one slot per line.
    fn set_paragraph(&mut self, p: &Para, anchor: Option<usize>, first_brk: Brk) {
        self.break_into_lines(p, self.width);
        let n = self.lines.len();
        for k in 0..n {
            let from = self.mark_from();
            let baseline = p.pad_top + (p.pitch - p.size) / 2.0 + ASCENT * p.size;
            let (x0, avail) = if k == 0 {
                (self.left + p.indent, self.width - p.indent)
            } else {
                (self.left, self.width)
            };
            if k == 0 {
                self.draw_marker(baseline, p.size);
            }
            self.draw_line(k, x0, avail, p.align, baseline);
            let brk = if k == 0 {
                first_brk
            } else if !p.keep_lines || k < 2 || n - k < 2 {
                Brk::Never
            } else {
                Brk::Allowed
            };
            let mut height = p.pitch;
            if k == 0 {
                height += p.pad_top;
            }
            if k == n - 1 {
                height += p.pad_bottom;
            }
            let slot = self.push_slot(height, brk, from);
            if k == 0 && anchor.is_some() {
                self.out.slots[slot].anchor = anchor;
            }
        }
    }

    fn paragraph(&mut self, inlines: &[Inline], p: &Para) {
        self.clear();
        let span = self.span(p.role, p.size);
        self.inlines(inlines, &span);
        if self.atoms.is_empty() {
            return;
        }
        self.set_paragraph(p, None, Brk::Allowed);
    }

    // ---- blocks -----------------------------------------------------------------------------

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, inlines, .. } => self.heading(*level, inlines),
            Block::Paragraph { inlines } => self.body_paragraph(inlines),
            Block::RunIn {
                level,
                heading,
                inlines,
                ..
            } => {
                let p = self.body_para();
                self.clear();
                let lead = Span {
                    bold: true,
                    ..self.span(self.style.heading_role(*level), p.size)
                };
                self.inlines(heading, &lead);
                let body = self.span(p.role, p.size);
                self.inlines(inlines, &body);
                let anchor = self.take_anchor();
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
            Block::BlockQuote { blocks } => {
                self.pending_space = self.pending_space.max(self.block_space());
                let step = 2.0 * self.base.grid.unwrap_or(self.base.size);
                self.bars.push(self.left + step * 0.4);
                self.left += step;
                self.width -= step;
                for b in blocks {
                    self.block(b);
                }
                self.left -= step;
                self.width += step;
                self.bars.pop();
                self.pending_space = self.pending_space.max(self.block_space());
            }
            Block::List {
                ordered,
                start,
                items,
            } => self.list(*ordered, *start, items),
            Block::Table { align, head, rows } => table::table(self, align, head, rows),
            Block::CodeBlock { text, .. } | Block::Html { text } => self.code(text),
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

    fn take_anchor(&mut self) -> Option<usize> {
        if self.in_notes {
            return None;
        }
        let a = self.next_anchor;
        self.next_anchor += 1;
        (a < self.out.anchors.len()).then_some(a)
    }

    fn heading(&mut self, level: u8, inlines: &[Inline]) {
        let anchor = self.take_anchor();
        let style = self.style;
        let chapter = style.chapter_breaks && level == 1 && !self.in_notes;
        let body = self.body_para();
        let p = if self.grid() {
            // GB/T 9704: headings sit on the grid like body lines, indented two characters.
            Para {
                role: style.heading_role(level),
                align: Align::Left,
                keep_lines: false,
                ..body
            }
        } else {
            let size = style.heading_size(level);
            let space = self.base.pitch * if level <= 2 { 1.0 } else { 0.5 };
            self.pending_space = self.pending_space.max(space);
            Para {
                role: style.heading_role(level),
                size,
                pitch: (size * 1.5).max(self.base.pitch),
                grid: false,
                indent: 0.0,
                align: if chapter { Align::Center } else { Align::Left },
                keep_lines: false,
                pad_top: if chapter { self.base.pitch * 3.0 } else { 0.0 },
                pad_bottom: self.base.pitch * if chapter { 1.5 } else { 0.25 },
            }
        };
        self.clear();
        // Headings are drawn in their role's bold face (what the font subsets collect).
        let span = Span {
            bold: true,
            ..self.span(p.role, p.size)
        };
        self.inlines(inlines, &span);
        if self.atoms.is_empty() {
            return;
        }
        self.force_page |= chapter;
        self.set_paragraph(&p, anchor, Brk::Allowed);
        self.keep_next = true;
    }

    /// A body paragraph; images standing alone in it become figures.
    fn body_paragraph(&mut self, inlines: &[Inline]) {
        let lone_images = inlines.iter().all(|i| match i {
            Inline::Image { .. } | Inline::LineBreak => true,
            Inline::Text(t) => t.trim().is_empty(),
            _ => false,
        }) && inlines.iter().any(|i| matches!(i, Inline::Image { .. }));
        if lone_images {
            for inline in inlines {
                if let Inline::Image { src, alt } = inline {
                    self.figure(src, alt);
                }
            }
        } else {
            let p = self.body_para();
            self.paragraph(inlines, &p);
        }
    }

    fn figure(&mut self, src: &str, alt: &str) {
        let pt = crate::style::PT_PER_MM;
        if let Some(res) = self.doc.resources.get(src)
            && res.width > 0
            && res.height > 0
        {
            // Pixels at 96 per inch, shrunk to fit the measure and half the text block.
            let (mut w, mut h) = (res.width as f32 * 0.75, res.height as f32 * 0.75);
            let max_h = self.style.text_height() * pt * 0.5;
            let scale = (self.width / w).min(max_h / h).min(1.0);
            w *= scale;
            h *= scale;
            let pad = self.base.pitch * 0.25;
            let mut height = h + 2.0 * pad;
            if self.grid() {
                height = (height / self.base.pitch).ceil() * self.base.pitch;
            }
            self.pending_space = self.pending_space.max(self.block_space());
            let from = self.mark_from();
            self.out.galley.marks.push(Mark::Picture {
                src: src.to_string(),
                x: self.left + (self.width - w) / 2.0,
                y: (height - h) / 2.0,
                w,
                h,
            });
            self.push_slot(height, Brk::Allowed, from);
            self.keep_next = true;
        }
        if !alt.trim().is_empty() {
            let size = if self.grid() {
                self.base.size
            } else {
                self.base.size * 0.85
            };
            let p = Para {
                size,
                pitch: if self.grid() {
                    self.base.pitch
                } else {
                    size * TIGHT_PITCH
                },
                indent: 0.0,
                align: Align::Center,
                ..self.body_para()
            };
            self.clear();
            let span = Span {
                ink: Ink::Muted,
                ..self.span(p.role, size)
            };
            self.text(alt, &span, false);
            self.set_paragraph(&p, None, Brk::Allowed);
        }
        self.keep_next = false;
        self.pending_space = self.pending_space.max(self.block_space());
    }

    fn list(&mut self, ordered: bool, start: u64, items: &[ListItem]) {
        let space = if self.list_depth == 0 {
            self.block_space()
        } else {
            0.0
        };
        self.pending_space = self.pending_space.max(space);
        let em = self.base.grid.unwrap_or(self.base.size);
        let step = 2.0 * em;
        self.list_depth += 1;
        for (k, item) in items.iter().enumerate() {
            let kind = match item.task {
                Some(ticked) => MarkerKind::Box(ticked),
                None if ordered => MarkerKind::Text(format!("{}.", start + k as u64)),
                None => MarkerKind::Bullet,
            };
            self.left += step;
            self.width -= step;
            self.marker = Some(Marker {
                kind,
                right: self.left - em * 0.5,
            });
            for b in &item.blocks {
                self.block(b);
            }
            self.marker = None;
            self.left -= step;
            self.width += step;
        }
        self.list_depth -= 1;
        self.pending_space = self.pending_space.max(space);
    }

    fn code(&mut self, text: &str) {
        let size = if self.grid() {
            self.base.size
        } else {
            self.base.size * 0.85
        };
        let pitch = if self.grid() {
            self.base.pitch
        } else {
            size * TIGHT_PITCH
        };
        self.pending_space = self.pending_space.max(self.block_space());
        let pad = size * 0.5;
        let src: Vec<&str> = text.strip_suffix('\n').unwrap_or(text).split('\n').collect();
        // Lay out every source line first, so widows and orphans count the block's lines.
        let mut atoms = Vec::new();
        let mut faces = Vec::new();
        let mut lines = Vec::new();
        self.clear();
        let span = self.span(Role::Mono, size);
        for line in &src {
            self.atoms.clear();
            self.faces.clear();
            self.text(line, &span, true);
            linebreak::prepare(&mut self.atoms, None);
            let base = atoms.len();
            let mut ls = Vec::new();
            linebreak::break_lines(&self.atoms, self.width - 2.0 * pad, 0.0, &mut ls);
            if ls.is_empty() {
                ls.push(Line {
                    start: 0,
                    end: 0,
                    next: 0,
                    last: true,
                });
            }
            for l in ls {
                lines.push(Line {
                    start: l.start + base,
                    end: l.end + base,
                    next: l.next + base,
                    last: l.last,
                });
            }
            atoms.extend_from_slice(&self.atoms);
            faces.extend_from_slice(&self.faces);
        }
        self.atoms = atoms;
        self.faces = faces;
        self.lines = lines;
        let n = self.lines.len();
        for k in 0..n {
            let from = self.mark_from();
            self.out.galley.marks.push(Mark::Fill {
                x: self.left,
                y: 0.0,
                w: self.width,
                h: pitch,
                ink: Ink::Shade,
            });
            let baseline = (pitch - size) / 2.0 + ASCENT * size;
            if k == 0 {
                self.draw_marker(baseline, self.base.size);
            }
            self.draw_line(k, self.left + pad, self.width - 2.0 * pad, Align::Left, baseline);
            let brk = if k == 0 {
                Brk::Allowed
            } else if k < 2 || n - k < 2 {
                Brk::Never
            } else {
                Brk::Allowed
            };
            self.push_slot(pitch, brk, from);
        }
        self.pending_space = self.pending_space.max(self.block_space());
    }

    // ---- title, contents, notes -------------------------------------------------------------

    fn title(&mut self) {
        let meta = &self.doc.meta;
        if meta.title.trim().is_empty() {
            return;
        }
        let style = self.style;
        let book = style.preset == Preset::Book;
        let size = style.title_size;
        let pitch = if self.grid() {
            self.base.pitch
        } else {
            size * 1.5
        };
        let p = Para {
            role: style.title_role,
            size,
            pitch,
            grid: false,
            indent: 0.0,
            align: Align::Center,
            keep_lines: false,
            pad_top: if book {
                style.text_height() * crate::style::PT_PER_MM * 0.25
            } else {
                0.0
            },
            pad_bottom: 0.0,
        };
        self.clear();
        let span = self.span(p.role, size);
        self.text(&meta.title, &span, false);
        self.set_paragraph(&p, None, Brk::Allowed);
        let small = |b: &Self, size: f32| Para {
            role: b.base.role,
            size,
            pitch: if b.grid() { b.base.pitch } else { size * 1.6 },
            pad_top: 0.0,
            ..p
        };
        if let Some(sub) = &meta.subtitle {
            let q = Para {
                role: style.title_role,
                ..small(self, style.heading_size(2))
            };
            self.clear();
            let span = self.span(q.role, q.size);
            self.text(sub, &span, false);
            self.keep_next = true;
            self.set_paragraph(&q, None, Brk::Never);
        }
        let byline: Vec<&str> = meta
            .authors
            .iter()
            .map(String::as_str)
            .chain(meta.date.as_deref())
            .collect();
        if !byline.is_empty() {
            let q = small(self, self.base.size);
            self.clear();
            let span = Span {
                ink: Ink::Muted,
                ..self.span(q.role, q.size)
            };
            self.text(&byline.join("　"), &span, false);
            self.keep_next = true;
            self.set_paragraph(&q, None, Brk::Never);
        }
        // One blank line between the title and the text (GB/T 9704 7.3.1).
        self.pending_space = self.base.pitch;
        self.keep_next = true;
        if book {
            self.out.title_page = true;
            self.force_page = true;
            self.keep_next = false;
            self.pending_space = 0.0;
        }
    }

    /// The table of contents: one entry per heading down to level 2 (book) or 3, with leaders
    /// and page numbers filled in after pagination.
    fn toc(&mut self) {
        let depth = if self.style.preset == Preset::Book {
            2
        } else {
            3
        };
        let entries: Vec<(usize, u8, String)> = self
            .out
            .anchors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.level <= depth)
            .map(|(i, a)| (i, a.level, a.title.clone()))
            .collect();
        if entries.is_empty() {
            return;
        }
        let chapter = self.style.chapter_breaks;
        let size = self.style.heading_size(1);
        let p = Para {
            role: self.base.role,
            size,
            pitch: (size * 1.5).max(self.base.pitch),
            grid: false,
            indent: 0.0,
            align: Align::Center,
            keep_lines: false,
            pad_top: if chapter { self.base.pitch * 3.0 } else { 0.0 },
            pad_bottom: self.base.pitch,
        };
        self.clear();
        let span = self.span(p.role, size);
        self.text("目录", &span, false);
        self.set_paragraph(&p, None, Brk::Allowed);
        self.keep_next = true;
        let em = self.base.size;
        let reserve = 3.0 * em;
        for (anchor, level, title) in entries {
            let indent = f32::from(level - 1) * 2.0 * em;
            let p = Para {
                indent: 0.0,
                align: Align::Left,
                keep_lines: false,
                grid: false,
                ..self.body_para()
            };
            self.clear();
            let span = Span {
                link: Some(Target::Anchor(anchor)),
                ..self.span(p.role, p.size)
            };
            self.text(&title, &span, false);
            let (left, width) = (self.left, self.width);
            self.left += indent;
            self.width -= indent + reserve;
            self.break_into_lines(&p, self.width);
            let n = self.lines.len();
            for k in 0..n {
                let from = self.mark_from();
                let baseline = (p.pitch - p.size) / 2.0 + ASCENT * p.size;
                let text_end = self.draw_line(k, self.left, self.width, Align::Left, baseline);
                let slot = self.push_slot(p.pitch, Brk::Allowed, from);
                if k == n - 1 {
                    self.out.slots[slot].toc = Some(TocRef {
                        anchor,
                        text_end,
                        right: left + width,
                        baseline,
                        size: p.size,
                    });
                }
            }
            self.left = left;
            self.width = width;
        }
        self.force_page = true;
    }

    /// Lays out every footnote beside the flow; notes never referenced go at the end.
    fn notes(&mut self) {
        if self.doc.notes.is_empty() {
            return;
        }
        let size = self.style.body_size * NOTE_SCALE;
        let saved = self.base;
        self.base = Base {
            role: saved.role,
            size,
            pitch: size * TIGHT_PITCH,
            grid: None,
        };
        let step = 1.8 * size;
        self.in_notes = true;
        for (i, note) in self.doc.notes.iter().enumerate() {
            let referenced = self.referenced[i];
            self.in_note = referenced;
            let start = self.out.note_slots.len();
            self.left += step;
            self.width -= step;
            self.marker = Some(Marker {
                kind: MarkerKind::Text(format!("{}", i + 1)),
                right: self.left - size * 0.6,
            });
            for b in &note.blocks {
                self.block(b);
            }
            self.marker = None;
            self.left -= step;
            self.width += step;
            self.out.notes.push(start..self.out.note_slots.len());
        }
        self.in_note = false;
        self.in_notes = false;
        self.base = saved;
    }
}


/// Adds the link box and strike-through rule of a stretch of text in `span` from `x0` to `x1`.
fn decorate(span: &Span, x0: f32, x1: f32, baseline: f32, marks: &mut Vec<Mark>) {
    if let Some(target) = &span.link {
        marks.push(Mark::Link {
            x: x0,
            y: baseline - span.size * ASCENT,
            w: x1 - x0,
            h: span.size,
            target: target.clone(),
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
