//! Pictures. PNG goes through printpdf, which decodes it to pixels (and splits off the alpha
//! channel as a soft mask); JPEG is embedded as it is, with `/DCTDecode` (PDF 32000-1 §7.4.8) —
//! printpdf would decode it and store the pixels, several times larger — so its image object is
//! added to the lopdf document afterwards, beside printpdf's.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, Stream};
use printpdf::{PdfDocument, RawImage, XObject, XObjectId};

use crate::Warning;
use crate::layout::{Layout, Mark};
use crate::model::Document;

/// An image as the content stream refers to it.
pub(super) struct Image {
    /// Its resource name.
    pub id: XObjectId,
    /// The size printpdf maps it to before our scaling: pixels for a decoded image (at 72 per
    /// inch, one point each), 1 × 1 for one it does not know.
    pub unit: (f32, f32),
}

/// A JPEG to add to the document as it is.
pub(super) struct Jpeg<'a> {
    pub name: String,
    pub data: &'a [u8],
    pub width: u16,
    pub height: u16,
    pub components: u8,
    /// Adobe's CMYK JPEGs store inverted values (an APP14 "Adobe" segment marks them).
    pub adobe: bool,
}

/// Registers every picture once, by `src`; one that does not decode becomes a warning.
pub(super) fn load<'a>(
    laid: &Layout,
    doc: &'a Document,
    pdf: &mut PdfDocument,
    warnings: &mut Vec<Warning>,
) -> (BTreeMap<String, Image>, Vec<Jpeg<'a>>) {
    let mut images = BTreeMap::new();
    let mut jpegs = Vec::new();
    for mark in laid.pages.iter().flat_map(|p| &p.marks) {
        let Mark::Picture { src, .. } = mark else {
            continue;
        };
        if images.contains_key(src) {
            continue;
        }
        let Some(res) = doc.resources.get(src) else {
            continue;
        };
        let id = XObjectId(format!("Im{}", images.len() + 1));
        if let Some(jpeg) = jpeg(&id.0, &res.data) {
            jpegs.push(jpeg);
            images.insert(
                src.clone(),
                Image {
                    id,
                    unit: (1.0, 1.0),
                },
            );
            continue;
        }
        let mut img_warnings = Vec::new();
        match RawImage::decode_from_bytes(&res.data, &mut img_warnings) {
            Ok(img) => {
                let unit = (img.width as f32, img.height as f32);
                pdf.resources
                    .xobjects
                    .map
                    .insert(id.clone(), XObject::Image(img));
                images.insert(src.clone(), Image { id, unit });
            }
            Err(e) => warnings.push(Warning::warn(format!("pdf: image {src}: {e}"))),
        }
    }
    (images, jpegs)
}

/// Reads a baseline or progressive JPEG's frame header (ITU-T T.81 §B.2.2).
fn jpeg<'a>(name: &str, data: &'a [u8]) -> Option<Jpeg<'a>> {
    if data.get(..2) != Some(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    let mut adobe = false;
    while at + 4 <= data.len() {
        if data[at] != 0xFF {
            return None;
        }
        let marker = data[at + 1];
        let len = usize::from(u16::from_be_bytes([data[at + 2], data[at + 3]]));
        let body = data.get(at + 4..at + 2 + len)?;
        match marker {
            0xEE if body.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let height = u16::from_be_bytes([*body.get(1)?, *body.get(2)?]);
                let width = u16::from_be_bytes([*body.get(3)?, *body.get(4)?]);
                let components = *body.get(5)?;
                if width == 0 || height == 0 || !matches!(components, 1 | 3 | 4) {
                    return None;
                }
                return Some(Jpeg {
                    name: name.to_string(),
                    data,
                    width,
                    height,
                    components,
                    adobe,
                });
            }
            _ => {}
        }
        at += 2 + len;
    }
    None
}

/// Adds the JPEGs to the shared XObject dictionary every page's resources point to.
pub(super) fn add_jpegs(lo: &mut lopdf::Document, jpegs: &[Jpeg]) {
    let Some(dict_id) = xobject_dict(lo) else {
        return;
    };
    let mut entries = Vec::new();
    for j in jpegs {
        let space = match j.components {
            1 => "DeviceGray",
            3 => "DeviceRGB",
            _ => "DeviceCMYK",
        };
        let mut dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Image".to_vec())),
            ("Width", Object::Integer(i64::from(j.width))),
            ("Height", Object::Integer(i64::from(j.height))),
            ("ColorSpace", Object::Name(space.as_bytes().to_vec())),
            ("BitsPerComponent", Object::Integer(8)),
            ("Filter", Object::Name(b"DCTDecode".to_vec())),
        ]);
        if j.components == 4 && j.adobe {
            dict.set(
                "Decode",
                Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()),
            );
        }
        let id = lo.add_object(Stream::new(dict, j.data.to_vec()).with_compression(false));
        entries.push((j.name.clone(), id));
    }
    if let Ok(Object::Dictionary(d)) = lo.get_object_mut(dict_id) {
        for (name, id) in entries {
            d.set(name, id);
        }
    }
}

/// The XObject dictionary printpdf shares between all pages.
fn xobject_dict(lo: &lopdf::Document) -> Option<lopdf::ObjectId> {
    let page = *lo.get_pages().values().next()?;
    let resources = lo.get_dictionary(page).ok()?.get(b"Resources").ok()?;
    let resources = match resources {
        Object::Reference(id) => lo.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    resources.get(b"XObject").ok()?.as_reference().ok()
}
