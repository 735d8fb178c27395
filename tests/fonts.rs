//! The font module on real faces: bundled and user (OTF/CFF, TTC) faces, subsets, WOFF2, and the
//! coverage report of `cjkpress check`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use cjkpress::font::{FontSet, FontSpec, Role, Subsets, missing};
use cjkpress::model::{Attr, Block, Document, Inline, Metadata, document_text};
use cjkpress::style::plan::{WRITER_CHARS, usage};
use cjkpress::style::{Preset, Style};

/// The seed as a document: its first line the title, each other line a paragraph, one heading.
fn seed_document() -> Document {
    let text = std::fs::read_to_string(common::seed()).unwrap();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap().to_string();
    let mut blocks = vec![Block::Heading {
        level: 1,
        attr: Attr::id("h"),
        inlines: vec![Inline::Text("一、统一思想认识".into())],
    }];
    blocks.extend(lines.map(|l| Block::Paragraph {
        inlines: vec![Inline::Text(l.to_string())],
    }));
    Document {
        meta: Metadata {
            title,
            lang: "zh-Hans".into(),
            ..Default::default()
        },
        blocks,
        ..Default::default()
    }
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { inlines }
}

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

/// The characters a subset's cmap maps, with their glyph ids.
fn cmap_of(ttf: &[u8]) -> Vec<(char, u16)> {
    let face = ttf_parser::Face::parse(ttf, 0).unwrap();
    let mut out = Vec::new();
    for sub in face.tables().cmap.unwrap().subtables {
        if sub.is_unicode() {
            sub.codepoints(|cp| {
                if let (Some(c), Some(g)) = (char::from_u32(cp), sub.glyph_index(cp)) {
                    out.push((c, g.0));
                }
            });
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[test]
fn seed_subsets_parse_map_every_character_and_are_small() {
    let fonts = FontSet::bundled().unwrap();
    let doc = seed_document();
    let style = Style::preset(Preset::Handout);
    let subsets = Subsets::build(&usage(&doc, &style), &fonts).unwrap();
    let regular = fonts.primary(Role::Body, false);
    let bold = fonts.primary(Role::Heading, false);
    assert_eq!(
        subsets.by_face.keys().copied().collect::<Vec<_>>(),
        vec![regular, bold]
    );

    // Body text is drawn in Regular; the title and the heading in Bold.
    let body: BTreeSet<char> = doc.blocks[1..]
        .iter()
        .flat_map(|b| match b {
            Block::Paragraph { inlines } => cjkpress::model::plain_text(inlines).chars().collect(),
            _ => Vec::new(),
        })
        .chain(WRITER_CHARS.chars())
        .collect();
    let heading: BTreeSet<char> = doc
        .meta
        .title
        .chars()
        .chain("一、统一思想认识".chars())
        .collect();
    assert_eq!(subsets.get(regular).unwrap().chars, body);
    assert!(heading.is_subset(&subsets.get(bold).unwrap().chars));
    assert!(body.len() > 500, "{}", body.len());

    for subset in subsets.by_face.values() {
        let face = fonts.face(subset.face);
        let source = if face.bold {
            "fonts/NotoSerifSC_700Bold.ttf"
        } else {
            "fonts/NotoSerifSC_400Regular.ttf"
        };
        let source = std::fs::read(common::root().join(source)).unwrap();
        let source = ttf_parser::Face::parse(&source, 0).unwrap();
        let parsed = ttf_parser::Face::parse(&subset.ttf, 0).expect("subset parses");
        let cmap = cmap_of(&subset.ttf);
        assert_eq!(
            cmap.iter().map(|m| m.0).collect::<BTreeSet<_>>(),
            subset.chars,
            "the cmap maps exactly the subset's characters"
        );
        // .notdef, one glyph per distinct outline, and the vertical alternates (GSUB `vert`) of
        // some of them, which have no cmap entry.
        let distinct: BTreeSet<u16> = cmap.iter().map(|m| m.1).collect();
        let alternates = vertical_alternates(&parsed);
        assert!(alternates.iter().all(|&(g, _)| distinct.contains(&g)));
        let unmapped: BTreeSet<u16> = (1..parsed.number_of_glyphs())
            .filter(|g| !distinct.contains(g))
            .collect();
        assert_eq!(unmapped, alternates.iter().map(|a| a.1).collect());
        for &(c, g) in &cmap {
            assert_ne!(g, 0, "{c} maps to .notdef");
            assert_eq!(subset.glyph(c), Some(g));
            // The same outline as in the source face, at the same advance.
            let old = source.glyph_index(c).unwrap();
            assert_eq!(
                parsed.glyph_bounding_box(ttf_parser::GlyphId(g)),
                source.glyph_bounding_box(old),
                "{c}"
            );
            assert_eq!(
                parsed.glyph_hor_advance(ttf_parser::GlyphId(g)),
                source.glyph_hor_advance(old),
                "{c}"
            );
            assert_eq!(
                parsed.glyph_bounding_box(ttf_parser::GlyphId(g)).is_some(),
                !c.is_whitespace(),
                "{c} has an outline"
            );
        }
        // Windows reads only a platform-3 cmap subtable (Word embeds through it).
        let platforms = cmap_records(&parsed);
        assert_eq!(
            platforms,
            vec![
                (ttf_parser::PlatformId::Unicode, 3),
                (ttf_parser::PlatformId::Windows, 1)
            ]
        );
        assert_eq!(parsed.units_per_em(), source.units_per_em());
        assert!(
            subset.ttf.len() * 20 < source.raw_face().data.len(),
            "{} bytes",
            subset.ttf.len()
        );
        let name = subset.pdf_name();
        let (tag, ps) = name.split_once('+').unwrap();
        assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()));
        assert_eq!(ps, face.postscript_name);
    }
}

#[test]
fn subsets_are_deterministic() {
    let fonts = FontSet::bundled().unwrap();
    let doc = seed_document();
    let style = Style::preset(Preset::Gongwen);
    let a = Subsets::build(&usage(&doc, &style), &fonts).unwrap();
    let b = Subsets::build(&usage(&doc, &style), &fonts).unwrap();
    assert_eq!(a.by_face.len(), b.by_face.len());
    for (x, y) in a.by_face.values().zip(b.by_face.values()) {
        assert_eq!(x.tag, y.tag);
        assert!(x.ttf == y.ttf, "same input, same bytes");
        assert!(x.woff2().unwrap() == y.woff2().unwrap());
    }
}

#[test]
fn woff2_decodes_to_the_subset_and_is_small() {
    let fonts = FontSet::bundled().unwrap();
    let doc = seed_document();
    let subsets = Subsets::build(&usage(&doc, &Style::preset(Preset::Handout)), &fonts).unwrap();
    let subset = subsets.get(fonts.primary(Role::Body, false)).unwrap();
    let woff2 = subset.woff2().unwrap();
    assert_eq!(&woff2[..4], b"wOF2");
    assert!(woff2.len() < 250_000, "{} bytes", woff2.len());
    assert!(woff2.len() < subset.ttf.len());
    // Encoded once: the second call returns the same bytes.
    assert_eq!(subset.woff2().unwrap().as_ptr(), woff2.as_ptr());

    // Decode with allsorts' WOFF2 reader: the same cmap and metrics, the same outlines.
    use allsorts::binary::read::ReadScope;
    use allsorts::tables::FontTableProvider;
    use allsorts::woff2::Woff2Font;
    let font = ReadScope::new(woff2).read::<Woff2Font<'_>>().unwrap();
    let provider = font.table_provider(0).unwrap();
    let original = ttf_parser::Face::parse(&subset.ttf, 0).unwrap();
    for tag in [allsorts::tag::CMAP, allsorts::tag::HMTX] {
        let decoded = provider.read_table_data(tag).unwrap();
        let table = original.raw_face().table(ttf_parser::Tag(tag)).unwrap();
        assert!(decoded.as_ref() == table, "table {tag:08x} round-trips");
    }
    let tags = provider.table_tags().unwrap();
    let decoded = allsorts::subset::whole_font(&provider, &tags).unwrap();
    let decoded = ttf_parser::Face::parse(&decoded, 0).unwrap();
    assert_eq!(decoded.number_of_glyphs(), original.number_of_glyphs());
    for g in 0..original.number_of_glyphs() {
        let g = ttf_parser::GlyphId(g);
        assert_eq!(outline(&decoded, g), outline(&original, g), "glyph {}", g.0);
    }
}

/// The (glyph, alternate) pairs of a subset's one GSUB `vert` single substitution (format 2, as
/// cjkpress writes it); none without a GSUB.
fn vertical_alternates(face: &ttf_parser::Face<'_>) -> Vec<(u16, u16)> {
    use ttf_parser::gsub::{SingleSubstitution, SubstitutionSubtable};
    let Some(gsub) = face.tables().gsub else {
        return Vec::new();
    };
    let feature = gsub.features.get(0).unwrap();
    assert_eq!(feature.tag, ttf_parser::Tag::from_bytes(b"vert"));
    let lookup = gsub
        .lookups
        .get(feature.lookup_indices.get(0).unwrap())
        .unwrap();
    let Some(SubstitutionSubtable::Single(SingleSubstitution::Format2 {
        coverage,
        substitutes,
    })) = lookup.subtables.get(0)
    else {
        panic!("not a single substitution, format 2");
    };
    (0..face.number_of_glyphs())
        .filter_map(|g| Some((g, substitutes.get(coverage.get(ttf_parser::GlyphId(g))?)?.0)))
        .collect()
}

/// A glyph's outline as a list of drawing commands.
fn outline(face: &ttf_parser::Face<'_>, glyph: ttf_parser::GlyphId) -> Vec<String> {
    struct Pen(Vec<String>);
    impl ttf_parser::OutlineBuilder for Pen {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("M{x},{y}"));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("L{x},{y}"));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(format!("Q{x1},{y1},{x},{y}"));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
        }
        fn close(&mut self) {
            self.0.push("Z".into());
        }
    }
    let mut pen = Pen(Vec::new());
    face.outline_glyph(glyph, &mut pen);
    pen.0
}

