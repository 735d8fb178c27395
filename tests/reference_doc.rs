//! `--reference-doc`, `cjkpress reference-doc` and `--css`, checked as a user would: the styles,
//! page and header of a reference made with python-docx reach our DOCX's XML and LibreOffice's
//! rendering of it; the OOXML schema check finds nothing with or without a reference; the user's
//! CSS colours the headings Chromium draws in the HTML and in the EPUB; bad files are one line.
//! See: issue 22, items 2 and 3.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{cjkpress, output, run_ok, tools, unzip};

/// A short document with a chapter heading (Chinese and Latin) and body text.
const SOURCE: &str = "---\ntitle: 参考文档测试\n---\n\n# 第一章 Chapter One\n\n\
    正文内容，Latin text 在这里。[^1]\n\n[^1]: 脚注的内容。\n\n## 第一节\n\n更多的正文。\n\n\
    1. 第一条\n2. 第二条\n";

/// The reference DOCX of `tests/tools/reference_docx.py`, made in `dir`; `None` (after saying
/// why) without python-docx on a developer's machine.
fn reference(dir: &Path) -> Option<PathBuf> {
    let python_docx = Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::available("python3 with python-docx", python_docx) {
        return None;
    }
    let path = dir.join("corp.docx");
    run_ok(
        Command::new("python3")
            .arg(common::root().join("tests/tools/reference_docx.py"))
            .arg(&path),
    );
    Some(path)
}

/// `SOURCE` converted to `name` with `extra` flags, in `dir`.
fn convert(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let source = dir.join("doc.md");
    fs::write(&source, SOURCE).unwrap();
    let out = dir.join(name);
    run_ok(
        cjkpress()
            .arg(&source)
            .arg("-o")
            .arg(&out)
            .arg("--no-system-fonts")
            .args(extra),
    );
    out
}

fn text(parts: &std::collections::BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts.get(name).unwrap_or_else(|| panic!("{name}")).clone()).unwrap()
}

/// The `w:style` element with `id` in a styles part.
fn style<'x>(styles: &'x str, id: &str) -> &'x str {
    let at = styles
        .find(&format!("w:styleId=\"{id}\""))
        .unwrap_or_else(|| panic!("no style {id}"));
    let rest = &styles[at..];
    &rest[..rest.find("</w:style>").unwrap()]
}

#[test]
fn the_reference_styles_page_and_header_reach_the_docx_xml() {
    let dir = tempfile::tempdir().unwrap();
    let Some(corp) = reference(dir.path()) else {
        return;
    };
    let docx = convert(
        dir.path(),
        "doc.docx",
        &["--reference-doc", corp.to_str().unwrap()],
    );
    let parts = unzip(&docx);
    let styles = text(&parts, "word/styles.xml");
    let h1 = style(&styles, "Heading1");
    assert!(h1.contains("<w:color w:val=\"FF0000\"/>"), "{h1}");
    assert!(h1.contains("<w:sz w:val=\"36\"/>"), "{h1}");
    // The named Latin face; East Asian text in our embedded face, not the theme's empty one.
    assert!(
        h1.contains(
            "<w:rFonts w:ascii=\"DejaVu Sans\" w:hAnsi=\"DejaVu Sans\" w:eastAsia=\"Noto Serif SC\""
        ),
        "{h1}"
    );
    assert!(!styles.contains("Theme=\""), "theme fonts left unresolved");
    // python-docx's Normal is 11 pt where it sets the size: in the defaults.
    let defaults =
        &styles[styles.find("<w:docDefaults>").unwrap()..styles.find("</w:docDefaults>").unwrap()];
    assert!(defaults.contains("<w:sz w:val=\"22\"/>"), "{defaults}");
    // Our styles the reference lacks are added, once.
    assert_eq!(styles.matches("w:styleId=\"SourceCode\"").count(), 1);
    assert_eq!(styles.matches("w:styleId=\"Heading1\"").count(), 1);

    let document = text(&parts, "word/document.xml");
    assert!(document.contains("Latin text"));
    assert!(
        document.contains("<w:pgSz w:w=\"11906\" w:h=\"8391\" w:orient=\"landscape\"/>"),
        "A5 landscape"
    );
    assert!(document.contains("<w:headerReference w:type=\"default\" r:id=\"rIdRef1\"/>"));
    let rels = text(&parts, "word/_rels/document.xml.rels");
    assert!(rels.contains("Id=\"rIdRef1\"") && rels.contains("Target=\"header-ref1.xml\""));
    let header = text(&parts, "word/header-ref1.xml");
    assert!(header.contains("REFERENCE HEADER"));
    let header_rels = text(&parts, "word/_rels/header-ref1.xml.rels");
    assert!(header_rels.contains("Target=\"media/ref1-image1.png\""));
    assert!(parts["word/media/ref1-image1.png"].starts_with(b"\x89PNG"));
    let types = text(&parts, "[Content_Types].xml");
    assert!(types.contains("/word/header-ref1.xml"));
    assert!(types.contains("/word/theme/theme1.xml"));
    // The reference's numbering, which its list styles name, joins ours under new ids.
    assert!(styles.contains("<w:numId w:val=\"1001\"/>"));
    let numbering = text(&parts, "word/numbering.xml");
    assert!(
        numbering.contains("<w:num w:numId=\"1001\">"),
        "{numbering}"
    );
    // Our subsets are still in.
    assert!(
        parts
            .keys()
            .any(|k| k.starts_with("word/fonts/") && k.ends_with(".odttf"))
    );
}

