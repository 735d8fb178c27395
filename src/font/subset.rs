//! One TrueType subset per document and face, shared by the four writers.
//!
//! The subset keeps a Unicode cmap, so one file serves every format: the PDF embeds it as its CID
//! font program (reading glyph ids through the cmap), DOCX embeds it obfuscated (ECMA-376 Part 1
//! §17.8.1), EPUB and HTML carry it as WOFF2.
//!
//! Subsetting is allsorts' (`SubsetProfile::Minimal`, `CmapTarget::Unicode`): typst's `subsetter`
//! drops the cmap, and glyf/loca/hmtx are what a crate is for. Three things are wrapped around it:
//!
//! - allsorts builds the subset's cmap from every source mapping whose glyph is kept. Noto Serif SC
//!   maps 488 glyphs from two or more characters (一 and the Kangxi radical ⼀ U+2F00, 不 and the
//!   compatibility ideograph 不 U+F967), so the subset would map characters the document never
//!   uses, and a reader mapping glyphs back to text could pick the wrong one. We hand it a source
//!   whose cmap holds exactly the document's characters. That also shrinks its cmap step, which
//!   tests each source mapping against the glyph list with a linear search (31 000 × n). With
//!   vectorised compares that step costs only a few milliseconds even at 6 000 glyphs here, so
//!   speed is not the reason: one face's subset takes 2–14 ms for 560–6 000 characters either way
//!   (`cargo bench --bench fonts`, figures in `fonts/README.md`).
//! - It writes one cmap record, platform 0 (Unicode). The OpenType `cmap` spec asks fonts for
//!   Windows to carry a platform-3 subtable (3/1, or 3/10 beyond the BMP), and Word loads embedded
//!   fonts through Windows, so the one subtable is listed under both platforms.
//! - allsorts looks up each component of a composite glyph by a linear search of the glyph
//!   list, quadratic in the glyph count (113 s on a 60 MB font of composites). The glyph list is
//!   closed over components beforehand and the glyph records renumbered through a map
//!   (`super::glyf`); allsorts sees only empty records.
//! - allsorts writes no vertical tables, so EPUB/HTML in `vertical-rl` had no vertical advances
//!   and no vertical punctuation. The subset also keeps the vertical alternates (GSUB `vert`) of
//!   its glyphs and gets `vhea`, `vmtx` and a one-feature GSUB (`super::vertical`). They are in
//!   the one shared file: on the seed they add 3 KB to the TTF, 1 KB to the WOFF2 and 0.6 KB to
//!   the PDF, too little to keep a second, web-only copy.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::error::ParseError;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tables::{FontTableProvider, OpenTypeFont};
use allsorts::tag;
use sha2::{Digest, Sha256};

use super::coverage::CharSet;
use super::glyf;
use super::vertical;
use super::{Face, FaceId, FontSet, Role};
use crate::error::Error;

/// Brotli quality of the WOFF2 files, with the WOFF2 glyf/loca transform on (W3C WOFF2 §5.1).
/// Measured on the seed's Regular subset (564 glyphs, 191 KB as TTF) and a 4 000-glyph one
/// (1.6 MB), release build: quality 5 + transform gives 101 KB in 4 ms and 780 KB in 50 ms;
/// quality 11 (the crate's default, no transform) 116 KB in 190 ms and 878 KB in 3.7 s; quality
/// 11 + transform 96 KB / 727 KB in 0.2 s / 2.9 s; quality 9 + transform 99 KB / 757 KB in 45 ms
/// / 0.5 s. Above 5 each step costs far more time than the 1–7 % it saves.
const WOFF2_QUALITY: u8 = 5;

/// One TrueType subset of one face, with its cmap, shared by all four writers.
pub struct Subset {
    /// The face it was cut from.
    pub face: FaceId,
    /// The characters it covers.
    pub chars: BTreeSet<char>,
    /// The subset font file (TrueType outlines, Unicode cmap).
    pub ttf: Vec<u8>,
    /// Six capital letters derived from the subset's content (PDF 32000-1 §9.6.4).
    pub tag: String,
    /// The face's PostScript name, without the tag.
    pub postscript_name: String,
    woff2: OnceLock<Result<Vec<u8>, String>>,
}

