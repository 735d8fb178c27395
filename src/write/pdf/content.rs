//! One laid-out page into printpdf operations: shades, pictures, rules, then the text in one
//! text object, then the link annotations.
//!
//! Every run is placed with one text matrix at its first glyph; the positions the layout chose
//! for the others become `TJ` offsets against the advances the viewer applies (the `/W` widths
//! printpdf writes: 1/1000 em, truncated). A run whose gaps are mostly equal — a justified line —
//! carries that gap as character spacing (`Tc`) instead of one offset per glyph.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Codepoint, Color, ColorArray, Destination, DictItem, Greyscale,
    HighlightingMode, Line, LineCapStyle, LineDashPattern, LineJoinStyle, LinePoint,
    LinkAnnotation, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
    TextRenderingMode, XObjectTransform,
};

use super::fonts::{Embedded, Font};
use super::images::Image;
use super::{Missing, Uris};
use crate::layout::{Glyph, Ink, Layout, Mark, Page, Run, Spot, Target};

/// Rounds a coordinate to 1/100 pt: finer than any device, and short in the content stream.
fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn gray(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

fn ink(ink: Ink) -> Color {
    match ink {
        Ink::Text => gray(0.0),
        Ink::Link => Color::Rgb(Rgb {
            r: 0.05,
            g: 0.22,
            b: 0.55,
            icc_profile: None,
        }),
        Ink::Muted => gray(0.4),
        Ink::Shade => gray(0.94),
        Ink::Red => {
            let [r, g, b] = crate::gongwen::RED.map(|v| f32::from(v) / 255.0);
            Color::Rgb(Rgb {
                r,
                g,
                b,
                icc_profile: None,
            })
        }
    }
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(r2(x)),
            y: Pt(r2(y)),
        },
        bezier: false,
    }
}

/// The operations of one page.
pub(super) fn page(
    page: &Page,
    laid: &Layout,
    fonts: &Embedded,
    images: &BTreeMap<String, Image>,
    missing: &mut Missing,
    uris: &mut Uris,
) -> Vec<Op> {
    let h = laid.height;
    let mut ops = Vec::with_capacity(page.runs.len() * 3 + page.marks.len() * 3 + 8);
    // Backgrounds first, then pictures, then rules and dots.
    for mark in &page.marks {
        if let Mark::Fill {
            x,
            y,
            w,
            h: fh,
            ink: i,
        } = *mark
        {
            ops.push(Op::SetFillColor { col: ink(i) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(r2(x)),
                    y: Pt(r2(h - y - fh)),
                    width: Pt(r2(w)),
                    height: Pt(r2(fh)),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
    }
    for mark in &page.marks {
        if let Mark::Picture {
            src,
            x,
            y,
            w,
            h: ph,
            ..
        } = mark
            && let Some(image) = images.get(src)
        {
            ops.push(Op::UseXobject {
                id: image.id.clone(),
                transform: XObjectTransform {
                    translate_x: Some(Pt(r2(*x))),
                    translate_y: Some(Pt(r2(h - y - ph))),
                    scale_x: Some(w / image.unit.0),
                    scale_y: Some(ph / image.unit.1),
                    dpi: Some(72.0),
                    ..XObjectTransform::default()
                },
            });
        }
    }
    // Rules, dots and rows of dots are all strokes: a dot is a zero-length line with round caps,
    // a row of dots a dashed line of zero-length dashes (PDF 32000-1 §8.4.3.4, §8.4.3.6).
    let mut pen = Pen::default();
    for mark in &page.marks {
        match *mark {
            Mark::Rule {
                x0,
                y0,
                x1,
                y1,
                width,
                ink: i,
            } => {
                pen.set(&mut ops, i, width, None);
                ops.push(line(x0, h - y0, x1, h - y1));
            }
            Mark::Dot { x, y, r } => {
                pen.set(&mut ops, Ink::Text, 2.0 * r, Some(0.0));
                ops.push(line(x, h - y, x, h - y));
            }
            Mark::Dots { x0, x1, y, step, r } => {
                pen.set(&mut ops, Ink::Text, 2.0 * r, Some(step));
                ops.push(line(x0, h - y, x1 + step / 4.0, h - y));
            }
            _ => {}
        }
    }
    text(page, h, fonts, missing, &mut ops);
    for mark in &page.marks {
        if let Mark::Link {
            x,
            y,
            w,
            h: lh,
            target,
            ..
        } = mark
        {
            let spot = match target {
                Target::Uri(_) => None,
                Target::Anchor(i) => laid.anchors.get(*i).map(|a| Spot {
                    page: a.page,
                    y: a.y,
                }),
                Target::Note { index, .. } => laid.notes.get(*index).and_then(|n| n.text),
                Target::NoteMark(i) => laid.notes.get(*i).and_then(|n| n.mark),
            };
            // Internal links land on the line they point at (PDF 32000-1 §12.3.2.2, /XYZ with
            // only the top given: the viewer keeps its zoom and left edge).
            let actions = match (target, spot) {
                (Target::Uri(uri), _) => Actions::Uri(uris.placeholder(uri)),
                (_, Some(spot)) => Actions::Goto(Destination::Xyz {
                    page: spot.page + 1,
                    left: None,
                    top: Some(r2(h - spot.y)),
                    zoom: None,
                }),
                // A note's number when nothing refers to the note.
                (_, None) => continue,
            };
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect {
                        x: Pt(r2(*x)),
                        y: Pt(r2(h - y - lh)),
                        width: Pt(r2(*w)),
                        height: Pt(r2(*lh)),
                        mode: None,
                        winding_order: None,
                    },
                    actions,
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    Some(HighlightingMode::Invert),
                ),
            });
        }
    }
    ops
}

