//! The values settings take: lengths, type sizes (in points or by their Chinese names), paper
//! sizes, yes/no. Each parser returns the value or one lowercase phrase saying what is wrong.

use super::PT_PER_MM;

/// Chinese type size names (字号) and their sizes in points, as Word and WPS list them; the
/// spoken forms with a digit (`3号`, `小4`) are read as the same names.
const SIZE_NAMES: &[(&str, f32)] = &[
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
    ("小六", 6.5),
    ("七号", 5.5),
    ("八号", 5.0),
];

/// Paper sizes in millimetres, width × height, portrait. A and B are ISO 216; 16开 and 32开 are
/// the book sizes GB/T 788-1999 gives for 787 × 1092 mm stock (正16开 185 × 260, 正32开
/// 130 × 184); Letter is 8½ × 11 in.
const PAPERS: &[(&str, f32, f32)] = &[
    ("a3", 297.0, 420.0),
    ("a4", 210.0, 297.0),
    ("a5", 148.0, 210.0),
    ("a6", 105.0, 148.0),
    ("b5", 176.0, 250.0),
    ("16开", 185.0, 260.0),
    ("32开", 130.0, 184.0),
    ("letter", 215.9, 279.4),
];

/// The names `paper` takes, for messages.
pub const PAPER_NAMES: &str = "A3, A4, A5, A6, B5, 16开, 32开, Letter or W×H with a unit";

/// The largest page side we lay out, in mm (A0's long side is 1 189 mm).
const MAX_SIDE_MM: f32 = 2000.0;

/// A number, refusing what is not finite.
fn number(s: &str) -> Option<f32> {
    s.trim().parse::<f32>().ok().filter(|n| n.is_finite())
}

/// A length with its unit (`15mm`, `1.5cm`, `0.5in`, `12pt`), in millimetres; `0` needs none.
pub fn length_mm(s: &str) -> Result<f32, String> {
    let s = s.trim();
    let split = s.find(|c: char| c.is_alphabetic()).unwrap_or(s.len());
    let (n, unit) = s.split_at(split);
    let Some(n) = number(n) else {
        return Err(format!(
            "`{s}` is not a length (a number and mm, cm, in or pt)"
        ));
    };
    if n < 0.0 {
        return Err(format!("`{s}` is negative"));
    }
    let mm = match unit.trim().to_ascii_lowercase().as_str() {
        "mm" => n,
        "cm" => n * 10.0,
        "in" => n * 25.4,
        "pt" => n / PT_PER_MM,
        "" if n == 0.0 => 0.0,
        "" => return Err(format!("`{s}` needs a unit (mm, cm, in or pt)")),
        other => {
            return Err(format!(
                "unknown unit `{other}` (expected mm, cm, in or pt)"
            ));
        }
    };
    if mm > MAX_SIDE_MM {
        return Err(format!("`{s}` is longer than {MAX_SIDE_MM} mm"));
    }
    Ok(mm)
}

/// A type size: points (`12`, `12pt`, `10.5pt`) or a 字号 name (`小四`, `五号`, `3号`).
pub fn size_pt(s: &str) -> Result<f32, String> {
    let t = s.trim();
    let named = t
        .replace('1', "一")
        .replace('2', "二")
        .replace('3', "三")
        .replace('4', "四")
        .replace('5', "五")
        .replace('6', "六")
        .replace('7', "七")
        .replace('8', "八")
        .replace('0', "初");
    if let Some(&(_, pt)) = SIZE_NAMES.iter().find(|(name, _)| *name == named) {
        return Ok(pt);
    }
    let n = t.strip_suffix("pt").unwrap_or(t);
    match number(n) {
        Some(pt) if (4.0..=96.0).contains(&pt) => Ok(pt),
        Some(_) => Err(format!("`{t}` is outside 4–96 pt")),
        None => Err(format!(
            "`{t}` is not a type size (points, or a name such as 五号, 小四, 三号)"
        )),
    }
}

/// A line pitch: a multiple of the type size (`1.5`) or a length (`20pt`, `7mm`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pitch {
    /// Times the body size.
    Factor(f32),
    /// Points.
    Points(f32),
}

