//! Which attributes a raw HTML element may carry, and the values it may give them: the few the
//! Nu checker and EPUBCheck accept (HTML §3.2.6 global attributes, each element's own, their
//! microsyntaxes), and in `style` a small set of CSS declarations with plain values — none that
//! positions or sizes a box, so that a fragment cannot lay a fixed overlay over the page.

use crate::normalize::links;

/// The global attributes allowed on every element (`id` is left out: it could repeat a
/// heading's).
const GLOBAL: &[&str] = &["class", "dir", "lang", "style", "title"];

/// The language tags `lang` may name: well-formed BCP 47 tags whose subtags are in the IANA
/// registry, which the Nu checker consults (a made-up `xx` is an error there).
const LANGUAGES: &[&str] = &[
    "zh",
    "zh-cn",
    "zh-tw",
    "zh-hk",
    "zh-mo",
    "zh-sg",
    "zh-hans",
    "zh-hant",
    "zh-hans-cn",
    "zh-hant-tw",
    "zh-hant-hk",
    "yue",
    "lzh",
    "en",
    "en-us",
    "en-gb",
    "ja",
    "ko",
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "ru",
    "la",
    "vi",
    "mn",
    "bo",
    "ug",
    "und",
];

/// Checks attribute `key` (lowercase) with `value` on element `name`.
pub(super) fn check(name: &str, key: &str, value: &str) -> Result<(), String> {
    let own = match name {
        "a" => &["href"][..],
        "td" | "th" => &["colspan", "rowspan"],
        "time" | "del" | "ins" => &["datetime"],
        _ => &[],
    };
    if !GLOBAL.contains(&key) && !own.contains(&key) {
        return Err(format!("attribute `{key}` is not allowed on <{name}>"));
    }
    let valid = match key {
        "dir" if name == "bdo" => matches!(value, "ltr" | "rtl"),
        "dir" => matches!(value, "ltr" | "rtl" | "auto"),
        "lang" => value.is_empty() || LANGUAGES.contains(&value.to_ascii_lowercase().as_str()),
        "href" => links::safe(value),
        // HTML §4.9.11: colspan 1–1000, rowspan 0–65534, digits only.
        "colspan" => number(value).is_some_and(|n| (1..=1000).contains(&n)),
        "rowspan" => number(value).is_some_and(|n| (1..=65534).contains(&n)),
        // `del`/`ins` take a date (or a global date and time); `time` a date or a date and a
        // time too. Only those forms are known here.
        "datetime" if name == "time" => datetime(value),
        "datetime" => date(value),
        "style" => return style(value),
        _ => true,
    };
    if valid {
        Ok(())
    } else {
        Err(format!("{value:?} is not a valid `{key}` on <{name}>"))
    }
}

/// The attributes an element must carry (HTML §4.5.24 `bdo`: `dir`; §4.5.14 `time` without
/// `datetime` must hold a valid date, which is not checked here).
pub(super) fn required(name: &str) -> &'static [&'static str] {
    match name {
        "bdo" => &["dir"],
        "time" => &["datetime"],
        _ => &[],
    }
}

/// A non-negative integer of ASCII digits (HTML §2.3.4.1, without sign or spaces).
pub(super) fn number(value: &str) -> Option<u32> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// A valid date string, `YYYY-MM-DD` (HTML §2.3.5.2; four-digit years only).
fn date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts[..] else {
        return false;
    };
    let field = |s: &str, len: usize| (s.len() == len).then(|| number(s)).flatten();
    let (Some(y), Some(m), Some(d)) = (field(y, 4), field(m, 2), field(d, 2)) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y > 0 && (1..=days).contains(&d)
}

/// A date, or a date and a time `YYYY-MM-DDTHH:MM` (HTML §2.3.5.5, seconds left out).
fn datetime(value: &str) -> bool {
    let Some((day, time)) = value.split_once('T') else {
        return date(value);
    };
    let hm: Vec<Option<u32>> = time
        .split(':')
        .map(|f| (f.len() == 2).then(|| number(f)).flatten())
        .collect();
    date(day) && matches!(hm[..], [Some(h), Some(m)] if h < 24 && m < 60)
}