fn line(x0: f32, y0: f32, x1: f32, y1: f32) -> Op {
    Op::DrawLine {
        line: Line {
            points: vec![point(x0, y0), point(x1, y1)],
            is_closed: false,
        },
    }
}

/// The stroke state: colour, width, and dots (round caps, with this gap between them) or solid
/// lines (butt caps).
#[derive(Default, PartialEq)]
struct Pen {
    state: Option<(Ink, f32, Option<f32>)>,
}

impl Pen {
    fn set(&mut self, ops: &mut Vec<Op>, i: Ink, width: f32, dots: Option<f32>) {
        let width = r2(width);
        let old = self.state;
        if old == Some((i, width, dots)) {
            return;
        }
        if old.is_none_or(|o| o.0 != i) {
            ops.push(Op::SetOutlineColor { col: ink(i) });
        }
        if old.is_none_or(|o| o.1 != width) {
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        }
        if old.is_none_or(|o| o.2.is_some() != dots.is_some()) {
            ops.push(Op::SetLineCapStyle {
                cap: if dots.is_some() {
                    LineCapStyle::Round
                } else {
                    LineCapStyle::Butt
                },
            });
        }
        if old.is_none_or(|o| o.2 != dots) {
            let pattern = match dots {
                Some(gap) if gap > 0.0 => LineDashPattern::new(0.0, &[0.0, r2(gap)]),
                _ => LineDashPattern::solid(),
            };
            ops.push(Op::SetLineDashPattern { dash: pattern });
        }
        self.state = Some((i, width, dots));
    }
}

