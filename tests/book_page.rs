//! A book page that looks like a book (issue 26, item 1): 古文觀止 and 诗经 with `--preset book
//! --toc` fill their pages to the foot unless a chapter ends, strand no heading, carry running
//! heads (the title on versos, the chapter on rectos, none where a chapter opens) and folios
//! at the outer edges on mirrored margins — in the PDF, in LibreOffice's rendering of the DOCX
//! and in Chromium's print of the HTML.
//! See: issue 26 ("Horizontal books" under Must show), issue 22 (inner/outer margins).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{cjkpress, root, tools};

/// Points per millimetre.
const MM: f64 = 72.0 / 25.4;
/// The book preset's page and text block: A5, 20 mm top, 22 mm bottom, inner 20 mm, outer 16 mm.
const PAGE_W: f64 = 148.0 * MM;
const TOP: f64 = 20.0 * MM;
const FOOT: f64 = (210.0 - 22.0) * MM;
const INNER: f64 = 20.0 * MM;
const OUTER: f64 = 16.0 * MM;
/// The body's line pitch: 10.5 pt at 1.7.
const PITCH: f64 = 10.5 * 1.7;

/// A line of text as `pdftotext -bbox-layout` finds it.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// Each page's lines.
fn pages(pdf: &Path) -> Vec<Vec<Line>> {
    let out = common::run_ok(
        Command::new("pdftotext")
            .arg("-bbox-layout")
            .arg(pdf)
            .arg("-"),
    );
    let xml = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |s: &str, name: &str| -> f64 {
        let at = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    xml.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<line ")
                .skip(1)
                .map(|l| {
                    let text = l
                        .split("<word ")
                        .skip(1)
                        .filter_map(|w| Some(w[w.find('>')? + 1..w.find("</word>")?].to_string()))
                        .collect::<String>()
                        .replace("&amp;", "&");
                    Line {
                        x0: attr(l, "xMin"),
                        y0: attr(l, "yMin"),
                        x1: attr(l, "xMax"),
                        y1: attr(l, "yMax"),
                        text,
                    }
                })
                .collect()
        })
        .collect()
}

/// Converts a test book with the book preset and its contents.
fn convert(name: &str, out: &Path) -> PathBuf {
    let src = root().join("tests/data").join(name);
    let o = cjkpress()
        .arg(&src)
        .args(["--preset", "book", "--toc", "--no-system-fonts", "-o"])
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    src
}

/// The Markdown's title, chapters (`#`), pieces (`##`) and bylines (a line of emphasis alone).
struct Book {
    title: String,
    chapters: Vec<String>,
    headings: Vec<String>,
    bylines: Vec<String>,
}

fn book(src: &Path) -> Book {
    let md = std::fs::read_to_string(src).unwrap();
    let mut b = Book {
        title: String::new(),
        chapters: Vec::new(),
        headings: Vec::new(),
        bylines: Vec::new(),
    };
    for l in md.lines() {
        if let Some(t) = l.strip_prefix("title: ") {
            b.title = t.trim().to_string();
        } else if let Some(t) = l.strip_prefix("# ") {
            b.chapters.push(t.trim().to_string());
        } else if let Some(t) = l.strip_prefix("## ") {
            b.headings.push(t.trim().to_string());
        } else if l.len() > 2 && l.starts_with('*') && l.ends_with('*') {
            b.bylines.push(l.trim_matches('*').replace(' ', ""));
        }
    }
    b
}

/// What the book's PDF pages show.
struct Checked {
    /// Pages (1-based) that are not chapter ends and have room for two more lines or more.
    short: Vec<(usize, f64)>,
    /// Headings with fewer than two lines of text after them (and their byline) on their page.
    stranded: Vec<(usize, String)>,
    /// Pages whose running head is missing or wrong, or is there on a chapter's opening page.
    heads: Vec<(usize, String)>,
    /// Pages whose folio is not at the outer edge.
    folios: Vec<(usize, f64)>,
    /// The text block's left edge on recto and verso pages.
    left: (f64, f64),
    /// Body pages looked at.
    body_pages: usize,
}

