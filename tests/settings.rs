//! The user's own settings reach all four formats, numbered headings carry the same numbers
//! everywhere, and every bad setting is one line and exit 1. See issue 22.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{available, cjkpress, convert, have, root, unzip};

/// pandoc's handout: A5, 15 mm margins, 小四 (12 pt) body, lines 1.5 apart.
const HANDOUT: &[&str] = &[
    "--no-system-fonts",
    "-V",
    "paper=A5",
    "-V",
    "margin=15mm",
    "-V",
    "size=小四",
    "-V",
    "pitch=1.5",
];

const MM: f32 = 72.0 / 25.4;

fn lunyu() -> PathBuf {
    root().join("tests/data/lunyu.md")
}

/// `pdfinfo`'s page size, in millimetres.
fn page_size_mm(pdf: &Path) -> (f32, f32) {
    let info = common::output(Command::new("pdfinfo").arg(pdf));
    let line = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("a page size");
    let nums: Vec<f32> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (nums[0] / MM, nums[1] / MM)
}

fn assert_a5(pdf: &Path, what: &str) {
    let (w, h) = page_size_mm(pdf);
    assert!(
        (w - 148.0).abs() < 0.5 && (h - 210.0).abs() < 0.5,
        "{what}: page {w} × {h} mm, not A5"
    );
}

/// A print of the handout (ours, LibreOffice's of the DOCX, Chromium's of the HTML): A5, text
/// from 15 mm in, first lines indented 2 em of 12 pt, lines 18 pt apart.
fn assert_handout_print(pdf: &Path, what: &str) {
    assert_a5(pdf, what);
    let page = &common::pages::words(pdf)[2];
    let left = page.iter().map(|w| w.x0).fold(f32::MAX, f32::min);
    assert!(
        (left - 15.0 * MM).abs() < 0.5,
        "{what}: left edge {left} pt"
    );
    let top = page.iter().map(|w| w.y0).fold(f32::MAX, f32::min);
    assert!(
        (15.0 * MM - 1.0..15.0 * MM + 6.0).contains(&top),
        "{what}: top {top} pt"
    );
    assert!(
        page.iter().any(|w| (w.x0 - left - 24.0).abs() < 0.1),
        "{what}: no first line indented 24 pt"
    );
    let mut tops: Vec<f32> = page.iter().map(|w| w.y0).collect();
    tops.dedup();
    let steps = tops
        .windows(2)
        .filter(|p| (p[1] - p[0] - 18.0).abs() < 0.05);
    assert!(
        steps.count() >= 10,
        "{what}: body lines are not 18 pt apart"
    );
}

#[test]
fn handout_settings_shape_the_pdf_page() {
    if !available("pdftotext", have("pdftotext")) || !available("pdfinfo", have("pdfinfo")) {
        return;
    }
    let (_dir, pdf) = convert(&lunyu(), "pdf", HANDOUT);
    assert_handout_print(&pdf, "PDF");
}

