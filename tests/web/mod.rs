//! Helpers shared by the EPUB and HTML tests: the text a reader sees in our markup, and the
//! characters a WOFF2 font maps.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use allsorts::binary::read::ReadScope;
use allsorts::tables::FontTableProvider;
use allsorts::woff2::Woff2Font;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// `tests/data/features.md`: what the seed and the samples lack — front matter before the first
/// chapter, footnotes (one cited from two chapters), a cross-chapter link and a web link, images
/// with and without alt text, a table, nested, loose and task lists, nested quotations, code, a
/// rule.
pub fn features() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/features.md"
    ))
}

/// The addresses of a document's web links, which a printed web page sets after each link.
pub fn link_addresses(doc: &cjkpress::model::Document) -> String {
    let mut out = String::new();
    cjkpress::model::visit_inlines(doc, &mut |i| {
        if let cjkpress::model::Inline::Link { url, .. } = i
            && url.starts_with("http")
        {
            out.push_str(url);
        }
    });
    out
}

/// What a reader sees in a page or content document.
#[derive(Debug, Default)]
pub struct Seen {
    /// The text that stands for the model's text: no table of contents, no note markers or
    /// back-links, no subtitle/author/date lines, footnote `<aside>` bodies taken out; an image
    /// counts as its alt text.
    pub text: String,
    /// The characters drawn in a bold face: headings, run-in leads, strong text, table headers,
    /// the title, and table-of-contents entries (which name headings in the heading's face).
    pub bold: BTreeSet<char>,
    /// The bodies of `<aside id=..>` footnotes, by id.
    pub notes: BTreeMap<String, String>,
    /// Every character drawn on screen (everything in `<body>`, markers and contents included;
    /// an image's alt text, which is drawn when the image cannot be).
    pub drawn: BTreeSet<char>,
}

