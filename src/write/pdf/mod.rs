//! The PDF writer: one pass from the laid-out pages (`crate::layout`) to PDF objects — pages and
//! their content streams, fonts, images, link annotations, the structure tree, outline, page
//! labels, metadata and output intent — held in lopdf's object model (the structure tree's many
//! small dictionaries as PDF syntax at once) and written out by `file`, with nothing patched
//! afterwards.
//!
//! The file is tagged (PDF 32000-1 §14.8): every run, picture and link carries the structure node
//! the layout gave it (`layout::tags`); what carries none is an artifact. By default it claims
//! PDF/UA-1 and PDF/A-2u (`Standards`), and drops a claim, with a warning, where the document
//! cannot meet it.
//!
//! Fonts: each face the layout uses is embedded as the document's shared subset (`ctx.subsets`)
//! as a CID font with a ToUnicode map, named `TAG+PostScriptName` (§9.6.4).

mod content;
mod file;
mod fonts;
mod images;
mod links;
mod marked;
mod metadata;
mod ops;
mod outline;
mod save;
mod standard;
mod structure;
mod text;

use flate2::{Compress, Compression};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

pub use standard::Standards;

use crate::Context;
use crate::date::DateTime;
use crate::error::{Error, Warned, Warning};
use crate::model::Document;
use crate::style::PT_PER_MM;

