//! The user's own settings: one vocabulary of `key = value` for the page, the type and the
//! document's structure, over the preset's numbers.
//!
//! They come from four places, the later overriding the earlier (as pandoc's `-V` overrides its
//! metadata): the preset, a `cjkpress.toml` in the input's folder (defaults for a collection, as
//! mdBook's `book.toml`), the document's front matter, and the command line (`-V key=value` and
//! the flags that are settings: `--toc-depth`, `--number-sections`). Every setting changes the
//! one [`Style`] the plan and all four writers read, so the page the PDF draws, the DOCX section,
//! and the CSS `@page` agree.
//!
//! A key is one line of [`KEYS`]: its name, the function that reads its value into the style,
//! and, where GB/T 9704-2012 fixes what it changes, the clause, so that the gongwen preset
//! refuses it without `--allow-nonstandard`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::measure::{self, Pitch};
use super::numbering::Numbering;
use super::{PT_PER_MM, PageNumbers, Preset, Style};
use crate::font::Role;

/// The settings file read from the input's folder.
pub const FILE_NAME: &str = "cjkpress.toml";

/// The largest settings file read: a few dozen lines are all a collection needs.
const MAX_FILE_BYTES: u64 = 64 << 10;

/// Where a setting was given, for its error message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Origin {
    /// A flag of the command line (`-V`, `--toc-depth`…).
    Flag(String),
    /// A line of the document's front matter (the binary names the document).
    FrontMatter(usize),
    /// A line of a settings file.
    File(PathBuf, usize),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "{flag}"),
            Origin::FrontMatter(line) => write!(f, "front matter, line {line}"),
            Origin::File(path, line) => write!(f, "{}, line {line}", path.display()),
        }
    }
}

/// One `key = value`, with where it was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setting {
    /// The key as written.
    pub key: String,
    /// The value as text.
    pub value: String,
    /// Where it was given.
    pub origin: Origin,
}

/// A setting that cannot be applied: one line naming where it was given, the key and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{origin}: `{key}`: {cause}")]
pub struct Invalid {
    /// Where it was given.
    pub origin: Origin,
    /// The key.
    pub key: String,
    /// What is wrong, lowercase.
    pub cause: String,
}

/// The style being built, with the line pitch as the user gave it: a multiple of the type size
/// follows a size set after it.
pub struct Draft<'a> {
    /// The style.
    pub style: &'a mut Style,
    /// The line pitch as a multiple of the body size, unless it was given as a length.
    factor: Option<f32>,
    /// Where the setting being read was given: a path in it is relative to the document's
    /// folder (front matter, `cjkpress.toml`) or to the working folder (a flag).
    pub origin: Origin,
}

type Apply = fn(&mut Draft, &str) -> Result<(), String>;

/// A key of the vocabulary.
pub struct Key {
    /// Its name, lowercase with hyphens.
    pub name: &'static str,
    /// Reads a value into the style.
    apply: Apply,
    /// The GB/T 9704-2012 clause that fixes what it changes, for the gongwen preset.
    pub gbt9704: Option<&'static str>,
}

const fn key(name: &'static str, apply: Apply, gbt9704: Option<&'static str>) -> Key {
    Key {
        name,
        apply,
        gbt9704,
    }
}

/// GB/T 9704-2012 §5.2.1–5.2.3: A4, the text block 156 × 225 mm, 3号 仿宋, 22 lines of 28.
const PAGE: Option<&str> = Some("§5.2 (A4, text block 156 × 225 mm, 37 mm top, 28 mm left)");
const TYPE: Option<&str> = Some("§5.2.2–5.2.3 (3号 body, 22 lines of 28 characters)");
const LEVELS: Option<&str> =
    Some("§7.3.3 (一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋, 3号)");
const TITLE: Option<&str> = Some("§7.3.1 (the title in 2号 小标宋)");
const FOLIO: Option<&str> = Some("§7.5 (page numbers `— 1 —` in 4号, outside edges)");

