//! Vertical layout data for subsets: `vhea`, `vmtx` and a `GSUB` holding only the `vert` feature.
//!
//! allsorts 0.17 writes neither of these tables when it subsets a TrueType font (its
//! `SubsetProfile::Custom` list only filters the tables it builds), so a subset set in
//! `writing-mode: vertical-rl` had no vertical advances (Chromium then advances each character by
//! ascent + descent, ~1.45 em in Noto Serif SC) and no vertical punctuation. The source's tables
//! are read with ttf-parser; the three small tables are written here.

use std::collections::{BTreeMap, BTreeSet};

use allsorts::tag;
use ttf_parser::gsub::{SingleSubstitution, SubstitutionSubtable};
use ttf_parser::{GlyphId, Tag};

/// The feature browsers apply in vertical text: HarfBuzz turns on `vert` for a top-to-bottom run
/// (OpenType feature registry, "vert": "Vertical Writing"). `vrt2` is read only when a font lacks
/// `vert`; it is written out as `vert`.
const VERT: Tag = Tag::from_bytes(b"vert");
const VRT2: Tag = Tag::from_bytes(b"vrt2");

/// The vertical alternates of `glyphs` in `face`, source glyph to source glyph: what the single
/// substitutions (lookup type 1, also behind type 7 extensions) of the face's `vert` feature map
/// them to, or of its `vrt2` feature when it has no `vert`.
pub fn alternates(face: &ttf_parser::Face<'_>, glyphs: &[u16]) -> BTreeMap<u16, u16> {
    let mut found = BTreeMap::new();
    let Some(gsub) = face.tables().gsub else {
        return found;
    };
    let lookups_of = |feature: Tag| -> BTreeSet<u16> {
        gsub.features
            .into_iter()
            .filter(|f| f.tag == feature)
            .flat_map(|f| f.lookup_indices)
            .collect()
    };
    let mut lookups = lookups_of(VERT);
    if lookups.is_empty() {
        lookups = lookups_of(VRT2);
    }
    for index in lookups {
        let Some(lookup) = gsub.lookups.get(index) else {
            continue;
        };
        for subtable in lookup.subtables.into_iter::<SubstitutionSubtable<'_>>() {
            let SubstitutionSubtable::Single(single) = subtable else {
                continue;
            };
            for &glyph in glyphs {
                if let Some(alternate) = substitute(&single, glyph) {
                    // The first lookup that maps a glyph wins, as when a shaper applies them.
                    found.entry(glyph).or_insert(alternate);
                }
            }
        }
    }
    found.retain(|glyph, alternate| glyph != alternate);
    found
}

/// What a single substitution maps `glyph` to (OpenType GSUB, lookup type 1: format 1 adds a
/// delta modulo 65536, format 2 indexes an array by coverage index).
fn substitute(single: &SingleSubstitution<'_>, glyph: u16) -> Option<u16> {
    match single {
        SingleSubstitution::Format1 { coverage, delta } => {
            coverage.get(GlyphId(glyph))?;
            Some(glyph.wrapping_add_signed(*delta))
        }
        SingleSubstitution::Format2 {
            coverage,
            substitutes,
        } => substitutes.get(coverage.get(GlyphId(glyph))?).map(|g| g.0),
    }
}

/// The `vhea`, `vmtx` and `GSUB` tables of a subset of `face` whose glyph `i` is source glyph
/// `old_ids[i]`, for `glyph_count` glyphs (a glyph past `old_ids` gets `.notdef`'s metrics).
/// `alternates` are source ids, all in `old_ids`. A table the source lacks is left out.
pub(super) fn tables(
    face: &ttf_parser::Face<'_>,
    old_ids: &[u16],
    glyph_count: u16,
    alternates: &BTreeMap<u16, u16>,
) -> Vec<(u32, Vec<u8>)> {
    let mut tables = Vec::new();
    let vhea = face.raw_face().table(Tag::from_bytes(b"vhea"));
    if let (Some(vhea), Some(vmtx)) = (vhea, face.tables().vmtx) {
        // vhea 1.0 and 1.1 are 36 bytes, numOfLongVerMetrics last (OpenType `vhea`).
        if let Some(head) = vhea.get(..34) {
            let mut out = head.to_vec();
            out.extend(glyph_count.to_be_bytes());
            tables.push((tag::VHEA, out));
            tables.push((tag::VMTX, vmtx_table(&vmtx, old_ids, glyph_count)));
        }
    }
    // A map, not a search per alternate: a face may give every glyph one.
    let mut new_ids = std::collections::HashMap::with_capacity(old_ids.len());
    for (i, &g) in old_ids.iter().enumerate() {
        new_ids.entry(g).or_insert(i as u16);
    }
    let new_id = |old: u16| new_ids.get(&old).copied();
    let pairs: Vec<(u16, u16)> = alternates
        .iter()
        .filter_map(|(&glyph, &alternate)| Some((new_id(glyph)?, new_id(alternate)?)))
        .collect();
    if !pairs.is_empty() {
        let scripts = face
            .tables()
            .gsub
            .map(|gsub| gsub.scripts.into_iter().map(|s| s.tag.to_bytes()).collect())
            .unwrap_or_default();
        tables.push((tag::GSUB, gsub_table(scripts, pairs)));
    }
    tables
}

