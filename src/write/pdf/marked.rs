//! Marked content (PDF 32000-1 §14.6): every stretch of a page's content is either real content
//! of one structure node — `/P <</MCID n>> BDC … EMC`, found again through the structure tree
//! (§14.7.4) — or an artifact, `/Artifact BMC … EMC` (§14.8.2.2), page furniture that a reader
//! skips: page numbers and running heads (`/Type /Pagination`), rules, fills, emphasis dots,
//! leaders. Consecutive items of one node or of the artifacts share one sequence.

use lopdf::{Dictionary, Object};

use super::ops::Ops;
use super::structure;
use crate::layout::tags::{NodeId, Tree};

/// The names of the running head's and the page number's property lists in the resources.
const HEADER: &str = "Hd";
const FOOTER: &str = "Ft";

/// The resources' `/Properties` (PDF 32000-1 §14.6.2): the pagination artifacts' property lists
/// (§14.8.2.2.2), named rather than written out on every page, where each page's stream, deflated
/// on its own, paid some 40 bytes for them.
pub(super) fn properties() -> Dictionary {
    let list = |subtype: &[u8]| {
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pagination".to_vec())),
            ("Subtype", Object::Name(subtype.to_vec())),
        ]))
    };
    Dictionary::from_iter(vec![(HEADER, list(b"Header")), (FOOTER, list(b"Footer"))])
}

/// What a stretch of content is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// Content of a structure node.
    Node(NodeId),
    /// Decoration: rules, fills, dots.
    Artifact,
    /// Text in the top margin: a running head.
    Header,
    /// Text in the bottom margin: a page number.
    Footer,
}

/// The marked-content sequences of one page.
pub(super) struct Marker<'a> {
    tree: &'a Tree,
    open: Option<Kind>,
    /// By MCID: the node and its reading position on the page (see [`super::content`]).
    pub mcids: Vec<(NodeId, u32)>,
}

impl<'a> Marker<'a> {
    /// A page with no sequence open yet.
    pub fn new(tree: &'a Tree) -> Marker<'a> {
        Marker {
            tree,
            open: None,
            mcids: Vec::new(),
        }
    }

    /// Whether content of `kind` would start a new sequence.
    pub fn changes(&self, kind: Kind) -> bool {
        self.open != Some(kind)
    }

    /// Makes `kind` the open sequence: ends the one open, unless it is the same, and begins it.
    /// `pos` is where the content stands in the page's reading order.
    pub fn enter(&mut self, ops: &mut Ops, kind: Kind, pos: u32) {
        if !self.changes(kind) {
            return;
        }
        self.close(ops);
        match kind {
            Kind::Node(node) if (node as usize) < self.tree.nodes.len() => {
                let tag = structure::tag(&self.tree.node(node).role);
                ops.begin_mcid(tag, self.mcids.len());
                self.mcids.push((node, pos));
            }
            // A node the tree does not have is drawn as an artifact rather than tagged wrongly.
            Kind::Node(_) | Kind::Artifact => ops.begin_marked("Artifact"),
            Kind::Header => ops.begin_named("Artifact", HEADER),
            Kind::Footer => ops.begin_named("Artifact", FOOTER),
        }
        self.open = Some(kind);
    }

    /// Ends the open sequence, if any.
    pub fn close(&mut self, ops: &mut Ops) {
        if self.open.take().is_some() {
            ops.op("EMC");
        }
    }
}
