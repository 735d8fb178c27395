//! The meaning that rides with the laid-out pages: a tree of structure nodes tied to the model's
//! blocks, and on every run, picture and link the node it belongs to (typst's frame tags, in the
//! shape our pages need). The PDF writer turns it into the structure tree (PDF 32000-1 §14.7,
//! §14.8.4); anything that carries no node is an artifact (page numbers, running heads, rules,
//! emphasis dots, leaders).
//!
//! Why a node per item rather than start/end pairs in the item stream: a node id cannot be left
//! unbalanced by a page break, and paginate may move slots (footnotes, repeated table heads)
//! without re-pairing anything.
//!
//! The shapes the layout makes: a paragraph is one P however many pages it runs over; a run-in
//! heading is a heading and a P; a list is L › LI › (Lbl, LBody › blocks), the Lbl only for a
//! marker set in type; a table is Table › TR › TH or TD, a cell for every column; a picture is a
//! Figure with its Caption; a link is a Link holding its text and its boxes; a note's mark is a
//! Reference › Link, and the note a Note › (Link for its number, its blocks), placed right after
//! the block that first refers to it whatever page foot it is set at; the contents are a P for
//! its title and a TOC › TOCI, each its entry (a Link) and its page number. Text in the repeated
//! head of a table is an artifact the second time.

use crate::read::Letters;

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

impl Role {
    /// Whether the node holds other blocks, rather than being a block itself: a note's node goes
    /// after the block (a child of one of these) that refers to it.
    fn holds_blocks(&self) -> bool {
        matches!(
            self,
            Role::Document
                | Role::BlockQuote
                | Role::List
                | Role::ListItem
                | Role::ListBody
                | Role::Table
                | Role::TableRow
                | Role::Note { .. }
                | Role::Toc
                | Role::Figure { .. }
        )
    }
}

impl Tree {
    /// The block `id` is part of: itself, or the ancestor whose parent holds blocks.
    fn block_of(&self, mut id: NodeId) -> NodeId {
        while let Some(p) = self.node(id).parent {
            if self.node(p).role.holds_blocks() {
                break;
            }
            id = p;
        }
        id
    }

    /// The note whose text `id` is in, if any.
    fn note_of(&self, mut id: NodeId) -> Option<NodeId> {
        loop {
            if matches!(self.node(id).role, Role::Note { .. }) {
                return Some(id);
            }
            id = self.node(id).parent?;
        }
    }

