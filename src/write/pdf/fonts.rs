//! Which faces the PDF embeds, and how.
//!
//! Every face the layout draws with is embedded as the document's shared subset (`ctx.subsets`),
//! unchanged apart from the tables a PDF reader never reads, as a CID font with Identity-H
//! encoding (PDF 32000-1 §9.7): a TrueType subset as `CIDFontType2` with `/CIDToGIDMap
//! /Identity` and `/FontFile2`, a CFF one as `CIDFontType0` (its bare CFF table as
//! `/FontFile3 /CIDFontType0C` when CID-keyed, else the OpenType file as `/FontFile3
//! /OpenType`), named `TAG+PostScriptName` (§9.6.4), with a ToUnicode map (§9.10.3) and `/W`
//! widths taken from the font's `hmtx` (ISO 19005-2 §6.2.11.5 asks that they agree).
//!
//! Bold text comes from the bold face it was planned in (its own font program), never from a
//! stroked regular outline; only where a role has no bold face at all does the layout ask for
//! synthesised bold (`Run::embolden`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use lopdf::{Dictionary, Object, ObjectId, Stream};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::Context;
use crate::error::Error;
use crate::font::{FaceId, Subset};
use crate::layout::Layout;

/// A face embedded in the document.
pub(super) struct Font {
    /// Its resource name.
    pub name: String,
    /// The resource name of the same font with vertical writing mode (`Identity-V`, WMode 1):
    /// upright glyphs of a vertical column, each advancing 1 em down.
    pub vname: String,
    /// By character: the code of its vertical form (the face's `vert` alternate, kept in the
    /// subset by `font::vertical`), where it has one.
    forms: FxHashMap<char, u16>,
    /// By character of the subset: the code written in the content stream (the glyph id, or the
    /// CID of a CID-keyed CFF font) and the advance the viewer applies, the `/W` width in 1/1000
    /// em, truncated.
    glyphs: FxHashMap<char, (u16, f32)>,
    /// Characters whose glyph also draws another character of the subset (a radical such as
    /// ⻚ and its ideograph 页): the ToUnicode map can name only one character per glyph, so
    /// these are shown with their own `/ActualText`.
    pub shared: FxHashSet<char>,
    /// The same for the codes shown in a vertical column ([`Font::vcode`]): a face may give two
    /// characters one vertical form (“ and 『 in Noto Serif SC).
    pub vshared: FxHashSet<char>,
    /// The font program and what its dictionaries say, written by [`write`].
    program: Program,
}

impl Font {
    /// Whether the subset draws `c`.
    pub fn covers(&self, c: char) -> bool {
        self.glyphs.contains_key(&c)
    }

    /// The advance of `c` in 1/1000 em (0 for a character the subset lacks).
    pub fn width(&self, c: char) -> f32 {
        self.glyphs.get(&c).map_or(0.0, |g| g.1)
    }

    /// The code that shows `c` (0, the `.notdef` glyph, for a character the subset lacks).
    pub fn code(&self, c: char) -> u16 {
        self.glyphs.get(&c).map_or(0, |g| g.0)
    }

    /// The code that shows `c` in a vertical column: its vertical form, else its own glyph.
    pub fn vcode(&self, c: char) -> u16 {
        self.forms.get(&c).copied().unwrap_or_else(|| self.code(c))
    }
}

/// How the font program is embedded.
enum Flavor {
    /// `glyf` outlines: `CIDFontType2`, `/FontFile2`.
    TrueType,
    /// A CID-keyed CFF table: `CIDFontType0`, `/FontFile3 /CIDFontType0C`.
    CidCff,
    /// A name-keyed CFF in its OpenType file: `CIDFontType0`, `/FontFile3 /OpenType`.
    OpenType,
}

