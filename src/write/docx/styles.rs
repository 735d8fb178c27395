//! `word/styles.xml`: the styles Word, WPS and LibreOffice users know by name, carrying every
//! number of the preset, so that the document is made of styles rather than of formatted runs.
//!
//! Built-in styles keep Word's names (`heading 1`, `Body Text`, `Quote`, `List Paragraph`,
//! `footnote text`, `Hyperlink`, `Table Grid`…) so that Word recognises them: the headings drive
//! the navigation pane and the table of contents through their outline levels.

use std::fmt::Write as _;

use super::props::{Ind, Line, PPr, RPr, Spacing};
use super::xml::{DECLARATION, NS_W, half_points, twips_mm, twips_pt};
use crate::font::Role;
use crate::style::{Element, Style};

/// The face a style names: its family, and whether that is the family's bold face.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Typeface {
    /// Family name, as in the font table.
    pub family: String,
    /// The bold face of the family (`w:b` selects it).
    pub bold: bool,
}

/// Which face each kind of text uses.
#[derive(Debug, Clone)]
pub(super) struct Faces {
    /// Body text (and everything without a face of its own).
    pub body: Typeface,
    /// The title.
    pub title: Typeface,
    /// Headings, levels 1..=6.
    pub headings: [Typeface; 6],
    /// The heading of the table of contents.
    pub toc_title: Typeface,
    /// East Asian text in code.
    pub mono: Typeface,
    /// Latin text in code: a monospaced family.
    pub mono_latin: String,
    /// The first face of every role, regular and bold (`Role::ALL` order, regular before
    /// bold): what runs with a look of their own (the 公文 header) name.
    pub roles: Vec<Typeface>,
}

impl Faces {
    /// The face that draws `role` in `bold`.
    pub fn role(&self, role: Role, bold: bool) -> &Typeface {
        let i = Role::ALL.iter().position(|&r| r == role).unwrap_or(0);
        &self.roles[2 * i + usize::from(bold)]
    }
}

/// The languages written into `w:lang`, and the matching font-table charset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Lang {
    /// `w:eastAsia`, e.g. `zh-CN`.
    pub east_asia: String,
    /// `w:val`, the language of Latin text.
    pub latin: &'static str,
    /// `w:charset` of the East Asian script in the font table (hex).
    pub charset: &'static str,
}

impl Lang {
    /// The Word language of a BCP 47 tag: `zh-Hans` → `zh-CN`, `zh-Hant` → `zh-TW`, `ja` →
    /// `ja-JP`, `ko` → `ko-KR`; a tag with a region keeps it. Unknown or empty tags are Chinese.
    pub fn of(tag: &str) -> Lang {
        let lower = tag.to_ascii_lowercase();
        let parts: Vec<&str> = lower.split(['-', '_']).collect();
        let region = parts
            .iter()
            .skip(1)
            .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
            .map(|p| p.to_ascii_uppercase());
        let script_hant = parts.contains(&"hant");
        let (east_asia, charset) = match parts.first().copied().unwrap_or("") {
            "ja" => ("ja-JP".to_string(), "80"),
            "ko" => ("ko-KR".to_string(), "81"),
            "zh" | "" => {
                let region = region.unwrap_or_else(|| if script_hant { "TW" } else { "CN" }.into());
                let charset = if matches!(region.as_str(), "TW" | "HK" | "MO") {
                    "88"
                } else {
                    "86"
                };
                (format!("zh-{region}"), charset)
            }
            _ => ("zh-CN".to_string(), "86"),
        };
        Lang {
            east_asia,
            latin: "en-US",
            charset,
        }
    }
}

/// Style ids used in the document, in one place.
pub(super) mod id {
    pub const NORMAL: &str = "Normal";
    pub const TITLE: &str = "Title";
    pub const SUBTITLE: &str = "Subtitle";
    /// The byline under the title: authors and date.
    pub const BYLINE: &str = "Byline";
    pub const BODY: &str = "BodyText";
    pub const SALUTATION: &str = "Salutation";
    pub const QUOTE: &str = "Quote";
    pub const LIST: &str = "ListParagraph";
    pub const CODE: &str = "SourceCode";
    pub const FIGURE: &str = "Figure";
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    pub const FOOTNOTE_REF: &str = "FootnoteReference";
    pub const HYPERLINK: &str = "Hyperlink";
    pub const STRONG: &str = "Strong";
    pub const EMPHASIS: &str = "Emphasis";
    pub const INLINE_CODE: &str = "VerbatimChar";
    pub const FOOTER: &str = "Footer";
    pub const TABLE: &str = "TableGrid";
    pub const TOC_HEADING: &str = "TOCHeading";

