//! Code in every format: set in the bundled monospace (DejaVu Sans Mono) with its CJK in the
//! serif, copied back exactly from the PDF; a document without code embeds no monospace.

mod common;

use common::{output, tools, unzip};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{convert, seed};

/// The code block of the test document, line by line: indentation, a run of two spaces inside
/// a line, punctuation that a proportional face spreads apart, CJK at two columns, tabs, an
/// empty line and a line too long for the measure, which the layout wraps.
const CODE: [&str; 10] = [
    "fn main() {",
    "    let x = 42;",
    "\tprintln!(\"{}\",\tx);",
    "",
    "    let 名字 = \"张三\";",
    "        if x > 0 {  return; }",
    "    let total = some_function_with_a_rather_long_name(first_argument, second_argument) + another_function_call(argument_one, argument_two);",
    "    // 注释，全角标点。",
    "",
    "}",
];

/// A Markdown file with a heading, a paragraph, the code block and inline code.
fn markdown(dir: &Path) -> PathBuf {
    let path = dir.join("code.md");
    let text = format!(
        "# 代码示例\n\n下面是一段 Rust 代码：\n\n```rust\n{}\n```\n\n行内代码 `println!(\"{{}}\")` 也用等宽字体。\n",
        CODE.join("\n")
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// `pdftotext` in one of its modes.
fn pdftotext(pdf: &Path, mode: Option<&str>) -> String {
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-enc", "UTF-8"]).args(mode).arg(pdf).arg("-");
    output(&mut cmd)
}

/// The lines of `text` from the one that reads `fn main() {`, as many as the code has.
fn code_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == CODE[0])
        .unwrap_or_else(|| panic!("no `{}` line in:\n{text}", CODE[0]));
    lines[start..]
        .iter()
        .take(CODE.len())
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn pdffonts(pdf: &Path) -> Vec<String> {
    output(Command::new("pdffonts").arg(pdf))
        .lines()
        .skip(2)
        .map(str::to_string)
        .collect()
}

fn utf8(entries: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(entries[name].clone()).unwrap()
}

/// The `<w:font>` element of a family in `word/fontTable.xml`.
fn font_entry<'a>(table: &'a str, family: &str) -> Option<&'a str> {
    let start = table.find(&format!("<w:font w:name=\"{family}\""))?;
    let len = table[start..].find("</w:font>")?;
    Some(&table[start..start + len])
}

#[test]
fn pdf_code_copies_back_exactly_in_the_monospace() {
    if !tools(&["pdftotext", "pdffonts"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_out, pdf) = convert(&markdown(dir.path()), "pdf", &[]);
    // Reading order (`-raw`) and the default mode take the text as a viewer copies it: each
    // line exactly, leading spaces and tabs included, the empty lines kept and the wrapped
    // line whole.
    for mode in [Some("-raw"), None] {
        let got = code_lines(&pdftotext(&pdf, mode));
        assert_eq!(got, CODE, "pdftotext {mode:?}");
    }
    // `-layout` rebuilds the page's geometry, blank lines from the gaps between lines included:
    // the code's lines that have text, each whole, and the block's own left edge is not part
    // of the code.
    let text = pdftotext(&pdf, Some("-layout"));
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == CODE[0])
        .unwrap_or_else(|| panic!("no `{}` line in:\n{text}", CODE[0]));
    let want: Vec<&str> = CODE.iter().copied().filter(|l| !l.is_empty()).collect();
    let got = &lines[start..start + want.len()];
    let edge = got[0].len() - got[0].trim_start().len();
    let dedented: Vec<&str> = got
        .iter()
        .map(|l| {
            assert!(l[..edge].trim().is_empty(), "left of the block: {l:?}");
            l[edge..].trim_end()
        })
        .collect();
    assert_eq!(dedented, want, "pdftotext -layout");

    let fonts = pdffonts(&pdf);
    let mono = fonts
        .iter()
        .find(|row| {
            row.split_whitespace()
                .next()
                .is_some_and(|n| n.ends_with("+DejaVuSansMono"))
        })
        .unwrap_or_else(|| panic!("no DejaVu Sans Mono subset:\n{}", fonts.join("\n")));
    let cols: Vec<&str> = mono.split_whitespace().collect();
    let n = cols.len();
    assert_eq!(
        cols[n - 5..n - 2],
        ["yes", "yes", "yes"],
        "embedded, subset, ToUnicode: {mono}"
    );
    // The CJK of the code comes from the serif.
    assert!(
        fonts.iter().any(|r| r.contains("+NotoSerifSC-Regular")),
        "{fonts:?}"
    );
}

