//! `--vertical` in the PDF (issue 26, item 2): 古文觀止 as a vertical book, read back with
//! poppler — the text reads column by column, right to left; no column starts with a closing
//! mark or ends with an opening one; the book is bound on the right; Latin is turned and still
//! copies in its place; horizontal files carry none of it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::pages::{Drawn, Rect, drawn};
use common::{output, root, tools};

/// The first twelve pieces of 古文觀止 (the first chapter and part of the second), written into
/// `dir` with `extra` lines after the front matter's title.
fn guwen(dir: &Path, front: &str) -> PathBuf {
    let text = std::fs::read_to_string(root().join("tests/data/guwen.md")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut headings = 0;
    let end = lines
        .iter()
        .position(|l| {
            headings += usize::from(l.starts_with("## "));
            headings == 13
        })
        .unwrap();
    let mut piece = lines[..end].join("\n");
    piece = piece.replacen("lang: zh-Hant\n", &format!("lang: zh-Hant\n{front}"), 1);
    let path = dir.join("guwen.md");
    std::fs::write(&path, piece).unwrap();
    path
}

/// Converts `input` to PDF with `--no-system-fonts` and `extra`.
fn pdf(input: &Path, extra: &[&str]) -> PathBuf {
    let out = input.with_extension("pdf");
    common::run_ok(
        common::cjkpress()
            .arg(input)
            .arg("-o")
            .arg(&out)
            .arg("--no-system-fonts")
            .args(extra),
    );
    out
}

/// The Han characters of `text`, in order.
fn han(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'))
        .collect()
}

/// What `pdftotext` copies from `pdf`.
fn copied(pdf: &Path) -> String {
    output(Command::new("pdftotext").arg(pdf).arg("-"))
}

/// The text of each page of `pdf` as its columns read: the words `pdftotext -bbox` finds,
/// grouped by column (their left edge) right to left, each top to bottom. poppler's own
/// reading order (plain `pdftotext`) takes a short column that ends a paragraph for a block of
/// its own now and then and copies it after the next paragraph; the columns are in order.
fn columns(pdf: &Path) -> Vec<Vec<String>> {
    common::pages::words(pdf)
        .into_iter()
        .map(|words| {
            let mut columns: std::collections::BTreeMap<i64, Vec<(f32, String)>> =
                Default::default();
            for w in words {
                let x = (w.x0 * 10.0).round() as i64;
                columns.entry(-x).or_default().push((w.y0, w.text));
            }
            columns
                .into_values()
                .map(|mut c| {
                    c.sort_by(|a, b| a.0.total_cmp(&b.0));
                    c.into_iter().map(|(_, t)| t).collect()
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_vertical_book_reads_column_by_column_right_to_left() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = guwen(dir.path(), "");
    let pages = columns(&pdf(&source, &["--preset", "book", "--vertical"]));
    // The body starts after the title page and the contents; the running heads (the title,
    // the chapter) and the chapters' own headings, which are the same text, are left out.
    let md = std::fs::read_to_string(&source).unwrap();
    let body = md.split("\n---\n").nth(1).unwrap();
    let chapters: Vec<String> = body
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .map(han)
        .collect();
    let heads = |column: &String| {
        let h = han(column);
        h == "古文觀止" || chapters.contains(&h)
    };
    let want = han(&body
        .lines()
        .filter(|l| !l.starts_with("# "))
        .collect::<String>());
    let got = han(&pages
        .iter()
        .skip_while(|p| !p.iter().any(|c| c.contains("初，鄭武公娶於申")))
        .flatten()
        .filter(|c| !heads(c))
        .cloned()
        .collect::<String>());
    let n = want.chars().count();
    let same = want
        .chars()
        .zip(got.chars())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(
        same == n && got.chars().count() == n,
        "the columns depart from the source after {same} of {n} characters:\n\
         source: …{}…\ncolumns: …{}…",
        want.chars().skip(same).take(30).collect::<String>(),
        got.chars().skip(same).take(30).collect::<String>(),
    );
}

#[test]
fn no_column_starts_with_a_closing_mark_or_ends_with_an_opening_one() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = copied(&pdf(
        &guwen(dir.path(), ""),
        &["--preset", "book", "--vertical"],
    ));
    // GB/T 15834 and clreq §3.1.7: marks that may not start or end a line.
    let closing = "，。、；：？！）】》」』”’";
    let opening = "（【《「『“‘";
    let columns: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(columns.len() > 200, "{} columns", columns.len());
    let bad: Vec<&&str> = columns
        .iter()
        .filter(|l| {
            l.chars().next().is_some_and(|c| closing.contains(c))
                || l.chars().last().is_some_and(|c| opening.contains(c))
        })
        .collect();
    assert!(bad.is_empty(), "kinsoku breaks: {bad:?}");
}

/// The catalog's entry `key` and the font dictionaries' encodings, read with lopdf.
fn catalog_and_encodings(pdf: &Path) -> (String, String, Vec<String>) {
    let doc = lopdf::Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let name = |o: &lopdf::Object| String::from_utf8_lossy(o.as_name().unwrap_or(b"")).into_owned();
    let layout = catalog.get(b"PageLayout").map(name).unwrap_or_default();
    let direction = catalog
        .get(b"ViewerPreferences")
        .and_then(|v| v.as_dict())
        .and_then(|v| v.get(b"Direction"))
        .map(name)
        .unwrap_or_default();
    let encodings = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").ok().map(name).as_deref() == Some("Type0"))
        .filter_map(|d| d.get(b"Encoding").ok().map(name))
        .collect();
    (layout, direction, encodings)
}

#[test]
fn a_vertical_book_is_bound_on_the_right_and_a_horizontal_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let source = guwen(dir.path(), "");
    let (layout, direction, encodings) =
        catalog_and_encodings(&pdf(&source, &["--preset", "book", "--vertical"]));
    assert_eq!(
        (layout.as_str(), direction.as_str()),
        ("TwoPageRight", "R2L")
    );
    assert!(encodings.iter().any(|e| e == "Identity-V"), "{encodings:?}");

    // The front matter's `vertical: true` asks for the same.
    let dir = tempfile::tempdir().unwrap();
    let front = guwen(dir.path(), "vertical: true\n");
    let (_, direction, _) = catalog_and_encodings(&pdf(&front, &["--preset", "handout"]));
    assert_eq!(direction, "R2L");

    let dir = tempfile::tempdir().unwrap();
    let (layout, direction, encodings) =
        catalog_and_encodings(&pdf(&guwen(dir.path(), ""), &["--preset", "book"]));
    assert_eq!((layout.as_str(), direction.as_str()), ("OneColumn", ""));
    assert!(encodings.iter().all(|e| e == "Identity-H"), "{encodings:?}");
}

#[test]
fn latin_is_turned_and_copies_in_its_place() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("latin.md");
    std::fs::write(&source, "天地玄黃Unicode宇宙洪荒\n").unwrap();
    let out = pdf(&source, &["--vertical"]);
    let text: String = copied(&out).split_whitespace().collect();
    assert!(text.contains("天地玄黃Unicode宇宙洪荒"), "{text}");
    // The word is drawn with a text matrix turned a quarter clockwise.
    let doc = lopdf::Document::load(&out).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
    assert!(content.contains("0 -1 1 0 "), "{content}");
}

#[test]
fn short_numbers_stand_across_the_column_and_long_ones_are_turned() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("numbers.md");
    std::fs::write(&source, "共365天，凡12章，2026年。\n").unwrap();
    let out = pdf(&source, &["--vertical"]);
    let doc = lopdf::Document::load(&out).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
    // 365 and 12 are narrowed into the column's em (horizontal scaling) and set upright;
    // 2026 is turned, as is the page number.
    let narrowed = content.lines().filter(|l| l.ends_with(" Tz")).count();
    assert_eq!(
        narrowed, 4,
        "365 and 12 narrowed, each Tz set and reset:\n{content}"
    );
    assert_eq!(
        content.matches("0 -1 1 0 ").count(),
        2,
        "only 2026 and the page number (1) turned:\n{content}"
    );
    if tools(&["pdftotext"]) {
        let columns: String = columns(&out).concat().concat();
        assert!(columns.contains("共365天，凡12章，2026年"), "{columns}");
    }
}

/// Whether python3 has pikepdf and fontTools (`.ci/run` installs them), which
/// `tests/tools/pdfglyphs.py` needs.
fn python() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import pikepdf, fontTools"])
        .output()
        .is_ok_and(|o| o.status.success());
    common::available("python3 with pikepdf and fontTools", found)
}