/// The text of a page in one text object.
fn text(page: &Page, h: f32, fonts: &Embedded, missing: &mut Missing, ops: &mut Vec<Op>) {
    if page.runs.is_empty() {
        return;
    }
    ops.push(Op::StartTextSection);
    let mut state = TextState::default();
    for (i, run) in page.runs.iter().enumerate() {
        actual_text(page, i, ops);
        let glyphs = &page.glyphs[run.glyphs.clone()];
        if glyphs.is_empty() {
            continue;
        }
        let face = run.face.or(fonts.fallback);
        let Some(font) = face.and_then(|f| fonts.by_face.get(&f)) else {
            continue;
        };
        if state.font.as_ref() != Some(&(font.id.0.clone(), run.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.id.clone()),
                size: Pt(run.size),
            });
            state.font = Some((font.id.0.clone(), run.size));
        }
        if state.ink != Some(run.ink) {
            ops.push(Op::SetFillColor { col: ink(run.ink) });
            state.ink = Some(run.ink);
            if run.embolden && state.bold.is_some() {
                ops.push(Op::SetOutlineColor { col: ink(run.ink) });
            }
        }
        embolden(run, ops, &mut state);
        let y = r2(h - run.y);
        // Inside a line's own ActualText span a blank box needs none of its own: nested spans
        // lose the outer text in readers (poppler keeps the inner one).
        let marked = !page.actual.iter().any(|a| a.runs.contains(&i));
        if run.face.is_none() {
            // No face covers these; the library has said so already.
            blank_boxes(glyphs, y, marked, &mut Missing::default(), ops, &mut state);
            continue;
        }
        if run.hidden {
            hidden(run, glyphs, y, font, ops, &mut state);
            continue;
        }
        // Characters the subset lacks are drawn like characters no face covers; characters
        // sharing a glyph each carry their own text.
        let kind = |i: usize| {
            let c = glyphs[i].ch;
            match (font.covers(c), marked && font.shared.contains(&c)) {
                (false, _) => Draw::Missing,
                (true, true) => Draw::Own,
                (true, false) if marked && interpunct(glyphs, i) => Draw::Cell,
                (true, false) => Draw::Plain,
            }
        };
        let mut start = 0;
        while start < glyphs.len() {
            let k = kind(start);
            let mut end = start + 1;
            while k != Draw::Cell && end < glyphs.len() && kind(end) == k {
                end += 1;
            }
            let part = &glyphs[start..end];
            match k {
                Draw::Plain => show(run, part, y, font, ops, &mut state),
                Draw::Missing => blank_boxes(part, y, marked, missing, ops, &mut state),
                Draw::Cell => interpunct_cell(run, glyphs, start, y, font, ops, &mut state),
                Draw::Own => {
                    for g in part {
                        ops.push(Op::BeginMarkedContentWithProperties {
                            tag: "Span".into(),
                            properties: actual_text_dict(g.ch.encode_utf8(&mut [0; 4])),
                        });
                        show(run, std::slice::from_ref(g), y, font, ops, &mut state);
                        ops.push(Op::EndMarkedContent);
                    }
                }
            }
            start = end;
        }
    }
    actual_text(page, page.runs.len(), ops);
    ops.push(Op::EndTextSection);
}

/// Before run `i`: ends the ActualText span that ends there and begins the one that starts there
/// (the lines of code; spans never overlap).
fn actual_text(page: &Page, i: usize, ops: &mut Vec<Op>) {
    for a in &page.actual {
        if a.runs.end == i && !a.runs.is_empty() {
            ops.push(Op::EndMarkedContent);
        }
    }
    for a in page
        .actual
        .iter()
        .filter(|a| a.runs.start == i && !a.runs.is_empty())
    {
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".into(),
            properties: actual_text_dict(&a.text),
        });
    }
}

/// A marked-content property list with `/ActualText` (PDF 32000-1 §14.9.4), a UTF-16BE text
/// string with its byte order mark.
fn actual_text_dict(text: &str) -> DictItem {
    let mut utf16 = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_be_bytes());
    }
    let mut map = BTreeMap::new();
    map.insert(
        "ActualText".to_string(),
        DictItem::String {
            data: utf16,
            literal: false,
        },
    );
    DictItem::Dict { map }
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
    /// An interpunct in the full cell between Chinese characters (the 间隔号 of 国风·周南),
    /// drawn so that it copies without spaces around it: see [`interpunct_cell`].
    Cell,
}

