//! The structure tree (PDF 32000-1 §14.7): one structure element per node of the layout's tree
//! (`layout::tags`) that has content, with the standard structure types of §14.8.4, its marked
//! content (by MCID, §14.7.4.2) and link annotations (object references, §14.7.4.3) among its
//! children in reading order; the parent tree that leads from a page's MCIDs and from an
//! annotation back to its element (§14.7.4.4); and the ID tree of the notes' identifiers.
//!
//! A node without content, itself or below, is left out (an empty element says nothing). A link
//! annotation whose node is not a link (a note's number) gets a `Link` element of its own under
//! that node, as ISO 14289-1 §7.18.5 wants every link annotation inside one.

use std::io::Write as _;

use lopdf::{Dictionary, Object, ObjectId};

use super::file::write_object;
use super::links::Annotation;
use super::text_string;
use crate::layout::tags::{NodeId, Role, Tree};

/// The standard structure type of a node (PDF 32000-1 §14.8.4): the name its elements and its
/// marked content carry. A document title is a paragraph, so that the headings keep the outline's
/// levels.
pub(super) fn tag(role: &Role) -> &'static str {
    match role {
        Role::Document => "Document",
        Role::Title | Role::Paragraph => "P",
        Role::Heading(level) => match level {
            0 | 1 => "H1",
            2 => "H2",
            3 => "H3",
            4 => "H4",
            5 => "H5",
            _ => "H6",
        },
        Role::List => "L",
        Role::ListItem => "LI",
        Role::Label => "Lbl",
        Role::ListBody => "LBody",
        Role::Table => "Table",
        Role::TableRow => "TR",
        Role::TableHeader => "TH",
        Role::TableCell => "TD",
        Role::Figure { .. } => "Figure",
        Role::Caption => "Caption",
        Role::BlockQuote => "BlockQuote",
        Role::Code => "Code",
        Role::Note { .. } => "Note",
        Role::Reference => "Reference",
        Role::Link { .. } => "Link",
        Role::Toc => "TOC",
        Role::TocItem => "TOCI",
        Role::Span => "Span",
    }
}

/// Where content stands in reading order: page, position on the page, and a tie-breaker.
type Key = (usize, u32, u32);

/// A child of a structure element.
#[derive(Clone, Copy)]
enum Kid {
    /// Marked content on a page.
    Mcr { page: usize, mcid: usize },
    /// An annotation on a page.
    Objr { page: usize, id: ObjectId },
    /// Another element, by index.
    Element(usize),
}

/// The marked content and annotations of every node, collected page by page.
pub(super) struct Builder<'a> {
    tree: &'a Tree,
    /// By page, by MCID: the node.
    pages: Vec<Vec<NodeId>>,
    /// By node: its own marked content, with where each stands.
    own: Vec<Vec<(Key, Kid)>>,
}

