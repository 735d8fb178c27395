//! Pictures as image XObjects (PDF 32000-1 §8.9.5). A PNG is decoded to 8-bit samples, deflated,
//! with its alpha channel (or `tRNS` transparency) as a soft mask (§11.6.5.3); a JPEG is embedded
//! as it is, with `/DCTDecode` (§7.4.8) — decoding it would store the pixels, several times
//! larger.

use std::collections::BTreeMap;
use std::io::Cursor;

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::standard::Obstacles;
use crate::error::Warning;
use crate::layout::{Layout, Mark};
use crate::model::Document;

/// An image as the content stream refers to it.
pub(super) struct Image {
    /// Its resource name.
    pub name: String,
    /// Its object.
    pub id: ObjectId,
}

/// The most decoded bytes one picture may take (the `image` crate's default allocation limit):
/// a small file can declare a huge canvas.
const MAX_PIXEL_BYTES: usize = 512 << 20;

/// Writes every picture once, by `src`; one that does not decode becomes a warning. An image
/// PDF/A-2 cannot carry with an sRGB output intent (a CMYK JPEG, ISO 19005-2 §6.2.4.3) is an
/// obstacle to that claim.
pub(super) fn embed(
    laid: &Layout,
    doc: &Document,
    pdf: &mut lopdf::Document,
    warnings: &mut Vec<Warning>,
    obstacles: &mut Obstacles,
) -> BTreeMap<String, Image> {
    let mut images = BTreeMap::new();
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
        let stream = match jpeg(&res.data) {
            Some(j) => {
                if j.components == 4 {
                    obstacles
                        .a2u
                        .push(format!("image {src} is CMYK, the output intent sRGB"));
                }
                Ok(j.stream(&res.data))
            }
            None => png(&res.data, pdf),
        };
        match stream {
            Ok(stream) => {
                let name = format!("Im{}", images.len() + 1);
                let id = pdf.add_object(stream);
                images.insert(src.clone(), Image { name, id });
            }
            Err(e) => warnings.push(Warning::warn(format!("pdf: image {src}: {e}"))),
        }
    }
    images
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// The dictionary of an image XObject.
fn image_dict(width: u32, height: u32, space: &str) -> Dictionary {
    Dictionary::from_iter(vec![
        ("Type", name("XObject")),
        ("Subtype", name("Image")),
        ("Width", Object::Integer(i64::from(width))),
        ("Height", Object::Integer(i64::from(height))),
        ("ColorSpace", name(space)),
        ("BitsPerComponent", Object::Integer(8)),
        // PDF/A-2 (ISO 19005-2 §6.2.8) wants no interpolation asked for.
        ("Interpolate", Object::Boolean(false)),
    ])
}

/// Decodes a PNG into an image stream (compressed when the document is saved), adding its soft
/// mask to `pdf`.
fn png(data: &[u8], pdf: &mut lopdf::Document) -> Result<Stream, String> {
    let mut decoder = png::Decoder::new(Cursor::new(data));
    // 8 bits per sample, palettes and low bit depths expanded, `tRNS` made an alpha channel.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    // PNG §11.2.3: a palette is 1 to 256 entries of three bytes; any other length is an error.
    // png 0.18 takes one whose length is not a multiple of three and panics expanding it (fuzz
    // finding, kept in tests/fuzz.proptest-regressions).
    if let Some(palette) = &reader.info().palette
        && (palette.is_empty() || palette.len() % 3 != 0 || palette.len() > 768)
    {
        return Err(format!(
            "its palette (PLTE) is {} bytes, not 1 to 256 entries of 3",
            palette.len()
        ));
    }
    let size = reader
        .output_buffer_size()
        .filter(|&n| n <= MAX_PIXEL_BYTES)
        .ok_or("too large to decode")?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(|e| e.to_string())?;
    pixels.truncate(frame.buffer_size());
    let (color, alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err("palette not expanded".into()),
    };
    let space = if color == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let mut dict = image_dict(frame.width, frame.height, space);
    if alpha {
        let step = color + 1;
        let mask: Vec<u8> = pixels.chunks_exact(step).map(|p| p[color]).collect();
        let samples: Vec<u8> = pixels
            .chunks_exact(step)
            .flat_map(|p| p[..color].iter().copied())
            .collect();
        let mask = pdf.add_object(Stream::new(
            image_dict(frame.width, frame.height, "DeviceGray"),
            mask,
        ));
        dict.set("SMask", mask);
        pixels = samples;
    }
    Ok(Stream::new(dict, pixels))
}

