//! Presets: page geometry, sizes and font roles shared by every backend.
//!
//! The numbers live here once, so the DOCX page matches the PDF page and the EPUB/HTML CSS uses the
//! same sizes. Point sizes of the Chinese size names: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小4 12 pt.
//! The user's settings ([`settings`]) change these numbers before anything reads them.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::font::Role;

pub mod measure;
pub mod numbering;
pub mod plan;
pub mod settings;

pub use plan::{Element, Look};

/// A named preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Preset {
    /// A4 handout for printing and reading (the default).
    #[default]
    Handout,
    /// Chinese official documents, GB/T 9704-2012.
    Gongwen,
    /// The print edition of an e-book: A5, table of contents, chapters on new pages.
    Book,
}

impl FromStr for Preset {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "handout" => Ok(Preset::Handout),
            "gongwen" => Ok(Preset::Gongwen),
            "book" => Ok(Preset::Book),
            other => Err(format!(
                "unknown preset `{other}` (expected handout, gongwen or book)"
            )),
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Preset::Handout => "handout",
            Preset::Gongwen => "gongwen",
            Preset::Book => "book",
        })
    }
}

/// Margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Margins {
    /// Top margin.
    pub top: f32,
    /// Bottom margin.
    pub bottom: f32,
    /// Left (binding) margin; the inner one on mirrored pages (`Style::mirrored`).
    pub left: f32,
    /// Right margin; the outer one on mirrored pages.
    pub right: f32,
}

/// A character grid: a full line holds `chars` characters, a full page `lines` lines (GB/T 9704).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Grid {
    /// Lines per page.
    pub lines: u32,
    /// Characters per line.
    pub chars: u32,
}

/// Where page numbers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PageNumbers {
    /// `1` centred at the foot of the page.
    Centered,
    /// `— 1 —`, odd pages right and even pages left, one character in (GB/T 9704 7.5).
    Gongwen,
    /// `1` at the foot's outer edge, flush with the text block: right on odd (recto) pages,
    /// left on even (verso) ones, as a book's folios stand.
    Outer,
}

/// How emphasis is set (front matter and `-V` `emphasis: dots|kai|bold`). Chinese setters mark
/// emphasis with 着重号 under each character (GB/T 15834-2011 §4.16) or set it in 楷体 (ctex's
/// `\emph`); `kai` falls back to the dots when no 楷体 face fits the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Emphasis {
    /// 着重号 under each character.
    Dots,
    /// The 楷体 role's face, when one fits.
    Kai,
    /// The body's bold face.
    Bold,
}

impl FromStr for Emphasis {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dots" => Ok(Emphasis::Dots),
            "kai" => Ok(Emphasis::Kai),
            "bold" => Ok(Emphasis::Bold),
            other => Err(format!(
                "unknown emphasis `{other}` (expected dots, kai, bold)"
            )),
        }
    }
}