impl<'a> Builder<'a> {
    /// An empty tree for `pages` pages.
    pub fn new(tree: &'a Tree, pages: usize) -> Builder<'a> {
        Builder {
            tree,
            pages: vec![Vec::new(); pages],
            own: vec![Vec::new(); tree.nodes.len()],
        }
    }

    /// Records the marked content of page `page`: by MCID, its node and reading position.
    pub fn page(&mut self, page: usize, mcids: &[(NodeId, u32)]) {
        for (mcid, &(node, pos)) in mcids.iter().enumerate() {
            if let Some(own) = self.own.get_mut(node as usize) {
                own.push(((page, pos, mcid as u32), Kid::Mcr { page, mcid }));
            }
        }
        if let Some(p) = self.pages.get_mut(page) {
            *p = mcids.iter().map(|m| m.0).collect();
        }
    }

    /// Writes the tree and returns the structure tree root. The elements and the parent tree go
    /// to `raw` in PDF syntax: a book has thousands, and as lopdf dictionaries they took more
    /// memory than its pages. `next_key` is the first parent-tree key after the pages' and the
    /// annotations'.
    pub fn write(
        self,
        pdf: &mut lopdf::Document,
        raw: &mut Vec<(u32, Vec<u8>)>,
        page_ids: &[ObjectId],
        annotations: &[Annotation],
        next_key: usize,
    ) -> ObjectId {
        let tree = self.tree;
        let nodes = tree.nodes.len();
        // Elements: the nodes, then a `Link` for each annotation whose node is no link.
        let mut parent: Vec<Option<usize>> = tree
            .nodes
            .iter()
            .map(|n| n.parent.map(|p| p as usize).filter(|&p| p < nodes))
            .collect();
        let mut own = self.own;
        // The element that holds each annotation.
        let mut holder = Vec::with_capacity(annotations.len());
        for a in annotations {
            let key = (a.page, a.pos, u32::MAX);
            let objr = Kid::Objr {
                page: a.page,
                id: a.id,
            };
            let node = a.node.map(|n| n as usize).filter(|&n| n < nodes);
            let elem = match node {
                Some(n) if matches!(tree.nodes[n].role, Role::Link { .. }) => n,
                _ => {
                    parent.push(Some(node.unwrap_or(Tree::ROOT as usize)));
                    own.push(Vec::new());
                    own.len() - 1
                }
            };
            own[elem].push((key, objr));
            holder.push(elem);
        }
        // In a link with text, the annotations follow the text (the text says where it is).
        for list in &mut own {
            let last = list
                .iter()
                .filter(|(_, kid)| matches!(kid, Kid::Mcr { .. }))
                .map(|(k, _)| *k)
                .max();
            if let Some(last) = last {
                for (k, kid) in list.iter_mut() {
                    if matches!(kid, Kid::Objr { .. }) {
                        *k = (*k).max((last.0, last.1, u32::MAX));
                    }
                }
            }
        }
        let count = own.len();
        // Each element's first content, itself or below: parents come before their children,
        // so one pass from the end carries it up.
        let mut first: Vec<Option<Key>> = own
            .iter()
            .map(|o| o.iter().map(|(k, _)| *k).min())
            .collect();
        for e in (1..count).rev() {
            if let (Some(k), Some(p)) = (first[e], parent[e]) {
                first[p] = Some(first[p].map_or(k, |f| f.min(k)));
            }
        }
        // A table's cells stay with their row, content or not: PDF/UA-1 §7.5 reads a table by
        // its columns (the layout keeps them for the same reason).
        let kept: Vec<bool> = (0..count)
            .map(|e| {
                first[e].is_some()
                    || tree.nodes.get(e).is_some_and(|n| {
                        matches!(n.role, Role::TableCell | Role::TableHeader)
                            && parent[e].is_some_and(|p| first[p].is_some())
                    })
            })
            .collect();
        let kids = order(own, nodes, &parent, &first, &kept);
        let root = pdf.new_object_id();
        let ids: Vec<Option<ObjectId>> = (0..count)
            .map(|e| (e == 0 || kept[e]).then(|| pdf.new_object_id()))
            .collect();
        let page_ref = |page: usize| page_ids.get(page).copied();
        let mut notes: Vec<(Vec<u8>, ObjectId)> = Vec::new();
        for e in 0..count {
            let Some(id) = ids[e] else { continue };
            let (role, lang) = match tree.nodes.get(e) {
                Some(n) => (&n.role, n.lang.as_deref()),
                None => (&Role::Link { alt: String::new() }, None),
            };
            let parent = parent[e].and_then(|p| ids[p]).unwrap_or(root);
            // `/Type /StructElem` is optional (PDF 32000-1 Table 323) and left out: thousands of
            // elements in a book.
            let mut d = Vec::with_capacity(64);
            let _ = write!(d, "<</S/{}/P {} 0 R", tag(role), parent.0);
            // The page of the element's own first content, against which its MCIDs are read.
            let pg = kids[e].iter().find_map(|kid| match kid {
                Kid::Mcr { page, .. } | Kid::Objr { page, .. } => Some(*page),
                Kid::Element(_) => None,
            });
            if let Some(page) = pg.and_then(page_ref) {
                let _ = write!(d, "/Pg {} 0 R", page.0);
            }
            // One kid stands alone; several make an array.
            let many = kids[e].len() != 1;
            d.extend_from_slice(if many { b"/K[" } else { b"/K " });
            for (i, kid) in kids[e].iter().enumerate() {
                if i > 0 {
                    d.push(b' ');
                }
                match *kid {
                    Kid::Mcr { page, mcid } if Some(page) == pg => {
                        let _ = write!(d, "{mcid}");
                    }
                    Kid::Mcr { page, mcid } => {
                        // `/Type /MCR` and `/Type /OBJR` are optional (Tables 324, 325).
                        if let Some(p) = page_ref(page) {
                            let _ = write!(d, "<</Pg {} 0 R/MCID {mcid}>>", p.0);
                        }
                    }
                    // The element's `/Pg` holds for an annotation on its page (Table 325).
                    Kid::Objr { page, id } if Some(page) == pg => {
                        let _ = write!(d, "<</Obj {} 0 R>>", id.0);
                    }
                    Kid::Objr { page, id } => {
                        if let Some(p) = page_ref(page) {
                            let _ = write!(d, "<</Pg {} 0 R/Obj {} 0 R>>", p.0, id.0);
                        }
                    }
                    Kid::Element(c) => {
                        if let Some(c) = ids[c] {
                            let _ = write!(d, "{} 0 R", c.0);
                        }
                    }
                }
            }
            if many {
                d.push(b']');
            }
            attributes(role, &mut d);
            if let Role::Note { id: note } = role {
                notes.push((note.as_bytes().to_vec(), id));
            }
            if let Some(lang) = lang {
                d.extend_from_slice(b"/Lang");
                write_object(&mut d, &text_string(lang));
            }
            d.extend_from_slice(b">>");
            raw.push((id.0, d));
        }
        let elem = |node: usize| ids.get(node).copied().flatten();
        // The parent tree: a page's MCIDs, then each annotation (keys in increasing order).
        let parent_tree = pdf.new_object_id();
        let mut nums = b"<</Nums[".to_vec();
        for (page, mcids) in self.pages.iter().enumerate() {
            if mcids.is_empty() {
                continue;
            }
            let _ = write!(nums, "{page}[");
            for (i, &n) in mcids.iter().enumerate() {
                if i > 0 {
                    nums.push(b' ');
                }
                match elem(n as usize) {
                    Some(id) => {
                        let _ = write!(nums, "{} 0 R", id.0);
                    }
                    None => nums.extend_from_slice(b"null"),
                }
            }
            nums.extend_from_slice(b"]\n");
        }
        for (a, &e) in annotations.iter().zip(&holder) {
            if let Some(id) = elem(e) {
                let _ = writeln!(nums, "{} {} 0 R", a.key, id.0);
            }
        }
        nums.extend_from_slice(b"]>>");
        raw.push((parent_tree.0, nums));
        let mut d = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(next_key as i64)),
        ]);
        if let Some(doc) = ids[0] {
            d.set("K", Object::Array(vec![Object::Reference(doc)]));
        }
        if !notes.is_empty() {
            // A name tree's keys in lexical order (§7.9.6).
            notes.sort();
            notes.dedup_by(|a, b| a.0 == b.0);
            let names = notes
                .into_iter()
                .flat_map(|(name, id)| {
                    [
                        Object::String(name, lopdf::StringFormat::Literal),
                        Object::Reference(id),
                    ]
                })
                .collect();
            d.set(
                "IDTree",
                Dictionary::from_iter(vec![("Names", Object::Array(names))]),
            );
        }
        pdf.objects.insert(root, Object::Dictionary(d));
        root
    }
}

