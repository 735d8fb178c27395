//! The text of one page, in one text object.
//!
//! Every run is placed with one text matrix at its first glyph; the positions the layout chose
//! for the others become `TJ` offsets against the advances the viewer applies (the `/W` widths:
//! 1/1000 em, truncated). A run whose gaps are mostly equal — a justified line — carries that gap
//! as character spacing (`Tc`) instead of one offset per glyph.
//!
//! A vertical page's runs are columns (`layout::orient`): their upright glyphs are shown with
//! the face's `Identity-V` font (WMode 1, PDF 32000-1 §9.7.4.3) in their vertical forms, one
//! 1-em advance down per glyph, from a text matrix at the top of the column's centre line; a
//! stretch of Latin letters or digits is turned a quarter clockwise (a rotated text matrix,
//! clreq §3.1.6). poppler's `pdftotext` reads such columns one by one, right to left, as it reads
//! a vertical-mode font's text as lines turned by 90°; glyphs placed one by one upright with
//! `Identity-H` it reads across the columns, row by row.

use std::collections::BTreeSet;

use super::content::{ink, r2};
use super::fonts::{Embedded, Font};
use super::marked::{Kind, Marker};
use super::ops::{Ops, Part};
use crate::layout::class::{OPENING, paired};
use crate::layout::linebreak::{QUOTES, UPRIGHT_DIGITS};
use crate::layout::orient::{Writing, upright};
use crate::layout::{Glyph, Ink, MIDDLE, Page, Run};

/// Characters drawn as blank boxes (the `.notdef` glyph).
#[derive(Default)]
pub(super) struct Boxes {
    /// Characters a face covers but its embedded subset lacks.
    pub lacking: BTreeSet<char>,
    /// Whether characters no face covers were drawn (the library has warned about those).
    pub uncovered: bool,
}

/// A page's height and how its runs are set.
#[derive(Clone, Copy)]
pub(super) struct Sheet {
    /// The page's height, in points.
    pub height: f32,
    /// In lines or in columns.
    pub writing: Writing,
}