/// A box on the page: left, top, right, bottom, in points from the top-left corner.
/// The glyphs of the twelve pieces of 古文觀止 as a vertical book: built and read once for the
/// tests that measure it (a book through `pdfglyphs.py --boxes` takes seconds).
fn vertical_book() -> &'static [Drawn] {
    static GLYPHS: std::sync::OnceLock<Vec<Drawn>> = std::sync::OnceLock::new();
    GLYPHS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        drawn(&pdf(
            &guwen(dir.path(), ""),
            &["--preset", "book", "--vertical"],
        ))
    })
}

/// The most common font size of `glyphs`: the body's.
fn body_size(glyphs: &[Drawn]) -> f32 {
    let mut counts: std::collections::BTreeMap<u32, usize> = Default::default();
    for g in glyphs {
        *counts.entry((g.size * 100.0) as u32).or_default() += 1;
    }
    let most = counts.into_iter().max_by_key(|&(_, n)| n).unwrap().0;
    most as f32 / 100.0
}

/// The columns of text of each page, right to left, each a page number and its glyphs top to
/// bottom: glyphs of the body size or larger (the running heads and folios, smaller and outside
/// the text block, are left out), a new column where the next cell's centre line lies more than
/// half an em to the left. A 縦中横 number's digits and a turned word stand in their column.
fn text_columns(glyphs: &[Drawn], body: f32) -> Vec<(usize, Vec<Drawn>)> {
    let centre = |g: &Drawn| (g.cell[0] + g.cell[2]) / 2.0;
    let mut out = Vec::new();
    let last = glyphs.iter().map(|g| g.page).max().unwrap_or(0);
    for page in 1..=last {
        let mut on: Vec<&Drawn> = glyphs
            .iter()
            .filter(|g| g.page == page && g.size >= body)
            .collect();
        on.sort_by(|a, b| centre(b).total_cmp(&centre(a)));
        let mut column: Vec<Drawn> = Vec::new();
        for g in on {
            if column
                .last()
                .is_some_and(|p| centre(p) - centre(g) > 0.5 * body)
            {
                out.push((page, std::mem::take(&mut column)));
            }
            column.push(g.clone());
        }
        if !column.is_empty() {
            out.push((page, column));
        }
    }
    for (_, column) in &mut out {
        column.sort_by(|a, b| a.cell[1].total_cmp(&b.cell[1]));
    }
    out
}