/// Everything a backend needs to know about the page and the type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Style {
    /// The preset these numbers come from.
    pub preset: Preset,
    /// Page width in millimetres.
    pub page_width: f32,
    /// Page height in millimetres.
    pub page_height: f32,
    /// Page margins; the text block is what they leave.
    pub margins: Margins,
    /// Body text size in points.
    pub body_size: f32,
    /// Baseline-to-baseline distance of body lines, in points.
    pub line_pitch: f32,
    /// First-line indent of body paragraphs, in em.
    pub indent_em: f32,
    /// Title size in points.
    pub title_size: f32,
    /// Heading sizes in points for levels 1..=6.
    pub heading_sizes: [f32; 6],
    /// Font role of the title.
    pub title_role: Role,
    /// The title is drawn in its role's bold.
    pub title_bold: bool,
    /// Font roles of headings, levels 1..=6.
    pub heading_roles: [Role; 6],
    /// Headings of levels 1..=6 are drawn in their role's bold. GB/T 9704's 黑体 and 楷体 levels
    /// are not: the face itself makes the difference.
    pub heading_bold: [bool; 6],
    /// Font role of body text.
    pub body_role: Role,
    /// The character grid, when the preset has one.
    pub grid: Option<Grid>,
    /// Page number placement.
    pub page_numbers: PageNumbers,
    /// Page number size in points.
    pub page_number_size: f32,
    /// Distance from the text block's bottom edge to the page number's baseline area, in mm.
    pub page_number_gap: f32,
    /// Chapters (level-1 headings) start on a new page.
    pub chapter_breaks: bool,
    /// That new page is a right-hand (odd-numbered) one, after a blank page without a number
    /// where need be, as in a printed book; so is the body's first page.
    pub chapter_recto: bool,
    /// The title stands on a page of its own, a quarter down, without a page number.
    pub title_page: bool,
    /// How emphasis (`*…*`) is set: 着重号 dots, 楷体 or bold.
    pub emphasis: Emphasis,
    /// A table of contents follows the title.
    pub toc: bool,
    /// The deepest heading level the table of contents lists.
    pub toc_depth: u8,
    /// Every page but the last of a run holds its full count of lines: the keep rules (no
    /// widow or orphan, a heading kept with two lines of what follows) give way wherever
    /// honouring them would end a page short. GB/T 9704-2012 §5.2.3: 「一般每面排22行，每行排28
    /// 个字，并撑满版心」 — on the grid a page that moved a heading over would end a line short.
    pub fill_pages: bool,
    /// An official document's elements (`Block::Official`) are placed as GB/T 9704-2012 §7
    /// places them: the 版头 with its red mark and rule, the signature over the date, the 版记
    /// at the foot of an even page. Otherwise they are paragraphs in reading order.
    pub official: bool,
    /// Headings are numbered in this style (`--number-sections`); `None` leaves them as written.
    #[serde(skip)]
    pub numbering: Option<numbering::Numbering>,
    /// Columns top to bottom, right to left (`--vertical`, the setting `vertical`); never on
    /// an official document, which GB/T 9704-2012 sets horizontally.
    pub vertical: bool,
    /// Facing pages: `margins.left` is the inner (binding) margin and `margins.right` the outer
    /// one, so even (verso) pages swap them; the book preset.
    pub mirrored: bool,
    /// Running heads over the text block: the title on verso pages, the current chapter on
    /// recto ones, none on a chapter's opening page nor in the front matter.
    pub running_heads: bool,
    /// Pages end flush with the text block's foot unless a chapter ends there: page breaks are
    /// chosen for a whole chapter at once and the space around headings stretches or shrinks
    /// within limits (`layout::fill`). Books do; a handout's pages may end ragged.
    pub flush_bottom: bool,
    /// Columns of the PDF's text block (the setting `columns`): one, or up to four frames side
    /// by side that the text fills in turn, the last page's balanced.
    pub columns: u8,
    /// The gap between columns in millimetres (`column-gap`).
    pub column_gap: f32,
}

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// The handout's line pitch, in body sizes, where its text carries readings: pinyin at half the
/// 小四 type over each line wants the room of a learner's workbook (reading, base, a clear gap
/// before the next reading), where 1.7 leaves the readings touching the line above.
const HANDOUT_RUBY_PITCH: f32 = 2.1;

impl Style {
    /// Makes room for ruby: the handout's lines open to [`HANDOUT_RUBY_PITCH`]; the other presets
    /// keep their grids (公文's 22 lines, the book's pitch) and the layout grows a line only as
    /// its readings need.
    pub fn make_room_for_ruby(&mut self) {
        if self.preset == Preset::Handout {
            self.line_pitch = self.line_pitch.max(self.body_size * HANDOUT_RUBY_PITCH);
        }
    }