/// Writes `doc` as PDF.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    let laid = ctx.layout(doc);
    let mut warnings: Vec<Warning> = laid.warnings.iter().map(Warning::warn).collect();
    let mut obstacles = standard::Obstacles::default();
    let mut pdf = lopdf::Document::with_version("1.7");
    let pages_id = pdf.new_object_id();
    let page_ids: Vec<ObjectId> = laid.pages.iter().map(|_| pdf.new_object_id()).collect();

    let fonts = fonts::load(laid, ctx)?;
    let images = images::embed(laid, doc, &mut pdf, &mut warnings, &mut obstacles);
    let mut xobjects = Dictionary::new();
    for image in images.values() {
        xobjects.set(image.name.as_bytes(), image.id);
    }
    let vertical = laid.writing == crate::layout::orient::Writing::VerticalRl;
    let font_dict = fonts::write(&mut pdf, &fonts, vertical);
    let resources = pdf.add_object(Dictionary::from_iter(vec![
        ("Font", Object::Dictionary(font_dict)),
        ("XObject", Object::Dictionary(xobjects)),
        ("Properties", Object::Dictionary(marked::properties())),
    ]));

    let lang = if doc.meta.lang.is_empty() {
        "zh-Hans"
    } else {
        doc.meta.lang.as_str()
    };
    let furniture = content::Furniture {
        top: ctx.style.margins.top * PT_PER_MM,
        bottom: laid.height - ctx.style.margins.bottom * PT_PER_MM,
    };
    let media = Object::Array(
        [
            0.0,
            0.0,
            ctx.style.page_width * MM_TO_PT,
            ctx.style.page_height * MM_TO_PT,
        ]
        .map(Object::Real)
        .to_vec(),
    );
    // Page content is deflated as each page is drawn (`save::content`), the small dictionaries
    // written as PDF syntax (`file::pack`): a book's pages are never all held as they were made.
    let mut deflate = Compress::new(Compression::default(), true);
    let mut raw = file::Raw::new();
    let mut boxes = text::Boxes::default();
    let mut tags = structure::Builder::new(&laid.tree, laid.pages.len());
    let mut links = links::Links::new(laid.pages.len());
    for (i, page) in laid.pages.iter().enumerate() {
        let drawn = content::page(
            page,
            text::Sheet {
                height: laid.height,
                writing: laid.writing,
            },
            &laid.tree,
            furniture,
            &fonts,
            &images,
            &mut boxes,
        );
        let contents = pdf.add_object(save::content(drawn.content, &mut deflate));
        let annots = links.page(&mut pdf, &mut raw, laid, i, &page_ids, lang);
        let mut d = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Page".to_vec())),
            ("MediaBox", media.clone()),
            ("TrimBox", media.clone()),
            ("CropBox", media.clone()),
            ("Parent", Object::Reference(pages_id)),
            ("Resources", Object::Reference(resources)),
            ("Contents", Object::Reference(contents)),
            // Annotations in the order of the structure tree (ISO 14289-1 §7.18.3).
            ("Tabs", Object::Name(b"S".to_vec())),
        ]);
        if !annots.is_empty() {
            d.set("Annots", Object::Array(annots));
        }
        if !drawn.mcids.is_empty() {
            d.set("StructParents", i as i64);
        }
        tags.page(i, &drawn.mcids);
        file::pack(&mut raw, page_ids[i], &Object::Dictionary(d));
    }
    pdf.objects.insert(
        pages_id,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Count", Object::Integer(page_ids.len() as i64)),
            (
                "Kids",
                Object::Array(page_ids.iter().map(|&id| Object::Reference(id)).collect()),
            ),
        ])),
    );
    if !boxes.lacking.is_empty() {
        let list: String = boxes.lacking.iter().collect();
        warnings.push(Warning::warn(format!(
            "pdf: the font subsets lack {list}; drawn as blank boxes, kept as text"
        )));
    }
    if boxes.uncovered || !boxes.lacking.is_empty() {
        // ISO 14289-1 §7.21.8 and ISO 19005-2 §6.2.11.8: no text may show the .notdef glyph.
        let why = "characters without a glyph are drawn as blank boxes".to_string();
        obstacles.ua1.push(why.clone());
        obstacles.a2u.push(why);
    }

    let next_key = laid.pages.len() + links.annotations.len();
    let tree_root = tags.write(&mut pdf, &mut raw, &page_ids, &links.annotations, next_key);
    let outline = outline::write(&mut pdf, &mut raw, laid, &page_ids);

    let title = doc.display_title();
    let meta = doc_meta(doc, &title, lang, DateTime::from_epoch(ctx.epoch));
    let (claims, refused) = obstacles.claims(ctx.options.pdf_standard);
    warnings.extend(refused.into_iter().map(Warning::warn));
    let metadata = metadata::write_xmp(&mut pdf, metadata::xmp(&meta, claims));
    let info = pdf.add_object(metadata::info(&meta));
    let intent = metadata::output_intent(&mut pdf, &meta.date);
    let mut catalog = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages_id)),
        ("PageLayout", Object::Name(b"OneColumn".to_vec())),
        ("Lang", text_string(lang)),
        ("PageLabels", Object::Dictionary(outline::page_labels(laid))),
        ("Metadata", Object::Reference(metadata)),
        (
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "DisplayDocTitle",
                Object::Boolean(true),
            )])),
        ),
        (
            "MarkInfo",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "Marked",
                Object::Boolean(true),
            )])),
        ),
        ("StructTreeRoot", Object::Reference(tree_root)),
        ("OutputIntents", Object::Array(vec![intent])),
    ]);
    if vertical {
        // A vertical book is bound on the right (clreq §2.1): pages read right to left, which
        // also puts spreads right to left (PDF 32000-1 §12.2, Table 150 /Direction), and two
        // pages at a time with the odd page on the right of the reading order (Table 28
        // /TwoPageRight), so that, mirrored by /R2L, the first page opens on the left.
        catalog.set("PageLayout", Object::Name(b"TwoPageRight".to_vec()));
        catalog.set(
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("DisplayDocTitle", Object::Boolean(true)),
                ("Direction", Object::Name(b"R2L".to_vec())),
            ])),
        );
    }
    match outline {
        Some(id) => {
            catalog.set("Outlines", id);
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => catalog.set("PageMode", Object::Name(b"UseNone".to_vec())),
    }
    let catalog = pdf.add_object(catalog);
    pdf.trailer.set("Root", catalog);
    pdf.trailer.set("Info", info);
    let bytes = save::save(pdf, &raw, deflate);
    Ok(Warned {
        value: bytes,
        warnings,
    })
}

/// Points per millimetre as printpdf converted page sizes, kept so that the pages' boxes stay
/// what they were.
const MM_TO_PT: f32 = 2.834_646;

/// The title, author, subject, language and date the information dictionary and XMP share.
fn doc_meta<'a>(
    doc: &'a Document,
    title: &'a str,
    lang: &'a str,
    date: DateTime,
) -> metadata::Meta<'a> {
    let meta = &doc.meta;
    metadata::Meta {
        title,
        author: (!meta.authors.is_empty()).then(|| meta.authors.join("、")),
        subject: meta
            .subtitle
            .as_deref()
            .or(meta.description.as_deref())
            .filter(|s| !s.trim().is_empty()),
        lang,
        date,
    }
}

/// A text string: PDFDocEncoding when ASCII, otherwise UTF-16BE with a byte order mark
/// (PDF 32000-1 §7.9.2.2).
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}
