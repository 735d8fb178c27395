//! The presentation plan seen from the outputs: every format draws the table of contents with
//! glyphs its subsets hold and lists the same entries; secondary sizes agree across formats; bold
//! comes from a real bold face. See: issue 10.

mod common;

use common::tools;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use cjkpress::style::{Element, Preset, Style};

/// A document whose headings carry bold text, sit in a quote and lead paragraphs: the cases that
/// used to draw boxes in the contents.
const TOC_SOURCE: &str = "---\ntitle: 鼹鼠的故事\n---\n\n# 第一章**鼹鼠**\n\n正文一段。\n\n> ## 引文里的**鼯鼠**标题\n>\n> 引文。\n\n## 第二节\n\n### 第三小节\n\n#### 第四级不入目录\n\n正文。\n";

fn write_source(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Builds all four formats of `source` into `dir` and returns stderr.
fn build_all(source: &Path, dir: &Path, extra: &[&str]) -> String {
    let out = common::run_ok(
        common::cjkpress()
            .arg("build")
            .arg(source)
            .arg("-o")
            .arg(dir)
            .args(extra),
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The characters the embedded regular face of the DOCX's default family maps: the font table
/// entry of the `Normal` style's family, its `.odttf` de-obfuscated (ECMA-376 Part 1 §17.8.1: the
/// first 32 bytes XORed with the key's 16 bytes in reverse order).
fn docx_body_font_chars(docx: &Path) -> Vec<char> {
    let parts = common::unzip(docx);
    let text = |name: &str| String::from_utf8(parts[name].clone()).unwrap();
    let styles = text("word/styles.xml");
    let defaults = &styles[styles.find("<w:rPrDefault>").unwrap()..];
    let at = defaults.find("w:eastAsia=\"").unwrap() + "w:eastAsia=\"".len();
    let family = &defaults[at..at + defaults[at..].find('"').unwrap()];
    let table = text("word/fontTable.xml");
    let entry = &table[table.find(&format!("w:name=\"{family}\"")).unwrap()..];
    let embed = &entry[entry.find("<w:embedRegular").unwrap()..];
    let attr = |name: &str| {
        let at = embed.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        embed[at..at + embed[at..].find('"').unwrap()].to_string()
    };
    let (rid, key) = (attr("r:id"), attr("w:fontKey"));
    let rels = text("word/_rels/fontTable.xml.rels");
    let rel = &rels[rels.find(&format!("Id=\"{rid}\"")).unwrap()..];
    let at = rel.find("Target=\"").unwrap() + "Target=\"".len();
    let target = format!("word/{}", &rel[at..at + rel[at..].find('"').unwrap()]);
    let digits: Vec<u8> = key
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_digit(16).unwrap() as u8)
        .collect();
    let mut key: Vec<u8> = digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
    key.reverse();
    let mut font = parts[&target].clone();
    for (i, b) in font.iter_mut().take(32).enumerate() {
        *b ^= key[i % 16];
    }
    let face = ttf_parser::Face::parse(&font, 0).expect("the embedded font parses");
    let mut chars = Vec::new();
    for sub in face.tables().cmap.unwrap().subtables {
        sub.codepoints(|cp| chars.extend(char::from_u32(cp)));
    }
    chars
}

fn unzip(path: &Path) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if let Ok(text) = String::from_utf8(bytes) {
            out.insert(entry.name().to_string(), text);
        }
    }
    out
}

