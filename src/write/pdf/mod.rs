//! The PDF writer: lays the document out with our CJK engine (`crate::layout`), draws the pages
//! with printpdf, and finishes what printpdf cannot do on its lopdf document (`post`).
//!
//! Fonts: each face the layout uses is embedded as the document's shared TrueType subset
//! (`ctx.subsets`), unchanged — printpdf's own subsetting is off — as a CID font with a
//! ToUnicode map, named `TAG+PostScriptName` (PDF 32000-1 §9.6.4).

mod content;
mod fonts;
mod images;
mod post;

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};

use crate::layout;
use crate::model::Document;
use crate::{Context, Error, Warned, Warning};

/// Writes `doc` as PDF.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    let laid = layout::layout(doc, ctx.style, ctx.fonts);
    let mut warnings = Vec::new();
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let fonts = fonts::embed(&laid, ctx, &mut pdf)?;
    let (images, jpegs) = images::load(&laid, doc, &mut pdf, &mut warnings);
    let mut missing = Missing::default();
    pdf.pages = laid
        .pages
        .iter()
        .map(|page| {
            let ops = content::page(page, &laid, &fonts, &images, &mut missing);
            PdfPage::new(
                printpdf::Mm(ctx.style.page_width),
                printpdf::Mm(ctx.style.page_height),
                ops,
            )
        })
        .collect();
    if !missing.chars.is_empty() {
        let list: String = missing.chars.iter().collect();
        warnings.push(Warning::warn(format!(
            "pdf: the font subsets lack {list}; drawn as blank boxes, kept as text"
        )));
    }
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut pdf_warnings = Vec::new();
    let lo = pdf.to_lopdf_document(&opts, &mut pdf_warnings);
    drop(pdf);
    let bytes = post::finish(lo, doc, &laid, &jpegs, ctx)?;
    Ok(Warned {
        value: bytes,
        warnings,
    })
}

/// Characters the embedded subsets lack.
#[derive(Default)]
pub(crate) struct Missing {
    pub chars: std::collections::BTreeSet<char>,
}
