//! DOCX output checked by other programs: python-docx reads the paragraphs and their styles back,
//! LibreOffice converts the file to PDF on a machine without any CJK font and the PDF shows the
//! embedded Noto Serif SC, and every part of the zip is well-formed XML.

mod common;

use common::unzip;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use cjkpress::model::{Block, Document, Inline};
use cjkpress::{Options, read_file};
use common::*;

/// A Markdown source using every construct the DOCX writer has a style for.
const RICH: &str = "---
title: 学习笔记
author: 编者
lang: zh-Hans
---

# 第一章 总论

同志们：

正文段落，含**重点**、*着重*、~~删除~~、`代码`和[链接](https://example.com/a?b=1&c=2)。\
第二行在硬换行之后。见[第二章](#第二章-分论)。脚注在此[^1]。

> 引文段落一。
>
> 引文段落二。

1. 第一项
2. 第二项
   - 子项甲
   - 子项乙
3. 第三项

- [ ] 待办
- [x] 已办

| 项目 | 数量 |
|:-----|-----:|
| 甲   | 1    |
| 乙   | 22   |

```
fn main() {
    println!(\"你好\");
}
```

![红色方块](red.png)

---

## 第二章 分论

### 一节

#### 一小节

结尾段落。

[^1]: 脚注内容，带[出处](https://example.org)。
";

/// The text of inlines as Word shows it: no footnote numbers, no image alt text.
fn inline_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) | Inline::Html(t) => out.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => inline_text(c, out),
            Inline::Link { inlines, .. } => inline_text(inlines, out),
            Inline::LineBreak => out.push('\n'),
            Inline::Ruby { base, .. } => out.push_str(base),
            Inline::Image { .. } | Inline::NoteRef { .. } => {}
        }
    }
}

fn text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    inline_text(inlines, &mut s);
    s
}

/// The body paragraphs the model should become, as (style or `None`, text); table cells and
/// footnotes are not body paragraphs to python-docx.
fn expected(doc: &Document) -> Vec<(Option<String>, String)> {
    fn blocks(bs: &[Block], out: &mut Vec<(Option<String>, String)>) {
        for b in bs {
            match b {
                Block::Heading { level, inlines, .. } => {
                    out.push((Some(format!("Heading {level}")), text(inlines)))
                }
                Block::RunIn {
                    heading, inlines, ..
                } => out.push((Some("Body Text".into()), text(heading) + &text(inlines))),
                Block::Paragraph { inlines }
                | Block::Salutation { inlines }
                | Block::Official { inlines, .. } => out.push((None, text(inlines))),
                Block::BlockQuote { blocks: inner, .. } => blocks(inner, out),
                Block::List { items, .. } => {
                    for item in items {
                        blocks(&item.blocks, out)
                    }
                }
                Block::Table { .. } => {}
                Block::CodeBlock { text, .. } => {
                    out.push((None, text.trim_end_matches('\n').to_string()))
                }
                Block::Html { text } => out.push((None, text.trim_end_matches('\n').to_string())),
                Block::ThematicBreak => out.push((None, String::new())),
            }
        }
    }
    let mut out = Vec::new();
    // An official document's 版头 stands before the title.
    let (head, body) = doc.blocks.split_at(doc.before_title());
    blocks(head, &mut out);
    if !doc.meta.title.is_empty() {
        out.push((Some("Title".into()), doc.meta.title.clone()));
    }
    if let Some(sub) = &doc.meta.subtitle {
        out.push((Some("Subtitle".into()), sub.clone()));
    }
    // The byline under the title, as the other formats have it. See: issue 12, item 7.
    let byline: Vec<&str> = doc
        .meta
        .authors
        .iter()
        .chain(doc.meta.date.iter().filter(|_| !doc.dates_itself()))
        .map(String::as_str)
        .collect();
    if !byline.is_empty() {
        out.push((Some("Byline".into()), byline.join("\u{3000}")));
    }
    blocks(body, &mut out);
    out
}

