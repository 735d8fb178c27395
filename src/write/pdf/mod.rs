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

use crate::model::Document;
use crate::{Context, Error, Warned, Warning};

/// Writes `doc` as PDF.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    let laid = ctx.layout(doc);
    let mut warnings: Vec<Warning> = laid.warnings.iter().map(Warning::warn).collect();
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let fonts = fonts::embed(laid, ctx, &mut pdf)?;
    let (images, jpegs) = images::load(laid, doc, &mut pdf, &mut warnings);
    let mut missing = Missing::default();
    let mut uris = Uris::default();
    pdf.pages = laid
        .pages
        .iter()
        .map(|page| {
            let ops = content::page(page, laid, &fonts, &images, &mut missing, &mut uris);
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
    let bytes = post::finish(lo, doc, laid, &jpegs, &uris, ctx)?;
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

/// The external addresses of the links, each written once into the PDF as a shared URI action
/// (PDF 32000-1 §12.6.4.7) that every line's link annotation refers to: a long address on many
/// lines costs its length once, not once per line. printpdf writes each annotation's action
/// inline, so the annotations carry a short placeholder that `post` replaces.
#[derive(Default)]
pub(crate) struct Uris {
    /// The addresses, by placeholder number.
    pub list: Vec<std::sync::Arc<str>>,
    /// Placeholder numbers by the address's allocation: the boxes of one link share it.
    seen: std::collections::HashMap<usize, usize>,
}

/// What a placeholder address starts with; the number follows.
pub(crate) const URI_PLACEHOLDER: &str = "cjkpress-uri:";

impl Uris {
    /// The placeholder address for `uri`.
    fn placeholder(&mut self, uri: &std::sync::Arc<str>) -> String {
        let key = std::sync::Arc::as_ptr(uri) as *const u8 as usize;
        let n = *self.seen.entry(key).or_insert_with(|| {
            self.list.push(uri.clone());
            self.list.len() - 1
        });
        format!("{URI_PLACEHOLDER}{n}")
    }
}
