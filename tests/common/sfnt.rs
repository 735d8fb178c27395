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
    let mut cmap_table = be(&[(0, 2), (1, 2), (3, 2), (10, 2), (12, 4)]);
    cmap_table.extend(cmap);
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