/// Every key, in the order `--help`'s listing and error messages give them.
pub const KEYS: &[Key] = &[
    key("paper", paper, PAGE),
    key("margin", margin, PAGE),
    key("margin-top", |d, v| side(v, &mut d.style.margins.top), PAGE),
    key(
        "margin-bottom",
        |d, v| side(v, &mut d.style.margins.bottom),
        PAGE,
    ),
    // The binding edge is the left one: inner and outer are left and right, which the book
    // preset's mirrored pages (`Style::mirrored`) swap on its even pages.
    key(
        "margin-left",
        |d, v| side(v, &mut d.style.margins.left),
        PAGE,
    ),
    key(
        "margin-inner",
        |d, v| side(v, &mut d.style.margins.left),
        PAGE,
    ),
    key(
        "margin-right",
        |d, v| side(v, &mut d.style.margins.right),
        PAGE,
    ),
    key(
        "margin-outer",
        |d, v| side(v, &mut d.style.margins.right),
        PAGE,
    ),
    key("size", size, TYPE),
    key("pitch", pitch, TYPE),
    key("indent", indent, TYPE),
    key(
        "title-size",
        |d, v| set(&mut d.style.title_size, measure::size_pt(v)?),
        TITLE,
    ),
    key(
        "title-face",
        |d, v| set(&mut d.style.title_role, role(v)?),
        TITLE,
    ),
    key("heading1-size", |d, v| heading_size(d, 1, v), LEVELS),
    key("heading2-size", |d, v| heading_size(d, 2, v), LEVELS),
    key("heading3-size", |d, v| heading_size(d, 3, v), LEVELS),
    key("heading4-size", |d, v| heading_size(d, 4, v), LEVELS),
    key("heading5-size", |d, v| heading_size(d, 5, v), None),
    key("heading6-size", |d, v| heading_size(d, 6, v), None),
    key("heading1-face", |d, v| heading_face(d, 1, v), LEVELS),
    key("heading2-face", |d, v| heading_face(d, 2, v), LEVELS),
    key("heading3-face", |d, v| heading_face(d, 3, v), LEVELS),
    key("heading4-face", |d, v| heading_face(d, 4, v), LEVELS),
    key("heading5-face", |d, v| heading_face(d, 5, v), None),
    key("heading6-face", |d, v| heading_face(d, 6, v), None),
    key("page-number", page_number, FOLIO),
    key(
        "page-number-size",
        |d, v| set(&mut d.style.page_number_size, measure::size_pt(v)?),
        FOLIO,
    ),
    key(
        "emphasis",
        |d, v| set(&mut d.style.emphasis, v.parse()?),
        None,
    ),
    key("toc", |d, v| set(&mut d.style.toc, measure::flag(v)?), None),
    key(
        "toc-depth",
        |d, v| set(&mut d.style.toc_depth, measure::whole(v, 1..=6)?),
        None,
    ),
    key("number-sections", number_sections, None),
    key("columns", columns, PAGE),
    key("column-gap", |d, v| side(v, &mut d.style.column_gap), PAGE),
    key(
        "vertical",
        |d, v| set(&mut d.style.vertical, measure::flag(v)?),
        None,
    ),
];

/// Other names for keys: pandoc's variables and spellings with `_`.
const ALIASES: &[(&str, &str)] = &[
    ("papersize", "paper"),
    ("fontsize", "size"),
    ("body-size", "size"),
    ("linestretch", "pitch"),
    ("line-pitch", "pitch"),
    ("line-spacing", "pitch"),
    ("first-line-indent", "indent"),
];

/// The key a name stands for, if it is one.
pub fn find(name: &str) -> Option<&'static Key> {
    let name = name.trim().to_lowercase().replace('_', "-");
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name.as_str(), |(_, key)| key);
    KEYS.iter().find(|k| k.name == name)
}

/// Whether a front-matter key is a setting.
pub fn is_key(name: &str) -> bool {
    find(name).is_some()
}

