//! HTML output, through the binary on the seed and the samples: the Nu HTML Checker, nothing that
//! leaves the file, the visible text against the model, anchors, raw HTML, print and dark CSS,
//! and headless Chromium drawing the text with the embedded font where no CJK font is installed.

mod common;
mod web;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use cjkpress::model::document_text;
use cjkpress::{Options, read_file};
use common::{assert_same_text, squash};
use quick_xml::XmlVersion;
use quick_xml::events::Event;

fn inputs() -> Vec<PathBuf> {
    let mut v = vec![common::seed()];
    v.extend(common::samples());
    v.push(web::features());
    v
}

fn html(input: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf, String) {
    let (dir, out) = common::convert(input, "html", extra);
    let page = std::fs::read_to_string(&out).expect("UTF-8");
    (dir, out, page)
}

/// Every attribute of every element, as (element, name, value).
fn attributes(page: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_str(page);
    reader.config_mut().check_end_names = false;
    loop {
        match reader.read_event().expect("page parses") {
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes().flatten() {
                    out.push((
                        e.name().as_ref().to_string(),
                        a.key.as_ref().to_string(),
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    ));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// A plain-text 公文 body whose first heading is `（一）` and whose next is `(1)`.
const PLAIN_LEVELS_TXT: &str = "关于开展检查的通知\n\n各单位：\n\n（一）第一项\n\n现将有关事项通知如下，请认真贯彻执行。\n\n(1)小项\n\n具体要求另行通知，请各单位按时报送。\n";

/// Markdown with inline and block raw HTML, well-formed so that `--raw-html` output stays valid.
const RAW_HTML_MD: &str = "# 标题\n\n正文<span class=\"x\">甲</span>。\n\n<div>乙</div>\n";

/// Raw HTML left open, and elements where their content models do not let them stand.
const BROKEN_HTML_MD: &str =
    "# 标题\n\n<div>\n\n正文。\n\n<li>项</li>\n\n<ul><p>段</p></ul>\n\n尾<b><p>段</p></b>。\n";

#[test]
fn nu_checker_reports_no_errors() {
    let jar = common::vnu_jar();
    if !common::available(
        "the Nu HTML Checker (npm vnu-jar) and java",
        jar.is_some() && common::have("java"),
    ) {
        return;
    }
    let mut dirs = Vec::new();
    let mut files = Vec::new();
    // The official document's page too (its own layout, `src/write/official.rs`): one JVM
    // checks every page of the suite.
    let notice = common::root().join("source/notice.md");
    for input in inputs().into_iter().chain([notice]) {
        let (dir, out, _) = html(&input, &[]);
        dirs.push(dir);
        files.push(out);
    }
    // The vertical page, with its upright numbers.
    let (vertical_dir, vertical, _) = html(&web::features(), &["--vertical"]);
    dirs.push(vertical_dir);
    files.push(vertical);
    // Well-formed raw HTML passes through with --raw-html and must stay valid.
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("raw.md");
    std::fs::write(&md, RAW_HTML_MD).unwrap();
    let (raw_dir, raw, _) = html(&md, &["--raw-html"]);
    files.push(raw);
    dirs.push(raw_dir);
    // Raw HTML that is not well-formed or breaks a content model stays text, so the page is
    // still valid and its text all there. See: issue 13, item 3 (a fuzz finding: `<div>`).
    let md = dir.path().join("broken.md");
    std::fs::write(&md, BROKEN_HTML_MD).unwrap();
    let (broken_dir, broken, page) = html(&md, &["--raw-html"]);
    for text in [
        "&lt;div&gt;",
        "&lt;li&gt;项&lt;/li&gt;",
        "&lt;p&gt;段&lt;/p&gt;",
    ] {
        assert!(page.contains(text), "{text} kept as text:\n{page}");
    }
    files.push(broken);
    dirs.push(broken_dir);
    // Skipped heading levels are closed in the model, so the page's outline skips no rank.
    // See: issue 12, item 8.
    let md = dir.path().join("skip.md");
    std::fs::write(&md, SKIPPED_LEVELS_MD).unwrap();
    let (skip_dir, skip, _) = html(&md, &[]);
    files.push(skip);
    dirs.push(skip_dir);
    // Plain text keeps the official hierarchy's levels (`（一）` level 2 with no `一、` before
    // it, `(1)` level 4): the elements' ranks still skip none, the classes keep the looks.
    let txt = dir.path().join("levels.txt");
    std::fs::write(&txt, PLAIN_LEVELS_TXT).unwrap();
    let (plain_dir, plain, page) = html(&txt, &[]);
    assert!(
        page.contains("<h2 id=\"一第一项\" class=\"level-2\">"),
        "{page}"
    );
    assert!(
        page.contains("<h3 id=\"h-1小项\" class=\"level-4\">"),
        "{page}"
    );
    files.push(plain);
    dirs.push(plain_dir);
    // A folded contents, a book's printed one, and pages with the print rules of every preset.
    let long = long_source(dir.path());
    for preset in ["handout", "book", "gongwen"] {
        let (long_dir, page, _) = html(&long, &["--preset", preset]);
        files.push(page);
        dirs.push(long_dir);
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar.unwrap())
        .arg("--errors-only")
        .args(&files)
        .output()
        .expect("java starts");
    assert!(
        out.status.success(),
        "Nu HTML Checker:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn nothing_leaves_the_file() {
    for input in inputs() {
        let (_dir, _out, page) = html(&input, &[]);
        for (element, name, value) in attributes(&page) {
            // A link the reader may follow is no resource the page loads.
            let link = element == "a" && name == "href";
            if link && (value.starts_with("https:") || value.starts_with("http:")) {
                continue;
            }
            if ["src", "href", "srcset", "action", "data", "poster"].contains(&name.as_str()) {
                assert!(
                    value.starts_with("data:") || value.starts_with('#'),
                    "{}: <{element} {name}=\"{value}\"> leaves the file",
                    input.display()
                );
            }
        }
        let lower = page.to_ascii_lowercase();
        for banned in [
            "<script", "<link", "<iframe", "<object", "<embed", "@import",
        ] {
            assert!(!lower.contains(banned), "{}: {banned}", input.display());
        }
        // Every url() in the stylesheet is inline data.
        for (i, _) in page.match_indices("url(") {
            let rest = page[i + 4..].trim_start_matches(['"', '\'']);
            assert!(
                rest.starts_with("data:"),
                "{}: url({}…",
                input.display(),
                &rest[..20.min(rest.len())]
            );
        }
        assert!(page.contains("src: url(\"data:font/woff2;base64,"));
    }
}

#[test]
fn visible_text_is_the_model_text() {
    for input in inputs() {
        let doc = read_file(&input, &Options::default()).expect("reads").value;
        let (_dir, _out, page) = html(&input, &[]);
        let seen = web::seen(&page);
        assert!(seen.notes.is_empty());
        assert_same_text(
            &squash(&seen.text),
            &squash(&document_text(&doc)),
            &input.display().to_string(),
        );
    }
}

#[test]
fn head_toc_and_anchors() {
    for input in inputs() {
        let doc = read_file(&input, &Options::default()).expect("reads").value;
        let (_dir, _out, page) = html(&input, &["--toc"]);
        assert!(page.starts_with(&format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">",
            doc.meta.lang
        )));
        assert!(page.contains(&format!("<title>{}</title>", doc.meta.title)));
        assert!(page.contains("<meta name=\"description\" content=\""));
        let attrs = attributes(&page);
        let ids: Vec<&str> = attrs
            .iter()
            .filter(|(_, n, _)| n == "id")
            .map(|(_, _, v)| v.as_str())
            .collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "{}: duplicate ids",
            input.display()
        );
        for (_, _, href) in attrs.iter().filter(|(_, n, _)| n == "href") {
            if href.starts_with("https:") {
                continue;
            }
            let target = href.strip_prefix('#').expect("internal link");
            assert!(
                unique.contains(target),
                "{}: #{target} goes nowhere",
                input.display()
            );
        }
        // The table of contents links every heading, run-in leads included, in order.
        let nav =
            &page[page.find("<nav class=\"toc\"").expect("a toc")..page.find("</nav>").unwrap()];
        let mut at = 0;
        for (_, id, _) in doc
            .blocks
            .iter()
            .filter_map(cjkpress::model::Block::heading)
        {
            let link = format!("href=\"#{id}\"");
            at += nav[at..]
                .find(&link)
                .unwrap_or_else(|| panic!("{id} not in the toc"));
            assert!(ids.contains(&id));
        }
    }
}

#[test]
fn raw_html_is_text_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("raw.md");
    std::fs::write(&md, RAW_HTML_MD).unwrap();
    let (_d1, _o1, escaped) = html(&md, &[]);
    assert!(!escaped.contains("<span class=\"x\">") && !escaped.contains("<div>"));
    assert!(escaped.contains("&lt;span class=\"x\"&gt;甲&lt;/span&gt;"));
    assert!(escaped.contains("&lt;div&gt;乙&lt;/div&gt;"));
    let (_d2, _o2, raw) = html(&md, &["--raw-html"]);
    assert!(raw.contains("<span class=\"x\">甲</span>"));
    assert!(raw.contains("<div>乙</div>"));
}

#[test]
fn css_for_screens_print_and_dark_rooms() {
    let (_d, _o, page) = html(&common::seed(), &["--preset", "gongwen"]);
    // GB/T 9704: A4, top 37 mm, binding 28 mm, a 156 × 225 mm text block.
    assert!(page.contains("@page { size: 210mm 297mm; margin: 37mm 26mm 35mm 28mm; }"));
    assert!(page.contains("@media (prefers-color-scheme: dark)"));
    assert!(page.contains("p { margin: 0; text-indent: 2em; }"));
    assert!(page.contains("text-align: justify; line-break: strict;"));
    assert!(
        page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
}

/// What a script in a copy of the page reports once its fonts are ready: each face's status, and
/// the width of the first 40 Han characters of the body text at 20 px.
fn probe(page: &Path, fontconfig: &Path) -> serde_json::Value {
    let script = r#"<script>
document.fonts.ready.then(function () {
  var faces = [];
  document.fonts.forEach(function (f) { faces.push([f.family, f.weight, f.status]); });
  var p = document.querySelector('main p');
  var text = '';
  document.querySelectorAll('main p').forEach(function (q) { text += q.textContent; });
  var han = (text.match(/[\u4e00-\u9fff]/g) || []).slice(0, 40).join('');
  var span = document.createElement('span');
  span.textContent = han;
  span.style.cssText = 'font-size: 20px; white-space: nowrap; letter-spacing: 0; position: absolute';
  p.appendChild(span);
  var out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({faces: faces, n: han.length, width: span.getBoundingClientRect().width});
  document.body.appendChild(out);
});
</script>
</body>"#;
    let html = std::fs::read_to_string(page).unwrap();
    let copy = page.with_extension("probe.html");
    std::fs::write(&copy, html.replace("</body>", script)).unwrap();
    let (dom, stderr) = common::chromium_dom(&copy, Some(fontconfig), 10_000);
    let start = dom
        .find("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("no probe result:\n{stderr}"))
        + "<pre id=\"probe\">".len();
    let json = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    serde_json::from_str(&json.replace("&amp;", "&")).expect("probe JSON")
}

#[test]
fn chromium_draws_the_text_with_the_embedded_font() {
    if !common::available("chromium", common::have("chromium")) {
        return;
    }
    let (dir, out, page) = html(&common::seed(), &[]);
    let fontconfig = common::no_cjk_fontconfig(dir.path());

    let seen = probe(&out, &fontconfig);
    let faces = seen["faces"].as_array().unwrap();
    assert!(!faces.is_empty(), "{seen}");
    for face in faces {
        assert_eq!(face[2], "loaded", "{seen}");
    }
    // Han characters of the embedded face are exactly 1 em wide.
    let n = seen["n"].as_f64().unwrap();
    assert_eq!(n, 40.0);
    assert!(
        (seen["width"].as_f64().unwrap() - 20.0 * n).abs() < 1.0,
        "{seen}"
    );

    // The same page without its @font-face rules has no face to load and draws something else
    // than 1-em Han glyphs: the check above can fail.
    let bare: String = page
        .lines()
        .filter(|l| !l.starts_with("@font-face"))
        .collect::<Vec<_>>()
        .join("\n");
    let bare_path = dir.path().join("bare.html");
    std::fs::write(&bare_path, bare).unwrap();
    let seen = probe(&bare_path, &fontconfig);
    assert!(seen["faces"].as_array().unwrap().is_empty(), "{seen}");
    assert!(
        (seen["width"].as_f64().unwrap() - 20.0 * n).abs() > 1.0,
        "{seen}"
    );
}

/// Headings that skip levels: `##` first, then `####`.
const SKIPPED_LEVELS_MD: &str =
    "---\ntitle: 跳级\n---\n\n## 第一节\n\n正文。\n\n#### 小节\n\n正文。\n\n# 第二章\n\n正文。\n";

// See: issue 12, item 8.
#[test]
fn skipped_heading_levels_are_closed_once_for_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("skip.md");
    std::fs::write(&md, SKIPPED_LEVELS_MD).unwrap();
    let out = common::run_ok(common::cjkpress().arg("dump").arg("-v").arg(&md));
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(
        notes.contains("heading `小节`: level 4 stands under level 1, set to level 2"),
        "{notes}"
    );
    let doc = cjkpress::read_file(&md, &cjkpress::Options::default())
        .unwrap()
        .value;
    let levels: Vec<u8> = doc
        .blocks
        .iter()
        .filter_map(|b| b.heading())
        .map(|h| h.0)
        .collect();
    assert_eq!(levels, [1, 2, 1]);
    let (_d, _out, page) = html(&md, &[]);
    for (tag, text) in [("h2", "第一节"), ("h3", "小节"), ("h2", "第二章")] {
        assert!(
            page.contains(&format!("<{tag} id=\"{text}\" class=")),
            "{tag} {text}"
        );
    }
}

/// A document long enough for several printed pages and a folded contents: 20 chapters of six
/// paragraphs, a web link in chapter 2.
fn long_source(dir: &Path) -> PathBuf {
    let mut md = String::from("---\ntitle: 长篇\nauthor: 编者\n---\n\n");
    for i in 1..=20 {
        md.push_str(&format!("# 第{i}章\n\n"));
        for _ in 0..6 {
            md.push_str(&"这是正文段落，用来填满页面，看看打印时页脚有没有页码。".repeat(4));
            md.push_str("\n\n");
        }
        if i == 2 {
            md.push_str("参见[项目主页](https://example.com/docs?page=2)和[第一章](#第1章)。\n\n");
        }
    }
    let path = dir.join("long.md");
    std::fs::write(&path, md).unwrap();
    path
}

/// Prints `page` to PDF with headless Chromium, without Chromium's own header and footer (its
/// footer would carry page numbers of its own).
fn print_to_pdf(page: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let pdf = page.with_extension("print.pdf");
    let out = common::chromium(profile.path())
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium starts");
    assert!(
        pdf.is_file(),
        "no PDF from Chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// The lines of each page of a PDF, with the x of each line's first word, from
/// `pdftotext -bbox-layout`.
fn pdf_lines(pdf: &Path) -> Vec<(f64, Vec<(f64, String)>)> {
    let out = common::run_ok(
        Command::new("pdftotext")
            .arg("-bbox-layout")
            .arg(pdf)
            .arg("-"),
    );
    let xml = String::from_utf8_lossy(&out.stdout).into_owned();
    let num = |s: &str, name: &str| -> f64 {
        let at = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    xml.split("<page ")
        .skip(1)
        .map(|page| {
            let width = num(page, "width");
            let lines = page
                .split("<line ")
                .skip(1)
                .map(|line| {
                    let words: Vec<&str> = line
                        .split("<word ")
                        .skip(1)
                        .map(|w| &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()])
                        .collect();
                    (num(line, "xMin"), words.join(" "))
                })
                .collect();
            (width, lines)
        })
        .collect()
}

// See: issue 12, item 8 (printed pages carry page numbers, links print their URL).
#[test]
fn printed_pages_carry_page_numbers_and_link_addresses() {
    if !common::available("chromium", common::have("chromium"))
        || !common::available("pdftotext", common::have("pdftotext"))
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = long_source(dir.path());
    for preset in ["handout", "gongwen"] {
        let (_d, page, _) = html(&source, &["--preset", preset]);
        let pages = pdf_lines(&print_to_pdf(&page));
        assert!(pages.len() >= 3, "{preset}: {} pages", pages.len());
        for (n, (width, lines)) in pages.iter().enumerate() {
            let n = n + 1;
            let (x, foot) = lines.last().expect("a page with text");
            match preset {
                "handout" => assert_eq!(foot, &n.to_string(), "{preset} page {n}: {lines:?}"),
                // GB/T 9704 §7.5: `— 1 —`, odd pages on the right, even pages on the left.
                _ => {
                    assert_eq!(foot, &format!("— {n} —"), "{preset} page {n}: {lines:?}");
                    assert_eq!(*x > width / 2.0, n % 2 == 1, "{preset} page {n} at x {x}");
                }
            }
        }
        let text: String = pages
            .iter()
            .flat_map(|p| p.1.iter().map(|l| l.1.as_str()))
            .collect();
        assert!(
            text.contains("(https://example.com/docs?page=2)"),
            "{preset}: the link's address is not printed"
        );
        assert!(
            !text.contains("(#"),
            "{preset}: an in-page link printed its fragment"
        );
    }
}

// See: issue 12, item 8 (a long contents folds) and issue 20, item 5 (the contents is there
// where the PDF prints one: `--toc`, or the book preset).
#[test]
fn contents_follow_toc_and_fold_when_long() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, _o, long) = html(&long_source(dir.path()), &["--toc"]);
    let nav = &long[long.find("<nav class=\"toc\"").expect("a toc")..long.find("</nav>").unwrap()];
    assert!(
        nav.contains(
            "<details>\n<summary class=\"toc-head\"><h2 class=\"toc-title\">目录</h2></summary>"
        ),
        "{nav}"
    );
    assert_eq!(nav.matches("<li>").count(), 20);
    let (_b, _o, seed) = html(&common::seed(), &["--toc"]);
    assert!(seed.contains("<nav class=\"toc\" aria-label=\"目录\">\n<details open>\n<summary"));
    let (_c, _o, book) = html(&common::seed(), &["--preset", "book"]);
    assert!(
        book.contains("<summary class=\"toc-head\"><h2 class=\"toc-title\">目录</h2></summary>")
    );
    for preset in ["handout", "gongwen"] {
        let (_d, _o, page) = html(&common::seed(), &["--preset", preset]);
        assert!(
            !page.contains("<nav"),
            "{preset}: a contents nobody asked for"
        );
    }
}

// See: issue 11 item 8 (generated words follow the language): a zh-Hant page's contents and
// notes are named in Traditional characters.
#[test]
fn a_traditional_page_names_its_contents_and_notes_in_traditional() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("hant.md");
    std::fs::write(
        &md,
        "---\nlang: zh-Hant\n---\n\n# 鄭伯克段于鄢\n\n初，鄭武公娶于申[^1]。\n\n[^1]: 申，國名。\n",
    )
    .unwrap();
    let (_d, _out, page) = html(&md, &["--toc"]);
    assert!(
        page.contains("<nav class=\"toc\" aria-label=\"目錄\">"),
        "{page}"
    );
    assert!(page.contains("aria-label=\"註釋\""), "{page}");
    assert!(!page.contains("注释") && !page.contains("目录"), "{page}");
}
