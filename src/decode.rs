//! Bytes to text: BOM-marked UTF-8/UTF-16, plain UTF-8, and GB18030 (a superset of GBK and GB2312)
//! detected when the bytes are not UTF-8. Line ends become `\n`. Binary data is an error, not a guess.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use crate::Error;

/// Decodes a source file's bytes to text with `\n` line ends.
pub fn decode(bytes: &[u8]) -> Result<String, Error> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest, 3)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, false)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, true)?
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => gb18030(bytes)?,
        }
    };
    if let Some(at) = binary_at(&text) {
        // Report the byte offset in the original file where we can (ASCII-compatible encodings).
        let byte = bytes
            .iter()
            .position(|&b| b == 0 || (b < 0x20 && !b"\t\n\r\x0c\x1b".contains(&b)))
            .unwrap_or(at);
        return Err(Error::Decode(format!(
            "not a text file (binary data at byte {byte})"
        )));
    }
    if text.trim().is_empty() {
        return Err(Error::Decode("empty document (no text to convert)".into()));
    }
    Ok(normalize_newlines(&text))
}

fn utf8(bytes: &[u8], offset: usize) -> Result<String, Error> {
    std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| {
        Error::Decode(format!(
            "invalid UTF-8 after a UTF-8 byte-order mark (at byte {})",
            e.valid_up_to() + offset
        ))
    })
}

fn utf16(bytes: &[u8], big_endian: bool) -> Result<String, Error> {
    let encoding = if big_endian { UTF_16BE } else { UTF_16LE };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let name = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
        return Err(Error::Decode(format!(
            "invalid {name} text after its byte-order mark"
        )));
    }
    Ok(text.into_owned())
}

fn gb18030(bytes: &[u8]) -> Result<String, Error> {
    let at = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| {
            if bytes.contains(&0) {
                Error::Decode(format!(
                    "not a text file (binary data at byte {})",
                    bytes.iter().position(|&b| b == 0).unwrap_or(at)
                ))
            } else {
                Error::Decode(format!(
                    "not valid UTF-8 or GB18030/GBK text (undecodable byte at {at})"
                ))
            }
        })
}

/// The char index of the first control character a text file does not contain.
fn binary_at(text: &str) -> Option<usize> {
    text.chars().position(|c| {
        c == '\0'
            || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1b' | '\u{85}'))
    })
}

fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_supported_encoding() {
        let s = "同志们：\r\n学习实践, ok\r末行";
        let want = "同志们：\n学习实践, ok\n末行";
        assert_eq!(decode(s.as_bytes()).unwrap(), want);
        let bom = [b"\xEF\xBB\xBF".as_slice(), s.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap(), want);
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(s.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), want);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(s.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), want);
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(decode(&gbk).unwrap(), want);
    }

    #[test]
    fn rejects_binary_empty_and_undecodable() {
        let e = decode(b"PK\x03\x04\x00\x00abc").unwrap_err().to_string();
        assert_eq!(e, "not a text file (binary data at byte 2)");
        assert!(decode(b"  \n\n").unwrap_err().to_string().contains("empty"));
        assert!(decode(b"").is_err());
        let e = decode(b"abc \xFF\xFF\xFF").unwrap_err().to_string();
        assert!(e.contains("not valid UTF-8 or GB18030"), "{e}");
    }
}