#[test]
fn woff2_loads_in_chromium() {
    if !common::available("chromium", common::have("chromium")) {
        return;
    }
    let fonts = FontSet::bundled().unwrap();
    let doc = seed_document();
    let subsets = Subsets::build(&usage(&doc, &Style::preset(Preset::Handout)), &fonts).unwrap();
    subsets.encode_woff2().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut css = String::new();
    for (i, subset) in subsets.by_face.values().enumerate() {
        std::fs::write(
            dir.path().join(format!("f{i}.woff2")),
            subset.woff2().unwrap(),
        )
        .unwrap();
        css += &format!("@font-face{{font-family:f{i};src:url(f{i}.woff2) format(\"woff2\")}}\n");
    }
    // Chromium sanitises web fonts (OTS) and refuses a malformed one: the face's status says so.
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=utf-8><style>{css}</style></head><body>\
         <p id=s>pending</p><script>\
         Promise.allSettled([...document.fonts].map(f => f.load())).then(() => {{\
         document.getElementById('s').textContent = [...document.fonts].map(f => f.status).join(' ')}})\
         </script></body></html>"
    );
    let html = dir.path().join("page.html");
    std::fs::write(&html, page).unwrap();
    let (dom, _) = common::chromium_dom(&html, None, 5_000);
    assert!(dom.contains("<p id=\"s\">loaded loaded</p>"), "{dom}");
}

