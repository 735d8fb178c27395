//! Which faces the PDF embeds, and how.
//!
//! Every face the layout draws with is embedded as its shared subset: bold text comes from the
//! bold face it was planned in (its own font program), never from a stroked regular outline. Only
//! where a role has no bold face at all does the layout ask for synthesised bold (`Run::embolden`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};

use crate::font::FaceId;
use crate::layout::Layout;
use crate::{Context, Error};

/// A face embedded in the document.
pub(super) struct Font {
    /// Its resource name.
    pub id: FontId,
    /// The advance of each character of the subset as the viewer applies it: the `/W` width
    /// printpdf writes, in 1/1000 em, truncated.
    pub widths: FxHashMap<char, f32>,
    /// Characters whose glyph also draws another character of the subset (a radical such as
    /// ⻚ and its ideograph 页): the ToUnicode map can name only one character per glyph, so
    /// these are shown with their own `/ActualText`.
    pub shared: FxHashSet<char>,
}

impl Font {
    /// Whether the subset draws `c`.
    pub fn covers(&self, c: char) -> bool {
        self.widths.contains_key(&c)
    }

    /// The advance of `c` in 1/1000 em (0 for a character the subset lacks).
    pub fn width(&self, c: char) -> f32 {
        self.widths.get(&c).copied().unwrap_or(0.0)
    }
}

/// The embedded faces, and the one that draws characters no face covers.
pub(super) struct Embedded {
    pub by_face: BTreeMap<FaceId, Font>,
    pub fallback: Option<FaceId>,
}

/// Embeds the subset of every face the layout draws with.
pub(super) fn embed(
    laid: &Layout,
    ctx: &Context,
    pdf: &mut PdfDocument,
) -> Result<Embedded, Error> {
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
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&subset.ttf, 0, &mut warnings)
            .ok_or_else(|| Error::Write("pdf: the font subset does not parse".into()))?;
        // printpdf names the font after `font_name` and tags only fonts it subset itself; the
        // tag marks our subset (PDF 32000-1 §9.6.4).
        parsed.font_name = Some(subset.pdf_name());
        // Resource names from the face index, not printpdf's process-wide counter, so the same
        // input gives the same bytes.
        let id = FontId(format!("F{}", face.0));
        let upm = f32::from(parsed.units_per_em.max(1));
        let mut widths = FxHashMap::default();
        let mut by_glyph: HashMap<u16, Vec<char>> = HashMap::new();
        for &c in &subset.chars {
            let Some(gid) = parsed.lookup_glyph_index(u32::from(c)) else {
                continue;
            };
            let w = f32::from(parsed.get_glyph_width(gid).unwrap_or(0));
            widths.insert(c, (w * 1000.0 / upm).trunc());
            by_glyph.entry(gid).or_default().push(c);
        }
        let shared = by_glyph
            .into_values()
            .filter(|chars| chars.len() > 1)
            .flatten()
            .collect();
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        by_face.insert(face, Font { id, widths, shared });
    }
    Ok(Embedded {
        by_face,
        fallback: any_missing.then_some(fallback),
    })
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
}
