//! The book preset's DOCX as Word and LibreOffice paginate it: LibreOffice converts it to PDF
//! (with the blank pages it inserts kept), and the pages must be placed and numbered as in our
//! own PDF — the title page without a number, the contents numbered in lower-case roman, the
//! body from 1, every chapter on a right-hand (odd) sheet, and the contents' numbers those the
//! chapters' pages print.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::*;

/// Each sheet's non-empty lines, trimmed, as pdftotext reads them.
fn sheets(pdf: &Path) -> Vec<Vec<String>> {
    let text = output(Command::new("pdftotext").arg("-layout").arg(pdf).arg("-"));
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        })
        .collect();
    // The text ends with a form feed.
    if pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "ivxlcdm".contains(c))
}

/// The contents' entries: (title, number) from each `学而篇......1` (LibreOffice: dot leaders
/// as text) or `学而篇    1` (our PDF: drawn leaders) line after 目录.
fn contents(sheets: &[Vec<String>]) -> Vec<(String, String)> {
    sheets
        .iter()
        .flatten()
        .skip_while(|l| !l.contains("目录"))
        .skip(1)
        .map_while(|l| {
            let head = l.trim_end_matches(|c: char| c.is_ascii_digit());
            let number = &l[head.len()..];
            let title = head.trim_end_matches(['.', ' ', '…']);
            (!number.is_empty() && !title.is_empty() && title.len() < head.len())
                .then(|| (title.to_string(), number.to_string()))
        })
        .collect()
}

/// The level-1 headings of a Markdown file: the chapters.
fn chapters(md: &Path) -> Vec<String> {
    std::fs::read_to_string(md)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
        .collect()
}

/// 论语 as a book: its DOCX through LibreOffice, and our own PDF.
fn book() -> (tempfile::TempDir, Vec<Vec<String>>, Vec<Vec<String>>) {
    let work = tempfile::tempdir().unwrap();
    let lunyu = &samples()[0];
    let (_d, docx) = convert(lunyu, "docx", &["--preset", "book"]);
    let (_p, pdf) = convert(lunyu, "pdf", &["--preset", "book"]);
    let lo = sheets(&common::libreoffice(
        &docx,
        work.path(),
        // Keeping the blank pages LibreOffice inserts before a section that starts on an odd
        // page (its PDF export skips them by default).
        r#"pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}"#,
    ));
    let ours = sheets(&pdf);
    (work, lo, ours)
}

// The front matter and each chapter are sections of their own (ECMA-376 Part 1, §17.6.17):
// lower-roman numbers, then decimal from 1, chapters of type `oddPage`.
#[test]
fn book_chapters_start_on_odd_sheets_after_roman_front_matter() {
    if !tools(&["soffice", "pdftotext"]) {
        return;
    }
    let (_work, lo, _ours) = book();
    let chapters = chapters(&samples()[0]);
    assert_eq!(chapters.len(), 20);
    // Sheet (1-based) of each chapter's first page.
    let mut at = BTreeMap::new();
    for (i, page) in lo.iter().enumerate() {
        if let Some(first) = page.first().filter(|f| chapters.contains(f)) {
            at.entry(first.clone()).or_insert(i + 1);
        }
    }
    for c in &chapters {
        let sheet = at.get(c).copied();
        assert!(
            sheet.is_some_and(|s| s % 2 == 1),
            "{c} starts on sheet {sheet:?}, not a right-hand page"
        );
    }
    // The title page has no number; the contents is ii.
    let title = &lo[0];
    assert_eq!(title.first().map(String::as_str), Some("论语"));
    assert!(
        title
            .iter()
            .all(|l| !is_roman(l) && l.parse::<u32>().is_err()),
        "the title page carries a number: {title:?}"
    );
    let first_body = at[&chapters[0]];
    for page in &lo[1..first_body - 1] {
        if let Some(last) = page.last() {
            assert!(is_roman(last), "front matter page numbered {last:?}");
        }
    }
    assert_eq!(lo[1].last().map(String::as_str), Some("ii"));
    // The body counts from 1 on its first page, on through the blank pages, which show
    // nothing.
    for (k, page) in lo[first_body - 1..].iter().enumerate() {
        if let Some(last) = page.last() {
            assert_eq!(last, &(k + 1).to_string(), "sheet {}", first_body + k);
        }
    }
}

// The contents' pre-filled PAGEREF results come from the PDF's layout with its labels: what
// LibreOffice shows (it does not update fields) is what it prints on those pages, and what
// our own PDF's contents says.
#[test]
fn book_contents_numbers_are_the_printed_numbers_in_libreoffice_and_the_pdf() {
    if !tools(&["soffice", "pdftotext"]) {
        return;
    }
    let (_work, lo, ours) = book();
    let entries = contents(&lo);
    assert_eq!(entries.len(), 20, "{entries:?}");
    assert_eq!(
        entries,
        contents(&ours),
        "the DOCX's contents and the PDF's"
    );
    // LibreOffice breaks lines a little differently from our layout (it pushes no punctuation
    // in), so a long chapter can run a page further there: of 论语's 20 chapters it sets the
    // last two pages later than the contents says (诗经's 335 poems: 29 off; measured with the
    // chapter headings spaced as the plan says in both).
    let off: Vec<_> = entries
        .iter()
        .filter(|(title, number)| {
            let page = lo
                .iter()
                .find(|p| p.first() == Some(title))
                .unwrap_or_else(|| panic!("{title} not found at a page's top"));
            page.last() != Some(number)
        })
        .collect();
    assert!(
        off.len() <= 1,
        "LibreOffice prints other numbers for {off:?}"
    );
}
