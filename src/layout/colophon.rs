//! The 版记 (colophon) of an official document, placed once the pages are known
//! (GB/T 9704-2012 §7.4, §7.5).
//!
//! It sits at the foot of the last page, which is an even page (the back of the last leaf): the
//! 抄送 line and the 印发 line between three rules as wide as the text block — the first and the
//! last thick (0.35 mm), the one between them thin (0.25 mm) — the last rule on the text block's
//! bottom edge. Where the last page is odd, or the colophon does not fit under the text, it
//! goes to a page of its own, with a blank page before it if that is what makes it even. Only
//! where a blank page comes before it do the blank page and the colophon's page go unnumbered
//! (§7.5 「公文的版记页前有空白页的，空白页和版记页均不编排页码」): an even page that follows
//! the text directly keeps its number.

use super::linebreak::{self, Align, Atom, Line};
use super::{ASCENT, Glyph, Ink, Layout, Mark, Measure, Page, Run, paginate};
use crate::gongwen;
use crate::model::Document;
use crate::style::{Element, PT_PER_MM, Style};

/// §7.4.1: the first and last rules 0.35 mm, the middle one 0.25 mm.
const THICK_MM: f32 = 0.35;
const THIN_MM: f32 = 0.25;

/// Adds the colophon of `doc` to the last page, or to a page added for it.
pub(super) fn place(layout: &mut Layout, doc: &Document, style: &Style, m: &impl Measure) {
    let Some(c) = Colophon::set(doc, style, m) else {
        return;
    };
    let added = c.pages_added(layout);
    layout.colophon_pages = added;
    for _ in 0..added {
        layout.pages.push(Page::default());
    }
    let p = layout.pages.len().saturating_sub(1);
    let front = layout.front;
    if let Some(page) = layout.pages.last_mut() {
        // §7.5: no blank page before it, so the colophon's own page is numbered like the
        // text's pages (the DOCX's even-page section keeps its footer too).
        if added == 1 {
            paginate::number(page, p, front, style, m);
        }
        c.draw(page);
    }
}

/// The colophon set in its lines, ready to be drawn at the foot of a page.
struct Colophon<'a, M: Measure> {
    set: Setter<'a, M>,
    /// The names after `抄送：`, in lines.
    cc_lines: Vec<Vec<(char, f32)>>,
    /// The printing office and the printing date.
    printed: Option<(String, String)>,
    left: f32,
    width: f32,
    cell: f32,
    pitch: f32,
    /// The first rule's y; the last is on the text block's bottom edge.
    top: f32,
    bottom: f32,
}

/// `抄送` and its full-width colon.
const CC_LABEL: &str = "抄送：";

impl<'a, M: Measure> Colophon<'a, M> {
    /// The colophon of `doc`, if it has one and is an official document.
    fn set(doc: &Document, style: &Style, m: &'a M) -> Option<Self> {
        let gongwen::Elements { cc, printed, .. } = gongwen::collect(&doc.blocks);
        if !gongwen::applies(doc, style) || (cc.is_none() && printed.is_none()) {
            return None;
        }
        let look = style.look(Element::Colophon);
        let pitch = style.line_pitch;
        let left = style.margins.left * PT_PER_MM;
        let width = style.text_width() * PT_PER_MM;
        let cell = width / style.grid.map_or(28.0, |g| g.chars as f32);
        let bottom = (style.margins.top + style.text_height()) * PT_PER_MM;
        let set = Setter {
            m,
            look_role: look.role,
            bold: look.bold,
            size: look.size,
        };
        // The 抄送 lines: one cell in on either side, continuation lines under the first name.
        let cc_lines = cc.as_deref().map_or_else(Vec::new, |cc| {
            let names = cc.strip_prefix(CC_LABEL).unwrap_or(cc);
            let avail = width - 2.0 * cell - set.width(CC_LABEL);
            set.lines(names, avail)
        });
        let height = pitch * (cc_lines.len() + usize::from(printed.is_some())) as f32;
        Some(Colophon {
            set,
            cc_lines,
            printed,
            left,
            width,
            cell,
            pitch,
            top: bottom - height,
            bottom,
        })
    }

    /// See [`pages_added`].
    fn pages_added(&self, layout: &Layout) -> usize {
        let last = layout.pages.len().saturating_sub(1);
        let fits = layout
            .pages
            .get(last)
            .is_some_and(|p| content_bottom(p, self.bottom) <= self.top);
        let even = (last + 1).is_multiple_of(2);
        match (fits, even) {
            (true, true) => 0,
            (_, false) => 1,
            (false, true) => 2,
        }
    }

