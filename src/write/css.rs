//! The stylesheet shared by the EPUB and HTML writers.
//!
//! One function, [`stylesheet`], turns the preset (`Style`) and the document's web fonts into
//! CSS. The two writers differ only in where a font file lives (a path inside the EPUB package, a
//! `data:` URI in the HTML page), which they pass in, and in the [`Medium`].
//!
//! Chinese reading rules (W3C clreq, "Requirements for Chinese Text Layout"): paragraphs indented
//! 2 em with no space between them (clreq §3.4.1), text justified, strict line breaking (kinsoku,
//! CSS Text 3 `line-break: strict`), emphasis as dots beside the characters rather than italics
//! (clreq §3.2.1, GB/T 15834 着重号), and ¼-em space between Han and Latin letters or digits
//! (clreq §3.6.2, CSS Text 4 `text-autospace: normal`), as the PDF sets it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::Context;
use crate::error::Error;
use crate::font::{FaceId, Role, Subset};
use crate::style::{Element, PageNumbers, Style};

/// Where the stylesheet is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    /// An EPUB package: no colours or page size (the reading system owns those); optionally
    /// vertical writing.
    Epub {
        /// `writing-mode: vertical-rl` on the whole book.
        vertical: bool,
    },
    /// A web page: a comfortable measure on any screen, a dark scheme, and `@page` for printing;
    /// vertical writing where the style has it.
    Html,
}

/// One embedded font file: an `@font-face` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebFont {
    /// The CSS family name the rule declares.
    pub family: String,
    /// Declared as weight 700 rather than 400.
    pub bold: bool,
    /// The `url()` of the font file: a package path or a `data:` URI.
    pub src: String,
    /// The file's format.
    pub format: FontFormat,
    /// `size-adjust`, in per cent: a face that only stands in for others, its ideographs made
    /// to look as large as the body face's (`FontSet::blend_scale`).
    pub size_adjust: Option<u32>,
}

/// How an embedded subset travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontFormat {
    /// WOFF2, for the HTML page: the smallest file, read by every browser.
    Woff2,
    /// The subset itself, TrueType outlines (`glyf`).
    TrueType,
    /// The subset itself, CFF outlines (`OTTO`).
    OpenType,
}

impl FontFormat {
    /// The format of a subset carried as it is, from its sfnt version tag (OpenType §5).
    pub fn of_sfnt(font: &[u8]) -> FontFormat {
        if font.starts_with(b"OTTO") {
            FontFormat::OpenType
        } else {
            FontFormat::TrueType
        }
    }

    /// The `format()` hint of `@font-face` (CSS Fonts 4 §4.3.1).
    pub fn css(self) -> &'static str {
        match self {
            FontFormat::Woff2 => "woff2",
            FontFormat::TrueType => "truetype",
            FontFormat::OpenType => "opentype",
        }
    }

    /// The media type (RFC 8081), as EPUB 3.3's core media types list them (§3.2).
    pub fn media_type(self) -> &'static str {
        match self {
            FontFormat::Woff2 => "font/woff2",
            FontFormat::TrueType => "font/ttf",
            FontFormat::OpenType => "font/otf",
        }
    }

    /// The file extension, without a dot.
    pub fn extension(self) -> &'static str {
        match self {
            FontFormat::Woff2 => "woff2",
            FontFormat::TrueType => "ttf",
            FontFormat::OpenType => "otf",
        }
    }
}

/// A `font-family` list and the weight that selects the role's face in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stack {
    /// The family list, ready for CSS (quoted names, a generic family last).
    pub families: String,
    /// 700 when the role's face is bold, else 400.
    pub weight: u16,
}

impl Stack {
    /// A stack of a generic family alone (no embedded font).
    pub fn generic(generic: &str, bold: bool) -> Stack {
        Stack {
            families: generic.to_string(),
            weight: if bold { 700 } else { 400 },
        }
    }
}

