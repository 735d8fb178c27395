//! What printpdf 0.12 cannot write, done on its lopdf document instead of by hand: the catalog's
//! `/Lang`, an XMP packet, document info with our dates (printpdf writes 1970 and an empty
//! `/GTS_PDFXVersion`, which makes pdfinfo call any file PDF/X), a nested outline whose entries land
//! on each heading's line (printpdf's bookmarks are flat, sorted by page and name, and point at
//! the page top), and a document `/ID` derived from the content (printpdf's is random).
//! Link annotations of one address share one URI action. Page labels number the front matter
//! apart from the body.

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Dictionary, Object, ObjectId, SaveOptions, Stream, StringFormat};
use sha2::{Digest, Sha256};

use super::images::{Jpeg, add_jpegs};
use super::{URI_PLACEHOLDER, Uris};
use crate::date::DateTime;
use crate::layout::Layout;
use crate::model::Document;
use crate::{Context, Error};

/// Finishes the document and serializes it.
pub(super) fn finish(
    mut lo: lopdf::Document,
    doc: &Document,
    laid: &Layout,
    jpegs: &[Jpeg],
    uris: &Uris,
    ctx: &Context,
) -> Result<Vec<u8>, Error> {
    lo.version = "1.7".into();
    add_jpegs(&mut lo, jpegs);
    share_uris(&mut lo, uris);
    let date = DateTime::from_epoch(ctx.epoch);
    let lang = if doc.meta.lang.is_empty() {
        "zh-Hans"
    } else {
        doc.meta.lang.as_str()
    };

    // Replaces printpdf's information dictionary in place.
    let info = Object::Dictionary(info(doc, &date));
    match lo.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            lo.objects.insert(id, info);
        }
        Err(_) => {
            let id = lo.add_object(info);
            lo.trailer.set("Info", id);
        }
    }

    let xmp = xmp(doc, lang, &date);
    let metadata = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp.into_bytes(),
    )
    // Left uncompressed so that tools which scan for the packet find it (XMP Part 1 §7.3).
    .with_compression(false);
    let metadata_id = lo.add_object(metadata);

    let outline = outline(&mut lo, laid);
    let catalog = lo
        .catalog_mut()
        .map_err(|e| Error::Write(format!("pdf: {e}")))?;
    catalog.set("Lang", text(lang));
    catalog.set("PageLabels", page_labels(laid));
    catalog.set("Metadata", metadata_id);
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    match outline {
        Some(id) => {
            catalog.set("Outlines", id);
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => {
            catalog.remove(b"Outlines");
            catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        }
    }

    strip_fonts(&mut lo);
    compress(&mut lo);
    let id = document_id(&lo);
    lo.trailer.set(
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
    lo.save_with_options(&mut out, options)
        .map_err(|e| Error::Write(format!("pdf: {e}")))?;
    Ok(out)
}

/// The page labels (PDF 32000-1 §12.4.2): the front matter i, ii, … (`/S /r`), the body from 1
/// (`/S /D`), so that a viewer's page box shows the numbers printed on the pages.
fn page_labels(laid: &Layout) -> Dictionary {
    let style =
        |s: &[u8]| Object::Dictionary(Dictionary::from_iter(vec![("S", Object::Name(s.to_vec()))]));
    let mut nums = Vec::new();
    if laid.front > 0 {
        nums.extend([Object::Integer(0), style(b"r")]);
    }
    if laid.front < laid.pages.len() {
        nums.extend([Object::Integer(laid.front as i64), style(b"D")]);
    }
    Dictionary::from_iter(vec![("Nums", Object::Array(nums))])
}

/// Replaces each link annotation's placeholder action with a reference to the one URI action
/// of its address.
fn share_uris(lo: &mut lopdf::Document, uris: &Uris) {
    if uris.list.is_empty() {
        return;
    }
    let ids: Vec<ObjectId> = uris
        .list
        .iter()
        .map(|uri| {
            lo.add_object(Dictionary::from_iter(vec![
                ("S", Object::Name(b"URI".to_vec())),
                (
                    "URI",
                    Object::String(uri.as_bytes().to_vec(), StringFormat::Literal),
                ),
            ]))
        })
        .collect();
    let placeholder = |a: &Object| -> Option<usize> {
        let uri = a.as_dict().ok()?.get(b"URI").ok()?.as_str().ok()?;
        std::str::from_utf8(uri.strip_prefix(URI_PLACEHOLDER.as_bytes())?)
            .ok()?
            .parse()
            .ok()
    };
    for object in lo.objects.values_mut() {
        let Ok(page) = object.as_dict_mut() else {
            continue;
        };
        let Ok(Object::Array(annots)) = page.get_mut(b"Annots") else {
            continue;
        };
        for annot in annots {
            if let Ok(annot) = annot.as_dict_mut()
                && let Some(n) = annot.get(b"A").ok().and_then(placeholder)
                && let Some(&id) = ids.get(n)
            {
                annot.set("A", id);
            }
        }
    }
}

/// A text string: PDFDocEncoding when ASCII, otherwise UTF-16BE with a byte order mark
/// (PDF 32000-1 §7.9.2.2).
fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `D:20231114221320Z` (PDF 32000-1 §7.9.4).
fn pdf_date(d: &DateTime) -> Object {
    let s = format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        d.year, d.month, d.day, d.hour, d.minute, d.second
    );
    Object::String(s.into_bytes(), StringFormat::Literal)
}

