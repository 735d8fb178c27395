//! Well-formedness checks shared by the hostile-input tests and the fuzz harness: every XML
//! part of a DOCX or EPUB parses, with only XML 1.0 characters and character references.
#![allow(dead_code)]

use std::io::Read as _;

use cjkpress::Format;

/// Parses an XML part to its end, panicking with the part's name on the first error.
pub fn parse_xml(name: &str, xml: &[u8]) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                // quick-xml does not check characters: XML 1.0 §2.2 `Char` does.
                check_chars(name, &t[..]);
            }
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                    check_chars(name, a.value.as_ref());
                }
            }
            Ok(_) => {}
            Err(e) => panic!("{name}: not well-formed: {e}"),
        }
        buf.clear();
    }
}

/// Characters and character references must be XML `Char`s (XML 1.0 §4.1, WFC: Legal Character).
fn check_chars(name: &str, raw: &str) {
    if let Some(c) = raw.chars().find(|&c| !xml_char(c)) {
        panic!("{name}: character U+{:04X} is not allowed in XML", c as u32);
    }
    for reference in raw.split("&#").skip(1) {
        let digits = reference.split(';').next().unwrap_or("");
        let code = match digits.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => digits.parse(),
        };
        let c = code.ok().and_then(char::from_u32);
        assert!(
            c.is_some_and(xml_char),
            "{name}: reference &#{digits}; is not allowed in XML"
        );
    }
}

/// XML 1.0 §2.2: `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Parses every XML part of a DOCX or EPUB.
pub fn parse_zip_parts(what: &str, bytes: &[u8]) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_owned();
        if [".xml", ".xhtml", ".opf", ".ncx", ".rels"]
            .iter()
            .any(|e| name.ends_with(e))
        {
            let mut xml = Vec::new();
            file.read_to_end(&mut xml).unwrap();
            parse_xml(&format!("{what} {name}"), &xml);
        }
    }
}

/// Every XML part of every output parses.
pub fn assert_well_formed(outputs: &[(Format, Vec<u8>)]) {
    for (format, bytes) in outputs {
        if matches!(format, Format::Docx | Format::Epub) {
            parse_zip_parts(&format.to_string(), bytes);
        }
    }
}
