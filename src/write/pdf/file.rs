//! The file's bytes (PDF 32000-1 §7.5): the header with its binary comment, the streams as
//! indirect objects, every other object packed into object streams (§7.5.7), and a
//! cross-reference stream (§7.5.8) that is also the trailer.
//!
//! Written here rather than by lopdf's `save_with_options`, which serializes each packed object
//! three times and starts a fresh deflate state per object stream: on a book with a structure
//! tree — thousands of small element dictionaries — that was most of the writer's time.

use std::io::Write as _;

use flate2::Compress;
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use super::save::zlib;

/// Objects per object stream: one deflate call per stream. Deflate finds more of what a run
/// of structure elements repeats in a long stream: 10 000 made the 1 M-character 诗经 book's
/// object streams 3 % smaller than 1000 (issue 20), and a reader still inflates at most about
/// a megabyte to find an object.
const PER_STREAM: usize = 10_000;

/// An object that goes into an object stream.
enum Packed<'a> {
    /// One of the document's objects.
    Object(&'a Object),
    /// One already in PDF syntax.
    Raw(&'a [u8]),
}

/// Where an object is, for the cross-reference stream.
#[derive(Clone, Copy)]
enum Entry {
    /// No object by this number.
    Free,
    /// At this byte offset.
    Direct(usize),
    /// In object stream `stream`, at `index`.
    Packed { stream: u32, index: u16 },
}

/// Serializes `pdf` (its streams already compressed as they should be) with its trailer's
/// `/Root`, `/Info` and `/ID`, and the objects of `raw`, already in PDF syntax, by number.
/// `deflate` compresses the object streams and the cross-reference stream.
pub(super) fn write(
    pdf: &lopdf::Document,
    raw: &[(u32, Vec<u8>)],
    deflate: &mut Compress,
) -> Vec<u8> {
    let max = pdf
        .objects
        .keys()
        .map(|id| id.0)
        .chain(raw.iter().map(|r| r.0))
        .max()
        .unwrap_or(0);
    let mut entries = vec![Entry::Free; max as usize + 1];
    // The binary comment: four bytes above 127 tell transfer tools the file is binary
    // (ISO 19005-2 §6.1.2).
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut packed: Vec<(u32, Packed)> = Vec::new();
    for (&(number, generation), object) in &pdf.objects {
        match object {
            Object::Stream(stream) => {
                entries[number as usize] = Entry::Direct(out.len());
                let _ = writeln!(out, "{number} {generation} obj");
                write_stream(&mut out, stream);
                out.extend_from_slice(b"\nendobj\n");
            }
            other => packed.push((number, Packed::Object(other))),
        }
    }
    packed.extend(raw.iter().map(|(n, bytes)| (*n, Packed::Raw(bytes))));
    // By number: objects made one after another are alike (a page's annotations, a run of
    // paragraphs), and deflate finds what an object stream repeats.
    packed.sort_unstable_by_key(|(n, _)| *n);
    let mut next = max + 1;
    let mut body = Vec::new();
    let mut compressed = Vec::new();
    for group in packed.chunks(PER_STREAM) {
        let number = next;
        next += 1;
        body.clear();
        let mut header = Vec::new();
        for (index, &(n, ref object)) in group.iter().enumerate() {
            let _ = write!(header, "{n} {} ", body.len());
            match object {
                Packed::Object(object) => write_object(&mut body, object),
                Packed::Raw(bytes) => body.extend_from_slice(bytes),
            }
            body.push(b'\n');
            entries[n as usize] = Entry::Packed {
                stream: number,
                index: index as u16,
            };
        }
        let first = header.len();
        let mut content = header;
        content.extend_from_slice(&body);
        let dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"ObjStm".to_vec())),
            ("N", Object::Integer(group.len() as i64)),
            ("First", Object::Integer(first as i64)),
        ]);
        // Trailing white space is free in an object stream: it moves the Adler-32 sum that
        // ends the deflated bytes off a carriage return (see `save::compress`).
        let stream = deflated(dict, content, deflate, &mut compressed);
        entries.push(Entry::Direct(out.len()));
        let _ = writeln!(out, "{number} 0 obj");
        write_stream(&mut out, &stream);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref_number = next;
    let xref_offset = out.len();
    entries.push(Entry::Direct(xref_offset));
    let stream = xref_stream(&mut entries, &pdf.trailer, deflate, &mut compressed);
    let _ = writeln!(out, "{xref_number} 0 obj");
    write_stream(&mut out, &stream);
    let _ = write!(out, "\nendobj\nstartxref\n{xref_offset}\n%%EOF\n");
    out
}

