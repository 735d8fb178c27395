//! Finishing the object model: streams deflated, a content-derived `/ID`; then the file
//! (`file`).

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Dictionary, Object, Stream, StringFormat};
use sha2::{Digest, Sha256};

/// Compresses the streams, sets the `/ID` and writes the file with the objects of `raw`, which
/// are already in PDF syntax. `deflate` is the default-level state (see `compress`).
pub(super) fn save(
    mut pdf: lopdf::Document,
    raw: &[(u32, Vec<u8>)],
    mut deflate: Compress,
) -> Vec<u8> {
    let mut best = Compress::new(Compression::best(), true);
    compress(&mut pdf, &mut deflate, &mut best);
    let id = document_id(&pdf, raw);
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    // The object streams at the best level: their structure elements, all alike, came out 4 %
    // smaller than at the default level (issue 20: tags at most 15 % more bytes).
    super::file::write(&pdf, raw, &mut best)
}

/// What a stream holds, for compressing it.
#[derive(Clone, Copy, PartialEq)]
enum Holds {
    /// A font program: `/FontFile2` (with `/Length1`) or `/FontFile3` (a `/Subtype`, no `/Type`).
    Font,
    /// Content or a CMap: text, with nothing in its dictionary but `/Length`.
    Text,
    /// Pixels, an ICC profile.
    Data,
}

impl Holds {
    fn of(dict: &lopdf::Dictionary) -> Holds {
        if dict.has(b"Length1") || dict.has(b"Subtype") && !dict.has(b"Type") {
            Holds::Font
        } else if dict.iter().all(|(k, _)| k == b"Length") {
            Holds::Text
        } else {
            Holds::Data
        }
    }
}

/// Compresses every stream that has no filter yet — content, pixels, fonts, maps — except the
/// XMP packet. A stream stays as it is unless deflating saves more than the 19 bytes its
/// `/Filter` costs.
///
/// A stream's last byte must not be a carriage return: `file` ends every stream with a line feed
/// before `endstream`, and a reader would take the two bytes for one end-of-line marker, one byte
/// short of `/Length` (ISO 19005-2 §6.1.7.1). A zlib stream ends with the Adler-32 sum of its
/// data (RFC 1950), so one in 256 does; then the data gets a byte it can spare — a line feed
/// after content, four bytes ending in 1 after a font program (read by its tables' offsets,
/// so bytes past the last table are never read; zeros would not do, as they leave the sum's
/// low part, which makes the last byte, as it was) — and is deflated again, or, pixels and
/// profiles, stays as it is.
///
/// What lopdf's `Stream::compress` does, with one deflate state per level for all streams
/// instead of a fresh one (some 300 KB of tables) per stream. The font programs, most of a short
/// document's bytes, take the best level; everything else — a book's thousands of page content
/// streams — the default level, which the profile showed takes 40 % less time than the best
/// (zlib-rs's lazy matching at level 9 follows long hash chains) and makes a book's content
/// streams no bigger (benches/PROFILE.md).
fn compress(pdf: &mut lopdf::Document, default: &mut Compress, best: &mut Compress) {
    let mut out = Vec::new();
    for obj in pdf.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        if !s.allows_compression || s.dict.has_type(b"Metadata") || s.dict.has(b"Filter") {
            continue;
        }
        let holds = Holds::of(&s.dict);
        let deflate = if holds == Holds::Font {
            &mut *best
        } else {
            &mut *default
        };
        compress_one(s, holds, deflate, &mut out);
    }
}

/// A page's content stream, compressed at once as `compress` would at the end: a book's pages
/// are then never all held uncompressed (issue 20). `deflate` is the default-level state.
pub(super) fn content(data: Vec<u8>, deflate: &mut Compress) -> Stream {
    let mut s = Stream::new(Dictionary::new(), data);
    compress_one(&mut s, Holds::Text, deflate, &mut Vec::new());
    s
}