/// Applies `settings` in order over `style` (the preset's numbers): a later one overrides an
/// earlier. Under the gongwen preset a setting that changes what GB/T 9704 fixes is refused
/// unless `allow_nonstandard`.
pub fn apply(
    style: &mut Style,
    settings: &[Setting],
    allow_nonstandard: bool,
) -> Result<(), Invalid> {
    let preset = style.clone();
    let mut draft = Draft {
        factor: Some(style.line_pitch / style.body_size),
        style,
        origin: Origin::Flag(String::new()),
    };
    for setting in settings {
        let invalid = |cause: String| Invalid {
            origin: setting.origin.clone(),
            key: setting.key.clone(),
            cause,
        };
        let Some(key) = find(&setting.key) else {
            let names: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
            return Err(invalid(format!(
                "unknown key (known: {})",
                names.join(", ")
            )));
        };
        let before = draft.style.clone();
        draft.origin = setting.origin.clone();
        (key.apply)(&mut draft, &setting.value).map_err(invalid)?;
        check_text_block(draft.style).map_err(invalid)?;
        if let Some(clause) = key.gbt9704
            && preset.preset == Preset::Gongwen
            && !allow_nonstandard
            && *draft.style != before
        {
            return Err(invalid(format!(
                "`{}` breaks GB/T 9704-2012 {clause}; --allow-nonstandard sets it anyway",
                setting.value.trim()
            )));
        }
    }
    let s = &mut *draft.style;
    if s.grid.is_some() && *s != preset {
        // A nonstandard page keeps a grid of what fits: whole lines and characters.
        let lines = ((s.text_height() * PT_PER_MM / s.line_pitch) as u32).max(1);
        let chars = ((s.column_width() * PT_PER_MM / s.body_size) as u32).max(1);
        s.grid = Some(super::Grid { lines, chars });
    }
    Ok(())
}

/// Settings from a `cjkpress.toml` in `folder`, if there is one: a flat table of keys (and
/// `preset`, returned apart, which the front matter's overrides).
pub fn folder_file(folder: &Path) -> Result<(Vec<Setting>, Option<String>), String> {
    let path = folder.join(FILE_NAME);
    if !path.is_file() {
        return Ok((Vec::new(), None));
    }
    let shown = path.display().to_string();
    let bytes = crate::resources::read_capped(&path, MAX_FILE_BYTES)
        .map_err(|e| format!("{shown}: cannot read ({e})"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: not UTF-8 text"))?;
    parse_toml(&text, &path)
}

/// The settings of a `cjkpress.toml`'s text; `path` names it in messages.
fn parse_toml(text: &str, path: &Path) -> Result<(Vec<Setting>, Option<String>), String> {
    let shown = path.display();
    let line = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(1, |s| line(s.start));
        format!("{shown}, line {at}: {}", e.message())
    })?;
    // The table forgets where its keys were; the spanned document keeps it.
    let spans = toml::de::DeTable::parse(text).map_err(|e| format!("{shown}: {}", e.message()))?;
    let lines: std::collections::HashMap<String, usize> = spans
        .get_ref()
        .keys()
        .map(|k| (k.get_ref().to_string(), line(k.span().start)))
        .collect();
    let mut settings = Vec::new();
    let mut preset = None;
    for (name, value) in table {
        let at = lines.get(&name).copied().unwrap_or(1);
        // A book's chapters, read by `read::book`.
        if name == crate::read::book::FILES_KEY && matches!(value, toml::Value::Array(_)) {
            continue;
        }
        let one = |value: toml::Value| match value {
            toml::Value::String(s) => Some(s),
            toml::Value::Integer(i) => Some(i.to_string()),
            toml::Value::Float(f) => Some(f.to_string()),
            toml::Value::Boolean(b) => Some(b.to_string()),
            _ => None,
        };
        // `css = ["site.css", "print.css"]`: stylesheets are the one key that takes several
        // values (as front matter's `css:` list does), each a setting of its own, in order.
        let texts = match value {
            toml::Value::Array(items) if name == "css" => items.into_iter().map(one).collect(),
            value => one(value).map(|t| vec![t]),
        };
        let Some(texts) = texts else {
            let what = if name == "css" {
                "a list of file names"
            } else {
                "one value"
            };
            return Err(format!(
                "{shown}, line {at}: `{name}`: a table or list where {what} belongs"
            ));
        };
        if name == "preset" {
            preset = texts.into_iter().next();
        } else {
            settings.extend(texts.into_iter().map(|value| Setting {
                key: name.clone(),
                value,
                origin: Origin::File(path.to_path_buf(), at),
            }));
        }
    }
    settings.sort_by_key(|s| match &s.origin {
        Origin::File(_, line) => *line,
        _ => 0,
    });
    Ok((settings, preset))
}