/// The text of a page in one text object. `kind` says what each run is (its structure node or
/// an artifact); `boxes` records what was drawn as blank boxes.
pub(super) fn draw(
    page: &Page,
    sheet: Sheet,
    fonts: &Embedded,
    kind: &dyn Fn(usize, &Run) -> Kind,
    marker: &mut Marker,
    boxes: &mut Boxes,
    ops: &mut Ops,
) {
    if page.runs.is_empty() {
        return;
    }
    let Sheet { height: h, writing } = sheet;
    ops.op("BT");
    let mut state = TextState::default();
    // Whether a line's ActualText span is open (the lines of code; spans never overlap).
    let mut span = false;
    for (i, run) in page.runs.iter().enumerate() {
        end_span(page, i, &mut span, ops);
        let glyphs = &page.glyphs[run.glyphs.clone()];
        let face = run.face.or(fonts.fallback);
        let font = face.and_then(|f| fonts.by_face.get(&f));
        if let (false, Some(_)) = (glyphs.is_empty(), font) {
            let k = kind(i, run);
            // Marked-content sequences and the span must nest: a span the run's node does not
            // continue ends here (its remaining runs copy as drawn).
            if marker.changes(k) && span {
                ops.op("EMC");
                span = false;
            }
            marker.enter(ops, k, 2 * i as u32 + 1);
        }
        begin_span(page, i, &mut span, ops);
        let Some(font) = font.filter(|_| !glyphs.is_empty()) else {
            continue;
        };
        let vertical = writing == Writing::VerticalRl;
        select(
            if vertical { &font.vname } else { &font.name },
            run.size,
            ops,
            &mut state,
        );
        if state.ink != Some(run.ink) {
            ink(ops, run.ink, false);
            state.ink = Some(run.ink);
            if run.embolden && state.bold.is_some() {
                ink(ops, run.ink, true);
            }
        }
        embolden(run, ops, &mut state);
        let y = r2(h - run.y);
        // Upright glyphs down a column, or a turned stretch along it.
        let column = Place::Column { x: r2(run.y), h };
        let sideways = Place::Sideways {
            x: r2(run.y - MIDDLE * run.size),
            h,
        };
        let line = if vertical { column } else { Place::Line(y) };
        // Inside a line's own ActualText span a blank box needs none of its own: nested spans
        // lose the outer text in readers (poppler keeps the inner one).
        let marked = !page.actual.iter().any(|a| a.runs.contains(&i));
        if run.face.is_none() {
            boxes.uncovered = true;
            blank_boxes(glyphs, line, marked, &mut BTreeSet::new(), ops, &mut state);
            continue;
        }
        if run.hidden {
            hidden(run, glyphs, line, font, ops, &mut state);
            continue;
        }
        if let Some(text_size) = run.text_size
            && marked
            && !vertical
        {
            stand_ins(run, glyphs, (y, text_size), font, ops, &mut state);
            continue;
        }
        // Characters the subset lacks are drawn like characters no face covers; characters
        // sharing a glyph each carry their own text.
        let draw = |i: usize| {
            let c = glyphs[i].ch;
            let shared = if vertical {
                &font.vshared
            } else {
                &font.shared
            };
            match (font.covers(c), marked && shared.contains(&c)) {
                (false, _) => Draw::Missing,
                (true, true) => Draw::Own,
                (true, false) if !vertical && marked && cell_of(run, glyphs, i, font).is_some() => {
                    Draw::Cell
                }
                (true, false) => Draw::Plain,
            }
        };
        let mut start = 0;
        while start < glyphs.len() {
            let k = draw(start);
            // In a column, Latin letters and digits are turned, everything else upright.
            let turned = |i: usize| vertical && k == Draw::Plain && !upright(glyphs[i].ch);
            let t = turned(start);
            let mut end = start + 1;
            while k != Draw::Cell && end < glyphs.len() && draw(end) == k && turned(end) == t {
                end += 1;
            }
            let part = &glyphs[start..end];
            let place = if t { sideways } else { line };
            if vertical {
                select(
                    if t { &font.name } else { &font.vname },
                    run.size,
                    ops,
                    &mut state,
                );
            }
            let upright;
            let part = if vertical && !t && matches!(k, Draw::Plain | Draw::Own) {
                upright = centred(part, font, run.size);
                &upright[..]
            } else {
                part
            };
            match k {
                Draw::Plain if t && marked => {
                    sideways_text(run, part, (sideways, column), font, ops, &mut state)
                }
                Draw::Plain => show(run, part, place, font, ops, &mut state),
                Draw::Missing => {
                    blank_boxes(part, place, marked, &mut boxes.lacking, ops, &mut state)
                }
                Draw::Cell => cell_glyph(run, glyphs, start, y, font, ops, &mut state),
                Draw::Own => {
                    for g in part {
                        ops.begin_actual_text(g.ch.encode_utf8(&mut [0; 4]));
                        show(run, std::slice::from_ref(g), place, font, ops, &mut state);
                        ops.op("EMC");
                    }
                }
            }
            start = end;
        }
    }
    end_span(page, page.runs.len(), &mut span, ops);
    marker.close(ops);
    ops.op("ET");
}

/// `glyphs` of `size` placed to be drawn upright down a column. The layout gives a glyph a
/// stretch of the column as long as its advance, but the vertical font draws every glyph in a
/// 1-em cell from its pen (`/DW2`), its ink where its vertical form sits in that cell: a glyph
/// narrower than the em (a `·`, which the layout centres in a full cell) moves up by half the
/// difference, so that the cell is centred on its stretch rather than running into the next
/// character's.
fn centred(glyphs: &[Glyph], font: &Font, size: f32) -> Vec<Glyph> {
    glyphs
        .iter()
        .map(|g| {
            let narrow = size - font.width(g.ch) * size / 1000.0;
            Glyph {
                x: g.x - narrow.max(0.0) / 2.0,
                ..*g
            }
        })
        .collect()
}

/// Before run `i`: ends the ActualText span that ends there.
fn end_span(page: &Page, i: usize, span: &mut bool, ops: &mut Ops) {
    if *span
        && page
            .actual
            .iter()
            .any(|a| a.runs.end == i && !a.runs.is_empty())
    {
        ops.op("EMC");
        *span = false;
    }
}