/// The cross-reference stream of `entries`, with the trailer's `/Root`, `/Info` and `/ID`: per
/// object its type, its offset or object stream, and its generation or index, the middle field
/// as wide as the largest offset needs. Rows differ little from the one before, so the PNG Up
/// predictor (§7.4.4.4) turns them into runs of zeros for deflate. Should the deflated table end
/// in a carriage return (see `save::compress`), one more free entry at the end moves its sum.
fn xref_stream(
    entries: &mut Vec<Entry>,
    trailer: &Dictionary,
    deflate: &mut Compress,
    out: &mut Vec<u8>,
) -> Stream {
    let widest = entries
        .iter()
        .map(|e| match *e {
            Entry::Free => 0,
            Entry::Direct(offset) => offset as u64,
            Entry::Packed { stream, .. } => u64::from(stream),
        })
        .max()
        .unwrap_or(0);
    let middle = (8 - widest.leading_zeros() as usize / 8).max(1);
    let columns = 1 + middle + 2;
    let mut tries = 0;
    loop {
        let mut table = Vec::with_capacity(entries.len() * (columns + 1));
        let mut previous = vec![0u8; columns];
        let mut row = Vec::with_capacity(columns);
        for (i, entry) in entries.iter().enumerate() {
            let (kind, a, b): (u8, u64, u16) = match *entry {
                // Object 0 heads the list of free objects, with generation 65535 (§7.5.4).
                Entry::Free => (0, 0, if i == 0 { 65_535 } else { 0 }),
                Entry::Direct(offset) => (1, offset as u64, 0),
                Entry::Packed { stream, index } => (2, u64::from(stream), index),
            };
            row.clear();
            row.push(kind);
            row.extend_from_slice(&a.to_be_bytes()[8 - middle..]);
            row.extend_from_slice(&b.to_be_bytes());
            table.push(2);
            table.extend(row.iter().zip(&previous).map(|(r, p)| r.wrapping_sub(*p)));
            std::mem::swap(&mut row, &mut previous);
        }
        // zlib fails only on a broken stream state, never on data; the table is then left
        // empty rather than wrong.
        if !zlib(deflate, &table, out) {
            out.clear();
        }
        if out.last() == Some(&b'\r') && tries < 16 {
            entries.push(Entry::Free);
            tries += 1;
            continue;
        }
        let mut dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XRef".to_vec())),
            ("Size", Object::Integer(entries.len() as i64)),
            (
                "W",
                Object::Array(vec![
                    Object::Integer(1),
                    Object::Integer(middle as i64),
                    Object::Integer(2),
                ]),
            ),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
            (
                "DecodeParms",
                Object::Dictionary(Dictionary::from_iter(vec![
                    ("Predictor", Object::Integer(12)),
                    ("Columns", Object::Integer(columns as i64)),
                ])),
            ),
        ]);
        for key in [b"Root".as_slice(), b"Info", b"ID"] {
            if let Ok(value) = trailer.get(key) {
                dict.set(key, value.clone());
            }
        }
        return Stream::new(dict, out.clone());
    }
}

/// A stream of `content`, deflated unless its deflated bytes would end in a carriage return
/// even after a space has been added to it.
fn deflated(
    mut dict: Dictionary,
    mut content: Vec<u8>,
    deflate: &mut Compress,
    out: &mut Vec<u8>,
) -> Stream {
    let mut ok = zlib(deflate, &content, out);
    if ok && out.last() == Some(&b'\r') {
        content.push(b' ');
        ok = zlib(deflate, &content, out);
    }
    if ok && out.last() != Some(&b'\r') {
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        content = out.clone();
    }
    Stream::new(dict, content)
}

/// `<<…>>stream\n…\nendstream`, its `/Length` the content's.
fn write_stream(out: &mut Vec<u8>, stream: &Stream) {
    out.extend_from_slice(b"<<");
    for (key, value) in stream
        .dict
        .iter()
        .filter(|(k, _)| k.as_slice() != b"Length")
    {
        write_name(out, key);
        entry(out, value);
    }
    let _ = writeln!(out, "/Length {}>>stream", stream.content.len());
    out.extend_from_slice(&stream.content);
    out.extend_from_slice(b"\nendstream");
}