    /// Which notes go where their first reference is (`first_ref`, by node): those referred to
    /// from the body, and from notes that themselves are placed or stay at the end. Of notes
    /// that refer to each other and to nothing else, the one where the chain closes stays at
    /// the end (a note referred to only from itself too), so that every note is reachable.
    fn place_notes(&self, first_ref: &[Option<NodeId>], first: &[(NodeId, NodeId)]) -> Vec<bool> {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            Open,
            Walking,
            Placed,
            Stays,
        }
        let mut state = vec![State::Open; first_ref.len()];
        let mut path = Vec::new();
        for &(note, _) in first {
            // Follow the chain note → the note its reference is in → … to the body or to a
            // note already settled.
            let mut at = note;
            loop {
                let i = at as usize;
                match state[i] {
                    State::Placed | State::Stays => break,
                    State::Walking => {
                        state[i] = State::Stays;
                        break;
                    }
                    State::Open => match first_ref[i] {
                        None => {
                            state[i] = State::Stays;
                            break;
                        }
                        Some(r) => {
                            state[i] = State::Walking;
                            path.push(at);
                            match self.note_of(r) {
                                Some(o) => at = o,
                                None => break,
                            }
                        }
                    },
                }
            }
            for p in path.drain(..) {
                if state[p as usize] == State::Walking {
                    state[p as usize] = State::Placed;
                }
            }
        }
        state.into_iter().map(|s| s == State::Placed).collect()
    }

    /// Finishes the tree once every node is pushed: drops the nodes that hold no content
    /// (`content[id]`) and have no child that does — a table's cells excepted, which stay with
    /// their row so that every row keeps its columns (PDF/UA-1 §7.5 reads a table by them) —,
    /// and moves each note's node (the `notes` pairs: a Note node and a Reference to it, in
    /// document order) to just after the block that first refers to it, or to the end of a
    /// table cell that does, so that reading the tree reads a note where it is referred to.
    /// A note referred to only from notes that are themselves not placed stays at the end.
    /// Returns where each old node went (`None`: dropped).
    pub(super) fn finish(
        &mut self,
        content: &[bool],
        notes: &[(NodeId, NodeId)],
    ) -> Vec<Option<NodeId>> {
        let n = self.nodes.len();
        let mut alive = content.to_vec();
        alive.resize(n, false);
        alive[0] = true;
        // Children come after their parent: one backward sweep carries content up.
        for i in (1..n).rev() {
            if let Some(p) = self.nodes[i].parent
                && alive[i]
            {
                alive[p as usize] = true;
            }
        }
        for i in 1..n {
            let node = &self.nodes[i];
            if matches!(node.role, Role::TableCell | Role::TableHeader)
                && node.parent.is_some_and(|p| alive[p as usize])
            {
                alive[i] = true;
            }
        }

        // The usual case: nothing to drop, no note to move.
        if notes.is_empty() && alive.iter().all(|&a| a) {
            return (0..n as NodeId).map(Some).collect();
        }

        // Each live note and the first live reference to it, in the references' order.
        let mut first_ref: Vec<Option<NodeId>> = vec![None; n];
        let mut first: Vec<(NodeId, NodeId)> = Vec::new();
        for &(note, r) in notes {
            let (ni, ri) = (note as usize, r as usize);
            if ni < n && ri < n && alive[ni] && alive[ri] && first_ref[ni].is_none() {
                first_ref[ni] = Some(r);
                first.push((note, r));
            }
        }
        let moved = self.place_notes(&first_ref, &first);
        let mut after: Vec<Vec<NodeId>> = vec![Vec::new(); n];
        let mut inside: Vec<(NodeId, NodeId)> = Vec::new();
        for &(note, r) in &first {
            if !moved[note as usize] {
                continue;
            }
            let block = self.block_of(r);
            if matches!(self.node(block).role, Role::TableCell | Role::TableHeader) {
                inside.push((block, note));
            } else {
                after[block as usize].push(note);
            }
        }
        let mut kids: Vec<Vec<NodeId>> = vec![Vec::new(); n];
        for (i, node) in self.nodes.iter().enumerate().skip(1) {
            if let Some(p) = node.parent
                && alive[i]
                && !moved[i]
            {
                kids[p as usize].push(i as NodeId);
            }
        }
        for (cell, note) in inside {
            kids[cell as usize].push(note);
        }

        // Depth first, each block followed by the notes placed after it.
        let mut old: Vec<Option<Node>> = std::mem::take(&mut self.nodes)
            .into_iter()
            .map(Some)
            .collect();
        let mut remap = vec![None; n];
        let mut stack: Vec<(NodeId, Option<NodeId>)> = vec![(Tree::ROOT, None)];
        let mut seq = Vec::new();
        while let Some((id, parent)) = stack.pop() {
            let Some(mut node) = old[id as usize].take() else {
                continue;
            };
            let new = self.nodes.len() as NodeId;
            remap[id as usize] = Some(new);
            node.parent = parent;
            self.nodes.push(node);
            seq.clear();
            for &c in &kids[id as usize] {
                seq.push(c);
                seq.extend_from_slice(&after[c as usize]);
            }
            stack.extend(seq.iter().rev().map(|&c| (c, Some(new))));
        }
        remap
    }
}

/// The letters of one block, counted by script, to tell its language from the document's.
#[derive(Debug, Default, Clone, Copy)]
struct Count {
    han: u32,
    kana: u32,
    hangul: u32,
    latin: u32,
}

impl Count {
    fn add(&mut self, c: char) {
        match crate::read::script(c) {
            Some(Letters::Han) => self.han += 1,
            Some(Letters::Kana) => self.kana += 1,
            Some(Letters::Hangul) => self.hangul += 1,
            None if c.is_alphabetic() && u32::from(c) < 0x250 => self.latin += 1,
            None => {}
        }
    }

    /// The language the letters are written in, where the script tells it: Japanese when kana
    /// are at least a fifth of the CJK letters, Korean when Hangul are (a fifth, not the tenth
    /// that makes a whole text Japanese, `read::detect_lang`: in one short sentence a quoted
    /// kana word weighs more), English when there are Latin letters and no CJK ones at all.
    /// Latin words among Chinese ones are part of the Chinese text, not another language
    /// (issue 20); Han alone says nothing, since Japanese and Chinese share it.
    fn language(self) -> Option<&'static str> {
        let cjk = self.han + self.kana + self.hangul;
        if cjk > 0 && self.kana.max(self.hangul) * 5 >= cjk {
            Some(if self.kana >= self.hangul { "ja" } else { "ko" })
        } else if cjk == 0 && self.latin >= 2 {
            Some("en")
        } else {
            None
        }
    }
}

