//! EPUB output, through the binary on the seed and the samples: EPUBCheck (horizontal and
//! vertical), the package's structure and metadata, the text of the content documents against the
//! model, and the embedded font against the characters the book draws.

mod common;
mod web;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use cjkpress::model::{Block, Document, document_text, plain_text};
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

fn model(input: &Path) -> Document {
    read_file(input, &Options::default()).expect("reads").value
}

/// Every entry of a zip archive, in order.
fn entries(epub: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(epub).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn utf8(entries: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, data) = entries
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the package"));
    String::from_utf8(data.clone()).unwrap()
}

/// The spine's content documents in reading order, as paths in the archive.
fn spine(opf: &str) -> Vec<String> {
    let mut items = BTreeMap::new();
    let mut order = Vec::new();
    let mut reader = quick_xml::Reader::from_str(opf);
    loop {
        match reader.read_event().unwrap() {
            Event::Empty(e) | Event::Start(e) => {
                let get = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .map(|a| {
                            a.normalized_value(XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned()
                        })
                };
                match e.name().as_ref() {
                    "item" => {
                        items.insert(get("id").unwrap(), get("href").unwrap());
                    }
                    // The reading order: non-linear items (the navigation document, there
                    // for its `toc` landmark) are not read through.
                    "itemref" if get("linear").as_deref() != Some("no") => {
                        order.push(get("idref").unwrap())
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    order
        .iter()
        .map(|id| format!("OEBPS/{}", items[id]))
        .collect()
}

#[test]
fn epubcheck_reports_nothing_horizontal_or_vertical() {
    for input in inputs() {
        for extra in [&[][..], &["--vertical"][..]] {
            let (_dir, out) = common::convert(&input, "epub", extra);
            if let Some(Err(report)) = common::epubcheck(&out) {
                panic!("EPUBCheck on {} {extra:?}:\n{report}", input.display());
            }
        }
    }
}

#[test]
fn package_has_chapters_toc_landmarks_and_metadata() {
    for input in inputs() {
        let doc = model(&input);
        let (_dir, out) = common::convert(&input, "epub", &[]);
        let files = entries(&out);
        assert_eq!(files[0].0, "mimetype");
        assert_eq!(files[0].1, b"application/epub+zip");
        let opf = utf8(&files, "OEBPS/content.opf");

        // One content document per level-1 heading, after the title page (and front matter).
        let chapters = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { level: 1, .. }))
            .count();
        let spine = spine(&opf);
        assert_eq!(spine[0], "OEBPS/title.xhtml");
        let front =
            matches!(doc.blocks.first(), Some(b) if !matches!(b, Block::Heading { level: 1, .. }));
        assert_eq!(
            spine.len(),
            1 + usize::from(front) + chapters,
            "{}",
            input.display()
        );

        // The navigation document lists every heading, run-in ones included, in reading order,
        // each pointing at the file and id where it is.
        let nav = utf8(&files, "OEBPS/nav.xhtml");
        let toc = &nav[nav
            .find("epub:type=\"toc\" id=\"toc\" role=\"doc-toc\"")
            .unwrap()..nav.find("landmarks").unwrap()];
        let mut at = 0;
        for (level, id, inlines) in doc.blocks.iter().filter_map(Block::heading) {
            let label = format!(">{}</a>", plain_text(inlines).trim());
            let found = toc[at..].find(&label).unwrap_or_else(|| {
                panic!("{}: `{label}` not in the nav after {at}", input.display())
            });
            at += found + label.len();
            let href_start = toc[..at].rfind("href=\"").unwrap() + 6;
            let href = &toc[href_start..toc[href_start..].find('"').unwrap() + href_start];
            let (file, frag) = href.split_once('#').unwrap_or((href, ""));
            let xhtml = utf8(&files, &format!("OEBPS/{file}"));
            if level == 1 && frag.is_empty() {
                assert!(
                    xhtml.contains(&format!("<h1 id=\"{id}\" class=\"level-1\">")),
                    "{href}"
                );
            } else {
                assert_eq!(frag, id);
                assert!(xhtml.contains(&format!("id=\"{id}\"")), "{href}");
            }
        }
        // The NCX has the same entries: the title page, then one per heading.
        let ncx = utf8(&files, "OEBPS/toc.ncx");
        let headings: Vec<_> = doc.blocks.iter().filter_map(Block::heading).collect();
        assert_eq!(ncx.matches("<navPoint ").count(), 1 + headings.len());
        for (level, id, _) in headings {
            assert!(level == 1 || ncx.contains(&format!("#{id}\"/>")), "{id}");
        }
        assert!(nav.contains("epub:type=\"titlepage\" href=\"title.xhtml\""));

        // Metadata: title, language, a content-derived identifier, the date from
        // SOURCE_DATE_EPOCH (1700000000), Apple Books' font switch.
        assert!(opf.contains(&format!("<dc:title>{}</dc:title>", doc.meta.title)));
        assert!(opf.contains(&format!("<dc:language>{}</dc:language>", doc.meta.lang)));
        // The package document's own language (Ace `epub-lang`).
        assert!(opf.contains(&format!(
            "unique-identifier=\"epub-id-1\" xml:lang=\"{}\">",
            doc.meta.lang
        )));
        assert!(["zh-Hans", "zh-Hant"].contains(&doc.meta.lang.as_str()));
        assert!(opf.contains("<dc:identifier id=\"epub-id-1\">urn:uuid:"));
        assert!(opf.contains("<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"));
        assert!(
            utf8(&files, "META-INF/com.apple.ibooks.display-options.xml")
                .contains("<option name=\"specified-fonts\">true</option>")
        );
        assert!(opf.contains("page-progression-direction=\"ltr\""));
    }
}

#[test]
fn vertical_books_progress_right_to_left() {
    let (_dir, out) = common::convert(&common::seed(), "epub", &["--vertical"]);
    let files = entries(&out);
    let opf = utf8(&files, "OEBPS/content.opf");
    assert!(opf.contains("page-progression-direction=\"rtl\""));
    let css = utf8(&files, "OEBPS/stylesheet.css");
    assert!(css.contains("html { writing-mode: vertical-rl;"));
    for doc in spine(&opf) {
        assert!(
            utf8(&files, &doc).contains("href=\"stylesheet.css\""),
            "{doc}"
        );
    }
}

#[test]
fn text_of_the_content_documents_is_the_model_text() {
    for input in inputs() {
        let doc = model(&input);
        let (_dir, out) = common::convert(&input, "epub", &[]);
        let files = entries(&out);
        let mut text = String::new();
        let mut notes = BTreeMap::new();
        for name in spine(&utf8(&files, "OEBPS/content.opf")) {
            let seen = web::seen(&utf8(&files, &name));
            text.push_str(&seen.text);
            notes.extend(seen.notes);
        }
        // Footnotes sit beside the chapter that cites them; the model lists them last, in order.
        for index in 0..doc.notes.len() {
            let body = notes
                .remove(&format!("fn_{}", index + 1))
                .unwrap_or_else(|| panic!("note {} missing", index + 1));
            text.push_str(&body);
        }
        assert!(notes.is_empty(), "unexpected notes {notes:?}");
        assert_same_text(
            &squash(&text),
            &squash(&document_text(&doc)),
            &input.display().to_string(),
        );
    }
}

#[test]
fn embedded_font_covers_what_the_book_draws_and_nothing_else() {
    for input in inputs() {
        let (_dir, out) = common::convert(&input, "epub", &[]);
        let files = entries(&out);
        let opf = utf8(&files, "OEBPS/content.opf");
        let mut drawn = BTreeSet::new();
        let mut bold = BTreeSet::new();
        for name in spine(&opf)
            .into_iter()
            .chain(["OEBPS/nav.xhtml".to_string()])
        {
            let seen = web::seen(&utf8(&files, &name));
            drawn.extend(seen.drawn);
            bold.extend(seen.bold);
        }
        let css = utf8(&files, "OEBPS/stylesheet.css");
        let mut mapped = BTreeSet::new();
        let mut mapped_bold: BTreeSet<char> = BTreeSet::new();
        let mut fonts = 0;
        for (name, data) in &files {
            let Some(path) = name.strip_prefix("OEBPS/") else {
                continue;
            };
            if !path.starts_with("fonts/") {
                continue;
            }
            // TrueType/OpenType subsets, which calibre keeps for Kindle (it drops WOFF2), with
            // the media type of their outlines. See: issue 12, item 3.
            let (kind, format) = if data.starts_with(b"OTTO") {
                ("otf", "opentype")
            } else {
                assert!(data.starts_with(&[0, 1, 0, 0]), "{path}: not TrueType");
                ("ttf", "truetype")
            };
            assert!(path.ends_with(&format!(".{kind}")), "{path}");
            fonts += 1;
            assert!(opf.contains(&format!(
                "media-type=\"font/{kind}\" id=\"id_{}\" href=\"{path}\"",
                path.replace('/', "_")
            )));
            let rule = css
                .lines()
                .find(|l| l.contains(&format!("src: url(\"{path}\") format(\"{format}\")")))
                .unwrap_or_else(|| panic!("no @font-face for {path}"));
            let cmap = web::cmap(data);
            if rule.contains("font-weight: 700;") {
                mapped_bold.extend(cmap.iter().copied());
            }
            mapped.extend(cmap);
        }
        assert!(fonts >= 1, "{}: no embedded font", input.display());
        let missing: String = drawn.difference(&mapped).collect();
        assert_eq!(
            missing,
            "",
            "{}: drawn but not in the font",
            input.display()
        );
        // Headings and the like are drawn from the bold face, not a synthesised bold.
        let not_bold: String = bold.difference(&mapped_bold).collect();
        assert_eq!(
            not_bold,
            "",
            "{}: drawn bold but not in a bold face",
            input.display()
        );
        // The subset is shared with the other formats, which also draw page numbers and markers
        // (`style::plan::WRITER_CHARS`), the web page's note back-link (`style::plan::NOTE_BACK`)
        // and, on a printed web page, a web link's address; nothing else may be in it.
        let addresses: String = web::link_addresses(&model(&input));
        let extra: String = mapped
            .difference(&drawn)
            .filter(|c| {
                !cjkpress::style::plan::WRITER_CHARS.contains(**c)
                    && !cjkpress::style::plan::NOTE_BACK.contains(**c)
                    && !addresses.contains(**c)
            })
            .collect();
        assert_eq!(
            extra,
            "",
            "{}: in the font but never drawn",
            input.display()
        );
    }
}

#[test]
fn same_input_gives_the_same_bytes() {
    let (_a, first) = common::convert(&common::seed(), "epub", &[]);
    let (_b, second) = common::convert(&common::seed(), "epub", &[]);
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    // The zip timestamps are SOURCE_DATE_EPOCH's, not the clock's.
    let bytes = std::fs::read(second).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.last_modified(),
            zip::DateTime::from_date_and_time(2023, 11, 14, 22, 13, 20).ok(),
            "{}",
            f.name()
        );
    }
}

/// Builds all four formats of a copy of the seed whose modification time is `mtime`, without
/// `SOURCE_DATE_EPOCH`; returns the folder and the outputs' bytes by extension.
fn build_unpinned(mtime: u64) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("speech.txt");
    std::fs::copy(common::seed(), &src).unwrap();
    let then = std::time::UNIX_EPOCH + std::time::Duration::from_secs(mtime);
    std::fs::File::options()
        .write(true)
        .open(&src)
        .unwrap()
        .set_modified(then)
        .unwrap();
    let out = dir.path().join("out");
    common::run_ok(
        common::cjkpress()
            .env_remove("SOURCE_DATE_EPOCH")
            .arg("build")
            .arg(&src)
            .arg("-o")
            .arg(&out),
    );
    let files = ["pdf", "docx", "epub", "html"]
        .iter()
        .map(|ext| {
            let bytes = std::fs::read(out.join(format!("speech.{ext}"))).unwrap();
            (ext.to_string(), bytes)
        })
        .collect();
    (dir, files)
}

