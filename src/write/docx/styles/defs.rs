//! Our style definitions: one `Def` per style, from the preset's plan and the faces.

use super::super::props::{Ind, Line, PPr, RPr, Spacing};
use super::super::xml::{half_points, twips_mm, twips_pt};
use super::{Faces, Metrics, TOC_LEVELS, Typeface, id};
use crate::style::{Element, Style};

/// Secondary text (the byline): the PDF's muted ink, 40 % grey.
const MUTED: &str = "666666";

/// One `w:style`, written in the element order of `CT_Style` (ECMA-376 Part 1, §17.7.4.17).
#[derive(Clone)]
pub(super) struct Def<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    pub name: &'a str,
    pub default: bool,
    pub based_on: Option<&'a str>,
    pub next: Option<&'a str>,
    pub link: Option<&'a str>,
    pub ui_priority: Option<u32>,
    pub semi_hidden: bool,
    pub q_format: bool,
    pub ppr: PPr<'a>,
    pub rpr: RPr<'a>,
    /// `w:tblPr` and `w:tblStylePr` of a table style.
    pub table: &'a str,
}

impl<'a> Def<'a> {
    fn new(kind: &'static str, id: &'a str, name: &'a str) -> Def<'a> {
        Def {
            kind,
            id,
            name,
            default: false,
            based_on: None,
            next: None,
            link: None,
            ui_priority: None,
            semi_hidden: false,
            q_format: false,
            ppr: PPr::default(),
            rpr: RPr::default(),
            table: "",
        }
    }

    fn paragraph(id: &'a str, name: &'a str) -> Def<'a> {
        Def {
            based_on: Some(id::NORMAL),
            q_format: true,
            ..Def::new("paragraph", id, name)
        }
    }

    fn character(id: &'a str, name: &'a str) -> Def<'a> {
        Def {
            based_on: Some("DefaultParagraphFont"),
            ..Def::new("character", id, name)
        }
    }
}

/// The `w:rFonts` pair of a face.
pub(super) fn fonts(t: &Typeface) -> Option<(&str, &str)> {
    Some((t.family.as_str(), t.family.as_str()))
}

/// `Table Grid`: thin rules around and between all cells; the header row bold.
const TABLE_GRID: &str = "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr>\
    <w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr>";

