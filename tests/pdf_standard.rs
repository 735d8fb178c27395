//! The PDF as an accessible, archival file (issue 20, items 3 and 4): PyPI `page-validation`
//! finds no failed rule of PDF/UA-1 or PDF/A-2u on the seed in every preset, the official notices,
//! the two books and a Markdown file with every feature; `pdfinfo` calls them tagged; and the
//! structure tree, read back with pikepdf (`tests/tools/pdfcheck.py`), reads like the source:
//! headings at the outline's levels, one P per paragraph, header cells, figures with their
//! alternative text, notes and their references, no page number in it, and the source's order.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{convert, full_width, output, root, seed, tools};
use serde_json::Value;

/// Whether python3 has page-validation and pikepdf (`.ci/run` installs them).
fn python_modules() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import page, pikepdf"])
        .output()
        .is_ok_and(|o| o.status.success());
    common::available("python3 with page-validation and pikepdf", found)
}

/// `tests/tools/pdfcheck.py COMMAND pdf`, parsed.
fn pdfcheck(command: &str, pdf: &Path) -> Value {
    let out = output(
        Command::new("python3")
            .arg(root().join("tests/tools/pdfcheck.py"))
            .arg(command)
            .arg(pdf),
    );
    serde_json::from_str(&out).expect("pdfcheck prints JSON")
}

/// The documents the standards are checked on, with their options.
fn corpus() -> Vec<(PathBuf, Vec<&'static str>)> {
    let data = root().join("tests/data");
    let book = vec!["--preset", "book", "--toc"];
    vec![
        (seed(), vec!["--preset", "handout"]),
        (seed(), vec!["--preset", "gongwen"]),
        (seed(), vec!["--preset", "book"]),
        (root().join("source/notice.md"), vec!["--preset", "gongwen"]),
        (data.join("typed-notice.txt"), vec!["--preset", "gongwen"]),
        (data.join("lunyu.md"), book.clone()),
        (data.join("shijing.md"), book),
        (data.join("features.md"), vec![]),
        (data.join("languages.md"), vec![]),
        // Vertical text: Identity-V fonts, turned Latin with invisible upright text.
        (
            data.join("shijing.md"),
            vec!["--preset", "book", "--vertical"],
        ),
        (data.join("features.md"), vec!["--vertical"]),
    ]
}

fn pdf_of(input: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let mut args = vec!["--no-system-fonts"];
    args.extend_from_slice(extra);
    convert(input, "pdf", &args)
}