#[test]
fn libreoffice_draws_the_reference_page_header_and_heading() {
    if !tools(&["soffice", "pdftotext", "pdfinfo", "pdftoppm", "pdffonts"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Some(corp) = reference(dir.path()) else {
        return;
    };
    let docx = convert(
        dir.path(),
        "doc.docx",
        &["--reference-doc", corp.to_str().unwrap()],
    );
    let pdf = common::libreoffice(&docx, dir.path(), "pdf");
    // A5 landscape: 210 × 148 mm = 595 × 420 pt.
    let info = output(Command::new("pdfinfo").arg(&pdf));
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap()
        .to_string();
    let numbers: Vec<f32> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        (numbers[0] - 595.3).abs() < 1.5 && (numbers[1] - 419.5).abs() < 1.5,
        "{size}"
    );
    let words = common::pages::words(&pdf);
    let page: Vec<&str> = words[0].iter().map(|w| w.text.as_str()).collect();
    assert!(page.contains(&"REFERENCE"), "header text: {page:?}");
    let joined: String = page.concat();
    assert!(joined.contains("正文内容"), "{joined}");
    // 18 pt heading over 11 pt body: the Latin words' boxes (same face metrics in each) keep
    // that ratio.
    let height = |t: &str| {
        let w = words[0]
            .iter()
            .find(|w| w.text == t)
            .unwrap_or_else(|| panic!("{t}"));
        w.y1 - w.y0
    };
    let ratio = height("Chapter") / height("text");
    assert!((ratio - 18.0 / 11.0).abs() < 0.15, "heading/body {ratio}");
    // Red ink (the heading) and the logo's blue are on the page.
    let pixels = common::pages::render(&pdf, 1, 60);
    let mut red = 0;
    let mut blue = 0;
    for y in 0..pixels.height {
        for x in 0..pixels.width {
            match pixels.at(x, y) {
                [r, g, b] if r > 200 && g < 80 && b < 80 => red += 1,
                [r, g, b] if r < 40 && (40..100).contains(&g) && b > 200 => blue += 1,
                _ => {}
            }
        }
    }
    assert!(red > 30, "red heading pixels: {red}");
    assert!(blue > 30, "logo pixels: {blue}");
    // The Chinese text drawn with our embedded subsets (no CJK font is installed for it).
    let fonts = output(Command::new("pdffonts").arg(&pdf));
    assert!(fonts.contains("NotoSerifSC"), "{fonts}");
}

#[test]
fn our_docx_passes_the_ooxml_schema_check_with_and_without_a_reference() {
    if !tools(&["openxml-audit"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![convert(dir.path(), "plain.docx", &["--toc"])];
    if let Some(corp) = reference(dir.path()) {
        files.push(convert(
            dir.path(),
            "with-reference.docx",
            &["--reference-doc", corp.to_str().unwrap()],
        ));
    }
    let ours = dir.path().join("ours.docx");
    let out = run_ok(cjkpress().arg("reference-doc"));
    fs::write(&ours, &out.stdout).unwrap();
    files.push(ours);
    for docx in files {
        let report = Command::new("openxml-audit")
            .args(["-m", "0"])
            .arg(&docx)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&report.stdout);
        assert!(
            report.status.success() && text.contains("Errors: 0"),
            "{}: {text}",
            docx.display()
        );
    }
}

#[test]
fn the_faces_the_reference_names_are_found_and_embedded() {
    let dir = tempfile::tempdir().unwrap();
    let Some(corp) = reference(dir.path()) else {
        return;
    };
    // The reference's Heading 1 names DejaVu Sans (bold, as Word's headings are): found in a
    // font folder as a role's face is, with the system's fonts off.
    let system = Path::new("/usr/share/fonts/truetype/dejavu");
    if !common::available(
        "DejaVu Sans (fonts-dejavu-core)",
        system.join("DejaVuSans.ttf").is_file(),
    ) {
        return;
    }
    let fonts = dir.path().join("fonts");
    fs::create_dir(&fonts).unwrap();
    for file in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        fs::copy(system.join(file), fonts.join(file)).unwrap();
    }
    let source = dir.path().join("doc.md");
    fs::write(&source, SOURCE).unwrap();
    let docx = dir.path().join("doc.docx");
    let out = run_ok(
        cjkpress()
            .arg(&source)
            .arg("-o")
            .arg(&docx)
            .args(["--no-system-fonts", "-v", "--font-dir"])
            .arg(&fonts)
            .arg("--reference-doc")
            .arg(&corp),
    );
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(
        notes.contains("reference DOCX: its face DejaVu Sans is DejaVuSans "),
        "{notes}"
    );
    assert!(
        notes.contains("its face DejaVu Sans is DejaVuSans-Bold "),
        "{notes}"
    );
    let parts = unzip(&docx);
    let table = text(&parts, "word/fontTable.xml");
    let entry = &table[table.find("<w:font w:name=\"DejaVu Sans\"").expect(&table)..];
    let entry = &entry[..entry.find("</w:font>").unwrap()];
    assert!(
        entry.contains("<w:embedRegular ") && entry.contains("<w:embedBold "),
        "{entry}"
    );
    // Subsets: far smaller than the faces (DejaVu Sans is 700 KB), and more font parts than
    // without the folder.
    let sizes: Vec<usize> = parts
        .iter()
        .filter(|(k, _)| k.starts_with("word/fonts/"))
        .map(|(_, v)| v.len())
        .collect();
    let without = unzip(&convert(
        dir.path(),
        "plain.docx",
        &["--reference-doc", corp.to_str().unwrap()],
    ))
    .keys()
    .filter(|k| k.starts_with("word/fonts/"))
    .count();
    assert_eq!(sizes.len(), without + 2, "{sizes:?}");
    assert!(sizes.iter().all(|&n| n < 400_000), "{sizes:?}");
    // Without the folder it is named only, and `-v` says so.
    let out = run_ok(
        cjkpress()
            .arg(&source)
            .arg("-o")
            .arg(dir.path().join("named.docx"))
            .args(["--no-system-fonts", "-v", "--reference-doc"])
            .arg(&corp),
    );
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(
        notes.contains("its face DejaVu Sans was not found"),
        "{notes}"
    );
}

#[test]
fn our_reference_doc_round_trips_as_a_reference() {
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ref.docx");
    let out = run_ok(cjkpress().arg("reference-doc"));
    assert!(out.stdout.starts_with(b"PK"));
    fs::write(&ours, &out.stdout).unwrap();
    // Same bytes twice (SOURCE_DATE_EPOCH is fixed).
    assert_eq!(run_ok(cjkpress().arg("reference-doc")).stdout, out.stdout);
    let parts = unzip(&ours);
    let styles = text(&parts, "word/styles.xml");
    for id in [
        "Title",
        "Heading1",
        "Heading6",
        "BodyText",
        "Quote",
        "SourceCode",
        "FootnoteText",
        "TOC1",
    ] {
        assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "{id}");
    }
    // Given back as the reference, every style we use is found in it, none added.
    let source = dir.path().join("doc.md");
    fs::write(&source, SOURCE).unwrap();
    let out = run_ok(
        cjkpress()
            .arg(&source)
            .arg("-o")
            .arg(dir.path().join("doc.docx"))
            .args(["--no-system-fonts", "-v", "--reference-doc"])
            .arg(&ours),
    );
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(
        notes.contains("reference DOCX: its styles used: Normal"),
        "{notes}"
    );
    assert!(!notes.contains("missing, ours added"), "{notes}");
}

