//! The PDF writer: lays the document out with our CJK engine (`crate::layout`), draws the pages
//! with printpdf, and finishes what printpdf cannot do on its lopdf document (`post`).
//!
//! Fonts: each face the layout uses is embedded as the document's shared TrueType subset
//! (`ctx.subsets`), unchanged — printpdf's own subsetting is off — as a CID font with a
//! ToUnicode map, named `TAG+PostScriptName` (PDF 32000-1 §9.6.4).

mod content;
mod fonts;
mod post;

use std::collections::BTreeMap;

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions, RawImage, XObject, XObjectId};

use crate::layout::{self, Mark};
use crate::model::Document;
use crate::{Context, Error, Warned, Warning};

/// Writes `doc` as PDF.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    let faces = fonts::Faces::new(ctx)?;
    let laid = layout::layout(doc, ctx.style, &faces);
    let mut warnings = Vec::new();
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let fonts = fonts::embed(&laid, ctx, &faces, &mut pdf)?;
    let images = load_images(&laid, doc, &mut pdf, &mut warnings);
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
            "pdf: no embedded glyph for {list}; drawn as blank boxes, kept as text"
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
    let bytes = post::finish(lo, doc, &laid, ctx)?;
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

/// Registers every picture's image once, by `src`; images that do not decode become a warning.
fn load_images(
    laid: &layout::Layout,
    doc: &Document,
    pdf: &mut PdfDocument,
    warnings: &mut Vec<Warning>,
) -> BTreeMap<String, (XObjectId, u32, u32)> {
    let mut out = BTreeMap::new();
    for page in &laid.pages {
        for mark in &page.marks {
            let Mark::Picture { src, .. } = mark else {
                continue;
            };
            if out.contains_key(src) {
                continue;
            }
            let Some(res) = doc.resources.get(src) else {
                continue;
            };
            let mut img_warnings = Vec::new();
            match RawImage::decode_from_bytes(&res.data, &mut img_warnings) {
                Ok(img) => {
                    let id = XObjectId(format!("Im{}", out.len() + 1));
                    let (w, h) = (img.width as u32, img.height as u32);
                    pdf.resources
                        .xobjects
                        .map
                        .insert(id.clone(), XObject::Image(img));
                    out.insert(src.clone(), (id, w, h));
                }
                Err(e) => warnings.push(Warning::warn(format!("pdf: image {src}: {e}"))),
            }
        }
    }
    out
}