/// Every style the writer uses, in the order they are written.
pub(super) fn defs<'a>(style: &Style, faces: &'a Faces) -> Vec<Def<'a>> {
    let m = Metrics::of(style);
    let body_sz = half_points(style.body_size);

    let mut defs: Vec<Def> = vec![
        Def {
            default: true,
            q_format: true,
            ppr: PPr {
                // A page that fills its grid (GB/T 9704 §5.2.3) leaves a line alone at its foot
                // or top rather than end short, as the PDF does (`Style::fill_pages`).
                widow_control: Some(!style.fill_pages),
                spacing: Some(Spacing {
                    before: Some(0),
                    after: Some(0),
                    line: Some(m.body_line()),
                }),
                jc: Some("both"),
                ..PPr::default()
            },
            // Repeated from the defaults: LibreOffice sizes the character grid from `Normal`
            // alone, and users read the body font and size from it.
            rpr: RPr {
                fonts: fonts(&faces.body),
                bold: faces.body.bold,
                scale: m.char_scale,
                size: Some(body_sz),
                ..RPr::default()
            },
            ..Def::new("paragraph", id::NORMAL, "Normal")
        },
        Def {
            default: true,
            ui_priority: Some(1),
            semi_hidden: true,
            ..Def::new(
                "character",
                "DefaultParagraphFont",
                "Default Paragraph Font",
            )
        },
        Def {
            default: true,
            ui_priority: Some(99),
            semi_hidden: true,
            table: "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
                <w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>\
                <w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>",
            ..Def::new("table", "TableNormal", "Normal Table")
        },
        Def {
            default: true,
            ui_priority: Some(99),
            semi_hidden: true,
            ..Def::new("numbering", "NoList", "No List")
        },
    ];

    // Body text: the first line indented two characters (GB/T 9704, clreq).
    let indent = m.first_line(style.indent_em);
    defs.push(Def {
        next: Some(id::BODY),
        ui_priority: Some(1),
        ppr: PPr {
            ind: Some(indent),
            ..PPr::default()
        },
        ..Def::paragraph(id::BODY, "Body Text")
    });

    // Title and subtitle.
    defs.push(Def {
        next: Some(id::BODY),
        ui_priority: Some(10),
        ppr: PPr {
            keep_next: true,
            snap_to_grid: m.grid.then_some(false),
            spacing: Some(Spacing {
                before: Some(0),
                after: Some(m.pitch),
                line: Some(Line::Auto(240)),
            }),
            jc: Some("center"),
            ..PPr::default()
        },
        rpr: RPr {
            fonts: fonts(&faces.title),
            bold: faces.title.bold,
            size: Some(half_points(style.look(Element::Title).size)),
            ..RPr::default()
        },
        ..Def::paragraph(id::TITLE, "Title")
    });
    defs.push(Def {
        next: Some(id::BODY),
        ui_priority: Some(11),
        ppr: PPr {
            keep_next: true,
            spacing: Some(Spacing {
                before: Some(0),
                after: Some(m.pitch / 2),
                line: Some(Line::Auto(240)),
            }),
            jc: Some("center"),
            ..PPr::default()
        },
        // The title's face: `Subsets::build` cuts the subtitle's characters from it.
        rpr: RPr {
            fonts: fonts(&faces.title),
            bold: faces.title.bold,
            size: Some(half_points(style.look(Element::Subtitle).size)),
            ..RPr::default()
        },
        ..Def::paragraph(id::SUBTITLE, "Subtitle")
    });
    // The byline: authors and date under the title, centred, in the body face and muted, as the
    // PDF, EPUB and HTML set it.
    defs.push(Def {
        next: Some(id::BODY),
        ppr: PPr {
            keep_next: true,
            spacing: Some(Spacing {
                before: Some(0),
                after: Some(m.pitch / 2),
                line: Some(Line::Auto(240)),
            }),
            ind: Some(Ind {
                first_line: Some(0),
                first_line_chars: Some(0),
                ..Ind::default()
            }),
            jc: Some("center"),
            ..PPr::default()
        },
        rpr: RPr {
            color: Some(MUTED),
            size: Some(half_points(style.look(Element::Byline).size)),
            ..RPr::default()
        },
        ..Def::paragraph(id::BYLINE, "Byline")
    });

    // Headings: outline levels 0..5 drive Word's navigation pane and TOC field. In gongwen they sit
    // in the text flow like paragraphs (indented, no extra space); elsewhere they stand apart.
    for level in 1..=6u8 {
        let face = &faces.headings[usize::from(level) - 1];
        let look = style.look(Element::Heading(level));
        let chapter = level == 1 && style.chapter_breaks;
        let size = half_points(look.size);
        let ppr = if m.grid {
            PPr {
                keep_next: !style.fill_pages,
                keep_lines: true,
                ind: Some(indent),
                outline: Some(level - 1),
                ..PPr::default()
            }
        } else {
            PPr {
                keep_next: true,
                keep_lines: true,
                page_break_before: chapter,
                // The plan's spacing, as the PDF's: the contents' page numbers are our
                // layout's, so the word processor's pages follow them where its lines are ours.
                spacing: Some(Spacing {
                    before: Some(twips_pt(look.before)),
                    after: Some(twips_pt(look.after)),
                    line: Some(Line::Auto(240)),
                }),
                jc: Some(if look.centred { "center" } else { "left" }),
                outline: Some(level - 1),
                ..PPr::default()
            }
        };
        let rpr = RPr {
            fonts: fonts(face),
            bold: face.bold,
            size: (size != body_sz).then_some(size),
            ..RPr::default()
        };
        defs.push(Def {
            next: Some(id::BODY),
            link: Some(id::heading_char(level)),
            ui_priority: Some(9),
            semi_hidden: level > 2,
            ppr,
            rpr,
            ..Def::paragraph(id::heading(level), HEADING_NAMES[usize::from(level) - 1])
        });
        // The linked character style carries the heading's face into run-in headings.
        defs.push(Def {
            link: Some(id::heading(level)),
            ui_priority: Some(9),
            rpr,
            ..Def::character(
                id::heading_char(level),
                HEADING_CHAR_NAMES[usize::from(level) - 1],
            )
        });
    }

    defs.push(Def {
        next: Some(id::BODY),
        ui_priority: Some(1),
        ..Def::paragraph(id::SALUTATION, "Salutation")
    });
    defs.push(Def {
        based_on: Some(id::BODY),
        next: Some(id::BODY),
        ui_priority: Some(29),
        ppr: PPr {
            ind: Some(Ind {
                left: Some(2 * m.em),
                left_chars: Some(200),
                right: Some(2 * m.em),
                right_chars: Some(200),
                ..indent
            }),
            ..PPr::default()
        },
        ..Def::paragraph(id::QUOTE, "Quote")
    });
    defs.push(Def {
        ui_priority: Some(34),
        ppr: PPr {
            contextual_spacing: true,
            ..PPr::default()
        },
        ..Def::paragraph(id::LIST, "List Paragraph")
    });
    defs.push(Def {
        next: Some(id::BODY),
        ppr: PPr {
            fill: Some("F2F2F2"),
            snap_to_grid: m.grid.then_some(false),
            spacing: Some(Spacing {
                before: Some(m.pitch / 4),
                after: Some(m.pitch / 4),
                line: Some(Line::Auto(240)),
            }),
            jc: Some("left"),
            ..PPr::default()
        },
        rpr: RPr {
            fonts: Some((faces.mono_latin.as_str(), faces.mono.family.as_str())),
            size: Some(half_points(style.look(Element::Code).size)),
            ..RPr::default()
        },
        ..Def::paragraph(id::CODE, "Source Code")
    });
    defs.push(Def {
        next: Some(id::BODY),
        ppr: PPr {
            keep_next: false,
            snap_to_grid: m.grid.then_some(false),
            spacing: Some(Spacing {
                before: Some(m.pitch / 4),
                after: Some(m.pitch / 4),
                line: Some(Line::Auto(240)),
            }),
            jc: Some("center"),
            ..PPr::default()
        },
        ..Def::paragraph(id::FIGURE, "Figure")
    });
    defs.push(Def {
        next: Some(id::NORMAL),
        ui_priority: Some(39),
        ppr: PPr {
            keep_next: true,
            spacing: Some(Spacing {
                before: Some(m.pitch / 2),
                after: Some(m.pitch / 2),
                line: Some(Line::Auto(240)),
            }),
            ind: Some(Ind {
                first_line: Some(0),
                first_line_chars: Some(0),
                ..Ind::default()
            }),
            jc: Some("center"),
            outline: Some(9),
            ..PPr::default()
        },
        rpr: RPr {
            fonts: fonts(&faces.toc_title),
            bold: faces.toc_title.bold,
            size: Some(half_points(style.look(Element::TocTitle).size)),
            ..RPr::default()
        },
        ..Def::paragraph(id::TOC_HEADING, "TOC Heading")
    });
    for level in 1..=TOC_LEVELS {
        defs.push(Def {
            next: Some(id::NORMAL),
            ui_priority: Some(39),
            semi_hidden: true,
            ppr: PPr {
                ind: (level > 1).then(|| Ind {
                    left: Some(2 * m.em * i64::from(level - 1)),
                    left_chars: Some(200 * i64::from(level - 1)),
                    ..Ind::default()
                }),
                leader_tab: Some(twips_mm(style.text_width())),
                jc: Some("left"),
                ..PPr::default()
            },
            ..Def::paragraph(id::toc(level), TOC_NAMES[usize::from(level) - 1])
        });
    }
    defs.push(Def {
        ui_priority: Some(99),
        semi_hidden: true,
        ppr: PPr {
            snap_to_grid: Some(false),
            spacing: Some(Spacing {
                before: Some(0),
                after: Some(0),
                line: Some(Line::Auto(240)),
            }),
            ..PPr::default()
        },
        rpr: RPr {
            size: Some(half_points(style.look(Element::NoteText).size)),
            ..RPr::default()
        },
        q_format: false,
        ..Def::paragraph(id::FOOTNOTE_TEXT, "footnote text")
    });
    defs.push(Def {
        ui_priority: Some(99),
        semi_hidden: true,
        rpr: RPr {
            vert_align: Some("superscript"),
            ..RPr::default()
        },
        ..Def::character(id::FOOTNOTE_REF, "footnote reference")
    });
    defs.push(Def {
        ui_priority: Some(99),
        semi_hidden: true,
        ppr: PPr {
            snap_to_grid: Some(false),
            spacing: Some(Spacing {
                before: Some(0),
                after: Some(0),
                line: Some(Line::Auto(240)),
            }),
            jc: Some("center"),
            ..PPr::default()
        },
        rpr: RPr {
            size: Some(half_points(style.look(Element::PageNumber).size)),
            ..RPr::default()
        },
        q_format: false,
        ..Def::paragraph(id::FOOTER, "footer")
    });
    defs.push(Def {
        ui_priority: Some(99),
        semi_hidden: true,
        rpr: RPr {
            color: Some("0563C1"),
            underline: Some("single"),
            ..RPr::default()
        },
        ..Def::character(id::HYPERLINK, "Hyperlink")
    });
    defs.push(Def {
        ui_priority: Some(22),
        q_format: true,
        rpr: RPr {
            bold: true,
            ..RPr::default()
        },
        ..Def::character(id::STRONG, "Strong")
    });
    // Emphasis in CJK text is the emphasis dot (着重号) under each character, not italics
    // (GB/T 15834 4.16; clreq §3.3.2): `underDot`, since `dot` is the mark above (ECMA-376
    // Part 1, §17.18.24), the Japanese position.
    defs.push(Def {
        ui_priority: Some(20),
        q_format: true,
        rpr: RPr {
            emphasis_mark: Some("underDot"),
            ..RPr::default()
        },
        ..Def::character(id::EMPHASIS, "Emphasis")
    });
    defs.push(Def {
        rpr: RPr {
            fonts: Some((faces.mono_latin.as_str(), faces.mono.family.as_str())),
            ..RPr::default()
        },
        ..Def::character(id::INLINE_CODE, "Verbatim Char")
    });
    defs.push(Def {
        based_on: Some("TableNormal"),
        ui_priority: Some(39),
        table: TABLE_GRID,
        ..Def::new("table", id::TABLE, "Table Grid")
    });
    defs
}

const HEADING_NAMES: [&str; 6] = [
    "heading 1",
    "heading 2",
    "heading 3",
    "heading 4",
    "heading 5",
    "heading 6",
];

const HEADING_CHAR_NAMES: [&str; 6] = [
    "Heading 1 Char",
    "Heading 2 Char",
    "Heading 3 Char",
    "Heading 4 Char",
    "Heading 5 Char",
    "Heading 6 Char",
];

const TOC_NAMES: [&str; 4] = ["toc 1", "toc 2", "toc 3", "toc 4"];
