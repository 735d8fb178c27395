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
use super::tags::{NodeId, Role, Tree};
use super::{ASCENT, Glyph, Ink, Layout, Mark, Measure, Page, Run, blended, paginate};
use crate::gongwen;
use crate::model::Document;
use crate::style::{Element, PT_PER_MM, Style};

/// §7.4.1: the first and last rules 0.35 mm, the middle one 0.25 mm.
const THICK_MM: f32 = 0.35;
const THIN_MM: f32 = 0.25;

/// Adds the colophon of `doc` to the last page, or to pages added for it.
pub(super) fn place(layout: &mut Layout, doc: &Document, style: &Style, m: &impl Measure) {
    let Some(c) = Colophon::set(doc, style, m) else {
        return;
    };
    let (added, blank) = c.pages_added(layout);
    layout.colophon_pages = added;
    layout.colophon_runs_over = c.parts.len() > 1;
    // Under the text of the last page, or on the first page added (after the blank one).
    let first = match added {
        0 => layout.pages.len().saturating_sub(1),
        _ => layout.pages.len() + usize::from(blank),
    };
    for _ in 0..added {
        layout.pages.push(Page::default());
    }
    let front = layout.front;
    let mut nodes = (None, None);
    for (k, part) in c.parts.iter().enumerate() {
        let p = first + k;
        let Some(page) = layout.pages.get_mut(p) else {
            break;
        };
        // §7.5: no blank page before it, so the colophon's own pages are numbered like the
        // text's pages (the DOCX's even-page section keeps its footer too).
        if added > 0 && !blank {
            paginate::number(page, p, front, style, m);
        }
        c.draw(
            part,
            k + 1 == c.parts.len(),
            page,
            &mut layout.tree,
            &mut nodes,
        );
    }
}

/// Which of the colophon's paragraphs a line belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    /// The 抄送 lines.
    Cc,
    /// The 印发 line(s): the printing office and the printing date.
    Printed,
}

/// One line of the colophon: its pieces, each characters with offsets and the piece's x from
/// the text block's left edge.
struct Row {
    group: Group,
    pieces: Vec<(Vec<(char, f32)>, f32)>,
}