    /// `Heading1`..`Heading6`.
    pub fn heading(level: u8) -> &'static str {
        [
            "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6",
        ][usize::from(level.clamp(1, 6)) - 1]
    }

    /// The character style linked to a heading, for run-in headings.
    pub fn heading_char(level: u8) -> &'static str {
        [
            "Heading1Char",
            "Heading2Char",
            "Heading3Char",
            "Heading4Char",
            "Heading5Char",
            "Heading6Char",
        ][usize::from(level.clamp(1, 6)) - 1]
    }

    /// `TOC1`..`TOC4`.
    pub fn toc(level: u8) -> &'static str {
        ["TOC1", "TOC2", "TOC3", "TOC4"][usize::from(level.clamp(1, 4)) - 1]
    }
}

/// Deepest heading level a table of contents lists.
pub(super) const TOC_LEVELS: u8 = 4;

/// Secondary text (the byline): the PDF's muted ink, 40 % grey.
const MUTED: &str = "666666";

/// Sizes and distances derived from the preset, shared by the styles and the body.
#[derive(Debug, Clone, Copy)]
pub(super) struct Metrics {
    /// One character of body text (1 em), twips.
    pub em: i64,
    /// The body line pitch, twips.
    pub pitch: i64,
    /// Whether lines snap to the document grid (gongwen) instead of an exact line height.
    pub grid: bool,
    /// Character width (per cent) that makes a line hold the grid's characters.
    pub char_scale: Option<i64>,
}

impl Metrics {
    /// The metrics of a preset.
    pub fn of(style: &Style) -> Metrics {
        Metrics {
            // On a character grid one character is one cell, rounded down: LibreOffice moves an
            // indent that passes a cell's edge on to the next cell.
            em: style.grid.map_or(twips_pt(style.body_size), |grid| {
                twips_mm(style.text_width()) / i64::from(grid.chars.max(1))
            }),
            pitch: twips_pt(style.line_pitch),
            grid: style.grid.is_some(),
            char_scale: style.grid.and_then(|grid| {
                // GB/T 9704: 28 characters of 16 pt fill 156 mm only at 98.7 % of their width
                // (448 pt > 442 pt). The section's character grid gives each its cell, but
                // LibreOffice gives a character wider than a cell two cells (14 characters a
                // line): a width of 98 % in `Normal` keeps each inside its cell.
                let per_char = twips_mm(style.text_width()) as f64 / f64::from(grid.chars.max(1));
                let scale = (100.0 * per_char / (f64::from(style.body_size) * 20.0)).floor() as i64;
                (scale < 100).then_some(scale)
            }),
        }
    }

    /// The body's line height: exact pitch, or single lines on the grid.
    pub fn body_line(&self) -> Line {
        if self.grid {
            Line::Auto(240)
        } else {
            Line::Exact(self.pitch)
        }
    }

    /// A first-line indent of `em` characters, in characters with a twips fallback.
    pub fn first_line(&self, em: f32) -> Ind {
        Ind {
            first_line: Some((em * self.em as f32).round() as i64),
            first_line_chars: Some((em * 100.0).round() as i64),
            ..Ind::default()
        }
    }
}

/// One `w:style`, written in the element order of `CT_Style` (ECMA-376 Part 1, §17.7.4.17).
struct Def<'a> {
    kind: &'static str,
    id: &'a str,
    name: &'a str,
    default: bool,
    based_on: Option<&'a str>,
    next: Option<&'a str>,
    link: Option<&'a str>,
    ui_priority: Option<u32>,
    semi_hidden: bool,
    q_format: bool,
    ppr: PPr<'a>,
    rpr: RPr<'a>,
    /// `w:tblPr` and `w:tblStylePr` of a table style.
    table: &'a str,
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

    fn write(&self, out: &mut String) {
        let _ = write!(out, "<w:style w:type=\"{}\"", self.kind);
        if self.default {
            out.push_str(" w:default=\"1\"");
        }
        let _ = write!(
            out,
            " w:styleId=\"{}\"><w:name w:val=\"{}\"/>",
            self.id, self.name
        );
        if let Some(b) = self.based_on {
            let _ = write!(out, "<w:basedOn w:val=\"{b}\"/>");
        }
        if let Some(n) = self.next {
            let _ = write!(out, "<w:next w:val=\"{n}\"/>");
        }
        if let Some(l) = self.link {
            let _ = write!(out, "<w:link w:val=\"{l}\"/>");
        }
        if let Some(p) = self.ui_priority {
            let _ = write!(out, "<w:uiPriority w:val=\"{p}\"/>");
        }
        if self.semi_hidden {
            out.push_str("<w:semiHidden/><w:unhideWhenUsed/>");
        }
        if self.q_format {
            out.push_str("<w:qFormat/>");
        }
        self.ppr.write(out);
        self.rpr.write(out);
        out.push_str(self.table);
        out.push_str("</w:style>");
    }
}