fn producer() -> String {
    format!("cjkpress {}", env!("CARGO_PKG_VERSION"))
}

/// The document information dictionary (PDF 32000-1 §14.3.3).
fn info(doc: &Document, date: &DateTime) -> Dictionary {
    let meta = &doc.meta;
    let mut d = Dictionary::new();
    if !meta.title.is_empty() {
        d.set("Title", text(&meta.title));
    }
    if !meta.authors.is_empty() {
        d.set("Author", text(&meta.authors.join("、")));
    }
    if let Some(s) = meta.subtitle.as_ref().or(meta.description.as_ref()) {
        d.set("Subject", text(s));
    }
    d.set("Creator", text("cjkpress"));
    d.set("Producer", text(&producer()));
    d.set("CreationDate", pdf_date(date));
    d.set("ModDate", pdf_date(date));
    d
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet: Dublin Core title, creators, language and description, and the dates.
fn xmp(doc: &Document, lang: &str, date: &DateTime) -> String {
    let meta = &doc.meta;
    let iso = date.iso8601();
    let mut dc = String::new();
    dc.push_str("   <dc:format>application/pdf</dc:format>\n");
    if !meta.title.is_empty() {
        dc.push_str(&format!(
            "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
            escape(&meta.title)
        ));
    }
    if !meta.authors.is_empty() {
        dc.push_str("   <dc:creator><rdf:Seq>");
        for a in &meta.authors {
            dc.push_str(&format!("<rdf:li>{}</rdf:li>", escape(a)));
        }
        dc.push_str("</rdf:Seq></dc:creator>\n");
    }
    if let Some(desc) = &meta.description {
        dc.push_str(&format!(
            "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            escape(desc)
        ));
    }
    dc.push_str(&format!(
        "   <dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        escape(lang)
    ));
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
         {dc}   <xmp:CreateDate>{iso}</xmp:CreateDate>\n\
         \x20  <xmp:ModifyDate>{iso}</xmp:ModifyDate>\n\
         \x20  <xmp:MetadataDate>{iso}</xmp:MetadataDate>\n\
         \x20  <xmp:CreatorTool>cjkpress</xmp:CreatorTool>\n\
         \x20  <pdf:Producer>{}</pdf:Producer>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>",
        producer()
    )
}