/// The colophon set in its lines, ready to be drawn at the foot of a page.
struct Colophon<'a, M: Measure> {
    set: Setter<'a, M>,
    /// The rows of each page it takes: one page, unless a long 抄送 list makes it taller than the
    /// text block, when it runs from the top of pages of its own to the foot of the last.
    parts: Vec<Vec<Row>>,
    left: f32,
    width: f32,
    pitch: f32,
    /// The text block's top and bottom edges; the last rule is on the bottom one.
    block_top: f32,
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
        let block_top = style.margins.top * PT_PER_MM;
        let bottom = (style.margins.top + style.text_height()) * PT_PER_MM;
        let set = Setter {
            m,
            look_role: look.role,
            bold: look.bold,
            size: look.size,
            blend: !style.vertical,
        };
        let mut rows = Vec::new();
        // The 抄送 lines: one cell in on either side, continuation lines under the first name.
        if let Some(cc) = cc.as_deref() {
            let names = cc.strip_prefix(CC_LABEL).unwrap_or(cc);
            let label_w = set.width(CC_LABEL);
            let avail = (width - 2.0 * cell - label_w).max(cell);
            for (k, line) in set.lines(names, avail).into_iter().enumerate() {
                let mut pieces = Vec::new();
                if k == 0 {
                    pieces.push((set.plain(CC_LABEL), cell));
                }
                pieces.push((line, cell + label_w));
                rows.push(Row {
                    group: Group::Cc,
                    pieces,
                });
            }
        }
        // The office one cell in from the left, the date one cell in from the right, on one
        // line; an office too long for the room the date leaves wraps, the date on its last
        // line (a date too long for a line wraps under it).
        if let Some((office, day)) = &printed {
            let inner = width - 2.0 * cell;
            let day_w = set.width(day);
            let day_lines = if day_w <= inner {
                vec![(set.plain(day), width - cell - day_w)]
            } else {
                set.lines(day, inner)
                    .into_iter()
                    .map(|l| (l, cell))
                    .collect()
            };
            let room = inner - day_w - cell;
            let office_lines = if office.is_empty() {
                Vec::new()
            } else if day_lines.len() == 1 && room >= cell {
                set.lines(office, room)
            } else {
                set.lines(office, inner)
            };
            let shared = day_lines.len() == 1 && room >= cell;
            let n = office_lines.len();
            for (k, line) in office_lines.into_iter().enumerate() {
                let mut pieces = vec![(line, cell)];
                if shared && k + 1 == n {
                    pieces.extend(day_lines.first().cloned());
                }
                rows.push(Row {
                    group: Group::Printed,
                    pieces,
                });
            }
            if !shared || n == 0 {
                for piece in day_lines {
                    rows.push(Row {
                        group: Group::Printed,
                        pieces: vec![piece],
                    });
                }
            }
        }
        // As many lines a page as the text block holds (one at least).
        let per_page = (((bottom - block_top) / pitch).floor() as usize).max(1);
        let mut parts = Vec::new();
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            parts.push(rows.by_ref().take(per_page).collect());
        }
        Some(Colophon {
            set,
            parts,
            left,
            width,
            pitch,
            block_top,
            bottom,
        })
    }

    /// The top of the last page's part: its first rule.
    fn last_top(&self) -> f32 {
        let n = self.parts.last().map_or(0, Vec::len);
        self.bottom - self.pitch * n as f32
    }

    /// How many pages the colophon adds, and whether the first of them is a blank one: none
    /// when it fits under the text of an even last page; otherwise its pages, the last of
    /// them even, after a blank page where that is what makes it even.
    fn pages_added(&self, layout: &Layout) -> (usize, bool) {
        let pages = layout.pages.len();
        let own = self.parts.len();
        let fits = own == 1
            && layout
                .pages
                .last()
                .is_some_and(|p| content_bottom(p, self.bottom) <= self.last_top());
        if fits && pages.is_multiple_of(2) {
            return (0, false);
        }
        if (pages + own).is_multiple_of(2) {
            (own, false)
        } else {
            (own + 1, true)
        }
    }

    /// Draws one page's part of the colophon: the last part at the foot of the page, an
    /// earlier one from the top of the text block. The 抄送 lines are one paragraph and the
    /// 印发 lines another, whatever pages they run over (`nodes`, added to `tree` after
    /// everything else); the rules are artifacts.
    fn draw(
        &self,
        rows: &[Row],
        last: bool,
        page: &mut Page,
        tree: &mut Tree,
        nodes: &mut (Option<NodeId>, Option<NodeId>),
    ) {
        let (left, width, pitch) = (self.left, self.width, self.pitch);
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
        let mut y = if last {
            self.last_top()
        } else {
            self.block_top
        };
        // The first rule opens the colophon, on its first page only.
        if nodes.0.is_none() && nodes.1.is_none() {
            rule(page, y, THICK_MM);
        }
        for row in rows {
            let node = match row.group {
                Group::Cc => *nodes
                    .0
                    .get_or_insert_with(|| tree.push(Role::Paragraph, Tree::ROOT)),
                Group::Printed => {
                    if nodes.1.is_none() && nodes.0.is_some() {
                        rule(page, y, THIN_MM);
                    }
                    *nodes
                        .1
                        .get_or_insert_with(|| tree.push(Role::Paragraph, Tree::ROOT))
                }
            };
            for (chars, x) in &row.pieces {
                self.set
                    .draw(page, chars, (left + x, baseline(y)), Some(node));
            }
            y += pitch;
        }
        if last {
            rule(page, self.bottom, THICK_MM);
        }
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
    /// Stand-in ideographs are scaled to the role face's (`blended`), across lines only: a
    /// column sets each glyph from its top.
    blend: bool,
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

    /// Draws characters at `x` + their offsets on `baseline`, as part of `node`.
    fn draw(
        &self,
        page: &mut Page,
        chars: &[(char, f32)],
        (x, baseline): (f32, f32),
        node: Option<NodeId>,
    ) {
        for &(c, dx) in chars {
            let pick = self.m.glyph(self.look_role, self.bold, c);
            let face = pick.map(|p| p.face);
            let (size, y, text_size) = match pick {
                Some(p) if self.blend => blended(p.scale, self.size, baseline),
                _ => (self.size, baseline, None),
            };
            let start = page.glyphs.len();
            page.glyphs.push(Glyph { ch: c, x: x + dx });
            let same = page.runs.last().is_some_and(|r: &Run| {
                r.face == face
                    && r.y == y
                    && r.size == size
                    && r.text_size == text_size
                    && r.glyphs.end == start
                    && r.node == node
            });
            match page.runs.last_mut() {
                Some(r) if same => r.glyphs.end = start + 1,
                _ => page.runs.push(Run {
                    node,
                    text_size,
                    ..Run::plain(face, size, y, start)
                }),
            }
        }
    }
}
