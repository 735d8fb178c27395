//! Page setup from the preset, with the same numbers as the PDF: page size, margins (mirrored in
//! a book), the GB/T 9704 document grid, the page-number footers and a book's running heads.

use std::fmt::Write as _;

use super::styles::id;
use super::xml::{DECLARATION, NS_R, NS_W, twips_mm};
use crate::style::{PT_PER_MM, PageNumbers, Style};

/// A footer or header part: its package path, relationship id, `w:type` and XML.
#[derive(Debug)]
pub(super) struct Footer {
    /// `word/footerN.xml` (or `word/headerN.xml`).
    pub path: String,
    /// Relationship id from `document.xml`.
    pub rel_id: String,
    /// `default` (all pages, or odd pages when even pages have their own), `even`, or `first`
    /// (a title page's).
    pub kind: &'static str,
    /// The part.
    pub xml: String,
    /// A header, not a footer.
    pub header: bool,
    /// A `first` part for a chapter's opening page, not for the title page.
    pub opening: bool,
}

impl Footer {
    /// `header` or `footer`: its relationship's type and its reference's name.
    pub(super) fn part(&self) -> &'static str {
        if self.header { "header" } else { "footer" }
    }
}

/// Whether odd and even pages carry different footers (`w:evenAndOddHeaders` in the settings).
pub(super) fn even_and_odd(style: &Style) -> bool {
    matches!(
        style.page_numbers,
        PageNumbers::Gongwen | PageNumbers::Outer
    ) || style.running_heads
}

/// The height of a footer's line, in em.
const FOOTER_LINE: f32 = 1.3;

/// The footer's distance from the bottom edge of the page, in mm: its text sits
/// `page_number_gap` below the text block, and Word measures the footer from the page edge to
/// the bottom of its line, about 0.3 em below the baseline.
fn footer_mm(style: &Style) -> f32 {
    let m = &style.margins;
    (m.bottom - style.page_number_gap - 0.3 * style.page_number_size / PT_PER_MM).max(0.0)
}

/// The page-number footers of a preset: `1` centred, or for gongwen `— 1 —` one character in
/// from the right edge on odd pages and from the left edge on even pages (GB/T 9704-2012, 7.5).
pub(super) fn footers(style: &Style) -> Vec<Footer> {
    let one_char = (style.page_number_size * 20.0).round() as i64;
    let make = |n: usize, kind, ppr: String, dashes: bool| Footer {
        path: format!("word/footer{n}.xml"),
        rel_id: format!("rIdFooter{n}"),
        kind,
        xml: footer_xml(&ppr, dashes),
        header: false,
        opening: false,
    };
    // The footer fills the room between the text block and its distance from the page edge
    // with its own spacing above an exact line, so that the text block ends where the margin
    // says whatever the footer's spacing: LibreOffice 7.4 sets the first page of an odd- or
    // even-page section in a copy of the page style whose footer keeps no spacing, and would
    // fit more lines on a chapter's first page, or float the 公文's 版记 (in its even-page
    // section) some 9 pt under the text block's bottom edge.
    let room = twips_mm(style.margins.bottom) - twips_mm(footer_mm(style));
    let line = (style.page_number_size * 20.0 * FOOTER_LINE).round() as i64;
    let spacing = format!(
        "<w:spacing w:before=\"{}\" w:line=\"{line}\" w:lineRule=\"exact\"/>",
        (room - line).max(0)
    );
    match style.page_numbers {
        PageNumbers::Centered => vec![make(1, "default", spacing, false)],
        PageNumbers::Gongwen => vec![
            make(
                1,
                "default",
                format!(
                    "{spacing}<w:ind w:right=\"{one_char}\" w:rightChars=\"100\"/><w:jc w:val=\"right\"/>"
                ),
                true,
            ),
            make(
                2,
                "even",
                format!(
                    "{spacing}<w:ind w:left=\"{one_char}\" w:leftChars=\"100\"/><w:jc w:val=\"left\"/>"
                ),
                true,
            ),
        ],
        PageNumbers::Outer => {
            let odd = format!("{spacing}<w:jc w:val=\"right\"/>");
            let mut footers = vec![
                make(1, "default", odd.clone(), false),
                make(2, "even", format!("{spacing}<w:jc w:val=\"left\"/>"), false),
            ];
            if style.running_heads {
                // A chapter opens on a recto without its head (`w:titlePg`), its folio where an
                // odd page's stands.
                footers.push(Footer {
                    opening: true,
                    ..make(3, "first", odd, false)
                });
            }
            footers
        }
    }
}

/// The level-1 heading style's name, which a `STYLEREF` field names: Word's built-in one.
const CHAPTER_STYLE: &str = "heading 1";