/// The outline (PDF 32000-1 §12.3.3): one entry per heading, nested by level, in document order,
/// each landing on its heading's line. Returns the outline dictionary's id.
fn outline(lo: &mut lopdf::Document, laid: &Layout) -> Option<ObjectId> {
    if laid.anchors.is_empty() {
        return None;
    }
    let pages = lo.get_pages();
    let root = lo.new_object_id();
    // Each entry's parent: the nearest earlier entry of a lower level.
    let n = laid.anchors.len();
    let ids: Vec<ObjectId> = (0..n).map(|_| lo.new_object_id()).collect();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for (i, a) in laid.anchors.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&j| laid.anchors[j].level >= a.level)
        {
            stack.pop();
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut top = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => kids[*p].push(i),
            None => top.push(i),
        }
    }
    // Open entries count all their descendants (§12.3.3, Table 153).
    let mut count = vec![0i64; n];
    for i in (0..n).rev() {
        if let Some(p) = parent[i] {
            count[p] += 1 + count[i];
        }
    }
    for i in 0..n {
        let a = &laid.anchors[i];
        let siblings = match parent[i] {
            Some(p) => &kids[p],
            None => &top,
        };
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = Dictionary::new();
        d.set("Title", text(&a.title));
        d.set("Parent", parent[i].map_or(root, |p| ids[p]));
        if pos > 0 {
            d.set("Prev", ids[siblings[pos - 1]]);
        }
        if let Some(&next) = siblings.get(pos + 1) {
            d.set("Next", ids[next]);
        }
        if let (Some(&first), Some(&last)) = (kids[i].first(), kids[i].last()) {
            d.set("First", ids[first]);
            d.set("Last", ids[last]);
            d.set("Count", count[i]);
        }
        if let Some(&page) = pages.get(&(a.page as u32 + 1)) {
            let top = (laid.height - a.y).round();
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(top),
                    Object::Null,
                ]),
            );
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        d.set("First", ids[first]);
        d.set("Last", ids[last]);
    }
    d.set(
        "Count",
        top.len() as i64 + top.iter().map(|&i| count[i]).sum::<i64>(),
    );
    lo.objects.insert(root, Object::Dictionary(d));
    Some(root)
}

/// Drops the tables a PDF reader does not use from every embedded TrueType program (the
/// `/FontFile2` streams, the ones with a `/Length1`).
fn strip_fonts(lo: &mut lopdf::Document) {
    for obj in lo.objects.values_mut() {
        if let Object::Stream(s) = obj
            && s.dict.has(b"Length1")
            && let Some(stripped) = super::fonts::strip(&s.content)
        {
            s.dict.set("Length1", stripped.len() as i64);
            s.set_content(stripped);
        }
    }
}

/// Compresses every stream that has no filter yet — including printpdf's image pixels, which
/// it marks as not to be compressed — except the XMP packet. A stream stays as it is unless
/// deflating saves more than the 19 bytes its `/Filter` costs.
///
/// What lopdf's `Stream::compress` does, with one deflate state per level for all streams
/// instead of a fresh one (some 300 KB of tables) per stream. The font programs, most of a short
/// document's bytes, take the best level; everything else — a book's thousands of page content
/// streams — the default level, which the profile showed takes 40 % less time than the best
/// (zlib-rs's lazy matching at level 9 follows long hash chains) and makes a book's content
/// streams no bigger (benches/PROFILE.md).
fn compress(lo: &mut lopdf::Document) {
    let mut best = Compress::new(Compression::best(), true);
    let mut default = Compress::new(Compression::default(), true);
    let mut out = Vec::new();
    for obj in lo.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        let deflate = if s.dict.has(b"Length1") {
            &mut best
        } else {
            &mut default
        };
        if !s.dict.has_type(b"Metadata")
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
fn document_id(lo: &lopdf::Document) -> Vec<u8> {
    let mut h = Sha256::new();
    for (id, obj) in &lo.objects {
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
