//! What the document says about itself: the information dictionary (PDF 32000-1 §14.3.3), the
//! XMP packet (§14.3.2) with the same title, author, subject, tools and dates (ISO 19005-2
//! §6.6.3 asks that the two agree) and the standards claimed, and the sRGB output intent
//! (§14.11.5) through which DeviceGray and DeviceRGB are read (ISO 19005-2 §6.2.4.3).

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use super::Standards;
use super::text_string;
use crate::date::DateTime;

/// What the information dictionary and the XMP packet say.
pub(super) struct Meta<'a> {
    /// The title (never empty: PDF/UA-1 §7.1 asks for one).
    pub title: &'a str,
    /// The authors, as one name list.
    pub author: Option<String>,
    /// The subtitle or description.
    pub subject: Option<&'a str>,
    /// The document's language (BCP 47).
    pub lang: &'a str,
    /// Creation and modification date.
    pub date: DateTime,
}

fn producer() -> String {
    format!("cjkpress {}", env!("CARGO_PKG_VERSION"))
}

/// `D:20231114221320Z` (PDF 32000-1 §7.9.4).
fn pdf_date(d: &DateTime) -> Object {
    let s = format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        d.year, d.month, d.day, d.hour, d.minute, d.second
    );
    Object::String(s.into_bytes(), StringFormat::Literal)
}

/// The document information dictionary.
pub(super) fn info(meta: &Meta) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Title", text_string(meta.title));
    if let Some(author) = &meta.author {
        d.set("Author", text_string(author));
    }
    if let Some(s) = meta.subject {
        d.set("Subject", text_string(s));
    }
    d.set("Creator", text_string("cjkpress"));
    d.set("Producer", text_string(&producer()));
    d.set("CreationDate", pdf_date(&meta.date));
    d.set("ModDate", pdf_date(&meta.date));
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

/// The PDF/A extension schema that declares `pdfuaid:part` (ISO 19005-2 §6.6.2.3.2: every
/// property outside the XMP standard schemas must be declared; ISO 14289-1 §5 gives the schema).
const PDFUA_EXTENSION: &str = "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n\
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n\
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n\
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n\
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n\
     <pdfaProperty:name>part</pdfaProperty:name>\n\
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n\
     <pdfaProperty:category>internal</pdfaProperty:category>\n\
     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n\
    </rdf:li></rdf:Seq></pdfaSchema:property>\n\
   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n";

/// The XMP packet: Dublin Core title, creator, description and language, the dates and tools,
/// and the identification of the standards claimed.
pub(super) fn xmp(meta: &Meta, claims: Standards) -> String {
    let iso = meta.date.iso8601();
    let mut namespaces = String::from(
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"",
    );
    let mut body = String::new();
    body.push_str("   <dc:format>application/pdf</dc:format>\n");
    body.push_str(&format!(
        "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        escape(meta.title)
    ));
    if let Some(author) = &meta.author {
        // One entry, the information dictionary's `/Author` (ISO 19005-2 §6.6.3).
        body.push_str(&format!(
            "   <dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            escape(author)
        ));
    }
    if let Some(subject) = meta.subject {
        body.push_str(&format!(
            "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            escape(subject)
        ));
    }
    body.push_str(&format!(
        "   <dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        escape(meta.lang)
    ));
    body.push_str(&format!(
        "   <xmp:CreateDate>{iso}</xmp:CreateDate>\n\
         \x20  <xmp:ModifyDate>{iso}</xmp:ModifyDate>\n\
         \x20  <xmp:MetadataDate>{iso}</xmp:MetadataDate>\n\
         \x20  <xmp:CreatorTool>cjkpress</xmp:CreatorTool>\n\
         \x20  <pdf:Producer>{}</pdf:Producer>\n",
        producer()
    ));
    if claims.a2u {
        namespaces.push_str(" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
        body.push_str(
            "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>U</pdfaid:conformance>\n",
        );
    }
    if claims.ua1 {
        namespaces.push_str(" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
        body.push_str("   <pdfuaid:part>1</pdfuaid:part>\n");
    }
    if claims.a2u && claims.ua1 {
        namespaces.push_str(
            " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
             xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" \
             xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"",
        );
        body.push_str(PDFUA_EXTENSION);
    }
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" {namespaces}>\n\
         {body}</rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>"
    )
}

/// Writes the XMP packet as the catalog's metadata stream.
pub(super) fn write_xmp(pdf: &mut lopdf::Document, xmp: String) -> ObjectId {
    let stream = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp.into_bytes(),
    )
    // Unfiltered, so that tools which scan for the packet find it (XMP Part 1 §7.3; ISO 19005-2
    // §6.6.2.1 forbids a filter).
    .with_compression(false);
    pdf.add_object(stream)
}