/// A font program and the numbers its font descriptor needs, in 1/1000 em.
struct Program {
    postscript_name: String,
    flavor: Flavor,
    bytes: Vec<u8>,
    /// By code: the width and the character it stands for.
    codes: BTreeMap<u16, (i64, char)>,
    /// By CID of the vertical font of a TrueType program: the glyph, its width and the
    /// character it stands for (empty unless the text is vertical).
    columns: BTreeMap<u16, (u16, i64, char)>,
    ascent: i64,
    descent: i64,
    bbox: [i64; 4],
    italic_angle: i64,
    stem_v: i64,
}

/// The embedded faces, and the one that draws characters no face covers.
pub(super) struct Embedded {
    /// By face.
    pub by_face: BTreeMap<FaceId, Font>,
    /// The face whose `.notdef` box stands for characters no face covers, if there are any.
    pub fallback: Option<FaceId>,
}

/// Reads the subset of every face the layout draws with.
pub(super) fn load(laid: &Layout, ctx: &Context) -> Result<Embedded, Error> {
    let vertical = laid.writing == crate::layout::orient::Writing::VerticalRl;
    let mut used: BTreeSet<FaceId> = laid
        .pages
        .iter()
        .flat_map(|p| p.runs.iter().filter_map(|r| r.face))
        .collect();
    let body = ctx.style.look(crate::style::Element::Body);
    let fallback = ctx.fonts.primary(body.role, body.bold);
    let any_missing = laid
        .pages
        .iter()
        .any(|p| p.runs.iter().any(|r| r.face.is_none()));
    if any_missing {
        used.insert(fallback);
    }
    let mut by_face = BTreeMap::new();
    for face in used {
        let subset = ctx
            .subsets
            .get(face)
            .ok_or_else(|| Error::Write(format!("pdf: no font subset for face {}", face.0)))?;
        // Resource names from the face index, so the same input gives the same bytes.
        let font = read(subset, format!("F{}", face.0), vertical).ok_or_else(|| {
            Error::Write(format!(
                "pdf: the font subset of {} does not parse",
                subset.postscript_name
            ))
        })?;
        by_face.insert(face, font);
    }
    Ok(Embedded {
        by_face,
        fallback: any_missing.then_some(fallback),
    })
}