/// Before run `i`: begins the ActualText span that starts there.
fn begin_span(page: &Page, i: usize, span: &mut bool, ops: &mut Ops) {
    if let Some(a) = page
        .actual
        .iter()
        .find(|a| a.runs.start == i && !a.runs.is_empty())
        && !*span
    {
        ops.begin_actual_text(&a.text);
        *span = true;
    }
}

/// How a stretch of a run's glyphs is drawn.
#[derive(Clone, Copy, PartialEq)]
enum Draw {
    /// As text whose ToUnicode map gives back its characters.
    Plain,
    /// As blank boxes: the subset lacks the characters.
    Missing,
    /// One by one, each with its own `/ActualText`: their glyphs also draw other characters.
    Own,
    /// A glyph in a cell wider than itself ([`cell_of`]), drawn so that it copies without
    /// spaces around it: see [`cell_glyph`].
    Cell,
}

/// The cell of glyph `i` (its left edge and width, in points) when it stands in one wider than
/// itself with a blank a text extractor would read as a space (poppler's `TextPage::addChar`,
/// from a tenth of an em): an interpunct between Chinese characters ([`interpunct`]), or a
/// narrow quote in Chinese text that the layout set in a full cell (`layout::linebreak::QUOTES`:
/// cwTeX's Latin `“ ”`). The cell runs from the end of the glyph before to the start of the one
/// after; at the edge of a run (the face changes there), an em on the side of the quote's blank.
fn cell_of(run: &Run, glyphs: &[Glyph], i: usize, font: &Font) -> Option<(f32, f32)> {
    let end = |k: usize| glyphs[k].x + font.width(glyphs[k].ch) * run.size / 1000.0;
    if interpunct(glyphs, i) {
        return Some((end(i - 1), glyphs[i + 1].x - end(i - 1)));
    }
    let c = glyphs[i].ch;
    let advance = font.width(c) * run.size / 1000.0;
    // Beside a glyph of its run that is not ASCII, or at the edge of the run, where the face changes.
    let chinese = |k: Option<usize>| {
        k.and_then(|k| glyphs.get(k))
            .is_none_or(|g| !g.ch.is_ascii())
    };
    if !QUOTES.contains(c)
        || advance >= 0.9 * run.size
        || !(chinese(i.checked_sub(1)) || chinese(Some(i + 1)))
    {
        return None;
    }
    let opening = OPENING.contains(c);
    let left = match i {
        0 if opening => end(i) - run.size,
        0 => glyphs[i].x,
        _ => end(i - 1),
    };
    let right = match glyphs.get(i + 1) {
        Some(next) => next.x,
        None if opening => end(i),
        None => glyphs[i].x + run.size,
    };
    (right - left > advance + 0.1 * run.size).then_some((left, right - left))
}

/// Whether glyph `i` is an interpunct between Chinese characters of its run with a blank
/// between it and each of them: the layout has set it in a full cell (GB/T 15834-2011 §4.14),
/// centred.
fn interpunct(glyphs: &[Glyph], i: usize) -> bool {
    let han = |k: Option<usize>| {
        k.and_then(|k| glyphs.get(k))
            .is_some_and(|g| crate::layout::class::is_han(g.ch))
    };
    crate::layout::class::is_interpunct(glyphs[i].ch) && han(i.checked_sub(1)) && han(Some(i + 1))
}

/// Draws a glyph in a cell wider than itself (an interpunct centred, a narrow quote at one
/// side) so that it copies as itself, without spaces: the
/// visible glyph in a span whose `/ActualText` is empty (PDF 32000-1 §14.9.4), so a reader takes
/// no text from it, then the same character as invisible text (rendering mode 3, §9.3.6)
/// widened to fill the cell (horizontal scaling, §9.3.4). A text extractor reads a gap between
/// glyph boxes as a space (poppler's `TextPage::addChar` from a tenth of an em); the invisible
/// glyph's box meets its neighbours'.
/// `i` is the glyph's index in `glyphs` ([`cell_of`]).
fn cell_glyph(
    run: &Run,
    glyphs: &[Glyph],
    i: usize,
    y: f32,
    font: &Font,
    ops: &mut Ops,
    state: &mut TextState,
) {
    let glyph = &glyphs[i];
    let Some((left, cell)) = cell_of(run, glyphs, i, font) else {
        return show(
            run,
            std::slice::from_ref(glyph),
            Place::Line(y),
            font,
            ops,
            state,
        );
    };
    ops.begin_actual_text("");
    show(
        run,
        std::slice::from_ref(glyph),
        Place::Line(y),
        font,
        ops,
        state,
    );
    ops.op("EMC");
    let advance = font.width(glyph.ch) * run.size / 1000.0;
    if advance > 0.0 && cell > 0.0 {
        invisible(&[font.code(glyph.ch)], left, cell / advance, y, ops, state);
    }
}

