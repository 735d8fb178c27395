//! Navigation inside the PDF, read back from the file: footnote marks link to their notes and
//! the notes' numbers back to the marks (issue 11, item 8), page labels number the front matter
//! i, ii, … and the body from 1 as printed, and a book's chapters start on right-hand pages.
//! The links and labels are parsed with lopdf; the text and its positions come from poppler's
//! `pdftotext -bbox`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::pages::{self, VLine, Word, words};
use common::tools;
use lopdf::{Document, Object};

/// A link annotation that goes somewhere in the same document.
#[derive(Debug)]
struct Link {
    /// The page it is on (0-based).
    page: usize,
    /// Its box, in points from the page's top-left corner: left, top, right, bottom.
    rect: [f32; 4],
    /// The destination's page (0-based).
    to_page: usize,
    /// The destination's top, in points from the page's top.
    to_y: f32,
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// Every GoTo link annotation of `pdf`, with an explicit `/XYZ` destination.
fn links(pdf: &Path) -> Vec<Link> {
    let doc = Document::load(pdf).unwrap();
    let pages = doc.get_pages();
    let index: BTreeMap<_, _> = pages.iter().map(|(n, id)| (*id, *n as usize - 1)).collect();
    let deref = |o: &Object| -> Object {
        match o {
            Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
            other => other.clone(),
        }
    };
    let mut out = Vec::new();
    for (&n, &id) in &pages {
        let page = doc.get_dictionary(id).unwrap();
        let height = number(&page.get(b"MediaBox").unwrap().as_array().unwrap()[3]);
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        for annot in deref(annots).as_array().unwrap() {
            let annot = deref(annot);
            let annot = annot.as_dict().unwrap();
            if annot.get(b"Subtype").unwrap().as_name().unwrap() != b"Link" {
                continue;
            }
            let Ok(action) = annot.get(b"A") else {
                continue;
            };
            let action = deref(action);
            let action = action.as_dict().unwrap();
            if action.get(b"S").unwrap().as_name().unwrap() != b"GoTo" {
                continue;
            }
            let dest = deref(action.get(b"D").unwrap());
            let dest = dest.as_array().unwrap();
            assert_eq!(dest[1].as_name().unwrap(), b"XYZ", "{dest:?}");
            let r: Vec<f32> = deref(annot.get(b"Rect").unwrap())
                .as_array()
                .unwrap()
                .iter()
                .map(number)
                .collect();
            out.push(Link {
                page: n as usize - 1,
                rect: [r[0], height - r[3], r[2], height - r[1]],
                to_page: index[&dest[0].as_reference().unwrap()],
                to_y: height - number(&dest[3]),
            });
        }
    }
    out
}

/// The text of the words whose middle lies in the link's box.
fn link_text(link: &Link, words: &[Vec<Word>]) -> String {
    let [x0, y0, x1, y1] = link.rect;
    words[link.page]
        .iter()
        .filter(|w| {
            let (x, y) = ((w.x0 + w.x1) / 2.0, (w.y0 + w.y1) / 2.0);
            x > x0 && x < x1 && y > y0 && y < y1
        })
        .map(|w| w.text.as_str())
        .collect()
}

/// The visual line at the link's box.
fn link_line<'a>(link: &Link, lines: &'a [Vec<VLine>]) -> Option<&'a VLine> {
    let y = (link.rect[1] + link.rect[3]) / 2.0;
    lines[link.page]
        .iter()
        .find(|l| l.y_min <= y && y <= l.y_max && l.x_min <= link.rect[2])
}

/// How many notes [`notes_md`] has.
const NOTES: usize = 9;

/// A text of forty paragraphs, with a footnote in every fifth and note 9 referred to only by
/// note 2 (so it goes to the end): the notes fall on several pages.
fn notes_md() -> String {
    let mut body = Vec::new();
    let mut notes = Vec::new();
    for i in 0..40 {
        let mut p = format!(
            "这是正文的第{}段，用来把页面填满，让脚注分布在不同的页面上。",
            i + 1
        )
        .repeat(3);
        if i % 5 == 0 {
            let k = i / 5 + 1;
            let at = p.char_indices().nth(20).unwrap().0;
            p.insert_str(at, &format!("[^n{k}]"));
            let also = if k == 2 { "另见[^x]。" } else { "" };
            notes.push(format!(
                "[^n{k}]: 第{k}条注释的内容，说明正文的出处。{also}"
            ));
        }
        body.push(p);
    }
    format!(
        "---\ntitle: 脚注测试\n---\n\n# 正文\n\n{}\n\n{}\n[^x]: 第{NOTES}条注释的内容，只由注释引用。\n",
        body.join("\n\n"),
        notes.join("\n")
    )
}

fn convert(md: &str, name: &str, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join(format!("{name}.md"));
    fs::write(&src, md).unwrap();
    let pdf = dir.path().join(format!("{name}.pdf"));
    common::run_ok(
        common::cjkpress()
            .arg("convert")
            .arg(&src)
            .arg("-o")
            .arg(&pdf)
            .args(extra),
    );
    (dir, pdf)
}