/// Where a column's text ends: the foot of its last glyph's cell; for a closing mark whose ink
/// lies in the upper half of its cell, the middle of the cell (at a column's end the mark gives
/// up the blank half below it, as a line's last mark gives up its right half: clreq §3.1.6,
/// §3.8).
fn column_end(column: &[Drawn]) -> f32 {
    let last = column
        .iter()
        .max_by(|a, b| a.cell[3].total_cmp(&b.cell[3]))
        .unwrap();
    let [_, top, _, bottom] = last.cell;
    let middle = (top + bottom) / 2.0;
    let closing = "，。、；：？！）】》」』”’";
    match last.ink {
        Some(ink) if closing.contains(last.ch) && ink[3] <= middle + 0.01 => middle,
        _ => bottom,
    }
}

/// Issue 26, "Must show": every column of 古文觀止 that is not the last of its paragraph is
/// as long as the text block is high (flush foot). A column is its paragraph's last when the
/// next column in reading order (the next page's first, after the last of a page) does not
/// continue its text: there is none, it is of another size (a heading), or it does not start
/// at the head of the text block (a paragraph's 2-em indent, a byline, an entry of the
/// contents). A paragraph's last column may be shorter; the others end where the text block
/// does, within a tenth of an em (a closing mark at a column's end counted by its inked half:
/// [`column_end`]).
#[test]
fn every_column_but_a_paragraphs_last_reaches_the_foot() {
    if !python() {
        return;
    }
    let glyphs = vertical_book();
    let body = body_size(glyphs);
    let style = cjkpress::style::Style::preset(cjkpress::style::Preset::Book);
    assert_eq!(body, style.body_size);
    let mm = cjkpress::style::PT_PER_MM;
    let (head, foot) = (
        style.margins.top * mm,
        (style.page_height - style.margins.bottom) * mm,
    );
    let columns = text_columns(glyphs, body);
    let top = |c: &[Drawn]| c.iter().map(|g| g.cell[1]).fold(f32::MAX, f32::min);
    let size = |c: &[Drawn]| c.iter().map(|g| g.size).fold(0.0, f32::max);
    let mut checked = 0;
    let mut short = Vec::new();
    let mut worst: f32 = 0.0;
    for (k, (page, column)) in columns.iter().enumerate() {
        let continued = columns.get(k + 1).is_some_and(|(_, next)| {
            size(next) == size(column) && (top(next) - head).abs() <= 0.1 * body
        });
        if !continued || size(column) != body {
            continue;
        }
        checked += 1;
        let off = column_end(column) - foot;
        worst = worst.max(off.abs());
        if off.abs() > 0.1 * body {
            let text: String = column.iter().map(|g| g.ch).collect();
            short.push(format!("p{page} {off:+.2} pt: {text}"));
        }
    }
    assert!(checked > 60, "only {checked} columns continue a paragraph");
    assert!(
        short.is_empty(),
        "{} of {checked} columns not flush with the foot at {foot:.2} pt (worst {worst:.2} \
         pt):\n{}",
        short.len(),
        short.join("\n")
    );
}