/// Reads one subset: its codes, widths and metrics, and for `vertical` text its characters'
/// vertical forms.
fn read(subset: &Subset, name: String, vertical: bool) -> Option<Font> {
    let face = ttf_parser::Face::parse(&subset.ttf, 0).ok()?;
    let upm = f32::from(face.units_per_em().max(1));
    let scale = |v: f32| (v * 1000.0 / upm).round() as i64;
    let cff = subset.ttf.starts_with(b"OTTO");
    let cff_table = cff
        .then(|| face.raw_face().table(ttf_parser::Tag::from_bytes(b"CFF ")))
        .flatten();
    let cids = cff_table.and_then(cid_map);
    let (flavor, bytes) = match (cff, &cids, cff_table) {
        (false, _, _) => (Flavor::TrueType, strip(&subset.ttf)?),
        (true, Some(_), Some(table)) => (Flavor::CidCff, table.to_vec()),
        (true, _, _) => (Flavor::OpenType, subset.ttf.clone()),
    };
    let mut glyphs = FxHashMap::default();
    let mut by_glyph: FxHashMap<u16, Vec<char>> = FxHashMap::default();
    let mut codes = BTreeMap::new();
    for &c in &subset.chars {
        let Some(gid) = face.glyph_index(c) else {
            continue;
        };
        let code = match &cids {
            Some(map) => match map.get(&gid.0) {
                Some(&cid) => cid,
                None => continue,
            },
            None => gid.0,
        };
        // As viewers apply it: the hmtx advance in 1/1000 em, truncated.
        let advance = f32::from(face.glyph_hor_advance(gid).unwrap_or(0));
        let width = (advance * 1000.0 / upm).trunc();
        glyphs.insert(c, (code, width));
        by_glyph.entry(code).or_default().push(c);
        codes
            .entry(code)
            .and_modify(|e: &mut (i64, char)| {
                if prefer(c, e.1) {
                    e.1 = c;
                }
            })
            .or_insert((width as i64, c));
    }
    // The vertical forms. A TrueType program's Identity-V font is a CIDFont of its own whose
    // CIDs, one per character, reach the glyphs of their vertical forms through /CIDToGIDMap
    // (PDF 32000-1 §9.7.4.2), so that two characters sharing a vertical form (“ and 『 in Noto
    // Serif SC) keep codes of their own for ToUnicode to name: a per-glyph /ActualText would do
    // it too, but poppler then breaks the column there. Other programs show the vertical forms'
    // glyphs with the face's own codes, each mapped back to its character.
    let mut forms = FxHashMap::default();
    let mut columns = BTreeMap::new();
    if vertical && cids.is_none() {
        let gids: Vec<u16> = glyphs.values().map(|g| g.0).collect();
        let alternates = crate::font::alternates(&face, &gids);
        let mut chars: Vec<char> = glyphs.keys().copied().collect();
        chars.sort_unstable();
        for (i, c) in chars.into_iter().enumerate() {
            let (code, width) = glyphs[&c];
            let alt = alternates.get(&code).copied();
            if !cff {
                // CID 0 stays `.notdef`.
                let Ok(cid) = u16::try_from(i + 1) else {
                    break;
                };
                let gid = alt.unwrap_or(code);
                let advance = f32::from(
                    face.glyph_hor_advance(ttf_parser::GlyphId(gid))
                        .unwrap_or(0),
                );
                columns.insert(cid, (gid, (advance * 1000.0 / upm).trunc() as i64, c));
                forms.insert(c, cid);
            } else if let Some(alt) = alt {
                forms.insert(c, alt);
                codes.entry(alt).or_insert((width as i64, c));
            }
        }
    }
    let mut by_vcode: FxHashMap<u16, Vec<char>> = FxHashMap::default();
    for (&c, &(code, _)) in glyphs.iter().filter(|_| columns.is_empty()) {
        by_vcode
            .entry(forms.get(&c).copied().unwrap_or(code))
            .or_default()
            .push(c);
    }
    let vshared = by_vcode
        .into_values()
        .filter(|chars| chars.len() > 1)
        .flatten()
        .collect();
    let shared = by_glyph
        .into_values()
        .filter(|chars| chars.len() > 1)
        .flatten()
        .collect();
    let hhea = face.tables().hhea;
    let bbox = face.global_bounding_box();
    // StemV is in no font table; the usual estimate from OS/2 usWeightClass (~88 at 400, ~166
    // at 700), as printpdf wrote it.
    let stem_v = face.tables().os2.map_or(80, |os2| {
        50 + (f32::from(os2.weight().to_number()) / 65.0).powi(2).round() as i64
    });
    Some(Font {
        vname: format!("{name}V"),
        name,
        forms,
        vshared,
        glyphs,
        shared,
        program: Program {
            postscript_name: subset.pdf_name(),
            flavor,
            bytes,
            codes,
            columns,
            ascent: scale(f32::from(hhea.ascender)),
            descent: scale(f32::from(hhea.descender)),
            bbox: [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max].map(|v| scale(f32::from(v))),
            italic_angle: face.italic_angle().round() as i64,
            stem_v,
        },
    })
}

/// Which of two characters drawn by one glyph the ToUnicode map names: the ideograph rather
/// than its radical (⼀ U+2F00, ⻚ U+2EDA) or compatibility form (不 U+F967).
fn prefer(new: char, old: char) -> bool {
    let odd =
        |c: char| matches!(u32::from(c), 0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F);
    odd(old) && !odd(new)
}