/// Draws stand-in ideographs set at another size than their text's (`Run::text_size`) so that
/// they copy as the line's own characters: the visible glyphs, each centred in its cell, in a
/// span whose `/ActualText` is empty, then the same characters as invisible text at the text's
/// size on its baseline, each filling its cell. poppler starts a new word, with a space before
/// it, where the font size changes by a twentieth (`TextPage::addChar`).
fn stand_ins(
    run: &Run,
    glyphs: &[Glyph],
    (y, text_size): (f32, f32),
    font: &Font,
    ops: &mut Ops,
    state: &mut TextState,
) {
    let centred: Vec<Glyph> = glyphs
        .iter()
        .map(|g| Glyph {
            x: g.x + (text_size - run.size) * font.width(g.ch) / 2000.0,
            ..*g
        })
        .collect();
    ops.begin_actual_text("");
    show(run, &centred, Place::Line(y), font, ops, state);
    ops.op("EMC");
    select(&font.name, text_size, ops, state);
    let baseline = r2(y - MIDDLE * (text_size - run.size));
    for g in glyphs {
        invisible(&[font.code(g.ch)], g.x, 1.0, baseline, ops, state);
    }
}

/// Where a stretch of a run's glyphs goes on the page.
#[derive(Clone, Copy)]
enum Place {
    /// Along a horizontal baseline at this PDF y.
    Line(f32),
    /// Upright down a vertical column whose centre line is at this x, on a page `h` high, in
    /// the face's vertical writing mode: a glyph's `x` is the top of its cell.
    Column {
        /// The column's centre line.
        x: f32,
        /// The page's height.
        h: f32,
    },
    /// Turned a quarter clockwise down a column, on a baseline at this x (a Latin word in
    /// vertical text): a glyph's `x` is its pen position down the column.
    Sideways {
        /// The baseline.
        x: f32,
        /// The page's height.
        h: f32,
    },
}

impl Place {
    /// The text matrix that puts the pen at `pen` along the line or column.
    fn matrix(self, pen: f32) -> [f32; 6] {
        match self {
            Place::Line(y) => [1.0, 0.0, 0.0, 1.0, pen, y],
            Place::Column { x, h } => [1.0, 0.0, 0.0, 1.0, x, r2(h - pen)],
            Place::Sideways { x, h } => [0.0, -1.0, 1.0, 0.0, x, r2(h - pen)],
        }
    }

    /// Whether the pen moves down the page in the vertical writing mode, where a `TJ` number
    /// moves it the other way from the horizontal mode's and `Tc` too (PDF 32000-1 §9.4.4:
    /// ty = (w1 − Tj/1000) × Tfs + Tc, with w1 = −1 em).
    fn down(self) -> bool {
        matches!(self, Place::Column { .. })
    }
}

/// Sets the font resource `name` at `size` if it is not the current one.
fn select(name: &str, size: f32, ops: &mut Ops, state: &mut TextState) {
    if state
        .font
        .as_ref()
        .is_none_or(|(n, s)| n != name || *s != size)
    {
        ops.font(name, size);
        state.font = Some((name.to_string(), size));
    }
}

#[derive(Default)]
struct TextState {
    font: Option<(String, f32)>,
    ink: Option<Ink>,
    spacing: f32,
    /// The stroke width while emboldening, else `None`.
    bold: Option<f32>,
    /// Where the text line matrix stands while it is a translation, in hundredths of a point.
    line: Option<(i64, i64)>,
}