#[test]
fn bad_reference_and_css_files_are_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("doc.md");
    fs::write(&source, SOURCE).unwrap();
    let not_docx = dir.path().join("notes.docx");
    fs::write(&not_docx, "not a zip").unwrap();
    let folder = dir.path().join("style.css");
    fs::create_dir(&folder).unwrap();
    let cases: [(&str, &[&str], &str); 4] = [
        (
            "doc.docx",
            &["--reference-doc", not_docx.to_str().unwrap()],
            "notes.docx",
        ),
        (
            "doc.docx",
            &["--reference-doc", dir.path().to_str().unwrap()],
            "",
        ),
        (
            "doc.docx",
            &["--reference-doc", "/nonexistent/ref.docx"],
            "ref.docx",
        ),
        (
            "doc.html",
            &["--css", folder.to_str().unwrap()],
            "style.css",
        ),
    ];
    for (name, flags, names) in cases {
        let out = cjkpress()
            .arg(&source)
            .arg("-o")
            .arg(dir.path().join(name))
            .arg("--no-system-fonts")
            .args(flags)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{flags:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{flags:?}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(names),
            "{stderr}"
        );
        assert!(!dir.path().join(name).exists(), "{flags:?} left an output");
    }
    // A document names files in its own folder only, as its images (the flags may name any).
    let inner = dir.path().join("inner");
    fs::create_dir(&inner).unwrap();
    fs::write(dir.path().join("x.css"), "h2 { color: red }").unwrap();
    for (key, file) in [("css", "../x.css"), ("reference-doc", "../notes.docx")] {
        let doc = inner.join("doc.md");
        fs::write(&doc, format!("---\n{key}: {file}\n---\n\n正文。\n")).unwrap();
        let out = cjkpress()
            .arg(&doc)
            .arg("-o")
            .arg(inner.join("doc.html"))
            .arg("--no-system-fonts")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{key}: {stderr}");
        assert!(
            stderr.lines().count() == 1 && stderr.contains("outside the input's folder"),
            "{stderr}"
        );
    }
}

