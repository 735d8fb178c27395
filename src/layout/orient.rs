//! The layout's last step: logical positions to the page's.
//!
//! The flow sets each line along the inline axis and stacks lines and slots along the block
//! axis (CSS Writing Modes 3 §2.1 and §6.1: inline base direction, block flow direction): in
//! the galley a glyph's `x` is its position along its line, counted from the page's inline
//! start edge, and a run's `y` its baseline's block position inside its slot. Pagination gives
//! every slot its block position on its page, and [`Writing::run`] and [`Writing::mark`] turn
//! the pair into the page's x and y, the one place that knows the page's orientation.
//!
//! In `horizontal-tb` inline is x and block is y. In `vertical-rl` (clreq §2.1) the whole
//! document is laid out on the page turned a quarter ([`Writing::logical`]: its height is the
//! lines' measure, its width the depth lines stack into), and [`Writing::turn`] then puts each
//! page upright: block runs from the right edge leftwards and inline downwards, each line a
//! column. A vertical run keeps its glyphs' `x` as the top of their cells down the column and
//! its `y` becomes the x of the column's centre line.

use super::{Anchor, Layout, MIDDLE, Mark, Page, Run};
use crate::style::{Margins, Style};

/// How lines run on the page (CSS `writing-mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Writing {
    /// Lines left to right, stacked top to bottom.
    #[default]
    HorizontalTb,
    /// Columns top to bottom, stacked right to left: a run's `y` is its column's centre line
    /// and its glyphs' `x` the tops of their cells.
    VerticalRl,
}

impl Writing {
    /// The writing mode `style` asks for.
    pub fn of(style: &Style) -> Writing {
        if style.vertical {
            Writing::VerticalRl
        } else {
            Writing::HorizontalTb
        }
    }

    /// The style the flow and the pages are set in: for vertical text the page turned a
    /// quarter clockwise, so that its top margin becomes the inline start (the head of every
    /// column) and its right margin the block start (the first column). A mirrored vertical
    /// book is bound on the right (clreq §2.1): its odd pages, set here, have the inner margin
    /// on the right; [`Writing::turn`] moves the even pages' text block over.
    pub fn logical(self, style: &Style) -> Style {
        match self {
            Writing::HorizontalTb => style.clone(),
            Writing::VerticalRl => {
                let mut m = style.margins;
                if style.mirrored {
                    (m.left, m.right) = (m.right, m.left);
                }
                Style {
                    mirrored: false,
                    page_width: style.page_height,
                    page_height: style.page_width,
                    margins: Margins {
                        top: m.right,
                        right: m.bottom,
                        bottom: m.left,
                        left: m.top,
                    },
                    ..style.clone()
                }
            }
        }
    }

    /// `run` of a slot whose block position on the page is `block`, on the page.
    pub fn run(self, run: &Run, block: f32) -> Run {
        Run {
            y: run.y + block,
            glyphs: run.glyphs.clone(),
            ..*run
        }
    }

    /// `mark` of a slot whose block position on the page is `block`, on the page.
    pub fn mark(self, mark: &Mark, block: f32) -> Mark {
        shift(mark, block)
    }

    /// Puts the pages of a layout made in [`Writing::logical`]'s style upright: `width` and
    /// `height` are the real page's, in points; `mirror` is added to every x on an even page (a
    /// mirrored book's inner margin less its outer: there the outer margin is on the right).
    pub fn turn(self, layout: &mut Layout, width: f32, height: f32, mirror: f32) {
        layout.writing = self;
        if self == Writing::HorizontalTb {
            return;
        }
        layout.width = width;
        layout.height = height;
        for (p, page) in layout.pages.iter_mut().enumerate() {
            // Page p (0-based) odd is the even-numbered page.
            let shift = if p % 2 == 1 { mirror } else { 0.0 };
            turn_page(page, width + shift);
        }
        // Outlines and links land at the top of the page: the column's top is every column's.
        for Anchor { y, .. } in &mut layout.anchors {
            *y = 0.0;
        }
    }
}

/// Whether `c` stands upright in a vertical column (UAX #50 `U` and `Tu`, roughly): Han
/// characters, kana, full-width forms and the marks Chinese text sets full-width; Latin letters,
/// digits and other narrow characters are turned a quarter clockwise with their line (`R`).
pub fn upright(c: char) -> bool {
    crate::read::inlines::is_east_asian(c)
}

/// Turns one page set on its side upright, `width` the upright page's width: a logical point
/// (inline, block) lands at (width − block, inline).
fn turn_page(page: &mut Page, width: f32) {
    for run in &mut page.runs {
        // The column is centred on the em box's middle, MIDDLE above the logical baseline.
        run.y = width - (run.y - MIDDLE * run.size);
    }
    let marks = std::mem::take(&mut page.marks);
    for mark in marks {
        match mark {
            Mark::Rule {
                x0,
                y0,
                x1,
                y1,
                width: w,
                ink,
            } => page.marks.push(Mark::Rule {
                x0: width - y0,
                y0: x0,
                x1: width - y1,
                y1: x1,
                width: w,
                ink,
            }),
            Mark::Fill { x, y, w, h, ink } => page.marks.push(Mark::Fill {
                x: width - y - h,
                y: x,
                w: h,
                h: w,
                ink,
            }),
            Mark::Dot { x, y, r } => page.marks.push(Mark::Dot {
                x: width - y,
                y: x,
                r,
            }),
            // A row of leader dots becomes a column of them.
            Mark::Dots { x0, x1, y, step, r } => {
                let n = ((x1 - x0) / step).round().max(0.0) as usize;
                for k in 0..=n {
                    page.marks.push(Mark::Dot {
                        x: width - y,
                        y: x0 + step * k as f32,
                        r,
                    });
                }
            }
            // A picture stays upright, as large as fits the turned box, centred in it.
            Mark::Picture {
                src,
                x,
                y,
                w,
                h,
                node,
            } => {
                let s = (h / w).min(w / h);
                let (pw, ph) = (w * s, h * s);
                page.marks.push(Mark::Picture {
                    src,
                    x: width - y - h + (h - pw) / 2.0,
                    y: x + (w - ph) / 2.0,
                    w: pw,
                    h: ph,
                    node,
                });
            }
            Mark::Link {
                x,
                y,
                w,
                h,
                target,
                node,
            } => page.marks.push(Mark::Link {
                x: width - y - h,
                y: x,
                w: h,
                h: w,
                target,
                node,
            }),
        }
    }
}

/// `mark` moved `d` further along the block axis.
pub(super) fn shift(mark: &Mark, d: f32) -> Mark {
    let mut m = mark.clone();
    match &mut m {
        Mark::Rule { y0, y1, .. } => {
            *y0 += d;
            *y1 += d;
        }
        Mark::Fill { y, .. }
        | Mark::Dot { y, .. }
        | Mark::Dots { y, .. }
        | Mark::Picture { y, .. }
        | Mark::Link { y, .. } => *y += d,
    }
    m
}