/// (style name, text) of every body paragraph, as python-docx reads them.
fn python_docx_paragraphs(docx: &Path) -> Option<Vec<(String, String)>> {
    let script = "import docx, json, sys\n\
                  d = docx.Document(sys.argv[1])\n\
                  print(json.dumps([[p.style.name, p.text] for p in d.paragraphs], ensure_ascii=False))";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(docx)
        .output()
        .ok()?;
    assert!(
        out.status.success() || String::from_utf8_lossy(&out.stderr).contains("No module named"),
        "python-docx failed on {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn python_docx_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .is_ok_and(|o| o.status.success());
    available("python-docx", found)
}

fn rich_source(dir: &Path) -> std::path::PathBuf {
    let src = dir.join("rich.md");
    std::fs::write(&src, RICH).unwrap();
    std::fs::copy(root().join("tests/data/red.png"), dir.join("red.png")).unwrap();
    src
}

fn check_round_trip(source: &Path, extra: &[&str]) {
    let doc = read_file(source, &Options::default()).unwrap().value;
    let (_dir, docx) = convert(source, "docx", extra);
    let got = python_docx_paragraphs(&docx).expect("python-docx reads the file");
    let want = expected(&doc);
    let got_texts: Vec<String> = got.iter().map(|(_, t)| squash(t)).collect();
    let want_texts: Vec<String> = want.iter().map(|(_, t)| squash(t)).collect();
    assert_same_text(
        &got_texts.join("¶"),
        &want_texts.join("¶"),
        &format!("{} paragraphs", source.display()),
    );
    for ((got_style, got_text), (want_style, _)) in got.iter().zip(&want) {
        if let Some(want_style) = want_style {
            assert_eq!(got_style, want_style, "style of `{got_text}`");
        }
    }
    // Every heading of the model carries its Heading N style.
    let headings = want
        .iter()
        .filter(|(s, _)| s.as_deref().is_some_and(|s| s.starts_with("Heading")))
        .count();
    assert_eq!(
        got.iter().filter(|(s, _)| s.starts_with("Heading")).count(),
        headings
    );
}

#[test]
fn python_docx_reads_back_texts_and_heading_styles() {
    if !python_docx_available() {
        return;
    }
    check_round_trip(&seed(), &[]);
    check_round_trip(&seed(), &["--preset", "gongwen"]);
    for sample in samples() {
        check_round_trip(&sample, &[]);
    }
    let dir = tempfile::tempdir().unwrap();
    check_round_trip(&rich_source(dir.path()), &[]);
}

#[test]
fn python_docx_sees_lists_quotes_code_and_the_table() {
    if !python_docx_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_out, docx) = convert(&rich_source(dir.path()), "docx", &[]);
    let paragraphs = python_docx_paragraphs(&docx).unwrap();
    let style_of = |text: &str| {
        paragraphs
            .iter()
            .find(|(_, t)| t == text)
            .map(|(s, _)| s.as_str())
            .unwrap_or_else(|| panic!("no paragraph `{text}` in {paragraphs:?}"))
    };
    assert_eq!(style_of("引文段落一。"), "Quote");
    assert_eq!(style_of("子项甲"), "List Paragraph");
    assert_eq!(style_of("待办"), "List Paragraph");
    assert_eq!(
        style_of("fn main() {\n    println!(\"你好\");\n}"),
        "Source Code"
    );
    let (_seed_out, seed_docx) = convert(&seed(), "docx", &[]);
    let seed_paragraphs = python_docx_paragraphs(&seed_docx).unwrap();
    assert!(
        seed_paragraphs
            .iter()
            .any(|(s, t)| s == "Salutation" && t == "同志们："),
        "{seed_paragraphs:?}"
    );
    let script = "import docx, sys\n\
                  d = docx.Document(sys.argv[1])\n\
                  t = d.tables[0]\n\
                  print(t.style.name)\n\
                  print('|'.join(c.text for r in t.rows for c in r.cells))";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&docx)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Table Grid\n项目|数量|甲|1|乙|22\n"
    );
}

fn assert_well_formed(name: &str, xml: &[u8]) {
    let text = std::str::from_utf8(xml).unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "{name}: not well-formed at {}: {e}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "{name}: unbalanced elements");
}

#[test]
fn zip_is_valid_and_every_part_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    for source in [seed(), rich_source(dir.path())] {
        let (_out, docx) = convert(&source, "docx", &["--toc"]);
        let parts = unzip(&docx);
        let types = String::from_utf8(parts["[Content_Types].xml"].clone()).unwrap();
        for (name, data) in &parts {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                assert_well_formed(name, data);
            }
            if name.ends_with(".xml") && name != "[Content_Types].xml" {
                assert!(
                    types.contains(&format!("PartName=\"/{name}\"")),
                    "{name} has no content type"
                );
            }
        }
        // The font travels: a regular face, obfuscated, named in the font table.
        let table = String::from_utf8(parts["word/fontTable.xml"].clone()).unwrap();
        assert!(
            table.contains("<w:font w:name=\"Noto Serif SC\">"),
            "{table}"
        );
        assert!(table.contains("<w:embedRegular "));
        assert!(parts.contains_key("word/fonts/font1.odttf"));
        let settings = String::from_utf8(parts["word/settings.xml"].clone()).unwrap();
        assert!(settings.contains("<w:embedTrueTypeFonts/>"));
    }
}