// See: issue 12, item 5.
#[test]
fn without_source_date_epoch_the_date_is_the_source_files() {
    // 2021-06-15T08:30:00Z.
    let (dir, first) = build_unpinned(1_623_745_800);
    let epub = dir.path().join("out/speech.epub");
    let opf = utf8(&entries(&epub), "OEBPS/content.opf");
    assert!(
        opf.contains("<meta property=\"dcterms:modified\">2021-06-15T08:30:00Z</meta>"),
        "{opf}"
    );
    let docx = entries(&dir.path().join("out/speech.docx"));
    let core = utf8(&docx, "docProps/core.xml");
    assert!(
        core.contains(">2021-06-15T08:30:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(
        core.contains(">2021-06-15T08:30:00Z</dcterms:modified>"),
        "{core}"
    );
    // Zip entries carry the date too (DOS time, local fields of the archive).
    let mut zip = zip::ZipArchive::new(Cursor::new(first["docx"].clone())).unwrap();
    let stamp = zip.by_index(0).unwrap().last_modified().unwrap();
    assert_eq!((stamp.year(), stamp.month(), stamp.day()), (2021, 6, 15));
    if common::available("pdfinfo", common::have("pdfinfo")) {
        let info = Command::new("pdfinfo")
            .arg("-isodates")
            .arg(dir.path().join("out/speech.pdf"))
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains("2021-06-15T08:30:00"), "{info}");
    }
    for (ext, bytes) in &first {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("2000-01-01"), "{ext} says 2000-01-01");
        assert!(!text.contains("20000101"), "{ext} says 2000-01-01");
    }
    // An unchanged file rebuilds byte-identically.
    let (_dir, again) = build_unpinned(1_623_745_800);
    assert!(first == again, "an unchanged source rebuilt differently");
}