/// Sets the text matrix to `m`. A translation is written as a move from the line's start
/// (`Td`), in hundredths of a point from where the viewer stands, so the moves add up exactly:
/// on a page of lines one pitch apart every move is the same few bytes, which compress to
/// almost nothing where a full `Tm` is some ten bytes a line (PDF 32000-1 §9.4.2).
fn move_to(ops: &mut Ops, state: &mut TextState, m: [f32; 6]) {
    if m[..4] != [1.0, 0.0, 0.0, 1.0] {
        ops.nums(&m, "Tm");
        state.line = None;
        return;
    }
    let hundredths = |v: f32| (f64::from(v) * 100.0).round() as i64;
    let to = (hundredths(m[4]), hundredths(m[5]));
    let (from, operator) = match state.line {
        Some(from) => (from, "Td"),
        None => ((0, 0), "Tm"),
    };
    let d = |a: i64, b: i64| (a - b) as f32 / 100.0;
    if operator == "Td" {
        ops.nums(&[d(to.0, from.0), d(to.1, from.1)], "Td");
    } else {
        ops.nums(&[1.0, 0.0, 0.0, 1.0, d(to.0, 0), d(to.1, 0)], "Tm");
    }
    state.line = Some(to);
}

/// The stroke that emboldens a regular face, as a share of the em: it widens every stem by this
/// much, roughly the difference between Noto Serif SC Regular and Bold stems.
const EMBOLDEN: f32 = 0.035;

/// Sets text rendering mode 2 (fill, then stroke with the fill colour) for an emboldened run, or
/// back to 0 (PDF 32000-1 §9.3.6).
fn embolden(run: &Run, ops: &mut Ops, state: &mut TextState) {
    let want = run.embolden.then(|| r2(run.size * EMBOLDEN));
    if want == state.bold {
        return;
    }
    match want {
        Some(width) => {
            if state.bold.is_none() {
                ops.int(2, "Tr");
                // Round joins (PDF 32000-1 §8.4.3.4).
                ops.int(1, "j");
            }
            ink(ops, run.ink, true);
            ops.nums(&[width], "w");
        }
        None => ops.int(0, "Tr"),
    }
    state.bold = want;
}

/// The smallest drift from the laid-out positions worth an offset, in 1/1000 em (1/2000 em is
/// 0.006 pt at 12 pt).
const DRIFT: f32 = 0.5;

/// Sets the character spacing (`Tc`) if it differs.
fn spacing(ops: &mut Ops, state: &mut TextState, value: f32) {
    if value != state.spacing {
        ops.nums(&[value], "Tc");
        state.spacing = value;
    }
}

/// Shows glyphs of one face at their laid-out positions.
fn show(
    run: &Run,
    glyphs: &[Glyph],
    place: Place,
    font: &Font,
    ops: &mut Ops,
    state: &mut TextState,
) {
    let size = run.size;
    let down = place.down();
    // The advance the viewer applies to each glyph, in points, looked up once: 1 em down a
    // column (the fonts' /DW2).
    let advances: Vec<f32> = glyphs
        .iter()
        .map(|g| {
            if down {
                size
            } else {
                font.width(g.ch) * size / 1000.0
            }
        })
        .collect();
    let gap = common_gap(glyphs, &advances);
    spacing(ops, state, if down { -gap } else { gap });
    let x0 = r2(glyphs[0].x);
    move_to(ops, state, place.matrix(x0));
    let codes: Vec<u16> = glyphs
        .iter()
        .map(|g| {
            if down {
                font.vcode(g.ch)
            } else {
                font.code(g.ch)
            }
        })
        .collect();
    // Where each string of codes ends, and the offset after it.
    let mut breaks: Vec<(usize, f32)> = Vec::new();
    let mut pen = x0;
    for (i, advance) in advances.iter().enumerate() {
        pen += advance + gap;
        if let Some(next) = glyphs.get(i + 1) {
            // Where the viewer's pen is, against where the layout put the next glyph.
            let kern = ((pen - next.x) * 1000.0 / size * 10.0).round() / 10.0;
            if kern.abs() >= DRIFT {
                breaks.push((i + 1, if down { -kern } else { kern }));
                pen -= kern * size / 1000.0;
            }
        }
    }
    let mut parts = Vec::with_capacity(breaks.len() * 2 + 1);
    let mut start = 0;
    for &(end, kern) in &breaks {
        parts.push(Part::Codes(&codes[start..end]));
        parts.push(Part::Offset(kern));
        start = end;
    }
    parts.push(Part::Codes(&codes[start..]));
    ops.show(&parts);
}

