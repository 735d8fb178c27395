//! Tables, set as three-line tables (三线表): a heavy rule above the head and below the last row,
//! a light one under the head; columns sized from their content.

use super::super::linebreak::{self, Align};
use super::{Brk, Builder, Ink, Mark, Para, TIGHT_PITCH};
use crate::model::{self, Inline};

use super::super::Measure;

/// Lays out a table: one slot per row, the head kept with the first row.
pub(super) fn table<M: Measure>(
    b: &mut Builder<'_, M>,
    align: &[model::Align],
    head: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
) {
    let ncols = rows
        .iter()
        .map(Vec::len)
        .chain([head.len()])
        .max()
        .unwrap_or(0);
    if ncols == 0 {
        return;
    }
    let grid = b.grid();
    let size = if grid { b.base.size } else { b.base.size * 0.9 };
    let pitch = if grid {
        b.base.pitch
    } else {
        size * TIGHT_PITCH
    };
    let pad = size * 0.5;
    let pad_v = if grid { 0.0 } else { size * 0.3 };
    let para = Para {
        size,
        pitch,
        grid: false,
        indent: 0.0,
        align: Align::Left,
        keep_lines: false,
        pad_top: 0.0,
        pad_bottom: 0.0,
        ..b.body_para()
    };

    // Natural and narrowest widths of every column.
    let mut natural = vec![0.0f32; ncols];
    let mut narrow = vec![0.0f32; ncols];
    let all_rows = std::iter::once((true, head)).chain(rows.iter().map(|r| (false, r.as_slice())));
    for (is_head, row) in all_rows.clone() {
        for (c, cell) in row.iter().enumerate() {
            fill(b, &para, cell, is_head);
            linebreak::prepare(&mut b.atoms, None);
            let (n, m) = widths(&b.atoms);
            natural[c] = natural[c].max(n);
            narrow[c] = narrow[c].max(m);
        }
    }
    let avail = b.width - 2.0 * pad * ncols as f32;
    let cols = widths_of(&natural, &narrow, avail, 2.0 * size);

    b.pending_space = b.pending_space.max(b.block_space());
    let table_w: f32 = cols.iter().sum::<f32>() + 2.0 * pad * ncols as f32;
    let left = b.left + ((b.width - table_w) / 2.0).max(0.0);
    let right = left + table_w;
    let last = rows.len();
    let table = b.out.tables.len();
    b.out.tables.push(super::Table {
        head: None,
        left,
        right,
    });
    for (r, (is_head, row)) in all_rows.enumerate() {
        if is_head && head.is_empty() {
            continue;
        }
        let from = b.mark_from();
        let mut x = left;
        let mut lines = 1;
        for (c, width) in cols.iter().enumerate() {
            if let Some(cell) = row.get(c) {
                fill(b, &para, cell, is_head);
                b.break_into_lines(&para, *width);
                let al = match align.get(c) {
                    Some(model::Align::Center) => Align::Center,
                    Some(model::Align::Right) => Align::Right,
                    _ if is_head => Align::Center,
                    _ => Align::Left,
                };
                for k in 0..b.lines.len() {
                    let baseline =
                        pad_v + k as f32 * pitch + (pitch - size) / 2.0 + super::ASCENT * size;
                    b.draw_line(k, x + pad, *width, al, baseline);
                }
                lines = lines.max(b.lines.len());
            }
            x += width + 2.0 * pad;
        }
        let height = lines as f32 * pitch + 2.0 * pad_v;
        let rule = |y: f32, width: f32| Mark::Rule {
            x0: left,
            y0: y,
            x1: right,
            y1: y,
            width,
            ink: Ink::Text,
        };
        let first = r == 0 || (r == 1 && head.is_empty());
        if first {
            b.out.galley.marks.push(rule(0.0, 1.0));
        }
        if is_head {
            b.out.galley.marks.push(rule(height, 0.5));
        }
        if r == last {
            b.out.galley.marks.push(rule(height, 1.0));
        }
        let brk = if r == 1 && !head.is_empty() {
            Brk::Never
        } else {
            Brk::Allowed
        };
        let slot = b.push_slot(height, brk, from);
        if !b.in_note {
            b.out.slots[slot].table = Some(table);
            if is_head {
                b.out.tables[table].head = Some(slot);
            }
        }
    }
    b.pending_space = b.pending_space.max(b.block_space());
}

/// Column widths. A table that fits takes its natural widths and some air (at most `air` a
/// column), centred. One that does not keeps its short columns (those narrower than an equal
/// share) whole and gives each long one its narrowest width plus a share of what is left, in
/// proportion to how much more it would take.
fn widths_of(natural: &[f32], narrow: &[f32], avail: f32, air: f32) -> Vec<f32> {
    let n = natural.len() as f32;
    let total: f32 = natural.iter().sum();
    if total <= avail {
        let extra = ((avail - total) / n).min(air);
        return natural.iter().map(|w| w + extra).collect();
    }
    let short = |w: f32| w <= avail / n;
    let fixed: f32 = natural.iter().filter(|&&w| short(w)).sum();
    let rest = avail - fixed;
    let (mut min_long, mut flex) = (0.0f32, 0.0f32);
    for (w, m) in natural.iter().zip(narrow) {
        if !short(*w) {
            min_long += m;
            flex += w - m;
        }
    }
    natural
        .iter()
        .zip(narrow)
        .map(|(&w, &m)| {
            if short(w) {
                w
            } else if rest > min_long {
                m + (rest - min_long) * (w - m) / flex.max(f32::EPSILON)
            } else {
                rest.max(0.0) * m / min_long.max(f32::EPSILON)
            }
        })
        .collect()
}

/// Collects a cell's atoms (the head in bold).
fn fill<M: Measure>(b: &mut Builder<'_, M>, para: &Para, cell: &[Inline], bold: bool) {
    b.clear();
    let span = super::Span {
        bold,
        ..b.span(para.role, para.size)
    };
    b.inlines(cell, &span);
}

/// The natural width of prepared atoms on one line, and their widest unbreakable stretch.
fn widths(atoms: &[linebreak::Atom]) -> (f32, f32) {
    let (mut total, mut piece, mut widest) = (0.0f32, 0.0f32, 0.0f32);
    for (i, a) in atoms.iter().enumerate() {
        if i > 0 && linebreak::can_break(atoms, i) {
            piece = 0.0;
        } else if i > 0 {
            piece += a.gap;
        }
        if i > 0 {
            total += a.gap;
        }
        total += a.width;
        piece += a.width;
        widest = widest.max(piece);
    }
    (total, widest)
}

#[cfg(test)]
mod tests {
    use super::widths_of;

    #[test]
    fn short_columns_stay_whole_when_a_table_is_too_wide() {
        let w = widths_of(&[4.0, 60.0, 2.0], &[1.5, 1.0, 1.0], 40.0, 2.0);
        assert_eq!((w[0], w[2]), (4.0, 2.0));
        assert!((w.iter().sum::<f32>() - 40.0).abs() < 1e-3);
        // A table that fits gets at most two em of air a column.
        assert_eq!(widths_of(&[4.0, 6.0], &[1.0, 1.0], 40.0, 2.0), [6.0, 8.0]);
    }
}
