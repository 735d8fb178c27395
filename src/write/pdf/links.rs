//! Link annotations (PDF 32000-1 §12.5.6.5). An external address is written once, as a URI
//! action (§12.6.4.7) that every line's annotation of it refers to: a long address on many lines
//! costs its length once. Internal links land on the line they point at (§12.3.2.2, `/XYZ` with
//! only the top given: the viewer keeps its zoom and left edge).
//!
//! Each annotation says in words what it does (`/Contents`, ISO 14289-1 §7.18.5), is printable
//! (`/F 4`, ISO 19005-2 §6.3.2), and points back to its place in the structure tree
//! (`/StructParent`, §14.7.4.4).

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::content::position_below;
use super::file::{Raw, pack};
use super::text_string;
use crate::layout::tags::{NodeId, Role};
use crate::layout::{Layout, Mark, Page, Spot, Target};

/// One link annotation, for the structure tree.
pub(super) struct Annotation {
    /// Its object.
    pub id: ObjectId,
    /// Its key in the parent tree.
    pub key: usize,
    /// The page it is on.
    pub page: usize,
    /// Where it stands in the page's reading order.
    pub pos: u32,
    /// The node it belongs to.
    pub node: Option<NodeId>,
}

/// The annotations of the document and the URI actions they share.
pub(super) struct Links {
    /// The URI actions, by the address's allocation: the boxes of one link share it.
    actions: HashMap<usize, ObjectId>,
    /// Every annotation, in page order.
    pub annotations: Vec<Annotation>,
    /// The first parent-tree key of annotations (the pages take the keys before it).
    first_key: usize,
}

impl Links {
    /// No annotations yet; theirs are the parent-tree keys from `first_key`.
    pub fn new(first_key: usize) -> Links {
        Links {
            actions: HashMap::new(),
            annotations: Vec::new(),
            first_key,
        }
    }

    /// Writes the link annotations of page `index` to `raw` and returns their references.
    pub fn page(
        &mut self,
        pdf: &mut lopdf::Document,
        raw: &mut Raw,
        laid: &Layout,
        index: usize,
        page_ids: &[ObjectId],
        lang: &str,
    ) -> Vec<Object> {
        let page: &Page = &laid.pages[index];
        let h = laid.height;
        let mut refs = Vec::new();
        for mark in &page.marks {
            let Mark::Link {
                x,
                y,
                w,
                h: lh,
                target,
                node,
            } = mark
            else {
                continue;
            };
            let spot = match target {
                Target::Uri(_) => None,
                Target::Anchor(i) => laid.anchors.get(*i).map(|a| Spot {
                    page: a.page,
                    y: a.y,
                }),
                Target::Note { index, .. } => laid.notes.get(*index).and_then(|n| n.text),
                Target::NoteMark(i) => laid.notes.get(*i).and_then(|n| n.mark),
            };
            let action = match (target, spot) {
                (Target::Uri(uri), _) => Object::Reference(self.uri(pdf, uri)),
                (_, Some(spot)) => match page_ids.get(spot.page) {
                    Some(&target_page) => Object::Dictionary(Dictionary::from_iter(vec![
                        ("S", Object::Name(b"GoTo".to_vec())),
                        (
                            "D",
                            Object::Array(vec![
                                Object::Reference(target_page),
                                Object::Name(b"XYZ".to_vec()),
                                Object::Null,
                                // Whole points, as the outline's: the viewer shows at
                                // most a point more above the line, and a book's thousands
                                // of contents entries cost fewer digits (issue 20).
                                Object::Integer((h - spot.y).round() as i64),
                                Object::Null,
                            ]),
                        ),
                    ])),
                    None => continue,
                },
                // A note's number when nothing refers to the note.
                (_, None) => continue,
            };
            let key = self.first_key + self.annotations.len();
            // Whole points, rounded outwards so that the box still covers the text: a link's box
            // is not drawn (`/Border [0 0 0]`), and fewer digits make a smaller file.
            let rect = [
                x.floor(),
                (h - y - lh).floor(),
                (x + w).ceil(),
                (h - y).ceil(),
            ]
            .map(|v| Object::Integer(v as i64));
            let id = pdf.new_object_id();
            let annot = Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Link".to_vec())),
                ("Rect", Object::Array(rect.to_vec())),
                ("A", action),
                ("Border", Object::Array(vec![Object::Integer(0); 3])),
                ("F", Object::Integer(4)),
                (
                    "Contents",
                    text_string(&contents(laid, target, *node, lang)),
                ),
                ("StructParent", Object::Integer(key as i64)),
            ]));
            pack(raw, id, &annot);
            self.annotations.push(Annotation {
                id,
                key,
                page: index,
                pos: position_below(page, *y),
                node: *node,
            });
            refs.push(Object::Reference(id));
        }
        refs
    }

    /// The URI action of `uri`, written on first use.
    fn uri(&mut self, pdf: &mut lopdf::Document, uri: &Arc<str>) -> ObjectId {
        let key = Arc::as_ptr(uri) as *const u8 as usize;
        *self.actions.entry(key).or_insert_with(|| {
            pdf.add_object(Dictionary::from_iter(vec![
                ("S", Object::Name(b"URI".to_vec())),
                (
                    "URI",
                    Object::String(uri.as_bytes().to_vec(), StringFormat::Literal),
                ),
            ]))
        })
    }
}

/// What a link does, in words: the link's own description, else its address, the heading it
/// goes to, or the note.
fn contents(laid: &Layout, target: &Target, node: Option<NodeId>, lang: &str) -> String {
    let role = node
        .filter(|&n| (n as usize) < laid.tree.nodes.len())
        .map(|n| &laid.tree.node(n).role);
    if let Some(Role::Link { alt }) = role
        && !alt.trim().is_empty()
    {
        return alt.clone();
    }
    let note = |i: usize| format!("{} {}", crate::style::plan::notes_label(lang), i + 1);
    match target {
        Target::Uri(uri) => uri.to_string(),
        Target::Anchor(i) => laid
            .anchors
            .get(*i)
            .map_or_else(String::new, |a| a.title.clone()),
        Target::Note { index, .. } | Target::NoteMark(index) => note(*index),
    }
}
