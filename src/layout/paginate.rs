//! Slots into pages: page breaks where the keep rules allow them, footnotes at the foot of the
//! page that refers to them, page numbers, and the table of contents' numbers.

use std::ops::Range;

use super::class::{Kind, classify, is_interpunct};
use super::flow::{Brk, Flow, Galley, Slot, Table, TocRef};
use super::linebreak::{self, Atom};
use super::orient::{Writing, upright};
use super::tags::NodeId;
use super::{ASCENT, Actual, Anchor, Glyph, Ink, Layout, Mark, Measure, Page, Run};
use super::{columns, fill};
use crate::font::FaceId;
use crate::style::{Element, PT_PER_MM, PageNumbers, Style};

/// The height of the em dash (一字线) above the baseline, in em, in CJK fonts (Noto Serif SC:
/// 0.242–0.293).
const DASH_HEIGHT: f32 = 0.29;

/// Tolerance for "the slot fits", in points.
pub(super) const EPS: f32 = 0.01;

/// A running head's baseline above the text block, in mm: the head sits in the top margin, a
/// little over a line clear of the text.
const HEAD_GAP: f32 = 7.0;

/// Breaks the flow into pages and places everything at its final position.
pub(super) fn paginate(flow: Flow, style: &Style, m: &impl Measure) -> Layout {
    let Flow {
        galley,
        mut slots,
        note_refs,
        notes,
        note_slots,
        mut anchors,
        tables,
        title_page,
        body_start,
        warnings,
        tree,
        title,
    } = flow;
    let top = style.margins.top * PT_PER_MM;
    let left = style.margins.left * PT_PER_MM;
    let avail = style.text_height() * PT_PER_MM;
    // The space and rule between the text and the notes.
    let sep = style.body_size;
    // A keep gives way to a full page only where the style fills its pages (GB/T 9704's grid).
    if !style.fill_pages {
        for s in slots.iter_mut().filter(|s| s.brk == Brk::Keep) {
            s.brk = Brk::Never;
        }
    }

    // A table that runs over a page repeats its head there.
    let repeat = |i: usize| -> Option<usize> {
        let t = tables.get(slots.get(i)?.table?)?;
        t.head.filter(|&h| h != i)
    };
    let head_room = |i: usize| repeat(i).map_or(0.0, |h| slots[h].height);
    // Columns: each is a frame of the plan below, filled before the next; a page holds
    // `columns` of them side by side (`columns::place`).
    let columns = usize::from(style.column_count());
    let column_w = style.column_width() * PT_PER_MM;
    let column_step = column_w + style.column_gap * PT_PER_MM;
    let filled = if style.flush_bottom && columns == 1 {
        fill::breaks(&slots, avail, style.line_pitch)
    } else {
        Vec::new()
    };
    let mut plan = plan(
        &slots,
        Notes {
            refs: &note_refs,
            notes: &notes,
            slots: &note_slots,
            sep,
        },
        &filled,
        avail,
        head_room,
    );
    if columns > 1 {
        columns::balance(&slots, &mut plan, columns);
    }
    let places = columns::place(&slots, &plan, columns);

    let mut pages: Vec<Page> = Vec::with_capacity(plan.len());
    // Each entry's page, top, reference, and where its runs end on the page.
    let mut tocs: Vec<(usize, f32, TocRef, usize)> = Vec::new();
    for (f, (range, page_notes)) in plan.iter().enumerate() {
        let (p, column) = places[f];
        pages.resize_with(pages.len().max(p + 1), Page::default);
        let page = &mut pages[p];
        let from = (page.glyphs.len(), page.marks.len());
        let mut y = top;
        if let Some(t) = slots.get(range.start).and_then(|s| s.table) {
            match repeat(range.start) {
                Some(h) => {
                    // The head again is an artifact: its text is already in the tree.
                    copy(&galley, &slots[h], y, page, false);
                    y += slots[h].height;
                }
                None if tables[t].head.is_none() && range.start > 0 => {
                    page.marks.push(table_rule(&tables[t], y));
                }
                None => {}
            }
        }
        // A book's page fills its text block by stretching the space around its headings, or
        // shrinks it to hold what its breaks put on it (`layout::fill`).
        let spacing = if style.flush_bottom && page_notes.is_empty() && y == top {
            let last = slots
                .get(range.end)
                .is_none_or(|s| matches!(s.brk, Brk::Page | Brk::Recto));
            fill::spacing(fill::extent(&slots[range.clone()]), avail, last)
        } else {
            1.0
        };
        for (k, slot) in slots[range.clone()].iter().enumerate() {
            if k > 0 {
                y += slot.space_before * spacing;
            }
            copy(&galley, slot, y, page, true);
            if let Some(a) = slot.anchor.and_then(|a| anchors.get_mut(a)) {
                a.page = p;
                a.y = y;
            }
            if let Some(t) = slot.toc {
                tocs.push((p, y, t, page.runs.len()));
            }
            y += slot.height;
        }
        // A table that goes on to the next page is closed with its bottom rule here.
        let continues = |i: usize| slots.get(i).and_then(|s| s.table);
        if let (Some(t), true) = (continues(range.end.wrapping_sub(1)), range.end > 0)
            && continues(range.end) == Some(t)
        {
            page.marks.push(table_rule(&tables[t], y));
        }
        if !page_notes.is_empty() {
            let foot: f32 = page_notes
                .iter()
                .map(|r| stack_height(&note_slots[r.clone()]))
                .sum::<f32>()
                + sep;
            let mut y = top + avail - foot;
            let ry = y + sep * 0.4;
            page.marks.push(Mark::Rule {
                x0: left,
                y0: ry,
                x1: left + column_w / 4.0,
                y1: ry,
                width: 0.5,
                ink: Ink::Text,
            });
            y += sep;
            for part in page_notes {
                for (k, slot) in note_slots[part.clone()].iter().enumerate() {
                    if k > 0 {
                        y += slot.space_before;
                    }
                    copy(&galley, slot, y, page, true);
                    y += slot.height;
                }
            }
        }
        shift(page, from, column as f32 * column_step);
    }
    if pages.is_empty() {
        pages.push(Page::default());
    }

    // The front matter: the pages before the one the body starts on.
    let front = body_start.map_or(0, |s| {
        plan.iter()
            .position(|(range, _)| range.contains(&s))
            .map_or(pages.len(), |f| places[f].0)
    });
    let mut numbers = Numbers { style, m };
    // The contents' numbers are part of their entries; page numbers are artifacts.
    // Each number goes among the runs right after its entry's text, in reading order, so that
    // the PDF marks text and number as one sequence; `moved` counts the numbers put in before
    // it on the same page.
    let mut moved = (usize::MAX, 0);
    for (p, y, t, end) in tocs {
        let target = anchors.get(t.anchor).map_or(0, |a| a.page);
        if moved.0 != p {
            moved = (p, 0);
        }
        let page = &mut pages[p];
        let before = page.runs.len();
        numbers.toc(page, y, &t, &label(target, front));
        let added = page.runs.len() - before;
        let at = (end + moved.1).min(before);
        page.runs[at..].rotate_right(added);
        moved.1 += added;
    }
    let heads = if style.running_heads {
        running_heads(&anchors, pages.len(), front, &title)
    } else {
        vec![None; pages.len()]
    };
    for (p, page) in pages.iter_mut().enumerate() {
        // The title page and a blank page carry no number.
        if title_page && p == 0 || page.runs.is_empty() && page.marks.is_empty() {
            continue;
        }
        if style.mirrored && p % 2 == 1 {
            let (outer, inner) = (style.margins.right, style.margins.left);
            mirror(page, (outer - inner) * PT_PER_MM);
        }
        if let Some(head) = &heads[p] {
            numbers.head(page, p + 1, head);
        }
        numbers.folio(page, p + 1, &label(p, front));
    }

    Layout {
        width: style.page_width * PT_PER_MM,
        height: style.page_height * PT_PER_MM,
        pages,
        anchors,
        notes: Vec::new(),
        front,
        warnings,
        tree,
        colophon_pages: 0,
        colophon_runs_over: false,
        writing: Writing::HorizontalTb,
    }
}