/// A book's running heads (`Style::running_heads`), as the PDF sets them: the `title` on even
/// (verso) pages, the current chapter on odd ones — a `STYLEREF` field of the level-1 heading
/// style (ECMA-376 Part 1 §17.16.5.66), which Word fills in with the last such heading on the
/// page or before it — and none on a chapter's opening page (the `first` header of a section
/// with `w:titlePg`, empty). They take the folio's paragraph style, centred; `title` is the
/// title's runs. `n` numbers the parts.
pub(super) fn headers(style: &Style, title: &str, n: usize) -> Vec<Footer> {
    if !style.running_heads {
        return Vec::new();
    }
    let make = |k: usize, kind, content: &str| Footer {
        path: format!("word/header{}.xml", n + k),
        rel_id: format!("rIdHeader{}", n + k),
        kind,
        xml: header_xml(content),
        header: true,
        opening: kind == "first",
    };
    vec![
        make(0, "default", &chapter_field(title)),
        make(1, "even", title),
        make(2, "first", ""),
    ]
}

/// The odd-page head of the chapter `title` opens, in a section of its own: the same
/// `STYLEREF` field, its result already the chapter's, for a reader that shows fields as they
/// were saved (LibreOffice 7.4 keeps the result of a `STYLEREF`); `title` is the chapter's
/// runs. `n` numbers the part.
pub(super) fn chapter_header(title: &str, n: usize) -> Footer {
    Footer {
        path: format!("word/header{n}.xml"),
        rel_id: format!("rIdHeader{n}"),
        kind: "default",
        xml: header_xml(&chapter_field(title)),
        header: true,
        opening: false,
    }
}

/// A `STYLEREF` field of the chapter heading style whose result is the runs `result`.
fn chapter_field(result: &str) -> String {
    format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> STYLEREF \"{CHAPTER_STYLE}\" </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{result}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    )
}

/// A header of one centred paragraph holding `content` (runs).
fn header_xml(content: &str) -> String {
    let mut out = String::with_capacity(512);
    out.push_str(DECLARATION);
    let _ = write!(
        out,
        "<w:hdr xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\"><w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:jc w:val=\"center\"/></w:pPr>{content}</w:p></w:hdr>",
        id::FOOTER
    );
    out
}

/// The footer of a title page: empty (the `first` footer of a section with `w:titlePg`).
pub(super) fn title_page_footer(n: usize) -> Footer {
    let mut xml = String::with_capacity(256);
    xml.push_str(DECLARATION);
    let _ = write!(
        xml,
        "<w:ftr xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\"><w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr></w:p></w:ftr>",
        id::FOOTER
    );
    Footer {
        path: format!("word/footer{n}.xml"),
        rel_id: format!("rIdFooter{n}"),
        kind: "first",
        xml,
        header: false,
        opening: false,
    }
}

/// A footer holding a `PAGE` field (ECMA-376 Part 1, §17.16.5.41) with `1` as its cached result.
fn footer_xml(ppr: &str, dashes: bool) -> String {
    let mut out = String::with_capacity(512);
    out.push_str(DECLARATION);
    let _ = write!(
        out,
        "<w:ftr xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\"><w:p><w:pPr><w:pStyle w:val=\"{}\"/>{ppr}</w:pPr>",
        id::FOOTER
    );
    if dashes {
        out.push_str("<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>");
    }
    out.push_str(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
    );
    if dashes {
        out.push_str("<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r>");
    }
    out.push_str("</w:p></w:ftr>");
    out
}

/// How a section starts and numbers its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Start {
    /// The document's first section: its pages numbered from 1.
    First,
    /// A later section that starts on the next even page (`w:type="evenPage"`, ECMA-376 Part 1
    /// §17.18.77; a blank page comes first if need be), its pages numbered on with the
    /// footers of the section before: GB/T 9704's 版记 on the back of the last leaf.
    EvenPage,
    /// The front matter (the title page, the contents), the document's first section: its
    /// pages numbered i, ii, … (`w:pgNumType w:fmt="lowerRoman"`, §17.6.12) as the PDF's page
    /// labels count them, and a title page without a number (`w:titlePg`, §17.10.6: the
    /// section's first page takes the `first` footer, an empty one).
    Front {
        /// The first page is a title page.
        title_page: bool,
    },
    /// The body after the front matter, on a new page (`nextPage`), or on a right-hand one
    /// (`w:type` `oddPage`, §17.6.22, §17.18.77: Word and LibreOffice leave the even page
    /// before it blank if need be) in a book whose
    /// chapters start there; its pages numbered 1, 2, … anew.
    Body {
        /// Starts on an odd page.
        recto: bool,
    },
    /// A chapter of a book, on the next odd page (`oddPage`), its pages numbered on.
    Chapter,
}

