//! The elements of an official document (GB/T 9704-2012 §7) in all four formats: every element
//! of the model, and the title, is in the PDF (pdftotext), the DOCX (its XML's text), the EPUB
//! and the HTML (their XHTML's text), in the model's reading order — placed as the standard
//! places them with the gongwen preset, as paragraphs with any other. No format may drop one
//! (issue 20: the EPUB dropped the issuer mark, the number, the recipients, the signer and the
//! colophon without a word).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use cjkpress::model::{Block, Document, plain_text};
use cjkpress::{Options, read_file};
use common::squash;

/// The model's official elements, with the title among them where it stands (after the 版头),
/// as (name, text without spaces).
fn elements(doc: &Document) -> Vec<(String, String)> {
    let official = |b: &Block| match b {
        Block::Official { kind, inlines, .. } => {
            Some((kind.name().to_string(), squash(&plain_text(inlines))))
        }
        _ => None,
    };
    let (head, body) = doc.blocks.split_at(doc.before_title());
    let mut out: Vec<(String, String)> = head.iter().filter_map(official).collect();
    out.push(("title".to_string(), squash(&doc.meta.title)));
    out.extend(body.iter().filter_map(official));
    out
}

/// The text of markup from its `<body>` on: tags dropped, the predefined and numeric character
/// references resolved, no spaces.
fn markup_text(markup: &str) -> String {
    let body = markup.find("<body").map_or(markup, |i| &markup[i..]);
    let mut text = String::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = rest[open..]
            .find('>')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    text.push_str(rest);
    let text = quick_xml::escape::unescape(&text).expect("well-escaped text");
    squash(&text)
}

/// The text of a DOCX's body, as its XML runs hold it.
fn docx_text(docx: &Path) -> String {
    let parts = common::unzip(docx);
    markup_text(&String::from_utf8_lossy(&parts["word/document.xml"]))
}

/// The text of an EPUB's content documents in spine order (the navigation document left out).
fn epub_text(epub: &Path) -> String {
    let parts = common::unzip(epub);
    let opf = String::from_utf8_lossy(&parts["OEBPS/content.opf"]).into_owned();
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..at + tag[at..].find('"')?].to_string())
    };
    let tags: Vec<&str> = opf.split('<').collect();
    let href = |id: &str| {
        tags.iter()
            .filter(|t| t.starts_with("item "))
            .find(|t| attr(t, "id").as_deref() == Some(id))
            .filter(|t| !attr(t, "properties").is_some_and(|p| p.contains("nav")))
            .and_then(|t| attr(t, "href"))
    };
    tags.iter()
        .filter(|t| t.starts_with("itemref "))
        .filter_map(|t| href(&attr(t, "idref")?))
        .map(|h| markup_text(&String::from_utf8_lossy(&parts[&format!("OEBPS/{h}")])))
        .collect()
}

/// Asserts that `text` holds every element, in order.
#[track_caller]
fn assert_in_order(text: &str, elements: &[(String, String)], what: &str) {
    let mut at = 0;
    for (name, element) in elements {
        match text[at..].find(element.as_str()) {
            Some(found) => at += found + element.len(),
            None => panic!(
                "{what}: the {name} `{element}` is not there after byte {at} (in its place in the \
                 reading order); the text from there: {}",
                text[at..].chars().take(200).collect::<String>()
            ),
        }
    }
}

/// Builds `input` in all four formats with `preset` and checks each against the model.
fn check(input: &Path, preset: &str) {
    let doc = read_file(input, &Options::default()).expect("reads").value;
    let elements = elements(&doc);
    assert!(
        elements.len() >= 12,
        "{}: the model has too few elements: {elements:?}",
        input.display()
    );
    let dir = tempfile::tempdir().unwrap();
    common::run_ok(
        common::cjkpress()
            .arg("build")
            .arg(input)
            .arg("-o")
            .arg(dir.path())
            .args(["--preset", preset, "--no-system-fonts", "-q"]),
    );
    let stem = input.file_stem().unwrap().to_string_lossy().into_owned();
    let out = |ext: &str| dir.path().join(format!("{stem}.{ext}"));
    let what = |format: &str| format!("{} ({preset}) {format}", input.display());
    let html = fs::read_to_string(out("html")).unwrap();
    assert_in_order(&markup_text(&html), &elements, &what("HTML"));
    assert_in_order(&epub_text(&out("epub")), &elements, &what("EPUB"));
    assert_in_order(&docx_text(&out("docx")), &elements, &what("DOCX"));
    if common::tools(&["pdftotext"]) {
        let text = common::output(
            std::process::Command::new("pdftotext")
                .arg(out("pdf"))
                .arg("-"),
        );
        assert_in_order(&squash(&text), &elements, &what("PDF"));
    }
}

/// A document sent upward (§7.2.6): with 签发人, and every other element the front matter takes.
fn upward(dir: &Path) -> PathBuf {
    let path = dir.join("upward.md");
    fs::write(
        &path,
        "---\ncopy_number: 7\nsecrecy: 秘密★1年\nurgency: 特急\nissuer: 青川市人民政府\n\
         number: 青政报[2026]4号\nsigners: [张三, 李四]\ntitle: 青川市人民政府关于冬季供暖情况的报告\n\
         recipients: 省人民政府\nattachments: [供暖情况统计表]\nsignature: 青川市人民政府\n\
         date: 2026-12-03\nnote: 联系人：王明\ncc: [省发展改革委]\nprinter: 青川市人民政府办公室\n\
         print_date: 2026-12-04\n---\n\n现将我市冬季供暖情况报告如下。\n\n# 附件\n\n\
         # 供暖情况统计表\n\n统计表的内容。\n",
    )
    .unwrap();
    path
}

#[test]
fn every_format_carries_every_element_of_the_typed_notice() {
    let typed = common::root().join("tests/data/typed-notice.txt");
    check(&typed, "gongwen");
    check(&typed, "handout");
}

#[test]
fn every_format_carries_every_element_of_the_markdown_notice() {
    let notice = common::root().join("source/notice.md");
    check(&notice, "gongwen");
    check(&notice, "handout");
}

#[test]
fn every_format_carries_every_element_of_a_document_sent_upward() {
    let dir = tempfile::tempdir().unwrap();
    let input = upward(dir.path());
    let doc = read_file(&input, &Options::default()).unwrap().value;
    let names: Vec<String> = elements(&doc).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "copy-number",
            "secrecy",
            "urgency",
            "issuer",
            "number",
            "signers",
            "title",
            "recipients",
            "attachment",
            "signature",
            "date",
            "note",
            "cc",
            "printer",
            "print-date"
        ]
    );
    check(&input, "gongwen");
    check(&input, "book");
}

/// The typed notice's model as `cjkpress dump` prints it, against its golden copy
/// (`UPDATE_GOLDEN=1` rewrites the copy): the elements' kinds, texts and places are the model's
/// contract with every writer.
#[test]
fn the_typed_notice_s_model_matches_its_golden_dump() {
    let typed = common::root().join("tests/data/typed-notice.txt");
    let golden = common::root().join("tests/data/typed-notice.dump.json");
    let out = common::run_ok(common::cjkpress().arg("dump").arg(&typed));
    let dump = String::from_utf8(out.stdout).unwrap();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&golden, &dump).unwrap();
    }
    let want = fs::read_to_string(&golden).expect("the golden dump (UPDATE_GOLDEN=1 writes it)");
    common::assert_same_text(&dump, &want, "typed-notice dump");
}