#[test]
fn every_sample_conforms_to_pdf_ua_1_and_pdf_a_2u() {
    if !python_modules() || !tools(&["pdfinfo"]) {
        return;
    }
    let mut failures = Vec::new();
    for (input, extra) in corpus() {
        let (_dir, pdf) = pdf_of(&input, &extra);
        let what = format!("{} {}", input.display(), extra.join(" "));
        let info = output(Command::new("pdfinfo").arg(&pdf));
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{what}: {info}"
        );
        let tree = pdfcheck("tree", &pdf);
        let xmp = tree["xmp"].as_str().unwrap();
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{what}");
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{what}");
        assert!(
            xmp.contains("<pdfaid:conformance>U</pdfaid:conformance>"),
            "{what}"
        );
        for (profile, failed) in pdfcheck("validate", &pdf).as_object().unwrap() {
            for f in failed.as_array().unwrap() {
                failures.push(format!("{what}: {profile} {} {}", f[0], f[1]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An element of the structure tree as pdfcheck reads it.
struct Element {
    s: String,
    depth: u64,
    text: String,
    attrs: Value,
}

fn elements(tree: &Value) -> Vec<Element> {
    tree["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| Element {
            s: e["s"].as_str().unwrap().to_string(),
            depth: e["depth"].as_u64().unwrap(),
            text: squeeze(e["text"].as_str().unwrap()),
            attrs: e.clone(),
        })
        .collect()
}

/// Text without whitespace: the layout turns spaces into gaps and back.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of the whole tree as a reader takes it.
fn tree_text(tree: &Value) -> String {
    squeeze(tree["reading"].as_str().unwrap())
}

/// Headings in document order with the outline's titles and levels.
fn assert_headings_follow_the_outline(tree: &Value, what: &str) {
    let headings: Vec<(u64, String)> = elements(tree)
        .iter()
        .filter_map(|e| {
            let level = e.s.strip_prefix('H')?.parse().ok()?;
            Some((level, e.text.clone()))
        })
        .collect();
    let outline: Vec<(u64, String)> = tree["outline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o[0].as_u64().unwrap(), squeeze(o[1].as_str().unwrap())))
        .collect();
    assert!(!headings.is_empty(), "{what}: no headings");
    assert_eq!(headings, outline, "{what}");
}

#[test]
fn the_features_tree_has_every_element_in_the_source_order() {
    if !python_modules() {
        return;
    }
    let (_dir, pdf) = pdf_of(&root().join("tests/data/features.md"), &[]);
    let tree = pdfcheck("tree", &pdf);
    let els = elements(&tree);
    assert_headings_follow_the_outline(&tree, "features.md");
    assert_eq!(els[0].s, "Document");
    assert_eq!(tree["lang"], "zh-Hans");
    assert_eq!(tree["marked"], true);
    assert_eq!(tree["display_doc_title"], true);
    assert_eq!(tree["output_intents"][0], "/GTS_PDFA1");
    let full = |e: &Element| squeeze(e.attrs["full"].as_str().unwrap());

    // One P per paragraph, each with its whole text (its links included).
    let ps: Vec<String> = els.iter().filter(|e| e.s == "P").map(full).collect();
    for paragraph in [
        "前言一段，见第二章，或访问示例网站。",
        "引文一段。",
        "引文中的引文。",
        "第一步的说明。",
        "注一的内容。",
        "注二，重要。",
    ] {
        assert_eq!(
            ps.iter().filter(|p| *p == paragraph).count(),
            1,
            "{paragraph} in {ps:?}"
        );
    }

    // The table: a row of column headers, two rows of data cells.
    let cells: Vec<(&str, &str)> = els
        .iter()
        .filter(|e| e.s == "TH" || e.s == "TD")
        .map(|e| (e.s.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            ("TH", "名称"),
            ("TH", "数量"),
            ("TD", "苹果"),
            ("TD", "3"),
            ("TD", "梨"),
            ("TD", "12"),
        ]
    );
    for th in els.iter().filter(|e| e.s == "TH") {
        assert_eq!(th.attrs["scope"], "Column");
    }
    assert_eq!(els.iter().filter(|e| e.s == "TR").count(), 3);

    // Figures: the alt text, else the file name (and the caption under the first).
    let alts: Vec<&str> = els
        .iter()
        .filter(|e| e.s == "Figure")
        .map(|e| e.attrs["alt"].as_str().unwrap())
        .collect();
    assert_eq!(alts, ["红色方块", "red.png"]);
    assert!(els.iter().any(|e| e.s == "Caption" && e.text == "红色方块"));

    // Notes: unique ids; each reference holds a link to its note; a note is read right after
    // the paragraph that first refers to it.
    let notes: Vec<usize> = (0..els.len()).filter(|&i| els[i].s == "Note").collect();
    assert_eq!(notes.len(), 2);
    let ids: std::collections::BTreeSet<&str> = notes
        .iter()
        .map(|&i| els[i].attrs["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "unique note ids");
    let refs: Vec<usize> = (0..els.len())
        .filter(|&i| els[i].s == "Reference")
        .collect();
    assert_eq!(refs.len(), 3, "note 1 is referred to twice");
    for &r in &refs {
        assert_eq!(els[r + 1].s, "Link", "a reference holds its link");
    }
    for &n in &notes {
        // The note's number (its link back), and the paragraph just before it at its level.
        assert_eq!(els[n + 1].s, "Link");
        let number = &els[n + 1].text;
        let referring = (0..n)
            .rev()
            .find(|&i| els[i].depth == els[n].depth)
            .unwrap();
        assert_eq!(els[referring].s, "P");
        let marks: Vec<&str> = els[referring + 1..n]
            .iter()
            .filter(|e| e.s == "Link")
            .map(|e| e.text.as_str())
            .collect();
        assert!(marks.contains(&number.as_str()), "{number} in {marks:?}");
    }

    // Lists: labels and bodies in items, a list inside an item's body; a quote in a quote.
    assert_eq!(
        els.iter()
            .filter(|e| e.s == "Lbl")
            .map(|e| e.text.as_str())
            .collect::<Vec<_>>(),
        ["1.", "2.", "1.", "2."]
    );
    assert!(els.iter().filter(|e| e.s == "L").any(|e| e.depth > 3));
    assert!(
        els.windows(3)
            .any(|w| w[0].s == "BlockQuote" && w[2].s == "BlockQuote" && w[2].depth > w[0].depth)
    );
    assert!(els.iter().any(|e| e.s == "Code" && e.text == "fnmain(){}"));

    // Links: each annotation in a Link element, saying what it does.
    for a in tree["annotations"].as_array().unwrap() {
        assert!(!a["contents"].as_str().unwrap().is_empty());
        assert_eq!(a["flags"], 4);
        assert!(a["struct_parent"].is_u64());
    }
    assert!(tree["tabs"].as_array().unwrap().iter().all(|t| t == "/S"));

    // The source's order, and no page number in the tree.
    let text = tree_text(&tree);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} not in {text}"));
    let order = [
        "功能测试",
        "前言一段",
        "第一章正文",
        "注一的内容",
        "红色方块",
        "名称数量",
        "一项",
        "甲",
        "子丑",
        "已办",
        "待办",
        "引文一段",
        "引文中的引文",
        "fnmain",
        "第一节内容",
        "注二",
        "第一步",
        "第二步",
        "第二章再次引用",
    ];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    for (page, artifact) in tree["artifacts"].as_array().unwrap().iter().enumerate() {
        assert_eq!(squeeze(artifact.as_str().unwrap()), (page + 1).to_string());
    }
}

/// The text of each page as poppler reads it, whitespace squeezed out.
fn pdftotext_pages(pdf: &Path, pages: usize) -> Vec<String> {
    (1..=pages)
        .map(|p| {
            squeeze(&output(
                Command::new("pdftotext")
                    .args(["-f", &p.to_string(), "-l", &p.to_string()])
                    .arg(pdf)
                    .arg("-"),
            ))
        })
        .collect()
}

/// Reading the tree gives the page text in order, without the page numbers.
#[test]
fn the_seed_reads_the_same_by_its_tree_as_on_its_pages() {
    if !python_modules() || !tools(&["pdftotext"]) {
        return;
    }
    for preset in ["handout", "gongwen", "book"] {
        let (_dir, pdf) = pdf_of(&seed(), &["--preset", preset]);
        let tree = pdfcheck("tree", &pdf);
        // By page, the text of each artifact sequence: the page number, the running head.
        let artifacts: Vec<Vec<String>> = tree["artifact_pieces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let pieces = a.as_array().unwrap().iter();
                pieces.map(|p| squeeze(p.as_str().unwrap())).collect()
            })
            .collect();
        let mut pages = String::new();
        for (text, pieces) in pdftotext_pages(&pdf, artifacts.len())
            .iter()
            .zip(&artifacts)
        {
            assert!(
                !pieces.is_empty() || preset != "handout",
                "{preset}: page number"
            );
            // Each artifact is on the page where poppler's reading order puts it (the page
            // number last, the running head first, on a contents page between blocks it sets
            // apart by their indent); what is left is the text the tree reads.
            let mut body = text.clone();
            for piece in pieces {
                let at = body
                    .rfind(piece.as_str())
                    .unwrap_or_else(|| panic!("{preset}: page text {text} does not have {piece}"));
                body.replace_range(at..at + piece.len(), "");
            }
            pages.push_str(&body);
        }
        assert_eq!(tree_text(&tree), pages, "{preset}");
        assert_headings_follow_the_outline(&tree, preset);
    }
}

/// 论语 as a book: a title, the contents as TOC › TOCI, then one H1 per chapter and one P per
/// paragraph of the source, in order.
#[test]
fn a_book_has_its_contents_and_one_paragraph_per_source_paragraph() {
    if !python_modules() {
        return;
    }
    let source = root().join("tests/data/lunyu.md");
    let (_dir, pdf) = pdf_of(&source, &["--preset", "book", "--toc"]);
    let tree = pdfcheck("tree", &pdf);
    assert_headings_follow_the_outline(&tree, "lunyu.md");
    let els = elements(&tree);
    let tocis: Vec<&Element> = els.iter().filter(|e| e.s == "TOCI").collect();
    let outline = tree["outline"].as_array().unwrap();
    assert_eq!(tocis.len(), outline.len());
    let text = std::fs::read_to_string(&source).unwrap();
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    let expected: Vec<(String, String)> = body
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| match b.strip_prefix("# ") {
            Some(h) => ("H1".to_string(), squeeze(h)),
            None => ("P".to_string(), full_width(&squeeze(b))),
        })
        .collect();
    // After the contents: the chapters' headings and paragraphs, nothing else.
    let first_h = els.iter().position(|e| e.s == "H1").unwrap();
    let found: Vec<(String, String)> = els[first_h..]
        .iter()
        .filter(|e| e.s == "H1" || e.s == "P")
        .map(|e| (e.s.clone(), e.text.clone()))
        .collect();
    assert_eq!(found.len(), expected.len());
    for (f, e) in found.iter().zip(&expected) {
        assert_eq!(f, e);
    }
    // Page numbers are artifacts, never in the tree.
    let labels: Vec<String> = tree["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| squeeze(a.as_str().unwrap()))
        .collect();
    assert!(labels.iter().any(|l| l == "ii") && labels.iter().any(|l| l == "1"));
    let texts: std::collections::BTreeSet<&str> = els.iter().map(|e| e.text.as_str()).collect();
    assert!(!texts.contains("ii"));
}

/// A paragraph, item or heading in Japanese or English carries its language on its element
/// (ISO 14289-1 §7.2); Chinese text with Latin words in it, or one kana word quoted, does not.
#[test]
fn a_block_in_another_language_has_its_lang_and_latin_words_in_chinese_do_not() {
    if !python_modules() {
        return;
    }
    let (_dir, pdf) = pdf_of(&root().join("tests/data/languages.md"), &[]);
    let tree = pdfcheck("tree", &pdf);
    assert_eq!(tree["lang"], "zh-Hans");
    let lang_of = |start: &str| {
        let els = elements(&tree);
        let e = els
            .iter()
            .find(|e| e.text.starts_with(&squeeze(start)))
            .unwrap_or_else(|| panic!("no element starts with {start}"));
        (e.s.clone(), e.attrs["lang"].as_str().map(str::to_string))
    };
    let some = |s: &str, lang: &str| (s.to_string(), Some(lang.to_string()));
    assert_eq!(lang_of("吾輩は猫である"), some("P", "ja"));
    assert_eq!(lang_of("This paragraph"), some("P", "en"));
    assert_eq!(lang_of("English heading"), some("H2", "en"));
    assert_eq!(lang_of("An item"), some("P", "en"));
    for chinese in ["这是中文段落", "他说", "列表里", "第一章"] {
        assert_eq!(lang_of(chinese).1, None, "{chinese}");
    }
    // The language is said once, on the block: nothing inside it repeats it.
    let langs = elements(&tree)
        .iter()
        .filter(|e| e.attrs.get("lang").is_some())
        .count();
    assert_eq!(langs, 4);
}

fn xmp_of(pdf: &Path) -> String {
    let bytes = std::fs::read(pdf).unwrap();
    let start = bytes.windows(9).position(|w| w == b"<x:xmpmet").unwrap();
    let end = bytes
        .windows(12)
        .position(|w| w == b"</x:xmpmeta>")
        .unwrap();
    String::from_utf8(bytes[start..end].to_vec()).unwrap()
}

#[test]
fn the_standard_flag_sets_the_claim_and_the_file_is_tagged_either_way() {
    if !tools(&["pdfinfo"]) {
        return;
    }
    let cases = [
        ("none", false, false),
        ("ua-1", true, false),
        ("a-2u", false, true),
        ("ua-1,a-2u", true, true),
    ];
    for (flag, ua, a) in cases {
        let (_dir, pdf) = pdf_of(&seed(), &["--pdf-standard", flag]);
        let xmp = xmp_of(&pdf);
        assert_eq!(xmp.contains("<pdfuaid:part>1"), ua, "{flag}");
        assert_eq!(xmp.contains("<pdfaid:part>2"), a, "{flag}");
        let info = output(Command::new("pdfinfo").arg(&pdf));
        assert!(info.contains("Tagged:          yes"), "{flag}: {info}");
    }
    let out = common::cjkpress()
        .args([
            "convert",
            "x.md",
            "-o",
            "x.pdf",
            "--pdf-standard",
            "pdf/x-4",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid value 'pdf/x-4'"), "{stderr}");
    assert!(stderr.contains("ua-1, a-2u, none"), "{stderr}");
}

/// A character no face covers is drawn as a blank box, the `.notdef` glyph, which neither
/// standard allows: the file says why and claims neither.
#[test]
fn a_document_that_cannot_conform_says_so_and_claims_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("box.md");
    std::fs::write(&src, "象形文字𓀀在此。\n").unwrap();
    let pdf = dir.path().join("box.pdf");
    let out = common::run_ok(
        common::cjkpress()
            .arg("convert")
            .arg(&src)
            .arg("-o")
            .arg(&pdf)
            .arg("--no-system-fonts"),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not claiming PDF/UA-1"), "{stderr}");
    assert!(stderr.contains("not claiming PDF/A-2u"), "{stderr}");
    let xmp = xmp_of(&pdf);
    assert!(
        !xmp.contains("pdfuaid:part") && !xmp.contains("pdfaid:part"),
        "{xmp}"
    );
}
