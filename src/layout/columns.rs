//! Columns of the PDF's text block (the setting `columns`): each column is a frame of the page
//! plan, filled before the next, `columns` frames side by side on a page; a forced page break
//! starts a new page whatever column it falls in. The frames of the last page are balanced:
//! cut again where breaks are allowed so that their tallest is as short as it can be.

use std::ops::Range;

use super::flow::{Brk, Slot};

/// The frames of a page plan: each frame's slots and the note slots at its foot.
type Plan = Vec<(Range<usize>, Vec<Range<usize>>)>;

/// The page and column of each frame of `plan`.
pub(super) fn place(slots: &[Slot], plan: &Plan, columns: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(plan.len());
    for (range, _) in plan {
        let forced = slots
            .get(range.start)
            .is_some_and(|s| matches!(s.brk, Brk::Page | Brk::Recto));
        let next = match out.last() {
            None => (0, 0),
            Some(&(page, column)) if !forced && column + 1 < columns => (page, column + 1),
            Some(&(page, _)) => (page + 1, 0),
        };
        out.push(next);
    }
    out
}

/// Recuts the frames of the last page so that their columns end level, as near as the allowed
/// breaks let them: the least height into which its slots go in at most `columns` frames. A last
/// page with notes or a table (whose head a frame would repeat) is left as it is.
pub(super) fn balance(slots: &[Slot], plan: &mut Plan, columns: usize) {
    let places = place(slots, plan, columns);
    let Some(&(last, _)) = places.last() else {
        return;
    };
    let first = places.iter().position(|&(p, _)| p == last).unwrap_or(0);
    let frames = &plan[first..];
    if frames.iter().any(|(_, notes)| !notes.is_empty()) {
        return;
    }
    let range = frames[0].0.start..frames[frames.len() - 1].0.end;
    if range.is_empty() || slots[range.clone()].iter().any(|s| s.table.is_some()) {
        return;
    }
    let tallest = frames
        .iter()
        .map(|(r, _)| height(&slots[r.clone()]))
        .fold(0.0f32, f32::max);
    // The least feasible height, between the tallest slot and the tallest frame now.
    let (mut lo, mut hi) = (0.0f32, tallest);
    if cut(slots, range.clone(), hi, columns).is_none() {
        return;
    }
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if cut(slots, range.clone(), mid, columns).is_some() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let Some(cuts) = cut(slots, range, hi, columns) else {
        return;
    };
    plan.truncate(first);
    plan.extend(cuts.into_iter().map(|r| (r, Vec::new())));
}

/// The height of a frame holding `slots` (the first one's space before dropped at its top).
fn height(slots: &[Slot]) -> f32 {
    slots
        .iter()
        .enumerate()
        .map(|(k, s)| s.height + if k > 0 { s.space_before } else { 0.0 })
        .sum()
}

/// `range` cut into at most `columns` frames no taller than `h`, each ending at the last
/// allowed break that keeps it within `h` (the fewest frames such cuts can make); `None` when
/// they do not go in.
fn cut(slots: &[Slot], range: Range<usize>, h: f32, columns: usize) -> Option<Vec<Range<usize>>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while start < range.end {
        if out.len() == columns {
            return None;
        }
        let mut used = 0.0;
        let mut last_ok = None;
        let mut end = range.end;
        for (i, s) in slots.iter().enumerate().take(range.end).skip(start) {
            if i > start && matches!(s.brk, Brk::Allowed | Brk::Keep) {
                last_ok = Some(i);
            }
            used += s.height + if i > start { s.space_before } else { 0.0 };
            if used > h + super::paginate::EPS {
                end = last_ok?;
                break;
            }
        }
        out.push(start..end);
        start = end;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines 10 pt tall; a page may end before those whose `brk` is given.
    fn lines(brks: &[Brk]) -> Vec<Slot> {
        brks.iter()
            .map(|&brk| Slot::blank(10.0, 0.0, brk))
            .collect()
    }

    #[test]
    fn frames_fill_a_page_column_by_column_and_a_forced_break_starts_a_page() {
        let slots = lines(&[Brk::Allowed, Brk::Allowed, Brk::Page, Brk::Allowed]);
        let plan: Plan = vec![
            (0..1, vec![]),
            (1..2, vec![]),
            (2..3, vec![]),
            (3..4, vec![]),
        ];
        assert_eq!(place(&slots, &plan, 2), [(0, 0), (0, 1), (1, 0), (1, 1)]);
        assert_eq!(place(&slots, &plan, 3), [(0, 0), (0, 1), (1, 0), (1, 1)]);
    }

    #[test]
    fn the_last_page_is_balanced_where_breaks_allow() {
        // Seven lines all in the first column: cut into four and three.
        let slots = lines(&[Brk::Allowed; 7]);
        let mut plan: Plan = vec![(0..7, vec![])];
        balance(&slots, &mut plan, 2);
        let got: Vec<_> = plan.iter().map(|(r, _)| r.clone()).collect();
        assert_eq!(got, [0..4, 4..7]);
        // Lines kept together (`Never`) move as one: three and four.
        let mut slots = lines(&[Brk::Allowed; 7]);
        slots[4].brk = Brk::Never;
        let mut plan: Plan = vec![(0..7, vec![])];
        balance(&slots, &mut plan, 2);
        let got: Vec<_> = plan.iter().map(|(r, _)| r.clone()).collect();
        assert_eq!(got, [0..3, 3..7]);
        // A last page with notes stays as it is.
        let note = 0..1;
        let mut plan: Plan = vec![(0..7, vec![note])];
        balance(&slots, &mut plan, 2);
        assert_eq!(plan.len(), 1);
    }
}
