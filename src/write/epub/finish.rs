//! The post-step: what epub-builder 0.8.2 cannot be told, set in its finished archive.
//!
//! The archive is copied entry by entry (compressed entries as they are) with a timestamp from
//! the document's date (`SOURCE_DATE_EPOCH` or the source's modification time) instead of the
//! clock; the identifier, `dcterms:modified`, `dc:date`, the package's `xml:lang`, the
//! accessibility metadata, the navigation document's place in the spine, the NCX
//! `dtb:uid`/`dtb:depth`, and the navigation document's language, `doc-toc` role and `toc`
//! landmark are set; images, which epub-builder only lists, are stored as they are (they are
//! compressed already), and the chapters, also only listed, are deflated here.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use sha2::{Digest, Sha256};

use super::write_error;
use crate::date::DateTime;
use crate::error::Error;
use crate::model::{Document, document_text};
use crate::write::xhtml::{attr, text};

/// The package's identifier: the document's own, else a UUID made from a SHA-256 of its text, so
/// the same text always gets the same identifier (RFC 9562 §5.8 layout, version 8).
pub(super) fn identifier(doc: &Document) -> String {
    if let Some(id) = doc
        .meta
        .identifier
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        return id.trim().to_string();
    }
    let hash = Sha256::digest(document_text(doc).as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A `dc:date` value (W3C date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`) from a date as written,
/// including the Chinese `2009年3月5日`; `None` when it is neither.
pub(super) fn w3c_date(date: &str) -> Option<String> {
    let numbers: Vec<&str> = date
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let shape_ok = date
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日' | ' '));
    if !shape_ok || numbers.is_empty() || numbers.len() > 3 || numbers[0].len() != 4 {
        return None;
    }
    let mut out = numbers[0].to_string();
    for (i, n) in numbers.iter().enumerate().skip(1) {
        let v: u32 = n.parse().ok()?;
        let max = if i == 1 { 12 } else { 31 };
        if v == 0 || v > max || n.len() > 2 {
            return None;
        }
        out.push_str(&format!("-{v:02}"));
    }
    Some(out)
}

/// Replaces the text between `start` and the next `end` after it.
fn replace_between(s: &mut String, start: &str, end: &str, with: &str) -> Result<(), Error> {
    let a = s
        .find(start)
        .ok_or_else(|| write_error(format!("epub-builder output lacks `{start}`")))?
        + start.len();
    let b = s[a..]
        .find(end)
        .ok_or_else(|| write_error(format!("epub-builder output lacks `{end}`")))?
        + a;
    s.replace_range(a..b, with);
    Ok(())
}

/// What [`finish`] sets in epub-builder's output.
pub(super) struct Fixes {
    /// Accessibility metadata, (property, value) in order.
    pub(super) accessibility: Vec<(&'static str, String)>,
    /// The navigation's title, which the `toc` landmark also takes.
    pub(super) toc_title: String,
    /// `dc:identifier` (and the NCX `dtb:uid`, which must equal it).
    pub(super) identifier: String,
    /// `dc:date`, a W3C date.
    pub(super) date: Option<String>,
    /// The language of `nav.xhtml`.
    pub(super) lang: String,
    /// `dcterms:modified` and the zip timestamps.
    pub(super) epoch: i64,
    /// How deep the table of contents nests (NCX `dtb:depth`).
    pub(super) toc_depth: usize,
    /// The navigation document is read as the book's contents page, after the title page
    /// (`--toc`, or a preset that prints one); otherwise it is out of the reading order.
    pub(super) toc_page: bool,
    /// How many levels of the navigation the contents page shows (`toc-depth`, counted from
    /// the top level present); deeper lists stay in the navigation but are hidden on the page.
    pub(super) printed_depth: usize,
}

/// Replaces the first `from` with `to`; epub-builder's output must contain `from`.
fn patch(s: &mut String, from: &str, to: &str) -> Result<(), Error> {
    let a = s
        .find(from)
        .ok_or_else(|| write_error(format!("epub-builder output lacks `{from}`")))?;
    s.replace_range(a..a + from.len(), to);
    Ok(())
}

/// The deflate level of the chapters, as the DOCX package's (`write::docx::package`): XHTML
/// repeats itself so much that a fast level loses little, and a book with ruby has megabytes of
/// it. On the ~148 k-character anthology with `--ruby pinyin` (5.2 MB of chapters) level 2
/// deflates in 27 ms less CPU than level 6, zip's default (perf samples), for 1.60 MB instead
/// of 1.49 MB; without ruby the book grows by 8 KB (1.25 MB).
const TEXT_LEVEL: i64 = 2;

/// Copies epub-builder's archive entry by entry with a fixed timestamp, putting in the `placed`
/// files' bytes for their placeholders (stored, or deflated at [`TEXT_LEVEL`]), and setting
/// what epub-builder cannot:
/// the identifier, the modification date, `dc:date`, and the language of the navigation
/// document. The `mimetype` entry stays first and stored, as OCF 3.3 §4.2.2 requires.
pub(super) fn finish(
    raw: &[u8],
    fixes: &Fixes,
    placed: &BTreeMap<String, (&[u8], zip::CompressionMethod)>,
) -> Result<Vec<u8>, Error> {
    let Fixes {
        accessibility,
        toc_title,
        identifier,
        date,
        lang,
        epoch,
        toc_depth,
        toc_page,
        printed_depth,
    } = fixes;
    let epoch = *epoch;
    let zip_err = |e: zip::result::ZipError| write_error(e);
    let mut archive = zip::ZipArchive::new(Cursor::new(raw)).map_err(zip_err)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(raw.len())));
    let stamp = zip_time(epoch);
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i).map_err(zip_err)?.name().to_string();
        if let Some(&(bytes, method)) = placed.get(&name) {
            let level = (method == zip::CompressionMethod::Deflated).then_some(TEXT_LEVEL);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .compression_level(level)
                .last_modified_time(stamp);
            out.start_file(name, options).map_err(zip_err)?;
            out.write_all(bytes).map_err(write_error)?;
            continue;
        }
        let rewrite = matches!(
            name.as_str(),
            "OEBPS/content.opf" | "OEBPS/nav.xhtml" | "OEBPS/toc.ncx"
        );
        if !rewrite {
            let file = archive.by_index_raw(i).map_err(zip_err)?;
            out.raw_copy_file_touch(file, stamp, None)
                .map_err(zip_err)?;
            continue;
        }
        let mut xml = String::new();
        archive
            .by_index(i)
            .map_err(zip_err)?
            .read_to_string(&mut xml)
            .map_err(write_error)?;
        if name == "OEBPS/content.opf" {
            replace_between(
                &mut xml,
                "<dc:identifier id=\"epub-id-1\">",
                "</dc:identifier>",
                &text(identifier),
            )?;
            let modified = DateTime::from_epoch(epoch).iso8601();
            replace_between(
                &mut xml,
                "<meta property=\"dcterms:modified\">",
                "</meta>",
                &modified,
            )?;
            let mut a11y = String::new();
            for (property, value) in accessibility {
                a11y.push_str(&format!(
                    "    <meta property=\"{property}\">{}</meta>\n",
                    text(value)
                ));
            }
            a11y.push_str("  </metadata>");
            patch(&mut xml, "  </metadata>", &a11y)?;
            // The package's language (Ace `epub-lang`): the default language of the package
            // document's own text, such as the title (EPUB 3.3 §5.4.1.4).
            patch(
                &mut xml,
                "unique-identifier=\"epub-id-1\">",
                &format!(
                    "unique-identifier=\"epub-id-1\" xml:lang=\"{}\">",
                    attr(lang)
                ),
            )?;
            if *toc_page {
                let title = "<itemref idref=\"id_title.xhtml\"/>";
                patch(
                    &mut xml,
                    title,
                    &format!("{title}\n    <itemref idref=\"nav\"/>"),
                )?;
            } else {
                patch(
                    &mut xml,
                    "  </spine>",
                    "    <itemref idref=\"nav\" linear=\"no\"/>\n  </spine>",
                )?;
            }
            if let Some(date) = date {
                patch(
                    &mut xml,
                    "</dc:title>",
                    &format!("</dc:title>\n    <dc:date>{date}</dc:date>"),
                )?;
            }
        } else if name == "OEBPS/toc.ncx" {
            // NCX (OPF 2.0.1 §2.4.1.2): `dtb:uid` repeats the package identifier, and
            // `dtb:depth` is the depth of the navMap, which epub-builder leaves at 1.
            patch(
                &mut xml,
                "<meta name=\"dtb:depth\" content=\"1\" />",
                &format!(
                    "<meta name=\"dtb:uid\" content=\"{}\" />\n    <meta name=\"dtb:depth\" content=\"{toc_depth}\" />",
                    attr(identifier)
                ),
            )?;
        } else {
            let lang = attr(lang);
            patch(
                &mut xml,
                "xmlns:epub=\"http://www.idpf.org/2007/ops\">",
                &format!(
                    "xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{lang}\" lang=\"{lang}\">"
                ),
            )?;
            // DPUB-ARIA: the role that matches `epub:type="toc"` (Ace
            // `epub-type-has-matching-role`).
            patch(
                &mut xml,
                "<nav epub:type = \"toc\" id=\"toc\">",
                "<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">",
            )?;
            if *toc_page {
                hide_deep_lists(&mut xml, *printed_depth);
            }
            // EPUB 3.3 §7.4.3: the landmarks are for the reading system, not the reader.
            patch(
                &mut xml,
                "<nav epub:type = \"landmarks\">",
                "<nav epub:type=\"landmarks\" hidden=\"hidden\">",
            )?;
            // The navigation document is the table of contents: a `toc` landmark to it (EPUB
            // 3.3 §7.4.3; epub-builder lists only content documents). A landmark must point
            // into the spine, so the navigation document is a non-linear spine item.
            patch(
                &mut xml,
                "<nav epub:type=\"landmarks\" hidden=\"hidden\">\n    <ol>",
                &format!(
                    "<nav epub:type=\"landmarks\" hidden=\"hidden\">\n    <ol>\n      <li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">{}</a></li>",
                    text(toc_title)
                ),
            )?;
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(stamp);
        out.start_file(name, options).map_err(zip_err)?;
        out.write_all(xml.as_bytes()).map_err(write_error)?;
    }
    Ok(out.finish().map_err(zip_err)?.into_inner())
}

/// Marks `hidden` every list of the `toc` navigation nested deeper than `depth`: on the contents
/// page the reader sees the printed levels, as in the other formats, while the reading system
/// still offers every level (EPUB 3.3 §7.4.2: `hidden` on the `ol` descendants of a `nav`).
fn hide_deep_lists(xml: &mut String, depth: usize) {
    let Some(end) = xml.find("</nav>") else {
        return;
    };
    let mut out = String::with_capacity(xml.len() + 64);
    let (nav, rest) = xml.split_at(end);
    let mut level = 0;
    let mut at = 0;
    while let Some(i) = nav[at..].find("ol>").map(|i| i + at) {
        let open = nav[..i].ends_with('<');
        let close = nav[..i].ends_with("</");
        if open {
            level += 1;
            out.push_str(&nav[at..i - 1]);
            // Only the outermost deep list: its descendants are hidden with it.
            out.push_str(if level == depth + 1 {
                "<ol hidden=\"hidden\">"
            } else {
                "<ol>"
            });
        } else {
            if close {
                level -= 1;
            }
            out.push_str(&nav[at..i + 3]);
        }
        at = i + 3;
    }
    out.push_str(&nav[at..]);
    out.push_str(rest);
    *xml = out;
}

/// The zip (MS-DOS) timestamp of `epoch`, clamped to the years the format can hold.
fn zip_time(epoch: i64) -> zip::DateTime {
    let t = DateTime::from_epoch(epoch);
    let year = t.year.clamp(1980, 2107) as u16;
    let date = if (1980..=2107).contains(&t.year) {
        (
            t.month as u8,
            t.day as u8,
            t.hour as u8,
            t.minute as u8,
            t.second as u8,
        )
    } else if t.year < 1980 {
        (1, 1, 0, 0, 0)
    } else {
        (12, 31, 23, 59, 58)
    };
    zip::DateTime::from_date_and_time(year, date.0, date.1, date.2, date.3, date.4)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Inline};

    #[test]
    fn identifiers_come_from_the_text() {
        let mut d = Document {
            blocks: vec![
                Block::Paragraph {
                    inlines: vec![Inline::Text("甲".into())],
                },
                Block::Paragraph {
                    inlines: vec![Inline::Text("乙".into())],
                },
            ],
            ..Document::default()
        };
        let id = identifier(&d);
        assert!(id.starts_with("urn:uuid:") && id.len() == 45, "{id}");
        assert_eq!(&id[23..24], "8");
        d.blocks.pop();
        assert_ne!(identifier(&d), id);
        d.meta.identifier = Some("urn:isbn:9787000000000".into());
        assert_eq!(identifier(&d), "urn:isbn:9787000000000");
    }

    #[test]
    fn dates_as_written_become_w3c_dates() {
        assert_eq!(w3c_date("2009年3月").as_deref(), Some("2009-03"));
        assert_eq!(w3c_date("2026-11-26").as_deref(), Some("2026-11-26"));
        assert_eq!(w3c_date("2009"), Some("2009".into()));
        assert_eq!(w3c_date("三月"), None);
        assert_eq!(w3c_date("2009年13月"), None);
        assert_eq!(w3c_date("Spring 2009"), None);
    }

    #[test]
    fn zip_times_clamp_to_the_dos_range() {
        let t = |e| zip_time(e);
        assert_eq!(
            t(1_700_000_000),
            zip::DateTime::from_date_and_time(2023, 11, 14, 22, 13, 20).unwrap()
        );
        assert_eq!(
            t(0),
            zip::DateTime::from_date_and_time(1980, 1, 1, 0, 0, 0).unwrap()
        );
    }
}
