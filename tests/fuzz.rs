//! The fuzz harness (issue 13, item 9): generated sources — arbitrary bytes, and documents built
//! from hostile tokens (controls, noncharacters, disguised links, YAML, raw HTML, deep nesting,
//! every encoding) — through the readers and through the whole pipeline into all four formats.
//!
//! Properties: no panic; an error is a one-line `Error`, never an abort; every XML part of every
//! output parses with only XML characters; every character of the model's text appears in every
//! output's own text (the PDF's through `pdftotext` when it is installed).
//!
//! CI runs a short smoke run (the case counts below). A long run sets `PROPTEST_CASES`, e.g.
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz -- --test-threads 1` (see README).
// See: issue 13

mod common;
mod xmlcheck;

use std::collections::BTreeSet;
use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use cjkpress::model::document_text;
use cjkpress::{Format, Options};
use proptest::prelude::*;

/// Pieces a hostile document is made of.
const TOKENS: &[&str] = &[
    "中文",
    "测试。",
    "，",
    "English ",
    "2026年",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "> ",
    "- ",
    "1. ",
    "*",
    "**",
    "~~",
    "`",
    "```\n",
    "---\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "[^1]",
    "\n\n[^1]: 注。\n\n",
    "[链](https://example.com)",
    "[坏](javascript:alert(1))",
    "[坏](<JaVa&#x53;cript:x>)",
    "[坏](data:text/html;base64,PGI+)",
    "[文](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "<https://example.com/a>",
    "<script>alert(1)</script>",
    "<b>",
    "</b>",
    "<div>",
    "</div>",
    "<br>",
    "&nbsp;",
    "&#12;",
    "&#0;",
    "&#xFFFE;",
    "\x0c",
    "\x1b",
    "\u{85}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{feff}",
    "\u{200b}",
    "\u{3000}",
    "𠮷",
    "한국",
    "ｶﾀｶﾅ",
    "😀",
    "{重要}",
    "{#id .c}",
    "会议时间：2026年",
    "北京 → 上海",
    "首页 > 新闻 > 正文",
    "一、",
    "（一）",
    "(1)",
    "同志们：",
    "\\",
    "  \n",
    "\t",
    "![图](pic.png)",
    "![图](../out.png)",
    "title: \"a\\fb\"\n",
    "a: &x [1]\nb: *x\n",
    "</style><script>",
    "]]>",
    "<![CDATA[",
    "<?xml ?>",
    "\"'&<>",
];

/// A document of hostile tokens and arbitrary strings.
fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        // Arbitrary text, less the C0 controls that make a file binary (tested apart, above).
        1 => any::<String>().prop_map(|s| s.replace(|c: char| c < ' ' && !"\t\n\x0c\x1b".contains(c), "")),
        1 => "[\\u{20}-\\u{7f}]{0,12}",
    ];
    proptest::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

/// Source bytes: the document in UTF-8, UTF-16 with or without a BOM, or a legacy encoding.
fn encoded(text: &str, how: u8) -> Vec<u8> {
    let legacy = |e: &'static encoding_rs::Encoding| e.encode(text).0.into_owned();
    match how % 6 {
        0 | 1 => text.as_bytes().to_vec(),
        2 => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        3 => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        4 => legacy(encoding_rs::GB18030),
        _ => legacy(encoding_rs::BIG5),
    }
}

fn options(flags: u8) -> Options {
    Options {
        no_system_fonts: true,
        epoch: Some(1_700_000_000),
        raw_html: flags & 1 != 0,
        vertical: flags & 2 != 0,
        toc: flags & 4 != 0,
        keep_punctuation: flags & 8 != 0,
        preset: Some(match flags >> 4 & 3 {
            0 => cjkpress::style::Preset::Handout,
            1 => cjkpress::style::Preset::Gongwen,
            _ => cjkpress::style::Preset::Book,
        }),
        // Automatic ruby over whatever the document holds: pinyin, 注音, or pinyin with sandhi.
        ruby: match flags >> 6 {
            0 => None,
            2 => Some(cjkpress::pinyin::Scheme::Zhuyin),
            _ => Some(cjkpress::pinyin::Scheme::Pinyin),
        },
        ruby_sandhi: flags >> 6 == 3,
        ..Options::default()
    }
}

/// The text a reader sees in an output: the DOCX's runs, the EPUB's and HTML page's text
/// outside tags (and outside `<style>`), the PDF's as `pdftotext` extracts it.
fn output_text(format: Format, bytes: &[u8], dir: &Path) -> Option<String> {
    fn outside_tags(markup: &str) -> String {
        let body = markup.split("</style>").last().unwrap_or(markup);
        let mut out = String::new();
        let mut tag: Option<String> = None;
        for c in body.chars() {
            match (&mut tag, c) {
                (None, '<') => tag = Some(String::new()),
                (Some(t), '>') => {
                    // An image's alternative text is its text (HTML `alt`, DrawingML `descr`).
                    for key in [" alt=\"", " descr=\""] {
                        if let Some(v) = t.split(key).nth(1).and_then(|v| v.split('"').next()) {
                            out.push_str(v);
                        }
                    }
                    tag = None;
                }
                (Some(t), c) => t.push(c),
                (None, c) => out.push(c),
            }
        }
        quick_xml::escape::unescape(&out)
            .map(|s| s.into_owned())
            .unwrap_or(out)
    }
    let zip_text = |pred: &dyn Fn(&str) -> bool| {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut all = String::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            if pred(f.name()) {
                let mut s = String::new();
                f.read_to_string(&mut s).unwrap();
                all.push_str(&outside_tags(&s));
            }
        }
        all
    };
    match format {
        Format::Html => Some(outside_tags(&String::from_utf8_lossy(bytes))),
        Format::Epub => Some(zip_text(&|n| n.ends_with(".xhtml"))),
        Format::Docx => Some(zip_text(&|n| {
            n == "word/document.xml" || n == "word/footnotes.xml"
        })),
        Format::Pdf => {
            if !common::available("pdftotext", common::have("pdftotext")) {
                return None;
            }
            let pdf = dir.join("out.pdf");
            fs::write(&pdf, bytes).unwrap();
            // `-raw`: in its reading-order mode poppler joins a line ending in `-` to the next
            // and drops the hyphen, which would look like a lost character.
            let out = Command::new("pdftotext")
                .args(["-raw", "-enc", "UTF-8"])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        other => panic!("no text extraction for {other}"),
    }
}

