//! The closed sets of values a flag takes, as clap value enums so that `--help` and shell
//! completions list them; each maps onto the library's own type, which knows nothing of clap
//! (typst's CLI does the same with its `OutputFormat` and `PdfStandard`).

use cjkpress::font::FontSpec;
use cjkpress::style::settings::{Origin, Setting};
use clap::ValueEnum;

/// `--to`: an output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A printable PDF
    Pdf,
    /// A Word document, to edit in Word, WPS or LibreOffice
    Docx,
    /// An EPUB 3 e-book
    Epub,
    /// One self-contained HTML page
    #[value(alias = "htm")]
    Html,
}

impl From<OutputFormat> for cjkpress::Format {
    fn from(format: OutputFormat) -> Self {
        match format {
            OutputFormat::Pdf => cjkpress::Format::Pdf,
            OutputFormat::Docx => cjkpress::Format::Docx,
            OutputFormat::Epub => cjkpress::Format::Epub,
            OutputFormat::Html => cjkpress::Format::Html,
        }
    }
}

/// `--from`: the reader for the sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// CommonMark with GFM tables, footnotes, strikethrough and task lists
    #[value(alias = "markdown")]
    Md,
    /// Plain text, its structure inferred as Chinese documents are written
    #[value(alias = "text")]
    Txt,
}

impl From<InputFormat> for cjkpress::read::Kind {
    fn from(format: InputFormat) -> Self {
        match format {
            InputFormat::Md => cjkpress::read::Kind::Markdown,
            InputFormat::Txt => cjkpress::read::Kind::Plain,
        }
    }
}

/// `--preset`: page, type and structure for a kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PresetName {
    /// A4 handout for printing and reading (the default)
    Handout,
    /// Chinese official documents, GB/T 9704-2012
    Gongwen,
    /// The print edition of an e-book: A5, contents, chapters on new pages
    Book,
}

impl From<PresetName> for cjkpress::style::Preset {
    fn from(preset: PresetName) -> Self {
        match preset {
            PresetName::Handout => cjkpress::style::Preset::Handout,
            PresetName::Gongwen => cjkpress::style::Preset::Gongwen,
            PresetName::Book => cjkpress::style::Preset::Book,
        }
    }
}

/// `--ruby`: the reading set over the characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RubyScheme {
    /// Hanyu Pinyin over each character, read word by word in context
    Pinyin,
    /// 注音符号 (Bopomofo) beside each character
    Zhuyin,
    /// No automatic ruby (explicit {…|…} markup is still set)
    None,
}

impl From<RubyScheme> for cjkpress::pinyin::Scheme {
    fn from(scheme: RubyScheme) -> Self {
        match scheme {
            RubyScheme::Pinyin => cjkpress::pinyin::Scheme::Pinyin,
            RubyScheme::Zhuyin => cjkpress::pinyin::Scheme::Zhuyin,
            RubyScheme::None => cjkpress::pinyin::Scheme::None,
        }
    }
}

/// `--ruby-tones`: how automatic pinyin writes the tones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RubyTones {
    /// Tone marks over the vowel: hàn zì
    Marks,
    /// A digit after the syllable: han4 zi4
    Numbers,
}

/// `-V KEY=VALUE`: a setting of page, type or structure; the library checks the key and value.
pub fn variable(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => Ok((key.trim().into(), value.into())),
        _ => Err(format!("`{s}` is not KEY=VALUE")),
    }
}

/// The settings the command line gives: `-V`'s in order, then the flags that are settings.
pub fn settings(
    variables: &[(String, String)],
    toc_depth: Option<&str>,
    number_sections: Option<&str>,
) -> Vec<Setting> {
    let flag = |name: &str, key: &str, value: &str| Setting {
        key: key.into(),
        value: value.into(),
        origin: Origin::Flag(name.into()),
    };
    let mut out: Vec<Setting> = variables.iter().map(|(k, v)| flag("-V", k, v)).collect();
    out.extend(toc_depth.map(|v| flag("--toc-depth", "toc-depth", v)));
    out.extend(number_sections.map(|v| flag("--number-sections", "number-sections", v)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value the library has is one the command line offers, under the library's name.
    #[test]
    fn every_library_value_is_offered() {
        for format in cjkpress::Format::ALL {
            let offered = OutputFormat::value_variants()
                .iter()
                .find(|v| cjkpress::Format::from(**v) == format);
            let name = offered.and_then(|v| v.to_possible_value());
            assert_eq!(
                name.map(|n| n.get_name().to_string()),
                Some(format.to_string())
            );
        }
        for preset in PresetName::value_variants() {
            let name = preset.to_possible_value().unwrap();
            assert_eq!(
                name.get_name(),
                cjkpress::style::Preset::from(*preset).to_string()
            );
        }
    }
}

/// `--pdf-standard`: a standard the PDF claims (typst's `--pdf-standard` takes a list too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PdfStandard {
    /// PDF/UA-1 (ISO 14289-1): tagged, accessible
    #[value(name = "ua-1")]
    Ua1,
    /// PDF/A-2u (ISO 19005-2): archival, every character mapped to Unicode
    #[value(name = "a-2u")]
    A2u,
    /// No claim (the PDF is tagged all the same)
    None,
}

/// The standards a `--pdf-standard` list claims; `none` stands alone.
pub fn standards(list: &[PdfStandard]) -> Result<cjkpress::Standards, String> {
    if list.contains(&PdfStandard::None) && list.len() > 1 {
        return Err("--pdf-standard: `none` cannot be listed with a standard".into());
    }
    Ok(cjkpress::Standards {
        ua1: list.contains(&PdfStandard::Ua1),
        a2u: list.contains(&PdfStandard::A2u),
    })
}

/// `--font [ROLE=]FILE[#INDEX]`: a font file, for a role or for all.
pub fn font(s: &str) -> Result<FontSpec, String> {
    let (role, rest) = match s.split_once('=') {
        Some((role, file)) => (Some(role.parse()?), file),
        None => (None, s),
    };
    let (path, index) = match rest.rsplit_once('#') {
        Some((p, i)) if !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) => {
            (p, i.parse().map_err(|e| format!("face index `{i}`: {e}"))?)
        }
        _ => (rest, 0),
    };
    if path.is_empty() {
        return Err("empty font path".into());
    }
    Ok(FontSpec {
        role,
        path: path.into(),
        index,
    })
}