/// Whether a value needs a space after the token before it (a name or a delimiter does not).
fn needs_space(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// A dictionary value after its key.
fn entry(out: &mut Vec<u8>, value: &Object) {
    if needs_space(value) {
        out.push(b' ');
    }
    write_object(out, value);
}

/// Objects already in PDF syntax, by number, for the object streams. The document's many small
/// dictionaries — pages, link annotations, outline entries, structure elements — go here as
/// they are made: as lopdf dictionaries they took some 2 KB each until the file was written, more
/// than a book's pages (issue 20).
pub(super) type Raw = Vec<(u32, Vec<u8>)>;

/// Adds `object` to `raw` as object `id`, in PDF syntax.
pub(super) fn pack(raw: &mut Raw, id: ObjectId, object: &Object) {
    let mut bytes = Vec::with_capacity(128);
    write_object(&mut bytes, object);
    raw.push((id.0, bytes));
}

/// One object as PDF syntax (PDF 32000-1 §7.3). Streams are written only as indirect objects.
pub(super) fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        // Rust prints no exponent; a value that is not finite has no PDF form.
        Object::Real(r) if r.is_finite() => {
            let _ = write!(out, "{r}");
        }
        Object::Real(_) => out.push(b'0'),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in bytes {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Object::String(bytes, StringFormat::Literal) => {
            out.push(b'(');
            for &b in bytes {
                match b {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b => out.push(b),
                }
            }
            out.push(b')');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_space(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, value) in dict.iter() {
                write_name(out, key);
                entry(out, value);
            }
            out.extend_from_slice(b">>");
        }
        // A stream inside another object is not PDF; lopdf's model allows it, we never build it.
        Object::Stream(_) => out.extend_from_slice(b"null"),
        Object::Reference((n, g)) => {
            let _ = write!(out, "{n} {g} R");
        }
    }
}

/// `/Name`, with `#xx` for bytes outside `!`..`~` and for delimiters (§7.3.5).
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if (33..=126).contains(&b) && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;

    #[test]
    fn objects_are_written_as_pdf_syntax() {
        let mut out = Vec::new();
        let dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Annot".to_vec())),
            (
                "Rect",
                Object::Array([1.5f32, 0.0, -2.25, 3.0].map(Object::Real).to_vec()),
            ),
            (
                "Contents",
                Object::String(b"a(b)\\c".to_vec(), StringFormat::Literal),
            ),
            (
                "T",
                Object::String(vec![0xFE, 0xFF, 0x4E, 0x2D], StringFormat::Hexadecimal),
            ),
            ("P", Object::Reference((12, 0))),
            ("N", Object::Name(b"A B#".to_vec())),
            (
                "K",
                Object::Array(vec![
                    Object::Integer(3),
                    Object::Reference((4, 0)),
                    Object::Null,
                ]),
            ),
            ("F", Object::Boolean(true)),
        ]);
        write_object(&mut out, &Object::Dictionary(dict));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<</Type/Annot/Rect[1.5 0 -2.25 3]/Contents(a\\(b\\)\\\\c)/T<FEFF4E2D>/P 12 0 R\
             /N/A#20B#23/K[3 4 0 R null]/F true>>"
        );
    }

    #[test]
    fn the_file_reads_back_with_every_object_in_place() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let pages = pdf.new_object_id();
        let content = pdf.add_object(Stream::new(Dictionary::new(), b"BT ET".to_vec()));
        let mut kids = Vec::new();
        for _ in 0..450 {
            let page = pdf.add_object(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Page".to_vec())),
                ("Parent", Object::Reference(pages)),
                ("Contents", Object::Reference(content)),
                (
                    "MediaBox",
                    Object::Array([0, 0, 595, 842].map(Object::Integer).to_vec()),
                ),
            ]));
            kids.push(Object::Reference(page));
        }
        pdf.objects.insert(
            pages,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Count", Object::Integer(450)),
                ("Kids", Object::Array(kids)),
            ])),
        );
        let catalog = pdf.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
        ]));
        pdf.trailer.set("Root", catalog);
        let raw = [(pdf.new_object_id().0, b"<</Title(raw)>>".to_vec())];
        let bytes = write(&pdf, &raw, &mut Compress::new(Compression::default(), true));
        assert!(bytes.starts_with(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"));
        assert!(!bytes.windows(11).any(|w| w == b"\r\nendstream"));
        let back = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(back.get_pages().len(), 450);
        let page = back
            .get_object(kids_first(&back))
            .unwrap()
            .as_dict()
            .unwrap();
        assert_eq!(page.get(b"Type").unwrap().as_name().unwrap(), b"Page");
        let raw = back.get_object((raw[0].0, 0)).unwrap().as_dict().unwrap();
        assert_eq!(raw.get(b"Title").unwrap().as_str().unwrap(), b"raw");
    }

    fn kids_first(pdf: &lopdf::Document) -> lopdf::ObjectId {
        *pdf.get_pages().get(&1).unwrap()
    }
}
