//! Tables, set as three-line tables (三线表): a heavy rule above the head and below the last row,
//! a light one under the head; columns sized from their content.

use super::super::linebreak::{self, Align};
use super::super::orient::upright;
use super::{Brk, Builder, Ink, Mark, NodeId, Para, TIGHT_PITCH, Tag};
use crate::model::{self, Inline};

use super::super::Measure;

/// The smallest a table's text shrinks to fit its columns on the page, as a share of its
/// usual size; a table that still does not fit is set in parts of fewer columns.
const MIN_SCALE: f32 = 0.7;

/// A row taller than this share of the text block may break across pages between its lines.
const TALL_ROW: f32 = 0.5;

/// Lays out a table: shrunk if its columns do not fit the measure at their narrowest, set in
/// parts of fewer columns (with a warning) if they do not fit even then.
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
    let (natural, narrow, size) = measure(b, head, rows, ncols, 1.0);
    let pad = size * 0.5;
    let need = narrow.iter().sum::<f32>() + 2.0 * pad * ncols as f32;
    if need <= b.width || ncols == 1 {
        return set(b, align, head, rows, 1.0);
    }
    let scale = (b.width / need).max(MIN_SCALE);
    if need * scale <= b.width {
        return set(b, align, head, rows, scale);
    }
    // Parts of as many columns as fit side by side at the smallest size, each column at its
    // narrowest (or a few em of its natural width).
    let mut parts: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut from, mut used) = (0, 0.0f32);
    for c in 0..ncols {
        let w = (narrow[c].max(natural[c].min(6.0 * size)) + 2.0 * pad) * MIN_SCALE;
        if c > from && used + w > b.width {
            parts.push(from..c);
            from = c;
            used = 0.0;
        }
        used += w;
    }
    parts.push(from..ncols);
    b.out.warnings.push(format!(
        "pdf: a table of {ncols} columns is too wide for the page; set in {} parts of at most {} columns",
        parts.len(),
        parts.iter().map(|r| r.len()).max().unwrap_or(0)
    ));
    let cut = |row: &[Vec<Inline>], r: &std::ops::Range<usize>| -> Vec<Vec<Inline>> {
        row.get(r.clone())
            .map(<[_]>::to_vec)
            .unwrap_or_else(|| row.get(r.start..).map(<[_]>::to_vec).unwrap_or_default())
    };
    for r in &parts {
        let al = align.get(r.clone()).unwrap_or(&[]);
        let h = cut(head, r);
        let rs: Vec<Vec<Vec<Inline>>> = rows.iter().map(|row| cut(row, r)).collect();
        set(b, al, &h, &rs, MIN_SCALE);
    }
}

/// The natural and narrowest widths of every column with the text at `scale` of its size, and
/// that size.
fn measure<M: Measure>(
    b: &mut Builder<'_, M>,
    head: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
    ncols: usize,
    scale: f32,
) -> (Vec<f32>, Vec<f32>, f32) {
    let para = cell_para(b, scale);
    let mut natural = vec![0.0f32; ncols];
    let mut narrow = vec![0.0f32; ncols];
    let all_rows = std::iter::once((true, head)).chain(rows.iter().map(|r| (false, r.as_slice())));
    for (is_head, row) in all_rows {
        for (c, cell) in row.iter().enumerate() {
            fill(b, &para, cell, is_head, None);
            if b.style.vertical {
                linebreak::upright_numbers(&mut b.atoms, None, upright);
            }
            linebreak::prepare(&mut b.atoms, None);
            let (n, m) = widths(&b.atoms);
            natural[c] = natural[c].max(n);
            narrow[c] = narrow[c].max(m);
        }
    }
    (natural, narrow, para.size)
}

/// How the text of a cell is set, at `scale` of the table's usual size.
fn cell_para<M: Measure>(b: &Builder<'_, M>, scale: f32) -> Para {
    let grid = b.grid();
    let size = scale * if grid { b.base.size } else { b.base.size * 0.9 };
    let pitch = if grid {
        b.base.pitch
    } else {
        size * TIGHT_PITCH
    };
    Para {
        size,
        pitch,
        grid: false,
        indent: 0.0,
        align: Align::Left,
        keep_lines: false,
        pad_top: 0.0,
        pad_bottom: 0.0,
        ..b.body_para()
    }
}

