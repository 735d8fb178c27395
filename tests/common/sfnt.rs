//! Font files made at test time (OpenType's tables, byte by byte), for the hostile input tests
//! and the font fuzz target: small, valid faces to start from, and the tables to break.

/// A TrueType font file of `tables` (OpenType "Organization of an OpenType font": offset table,
/// table records sorted by tag, tables 4-byte aligned; checksums left 0, which readers ignore).
pub fn sfnt(mut tables: Vec<(&[u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| *t.0);
    let count = tables.len() as u16;
    let mut out = Vec::new();
    out.extend(0x0001_0000u32.to_be_bytes());
    for field in [count, 16, 0, 0] {
        out.extend(field.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    for (tag, data) in &tables {
        out.extend(*tag);
        out.extend(0u32.to_be_bytes());
        out.extend(((offset + body.len()) as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        body.extend(data);
        body.resize(body.len().next_multiple_of(4), 0);
    }
    offset += body.len();
    out.extend(body);
    assert_eq!(out.len(), offset);
    out
}

/// Big-endian fields, each given with its width in bytes.
pub fn be(fields: &[(i64, usize)]) -> Vec<u8> {
    fields
        .iter()
        .flat_map(|&(v, n)| v.to_be_bytes()[8 - n..].to_vec())
        .collect()
}

/// A TrueType font named `family` with `glyphs` (records of `glyf`; every advance 1 000 of a
/// 1 000 em) and one Windows UCS-4 cmap subtable, `cmap`. Embedding allowed (fsType 0).
pub fn truetype(family: &str, cmap: Vec<u8>, glyphs: &[Vec<u8>]) -> Vec<u8> {
    truetype_with(family, cmap_table(&[(3, 10, cmap)]), glyphs)
}

/// A `cmap` table of `subtables`, each with its platform and encoding (sorted as OpenType asks).
pub fn cmap_table(subtables: &[(u16, u16, Vec<u8>)]) -> Vec<u8> {
    let mut head = be(&[(0, 2), (subtables.len() as i64, 2)]);
    let mut body: Vec<u8> = Vec::new();
    let start = 4 + 8 * subtables.len();
    for (platform, encoding, sub) in subtables {
        head.extend(be(&[
            ((*platform).into(), 2),
            ((*encoding).into(), 2),
            ((start + body.len()) as i64, 4),
        ]));
        body.extend(sub);
    }
    head.extend(body);
    head
}

/// A format-4 cmap subtable ("Segment mapping to delta values") of (first, last, glyph of
/// first) segments below U+FFFF; the closing 0xFFFF segment is added.
pub fn format4(segments: &[(u16, u16, u16)]) -> Vec<u8> {
    let mut segs: Vec<(u16, u16, u16)> = segments.to_vec();
    segs.push((0xFFFF, 0xFFFF, 0));
    let n = segs.len() as i64;
    let mut out = be(&[
        (4, 2),
        (16 + 8 * n, 2),
        (0, 2),
        (2 * n, 2),
        (0, 2),
        (0, 2),
        (0, 2),
    ]);
    out.extend(segs.iter().flat_map(|s| s.1.to_be_bytes()));
    out.extend([0, 0]);
    out.extend(segs.iter().flat_map(|s| s.0.to_be_bytes()));
    out.extend(
        segs.iter()
            .flat_map(|s| s.2.wrapping_sub(s.0).to_be_bytes()),
    );
    out.extend(segs.iter().flat_map(|_| [0, 0]));
    out
}

/// A variation selector's record: the selector, its default ranges (start, extra count), its
/// non-default mappings (code point, glyph).
pub type Selector = (u32, Vec<(u32, u8)>, Vec<(u32, u16)>);

/// A format-14 cmap subtable ("Unicode Variation Sequences"): for each selector, the default
/// ranges (start, extra count) and the non-default mappings (code point, glyph).
pub fn format14(records: &[Selector]) -> Vec<u8> {
    let mut head = Vec::new();
    let mut body = Vec::new();
    let start = 10 + 11 * records.len();
    let u24 = |v: u32| v.to_be_bytes()[1..].to_vec();
    for (selector, defaults, mappings) in records {
        head.extend(u24(*selector));
        let mut offset = |table: Vec<u8>, empty: bool| {
            if empty {
                0
            } else {
                let at = start + body.len();
                body.extend(table);
                at as u32
            }
        };
        let mut d = (defaults.len() as u32).to_be_bytes().to_vec();
        for (first, extra) in defaults {
            d.extend(u24(*first));
            d.push(*extra);
        }
        let d = offset(d, defaults.is_empty());
        let mut m = (mappings.len() as u32).to_be_bytes().to_vec();
        for (c, g) in mappings {
            m.extend(u24(*c));
            m.extend(g.to_be_bytes());
        }
        let m = offset(m, mappings.is_empty());
        head.extend(d.to_be_bytes());
        head.extend(m.to_be_bytes());
    }
    let mut out = 14u16.to_be_bytes().to_vec();
    out.extend(((start + body.len()) as u32).to_be_bytes());
    out.extend((records.len() as u32).to_be_bytes());
    out.extend(head);
    out.extend(body);
    out
}

/// A TrueType Collection (`ttcf` 1.0) claiming `claimed` faces, whose first offsets all point to
/// `font` (its table offsets moved past the header).
pub fn collection(font: &[u8], claimed: u32, offsets: usize) -> Vec<u8> {
    let header = 12 + 4 * offsets;
    let mut out = b"ttcf".to_vec();
    out.extend(0x0001_0000u32.to_be_bytes());
    out.extend(claimed.to_be_bytes());
    for _ in 0..offsets {
        out.extend((header as u32).to_be_bytes());
    }
    let mut font = font.to_vec();
    let tables = font
        .get(4..6)
        .map_or(0, |b| usize::from(u16::from_be_bytes([b[0], b[1]])));
    for k in 0..tables {
        let at = 12 + 16 * k + 8;
        if let Some(field) = font.get_mut(at..at + 4) {
            let moved = u32::from_be_bytes(field.try_into().unwrap()).wrapping_add(header as u32);
            field.copy_from_slice(&moved.to_be_bytes());
        }
    }
    out.extend(font);
    out
}

/// A TrueType font as [`truetype`] makes it, with a whole `cmap` table of its own.
pub fn truetype_with(family: &str, cmap_table: Vec<u8>, glyphs: &[Vec<u8>]) -> Vec<u8> {
    let n = glyphs.len() as i64;
    let mut glyf = Vec::new();
    let mut loca = Vec::new();
    for g in glyphs {
        loca.extend((glyf.len() as u32).to_be_bytes());
        glyf.extend(g);
        glyf.resize(glyf.len().next_multiple_of(2), 0);
    }
    loca.extend((glyf.len() as u32).to_be_bytes());
    let head = be(&[
        (0x1_0000, 4),
        (0x1_0000, 4),
        (0, 4),
        (0x5F0F_3CF5, 4),
        (0, 2),
        (1000, 2),
        (0, 8),
        (0, 8),
        (0, 2),
        (-120, 2),
        (1000, 2),
        (880, 2),
        (0, 2),
        (8, 2),
        (2, 2),
        (1, 2),
        (0, 2),
    ]);
    let hhea = be(&[
        (0x1_0000, 4),
        (880, 2),
        (-120, 2),
        (0, 2),
        (1000, 2),
        (0, 2),
        (0, 2),
        (1000, 2),
        (1, 2),
        (0, 2),
        (0, 2),
        (0, 8),
        (0, 2),
        (n, 2),
    ]);
    let maxp = be(&[
        (0x1_0000, 4),
        (n, 2),
        (4, 2),
        (1, 2),
        (4, 2),
        (1, 2),
        (2, 2),
        (0, 2),
        (0, 2),
        (0, 2),
        (0, 2),
        (0, 2),
        (0, 2),
        (64, 2),
        (1, 2),
    ]);
    // OS/2 version 4: weight 400, fsType 0, ranges and code pages that claim Chinese.
    let mut os2 = be(&[(4, 2), (500, 2), (400, 2), (5, 2), (0, 2)]);
    os2.extend([0; 22]); // subscript … strikeout, family class
    os2.extend([0; 10]); // PANOSE
    os2.extend(be(&[(0, 4), (0, 4), (0, 4), (0, 4)]));
    os2.extend(b"NONE");
    os2.extend(be(&[
        (0x40, 2),
        (0x20, 2),
        (0xFFFF, 2),
        (880, 2),
        (-120, 2),
        (0, 2),
        (880, 2),
        (120, 2),
        (1 << 18, 4),
        (0, 4),
        (500, 2),
        (700, 2),
        (0, 2),
        (0x20, 2),
        (0, 2),
    ]));
    let hmtx: Vec<u8> = (0..n).flat_map(|_| be(&[(1000, 2), (0, 2)])).collect();
    let post = be(&[
        (0x3_0000, 4),
        (0, 4),
        (-100, 2),
        (50, 2),
        (0, 4),
        (0, 4),
        (0, 4),
        (0, 4),
        (0, 4),
    ]);
    let postscript = family.replace(' ', "");
    let names = [(1, family), (2, "Regular"), (4, family), (6, &postscript)];
    let mut records = Vec::new();
    let mut strings = Vec::new();
    for (id, s) in names {
        let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        records.extend(be(&[
            (3, 2),
            (1, 2),
            (0x409, 2),
            (id, 2),
            (bytes.len() as i64, 2),
            (strings.len() as i64, 2),
        ]));
        strings.extend(bytes);
    }
    let mut name = be(&[
        (0, 2),
        (names.len() as i64, 2),
        (6 + 12 * names.len() as i64, 2),
    ]);
    name.extend(records);
    name.extend(strings);
    sfnt(vec![
        (b"head", head),
        (b"hhea", hhea),
        (b"maxp", maxp),
        (b"OS/2", os2),
        (b"hmtx", hmtx),
        (b"cmap", cmap_table),
        (b"loca", loca),
        (b"glyf", glyf),
        (b"name", name),
        (b"post", post),
    ])
}

/// A format-12 cmap subtable (OpenType `cmap`, "Segmented coverage") of (first, last, glyph)
/// groups.
pub fn format12(groups: &[(u32, u32, u32)]) -> Vec<u8> {
    let mut out = be(&[
        (12, 2),
        (0, 2),
        (16 + 12 * groups.len() as i64, 4),
        (0, 4),
        (groups.len() as i64, 4),
    ]);
    for &(first, last, glyph) in groups {
        out.extend(be(&[
            (first.into(), 4),
            (last.into(), 4),
            (glyph.into(), 4),
        ]));
    }
    out
}

/// A simple glyph: one square contour.
pub fn square() -> Vec<u8> {
    let mut g = be(&[(1, 2), (100, 2), (0, 2), (900, 2), (800, 2), (3, 2), (0, 2)]);
    g.extend([1; 4]); // on-curve points, 16-bit coordinates
    g.extend(be(&[
        (100, 2),
        (800, 2),
        (0, 2),
        (-800, 2),
        (0, 2),
        (0, 2),
        (800, 2),
        (0, 2),
    ]));
    g
}

/// A composite glyph drawing `components` in order (byte offsets, OpenType `glyf`).
pub fn composite(components: &[u16]) -> Vec<u8> {
    let mut g = be(&[(-1, 2), (100, 2), (0, 2), (900, 2), (800, 2)]);
    for (k, &id) in components.iter().enumerate() {
        let flags = 0x0002 | if k + 1 < components.len() { 0x0020 } else { 0 };
        g.extend(be(&[(flags, 2), (id.into(), 2), (0, 1), (0, 1)]));
    }
    g
}
