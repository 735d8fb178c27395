//! A warning, never silence, where a flag does not apply (issue 26, item 4): to a format being
//! built (`--css` on the PDF), to the preset (`--vertical` on an official document) or to the
//! other flags (`--toc-depth` without a contents).
//!
//! Each flag is reported once for a document, naming every format of the build that ignores
//! it, not once per format. What the command line asks is reported; the front matter's and
//! `cjkpress.toml`'s files (`css:`, `reference-doc:`) are a document's defaults for whichever
//! formats take them and are not.

use crate::error::Warning;
use crate::pinyin::Scheme;
use crate::style::settings::{Origin, Setting};
use crate::style::{Preset, measure};
use crate::{Format, Options, Prepared};

/// The `-V` keys of the printed page, which an EPUB, paged by its reading system, has no use for.
const PAGE_KEYS: &[&str] = &[
    "paper",
    "margin",
    "margin-top",
    "margin-bottom",
    "margin-left",
    "margin-inner",
    "margin-right",
    "margin-outer",
    "page-number",
    "page-number-size",
];

/// One warning for each flag of `options` that `prepared` or one of `formats` ignores.
pub fn ignored(prepared: &Prepared, options: &Options, formats: &[Format]) -> Vec<Warning> {
    let style = &prepared.style;
    let mut out = Vec::new();
    // A flag that some format being built does not take, with the formats that do.
    let mut only = |flag: &str, takes: &[Format], what: &str| {
        let left: Vec<Format> = formats
            .iter()
            .copied()
            .filter(|f| !takes.contains(f))
            .collect();
        if !left.is_empty() {
            out.push(Warning::warn(format!(
                "{flag} does not apply to {}: {what}",
                names(&left)
            )));
        }
    };
    if !options.css.is_empty() {
        only(
            "--css",
            &[Format::Html, Format::Epub],
            "a stylesheet styles the HTML and the EPUB only",
        );
    }
    if options.raw_html {
        only(
            "--raw-html",
            &[Format::Html, Format::Epub],
            "raw HTML passes through to the HTML and the EPUB only; elsewhere it is text",
        );
    }
    if options.reference_doc.is_some() {
        only(
            "--reference-doc",
            &[Format::Docx],
            "a reference DOCX styles the DOCX only",
        );
    }
    if options.cover.is_some() {
        only(
            "--cover",
            &[Format::Epub],
            "the cover image is the EPUB's only",
        );
    }
    if let Some(setting) = options
        .settings
        .iter()
        .find(|s| PAGE_KEYS.contains(&s.key.trim().to_lowercase().replace('_', "-").as_str()))
    {
        only(
            &format!("-V {}", setting.key.trim()),
            &[Format::Pdf, Format::Docx, Format::Html],
            "an EPUB's reading system makes its pages",
        );
    }
    // `--pdf-standard` names its format: it is only news when no PDF is made at all.
    if options.pdf_standard != crate::Standards::default() && !formats.contains(&Format::Pdf) {
        out.push(Warning::warn(format!(
            "--pdf-standard does not apply to {}: it sets what the PDF claims, and no PDF is made",
            names(formats)
        )));
    }

    // Flags that nothing in this build takes, whatever the format.
    let asked = |key: &str| {
        let settings: Vec<&Setting> = prepared
            .doc
            .meta
            .settings
            .iter()
            .chain(&options.settings)
            .collect();
        settings
            .iter()
            .rev()
            .find(|s| s.key.trim().eq_ignore_ascii_case(key))
            .and_then(|s| measure::flag(&s.value).ok())
    };
    if style.official && (options.vertical || asked("vertical") == Some(true)) {
        let flag = if options.vertical {
            "--vertical"
        } else {
            "the setting `vertical`"
        };
        out.push(Warning::warn(format!(
            "{flag} does not apply to an official document: GB/T 9704-2012 sets it horizontally, in every format"
        )));
    }
    let toc_depth = options
        .settings
        .iter()
        .any(|s| s.origin == Origin::Flag("--toc-depth".into()));
    if toc_depth && !style.toc {
        out.push(Warning::warn(
            "--toc-depth does not apply without a table of contents (--toc)",
        ));
    }
    let ruby = match (options.ruby, prepared.doc.meta.ruby.as_deref()) {
        (Some(scheme), _) => scheme != Scheme::None,
        (None, Some(text)) => text.parse::<Scheme>().is_ok_and(|s| s != Scheme::None),
        (None, None) => false,
    };
    if !ruby {
        if options.ruby_numbers.is_some() {
            out.push(Warning::warn(
                "--ruby-tones does not apply without readings (--ruby pinyin)",
            ));
        }
        if options.ruby_sandhi {
            out.push(Warning::warn(
                "--ruby-sandhi does not apply without readings (--ruby pinyin or zhuyin)",
            ));
        }
    }
    if options.allow_nonstandard && style.preset != Preset::Gongwen {
        out.push(Warning::warn(format!(
            "--allow-nonstandard does not apply to the {} preset: only the gongwen preset follows GB/T 9704-2012",
            style.preset
        )));
    }
    out
}

/// "the PDF", "the PDF and the DOCX", "the PDF, the DOCX and the HTML".
fn names(formats: &[Format]) -> String {
    let names: Vec<String> = formats
        .iter()
        .map(|f| format!("the {}", f.extension().to_uppercase()))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_listed_as_a_sentence_lists_them() {
        assert_eq!(names(&[Format::Pdf]), "the PDF");
        assert_eq!(names(&[Format::Pdf, Format::Docx]), "the PDF and the DOCX");
        assert_eq!(
            names(&[Format::Pdf, Format::Epub, Format::Html]),
            "the PDF, the EPUB and the HTML"
        );
    }
}
