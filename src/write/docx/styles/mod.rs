//! `word/styles.xml`: the styles Word, WPS and LibreOffice users know by name, carrying every
//! number of the preset, so that the document is made of styles rather than of formatted runs.
//!
//! Built-in styles keep Word's names (`heading 1`, `Body Text`, `Quote`, `List Paragraph`,
//! `footnote text`, `Hyperlink`, `Table Grid`…) so that Word recognises them: the headings drive
//! the navigation pane and the table of contents through their outline levels.
//!
//! Cut as pandoc's DOCX writer is (`Writers/Docx.hs` with `Docx/StyleMap.hs`): the definitions
//! (`defs`), their serialisation (`serialise`), and the merge with a reference DOCX's styles
//! (`merge`), which goes by style name and keeps the reference's ids.

mod defs;
mod merge;
mod serialise;

pub(super) use merge::{ThemeFonts, merge, named_faces};

use super::props::Ind;
use super::props::Line;
use super::xml::{twips_mm, twips_pt};
use crate::font::Role;
use crate::style::Style;

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

/// `xml` with the style ids of paragraphs, runs and tables renamed by `ids` (ours to the
/// reference's: `styles::merge`).
pub(super) fn rename(xml: &str, ids: &std::collections::BTreeMap<String, String>) -> String {
    if ids.is_empty() {
        return xml.to_string();
    }
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find("Style w:val=\"") {
        let value_at = at + "Style w:val=\"".len();
        out.push_str(&rest[..value_at]);
        let value = &rest[value_at..];
        let end = value.find('"').unwrap_or(value.len());
        let element = &rest[..at];
        let is_style = ["<w:p", "<w:r", "<w:tbl"]
            .iter()
            .any(|e| element.ends_with(e));
        match ids.get(&value[..end]) {
            Some(id) if is_style => out.push_str(id),
            _ => out.push_str(&value[..end]),
        }
        rest = &value[end..];
    }
    out.push_str(rest);
    out
}

/// Builds our own `word/styles.xml`.
pub(super) fn styles_xml(style: &Style, faces: &Faces, lang: &Lang) -> String {
    serialise::styles(
        &serialise::defaults(style, faces, lang),
        &defs::defs(style, faces),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::font::Role;
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