/// A JPEG's frame header, read to describe it.
struct Jpeg {
    width: u16,
    height: u16,
    components: u8,
    /// Adobe's CMYK JPEGs store inverted values (an APP14 "Adobe" segment marks them).
    adobe: bool,
}

impl Jpeg {
    /// The JPEG as an image stream, its bytes as they are.
    fn stream(&self, data: &[u8]) -> Stream {
        let space = match self.components {
            1 => "DeviceGray",
            3 => "DeviceRGB",
            _ => "DeviceCMYK",
        };
        let mut dict = image_dict(u32::from(self.width), u32::from(self.height), space);
        dict.set("Filter", name("DCTDecode"));
        if self.components == 4 && self.adobe {
            dict.set(
                "Decode",
                Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()),
            );
        }
        Stream::new(dict, data.to_vec()).with_compression(false)
    }
}

/// Reads a baseline or progressive JPEG's frame header (ITU-T T.81 §B.2.2).
fn jpeg(data: &[u8]) -> Option<Jpeg> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2 × 1 PNG of the given colour type and samples, written with the `png` crate.
    fn encode(color: png::ColorType, samples: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, 2, 1);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(samples).unwrap();
        writer.finish().unwrap();
        out
    }

    /// A hand-made 2 × 1 PNG of 16-bit samples, Adam7-interlaced when `interlaced` (the `png`
    /// encoder writes neither interlacing nor, with 16 bits, the `tRNS` this takes).
    fn sixteen_bit(
        color: u8,
        interlaced: bool,
        trns: Option<&[u8]>,
        pixels: [&[u8]; 2],
    ) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8], body: &[u8]) {
            out.extend((body.len() as u32).to_be_bytes());
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(body);
            out.extend(kind);
            out.extend(body);
            out.extend(crc.sum().to_be_bytes());
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = [0, 0, 0, 2, 0, 0, 0, 1, 16, color, 0, 0, 0].to_vec();
        ihdr[12] = u8::from(interlaced);
        chunk(&mut out, b"IHDR", &ihdr);
        if let Some(t) = trns {
            chunk(&mut out, b"tRNS", t);
        }
        // Filter type 0 before each scanline; Adam7 puts pixel 0 in pass 1 and pixel 1 in pass 6,
        // one scanline each.
        let raw: Vec<u8> = if interlaced {
            [&[0][..], pixels[0], &[0], pixels[1]].concat()
        } else {
            [&[0][..], pixels[0], pixels[1]].concat()
        };
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut z, &raw).unwrap();
        chunk(&mut out, b"IDAT", &z.finish().unwrap());
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn a_palette_of_broken_length_is_refused_not_expanded() {
        // 1 × 1, 1 bit, indexed; PLTE of 16 bytes (five entries and one byte): png 0.18 panicked
        // expanding it (a fuzz finding).
        fn chunk(out: &mut Vec<u8>, kind: &[u8], body: &[u8]) {
            out.extend((body.len() as u32).to_be_bytes());
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(body);
            out.extend(kind);
            out.extend(body);
            out.extend(crc.sum().to_be_bytes());
        }
        let picture = |palette: &[u8]| {
            let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
            chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 1, 3, 0, 0, 0]);
            chunk(&mut out, b"PLTE", palette);
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            std::io::Write::write_all(&mut z, &[0, 0]).unwrap();
            chunk(&mut out, b"IDAT", &z.finish().unwrap());
            chunk(&mut out, b"IEND", &[]);
            out
        };
        let mut pdf = lopdf::Document::with_version("1.7");
        let e = png(&picture(&[7; 16]), &mut pdf).unwrap_err();
        assert!(e.contains("palette (PLTE) is 16 bytes"), "{e}");
        let stream = png(&picture(&[7; 15]), &mut pdf).unwrap();
        assert_eq!(stream.content, [7, 7, 7]);
    }

    #[test]
    fn sixteen_bit_interlaced_rgba_becomes_8_bit_with_a_mask() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let data = sixteen_bit(
            6,
            true,
            None,
            [
                &[0xFF, 1, 0, 2, 0x80, 3, 0x40, 4],
                &[0, 9, 0x10, 9, 0x20, 9, 0xFF, 9],
            ],
        );
        let stream = png(&data, &mut pdf).unwrap();
        assert_eq!(
            stream.dict.get(b"BitsPerComponent").unwrap(),
            &Object::Integer(8)
        );
        assert_eq!(stream.content, [0xFF, 0, 0x80, 0, 0x10, 0x20]);
        let mask = stream.dict.get(b"SMask").unwrap().as_reference().unwrap();
        let mask = pdf.get_object(mask).unwrap().as_stream().unwrap();
        assert_eq!(mask.content, [0x40, 0xFF]);
    }

    #[test]
    fn sixteen_bit_rgb_with_trns_masks_the_keyed_colour() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let key = [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC];
        let data = sixteen_bit(2, false, Some(&key), [&key, &[0xFF, 0, 0xFF, 0, 0xFF, 0]]);
        let stream = png(&data, &mut pdf).unwrap();
        assert_eq!(stream.content, [0x12, 0x56, 0x9A, 0xFF, 0xFF, 0xFF]);
        assert_eq!(stream.dict.get(b"ColorSpace").unwrap(), &name("DeviceRGB"));
        let mask = stream.dict.get(b"SMask").unwrap().as_reference().unwrap();
        let mask = pdf.get_object(mask).unwrap().as_stream().unwrap();
        assert_eq!(mask.content, [0, 255]);
    }

    #[test]
    fn alpha_becomes_a_soft_mask() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let data = encode(png::ColorType::Rgba, &[255, 0, 0, 128, 0, 0, 255, 255]);
        let stream = png(&data, &mut pdf).unwrap();
        assert_eq!(stream.content, [255, 0, 0, 0, 0, 255]);
        assert_eq!(stream.dict.get(b"ColorSpace").unwrap(), &name("DeviceRGB"));
        let mask = stream.dict.get(b"SMask").unwrap().as_reference().unwrap();
        let mask = pdf.get_object(mask).unwrap().as_stream().unwrap();
        assert_eq!(mask.content, [128, 255]);
        assert_eq!(mask.dict.get(b"ColorSpace").unwrap(), &name("DeviceGray"));
    }

    #[test]
    fn gray_stays_gray_without_a_mask() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let data = encode(png::ColorType::Grayscale, &[10, 200]);
        let stream = png(&data, &mut pdf).unwrap();
        assert_eq!(stream.content, [10, 200]);
        assert_eq!(stream.dict.get(b"ColorSpace").unwrap(), &name("DeviceGray"));
        assert!(!stream.dict.has(b"SMask"));
    }

    #[test]
    fn a_broken_png_is_an_error_not_a_panic() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let mut data = encode(png::ColorType::Rgb, &[1, 2, 3, 4, 5, 6]);
        data.truncate(data.len() - 20);
        assert!(png(&data, &mut pdf).is_err());
        assert!(png(b"\x89PNG\r\n\x1a\n", &mut pdf).is_err());
    }
}