/// The embedded fonts and the family stack of every role the stylesheet styles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fonts {
    /// One rule per embedded subset.
    pub faces: Vec<WebFont>,
    /// Body text.
    pub body: Stack,
    /// Strong emphasis and table headers in body text.
    pub strong: Stack,
    /// Emphasis; `None` when it is the body face, so emphasis is shown with dots.
    pub emphasis: Option<Stack>,
    /// The title and subtitle.
    pub title: Stack,
    /// Headings, levels 1..=6.
    pub headings: [Stack; 6],
    /// The heading of the table of contents.
    pub toc_title: Stack,
    /// Code.
    pub mono: Stack,
}

impl Fonts {
    /// Fonts without any embedded face (generic families only), for callers that embed nothing.
    pub fn generic() -> Fonts {
        let serif = |bold| Stack::generic("serif", bold);
        Fonts {
            faces: Vec::new(),
            body: serif(false),
            strong: serif(true),
            emphasis: None,
            title: serif(true),
            headings: std::array::from_fn(|_| serif(true)),
            toc_title: serif(true),
            mono: Stack::generic("monospace", false),
        }
    }

    /// The document's subsets as web fonts, and each role's stack. `woff2` chooses WOFF2 files
    /// over the subsets as they are (TrueType or OpenType); `src` gives the `url()` of a
    /// subset's file in that format (it may encode and store the file as a side effect).
    pub fn from_context(
        ctx: &Context,
        woff2: bool,
        mut src: impl FnMut(FaceId, &Subset, FontFormat) -> Result<String, Error>,
    ) -> Result<Fonts, Error> {
        // WOFF2 encoding (Brotli) is most of the time a small document takes; the subsets are
        // independent, so they are encoded side by side. Each is cached in its `Subset`, and an
        // error comes back again when `src` asks for the file.
        if woff2 {
            std::thread::scope(|scope| {
                for subset in ctx.subsets.by_face.values() {
                    scope.spawn(move || {
                        let _ = subset.woff2();
                    });
                }
            });
        }
        // A CSS family name per face ("Noto Serif SC Bold"), not one family with two weights:
        // a browser falls back only to the next *family* in a list when the face it matched
        // lacks a character (CSS Fonts 4 §5.3), so each face must be a family of its own for
        // the other subsets to stand in for it. Each role names its own face first.
        let mut names: BTreeMap<FaceId, String> = BTreeMap::new();
        let mut faces = Vec::new();
        for (&id, subset) in &ctx.subsets.by_face {
            let face = ctx.fonts.face(id);
            let base = format!(
                "{} {}",
                face.family,
                if face.bold { "Bold" } else { "Regular" }
            );
            let mut family = base.clone();
            let mut n = 1;
            while names.values().any(|taken| *taken == family) {
                n += 1;
                family = format!("{base} {n}");
            }
            names.insert(id, family.clone());
            let format = if woff2 {
                FontFormat::Woff2
            } else {
                FontFormat::of_sfnt(&subset.ttf)
            };
            faces.push(WebFont {
                family,
                bold: face.bold,
                src: src(id, subset, format)?,
                format,
                size_adjust: size_adjust(ctx, id),
            });
        }
        // Every other family follows the role's own, so that a character the role's face lacks
        // comes from the fallback faces the subsets were cut from, never from a system font.
        let mut all: Vec<&str> = Vec::new();
        for name in names.values() {
            if !all.contains(&name.as_str()) {
                all.push(name);
            }
        }
        let stack = |element: Element, generic: &str| -> Stack {
            let look = ctx.style.look(element);
            let id = ctx.fonts.primary(look.role, look.bold);
            let face = ctx.fonts.face(id);
            let weight = if face.bold || look.bold { 700 } else { 400 };
            let mut list: Vec<&str> = Vec::new();
            if let Some(own) = names.get(&id) {
                list.push(own);
            }
            for name in &all {
                if !list.contains(name) {
                    list.push(name);
                }
            }
            let mut families: Vec<String> = list.iter().map(|n| quote(n)).collect();
            families.push(generic.to_string());
            Stack {
                families: families.join(", "),
                weight,
            }
        };
        let body = stack(Element::Body, "serif");
        let body_look = ctx.style.look(Element::Body);
        let emphasis_face = ctx.fonts.primary(Role::Emphasis, false);
        let emphasis = (emphasis_face != ctx.fonts.primary(body_look.role, false)).then(|| {
            let own = names.get(&emphasis_face).map(|n| quote(n));
            Stack {
                families: own
                    .into_iter()
                    .chain([body.families.clone()])
                    .collect::<Vec<_>>()
                    .join(", "),
                weight: 400,
            }
        });
        // Code: the monospaced face first, then the other subsets (the serif draws its CJK).
        let mono = stack(Element::Code, "monospace");
        let strong = {
            let id = ctx.fonts.primary(body_look.role, true);
            let families = names
                .get(&id)
                .map(|n| format!("{}, {}", quote(n), body.families))
                .unwrap_or_else(|| body.families.clone());
            Stack {
                families,
                weight: 700,
            }
        };
        Ok(Fonts {
            faces,
            strong,
            emphasis,
            title: stack(Element::Title, "serif"),
            headings: std::array::from_fn(|i| stack(Element::Heading(i as u8 + 1), "serif")),
            toc_title: stack(Element::TocTitle, "serif"),
            body,
            mono,
        })
    }
}