impl Tree {
    /// Gives each block in another language than the document's (`doc_lang`, BCP 47) its
    /// language (PDF 32000-1 §14.9.2, ISO 14289-1 §7.2), told from the script of its text:
    /// `text` is every character of content with the node it belongs to. A block is a node
    /// that holds text, not other blocks (a paragraph, a heading, a cell); what is inside it (a
    /// link, a note's mark) speaks its language.
    pub(super) fn set_languages(
        &mut self,
        doc_lang: &str,
        text: impl Iterator<Item = (NodeId, char)>,
    ) {
        let mut letters = vec![Count::default(); self.nodes.len()];
        for (node, c) in text {
            if (node as usize) < self.nodes.len() {
                letters[self.block_of(node) as usize].add(c);
            }
        }
        let primary = |tag: &str| tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        let doc = primary(doc_lang);
        for (node, letters) in self.nodes.iter_mut().zip(letters) {
            if node.role.holds_blocks() {
                continue;
            }
            if let Some(lang) = letters.language().filter(|l| *l != doc) {
                node.lang = Some(lang.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(t: &Tree) -> Vec<(Role, Option<NodeId>)> {
        t.nodes.iter().map(|n| (n.role.clone(), n.parent)).collect()
    }

    #[test]
    fn empty_nodes_go_and_the_rest_keep_their_order() {
        let mut t = Tree::default();
        let a = t.push(Role::Paragraph, Tree::ROOT);
        let q = t.push(Role::BlockQuote, Tree::ROOT);
        let empty = t.push(Role::Paragraph, q);
        let b = t.push(Role::Heading(2), Tree::ROOT);
        let mut content = vec![false; t.nodes.len()];
        content[a as usize] = true;
        content[b as usize] = true;
        let remap = t.finish(&content, &[]);
        assert_eq!(remap[empty as usize], None);
        assert_eq!(remap[q as usize], None);
        assert_eq!(remap[b as usize], Some(2));
        assert_eq!(
            roles(&t),
            [
                (Role::Document, None),
                (Role::Paragraph, Some(0)),
                (Role::Heading(2), Some(0))
            ]
        );
    }

    #[test]
    fn empty_cells_stay_with_their_row() {
        let mut t = Tree::default();
        let table = t.push(Role::Table, Tree::ROOT);
        let row = t.push(Role::TableRow, table);
        let full = t.push(Role::TableCell, row);
        t.push(Role::TableCell, row);
        let empty_row = t.push(Role::TableRow, table);
        t.push(Role::TableCell, empty_row);
        let mut content = vec![false; t.nodes.len()];
        content[full as usize] = true;
        let remap = t.finish(&content, &[]);
        assert_eq!(t.nodes.len(), 5, "{:?}", roles(&t));
        assert_eq!(remap[empty_row as usize], None);
    }

    #[test]
    fn a_note_follows_the_block_that_first_refers_to_it() {
        let mut t = Tree::default();
        let p1 = t.push(Role::Paragraph, Tree::ROOT);
        let r1 = t.push(Role::Reference, p1);
        let p2 = t.push(Role::Paragraph, Tree::ROOT);
        let r2 = t.push(Role::Reference, p2);
        let note = t.push(
            Role::Note {
                id: "note-1".into(),
            },
            Tree::ROOT,
        );
        let text = t.push(Role::Paragraph, note);
        let content = vec![true; t.nodes.len()];
        let remap = t.finish(&content, &[(note, r1), (note, r2)]);
        let at = |id: NodeId| remap[id as usize].unwrap();
        // Document, P1, Reference, Note, its P, P2, Reference.
        assert_eq!(at(note), at(r1) + 1);
        assert_eq!(at(text), at(note) + 1);
        assert_eq!(at(p2), at(text) + 1);
        assert_eq!(t.node(at(note)).parent, Some(Tree::ROOT));
    }

    #[test]
    fn notes_that_only_refer_to_each_other_stay_at_the_end() {
        let mut t = Tree::default();
        t.push(Role::Paragraph, Tree::ROOT);
        let a = t.push(
            Role::Note {
                id: "note-1".into(),
            },
            Tree::ROOT,
        );
        let pa = t.push(Role::Paragraph, a);
        let ra = t.push(Role::Reference, pa);
        let b = t.push(
            Role::Note {
                id: "note-2".into(),
            },
            Tree::ROOT,
        );
        let pb = t.push(Role::Paragraph, b);
        let rb = t.push(Role::Reference, pb);
        let content = vec![true; t.nodes.len()];
        // Note 1 is referred to from note 2, note 2 from note 1.
        let remap = t.finish(&content, &[(b, ra), (a, rb)]);
        assert!(remap.iter().all(Option::is_some), "a node was lost");
        assert_eq!(t.nodes.len(), 8);
        // Every node's parent comes before it.
        for (i, node) in t.nodes.iter().enumerate().skip(1) {
            assert!((node.parent.unwrap() as usize) < i);
        }
    }

    #[test]
    fn a_note_referred_to_from_a_note_follows_the_block_in_that_note() {
        let mut t = Tree::default();
        let p = t.push(Role::Paragraph, Tree::ROOT);
        let r1 = t.push(Role::Reference, p);
        let mut notes = Vec::new();
        let mut refs = vec![r1];
        for k in 1..=3 {
            let note = t.push(
                Role::Note {
                    id: format!("note-{k}"),
                },
                Tree::ROOT,
            );
            let text = t.push(Role::Paragraph, note);
            refs.push(t.push(Role::Reference, text));
            notes.push(note);
        }
        // Note 1 is referred to from the body, note 2 from note 1, note 3 from note 2; the
        // references are listed in document order (the notes' texts after the body).
        let pairs: Vec<(NodeId, NodeId)> = notes.iter().copied().zip(refs).collect();
        let content = vec![true; t.nodes.len()];
        let remap = t.finish(&content, &pairs);
        let at = |id: NodeId| remap[id as usize].unwrap();
        assert_eq!(t.node(at(notes[0])).parent, Some(Tree::ROOT));
        assert_eq!(t.node(at(notes[1])).parent, Some(at(notes[0])));
        assert_eq!(t.node(at(notes[2])).parent, Some(at(notes[1])));
        assert_eq!(at(notes[0]), at(r1) + 1);
    }

    #[test]
    fn a_note_referred_to_in_a_cell_ends_the_cell() {
        let mut t = Tree::default();
        let table = t.push(Role::Table, Tree::ROOT);
        let row = t.push(Role::TableRow, table);
        let cell = t.push(Role::TableCell, row);
        let r = t.push(Role::Reference, cell);
        let note = t.push(
            Role::Note {
                id: "note-1".into(),
            },
            Tree::ROOT,
        );
        let content = vec![true; t.nodes.len()];
        let remap = t.finish(&content, &[(note, r)]);
        let at = |id: NodeId| remap[id as usize].unwrap();
        assert_eq!(t.node(at(note)).parent, Some(at(cell)));
    }

    #[test]
    fn a_block_gets_its_language_where_the_script_tells_another_one() {
        let mut t = Tree::default();
        let zh = t.push(Role::Paragraph, Tree::ROOT);
        let ja = t.push(Role::Paragraph, Tree::ROOT);
        let quote = t.push(Role::BlockQuote, Tree::ROOT);
        let en = t.push(Role::Paragraph, quote);
        let link = t.push(Role::Link { alt: String::new() }, en);
        let one_kana = t.push(Role::Heading(2), Tree::ROOT);
        let text = [
            (zh, "中文里有 Latin words 和 PDF"),
            (ja, "吾輩は猫である"),
            (en, "Read "),
            (link, "the manual"),
            (one_kana, "他说すし很好吃，很好吃，很好吃"),
        ];
        let chars = text
            .iter()
            .flat_map(|(n, s)| s.chars().map(move |c| (*n, c)));
        t.set_languages("zh-Hans", chars.collect::<Vec<_>>().into_iter());
        let lang = |id: NodeId| t.node(id).lang.as_deref();
        assert_eq!(lang(zh), None);
        assert_eq!(lang(ja), Some("ja"));
        assert_eq!(
            lang(en),
            Some("en"),
            "the link's text counts for its paragraph"
        );
        assert_eq!(lang(link), None, "said once, on the block");
        assert_eq!(lang(quote), None);
        assert_eq!(lang(one_kana), None);
        // In an English document the English paragraph is in the document's language.
        let mut t2 = Tree::default();
        let p = t2.push(Role::Paragraph, Tree::ROOT);
        t2.set_languages("en-GB", "Plain English".chars().map(|c| (p, c)));
        assert_eq!(t2.node(p).lang, None);
    }
}