/// The computed colour of the first `h2` when Chromium loads `page` (a copy of it gets a script
/// that writes the colour into the DOM).
fn h2_colour(page: &Path) -> String {
    let html = fs::read_to_string(page).unwrap();
    let probe = "<script>document.documentElement.setAttribute('data-h2', \
        getComputedStyle(document.querySelector('h2')).color)</script>";
    let at = html.rfind("</body>").unwrap();
    let probed = page.with_file_name(format!(
        "probe-{}",
        page.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&probed, format!("{}{probe}{}", &html[..at], &html[at..])).unwrap();
    let (dom, stderr) = common::chromium_dom(&probed, None, 2000);
    let at = dom
        .find("data-h2=\"")
        .unwrap_or_else(|| panic!("no colour: {stderr}"))
        + 9;
    dom[at..at + dom[at..].find('"').unwrap()].to_string()
}

#[test]
fn user_css_colours_the_headings_in_the_html_and_the_epub() {
    if !tools(&["chromium"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let css = dir.path().join("brand.css");
    fs::copy(
        common::root().join("fonts/DejaVuSansMono.ttf"),
        dir.path().join("mono.ttf"),
    )
    .unwrap();
    fs::write(
        &css,
        "@font-face { font-family: Brand; src: url(mono.ttf) format(\"truetype\"); }\n\
         code { font-family: Brand, monospace; }\n\
         h2 { color: rgb(200, 0, 0); background: url(https://example.com/x.png); }\n",
    )
    .unwrap();
    let flags = ["--css", css.to_str().unwrap()];
    let html = convert(dir.path(), "doc.html", &flags);
    let page = fs::read_to_string(&html).unwrap();
    assert!(!page.contains("example.com"), "the remote URL stays out");
    // The local font travels as a WOFF2 subset.
    assert!(page.contains("font-family: Brand; src: url(\"data:font/woff2;base64,"));
    assert_eq!(h2_colour(&html), "rgb(200, 0, 0)");

    let epub = convert(dir.path(), "doc.epub", &flags);
    let unpacked = dir.path().join("epub");
    for (name, data) in unzip(&epub) {
        let path = unpacked.join(&name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, data).unwrap();
    }
    let stylesheet = fs::read_to_string(unpacked.join("OEBPS/stylesheet.css")).unwrap();
    assert!(
        stylesheet.contains("src: url(\"fonts/user-1.ttf\");"),
        "{stylesheet}"
    );
    assert!(unpacked.join("OEBPS/fonts/user-1.ttf").is_file());
    assert!(
        stylesheet.ends_with("h2 { color: rgb(200, 0, 0); }\n\n"),
        "{stylesheet}"
    );
    // The chapter with the `##` heading, as an HTML page beside the package's stylesheet.
    let chapter = fs::read_dir(unpacked.join("OEBPS"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| fs::read_to_string(p).is_ok_and(|t| t.contains("<h2") && t.contains("第一节")))
        .expect("a chapter with an h2");
    let as_html = chapter.with_extension("html");
    fs::copy(&chapter, &as_html).unwrap();
    assert_eq!(h2_colour(&as_html), "rgb(200, 0, 0)");

    // The validators stay clean.
    if let Some(report) = common::epubcheck(&epub) {
        assert!(report.is_ok(), "{report:?}");
    }
    let jar = common::vnu_jar();
    if common::available(
        "the Nu HTML Checker and java",
        jar.is_some() && common::have("java"),
    ) {
        let out = Command::new("java")
            .arg("-jar")
            .arg(jar.unwrap())
            .arg("--errors-only")
            .arg(&html)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