// See: issue 12, item 3 (sizes stay small with TrueType subsets).
#[test]
fn seed_epub_with_truetype_subsets_stays_under_300_kb() {
    let (_dir, out) = common::convert(&common::seed(), "epub", &[]);
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(size <= 300 * 1024, "seed EPUB is {size} bytes");
    let files = entries(&out);
    assert!(
        files.iter().any(|(n, _)| n.ends_with(".ttf")),
        "no TrueType subset in the EPUB"
    );
    assert!(!files.iter().any(|(n, _)| n.ends_with(".woff2")));
}

// See: issue 12, item 2.
#[test]
fn emphasis_marks_are_visible_and_have_a_fallback() {
    let (_dir, out) = common::convert(&web::features(), "epub", &[]);
    let files = entries(&out);
    let css = utf8(&files, "OEBPS/stylesheet.css");
    // Where `text-emphasis` is unknown, the rule written first (outside `@supports`) shows a
    // dotted underline; where it is known, the `@supports` block draws the marks.
    let first = css
        .lines()
        .find(|l| l.starts_with("em {"))
        .expect("an em rule");
    assert!(first.contains("text-decoration: underline"), "{first}");
    let supports = &css[css
        .find("@supports (text-emphasis-style")
        .expect("@supports")..];
    let rule = supports.lines().nth(1).unwrap();
    let keyword = rule
        .split("; text-emphasis: ")
        .nth(1)
        .and_then(|r| r.split(';').next())
        .unwrap_or_else(|| panic!("no text-emphasis in {rule}"));
    // CSS Text Decoration 3 §3.1: the characters of the filled shapes.
    let mark = match keyword {
        "filled dot" => '\u{2022}',
        "filled circle" => '\u{25CF}',
        "filled double-circle" => '\u{25C9}',
        "filled triangle" => '\u{25B2}',
        "filled sesame" => '\u{FE45}',
        other => panic!("unexpected emphasis style {other}"),
    };
    // The mark is drawn at half the text size from the emphasised text's face: the body's
    // regular subset must have it, and its ink must be a visible share of the em.
    let (_, font) = files
        .iter()
        .find(|(n, _)| n.ends_with("-Regular.ttf"))
        .expect("a regular TrueType subset");
    let face = ttf_parser::Face::parse(font, 0).unwrap();
    let glyph = face.glyph_index(mark).expect("the mark is in the subset");
    let bbox = face.glyph_bounding_box(glyph).unwrap();
    let size = 0.5 * f32::from(bbox.width()) / f32::from(face.units_per_em());
    assert!(
        size >= 0.2,
        "the emphasis mark is {size:.3} em wide: a pin-prick"
    );
}

