//! Bytes to text: BOM-marked UTF-8/UTF-16, plain UTF-8, UTF-16 without a BOM, and — when the
//! bytes are none of those — the CJK legacy encoding Firefox's detector (chardetng) guesses: the
//! GB family (read as GB18030, a superset of GBK and GB2312), Big5, Shift_JIS, EUC-JP, EUC-KR.
//! A guess that does not decode cleanly into plausible CJK text is an error, not mojibake. Line
//! ends become `\n`. Binary data is an error, not a guess.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    BIG5, EUC_JP, EUC_KR, Encoding, GB18030, GBK, ISO_2022_JP, SHIFT_JIS, UTF_16BE, UTF_16LE,
};

use crate::error::Error;

/// Decodes a source file's bytes to text with `\n` line ends.
pub fn decode(bytes: &[u8]) -> Result<String, Error> {
    let (text, form) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest, 3)?, Form::Utf8 { bom: 3 })
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, false)?, Form::Utf16 { bom: 2 })
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, true)?, Form::Utf16 { bom: 2 })
    } else if let Some(text) = iso_2022_jp(bytes)? {
        (text, Form::Legacy(ISO_2022_JP))
    } else {
        // UTF-16 first: its zero bytes are valid UTF-8, and many CJK code units are ASCII bytes.
        match bomless_utf16(bytes) {
            Some(text) => (text, Form::Utf16 { bom: 0 }),
            None => match std::str::from_utf8(bytes) {
                Ok(s) => (s.to_owned(), Form::Utf8 { bom: 0 }),
                Err(_) => legacy(bytes)?,
            },
        }
    };
    if let Some(at) = binary_at(&text) {
        return Err(Error::Decode(format!(
            "not a text file (binary data at byte {})",
            form.byte_offset(&text, at)
        )));
    }
    if text.trim().is_empty() {
        return Err(Error::Decode("empty document (no text to convert)".into()));
    }
    Ok(normalize_newlines(&text))
}