fn set<T>(field: &mut T, value: T) -> Result<(), String> {
    *field = value;
    Ok(())
}

fn paper(d: &mut Draft, v: &str) -> Result<(), String> {
    (d.style.page_width, d.style.page_height) = measure::paper(v)?;
    Ok(())
}

/// `margin`: one length for every side, two (top and bottom, left and right) or four (top,
/// right, bottom, left), as CSS's `margin` reads them.
fn margin(d: &mut Draft, v: &str) -> Result<(), String> {
    let parts = v
        .split_whitespace()
        .map(measure::length_mm)
        .collect::<Result<Vec<f32>, String>>()?;
    let m = &mut d.style.margins;
    (m.top, m.right, m.bottom, m.left) = match parts[..] {
        [all] => (all, all, all, all),
        [vertical, horizontal] => (vertical, horizontal, vertical, horizontal),
        [top, right, bottom, left] => (top, right, bottom, left),
        _ => return Err(format!("`{v}` is not one, two or four lengths")),
    };
    Ok(())
}

fn side(v: &str, field: &mut f32) -> Result<(), String> {
    *field = measure::length_mm(v)?;
    Ok(())
}

/// The text block must hold a few lines of a few characters.
fn check_text_block(style: &Style) -> Result<(), String> {
    let (w, h) = (style.text_width(), style.text_height());
    if w < 30.0 || h < 30.0 {
        return Err(format!(
            "the margins leave a text block of {w:.0} × {h:.0} mm on a {:.0} × {:.0} mm page (at least 30 × 30 mm)",
            style.page_width, style.page_height
        ));
    }
    if style.vertical && style.columns > 1 {
        return Err("vertical text is set in one column (`columns` splits horizontal text)".into());
    }
    // A column narrower than eight characters of the body sets a word or two a line.
    let least = 8.0 * style.body_size / PT_PER_MM;
    if style.column_count() > 1 && style.column_width() < least {
        return Err(format!(
            "{} columns {:.0} mm apart leave columns {:.0} mm wide in a {w:.0} mm text block (at least {least:.0} mm, eight characters)",
            style.columns,
            style.column_gap,
            style.column_width()
        ));
    }
    Ok(())
}

/// `columns`: 1 to 4. The book preset keeps one: its pages are filled, and mirrored, page by
/// page (`layout::fill`).
fn columns(d: &mut Draft, v: &str) -> Result<(), String> {
    let n = measure::whole(v, 1..=4)?;
    if n > 1 && d.style.flush_bottom {
        return Err(format!(
            "`{}`: the {} preset sets one column (its pages are filled page by page)",
            v.trim(),
            d.style.preset
        ));
    }
    d.style.columns = n;
    Ok(())
}

fn size(d: &mut Draft, v: &str) -> Result<(), String> {
    d.style.body_size = measure::size_pt(v)?;
    if let Some(factor) = d.factor {
        d.style.line_pitch = factor * d.style.body_size;
    }
    Ok(())
}

fn pitch(d: &mut Draft, v: &str) -> Result<(), String> {
    match measure::pitch(v)? {
        Pitch::Factor(f) => {
            d.factor = Some(f);
            d.style.line_pitch = f * d.style.body_size;
        }
        Pitch::Points(pt) => {
            d.factor = None;
            d.style.line_pitch = pt;
        }
    }
    Ok(())
}