impl Subset {
    /// Cuts the subset of `face` that draws `chars` (characters the face lacks are left out).
    pub fn new(id: FaceId, face: &Face, chars: BTreeSet<char>) -> Result<Subset, Error> {
        let chars: BTreeSet<char> = chars.into_iter().filter(|&c| face.covers(c)).collect();
        let ttf = cut(face, &chars)
            .map_err(|e| Error::Font(format!("subsetting {}: {e}", face.describe())))?;
        Ok(Subset {
            face: id,
            tag: tag(&face.postscript_name, &chars),
            postscript_name: face.postscript_name.clone(),
            chars,
            ttf,
            woff2: OnceLock::new(),
        })
    }

    /// The subset font file of a face outside the document's set (one a reference DOCX names)
    /// for the characters of `chars` it covers, with those characters.
    pub fn file_of(
        face: &Face,
        chars: &BTreeSet<char>,
    ) -> Result<(Vec<u8>, BTreeSet<char>), Error> {
        let chars: BTreeSet<char> = chars.iter().copied().filter(|&c| face.covers(c)).collect();
        let ttf = cut(face, &chars)
            .map_err(|e| Error::Font(format!("subsetting {}: {e}", face.describe())))?;
        Ok((ttf, chars))
    }

    /// The subset as WOFF2, encoded on first use.
    pub fn woff2(&self) -> Result<&[u8], Error> {
        self.woff2
            .get_or_init(|| {
                let options = ttf2woff2::EncodeOptions {
                    quality: WOFF2_QUALITY.into(),
                    transform_glyf_loca: long_loca(&self.ttf) && contours_ascend(&self.ttf),
                    ..Default::default()
                };
                ttf2woff2::encode_with_options(&self.ttf, options).map_err(|e| e.to_string())
            })
            .as_deref()
            .map_err(|e| Error::Font(format!("WOFF2 of {}: {e}", self.postscript_name)))
    }

    /// The name of the subset font in a PDF: `ABCDEF+NotoSerifSC-Regular` (PDF 32000-1 §9.6.4).
    pub fn pdf_name(&self) -> String {
        format!("{}+{}", self.tag, self.postscript_name)
    }

    /// The glyph id of a character in the subset (not in the source face). It reads the subset's
    /// cmap on every call: for checks, not for drawing a book character by character.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let face = ttf_parser::Face::parse(&self.ttf, 0).ok()?;
        face.glyph_index(c).map(|g| g.0)
    }
}

impl std::fmt::Debug for Subset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subset")
            .field("face", &self.face)
            .field("name", &self.pdf_name())
            .field("chars", &self.chars.len())
            .field("ttf", &self.ttf.len())
            .finish()
    }
}

/// The subsets of one document, one per face it draws with.
#[derive(Debug, Default)]
pub struct Subsets {
    /// By face.
    pub by_face: BTreeMap<FaceId, Subset>,
}

impl Subsets {
    /// Cuts one subset per face from `usage`: each character goes to the face that draws it in
    /// its (role, weight), walking the fallback chain.
    pub fn build(usage: &Usage, fonts: &FontSet) -> Result<Subsets, Error> {
        let mut by_face: BTreeMap<FaceId, BTreeSet<char>> = BTreeMap::new();
        for (&(role, bold), chars) in &usage.contexts {
            for c in chars.iter().filter(|&c| !c.is_control()) {
                if let Some(id) = fonts.pick(role, bold, c) {
                    by_face.entry(id).or_default().insert(c);
                }
            }
        }
        // One thread per face: the cuts are independent, and the default set has two faces.
        let subsets: Vec<Result<Subset, Error>> = std::thread::scope(|scope| {
            let handles: Vec<_> = by_face
                .into_iter()
                .map(|(id, chars)| scope.spawn(move || Subset::new(id, fonts.face(id), chars)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(Error::Font("subsetting failed".into())))
                })
                .collect()
        });
        let mut by_face = BTreeMap::new();
        for subset in subsets {
            let subset = subset?;
            by_face.insert(subset.face, subset);
        }
        Ok(Subsets { by_face })
    }

    /// Encodes every subset's WOFF2 now, one thread per face, so that EPUB and HTML (which need
    /// them all) do not encode them one after the other.
    pub fn encode_woff2(&self) -> Result<(), Error> {
        std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .by_face
                .values()
                .map(|s| scope.spawn(move || s.woff2().map(|_| ())))
                .collect();
            handles.into_iter().try_for_each(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::Font("WOFF2 encoding failed".into())))
            })
        })
    }

    /// The subset of a face, if the document draws with it.
    pub fn get(&self, face: FaceId) -> Option<&Subset> {
        self.by_face.get(&face)
    }
}

