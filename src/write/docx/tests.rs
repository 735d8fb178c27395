//! Unit tests of the whole writer on hand-made documents, without real fonts: every part parses,
//! every part is declared, and the model's structure shows in the WordprocessingML.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use super::body::bookmark_name;
use super::*;
use crate::model::{Align, Attr, Block, Inline, ListItem, Note, Resource};
use crate::style::Preset;

fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { inlines }
}

/// Fake font bytes: the writer only obfuscates and names them.
const REGULAR: &[u8] = b"\x00\x01\x00\x00 regular face, more than thirty-two bytes long";
const BOLD: &[u8] = b"\x00\x01\x00\x00 bold face, also more than thirty-two bytes long";

fn setup(style: &Style) -> Setup<'_> {
    Setup {
        style,
        fonts: None,
        faces: super::styles::tests::faces(),
        families: vec![Family {
            name: "Noto Serif SC".into(),
            regular: Some(REGULAR),
            bold: Some(BOLD),
            ranges: [0; 4],
        }],
        epoch: 1_700_000_000,
        pages: BTreeMap::new(),
        colophon_pages: 0,
        colophon_runs_over: false,
        reference: None,
    }
}

fn sample() -> Document {
    let mut doc = Document::default();
    doc.meta.title = "区委讲话".into();
    doc.meta.lang = "zh-Hans".into();
    doc.meta.authors = vec!["办公室".into()];
    doc.blocks = vec![
        Block::Salutation {
            inlines: vec![text("同志们：")],
        },
        para(vec![
            text("按照"),
            text("统一部署"),
            Inline::Strong(vec![text("重要")]),
            Inline::Emph(vec![text("着重")]),
            Inline::NoteRef { index: 0 },
            Inline::LineBreak,
            Inline::Link {
                url: "https://example.com/?a=1&b=2".into(),
                inlines: vec![text("链接")],
            },
            Inline::Link {
                url: "#一统一思想认识".into(),
                inlines: vec![text("见上")],
            },
        ]),
        Block::Heading {
            level: 1,
            attr: Attr::id("一统一思想认识"),
            inlines: vec![text("一、"), Inline::Strong(vec![text("统一思想认识")])],
        },
        Block::RunIn {
            level: 2,
            attr: Attr::id("一加强领导"),
            heading: vec![text("（一）加强领导。")],
            inlines: vec![text("切实开展好学习实践活动。")],
        },
        Block::BlockQuote {
            attr: Attr::default(),
            blocks: vec![para(vec![text("引文")])],
        },
        Block::List {
            attr: Attr::default(),
            ordered: true,
            start: 3,
            items: vec![
                ListItem {
                    task: None,
                    blocks: vec![
                        para(vec![text("第三项")]),
                        Block::List {
                            attr: Attr::default(),
                            ordered: false,
                            start: 1,
                            items: vec![ListItem {
                                task: Some(true),
                                blocks: vec![para(vec![text("已完成")])],
                            }],
                        },
                    ],
                },
                ListItem {
                    task: None,
                    blocks: vec![para(vec![text("第四项")])],
                },
            ],
        },
        Block::Table {
            attr: Attr::default(),
            align: vec![Align::Left, Align::Right],
            head: vec![vec![text("项目")], vec![text("数量")]],
            rows: vec![vec![vec![text("甲")], vec![text("1")]]],
        },
        Block::CodeBlock {
            attr: Attr::default(),
            lang: None,
            text: "fn main() {\n\tlet  x = 1 < 2;\n}\n".into(),
        },
        Block::ThematicBreak,
        para(vec![Inline::Image {
            src: "a.png".into(),
            alt: "图".into(),
        }]),
    ];
    doc.notes = vec![Note {
        label: "1".into(),
        blocks: vec![para(vec![
            text("注释"),
            Inline::Link {
                url: "https://example.org".into(),
                inlines: vec![text("出处")],
            },
        ])],
    }];
    doc.resources.insert(
        "a.png".into(),
        Resource {
            mime: "image/png",
            data: b"\x89PNG fake".to_vec(),
            width: 4000,
            height: 1000,
        },
    );
    doc
}