/// A CSS string: `"Noto Serif SC"` (CSS Syntax 3 §4.3.5 escapes `"` and `\`). `<`, `>` and `&`
/// and every control character are written as hex escapes (§4.3.7), so that a font's name can
/// never close the HTML `<style>` element (`</style><script>…`) or break the XHTML it stands in.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {
                // A NUL cannot be escaped (it reads as U+FFFD); the name keeps its other letters.
                if c != '\0' {
                    out.push_str(&format!("\\{:x} ", c as u32));
                }
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A length in em, at most three decimals, without trailing zeros.
fn em(x: f32) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}em")
}

/// A plain number with at most three decimals.
fn num(x: f32) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The `size-adjust` of face `id`'s rule: only for a face that is no role's own, which then
/// draws nothing but what the others lack, scaled to the body face's ideographs. A face that is
/// some role's own keeps its size there, and CSS gives one face one size.
fn size_adjust(ctx: &Context, id: FaceId) -> Option<u32> {
    // The roles the stylesheet's stacks name first, either weight (`strong` is the body's bold).
    let styled = [
        Element::Body,
        Element::Title,
        Element::TocTitle,
        Element::Code,
    ]
    .into_iter()
    .chain((1..=6).map(Element::Heading))
    .map(|e| ctx.style.look(e).role)
    .chain([Role::Emphasis]);
    let own = styled
        .flat_map(|r| [false, true].map(|b| (r, b)))
        .any(|(r, b)| ctx.fonts.primary(r, b) == id);
    let body = ctx.style.look(Element::Body);
    let scale = ctx.fonts.blend_scale(body.role, body.bold, id);
    (!own && scale != 1.0).then(|| (scale * 100.0).round() as u32)
}