/// The characters drawn in each (role, weight) of a document: what the presentation plan's walk
/// (`style::plan::usage`) yields, and what the subsets are cut from.
#[derive(Default)]
pub struct Usage {
    contexts: BTreeMap<(Role, bool), CharSet>,
}

impl Usage {
    /// Notes that `text` is drawn in `role`, bold or not.
    pub fn add(&mut self, role: Role, bold: bool, text: &str) {
        if !text.is_empty() {
            self.contexts.entry((role, bold)).or_default().extend(text);
        }
    }

    /// Adds `text` to every (role, weight) used so far.
    pub fn add_everywhere(&mut self, text: &str) {
        for chars in self.contexts.values_mut() {
            chars.extend(text);
        }
    }

    /// The characters drawn in `role`, bold or not, in code point order.
    pub fn chars(&self, role: Role, bold: bool) -> impl Iterator<Item = char> + '_ {
        self.contexts
            .get(&(role, bold))
            .into_iter()
            .flat_map(CharSet::iter)
    }

    /// Every (role, weight) used.
    pub fn contexts(&self) -> impl Iterator<Item = (Role, bool)> + '_ {
        self.contexts.keys().copied()
    }
}

/// Whether a TrueType font's `loca` offsets are 32-bit (`head.indexToLocFormat` = 1). Only then
/// is the glyf transform safe: a decoder rebuilds glyf with the original loca format, and
/// rebuilt glyphs can outgrow 16-bit offsets (ttf2woff2 issue #30, fonts Chromium rejects).
/// Subsets keep the source's format, which is long for every large CJK face.
fn long_loca(ttf: &[u8]) -> bool {
    ttf_parser::Face::parse(ttf, 0)
        .ok()
        .and_then(|f| f.raw_face().table(ttf_parser::Tag::from_bytes(b"head")))
        .and_then(|head| head.get(50..52))
        .is_some_and(|format| format == [0, 1])
}