// See: issue 12, item 6.
#[test]
fn package_has_accessibility_metadata_a_titled_nav_and_a_toc_landmark() {
    for (input, title) in [
        (web::features(), "目录"),
        (common::samples()[1].clone(), ""),
    ] {
        let doc = model(&input);
        let (_dir, out) = common::convert(&input, "epub", &[]);
        let files = entries(&out);
        let opf = utf8(&files, "OEBPS/content.opf");
        for (property, value) in [
            ("schema:accessMode", "textual"),
            ("schema:accessModeSufficient", "textual"),
            ("schema:accessibilityFeature", "structuralNavigation"),
            ("schema:accessibilityFeature", "tableOfContents"),
            ("schema:accessibilityHazard", "none"),
        ] {
            assert!(
                opf.contains(&format!("<meta property=\"{property}\">{value}</meta>")),
                "{property} {value} missing:\n{opf}"
            );
        }
        assert!(opf.contains("<meta property=\"schema:accessibilitySummary\">"));
        let want = if title.is_empty() {
            cjkpress::style::plan::toc_title(&doc.meta.lang)
        } else {
            title
        };
        let nav = utf8(&files, "OEBPS/nav.xhtml");
        assert!(
            nav.contains(&format!("<h1 id=\"toc-title\">{want}</h1>")),
            "{}",
            input.display()
        );
        assert!(nav.contains("<a epub:type=\"toc\" href=\"nav.xhtml#toc\">"));
        // A landmark points into the spine: the navigation document is there, non-linear.
        assert!(opf.contains("<itemref idref=\"nav\" linear=\"no\"/>"));
    }
}