/// The children of every element in reading order: its child elements in the tree's order (the
/// layout's reading order: a note follows the block that refers to it, wherever on the page it
/// is set), its own marked content and annotations by where they stand on the pages, each
/// before the first child element whose content comes after it. The `Link` elements made for
/// annotations (from `nodes` on) stand where their annotations do, as own content.
fn order(
    mut own: Vec<Vec<(Key, Kid)>>,
    nodes: usize,
    parent: &[Option<usize>],
    first: &[Option<Key>],
    kept: &[bool],
) -> Vec<Vec<Kid>> {
    let count = own.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    for e in 1..count {
        match (kept[e], parent[e], first[e]) {
            (true, Some(p), Some(k)) if e >= nodes => own[p].push((k, Kid::Element(e))),
            (true, Some(p), _) => children[p].push(e),
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(count);
    for (e, list) in own.iter_mut().enumerate() {
        list.sort_by_key(|(k, _)| *k);
        let mut kids = Vec::with_capacity(list.len() + children[e].len());
        let mut mine = list.iter().peekable();
        for &c in &children[e] {
            if let Some(k) = first[c] {
                while let Some((_, kid)) = mine.next_if(|(m, _)| *m < k) {
                    kids.push(*kid);
                }
            }
            kids.push(Kid::Element(c));
        }
        kids.extend(mine.map(|(_, kid)| *kid));
        out.push(kids);
    }
    out
}

/// The attributes and entries a role adds to its element.
fn attributes(role: &Role, d: &mut Vec<u8>) {
    match role {
        // A header cell of a head row heads its column (§14.8.5.7, Table 349).
        Role::TableHeader => d.extend_from_slice(b"/A<</O/Table/Scope/Column>>"),
        // ISO 14289-1 §7.3: a figure says what it shows.
        Role::Figure { alt } => {
            d.extend_from_slice(b"/Alt");
            write_object(d, &text_string(alt));
        }
        Role::Note { id } => {
            d.extend_from_slice(b"/ID");
            write_object(
                d,
                &Object::String(id.as_bytes().to_vec(), lopdf::StringFormat::Literal),
            );
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Tree {
        let mut tree = Tree::default();
        let p = tree.push(Role::Paragraph, Tree::ROOT);
        tree.push(Role::Link { alt: "例".into() }, p);
        tree.push(Role::Paragraph, Tree::ROOT);
        tree.push(Role::Heading(2), Tree::ROOT);
        tree
    }

    /// The file with the tree written into it, read back by lopdf.
    fn written(
        mut pdf: lopdf::Document,
        raw: &[(u32, Vec<u8>)],
        root: ObjectId,
    ) -> lopdf::Document {
        let catalog = pdf.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("StructTreeRoot", Object::Reference(root)),
        ]));
        pdf.trailer.set("Root", catalog);
        let mut deflate = flate2::Compress::new(flate2::Compression::default(), true);
        let bytes = super::super::file::write(&pdf, raw, &mut deflate);
        lopdf::Document::load_mem(&bytes).unwrap()
    }

    fn dict(pdf: &lopdf::Document, id: ObjectId) -> &Dictionary {
        pdf.get_object(id).unwrap().as_dict().unwrap()
    }

    /// An element's kids: an array, or one kid on its own.
    fn kids(pdf: &lopdf::Document, id: ObjectId) -> Vec<Object> {
        match dict(pdf, id).get(b"K").unwrap() {
            Object::Array(kids) => kids.clone(),
            kid => vec![kid.clone()],
        }
    }

    #[test]
    fn content_and_children_are_in_reading_order_and_empty_nodes_are_left_out() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let pages = [pdf.new_object_id(), pdf.new_object_id()];
        let tree = tree();
        let mut b = Builder::new(&tree, 2);
        // Page 1: the paragraph, its link, the paragraph again; page 2: the paragraph ends,
        // then the second paragraph. The heading (node 4) has no content.
        b.page(0, &[(1, 1), (2, 3), (1, 5)]);
        b.page(1, &[(1, 1), (3, 3)]);
        let annot = pdf.new_object_id();
        let annotations = [Annotation {
            id: annot,
            key: 2,
            page: 0,
            pos: 2,
            node: Some(2),
        }];
        let mut raw = Vec::new();
        let root = b.write(&mut pdf, &mut raw, &pages, &annotations, 3);
        let pdf = written(pdf, &raw, root);
        let doc = kids(&pdf, root)[0].as_reference().unwrap();
        assert_eq!(
            dict(&pdf, doc).get(b"S").unwrap().as_name().unwrap(),
            b"Document"
        );
        let top = kids(&pdf, doc);
        assert_eq!(top.len(), 2, "the empty heading is left out");
        let p = top[0].as_reference().unwrap();
        assert_eq!(
            dict(&pdf, p).get(b"Pg").unwrap().as_reference().unwrap(),
            pages[0]
        );
        let k = kids(&pdf, p);
        assert_eq!(k[0], Object::Integer(0));
        let link = k[1].as_reference().unwrap();
        assert_eq!(
            dict(&pdf, link).get(b"S").unwrap().as_name().unwrap(),
            b"Link"
        );
        assert_eq!(k[2], Object::Integer(2));
        let mcr = k[3].as_dict().unwrap();
        assert_eq!(mcr.get(b"Pg").unwrap().as_reference().unwrap(), pages[1]);
        assert_eq!(mcr.get(b"MCID").unwrap(), &Object::Integer(0));
        let link_kids = kids(&pdf, link);
        assert_eq!(link_kids[0], Object::Integer(1));
        let objr = link_kids[1].as_dict().unwrap();
        assert_eq!(objr.get(b"Obj").unwrap().as_reference().unwrap(), annot);
        // The parent tree: page 0's MCIDs lead to P, Link, P; the annotation to the Link.
        let tree_root = dict(&pdf, root);
        let parent_tree = tree_root
            .get(b"ParentTree")
            .unwrap()
            .as_reference()
            .unwrap();
        let nums = dict(&pdf, parent_tree)
            .get(b"Nums")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(nums[0], Object::Integer(0));
        assert_eq!(
            nums[1].as_array().unwrap(),
            &vec![
                Object::Reference(p),
                Object::Reference(link),
                Object::Reference(p)
            ]
        );
        assert_eq!(nums[4], Object::Integer(2));
        assert_eq!(nums[5], Object::Reference(link));
        assert_eq!(
            tree_root.get(b"ParentTreeNextKey").unwrap(),
            &Object::Integer(3)
        );
    }

    #[test]
    fn a_note_is_read_where_the_tree_puts_it_and_empty_cells_stay() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let pages = [pdf.new_object_id()];
        let mut tree = Tree::default();
        let p1 = tree.push(Role::Paragraph, Tree::ROOT);
        let note = tree.push(Role::Note { id: "n".into() }, Tree::ROOT);
        let table = tree.push(Role::Table, Tree::ROOT);
        let row = tree.push(Role::TableRow, table);
        let full = tree.push(Role::TableCell, row);
        tree.push(Role::TableCell, row);
        let mut b = Builder::new(&tree, 1);
        // The note is set at the page's foot, after the table.
        b.page(0, &[(p1, 1), (full, 3), (note, 9)]);
        let mut raw = Vec::new();
        let root = b.write(&mut pdf, &mut raw, &pages, &[], 1);
        let pdf = written(pdf, &raw, root);
        let doc = kids(&pdf, root)[0].as_reference().unwrap();
        let s = |id: &Object| {
            let d = dict(&pdf, id.as_reference().unwrap());
            d.get(b"S").unwrap().as_name().unwrap().to_vec()
        };
        let top = kids(&pdf, doc);
        let names: Vec<Vec<u8>> = top.iter().map(s).collect();
        assert_eq!(names, [b"P".to_vec(), b"Note".to_vec(), b"Table".to_vec()]);
        let table = top[2].as_reference().unwrap();
        let row = kids(&pdf, table)[0].as_reference().unwrap();
        let cells = kids(&pdf, row);
        assert_eq!(cells.len(), 2, "the empty cell keeps its column");
        assert!(kids(&pdf, cells[1].as_reference().unwrap()).is_empty());
    }

    #[test]
    fn an_annotation_outside_a_link_gets_a_link_of_its_own() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let pages = [pdf.new_object_id()];
        let mut tree = Tree::default();
        let note = tree.push(Role::Note { id: "fn1".into() }, Tree::ROOT);
        let mut b = Builder::new(&tree, 1);
        b.page(0, &[(note, 1)]);
        let annotations = [Annotation {
            id: pdf.new_object_id(),
            key: 1,
            page: 0,
            pos: 0,
            node: Some(note),
        }];
        let mut raw = Vec::new();
        let root = b.write(&mut pdf, &mut raw, &pages, &annotations, 2);
        let pdf = written(pdf, &raw, root);
        let doc = kids(&pdf, root)[0].as_reference().unwrap();
        let note = kids(&pdf, doc)[0].as_reference().unwrap();
        assert_eq!(
            dict(&pdf, note).get(b"ID").unwrap().as_str().unwrap(),
            b"fn1"
        );
        let k = kids(&pdf, note);
        let link = k[0].as_reference().unwrap();
        assert_eq!(
            dict(&pdf, link).get(b"S").unwrap().as_name().unwrap(),
            b"Link"
        );
        assert_eq!(k[1], Object::Integer(0));
        let ids = dict(&pdf, root).get(b"IDTree").unwrap().as_dict().unwrap();
        assert_eq!(ids.get(b"Names").unwrap().as_array().unwrap().len(), 2);
    }
}
