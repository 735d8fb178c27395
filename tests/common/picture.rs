//! PNG files made chunk by chunk (PNG §5), for what the `png` encoder will not write: Adam7
//! interlacing, 16-bit `tRNS`, invalid headers.

/// One chunk: length, type, data, CRC.
fn chunk(out: &mut Vec<u8>, kind: &[u8], body: &[u8]) {
    out.extend((body.len() as u32).to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(body);
    out.extend(kind);
    out.extend(body);
    out.extend(crc.sum().to_be_bytes());
}

/// A PNG of `width` × `height` with this bit depth, colour type and interlace method, its
/// `PLTE` and `tRNS` chunks if given, and `raw` (the filtered scanlines) deflated in one `IDAT`.
pub fn png(
    (width, height): (u32, u32),
    (depth, color, interlace): (u8, u8, u8),
    plte: Option<&[u8]>,
    trns: Option<&[u8]>,
    raw: &[u8],
) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([depth, color, 0, 0, interlace]);
    chunk(&mut out, b"IHDR", &ihdr);
    if let Some(p) = plte {
        chunk(&mut out, b"PLTE", p);
    }
    if let Some(t) = trns {
        chunk(&mut out, b"tRNS", t);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut z, raw).unwrap();
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}
