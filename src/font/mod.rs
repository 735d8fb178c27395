//! Fonts: faces by role, a fallback chain, coverage, and one subset per document and face.
//!
//! API CONTRACT (the font issue fills in the bodies; writers code against these signatures):
//! - `FontSet::bundled()` gives the bundled Noto Serif SC Regular/Bold, parsed once per process.
//! - `FontSet::load(&[FontSpec], &mut Vec<Warning>)` adds user faces by role in front of the bundled ones.
//! - `FontSet::pick(role, bold, c)` walks the fallback chain for one character.
//! - `Subsets::build(doc, style, fonts)` collects the characters each face draws and makes one
//!   TrueType subset per face that keeps its cmap; `Subset::woff2()` encodes it once on demand.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use serde::Serialize;

use crate::{Error, Warning};

/// What a face is used for. The gongwen roles fall back to the bundled serif when not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Body text.
    Body,
    /// Headings.
    Heading,
    /// The document title.
    Title,
    /// Emphasised text.
    Emphasis,
    /// Code.
    Mono,
    /// 仿宋: gongwen body and level-3/4 headings.
    FangSong,
    /// 楷体: gongwen level-2 headings.
    Kai,
    /// 黑体: gongwen level-1 headings.
    Hei,
    /// 小标宋: the gongwen title.
    XiaoBiaoSong,
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "body" => Role::Body,
            "heading" => Role::Heading,
            "title" => Role::Title,
            "emphasis" => Role::Emphasis,
            "mono" => Role::Mono,
            "fangsong" => Role::FangSong,
            "kai" => Role::Kai,
            "hei" => Role::Hei,
            "xiaobiaosong" => Role::XiaoBiaoSong,
            other => return Err(format!("unknown font role `{other}`")),
        })
    }
}

/// `--font [ROLE=]FILE[#INDEX]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSpec {
    /// The role; `None` puts the face first in the fallback chain of every role.
    pub role: Option<Role>,
    /// The font file (TTF, OTF or TTC).
    pub path: std::path::PathBuf,
    /// The face index inside a collection.
    pub index: u32,
}

/// Index of a face in a `FontSet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FaceId(pub usize);

/// A loaded face.
#[derive(Debug)]
pub struct Face {
    /// Family name (name ID 1/16).
    pub family: String,
    /// PostScript name (name ID 6), without a subset tag.
    pub postscript_name: String,
    /// True for a bold face.
    pub bold: bool,
    /// Design units per em.
    pub units_per_em: u16,
    /// Typographic ascender in design units.
    pub ascender: i16,
    /// Typographic descender in design units (negative).
    pub descender: i16,
}

impl Face {
    /// The glyph id of a character, if the face covers it.
    pub fn glyph(&self, _c: char) -> Option<u16> {
        None
    }

    /// The horizontal advance of a character in em, if the face covers it.
    pub fn advance(&self, _c: char) -> Option<f32> {
        None
    }
}

/// The faces of a run, by role, with a fallback chain ending in the bundled faces.
#[derive(Debug)]
pub struct FontSet {
    faces: Vec<Face>,
}

impl FontSet {
    /// The bundled Noto Serif SC Regular and Bold, parsed once per process.
    pub fn bundled() -> Result<FontSet, Error> {
        Err(Error::Unsupported("fonts (not yet implemented)".into()))
    }

    /// User faces in front of the bundled ones; `-v` notes go to `warnings`.
    pub fn load(_specs: &[FontSpec], _warnings: &mut Vec<Warning>) -> Result<FontSet, Error> {
        Self::bundled()
    }

    /// A face by id.
    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.0]
    }

    /// The first face of a role's chain (what a style names for that role).
    pub fn primary(&self, _role: Role, _bold: bool) -> FaceId {
        FaceId(0)
    }

    /// The face that draws `c` in this role, walking the fallback chain; `None` if none covers it.
    pub fn pick(&self, _role: Role, _bold: bool, _c: char) -> Option<FaceId> {
        None
    }
}

/// A character no face in the chain covers, with where it first occurs in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The character.
    pub ch: char,
    /// 1-based line of its first occurrence.
    pub line: usize,
    /// 1-based column (in characters) of its first occurrence.
    pub column: usize,
    /// How many times it occurs.
    pub count: usize,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no font covers U+{:04X} {} (first at line {}, column {}; {} time{})",
            u32::from(self.ch),
            self.ch,
            self.line,
            self.column,
            self.count,
            if self.count == 1 { "" } else { "s" }
        )
    }
}

/// Every character of `text` that no face of `fonts` covers (whitespace and controls aside),
/// in order of first occurrence.
pub fn missing(_text: &str, _fonts: &FontSet) -> Vec<Missing> {
    Vec::new()
}

/// One TrueType subset of one face, with its cmap, shared by all four writers.
#[derive(Debug)]
pub struct Subset {
    /// The face it was cut from.
    pub face: FaceId,
    /// The characters it covers.
    pub chars: BTreeSet<char>,
    /// The subset font file (TrueType outlines, Unicode cmap).
    pub ttf: Vec<u8>,
    /// Six capital letters derived from the subset's content (PDF 32000-1 §9.6.4).
    pub tag: String,
}

impl Subset {
    /// The subset as WOFF2, encoded on first use.
    pub fn woff2(&self) -> Result<&[u8], Error> {
        Err(Error::Unsupported("woff2 (not yet implemented)".into()))
    }
}

/// The subsets of one document, one per face it draws with.
#[derive(Debug, Default)]
pub struct Subsets {
    /// By face.
    pub by_face: BTreeMap<FaceId, Subset>,
}

impl Subsets {
    /// Collects which face draws each character of `doc` under `style` and subsets every face used.
    pub fn build(
        _doc: &crate::model::Document,
        _style: &crate::style::Style,
        _fonts: &FontSet,
    ) -> Result<Subsets, Error> {
        Err(Error::Unsupported(
            "subsetting (not yet implemented)".into(),
        ))
    }
}
