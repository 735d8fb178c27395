//! The EPUB writer: an EPUB 3 package built with epub-builder.
//!
//! Layout of the package (all under `OEBPS/`): `title.xhtml` (the title page), `front.xhtml`
//! (whatever precedes the first level-1 heading), one `chNNN.xhtml` per level-1 heading,
//! `stylesheet.css` (the shared stylesheet), `fonts/*.ttf` (the document's subsets, TrueType),
//! `images/*`, and epub-builder's `nav.xhtml`, `toc.ncx` and `content.opf`. epub-builder also
//! writes `META-INF/com.apple.ibooks.display-options.xml` with `specified-fonts`, without which
//! Apple Books ignores embedded fonts.
//!
//! epub-builder is pinned to 0.8.2 (see Cargo.toml): 0.8.3 gives the author and the language the
//! same id. What 0.8.2 cannot be told is set in one post-step (`finish`): fixed zip timestamps
//! (its zip backend stamps the current time), the identifier (it only writes random UUIDs),
//! `dcterms:modified` (it takes the clock), `dc:date`, the package's language, the NCX uid and
//! depth, and the language and role of `nav.xhtml`, which is also the book's contents page
//! (read after the title page) where a table of contents is asked for.

mod finish;

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::BTreeMap;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpf, ReferenceType, TocElement, ZipLibrary,
};
use quick_xml::events::Event;

use crate::Context;
use crate::error::{Error, Warned, Warning};
use crate::font::FaceId;
use crate::model::{Block, Document, plain_text};
use crate::style::Style;
use crate::style::plan::{self, Entry};
use crate::write::css::{self, Fonts, Medium};
use crate::write::official;
use crate::write::user_css::{self, Asset};
use crate::write::xhtml::{self, BackLink, Config, Resolve, Serializer, attr, text};
use finish::{Fixes, finish, identifier, w3c_date};

/// What the package needs besides the document, the style and the fonts.
#[derive(Debug, Clone, Copy)]
struct Settings {
    vertical: bool,
    raw_html: bool,
    epoch: i64,
}

/// Writes `doc` as an EPUB 3 package.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    // The subsets travel as TrueType/OpenType files, not WOFF2: the formats Amazon's and most
    // reading systems' guidelines list, and the ones calibre keeps when it converts for Kindle
    // (it drops WOFF2 fonts without a word). The archive deflates them.
    let mut files: Vec<(String, FaceId, &'static str)> = Vec::new();
    let fonts = Fonts::from_context(ctx, false, |id, _, format| {
        let postscript = &ctx.fonts.face(id).postscript_name;
        let name = font_file_name(postscript, format.extension(), &files);
        files.push((name.clone(), id, format.media_type()));
        Ok(name)
    })?;
    let mut warnings = Vec::new();
    // The user's fonts travel beside ours, under names of their own.
    let mut user_fonts: Vec<(String, Vec<u8>, &'static str)> = Vec::new();
    let user = user_css::resolve(
        ctx.css,
        &user_css::chars(ctx.subsets),
        |asset| match asset {
            Asset::Font(subset) => {
                let format = css::FontFormat::of_sfnt(&subset.ttf);
                let name = format!("fonts/user-{}.{}", user_fonts.len() + 1, format.extension());
                user_fonts.push((name.clone(), subset.ttf, format.media_type()));
                Ok(name)
            }
            Asset::Image { mime, data } => Ok(user_css::data_uri(mime, &data)),
        },
        &mut warnings,
    )?;
    let mut font_files: Vec<FontFile> = files
        .into_iter()
        .filter_map(|(name, id, media_type)| {
            let subset = ctx.subsets.by_face.get(&id)?;
            Some(FontFile {
                name,
                bytes: &subset.ttf,
                media_type,
            })
        })
        .collect();
    font_files.extend(user_fonts.iter().map(|(name, bytes, media_type)| FontFile {
        name: name.clone(),
        bytes,
        media_type,
    }));
    let settings = Settings {
        vertical: ctx.style.vertical,
        raw_html: ctx.options.raw_html,
        epoch: ctx.epoch,
    };
    let mut out = package(doc, ctx.style, &fonts, &font_files, &user, settings)?;
    warnings.append(&mut out.warnings);
    out.warnings = warnings;
    Ok(out)
}

/// The cover image's path in the package.
fn cover_path(mime: &str) -> String {
    let ext = if mime == "image/png" { "png" } else { "jpg" };
    format!("images/cover.{ext}")
}

/// An embedded font file of the package.
struct FontFile<'a> {
    /// Its path in `OEBPS/`.
    name: String,
    bytes: &'a [u8],
    media_type: &'static str,
}