#[test]
fn front_matter_description_is_the_dc_description() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("d.md");
    std::fs::write(
        &md,
        "---\ntitle: 书\ndescription: 一本小书。\n---\n\n# 章\n\n正文。\n",
    )
    .unwrap();
    let (_out, epub) = common::convert(&md, "epub", &[]);
    let opf = utf8(&entries(&epub), "OEBPS/content.opf");
    assert!(opf.contains(">一本小书。</dc:description>"), "{opf}");
}

// See: issue 12, item 6.
#[test]
fn cover_from_front_matter_or_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::root().join("tests/data/red.png"),
        dir.path().join("red.png"),
    )
    .unwrap();
    let with = dir.path().join("with.md");
    std::fs::write(
        &with,
        "---\ntitle: 封面\ncover: red.png\n---\n\n# 章\n\n正文。\n",
    )
    .unwrap();
    let without = dir.path().join("without.md");
    std::fs::write(&without, "---\ntitle: 无封面\n---\n\n# 章\n\n正文。\n").unwrap();
    let red = dir.path().join("red.png");
    let flag = ["--cover", red.to_str().unwrap()];
    for (input, extra) in [(&with, &[][..]), (&without, &flag[..])] {
        let (_out, epub) = common::convert(input, "epub", extra);
        let files = entries(&epub);
        let opf = utf8(&files, "OEBPS/content.opf");
        assert!(
            opf.contains("properties=\"cover-image\" id=\"cover-image\" href=\"images/cover.png\""),
            "{opf}"
        );
        assert_eq!(spine(&opf)[0], "OEBPS/cover.xhtml");
        let (_, png) = files
            .iter()
            .find(|(n, _)| n == "OEBPS/images/cover.png")
            .unwrap();
        assert_eq!(png, &std::fs::read(&red).unwrap());
        let nav = utf8(&files, "OEBPS/nav.xhtml");
        assert!(
            nav.contains("<a epub:type=\"cover\" href=\"cover.xhtml\">"),
            "{nav}"
        );
        if let Some(Err(report)) = common::epubcheck(&epub) {
            panic!("{}: {report}", input.display());
        }
    }
}

// See: issue 12, item 4.
#[test]
fn vertical_numbers_stand_upright_only_in_cjk_text() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("v.md");
    std::fs::write(
        &md,
        "---\ntitle: 竖排\n---\n\n# 第1章\n\n3月到12月，见 <https://example.com/report?id=42&lang=zh>，\
         又见[链接 report?id=7&x](https://example.com/)，iPhone 12 与 A4 纸，共 8 人。\n",
    )
    .unwrap();
    let (_out, epub) = common::convert(&md, "epub", &["--vertical"]);
    let files = entries(&epub);
    let mut upright = Vec::new();
    for name in spine(&utf8(&files, "OEBPS/content.opf")) {
        let xhtml = utf8(&files, &name);
        for piece in xhtml.split("<span class=\"tcy\">").skip(1) {
            upright.push(piece[..piece.find("</span>").unwrap()].to_string());
        }
    }
    assert_eq!(upright, ["1", "3", "12", "8"], "numbers set upright");
}