/// Sets the page number of page `p` (0-based) of a layout whose front matter takes `front`
/// pages, on a page added after pagination (the 版记's own page, `layout::colophon`).
pub(super) fn number(page: &mut Page, p: usize, front: usize, style: &Style, m: &impl Measure) {
    Numbers { style, m }.folio(page, p + 1, &label(p, front));
}

/// The printed number of page `p` (0-based) when the front matter takes `front` pages: i, ii, …
/// there, and 1, 2, … from the body's first page on (as the PDF's page labels say).
pub(super) fn label(p: usize, front: usize) -> String {
    if p < front {
        roman(p + 1)
    } else {
        (p - front + 1).to_string()
    }
}

/// The running head of each page: on the body's pages (not the front matter's) the `title` on
/// verso (even) pages and the current chapter on recto ones; none on a chapter's opening page.
/// A chapter is what a level-1 heading starts — in the book preset, a new page — and the
/// recto head before the first chapter, or in a book without any, is the title too.
fn running_heads(
    anchors: &[Anchor],
    pages: usize,
    front: usize,
    title: &str,
) -> Vec<Option<String>> {
    let mut heads = vec![None; pages];
    let chapters: Vec<&Anchor> = anchors.iter().filter(|a| a.level == 1).collect();
    let mut current: Option<&Anchor> = None;
    let mut next = chapters.iter().peekable();
    for (p, head) in heads.iter_mut().enumerate() {
        let mut opens = false;
        while let Some(a) = next.next_if(|a| a.page <= p) {
            opens |= a.page == p;
            current = Some(a);
        }
        if p < front || opens {
            continue;
        }
        let text = match current {
            Some(a) if p % 2 == 0 => &a.title,
            _ => title,
        };
        *head = (!text.is_empty()).then(|| text.to_string());
    }
    heads
}

