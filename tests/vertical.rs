//! `--vertical` in the PDF (issue 26, item 2): 古文觀止 as a vertical book, read back with
//! poppler — the text reads column by column, right to left; no column starts with a closing
//! mark or ends with an opening one; the book is bound on the right; Latin is turned and still
//! copies in its place; horizontal files carry none of it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

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
