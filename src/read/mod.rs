//! Readers: source text to the model. Markdown goes through pulldown-cmark; anything else is plain
//! text whose structure is inferred the way Chinese documents are written.

pub mod book;
mod gongwen;
pub mod inlines;
pub mod markdown;
pub mod metadata;
pub mod plain;
pub mod ruby;

use std::path::Path;

use crate::Options;
use crate::error::{Error, Warning};
use crate::model::Document;

/// Which reader a source needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// CommonMark + GFM.
    Markdown,
    /// Plain text with inferred structure.
    Plain,
}

impl Kind {
    /// `.md`/`.markdown` files are Markdown; everything else is plain text.
    pub fn of(path: &Path, _text: &str) -> Kind {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
                Kind::Markdown
            }
            _ => Kind::Plain,
        }
    }
}

/// Refuses a file whose extension names a format that is not a source: without this a Word
/// document is "binary data" and an HTML page is read as plain text, its `<!DOCTYPE html>` the
/// title.
pub fn refuse(path: &Path) -> Result<(), Error> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let what = match extension.as_deref() {
        Some("docx" | "doc" | "odt" | "rtf" | "wps") => "a word-processor document",
        Some("html" | "htm" | "xhtml") => "an HTML page",
        Some("pdf") => "a PDF",
        Some("epub") => "an EPUB",
        _ => return Ok(()),
    };
    Err(Error::NotSource(format!(
        "{what}, which cjkpress does not read: it reads Markdown (.md, .markdown) and plain text \
         (.txt); convert the file to one of those first (pandoc can)"
    )))
}

/// Reads `text` into a document; what was dropped or guessed goes to `warnings` as `Info`.
/// Front matter that is not valid YAML is an error.
pub fn read(
    text: &str,
    kind: Kind,
    options: &Options,
    warnings: &mut Vec<Warning>,
) -> Result<Document, Error> {
    let base = metadata::base(options)?;
    let mut doc = match kind {
        Kind::Markdown => markdown::read(text, options.raw_html, base, warnings)?,
        Kind::Plain => {
            let mut doc = plain::read(text, warnings);
            if let Some(base) = base {
                let given = markdown::read("", false, Some(base), warnings)?.meta;
                metadata::under(&mut doc.meta, given);
            }
            doc
        }
    };
    if doc.meta.lang.is_empty() {
        doc.meta.lang = detect_lang(text).to_string();
    }
    Ok(doc)
}

/// The language of `text`: `ja` when kana make up a clear share of its CJK letters, `ko` when
/// Hangul do; otherwise `zh-Hant` when the text uses clearly traditional forms, else `zh-Hans`.
/// Japanese text shares its kanji with Chinese (時, 會 and the like read as traditional), so
/// the kana decide, not the Han characters.
pub fn detect_lang(text: &str) -> &'static str {
    // Characters common in running text whose simplified and traditional forms differ.
    const TRAD: &str =
        "們這個來說時會對為國學發與關經實點麼後從無開問裡見還進過長現動氣門東車馬書員電話讓機變";
    const SIMP: &str =
        "们这个来说时会对为国学发与关经实点么后从无开问里见还进过长现动气门东车马书员电话让机变";
    let (mut t, mut s) = (0usize, 0usize);
    let (mut han, mut kana, mut hangul) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if TRAD.contains(c) {
            t += 1;
        } else if SIMP.contains(c) {
            s += 1;
        }
        match script(c) {
            Some(Letters::Han) => han += 1,
            Some(Letters::Kana) => kana += 1,
            Some(Letters::Hangul) => hangul += 1,
            None => {}
        }
    }
    let letters = han + kana + hangul;
    if letters > 0 && kana.max(hangul) * MIN_SHARE >= letters {
        return if kana >= hangul { "ja" } else { "ko" };
    }
    if t > s { "zh-Hant" } else { "zh-Hans" }
}

/// One in this many CJK letters being kana (or Hangul) makes a text Japanese (or Korean).
/// Japanese running text is 30–60 % kana, even a kanji-heavy statute over a fifth, and Korean
/// is mostly Hangul even with hanja; Chinese uses no kana or Hangul but for a quoted name.
const MIN_SHARE: usize = 10;

/// The CJK letters that tell the languages apart.
pub(crate) enum Letters {
    /// Han ideographs, shared by Chinese, Japanese and Korean.
    Han,
    /// Hiragana and katakana.
    Kana,
    /// Hangul jamo and syllables.
    Hangul,
}

/// Which of the [`Letters`] `c` is, if any (the layout tells a block's language by them too).
pub(crate) fn script(c: char) -> Option<Letters> {
    match c {
        // The katakana middle dot and the prolonged-sound mark are common in Chinese text too
        // (列夫・托尔斯泰), so they count for neither.
        '\u{30FB}' | '\u{30FC}' => None,
        '\u{3041}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9D}' => {
            Some(Letters::Kana)
        }
        '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7A3}' => {
            Some(Letters::Hangul)
        }
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => {
            Some(Letters::Han)
        }
        '\u{20000}'..='\u{3FFFF}' => Some(Letters::Han),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// See: issue 13 (Japanese text was tagged zh-Hant).
    #[test]
    fn kana_make_japanese_and_hangul_korean() {
        assert_eq!(detect_lang("日本語のテスト。"), "ja");
        assert_eq!(detect_lang("東京の天気は晴れ時々曇り。"), "ja");
        assert_eq!(detect_lang("한국어 텍스트입니다. 大韓民國"), "ko");
        assert_eq!(detect_lang("這是傳統字的文件。"), "zh-Hant");
        assert_eq!(detect_lang("这是一个文件，列夫・托尔斯泰。"), "zh-Hans");
        // A Japanese title quoted in a long Chinese text leaves it Chinese.
        let zh = format!(
            "{}《ノルウェイの森》",
            "我们学习了这本书的内容。".repeat(10)
        );
        assert_eq!(detect_lang(&zh), "zh-Hans");
    }
}