#[test]
fn every_character_of_the_model_is_in_a_subset_or_reported() {
    let fonts = FontSet::bundled().unwrap();
    let doc = Document {
        meta: Metadata {
            title: "标题".into(),
            subtitle: Some("副题".into()),
            authors: vec!["作者".into()],
            ..Default::default()
        },
        blocks: vec![
            Block::RunIn {
                level: 2,
                attr: Attr::id("a"),
                heading: vec![text("（一）加强领导。")],
                inlines: vec![text("正文"), Inline::Strong(vec![text("重要")])],
            },
            para(vec![
                Inline::Emph(vec![text("强调")]),
                Inline::Code("fn main()".into()),
                text("吉𠮷한"),
                Inline::NoteRef { index: 0 },
            ]),
            Block::Table {
                attr: Attr::default(),
                align: vec![],
                head: vec![vec![text("表头")]],
                rows: vec![vec![vec![text("单元")]]],
            },
            Block::CodeBlock {
                attr: Attr::default(),
                lang: None,
                text: "let x = 1;\n".into(),
            },
        ],
        notes: vec![cjkpress::model::Note {
            label: "1".into(),
            blocks: vec![para(vec![text("注文")])],
        }],
        ..Default::default()
    };
    let style = Style::preset(Preset::Gongwen);
    let subsets = Subsets::build(&usage(&doc, &style), &fonts).unwrap();
    let covered: BTreeSet<char> = subsets
        .by_face
        .values()
        .flat_map(|s| s.chars.iter().copied())
        .collect();
    let all = document_text(&doc);
    let reported: BTreeSet<char> = missing(&all, &fonts).iter().map(|m| m.ch).collect();
    for c in all.chars().filter(|c| !c.is_control()) {
        assert!(
            covered.contains(&c) ^ reported.contains(&c),
            "{c:?} is covered by a subset or reported missing, not both or neither"
        );
    }
    assert!(reported.contains(&'한'));
    // Strong text and the gongwen headings are drawn bold, so Bold carries them.
    let bold = subsets.get(fonts.primary(Role::Hei, false)).unwrap();
    assert!(
        "重要表头（一）加强领导标副"
            .chars()
            .all(|c| bold.chars.contains(&c))
    );
    let regular = subsets.get(fonts.primary(Role::FangSong, false)).unwrap();
    assert!(
        "正文强调注文单元作者"
            .chars()
            .all(|c| regular.chars.contains(&c))
    );
    // Code is drawn in the bundled monospace.
    let mono = subsets.get(fonts.primary(Role::Mono, false)).unwrap();
    assert!("fnmain()letx=1;".chars().all(|c| mono.chars.contains(&c)));
}

