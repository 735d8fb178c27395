//! The `glyf` and `loca` tables of a TrueType subset, composite glyphs renumbered through a map.
//!
//! allsorts 0.17's `GlyfTable::subset` finds each component of a composite glyph in the list of
//! kept glyphs by linear search, so its cost is the number of components times the number of
//! glyphs: a 60 MB font of composites took 113 s. Rather than carry a patched allsorts, the
//! subset's glyph list is closed over components here with a hash map, allsorts is handed that
//! list with every glyph empty (so it has nothing to search), and the real records are put back
//! afterwards with their component ids renumbered (OpenType `glyf`, "Composite glyph
//! description"). The numbering is the one allsorts gives: the glyphs as given, then each new
//! component in the order it is met.

use std::collections::HashMap;

/// `numberOfContours` and the bounding box: the header every glyph record starts with.
const HEADER: usize = 10;
/// Component flags (OpenType `glyf`, "Composite glyph description").
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;

/// A source font's glyph records: its `glyf` table and where each glyph lies in it.
pub(super) struct Glyf<'a> {
    glyf: &'a [u8],
    loca: ttf_parser::loca::Table<'a>,
    count: u16,
    /// `head.indexToLocFormat` is 0: offsets stored halved in 16 bits.
    short: bool,
}

impl<'a> Glyf<'a> {
    /// The glyph records of `face`; `None` for a face without TrueType outlines.
    pub fn new(face: &ttf_parser::Face<'a>) -> Option<Glyf<'a>> {
        let table = |tag: &[u8; 4]| face.raw_face().table(ttf_parser::Tag::from_bytes(tag));
        let format = face.tables().head.index_to_location_format;
        let count = face.tables().maxp.number_of_glyphs;
        Some(Glyf {
            glyf: table(b"glyf")?,
            loca: ttf_parser::loca::Table::parse(count, format, table(b"loca")?)?,
            count: count.get(),
            short: format == ttf_parser::head::IndexToLocationFormat::Short,
        })
    }

    /// The bytes of glyph `id`; empty for an empty glyph or one `loca` places outside `glyf`.
    fn record(&self, id: u16) -> &'a [u8] {
        self.loca
            .glyph_range(ttf_parser::GlyphId(id))
            .and_then(|r| self.glyf.get(r))
            .unwrap_or_default()
    }

    /// `glyphs` followed by every glyph their composites draw with, each once, in the order
    /// allsorts numbers them: a component not yet listed is appended when its composite is
    /// reached. Linear in the number of components.
    pub fn closure(&self, glyphs: &[u16]) -> Vec<u16> {
        let mut list = glyphs.to_vec();
        let mut listed: HashMap<u16, usize> = HashMap::with_capacity(list.len());
        for (i, &g) in list.iter().enumerate() {
            listed.entry(g).or_insert(i);
        }
        let mut i = 0;
        while i < list.len() {
            for (_, component) in components(self.record(list[i])).unwrap_or_default() {
                if component < self.count && !listed.contains_key(&component) {
                    listed.insert(component, list.len());
                    list.push(component);
                }
            }
            i += 1;
        }
        list
    }

    /// `glyf` and `loca` with every glyph empty, in the source's `loca` format: what allsorts
    /// is given to subset, so that it never searches for a component.
    pub fn empty(&self) -> (Vec<u8>, Vec<u8>) {
        let entry = if self.short { 2 } else { 4 };
        (Vec::new(), vec![0; entry * (usize::from(self.count) + 1)])
    }

