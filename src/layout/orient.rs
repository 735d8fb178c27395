//! The layout's last step: logical positions to the page's.
//!
//! The flow sets each line along the inline axis and stacks lines and slots along the block
//! axis (CSS Writing Modes 3 §2.1 and §6.1: inline base direction, block flow direction): in
//! the galley a glyph's `x` is its position along its line, counted from the page's inline
//! start edge, and a run's `y` its baseline's block position inside its slot. Pagination gives
//! every slot its block position on its page, and [`Writing::run`] and [`Writing::mark`] turn
//! the pair into the page's x and y, the one place that knows the page's orientation.
//!
//! Only `horizontal-tb` is set today, where inline is x and block is y. `vertical-rl` (clreq
//! §2.1) is one more case here: block runs from the right edge leftwards (x = width − block)
//! and inline downwards (y = inline), a run's glyphs stacked down one column.

use super::{Mark, Run};

/// How lines run on the page (CSS `writing-mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Writing {
    /// Lines left to right, stacked top to bottom.
    #[default]
    HorizontalTb,
}

impl Writing {
    /// `run` of a slot whose block position on the page is `block`, on the page.
    pub fn run(self, run: &Run, block: f32) -> Run {
        match self {
            Writing::HorizontalTb => Run {
                y: run.y + block,
                glyphs: run.glyphs.clone(),
                ..*run
            },
        }
    }

    /// `mark` of a slot whose block position on the page is `block`, on the page.
    pub fn mark(self, mark: &Mark, block: f32) -> Mark {
        match self {
            Writing::HorizontalTb => shift(mark, block),
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
