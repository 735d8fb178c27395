//! The PDF writer: lays the document out with our CJK engine (`crate::layout`), draws the pages
//! with printpdf, and finishes what printpdf cannot do on its lopdf document (`post`).
//!
//! Fonts: each face the layout uses is embedded as the document's shared TrueType subset
//! (`ctx.subsets`), unchanged — printpdf's own subsetting is off — as a CID font with a
//! ToUnicode map, named `TAG+PostScriptName` (PDF 32000-1 §9.6.4).

mod content;
mod post;

use std::collections::BTreeMap;

use printpdf::{
    FontId, ParsedFont, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, RawImage, XObject,
    XObjectId,
};

use crate::font::FaceId;
use crate::layout::{self, Mark};
use crate::model::Document;
use crate::{Context, Error, Warned, Warning};

/// Writes `doc` as PDF.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    let laid = layout::layout(doc, ctx.style, ctx.fonts);
    let mut warnings = Vec::new();
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let fonts = load_fonts(&laid, ctx, &mut pdf)?;
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

/// A face embedded in the document.
pub(crate) struct Font {
    /// Its resource name.
    pub id: FontId,
    /// The subset as printpdf parsed it: cmap and advances for the pen arithmetic.
    pub parsed: ParsedFont,
}

/// The embedded faces, and the one that draws characters no face covers.
pub(crate) struct Fonts {
    pub by_face: BTreeMap<FaceId, Font>,
    pub fallback: Option<FaceId>,
}

/// Characters the embedded subsets lack.
#[derive(Default)]
pub(crate) struct Missing {
    pub chars: std::collections::BTreeSet<char>,
}

/// Embeds the subset of every face the layout draws with.
fn load_fonts(
    laid: &layout::Layout,
    ctx: &Context,
    pdf: &mut PdfDocument,
) -> Result<Fonts, Error> {
    let mut used: std::collections::BTreeSet<FaceId> = laid
        .pages
        .iter()
        .flat_map(|p| p.runs.iter().filter_map(|r| r.face))
        .collect();
    let fallback = ctx.fonts.primary(ctx.style.body_role, false);
    let any_missing = laid
        .pages
        .iter()
        .any(|p| p.runs.iter().any(|r| r.face.is_none()));
    if any_missing {
        used.insert(fallback);
    }
    let mut by_face = BTreeMap::new();
    for face in used {
        let subset = ctx
            .subsets
            .by_face
            .get(&face)
            .ok_or_else(|| Error::Write(format!("pdf: no font subset for face {}", face.0)))?;
        let mut font_warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&subset.ttf, 0, &mut font_warnings)
            .ok_or_else(|| Error::Write("pdf: the font subset does not parse".into()))?;
        // printpdf names the font after `font_name` and adds no tag to a font it did not
        // subset itself; the tag marks our subset (PDF 32000-1 §9.6.4).
        let name = &ctx.fonts.face(face).postscript_name;
        parsed.font_name = Some(format!("{}+{}", subset.tag, name));
        // Resource names from the face index, not printpdf's process-wide counter, so the same
        // input gives the same bytes.
        let id = FontId(format!("F{}", face.0));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed.clone()));
        by_face.insert(face, Font { id, parsed });
    }
    Ok(Fonts {
        by_face,
        fallback: any_missing.then_some(fallback),
    })
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