#[test]
fn footnote_marks_and_notes_link_to_each_other() {
    if !tools(&["pdftotext"]) {
        return;
    }
    for preset in ["handout", "book"] {
        let (_dir, pdf) = convert(&notes_md(), "notes", &["--preset", preset]);
        let words = words(&pdf);
        let lines = pages::lines(&pdf);
        let links = links(&pdf);
        let note_line = |page: usize, k: usize| {
            lines[page]
                .iter()
                .find(|l| l.text.contains(&format!("第{k}条注释")))
        };
        // Each note's marks (links from the text) and back links (from the note's number).
        let mut marks: BTreeMap<usize, Vec<&Link>> = BTreeMap::new();
        let mut backs: BTreeMap<usize, Vec<&Link>> = BTreeMap::new();
        for link in &links {
            let Ok(k) = link_text(link, &words).parse::<usize>() else {
                continue;
            };
            let on_note =
                link_line(link, &lines).is_some_and(|l| l.text.contains(&format!("第{k}条注释")));
            if on_note {
                backs.entry(k).or_default().push(link);
            } else {
                marks.entry(k).or_default().push(link);
            }
        }
        let pages_with_notes: std::collections::BTreeSet<usize> = (1..=NOTES)
            .filter_map(|k| (0..lines.len()).find(|&p| note_line(p, k).is_some()))
            .collect();
        assert!(
            pages_with_notes.len() >= 3,
            "{preset}: the notes fall on several pages: {pages_with_notes:?}"
        );
        for k in 1..=NOTES {
            // The mark leads to the page with the note's text, to the note's line.
            let ms = marks
                .get(&k)
                .unwrap_or_else(|| panic!("{preset}: note {k} has a mark link"));
            assert_eq!(ms.len(), 1, "{preset}: one mark of note {k}: {ms:?}");
            let mark = ms[0];
            let line = note_line(mark.to_page, k).unwrap_or_else(|| {
                panic!(
                    "{preset}: note {k}'s mark leads to page {}, without the note",
                    mark.to_page + 1
                )
            });
            let h = line.y_max - line.y_min;
            assert!(
                (line.y_min - mark.to_y).abs() < h,
                "{preset}: note {k}'s mark lands at y {}, the note's line is at {}",
                mark.to_y,
                line.y_min
            );
            // The note's number leads back to the page with the mark, to the mark's line.
            let bs = backs
                .get(&k)
                .unwrap_or_else(|| panic!("{preset}: note {k}'s number is a link"));
            assert_eq!(bs.len(), 1, "{preset}: one back link of note {k}");
            let back = bs[0];
            assert_eq!(
                back.page, mark.to_page,
                "{preset}: note {k}: the number is where the mark leads"
            );
            assert_eq!(
                back.to_page, mark.page,
                "{preset}: note {k}'s number leads to the mark's page"
            );
            let mark_h = mark.rect[3] - mark.rect[1];
            assert!(
                (back.to_y - mark.rect[1]).abs() < mark_h,
                "{preset}: note {k}'s number lands at y {}, the mark is at {}",
                back.to_y,
                mark.rect[1]
            );
        }
        // Note 9 is referred to only from note 2: set after the body, its mark inside note 2.
        let nine = marks[&NOTES][0];
        assert!(
            note_line(nine.page, 2).is_some(),
            "{preset}: note 9's mark is in note 2"
        );
        let last = (0..lines.len())
            .rfind(|&p| lines[p].iter().any(|l| l.text.contains("第40段")))
            .unwrap();
        assert!(nine.to_page >= last, "{preset}: note 9 is after the body");
    }
}

/// A book's pages: a title, contents and chapters of different lengths, so that some would
/// start on a left-hand page.
fn chapters_md() -> String {
    let mut md = String::from("---\ntitle: 章节测试\nauthor: 某人\n---\n\n");
    for (c, n) in [(1, 9), (2, 4), (3, 13), (4, 6), (5, 20), (6, 3)] {
        md.push_str(&format!("# 第{c}章 标题\n\n"));
        for i in 0..n {
            md.push_str(&format!(
                "{}\n\n",
                format!("第{c}章第{}段的文字，内容不多，只为占据一些篇幅。", i + 1).repeat(4)
            ));
        }
    }
    md
}

/// Lower-case Roman numerals, for the front matter's labels.
fn roman(n: usize) -> String {
    [
        "", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
    ][n]
        .to_string()
}

