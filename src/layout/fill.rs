//! Pages filled to the foot (`Style::flush_bottom`): a book's page ends flush with its text
//! block unless a chapter ends on it.
//!
//! A chapter — the run of slots between two forced page breaks (`Brk::Page`, `Brk::Recto`: in
//! the book preset a level-1 heading starts one) — has its page breaks chosen all at once, as
//! TeX chooses line breaks for a paragraph: each page's cost is how short it stops once the
//! space around its headings and blocks has stretched, so a heading group that does not fit
//! at a page's foot pulls lines back from the pages before it (each may stop up to a line
//! short) rather than leave one page several lines short. The last page of a chapter, the
//! chapter end, may stop anywhere. Breaks go only where the keep rules allow them: a heading
//! keeps its byline and two lines of text, a paragraph leaves no widow or orphan.

use super::flow::{Brk, Slot};

/// How far the space above a slot (before a heading, around a list or quote) may grow on a
/// page that would otherwise stop short: to four times its natural size (a line's space above
/// a heading to four lines, still less than a chapter opening's sink).
pub(super) const STRETCH: f32 = 3.0;

/// How far it may shrink where a page would otherwise overflow: to a quarter of its natural
/// size (a heading at a page's foot keeps a quarter line above it).
pub(super) const SHRINK: f32 = 0.75;

/// Tolerance, in points.
const EPS: f32 = 0.01;

/// Cost of a page that stops more than a line short: far above any arrangement that avoids
/// it, so the search takes one whenever one exists.
const SHORT: f64 = 1.0e4;

/// What a page of slots needs: its natural height, and the space above its slots (after the
/// first, whose space is dropped at the top of a page), which may stretch and shrink.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Extent {
    /// Slot heights and the spaces between them.
    pub height: f32,
    /// The spaces between slots alone.
    pub flex: f32,
}

/// The extent of `slots` set on one page.
pub(super) fn extent(slots: &[Slot]) -> Extent {
    let flex: f32 = slots.iter().skip(1).map(|s| s.space_before).sum();
    Extent {
        height: slots.iter().map(|s| s.height).sum::<f32>() + flex,
        flex,
    }
}

/// The factor the spaces between a page's slots are scaled by so that they fill `avail`, within
/// [`STRETCH`] and [`SHRINK`]; a chapter's `last` page only shrinks (if it must).
pub(super) fn spacing(e: Extent, avail: f32, last: bool) -> f32 {
    if e.flex <= 0.0 {
        return 1.0;
    }
    let short = avail - e.height;
    if short < 0.0 {
        1.0 - (-short / e.flex).min(SHRINK)
    } else if last {
        1.0
    } else {
        1.0 + (short / e.flex).min(STRETCH)
    }
}

/// Page breaks for the chapters of `slots` that carry neither footnotes nor table rows (their
/// pages stay with `paginate::plan`'s greedy breaks, which place notes and repeat table heads):
/// by the index of a page's first slot, the index its page ends before.
pub(super) fn breaks(slots: &[Slot], avail: f32, line: f32) -> Vec<Option<usize>> {
    let mut ends = vec![None; slots.len()];
    let mut start = 0;
    while start < slots.len() {
        let end = (start + 1..slots.len())
            .find(|&i| matches!(slots[i].brk, Brk::Page | Brk::Recto))
            .unwrap_or(slots.len());
        let chapter = &slots[start..end];
        if chapter
            .iter()
            .all(|s| s.notes.is_empty() && s.table.is_none())
        {
            let mut at = 0;
            for next in chapter_breaks(chapter, avail, line) {
                ends[start + at] = Some(start + next);
                at = next;
            }
        }
        start = end;
    }
    ends
}