/// Pairs of glyphs on a page whose ink boxes overlap by more than 0.01 pt both ways.
fn collisions(glyphs: &[Drawn]) -> Vec<String> {
    let mut inked: Vec<(&Drawn, Rect)> = glyphs
        .iter()
        .filter_map(|g| g.ink.map(|ink| (g, ink)))
        .collect();
    inked.sort_by(|a, b| (a.0.page, a.1[1]).partial_cmp(&(b.0.page, b.1[1])).unwrap());
    let mut found = Vec::new();
    for (i, (a, p)) in inked.iter().enumerate() {
        // Sorted by page and top: the glyphs after one that starts below `a` ends cannot meet it.
        for (b, q) in inked[i + 1..]
            .iter()
            .take_while(|(b, q)| b.page == a.page && q[1] < p[3])
        {
            let across = p[2].min(q[2]) - p[0].max(q[0]);
            let down = p[3].min(q[3]) - p[1].max(q[1]);
            if across > 0.01 && down > 0.01 {
                found.push(format!(
                    "p{} {}{} ({across:.2} × {down:.2} pt)",
                    a.page, a.ch, b.ch
                ));
            }
        }
    }
    found
}

/// Issue 26, "Must show": in 古文觀止 as a vertical book no glyph's ink (its outline's bounding
/// box, read from the embedded font) overlaps another's — marks compressed down a column,
/// narrow glyphs upright in a column, turned numbers and the running heads included.
#[test]
fn no_glyph_ink_overlaps_another_in_a_vertical_book() {
    if !python() {
        return;
    }
    let glyphs = vertical_book();
    let upright = glyphs.iter().filter(|g| g.vertical).count();
    assert!(upright > 4000, "{upright} glyphs upright in columns");
    // The marks whose pairs compress: there are dozens.
    let pairs = glyphs
        .windows(2)
        .filter(|w| "，。：；？！".contains(w[0].ch) && "”’」』".contains(w[1].ch))
        .count();
    assert!(pairs > 30, "{pairs} pairs of a mark and a closing quote");
    let hits = collisions(glyphs);
    assert!(
        hits.is_empty(),
        "{} collisions: {:?}",
        hits.len(),
        &hits[..hits.len().min(20)]
    );
}

