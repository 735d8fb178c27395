//! Ruby (issue 25, items 1 and 2): `{汉字|hàn zì}`, `{汉|hàn}` and raw `<ruby>` in Markdown, written
//! by every format — `<ruby>` with `<rp>`/`<rt>` in the HTML and the EPUB (Nu and EPUBCheck
//! clean), `w:ruby` in the DOCX (shown by LibreOffice), and in the PDF the reading drawn over
//! its base while the page's text copies as the base alone, in order.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A poem with mono ruby, group ruby, raw ruby, ruby in a table cell and one wrong count.
const POEM_MD: &str = "---\ntitle: 注音\n---\n\n# 静夜思\n\n\
{床|chuáng}{前|qián}明月光，疑是{地上|dì shàng}霜。\n\n\
举头望明月，低头思{故乡|gù xiāng}。<ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字。\n\n\
| 字 | 读音 |\n|---|---|\n| {重\\|zhòng} | {重要\\|zhòng yào} |\n\n\
{长城|chángchéng}很长。\n";

/// The base text of the poem's body, in reading order.
const BASES: [&str; 4] = [
    "床前明月光，疑是地上霜。",
    "举头望明月，低头思故乡。汉字。",
    "重要",
    "长城很长。",
];

fn poem(dir: &Path) -> PathBuf {
    let md = dir.join("poem.md");
    std::fs::write(&md, POEM_MD).unwrap();
    md
}

/// Converts the poem to `format`; returns the output and the warnings printed.
fn convert(dir: &Path, format: &str) -> (PathBuf, String) {
    let out = dir.join(format!("poem.{format}"));
    let run = common::run_ok(
        common::cjkpress()
            .arg("convert")
            .arg(poem(dir))
            .arg("-o")
            .arg(&out)
            .arg("--no-system-fonts"),
    );
    (out, String::from_utf8_lossy(&run.stderr).into_owned())
}

#[test]
fn html_has_ruby_elements_and_nu_finds_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let (out, warnings) = convert(dir.path(), "html");
    let page = std::fs::read_to_string(&out).unwrap();
    for want in [
        "<ruby>床<rp>(</rp><rt>chuáng</rt><rp>)</rp></ruby><ruby>前<rp>(</rp><rt>qián</rt><rp>)</rp></ruby>",
        // A group whose syllables map onto its characters: one element, a pair per character.
        "<ruby>地<rp>(</rp><rt>dì</rt><rp>)</rp>上<rp>(</rp><rt>shàng</rt><rp>)</rp></ruby>",
        "<ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字",
        "<ruby>重<rp>(</rp><rt>zhòng</rt><rp>)</rp>要<rp>(</rp><rt>yào</rt><rp>)</rp></ruby>",
        // A wrong count: the reading over the whole word.
        "<ruby>长城<rp>(</rp><rt>chángchéng</rt><rp>)</rp></ruby>很长",
    ] {
        assert!(page.contains(want), "{want} in:\n{page}");
    }
    assert!(
        !page.contains("{床") && !page.contains("&lt;ruby"),
        "{page}"
    );
    // The wrong count is a warning naming its line and column.
    assert!(
        warnings.contains("line 15, column 1: ruby has 1 syllables over 2 characters"),
        "{warnings}"
    );
    let jar = common::vnu_jar();
    if !common::available(
        "the Nu HTML Checker (npm vnu-jar) and java",
        jar.is_some() && common::have("java"),
    ) {
        return;
    }
    let check = Command::new("java")
        .arg("-jar")
        .arg(jar.unwrap())
        .arg("--errors-only")
        .arg(&out)
        .output()
        .expect("java starts");
    assert!(
        check.status.success(),
        "Nu HTML Checker:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn epub_has_ruby_elements_and_epubcheck_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = convert(dir.path(), "epub");
    let files = common::unzip(&out);
    let body: String = files
        .iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(_, data)| String::from_utf8_lossy(data).into_owned())
        .collect();
    assert!(
        body.contains("<ruby>床<rp>(</rp><rt>chuáng</rt><rp>)</rp></ruby>"),
        "{body}"
    );
    if let Some(report) = common::epubcheck(&out) {
        report.expect("EPUBCheck finds nothing");
    }
}

#[test]
fn docx_has_word_ruby_and_libreoffice_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = convert(dir.path(), "docx");
    let files = common::unzip(&out);
    let xml = String::from_utf8_lossy(&files["word/document.xml"]).into_owned();
    // As Word's 拼音指南 writes it (ECMA-376 Part 1, §17.3.3.25): 小四 base, reading at half.
    let ruby = "<w:ruby><w:rubyPr><w:rubyAlign w:val=\"center\"/><w:hps w:val=\"12\"/>\
                <w:hpsRaise w:val=\"22\"/><w:hpsBaseText w:val=\"24\"/><w:lid w:val=\"zh-CN\"/>\
                </w:rubyPr><w:rt><w:r><w:rPr><w:sz w:val=\"12\"/><w:szCs w:val=\"12\"/></w:rPr>\
                <w:t>chuáng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>床</w:t></w:r></w:rubyBase>\
                </w:ruby>";
    assert!(xml.contains(ruby), "{xml}");
    assert_eq!(
        xml.matches("<w:ruby>").count(),
        11,
        "one per character, one per wrong count"
    );
    assert!(
        xml.contains("w:lineRule=\"atLeast\""),
        "a line with ruby may grow"
    );
    if !common::tools(&["soffice", "pdftotext"]) {
        return;
    }
    let pdf = common::libreoffice(&out, dir.path(), "pdf");
    let text = common::output(Command::new("pdftotext").arg(&pdf).arg("-"));
    for reading in ["chuáng", "dì shàng", "hàn", "zhòng", "chángchéng"] {
        assert!(
            text.contains(reading),
            "{reading} shown by LibreOffice:\n{text}"
        );
    }
}

#[test]
fn pdf_text_is_the_base_text_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (out, warnings) = convert(dir.path(), "pdf");
    // The reading is drawn over its base (issue 25, item 1): nothing to warn about.
    assert!(!warnings.contains("not drawn"), "{warnings}");
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let text = common::output(Command::new("pdftotext").arg(&out).arg("-"));
    let squashed = common::squash(&text);
    let mut from = 0;
    for base in BASES {
        let at = squashed[from..]
            .find(base)
            .unwrap_or_else(|| panic!("{base} after byte {from} in:\n{text}"));
        from += at + base.len();
    }
    for markup in ["{", "|", "<ruby", "rt>"] {
        assert!(!text.contains(markup), "{markup} printed:\n{text}");
    }
}