/// The `w:rFonts` pair of a face.
fn fonts(t: &Typeface) -> Option<(&str, &str)> {
    Some((t.family.as_str(), t.family.as_str()))
}

/// Builds `word/styles.xml`.
pub(super) fn styles_xml(style: &Style, faces: &Faces, lang: &Lang) -> String {
    let m = Metrics::of(style);
    let body_sz = half_points(style.body_size);
    let mut out = String::with_capacity(12 * 1024);
    out.push_str(DECLARATION);
    let _ = write!(out, "<w:styles xmlns:w=\"{NS_W}\">");

    // Document defaults: the body face and size and the languages, inherited by every style.
    out.push_str("<w:docDefaults><w:rPrDefault>");
    RPr {
        fonts: fonts(&faces.body),
        bold: faces.body.bold,
        size: Some(body_sz),
        lang: Some((lang.latin, &lang.east_asia)),
        ..RPr::default()
    }
    .write(&mut out);
    out.push_str("</w:rPrDefault><w:pPrDefault/></w:docDefaults>");

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
    let table_style = table_style_xml();
    defs.push(Def {
        based_on: Some("TableNormal"),
        ui_priority: Some(39),
        table: &table_style,
        ..Def::new("table", id::TABLE, "Table Grid")
    });

    for def in &defs {
        def.write(&mut out);
    }
    out.push_str("</w:styles>");
    out
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

/// `Table Grid`: thin rules around and between all cells; the header row bold.
fn table_style_xml() -> String {
    let mut borders = String::new();
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            borders,
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
        );
    }
    format!(
        "<w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>\
         <w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr>"
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::style::Preset;

    pub(crate) fn faces() -> Faces {
        let serif = Typeface {
            family: "Noto Serif SC".into(),
            bold: false,
        };
        let bold = Typeface {
            bold: true,
            ..serif.clone()
        };
        Faces {
            body: serif.clone(),
            toc_title: bold.clone(),
            title: bold.clone(),
            headings: [
                bold.clone(),
                bold.clone(),
                bold.clone(),
                bold.clone(),
                bold.clone(),
                bold.clone(),
            ],
            roles: Role::ALL
                .iter()
                .flat_map(|_| [serif.clone(), bold.clone()])
                .collect(),
            mono: serif,
            mono_latin: "Courier New".into(),
        }
    }

    #[test]
    fn languages() {
        assert_eq!(Lang::of("zh-Hans").east_asia, "zh-CN");
        assert_eq!(Lang::of("zh-Hant").east_asia, "zh-TW");
        assert_eq!(Lang::of("zh-Hant-HK").east_asia, "zh-HK");
        assert_eq!(Lang::of("zh-Hant").charset, "88");
        assert_eq!(Lang::of("ja").east_asia, "ja-JP");
        assert_eq!(Lang::of("").east_asia, "zh-CN");
    }

    #[test]
    fn body_text_indents_two_characters_and_headings_have_outline_levels() {
        let style = Style::preset(Preset::Handout);
        let xml = styles_xml(&style, &faces(), &Lang::of("zh-Hans"));
        assert!(xml.contains("<w:ind w:firstLine=\"480\" w:firstLineChars=\"200\"/>"));
        assert!(xml.contains("w:eastAsia=\"zh-CN\""));
        assert!(xml.contains("w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"));
        assert!(xml.contains("<w:outlineLvl w:val=\"1\"/>"));
        assert_eq!(xml.matches("w:default=\"1\"").count(), 4);
        assert!(xml.contains("w:eastAsia=\"Noto Serif SC\""));
    }
}
