//! One face of a font file: its names, weight, metrics and licence flags, and the glyph and
//! advance of every character (through flat tables made on first use); and the bundled faces.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use cjkpress_fonts::{BOLD, MONO, REGULAR};
use ttf_parser::{GlyphId, Tag};

use crate::error::Error;

/// Where a face comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Inside the binary (`fonts/`).
    Bundled,
    /// A user font file, with the face index inside a collection.
    File(PathBuf, u32),
    /// Font bytes handed to the library (`Engine::add_font`), by the name the caller gave them,
    /// with the face index inside a collection.
    Memory(String, u32),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Bundled => f.write_str("bundled"),
            Source::File(path, 0) => write!(f, "{}", path.display()),
            Source::File(path, index) => write!(f, "{}#{index}", path.display()),
            Source::Memory(name, 0) => f.write_str(name),
            Source::Memory(name, index) => write!(f, "{name}#{index}"),
        }
    }
}

/// The bytes of a font file: the bundled faces live in the binary, user files are mapped into
/// memory once (`discover::face`) and shared by every face of a collection.
#[derive(Clone)]
pub(super) enum Data {
    Static(&'static [u8]),
    Mapped(Arc<memmap2::Mmap>),
    /// Bytes handed to the library (`Engine`), shared by every document that uses them.
    Shared(Arc<[u8]>),
}

impl Data {
    pub(super) fn bytes(&self) -> &[u8] {
        match self {
            Data::Static(b) => b,
            Data::Mapped(b) => b,
            Data::Shared(b) => b,
        }
    }
}

impl fmt::Debug for Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes", self.bytes().len())
    }
}

/// What a face's licence flags (OpenType `OS/2.fsType` bits 0–3) allow a document to carry it
/// for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embedding {
    /// May be embedded and installed (fsType 0).
    Installable,
    /// May be embedded in documents that are edited (fsType 8).
    Editable,
    /// May be embedded for viewing and printing only (fsType 4): fine in a PDF, not in a DOCX,
    /// which is for editing.
    PreviewAndPrint,
    /// May not be embedded at all (fsType 2): such a face is never used.
    Restricted,
}

/// A loaded face.
#[derive(Debug, Clone)]
pub struct Face {
    /// Family name (name ID 1, the family Word and GDI know the face by; else name ID 16).
    pub family: String,
    /// PostScript name (name ID 6), without a subset tag.
    pub postscript_name: String,
    /// True for a bold face.
    pub bold: bool,
    /// `OS/2.usWeightClass` (400 Regular, 700 Bold).
    pub weight: u16,
    /// Design units per em.
    pub units_per_em: u16,
    /// Typographic ascender in design units.
    pub ascender: i16,
    /// Typographic descender in design units (negative).
    pub descender: i16,
    /// Typographic line gap in design units.
    pub line_gap: i16,
    /// True for CFF or CFF2 (PostScript) outlines; such a face's subset is CFF-flavoured OpenType,
    /// which Word does not embed.
    pub cff: bool,
    /// Where the face was loaded from.
    pub source: Source,
    /// What the licence flags allow.
    embedding: Embedding,
    data: Data,
    index: u32,
    /// The `cmap` table's bytes within `data`, and the Unicode subtable chosen in it.
    cmap: Range<usize>,
    cmap_subtable: u16,
    /// The `hmtx` table's bytes within `data`, with the counts needed to read it.
    hmtx: Range<usize>,
    h_metrics: u16,
    glyphs: std::num::NonZeroU16,
    /// Made on first use and shared by the clones of the face (the bundled faces are cloned into
    /// every `FontSet`).
    lookup: Arc<OnceLock<Lookup>>,
}

/// What layout asks for every character, as flat tables: reading the cmap and hmtx for each
/// character costs ~200 ns, a book has a million characters.
struct Lookup {
    /// Glyph ids of the BMP by code point (0: not covered).
    bmp: Box<[u16]>,
    /// Advance widths in design units, by glyph id.
    advances: Box<[u16]>,
    /// The ink extent of each of [`BOXES`], (width + height) / 2 in em; `None` where the face
    /// lacks it.
    boxes: [Option<f32>; BOXES.len()],
}

/// Common ideographs written alike in Simplified and Traditional Chinese (and Japanese): their
/// mean ink extent says how large a face's ideographs look. A wide sample, since designs differ
/// by character: cwTeX 仿宋 draws 口 and 田 a quarter smaller than Noto Serif SC, its text on the
/// whole a seventh.
const BOXES: [char; 48] = [
    '的', '一', '是', '不', '了', '在', '人', '有', '我', '他', '中', '大', '上', '和', '以', '到',
    '之', '小', '自', '可', '下', '而', '生', '方', '子', '所', '年', '出', '得', '就', '要', '天',
    '也', '能', '好', '都', '然', '日', '于', '起', '去', '知', '道', '地', '作', '行', '多', '心',
];