/// Checks a `style` attribute: declarations of the properties below, each with a value of its
/// kind, `;`-separated. Anything that loads a resource, positions or sizes a box, or hides text
/// is not among them.
fn style(value: &str) -> Result<(), String> {
    for decl in value.split(';') {
        if decl.trim().is_empty() {
            continue;
        }
        let Some((prop, val)) = decl.split_once(':') else {
            return Err(format!("style declaration {:?} has no value", decl.trim()));
        };
        let prop = prop.trim().to_ascii_lowercase();
        let val = val.trim().to_ascii_lowercase();
        let words: Vec<&str> = val.split_ascii_whitespace().collect();
        let one = |ok: &dyn Fn(&str) -> bool| matches!(words[..], [w] if ok(w));
        let valid = match prop.as_str() {
            "color" | "background-color" => one(&color),
            "text-align" => {
                one(&|w| matches!(w, "left" | "right" | "center" | "justify" | "start" | "end"))
            }
            "font-weight" => one(&|w| {
                matches!(w, "normal" | "bold" | "bolder" | "lighter")
                    || number(w).is_some_and(|n| n % 100 == 0 && (100..=900).contains(&n))
            }),
            "font-style" => one(&|w| matches!(w, "normal" | "italic" | "oblique")),
            "text-decoration" | "text-decoration-line" => {
                one(&|w| matches!(w, "none" | "underline" | "line-through" | "overline"))
            }
            // Not so small that the text vanishes.
            "font-size" => one(&|w| {
                matches!(
                    w,
                    "small" | "medium" | "large" | "x-large" | "larger" | "smaller"
                ) || length(w).is_some_and(|(n, unit)| match unit {
                    "em" | "rem" => (0.5..=10.0).contains(&n),
                    "%" => (50.0..=1000.0).contains(&n),
                    _ => false,
                })
            }),
            "margin" | "padding" => {
                (1..=4).contains(&words.len()) && words.iter().all(|w| non_negative(w))
            }
            "margin-top" | "margin-right" | "margin-bottom" | "margin-left" | "padding-top"
            | "padding-right" | "padding-bottom" | "padding-left" => one(&non_negative),
            "text-indent" | "letter-spacing" => {
                one(&|w| length(w).is_some_and(|(n, unit)| unit != "%" && n.abs() <= 10.0))
            }
            "line-height" => {
                one(&|w| w == "normal" || w.parse::<f32>().is_ok_and(|n| (0.5..=10.0).contains(&n)))
            }
            "vertical-align" => one(&|w| {
                matches!(
                    w,
                    "baseline" | "sub" | "super" | "top" | "middle" | "bottom"
                )
            }),
            _ => return Err(format!("style property `{prop}` is not allowed")),
        };
        if !valid {
            return Err(format!("style value {val:?} is not allowed for `{prop}`"));
        }
    }
    Ok(())
}

/// A colour: `#` and 3, 4, 6 or 8 hex digits, or one of a few names.
fn color(w: &str) -> bool {
    match w.strip_prefix('#') {
        Some(hex) => {
            matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => matches!(
            w,
            "black"
                | "white"
                | "gray"
                | "grey"
                | "silver"
                | "red"
                | "maroon"
                | "green"
                | "navy"
                | "blue"
                | "teal"
                | "purple"
                | "olive"
                | "orange"
                | "brown"
                | "currentcolor"
                | "inherit"
        ),
    }
}

/// A CSS length or percentage with its unit: `0`, or a number and one of a few units.
fn length(w: &str) -> Option<(f32, &str)> {
    if w == "0" {
        return Some((0.0, "em"));
    }
    let at = w.find(|c: char| c.is_ascii_alphabetic() || c == '%')?;
    let (n, unit) = w.split_at(at);
    let n: f32 = n.parse().ok()?;
    // A plain decimal: `1e3em` or `+1em` are CSS too, but not needed.
    if n.abs() > 1000.0 || !n_plain(w, at) {
        return None;
    }
    matches!(unit, "em" | "rem" | "ex" | "ch" | "px" | "pt" | "mm" | "%").then_some((n, unit))
}

/// Whether the number in front of a unit is digits with at most one point and a leading `-`.
fn n_plain(w: &str, at: usize) -> bool {
    let digits = w[..at].strip_prefix('-').unwrap_or(&w[..at]);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.')
}

/// A length that is not negative (margins and padding: a negative margin could pull text over
/// other text).
fn non_negative(w: &str) -> bool {
    length(w).is_some_and(|(n, unit)| n >= 0.0 && (unit != "%" || n <= 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_per_attribute() {
        assert!(check("td", "colspan", "2").is_ok());
        assert!(check("p", "colspan", "2").is_err());
        assert!(check("td", "colspan", "abc").is_err());
        assert!(check("td", "rowspan", "-1").is_err());
        assert!(check("p", "dir", "sideways").is_err());
        assert!(check("bdo", "dir", "auto").is_err());
        assert!(check("p", "lang", "zh-Hant").is_ok());
        assert!(check("p", "lang", "xx-yy").is_err());
        assert!(check("time", "datetime", "2024-02-29").is_ok());
        assert!(check("time", "datetime", "2023-02-29").is_err());
        assert!(check("time", "datetime", "2024-02-01T23:59").is_ok());
        assert!(check("time", "datetime", "2024-02-01T24:00").is_err());
        assert!(check("del", "datetime", "2020").is_err());
        assert!(check("span", "href", "https://example.com").is_err());
    }

    #[test]
    fn styles_are_a_few_plain_declarations() {
        for ok in [
            "color: #c00; text-align: center",
            "font-weight: bold;",
            "margin: 0 1em",
            "text-indent: -2em",
            "font-size: 120%",
        ] {
            assert_eq!(style(ok), Ok(()), "{ok}");
        }
        for bad in [
            "position: fixed; top: 0; left: 0; width: 100vw; height: 100vh",
            "color: red; foo: bar",
            "color:",
            "}{",
            "font-size: 0",
            "margin-top: -1000px",
            "text-indent: -9999px",
            "color: red !important",
            "display: none",
            "line-height: 1e9",
        ] {
            assert!(style(bad).is_err(), "{bad}");
        }
    }
}