/// HTML void elements: they have no end tag in HTML syntax.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Classes of generated or metadata text that the model's text does not contain.
const NOT_MODEL: &[&str] = &["noteref", "note-back", "subtitle", "author", "date"];

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Reads the visible text of HTML or XHTML that cjkpress wrote (well-formed apart from HTML void
/// elements).
pub fn seen(markup: &str) -> Seen {
    #[derive(Default)]
    struct Open {
        name: String,
        /// Text inside goes to `drawn` only.
        not_model: bool,
        /// Text inside is not drawn at all (`head`).
        hidden: bool,
        bold: bool,
        note: Option<String>,
    }
    fn alt(out: &mut Seen, stack: &[Open], e: &BytesStart) {
        if stack.iter().any(|o| o.hidden) {
            return;
        }
        let alt = attr(e, "alt").unwrap_or_default();
        out.drawn.extend(alt.chars().filter(|c| !c.is_whitespace()));
        if !stack.iter().any(|o| o.not_model) {
            out.text.push_str(&alt);
        }
    }
    let mut out = Seen::default();
    let mut reader = Reader::from_str(markup);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<Open> = Vec::new();
    let push_text = |out: &mut Seen, stack: &[Open], t: &str| {
        if stack.iter().any(|o| o.hidden) {
            return;
        }
        out.drawn.extend(t.chars().filter(|c| !c.is_whitespace()));
        if stack.iter().any(|o| o.bold) {
            out.bold.extend(t.chars().filter(|c| !c.is_whitespace()));
        }
        // Emphasised text also draws the emphasis mark from its face.
        if stack.iter().any(|o| o.name == "em") && t.chars().any(|c| !c.is_whitespace()) {
            let mark = cjkpress::style::plan::EMPHASIS_MARK;
            out.drawn.insert(mark);
            if stack.iter().any(|o| o.bold) {
                out.bold.insert(mark);
            }
        }
        if stack.iter().any(|o| o.not_model) {
            return;
        }
        match stack.iter().rev().find_map(|o| o.note.as_ref()) {
            Some(id) => out.notes.entry(id.clone()).or_default().push_str(t),
            None => out.text.push_str(t),
        }
    };
    loop {
        match reader.read_event().expect("markup parses") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if VOID.contains(&name.as_str()) {
                    if name == "img" {
                        alt(&mut out, &stack, &e);
                    }
                    continue;
                }
                let class = attr(&e, "class").unwrap_or_default();
                let not_model =
                    name == "nav" || class.split_whitespace().any(|c| NOT_MODEL.contains(&c));
                let note = (name == "aside").then(|| attr(&e, "id")).flatten();
                let in_nav = stack.iter().any(|o| o.name == "nav");
                let bold = matches!(
                    name.as_str(),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b" | "th"
                ) || (name == "a" && in_nav)
                    || class
                        .split_whitespace()
                        .any(|c| ["run-in", "title", "subtitle"].contains(&c));
                stack.push(Open {
                    bold,
                    hidden: matches!(name.as_str(), "head" | "title" | "style" | "script"),
                    name,
                    not_model,
                    note,
                });
            }
            Event::Empty(e) if e.name().as_ref() == "img" => alt(&mut out, &stack, &e),
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                if let Some(pos) = stack.iter().rposition(|o| o.name == name) {
                    stack.truncate(pos);
                }
            }
            Event::Text(t) => {
                let t = t.xml10_content().into_owned();
                push_text(&mut out, &stack, &t);
            }
            Event::CData(t) => {
                let t = t.to_string();
                push_text(&mut out, &stack, &t);
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().expect("char ref").expect("a char")
                } else {
                    match &*r {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("undefined entity &{other};"),
                    }
                };
                push_text(&mut out, &stack, &c.to_string());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The characters a font's Unicode cmap maps: a WOFF2 file (decoding the container on the way,
/// so a broken file fails here) or a TrueType/OpenType file (which must parse as a whole face).
pub fn cmap(font: &[u8]) -> BTreeSet<char> {
    let data: Vec<u8> = if font.starts_with(b"wOF2") {
        let font = ReadScope::new(font)
            .read::<Woff2Font>()
            .expect("WOFF2 parses");
        let tables = font.table_provider(0).expect("WOFF2 decodes");
        tables
            .read_table_data(allsorts::tag::CMAP)
            .expect("font has a cmap")
            .into_owned()
    } else {
        let face = ttf_parser::RawFace::parse(font, 0).expect("sfnt parses");
        ttf_parser::Face::parse(font, 0).expect("face parses");
        face.table(ttf_parser::Tag::from_bytes(b"cmap"))
            .expect("font has a cmap")
            .to_vec()
    };
    let table = ttf_parser::cmap::Table::parse(&data).expect("cmap parses");
    let mut chars = BTreeSet::new();
    for sub in table.subtables {
        if sub.is_unicode() {
            sub.codepoints(|cp| {
                if let Some(c) = char::from_u32(cp)
                    && sub.glyph_index(cp).is_some_and(|g| g.0 != 0)
                {
                    chars.insert(c);
                }
            });
        }
    }
    chars
}

#[test]
fn seen_text_skips_markers_and_collects_notes() {
    let s = seen(
        "<html><head><title>T</title><style>p > a {}</style></head><body>\
         <nav><a href=\"#a\">目录项</a></nav><h1 class=\"title\">书</h1><p class=\"author\">某</p>\
         <p>甲<sup><a class=\"noteref\" href=\"#fn_1\">1</a></sup>&amp;<br>乙<img src=\"x\" alt=\"图\"></p>\
         <aside id=\"fn_1\"><p><a class=\"note-back\" href=\"#r\">1</a>注</p></aside></body></html>",
    );
    assert_eq!(s.text, "书甲&乙图");
    assert_eq!(s.notes["fn_1"], "注");
    assert_eq!(s.drawn, "目录项书某甲1&乙图注".chars().collect());
    assert_eq!(s.bold, "目录项书".chars().collect());
}