/// Compresses one stream of `holds` with `deflate`, through the buffer `out` (see `compress`).
fn compress_one(s: &mut Stream, holds: Holds, deflate: &mut Compress, out: &mut Vec<u8>) {
    let mut ok = zlib(deflate, &s.content, out);
    for _ in 0..8 {
        if !ok || out.last() != Some(&b'\r') {
            break;
        }
        match holds {
            Holds::Text => s.content.push(b'\n'),
            Holds::Font => {
                s.content.extend_from_slice(&[0, 0, 0, 1]);
                if s.dict.has(b"Length1") {
                    s.dict.set("Length1", s.content.len() as i64);
                }
            }
            Holds::Data => ok = false,
        }
        ok = ok && zlib(deflate, &s.content, out);
    }
    if ok && out.last() != Some(&b'\r') && out.len() + 19 < s.content.len() {
        s.dict.set("Filter", "FlateDecode");
        s.set_content(out.clone());
    }
}

/// Deflates `data` into `out` as one zlib stream (RFC 1950); false if deflate fails.
pub(super) fn zlib(deflate: &mut Compress, data: &[u8], out: &mut Vec<u8>) -> bool {
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

/// Sixteen bytes of SHA-256 over every stream, the strings of the dictionaries and the objects
/// of `raw`: the same content gives the same `/ID` (PDF 32000-1 §14.4 asks for a digest of the
/// file's contents).
fn document_id(pdf: &lopdf::Document, raw: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut h = Sha256::new();
    for (n, bytes) in raw {
        h.update(n.to_be_bytes());
        h.update(bytes);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Content whose deflated bytes end in a carriage return, found by trying.
    fn unlucky() -> Vec<u8> {
        let mut deflate = Compress::new(Compression::default(), true);
        let mut out = Vec::new();
        // Each `a` adds 97 to the Adler-32 sum's low part, whose low byte ends the stream: one
        // of 256 lengths gives 13.
        (0..256)
            .map(|n| {
                let lines = "1 0 0 1 72 700 Tm\n<0001> Tj\n".repeat(20);
                format!("BT\n{lines}% {}\nET", "a".repeat(n)).into_bytes()
            })
            .find(|data| zlib(&mut deflate, data, &mut out) && out.last() == Some(&b'\r'))
            .unwrap()
    }

    /// A stream of `dict` and `data` after `compress`, both its states at the default level, the
    /// one [`unlucky`] was found at, and its content inflated again.
    fn compressed(dict: Dictionary, data: &[u8]) -> (Stream, Vec<u8>) {
        let mut pdf = lopdf::Document::with_version("1.7");
        let id = pdf.add_object(Stream::new(dict, data.to_vec()));
        let level = || Compress::new(Compression::default(), true);
        compress(&mut pdf, &mut level(), &mut level());
        let s = pdf.get_object(id).unwrap().as_stream().unwrap().clone();
        assert!(s.dict.has(b"Filter"));
        assert_ne!(s.content.last(), Some(&b'\r'));
        let plain = s.decompressed_content().unwrap();
        assert!(plain.len() > data.len() && plain.starts_with(data));
        (s, plain)
    }

    #[test]
    fn no_compressed_stream_ends_in_a_carriage_return() {
        let data = unlucky();
        let (_, plain) = compressed(Dictionary::new(), &data);
        // The content, then the line feeds that moved the checksum.
        assert!(plain[data.len()..].iter().all(|&b| b == b'\n'));
    }

    #[test]
    fn an_unlucky_font_program_is_still_compressed() {
        // Found at first with a 1 M-character book whose title held （44 遍）: its 1.2 MB font
        // went in uncompressed, as the zeros once added left the sum's last byte as it was.
        let data = unlucky();
        let mut dict = Dictionary::new();
        dict.set("Length1", data.len() as i64);
        let (s, plain) = compressed(dict, &data);
        let length1 = s.dict.get(b"Length1").unwrap().as_i64().unwrap();
        assert_eq!(length1, plain.len() as i64);
    }

    #[test]
    fn the_saved_file_has_no_carriage_return_before_endstream_and_the_same_id_twice() {
        let save_one = || {
            let mut pdf = lopdf::Document::with_version("1.7");
            pdf.add_object(Stream::new(Dictionary::new(), unlucky()));
            let root = pdf.add_object(Dictionary::from_iter(vec![(
                "Type",
                Object::Name(b"Catalog".to_vec()),
            )]));
            pdf.trailer.set("Root", root);
            save(pdf, &[], Compress::new(Compression::default(), true))
        };
        let out = save_one();
        assert!(!out.windows(11).any(|w| w == b"\r\nendstream"));
        assert_eq!(out, save_one());
    }
}