impl fmt::Debug for Lookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Lookup")
    }
}

impl Face {
    /// Parses face `index` of a font file.
    pub(super) fn parse(data: Data, index: u32, source: Source) -> Result<Face, String> {
        let bytes = data.bytes();
        let face = ttf_parser::Face::parse(bytes, index).map_err(|e| match e {
            ttf_parser::FaceParsingError::FaceIndexOutOfBounds => {
                let count = ttf_parser::fonts_in_collection(bytes).unwrap_or(1);
                format!("no face #{index} (the file has {count})")
            }
            other => format!("not a font file we can read ({other})"),
        })?;
        let range = |tag: &[u8; 4]| {
            let table = face.raw_face().table(Tag::from_bytes(tag))?;
            let start = table.as_ptr() as usize - bytes.as_ptr() as usize;
            Some(start..start + table.len())
        };
        let cmap = range(b"cmap").ok_or("no cmap table")?;
        let hmtx = range(b"hmtx").ok_or("no hmtx table")?;
        let cmap_subtable =
            unicode_subtable(&bytes[cmap.clone()]).ok_or("no Unicode cmap subtable")?;
        let has = |tag: &[u8; 4]| face.raw_face().table(Tag::from_bytes(tag)).is_some();
        // allsorts subsets CFF2 (variable) outlines into CFF at the default instance.
        let cff = has(b"CFF ") || has(b"CFF2");
        if !cff && !has(b"glyf") {
            return Err("no TrueType (glyf) or CFF outlines".into());
        }
        // The English (US) name first: the one Word, fontconfig and CSS all know a face by;
        // `cwfs.ttf` lists its Chinese family name first.
        let name = |id: u16| {
            let names = || {
                face.names()
                    .into_iter()
                    .filter(move |n| n.name_id == id && n.is_unicode())
            };
            names()
                .filter(|n| n.language_id == 0x0409)
                .chain(names())
                .filter_map(|n| n.to_string())
                .find(|s| !s.trim().is_empty())
        };
        // OpenType `name` ID 6: printable ASCII without spaces and `[](){}<>/%`; a name that
        // is not is no PostScript name (it becomes a PDF BaseFont).
        let allowed = |c: char| c.is_ascii_graphic() && !"[](){}<>/%".contains(c);
        let postscript_name =
            name(ttf_parser::name_id::POST_SCRIPT_NAME).filter(|n| n.chars().all(allowed));
        let family = name(ttf_parser::name_id::FAMILY)
            .or_else(|| name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY))
            .or_else(|| postscript_name.clone())
            .ok_or("no family name")?;
        // PDF 32000-1 §9.6.2.1: a BaseFont name has no spaces.
        let postscript_name = postscript_name.unwrap_or_else(|| {
            let name: String = family.chars().filter(|&c| allowed(c)).collect();
            if name.is_empty() {
                "Unnamed".into()
            } else {
                name
            }
        });
        let hhea = face.tables().hhea;
        Ok(Face {
            family,
            postscript_name,
            bold: face.is_bold() || face.weight().to_number() >= 600,
            weight: face.weight().to_number(),
            units_per_em: face.units_per_em(),
            ascender: face.typographic_ascender().unwrap_or(hhea.ascender),
            descender: face.typographic_descender().unwrap_or(hhea.descender),
            line_gap: face.typographic_line_gap().unwrap_or(hhea.line_gap),
            cff,
            source,
            embedding: match face.permissions() {
                Some(ttf_parser::Permissions::Restricted) => Embedding::Restricted,
                Some(ttf_parser::Permissions::PreviewAndPrint) => Embedding::PreviewAndPrint,
                Some(ttf_parser::Permissions::Editable) => Embedding::Editable,
                Some(ttf_parser::Permissions::Installable) | None => Embedding::Installable,
            },
            h_metrics: hhea.number_of_metrics,
            glyphs: face.tables().maxp.number_of_glyphs,
            cmap,
            cmap_subtable,
            hmtx,
            index,
            data,
            lookup: Arc::default(),
        })
    }

    /// What the face's licence lets a document carry it for (OpenType `OS/2.fsType`).
    pub fn embedding(&self) -> Embedding {
        self.embedding
    }

    /// The glyph id of a character, if the face covers it.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let glyph = match usize::try_from(u32::from(c)) {
            Ok(i) if i < 0x1_0000 => self.lookup().bmp[i],
            _ => self.cmap_glyph(u32::from(c))?,
        };
        (glyph != 0).then_some(glyph)
    }

    /// The horizontal advance of a character in em, if the face covers it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let glyph = self.glyph(c)?;
        let advance = *self.lookup().advances.get(usize::from(glyph))?;
        Some(f32::from(advance) / f32::from(self.units_per_em.max(1)))
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// The glyph of a code point, read from the font's cmap.
    fn cmap_glyph(&self, code_point: u32) -> Option<u16> {
        let table = ttf_parser::cmap::Table::parse(&self.data.bytes()[self.cmap.clone()])?;
        let subtable = table.subtables.get(self.cmap_subtable)?;
        subtable
            .glyph_index(code_point)
            .map(|g| g.0)
            .filter(|&g| g < self.glyphs.get())
    }

    /// The BMP glyph table and the advances, made on first use (1–2 ms for a CJK face).
    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| {
            let mut bmp = vec![0u16; 0x1_0000].into_boxed_slice();
            if let Some(table) =
                ttf_parser::cmap::Table::parse(&self.data.bytes()[self.cmap.clone()])
                && let Some(subtable) = table.subtables.get(self.cmap_subtable)
            {
                // One lookup per BMP code point, not `codepoints`: that walks every code point
                // of every group the table claims, and a 130 KB format-12 table whose groups
                // span 0..0xFFFFFFFE made it four billion calls. Surrogates are no characters.
                for (cp, slot) in (0u32..).zip(bmp.iter_mut()) {
                    if (0xD800..0xE000).contains(&cp) {
                        continue;
                    }
                    let glyph = subtable.glyph_index(cp).map_or(0, |g| g.0);
                    *slot = if glyph < self.glyphs.get() { glyph } else { 0 };
                }
            }
            let hmtx = ttf_parser::hmtx::Table::parse(
                self.h_metrics,
                self.glyphs,
                &self.data.bytes()[self.hmtx.clone()],
            );
            let advances = (0..self.glyphs.get())
                .map(|g| hmtx.and_then(|t| t.advance(GlyphId(g))).unwrap_or(0))
                .collect();
            let em = f32::from(self.units_per_em.max(1));
            let face = ttf_parser::Face::parse(self.data.bytes(), self.index).ok();
            let boxes = BOXES.map(|c| {
                let glyph = match bmp[c as usize] {
                    0 => return None,
                    g => GlyphId(g),
                };
                let b = face.as_ref()?.glyph_bounding_box(glyph)?;
                // In i32: a hostile box's corners may be 65 535 units apart.
                let extent = (i32::from(b.x_max) - i32::from(b.x_min))
                    + (i32::from(b.y_max) - i32::from(b.y_min));
                let extent = extent as f32;
                Some(extent / 2.0 / em).filter(|&e| e > 0.0)
            });
            Lookup {
                bmp,
                advances,
                boxes,
            }
        })
    }

    /// How large this face's ideographs look beside `other`'s, as a ratio of sizes: their mean
    /// ink extents over the common ideographs ([`BOXES`]) both faces have. cwTeX 仿宋's are
    /// 0.78 em, Noto Serif SC's 0.91 em: Noto's glyph in a line of cwTeX looks a sixth larger
    /// at the same size (issue 21). `None` when they share none of them.
    pub fn ideograph_size(&self, other: &Face) -> Option<f32> {
        let (mine, theirs) = (&self.lookup().boxes, &other.lookup().boxes);
        let pairs: Vec<(f32, f32)> = mine
            .iter()
            .zip(theirs)
            .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
            .collect();
        if pairs.is_empty() {
            return None;
        }
        let (a, b) = pairs
            .iter()
            .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
        Some(a / b)
    }

    /// The whole font file the face comes from (for a collection, all of it) and the face's index.
    pub(super) fn file(&self) -> (&[u8], u32) {
        (self.data.bytes(), self.index)
    }

    /// The left and right edges of the ink of `c`'s glyph, as shares of its advance (the
    /// glyph's bounding box); `None` for a glyph without outline or a character not covered.
    /// What punctuation compression reads to know which half of its cell a mark leaves blank.
    pub fn ink(&self, c: char) -> Option<(f32, f32)> {
        let glyph = self.glyph(c)?;
        let advance = f32::from(*self.lookup().advances.get(usize::from(glyph))?);
        if advance <= 0.0 {
            return None;
        }
        let face = ttf_parser::Face::parse(self.data.bytes(), self.index).ok()?;
        let bbox = face.glyph_bounding_box(GlyphId(glyph))?;
        Some((
            f32::from(bbox.x_min) / advance,
            f32::from(bbox.x_max) / advance,
        ))
    }

    /// The top and bottom edges of the ink of `c` in a vertical column, as shares of its 1-em
    /// cell from the top: the bounding box of its vertical form (the face's `vert` alternate,
    /// which the PDF and a browser draw there), under the cell's top `ascent` em above the
    /// baseline (the vertical origin the PDF's fonts give, `/DW2`). `None` as for [`Face::ink`].
    /// A face may centre a mark's vertical form that sits at one side of a line (Noto Serif
    /// SC's `：`, `？`): compression down a column reads this, not [`Face::ink`].
    pub fn column_ink(&self, c: char, ascent: f32) -> Option<(f32, f32)> {
        let glyph = self.glyph(c)?;
        let face = ttf_parser::Face::parse(self.data.bytes(), self.index).ok()?;
        let form = super::alternates(&face, &[glyph])
            .get(&glyph)
            .copied()
            .unwrap_or(glyph);
        let bbox = face.glyph_bounding_box(GlyphId(form))?;
        let em = f32::from(face.units_per_em());
        if em <= 0.0 {
            return None;
        }
        Some((
            ascent - f32::from(bbox.y_max) / em,
            ascent - f32::from(bbox.y_min) / em,
        ))
    }

    /// `Noto Serif SC Bold (bundled)`: how `-v` names the face.
    pub(super) fn describe(&self) -> String {
        format!("{} ({})", self.postscript_name, self.source)
    }
}