/// A folder with fonts made by fontTools: `cff.otf` (CFF outlines, covering A, 丂 and 한국어),
/// the same as `cff2.otf` with CFF2 outlines (as variable CJK fonts have), and `pair.ttc`, a collection of two TrueType faces (`Test Pair` Regular, `Test Pair` Bold).
fn test_fonts() -> Option<tempfile::TempDir> {
    let python = Command::new("python3")
        .args(["-c", "import fontTools"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::available("python3 with fontTools", python) {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = r#"
import sys
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

chars = {"A": 0x41, "uni4E02": 0x4E02, "uniD55C": 0xD55C, "uniAD6D": 0xAD6D, "uniC5B4": 0xC5B4}
order = [".notdef"] + list(chars)

def box(pen, w):
    pen.moveTo((50, 0)); pen.lineTo((50, 700)); pen.lineTo((w - 50, 700)); pen.lineTo((w - 50, 0))
    pen.closePath()

def names(family, style):
    return {"familyName": family, "styleName": style, "psName": family.replace(" ", "") + "-" + style}

def build(cff, family, style, bold, path):
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({v: k for k, v in chars.items()})
    widths = {g: (1000 if g.startswith("u") else 600) for g in order}
    if cff:
        strings = {}
        for g in order:
            pen = T2CharStringPen(widths[g], None)
            box(pen, widths[g])
            strings[g] = pen.getCharString()
        fb.setupCFF(names(family, style)["psName"], {"FullName": family}, strings, {})
    else:
        glyphs = {}
        for g in order:
            pen = TTGlyphPen(None)
            box(pen, widths[g])
            glyphs[g] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({g: (widths[g], 50) for g in order})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable(names(family, style))
    fb.setupOS2(usWeightClass=700 if bold else 400, fsSelection=0x20 if bold else 0x40,
                sTypoAscender=880, sTypoDescender=-120)
    fb.setupPost()
    fb.updateHead(macStyle=1 if bold else 0)
    fb.save(path)

out = sys.argv[1]
build(True, "Test Hangul", "Regular", False, out + "/cff.otf")
build(False, "Test Pair", "Regular", False, out + "/a.ttf")
build(False, "Test Pair", "Bold", True, out + "/b.ttf")
from fontTools.cffLib.CFFToCFF2 import convertCFFToCFF2
cff2 = TTFont(out + "/cff.otf")
convertCFFToCFF2(cff2)
cff2.save(out + "/cff2.otf")
c = TTCollection()
c.fonts = [TTFont(out + "/a.ttf"), TTFont(out + "/b.ttf")]
c.save(out + "/pair.ttc")
"#;
    common::run_ok(Command::new("python3").args(["-c", script]).arg(dir.path()));
    Some(dir)
}

fn spec(role: Option<Role>, path: PathBuf, index: u32) -> FontSpec {
    FontSpec { role, path, index }
}

#[test]
fn a_cff_face_loads_covers_hangul_and_subsets() {
    let Some(dir) = test_fonts() else { return };
    let otf = dir.path().join("cff.otf");
    let mut notes = Vec::new();
    let fonts = FontSet::load(&[spec(Some(Role::Body), otf.clone(), 0)], &mut notes).unwrap();
    let face = fonts.face(fonts.primary(Role::Body, false));
    assert_eq!(face.family, "Test Hangul");
    assert_eq!(face.postscript_name, "TestHangul-Regular");
    assert!(face.cff);
    assert_eq!(face.advance('한'), Some(1.0));
    assert_eq!(face.advance('A'), Some(0.6));
    assert!(
        notes
            .iter()
            .any(|n| n.message.contains("font role body: TestHangul-Regular"))
    );
    assert!(notes.iter().any(|n| {
        n.message
            .contains("font role kai: no font given, using NotoSerifSC")
    }));

    // The user face is first for body text, the bundled serif draws what it lacks, and the
    // Hangul it adds is no longer missing.
    let body = fonts.primary(Role::Body, false);
    let runs: Vec<_> = fonts.runs(Role::Body, false, "A中한국어").collect();
    assert_eq!(runs[0], (Some(body), "A"));
    assert_ne!(runs[1].0, Some(body));
    assert_eq!(runs[2], (Some(body), "한국어"));
    assert!(missing("中한국어", &fonts).is_empty());
    // Only the body role has it first; a heading still draws Hangul with it, as a last resort.
    assert_ne!(fonts.primary(Role::Heading, false), body);
    assert_eq!(fonts.pick(Role::Heading, false, '한'), Some(body));

    let doc = Document {
        blocks: vec![para(vec![text("A中한국어")])],
        ..Default::default()
    };
    let subsets = Subsets::build(&usage(&doc, &Style::preset(Preset::Handout)), &fonts).unwrap();
    let subset = subsets.get(body).unwrap();
    assert_eq!(&subset.ttf[..4], b"OTTO", "a CFF face gives a CFF subset");
    let parsed = ttf_parser::Face::parse(&subset.ttf, 0).unwrap();
    assert!(parsed.tables().cff.is_some());
    for c in "A한국어".chars() {
        assert!(subset.glyph(c).is_some_and(|g| g != 0), "{c}");
        assert!(
            parsed
                .glyph_bounding_box(ttf_parser::GlyphId(subset.glyph(c).unwrap()))
                .is_some()
        );
    }
    assert!(subset.woff2().is_ok());
}

#[test]
fn a_cff2_face_subsets_to_cff() {
    let Some(dir) = test_fonts() else { return };
    let spec = spec(None, dir.path().join("cff2.otf"), 0);
    let fonts = FontSet::load(&[spec], &mut Vec::new()).unwrap();
    let id = fonts.primary(Role::Body, false);
    assert!(fonts.face(id).cff);
    let doc = Document {
        blocks: vec![para(vec![text("한국어")])],
        ..Default::default()
    };
    let subsets = Subsets::build(&usage(&doc, &Style::preset(Preset::Handout)), &fonts).unwrap();
    let subset = subsets.get(id).unwrap();
    let parsed = ttf_parser::Face::parse(&subset.ttf, 0).unwrap();
    assert!(parsed.tables().cff.is_some());
    let cff2 = std::fs::read(dir.path().join("cff2.otf")).unwrap();
    assert!(
        ttf_parser::Face::parse(&cff2, 0)
            .unwrap()
            .tables()
            .cff2
            .is_some()
    );
    // ttf-parser draws no outline from this CFF2 table; its CFF twin has the same glyphs.
    let source = std::fs::read(dir.path().join("cff.otf")).unwrap();
    let source = ttf_parser::Face::parse(&source, 0).unwrap();
    for c in "한국어".chars() {
        let new = outline(&parsed, ttf_parser::GlyphId(subset.glyph(c).unwrap()));
        assert_eq!(new, outline(&source, source.glyph_index(c).unwrap()), "{c}");
        assert_eq!(new.len(), 5, "{c}: a box");
    }
}

#[test]
fn a_ttc_face_loads_by_index_and_unrolled_fonts_come_first() {
    let Some(dir) = test_fonts() else { return };
    let ttc = dir.path().join("pair.ttc");
    let specs = [
        spec(None, ttc.clone(), 1),
        spec(None, ttc.clone(), 0),
        spec(Some(Role::Emphasis), dir.path().join("cff.otf"), 0),
    ];
    let mut notes = Vec::new();
    let fonts = FontSet::load(&specs, &mut notes).unwrap();
    let regular = fonts.primary(Role::Body, false);
    let bold = fonts.primary(Role::Body, true);
    assert_eq!(fonts.face(regular).postscript_name, "TestPair-Regular");
    assert_eq!(fonts.face(bold).postscript_name, "TestPair-Bold");
    assert!(fonts.face(bold).bold && !fonts.face(regular).bold);
    // A face without a role is first in every chain but below a face given for the role.
    assert_eq!(
        fonts
            .face(fonts.primary(Role::Emphasis, false))
            .postscript_name,
        "TestHangul-Regular"
    );
    assert_eq!(fonts.chain(Role::Emphasis, false)[1], regular);
    // Roles drawn bold by default take the bold face of a pair first.
    assert_eq!(fonts.primary(Role::Hei, false), bold);
    assert_eq!(fonts.primary(Role::FangSong, false), regular);
    assert!(
        notes.iter().any(|n| n
            .message
            .starts_with("font role fangsong: TestPair-Regular (")
            && n.message.ends_with("pair.ttc)")),
        "{notes:?}"
    );

    let err = FontSet::load(&[spec(None, ttc, 2)], &mut Vec::new()).unwrap_err();
    assert!(
        err.to_string().contains("no face #2 (the file has 2)"),
        "{err}"
    );
    let not_a_font = dir.path().join("x.ttf");
    std::fs::write(&not_a_font, b"hello").unwrap();
    let err = FontSet::load(&[spec(None, not_a_font, 0)], &mut Vec::new()).unwrap_err();
    assert!(err.to_string().contains("x.ttf: not a font file"), "{err}");
}

fn check(file: &Path, extra: &[&str]) -> std::process::Output {
    common::cjkpress()
        .arg("check")
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn check_reports_extension_b_and_hangul_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mixed.txt");
    std::fs::write(&file, "标题\n\n吉祥的𠮷字，韩文안녕하세요。\n又见𠮷与안\n").unwrap();
    let out = check(&file, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Noto Serif SC has 442 characters beyond the BMP, but not 𠮷, and no Hangul.
    for line in [
        "no font covers U+20BB7 𠮷 (first at line 3, column 4; 2 times)",
        "no font covers U+C548 안 (first at line 3, column 9; 2 times)",
        "no font covers U+B155 녕 (first at line 3, column 10; 1 time)",
    ] {
        assert!(stdout.contains(line), "{line}\n{stdout}");
    }
    assert!(!stdout.contains("U+5409"), "吉 is covered:\n{stdout}");

    let strict = check(&file, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
}

#[test]
fn characters_beyond_the_bmp_get_a_full_unicode_cmap() {
    // Noto Serif SC has 217 CJK Extension B+ characters, such as 𠂇 U+20087 (not 𠮷 U+20BB7).
    let fonts = FontSet::bundled().unwrap();
    let doc = Document {
        blocks: vec![para(vec![text("中𠂇")])],
        ..Default::default()
    };
    let subsets = Subsets::build(&usage(&doc, &Style::preset(Preset::Handout)), &fonts).unwrap();
    let subset = subsets.get(fonts.primary(Role::Body, false)).unwrap();
    let records = cmap_records(&ttf_parser::Face::parse(&subset.ttf, 0).unwrap());
    assert_eq!(
        records,
        vec![
            (ttf_parser::PlatformId::Unicode, 4),
            (ttf_parser::PlatformId::Windows, 10)
        ]
    );
    // The PDF writer reads glyph ids through this cmap, beyond the BMP too.
    for c in ['中', '𠂇'] {
        assert!(subset.glyph(c).is_some_and(|g| g != 0), "{c}");
    }
}

/// The seed's body subset, decoded from its WOFF2 by fontTools, keeps the source's vertical
/// metrics for every glyph and a GSUB `vert` lookup that turns `，` into the source's vertical
/// comma: what Chromium needs for tight columns and vertical punctuation in `vertical-rl`.
#[test]
fn woff2_keeps_vertical_metrics_and_the_vert_feature() {
    let python = Command::new("python3")
        .args(["-c", "import fontTools, brotli"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::available("python3 with fontTools and brotli", python) {
        return;
    }
    let fonts = FontSet::bundled().unwrap();
    // The raw seed has ASCII commas (the reader makes them full width): add the CJK punctuation.
    let mut doc = seed_document();
    doc.blocks.push(para(vec![text("，。、：；！“”（）《》")]));
    let subsets = Subsets::build(&usage(&doc, &Style::preset(Preset::Handout)), &fonts).unwrap();
    let subset = subsets.get(fonts.primary(Role::Body, false)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let woff2 = dir.path().join("subset.woff2");
    std::fs::write(&woff2, subset.woff2().unwrap()).unwrap();
    let source = common::root().join("fonts/NotoSerifSC_400Regular.ttf");
    // Prints one line per check, `name value`, compared below.
    let script = r#"
import sys
from fontTools.ttLib import TTFont
cut, src = TTFont(sys.argv[1]), TTFont(sys.argv[2])
cmap, src_cmap = cut.getBestCmap(), src.getBestCmap()
n = cut["maxp"].numGlyphs
print("glyphs", n)
print("vmetrics", cut["vhea"].numberOfVMetrics, len(cut["vmtx"].metrics))
print("vmtx_differs", sum(cut["vmtx"][cmap[c]] != src["vmtx"][src_cmap[c]] for c in cmap))
gsub = cut["GSUB"].table
print("features", " ".join(r.FeatureTag for r in gsub.FeatureList.FeatureRecord))
hani = [s for s in gsub.ScriptList.ScriptRecord if s.ScriptTag == "hani"][0].Script
feature = gsub.FeatureList.FeatureRecord[hani.DefaultLangSys.FeatureIndex[0]].Feature
lookup = gsub.LookupList.Lookup[feature.LookupListIndex[0]]
mapping = lookup.SubTable[0].mapping
comma = mapping.get(cmap[0xFF0C])
print("comma_type", lookup.LookupType, comma is not None and comma != cmap[0xFF0C])
# The alternate is the source's: the same outline and vertical metrics.
src_gsub = src["GSUB"].table
src_vert = [i for r in src_gsub.FeatureList.FeatureRecord if r.FeatureTag == "vert"
            for i in r.Feature.LookupListIndex]
src_comma = [src_gsub.LookupList.Lookup[i].SubTable[0].mapping for i in sorted(set(src_vert))
             if src_cmap[0xFF0C] in src_gsub.LookupList.Lookup[i].SubTable[0].mapping][0][src_cmap[0xFF0C]]
same = (cut["glyf"][comma].getCoordinates(cut["glyf"])[0] ==
        src["glyf"][src_comma].getCoordinates(src["glyf"])[0]) and cut["vmtx"][comma] == src["vmtx"][src_comma]
print("comma_same", same)
print("mapped_unkept", sum(c not in cmap.values() or g not in cut.getGlyphOrder() for c, g in mapping.items()))
"#;
    let out = common::run_ok(
        Command::new("python3")
            .args(["-c", script])
            .arg(&woff2)
            .arg(&source),
    );
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    let value = |name: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or_else(|| panic!("no {name} in {out}"))
            .to_string()
    };
    let glyphs: usize = value("glyphs").parse().unwrap();
    // The kept characters' glyphs, .notdef, and a dozen vertical punctuation alternates.
    assert!(glyphs > subset.chars.len() + 1, "{out}");
    assert!(glyphs < subset.chars.len() + 30, "{out}");
    assert_eq!(value("vmetrics"), format!("{glyphs} {glyphs}"));
    assert_eq!(value("vmtx_differs"), "0");
    assert_eq!(value("features"), "vert");
    assert_eq!(value("comma_type"), "1 True");
    assert_eq!(value("comma_same"), "True");
    assert_eq!(value("mapped_unkept"), "0");
}

/// The (platform, encoding) of every cmap subtable of a face.
fn cmap_records(face: &ttf_parser::Face<'_>) -> Vec<(ttf_parser::PlatformId, u16)> {
    face.tables()
        .cmap
        .unwrap()
        .subtables
        .into_iter()
        .map(|s| (s.platform_id, s.encoding_id))
        .collect()
}