/// Glyph id → CID through the charset of a CID-keyed CFF table (PDF 32000-1 §9.7.4.2: a viewer
/// maps the codes of a `CIDFontType0C` program to glyphs through it); `None` for a name-keyed
/// CFF, whose codes are glyph ids.
fn cid_map(table: &[u8]) -> Option<BTreeMap<u16, u16>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::cff::CFF;
    let cff = ReadScope::new(table).read::<CFF<'_>>().ok()?;
    let font = cff.fonts.first()?;
    if !font.is_cid_keyed() {
        return None;
    }
    let n = u16::try_from(font.char_strings_index.len()).ok()?;
    Some(
        (0..n)
            .filter_map(|gid| font.charset.id_for_glyph(gid).map(|cid| (gid, cid)))
            .collect(),
    )
}

/// Writes every embedded face and returns the font resource dictionary; for `vertical` text
/// each face also gets its `Identity-V` font ([`Font::vname`]).
pub(super) fn write(pdf: &mut lopdf::Document, fonts: &Embedded, vertical: bool) -> Dictionary {
    let mut resources = Dictionary::new();
    for font in fonts.by_face.values() {
        let id = write_font(pdf, &font.name, &font.program, vertical);
        resources.set(font.name.as_bytes(), id);
        if vertical && let Some(vid) = write_vertical(pdf, id, &font.vname, &font.program) {
            resources.set(font.vname.as_bytes(), vid);
        }
    }
    resources
}

/// The vertical font beside the face's font `id` (PDF 32000-1 §9.7.4.3: Identity-V, WMode
/// 1): its own CIDFont over the same program with [`Program::columns`], or else the same
/// CIDFont and ToUnicode map read in vertical mode.
fn write_vertical(
    pdf: &mut lopdf::Document,
    id: ObjectId,
    resource: &str,
    p: &Program,
) -> Option<ObjectId> {
    let mut font = pdf.get_dictionary(id).ok()?.clone();
    font.set("Encoding", name("Identity-V"));
    if !p.columns.is_empty() {
        let descendant = match font.get(b"DescendantFonts").ok()? {
            Object::Array(a) => a.first()?.as_reference().ok()?,
            _ => return None,
        };
        let mut cid_font = pdf.get_dictionary(descendant).ok()?.clone();
        let codes: BTreeMap<u16, (i64, char)> = p
            .columns
            .iter()
            .map(|(&cid, &(_, width, c))| (cid, (width, c)))
            .collect();
        cid_font.set("W", Object::Array(widths(&codes)));
        // Two bytes per CID from 0, the glyph id (§9.7.4.2, Table 117).
        let mut map = vec![0u8; 2 * (usize::from(*p.columns.keys().last()?) + 1)];
        for (&cid, &(gid, _, _)) in &p.columns {
            let at = 2 * usize::from(cid);
            map[at..at + 2].copy_from_slice(&gid.to_be_bytes());
        }
        let map = pdf.add_object(Stream::new(Dictionary::new(), map));
        cid_font.set("CIDToGIDMap", Object::Reference(map));
        let cid_font = pdf.add_object(cid_font);
        font.set(
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_font)]),
        );
        let to_unicode =
            pdf.add_object(Stream::new(Dictionary::new(), to_unicode(resource, &codes)));
        font.set("ToUnicode", Object::Reference(to_unicode));
    }
    Some(pdf.add_object(font))
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn write_font(pdf: &mut lopdf::Document, resource: &str, p: &Program, vertical: bool) -> ObjectId {
    let (subtype, file_key, file) = match p.flavor {
        Flavor::TrueType => {
            let mut dict = Dictionary::new();
            dict.set("Length1", p.bytes.len() as i64);
            (
                "CIDFontType2",
                "FontFile2",
                Stream::new(dict, p.bytes.clone()),
            )
        }
        Flavor::CidCff => (
            "CIDFontType0",
            "FontFile3",
            Stream::new(
                Dictionary::from_iter(vec![("Subtype", name("CIDFontType0C"))]),
                p.bytes.clone(),
            ),
        ),
        Flavor::OpenType => (
            "CIDFontType0",
            "FontFile3",
            Stream::new(
                Dictionary::from_iter(vec![("Subtype", name("OpenType"))]),
                p.bytes.clone(),
            ),
        ),
    };
    let file = pdf.add_object(file);
    let base = name(&p.postscript_name);
    // Nonsymbolic (bit 6): what printpdf wrote; Italic (bit 7) for a slanted face.
    let flags = 32 | if p.italic_angle != 0 { 64 } else { 0 };
    let descriptor = pdf.add_object(Dictionary::from_iter(vec![
        ("Type", name("FontDescriptor")),
        ("FontName", base.clone()),
        ("Ascent", Object::Integer(p.ascent)),
        ("Descent", Object::Integer(p.descent)),
        ("CapHeight", Object::Integer(p.ascent)),
        ("ItalicAngle", Object::Integer(p.italic_angle)),
        ("Flags", Object::Integer(flags)),
        ("StemV", Object::Integer(p.stem_v)),
        (
            "FontBBox",
            Object::Array(p.bbox.iter().map(|&v| Object::Integer(v)).collect()),
        ),
        (file_key, Object::Reference(file)),
    ]));
    let mut cid_font = Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("BaseFont", base.clone()),
        ("Subtype", name(subtype)),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("W", Object::Array(widths(&p.codes))),
        ("DW", Object::Integer(1000)),
        ("FontDescriptor", Object::Reference(descriptor)),
    ]);
    if vertical {
        // Every glyph of a column advances 1 em down, its vertical origin 0.88 em above the
        // baseline at the middle of its advance: the em box of CJK faces (PDF 32000-1
        // §9.7.4.3; written out although it is the default, as the layout counts on it).
        cid_font.set(
            "DW2",
            Object::Array(vec![Object::Integer(880), Object::Integer(-1000)]),
        );
    }
    if matches!(p.flavor, Flavor::TrueType) {
        // Identity is the default, but PDF/A-2 (ISO 19005-2 §6.2.11.3.2) wants it written.
        cid_font.set("CIDToGIDMap", name("Identity"));
    }
    let to_unicode = pdf.add_object(Stream::new(
        Dictionary::new(),
        to_unicode(resource, &p.codes),
    ));
    // Shared by the face's two writing modes when it has both.
    let descendant = if vertical {
        Object::Reference(pdf.add_object(cid_font))
    } else {
        Object::Dictionary(cid_font)
    };
    pdf.add_object(Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name("Type0")),
        ("BaseFont", base),
        ("Encoding", name("Identity-H")),
        ("ToUnicode", Object::Reference(to_unicode)),
        ("DescendantFonts", Object::Array(vec![descendant])),
    ]))
}

