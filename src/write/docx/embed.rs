//! Font embedding (ECMA-376 Part 1, §17.8.1 and §17.8.3.3): each face's subset travels in
//! `word/fonts/` as an obfuscated TrueType file (`.odttf`), named from the font table with
//! `w:embedRegular` / `w:embedBold`, so the document looks the same where the font is not installed.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::xml::{DECLARATION, NS_R, NS_W, escape};
use crate::error::Warning;
use crate::font::{Embedding, Face};

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
    /// `ulUnicodeRange` bits of the characters the subsets carry (see `unicode_ranges`).
    pub ranges: [u32; 4],
}

/// Whether a face's licence lets it travel inside a DOCX. A preview-and-print face (OS/2
/// `fsType` 4) may be embedded only in documents that are not edited; a DOCX is for editing, so
/// such a face is named in the font table but not embedded, with a warning. (Restricted faces
/// never reach a writer: the font set skips them.)
pub(super) fn may_embed(face: &Face, warnings: &mut Vec<Warning>) -> bool {
    if face.embedding() != Embedding::PreviewAndPrint {
        return true;
    }
    warnings.push(Warning::warn(format!(
        "docx: {} ({}) is licensed for preview and print only (OS/2 fsType), so it is not embedded in the DOCX",
        face.family, face.source
    )));
    false
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
        // §17.8.3.9 and §17.8.3.13: the generic family and pitch Word substitutes by when the
        // face is missing (a monospace must fall to a monospace).
        let (kind, pitch) = match first.and_then(Os2::read) {
            Some(os2) if os2.fixed => ("modern", "fixed"),
            Some(os2) if os2.sans => ("swiss", "variable"),
            _ => ("roman", "variable"),
        };
        let _ = write!(
            xml,
            "<w:charset w:val=\"{charset}\"/><w:family w:val=\"{kind}\"/><w:pitch w:val=\"{pitch}\"/>"
        );
        if let Some(mut os2) = first.and_then(Os2::read) {
            for (bits, more) in os2.unicode.iter_mut().zip(family.ranges) {
                *bits |= more;
            }
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

/// The OpenType `ulUnicodeRange` bits (OS/2 table) of the blocks a CJK document draws from.
/// Subsetters tend to leave only the Latin bits; Word reads `w:sig` to decide whether a font
/// can show East Asian text, so the bits of the characters actually carried are added.
const RANGES: &[(u32, u32, u32)] = &[
    (0x0000, 0x007F, 0),     // Basic Latin
    (0x0080, 0x00FF, 1),     // Latin-1 Supplement
    (0x0100, 0x017F, 2),     // Latin Extended-A
    (0x0180, 0x024F, 3),     // Latin Extended-B
    (0x2000, 0x206F, 31),    // General Punctuation
    (0x20A0, 0x20CF, 33),    // Currency Symbols
    (0x2100, 0x214F, 35),    // Letterlike Symbols
    (0x2150, 0x218F, 36),    // Number Forms
    (0x2190, 0x21FF, 37),    // Arrows
    (0x2200, 0x22FF, 38),    // Mathematical Operators
    (0x2460, 0x24FF, 42),    // Enclosed Alphanumerics
    (0x2500, 0x257F, 43),    // Box Drawing
    (0x25A0, 0x25FF, 45),    // Geometric Shapes
    (0x2600, 0x26FF, 46),    // Miscellaneous Symbols
    (0x2E80, 0x2FDF, 59),    // CJK Radicals, Kangxi Radicals
    (0x3000, 0x303F, 48),    // CJK Symbols and Punctuation
    (0x3040, 0x309F, 49),    // Hiragana
    (0x30A0, 0x30FF, 50),    // Katakana
    (0x3100, 0x312F, 51),    // Bopomofo
    (0x3130, 0x318F, 52),    // Hangul Compatibility Jamo
    (0x31C0, 0x31EF, 61),    // CJK Strokes
    (0x3200, 0x32FF, 54),    // Enclosed CJK Letters and Months
    (0x3300, 0x33FF, 55),    // CJK Compatibility
    (0x3400, 0x4DBF, 59),    // CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF, 59),    // CJK Unified Ideographs
    (0xAC00, 0xD7AF, 56),    // Hangul Syllables
    (0xF900, 0xFAFF, 61),    // CJK Compatibility Ideographs
    (0xFE30, 0xFE4F, 65),    // CJK Compatibility Forms
    (0xFF00, 0xFFEF, 68),    // Halfwidth and Fullwidth Forms
    (0x10000, 0x10FFFF, 57), // Non-Plane 0
];

/// The `ulUnicodeRange1..4` bits of `chars`.
pub(super) fn unicode_ranges(chars: impl IntoIterator<Item = char>) -> [u32; 4] {
    let mut bits = [0u32; 4];
    for c in chars {
        let c = u32::from(c);
        if let Some(&(_, _, bit)) = RANGES.iter().find(|&&(lo, hi, _)| (lo..=hi).contains(&c)) {
            bits[(bit / 32) as usize] |= 1 << (bit % 32);
        }
    }
    bits
}

/// What the font table repeats from a face's OS/2 table, so that Word can tell which scripts the
/// font covers without opening it (`w:panose1`, `w:sig`; ECMA-376 Part 1, §17.8.3.13, §17.8.3.16).
struct Os2 {
    panose: String,
    unicode: [u32; 4],
    code_pages: [u32; 2],
    /// Monospaced: `post.isFixedPitch`, or PANOSE proportion 9 (monospaced).
    fixed: bool,
    /// Sans serif: PANOSE Latin Text with a sans serif style (11–13: normal, obtuse, perpendicular).
    sans: bool,
}

impl Os2 {
    fn read(font: &[u8]) -> Option<Os2> {
        let face = ttf_parser::RawFace::parse(font, 0).ok()?;
        let os2 = face.table(ttf_parser::Tag::from_bytes(b"OS/2"))?;
        let u32_at = |at: usize| -> u32 {
            os2.get(at..at + 4)
                .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        };
        let bytes = os2.get(32..42)?;
        let panose = bytes.iter().map(|b| format!("{b:02X}")).collect();
        let fixed_pitch = face
            .table(ttf_parser::Tag::from_bytes(b"post"))
            .and_then(|post| post.get(12..16))
            .is_some_and(|b| b != [0, 0, 0, 0]);
        Some(Os2 {
            panose,
            unicode: [u32_at(42), u32_at(46), u32_at(50), u32_at(54)],
            code_pages: [u32_at(78), u32_at(82)],
            fixed: fixed_pitch || bytes[0] == 2 && bytes[3] == 9,
            sans: bytes[0] == 2 && (11..=13).contains(&bytes[1]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_ranges_mark_cjk() {
        let bits = unicode_ranges("a中，。".chars());
        assert_eq!(bits[0], 1);
        assert_eq!(bits[1], 1 << (59 - 32) | 1 << (48 - 32));
        assert_eq!(bits[2], 1 << (68 - 64));
    }

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
                ranges: unicode_ranges("中a".chars()),
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
