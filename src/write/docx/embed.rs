//! Font embedding (ECMA-376 Part 1, §17.8.1 and §17.8.3.3): each face's subset travels in
//! `word/fonts/` as an obfuscated TrueType file (`.odttf`), named from the font table with
//! `w:embedRegular` / `w:embedBold`, so the document looks the same where the font is not installed.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::xml::{DECLARATION, NS_R, NS_W, escape};

/// Relationship type of an embedded font part (ECMA-376 Part 1, §15.2.13).
const FONT_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font";

/// One font family the document names, with the subsets of its faces.
#[derive(Debug)]
pub(super) struct Family<'a> {
    /// The family name styles refer to in `w:rFonts`; the subset's `name` table must carry it.
    pub name: String,
    /// The regular face's subset.
    pub regular: Option<&'a [u8]>,
    /// The bold face's subset.
    pub bold: Option<&'a [u8]>,
}

/// An obfuscated font part.
#[derive(Debug)]
pub(super) struct FontPart {
    /// Path inside the package.
    pub path: String,
    /// The obfuscated bytes.
    pub data: Vec<u8>,
}

/// The font table, its relationships and the font parts.
#[derive(Debug)]
pub(super) struct FontTable {
    /// `word/fontTable.xml`.
    pub xml: String,
    /// `word/_rels/fontTable.xml.rels`, when a font is embedded.
    pub rels: Option<String>,
    /// `word/fonts/fontN.odttf`.
    pub parts: Vec<FontPart>,
}