    /// The numbers of a preset.
    pub fn preset(preset: Preset) -> Style {
        match preset {
            Preset::Handout => Style {
                preset,
                page_width: 210.0,
                page_height: 297.0,
                margins: Margins {
                    top: 25.0,
                    bottom: 25.0,
                    left: 25.0,
                    right: 25.0,
                },
                body_size: 12.0,
                line_pitch: 12.0 * 1.7,
                indent_em: 2.0,
                title_size: 22.0,
                heading_sizes: [16.0, 14.0, 12.0, 12.0, 12.0, 12.0],
                title_role: Role::Title,
                title_bold: true,
                heading_roles: [Role::Heading; 6],
                heading_bold: [true; 6],
                body_role: Role::Body,
                grid: None,
                page_numbers: PageNumbers::Centered,
                page_number_size: 10.5,
                page_number_gap: 10.0,
                chapter_breaks: false,
                chapter_recto: false,
                title_page: false,
                emphasis: Emphasis::Dots,
                toc: false,
                toc_depth: 3,
                fill_pages: false,
                official: false,
                numbering: None,
                vertical: false,
                mirrored: false,
                running_heads: false,
                flush_bottom: false,
                columns: 1,
                column_gap: 6.0,
            },
            // GB/T 9704-2012: A4, top 37 mm, binding 28 mm, text block 156 × 225 mm, 3号 body,
            // 22 lines of 28 characters, 2号 title, page numbers 4号 7 mm below the text block.
            Preset::Gongwen => Style {
                preset,
                page_width: 210.0,
                page_height: 297.0,
                margins: Margins {
                    top: 37.0,
                    bottom: 297.0 - 37.0 - 225.0,
                    left: 28.0,
                    right: 210.0 - 28.0 - 156.0,
                },
                body_size: 16.0,
                line_pitch: 225.0 / 22.0 * PT_PER_MM,
                indent_em: 2.0,
                title_size: 22.0,
                heading_sizes: [16.0; 6],
                title_role: Role::XiaoBiaoSong,
                title_bold: false,
                heading_roles: [
                    Role::Hei,
                    Role::Kai,
                    Role::FangSong,
                    Role::FangSong,
                    Role::FangSong,
                    Role::FangSong,
                ],
                heading_bold: [false, false, true, false, false, false],
                body_role: Role::FangSong,
                grid: Some(Grid {
                    lines: 22,
                    chars: 28,
                }),
                page_numbers: PageNumbers::Gongwen,
                page_number_size: 14.0,
                page_number_gap: 7.0,
                chapter_breaks: false,
                chapter_recto: false,
                title_page: false,
                emphasis: Emphasis::Dots,
                toc: false,
                toc_depth: 3,
                fill_pages: true,
                official: true,
                numbering: None,
                vertical: false,
                mirrored: false,
                running_heads: false,
                flush_bottom: false,
                columns: 1,
                column_gap: 6.0,
            },
            Preset::Book => Style {
                preset,
                page_width: 148.0,
                page_height: 210.0,
                // Mirrored: the inner margin wider than the outer, for what the binding takes,
                // with the measure of 112 mm unchanged.
                margins: Margins {
                    top: 20.0,
                    bottom: 22.0,
                    left: 20.0,
                    right: 16.0,
                },
                body_size: 10.5,
                line_pitch: 10.5 * 1.7,
                indent_em: 2.0,
                title_size: 22.0,
                heading_sizes: [16.0, 13.0, 11.0, 10.5, 10.5, 10.5],
                title_role: Role::Title,
                title_bold: true,
                heading_roles: [Role::Heading; 6],
                heading_bold: [true; 6],
                body_role: Role::Body,
                grid: None,
                page_numbers: PageNumbers::Outer,
                page_number_size: 9.0,
                page_number_gap: 8.0,
                chapter_breaks: true,
                chapter_recto: true,
                title_page: true,
                emphasis: Emphasis::Kai,
                toc: true,
                toc_depth: 2,
                fill_pages: false,
                official: false,
                numbering: None,
                vertical: false,
                mirrored: true,
                running_heads: true,
                flush_bottom: true,
                columns: 1,
                column_gap: 6.0,
            },
        }
    }

    /// Width of the text block in millimetres.
    pub fn text_width(&self) -> f32 {
        self.page_width - self.margins.left - self.margins.right
    }

    /// How many columns the text block is set in: the setting `columns` for horizontal text;
    /// vertical text keeps one (its pages are not split into bands).
    pub fn column_count(&self) -> u8 {
        if self.vertical {
            1
        } else {
            self.columns.max(1)
        }
    }

    /// Width of one column of the text block in millimetres: the measure lines are set to.
    pub fn column_width(&self) -> f32 {
        let n = f32::from(self.column_count());
        (self.text_width() - (n - 1.0) * self.column_gap) / n
    }

    /// Height of the text block in millimetres.
    pub fn text_height(&self) -> f32 {
        self.page_height - self.margins.top - self.margins.bottom
    }

    /// Font size of a heading level (1..=6), in points.
    pub fn heading_size(&self, level: u8) -> f32 {
        self.heading_sizes[usize::from(level.clamp(1, 6)) - 1]
    }

    /// Font role of a heading level (1..=6).
    pub fn heading_role(&self, level: u8) -> Role {
        self.heading_roles[usize::from(level.clamp(1, 6)) - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ruby opens the handout's lines and leaves the 公文 grid and the book's pitch alone.
    #[test]
    fn only_the_handout_makes_room_for_ruby() {
        let mut handout = Style::preset(Preset::Handout);
        handout.make_room_for_ruby();
        assert!((handout.line_pitch - 12.0 * HANDOUT_RUBY_PITCH).abs() < 1e-4);
        for preset in [Preset::Gongwen, Preset::Book] {
            let mut style = Style::preset(preset);
            style.make_room_for_ruby();
            assert_eq!(
                style.line_pitch,
                Style::preset(preset).line_pitch,
                "{preset}"
            );
        }
    }

    #[test]
    fn gongwen_text_block_is_156_by_225() {
        let s = Style::preset(Preset::Gongwen);
        assert!((s.text_width() - 156.0).abs() < 1e-3);
        assert!((s.text_height() - 225.0).abs() < 1e-3);
        assert!((s.line_pitch * 22.0 / PT_PER_MM - 225.0).abs() < 1e-2);
    }

    #[test]
    fn presets_parse() {
        assert_eq!("Gongwen".parse::<Preset>(), Ok(Preset::Gongwen));
        assert!("letter".parse::<Preset>().is_err());
    }
}