/// First-line indent in em: `2`, `2em`, `0`.
fn indent(d: &mut Draft, v: &str) -> Result<(), String> {
    let t = v.trim();
    match t.strip_suffix("em").unwrap_or(t).trim().parse::<f32>() {
        Ok(em) if (0.0..=10.0).contains(&em) => set(&mut d.style.indent_em, em),
        _ => Err(format!("`{t}` is not an indent of 0–10 em")),
    }
}

fn role(v: &str) -> Result<Role, String> {
    v.trim().parse::<Role>().map_err(|e| {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
        format!("{e} (expected {})", names.join(", "))
    })
}

fn heading_size(d: &mut Draft, level: usize, v: &str) -> Result<(), String> {
    set(&mut d.style.heading_sizes[level - 1], measure::size_pt(v)?)
}

fn heading_face(d: &mut Draft, level: usize, v: &str) -> Result<(), String> {
    set(&mut d.style.heading_roles[level - 1], role(v)?)
}

fn page_number(d: &mut Draft, v: &str) -> Result<(), String> {
    d.style.page_numbers = match v.trim().to_ascii_lowercase().as_str() {
        "center" | "centre" | "centered" => PageNumbers::Centered,
        "gongwen" | "outside" => PageNumbers::Gongwen,
        "outer" => PageNumbers::Outer,
        other => {
            return Err(format!(
                "`{other}` is not a page-number style (center: `1` centred at the foot; gongwen: `— 1 —` on the outside edge; outer: `1` flush with the text block's outer edge)"
            ));
        }
    };
    Ok(())
}

fn number_sections(d: &mut Draft, v: &str) -> Result<(), String> {
    d.style.numbering = match measure::flag(v) {
        Ok(true) => Some(Numbering::for_preset(d.style.preset)),
        Ok(false) => None,
        Err(_) => Some(v.parse()?),
    };
    Ok(())
}

