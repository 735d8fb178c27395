//! Hostile input, round 3 (issue 24): 16-bit PNGs — interlaced RGBA, RGB with `tRNS` — became
//! image objects with no data in the PDF (printpdf wrote nothing for 16-bit samples), with no
//! warning. The PDF now carries them as 8-bit samples with a soft mask.
// See: issue 24, "Text lost or hidden".

mod common;

use std::fs;

use common::bounded::{quick_success, text_survives, timed};
use common::picture::png;

/// A 2 × 2 picture's scanlines of 16-bit samples: Adam7 puts pixel (0,0) in pass 1, (1,0) in
/// pass 6 and the second row in pass 7; without interlacing, two rows of two.
fn sixteen_bit(channels: usize, interlaced: bool) -> Vec<u8> {
    let pixel = |k: u8| -> Vec<u8> { (0..channels).flat_map(|c| [k * 60 + c as u8, 7]).collect() };
    let row = |ps: &[u8]| -> Vec<u8> {
        std::iter::once(0)
            .chain(ps.iter().flat_map(|&k| pixel(k)))
            .collect()
    };
    if interlaced {
        [row(&[0]), row(&[1]), row(&[2, 3])].concat()
    } else {
        [row(&[0, 1]), row(&[2, 3])].concat()
    }
}

#[test]
fn sixteen_bit_pngs_are_drawn_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let rgba = png((2, 2), (16, 6, 1), None, None, &sixteen_bit(4, true));
    let key = [0, 0, 0, 7, 0, 7];
    let rgb = png((2, 2), (16, 2, 0), None, Some(&key), &sixteen_bit(3, false));
    fs::write(dir.path().join("rgba.png"), rgba).unwrap();
    fs::write(dir.path().join("rgb.png"), rgb).unwrap();
    fs::write(
        dir.path().join("pics.md"),
        "# 图片\n\n![透明](rgba.png)\n\n![键色](rgb.png)\n\n正文。\n",
    )
    .unwrap();
    let run = timed(
        dir.path(),
        &["build", "pics.md", "-o", "out", "--no-system-fonts"],
        &[],
    );
    quick_success("16-bit PNGs", &run);
    let stderr = String::from_utf8_lossy(&run.out.stderr);
    assert!(!stderr.contains("image"), "{stderr}");
    text_survives(&dir.path().join("out"), "pics", &["图片", "正文。"]);
    // Two images of 2 × 2 RGB samples, 8 bits each, each with a 2 × 2 soft mask.
    let pdf = lopdf::Document::load(dir.path().join("out/pics.pdf")).unwrap();
    let mut images = 0;
    for object in pdf.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let is = |key: &[u8], value: &[u8]| {
            stream
                .dict
                .get(key)
                .and_then(|v| v.as_name())
                .is_ok_and(|n| n == value)
        };
        if !is(b"Subtype", b"Image") || !is(b"ColorSpace", b"DeviceRGB") {
            continue;
        }
        images += 1;
        assert_eq!(
            stream
                .dict
                .get(b"BitsPerComponent")
                .unwrap()
                .as_i64()
                .unwrap(),
            8
        );
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        assert_eq!(data.len(), 2 * 2 * 3, "samples");
        let mask = stream.dict.get(b"SMask").unwrap().as_reference().unwrap();
        let mask = pdf.get_object(mask).unwrap().as_stream().unwrap();
        let alpha = mask
            .decompressed_content()
            .unwrap_or_else(|_| mask.content.clone());
        assert_eq!(alpha.len(), 4, "mask");
    }
    assert_eq!(images, 2);
}