    /// Draws the rules and the lines at the foot of `page`.
    fn draw(&self, page: &mut Page) {
        let (left, width, cell, pitch) = (self.left, self.width, self.cell, self.pitch);
        let rule = |page: &mut Page, y: f32, mm: f32| {
            page.marks.push(Mark::Rule {
                x0: left,
                y0: y,
                x1: left + width,
                y1: y,
                width: mm * PT_PER_MM,
                ink: Ink::Text,
            });
        };
        let size = self.set.size;
        let baseline = |line_top: f32| line_top + (pitch - size) / 2.0 + ASCENT * size;
        rule(page, self.top, THICK_MM);
        let mut y = self.top;
        let label_w = self.set.width(CC_LABEL);
        for (k, line) in self.cc_lines.iter().enumerate() {
            let x = left + cell;
            if k == 0 {
                self.set
                    .draw(page, &self.set.plain(CC_LABEL), x, baseline(y));
            }
            self.set.draw(page, line, x + label_w, baseline(y));
            y += pitch;
        }
        if let Some((office, day)) = &self.printed {
            if !self.cc_lines.is_empty() {
                rule(page, y, THIN_MM);
            }
            let base = baseline(y);
            self.set
                .draw(page, &self.set.plain(office), left + cell, base);
            let day_w = self.set.width(day);
            self.set.draw(
                page,
                &self.set.plain(day),
                left + width - cell - day_w,
                base,
            );
        }
        rule(page, self.bottom, THICK_MM);
    }
}

/// The lowest point drawn in a page's text block (text and marks; not the page number under
/// it), in points from the top.
fn content_bottom(page: &Page, block_bottom: f32) -> f32 {
    let text = page
        .runs
        .iter()
        .filter(|r| r.y <= block_bottom)
        .map(|r| r.y + r.size * (1.0 - ASCENT))
        .fold(0.0, f32::max);
    let marks = page
        .marks
        .iter()
        .map(|m| match m {
            Mark::Rule { y0, y1, .. } => y0.max(*y1),
            Mark::Fill { y, h, .. } | Mark::Picture { y, h, .. } | Mark::Link { y, h, .. } => y + h,
            Mark::Dots { y, .. } => *y,
            Mark::Dot { y, r, .. } => y + r,
        })
        .fold(0.0, f32::max);
    text.max(marks)
}

/// Sets the colophon's text: its face, size and line breaking.
struct Setter<'a, M: Measure> {
    m: &'a M,
    look_role: crate::font::Role,
    bold: bool,
    size: f32,
}

impl<M: Measure> Setter<'_, M> {
    fn advance(&self, c: char) -> f32 {
        self.m
            .glyph(self.look_role, self.bold, c)
            .map_or(self.size, |g| g.advance * self.size)
    }

    fn width(&self, text: &str) -> f32 {
        text.chars().map(|c| self.advance(c)).sum()
    }

    /// Each character with its offset from the line's start.
    fn plain(&self, text: &str) -> Vec<(char, f32)> {
        let mut x = 0.0;
        text.chars()
            .map(|c| {
                let at = x;
                x += self.advance(c);
                (c, at)
            })
            .collect()
    }

    /// `text` broken into lines of `avail` with the kinsoku rules of the body; each line's
    /// characters with their offsets, justified but the last.
    fn lines(&self, text: &str, avail: f32) -> Vec<Vec<(char, f32)>> {
        let mut atoms: Vec<Atom> = text
            .chars()
            .map(|c| Atom::new(c, self.size, self.advance(c), 0))
            .collect();
        linebreak::prepare(&mut atoms, None);
        let mut lines: Vec<Line> = Vec::new();
        linebreak::break_lines(&atoms, avail, 0.0, &mut lines);
        lines
            .iter()
            .map(|line| {
                let mut xs = Vec::new();
                linebreak::place(&atoms, line, 0.0, avail, Align::Justify, |_, x| xs.push(x));
                atoms[line.start..line.end]
                    .iter()
                    .zip(xs)
                    .map(|(a, x)| (a.ch, x))
                    .collect()
            })
            .collect()
    }

    /// Draws characters at `x` + their offsets on `baseline`.
    fn draw(&self, page: &mut Page, chars: &[(char, f32)], x: f32, baseline: f32) {
        for &(c, dx) in chars {
            let face = self.m.glyph(self.look_role, self.bold, c).map(|p| p.face);
            let start = page.glyphs.len();
            page.glyphs.push(Glyph { ch: c, x: x + dx });
            let same = page.runs.last().is_some_and(|r: &Run| {
                r.face == face && r.y == baseline && r.size == self.size && r.glyphs.end == start
            });
            match page.runs.last_mut() {
                Some(r) if same => r.glyphs.end = start + 1,
                _ => page.runs.push(Run::plain(face, self.size, baseline, start)),
            }
        }
    }
}