fn check(pdf: &Path, b: &Book) -> Checked {
    let pages = pages(pdf);
    let body = |ls: &[Line]| -> Vec<Line> {
        ls.iter()
            .filter(|l| l.y0 > TOP - 1.0 && l.y1 < FOOT + 3.0)
            .cloned()
            .collect()
    };
    // A heading is set larger than the body (16 and 13 pt against 10.5).
    let tall = |l: &Line| l.y1 - l.y0 > 17.0;
    let opening: Vec<bool> = pages
        .iter()
        .map(|ls| {
            body(ls)
                .first()
                .is_some_and(|l| tall(l) && b.chapters.contains(&l.text))
        })
        .collect();
    let first = opening.iter().position(|&o| o).expect("a chapter opens");
    // The page ending the most full: its last line's box ends on the foot.
    let gaps: Vec<Option<f64>> = pages
        .iter()
        .map(|ls| body(ls).iter().map(|l| FOOT - l.y1).reduce(f64::min))
        .collect();
    let full = gaps.iter().flatten().copied().fold(f64::MAX, f64::min);
    let mut c = Checked {
        short: Vec::new(),
        stranded: Vec::new(),
        heads: Vec::new(),
        folios: Vec::new(),
        left: (f64::MAX, f64::MAX),
        body_pages: 0,
    };
    let mut chapter = String::new();
    for (i, ls) in pages.iter().enumerate().skip(first) {
        let n = i + 1;
        let lines = body(ls);
        if lines.is_empty() {
            continue;
        }
        c.body_pages += 1;
        if opening[i] {
            chapter = lines[0].text.clone();
        }
        let next_blank = pages.get(i + 1).is_none_or(|p| body(p).is_empty());
        let chapter_end = next_blank || opening.get(i + 1) == Some(&true);
        if let Some(gap) = gaps[i]
            && !chapter_end
            && gap - full >= 2.0 * PITCH - 0.5
        {
            c.short.push((n, (gap - full) / PITCH));
        }
        for (k, l) in lines.iter().enumerate() {
            let heading = tall(l) && (b.headings.contains(&l.text) || b.chapters.contains(&l.text));
            let after = lines[k + 1..]
                .iter()
                .filter(|m| !tall(m) && !b.bylines.contains(&m.text.replace(' ', "")))
                .count();
            if heading && after < 2 {
                c.stranded.push((n, l.text.clone()));
            }
        }
        let head: Vec<&Line> = ls.iter().filter(|l| l.y1 < TOP - 1.0).collect();
        let want = if opening[i] {
            None
        } else if n % 2 == 0 {
            Some(&b.title)
        } else {
            Some(&chapter)
        };
        let got = head.first().map(|l| &l.text);
        if got != want {
            c.heads.push((n, format!("{got:?} where {want:?}")));
        }
        if let Some(f) = ls.iter().find(|l| l.y0 > FOOT + 3.0) {
            let outer = if n % 2 == 0 { f.x0 } else { PAGE_W - f.x1 };
            if (outer - OUTER).abs() > 1.0 {
                c.folios.push((n, outer / MM));
            }
        } else {
            c.folios.push((n, f64::NAN));
        }
        let x = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
        if n % 2 == 1 {
            c.left.0 = c.left.0.min(x);
        } else {
            c.left.1 = c.left.1.min(x);
        }
    }
    c
}

#[test]
fn book_pages_are_full_headed_and_mirrored() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["guwen.md", "shijing.md"] {
        let pdf = dir.path().join(name).with_extension("pdf");
        let b = book(&convert(name, &pdf));
        let c = check(&pdf, &b);
        assert!(c.body_pages > 100, "{name}: {} body pages", c.body_pages);
        assert!(c.short.is_empty(), "{name}: pages short: {:?}", c.short);
        assert!(c.stranded.is_empty(), "{name}: stranded: {:?}", c.stranded);
        assert!(c.heads.is_empty(), "{name}: running heads: {:?}", c.heads);
        assert!(c.folios.is_empty(), "{name}: folios (mm): {:?}", c.folios);
        // The text block starts at the inner margin on rectos, the outer on versos.
        assert!((c.left.0 - INNER).abs() < 1.5, "{name}: recto {}", c.left.0);
        assert!((c.left.1 - OUTER).abs() < 1.5, "{name}: verso {}", c.left.1);
    }
}