/// Characters a writer may legitimately not draw as text: white space and format characters
/// (zero-width space, BOM), which carry no glyph.
fn visible(c: char) -> bool {
    !c.is_whitespace()
        && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// Whether the "every character appears" property is checked for `format`: the formats named in
/// `FUZZ_TEXT` (comma-separated, or `all`), by default all four.
fn text_checked(format: Format) -> bool {
    let list = std::env::var("FUZZ_TEXT").unwrap_or_else(|_| "all".into());
    list.split(',')
        .any(|f| f.trim() == format.extension() || f.trim() == "all")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Decoding and both readers never panic on any bytes.
    #[test]
    fn readers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), md in any::<bool>()) {
        if let Ok(text) = cjkpress::decode::decode(&bytes) {
            let kind = if md { cjkpress::read::Kind::Markdown } else { cjkpress::read::Kind::Plain };
            let _ = cjkpress::read::read(&text, kind, &Options::default(), &mut Vec::new());
        }
    }

    /// The same for hostile documents, with and without raw HTML.
    #[test]
    fn readers_never_panic_on_hostile_documents(text in document(), raw in any::<bool>()) {
        let options = Options { raw_html: raw, ..Options::default() };
        for kind in [cjkpress::read::Kind::Markdown, cjkpress::read::Kind::Plain] {
            let _ = cjkpress::read::read(&text, kind, &options, &mut Vec::new());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The whole pipeline: loads or fails with a one-line error; every output well-formed and
    /// carrying every visible character of the model.
    #[test]
    fn the_pipeline_keeps_every_output_well_formed_and_complete(
        text in document(),
        how in any::<u8>(),
        flags in any::<u8>(),
        md in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(if md { "doc.md" } else { "doc.txt" });
        fs::write(&path, encoded(&text, how)).unwrap();
        fs::copy(common::root().join("tests/data/red.png"), dir.path().join("pic.png")).unwrap();
        let options = options(flags);
        let prepared = match cjkpress::load(&path, &options) {
            Ok(p) => p.value,
            Err(e) => {
                let msg = e.to_string();
                if std::env::var_os("FUZZ_STATS").is_some() {
                    eprintln!("fuzz: refused: {msg}");
                }
                prop_assert!(!msg.is_empty() && !msg.contains('\n'), "error: {msg:?}");
                return Ok(());
            }
        };
        if std::env::var_os("FUZZ_STATS").is_some() {
            eprintln!("fuzz: converted {} bytes", text.len());
        }
        // Raw HTML is markup, not text: its tags are not drawn (the text between them is).
        let mut text_only = prepared.doc.clone();
        cjkpress::model::visit_blocks_mut(&mut text_only, &mut |b| {
            if matches!(b, cjkpress::model::Block::Html { .. }) {
                *b = cjkpress::model::Block::ThematicBreak;
            }
        });
        cjkpress::model::visit_inline_lists_mut(&mut text_only, &mut |l| {
            l.retain(|i| !matches!(i, cjkpress::model::Inline::Html(_)));
        });
        let want: BTreeSet<char> = document_text(&text_only).chars().filter(|&c| visible(c)).collect();
        for format in Format::ALL {
            let out = cjkpress::render(&prepared, format, &options)
                .map_err(|e| TestCaseError::fail(format!("{format}: {e}")))?;
            xmlcheck::assert_well_formed(&[(format, out.value.clone())]);
            // `FUZZ_SAVE=DIR` keeps every source and output, for validators too slow to run
            // per case (EPUBCheck, the Nu checker) and to replay a finding with the CLI.
            if let Some(save) = std::env::var_os("FUZZ_SAVE") {
                use std::hash::{Hash as _, Hasher as _};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (&text, how, flags, md).hash(&mut h);
                let stem = format!("{:016x}", h.finish());
                let save = Path::new(&save);
                fs::create_dir_all(save).unwrap();
                fs::copy(&path, save.join(format!("{stem}.{}", if md { "md" } else { "txt" }))).unwrap();
                fs::write(save.join(format!("{stem}.{}", format.extension())), &out.value).unwrap();
            }
            if !text_checked(format) {
                continue;
            }
            if let Some(got) = output_text(format, &out.value, dir.path()) {
                let got: BTreeSet<char> = got.chars().collect();
                let lost: String = want.difference(&got).collect();
                let points: Vec<String> = lost.chars().map(|c| format!("U+{:04X}", u32::from(c))).collect();
                prop_assert!(lost.is_empty(), "{format} lost {lost:?} ({})", points.join(" "));
            }
        }
    }
}