/// A `vmtx` with one long metric (advanceHeight, topSideBearing) per glyph (OpenType `vmtx`:
/// the record count is vhea.numOfLongVerMetrics, which we set to the glyph count).
fn vmtx_table(vmtx: &ttf_parser::hmtx::Table<'_>, old_ids: &[u16], glyph_count: u16) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 * usize::from(glyph_count));
    for new in 0..usize::from(glyph_count) {
        let old = GlyphId(old_ids.get(new).copied().unwrap_or(0));
        out.extend(vmtx.advance(old).unwrap_or(0).to_be_bytes());
        out.extend(vmtx.side_bearing(old).unwrap_or(0).to_be_bytes());
    }
    out
}

/// A GSUB 1.0 table with one feature, `vert`, and one lookup: a single substitution (format 2)
/// of `pairs` (subset glyph, its alternate). Every script of the source (and `DFLT`) has it in
/// its default language system; all script records share one Script table, as offsets may
/// (OpenType "OpenType Layout Common Table Formats").
fn gsub_table(mut scripts: BTreeSet<[u8; 4]>, mut pairs: Vec<(u16, u16)>) -> Vec<u8> {
    scripts.insert(*b"DFLT");
    // Coverage format 1 lists glyphs in increasing order; substitutes follow coverage order.
    pairs.sort_unstable();
    let mut out = Vec::new();
    let u16s = |out: &mut Vec<u8>, values: &[u16]| {
        for v in values {
            out.extend(v.to_be_bytes());
        }
    };

    // Header: version 1.0, then offsets to ScriptList, FeatureList, LookupList.
    let script_list = 10u16;
    let script_list_len = 2 + 6 * scripts.len() as u16;
    let script = script_list_len; // from the ScriptList
    let lang_sys = 4u16; // from the Script
    let feature_list = script_list + script_list_len + 4 + 8;
    let lookup_list = feature_list + 2 + 6 + 4 + 2;
    u16s(&mut out, &[1, 0, script_list, feature_list, lookup_list]);

    // ScriptList: records sorted by tag, all pointing at one Script.
    u16s(&mut out, &[scripts.len() as u16]);
    for tag in &scripts {
        out.extend(tag);
        u16s(&mut out, &[script]);
    }
    // Script: defaultLangSys offset, no language systems.
    u16s(&mut out, &[lang_sys, 0]);
    // LangSys: lookupOrderOffset (reserved, 0), no required feature, feature 0.
    u16s(&mut out, &[0, 0xFFFF, 1, 0]);

    // FeatureList: one record `vert` → Feature at offset 8; Feature: no params, lookup 0.
    u16s(&mut out, &[1]);
    out.extend(b"vert");
    u16s(&mut out, &[8, 0, 1, 0]);

    // LookupList: one lookup at offset 4; Lookup: type 1, flags 0, one subtable at offset 8.
    u16s(&mut out, &[1, 4, 1, 0, 1, 8]);
    // SingleSubstFormat2: coverage offset, substitute count, substitutes; then Coverage format 1.
    let count = pairs.len() as u16;
    u16s(&mut out, &[2, 6 + 2 * count, count]);
    u16s(&mut out, &pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    u16s(&mut out, &[1, count]);
    u16s(&mut out, &pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::{FontSet, Role, Subset};

    #[test]
    fn subsets_keep_vertical_metrics_and_alternates() {
        let fonts = FontSet::bundled().unwrap();
        let id = fonts.primary(Role::Body, false);
        let face = fonts.face(id);
        let subset = Subset::new(id, face, "中，".chars().collect()).unwrap();
        let (bytes, index) = face.file();
        let source = ttf_parser::Face::parse(bytes, index).unwrap();
        let cut = ttf_parser::Face::parse(&subset.ttf, 0).unwrap();
        // .notdef, 中, ， and the vertical ，.
        assert_eq!(cut.number_of_glyphs(), 4);
        assert_eq!(cut.tables().vhea.unwrap().number_of_metrics, 4);
        for c in ['中', '，'] {
            let old = source.glyph_index(c).unwrap();
            let new = cut.glyph_index(c).unwrap();
            assert_eq!(cut.glyph_ver_advance(new), source.glyph_ver_advance(old));
            assert_eq!(
                cut.glyph_ver_side_bearing(new),
                source.glyph_ver_side_bearing(old)
            );
        }

        let gsub = cut.tables().gsub.unwrap();
        let scripts: Vec<Tag> = gsub.scripts.into_iter().map(|s| s.tag).collect();
        assert!(scripts.contains(&Tag::from_bytes(b"DFLT")));
        assert!(scripts.contains(&Tag::from_bytes(b"hani")));
        let feature = gsub.features.get(0).unwrap();
        assert_eq!((gsub.features.len(), feature.tag), (1, VERT));
        let lookup = gsub
            .lookups
            .get(feature.lookup_indices.get(0).unwrap())
            .unwrap();
        let Some(SubstitutionSubtable::Single(single)) = lookup.subtables.get(0) else {
            panic!("not a single substitution");
        };
        let comma = cut.glyph_index('，').unwrap().0;
        let vertical = substitute(&single, comma).unwrap();
        assert_ne!(vertical, comma);
        assert_eq!(substitute(&single, cut.glyph_index('中').unwrap().0), None);
        // The alternate is the source's: same outline bounds.
        let old = source.glyph_index('，').unwrap().0;
        let old_vertical = alternates(&source, &[old])[&old];
        assert_eq!(
            cut.glyph_bounding_box(GlyphId(vertical)),
            source.glyph_bounding_box(GlyphId(old_vertical))
        );
    }
}