#[test]
fn handout_settings_shape_the_docx_section_and_normal_style() {
    let (dir, docx) = convert(&lunyu(), "docx", HANDOUT);
    let parts = unzip(&docx);
    let document = String::from_utf8_lossy(&parts["word/document.xml"]);
    // 148 × 210 mm and 15 mm in twentieths of a point.
    assert!(
        document.contains(r#"<w:pgSz w:w="8391" w:h="11906""#),
        "section page size: {}",
        &document[document.find("<w:pgSz").unwrap()..][..80]
    );
    let margins = &document[document.find("<w:pgMar").unwrap()..][..160];
    for side in ["top", "right", "bottom", "left"] {
        assert!(margins.contains(&format!(r#"w:{side}="850""#)), "{margins}");
    }
    let styles = String::from_utf8_lossy(&parts["word/styles.xml"]);
    let normal = &styles[styles.find(r#"w:styleId="Normal""#).expect("Normal")..];
    let normal = &normal[..normal.find("</w:style>").unwrap()];
    assert!(normal.contains(r#"<w:sz w:val="24""#), "{normal}");
    // Exact line spacing of 18 pt.
    assert!(normal.contains(r#"w:line="360""#), "{normal}");
    if available("LibreOffice", have("soffice")) && common::tools(&["pdfinfo", "pdftotext"]) {
        let pdf = common::libreoffice(&docx, dir.path(), "pdf");
        assert_handout_print(&pdf, "LibreOffice's PDF of the DOCX");
    }
}

#[test]
fn handout_settings_shape_the_html_page() {
    let (dir, html) = convert(&lunyu(), "html", HANDOUT);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.contains("@page { size: 148mm 210mm; margin: 15mm 15mm 15mm 15mm; }"),
        "no A5 @page"
    );
    assert!(
        text.contains("font-size: 12pt; line-height: 18pt;"),
        "print body size"
    );
    if !common::tools(&["chromium", "pdfinfo", "pdftotext"]) {
        return;
    }
    let pdf = dir.path().join("print.pdf");
    let profile = tempfile::tempdir().unwrap();
    common::chromium(profile.path())
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium starts");
    assert_handout_print(&pdf, "Chromium's print of the HTML");
}

/// The text of every format's output, with the heading number's space made plain.
fn texts(input: &Path, extra: &[&str]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for format in ["pdf", "docx", "epub", "html"] {
        let (_dir, file) = convert(input, format, extra);
        let text = match format {
            "pdf" => {
                if !available("pdftotext", have("pdftotext")) {
                    continue;
                }
                let text =
                    common::output(Command::new("pdftotext").arg("-raw").arg(&file).arg("-"));
                let outline = common::output(
                    Command::new("python3")
                        .arg("-c")
                        .arg("import sys, pikepdf\ndef walk(items):\n  for i in items:\n    print(i.title); walk(i.children)\nwith pikepdf.open(sys.argv[1]) as pdf:\n  with pdf.open_outline() as o: walk(o.root)")
                        .arg(&file),
                );
                format!("{text}\n{outline}")
            }
            "html" => std::fs::read_to_string(&file).unwrap(),
            _ => unzip(&file)
                .into_iter()
                .filter(|(name, _)| name.ends_with(".xml") || name.ends_with("html"))
                .map(|(_, data)| String::from_utf8_lossy(&data).into_owned())
                .collect::<Vec<_>>()
                .join("\n"),
        };
        out.push((format, text.replace('\u{3000}', " ")));
    }
    out
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn numbered_chapters_are_the_same_in_every_format() {
    // 论语's twenty books as 第一章 … 第二十章, in the text, the contents and the outline.
    let texts = texts(
        &lunyu(),
        &["--no-system-fonts", "--toc", "--number-sections=chapter"],
    );
    for (format, text) in &texts {
        for (n, title) in [("一", "学而篇"), ("九", "子罕篇"), ("二十", "尧曰篇")] {
            let label = format!("第{n}章 {title}");
            // The heading, and its contents entry (the PDF also its outline entry).
            let want = if *format == "pdf" { 3 } else { 2 };
            assert!(
                count(text, &label) >= want,
                "{format}: `{label}` {} times",
                count(text, &label)
            );
        }
        assert_eq!(count(text, "第二十一章"), 0, "{format}");
    }
}

#[test]
fn numbers_already_written_are_not_doubled() {
    // The plain-text seed and the notice as Markdown number their headings themselves.
    for (input, style) in [
        (common::seed(), "gongwen"),
        (root().join("source/notice.md"), "gongwen"),
        (common::seed(), "decimal"),
    ] {
        let flag = format!("--number-sections={style}");
        for (format, text) in texts(&input, &["--no-system-fonts", "--toc", &flag]) {
            for doubled in [
                "一、一、",
                "（一）（一）",
                "一、（一）",
                "1 一、",
                "1.1 （一）",
                "1 二、",
            ] {
                assert_eq!(
                    count(&text, doubled),
                    0,
                    "{format} of {}: `{doubled}`",
                    input.display()
                );
            }
            assert!(text.contains("二、"), "{format}: numbers lost");
        }
    }
}

#[test]
fn numbered_decimal_headings_in_html_and_epub() {
    let md = tempfile::tempdir().unwrap();
    let path = md.path().join("d.md");
    std::fs::write(
        &path,
        "# 甲\n\n文。\n\n## 乙\n\n文。\n\n## 丙\n\n文。\n\n# 丁\n\n文。\n",
    )
    .unwrap();
    for (format, text) in texts(&path, &["--no-system-fonts", "--number-sections=decimal"]) {
        for label in ["1 甲", "1.1 乙", "1.2 丙", "2 丁"] {
            assert!(text.contains(label), "{format}: no `{label}`");
        }
    }
}

/// Runs a conversion that must fail; returns its standard error.
fn refused(input: &Path, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = cjkpress()
        .arg(input)
        .arg("-o")
        .arg(dir.path().join("x.pdf"))
        .arg("--no-system-fonts")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!dir.path().join("x.pdf").exists());
    stderr
}

#[test]
fn every_bad_setting_is_one_line_and_exit_1() {
    let lunyu = lunyu();
    let cases: &[(&[&str], &str)] = &[
        (&["-V", "papr=A5"], "-V: `papr`: unknown key"),
        (&["-V", "margin=-5mm"], "`margin`: `-5mm` is negative"),
        (&["-V", "margin=15"], "needs a unit"),
        (&["-V", "paper=A9"], "unknown paper"),
        (&["-V", "size=大四"], "`size`"),
        (&["-V", "pitch=9"], "`pitch`"),
        (&["-V", "margin=95mm"], "text block"),
        (&["-V", "heading1-face=gothic"], "unknown font role"),
        (&["--toc-depth", "9"], "--toc-depth: `toc-depth`"),
        (&["--number-sections=roman"], "not a numbering style"),
    ];
    for (args, want) in cases {
        let stderr = refused(&lunyu, args);
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert!(stderr.contains("lunyu.md"), "{stderr}");
    }
    // GB/T 9704 fixes the official document's page: refused, unless asked for.
    let notice = root().join("source/notice.md");
    let stderr = refused(&notice, &["-V", "margin-top=30mm"]);
    assert!(
        stderr.contains("GB/T 9704") && stderr.contains("--allow-nonstandard"),
        "{stderr}"
    );
    let (_dir, pdf) = convert(
        &notice,
        "pdf",
        &[
            "--no-system-fonts",
            "-V",
            "margin-top=30mm",
            "--allow-nonstandard",
        ],
    );
    assert!(pdf.is_file());
}

#[test]
fn front_matter_and_folder_file_settings_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.md");
    std::fs::write(&doc, "---\ntitle: 测\nsize: 大四\n---\n\n文。\n").unwrap();
    let stderr = refused(&doc, &[]);
    assert!(stderr.contains("front matter, line 3: `size`"), "{stderr}");
    // A bad value in the folder file names that file and its line.
    std::fs::write(&doc, "---\ntitle: 测\nmargin: 20mm\n---\n\n文。\n").unwrap();
    std::fs::write(
        dir.path().join("cjkpress.toml"),
        "paper = \"A5\"\n\nmargin = \"1\"\n",
    )
    .unwrap();
    let stderr = refused(&doc, &[]);
    assert!(
        stderr.contains("cjkpress.toml, line 3: `margin`"),
        "{stderr}"
    );
    // Precedence: command line, front matter, folder file, preset.
    std::fs::write(
        dir.path().join("cjkpress.toml"),
        "paper = \"A5\"\nmargin = \"10mm\"\nsize = 9\n",
    )
    .unwrap();
    let (_out, html) = convert(&doc, "html", &["--no-system-fonts", "-V", "size=五号"]);
    let text = std::fs::read_to_string(html).unwrap();
    assert!(text.contains("@page { size: 148mm 210mm; margin: 20mm 20mm 20mm 20mm; }"));
    assert!(text.contains("font-size: 10.5pt;"));
    std::fs::remove_file(dir.path().join("cjkpress.toml")).unwrap();
    std::fs::write(&doc, "---\ntitle: 测\nmargin: [1, 2]\n---\n\n文。\n").unwrap();
    let stderr = refused(&doc, &[]);
    assert!(
        stderr.contains("front matter, line 3: `margin`"),
        "{stderr}"
    );
}

#[test]
fn metadata_from_outside_goes_under_the_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.md");
    std::fs::write(&doc, "---\ntitle: 前言标题\n---\n\n文。\n").unwrap();
    let file = dir.path().join("m.yaml");
    std::fs::write(&file, "title: 文件标题\nauthor: 乙\ndate: 2026-01-02\n").unwrap();
    let file_arg = file.to_str().unwrap();
    let meta = &dump_of(&doc, &["--metadata-file", file_arg, "-M", "author=甲"])["meta"];
    assert_eq!(meta["title"], "前言标题");
    assert_eq!(meta["authors"][0], "甲");
    assert_eq!(meta["date"], "2026-01-02");
    // On plain text, which has no front matter, they fill what the reader did not find.
    let meta = &dump_of(&common::seed(), &["-M", "author=某", "-M", "title=别的"])["meta"];
    assert_eq!(meta["authors"][0], "某");
    assert_eq!(meta["title"], "区委科学发展观活动动员会讲话");
    // Checked as front matter is: a setting's bad value, a folder for a file.
    let stderr = refused(&doc, &["-M", "paper=A9"]);
    assert!(
        stderr.contains("-M or --metadata-file: `paper`"),
        "{stderr}"
    );
    let stderr = refused(&doc, &["--metadata-file", dir.path().to_str().unwrap()]);
    assert!(stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn metadata_values_and_folder_stylesheets_read_as_lists() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.md");
    std::fs::write(&doc, "# 章\n\n文。\n").unwrap();
    // `-M` reads its value as YAML, as front matter would: a flow list is several authors, a
    // quoted scalar loses its quotes, and what YAML would read as a map stays the text typed.
    let meta = &dump_of(
        &doc,
        &[
            "-M",
            "author=[甲, 乙]",
            "-M",
            "title=第一章: 总则",
            "-M",
            "date='2026'",
        ],
    )["meta"];
    assert_eq!(meta["authors"], serde_json::json!(["甲", "乙"]));
    assert_eq!(meta["title"], "第一章: 总则");
    assert_eq!(meta["date"], "2026");
    // `css = [...]` in the folder's file: both sheets, in order, after ours.
    std::fs::write(dir.path().join("a.css"), "h1 { color: rgb(1, 2, 3); }\n").unwrap();
    std::fs::write(dir.path().join("b.css"), "h1 { color: rgb(4, 5, 6); }\n").unwrap();
    std::fs::write(
        dir.path().join("cjkpress.toml"),
        "css = [\"a.css\", \"b.css\"]\n",
    )
    .unwrap();
    let (_out, html) = convert(&doc, "html", &["--no-system-fonts"]);
    let page = std::fs::read_to_string(html).unwrap();
    let (a, b) = (page.find("rgb(1, 2, 3)"), page.find("rgb(4, 5, 6)"));
    assert!(a.is_some() && b.is_some() && a < b, "{a:?} {b:?}");
}

fn dump_of(input: &Path, args: &[&str]) -> serde_json::Value {
    let out = common::run_ok(cjkpress().arg("dump").arg(input).args(args));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn toc_depth_limits_printed_contents_not_the_epub_navigation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.md");
    std::fs::write(
        &path,
        "# 甲章\n\n文。\n\n## 乙节\n\n文。\n\n# 丙章\n\n文。\n",
    )
    .unwrap();
    let args = ["--no-system-fonts", "--toc", "--toc-depth", "1"];
    // The printed contents: a link (HTML), a field result (DOCX), a line (PDF) per entry.
    let (_d, html) = convert(&path, "html", &args);
    let html = std::fs::read_to_string(html).unwrap();
    assert!(
        html.contains(">甲章</a>") && !html.contains(">乙节</a>"),
        "HTML contents"
    );
    let (_d, docx) = convert(&path, "docx", &args);
    let document = String::from_utf8_lossy(&unzip(&docx)["word/document.xml"]).into_owned();
    assert_eq!(
        count(&document, ">甲章</w:t>"),
        2,
        "DOCX heading and contents"
    );
    assert_eq!(count(&document, ">乙节</w:t>"), 1, "DOCX heading only");
    if available("pdftotext", have("pdftotext")) {
        let (_d, pdf) = convert(&path, "pdf", &args);
        let text = common::output(Command::new("pdftotext").arg("-raw").arg(&pdf).arg("-"));
        assert_eq!(
            (count(&text, "甲章"), count(&text, "乙节")),
            (2, 1),
            "PDF: {text}"
        );
    }
    // The e-book's navigation lists every level.
    let (_d, epub) = convert(&path, "epub", &args);
    let nav = String::from_utf8_lossy(&unzip(&epub)["OEBPS/nav.xhtml"]).into_owned();
    assert!(
        nav.contains(">甲章</a>") && nav.contains(">乙节</a>"),
        "{nav}"
    );
}

#[test]
fn two_columns_split_the_pdf_text_block_and_level_the_last_page() {
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.md");
    let paras: Vec<String> = (1..=20)
        .map(|k| {
            format!(
                "第{k}段：天下大事，必作于细；天下难事，必作于易。是以圣人终不为大，故能成其大。"
            )
        })
        .collect();
    std::fs::write(&path, format!("# 标题\n\n{}\n", paras.join("\n\n"))).unwrap();
    let mut flags = HANDOUT.to_vec();
    flags.extend(["-V", "columns=2"]);
    let (_out, pdf) = convert(&path, "pdf", &flags);
    // A5 with 15 mm margins and a 6 mm gap: two columns of 56 mm.
    let (left, column, gap) = (15.0 * MM, 56.0 * MM, 6.0 * MM);
    let words = common::pages::words(&pdf);
    assert_eq!(words.len(), 2, "two pages");
    let mut text = String::new();
    let mut bottoms = Vec::new();
    for (p, page) in words.iter().enumerate() {
        let mut bottom = [0.0f32; 2];
        // The text block ends 195 mm down; the page number stands below it.
        for w in page.iter().filter(|w| w.y1 < 195.5 * MM) {
            // Each line within its column (a mark may hang one character past the edge).
            let k = usize::from(w.x0 > left + column + gap / 2.0);
            let x0 = left + k as f32 * (column + gap);
            assert!(
                w.x0 >= x0 - 1.0 && w.x1 <= x0 + column + 12.5,
                "page {}: {w:?} outside column {k}",
                p + 1
            );
            bottom[k] = bottom[k].max(w.y1);
        }
        bottoms.push(bottom);
        // Column by column, as cropped: the text in reading order.
        for k in 0..2 {
            let x = left + k as f32 * (column + gap);
            text.push_str(&common::output(
                Command::new("pdftotext")
                    .args(["-f", &(p + 1).to_string(), "-l", &(p + 1).to_string()])
                    .args(["-x", &format!("{:.0}", x - 2.0), "-y", "0"])
                    .args([
                        "-W",
                        &format!("{:.0}", column + 14.0),
                        "-H",
                        &format!("{:.0}", 195.5 * MM),
                    ])
                    .arg(&pdf)
                    .arg("-"),
            ));
        }
    }
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    assert_eq!(squash(&text), squash(&format!("标题{}", paras.concat())));
    // Both columns of the first page used; the last page's columns end within two lines of
    // each other (its breaks keep two lines of a paragraph together) instead of one full column.
    assert!(bottoms[0][1] > 100.0 * MM, "{bottoms:?}");
    let [a, b] = bottoms[1];
    assert!(b > 0.0 && (a - b).abs() <= 2.0 * 18.0 + 1.0, "{bottoms:?}");
    // The DOCX's sections say the same.
    let (_out, docx) = convert(&path, "docx", &flags);
    let document = String::from_utf8_lossy(&unzip(&docx)["word/document.xml"]).into_owned();
    assert!(
        document.contains(r#"<w:cols w:num="2" w:space="340"/>"#),
        "{}",
        &document[document.find("<w:cols").unwrap()..][..60]
    );
    // 公文 keeps GB/T 9704's one column unless asked; the book its page-by-page filling.
    let stderr = refused(&root().join("source/notice.md"), &["-V", "columns=2"]);
    assert!(
        stderr.contains("`columns`") && stderr.contains("GB/T 9704"),
        "{stderr}"
    );
    let stderr = refused(&path, &["--preset", "book", "-V", "columns=2"]);
    assert!(stderr.contains("one column"), "{stderr}");
}

/// The height of the first word `text` on `page` of `pdf`, as `pdftotext -bbox` reads it (the
/// face's ascent to descent at the size the word is set in).
fn word_height(pdf: &Path, page: usize, text: &str) -> f32 {
    let pages = common::pages::words(pdf);
    let word = pages[page]
        .iter()
        .find(|w| w.text == text)
        .unwrap_or_else(|| panic!("{text} on page {}", page + 1));
    word.y1 - word.y0
}

/// A heading level's size and the page number's size, set with `-V`, reach the four formats:
/// the PDF draws them at those sizes (against the preset's, by the words' heights), the DOCX's
/// Heading 1 and Footer styles say them, and the HTML's and the EPUB's stylesheets set them.
#[test]
fn heading_and_page_number_sizes_reach_every_format() {
    let sized = [
        "--no-system-fonts",
        "-V",
        "heading1-size=22pt",
        "-V",
        "page-number-size=9pt",
    ];
    let preset = cjkpress::style::Style::preset(cjkpress::Preset::Handout);
    let (h1, folio) = (preset.heading_sizes[0], preset.page_number_size);
    assert!(h1 != 22.0 && folio != 9.0, "the preset's own sizes differ");
    if common::tools(&["pdftotext"]) {
        let (_a, plain) = convert(&lunyu(), "pdf", &["--no-system-fonts"]);
        let (_b, pdf) = convert(&lunyu(), "pdf", &sized);
        let ratio = word_height(&pdf, 0, "学而篇") / word_height(&plain, 0, "学而篇");
        assert!((ratio - 22.0 / h1).abs() < 0.02, "heading: {ratio}");
        let ratio = word_height(&pdf, 1, "2") / word_height(&plain, 1, "2");
        assert!((ratio - 9.0 / folio).abs() < 0.02, "page number: {ratio}");
    }
    let (_c, docx) = convert(&lunyu(), "docx", &sized);
    let styles = String::from_utf8_lossy(&unzip(&docx)["word/styles.xml"]).into_owned();
    let style = |id: &str| -> String {
        let at = styles.find(&format!(r#"w:styleId="{id}""#)).expect(id);
        styles[at..at + styles[at..].find("</w:style>").unwrap()].to_string()
    };
    assert!(
        style("Heading1").contains(r#"<w:sz w:val="44"/>"#),
        "{}",
        style("Heading1")
    );
    assert!(
        style("Footer").contains(r#"<w:sz w:val="18"/>"#),
        "{}",
        style("Footer")
    );
    let (_d, html) = convert(&lunyu(), "html", &sized);
    let (_e, epub) = convert(&lunyu(), "epub", &sized);
    let epub_css: String = unzip(&epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".css"))
        .map(|(_, data)| String::from_utf8_lossy(&data).into_owned())
        .collect();
    for (format, css) in [
        ("html", std::fs::read_to_string(&html).unwrap()),
        ("epub", epub_css),
    ] {
        let rule = &css[css
            .find(".level-1 {")
            .unwrap_or_else(|| panic!("{format}: .level-1"))..];
        let em: f32 = rule["level-1 { font-size: ".len() + 1..]
            .split("em")
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{format}: {}", &rule[..60]));
        // Relative to the body's 12 pt.
        assert!(
            (em * 12.0 - 22.0).abs() < 0.05,
            "{format}: level-1 at {em}em"
        );
    }
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(
        html.contains("content: counter(page)") && html.contains("font-size: 9pt; line-height: 1;"),
        "html: the printed page number's size"
    );
}

/// The seed as Markdown, its three section headings marked `##` without their numbers:
/// `--number-sections=gongwen` numbers them 一、二、三、 the same in the four formats' text and
/// contents (and the PDF's outline), where the plain-text seed keeps its own numbers undoubled.
#[test]
fn the_seed_as_markdown_is_numbered_the_same_in_every_format() {
    let seed = std::fs::read_to_string(common::seed()).unwrap();
    let numbers = ["一、", "二、", "三、"];
    let mut md = String::from("---\ntitle: 区委科学发展观活动动员会讲话\n---\n\n");
    let mut headings = Vec::new();
    // The breadcrumb and the title twice come before the salutation.
    let body = &seed[seed.find("同志们").unwrap()..];
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match numbers.iter().find(|n| line.starts_with(*n)) {
            Some(n) if line.chars().count() < 40 => {
                let title = &line[n.len()..];
                // As the reader sets it: the seed's ASCII comma inside Chinese is full width.
                headings.push(format!("{n}{}", title.replace(',', "，")));
                md.push_str(&format!("## {title}\n\n"));
            }
            _ => md.push_str(&format!("{line}\n\n")),
        }
    }
    assert_eq!(headings.len(), 3, "{headings:?}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("speech.md");
    std::fs::write(&path, md).unwrap();
    let texts = texts(
        &path,
        &["--no-system-fonts", "--toc", "--number-sections=gongwen"],
    );
    for (format, text) in &texts {
        // Each numbered heading and its contents entry (the PDF also its outline entry; the
        // EPUB's navigation has them again, and its landmarks the first).
        let want = if *format == "pdf" { 3 } else { 2 };
        let counts: Vec<usize> = headings.iter().map(|h| count(text, h)).collect();
        assert!(
            counts.iter().all(|&n| n >= want),
            "{format}: {headings:?} found {counts:?} times"
        );
        assert_eq!(count(text, "一、一、"), 0, "{format}: doubled");
        assert_eq!(count(text, "四、"), 0, "{format}: a fourth number");
    }
}