/// Whether glyph `i` is an interpunct between Chinese characters of its run with a blank
/// between it and each of them: the layout has set it in a full cell (GB/T 15834-2011 §4.14),
/// centred.
fn interpunct(glyphs: &[Glyph], i: usize) -> bool {
    let han = |k: Option<usize>| {
        k.and_then(|k| glyphs.get(k))
            .is_some_and(|g| crate::layout::class::is_han(g.ch))
    };
    crate::layout::class::INTERPUNCTS.contains(glyphs[i].ch)
        && han(i.checked_sub(1))
        && han(Some(i + 1))
}

/// Draws an interpunct centred in its cell so that it copies as itself, without spaces: the
/// visible glyph in a span whose `/ActualText` is empty (PDF 32000-1 §14.9.4), so a reader takes
/// no text from it, then the same character as invisible text (rendering mode 3, §9.3.6)
/// widened to fill the cell (horizontal scaling, §9.3.4). A text extractor reads a gap between
/// glyph boxes as a space (poppler's `TextPage::addChar` from a tenth of an em); the invisible
/// glyph's box meets its neighbours'.
/// `i` is the interpunct's index in `glyphs`, between two others ([`interpunct`]).
fn interpunct_cell(
    run: &Run,
    glyphs: &[Glyph],
    i: usize,
    y: f32,
    font: &Font,
    ops: &mut Vec<Op>,
    state: &mut TextState,
) {
    let glyph = &glyphs[i];
    // The cell runs from the end of the character before to the start of the one after.
    let before = &glyphs[i - 1];
    let left = before.x + font.width(before.ch) * run.size / 1000.0;
    let cell = glyphs[i + 1].x - left;
    ops.push(Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: actual_text_dict(""),
    });
    show(run, std::slice::from_ref(glyph), y, font, ops, state);
    ops.push(Op::EndMarkedContent);
    let advance = font.width(glyph.ch) * run.size / 1000.0;
    if advance > 0.0 && cell > 0.0 {
        invisible(
            glyph.ch.encode_utf8(&mut [0; 4]),
            left,
            cell / advance,
            y,
            ops,
            state,
        );
    }
}

#[derive(Default)]
struct TextState {
    font: Option<(String, f32)>,
    ink: Option<Ink>,
    spacing: f32,
    /// The stroke width while emboldening, else `None`.
    bold: Option<f32>,
}

/// The stroke that emboldens a regular face, as a share of the em: it widens every stem by this
/// much, roughly the difference between Noto Serif SC Regular and Bold stems.
const EMBOLDEN: f32 = 0.035;

/// Sets text rendering mode 2 (fill, then stroke with the fill colour) for an emboldened run, or
/// back to 0 (PDF 32000-1 §9.3.6).
fn embolden(run: &Run, ops: &mut Vec<Op>, state: &mut TextState) {
    let want = run.embolden.then(|| r2(run.size * EMBOLDEN));
    if want == state.bold {
        return;
    }
    match want {
        Some(width) => {
            if state.bold.is_none() {
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                });
                ops.push(Op::SetLineJoinStyle {
                    join: LineJoinStyle::Round,
                });
            }
            ops.push(Op::SetOutlineColor { col: ink(run.ink) });
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        }
        None => ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::Fill,
        }),
    }
    state.bold = want;
}

/// The smallest drift from the laid-out positions worth an offset, in 1/1000 em (1/2000 em is
/// 0.006 pt at 12 pt).
const DRIFT: f32 = 0.5;