/// The description and identifier of the output condition.
const SRGB: &str = "sRGB IEC61966-2.1";

/// Writes the sRGB output intent (`/S /GTS_PDFA1`, ISO 19005-2 §6.2.3) and returns it.
pub(super) fn output_intent(pdf: &mut lopdf::Document, date: &DateTime) -> Object {
    let profile = pdf.add_object(Stream::new(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        srgb_profile(date),
    ));
    let literal = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    Object::Dictionary(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", literal(SRGB)),
        ("RegistryName", literal("http://www.color.org")),
        ("Info", literal(SRGB)),
        ("DestOutputProfile", Object::Reference(profile)),
    ]))
}

/// The sRGB display profile moxcms writes (the sRGB primaries, D65 white adapted to D50, the
/// sRGB parametric curve), with two header fields set: the date, `date` in place of the clock
/// time moxcms stamps, so the same input gives the same bytes; and the version, 4.2 in place of
/// moxcms's 4.4. PDF 1.7 reads ICC profiles of ICC.1:2004-10, version 4.2 (ISO 32000-1
/// §8.6.5.5, Table 67), and without its `cicp` tag (ICC.1:2022) this profile's tags — `desc` and
/// `cprt` (mluc), the colorants and white point (XYZ), `chad`, parametric curves — are all
/// version 4.2's.
fn srgb_profile(date: &DateTime) -> Vec<u8> {
    let mut profile = moxcms::ColorProfile::new_srgb();
    profile.cicp = None;
    let mut bytes = profile.encode().unwrap_or_default();
    if let Some(version) = bytes.get_mut(8..12) {
        version.copy_from_slice(&0x0420_0000u32.to_be_bytes());
    }
    // The header's date and time: six big-endian u16 at bytes 24..36 (ICC.1:2004-10 §7.2.1).
    if let Some(stamp) = bytes.get_mut(24..36) {
        let fields = [
            date.year.clamp(0, 65_535) as u16,
            date.month as u16,
            date.day as u16,
            date.hour as u16,
            date.minute as u16,
            date.second as u16,
        ];
        for (slot, v) in stamp.chunks_exact_mut(2).zip(fields) {
            slot.copy_from_slice(&v.to_be_bytes());
        }
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta<'static> {
        Meta {
            title: "讲话 & <稿>",
            author: Some("甲、乙".into()),
            subject: Some("副标题"),
            lang: "zh-Hans",
            date: DateTime::from_epoch(1_700_000_000),
        }
    }

    #[test]
    fn the_xmp_identification_follows_the_claims() {
        let both = xmp(&meta(), Standards::default());
        assert!(both.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(both.contains("<pdfaid:conformance>U</pdfaid:conformance>"));
        assert!(both.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(both.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
        assert!(both.contains("讲话 &amp; &lt;稿&gt;"));
        assert!(both.contains("<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>"));
        let none = xmp(
            &meta(),
            Standards {
                ua1: false,
                a2u: false,
            },
        );
        assert!(!none.contains("pdfaid") && !none.contains("pdfuaid"));
        let ua = xmp(
            &meta(),
            Standards {
                ua1: true,
                a2u: false,
            },
        );
        assert!(ua.contains("<pdfuaid:part>1</pdfuaid:part>") && !ua.contains("pdfaid"));
    }

    #[test]
    fn the_profile_is_a_dated_v4_display_profile_of_rgb() {
        let date = DateTime::from_epoch(1_700_000_000);
        let icc = srgb_profile(&date);
        assert_eq!(&icc[36..40], b"acsp", "profile signature");
        assert_eq!(&icc[12..16], b"mntr", "display class");
        assert_eq!(&icc[16..20], b"RGB ", "colour space");
        assert_eq!(&icc[8..10], [4, 0x20], "version 4.2");
        let parsed = moxcms::ColorProfile::new_from_slice(&icc).unwrap();
        assert!(parsed.cicp.is_none());
        assert_eq!(&icc[24..26], &2023u16.to_be_bytes());
        assert_eq!(icc, srgb_profile(&date), "the same bytes every time");
        assert_eq!(
            u32::from_be_bytes(icc[0..4].try_into().unwrap()) as usize,
            icc.len()
        );
    }
}
