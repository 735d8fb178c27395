//! One laid-out page into its content stream: shades, pictures, rules, then the text in one text
//! object (`text`), each stretch marked as the content of its structure node or as an artifact
//! (`marked`).
//!
//! Reading positions: the structure tree orders a node's content by where it stands in the
//! page's reading order. A run's position is `2i + 1` for run `i` (runs are in reading order); a
//! picture comes before the first run that starts below its top, at `2k`.

use std::collections::BTreeMap;

use super::fonts::Embedded;
use super::images::Image;
use super::marked::{Kind, Marker};
use super::ops::Ops;
use super::text::{self, Boxes, Sheet};
use crate::layout::tags::Tree;
use crate::layout::{Ink, Mark, Page, Run};

/// Rounds a coordinate to 1/100 pt: finer than any device, and short in the content stream.
pub(super) fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Sets the fill (`g`/`rg`) or stroke (`G`/`RG`) colour of `ink`: grey levels as DeviceGray,
/// colours as DeviceRGB, both read through the sRGB output intent (ISO 19005-2 §6.2.4.3).
pub(super) fn ink(ops: &mut Ops, ink: Ink, stroke: bool) {
    let gray = |level: f32| (vec![level], if stroke { "G" } else { "g" });
    let rgb = |r: f32, g: f32, b: f32| (vec![r, g, b], if stroke { "RG" } else { "rg" });
    let (values, op) = match ink {
        Ink::Text => gray(0.0),
        Ink::Link => rgb(0.05, 0.22, 0.55),
        Ink::Muted => gray(0.4),
        Ink::Shade => gray(0.94),
        Ink::Red => {
            let [r, g, b] = crate::gongwen::RED.map(|v| f32::from(v) / 255.0);
            rgb(r, g, b)
        }
    };
    ops.nums(&values, op);
}

/// Where the top and bottom margins begin, in points from the page's top: text above the one
/// or below the other is a running head or a page number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Furniture {
    /// The top of the text block.
    pub top: f32,
    /// The bottom of the text block.
    pub bottom: f32,
}

/// A page's content stream and its marked content.
pub(super) struct Drawn {
    /// The content stream.
    pub content: Vec<u8>,
    /// By MCID: the node and its reading position.
    pub mcids: Vec<(crate::layout::tags::NodeId, u32)>,
}

/// Draws one page.
pub(super) fn page(
    page: &Page,
    sheet: Sheet,
    tree: &Tree,
    furniture: Furniture,
    fonts: &Embedded,
    images: &BTreeMap<String, Image>,
    boxes: &mut Boxes,
) -> Drawn {
    let h = sheet.height;
    let mut ops = Ops::default();
    let mut marker = Marker::new(tree);
    // Backgrounds first, then pictures, then rules and dots.
    for mark in &page.marks {
        if let Mark::Fill {
            x,
            y,
            w,
            h: fh,
            ink: i,
        } = *mark
        {
            marker.enter(&mut ops, Kind::Artifact, 0);
            ink(&mut ops, i, false);
            ops.nums(&[r2(x), r2(h - y - fh), r2(w), r2(fh)], "re");
            ops.op("f");
        }
    }
    for mark in &page.marks {
        if let Mark::Picture {
            src,
            x,
            y,
            w,
            h: ph,
            node,
        } = mark
            && let Some(image) = images.get(src)
        {
            let kind = node.map_or(Kind::Artifact, Kind::Node);
            marker.enter(&mut ops, kind, position_below(page, *y));
            ops.op("q");
            ops.nums(&[*w, 0.0, 0.0, *ph, r2(*x), r2(h - y - ph)], "cm");
            ops.xobject(&image.name);
            ops.op("Q");
        }
    }
    // Rules, dots and rows of dots are all strokes: a dot is a zero-length line with round caps,
    // a row of dots a dashed line of zero-length dashes (PDF 32000-1 §8.4.3.4, §8.4.3.6).
    let mut pen = Pen::default();
    for mark in &page.marks {
        let (x0, y0, x1, y1) = match *mark {
            Mark::Rule {
                x0,
                y0,
                x1,
                y1,
                width,
                ink: i,
            } => {
                marker.enter(&mut ops, Kind::Artifact, 0);
                pen.set(&mut ops, i, width, None);
                (x0, y0, x1, y1)
            }
            Mark::Dot { x, y, r } => {
                marker.enter(&mut ops, Kind::Artifact, 0);
                pen.set(&mut ops, Ink::Text, 2.0 * r, Some(0.0));
                (x, y, x, y)
            }
            Mark::Dots { x0, x1, y, step, r } => {
                marker.enter(&mut ops, Kind::Artifact, 0);
                pen.set(&mut ops, Ink::Text, 2.0 * r, Some(step));
                (x0, y, x1 + step / 4.0, y)
            }
            _ => continue,
        };
        ops.nums(&[r2(x0), r2(h - y0)], "m");
        ops.nums(&[r2(x1), r2(h - y1)], "l");
        ops.op("S");
    }
    // Text objects and marked-content sequences must nest (PDF 32000-1 §14.6).
    marker.close(&mut ops);
    let kind = |_: usize, run: &Run| match run.node {
        Some(node) => Kind::Node(node),
        None if run.y < furniture.top => Kind::Header,
        None if run.y > furniture.bottom => Kind::Footer,
        None => Kind::Artifact,
    };
    text::draw(page, sheet, fonts, &kind, &mut marker, boxes, &mut ops);
    Drawn {
        content: ops.into_bytes(),
        mcids: marker.mcids,
    }
}

/// The reading position of something (a picture, a link's box) whose top is at `y`: before the
/// first run of a structure node set below it.
pub(super) fn position_below(page: &Page, y: f32) -> u32 {
    let k = page
        .runs
        .iter()
        .position(|r| r.node.is_some() && r.y > y)
        .unwrap_or(page.runs.len());
    2 * k as u32
}

/// The stroke state: colour, width, and dots (round caps, with this gap between them) or solid
/// lines (butt caps).
#[derive(Default, PartialEq)]
struct Pen {
    state: Option<(Ink, f32, Option<f32>)>,
}

impl Pen {
    fn set(&mut self, ops: &mut Ops, i: Ink, width: f32, dots: Option<f32>) {
        let width = r2(width);
        let old = self.state;
        if old == Some((i, width, dots)) {
            return;
        }
        if old.is_none_or(|o| o.0 != i) {
            ink(ops, i, true);
        }
        if old.is_none_or(|o| o.1 != width) {
            ops.nums(&[width], "w");
        }
        if old.is_none_or(|o| o.2.is_some() != dots.is_some()) {
            // Round caps for dots, butt caps for rules (PDF 32000-1 §8.4.3.3).
            ops.int(if dots.is_some() { 1 } else { 0 }, "J");
        }
        if old.is_none_or(|o| o.2 != dots) {
            match dots {
                Some(gap) if gap > 0.0 => ops.dash(&[0.0, r2(gap)], 0.0),
                _ => ops.dash(&[], 0.0),
            }
        }
        self.state = Some((i, width, dots));
    }
}
