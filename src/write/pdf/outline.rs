//! The outline (PDF 32000-1 §12.3.3): one entry per heading, nested by level, in document order,
//! each landing on its heading's line; and the page labels (§12.4.2).

use lopdf::{Dictionary, Object, ObjectId};

use super::file::{Raw, pack};
use super::text_string;
use crate::layout::Layout;

/// Writes the outline, its entries to `raw`, and returns its root, or `None` for a document without headings.
pub(super) fn write(
    pdf: &mut lopdf::Document,
    raw: &mut Raw,
    laid: &Layout,
    page_ids: &[ObjectId],
) -> Option<ObjectId> {
    if laid.anchors.is_empty() {
        return None;
    }
    let root = pdf.new_object_id();
    // Each entry's parent: the nearest earlier entry of a lower level.
    let n = laid.anchors.len();
    let ids: Vec<ObjectId> = (0..n).map(|_| pdf.new_object_id()).collect();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for (i, a) in laid.anchors.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&j| laid.anchors[j].level >= a.level)
        {
            stack.pop();
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut top = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => kids[*p].push(i),
            None => top.push(i),
        }
    }
    // Open entries count all their descendants (§12.3.3, Table 153).
    let mut count = vec![0i64; n];
    for i in (0..n).rev() {
        if let Some(p) = parent[i] {
            count[p] += 1 + count[i];
        }
    }
    for i in 0..n {
        let a = &laid.anchors[i];
        let siblings = match parent[i] {
            Some(p) => &kids[p],
            None => &top,
        };
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = Dictionary::new();
        d.set("Title", text_string(&a.title));
        d.set("Parent", parent[i].map_or(root, |p| ids[p]));
        if pos > 0 {
            d.set("Prev", ids[siblings[pos - 1]]);
        }
        if let Some(&next) = siblings.get(pos + 1) {
            d.set("Next", ids[next]);
        }
        if let (Some(&first), Some(&last)) = (kids[i].first(), kids[i].last()) {
            d.set("First", ids[first]);
            d.set("Last", ids[last]);
            d.set("Count", count[i]);
        }
        if let Some(&page) = page_ids.get(a.page) {
            let top = (laid.height - a.y).round();
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(top),
                    Object::Null,
                ]),
            );
        }
        pack(raw, ids[i], &Object::Dictionary(d));
    }
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        d.set("First", ids[first]);
        d.set("Last", ids[last]);
    }
    d.set(
        "Count",
        top.len() as i64 + top.iter().map(|&i| count[i]).sum::<i64>(),
    );
    pdf.objects.insert(root, Object::Dictionary(d));
    Some(root)
}

/// The page labels (PDF 32000-1 §12.4.2): the front matter i, ii, … (`/S /r`), the body from 1
/// (`/S /D`), so that a viewer's page box shows the numbers printed on the pages.
pub(super) fn page_labels(laid: &Layout) -> Dictionary {
    let style =
        |s: &[u8]| Object::Dictionary(Dictionary::from_iter(vec![("S", Object::Name(s.to_vec()))]));
    let mut nums = Vec::new();
    if laid.front > 0 {
        nums.extend([Object::Integer(0), style(b"r")]);
    }
    if laid.front < laid.pages.len() {
        nums.extend([Object::Integer(laid.front as i64), style(b"D")]);
    }
    Dictionary::from_iter(vec![("Nums", Object::Array(nums))])
}