/// The Unicode subtable to map characters with: one that reaches beyond the BMP (format 12) if
/// there is one, so CJK Extension B and later are found; otherwise the first Unicode subtable.
fn unicode_subtable(cmap: &[u8]) -> Option<u16> {
    let table = ttf_parser::cmap::Table::parse(cmap)?;
    let subtables = table.subtables;
    let usable = |i: u16| {
        fits(cmap, i)
            .then(|| subtables.get(i))
            .flatten()
            .filter(|s| {
                s.is_unicode()
                    && !matches!(
                        s.format,
                        ttf_parser::cmap::Format::UnicodeVariationSequences(_)
                    )
            })
    };
    let full = (0..subtables.len()).find(|&i| {
        usable(i)
            .is_some_and(|s| matches!(s.format, ttf_parser::cmap::Format::SegmentedCoverage(_)))
    });
    full.or_else(|| (0..subtables.len()).find(|&i| usable(i).is_some()))
}

/// Whether subtable `i` of `cmap` declares no more 32-bit-counted records than the table holds.
/// ttf-parser multiplies a declared count by the record size before it checks the bytes, and
/// asserts (in debug builds) that the product fits in 32 bits: a hostile count must not reach it
/// (formats 12 and 13: `numGroups` × 12 bytes; 14: `numVarSelectorRecords` × 11).
fn fits(cmap: &[u8], i: u16) -> bool {
    let u16_at = |o: usize| cmap.get(o..o + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let u32_at = |o: usize| {
        cmap.get(o..o + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let Some(start) = u32_at(4 + 8 * usize::from(i) + 4).map(|o| o as usize) else {
        return false;
    };
    let rest = cmap.len().saturating_sub(start) as u64;
    let counted = |at: usize, header: u64, size: u64| {
        u32_at(start + at).is_some_and(|n| header + u64::from(n) * size <= rest)
    };
    match u16_at(start) {
        Some(12 | 13) => counted(12, 16, 12),
        Some(14) => counted(6, 10, 11),
        Some(_) => true,
        None => false,
    }
}

/// The bundled Regular and Bold, parsed on first use.
pub(super) fn bundled_faces() -> Result<&'static [Face; 2], Error> {
    static FACES: OnceLock<Result<[Face; 2], String>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let parse = |bytes| Face::parse(Data::Static(bytes), 0, Source::Bundled);
            Ok([parse(REGULAR)?, parse(BOLD)?])
        })
        .as_ref()
        .map_err(|e| Error::Font(format!("bundled font: {e}")))
}

/// The bundled DejaVu Sans Mono, parsed on first use.
pub(super) fn bundled_mono() -> Result<&'static Face, Error> {
    static FACE: OnceLock<Result<Face, String>> = OnceLock::new();
    FACE.get_or_init(|| Face::parse(Data::Static(MONO), 0, Source::Bundled))
        .as_ref()
        .map_err(|e| Error::Font(format!("bundled font: {e}")))
}