fn render(doc: &Document, preset: Preset) -> Warned<Vec<u8>> {
    let style = Style::preset(preset);
    build(doc, &setup(&style)).unwrap()
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        parts.insert(f.name().to_string(), data);
    }
    parts
}

fn part(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts[name].clone()).unwrap()
}

/// Parses a part to its end; returns the element names in document order.
fn elements(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                names.push(e.name().as_ref().to_owned());
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    names
}

#[test]
fn every_part_is_well_formed_and_declared() {
    let out = render(&sample(), Preset::Handout);
    let parts = unzip(&out.value);
    assert_eq!(parts.keys().next().unwrap(), "[Content_Types].xml");
    let types = part(&parts, "[Content_Types].xml");
    for (name, data) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let xml = std::str::from_utf8(data).unwrap();
            assert!(!elements(xml).is_empty(), "{name}");
        }
        if name.ends_with(".xml") && name != "[Content_Types].xml" {
            assert!(
                types.contains(&format!("PartName=\"/{name}\"")),
                "{name} undeclared"
            );
        }
    }
    for needed in [
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
        "word/_rels/footnotes.xml.rels",
        "word/fonts/font1.odttf",
        "word/fonts/font2.odttf",
        "word/media/image1.png",
        "docProps/core.xml",
    ] {
        assert!(parts.contains_key(needed), "{needed} missing");
    }
    assert!(types.contains("Extension=\"odttf\""));
    assert!(types.contains("Extension=\"png\""));
}

#[test]
fn same_document_same_bytes() {
    let a = render(&sample(), Preset::Gongwen).value;
    let b = render(&sample(), Preset::Gongwen).value;
    assert_eq!(a, b);
}

#[test]
fn structure_shows_in_styles() {
    let parts = unzip(&render(&sample(), Preset::Handout).value);
    let doc = part(&parts, "word/document.xml");
    assert!(doc.contains("<w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>区委讲话</w:t>"));
    assert!(doc.contains("<w:pStyle w:val=\"Salutation\"/>"));
    assert!(doc.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:bookmarkStart w:id=\"0\" w:name=\"一统一思想认识\"/>"));
    // Run-in heading: body paragraph, lead in the heading's character style, bookmarked.
    assert!(doc.contains(
        "<w:pStyle w:val=\"BodyText\"/></w:pPr>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TC \"（一）加强领导。\" \\l 2 </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         <w:bookmarkStart w:id=\"1\" w:name=\"一加强领导\"/>\
         <w:r><w:rPr><w:rStyle w:val=\"Heading2Char\"/></w:rPr><w:t>（一）加强领导。</w:t></w:r><w:bookmarkEnd w:id=\"1\"/>\
         <w:r><w:t>切实开展好学习实践活动。</w:t></w:r>"
    ));
    assert!(doc.contains("<w:pStyle w:val=\"Quote\"/></w:pPr><w:r><w:t>引文</w:t>"));
    // Adjacent text nodes are one run; strong and emphasis are character styles.
    assert!(doc.contains("<w:t>按照统一部署</w:t>"));
    assert!(doc.contains("<w:rStyle w:val=\"Strong\"/></w:rPr><w:t>重要</w:t>"));
    // Strong in a bold heading stays plain: a second bold would toggle bold off (§17.7.3).
    assert!(doc.contains("<w:r><w:t>统一思想认识</w:t></w:r><w:bookmarkEnd w:id=\"0\"/>"));
    assert!(doc.contains("<w:rStyle w:val=\"Emphasis\"/></w:rPr><w:t>着重</w:t>"));
    assert!(doc.contains("<w:footnoteReference w:id=\"1\"/>"));
    assert!(doc.contains("<w:hyperlink w:anchor=\"一统一思想认识\" w:history=\"1\">"));
    assert!(doc.contains(
        "<w:hyperlink r:id=\"rId2\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/>"
    ));
    // Code keeps its spaces and tabs, and escapes markup.
    assert!(doc.contains("<w:tab/><w:t xml:space=\"preserve\">let  x = 1 &lt; 2;</w:t>"));
    // Lists: numbered items, a nested task item one level deeper with a ticked check box.
    assert!(doc.contains("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr>"));
    assert!(doc.contains("<w14:checkbox><w14:checked w14:val=\"1\"/>"));
    let numbering = part(&parts, "word/numbering.xml");
    assert!(numbering.contains("<w:startOverride w:val=\"3\"/>"));
    // The table has its style and a repeated header row, the right column right-aligned.
    assert!(doc.contains("<w:tblStyle w:val=\"TableGrid\"/>"));
    assert!(doc.contains("<w:tblHeader/>"));
    assert!(doc.contains("<w:jc w:val=\"right\"/></w:pPr><w:r><w:t>1</w:t>"));
    // The wide image is scaled to the 160 mm text block and set as a figure.
    assert!(doc.contains("<w:pStyle w:val=\"Figure\"/>"));
    assert!(doc.contains(&format!(
        "<wp:extent cx=\"{}\" cy=\"{}\"/>",
        160 * 36_000,
        40 * 36_000
    )));
    let rels = part(&parts, "word/_rels/document.xml.rels");
    assert!(rels.contains("Target=\"https://example.com/?a=1&amp;b=2\" TargetMode=\"External\""));
    assert!(rels.contains("Target=\"media/image1.png\""));
    // The footnote starts with its own number, and its link lives in the footnotes' relationships.
    let notes = part(&parts, "word/footnotes.xml");
    assert!(notes.contains("<w:footnote w:id=\"1\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t>注释</w:t>"));
    let note_rels = part(&parts, "word/_rels/footnotes.xml.rels");
    assert!(note_rels.contains("Target=\"https://example.org\""));
}

