//! Books from many files (issue 23, "Must show"): `cjkpress ch1.md ch2.md ch3.txt -o book.epub`
//! (and .pdf, .docx, .html) makes one document, each file a chapter, with one contents, notes
//! numbered on through the book and ids kept apart.

mod common;

use std::fs;
use std::path::Path;

use common::cjkpress;

/// Three chapters: one headed by its first heading, one by its front-matter title, one plain
/// text headed by its first line. The first two both have a note `[^1]` and a heading `引言`;
/// the first links to a heading of the second.
fn chapters(dir: &Path) {
    fs::write(
        dir.join("ch1.md"),
        "# 引言\n\n甲章正文。[^1]见[下一章的引言](ch2.md#引言)。\n\n[^1]: 甲章之注。\n",
    )
    .unwrap();
    fs::write(
        dir.join("ch2.md"),
        "---\ntitle: 乙章\n---\n\n# 引言\n\n乙章正文。[^1]\n\n[^1]: 乙章之注。\n",
    )
    .unwrap();
    fs::write(
        dir.join("ch3.txt"),
        "丙章\n\n丙章的正文很长，写了三句话。这是第二句话，没有标题的样子。这是第三句话，到此为止。\n",
    )
    .unwrap();
}

fn book(dir: &Path, format: &str) -> std::path::PathBuf {
    let out = dir.join(format!("book.{format}"));
    common::run_ok(
        cjkpress()
            .current_dir(dir)
            .args(["ch1.md", "ch2.md", "ch3.txt", "-o"])
            .arg(&out)
            .args(["--no-system-fonts", "-M", "title=三章书"]),
    );
    out
}

/// The `href`s of the one element that starts with `open` (a contents), in order.
fn links_in(xml: &str, open: &str) -> Vec<String> {
    assert_eq!(xml.matches(open).count(), 1, "one contents: {xml}");
    let start = xml.find(open).unwrap();
    let end = start + xml[start..].find("</nav>").unwrap();
    xml[start..end]
        .split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn three_files_make_one_epub_with_one_contents() {
    let dir = tempfile::tempdir().unwrap();
    chapters(dir.path());
    let epub = book(dir.path(), "epub");
    let parts = common::unzip(&epub);
    let nav = String::from_utf8(parts["OEBPS/nav.xhtml"].clone()).unwrap();
    let toc = links_in(&nav, "<nav epub:type=\"toc\"");
    for title in ["引言", "乙章", "丙章"] {
        assert!(nav.contains(&format!(">{title}</a>")), "{title}: {nav}");
    }
    assert!(toc.iter().any(|h| h.ends_with("#ch2-引言")), "{toc:?}");
    let body: String = parts
        .iter()
        .filter(|(name, _)| name.ends_with(".xhtml") && name.contains("/ch"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    // Both chapters' `[^1]`: two notes, numbered 1 and 2.
    assert!(
        body.contains("甲章之注") && body.contains("乙章之注"),
        "{body}"
    );
    assert!(
        body.contains("ch2-引言\""),
        "the second 引言 keeps its own id"
    );
    if let Some(report) = common::epubcheck(&epub) {
        report.expect("EPUBCheck clean");
    }
}

#[test]
fn three_files_make_one_html_page_with_one_contents() {
    let dir = tempfile::tempdir().unwrap();
    chapters(dir.path());
    let html = fs::read_to_string(book(dir.path(), "html")).unwrap();
    let toc = links_in(&html, "<nav class=\"toc\"");
    assert_eq!(
        toc,
        ["#ch1-引言", "#ch2", "#ch2-引言", "#ch3"],
        "the three chapters, and the second's section"
    );
    // The link to the other file's heading now leads to it within the book.
    assert!(
        html.contains("href=\"#ch2-引言\">下一章的引言</a>"),
        "{html}"
    );
    let notes: Vec<&str> = html.matches("id=\"fn_").collect();
    assert_eq!(notes.len(), 2, "two notes apart: {html}");
    assert!(html.contains("id=\"fn_1\"") && html.contains("id=\"fn_2\""));
}

#[test]
fn three_files_make_one_pdf_with_one_contents() {
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    chapters(dir.path());
    let pdf = book(dir.path(), "pdf");
    let text = common::output(std::process::Command::new("pdftotext").arg(&pdf).arg("-"));
    assert_eq!(text.matches("目录").count(), 1, "one contents: {text}");
    let contents = &text[text.find("目录").unwrap()..text.find("甲章正文").unwrap()];
    for title in ["引言", "乙章", "丙章"] {
        assert!(
            contents.contains(title),
            "{title} in the contents: {contents}"
        );
    }
    // Notes numbered on through the book: the second chapter's `[^1]` is note 2.
    let squashed = common::squash(&text);
    assert!(squashed.contains("1甲章之注"), "{squashed}");
    assert!(squashed.contains("2乙章之注"), "{squashed}");
}

#[test]
fn three_files_make_one_docx_with_one_contents() {
    let dir = tempfile::tempdir().unwrap();
    chapters(dir.path());
    let docx = book(dir.path(), "docx");
    let parts = common::unzip(&docx);
    let body = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert_eq!(body.matches("TOC \\o").count(), 1, "one contents field");
    let chapters: Vec<usize> = ["引言", "乙章", "丙章"]
        .iter()
        .map(|t| {
            body.find(&format!(">{t}<"))
                .unwrap_or_else(|| panic!("{t}"))
        })
        .collect();
    assert!(chapters.is_sorted(), "in order: {chapters:?}");
    let notes = String::from_utf8(parts["word/footnotes.xml"].clone()).unwrap();
    assert!(notes.contains("甲章之注") && notes.contains("乙章之注"));
}

#[test]
fn a_folder_lists_its_chapters_in_its_settings() {
    let dir = tempfile::tempdir().unwrap();
    chapters(dir.path());
    fs::write(
        dir.path().join("cjkpress.toml"),
        "files = [\"ch3.txt\", \"ch1.md\"]\n",
    )
    .unwrap();
    let out = dir.path().join("book.html");
    common::run_ok(
        cjkpress()
            .arg(dir.path())
            .arg("-o")
            .arg(&out)
            .arg("--no-system-fonts"),
    );
    let html = fs::read_to_string(&out).unwrap();
    assert_eq!(links_in(&html, "<nav class=\"toc\""), ["#ch1", "#ch2-引言"]);
    assert!(!html.contains("乙章"), "only the files listed");
}

#[test]
fn a_chapter_that_cannot_be_read_is_named() {
    let dir = tempfile::tempdir().unwrap();
    chapters(dir.path());
    let out = cjkpress()
        .current_dir(dir.path())
        .args([
            "ch1.md",
            "missing.md",
            "-o",
            "book.pdf",
            "--no-system-fonts",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: book.pdf: missing.md: cannot read"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!dir.path().join("book.pdf").exists());
}