/// A line pitch setting.
pub fn pitch(s: &str) -> Result<Pitch, String> {
    if let Some(n) = number(s) {
        return if (1.0..=4.0).contains(&n) {
            Ok(Pitch::Factor(n))
        } else {
            Err(format!("`{}` is outside 1–4 times the type size", s.trim()))
        };
    }
    let pt = length_mm(s)? * PT_PER_MM;
    if pt < 1.0 {
        return Err(format!("`{}` is too small a line pitch", s.trim()));
    }
    Ok(Pitch::Points(pt))
}

/// A paper size (a name or `W×H` with a unit, `148x210mm`), optionally followed by `landscape`;
/// width and height in millimetres.
pub fn paper(s: &str) -> Result<(f32, f32), String> {
    let t = s.trim().to_lowercase();
    let (name, landscape) = match t.strip_suffix("landscape") {
        Some(rest) => (rest.trim(), true),
        None => (t.as_str(), false),
    };
    let (w, h) = if let Some(&(_, w, h)) = PAPERS.iter().find(|(n, ..)| *n == name) {
        (w, h)
    } else if let Some((w, h)) = name.split_once(['x', '×', '*']) {
        // `148×210mm`: the unit after the height serves both.
        let unit: String = h.chars().filter(|c| c.is_alphabetic()).collect();
        let w = if w.chars().any(char::is_alphabetic) {
            w.to_string()
        } else {
            format!("{w}{unit}")
        };
        (length_mm(&w)?, length_mm(h)?)
    } else {
        return Err(format!(
            "unknown paper `{}` (expected {PAPER_NAMES})",
            s.trim()
        ));
    };
    if w < 50.0 || h < 50.0 {
        return Err(format!("`{}` is smaller than 50 × 50 mm", s.trim()));
    }
    Ok(if landscape { (h, w) } else { (w, h) })
}

/// Yes or no.
pub fn flag(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        other => Err(format!("`{other}` is not true or false")),
    }
}

/// A whole number in a range.
pub fn whole(s: &str, range: std::ops::RangeInclusive<u8>) -> Result<u8, String> {
    s.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "`{}` is not a whole number from {} to {}",
                s.trim(),
                range.start(),
                range.end()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_by_name_and_points() {
        assert_eq!(size_pt("小四"), Ok(12.0));
        assert_eq!(size_pt("五号"), Ok(10.5));
        assert_eq!(size_pt("3号"), Ok(16.0));
        assert_eq!(size_pt("小4"), Ok(12.0));
        assert_eq!(size_pt("10.5pt"), Ok(10.5));
        assert!(size_pt("大四").is_err());
        assert!(size_pt("-3").is_err());
        assert!(size_pt("NaN").is_err());
    }

    #[test]
    fn lengths_need_units() {
        assert_eq!(length_mm("15mm"), Ok(15.0));
        assert_eq!(length_mm("1.5cm"), Ok(15.0));
        assert_eq!(length_mm("0"), Ok(0.0));
        assert!((length_mm("72pt").unwrap() - 25.4).abs() < 1e-4);
        assert!(length_mm("15").unwrap_err().contains("unit"));
        assert!(length_mm("-5mm").unwrap_err().contains("negative"));
        assert!(length_mm("5furlong").is_err());
    }

    #[test]
    fn papers() {
        assert_eq!(paper("A5"), Ok((148.0, 210.0)));
        assert_eq!(paper("a5 landscape"), Ok((210.0, 148.0)));
        assert_eq!(paper("16开"), Ok((185.0, 260.0)));
        assert_eq!(paper("148×210mm"), Ok((148.0, 210.0)));
        assert_eq!(paper("10cmx15cm"), Ok((100.0, 150.0)));
        assert!(paper("A9").is_err());
        assert!(paper("10x10mm").is_err());
    }

    #[test]
    fn pitches() {
        assert_eq!(pitch("1.5"), Ok(Pitch::Factor(1.5)));
        assert_eq!(pitch("20pt"), Ok(Pitch::Points(20.0)));
        assert!(pitch("0.5").is_err());
    }
}