/// The paragraph properties of the style `id` in styles.xml.
fn style_ppr(styles: &str, id: &str) -> String {
    let start = styles
        .find(&format!("w:styleId=\"{id}\""))
        .unwrap_or_else(|| panic!("no style {id}"));
    let rest = &styles[start..];
    rest[rest.find("<w:pPr>").unwrap()..rest.find("</w:pPr>").unwrap()].to_string()
}

#[test]
fn headings_take_their_alignment_and_spacing_from_the_plan() {
    // Handout: a line above a level-2 heading, a quarter line below (20.4 pt: 408, 102 twips).
    let parts = unzip(&render(&sample(), Preset::Handout).value);
    let h2 = style_ppr(&part(&parts, "word/styles.xml"), "Heading2");
    assert!(
        h2.contains("<w:spacing w:before=\"408\" w:after=\"102\""),
        "{h2}"
    );
    assert!(h2.contains("<w:jc w:val=\"left\"/>"), "{h2}");
    let h1 = style_ppr(&part(&parts, "word/styles.xml"), "Heading1");
    assert!(h1.contains("<w:jc w:val=\"left\"/>"), "{h1}");
    // Book: a chapter opens its page centred, as the PDF sets it.
    let parts = unzip(&render(&sample(), Preset::Book).value);
    let h1 = style_ppr(&part(&parts, "word/styles.xml"), "Heading1");
    assert!(h1.contains("<w:pageBreakBefore/>"), "{h1}");
    assert!(h1.contains("<w:jc w:val=\"center\"/>"), "{h1}");
}

#[test]
fn fonts_travel_obfuscated_and_named() {
    let parts = unzip(&render(&sample(), Preset::Handout).value);
    let table = part(&parts, "word/fontTable.xml");
    assert!(table.contains("<w:font w:name=\"Noto Serif SC\">"));
    let key = embed::font_key(REGULAR);
    assert!(table.contains(&format!(
        "<w:embedRegular r:id=\"rIdFont1\" w:fontKey=\"{key}\"/>"
    )));
    assert!(table.contains("<w:embedBold r:id=\"rIdFont2\""));
    assert_eq!(
        embed::obfuscate(&parts["word/fonts/font1.odttf"], &key),
        REGULAR
    );
    let settings = part(&parts, "word/settings.xml");
    assert!(settings.contains("<w:embedTrueTypeFonts/>"));
    let styles = part(&parts, "word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"));
}