/// Shows a stretch of turned glyphs (`place`, the first of `places`) in a column whose upright
/// glyphs are shown at `places.1`: a text extractor reads the two ways as lines at right
/// angles and takes the turned ones out of the column (poppler lists them after it), so the
/// turned glyphs carry an empty `/ActualText` (PDF 32000-1 §14.9.4) and the characters follow as
/// invisible upright text (rendering mode 3, §9.3.6) at the same places down the column. A
/// number of two or three digits stands upright across the column instead ([`across`]).
fn sideways_text(
    run: &Run,
    glyphs: &[Glyph],
    places: (Place, Place),
    font: &Font,
    ops: &mut Ops,
    state: &mut TextState,
) {
    ops.begin_actual_text("");
    let short =
        UPRIGHT_DIGITS.contains(&glyphs.len()) && glyphs.iter().all(|g| g.ch.is_ascii_digit());
    match places.1 {
        Place::Column { x, h } if short => across(run, glyphs, (x, h), font, ops, state),
        _ => show(run, glyphs, places.0, font, ops, state),
    }
    ops.op("EMC");
    select(&font.vname, run.size, ops, state);
    ops.int(3, "Tr");
    show(run, glyphs, places.1, font, ops, state);
    ops.int(if state.bold.is_some() { 2 } else { 0 }, "Tr");
}

/// Shows a short number upright across a column whose centre line is at `column.0` on a page
/// `column.1` high (縦中横, clreq §3.1.6; JLREQ §3.2.4): side by side, centred in the stretch of
/// the column the layout gave the digits, narrowed (horizontal scaling, PDF 32000-1 §9.3.4)
/// where they are wider than the column's em. The stretch is the one cell the layout gave the
/// number (`layout::linebreak::upright_numbers`; the same in running heads and folios), its
/// digits at equal steps from its top.
fn across(
    run: &Run,
    glyphs: &[Glyph],
    column: (f32, f32),
    font: &Font,
    ops: &mut Ops,
    state: &mut TextState,
) {
    let size = run.size;
    let advance = |g: &Glyph| font.width(g.ch) * size / 1000.0;
    let wide: f32 = glyphs.iter().map(advance).sum();
    let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) else {
        return;
    };
    if wide <= 0.0 {
        return;
    }
    // The em box is centred on the middle of the digits' stretch of the column.
    let step = (last.x - first.x) / (glyphs.len() - 1).max(1) as f32;
    let middle = (first.x + last.x + step) / 2.0;
    let scale = (size * TCY_WIDTH / wide).min(1.0);
    let x = column.0 - wide * scale / 2.0;
    spacing(ops, state, 0.0);
    if scale < 1.0 {
        ops.nums(&[r2(scale * 100.0)], "Tz");
    }
    move_to(
        ops,
        state,
        [
            1.0,
            0.0,
            0.0,
            1.0,
            r2(x),
            r2(column.1 - middle - MIDDLE * size),
        ],
    );
    let codes: Vec<u16> = glyphs.iter().map(|g| font.code(g.ch)).collect();
    ops.show(&[Part::Codes(&codes)]);
    if scale < 1.0 {
        ops.nums(&[100.0], "Tz");
    }
}

/// The most of the column's em a number set across it takes: a little room either side.
const TCY_WIDTH: f32 = 0.9;