/// Whether every simple glyph's contour end points ascend, as the glyf table requires. The glyf
/// transform counts each contour's points as `end - start + 1` and overflows on a broken font
/// (ttf2woff2 0.14, `woff2/transform.rs`); such a font is stored untransformed instead.
fn contours_ascend(ttf: &[u8]) -> bool {
    let Ok(face) = ttf_parser::Face::parse(ttf, 0) else {
        return false;
    };
    let raw = face.raw_face();
    let table = |tag: &[u8; 4]| raw.table(ttf_parser::Tag::from_bytes(tag));
    let (Some(loca), Some(glyf)) = (table(b"loca"), table(b"glyf")) else {
        return true;
    };
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let offsets: Vec<usize> = if long_loca(ttf) {
        loca.chunks_exact(4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .collect()
    } else {
        loca.chunks_exact(2)
            .map(|b| 2 * u16::from_be_bytes([b[0], b[1]]) as usize)
            .collect()
    };
    offsets.windows(2).all(|w| {
        let Some(glyph) = glyf.get(w[0]..w[1].max(w[0])) else {
            return true;
        };
        let contours = u16_at(glyph, 0).map_or(0, |n| n as i16);
        let mut next = 0u32;
        (0..contours.max(0) as usize).all(|k| {
            u16_at(glyph, 10 + 2 * k).is_some_and(|end| {
                let ok = u32::from(end) >= next;
                next = u32::from(end) + 1;
                ok
            })
        })
    })
}

/// `ABCDEF`: six capitals from a hash of the face and the characters, so the same document gives
/// the same name and two different subsets in one PDF do not share one (PDF 32000-1 §9.6.4).
fn tag(postscript_name: &str, chars: &BTreeSet<char>) -> String {
    let mut hash = Sha256::new();
    hash.update(postscript_name.as_bytes());
    hash.update([0]);
    hash.update(chars.iter().collect::<String>().as_bytes());
    hash.finalize()[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// The subset font file of `face` for `chars`.
fn cut(face: &Face, chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let (bytes, index) = face.file();
    let font = ReadScope::new(bytes)
        .read::<OpenTypeFont<'_>>()
        .map_err(|e| e.to_string())?;
    let source = font
        .table_provider(index as usize)
        .map_err(|e| e.to_string())?;
    let mappings: Vec<(u32, u16)> = chars
        .iter()
        .filter_map(|&c| Some((u32::from(c), face.glyph(c)?)))
        .collect();
    // Glyph 0 (.notdef) first, as allsorts requires; then in source order, so the output does
    // not depend on how the characters were collected.
    let mut glyphs: Vec<u16> = std::iter::once(0)
        .chain(mappings.iter().map(|m| m.1))
        .collect();
    // The vertical alternates of the kept glyphs are kept too, without a cmap entry: a browser
    // reaches them through the subset's GSUB `vert` in vertical text.
    let parsed = ttf_parser::Face::parse(bytes, index).map_err(|e| e.to_string())?;
    let alternates = vertical::alternates(&parsed, &glyphs);
    glyphs.extend(alternates.values());
    glyphs.sort_unstable();
    glyphs.dedup();
    let mut tables = vec![(tag::CMAP, input_cmap(&mappings))];
    // TrueType outlines: the list closed over composite components and the glyph records
    // handed to allsorts empty, the real ones put back below (`super::glyf`, why).
    let outlines = (!face.cff).then(|| glyf::Glyf::new(&parsed)).flatten();
    if let Some(outlines) = &outlines {
        glyphs = outlines.closure(&glyphs);
        let (glyf, loca) = outlines.empty();
        tables.extend([(tag::GLYF, glyf), (tag::LOCA, loca)]);
    }
    let source = Patched {
        inner: &source,
        tables,
    };
    let subset = allsorts::subset::subset(
        &source,
        &glyphs,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|e| e.to_string())?;
    // allsorts numbers the subset's glyphs in the order it was given them (then appends the
    // components of composite glyphs, of which a closed list has none).
    let glyph_count = glyph_count(&subset).ok_or("subset without maxp")?;
    let mut extra = vertical::tables(&parsed, &glyphs, glyph_count, &alternates);
    extra.extend(os2_with_ranges(&subset, chars).map(|os2| (tag::OS_2, os2)));
    if let Some(outlines) = &outlines {
        let (glyf, loca) = outlines.subset(&glyphs)?;
        extra.extend([(tag::GLYF, glyf), (tag::LOCA, loca)]);
    }
    finish(&subset, extra).map_err(|e| e.to_string())
}

/// Offset of `ulUnicodeRange1` in the OS/2 table; the four 32-bit fields run to byte 58
/// (OpenType `OS/2`, all versions).
const UNICODE_RANGES: std::ops::Range<usize> = 42..58;

/// The subset's OS/2 table with `ulUnicodeRange1`–`4` set from the characters it covers.
///
/// allsorts recomputes these bits from a table that stops at U+1FFF, so every CJK subset lost
/// bit 59 (CJK Unified Ideographs), 48 (CJK Symbols and Punctuation), 68 (Halfwidth and
/// Fullwidth Forms) and the rest: Windows font linking and Word's font substitution read them
/// to decide whether an embedded face can draw Chinese. The bits come from ttf-parser's table
/// of the OpenType ranges; bit 57 ("Non-Plane 0") is set when a character lies beyond the BMP,
/// as the spec asks. `ulCodePageRange` (GB2312, Big5 … bits) is the source face's, which
/// allsorts keeps. `None` when the subset has no OS/2 table long enough.
fn os2_with_ranges(font: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(font, 0).ok()?;
    let mut os2 = face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))?
        .to_vec();
    let field = os2.get_mut(UNICODE_RANGES)?;
    let bits = unicode_range_bits(chars);
    for (k, chunk) in field.chunks_exact_mut(4).enumerate() {
        chunk.copy_from_slice(&((bits >> (32 * k)) as u32).to_be_bytes());
    }
    Some(os2)
}

/// The `ulUnicodeRange` bits (as one 128-bit number, bit 0 = Basic Latin) of the ranges that
/// hold at least one of `chars`.
fn unicode_range_bits(chars: &BTreeSet<char>) -> u128 {
    /// Bits 0–122 are assigned (OpenType 1.9 `OS/2`); 123–127 are reserved.
    const ASSIGNED: u32 = 123;
    /// "Non-Plane 0": at least one character beyond the Basic Multilingual Plane.
    const NON_PLANE_0: u32 = 57;
    let mut bits = 0u128;
    for &c in chars {
        if u32::from(c) > 0xFFFF {
            bits |= 1 << NON_PLANE_0;
        }
        // ttf-parser keeps its character-to-range table private; a one-bit mask asks it.
        if let Some(bit) =
            (0..ASSIGNED).find(|&b| ttf_parser::UnicodeRanges(1 << b).contains_char(c))
        {
            bits |= 1 << bit;
        }
    }
    bits
}

/// `maxp.numGlyphs` of a font file.
fn glyph_count(font: &[u8]) -> Option<u16> {
    Some(ttf_parser::Face::parse(font, 0).ok()?.number_of_glyphs())
}

/// A font with some tables replaced or added.
struct Patched<'a, P> {
    inner: &'a P,
    tables: Vec<(u32, Vec<u8>)>,
}