    /// `glyf` and `loca` of a subset whose glyph `i` is source glyph `old[i]` (a list closed over
    /// components, from [`Glyf::closure`]), components renumbered, in the source's `loca`
    /// format. A composite that cannot be read to its end becomes an empty glyph; a component
    /// outside the subset points at `.notdef`.
    pub fn subset(&self, old: &[u16]) -> Result<(Vec<u8>, Vec<u8>), String> {
        let new: HashMap<u16, u16> = old
            .iter()
            .enumerate()
            .rev()
            .map(|(i, &g)| (g, u16::try_from(i).unwrap_or(0)))
            .collect();
        let mut glyf = Vec::new();
        let mut offsets = Vec::with_capacity(old.len() + 1);
        for &g in old {
            offsets.push(glyf.len());
            let record = self.record(g);
            // Records of a well-made font do not overlap, so a subset holds less than the whole
            // table; `loca` ranges that overlap could make it any size.
            if glyf.len() + record.len() > self.glyf.len() + 1 {
                return Err("glyph records overlap (loca offsets out of order)".into());
            }
            match components(record) {
                None => {}
                Some(parts) if parts.is_empty() => glyf.extend_from_slice(record),
                Some(parts) => {
                    let start = glyf.len();
                    glyf.extend_from_slice(record);
                    for (at, id) in parts {
                        let id = new.get(&id).copied().unwrap_or(0);
                        glyf[start + at..start + at + 2].copy_from_slice(&id.to_be_bytes());
                    }
                }
            }
            if self.short && glyf.len() % 2 == 1 {
                glyf.push(0);
            }
        }
        offsets.push(glyf.len());
        let loca = if self.short {
            let halves: Option<Vec<u16>> =
                offsets.iter().map(|&o| u16::try_from(o / 2).ok()).collect();
            let halves = halves.ok_or("glyph data too large for the font's short loca")?;
            halves.iter().flat_map(|o| o.to_be_bytes()).collect()
        } else {
            let longs: Option<Vec<u32>> = offsets.iter().map(|&o| u32::try_from(o).ok()).collect();
            longs
                .ok_or("glyph data too large")?
                .iter()
                .flat_map(|o| o.to_be_bytes())
                .collect()
        };
        Ok((glyf, loca))
    }
}

/// Where the glyph ids of a composite glyph's components lie in its record, and the ids; empty
/// for a simple or empty glyph; `None` for a composite cut short.
fn components(record: &[u8]) -> Option<Vec<(usize, u16)>> {
    let read = |at: usize| -> Option<u16> {
        let b = record.get(at..at + 2)?;
        Some(u16::from_be_bytes([b[0], b[1]]))
    };
    let Some(contours) = read(0) else {
        return if record.is_empty() {
            Some(Vec::new())
        } else {
            None
        };
    };
    if contours < 0x8000 {
        return Some(Vec::new());
    }
    let mut found = Vec::new();
    let mut at = HEADER;
    loop {
        let flags = read(at)?;
        found.push((at + 2, read(at + 2)?));
        at += 4 + if flags & ARG_1_AND_2_ARE_WORDS != 0 {
            4
        } else {
            2
        };
        at += if flags & WE_HAVE_A_SCALE != 0 {
            2
        } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
            4
        } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if at > record.len() {
            return None;
        }
        if flags & MORE_COMPONENTS == 0 {
            return Some(found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A composite record of `ids`, byte arguments, the second scaled.
    fn composite(ids: &[u16]) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFF, 0, 0, 0, 0, 0, 10, 0, 10];
        for (k, &id) in ids.iter().enumerate() {
            let more = if k + 1 < ids.len() {
                MORE_COMPONENTS
            } else {
                0
            };
            let scale = if k == 1 { WE_HAVE_A_SCALE } else { 0 };
            out.extend((0x0002 | more | scale).to_be_bytes());
            out.extend(id.to_be_bytes());
            out.extend([3, 4]);
            if scale != 0 {
                out.extend(0x4000u16.to_be_bytes());
            }
        }
        out
    }

    #[test]
    fn components_are_found_past_scales_and_word_arguments() {
        let record = composite(&[7, 9, 11]);
        let parts = components(&record).unwrap();
        assert_eq!(parts.iter().map(|p| p.1).collect::<Vec<_>>(), [7, 9, 11]);
        for (at, id) in parts {
            assert_eq!(u16::from_be_bytes([record[at], record[at + 1]]), id);
        }
        // Cut short: not read as a composite of fewer components.
        assert_eq!(components(&record[..record.len() - 1]), None);
        // Simple and empty glyphs have none.
        assert_eq!(components(&[0, 1, 0, 0]), Some(Vec::new()));
        assert_eq!(components(&[]), Some(Vec::new()));
    }
}