/// `fonts/NotoSerifSC-Bold.ttf`: the PostScript name keeps to ASCII letters, digits and `-`
/// (OpenType `name` ID 6), which is also what a package path may safely hold.
fn font_file_name(postscript: &str, extension: &str, taken: &[(String, FaceId, &str)]) -> String {
    let mut stem: String = postscript
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if stem.is_empty() {
        stem = "font".into();
    }
    let mut name = format!("fonts/{stem}.{extension}");
    let mut n = 1;
    while taken.iter().any(|(t, _, _)| *t == name) {
        n += 1;
        name = format!("fonts/{stem}-{n}.{extension}");
    }
    name
}

/// A content document of the spine: the blocks from one level-1 heading to the next.
struct Part<'a> {
    file: String,
    blocks: &'a [Block],
    /// The notes whose bodies go at the end of this part (EPUB pop-up footnotes must be in the
    /// document that refers to them).
    notes: Vec<usize>,
}

/// Splits the body (the blocks after the title) at level-1 headings; what precedes the first
/// one is `front.xhtml`, itself split at its first heading, so that every part's first contents
/// entry opens its file (the table of contents links a part by its file name: epub-builder
/// names the file after it).
fn split(doc: &Document) -> Vec<Part<'_>> {
    let body = &doc.blocks[doc.before_title()..];
    let mut parts = Vec::new();
    let mut start = 0;
    let mut chapter = 0;
    let first_heading = body.iter().position(|b| matches!(b, Block::Heading { .. }));
    for (i, block) in body.iter().enumerate() {
        let opens = matches!(block, Block::Heading { level: 1, .. }) || Some(i) == first_heading;
        if opens && i > start {
            parts.push((start, i));
            start = i;
        }
    }
    if start < body.len() {
        parts.push((start, body.len()));
    }
    let mut out = Vec::new();
    for (start, end) in parts {
        let blocks = &body[start..end];
        let file = if matches!(blocks.first(), Some(Block::Heading { .. })) {
            chapter += 1;
            format!("ch{chapter:03}.xhtml")
        } else {
            "front.xhtml".to_string()
        };
        out.push(Part {
            file,
            blocks,
            notes: Vec::new(),
        });
    }
    if out.is_empty() && !doc.notes.is_empty() {
        out.push(Part {
            file: "front.xhtml".into(),
            blocks: &[],
            notes: Vec::new(),
        });
    }
    // Each note goes with its first reference (notes cited only by other notes follow the note
    // that cites them); notes nobody cites close the book.
    let mut placed = vec![false; doc.notes.len()];
    for part in &mut out {
        let mut refs = Vec::new();
        xhtml::collect_refs(part.blocks, &mut refs);
        let mut i = 0;
        while i < refs.len() {
            let index = refs[i];
            i += 1;
            if placed.get(index) != Some(&false) {
                continue;
            }
            placed[index] = true;
            part.notes.push(index);
            xhtml::collect_refs(&doc.notes[index].blocks, &mut refs);
        }
    }
    if let Some(last) = out.last_mut() {
        for (index, done) in placed.iter().enumerate() {
            if !done {
                last.notes.push(index);
            }
        }
    }
    out
}

/// Resolves links between the package's files: a heading id or a note lives in one part.
struct Package<'a> {
    /// The part being written.
    current: Cell<usize>,
    files: Vec<String>,
    /// Heading id → part.
    ids: BTreeMap<&'a str, usize>,
    /// Note index → part.
    notes: BTreeMap<usize, usize>,
    /// Image `src` → package path.
    images: BTreeMap<&'a str, String>,
    /// Whether each note is referenced anywhere.
    cited: Vec<bool>,
}

impl Package<'_> {
    fn href(&self, part: usize, fragment: &str) -> String {
        if part == self.current.get() {
            format!("#{fragment}")
        } else {
            format!("{}#{fragment}", self.files[part])
        }
    }
}