#[test]
fn docx_book_mirrors_its_margins_and_heads_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("shijing.docx");
    let b = book(&convert("shijing.md", &docx));
    let parts = common::unzip(&docx);
    let text = |name: &str| String::from_utf8_lossy(&parts[name]).into_owned();
    let settings = text("word/settings.xml");
    assert!(settings.contains("<w:mirrorMargins/>"), "{settings}");
    assert!(settings.contains("<w:evenAndOddHeaders/>"), "{settings}");
    let document = text("word/document.xml");
    // Inner 20 mm at the left (1134 twips), outer 16 mm at the right (907).
    assert!(document.contains("w:right=\"907\""), "no outer margin");
    assert!(document.contains("w:left=\"1134\""), "no inner margin");
    let headers: Vec<String> = parts
        .keys()
        .filter(|k| k.starts_with("word/header"))
        .map(|k| text(k))
        .collect();
    assert!(
        headers.iter().any(|h| h.contains("STYLEREF \"heading 1\"")),
        "{headers:?}"
    );
    assert!(headers.iter().any(|h| h.contains(&b.title)), "{headers:?}");
    // Every chapter's section opens without a head: its first page takes the empty `first`.
    let chapters = document.matches("<w:type w:val=\"oddPage\"/>").count();
    assert_eq!(document.matches("<w:titlePg/>").count(), chapters + 1);
    assert!(chapters >= b.chapters.len(), "{chapters} sections");

    if !tools(&["soffice", "pdftotext"]) {
        return;
    }
    let pdf = common::libreoffice(&docx, dir.path(), "pdf");
    let pages = pages(&pdf);
    let heads: Vec<&str> = pages
        .iter()
        .filter_map(|ls| ls.iter().find(|l| l.y1 < TOP - 1.0))
        .map(|l| l.text.as_str())
        .collect();
    // Every head LibreOffice sets is the title or a chapter (the odd pages' field keeps the
    // chapter it was saved with), and both kinds are there. LibreOffice 7.4 leaves out the
    // blank pages before a chapter and sets the page after an opening without a head, so
    // fewer pages carry one than in the PDF.
    let titled = heads.iter().filter(|&&h| h == b.title).count();
    let chaptered = heads
        .iter()
        .filter(|&&h| b.chapters.iter().any(|c| c == h))
        .count();
    assert_eq!(titled + chaptered, heads.len(), "{heads:?}");
    assert!(
        titled * 10 > pages.len(),
        "{titled} of {} pages carry the title",
        pages.len()
    );
    assert!(
        chaptered * 10 > pages.len(),
        "{chaptered} of {} carry a chapter",
        pages.len()
    );
}

#[test]
fn printed_html_book_has_mirrored_margins() {
    if !tools(&["chromium", "pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("shijing.html");
    convert("shijing.md", &html);
    let css = std::fs::read_to_string(&html).unwrap();
    assert!(css.contains("@page :left { margin-left: 16mm; margin-right: 20mm; }"));
    assert!(css.contains("content: string(chapter, first-except)"));
    let profile = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("print.pdf");
    let out = common::chromium(profile.path())
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium starts");
    assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    let pages = pages(&pdf);
    let left = |parity: usize| {
        pages
            .iter()
            .enumerate()
            .filter(|(i, _)| (i + 1) % 2 == parity)
            .flat_map(|(_, ls)| ls.iter().map(|l| l.x0))
            .fold(f64::MAX, f64::min)
    };
    let (recto, verso) = (left(1), left(0));
    assert!(pages.len() > 20, "{} pages", pages.len());
    assert!(
        (recto - INNER).abs() < 1.0,
        "recto text at {} mm",
        recto / MM
    );
    assert!(
        (verso - OUTER).abs() < 1.0,
        "verso text at {} mm",
        verso / MM
    );
}
