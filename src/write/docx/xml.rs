//! The little XML the writer needs: escaping into a `String`, and the namespaces of the parts.
//!
//! Every part is written as text in schema order (ECMA-376 Part 1 gives each property container a
//! fixed `xsd:sequence`; Word drops or rejects children out of that order).

/// The XML declaration every part starts with.
pub(super) const DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// WordprocessingML main namespace.
pub(super) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Office document relationships namespace (`r:id`).
pub(super) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Appends `text` to `out`, escaped for both character data and attribute values.
///
/// Characters XML 1.0 does not allow (C0 controls other than tab, line feed and carriage return,
/// U+FFFE, U+FFFF) are dropped rather than written: one of them would make the part unreadable.
pub(super) fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut done = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (skip, replacement) = match b {
            b'&' => (1, "&amp;"),
            b'<' => (1, "&lt;"),
            b'>' => (1, "&gt;"),
            b'"' => (1, "&quot;"),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1F => (1, ""),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                (3, "")
            }
            _ => {
                i += 1;
                continue;
            }
        };
        // Every byte matched above starts a character, so these slices fall on boundaries.
        out.push_str(&text[done..i]);
        out.push_str(replacement);
        i += skip;
        done = i;
    }
    out.push_str(&text[done..]);
}

/// `text` escaped, as a new string.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Twentieths of a point (twips) in `mm` millimetres, the unit of page geometry in WordprocessingML.
pub(super) fn twips_mm(mm: f32) -> i64 {
    (f64::from(mm) * 1440.0 / 25.4).round() as i64
}

/// Twips in `pt` points.
pub(super) fn twips_pt(pt: f32) -> i64 {
    (f64::from(pt) * 20.0).round() as i64
}

/// Half-points in `pt` points, the unit of `w:sz`.
pub(super) fn half_points(pt: f32) -> i64 {
    (f64::from(pt) * 2.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_illegal_characters() {
        assert_eq!(escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(escape("x\u{1}y\u{FFFE}z\tw"), "xyz\tw");
        assert_eq!(escape("中文“引号”"), "中文“引号”");
    }

    #[test]
    fn units() {
        assert_eq!(twips_mm(210.0), 11906);
        assert_eq!(twips_mm(297.0), 16838);
        assert_eq!(twips_pt(12.0), 240);
        assert_eq!(half_points(10.5), 21);
    }
}
