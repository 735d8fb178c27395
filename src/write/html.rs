//! The HTML writer: one self-contained UTF-8 HTML5 page.
//!
//! Everything the page needs is inside it: the font subsets as WOFF2 `data:` URIs in the
//! stylesheet, images as `data:` URIs, no script and no request to anywhere. The body comes from
//! the shared XHTML serializer and the stylesheet from the shared CSS module, the same ones the
//! EPUB writer uses.

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::Context;
use crate::error::{Error, Warned};
use crate::gongwen;
use crate::model::Document;
use crate::style::{Style, plan};
use crate::write::css::{self, Fonts, Medium};
use crate::write::official;
use crate::write::user_css::{self, Asset};
use crate::write::xhtml::{self, BackLink, Config, Resolve, Serializer, attr, text};

/// Writes `doc` as one HTML page.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    // The page keeps WOFF2: the smallest files, and every browser reads them.
    let fonts = Fonts::from_context(ctx, true, |_, subset, format| {
        Ok(data_uri(format.media_type(), subset.woff2()?))
    })?;
    let mut warnings = Vec::new();
    let user = user_css::resolve(
        ctx.css,
        &user_css::chars(ctx.subsets),
        |asset| match asset {
            Asset::Font(subset) => Ok(data_uri("font/woff2", subset.woff2()?)),
            Asset::Image { mime, data } => Ok(data_uri(mime, &data)),
        },
        &mut warnings,
    )?;
    let mut out = page(doc, ctx.style, &fonts, ctx.options.raw_html, &user);
    warnings.append(&mut out.warnings);
    out.warnings = warnings;
    Ok(out)
}

/// A `data:` URI (RFC 2397) of `bytes`.
fn data_uri(mime: &str, bytes: &[u8]) -> String {
    let mut uri = String::with_capacity(bytes.len() * 4 / 3 + mime.len() + 16);
    uri.push_str("data:");
    uri.push_str(mime);
    uri.push_str(";base64,");
    STANDARD.encode_string(bytes, &mut uri);
    uri
}

/// Links and notes are fragments of this page; images are inlined.
struct Page<'a> {
    doc: &'a Document,
    cited: Vec<bool>,
}

impl Resolve for Page<'_> {
    fn link<'u>(&self, url: &'u str) -> Cow<'u, str> {
        Cow::Borrowed(url)
    }

    fn note(&self, index: usize) -> String {
        format!("#{}", xhtml::note_id(index))
    }

    fn image(&self, src: &str) -> Option<String> {
        let res = self.doc.resources.get(src)?;
        Some(data_uri(res.mime, &res.data))
    }

    fn cited(&self, index: usize) -> bool {
        self.cited.get(index).copied().unwrap_or(false)
    }
}

