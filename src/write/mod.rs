//! The four writers, one module each, chosen by `Format`. EPUB and HTML share the XHTML body
//! serializer (`xhtml`) and the stylesheet (`css`); the vertical ones share the upright numbers
//! (`upright`); no writer calls another.

pub mod css;
pub mod docx;
pub mod epub;
pub mod html;
pub mod official;
pub mod pdf;
pub mod upright;
pub mod user_css;
pub mod xhtml;

use crate::error::{Error, Warned};
use crate::model::Document;
use crate::{Context, Format};

/// Writes `doc` in `format`.
pub fn write(doc: &Document, format: Format, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    match format {
        Format::Pdf => pdf::write(doc, ctx),
        Format::Docx => docx::write(doc, ctx),
        Format::Epub => epub::write(doc, ctx),
        Format::Html => html::write(doc, ctx),
    }
}