/// The page labels from the catalog's `/PageLabels` (only `/S` and `/St`, as we write them).
fn page_labels(pdf: &Path) -> Vec<String> {
    let doc = Document::load(pdf).unwrap();
    let n = doc.get_pages().len();
    let catalog = doc.catalog().unwrap();
    let labels = catalog
        .get(b"PageLabels")
        .expect("/PageLabels in the catalog");
    let labels = match labels {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        o => o.as_dict().unwrap(),
    };
    let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
    let ranges: Vec<(usize, Vec<u8>, usize)> = nums
        .chunks(2)
        .map(|pair| {
            let d = pair[1].as_dict().unwrap();
            let st = d.get(b"St").map_or(1, |s| s.as_i64().unwrap() as usize);
            (
                pair[0].as_i64().unwrap() as usize,
                d.get(b"S").unwrap().as_name().unwrap().to_vec(),
                st,
            )
        })
        .collect();
    (0..n)
        .map(|p| {
            let (start, s, st) = ranges.iter().rev().find(|r| r.0 <= p).unwrap();
            let v = p - start + st;
            match s.as_slice() {
                b"D" => v.to_string(),
                b"r" => roman(v),
                other => panic!("label style {other:?}"),
            }
        })
        .collect()
}

/// The page number printed at the foot of a page: its last line, when that is a number.
fn printed(page: &[VLine]) -> Option<&str> {
    let last = page.last()?;
    let t = last.text.as_str();
    let numeral = !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit()) || t.chars().all(|c| "ivxlcdm".contains(c)));
    numeral.then_some(t)
}

#[test]
fn page_labels_match_the_printed_numbers() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let (_dir, pdf) = convert(&chapters_md(), "chapters", &["--preset", "book"]);
    let labels = page_labels(&pdf);
    let lines = pages::lines(&pdf);
    assert_eq!(labels.len(), lines.len());
    // The title page and the contents are the front matter: i, ii.
    assert!(lines[0].iter().any(|l| l.text.contains("章节测试")));
    assert!(lines[1].iter().any(|l| l.text == "目录"));
    assert_eq!(&labels[..3], ["i", "ii", "1"], "{labels:?}");
    assert_eq!(printed(&lines[0]), None, "no number on the title page");
    assert_eq!(
        printed(&lines[1]),
        Some("ii"),
        "the contents numbered in Roman"
    );
    assert!(lines[2].iter().any(|l| l.text.contains("第1章")));
    assert_eq!(printed(&lines[2]), Some("1"), "the body starts at 1");
    // Every number printed is the page's label; only blank pages and the title page have none.
    for (p, page) in lines.iter().enumerate() {
        match printed(page) {
            Some(n) => assert_eq!(n, labels[p], "page {}", p + 1),
            None => assert!(p == 0 || page.is_empty(), "page {} has no number", p + 1),
        }
    }
    // The contents give each chapter the label of its page.
    for c in 1..=6 {
        let title = format!("第{c}章标题");
        let page = (2..lines.len())
            .find(|&p| lines[p].iter().any(|l| l.text == title))
            .unwrap();
        let entry = lines[1]
            .iter()
            .find(|l| l.text.starts_with(&title))
            .unwrap_or_else(|| panic!("{title} in the contents"));
        // The leaders are drawn, not text: the number follows the title.
        assert!(
            entry.text[title.len()..] == labels[page],
            "{title}: the contents say {}, the page is {}",
            entry.text,
            labels[page]
        );
    }

    // Without front matter the pages are numbered 1, 2, … from the first.
    let (_dir, handout) = convert(&chapters_md(), "handout", &[]);
    let labels = page_labels(&handout);
    let lines = pages::lines(&handout);
    for (p, page) in lines.iter().enumerate() {
        assert_eq!(labels[p], (p + 1).to_string());
        assert_eq!(printed(page), Some(labels[p].as_str()));
    }
}

#[test]
fn book_chapters_start_on_right_hand_pages() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let (_dir, pdf) = convert(&chapters_md(), "chapters", &["--preset", "book"]);
    let labels = page_labels(&pdf);
    let lines = pages::lines(&pdf);
    for c in 1..=6 {
        let title = format!("第{c}章标题");
        let page = (2..lines.len())
            .find(|&p| lines[p].iter().any(|l| l.text == title))
            .unwrap();
        // A right-hand page: odd in the body's numbering and in the sheet's.
        let n: usize = labels[page].parse().unwrap();
        assert!(n % 2 == 1, "{title} starts on page {n}");
        assert!(page % 2 == 0, "{title} is on the {}th sheet side", page + 1);
        assert_eq!(printed(&lines[page]), Some(labels[page].as_str()));
    }
    // Some chapters needed a blank page before them, and it stays blank: no number.
    let blank: Vec<usize> = (0..lines.len()).filter(|&p| lines[p].is_empty()).collect();
    assert!(!blank.is_empty(), "a blank left-hand page somewhere");
    for p in blank {
        assert!(p % 2 == 1, "a blank page {} is a left-hand one", p + 1);
        assert!(
            lines[p + 1].iter().any(|l| l.text.contains("章标题")),
            "a chapter follows blank page {}",
            p + 1
        );
    }
}