/// The GUID that keys a font's obfuscation, derived from the font bytes so that the same subset
/// always gives the same package: `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`.
pub(super) fn font_key(font: &[u8]) -> String {
    let digest = Sha256::digest(font);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    format!(
        "{{{}-{}-{}-{}-{}}}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Obfuscates a font with its key (ECMA-376 Part 1, §17.8.1): the key's 32 hex digits read as 16
/// bytes in reverse order are XORed over the first 32 bytes of the font, twice over. The same
/// operation undoes it.
pub(super) fn obfuscate(font: &[u8], key: &str) -> Vec<u8> {
    let digits: Vec<u8> = key
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .map(|b| match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            _ => b - b'A' + 10,
        })
        .collect();
    let mut bytes: Vec<u8> = digits
        .chunks(2)
        .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
        .collect();
    bytes.reverse();
    let mut out = font.to_vec();
    if bytes.len() == 16 {
        for (i, b) in out.iter_mut().take(32).enumerate() {
            *b ^= bytes[i % 16];
        }
    }
    out
}

/// Builds the font table for `families`, embedding every subset given. `charset` is the
/// `w:charset` of the document's East Asian script (`86` GB2312, `88` Big5, `80` Shift-JIS…).
pub(super) fn font_table(families: &[Family], charset: &str) -> FontTable {
    let mut xml = String::with_capacity(1024);
    xml.push_str(DECLARATION);
    let _ = write!(xml, "<w:fonts xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\">");
    let mut rels = String::new();
    let mut parts = Vec::new();
    for family in families {
        let _ = write!(xml, "<w:font w:name=\"{}\">", escape(&family.name));
        let first = family.regular.or(family.bold);
        if let Some(os2) = first.and_then(Os2::read) {
            let _ = write!(xml, "<w:panose1 w:val=\"{}\"/>", os2.panose);
        }
        let _ = write!(
            xml,
            "<w:charset w:val=\"{charset}\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/>"
        );
        if let Some(os2) = first.and_then(Os2::read) {
            let _ = write!(
                xml,
                "<w:sig w:usb0=\"{:08X}\" w:usb1=\"{:08X}\" w:usb2=\"{:08X}\" w:usb3=\"{:08X}\" w:csb0=\"{:08X}\" w:csb1=\"{:08X}\"/>",
                os2.unicode[0],
                os2.unicode[1],
                os2.unicode[2],
                os2.unicode[3],
                os2.code_pages[0],
                os2.code_pages[1]
            );
        }
        for (element, face) in [
            ("w:embedRegular", family.regular),
            ("w:embedBold", family.bold),
        ] {
            let Some(face) = face else { continue };
            let n = parts.len() + 1;
            let key = font_key(face);
            let _ = write!(xml, "<{element} r:id=\"rIdFont{n}\" w:fontKey=\"{key}\"/>");
            let _ = write!(
                rels,
                "<Relationship Id=\"rIdFont{n}\" Type=\"{FONT_REL}\" Target=\"fonts/font{n}.odttf\"/>"
            );
            parts.push(FontPart {
                path: format!("word/fonts/font{n}.odttf"),
                data: obfuscate(face, &key),
            });
        }
        xml.push_str("</w:font>");
    }
    xml.push_str("</w:fonts>");
    let rels = (!parts.is_empty()).then(|| {
        format!(
            "{DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"
        )
    });
    FontTable { xml, rels, parts }
}

/// What the font table repeats from a face's OS/2 table, so that Word can tell which scripts the
/// font covers without opening it (`w:panose1`, `w:sig`; ECMA-376 Part 1, §17.8.3.13, §17.8.3.16).
struct Os2 {
    panose: String,
    unicode: [u32; 4],
    code_pages: [u32; 2],
}

impl Os2 {
    fn read(font: &[u8]) -> Option<Os2> {
        let face = ttf_parser::RawFace::parse(font, 0).ok()?;
        let os2 = face.table(ttf_parser::Tag::from_bytes(b"OS/2"))?;
        let u32_at = |at: usize| -> u32 {
            os2.get(at..at + 4)
                .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        };
        let panose = os2
            .get(32..42)?
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        Some(Os2 {
            panose,
            unicode: [u32_at(42), u32_at(46), u32_at(50), u32_at(54)],
            code_pages: [u32_at(78), u32_at(82)],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_a_guid_and_stable() {
        let key = font_key(b"some font");
        assert_eq!(key.len(), 38);
        assert!(key.starts_with('{') && key.ends_with('}'));
        assert_eq!(key.matches('-').count(), 4);
        assert_eq!(key, font_key(b"some font"));
        assert_ne!(key, font_key(b"other font"));
    }

    #[test]
    fn obfuscation_follows_the_spec_and_undoes_itself() {
        // The key's bytes in reverse order: F0 E1 D2 … 0F for "{0F1E2D3C-…-E1F0}".
        let key = "{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}";
        let font: Vec<u8> = (100u8..140).collect();
        let out = obfuscate(&font, key);
        assert_eq!(out[0], 100 ^ 0xF0);
        assert_eq!(out[1], 101 ^ 0xE1);
        assert_eq!(out[15], 115 ^ 0x0F);
        assert_eq!(out[16], 116 ^ 0xF0);
        assert_eq!(out[31], 131 ^ 0x0F);
        assert_eq!(&out[32..], &font[32..]);
        assert_eq!(obfuscate(&out, key), font);
    }

    #[test]
    fn font_table_names_each_embedded_face() {
        let regular = b"regular face bytes, at least thirty-two of them".to_vec();
        let bold = b"bold face bytes, also at least thirty-two of them".to_vec();
        let table = font_table(
            &[Family {
                name: "Noto Serif SC".into(),
                regular: Some(&regular),
                bold: Some(&bold),
            }],
            "86",
        );
        assert!(table.xml.contains("<w:font w:name=\"Noto Serif SC\">"));
        assert!(table.xml.contains("<w:embedRegular r:id=\"rIdFont1\""));
        assert!(table.xml.contains("<w:embedBold r:id=\"rIdFont2\""));
        assert_eq!(table.parts.len(), 2);
        assert_eq!(table.parts[1].path, "word/fonts/font2.odttf");
        let rels = table.rels.unwrap();
        assert!(rels.contains("Target=\"fonts/font1.odttf\""));
        let key = font_key(&regular);
        assert_eq!(obfuscate(&table.parts[0].data, &key), regular);
    }
}