/// Shows the glyphs of `——` or `……` as invisible text (PDF 32000-1 §9.3.6, rendering mode 3)
/// over the rule or dots the layout draws in their place, each glyph widened (horizontal
/// scaling, §9.3.4) to fill its cell, so that the marks copy as `——` and `……`, without the
/// spaces a text extractor puts into gaps between glyphs; the same for the alt text of a
/// picture on a line, across the picture.
fn hidden(
    run: &Run,
    glyphs: &[Glyph],
    place: Place,
    font: &Font,
    ops: &mut Ops,
    state: &mut TextState,
) {
    let n = glyphs.len();
    let advance = font.width(glyphs[0].ch) * run.size / 1000.0;
    let Place::Line(y) = place else {
        // Down a column every cell is the glyph's 1-em advance: shown invisible where set.
        ops.int(3, "Tr");
        show(run, glyphs, place, font, ops, state);
        ops.int(if state.bold.is_some() { 2 } else { 0 }, "Tr");
        return;
    };
    if advance <= 0.0 || (n < 2 && paired(glyphs[0].ch)) {
        return show(run, glyphs, place, font, ops, state);
    }
    // One glyph (the alt text of a picture on a line) keeps its own advance.
    let cell = match n {
        1 => advance,
        _ => (glyphs[n - 1].x - glyphs[0].x) / (n - 1) as f32,
    };
    let codes: Vec<u16> = glyphs.iter().map(|g| font.code(g.ch)).collect();
    invisible(&codes, glyphs[0].x, cell / advance, y, ops, state);
}

/// Shows `codes` as invisible text (rendering mode 3) from `x`, each glyph's advance times
/// `scale`, then goes back to the fill (or emboldening) mode.
fn invisible(codes: &[u16], x: f32, scale: f32, y: f32, ops: &mut Ops, state: &mut TextState) {
    spacing(ops, state, 0.0);
    ops.int(3, "Tr");
    let scaled = r2(scale * 100.0) != 100.0;
    if scaled {
        ops.nums(&[r2(scale * 100.0)], "Tz");
    }
    move_to(ops, state, [1.0, 0.0, 0.0, 1.0, r2(x), y]);
    ops.show(&[Part::Codes(codes)]);
    if scaled {
        ops.nums(&[100.0], "Tz");
    }
    ops.int(if state.bold.is_some() { 2 } else { 0 }, "Tr");
}

/// The gap shared by most glyph pairs of a run — a justified line's spread — as character
/// spacing (`Tc`, in points, to 1/1000), or 0 when no gap is shared by most pairs. `advances`
/// are the glyphs' advances in points.
fn common_gap(glyphs: &[Glyph], advances: &[f32]) -> f32 {
    if glyphs.len() < 4 {
        return 0.0;
    }
    // (gap in 1/50 pt, pairs with it, the sum of their gaps): a line has one or a few distinct
    // gaps, so a short list beats a map allocated per run.
    let mut counts: Vec<(i32, usize, f32)> = Vec::with_capacity(4);
    for (pair, advance) in glyphs.windows(2).zip(advances) {
        let gap = pair[1].x - pair[0].x - advance;
        let k = (gap * 50.0).round() as i32;
        match counts.iter_mut().find(|e| e.0 == k) {
            Some(e) => {
                e.1 += 1;
                e.2 += gap;
            }
            None => counts.push((k, 1, 0.0 + gap)),
        }
    }
    // In order of the gap, the last of equally common gaps wins ties, the closest to zero first.
    counts.sort_unstable_by_key(|e| e.0);
    match counts.iter().max_by_key(|(k, n, _)| (*n, -k.abs())) {
        Some(&(k, n, sum)) if k != 0 && n * 2 > glyphs.len() - 1 => {
            (sum / n as f32 * 1000.0).round() / 1000.0
        }
        _ => 0.0,
    }
}

/// Characters no embedded glyph draws: the fallback face's blank box (glyph 0), one per
/// character, each marked with its text as `/ActualText` (PDF 32000-1 §14.9.4) so that it can
/// still be extracted and searched (unless `marked` is false: a span around them carries it).
fn blank_boxes(
    glyphs: &[Glyph],
    place: Place,
    marked: bool,
    missing: &mut BTreeSet<char>,
    ops: &mut Ops,
    state: &mut TextState,
) {
    spacing(ops, state, 0.0);
    for g in glyphs {
        missing.insert(g.ch);
        if marked {
            ops.begin_actual_text(g.ch.encode_utf8(&mut [0; 4]));
        }
        move_to(ops, state, place.matrix(r2(g.x)));
        ops.show(&[Part::Codes(&[0])]);
        if marked {
            ops.op("EMC");
        }
    }
}
