//! A content stream written straight into bytes, in the form lopdf's `Content::encode` gives
//! (operands each followed by a space, operations one per line, numbers as Rust prints them):
//! no operation objects built and dropped for every glyph run of a book.

use std::io::Write as _;

/// The bytes of one content stream.
#[derive(Default)]
pub(super) struct Ops {
    buf: Vec<u8>,
}

impl Ops {
    /// The stream's bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// Starts an operation: a line break after the previous one.
    fn start(&mut self) {
        if !self.buf.is_empty() {
            self.buf.push(b'\n');
        }
    }

    /// A number as Rust prints an `f32` (the shortest text that reads back as it). Most are
    /// positions and kerns rounded to hundredths: those are written from their digits, which
    /// is that text for numbers under 100 000 (two strings of as many digits are at least a
    /// hundredth apart there, more than the float's step), and a book has millions of them.
    fn real(&mut self, v: f32) {
        let hundredths = (f64::from(v) * 100.0).round();
        if v != 0.0 && hundredths.abs() < 1e7 && (hundredths / 100.0) as f32 == v {
            let n = hundredths as i64;
            if n < 0 {
                self.buf.push(b'-');
            }
            let n = n.unsigned_abs();
            self.digits(n / 100);
            let cents = n % 100;
            if cents != 0 {
                self.buf.push(b'.');
                self.buf.push(b'0' + (cents / 10) as u8);
                if !cents.is_multiple_of(10) {
                    self.buf.push(b'0' + (cents % 10) as u8);
                }
            }
            return;
        }
        // Writing into a Vec cannot fail.
        let _ = write!(self.buf, "{v}");
    }

    /// The decimal digits of `n`.
    fn digits(&mut self, n: u64) {
        let mut text = [0u8; 20];
        let mut at = text.len();
        let mut n = n;
        loop {
            at -= 1;
            text[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.buf.extend_from_slice(&text[at..]);
    }

    /// An operation whose operands are all numbers: `1 0 0 1 72 700 Tm`.
    pub fn nums(&mut self, operands: &[f32], operator: &str) {
        self.start();
        for &v in operands {
            self.real(v);
            self.buf.push(b' ');
        }
        self.buf.extend_from_slice(operator.as_bytes());
    }

    /// An operation with one integer operand: `2 Tr`.
    pub fn int(&mut self, v: i64, operator: &str) {
        self.start();
        let _ = write!(self.buf, "{v} {operator}");
    }

    /// An operation without operands: `BT`.
    pub fn op(&mut self, operator: &str) {
        self.start();
        self.buf.extend_from_slice(operator.as_bytes());
    }

    /// `/name size Tf`.
    pub fn font(&mut self, name: &str, size: f32) {
        self.start();
        self.buf.push(b'/');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b' ');
        self.real(size);
        self.buf.extend_from_slice(b" Tf");
    }

    /// `/name Do`.
    pub fn xobject(&mut self, name: &str) {
        self.start();
        let _ = write!(self.buf, "/{name} Do");
    }

    /// A dash pattern: `[on off] phase d` (PDF 32000-1 §8.4.3.6).
    pub fn dash(&mut self, pattern: &[f32], phase: f32) {
        self.start();
        self.buf.push(b'[');
        for (i, &v) in pattern.iter().enumerate() {
            if i > 0 {
                self.buf.push(b' ');
            }
            self.real(v);
        }
        self.buf.extend_from_slice(b"] ");
        self.real(phase);
        self.buf.extend_from_slice(b" d");
    }

    /// Shows glyphs: `<…> Tj` for one string, else `[<…> -6.3 <…>] TJ` (PDF 32000-1 §9.4.3).
    pub fn show(&mut self, parts: &[Part]) {
        self.start();
        if let [Part::Codes(codes)] = parts {
            self.codes(codes);
            self.buf.extend_from_slice(b" Tj");
            return;
        }
        self.buf.push(b'[');
        for (i, part) in parts.iter().enumerate() {
            match part {
                Part::Codes(codes) => self.codes(codes),
                Part::Offset(v) => {
                    if i > 0 {
                        self.buf.push(b' ');
                    }
                    self.real(*v);
                }
            }
        }
        self.buf.extend_from_slice(b"] TJ");
    }

    /// A string of two-byte codes (Identity-H), in hexadecimal.
    fn codes(&mut self, codes: &[u16]) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.buf.push(b'<');
        for &code in codes {
            for shift in [12, 8, 4, 0] {
                self.buf.push(HEX[usize::from((code >> shift) & 0xF)]);
            }
        }
        self.buf.push(b'>');
    }

    /// `/Tag BMC`.
    pub fn begin_marked(&mut self, tag: &str) {
        self.start();
        let _ = write!(self.buf, "/{tag} BMC");
    }

    /// `/Tag<</MCID n>>BDC` (PDF 32000-1 §14.7.4.2), without the spaces a delimiter makes
    /// needless: a book has tens of thousands.
    pub fn begin_mcid(&mut self, tag: &str, mcid: usize) {
        self.start();
        let _ = write!(self.buf, "/{tag}<</MCID {mcid}>>BDC");
    }