impl<P: FontTableProvider> Patched<'_, P> {
    fn patch(&self, tag: u32) -> Option<&[u8]> {
        self.tables
            .iter()
            .find(|t| t.0 == tag)
            .map(|t| t.1.as_slice())
    }
}

impl<P: FontTableProvider> FontTableProvider for Patched<'_, P> {
    fn table_data(&self, tag: u32) -> Result<Option<Cow<'_, [u8]>>, ParseError> {
        match self.patch(tag) {
            Some(data) => Ok(Some(Cow::Borrowed(data))),
            None => self.inner.table_data(tag),
        }
    }

    fn has_table(&self, tag: u32) -> bool {
        self.patch(tag).is_some() || self.inner.has_table(tag)
    }

    fn table_tags(&self) -> Option<Vec<u32>> {
        let mut tags = self.inner.table_tags()?;
        tags.extend(self.tables.iter().map(|t| t.0));
        tags.sort_unstable();
        tags.dedup();
        Some(tags)
    }
}

/// A cmap of just `mappings` (sorted by code point): one Windows UCS-4 subtable, format 12,
/// whose groups are runs of consecutive characters with consecutive glyphs (OpenType `cmap`,
/// "Format 12: Segmented coverage"). It is only read by allsorts, never written out.
fn input_cmap(mappings: &[(u32, u16)]) -> Vec<u8> {
    let mut groups: Vec<[u32; 3]> = Vec::new();
    for &(c, g) in mappings {
        match groups.last_mut() {
            Some([start, end, first]) if *end + 1 == c && *first + (c - *start) == u32::from(g) => {
                *end = c
            }
            _ => groups.push([c, c, u32::from(g)]),
        }
    }
    let mut out = Vec::with_capacity(28 + 12 * groups.len());
    let length = 16 + 12 * groups.len() as u32;
    out.extend(0u16.to_be_bytes()); // version
    out.extend(1u16.to_be_bytes()); // numTables
    out.extend(3u16.to_be_bytes()); // platform: Windows
    out.extend(10u16.to_be_bytes()); // encoding: Unicode full repertoire
    out.extend(12u32.to_be_bytes()); // subtable offset
    out.extend(12u16.to_be_bytes()); // format
    out.extend(0u16.to_be_bytes()); // reserved
    out.extend(length.to_be_bytes());
    out.extend(0u32.to_be_bytes()); // language
    out.extend((groups.len() as u32).to_be_bytes());
    for group in groups {
        for field in group {
            out.extend(field.to_be_bytes());
        }
    }
    out
}

/// `font` with `extra` tables added and its one Unicode-platform cmap subtable also listed for
/// the Windows platform.
fn finish(font: &[u8], extra: Vec<(u32, Vec<u8>)>) -> Result<Vec<u8>, ParseError> {
    let parsed = ReadScope::new(font).read::<OpenTypeFont<'_>>()?;
    let provider = parsed.table_provider(0)?;
    let cmap = provider.read_table_data(tag::CMAP)?;
    let field = |at: usize, len: usize| {
        cmap.get(at..at + len)
            .map(|b| b.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)))
            .ok_or(ParseError::BadEof)
    };
    let mut tables = extra;
    if field(2, 2)? == 1 && field(4, 2)? == 0 {
        // The single Unicode-platform record allsorts writes; any other cmap is left as it is.
        tables.push((
            tag::CMAP,
            windows_cmap(&cmap, field(6, 2)? as u16, field(8, 4)?)?,
        ));
    }
    let patched = Patched {
        inner: &provider,
        tables,
    };
    let tags = patched.table_tags().ok_or(ParseError::BadValue)?;
    allsorts::subset::whole_font(&patched, &tags).map_err(|e| match e {
        allsorts::error::ReadWriteError::Read(e) => e,
        allsorts::error::ReadWriteError::Write(_) => ParseError::BadValue,
    })
}