/// The configuration of this crate's property tests: under CI (`CI` set, not `false` or `0`) a
/// fixed seed, so that CI runs the same cases every time and a failure is reproducible from its
/// log; elsewhere fresh random cases. `PROPTEST_RNG_SEED` overrides both.
#[cfg(test)]
pub(crate) fn proptest_config() -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, RngSeed};
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    Config {
        // Any fixed value does; this one is the day the rule was made.
        rng_seed: if ci {
            RngSeed::Fixed(20_261_207)
        } else {
            RngSeed::Random
        },
        ..Config::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(key: &str, value: &str) -> Setting {
        Setting {
            key: key.into(),
            value: value.into(),
            origin: Origin::Flag("-V".into()),
        }
    }

    fn applied(preset: Preset, settings: &[Setting]) -> Result<Style, Invalid> {
        let mut style = Style::preset(preset);
        apply(&mut style, settings, false)?;
        Ok(style)
    }

    proptest::proptest! {
        #![proptest_config(super::proptest_config())]
        /// Any value of any key is applied or refused, never a panic, and what is applied
        /// leaves a page with a text block.
        #[test]
        fn any_value_is_applied_or_refused(key in 0..KEYS.len(), value in "\\PC{0,16}") {
            for preset in [Preset::Handout, Preset::Gongwen, Preset::Book] {
                let mut style = Style::preset(preset);
                if apply(&mut style, &[flag(KEYS[key].name, &value)], true).is_ok() {
                    proptest::prop_assert!(style.text_width() >= 30.0 && style.text_height() >= 30.0);
                    proptest::prop_assert!(style.body_size.is_finite() && style.line_pitch >= 1.0);
                }
            }
        }
    }

    #[test]
    fn handout_settings_reach_the_style() {
        let s = applied(
            Preset::Handout,
            &[
                flag("paper", "A5"),
                flag("margin", "15mm"),
                flag("size", "小四"),
                flag("pitch", "1.5"),
            ],
        )
        .unwrap();
        assert_eq!((s.page_width, s.page_height), (148.0, 210.0));
        assert_eq!(s.margins.left, 15.0);
        assert_eq!(s.margins.bottom, 15.0);
        assert_eq!(s.body_size, 12.0);
        assert_eq!(s.line_pitch, 18.0);
    }

    #[test]
    fn a_size_keeps_the_pitch_factor() {
        // The preset's 1.7 follows a new size; a later pitch in points stays as given.
        let s = applied(Preset::Handout, &[flag("size", "五号")]).unwrap();
        assert!((s.line_pitch - 10.5 * 1.7).abs() < 1e-4);
        let s = applied(
            Preset::Handout,
            &[flag("pitch", "20pt"), flag("size", "四号")],
        )
        .unwrap();
        assert_eq!(s.line_pitch, 20.0);
    }

    #[test]
    fn bad_settings_say_key_and_origin() {
        let e = applied(Preset::Handout, &[flag("papr", "A5")]).unwrap_err();
        assert!(e.to_string().starts_with("-V: `papr`: unknown key"), "{e}");
        let e = applied(Preset::Handout, &[flag("margin", "-5mm")]).unwrap_err();
        assert_eq!(e.to_string(), "-V: `margin`: `-5mm` is negative");
        let e = applied(Preset::Handout, &[flag("margin", "100mm")]).unwrap_err();
        assert!(e.cause.contains("text block"), "{e}");
    }

    #[test]
    fn gongwen_refuses_a_nonstandard_page_unless_allowed() {
        let e = applied(Preset::Gongwen, &[flag("margin-top", "30mm")]).unwrap_err();
        assert!(e.cause.contains("GB/T 9704-2012 §5.2"), "{e}");
        // Setting what the standard already says is no change.
        assert!(applied(Preset::Gongwen, &[flag("size", "三号")]).is_ok());
        assert!(applied(Preset::Gongwen, &[flag("toc-depth", "2")]).is_ok());
        let mut style = Style::preset(Preset::Gongwen);
        apply(&mut style, &[flag("size", "小四")], true).unwrap();
        assert_eq!(style.body_size, 12.0);
        assert_eq!(style.grid.map(|g| g.chars), Some(36));
    }

    #[test]
    fn toml_keys_carry_their_lines() {
        let text = "# collection\npaper = \"A5\"\n\nsize = 12\npreset = \"book\"\n";
        let (settings, preset) = parse_toml(text, Path::new("d/cjkpress.toml")).unwrap();
        assert_eq!(preset.as_deref(), Some("book"));
        assert_eq!(
            settings[0].origin,
            Origin::File("d/cjkpress.toml".into(), 2)
        );
        assert_eq!(settings[1].key, "size");
        assert_eq!(settings[1].value, "12");
        assert_eq!(settings[1].origin.to_string(), "d/cjkpress.toml, line 4");
        let e = parse_toml("a = [1]\n\nb = = 2", Path::new("c.toml")).unwrap_err();
        assert!(e.starts_with("c.toml, line 3: "), "{e}");
        let e = parse_toml("\n[metadata]\nx = 1\n", Path::new("c.toml")).unwrap_err();
        assert!(e.starts_with("c.toml, line 2: `metadata`"), "{e}");
        let (css, _) = parse_toml(
            "paper = \"A5\"\ncss = [\"a.css\", \"b.css\"]\n",
            Path::new("c.toml"),
        )
        .unwrap();
        let files: Vec<_> = css
            .iter()
            .filter(|s| s.key == "css")
            .map(|s| &s.value[..])
            .collect();
        assert_eq!(files, ["a.css", "b.css"]);
        let e = parse_toml("css = [[\"a.css\"]]\n", Path::new("c.toml")).unwrap_err();
        assert!(
            e.contains("`css`: a table or list where a list of file names"),
            "{e}"
        );
        let e = parse_toml("paper = [\"A5\"]\n", Path::new("c.toml")).unwrap_err();
        assert!(
            e.contains("`paper`: a table or list where one value"),
            "{e}"
        );
    }
}