/// The text of every element `<tag …>…</tag>` (tags inside removed), in order.
fn texts_of(xml: &str, open: &str, close: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(open) {
        let after = &rest[start..];
        let body_start = after.find('>').unwrap() + 1;
        let end = after.find(close).unwrap();
        out.push(strip_tags(&after[body_start..end]));
        rest = &after[end + close.len()..];
    }
    out
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn pdftotext(pdf: &Path, first: u32, last: u32) -> String {
    let out = common::run_ok(
        Command::new("pdftotext")
            .args(["-f", &first.to_string(), "-l", &last.to_string(), "-layout"])
            .arg(pdf)
            .arg("-"),
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The contents entries of each format, in order.
/// `nav` without its hidden lists (each hidden `<ol>` with everything up to its `</ol>`).
fn shown(nav: &str) -> String {
    const HIDDEN: &str = "<ol hidden=\"hidden\">";
    let mut out = String::new();
    let mut rest = nav;
    while let Some(start) = rest.find(HIDDEN) {
        out.push_str(&rest[..start]);
        let mut depth = 1;
        let mut at = start + HIDDEN.len();
        while depth > 0 {
            let open = rest[at..].find("<ol").map(|i| i + at);
            let close = at + rest[at..].find("</ol>").expect("a closed list");
            match open {
                Some(o) if o < close => {
                    depth += 1;
                    at = o + 3;
                }
                _ => {
                    depth -= 1;
                    at = close + 5;
                }
            }
        }
        rest = &rest[at..];
    }
    out.push_str(rest);
    out
}

fn entries(dir: &Path, stem: &str) -> BTreeMap<&'static str, Vec<String>> {
    let mut by_format = BTreeMap::new();

    // PDF: the lines after 目录 up to the page break, without leaders and page numbers.
    let text = pdftotext(&dir.join(format!("{stem}.pdf")), 1, 3);
    let toc = &text[text.find("目录").expect("a contents page") + "目录".len()..];
    let toc = &toc[..toc.find('\u{c}').unwrap_or(toc.len())];
    let pdf: Vec<String> = toc
        .lines()
        .map(|l| {
            l.trim()
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .trim()
                .to_string()
        })
        // The contents page's own number, in Roman numerals (front matter).
        .filter(|l| !l.is_empty() && !l.chars().all(|c| "ivxlcdm".contains(c)))
        .collect();
    by_format.insert("pdf", pdf);

    // DOCX: the paragraphs in the TOC styles.
    let docx = unzip(&dir.join(format!("{stem}.docx")));
    let doc = &docx["word/document.xml"];
    let mut toc = Vec::new();
    let mut rest = doc.as_str();
    while let Some(start) = rest.find("<w:p>") {
        let after = &rest[start..];
        let end = after.find("</w:p>").unwrap();
        let p = &after[..end];
        if (1..=9).any(|n| p.contains(&format!("<w:pStyle w:val=\"TOC{n}\""))) {
            // Only the entry's text: the page number follows a tab, in a `PAGEREF` field.
            let title = p.split("<w:tab/>").next().unwrap();
            toc.push(texts_of(title, "<w:t>", "</w:t>").concat());
        }
        rest = &after[end..];
    }
    by_format.insert("docx", toc);

    // HTML: the links of the contents.
    let html = std::fs::read_to_string(dir.join(format!("{stem}.html"))).unwrap();
    let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
    by_format.insert("html", texts_of(nav, "<a ", "</a>"));

    // EPUB: the navigation document's links, after the title page's.
    let epub = unzip(&dir.join(format!("{stem}.epub")));
    let nav = epub
        .iter()
        .find(|(k, _)| k.ends_with("nav.xhtml"))
        .map(|(_, v)| v.clone())
        .unwrap();
    // The levels the printed contents leave out stay in the navigation, hidden on the page.
    let toc_nav = shown(&nav[..nav.find("</nav>").unwrap()]);
    let links: Vec<String> = texts_of(&toc_nav, "<a ", "</a>")
        .into_iter()
        .skip(1)
        .collect();
    by_format.insert("epub", links);
    by_format
}

#[test]
fn every_format_lists_the_same_contents_without_boxes() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = write_source(dir.path(), "mole.md", TOC_SOURCE);
    let out = dir.path().join("out");
    let stderr = build_all(&source, &out, &["--toc"]);
    assert!(
        !stderr.contains("lack"),
        "a writer drew a glyph its subsets lack: {stderr}"
    );
    let found = entries(&out, "mole");
    let want = vec![
        "第一章鼹鼠".to_string(),
        "引文里的鼯鼠标题".to_string(),
        "第二节".to_string(),
        "第三小节".to_string(),
    ];
    for (format, got) in &found {
        assert_eq!(got, &want, "{format} contents");
    }
    // The DOCX contents are in the default (body) face, regular: its embedded subset must draw
    // them, bold heading text included.
    let covered = docx_body_font_chars(&out.join("mole.docx"));
    for c in want.concat().chars() {
        assert!(covered.contains(&c), "the DOCX body font lacks {c}");
    }
}

#[test]
fn run_in_headings_of_a_plain_text_are_entries_everywhere() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = "关于做好冬季防火工作的通知\n\n一、提高认识\n\n冬季天干物燥，火灾多发。\n\n（一）加强领导。各单位要明确责任人，层层落实。\n\n二、落实措施\n\n各单位要认真排查隐患。\n";
    let source = write_source(dir.path(), "notice.txt", text);
    let out = dir.path().join("out");
    let stderr = build_all(&source, &out, &["--toc"]);
    assert!(!stderr.contains("lack"), "{stderr}");
    let found = entries(&out, "notice");
    let want = ["一、提高认识", "（一）加强领导。", "二、落实措施"].map(String::from);
    for (format, got) in &found {
        assert_eq!(got, &want, "{format} contents");
    }
}