/// Issue 26, "Must show": a number of two or three digits set upright across its column
/// (縦中横) is drawn no wider than the column's em, centred on the column's centre line (within
/// 0.05 em), between the characters above and below it, and takes 1 em of the column (within
/// 0.05 em): `365` took 2.17 em (its digits' advances and the Han–Latin spaces), 0.58 em blank
/// above and below it.
#[test]
fn short_numbers_stand_within_their_columns_width() {
    if !python() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("numbers.md");
    std::fs::write(&source, "共365天，凡12章，2026年。\n").unwrap();
    let glyphs = drawn(&pdf(&source, &["--vertical"]));
    let body = body_size(&glyphs);
    let column: Vec<&Drawn> = glyphs.iter().filter(|g| g.size == body).collect();
    // The column's centre line: that of the ideographs' cells.
    let han: Vec<&&Drawn> = column.iter().filter(|g| g.vertical).collect();
    let axis = (han[0].cell[0] + han[0].cell[2]) / 2.0;
    assert!(
        han.iter()
            .all(|g| ((g.cell[0] + g.cell[2]) / 2.0 - axis).abs() < 0.01),
        "the ideographs are not in one column"
    );
    // Digits side by side: drawn horizontally, their cells on one row.
    let mut across: Vec<Vec<&Drawn>> = Vec::new();
    for g in column
        .iter()
        .filter(|g| !g.vertical && g.ch.is_ascii_digit())
    {
        match across.last_mut() {
            Some(row) if (row[0].cell[1] - g.cell[1]).abs() < 0.01 => row.push(g),
            _ => across.push(vec![g]),
        }
    }
    across.retain(|row| row.len() > 1);
    let numbers: Vec<String> = across
        .iter()
        .map(|row| row.iter().map(|g| g.ch).collect())
        .collect();
    assert_eq!(numbers, ["365", "12"], "2026 is turned, not set across");
    for (row, number) in across.iter().zip(&numbers) {
        let union = |rect: &dyn Fn(&Drawn) -> Rect| {
            row.iter()
                .map(|g| rect(g))
                .fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |u, r| {
                    [
                        u[0].min(r[0]),
                        u[1].min(r[1]),
                        u[2].max(r[2]),
                        u[3].max(r[3]),
                    ]
                })
        };
        let cells = union(&|g| g.cell);
        let ink = union(&|g| g.ink.unwrap());
        let (wide, inked) = (cells[2] - cells[0], ink[2] - ink[0]);
        assert!(
            wide <= body + 0.01 && inked <= body,
            "{number}: {wide:.2} pt drawn, {inked:.2} pt inked, in a {body} pt column"
        );
        let off = (cells[0] + cells[2]) / 2.0 - axis;
        assert!(
            off.abs() <= 0.05 * body,
            "{number}: {off:+.2} pt off the centre line"
        );
        // Between the ideographs above and below it.
        let above = han.iter().filter(|g| g.cell[3] <= ink[1]).count();
        let below = han.iter().filter(|g| g.cell[1] >= ink[3]).count();
        assert_eq!(above + below, han.len(), "{number} overlaps a character");
        // It takes one cell of the column, as an ideograph does (JLREQ §3.2.4): the characters
        // before and after it stand 1 em apart, its digits' row at the top of that em.
        let (before, after) = (han[above - 1], han[above]);
        let stretch = after.cell[1] - before.cell[3];
        assert!(
            (stretch - body).abs() <= 0.05 * body,
            "{number} takes {stretch:.2} pt of the column between {} and {}, not {body} pt",
            before.ch,
            after.ch
        );
        assert!(
            (cells[1] - before.cell[3]).abs() <= 0.05 * body,
            "{number} drawn {:+.2} pt from the top of its cell",
            cells[1] - before.cell[3]
        );
    }
}

/// In the first pieces of 古文觀止 as a vertical book the running heads (four of them read
/// `卷一·周文`) set the interpunct as the heading and the body do: between Han characters it
/// takes a full cell (GB/T 15834-2011 §4.14), the characters before and after it 1 em apart
/// (within 0.05 em) and its ink centred between them; it took its own width, 0.33 em.
#[test]
fn an_interpunct_in_a_running_head_takes_a_full_cell() {
    if !python() {
        return;
    }
    let glyphs = vertical_book();
    let style = cjkpress::style::Style::preset(cjkpress::style::Preset::Book);
    let size = style.page_number_size;
    let mut checked = 0;
    for w in glyphs.windows(3) {
        let [before, dot, after] = [&w[0], &w[1], &w[2]];
        if dot.ch != '·' || dot.size != size || !(before.vertical && after.vertical) {
            continue;
        }
        checked += 1;
        let apart = after.cell[1] - before.cell[3];
        assert!(
            (apart - size).abs() <= 0.05 * size,
            "p{}: {}·{} {apart:.2} pt apart in a {size} pt head",
            dot.page,
            before.ch,
            after.ch
        );
        let ink = dot.ink.unwrap();
        let off = (ink[1] + ink[3]) / 2.0 - (before.cell[3] + after.cell[1]) / 2.0;
        assert!(
            off.abs() <= 0.05 * size,
            "p{}: the · {off:+.2} pt off its cell's middle",
            dot.page
        );
    }
    assert!(checked >= 4, "only {checked} heads with an interpunct");
}