/// Moves everything on a page `dx` along the line (a verso page of a mirrored book, whose text
/// block stands the outer margin from the left edge rather than the inner).
fn mirror(page: &mut Page, dx: f32) {
    shift(page, (0, 0), dx);
}

/// Moves the glyphs and marks of a page from `from` (glyph, mark) on `dx` along the line: a
/// column's, set at the text block's left edge, to its place.
fn shift(page: &mut Page, from: (usize, usize), dx: f32) {
    if dx == 0.0 {
        return;
    }
    for g in &mut page.glyphs[from.0..] {
        g.x += dx;
    }
    for mark in &mut page.marks[from.1..] {
        match mark {
            Mark::Rule { x0, x1, .. } | Mark::Dots { x0, x1, .. } => {
                *x0 += dx;
                *x1 += dx;
            }
            Mark::Fill { x, .. }
            | Mark::Dot { x, .. }
            | Mark::Picture { x, .. }
            | Mark::Link { x, .. } => *x += dx,
        }
    }
}

/// `n` in lower-case Roman numerals (`style::plan::ROMAN` lists their letters).
pub(super) fn roman(mut n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, letters) in NUMERALS {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// A table's heavy rule at `y`.
fn table_rule(t: &Table, y: f32) -> Mark {
    Mark::Rule {
        x0: t.left,
        y0: y,
        x1: t.right,
        y1: y,
        width: 1.0,
        ink: Ink::Text,
    }
}

/// The height of slots stacked one after another.
fn stack_height(slots: &[Slot]) -> f32 {
    slots
        .iter()
        .enumerate()
        .map(|(k, s)| s.height + if k > 0 { s.space_before } else { 0.0 })
        .sum()
}

/// A note taller than this share of the text block may run over to the next page's foot.
const LONG_NOTE: f32 = 0.4;

/// The most of a page's text block the part of a note carried over from the page before takes.
const CARRIED_NOTE: f32 = 0.6;

/// The footnotes a page may carry at its foot.
struct Notes<'a> {
    /// The note each reference of the body refers to, by index into `notes`.
    refs: &'a [usize],
    /// Each note's slots in `slots`.
    notes: &'a [Range<usize>],
    /// The notes' slots.
    slots: &'a [Slot],
    /// The space and rule between the text and the notes.
    sep: f32,
}