/// The stylesheet for `style`, the embedded `fonts` and the `medium`.
pub fn stylesheet(style: &Style, fonts: &Fonts, medium: Medium) -> String {
    let mut css = String::with_capacity(4096);
    for face in &fonts.faces {
        // `font-style: normal` on both faces: the browser must not pick the bold face for
        // `font-style: italic` text or synthesise an oblique from it without being asked.
        let adjust = face
            .size_adjust
            .map(|p| format!(" size-adjust: {p}%;"))
            .unwrap_or_default();
        let _ = writeln!(
            css,
            "@font-face {{ font-family: {}; font-weight: {}; font-style: normal; src: url(\"{}\") format(\"{}\");{adjust} }}",
            quote(&face.family),
            if face.bold { 700 } else { 400 },
            face.src,
            face.format.css()
        );
    }
    let size = |pt: f32| em(pt / style.body_size);
    let line_height = num(style.line_pitch / style.body_size);
    let indent = em(style.indent_em);

    let vertical = match medium {
        Medium::Epub { vertical } => vertical,
        Medium::Html => style.vertical,
    };
    if vertical {
        // CSS Writing Modes 3; the -epub- and -webkit- aliases are what EPUB 3.0 reading systems
        // and older Apple Books read (EPUB 3 Content Documents 3.0.1 §6.2 CSS 2.1 + prefixes).
        css.push_str(
            "html { writing-mode: vertical-rl; -webkit-writing-mode: vertical-rl; -epub-writing-mode: vertical-rl; }\n",
        );
        // Tate-chu-yoko: the writer wraps short numbers in `.tcy` (CSS Writing Modes 3 §9.1).
        css.push_str(
            ".tcy { text-combine-upright: all; -webkit-text-combine: horizontal; -epub-text-combine: horizontal; }\n",
        );
    }
    if medium == Medium::Html {
        css.push_str(":root { color-scheme: light dark; }\n");
    }
    let _ = writeln!(
        css,
        "body {{ font-family: {}; font-weight: {}; line-height: {line_height}; text-align: justify; line-break: strict; text-autospace: normal; overflow-wrap: break-word; }}",
        fonts.body.families, fonts.body.weight
    );
    if medium == Medium::Html {
        // About 36 characters a line on a wide screen: a comfortable measure for Chinese; the
        // padding keeps text off the edges of a phone screen.
        css.push_str("body { max-width: 36em; margin: 0 auto; padding: 1em 1.25em 3em; }\n");
        if vertical {
            // A vertical page (CSS Writing Modes 3 §3.1): the same measure and padding in
            // logical directions, its columns no taller than the window, so that the page
            // scrolls sideways, as vertical web pages do, and its first column is on the right.
            css.push_str("body { max-width: none; max-inline-size: min(36em, calc(100vh - 2.5em)); margin-block: 0; margin-inline: auto; padding-block: 1em 3em; padding-inline: 1.25em; }\n@media print { body { max-inline-size: none; } }\n");
        }
    }
    // clreq §3.4.1: paragraphs begin with a two-character indent and are not separated by space.
    let _ = writeln!(css, "p {{ margin: 0; text-indent: {indent}; }}");
    css.push_str("p.salutation, p.image, li > p, td > p, th > p, .footnote p, .footnotes p { text-indent: 0; }\n");
    css.push_str("p.image { text-align: center; }\n");
    let _ = writeln!(
        css,
        "h1, h2, h3, h4, h5, h6 {{ text-align: start; text-indent: 0; line-height: 1.4; page-break-after: avoid; break-after: avoid; }}"
    );
    // Sizes and faces from the presentation plan (`style::plan`), as the PDF and DOCX set them.
    // Contents entries are in the body face, as the plan draws them (no rule needed).
    for (i, stack) in fonts.headings.iter().enumerate() {
        let level = i + 1;
        let _ = writeln!(
            css,
            ".level-{level}, .run-in-{level} {{ font-family: {}; font-weight: {}; }}",
            stack.families, stack.weight
        );
        let look = style.look(Element::Heading(level as u8));
        let _ = writeln!(
            css,
            ".level-{level} {{ font-size: {}; margin: {} 0 {};{} }}",
            size(look.size),
            em(look.before / look.size),
            em(look.after / look.size),
            if look.centred {
                " text-align: center;"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(
        css,
        ".title, .subtitle {{ font-family: {}; font-weight: {}; }}\n.title {{ font-size: {}; text-align: center; text-indent: 0; line-height: 1.4; margin: 1em 0 0.5em; }}",
        fonts.title.families,
        fonts.title.weight,
        size(style.look(Element::Title).size)
    );
    let _ = writeln!(
        css,
        ".toc-title, #toc-title {{ font-family: {}; font-weight: {}; font-size: {}; text-align: center; text-indent: 0; }}",
        fonts.toc_title.families,
        fonts.toc_title.weight,
        size(style.look(Element::TocTitle).size)
    );
    css.push_str(".subtitle, .author, .date { text-align: center; text-indent: 0; }\n");
    let _ = writeln!(
        css,
        ".subtitle {{ font-size: {}; }}",
        size(style.look(Element::Subtitle).size)
    );
    css.push_str(".titlepage { text-align: center; margin-top: 20%; }\n");
    let _ = writeln!(
        css,
        "strong, b, th {{ font-family: {}; font-weight: {}; }}",
        fonts.strong.families, fonts.strong.weight
    );
    match &fonts.emphasis {
        Some(stack) => {
            let _ = writeln!(
                css,
                "em {{ font-style: normal; font-family: {}; font-weight: {}; }}",
                stack.families, stack.weight
            );
        }
        // Emphasis marks under the characters in horizontal text, to the right in vertical text
        // (clreq §3.2.1; CSS Text Decoration 3 §3), as `filled circle` (`plan::EMPHASIS_MARK`),
        // which stays visible at reading size. A reader without `text-emphasis` (calibre's
        // Kindle output, older Adobe engines) keeps the dotted underline written first, as it
        // also ignores the `@supports` block that takes the underline away again.
        None => css.push_str(
            "em { font-style: normal; text-decoration: underline; text-decoration-style: dotted; text-decoration-thickness: 0.12em; text-underline-offset: 0.25em; }\n\
             @supports (text-emphasis-style: filled circle) or (-webkit-text-emphasis-style: filled circle) {\n\
             em { text-decoration: none; -webkit-text-emphasis: filled circle; text-emphasis: filled circle; -webkit-text-emphasis-position: under right; text-emphasis-position: under right; }\n\
             }\n",
        ),
    }
    // Inline code keeps the size of its text; code blocks take the plan's code size.
    let _ = writeln!(
        css,
        "code, pre {{ font-family: {}; }}\npre {{ font-size: {}; }}\npre code {{ font-size: 1em; }}",
        fonts.mono.families,
        size(style.look(Element::Code).size)
    );
    css.push_str(
        "pre { white-space: pre-wrap; text-align: start; line-height: 1.5; margin: 0.8em 0; }\n",
    );
    css.push_str("blockquote { margin: 0.8em 2em; }\n");
    css.push_str("ul, ol { margin: 0.5em 0; padding-inline-start: 2em; }\n");
    css.push_str("li.task { list-style-type: none; }\n");
    css.push_str("hr { border: none; border-top: 1px solid currentColor; width: 30%; margin: 1.5em auto; opacity: 0.5; }\n");
    css.push_str("table { border-collapse: collapse; margin: 0.8em auto; }\n");
    css.push_str(
        "th, td { border: 1px solid currentColor; padding: 0.2em 0.5em; text-indent: 0; }\n",
    );
    css.push_str(".align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; }\n");
    css.push_str("img { max-width: 100%; height: auto; }\n");
    css.push_str("sup { line-height: 0; }\n");
    // 注音 beside each character where the reader supports it (CSS Ruby 1 §3.1
    // `inter-character`); elsewhere it stays over the text, as `over` is the default.
    css.push_str(
        "@supports (ruby-position: inter-character) { ruby.zhuyin { ruby-position: inter-character; } }\n",
    );
    // The mark's size is the plan's, set on the `sup` itself (which would otherwise shrink it).
    let _ = writeln!(
        css,
        "sup.note {{ font-size: {}; }}\na.noteref {{ text-decoration: none; }}",
        size(style.look(Element::NoteMark).size)
    );
    let _ = writeln!(
        css,
        ".footnote, .footnotes {{ font-size: {}; }}",
        size(style.look(Element::NoteText).size)
    );
    // A back-link is underlined, as links are by default: in a note's text it must not stand
    // out by colour alone (WCAG 2.2 SC 1.4.1; axe `link-in-text-block`), and an EPUB's reading
    // system owns the colours.
    css.push_str("a.note-back { text-decoration: underline; margin-inline-end: 0.5em; }\n");

    match medium {
        Medium::Epub { .. } => {
            // The navigation document, which `--toc` puts in the reading order as the contents
            // page: nested entries without numbers or underlines, as the web page's contents.
            css.push_str(
                "nav ol { list-style-type: none; margin: 0; padding-inline-start: 1.5em; }\n\
                 nav > ol { padding-inline-start: 0; }\n\
                 nav li { margin: 0.3em 0; }\n\
                 nav#toc a { text-decoration: none; }\n",
            );
            // Its first entries name the book (the cover and title pages): they are drawn in
            // the title's face, which has the title's characters (the body face may not).
            let _ = writeln!(
                css,
                "nav#toc a[href=\"cover.xhtml\"], nav#toc a[href=\"title.xhtml\"] {{ font-family: {}; font-weight: {}; }}",
                fonts.title.families, fonts.title.weight
            );
        }
        Medium::Html => {
            css.push_str("nav.toc { margin: 1.5em 0; }\n");
            css.push_str(
                "nav.toc ol { list-style-type: none; padding-inline-start: 1.5em; margin: 0; }\n",
            );
            css.push_str("nav.toc > ol { padding-inline-start: 0; }\n");
            css.push_str("nav.toc a { text-decoration: none; }\n");
            css.push_str("nav.toc summary { cursor: pointer; margin-bottom: 0.5em; }\n");
            css.push_str("nav.toc summary h2 { display: inline; }\nnav.toc summary.toc-head { text-align: center; }\n");
            css.push_str("section.footnotes { margin-top: 2em; }\n");
            css.push_str("a { color: #1a5fb4; }\n");
            css.push_str(
                "@media (prefers-color-scheme: dark) { html { background-color: #1c1c1c; color: #dedede; } a { color: #8db4f0; } }\n",
            );
            let m = &style.margins;
            let _ = writeln!(
                css,
                "@page {{ size: {}mm {}mm; margin: {}mm {}mm {}mm {}mm; }}",
                num(style.page_width),
                num(style.page_height),
                num(m.top),
                num(m.right),
                num(m.bottom),
                num(m.left)
            );
            page_numbers(&mut css, style, fonts);
            book_pages(&mut css, style);
            // On paper: the preset's type size and line pitch, the whole text block wide, black
            // on white whatever the screen scheme, and the table of contents (there only where
            // one is asked for, as in the PDF) on a page of its own.
            let _ = writeln!(
                css,
                "@media print {{ html {{ background-color: #fff; color: #000; }} body {{ font-size: {}pt; line-height: {}pt; max-width: none; margin: 0; padding: 0; }} a {{ color: inherit; text-decoration: none; }} nav.toc {{ page-break-after: always; }} }}",
                num(style.body_size),
                num(style.line_pitch)
            );
            // A printed contents is printed whole, folded on screen or not (the `::details-content`
            // slot of CSS Pseudo-Elements 4 is what a closed `<details>` hides), without the
            // disclosure triangle. A web link's address follows it in brackets, since paper
            // cannot be clicked; in-page links (`#…`) and note references have none.
            css.push_str(
                "@media print {\n\
                 nav.toc details::details-content { content-visibility: visible; }\n\
                 nav.toc summary { list-style: none; cursor: auto; }\n\
                 nav.toc summary::-webkit-details-marker { display: none; }\n\
                 a[href^=\"http:\"]::after, a[href^=\"https:\"]::after { content: \" (\" attr(href) \")\"; overflow-wrap: anywhere; }\n\
                 }\n",
            );
        }
    }
    css
}

/// The printed page's number in a `@page` margin box (CSS Paged Media 3 §5), in the plan's
/// page-number look: `1` centred at the foot, or at its outer edge (a book's), or GB/T 9704
/// §7.5's `— 1 —` in 4号, odd pages right and even pages left, one character in from the text
/// block's edge. Its line (the
/// dash, for an official document) sits `page_number_gap` under the text block, as in the PDF.
fn page_numbers(css: &mut String, style: &Style, fonts: &Fonts) {
    let look = style.look(Element::PageNumber);
    let font = format!(
        "font-family: {}; font-weight: {}; font-size: {}pt; line-height: 1; vertical-align: top; padding-top: calc({}mm - 0.5em);",
        fonts.body.families,
        fonts.body.weight,
        num(look.size),
        num(style.page_number_gap)
    );
    match style.page_numbers {
        PageNumbers::Centered => {
            let _ = writeln!(
                css,
                "@page {{ @bottom-center {{ content: counter(page); {font} }} }}"
            );
        }
        PageNumbers::Gongwen => {
            let folio = "content: \"— \" counter(page) \" —\";";
            let _ = writeln!(
                css,
                "@page :right {{ @bottom-right {{ {folio} {font} text-align: right; padding-right: 1em; }} }}\n\
                 @page :left {{ @bottom-left {{ {folio} {font} text-align: left; padding-left: 1em; }} }}"
            );
        }
        PageNumbers::Outer => {
            let _ = writeln!(
                css,
                "@page :right {{ @bottom-right {{ content: counter(page); {font} text-align: right; }} }}\n\
                 @page :left {{ @bottom-left {{ content: counter(page); {font} text-align: left; }} }}"
            );
        }
    }
}

/// A book's printed pages, as the PDF's: mirrored margins, the inner one at the binding
/// (CSS Paged Media 3 §3.3 `:left` and `:right`). Its running heads are left out: CSS GCPM's
/// running strings (`string-set`) are not CSS the Nu checker knows, and Chromium prints none.
fn book_pages(css: &mut String, style: &Style) {
    let m = &style.margins;
    if style.mirrored {
        let _ = writeln!(
            css,
            "@page :left {{ margin-left: {}mm; margin-right: {}mm; }}\n\
             @page :right {{ margin-left: {}mm; margin-right: {}mm; }}",
            num(m.right),
            num(m.left),
            num(m.left),
            num(m.right)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::Preset;

    fn fonts() -> Fonts {
        let stack = |bold| Stack {
            families: "\"Noto Serif SC\", serif".into(),
            weight: if bold { 700 } else { 400 },
        };
        Fonts {
            faces: vec![
                WebFont {
                    family: "Noto Serif SC".into(),
                    bold: false,
                    src: "fonts/r.woff2".into(),
                    format: FontFormat::Woff2,
                    size_adjust: None,
                },
                WebFont {
                    family: "Noto Serif SC".into(),
                    bold: true,
                    src: "fonts/b.woff2".into(),
                    format: FontFormat::Woff2,
                    size_adjust: None,
                },
            ],
            body: stack(false),
            strong: stack(true),
            emphasis: None,
            title: stack(true),
            headings: std::array::from_fn(|_| stack(true)),
            toc_title: stack(true),
            mono: Stack::generic("monospace", false),
        }
    }

    #[test]
    fn font_faces_point_at_the_given_files() {
        let css = stylesheet(&Style::preset(Preset::Handout), &fonts(), Medium::Html);
        assert!(css.contains("font-family: \"Noto Serif SC\"; font-weight: 400; font-style: normal; src: url(\"fonts/r.woff2\") format(\"woff2\")"));
        assert!(css.contains("font-weight: 700; font-style: normal; src: url(\"fonts/b.woff2\")"));
    }

    #[test]
    fn chinese_paragraphs_and_headings() {
        let css = stylesheet(
            &Style::preset(Preset::Handout),
            &fonts(),
            Medium::Epub { vertical: false },
        );
        assert!(css.contains("p { margin: 0; text-indent: 2em; }"));
        assert!(css.contains("text-align: justify; line-break: strict; text-autospace: normal;"));
        assert!(css.contains("line-height: 1.7;"));
        assert!(css.contains(
            ".level-1, .run-in-1 { font-family: \"Noto Serif SC\", serif; font-weight: 700; }"
        ));
        // 16 pt heading over a 12 pt body, a line (20.4 pt) above and a quarter line below,
        // as the PDF and the DOCX space it.
        assert!(css.contains(".level-1 { font-size: 1.333em; margin: 1.275em 0 0.319em; }"));
        // A book's chapter heading opens its page centred, three lines down.
        let book = stylesheet(&Style::preset(Preset::Book), &fonts(), Medium::Html);
        let chapter = book.lines().find(|l| l.starts_with(".level-1 {")).unwrap();
        assert!(chapter.ends_with("text-align: center; }"), "{chapter}");
        assert!(!css.contains("writing-mode"));
        assert!(!css.contains("@page"));
        // The EPUB's contents page: entries as a plain list, the book's title in its face.
        assert!(css.contains("nav#toc a { text-decoration: none; }"));
        assert!(css.contains("nav#toc a[href=\"cover.xhtml\"], nav#toc a[href=\"title.xhtml\"] { font-family: \"Noto Serif SC\", serif; font-weight: 700; }"));
        assert!(!css.contains("prefers-color-scheme"));
    }

    #[test]
    fn vertical_epub_and_printed_html() {
        let style = Style::preset(Preset::Gongwen);
        let css = stylesheet(&style, &fonts(), Medium::Epub { vertical: true });
        assert!(css.contains("writing-mode: vertical-rl;"));
        let css = stylesheet(&style, &fonts(), Medium::Html);
        assert!(!css.contains("vertical-rl"));
        assert!(css.contains("@page { size: 210mm 297mm; margin: 37mm 26mm 35mm 28mm; }"));
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
        assert!(css.contains("font-size: 16pt;"));
        let book = stylesheet(&Style::preset(Preset::Book), &fonts(), Medium::Html);
        assert!(book.contains("nav.toc { page-break-after: always; }"));
        // Page numbers in margin boxes: GB/T 9704's `— 1 —` outside, the book's at the outer
        // edge, on mirrored margins.
        assert!(css.contains(
            "@page :right { @bottom-right { content: \"— \" counter(page) \" —\"; font-family: \"Noto Serif SC\", serif; font-weight: 400; font-size: 14pt;"
        ));
        assert!(css.contains("@page :left { @bottom-left {"));
        assert!(book.contains("@page :right { @bottom-right { content: counter(page); "));
        assert!(book.contains("@page :left { @bottom-left { content: counter(page); "));
        assert!(book.contains("@page :right { margin-left: 20mm; margin-right: 16mm; }"));
        assert!(!css.contains(":left { margin"));
        assert!(book.contains("font-size: 9pt;"));
        assert!(book.contains("a[href^=\"https:\"]::after { content: \" (\" attr(href) \")\";"));
        // None of it in an EPUB, whose reading system owns the page.
        let epub = stylesheet(&style, &fonts(), Medium::Epub { vertical: false });
        assert!(!epub.contains("@bottom") && !epub.contains("attr(href)"));
    }

    #[test]
    fn vertical_page() {
        let mut style = Style::preset(Preset::Book);
        style.vertical = true;
        let css = stylesheet(&style, &fonts(), Medium::Html);
        assert!(css.contains("html { writing-mode: vertical-rl;"));
        assert!(css.contains(".tcy { text-combine-upright: all;"));
        // The measure runs down the column, and the column fits the window.
        assert!(css.contains("max-inline-size: min(36em, calc(100vh - 2.5em));"));
    }

    #[test]
    fn family_names_are_quoted() {
        assert_eq!(quote("A \"B\" \\C"), "\"A \\\"B\\\" \\\\C\"");
        // See: issue 13 (a font named `</style><script>…` ran its script in Chromium).
        assert_eq!(
            quote("x</style><script>&\n"),
            "\"x\\3c /style\\3e \\3c script\\3e \\26 \\a \""
        );
        assert_eq!(em(2.0), "2em");
        assert_eq!(em(14.0 / 12.0), "1.167em");
    }
}