impl Resolve for Package<'_> {
    fn link<'u>(&self, url: &'u str) -> Cow<'u, str> {
        match url
            .strip_prefix('#')
            .and_then(|id| Some((id, self.ids.get(id)?)))
        {
            Some((id, &part)) => Cow::Owned(self.href(part, id)),
            None => Cow::Borrowed(url),
        }
    }

    fn note(&self, index: usize) -> String {
        let part = self.notes.get(&index).copied().unwrap_or(0);
        self.href(part, &xhtml::note_id(index))
    }

    fn image(&self, src: &str) -> Option<String> {
        self.images.get(src).cloned()
    }

    fn cited(&self, index: usize) -> bool {
        self.cited.get(index).copied().unwrap_or(false)
    }
}

fn xhtml_document(lang: &str, title: &str, body: &str) -> String {
    let lang = attr(lang);
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
    out.push_str(&format!(
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{lang}\" lang=\"{lang}\">\n"
    ));
    out.push_str(&format!(
        "<head>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\"/>\n</head>\n<body>\n",
        text(title)
    ));
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}

/// Whether `doc` is well-formed XML whose entity references are all predefined (XHTML content
/// documents have no DTD to define others, EPUB 3.3 §6.1.2).
fn well_formed(doc: &str) -> bool {
    let mut reader = quick_xml::Reader::from_str(doc);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if e.attributes().any(|a| a.is_err()) {
                    return false;
                }
                depth += 1;
            }
            Ok(Event::Empty(e)) => {
                if e.attributes().any(|a| a.is_err()) {
                    return false;
                }
            }
            Ok(Event::End(_)) => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            Ok(Event::GeneralRef(r)) => {
                let ok = if r.is_char_ref() {
                    matches!(r.resolve_char_ref(), Ok(Some(_)))
                } else {
                    matches!(&*r, "lt" | "gt" | "amp" | "quot" | "apos")
                };
                if !ok {
                    return false;
                }
            }
            Ok(Event::Eof) => return depth == 0,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

/// The table-of-contents entry of a part: the first of its contents entries (`plan::contents`),
/// with the part's other entries nested under it by level.
fn toc_entry(part: &Part, entries: &[Entry]) -> Option<TocElement> {
    let (first, rest) = entries.split_first()?;
    // The entry's link is the part's file name too, so it cannot carry a fragment; an entry
    // that does not open its part (a heading inside a quote) lands at the part's top.
    let mut entry = TocElement::new(part.file.clone(), first.title.as_str()).level(1);
    for e in rest {
        entry.add(
            TocElement::new(format!("{}#{}", part.file, e.id), e.title.as_str())
                .level(i32::from(e.level.max(2))),
        );
    }
    Some(entry)
}

/// The ids of every heading in `blocks`, those inside quotes and lists included.
fn heading_ids<'d>(blocks: &'d [Block], out: &mut Vec<&'d str>) {
    for block in blocks {
        if let Some((_, id, _)) = block.heading() {
            out.push(id);
        }
        match block {
            Block::BlockQuote { blocks, .. } => heading_ids(blocks, out),
            Block::List { items, .. } => items.iter().for_each(|i| heading_ids(&i.blocks, out)),
            _ => {}
        }
    }
}

/// How many levels a table-of-contents entry spans, itself included.
fn depth(entry: &TocElement) -> usize {
    1 + entry.children.iter().map(depth).max().unwrap_or(0)
}

fn write_error(e: impl std::fmt::Display) -> Error {
    Error::Write(format!("epub: {e}"))
}