/// A cmap whose one subtable, of Unicode `encoding` at `offset` in `cmap`, is listed under both
/// the Unicode and the Windows platform.
fn windows_cmap(cmap: &[u8], encoding: u16, offset: u32) -> Result<Vec<u8>, ParseError> {
    let offset = usize::try_from(offset).map_err(|_| ParseError::BadValue)?;
    let subtable = cmap.get(offset..).ok_or(ParseError::BadOffset)?;
    // Unicode BMP (0/3) pairs with Windows BMP (3/1); full repertoire (0/4) with Windows 3/10.
    let windows: u16 = if encoding == 3 { 1 } else { 10 };
    let mut out = Vec::with_capacity(20 + subtable.len());
    out.extend(0u16.to_be_bytes());
    out.extend(2u16.to_be_bytes());
    for (platform, encoding) in [(0, encoding), (3, windows)] {
        out.extend(u16::to_be_bytes(platform));
        out.extend(u16::to_be_bytes(encoding));
        out.extend(20u32.to_be_bytes()); // both records share the one subtable
    }
    out.extend_from_slice(subtable);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_cmap_groups_consecutive_runs() {
        let cmap = input_cmap(&[(0x41, 5), (0x42, 6), (0x43, 9), (0x4E2D, 10)]);
        let table = ttf_parser::cmap::Table::parse(&cmap).unwrap();
        let sub = table.subtables.get(0).unwrap();
        assert!(sub.is_unicode());
        assert_eq!(sub.glyph_index(0x42).map(|g| g.0), Some(6));
        assert_eq!(sub.glyph_index(0x43).map(|g| g.0), Some(9));
        assert_eq!(sub.glyph_index(0x4E2D).map(|g| g.0), Some(10));
        assert_eq!(sub.glyph_index(0x44), None);
        // Three groups: A–B, C, 中.
        assert_eq!(cmap.len(), 12 + 16 + 3 * 12);
    }

    #[test]
    fn subsets_leave_out_characters_the_face_lacks() {
        let fonts = FontSet::bundled().unwrap();
        let id = fonts.primary(Role::Body, false);
        let subset = Subset::new(id, fonts.face(id), "中한".chars().collect()).unwrap();
        assert_eq!(subset.chars, BTreeSet::from(['中']));
        assert!(subset.glyph('中').is_some());
        assert_eq!(subset.glyph('한'), None);
    }

    #[test]
    fn unicode_range_bits_follow_the_opentype_ranges() {
        let bits = unicode_range_bits(&"A中，。\u{20000}".chars().collect());
        // Basic Latin, CJK Symbols and Punctuation (。), Non-Plane 0, CJK Unified Ideographs
        // (中 and U+20000), Halfwidth and Fullwidth Forms (，).
        let want = [0, 48, 57, 59, 68].iter().fold(0u128, |m, &b| m | 1 << b);
        assert_eq!(bits, want, "{bits:#b}");
    }

    #[test]
    fn subsets_keep_the_cjk_bits_of_os2() {
        let fonts = FontSet::bundled().unwrap();
        let id = fonts.primary(Role::Body, false);
        let subset = Subset::new(id, fonts.face(id), "中文。".chars().collect()).unwrap();
        let face = ttf_parser::Face::parse(&subset.ttf, 0).unwrap();
        let os2 = face.tables().os2.unwrap();
        assert!(os2.unicode_ranges().contains_char('中'));
        assert!(os2.unicode_ranges().contains_char('。'));
        assert!(!os2.unicode_ranges().contains_char('A'));
        let (bytes, index) = fonts.face(id).file();
        let source = ttf_parser::Face::parse(bytes, index).unwrap();
        let code_pages = |f: &ttf_parser::Face<'_>| {
            let os2 = f
                .raw_face()
                .table(ttf_parser::Tag::from_bytes(b"OS/2"))
                .unwrap();
            os2[78..86].to_vec()
        };
        // ulCodePageRange1–2 as the source face has them: GB2312 (bit 18) for Noto Serif SC.
        assert_eq!(code_pages(&face), code_pages(&source));
        assert_ne!(
            u32::from_be_bytes(code_pages(&face)[..4].try_into().unwrap()) & 1 << 18,
            0
        );
    }

    #[test]
    fn tags_are_six_capitals_and_depend_on_content() {
        let a: BTreeSet<char> = "中文".chars().collect();
        let b: BTreeSet<char> = "中文字".chars().collect();
        let t = tag("NotoSerifSC-Regular", &a);
        assert_eq!(t.len(), 6);
        assert!(t.bytes().all(|b| b.is_ascii_uppercase()));
        assert_eq!(t, tag("NotoSerifSC-Regular", &a));
        assert_ne!(t, tag("NotoSerifSC-Regular", &b));
        assert_ne!(t, tag("NotoSerifSC-Bold", &a));
    }
}