#[test]
fn same_input_gives_the_same_bytes() {
    let (_a, first) = convert(&seed(), "docx", &[]);
    let (_b, second) = convert(&seed(), "docx", &[]);
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(second).unwrap()
    );
}

#[test]
fn core_properties_carry_title_author_language_and_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let (_out, docx) = convert(&rich_source(dir.path()), "docx", &[]);
    let core = String::from_utf8(unzip(&docx)["docProps/core.xml"].clone()).unwrap();
    assert!(core.contains("<dc:title>学习笔记</dc:title>"), "{core}");
    assert!(core.contains("<dc:creator>编者</dc:creator>"), "{core}");
    assert!(core.contains("<dc:language>zh-CN</dc:language>"), "{core}");
    // SOURCE_DATE_EPOCH=1700000000 (common::cjkpress).
    assert!(
        core.contains(">2023-11-14T22:13:20Z</dcterms:modified>"),
        "{core}"
    );
}

fn tool(program: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(out.status.success(), "{program} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF without its page-number lines (`1`, `— 1 —`).
fn pdf_text_without_folios(pdf: &Path) -> String {
    let text = tool("pdftotext", &[pdf.as_os_str(), "-".as_ref()]);
    text.split('\u{c}')
        .flat_map(|page| {
            let mut lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            if lines.last().is_some_and(|l| {
                l.trim()
                    .trim_matches(|c: char| c == '—' || c.is_whitespace())
                    .chars()
                    .all(|c| c.is_ascii_digit())
            }) {
                lines.pop();
            }
            lines
        })
        .collect()
}

#[test]
fn libreoffice_without_cjk_fonts_uses_the_embedded_font() {
    if !available("LibreOffice", have("soffice")) || !available("pdffonts", have("pdffonts")) {
        return;
    }
    for (preset, source) in [("handout", seed()), ("gongwen", seed())] {
        let work = tempfile::tempdir().unwrap();
        let (_out, docx) = convert(&source, "docx", &["--preset", preset]);
        let pdf = common::libreoffice(&docx, work.path(), "pdf");
        let fonts = tool("pdffonts", &[pdf.as_os_str()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(
            rows.iter()
                .any(|r| r.contains("NotoSerifSC-Regular") && r.contains(" yes ")),
            "{preset}: embedded Noto Serif SC not used:\n{fonts}"
        );
        // Every glyph of the seed comes from the embedded faces: no fallback font at all.
        assert!(
            rows.iter().all(|r| r.contains("NotoSerifSC")),
            "{preset}: a font other than the embedded one was needed:\n{fonts}"
        );
        // And the text survives the round trip through Word's format and LibreOffice.
        let doc = read_file(&source, &Options::default()).unwrap().value;
        let want: String = expected(&doc).iter().map(|(_, t)| squash(t)).collect();
        assert_same_text(
            &squash(&pdf_text_without_folios(&pdf)),
            &want,
            &format!("{preset} text through LibreOffice"),
        );
    }
}

#[test]
fn toc_shows_its_entries_when_opened() {
    if !available("LibreOffice", have("soffice")) || !available("pdftotext", have("pdftotext")) {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let (_out, docx) = convert(&samples()[0], "docx", &["--toc"]);
    let pdf = common::libreoffice(&docx, work.path(), "pdf");
    let first = tool(
        "pdftotext",
        &["-l".as_ref(), "1".as_ref(), pdf.as_os_str(), "-".as_ref()],
    );
    assert!(first.contains("目录"), "{first}");
    assert!(
        first.contains("学而篇") && first.contains("为政篇"),
        "{first}"
    );
    assert!(!first.contains("TOC"), "raw field code shown: {first}");
}

#[test]
fn characters_a_user_font_lacks_name_the_face_that_draws_them() {
    // DejaVu Serif as 仿宋 covers the Latin text and digits but no Chinese: the Chinese is drawn
    // (and embedded) in Noto Serif SC, which its runs must name.
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
    if !available("DejaVu Serif", dejavu.is_file()) {
        return;
    }
    let font = format!("fangsong={}", dejavu.display());
    let (_out, docx) = convert(&seed(), "docx", &["--preset", "gongwen", "--font", &font]);
    let parts = unzip(&docx);
    let table = String::from_utf8(parts["word/fontTable.xml"].clone()).unwrap();
    assert!(
        table.contains("<w:font w:name=\"DejaVu Serif\">"),
        "{table}"
    );
    assert!(
        table.contains("<w:font w:name=\"Noto Serif SC\">"),
        "{table}"
    );
    let doc = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert!(
        doc.contains("w:eastAsia=\"Noto Serif SC\" w:cs=\"Noto Serif SC\" w:hint=\"eastAsia\"/></w:rPr><w:t>同志们：</w:t>"),
        "the salutation's run does not name the face that draws it"
    );
    let styles = String::from_utf8(parts["word/styles.xml"].clone()).unwrap();
    assert!(styles.contains("w:eastAsia=\"DejaVu Serif\""));
    if !available("LibreOffice", have("soffice")) || !available("pdffonts", have("pdffonts")) {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let fonts = tool(
        "pdffonts",
        &[common::libreoffice(&docx, work.path(), "pdf").as_os_str()],
    );
    assert!(
        fonts.contains("NotoSerifSC-Regular") && fonts.contains("DejaVuSerif"),
        "{fonts}"
    );
}

/// The contents lines of a converted PDF: (title, page number), in order.
fn contents_lines(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .skip_while(|l| !l.contains("目录"))
        .skip(1)
        .take_while(|l| l.contains('.'))
        .map(|line| {
            // `学而篇.......1`: title, dot leaders, the page number.
            let title = line.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
            let number: usize = line[title.len()..].trim().parse().unwrap_or_else(|_| {
                panic!("contents line without a page number: {line:?}");
            });
            (title.trim_end_matches(['.', ' ', '…']).to_string(), number)
        })
        .collect()
}

// See: issue 12, item 1.
#[test]
fn book_toc_carries_the_page_numbers_libreoffice_shows() {
    if !available("LibreOffice", have("soffice")) || !available("pdftotext", have("pdftotext")) {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let (_out, docx) = convert(&samples()[0], "docx", &["--preset", "book"]);
    let parts = unzip(&docx);
    let settings = String::from_utf8(parts["word/settings.xml"].clone()).unwrap();
    assert!(
        settings.contains("<w:updateFields w:val=\"true\"/>"),
        "{settings}"
    );
    let body = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert!(body.contains("<w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/>"));
    assert!(body.contains(" PAGEREF "), "no PAGEREF fields");
    let styles = String::from_utf8(parts["word/styles.xml"].clone()).unwrap();
    assert!(styles.contains("<w:tab w:val=\"right\" w:leader=\"dot\""));

    // Every contents line shows a page number once LibreOffice lays it out (that it is the
    // PDF's, and the page LibreOffice prints, is `tests/docx_book.rs`'s check).
    let pdf = common::libreoffice(&docx, work.path(), "pdf");
    let text = tool("pdftotext", &[pdf.as_os_str(), "-".as_ref()]);
    assert_eq!(contents_lines(&text).len(), 20, "{text}");
}

/// Emphasis with a byline's spaces, Latin words and digits.
const EMPHASIS: &str =
    "---\ntitle: 着重\n---\n\n*鲁迅 1925年*\n\n正文里有*着重的文字*，以及*Latin words*。\n";

// See: issue 12, item 2.
#[test]
fn emphasis_marks_the_characters_not_the_spaces_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("emphasis.md");
    std::fs::write(&md, EMPHASIS).unwrap();
    let (_out, docx) = convert(&md, "docx", &[]);
    let parts = unzip(&docx);
    let styles = String::from_utf8(parts["word/styles.xml"].clone()).unwrap();
    // The Chinese emphasis dot sits under the characters (GB/T 15834), not above.
    assert!(styles.contains("<w:em w:val=\"underDot\"/>"), "{styles}");
    let body = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    let mut emphasised = Vec::new();
    for run in body.split("<w:r>").skip(1) {
        let run = &run[..run.find("</w:r>").unwrap()];
        if run.contains("w:val=\"Emphasis\"") {
            let text = &run[run.find("<w:t").unwrap()..];
            let text = &text[text.find('>').unwrap() + 1..text.find("</w:t>").unwrap()];
            // Italic Latin letters take the style's mark off again.
            let latin = run.contains("<w:i/>") && run.contains("<w:em w:val=\"none\"/>");
            emphasised.push((text.to_string(), latin));
        }
    }
    assert_eq!(
        emphasised,
        [
            ("鲁迅".to_string(), false),
            ("1925年".to_string(), false),
            ("着重的文字".to_string(), false),
            ("Latin".to_string(), true),
            ("words".to_string(), true),
        ],
        "no space may carry the emphasis mark; Latin letters are italic, without the mark"
    );
    if !available("pandoc", have("pandoc")) {
        return;
    }
    let read = |format: &str| {
        tool(
            "pandoc",
            &[
                "-f".as_ref(),
                format.as_ref(),
                "-t".as_ref(),
                "markdown".as_ref(),
                docx.as_os_str(),
            ],
        )
    };
    let plain = read("docx");
    assert!(plain.contains("*Latin* *words*"), "{plain}");
    // The Chinese emphasis keeps Word's own style name, which readers map by name.
    let styled = read("docx+styles");
    assert!(
        styled.contains("[着重的文字]{custom-style=\"Emphasis\"}"),
        "{styled}"
    );
}

// See: issue 12, item 7 (list markers as in the other formats, nested quotes nested).
#[test]
fn nested_lists_number_like_the_other_formats_and_nested_quotes_nest() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("nest.md");
    std::fs::write(
        &md,
        "---\ntitle: 嵌套\n---\n\n1. 第一项\n   1. 子项甲\n   2. 子项乙\n2. 第二项\n\n> 外层引文。\n>\n> > 内层引文。\n",
    )
    .unwrap();
    let (_out, docx) = convert(&md, "docx", &[]);
    let parts = unzip(&docx);
    let numbering = String::from_utf8(parts["word/numbering.xml"].clone()).unwrap();
    assert!(!numbering.contains("w:val=\"(%"), "a level numbers as (1)");
    assert!(numbering.contains("<w:lvlText w:val=\"%2.\"/>"));
    let body = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    let para = |text: &str| -> String {
        let at = body.find(text).unwrap();
        let start = body[..at].rfind("<w:p>").unwrap();
        body[start..at].to_string()
    };
    let left = |p: &str| -> i64 {
        p.split("w:left=\"")
            .nth(1)
            .map_or(0, |r| r[..r.find('"').unwrap()].parse().unwrap())
    };
    let styles = String::from_utf8(parts["word/styles.xml"].clone()).unwrap();
    let quote = &styles[styles.find("w:styleId=\"Quote\"").unwrap()..];
    let quote_left = left(&quote[..quote.find("</w:style>").unwrap()]);
    assert!(quote_left > 0);
    assert_eq!(
        left(&para("外层引文")),
        0,
        "the outer quote takes the style's indent"
    );
    assert_eq!(
        left(&para("内层引文")),
        2 * quote_left,
        "the inner quote is not nested"
    );
    if !available("LibreOffice", have("soffice")) || !available("pdftotext", have("pdftotext")) {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let text = tool(
        "pdftotext",
        &[
            common::libreoffice(&docx, work.path(), "pdf").as_os_str(),
            "-".as_ref(),
        ],
    );
    // The outer and the inner list both count `1.`, `2.`.
    assert_eq!(
        text.lines().filter(|l| l.trim() == "1.").count(),
        2,
        "{text}"
    );
    assert!(!text.contains("(1)"), "{text}");
}

// See: issue 12, item 7 (table columns sized to their content).
#[test]
fn table_columns_are_sized_to_their_content() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("table.md");
    std::fs::write(
        &md,
        "---\ntitle: 表\n---\n\n| 说明 | 数量 |\n|:--|--:|\n| 这是一段很长的说明文字，要在单元格里折行才能放得下，而且还要更长一些才行，再长一些 | 1 |\n| 短 | 22 |\n",
    )
    .unwrap();
    let (_out, docx) = convert(&md, "docx", &[]);
    let body = String::from_utf8(unzip(&docx)["word/document.xml"].clone()).unwrap();
    let grid: Vec<i64> = body
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|r| r[..r.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(grid.len(), 2);
    // The handout's text block is 160 mm = 9071 twips.
    assert_eq!(grid.iter().sum::<i64>(), 9071, "{grid:?}");
    assert!(
        grid[0] > 4 * grid[1],
        "the number column is as wide as the text: {grid:?}"
    );
    // The number column still holds its widest cell on one line (two digits, a heading of two
    // characters, and the cell margins: more than two characters of 12 pt = 480 twips).
    assert!(grid[1] >= 480, "{grid:?}");
    if python_docx_available() {
        let out = Command::new("python3")
            .args([
                "-c",
                "import sys,docx;t=docx.Document(sys.argv[1]).tables[0];print(','.join(str(c.width) for c in t.rows[0].cells))",
            ])
            .arg(&docx)
            .output()
            .unwrap();
        let widths = String::from_utf8_lossy(&out.stdout);
        let emu: Vec<i64> = widths
            .trim()
            .split(',')
            .map(|w| w.parse().unwrap())
            .collect();
        assert_eq!(emu, grid.iter().map(|t| t * 635).collect::<Vec<_>>());
    }
}

// See: issue 12, item 7 (task-list items as Word check boxes that keep their state).
#[test]
fn task_items_are_check_box_content_controls() {
    let dir = tempfile::tempdir().unwrap();
    let md = rich_source(dir.path());
    let (_out, docx) = convert(&md, "docx", &[]);
    let body = String::from_utf8(unzip(&docx)["word/document.xml"].clone()).unwrap();
    let states: Vec<&str> = body
        .split("<w14:checked w14:val=\"")
        .skip(1)
        .map(|r| &r[..1])
        .collect();
    // `- [ ] 待办` then `- [x] 已办`.
    assert_eq!(states, ["0", "1"]);
    assert!(body.contains("mc:Ignorable=\"w14\""));
    let after = |text: &str| body[..body.find(text).unwrap()].rfind("<w:sdt>").unwrap();
    assert!(after("待办") < after("已办"));
    if !available("LibreOffice", have("soffice")) || !available("pdftotext", have("pdftotext")) {
        return;
    }
    // LibreOffice reads them as check boxes and shows each one's state.
    let work = tempfile::tempdir().unwrap();
    let text = tool(
        "pdftotext",
        &[
            common::libreoffice(&docx, work.path(), "pdf").as_os_str(),
            "-".as_ref(),
        ],
    );
    let text = squash(&text);
    assert!(text.contains("□待办"), "{text}");
    assert!(text.contains("■已办"), "{text}");
}

/// The embedded fonts of a DOCX, deobfuscated (ECMA-376 Part 1, §17.8.1: the first 32 bytes
/// are XORed with the `w:fontKey` GUID's bytes, last byte first), by part name.
fn embedded_fonts(parts: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let table = String::from_utf8(parts["word/fontTable.xml"].clone()).unwrap();
    let rels = String::from_utf8(parts["word/_rels/fontTable.xml.rels"].clone()).unwrap();
    let attr = |s: &str, name: &str| {
        let at = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[at..at + s[at..].find('"').unwrap()].to_string()
    };
    let mut out = BTreeMap::new();
    for embed in table.split("<w:embed").skip(1) {
        let (id, key) = (attr(embed, "r:id"), attr(embed, "w:fontKey"));
        let rel = rels
            .split("<Relationship ")
            .find(|r| r.contains(&format!("Id=\"{id}\"")));
        let target = format!("word/{}", attr(rel.unwrap(), "Target"));
        let digits: Vec<u8> = key
            .chars()
            .filter_map(|c| c.to_digit(16))
            .map(|d| d as u8)
            .collect();
        let mut guid: Vec<u8> = digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
        guid.reverse();
        let mut font = parts[&target].clone();
        for (i, b) in font.iter_mut().take(32).enumerate() {
            *b ^= guid[i % 16];
        }
        out.insert(target, font);
    }
    out
}

/// `ulUnicodeRange1`–`4` as one number, and `ulCodePageRange1`, read by ttf-parser.
fn os2_bits(font: &[u8]) -> (u128, u32) {
    let face = ttf_parser::Face::parse(font, 0).expect("a font ttf-parser reads");
    let os2 = face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))
        .unwrap();
    let code_pages = u32::from_be_bytes(os2[78..82].try_into().unwrap());
    (face.tables().os2.unwrap().unicode_ranges().0, code_pages)
}

// See: issue 12, item 7 (OS/2 Unicode-range and code-page bits).
#[test]
fn embedded_subsets_keep_their_cjk_unicode_range_and_code_page_bits() {
    const CJK_UNIFIED: u32 = 59;
    const CJK_SYMBOLS: u32 = 48;
    const GB2312: u32 = 18;
    let dir = tempfile::tempdir().unwrap();
    let (_a, docx) = convert(&seed(), "docx", &[]);
    let (_b, epub) = convert(&seed(), "epub", &[]);
    let mut fonts = embedded_fonts(&unzip(&docx));
    assert!(!fonts.is_empty());
    fonts.extend(
        unzip(&epub)
            .into_iter()
            .filter(|(name, _)| name.ends_with(".ttf") || name.ends_with(".otf")),
    );
    assert!(
        fonts.keys().any(|k| k.ends_with(".ttf")),
        "{:?}",
        fonts.keys()
    );
    for (name, font) in &fonts {
        let (ranges, code_pages) = os2_bits(font);
        assert_ne!(
            ranges & 1 << CJK_UNIFIED,
            0,
            "{name}: ulUnicodeRange {ranges:#x}"
        );
        assert_ne!(
            ranges & 1 << CJK_SYMBOLS,
            0,
            "{name}: ulUnicodeRange {ranges:#x}"
        );
        assert_ne!(
            code_pages & 1 << GB2312,
            0,
            "{name}: ulCodePageRange1 {code_pages:#x}"
        );
        std::fs::write(dir.path().join(name.replace('/', "_")), font).unwrap();
    }
    // fontTools reads the same bits, and every table checksum and the file checksum hold.
    let python = Command::new("python3")
        .args(["-c", "import fontTools"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available("python3 with fontTools", python) {
        return;
    }
    let script = r#"
import sys
from fontTools.ttLib import TTFont
for path in sys.argv[1:]:
    font = TTFont(path, checkChecksums=2)
    os2 = font["OS/2"]
    font.ensureDecompiled()
    print(os2.ulUnicodeRange2 >> 27 & 1, os2.ulUnicodeRange2 >> 16 & 1, os2.ulCodePageRange1 >> 18 & 1)
"#;
    let mut cmd = Command::new("python3");
    cmd.args(["-c", script]);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        cmd.arg(entry.unwrap().path());
    }
    let out = run_ok(&mut cmd);
    let lines = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(lines.lines().count(), fonts.len(), "{lines}");
    assert!(lines.lines().all(|l| l == "1 1 1"), "{lines}");
}

/// How many filled paths the pages of a PDF paint (`f`, `f*`, `b`, `B` operators in the
/// uncompressed content streams that `qpdf --qdf` writes).
fn filled_paths(pdf: &Path, work: &Path) -> usize {
    let qdf = work.join("qdf.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&qdf)
        .status()
        .unwrap();
    assert!(status.success(), "qpdf failed on {}", pdf.display());
    let bytes = std::fs::read(&qdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.split("stream\n")
        .skip(1)
        .filter_map(|s| s.split("endstream").next())
        .filter(|s| s.contains("BT"))
        .flat_map(str::lines)
        .filter(|l| {
            let op = l.trim_end().rsplit(' ').next().unwrap_or("");
            ["f", "f*", "b", "B", "b*", "B*"].contains(&op)
        })
        .count()
}

// See: issue 12, item 2 (LibreOffice drew one stray emphasis dot at the space of every byline).
// LibreOffice 7.4's PDF export draws `w:em` marks only at white-space glyphs (its own ODF
// `style:text-emphasize` the same way), so a space inside an emphasised run is the one place a
// mark appears. With the spaces outside, the converted page paints no mark at all.
#[test]
fn libreoffice_paints_no_emphasis_mark_at_a_space() {
    if !available("LibreOffice", have("soffice")) || !available("qpdf", have("qpdf")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("emphasis.md");
    std::fs::write(&md, EMPHASIS).unwrap();
    let (_out, docx) = convert(&md, "docx", &[]);
    let pdf = common::libreoffice(&docx, dir.path(), "pdf");
    assert_eq!(filled_paths(&pdf, dir.path()), 0, "a stray emphasis mark");
}

/// The page LibreOffice draws for a DOCX, through its PNG export (the drawing path of its screen
/// and printing), under a fontconfig without CJK fonts; as (width, height, one "ink" flag per
/// pixel).
fn libreoffice_png(docx: &Path, work: &Path) -> (usize, usize, Vec<bool>) {
    // The PNG export needs libreoffice-draw-nogui's graphic filters.
    let png = common::libreoffice(docx, work, "png");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let ink = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|px| {
            // Dark and opaque: the RGB (or grey) average under half, alpha (when any) over half.
            let colour = &px[..channels.min(3)];
            let dark =
                colour.iter().map(|&c| u32::from(c)).sum::<u32>() < 128 * colour.len() as u32;
            dark && (channels % 2 == 1 || px[channels - 1] > 127)
        })
        .collect();
    (info.width as usize, info.height as usize, ink)
}

/// The horizontal bands of rows with ink, top to bottom, each as (first row, rows, the number
/// of separate runs of inked columns in it).
fn ink_bands(width: usize, height: usize, ink: &[bool]) -> Vec<(usize, usize, usize)> {
    let row_has_ink = |y: usize| ink[y * width..(y + 1) * width].iter().any(|&i| i);
    let mut bands = Vec::new();
    let mut y = 0;
    while y < height {
        if !row_has_ink(y) {
            y += 1;
            continue;
        }
        let top = y;
        while y < height && row_has_ink(y) {
            y += 1;
        }
        let columns: Vec<bool> = (0..width)
            .map(|x| (top..y).any(|r| ink[r * width + x]))
            .collect();
        let runs = columns
            .iter()
            .zip(std::iter::once(&false).chain(&columns))
            .filter(|(now, before)| **now && !**before)
            .count();
        bands.push((top, y - top, runs));
    }
    bands
}

// See: issue 12, item 2: emphasis marks visible under the CJK characters in LibreOffice, none at
// spaces or under Latin letters.
#[test]
fn libreoffice_draws_a_mark_under_each_emphasised_character_only() {
    if !available("LibreOffice", have("soffice")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("marks.md");
    // Each line is followed by the same line without emphasis, which must draw no mark.
    std::fs::write(
        &md,
        "*鲁迅 1925年*\n\n鲁迅 1925年\n\n正文里有*着重的文字*，以及*Latin words*。\n\n正文里有着重的文字，以及Latin words。\n",
    )
    .unwrap();
    let (_out, docx) = convert(&md, "docx", &[]);
    let (width, height, ink) = libreoffice_png(&docx, dir.path());
    let bands = ink_bands(width, height, &ink);
    // A text line is as tall as its glyphs; a row of marks is a thin band of dots under it.
    let tallest = bands.iter().map(|b| b.1).max().unwrap();
    let marks: Vec<usize> = bands
        .iter()
        .filter(|b| b.1 * 3 < tallest)
        .map(|b| b.2)
        .collect();
    // 鲁, 迅, 1, 9, 2, 5, 年 and 着, 重, 的, 文, 字: one dot each; nothing at the space, under
    // `Latin words` or under the lines without emphasis.
    assert_eq!(marks, [7, 5], "bands (top, height, runs): {bands:?}");
    let lines = bands.iter().filter(|b| b.1 * 3 >= tallest).count();
    assert!(lines >= 4, "bands (top, height, runs): {bands:?}");
}

/// The embedded face of each family and weight: (family, bold) → the deobfuscated font.
fn embedded_faces(parts: &BTreeMap<String, Vec<u8>>) -> BTreeMap<(String, bool), Vec<u8>> {
    let fonts = embedded_fonts(parts);
    let table = String::from_utf8(parts["word/fontTable.xml"].clone()).unwrap();
    let rels = String::from_utf8(parts["word/_rels/fontTable.xml.rels"].clone()).unwrap();
    let mut out = BTreeMap::new();
    for font in table.split("<w:font ").skip(1) {
        let name = font.split('"').nth(1).unwrap().to_string();
        for (tag, bold) in [
            ("<w:embedRegular r:id=\"", false),
            ("<w:embedBold r:id=\"", true),
        ] {
            let Some(at) = font.find(tag) else { continue };
            let id = font[at + tag.len()..].split('"').next().unwrap();
            let rel = rels
                .split("<Relationship ")
                .find(|r| r.contains(&format!("Id=\"{id}\"")))
                .unwrap();
            let target = rel
                .split("Target=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            out.insert(
                (name.clone(), bold),
                fonts[&format!("word/{target}")].clone(),
            );
        }
    }
    out
}

// See: issue 14 (the 版头 with no CJK font installed: the issuer mark's runs named no face,
// so LibreOffice drew them from the regular subset, which lacks their characters: boxes).
#[test]
fn every_run_that_names_a_face_is_drawn_by_that_embedded_face() {
    let notice = common::root().join("source/notice.md");
    let (_d, docx) = convert(&notice, "docx", &["--no-system-fonts"]);
    let parts = unzip(&docx);
    let faces = embedded_faces(&parts);
    let body = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    let mut named = 0;
    for run in body.split("<w:r>").skip(1) {
        let run = run.split("</w:r>").next().unwrap();
        let Some(at) = run.find("w:eastAsia=\"") else {
            continue;
        };
        let family = run[at + 12..].split('"').next().unwrap().to_string();
        let bold = run.contains("<w:b/>");
        let text: String = run
            .split("<w:t")
            .skip(1)
            .filter_map(|t| {
                t.split_once('>')
                    .map(|(_, rest)| rest.split('<').next().unwrap())
            })
            .collect();
        if text.is_empty() {
            continue;
        }
        let font = faces
            .get(&(family.clone(), bold))
            .unwrap_or_else(|| panic!("{family} (bold {bold}) is not embedded, for {text:?}"));
        let face = ttf_parser::Face::parse(font, 0).unwrap();
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            assert!(
                face.glyph_index(c).is_some_and(|g| g.0 != 0),
                "{c:?} of {text:?}: not in the embedded {family} (bold {bold})"
            );
        }
        named += 1;
    }
    // The header, the title, the signature and the colophon name their faces.
    assert!(named >= 10, "only {named} runs name a face");
    assert!(body.contains("<w:b/><w:bCs/><w:color w:val=\"FF0000\"/>"));
}