/// A note nobody cites keeps its text but gets no back-link to a mark that does not exist
/// (EPUBCheck RSC-012; a fuzz finding, checked by EPUBCheck over saved fuzz outputs). The same
/// in the HTML page: every `#` link there has its target.
#[test]
fn a_note_nobody_cites_has_no_dangling_back_link() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("notes.md");
    std::fs::write(
        &md,
        "# 章\n\n正文有注[^a]。\n\n[^a]: 有人引的注。\n\n[^b]: 没人引的注。\n",
    )
    .unwrap();
    let (_out, epub) = common::convert(&md, "epub", &[]);
    let files = entries(&epub);
    let chapter = utf8(&files, "OEBPS/ch001.xhtml");
    assert!(chapter.contains("没人引的注"), "{chapter}");
    assert!(
        chapter.contains("href=\"#fnref_1\""),
        "the cited note links back"
    );
    assert!(!chapter.contains("href=\"#fnref_2\""), "{chapter}");
    if let Some(Err(report)) = common::epubcheck(&epub) {
        panic!("{report}");
    }
    let (_out, html) = common::convert(&md, "html", &[]);
    let page = std::fs::read_to_string(html).unwrap();
    assert!(page.contains("没人引的注"));
    for href in page.split("href=\"#").skip(1) {
        let id = &href[..href.find('"').unwrap()];
        assert!(
            page.contains(&format!("id=\"{id}\"")),
            "no target for #{id}"
        );
    }
}

/// `--toc` means a contents page in all four formats, and so does a preset that prints one
/// (the book): the PDF prints 目录 after the title, the DOCX holds a TOC field, the EPUB reads its
/// navigation document after the title page, and the web page shows its contents. Without
/// either, none has one; the EPUB's navigation document is still there, out of the reading
/// order. See: issue 20, item 5.
#[test]
fn toc_means_a_contents_page_in_every_format() {
    for (preset, flag, want) in [
        ("handout", false, false),
        ("handout", true, true),
        ("gongwen", false, false),
        ("gongwen", true, true),
        ("book", false, true),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = common::cjkpress();
        cmd.arg("build")
            .arg(common::seed())
            .arg("-o")
            .arg(dir.path())
            .args([
                "--to",
                "pdf,docx,epub,html",
                "--no-system-fonts",
                "--preset",
                preset,
            ]);
        if flag {
            cmd.arg("--toc");
        }
        common::run_ok(&mut cmd);
        let what = format!("{preset}{}", if flag { " --toc" } else { "" });
        let out = |ext: &str| dir.path().join(format!("speech.{ext}"));

        let files = entries(&out("epub"));
        let opf = utf8(&files, "OEBPS/content.opf");
        let spine = spine(&opf);
        assert_eq!(
            spine.get(1).map(String::as_str) == Some("OEBPS/nav.xhtml"),
            want,
            "{what}: EPUB spine {spine:?}"
        );
        assert_eq!(
            opf.contains("<itemref idref=\"nav\" linear=\"no\"/>"),
            !want,
            "{what}"
        );
        if let Some(Err(report)) = common::epubcheck(&out("epub")) {
            panic!("EPUBCheck on {what}:\n{report}");
        }

        let page = std::fs::read_to_string(out("html")).unwrap();
        assert_eq!(page.contains("<nav class=\"toc\""), want, "{what}: HTML");

        let docx = common::unzip(&out("docx"));
        let body = String::from_utf8_lossy(&docx["word/document.xml"]).into_owned();
        assert_eq!(body.contains("TOC \\o"), want, "{what}: DOCX");

        if common::available("pdftotext", common::have("pdftotext")) {
            let text = common::output(Command::new("pdftotext").arg(out("pdf")).arg("-"));
            let title = cjkpress::style::plan::toc_title("zh-Hans");
            assert_eq!(text.contains(title), want, "{what}: PDF");
        }
    }
}