    /// `/Tag /Name BDC`: a property list by its name in the resources' `/Properties`
    /// (PDF 32000-1 §14.6.2).
    pub fn begin_named(&mut self, tag: &str, name: &str) {
        self.start();
        let _ = write!(self.buf, "/{tag} /{name} BDC");
    }

    /// `/Tag <<…>> BDC` with a property list written by the caller: `props` is the dictionary's
    /// inside, `/Key value` pairs.
    pub fn begin_props(&mut self, tag: &str, props: &[u8]) {
        self.start();
        let _ = write!(self.buf, "/{tag} <<");
        self.buf.extend_from_slice(props);
        self.buf.extend_from_slice(b">> BDC");
    }

    /// `/Span <</ActualText <FEFF…>>> BDC` (PDF 32000-1 §14.9.4): a UTF-16BE text string with
    /// its byte order mark.
    pub fn begin_actual_text(&mut self, text: &str) {
        let mut props = b"/ActualText<FEFF".to_vec();
        for unit in text.encode_utf16() {
            let _ = write!(props, "{unit:04X}");
        }
        props.push(b'>');
        self.begin_props("Span", &props);
    }
}

/// A piece of a `TJ` array.
pub(super) enum Part<'a> {
    /// Two-byte glyph codes.
    Codes(&'a [u16]),
    /// A position adjustment in thousandths of an em.
    Offset(f32),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_written_as_lopdf_encodes_them() {
        let mut ops = Ops::default();
        ops.op("BT");
        ops.font("F0", 12.0);
        ops.nums(&[1.0, 0.0, 0.0, 1.0, 70.87, 700.5], "Tm");
        ops.show(&[
            Part::Codes(&[0x94, 0x64]),
            Part::Offset(-6.3),
            Part::Codes(&[0xA2]),
        ]);
        ops.dash(&[0.0, 3.5], 0.0);
        ops.begin_mcid("P", 3);
        ops.begin_actual_text("a中");
        ops.op("EMC");
        ops.op("ET");
        let mut expected = lopdf::content::Content {
            operations: vec![
                lopdf::content::Operation::new("BT", vec![]),
                lopdf::content::Operation::new(
                    "Tf",
                    vec![lopdf::Object::Name(b"F0".to_vec()), 12.0f32.into()],
                ),
                lopdf::content::Operation::new(
                    "Tm",
                    [1.0f32, 0.0, 0.0, 1.0, 70.87, 700.5]
                        .map(lopdf::Object::Real)
                        .to_vec(),
                ),
                lopdf::content::Operation::new(
                    "TJ",
                    vec![lopdf::Object::Array(vec![
                        lopdf::Object::String(
                            vec![0, 0x94, 0, 0x64],
                            lopdf::StringFormat::Hexadecimal,
                        ),
                        lopdf::Object::Real(-6.3),
                        lopdf::Object::String(vec![0, 0xA2], lopdf::StringFormat::Hexadecimal),
                    ])],
                ),
                lopdf::content::Operation::new(
                    "d",
                    vec![
                        lopdf::Object::Array(vec![
                            lopdf::Object::Real(0.0),
                            lopdf::Object::Real(3.5),
                        ]),
                        lopdf::Object::Real(0.0),
                    ],
                ),
            ],
        }
        .encode()
        .unwrap();
        expected.extend_from_slice(
            b"\n/P<</MCID 3>>BDC\n/Span <</ActualText<FEFF00614E2D>>> BDC\nEMC\nET",
        );
        assert_eq!(
            String::from_utf8(ops.into_bytes()).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }

    #[test]
    fn numbers_are_written_as_rust_prints_them() {
        // Hundredths up to the 100 000 the fast path takes, and beyond.
        let mut values: Vec<f32> = (-12_000_000..12_000_000)
            .step_by(13)
            .map(|n| ((n as f32 / 100.0) * 100.0).round() / 100.0)
            .collect();
        values.extend([
            0.0, -0.0, 13.61638, 1e-5, -0.004, 0.005, 2.3836203, 99_999.99, 123_456.78, 1e9, 0.1,
            -745.5, 1000.0,
        ]);
        for v in values {
            let mut ops = Ops::default();
            ops.real(v);
            assert_eq!(String::from_utf8(ops.into_bytes()).unwrap(), format!("{v}"));
        }
    }

    #[test]
    fn a_named_property_list_is_a_name_before_bdc() {
        let mut ops = Ops::default();
        ops.begin_named("Artifact", "Ft");
        assert_eq!(ops.into_bytes(), b"/Artifact /Ft BDC");
    }

    #[test]
    fn a_single_string_is_shown_with_tj() {
        let mut ops = Ops::default();
        ops.show(&[Part::Codes(&[1, 0x2A])]);
        assert_eq!(ops.into_bytes(), b"<0001002A> Tj");
    }
}