/// A document with a subtitle, a code block and a footnote.
const SIZES_SOURCE: &str = "---\ntitle: 尺寸\nsubtitle: 副标题在这里\n---\n\n正文有一个脚注[^1]。\n\n```\nfn main() {}\n```\n\n[^1]: 脚注的文字。\n";

/// The font size of a DOCX paragraph style, in points.
fn docx_style_size(styles: &str, id: &str) -> f32 {
    let start = styles
        .find(&format!("w:styleId=\"{id}\""))
        .unwrap_or_else(|| panic!("style {id}"));
    let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
    let at = style.find("<w:sz w:val=\"").expect("a size") + "<w:sz w:val=\"".len();
    let half: f32 = style[at..at + style[at..].find('"').unwrap()]
        .parse()
        .unwrap();
    half / 2.0
}

/// The `font-size` of the first CSS rule whose selector list starts with `selector`, in points.
fn css_size(css: &str, selector: &str, body: f32) -> f32 {
    let rule = css
        .lines()
        .find(|l| l.starts_with(selector) && l.contains("font-size:"))
        .unwrap_or_else(|| panic!("a rule for {selector}"));
    let at = rule.find("font-size:").unwrap() + "font-size:".len();
    let value = rule[at..].trim_start();
    let em: f32 = value[..value.find("em").unwrap()].parse().unwrap();
    em * body
}

/// Every text size set in the PDF's content streams (`Tf` operands).
fn pdf_sizes(pdf: &Path) -> Vec<f32> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut sizes = Vec::new();
    for (_, page) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(page).unwrap();
        for op in content.operations {
            if op.operator == "Tf"
                && let Some(size) = op.operands.get(1).and_then(|o| o.as_float().ok())
            {
                sizes.push(size);
            }
        }
    }
    sizes
}

#[test]
fn secondary_sizes_are_the_same_in_every_format() {
    for preset in [Preset::Handout, Preset::Book] {
        let style = Style::preset(preset);
        let dir = tempfile::tempdir().unwrap();
        let source = write_source(dir.path(), "sizes.md", SIZES_SOURCE);
        let out = dir.path().join("out");
        build_all(&source, &out, &["--preset", &preset.to_string()]);
        let want = |e| style.look(e).size;
        let (subtitle, code, note) = (
            want(Element::Subtitle),
            want(Element::Code),
            want(Element::NoteText),
        );

        let styles = &unzip(&out.join("sizes.docx"))["word/styles.xml"];
        assert_eq!(docx_style_size(styles, "Subtitle"), subtitle, "{preset}");
        assert_eq!(docx_style_size(styles, "SourceCode"), code, "{preset}");
        assert_eq!(docx_style_size(styles, "FootnoteText"), note, "{preset}");

        let html = std::fs::read_to_string(out.join("sizes.html")).unwrap();
        let body = style.body_size;
        let close = |a: f32, b: f32| (a - b).abs() < 0.01;
        assert!(
            close(css_size(&html, ".subtitle {", body), subtitle),
            "{preset}"
        );
        assert!(close(css_size(&html, "pre {", body), code), "{preset}");
        assert!(
            close(css_size(&html, ".footnote, .footnotes {", body), note),
            "{preset}"
        );

        let sizes = pdf_sizes(&out.join("sizes.pdf"));
        for (what, size) in [("subtitle", subtitle), ("code", code), ("note", note)] {
            assert!(
                sizes.iter().any(|&s| close(s, size)),
                "{preset}: no {what} text at {size} pt in the PDF: {sizes:?}"
            );
        }
    }
}

