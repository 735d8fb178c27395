//! The meaning that rides with the laid-out pages: a tree of structure nodes tied to the model's
//! blocks, and on every run, picture and link the node it belongs to (typst's frame tags, in the
//! shape our pages need). The PDF writer turns it into the structure tree (PDF 32000-1 §14.7,
//! §14.8.4); anything that carries no node is an artifact (page numbers, running heads, rules,
//! emphasis dots, leaders).
//!
//! Why a node per item rather than start/end pairs in the item stream: a node id cannot be left
//! unbalanced by a page break, and paginate may move slots (footnotes, repeated table heads)
//! without re-pairing anything.

/// A node's place in [`Tree::nodes`].
pub type NodeId = u32;

/// What a node is: the standard structure types of PDF 32000-1 §14.8.4 that our documents use.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// The whole document; the root, node 0.
    Document,
    /// The document's title (and subtitle, byline): a paragraph-level element.
    Title,
    /// A heading of level 1..=6, as the outline numbers it.
    Heading(u8),
    /// A paragraph, a salutation, one 公文 element, a contents title.
    Paragraph,
    /// A list.
    List,
    /// One item of a list.
    ListItem,
    /// An item's marker (number, bullet, box).
    Label,
    /// An item's body.
    ListBody,
    /// A table.
    Table,
    /// A table row.
    TableRow,
    /// A header cell; its scope (`Column` for a head row).
    TableHeader,
    /// A data cell.
    TableCell,
    /// A picture, with its alternative text.
    Figure {
        /// What the picture shows (the image's alt, else its caption or file name).
        alt: String,
    },
    /// A figure's caption.
    Caption,
    /// A block quotation.
    BlockQuote,
    /// A code block (one node for the block) or inline code.
    Code,
    /// A footnote's text; `id` is unique in the document (PDF/UA-1 §7.9).
    Note {
        /// The note's structure id.
        id: String,
    },
    /// The mark in the text that refers to a note.
    Reference,
    /// A link: its text and its annotation.
    Link {
        /// What the link does, said in words (the annotation's `/Contents`, PDF/UA-1 §7.18.5).
        alt: String,
    },
    /// The table of contents.
    Toc,
    /// One entry of the table of contents.
    TocItem,
    /// A stretch in another language than its parent's (a Japanese quotation in Chinese text).
    Span,
}

/// One structure node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it is.
    pub role: Role,
    /// Its parent; `None` only for the root.
    pub parent: Option<NodeId>,
    /// Its language, where it differs from its parent's (BCP 47).
    pub lang: Option<String>,
}

/// The structure nodes of a document, in document order: a parent always comes before its
/// children, and siblings in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    /// The nodes; node 0 is the root ([`Role::Document`]).
    pub nodes: Vec<Node>,
}

impl Default for Tree {
    fn default() -> Tree {
        Tree {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                lang: None,
            }],
        }
    }
}

impl Tree {
    /// The root.
    pub const ROOT: NodeId = 0;

    /// Adds a node under `parent` and returns its id.
    pub fn push(&mut self, role: Role, parent: NodeId) -> NodeId {
        self.nodes.push(Node {
            role,
            parent: Some(parent),
            lang: None,
        });
        (self.nodes.len() - 1) as NodeId
    }

    /// The node `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }
}