/// How the text was stored, to turn a place in the text back into a byte offset in the file.
enum Form {
    /// UTF-8, after a byte-order mark of `bom` bytes (0 or 3).
    Utf8 { bom: usize },
    /// UTF-16 (two bytes a code unit), after a byte-order mark of `bom` bytes (0 or 2).
    Utf16 { bom: usize },
    /// A legacy encoding, whose byte lengths the text re-encoded in it gives.
    Legacy(&'static Encoding),
}

impl Form {
    /// The byte offset in the file of the character at byte `at` of `text`.
    fn byte_offset(&self, text: &str, at: usize) -> usize {
        let before = &text[..at];
        match *self {
            Form::Utf8 { bom } => bom + at,
            Form::Utf16 { bom } => bom + 2 * before.encode_utf16().count(),
            // The decoding had no error, so the prefix encodes back to the bytes it came from
            // (ISO-2022-JP may differ by the escapes of a redundant shift, a few bytes at most).
            Form::Legacy(encoding) => encoding.encode(before).0.len(),
        }
    }
}

/// ISO-2022-JP (RFC 1468): 7-bit text that shifts into JIS X 0208 with `ESC $ B` or `ESC $ @`
/// (and into JIS X 0201 with `ESC ( J` or `ESC ( I`), back to ASCII with `ESC ( B`. Read as
/// UTF-8 it would pass, escapes and all, as mojibake; a text with one of these shifts and no
/// 8-bit byte is read as ISO-2022-JP, and an error when it does not decode.
fn iso_2022_jp(bytes: &[u8]) -> Result<Option<String>, Error> {
    const SHIFTS: [&[u8]; 4] = [b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I"];
    if !bytes.is_ascii() || !SHIFTS.iter().any(|s| bytes.windows(3).any(|w| w == *s)) {
        return Ok(None);
    }
    match ISO_2022_JP.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Some(text.into_owned())),
        None => Err(Error::Decode(
            "invalid ISO-2022-JP text (it has its escape sequences but does not decode); save it as UTF-8"
                .into(),
        )),
    }
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

/// UTF-16 without a BOM: text whose ASCII characters (line ends, spaces, digits) put a zero
/// byte in every other place — the high byte of each code unit.
fn bomless_utf16(bytes: &[u8]) -> Option<String> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let zeros = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    // At least one code unit in twenty is ASCII, and the other half of the bytes is zero less
    // often (only in characters such as 一 U+4E00); the decoded text must then be plausible.
    let encoding = if odd * 20 >= units && even < odd {
        UTF_16LE
    } else if even * 20 >= units && odd < even {
        UTF_16BE
    } else {
        return None;
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    (plausibility(&text) >= MIN_PLAUSIBILITY).then(|| text.into_owned())
}

/// Encodings a CJK source may be in besides UTF-8 and UTF-16.
const LEGACY: [&Encoding; 6] = [GBK, GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR];

/// The share of characters a decoding must make plausible (see `plausibility`) to be believed.
const MIN_PLAUSIBILITY: f64 = 0.9;

/// The legacy encoding chardetng guesses, if the bytes decode in it without an error into text
/// that is plausibly CJK; otherwise an error that says what it looked like.
fn legacy(bytes: &[u8]) -> Result<(String, Form), Error> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Decode(format!(
            "not a text file (binary data at byte {at})"
        )));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    // Read the GB family as GB18030: it decodes everything GBK and GB2312 can.
    let encoding = if guess == GBK { GB18030 } else { guess };
    let at = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    if !LEGACY.contains(&guess) {
        return Err(Error::Decode(format!(
            "not valid UTF-8, nor a CJK encoding (undecodable byte at {at}; it looks like {}); save it as UTF-8",
            guess.name()
        )));
    }
    let name = encoding.name();
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Err(Error::Decode(format!(
            "not valid UTF-8, nor valid {name} (undecodable byte at {at}); save it as UTF-8"
        )));
    };
    if plausibility(&text) < MIN_PLAUSIBILITY {
        return Err(Error::Decode(format!(
            "cannot tell the encoding with confidence (not UTF-8; {name} gives unlikely text); save it as UTF-8"
        )));
    }
    Ok((text.into_owned(), Form::Legacy(encoding)))
}

/// The share of characters that running CJK text is made of: ASCII, CJK punctuation and
/// ideographs, kana, hangul, full-width forms, general punctuation. A wrong guess gives rare
/// ideographs of the extension blocks, private-use characters, box drawing and the like.
fn plausibility(text: &str) -> f64 {
    let (mut total, mut good) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if matches!(c,
            '\t' | '\n' | '\r' | ' '..='~'
            | '\u{A0}'..='\u{17F}'      // Latin-1, Latin Extended-A
            | '\u{2000}'..='\u{206F}'   // general punctuation
            | '\u{2160}'..='\u{2188}'   // Roman numerals
            | '\u{2460}'..='\u{24FF}'   // enclosed numbers
            | '\u{25A0}'..='\u{25FF}'   // geometric shapes (○ □ ■)
            | '\u{3000}'..='\u{30FF}'   // CJK punctuation, kana
            | '\u{3130}'..='\u{318F}'   // hangul compatibility jamo
            | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
            | '\u{AC00}'..='\u{D7A3}'   // hangul syllables
            | '\u{FF00}'..='\u{FFEF}'   // full-width forms
        ) {
            good += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        good as f64 / total as f64
    }
}

/// The byte index in `text` of the first control character, when the text is binary data: it
/// has a NUL (no text format uses one; git and Perl's `-B` take a NUL as proof of binary), or
/// more than one character in [`MAX_CONTROL_SHARE`] of it is a control other than tab, line
/// ends, form feed and ESC. A stray control in a text (a BEL pasted from a terminal, Word's
/// vertical tab, a DEL) is not binary: `normalize::chars` removes it with a warning naming its
/// line and column, as the README says.
fn binary_at(text: &str) -> Option<usize> {
    let stray =
        |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1b' | '\u{85}');
    let (mut total, mut controls) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        controls += usize::from(stray(c));
    }
    let binary =
        text.contains('\0') || (controls >= MIN_CONTROLS && controls * MAX_CONTROL_SHARE > total);
    binary
        .then(|| text.find(|c: char| c == '\0' || stray(c)))
        .flatten()
}