#[test]
fn gongwen_page_has_grid_and_odd_even_footers() {
    let parts = unzip(&render(&sample(), Preset::Gongwen).value);
    let doc = part(&parts, "word/document.xml");
    assert!(doc.contains(
        "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"579\" w:charSpace=\"-848\"/>"
    ));
    assert!(part(&parts, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    assert!(part(&parts, "word/footer2.xml").contains("<w:jc w:val=\"left\"/>"));
    let styles = part(&parts, "word/styles.xml");
    // 3号 body: 16 pt is 32 half-points, at 98 % width so that each fits its cell of 156 mm /
    // 28; the body indent is two cells (315 twips each, rounded down).
    assert!(styles.contains("<w:w w:val=\"98\"/><w:sz w:val=\"32\"/>"));
    assert!(styles.contains("<w:ind w:firstLine=\"630\" w:firstLineChars=\"200\"/>"));
    // The grid wins over the keeps, as in the PDF (GB/T 9704 §5.2.3).
    assert!(styles.contains("<w:widowControl w:val=\"0\"/>"));
}

#[test]
fn table_of_contents_lists_headings_as_a_field_with_results() {
    let style = Style {
        toc: true,
        ..Style::preset(Preset::Handout)
    };
    let out = build(&sample(), &setup(&style)).unwrap();
    let doc = part(&unzip(&out.value), "word/document.xml");
    let toc = &doc[doc.find("<w:sdt>").unwrap()..doc.find("</w:sdt>").unwrap()];
    assert!(toc.contains("TOC \\o \"1-3\" \\f \\l \"1-3\" \\h \\z \\u"));
    // The run-in lead is an entry too, as in the other formats.
    assert!(toc.contains("<w:t>（一）加强领导。</w:t>"));
    assert!(toc.contains("<w:pStyle w:val=\"TOC1\"/>"));
    assert!(toc.contains(
        "<w:hyperlink w:anchor=\"一统一思想认识\" w:history=\"1\"><w:r><w:t>一、统一思想认识</w:t>"
    ));
    assert!(toc.contains("<w:fldChar w:fldCharType=\"end\"/>"));
}

#[test]
fn empty_document_is_still_a_document() {
    let out = render(&Document::default(), Preset::Book);
    let parts = unzip(&out.value);
    let doc = part(&parts, "word/document.xml");
    assert!(doc.contains("<w:body><w:p/><w:sectPr>"));
    assert!(!parts.contains_key("word/footnotes.xml"));
    assert!(!parts.contains_key("word/numbering.xml"));
}

#[test]
fn bookmark_names_are_word_safe_and_unique() {
    let mut used = BTreeSet::new();
    assert_eq!(bookmark_name("hello-world", &mut used), "hello_world");
    assert_eq!(bookmark_name("hello_world", &mut used), "hello_world_1");
    assert_eq!(bookmark_name("2026年", &mut used), "h2026年");
    let long = "长".repeat(50);
    let a = bookmark_name(&long, &mut used);
    let b = bookmark_name(&long, &mut used);
    assert_eq!(a.chars().count(), 40);
    assert_eq!(b.chars().count(), 40);
    assert_ne!(a, b);
}

#[test]
fn missing_image_leaves_alt_text_and_no_second_warning() {
    let doc = Document {
        blocks: vec![para(vec![Inline::Image {
            src: "gone.png".into(),
            alt: "示意图".into(),
        }])],
        ..Document::default()
    };
    let out = render(&doc, Preset::Handout);
    // `resources::load` warned when it could not load the image; the writer does not again.
    assert!(!out.warnings.iter().any(|w| w.message.contains("gone.png")));
    let doc_xml = part(&unzip(&out.value), "word/document.xml");
    assert!(doc_xml.contains("<w:t>示意图</w:t>"));
}

/// The `w:sectPr`s of `document.xml`, each with what comes right before it.
fn sections(doc: &str) -> Vec<(&str, &str)> {
    doc.match_indices("<w:sectPr>")
        .map(|(at, _)| {
            let end = at + doc[at..].find("</w:sectPr>").unwrap();
            (&doc[at.saturating_sub(60)..at], &doc[at..end])
        })
        .collect()
}

#[test]
fn book_front_matter_and_chapters_are_sections() {
    let heading = |id: &str| Block::Heading {
        level: 1,
        attr: Attr::id(id),
        inlines: vec![text(id)],
    };
    let mut doc = Document::default();
    doc.meta.title = "论语".into();
    doc.blocks = vec![
        heading("学而篇"),
        para(vec![text("子曰")]),
        heading("为政篇"),
        Block::Table {
            attr: Attr::default(),
            align: vec![Align::Left],
            head: vec![vec![text("甲")]],
            rows: vec![],
        },
        heading("八佾篇"),
        para(vec![text("孔子谓季氏")]),
    ];
    let out = render(&doc, Preset::Book);
    let parts = unzip(&out.value);
    let xml = part(&parts, "word/document.xml");
    elements(&xml);
    let s = sections(&xml);
    assert_eq!(s.len(), 4, "front, then three chapters: {s:#?}");
    // The front matter: roman numbers, the title page's empty footer.
    assert!(
        s[0].1
            .contains("<w:pgNumType w:fmt=\"lowerRoman\" w:start=\"1\"/>")
    );
    assert!(s[0].1.contains("<w:titlePg/>"));
    assert!(
        s[0].1
            .contains("<w:footerReference w:type=\"first\" r:id=\"rIdFooter7\"/>")
    );
    assert!(!part(&parts, "word/footer7.xml").contains("PAGE"));
    // No running head in the front matter.
    assert!(!s[0].1.contains("headerReference"), "{}", s[0].1);
    // The body from 1, each chapter on an odd page.
    assert!(
        s[1].1
            .contains("<w:pgNumType w:fmt=\"decimal\" w:start=\"1\"/>")
    );
    // Each chapter on an odd page, opening without a head (its `first` header is empty, its
    // `first` footer the odd pages' folio), its odd pages headed by its own title.
    let mut heads = std::collections::BTreeSet::new();
    for ((_, sect), chapter) in s[1..].iter().zip(["学而篇", "为政篇", "八佾篇"]) {
        assert!(sect.contains("<w:type w:val=\"oddPage\"/>"), "{sect}");
        assert!(sect.contains("<w:titlePg/>"), "{sect}");
        assert!(sect.contains("<w:headerReference w:type=\"first\" r:id=\"rIdHeader3\"/>"));
        assert!(sect.contains("<w:footerReference w:type=\"first\" r:id=\"rIdFooter3\"/>"));
        let at = sect
            .find("<w:headerReference w:type=\"default\" r:id=\"rIdHeader")
            .unwrap();
        let n: String = sect[at + 51..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let head = part(&parts, &format!("word/header{n}.xml"));
        assert!(
            head.contains("STYLEREF") && head.contains(chapter),
            "{head}"
        );
        heads.insert(n);
    }
    assert_eq!(heads.len(), 3);
    assert!(part(&parts, "word/header2.xml").contains("论语"));
    assert!(part(&parts, "word/settings.xml").contains("<w:mirrorMargins/>"));
    assert!(!s[2].1.contains("pgNumType") && !s[3].1.contains("pgNumType"));
    // The first chapter's section ends in its last paragraph; the second's, after its table,
    // in a paragraph of its own.
    assert!(
        s[1].0.ends_with("<w:pPr><w:pStyle w:val=\"BodyText\"/>"),
        "{}",
        s[1].0
    );
    assert!(
        s[2].0.ends_with("<w:rPr><w:sz w:val=\"2\"/></w:rPr>"),
        "{}",
        s[2].0
    );
    assert!(xml.ends_with("</w:sectPr></w:body></w:document>"));
}

#[test]
fn handout_contents_is_front_matter_on_its_own_page() {
    let style = Style {
        toc: true,
        ..Style::preset(Preset::Handout)
    };
    let out = build(&sample(), &setup(&style)).unwrap();
    let xml = part(&unzip(&out.value), "word/document.xml");
    let s = sections(&xml);
    assert_eq!(s.len(), 2);
    // The title shares the contents' page, which carries its number (i).
    assert!(s[0].1.contains("lowerRoman") && !s[0].1.contains("titlePg"));
    assert!(
        !s[1].1.contains("<w:type"),
        "the body on the next page: {}",
        s[1].1
    );
    assert!(s[1].1.contains("w:fmt=\"decimal\" w:start=\"1\""));
    // Without a title page or contents: one section, as before.
    let plain = render(&sample(), Preset::Handout);
    let xml = part(&unzip(&plain.value), "word/document.xml");
    assert_eq!(sections(&xml).len(), 1);
}