/// The longest stretch of `slots[range]` from its start that fits in `room`: where it ends
/// (at least one slot, so that every page makes progress).
fn fit(slots: &[Slot], range: Range<usize>, room: f32) -> usize {
    let mut h = 0.0;
    for j in range.clone() {
        h += slots[j].height
            + if j > range.start {
                slots[j].space_before
            } else {
                0.0
            };
        if h > room + EPS {
            return j.max(range.start + 1);
        }
    }
    range.end
}

/// Chooses page breaks: each page takes slots until the next one (with the notes it brings)
/// does not fit, then ends at the last slot before which a break is allowed — or, if that
/// leaves the page shorter, at the last one only a [`Brk::Keep`] asks to avoid. A note longer than
/// [`LONG_NOTE`] of the page that does not fit is split: what fits goes at this page's foot,
/// the rest at the next page's. Returns each page's slots and the stretches of note slots set
/// at its foot. A page that starts a stretch `filled` (`layout::fill::breaks`) chose its end
/// ends there, unless it holds notes carried over.
fn plan(
    slots: &[Slot],
    notes: Notes,
    filled: &[Option<usize>],
    avail: f32,
    head_room: impl Fn(usize) -> f32,
) -> Vec<(Range<usize>, Vec<Range<usize>>)> {
    let Notes {
        refs: note_refs,
        notes,
        slots: note_slots,
        sep,
    } = notes;
    let n = slots.len();
    let note_h: Vec<f32> = notes
        .iter()
        .map(|r| stack_height(&note_slots[r.clone()]))
        .collect();
    let mut placed = vec![false; notes.len()];
    let mut plan = Vec::new();
    let mut start = 0;
    // The parts of split notes still to set, in order.
    let mut carry: std::collections::VecDeque<Range<usize>> = Default::default();
    while start < n || !carry.is_empty() {
        let (mut used, mut foot) = (head_room(start), 0.0f32);
        let mut page_notes: Vec<Range<usize>> = Vec::new();
        // Which note each of `page_notes` is, for the whole notes brought by this page's text.
        let mut keys: Vec<Option<usize>> = Vec::new();
        while let Some(rest) = carry.pop_front() {
            let room = avail * CARRIED_NOTE - foot;
            if room <= 0.0 {
                carry.push_front(rest);
                break;
            }
            let end = fit(note_slots, rest.clone(), room);
            page_notes.push(rest.start..end);
            keys.push(None);
            foot +=
                stack_height(&note_slots[rest.start..end]) + if foot == 0.0 { sep } else { 0.0 };
            if end < rest.end {
                carry.push_front(end..rest.end);
                break;
            }
        }
        let mut last_ok: Option<(usize, usize)> = None;
        // The last break only a keep asks to avoid.
        let mut last_kept: Option<(usize, usize)> = None;
        let mut i = start;
        // A right-hand page to start on, and this one would be a left-hand page: it stays
        // blank (or holds only the notes carried over).
        let verso = plan.len() % 2 == 1 && slots.get(start).is_some_and(|s| s.brk == Brk::Recto);
        let chosen = filled.get(start).copied().flatten();
        let end = if let Some(end) = chosen.filter(|_| !verso && page_notes.is_empty()) {
            end
        } else {
            loop {
                if i == n || verso {
                    break i;
                }
                let s = &slots[i];
                if i > start {
                    match s.brk {
                        Brk::Page | Brk::Recto => break i,
                        Brk::Allowed => last_ok = Some((i, page_notes.len())),
                        Brk::Keep => last_kept = Some((i, page_notes.len())),
                        Brk::Never => {}
                    }
                }
                let before = page_notes.len();
                let mut add = 0.0;
                let mut long = None;
                // Long notes after the first one of this slot: they follow its rest onto the
                // next pages, split as it is (set whole here, one ran over the body).
                let mut more_long = Vec::new();
                for &k in &note_refs[s.notes.clone()] {
                    if k < placed.len() && !placed[k] && !page_notes.contains(&notes[k]) {
                        if note_h[k] > avail * LONG_NOTE {
                            if long.is_none() {
                                long = Some(k);
                            } else {
                                more_long.push(k);
                            }
                            continue;
                        }
                        page_notes.push(notes[k].clone());
                        keys.push(Some(k));
                        add += note_h[k];
                    }
                }
                if add > 0.0 && foot == 0.0 {
                    add += sep;
                }
                let space = if i > start { s.space_before } else { 0.0 };
                let mut total = used + space + s.height + foot + add;
                if let Some(k) = long {
                    // The long note's first part fills what is left of the page, if that is two
                    // lines or more (or the slot starts the page); otherwise the slot waits for
                    // the next page.
                    let sep = if foot + add == 0.0 { sep } else { 0.0 };
                    let room = avail - total - sep;
                    let first = notes[k].clone();
                    let min = note_slots.get(first.start).map_or(0.0, |s| s.height * 2.0);
                    if room >= min || i == start {
                        let cut = fit(note_slots, first.clone(), room);
                        page_notes.push(first.start..cut);
                        keys.push(Some(k));
                        foot += add + sep + stack_height(&note_slots[first.start..cut]);
                        used += space + s.height;
                        // What this page holds is settled up to here: a later slot that does not
                        // fit ends the page before it.
                        last_ok = None;
                        last_kept = None;
                        if cut < first.end {
                            carry.push_back(cut..first.end);
                        }
                        for &k in &more_long {
                            carry.push_back(notes[k].clone());
                            placed[k] = true;
                        }
                        if !carry.is_empty() {
                            break i + 1;
                        }
                        i += 1;
                        continue;
                    }
                    total = avail + 1.0;
                }
                if i > start && total > avail + EPS {
                    page_notes.truncate(before);
                    keys.truncate(before);
                    let later = |kept: (usize, usize)| last_ok.is_none_or(|(b, _)| kept.0 > b);
                    let last_ok = match last_kept {
                        Some(kept) if later(kept) => Some(kept),
                        _ => last_ok,
                    };
                    match last_ok {
                        Some((b, k)) => {
                            page_notes.truncate(k);
                            keys.truncate(k);
                            break b;
                        }
                        None => break i,
                    }
                }
                used += space + s.height;
                foot += add;
                i += 1;
            }
        };
        for k in keys.into_iter().flatten() {
            placed[k] = true;
        }
        plan.push((start..end, page_notes));
        start = end;
    }
    plan
}