/// Shows glyphs of one face at their laid-out positions.
fn show(
    run: &Run,
    glyphs: &[Glyph],
    y: f32,
    font: &Font,
    ops: &mut Vec<Op>,
    state: &mut TextState,
) {
    let size = run.size;
    // The advance the viewer applies to each glyph, in points, looked up once.
    let advances: Vec<f32> = glyphs
        .iter()
        .map(|g| font.width(g.ch) * size / 1000.0)
        .collect();
    let spacing = common_gap(glyphs, &advances);
    if spacing != state.spacing {
        ops.push(Op::SetCharacterSpacing {
            multiplier: spacing,
        });
        state.spacing = spacing;
    }
    let x0 = r2(glyphs[0].x);
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(Pt(x0), Pt(y)),
    });
    let mut items = Vec::new();
    let mut chunk = String::new();
    let mut pen = x0;
    for (i, (g, advance)) in glyphs.iter().zip(&advances).enumerate() {
        chunk.push(g.ch);
        pen += advance + spacing;
        if let Some(next) = glyphs.get(i + 1) {
            // Where the viewer's pen is, against where the layout put the next glyph.
            let kern = ((pen - next.x) * 1000.0 / size * 10.0).round() / 10.0;
            if kern.abs() >= DRIFT {
                items.push(TextItem::Text(std::mem::take(&mut chunk)));
                items.push(TextItem::Offset(kern));
                pen -= kern * size / 1000.0;
            }
        }
    }
    if !chunk.is_empty() {
        items.push(TextItem::Text(chunk));
    }
    ops.push(Op::ShowText { items });
}

/// Shows the glyphs of `——` or `……` as invisible text (PDF 32000-1 §9.3.6, rendering mode 3)
/// over the rule or dots the layout draws in their place, each glyph widened (horizontal
/// scaling, §9.3.4) to fill its cell, so that the marks copy as `——` and `……`, without the
/// spaces a text extractor puts into gaps between glyphs.
fn hidden(
    run: &Run,
    glyphs: &[Glyph],
    y: f32,
    font: &Font,
    ops: &mut Vec<Op>,
    state: &mut TextState,
) {
    let n = glyphs.len();
    let advance = font.width(glyphs[0].ch) * run.size / 1000.0;
    if n < 2 || advance <= 0.0 {
        return show(run, glyphs, y, font, ops, state);
    }
    let cell = (glyphs[n - 1].x - glyphs[0].x) / (n - 1) as f32;
    let text: String = glyphs.iter().map(|g| g.ch).collect();
    invisible(&text, glyphs[0].x, cell / advance, y, ops, state);
}

/// Shows `text` as invisible text (rendering mode 3) from `x`, each glyph's advance times
/// `scale`, then goes back to the fill (or emboldening) mode.
fn invisible(text: &str, x: f32, scale: f32, y: f32, ops: &mut Vec<Op>, state: &mut TextState) {
    if state.spacing != 0.0 {
        ops.push(Op::SetCharacterSpacing { multiplier: 0.0 });
        state.spacing = 0.0;
    }
    ops.push(Op::SetTextRenderingMode {
        mode: TextRenderingMode::Invisible,
    });
    ops.push(Op::SetHorizontalScaling {
        percent: r2(scale * 100.0),
    });
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(Pt(r2(x)), Pt(y)),
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(text.to_string())],
    });
    ops.push(Op::SetHorizontalScaling { percent: 100.0 });
    ops.push(Op::SetTextRenderingMode {
        mode: if state.bold.is_some() {
            TextRenderingMode::FillStroke
        } else {
            TextRenderingMode::Fill
        },
    });
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
    y: f32,
    marked: bool,
    missing: &mut Missing,
    ops: &mut Vec<Op>,
    state: &mut TextState,
) {
    if state.spacing != 0.0 {
        ops.push(Op::SetCharacterSpacing { multiplier: 0.0 });
        state.spacing = 0.0;
    }
    for g in glyphs {
        missing.chars.insert(g.ch);
        if marked {
            ops.push(Op::BeginMarkedContentWithProperties {
                tag: "Span".into(),
                properties: actual_text_dict(g.ch.encode_utf8(&mut [0; 4])),
            });
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(r2(g.x)), Pt(y)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(vec![Codepoint {
                gid: 0,
                offset: 0.0,
                cid: Some(g.ch.to_string()),
            }])],
        });
        if marked {
            ops.push(Op::EndMarkedContent);
        }
    }
}