/// The package, given the fonts already encoded.
fn package(
    doc: &Document,
    style: &Style,
    fonts: &Fonts,
    font_files: &[FontFile],
    user_css: &str,
    settings: Settings,
) -> Result<Warned<Vec<u8>>, Error> {
    let mut warnings = Vec::new();
    let lang = if doc.meta.lang.is_empty() {
        "zh-Hans"
    } else {
        doc.meta.lang.as_str()
    };
    let title = doc.display_title();
    let mut parts = split(doc);

    let cover = doc
        .meta
        .cover
        .as_deref()
        .and_then(|key| Some((key, doc.resources.get(key)?)));
    let mut images: BTreeMap<&str, String> = BTreeMap::new();
    for (n, (src, res)) in doc.resources.iter().enumerate() {
        // The cover travels once, as the cover image; a body image that is the same file
        // shares it.
        if cover.is_some_and(|(key, _)| key == src.as_str()) {
            images.insert(src, cover_path(res.mime));
            continue;
        }
        let ext = if res.mime == "image/png" {
            "png"
        } else {
            "jpg"
        };
        images.insert(src, format!("images/img{:03}.{ext}", n + 1));
    }
    let mut resolve = Package {
        current: Cell::new(0),
        files: parts.iter().map(|p| p.file.clone()).collect(),
        ids: BTreeMap::new(),
        notes: BTreeMap::new(),
        images,
        cited: xhtml::cited_notes(doc),
    };
    for (i, part) in parts.iter().enumerate() {
        let mut ids = Vec::new();
        heading_ids(part.blocks, &mut ids);
        for id in ids {
            resolve.ids.insert(id, i);
        }
        for &n in &part.notes {
            resolve.notes.insert(n, i);
        }
    }

    let mut builder =
        EpubBuilder::new(ZipLibrary::new().map_err(write_error)?).map_err(write_error)?;
    builder.epub_version(EpubVersion::V30);
    builder.escape_html(true);
    builder.set_title(title.clone());
    for author in doc.meta.authors.iter().filter(|a| !a.trim().is_empty()) {
        builder.add_author(author.trim());
    }
    builder.set_lang(lang);
    builder.set_generator("cjkpress");
    // The navigation document's heading: 目录 or 目錄 by language, as the other formats title
    // their contents (`plan::usage` puts it in the subsets).
    builder.set_toc_name(plan::toc_title(lang));
    if let Some(d) = doc
        .meta
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        builder.add_description(d.trim());
    }
    if settings.vertical {
        // EPUB 3.3 §5.4.2.2: the spine progresses right to left, like a printed vertical book.
        builder.metadata("direction", "rtl").map_err(write_error)?;
        // Kindle's switch for vertical text; other reading systems follow the CSS.
        builder.add_metadata_opf(Box::new(MetadataOpf {
            name: "primary-writing-mode".into(),
            content: "vertical-rl".into(),
        }));
    }
    let mut stylesheet = css::stylesheet(
        style,
        fonts,
        Medium::Epub {
            vertical: settings.vertical,
        },
    );
    if crate::gongwen::applies(doc, style) {
        stylesheet.push_str(&official::css(doc, style, fonts));
    }
    stylesheet.push_str(user_css);
    builder
        .stylesheet(stylesheet.as_bytes())
        .map_err(write_error)?;
    // The fonts go in as they are, and the archive deflates them (a TrueType subset shrinks to
    // about half). Images are compressed already: epub-builder lists them in the manifest with
    // an empty placeholder, and `finish` stores the bytes without spending time deflating them.
    for font in font_files {
        builder
            .add_resource(&font.name, font.bytes, font.media_type)
            .map_err(write_error)?;
    }
    // The files epub-builder only lists, with how `finish` puts them in.
    let mut placed: BTreeMap<String, (&[u8], zip::CompressionMethod)> = BTreeMap::new();
    // EPUB 3.3 §5.4.1: the cover image is the manifest item with `properties="cover-image"`,
    // and a cover page before the title page carries the `cover` landmark.
    if let Some((_, res)) = cover {
        let path = cover_path(res.mime);
        builder
            .add_cover_image(&path, &res.data[..], res.mime)
            .map_err(write_error)?;
        let page = format!(
            "<section epub:type=\"cover\" class=\"cover\"><img src=\"{}\" alt=\"{}\"/></section>\n",
            attr(&path),
            attr(&title)
        );
        builder
            .add_content(
                EpubContent::new(
                    "cover.xhtml",
                    xhtml_document(lang, &title, &page).as_bytes(),
                )
                .title(title.clone())
                .reftype(ReferenceType::Cover),
            )
            .map_err(write_error)?;
    }
    for (src, path) in &resolve.images {
        if cover.is_some_and(|(key, _)| key == *src) {
            continue;
        }
        if let Some(res) = doc.resources.get(*src) {
            builder
                .add_resource(path, &[][..], res.mime)
                .map_err(write_error)?;
            placed.insert(
                format!("OEBPS/{path}"),
                (&res.data, zip::CompressionMethod::Stored),
            );
        }
    }

    // The title page, after the blocks that stand before the title (an official document's 版头).
    let mut page = String::from("<section epub:type=\"titlepage\" class=\"titlepage\">\n");
    let mut head = Serializer::new(doc, part_config(settings), &resolve);
    head.blocks(&doc.blocks[..doc.before_title()]);
    page.push_str(&head.take());
    page.push_str(&format!("<h1 class=\"title\">{}</h1>\n", text(&title)));
    if let Some(sub) = doc.meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
        page.push_str(&format!("<p class=\"subtitle\">{}</p>\n", text(sub)));
    }
    for author in &doc.meta.authors {
        page.push_str(&format!("<p class=\"author\">{}</p>\n", text(author)));
    }
    // An official document's date is its 成文日期, under the signature.
    if let Some(date) = doc
        .meta
        .date
        .as_deref()
        .filter(|s| !s.is_empty() && !doc.dates_itself())
    {
        page.push_str(&format!("<p class=\"date\">{}</p>\n", text(date)));
    }
    page.push_str("</section>\n");
    builder
        .add_content(
            EpubContent::new(
                "title.xhtml",
                xhtml_document(lang, &title, &page).as_bytes(),
            )
            .title(title.clone())
            .reftype(ReferenceType::TitlePage),
        )
        .map_err(write_error)?;

    // The contents entries of each part, in order (grouped once: a book has thousands of both).
    let mut entries_of: Vec<Vec<Entry>> = vec![Vec::new(); parts.len()];
    // The navigation lists every level; `toc-depth` limits printed contents only.
    let contents = plan::contents_to(doc, 6);
    // The contents page shows the levels the printed contents do, counted from the top level
    // present (a book whose headings start at `##` nests them from the first list).
    let top = contents.iter().map(|e| e.level).min().unwrap_or(1) as usize;
    let printed_depth = (usize::from(style.toc_depth) + 1)
        .saturating_sub(top)
        .max(1);
    // `--toc` means a contents page in every format: here the navigation document, read after
    // the title page as the PDF prints its contents after the title.
    let toc_page = style.toc && !contents.is_empty();
    for entry in contents {
        if let Some(&part) = resolve.ids.get(entry.id.as_str()) {
            entries_of[part].push(entry);
        }
    }
    let mut first_chapter = true;
    let mut chapters: Vec<(String, String)> = Vec::with_capacity(parts.len());
    // The title page is one level; chapters may nest deeper.
    let mut toc_depth = 1;
    for (i, part) in parts.iter_mut().enumerate() {
        resolve.current.set(i);
        let mut body = render_part(doc, part, &resolve, settings);
        let chapter_title = part
            .blocks
            .iter()
            .find_map(Block::heading)
            .map(|(_, _, inlines)| plain_text(inlines).trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| title.clone());
        let mut xml = xhtml_document(lang, &chapter_title, &body);
        if settings.raw_html && !well_formed(&xml) {
            warnings.push(Warning::warn(format!(
                "raw HTML in {} is not well-formed XHTML; it is shown as text in the EPUB",
                part.file
            )));
            let escaped = Settings {
                raw_html: false,
                ..settings
            };
            body = render_part(doc, part, &resolve, escaped);
            xml = xhtml_document(lang, &chapter_title, &body);
        }
        // An empty placeholder: `finish` deflates the chapter itself, at a level of its choosing
        // (epub-builder's is zip's default, the slowest part of a book with ruby).
        let mut content = EpubContent::new(part.file.clone(), &[][..]);
        chapters.push((format!("OEBPS/{}", part.file), xml));
        if let Some(entry) = toc_entry(part, &entries_of[i]) {
            toc_depth = toc_depth.max(depth(&entry));
            content.toc = entry;
            // EPUB 3.3 §5.4.3 landmarks: where the body of the book begins.
            if first_chapter && part.file.starts_with("ch") {
                content = content.reftype(ReferenceType::Text);
                first_chapter = false;
            }
        }
        builder.add_content(content).map_err(write_error)?;
    }

    let mut raw = Vec::new();
    builder.generate(&mut raw).map_err(write_error)?;
    let fixes = Fixes {
        accessibility: accessibility(doc),
        toc_title: plan::toc_title(lang).to_string(),
        identifier: identifier(doc),
        date: w3c_date(doc.meta.date.as_deref().unwrap_or("")),
        lang: lang.to_string(),
        epoch: settings.epoch,
        toc_depth,
        toc_page,
        printed_depth,
    };
    for (path, xml) in &chapters {
        placed.insert(
            path.clone(),
            (xml.as_bytes(), zip::CompressionMethod::Deflated),
        );
    }
    let bytes = finish(&raw, &fixes, &placed)?;
    Ok(Warned {
        value: bytes,
        warnings,
    })
}

