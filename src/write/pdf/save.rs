//! Serializing the finished object model: streams deflated, a content-derived `/ID`, object
//! and cross-reference streams (PDF 32000-1 §7.5.7, §7.5.8; allowed by ISO 19005-2 §6.1.6).

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Object, SaveOptions, StringFormat};
use sha2::{Digest, Sha256};

use crate::Error;

/// Compresses the streams, sets the `/ID` and writes the file.
pub(super) fn save(mut pdf: lopdf::Document) -> Result<Vec<u8>, Error> {
    compress(&mut pdf);
    let id = document_id(&pdf);
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    let mut out = Vec::new();
    let options = SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        // The object streams hold a book's page and annotation dictionaries: as for the content
        // streams, the default level is as small and much quicker than the best.
        .compression_level(6)
        .build();
    pdf.save_with_options(&mut out, options)
        .map_err(|e| Error::Write(format!("pdf: {e}")))?;
    Ok(out)
}

/// Compresses every stream that has no filter yet — content, pixels, fonts, maps — except the
/// XMP packet. A stream stays as it is unless deflating saves more than the 19 bytes its
/// `/Filter` costs.
///
/// What lopdf's `Stream::compress` does, with one deflate state per level for all streams
/// instead of a fresh one (some 300 KB of tables) per stream. The font programs, most of a short
/// document's bytes, take the best level; everything else — a book's thousands of page content
/// streams — the default level, which the profile showed takes 40 % less time than the best
/// (zlib-rs's lazy matching at level 9 follows long hash chains) and makes a book's content
/// streams no bigger (benches/PROFILE.md).
fn compress(pdf: &mut lopdf::Document) {
    let mut best = Compress::new(Compression::best(), true);
    let mut default = Compress::new(Compression::default(), true);
    let mut out = Vec::new();
    for obj in pdf.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        let font_program = s.dict.has(b"Length1") || s.dict.has(b"Subtype") && !s.dict.has(b"Type");
        let deflate = if font_program {
            &mut best
        } else {
            &mut default
        };
        if s.allows_compression
            && !s.dict.has_type(b"Metadata")
            && !s.dict.has(b"Filter")
            && zlib(deflate, &s.content, &mut out)
            && out.len() + 19 < s.content.len()
        {
            s.dict.set("Filter", "FlateDecode");
            s.set_content(out.clone());
        }
    }
}

/// Deflates `data` into `out` as one zlib stream (RFC 1950); false if deflate fails.
fn zlib(deflate: &mut Compress, data: &[u8], out: &mut Vec<u8>) -> bool {
    deflate.reset();
    out.clear();
    out.reserve(data.len() / 2 + 64);
    loop {
        let read = deflate.total_in() as usize;
        match deflate.compress_vec(&data[read..], out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return true,
            Ok(_) => out.reserve(out.capacity().max(64)),
            Err(_) => return false,
        }
    }
}

/// Sixteen bytes of SHA-256 over every stream and the trailer's info: the same content gives the
/// same `/ID` (PDF 32000-1 §14.4 asks for a digest of the file's contents).
fn document_id(pdf: &lopdf::Document) -> Vec<u8> {
    let mut h = Sha256::new();
    for (id, obj) in &pdf.objects {
        h.update(id.0.to_be_bytes());
        match obj {
            Object::Stream(s) => h.update(&s.content),
            Object::String(s, _) => h.update(s),
            Object::Dictionary(d) => {
                for (k, v) in d.iter() {
                    h.update(k);
                    if let Object::String(s, _) = v {
                        h.update(s);
                    }
                }
            }
            _ => {}
        }
    }
    h.finalize()[..16].to_vec()
}