#[test]
fn docx_embeds_the_monospace_and_names_the_serif_for_cjk_in_code() {
    let dir = tempfile::tempdir().unwrap();
    let (_out, docx) = convert(&markdown(dir.path()), "docx", &[]);
    let parts = unzip(&docx);
    let table = utf8(&parts, "word/fontTable.xml");
    let mono = font_entry(&table, "DejaVu Sans Mono")
        .unwrap_or_else(|| panic!("no DejaVu Sans Mono in the font table:\n{table}"));
    assert!(mono.contains("<w:embedRegular "), "{mono}");
    // Where the face is missing, Word substitutes a fixed-pitch one (ECMA-376 §17.8.3.9, .13).
    assert!(
        mono.contains("<w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/>"),
        "{mono}"
    );
    let serif = font_entry(&table, "Noto Serif SC").unwrap();
    assert!(serif.contains("<w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/>"));
    // Obfuscation covers only the first 32 bytes: the subset's name table is readable.
    let name: Vec<u8> = "DejaVu Sans Mono"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert!(
        parts
            .iter()
            .any(|(p, d)| p.starts_with("word/fonts/") && d.windows(name.len()).any(|w| w == name)),
        "no embedded part is DejaVu Sans Mono"
    );
    let styles = utf8(&parts, "word/styles.xml");
    let code = &styles[styles
        .find("w:styleId=\"SourceCode\"")
        .expect("a code style")..];
    let fonts = &code[code.find("<w:rFonts ").unwrap()..];
    let fonts = &fonts[..fonts.find("/>").unwrap()];
    assert!(
        fonts.contains("w:ascii=\"DejaVu Sans Mono\"")
            && fonts.contains("w:eastAsia=\"Noto Serif SC\""),
        "{fonts}"
    );
}

#[test]
fn html_and_epub_stack_the_monospace_before_the_serif() {
    let dir = tempfile::tempdir().unwrap();
    let md = markdown(dir.path());
    let (_h, html) = convert(&md, "html", &[]);
    let (_e, epub) = convert(&md, "epub", &[]);
    let epub = unzip(&epub);
    let css = utf8(&epub, "OEBPS/stylesheet.css");
    for (what, css) in [
        ("html", std::fs::read_to_string(&html).unwrap()),
        ("epub", css),
    ] {
        assert!(
            css.contains(
                "@font-face { font-family: \"DejaVu Sans Mono Regular\"; font-weight: 400;"
            ),
            "{what}: no @font-face for the monospace"
        );
        assert!(
            css.contains(
                "code, pre { font-family: \"DejaVu Sans Mono Regular\", \"Noto Serif SC Regular\","
            ),
            "{what}: code is not set in the monospace, then the serif"
        );
    }
    assert!(
        epub.contains_key("OEBPS/fonts/DejaVuSansMono.ttf"),
        "{:?}",
        epub.keys()
    );
}

#[test]
fn a_document_without_code_embeds_no_monospace() {
    let seed = seed();
    let (_h, html) = convert(&seed, "html", &[]);
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(!html.contains("DejaVu"), "html names DejaVu");
    let (_e, epub) = convert(&seed, "epub", &[]);
    for (name, data) in unzip(&epub) {
        assert!(!name.contains("DejaVu"), "epub carries {name}");
        if name.ends_with(".css") {
            assert!(
                !String::from_utf8_lossy(&data).contains("DejaVu"),
                "epub {name}"
            );
        }
    }
    let (_d, docx) = convert(&seed, "docx", &[]);
    let parts = unzip(&docx);
    let table = utf8(&parts, "word/fontTable.xml");
    assert!(font_entry(&table, "DejaVu Sans Mono").is_none(), "{table}");
    assert!(!utf8(&parts, "word/styles.xml").contains("DejaVu"));
    if tools(&["pdffonts"]) {
        let (_p, pdf) = convert(&seed, "pdf", &[]);
        let fonts = pdffonts(&pdf);
        assert!(!fonts.iter().any(|r| r.contains("DejaVu")), "{fonts:?}");
    }
}

#[test]
fn a_code_line_with_a_character_no_face_covers_copies_back_whole() {
    // Found by the fuzz harness (`\t!🌀`): the missing glyph's own ActualText inside the line's
    // ActualText made poppler keep only the 🌀.
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("box.md");
    std::fs::write(&path, "```\nfn main() {\nlet x = \"!🌀\";\n}\n```\n").unwrap();
    let (_out, pdf) = convert(&path, "pdf", &[]);
    let text = pdftotext(&pdf, Some("-raw"));
    assert!(text.contains("let x = \"!🌀\";"), "{text}");
}