/// The package's accessibility metadata (EPUB Accessibility 1.1 §5.1, schema.org properties):
/// what a retailer's and a reader's software ask before offering the book.
fn accessibility(doc: &Document) -> Vec<(&'static str, String)> {
    let images = !doc.resources.is_empty();
    let mut meta = vec![("schema:accessMode", "textual".to_string())];
    if images {
        meta.push(("schema:accessMode", "visual".into()));
    }
    // Every image carries its alternative text (the Markdown alt) in the content documents.
    meta.push(("schema:accessModeSufficient", "textual".into()));
    for feature in [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ] {
        meta.push(("schema:accessibilityFeature", feature.into()));
    }
    if images {
        meta.push(("schema:accessibilityFeature", "alternativeText".into()));
    }
    meta.push(("schema:accessibilityHazard", "none".into()));
    meta.push((
        "schema:accessibilitySummary",
        "Reflowable text with headings, a navigable table of contents and an embedded font; \
         the reading order follows the source."
            .into(),
    ));
    meta
}

/// How the content documents are serialized.
fn part_config(settings: Settings) -> Config {
    Config {
        xml: true,
        raw_html: settings.raw_html,
        heading_shift: 0,
        epub: true,
        vertical: settings.vertical,
    }
}

/// The body of one part: its blocks, then the bodies of the notes it cites.
fn render_part(doc: &Document, part: &Part, resolve: &Package, settings: Settings) -> String {
    let mut s = Serializer::new(doc, part_config(settings), resolve);
    if part.file.starts_with("ch") {
        // DPUB-ARIA and EPUB Structural Semantics: a chapter.
        s.raw("<section epub:type=\"chapter\" role=\"doc-chapter\">\n");
    } else {
        s.raw("<section>\n");
    }
    s.blocks(part.blocks);
    s.raw("</section>\n");
    for &index in &part.notes {
        // EPUB 3 Structural Semantics: reading systems show an `aside` footnote as a pop-up
        // when it is in the same document as its `noteref`.
        s.raw(&format!(
            "<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\" id=\"{}\">\n",
            xhtml::note_id(index)
        ));
        s.note(index, BackLink::Start);
        s.raw("</aside>\n");
    }
    s.take()
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;
    use crate::model::{Attr, Inline, Metadata, Note};
    use crate::style::Preset;

    fn t(s: &str) -> Vec<Inline> {
        vec![Inline::Text(s.into())]
    }

    fn doc() -> Document {
        Document {
            meta: Metadata {
                title: "书".into(),
                lang: "zh-Hant".into(),
                authors: vec!["甲".into()],
                date: Some("2009年3月5日".into()),
                ..Metadata::default()
            },
            blocks: vec![
                Block::Paragraph { inlines: t("序") },
                Block::Heading {
                    level: 1,
                    attr: Attr::id("一"),
                    inlines: t("一"),
                },
                Block::RunIn {
                    level: 2,
                    attr: Attr::id("甲"),
                    heading: t("甲。"),
                    inlines: vec![Inline::Text("文".into()), Inline::NoteRef { index: 1 }],
                },
                Block::Heading {
                    level: 1,
                    attr: Attr::id("二"),
                    inlines: t("二"),
                },
                Block::Paragraph {
                    inlines: vec![
                        Inline::Link {
                            url: "#甲".into(),
                            inlines: t("见甲"),
                        },
                        Inline::NoteRef { index: 1 },
                    ],
                },
            ],
            notes: vec![
                Note {
                    label: "a".into(),
                    blocks: vec![Block::Paragraph {
                        inlines: t("无人引"),
                    }],
                },
                Note {
                    label: "b".into(),
                    blocks: vec![Block::Paragraph { inlines: t("注") }],
                },
            ],
            ..Document::default()
        }
    }

    fn build(doc: &Document, vertical: bool) -> Vec<u8> {
        build_with(doc, vertical, Style::preset(Preset::Handout))
    }

    fn build_with(doc: &Document, vertical: bool, style: Style) -> Vec<u8> {
        let settings = Settings {
            vertical,
            raw_html: false,
            epoch: 1_700_000_000,
        };
        let font = FontFile {
            name: "fonts/F.ttf".into(),
            bytes: b"\0\x01\0\0 not really a font, not really a font",
            media_type: "font/ttf",
        };
        package(doc, &style, &Fonts::generic(), &[font], "", settings)
            .unwrap()
            .value
    }

    fn entry(epub: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(epub)).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn one_file_per_chapter_and_notes_with_their_first_reference() {
        let d = doc();
        let parts = split(&d);
        let files: Vec<&str> = parts.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["front.xhtml", "ch001.xhtml", "ch002.xhtml"]);
        assert_eq!(parts[1].notes, [1]);
        // Nobody cites note 0: it closes the book.
        assert_eq!(parts[2].notes, [0]);
    }

    /// A heading below level 1 before the first chapter opens a part of its own, and no
    /// package file is named after a link with a fragment (a fuzz finding: `front.xhtml#x`,
    /// and the text before `x` was left out of the book's reading order).
    #[test]
    fn a_heading_in_the_front_matter_opens_its_own_file() {
        let mut d = doc();
        d.blocks.insert(
            1,
            Block::Heading {
                level: 2,
                attr: Attr::id("引"),
                inlines: t("引"),
            },
        );
        let files: Vec<String> = split(&d).into_iter().map(|p| p.file).collect();
        assert_eq!(
            files,
            ["front.xhtml", "ch001.xhtml", "ch002.xhtml", "ch003.xhtml"]
        );
        let epub = build(&d, false);
        let zip = zip::ZipArchive::new(Cursor::new(epub.as_slice())).unwrap();
        assert!(
            zip.file_names().all(|n| !n.contains('#')),
            "{:?}",
            zip.file_names().collect::<Vec<_>>()
        );
        assert!(entry(&epub, "OEBPS/front.xhtml").contains("序"));
        assert!(entry(&epub, "OEBPS/toc.ncx").contains("src=\"ch001.xhtml\""));
    }

    #[test]
    fn package_is_deterministic_and_fixed_up() {
        let d = doc();
        let a = build(&d, false);
        assert_eq!(a, build(&d, false));
        let mut zip = zip::ZipArchive::new(Cursor::new(a.as_slice())).unwrap();
        assert_eq!(zip.by_index(0).unwrap().name(), "mimetype");
        assert_eq!(
            zip.by_index(0).unwrap().compression(),
            zip::CompressionMethod::Stored
        );
        for i in 0..zip.len() {
            let f = zip.by_index(i).unwrap();
            assert_eq!(
                f.last_modified(),
                Some(zip::DateTime::from_date_and_time(2023, 11, 14, 22, 13, 20).unwrap())
            );
        }
        // The TrueType font is deflated, and comes back as given.
        let font = zip.by_name("OEBPS/fonts/F.ttf").unwrap();
        assert_eq!(font.compression(), zip::CompressionMethod::Deflated);
        drop(font);
        assert_eq!(
            entry(&a, "OEBPS/fonts/F.ttf"),
            "\0\x01\0\0 not really a font, not really a font"
        );
        let opf = entry(&a, "OEBPS/content.opf");
        assert!(
            opf.contains("media-type=\"font/ttf\" id=\"id_fonts_F.ttf\" href=\"fonts/F.ttf\""),
            "{opf}"
        );
        assert!(opf.contains(&format!(">{}</dc:identifier>", identifier(&d))));
        assert!(opf.contains("<dc:language>zh-Hant</dc:language>"));
        assert!(opf.contains("<dc:date>2009-03-05</dc:date>"));
        assert!(opf.contains("<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"));
        assert_eq!(opf.matches("id=\"epub-creator-0\"").count(), 1);
        // The package's own language, and the navigation out of the reading order.
        assert!(opf.contains("unique-identifier=\"epub-id-1\" xml:lang=\"zh-Hant\">"));
        assert!(opf.contains("<itemref idref=\"nav\" linear=\"no\"/>\n  </spine>"));
        let nav = entry(&a, "OEBPS/nav.xhtml");
        assert!(nav.contains("xml:lang=\"zh-Hant\" lang=\"zh-Hant\""));
        assert!(nav.contains("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">"));
        assert!(nav.contains("<a href=\"ch001.xhtml#甲\">甲。</a>"));
        assert!(entry(&a, "OEBPS/toc.ncx").contains("<meta name=\"dtb:depth\" content=\"2\" />"));
        // A link and a note reference across files name the file.
        let ch2 = entry(&a, "OEBPS/ch002.xhtml");
        assert!(ch2.contains("<a href=\"ch001.xhtml#甲\">见甲</a>"));
        assert!(ch2.contains("href=\"ch001.xhtml#fn_2\""));
        assert!(ch2.contains(
            "<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\" id=\"fn_1\">"
        ));
        assert!(well_formed(&ch2));
        assert!(
            entry(&a, "META-INF/com.apple.ibooks.display-options.xml")
                .contains("<option name=\"specified-fonts\">true</option>")
        );
    }

    /// `--toc`: the navigation document is the contents page, read after the title page.
    #[test]
    fn a_toc_is_read_after_the_title_page() {
        let mut style = Style::preset(Preset::Handout);
        style.toc = true;
        let opf = entry(&build_with(&doc(), false, style), "OEBPS/content.opf");
        assert!(
            opf.contains(
                "<itemref idref=\"id_title.xhtml\"/>\n    <itemref idref=\"nav\"/>\n    <itemref idref=\"id_front.xhtml\"/>"
            ),
            "{opf}"
        );
        assert!(!opf.contains("linear=\"no\""));
        // Nothing to list, no contents page.
        let mut style = Style::preset(Preset::Handout);
        style.toc = true;
        let empty = entry(
            &build_with(&Document::default(), false, style),
            "OEBPS/content.opf",
        );
        assert!(empty.contains("<itemref idref=\"nav\" linear=\"no\"/>"));
    }

    #[test]
    fn an_empty_document_is_a_title_page() {
        let epub = build(&Document::default(), false);
        let opf = entry(&epub, "OEBPS/content.opf");
        assert!(opf.contains("<dc:title>Untitled</dc:title>"));
        // The title page, and the navigation document out of the reading order.
        assert_eq!(opf.matches("<itemref ").count(), 2);
        assert!(opf.contains("<itemref idref=\"nav\" linear=\"no\"/>"));
        assert!(well_formed(&entry(&epub, "OEBPS/title.xhtml")));
    }

    #[test]
    fn vertical_writing() {
        let v = build(&doc(), true);
        assert!(entry(&v, "OEBPS/content.opf").contains("page-progression-direction=\"rtl\""));
        assert!(entry(&v, "OEBPS/stylesheet.css").contains("writing-mode: vertical-rl"));
    }

    #[test]
    fn raw_html_must_be_well_formed() {
        assert!(well_formed("<p>a<b>b</b>&amp;&#x4e00;</p>"));
        assert!(!well_formed("<p>a<br></p>"));
        assert!(!well_formed("<p>&nbsp;</p>"));
        assert!(!well_formed("<p><input disabled/></p>"));
        assert!(!well_formed("<p>"));
        let mut d = doc();
        d.blocks.push(Block::Html {
            text: "<div>x<br></div>".into(),
        });
        let settings = Settings {
            vertical: false,
            raw_html: true,
            epoch: 0,
        };
        let out = package(
            &d,
            &Style::preset(Preset::Handout),
            &Fonts::generic(),
            &[],
            "",
            settings,
        )
        .unwrap();
        assert_eq!(out.warnings.len(), 1);
        assert!(
            entry(&out.value, "OEBPS/ch002.xhtml").contains("&lt;div&gt;x&lt;br&gt;&lt;/div&gt;")
        );
    }
}