/// The page, given the fonts already encoded.
/// `user` is the user's CSS, which follows ours.
fn page(
    doc: &Document,
    style: &Style,
    fonts: &Fonts,
    raw_html: bool,
    user: &str,
) -> Warned<Vec<u8>> {
    let stylesheet = css::stylesheet(style, fonts, Medium::Html);
    let has_title = !doc.meta.title.trim().is_empty();
    let config = Config {
        xml: false,
        raw_html,
        // The page title is the one `<h1>`; the document's headings start at `<h2>`.
        heading_shift: u8::from(has_title),
        epub: false,
        vertical: style.vertical,
    };
    let resolve = Page {
        doc,
        cited: xhtml::cited_notes(doc),
    };
    let mut body = Serializer::new(doc, config, &resolve);

    let lang = if doc.meta.lang.is_empty() {
        "zh-Hans"
    } else {
        doc.meta.lang.as_str()
    };
    let mut out = String::with_capacity(stylesheet.len() + 64 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n", attr(lang)));
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    out.push_str(&format!("<title>{}</title>\n", text(&doc.display_title())));
    if let Some(summary) = xhtml::summary(doc) {
        out.push_str(&format!(
            "<meta name=\"description\" content=\"{}\">\n",
            attr(&summary)
        ));
    }
    if !doc.meta.authors.is_empty() {
        out.push_str(&format!(
            "<meta name=\"author\" content=\"{}\">\n",
            attr(&doc.meta.authors.join(", "))
        ));
    }
    out.push_str("<meta name=\"generator\" content=\"cjkpress\">\n");
    out.push_str("<style>\n");
    out.push_str(&stylesheet);
    if gongwen::applies(doc, style) {
        out.push_str(&official::css(doc, style, fonts));
    }
    // `</` would end the element (HTML §13.1.2.6); `\/` is the same character to CSS
    // (CSS Syntax 3 §4.3.7).
    out.push_str(&user.replace("</", "<\\/"));
    out.push_str("</style>\n</head>\n<body>\n");

    // The blocks before the title (an official document's 版头) belong to the page's banner
    // with the title: content outside every landmark is what a screen reader's landmark
    // navigation skips (axe `region`).
    let (head, blocks) = doc.blocks.split_at(doc.before_title());
    let banner = has_title || !head.is_empty();
    if banner {
        out.push_str("<header>\n");
    }
    body.blocks(head);
    out.push_str(&body.take());
    if has_title {
        out.push_str(&format!(
            "<h1 class=\"title\">{}</h1>\n",
            text(&doc.meta.title)
        ));
        if let Some(sub) = doc.meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
            out.push_str(&format!("<p class=\"subtitle\">{}</p>\n", text(sub)));
        }
        for author in &doc.meta.authors {
            out.push_str(&format!("<p class=\"author\">{}</p>\n", text(author)));
        }
        // An official document's date is its 成文日期, under the signature.
        if let Some(date) = doc
            .meta
            .date
            .as_deref()
            .filter(|s| !s.is_empty() && !doc.dates_itself())
        {
            out.push_str(&format!("<p class=\"date\">{}</p>\n", text(date)));
        }
    }
    if banner {
        out.push_str("</header>\n");
    }
    toc(doc, style, &mut out);
    out.push_str("<main>\n");
    body.blocks(blocks);
    out.push_str(&body.take());
    out.push_str("</main>\n");
    if !doc.notes.is_empty() {
        // DPUB-ARIA `doc-endnotes`: the notes of the whole page, numbered as referenced.
        out.push_str(&format!(
            "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"{}\">\n<ol>\n",
            plan::notes_label(&doc.meta.lang)
        ));
        for index in 0..doc.notes.len() {
            out.push_str(&format!("<li id=\"{}\">\n", xhtml::note_id(index)));
            body.note(index, BackLink::End);
            out.push_str(&body.take());
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    Warned {
        value: out.into_bytes(),
        warnings: Vec::new(),
    }
}

/// A contents of at most this many entries (about one screen of titles) is shown open; a longer
/// one, a book's, starts folded, so that the text is not screens of titles down the page.
const OPEN_CONTENTS: usize = 12;

/// The table of contents (`plan::contents`), nested, linking to the headings' ids, inside a
/// `<details>` whose `<summary>` is its title, so that a reader can fold it away. It is there
/// where the PDF prints one: where `--toc` or the preset asks for it (`Style::toc`).
fn toc(doc: &Document, style: &Style, out: &mut String) {
    if !style.toc {
        return;
    }
    let entries: Vec<(u8, String, String)> = plan::contents(doc, style)
        .into_iter()
        .map(|e| (e.level, e.id, e.title))
        .collect();
    if entries.is_empty() {
        return;
    }
    let title = plan::toc_title(&doc.meta.lang);
    let folded = if entries.len() <= OPEN_CONTENTS {
        " open"
    } else {
        ""
    };
    out.push_str(&format!(
        "<nav class=\"toc\" aria-label=\"{title}\">\n<details{folded}>\n"
    ));
    // A summary may hold one heading (HTML § 4.11.2), which keeps the title in the outline.
    out.push_str(&format!(
        "<summary class=\"toc-head\"><h2 class=\"toc-title\">{title}</h2></summary>\n<ol>\n"
    ));
    // The level of each open `<ol>`: a deeper heading opens a list inside the open item, a
    // shallower one closes lists until it fits.
    let mut open: Vec<u8> = vec![entries[0].0];
    for (i, (level, id, label)) in entries.iter().enumerate() {
        if i > 0 {
            if *level > *open.last().unwrap_or(&0) {
                out.push_str("\n<ol>\n");
                open.push(*level);
            } else {
                out.push_str("</li>\n");
                while open.len() > 1 && *level < *open.last().unwrap_or(&0) {
                    open.pop();
                    out.push_str("</ol>\n</li>\n");
                }
            }
        }
        out.push_str(&format!(
            "<li><a class=\"toc-{}\" href=\"#{}\">{}</a>",
            level.clamp(&1, &6),
            attr(id),
            text(label)
        ));
    }
    for _ in &open {
        out.push_str("</li>\n</ol>\n");
    }
    out.push_str("</details>\n</nav>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attr, Block, Inline, Metadata, Note};
    use crate::style::Preset;

    fn heading(level: u8, id: &str) -> Block {
        Block::Heading {
            level,
            attr: Attr::id(id),
            inlines: vec![Inline::Text(id.into())],
        }
    }

    fn doc() -> Document {
        Document {
            meta: Metadata {
                title: "讲话".into(),
                lang: "zh-Hans".into(),
                ..Metadata::default()
            },
            blocks: vec![
                heading(1, "一"),
                Block::RunIn {
                    level: 2,
                    attr: Attr::id("甲"),
                    heading: vec![Inline::Text("甲".into())],
                    inlines: vec![Inline::Text("文".into()), Inline::NoteRef { index: 0 }],
                },
                heading(3, "子"),
                heading(1, "二"),
            ],
            notes: vec![Note {
                label: "1".into(),
                blocks: vec![Block::Paragraph {
                    inlines: vec![Inline::Text("注".into())],
                }],
            }],
            ..Document::default()
        }
    }

    fn render_with(doc: &Document, toc: bool) -> String {
        let mut style = Style::preset(Preset::Handout);
        style.toc = toc;
        let out = page(doc, &style, &Fonts::generic(), false, "");
        String::from_utf8(out.value).unwrap()
    }

    fn render(doc: &Document) -> String {
        render_with(doc, false)
    }

    #[test]
    fn toc_nests_every_heading_where_asked_for() {
        assert!(!render(&doc()).contains("<nav"));
        let html = render_with(&doc(), true);
        let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
        assert_eq!(
            nav.replace('\n', ""),
            "<nav class=\"toc\" aria-label=\"目录\"><details open><summary class=\"toc-head\"><h2 class=\"toc-title\">目录</h2></summary><ol><li><a class=\"toc-1\" href=\"#一\">一</a><ol><li><a class=\"toc-2\" href=\"#甲\">甲</a><ol><li><a class=\"toc-3\" href=\"#子\">子</a></li></ol></li></ol></li><li><a class=\"toc-1\" href=\"#二\">二</a></li></ol></details>"
        );
    }

    #[test]
    fn page_has_lang_title_description_and_notes() {
        let html = render(&doc());
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"));
        assert!(html.contains("<title>讲话</title>"));
        assert!(html.contains("<meta name=\"description\" content=\"文\">"));
        assert!(html.contains("<h1 class=\"title\">讲话</h1>"));
        assert!(html.contains("<h2 id=\"一\" class=\"level-1\">一</h2>"));
        // A run-in is no `<hN>`: the level-3 heading after it is the next rank, `<h3>`.
        assert!(html.contains("<h3 id=\"子\" class=\"level-3\">子</h3>"));
        assert!(html.contains("<li id=\"fn_1\">\n<p>注 <a class=\"note-back\" href=\"#fnref_1\""));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn an_empty_document_is_a_valid_page() {
        let html = render(&Document::default());
        assert!(html.contains("<html lang=\"zh-Hans\">"));
        assert!(html.contains("<title>Untitled</title>"));
        assert!(!html.contains("<header>") && !html.contains("<nav"));
    }

    #[test]
    fn data_uris_are_base64() {
        assert_eq!(
            data_uri("font/woff2", b"wOF2"),
            "data:font/woff2;base64,d09GMg=="
        );
    }
}