/// Sets a table whose columns fit: one slot per row, the head kept with the first row; a row
/// taller than [`TALL_ROW`] of the text block is one slot per line, so that it can run over
/// pages instead of being cut at the page foot. Its nodes: a [`Tag::Table`] of
/// [`Tag::TableRow`]s, each with a cell node for every column (a [`Tag::TableHeader`] in the
/// head), empty or not.
fn set<M: Measure>(
    b: &mut Builder<'_, M>,
    align: &[model::Align],
    head: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
    scale: f32,
) {
    let ncols = rows
        .iter()
        .map(Vec::len)
        .chain([head.len()])
        .max()
        .unwrap_or(0);
    let (natural, narrow, _) = measure(b, head, rows, ncols, scale);
    let grid = b.grid();
    let para = cell_para(b, scale);
    let (size, pitch) = (para.size, para.pitch);
    let pad = size * 0.5;
    let pad_v = if grid { 0.0 } else { size * 0.3 };
    let all_rows = std::iter::once((true, head)).chain(rows.iter().map(|r| (false, r.as_slice())));
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
    let tall = b.style.text_height() * crate::style::PT_PER_MM * TALL_ROW;
    let node = b.tag(Tag::Table);
    for (r, (is_head, row)) in all_rows.enumerate() {
        if is_head && head.is_empty() {
            continue;
        }
        let from = b.mark_from();
        let mut x = left;
        let mut lines = 1;
        let tr = b.within(node, |b| b.tag(Tag::TableRow));
        let role = if is_head {
            Tag::TableHeader
        } else {
            Tag::TableCell
        };
        for (c, width) in cols.iter().enumerate() {
            let cell_node = b.within(tr, |b| b.tag(role.clone()));
            if let Some(cell) = row.get(c) {
                fill(b, &para, cell, is_head, Some(cell_node));
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
        let slots = if !is_head && lines > 1 && height > tall {
            split_row(b, from, lines, pitch, pad_v, brk)
        } else {
            let slot = b.push_slot(height, brk, from);
            slot..slot + 1
        };
        if !b.in_note {
            for slot in slots.clone() {
                b.out.slots[slot].table = Some(table);
            }
            if is_head {
                b.out.tables[table].head = Some(slots.start);
            }
        }
    }
    b.pending_space = b.pending_space.max(b.block_space());
}

/// Closes a row drawn from `from` as one slot per line: its runs and marks sorted by the line
/// they are on, each line's moved to the top of its own slot. A page may end between lines, but
/// not after the first or before the last (no single line of a row alone on a page).
fn split_row<M: Measure>(
    b: &mut Builder<'_, M>,
    from: (usize, usize, usize),
    lines: usize,
    pitch: f32,
    pad_v: f32,
    first_brk: Brk,
) -> std::ops::Range<usize> {
    let band = |y: f32| (((y - pad_v) / pitch).floor().max(0.0) as usize).min(lines - 1);
    let top = |k: usize| {
        if k == 0 {
            0.0
        } else {
            pad_v + k as f32 * pitch
        }
    };
    let g = &mut b.out.galley;
    let mut runs = g.runs.split_off(from.0);
    runs.sort_by_key(|r| band(r.y));
    let mut marks = g.marks.split_off(from.1);
    let mark_y = |m: &Mark| match *m {
        Mark::Rule { y0, .. } => y0,
        Mark::Link { y, h, .. } => y + h / 2.0,
        Mark::Fill { y, .. } | Mark::Dot { y, .. } | Mark::Dots { y, .. } => y,
        Mark::Picture { y, .. } => y,
    };
    marks.sort_by_key(|m| band(mark_y(m)));
    let (mut ri, mut mi) = (0, 0);
    let mut first_slot = None;
    let mut last_slot = 0;
    for k in 0..lines {
        let g = &mut b.out.galley;
        let start = (
            g.runs.len(),
            g.marks.len(),
            if k == 0 {
                from.2
            } else {
                b.out.note_refs.len()
            },
        );
        let dy = top(k);
        while ri < runs.len() && band(runs[ri].y) == k {
            let mut r = runs[ri].clone();
            r.y -= dy;
            g.runs.push(r);
            ri += 1;
        }
        while mi < marks.len() && band(mark_y(&marks[mi])) == k {
            g.marks.push(super::super::orient::shift(&marks[mi], -dy));
            mi += 1;
        }
        let height =
            if k == 0 { pad_v + pitch } else { pitch } + if k + 1 == lines { pad_v } else { 0.0 };
        let brk = if k == 0 {
            first_brk
        } else if k < 2 || lines - k < 2 {
            Brk::Never
        } else {
            Brk::Allowed
        };
        last_slot = b.push_slot(height, brk, start);
        first_slot.get_or_insert(last_slot);
    }
    first_slot.unwrap_or(last_slot)..last_slot + 1
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

/// Collects a cell's atoms (the head in bold), as part of `node` (none while measuring).
fn fill<M: Measure>(
    b: &mut Builder<'_, M>,
    para: &Para,
    cell: &[Inline],
    bold: bool,
    node: Option<NodeId>,
) {
    b.clear();
    let span = super::Span {
        bold,
        node,
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