/// A `w:sectPr` (ECMA-376 Part 1, §17.6.17), children in schema order; `chapter` is the odd
/// pages' head of the chapter the section holds, in place of the shared one.
pub(super) fn section(
    style: &Style,
    footers: &[Footer],
    start: Start,
    chapter: Option<&Footer>,
) -> String {
    let mut out = String::with_capacity(512);
    out.push_str("<w:sectPr>");
    // Every section names its footers, so that each reads on its own (one without them takes
    // the ones before, §17.10.2); only the front matter's title page takes the `first` one.
    // The 版记's section keeps the text's footers that way. A book's chapter opens its own
    // section, whose first page takes the `first` parts made for an opening; the front
    // matter has no running heads.
    let title_page = start == (Start::Front { title_page: true });
    let opening = style.running_heads && matches!(start, Start::Body { .. } | Start::Chapter);
    if start != Start::EvenPage {
        let front = matches!(start, Start::Front { .. });
        let shared = footers
            .iter()
            .filter(|f| !(chapter.is_some() && f.header && f.kind == "default"));
        for f in shared.chain(chapter) {
            let used = if f.kind == "first" {
                (title_page && !f.opening) || (opening && f.opening)
            } else {
                !(front && f.header)
            };
            if used {
                let _ = write!(
                    out,
                    "<w:{}Reference w:type=\"{}\" r:id=\"{}\"/>",
                    f.part(),
                    f.kind,
                    f.rel_id
                );
            }
        }
    }
    out.push_str(match start {
        Start::First | Start::Front { .. } | Start::Body { recto: false } => "",
        Start::EvenPage => "<w:type w:val=\"evenPage\"/>",
        Start::Body { recto: true } | Start::Chapter => "<w:type w:val=\"oddPage\"/>",
    });
    let m = &style.margins;
    let header_mm = (m.top / 2.0).min(15.0);
    let _ = write!(
        out,
        "<w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" \
         w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>{}{}",
        twips_mm(style.page_width),
        twips_mm(style.page_height),
        twips_mm(m.top),
        twips_mm(m.right),
        twips_mm(m.bottom),
        twips_mm(m.left),
        twips_mm(header_mm),
        twips_mm(footer_mm(style)),
        match start {
            Start::First => "<w:pgNumType w:start=\"1\"/>",
            Start::Front { .. } => "<w:pgNumType w:fmt=\"lowerRoman\" w:start=\"1\"/>",
            Start::Body { .. } => "<w:pgNumType w:fmt=\"decimal\" w:start=\"1\"/>",
            Start::EvenPage | Start::Chapter => "",
        },
        // The setting `columns`, as the PDF sets them (§17.6.4: equal columns `w:space` apart).
        if style.column_count() > 1 {
            format!(
                "<w:cols w:num=\"{}\" w:space=\"{}\"/>",
                style.column_count(),
                twips_mm(style.column_gap)
            )
        } else {
            "<w:cols w:space=\"425\"/>".to_string()
        },
    );
    if title_page || opening {
        out.push_str("<w:titlePg/>");
    }
    if style.vertical {
        // Columns top to bottom, right to left (§17.6.20 `tbRl`), in a book bound on the right:
        // the gutter goes there (§17.6.16), as Word's 縦書き page set-up puts it.
        out.push_str("<w:textDirection w:val=\"tbRl\"/><w:rtlGutter/>");
    }
    if let Some(grid) = style.grid {
        // GB/T 9704: `lines` lines of `chars` characters fill the text block. The line pitch
        // is rounded down so that all of them fit. The character pitch is the body size plus
        // `w:charSpace` in 4096ths of a point (ECMA-376 Part 1 §17.6.5), also rounded down: the
        // cells hold the body's characters, which `Normal` narrows to fit (see `Metrics`), and
        // every mark keeps its cell, as in the PDF.
        let line_pitch = twips_mm(style.text_height()) / i64::from(grid.lines.max(1));
        let cell = style.text_width() * PT_PER_MM / grid.chars.max(1) as f32;
        let char_space = ((cell - style.body_size) * 4096.0).floor() as i64;
        let _ = write!(
            out,
            "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"{line_pitch}\" \
             w:charSpace=\"{char_space}\"/>"
        );
    }
    out.push_str("</w:sectPr>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::Preset;

    #[test]
    fn gongwen_grid_is_22_lines() {
        let style = Style::preset(Preset::Gongwen);
        let f = footers(&style);
        assert_eq!(f.len(), 2);
        assert!(f[0].xml.contains("<w:jc w:val=\"right\"/>"));
        assert!(f[1].xml.contains("<w:jc w:val=\"left\"/>"));
        assert!(f[0].xml.contains("— </w:t>"));
        let s = section(&style, &f, Start::First, None);
        assert!(s.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
        assert!(s.contains("w:top=\"2098\""), "{s}");
        assert!(s.contains("w:left=\"1587\""), "{s}");
        assert!(
            s.contains(
                "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"579\" w:charSpace=\"-848\"/>"
            ),
            "{s}"
        );
        assert!(s.contains("<w:footerReference w:type=\"even\" r:id=\"rIdFooter2\"/>"));
    }

    #[test]
    fn handout_has_one_centred_footer_and_no_grid() {
        let style = Style::preset(Preset::Handout);
        let f = footers(&style);
        assert_eq!(f.len(), 1);
        assert!(!f[0].xml.contains('—'));
        assert!(!section(&style, &f, Start::First, None).contains("docGrid"));
    }
}