/// Copies a slot's runs and marks onto a page, its top at `y`; its text is an artifact unless
/// `tagged` (a link box keeps its node: every annotation is in the tree).
fn copy(g: &Galley, slot: &Slot, y: f32, page: &mut Page, tagged: bool) {
    // Pages are set in logical directions; `orient::Writing::turn` puts them upright.
    let writing = Writing::HorizontalTb;
    let first = page.runs.len();
    for r in &g.runs[slot.runs.clone()] {
        let start = page.glyphs.len();
        page.glyphs.extend_from_slice(&g.glyphs[r.glyphs.clone()]);
        page.runs.push(Run {
            glyphs: start..page.glyphs.len(),
            node: r.node.filter(|_| tagged),
            ..writing.run(r, y)
        });
    }
    for a in slot.actual.iter().filter(|a| !a.runs.is_empty()) {
        let at = |r: usize| first + r - slot.runs.start;
        page.actual.push(Actual {
            runs: at(a.runs.start)..at(a.runs.end),
            text: a.text.clone(),
        });
    }
    for mark in &g.marks[slot.marks.clone()] {
        page.marks.push(writing.mark(mark, y));
    }
}

/// The room one character of a page number or running head takes on its line.
struct Cell {
    /// Its face; `None` when no face covers it.
    face: Option<FaceId>,
    /// Where its glyph starts inside the cell.
    offset: f32,
    /// The cell's width along the line.
    width: f32,
}