/// The `/W` array (PDF 32000-1 §9.7.4.3): runs of consecutive codes, each as `first [w1 w2 …]`.
fn widths(codes: &BTreeMap<u16, (i64, char)>) -> Vec<Object> {
    let mut out = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut first = 0u16;
    let mut last: Option<u16> = None;
    for (&code, &(width, _)) in codes {
        if last.is_some_and(|l| l.checked_add(1) != Some(code)) {
            out.push(Object::Integer(i64::from(first)));
            out.push(Object::Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            first = code;
        }
        run.push(Object::Integer(width));
        last = Some(code);
    }
    if !run.is_empty() {
        out.push(Object::Integer(i64::from(first)));
        out.push(Object::Array(run));
    }
    out
}

/// The ToUnicode CMap (PDF 32000-1 §9.10.3; Adobe Technical Note #5411): one `bfchar` entry
/// per code, at most 100 to a block.
fn to_unicode(resource: &str, codes: &BTreeMap<u16, (i64, char)>) -> Vec<u8> {
    let mut s = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS-{resource} def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    );
    let entries: Vec<(u16, char)> = codes.iter().map(|(&code, &(_, c))| (code, c)).collect();
    for block in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", block.len());
        for &(code, c) in block {
            let _ = write!(s, "<{code:04X}> <");
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(s, "{unit:04X}");
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}

/// The tables a CIDFontType2 program needs (PDF 32000-1 §9.9: glyphs are addressed by glyph id
/// through `/CIDToGIDMap`, so `cmap`, `name`, `post` and `OS/2` are dead weight).
const PDF_TABLES: [&[u8; 4]; 9] = [
    b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"prep",
];

/// The sfnt `font` with only the tables a PDF reader uses, or `None` if it does not parse.
pub(super) fn strip(font: &[u8]) -> Option<Vec<u8>> {
    let be16 = |at: usize| Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?));
    let be32 = |at: usize| Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?));
    let version = be32(0)?;
    let count = usize::from(be16(4)?);
    let mut tables = Vec::new();
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let (offset, length) = (be32(rec + 8)? as usize, be32(rec + 12)? as usize);
        if PDF_TABLES.contains(&&tag) {
            tables.push((tag, font.get(offset..offset + length)?));
        }
    }
    let n = tables.len() as u16;
    let mut out = Vec::with_capacity(font.len());
    let log2 = 15 - n.max(1).leading_zeros() as u16;
    let range = (1u16 << log2) * 16;
    out.extend_from_slice(&version.to_be_bytes());
    for v in [n, range, log2, n * 16 - range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    for (tag, data) in &tables {
        let mut data = data.to_vec();
        if tag == b"head" && data.len() >= 12 {
            // checkSumAdjustment is computed over the whole file; readers do not check it, and
            // zero is what the OpenType spec asks for while computing it.
            data[8..12].copy_from_slice(&[0; 4]);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(&data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let padded = data.len().div_ceil(4) * 4;
        data.resize(padded, 0);
        offset += padded;
        body.extend_from_slice(&data);
    }
    out.extend_from_slice(&body);
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    if let Some(head) = tables.iter().position(|(t, _)| t == b"head") {
        let at = 12
            + 16 * tables.len()
            + tables[..head]
                .iter()
                .map(|(_, d)| d.len().div_ceil(4) * 4)
                .sum::<usize>();
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    Some(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripped_fonts_keep_their_glyphs_and_lose_the_cmap() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/NotoSerifSC_400Regular.ttf"
        ))
        .unwrap();
        let out = strip(&bytes).unwrap();
        let full = ttf_parser::Face::parse(&bytes, 0).unwrap();
        let face = ttf_parser::Face::parse(&out, 0).unwrap();
        assert_eq!(face.number_of_glyphs(), full.number_of_glyphs());
        let gid = full.glyph_index('中').unwrap();
        assert_eq!(face.glyph_hor_advance(gid), full.glyph_hor_advance(gid));
        assert!(face.glyph_index('中').is_none(), "no cmap");
        assert_eq!(checksum(&out), 0xB1B0_AFBA, "whole-file checksum");
    }

    #[test]
    fn widths_run_over_consecutive_codes() {
        let codes: BTreeMap<u16, (i64, char)> = [(1, (256, ' ')), (4, (327, '.')), (5, (557, '0'))]
            .into_iter()
            .collect();
        assert_eq!(
            widths(&codes),
            vec![
                Object::Integer(1),
                Object::Array(vec![Object::Integer(256)]),
                Object::Integer(4),
                Object::Array(vec![Object::Integer(327), Object::Integer(557)]),
            ]
        );
    }

    #[test]
    fn the_unicode_map_names_the_ideograph_not_its_radical_and_reaches_beyond_the_bmp() {
        assert!(prefer('页', '⻚'));
        assert!(!prefer('⻚', '页'));
        let codes: BTreeMap<u16, (i64, char)> =
            [(7, (1000, '页')), (9, (1000, '𠀀'))].into_iter().collect();
        let cmap = String::from_utf8(to_unicode("F0", &codes)).unwrap();
        assert!(
            cmap.contains("2 beginbfchar\n<0007> <9875>\n<0009> <D840DC00>\n"),
            "{cmap}"
        );
    }
}