#[test]
fn seed_bold_is_a_real_bold_face_not_a_stroked_outline() {
    if !tools(&["pdffonts"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("speech.pdf");
    common::run_ok(
        common::cjkpress()
            .arg("convert")
            .arg(common::seed())
            .arg("-o")
            .arg(&pdf),
    );
    let fonts = common::run_ok(Command::new("pdffonts").arg(&pdf));
    let list = String::from_utf8_lossy(&fonts.stdout);
    let bold = list
        .lines()
        .find(|l| l.contains("NotoSerifSC-Bold"))
        .unwrap_or_else(|| panic!("no bold face in\n{list}"));
    assert!(bold.contains(" yes yes "), "embedded and subset: {bold}");
    let doc = lopdf::Document::load(&pdf).unwrap();
    for (_, page) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(page).unwrap();
        let stroked = content.operations.iter().any(|op| {
            op.operator == "Tr" && op.operands.first().and_then(|o| o.as_i64().ok()) != Some(0)
        });
        assert!(!stroked, "text rendering mode other than fill");
    }
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size <= 165 * 1024, "seed PDF is {size} bytes");
}

#[test]
fn every_format_keeps_notes_the_body_never_refers_to() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = "# 注释\n\n正文引用一个注[^a]。\n\n[^a]: 被引用的注，它又引用另一个[^b]。\n\n[^b]: 只被注引用的注。\n\n[^c]: 从未被引用的注。\n";
    let source = write_source(dir.path(), "notes.md", text);
    let out = dir.path().join("out");
    build_all(&source, &out, &[]);
    let docx = unzip(&out.join("notes.docx"));
    let word = strip_tags(&format!(
        "{}{}",
        docx["word/document.xml"],
        docx.get("word/footnotes.xml").cloned().unwrap_or_default()
    ));
    let pdf = common::squash(&pdftotext(&out.join("notes.pdf"), 1, 9));
    let html = strip_tags(&std::fs::read_to_string(out.join("notes.html")).unwrap());
    let epub: String = unzip(&out.join("notes.epub"))
        .iter()
        .filter(|(k, _)| k.ends_with(".xhtml") && !k.ends_with("nav.xhtml"))
        .map(|(_, v)| strip_tags(v))
        .collect();
    for note in ["被引用的注", "只被注引用的注", "从未被引用的注"] {
        for (format, text) in [
            ("docx", &word),
            ("pdf", &pdf),
            ("html", &html),
            ("epub", &epub),
        ] {
            assert!(text.contains(note), "{format} lost the note {note}");
        }
    }
}

#[test]
fn a_heading_that_is_only_a_note_mark_builds_everywhere() {
    // Found by the fuzz harness: the mark was drawn in the heading's face, for which the plan
    // had cut no subset ("no font subset for face 1").
    let dir = tempfile::tempdir().unwrap();
    let source = write_source(dir.path(), "mark.md", "中文\n\n[^1]: 注。\n\n# [^1]\n");
    let out = dir.path().join("out");
    let stderr = build_all(&source, &out, &[]);
    for format in ["pdf", "docx", "epub", "html"] {
        assert!(
            out.join(format!("mark.{format}")).is_file(),
            "{format}: {stderr}"
        );
    }
    assert!(!stderr.contains("lack"), "{stderr}");
}