/// The cheapest breaks of one chapter: where each page ends (the last is the chapter's end).
fn chapter_breaks(slots: &[Slot], avail: f32, line: f32) -> Vec<usize> {
    let n = slots.len();
    // best[i]: the cost of setting slots[i..] and where the page starting at i ends.
    let mut best: Vec<(f64, usize)> = vec![(f64::INFINITY, n); n + 1];
    best[n] = (0.0, n);
    for i in (0..n).rev() {
        if i > 0 && slots[i].brk != Brk::Allowed {
            continue;
        }
        let mut e = Extent {
            height: 0.0,
            flex: 0.0,
        };
        for j in i + 1..=n {
            let s = &slots[j - 1];
            let space = if j - 1 > i { s.space_before } else { 0.0 };
            e.height += s.height + space;
            e.flex += space;
            // A page holds at least one slot, however tall.
            if j > i + 1 && e.height - e.flex * SHRINK > avail + EPS {
                break;
            }
            if j < n && slots[j].brk != Brk::Allowed {
                continue;
            }
            let cost = page_cost(e, avail, line, j == n) + best[j].0;
            if cost < best[i].0 {
                best[i] = (cost, j);
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let j = best[i].1.max(i + 1);
        out.push(j);
        i = j;
    }
    out
}

/// What a page of extent `e` costs: nothing when it is full, a little for each point it stops
/// short or its spaces stretch or shrink, and [`SHORT`] when it stops more than a `line` short
/// and does not end its chapter.
fn page_cost(e: Extent, avail: f32, line: f32, last: bool) -> f64 {
    let short = avail - e.height;
    let set = e.height + e.flex * (spacing(e, avail, last) - 1.0);
    let left = f64::from(((avail - set) / line).max(0.0));
    let flexed = if e.flex > 0.0 {
        f64::from(((set - e.height) / e.flex).abs())
    } else {
        0.0
    };
    if last {
        return flexed * flexed;
    }
    let mut cost = left * left * 10.0 + flexed * flexed;
    if short > 0.0 && avail - set > line + EPS {
        cost += SHORT + left;
    }
    cost
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(height: f32, space_before: f32, brk: Brk) -> Slot {
        Slot::blank(height, space_before, brk)
    }

    /// A chapter of `body` lines, then a heading group (heading, byline, two lines that may not
    /// be parted from it) and `after` more lines.
    fn chapter(body: usize, after: usize) -> Vec<Slot> {
        let mut s: Vec<Slot> = (0..body).map(|_| slot(10.0, 0.0, Brk::Allowed)).collect();
        s.push(slot(15.0, 10.0, Brk::Allowed));
        for _ in 0..3 {
            s.push(slot(10.0, 0.0, Brk::Keep));
        }
        s.extend((0..after).map(|_| slot(10.0, 0.0, Brk::Allowed)));
        s
    }

    #[test]
    fn a_heading_group_that_does_not_fit_pulls_lines_back() {
        // 100 points a page, ten lines: greedy breaks set 10, 10 and 8 lines, and the group's 55
        // points (45 shrunk) do not fit after the eighth, so the third page would stop two lines
        // short; taking a line off each page before it lets the group follow on time.
        let slots = chapter(28, 12);
        let ends = chapter_breaks(&slots, 100.0, 10.0);
        let mut start = 0;
        for &end in &ends[..ends.len() - 1] {
            let e = extent(&slots[start..end]);
            let set = e.height + e.flex * (spacing(e, 100.0, false) - 1.0);
            assert!(100.0 - set <= 10.0 + EPS, "page {start}..{end} sets {set}");
            start = end;
        }
        assert_eq!(ends.last(), Some(&slots.len()));
    }

    #[test]
    fn spaces_stretch_and_shrink_within_their_limits() {
        let e = Extent {
            height: 90.0,
            flex: 4.0,
        };
        assert_eq!(spacing(e, 96.0, false), 2.5);
        assert_eq!(spacing(e, 110.0, false), 1.0 + STRETCH);
        assert_eq!(spacing(e, 110.0, true), 1.0);
        assert_eq!(spacing(e, 89.0, false), 0.75);
        assert_eq!(spacing(e, 80.0, false), 1.0 - SHRINK);
    }

    #[test]
    fn chapters_and_pages_with_notes_are_left_to_the_greedy_breaks() {
        let mut slots = chapter(28, 12);
        slots.push(slot(15.0, 0.0, Brk::Page));
        slots.extend(chapter(3, 3));
        slots[2].notes = 0..1;
        let ends = breaks(&slots, 100.0, 10.0);
        assert!(ends[..44].iter().all(Option::is_none));
        assert!(ends[44].is_some());
    }
}