/// Sets page numbers and table of contents numbers.
struct Numbers<'a, M: Measure> {
    style: &'a Style,
    m: &'a M,
}

impl<M: Measure> Numbers<'_, M> {
    /// Places `text` with its left edge at `x` on `baseline`, as part of `node`; returns its
    /// width.
    fn set(
        &mut self,
        page: &mut Page,
        text: &str,
        (x, baseline): (f32, f32),
        size: f32,
        node: Option<NodeId>,
    ) -> f32 {
        let mut pen = x;
        for (c, cell) in text.chars().zip(self.cells(text, size)) {
            let Cell {
                face,
                offset,
                width: adv,
            } = cell;
            let start = page.glyphs.len();
            page.glyphs.push(Glyph {
                ch: c,
                x: pen + offset,
            });
            // Only a plain run of the same node is continued: the last run on a contents page
            // may be the entry's own text, set in another look.
            let same = page.runs.last().is_some_and(|r| {
                r.face == face
                    && r.ink == Ink::Text
                    && !r.embolden
                    && !r.hidden
                    && r.y == baseline
                    && r.size == size
                    && r.glyphs.end == start
                    && r.node == node
            });
            if same {
                if let Some(r) = page.runs.last_mut() {
                    r.glyphs.end = start + 1;
                }
            } else {
                page.runs.push(Run {
                    node,
                    ..Run::plain(face, size, baseline, start)
                });
            }
            pen += adv;
        }
        pen - x
    }

    /// The width of `text` set at `size` ([`Numbers::set`]).
    fn width(&self, text: &str, size: f32) -> f32 {
        self.cells(text, size).iter().map(|c| c.width).sum()
    }

    /// The cell of each character of `text` at `size`: its advance. In vertical text, as the
    /// body's lines set them (`linebreak::upright_numbers`, `linebreak::prepare`), a number of
    /// two or three digits standing alone (a folio, a contents entry's page) takes one em in
    /// all, in equal parts, and the writer draws it across the column; an interpunct between
    /// Han characters (a running head's `卷一·周文`) takes a full cell, centred in it (GB/T
    /// 15834-2011 §4.14). A horizontal page's heads keep their advances.
    fn cells(&self, text: &str, size: f32) -> Vec<Cell> {
        let look = self.style.look(Element::PageNumber);
        let chars: Vec<char> = text.chars().collect();
        let mut cells: Vec<Cell> = chars
            .iter()
            .map(|&c| {
                let (face, width) = match self.m.glyph(look.role, look.bold, c) {
                    Some(p) => (Some(p.face), p.advance * size),
                    None => (None, size / 2.0),
                };
                Cell {
                    face,
                    offset: 0.0,
                    width,
                }
            })
            .collect();
        if !self.style.vertical {
            return cells;
        }
        // Short numbers in one cell, by the rule that sets the body's lines.
        let mut atoms: Vec<Atom> = chars
            .iter()
            .zip(&cells)
            .map(|(&c, cell)| Atom::new(c, size, cell.width, 0))
            .collect();
        linebreak::upright_numbers(&mut atoms, None, upright);
        let han = |k: Option<&char>| k.is_some_and(|&c| classify(c).kind == Kind::Han);
        for (s, (cell, a)) in cells.iter_mut().zip(&atoms).enumerate() {
            cell.width = a.width;
            let before = s.checked_sub(1).and_then(|k| chars.get(k));
            if is_interpunct(chars[s]) && han(before) && han(chars.get(s + 1)) {
                let full = cell.width.max(size);
                cell.offset = (full - cell.width) / 2.0;
                cell.width = full;
            }
        }
        cells
    }

    /// The page number `label` of page `n` (1-based): centred, or GB/T 9704 §7.5 `— 1 —`, 4号,
    /// 7 mm below the text block, odd pages right and even pages left, one character in.
    fn folio(&mut self, page: &mut Page, n: usize, label: &str) {
        let s = self.style;
        let size = s.look(Element::PageNumber).size;
        let below = (s.margins.top + s.text_height() + s.page_number_gap) * PT_PER_MM;
        let (left, right) = self.block_x(n);
        match s.page_numbers {
            PageNumbers::Centered => {
                // The top of the em box `page_number_gap` below the text block.
                let baseline = below + ASCENT * size;
                let w = self.width(label, size);
                self.set(
                    page,
                    label,
                    ((left + right - w) / 2.0, baseline),
                    size,
                    None,
                );
            }
            PageNumbers::Gongwen => {
                // 「一字线上距版心下边缘 7 mm」: the dashes, drawn at about 0.3 em above the
                // baseline, sit `page_number_gap` below the text block.
                let baseline = below + DASH_HEIGHT * size;
                let text = format!("— {label} —");
                let w = self.width(&text, size);
                let em = s.body_size;
                let x = if n % 2 == 1 {
                    right - em - w
                } else {
                    left + em
                };
                self.set(page, &text, (x, baseline), size, None);
            }
            PageNumbers::Outer => {
                let baseline = below + ASCENT * size;
                let w = self.width(label, size);
                let x = if n % 2 == 1 { right - w } else { left };
                self.set(page, label, (x, baseline), size, None);
            }
        }
    }

    /// The left and right edges of page `n`'s (1-based) text block: a mirrored book's even
    /// pages have the outer margin on the left.
    fn block_x(&self, n: usize) -> (f32, f32) {
        let s = self.style;
        let (left, right) = if s.mirrored && n.is_multiple_of(2) {
            (s.margins.right, s.margins.left)
        } else {
            (s.margins.left, s.margins.right)
        };
        (left * PT_PER_MM, (s.page_width - right) * PT_PER_MM)
    }

    /// A running head, centred over page `n`'s text block in the top margin: an artifact like
    /// the folio (PDF 32000-1 §14.8.2.2.2, `/Pagination /Header`, which the PDF writer gives
    /// untagged text above the text block).
    fn head(&mut self, page: &mut Page, n: usize, text: &str) {
        let s = self.style;
        let size = s.page_number_size;
        let baseline = (s.margins.top - HEAD_GAP) * PT_PER_MM;
        let (left, right) = self.block_x(n);
        let w = self.width(text, size);
        let x = left + ((right - left - w) / 2.0).max(0.0);
        self.set(page, text, (x, baseline), size, None);
    }

    /// The page number and leader dots of a table of contents entry.
    fn toc(&mut self, page: &mut Page, y: f32, t: &TocRef, text: &str) {
        let w = self.width(text, t.size);
        let x = t.right - w;
        let baseline = y + t.baseline;
        self.set(page, text, (x, baseline), t.size, t.node);
        // Dots on a grid shared by all entries, so that they line up down the page.
        let step = t.size * 0.5;
        let x0 = ((t.text_end + step) / step).ceil() * step;
        let x1 = ((x - step) / step).floor() * step;
        if x1 >= x0 {
            page.marks.push(Mark::Dots {
                x0,
                x1,
                y: baseline - t.size * 0.1,
                step,
                r: t.size * 0.05,
            });
        }
    }
}