/// Binary formats that happen to decode as text (no NUL, valid UTF-8: a small ASCII-range blob)
/// are dense in control characters; text has none or a stray few. Perl's `-B` calls a block
/// binary when a third of it is "odd" characters, high-bit bytes included; counting controls
/// alone, one in ten is already far beyond any text.
const MAX_CONTROL_SHARE: usize = 10;

/// Fewer controls than this are never binary evidence, whatever the share: a one-line file with
/// one slip (`正文\x07。`) is a text whose slip is removed.
const MIN_CONTROLS: usize = 8;

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

    /// See: issue 13 (Big5, Shift_JIS and BOM-less UTF-16 came out as mojibake).
    #[test]
    fn detects_legacy_cjk_encodings_and_bomless_utf16() {
        for (encoding, text) in [
            (
                BIG5,
                "中華民國憲法，這是傳統字的文件。\n第二行：學習與實踐。",
            ),
            (SHIFT_JIS, "日本語のテキストです。\nこれは試験の文書です。"),
            (EUC_KR, "한국어 텍스트입니다.\n이것은 시험 문서입니다."),
            (GBK, "同志们：\n学习实践活动的责任感。"),
            (EUC_JP, "日本語のテキストです。\nこれは試験の文書です。"),
        ] {
            let (bytes, _, bad) = encoding.encode(text);
            assert!(!bad && std::str::from_utf8(&bytes).is_err());
            assert_eq!(decode(&bytes).unwrap(), text, "{}", encoding.name());
        }
        let text = "第一章 总则\n第一条 为了规范管理，制定本办法。\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
    }

    #[test]
    fn an_unlikely_guess_is_an_error() {
        // Bytes that decode in some CJK encoding, but into nothing anyone writes.
        let noise: Vec<u8> = (0..64u32).map(|i| 0x81 + ((i * 37) % 0x7E) as u8).collect();
        let e = decode(&noise).unwrap_err().to_string();
        assert!(e.contains("save it as UTF-8"), "{e}");
    }

    /// See: issue 13 (a DEL or C1 control was reported at its char index, not its byte).
    #[test]
    fn binary_data_is_reported_at_its_byte_in_every_encoding() {
        let text = format!("{}{}", "中文".repeat(10), "\u{7f}".repeat(10));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        // (In a legacy encoding so many controls fail the plausibility test before this one.)
        for (bytes, at) in [(text.as_bytes(), 60), (&le, 42)] {
            let e = decode(bytes).unwrap_err().to_string();
            assert_eq!(e, format!("not a text file (binary data at byte {at})"));
        }
        // One stray control is text; `normalize::chars` removes it.
        assert_eq!(decode("正\u{7}文".as_bytes()).unwrap(), "正\u{7}文");
    }

    #[test]
    fn reads_iso_2022_jp() {
        let (bytes, _, _) = ISO_2022_JP.encode("日本語のテスト。\n");
        assert!(bytes.is_ascii() && bytes.starts_with(b"\x1b$B"));
        assert_eq!(decode(&bytes).unwrap(), "日本語のテスト。\n");
        // A terminal's colour escapes are not ISO-2022-JP.
        assert_eq!(decode(b"\x1b[31mred\x1b[0m").unwrap(), "\x1b[31mred\x1b[0m");
    }

    #[test]
    fn rejects_binary_empty_and_undecodable() {
        let e = decode(b"PK\x03\x04\x00\x00abc").unwrap_err().to_string();
        assert_eq!(e, "not a text file (binary data at byte 2)");
        assert!(decode(b"  \n\n").unwrap_err().to_string().contains("empty"));
        assert!(decode(b"").is_err());
        let e = decode(b"abc \xFF\xFF\xFF").unwrap_err().to_string();
        assert!(e.contains("save it as UTF-8"), "{e}");
    }
}
