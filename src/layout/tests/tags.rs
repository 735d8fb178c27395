//! The structure nodes the layout ties its pages to (`layout::tags`): one node per block, the
//! right role for each kind, the tree in source order, and artifacts for what is not content.

use super::super::tags::{NodeId, Role as Tag, Tree};
use super::*;
use crate::model::{self, Attr, ListItem, Official, Resource};

/// The text of `node` and everything under it, in page order.
fn text_of(out: &Layout, node: NodeId) -> String {
    let under = |mut id: NodeId| loop {
        if id == node {
            return true;
        }
        match out.tree.node(id).parent {
            Some(p) => id = p,
            None => return false,
        }
    };
    let mut s = String::new();
    for page in &out.pages {
        for r in &page.runs {
            if r.node.is_some_and(under) {
                s.extend(page.glyphs[r.glyphs.clone()].iter().map(|g| g.ch));
            }
        }
    }
    s
}

/// The nodes with this role, in tree order.
fn with_role(out: &Layout, role: &Tag) -> Vec<NodeId> {
    (0..out.tree.nodes.len() as NodeId)
        .filter(|&i| &out.tree.node(i).role == role)
        .collect()
}

/// The children of `node`, in order.
fn kids(out: &Layout, node: NodeId) -> Vec<NodeId> {
    (0..out.tree.nodes.len() as NodeId)
        .filter(|&i| out.tree.node(i).parent == Some(node))
        .collect()
}

fn role(out: &Layout, node: NodeId) -> &Tag {
    &out.tree.node(node).role
}

/// The tree is in document order (a parent before its children), and every node holds content
/// or has children (table cells aside), and every run's node exists.
fn assert_well_formed(out: &Layout) {
    let n = out.tree.nodes.len();
    assert_eq!(out.tree.nodes[0].role, Tag::Document);
    let mut used = vec![false; n];
    for (i, node) in out.tree.nodes.iter().enumerate().skip(1) {
        let p = node.parent.expect("only the root has no parent") as usize;
        assert!(p < i, "node {i} comes before its parent {p}");
        used[p] = true;
    }
    for page in &out.pages {
        let marks = page.marks.iter().filter_map(|m| match m {
            Mark::Picture { node, .. } | Mark::Link { node, .. } => *node,
            _ => None,
        });
        for id in page.runs.iter().filter_map(|r| r.node).chain(marks) {
            assert!((id as usize) < n, "a run refers to a node not in the tree");
            used[id as usize] = true;
        }
    }
    for (i, node) in out.tree.nodes.iter().enumerate() {
        let cell = matches!(node.role, Tag::TableCell | Tag::TableHeader);
        assert!(used[i] || cell, "node {i} ({:?}) is empty", node.role);
    }
}

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

fn item(blocks: Vec<Block>) -> ListItem {
    ListItem { task: None, blocks }
}

/// A document with one of every kind of block.
fn everything() -> Document {
    let mut d = doc(
        "标题",
        vec![
            heading(1, "第一章"),
            Block::Paragraph {
                inlines: vec![
                    Inline::Text("见".into()),
                    Inline::Link {
                        url: "https://example.org/".into(),
                        inlines: text("网站"),
                    },
                    Inline::Text("与".into()),
                    Inline::Link {
                        url: "#第二章".into(),
                        inlines: text("下一章"),
                    },
                    Inline::Text("和注".into()),
                    Inline::NoteRef { index: 0 },
                    Inline::Code("x=1".into()),
                    Inline::Text("。".into()),
                ],
            },
            Block::Salutation {
                inlines: text("同志们："),
            },
            Block::RunIn {
                level: 2,
                attr: Attr::id("一"),
                heading: text("（一）加强领导。"),
                inlines: text("切实开展好。"),
            },
            Block::BlockQuote {
                attr: Attr::default(),
                blocks: vec![para("引文甲"), para("引文乙")],
            },
            Block::List {
                attr: Attr::default(),
                ordered: true,
                start: 1,
                items: vec![item(vec![para("第一项")]), item(vec![para("第二项")])],
            },
            Block::List {
                attr: Attr::default(),
                ordered: false,
                start: 1,
                items: vec![
                    item(vec![para("圆点项")]),
                    ListItem {
                        task: Some(true),
                        blocks: vec![para("任务项")],
                    },
                ],
            },
            Block::Table {
                attr: Attr::default(),
                align: vec![model::Align::None; 2],
                head: vec![text("甲"), text("乙")],
                rows: vec![vec![text("一"), text("二")], vec![text("三")]],
            },
            Block::CodeBlock {
                attr: Attr::default(),
                lang: None,
                text: "let a = 1;".into(),
            },
            Block::Paragraph {
                inlines: vec![Inline::Image {
                    src: "img/red.png".into(),
                    alt: "红色方块".into(),
                }],
            },
            Block::Paragraph {
                inlines: vec![Inline::Image {
                    src: "img/blue.png".into(),
                    alt: String::new(),
                }],
            },
            Block::Paragraph {
                inlines: vec![Inline::Image {
                    src: "img/blue.png".into(),
                    alt: String::new(),
                }],
            },
            heading(1, "第二章"),
            para("结尾。"),
        ],
    );
    d.meta.subtitle = Some("副标题".into());
    d.meta.authors = vec!["作者".into()];
    d.notes.push(Note {
        label: "a".into(),
        blocks: vec![para("注文。")],
    });
    for src in ["img/red.png", "img/blue.png"] {
        let res = Resource {
            mime: "image/png",
            data: Vec::new(),
            width: 40,
            height: 20,
        };
        d.resources.insert(src.into(), res);
    }
    d
}

#[test]
fn every_kind_of_block_gets_its_node() {
    let mut style = Style::preset(Preset::Handout);
    style.toc = true;
    let out = print(&everything(), &style, &Fake);
    assert_well_formed(&out);
    let one = |r: &Tag| {
        let found = with_role(&out, r);
        assert_eq!(found.len(), 1, "{r:?}: {found:?}");
        found[0]
    };
    let texts = |r: &Tag| -> Vec<String> {
        with_role(&out, r)
            .into_iter()
            .map(|n| text_of(&out, n))
            .collect()
    };
    assert_eq!(text_of(&out, one(&Tag::Title)), "标题");
    // Headings at the outline's levels (the run-in lead is one, at its level).
    assert_eq!(texts(&Tag::Heading(1)), ["第一章", "第二章"]);
    assert_eq!(texts(&Tag::Heading(2)), ["（一）加强领导。"]);
    let paragraphs = texts(&Tag::Paragraph);
    for p in [
        "副标题",
        "作者",
        "目录",
        "同志们：",
        "切实开展好。",
        "引文甲",
        "结尾。",
    ] {
        assert!(
            paragraphs.iter().any(|t| t == p),
            "no P {p}: {paragraphs:?}"
        );
    }
    // The run-in lead and the text after it: a heading, then a paragraph.
    let lead = one(&Tag::Heading(2));
    assert_eq!(role(&out, lead + 1), &Tag::Paragraph);
    assert_eq!(text_of(&out, lead + 1), "切实开展好。");

    let quote = one(&Tag::BlockQuote);
    let q: Vec<String> = kids(&out, quote)
        .iter()
        .map(|&k| text_of(&out, k))
        .collect();
    assert_eq!(q, ["引文甲", "引文乙"]);

    // Lists: items of a label (a number in type) and a body; drawn bullets and boxes have none.
    let lists = with_role(&out, &Tag::List);
    assert_eq!(lists.len(), 2);
    let items = kids(&out, lists[0]);
    assert_eq!(items.len(), 2);
    let parts = kids(&out, items[1]);
    assert_eq!(
        parts.iter().map(|&k| role(&out, k)).collect::<Vec<_>>(),
        [&Tag::Label, &Tag::ListBody]
    );
    assert_eq!(text_of(&out, parts[0]), "2.");
    assert_eq!(text_of(&out, parts[1]), "第二项");
    for li in kids(&out, lists[1]) {
        let parts: Vec<&Tag> = kids(&out, li).iter().map(|&k| role(&out, k)).collect();
        assert_eq!(parts, [&Tag::ListBody]);
    }

    // The table: a head row of headers, rows of cells, every row with every column.
    let table = one(&Tag::Table);
    let rows = kids(&out, table);
    assert_eq!(rows.len(), 3);
    let cells = |r: NodeId| -> Vec<(Tag, String)> {
        kids(&out, r)
            .into_iter()
            .map(|c| (role(&out, c).clone(), text_of(&out, c)))
            .collect()
    };
    assert_eq!(
        cells(rows[0]),
        [
            (Tag::TableHeader, "甲".into()),
            (Tag::TableHeader, "乙".into())
        ]
    );
    assert_eq!(
        cells(rows[2]),
        [
            (Tag::TableCell, "三".into()),
            (Tag::TableCell, String::new())
        ]
    );

    // Code: the block and the inline code.
    assert_eq!(texts(&Tag::Code), ["x=1", "let a = 1;"]);

    // Figures: the alt text, else the file name (with one warning for the picture).
    let figures: Vec<(String, NodeId)> = (0..out.tree.nodes.len() as NodeId)
        .filter_map(|i| match role(&out, i) {
            Tag::Figure { alt } => Some((alt.clone(), i)),
            _ => None,
        })
        .collect();
    let alts: Vec<&str> = figures.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(alts, ["红色方块", "blue.png", "blue.png"]);
    let caption = kids(&out, figures[0].1);
    assert_eq!(caption.len(), 1);
    assert_eq!(role(&out, caption[0]), &Tag::Caption);
    assert_eq!(text_of(&out, caption[0]), "红色方块");
    let pictures: Vec<Option<NodeId>> = out
        .pages
        .iter()
        .flat_map(|p| &p.marks)
        .filter_map(|m| match m {
            Mark::Picture { node, .. } => Some(*node),
            _ => None,
        })
        .collect();
    assert_eq!(
        pictures,
        figures.iter().map(|f| Some(f.1)).collect::<Vec<_>>()
    );
    let missing: Vec<&String> = out
        .warnings
        .iter()
        .filter(|w| w.contains("no alt text"))
        .collect();
    assert_eq!(missing.len(), 1, "{:?}", out.warnings);
    assert!(missing[0].starts_with("pdf: image img/blue.png has no alt text"));

    // Links: their text and their boxes in one Link node, said in words.
    let link_marks: Vec<(Target, Option<NodeId>)> = out
        .pages
        .iter()
        .flat_map(|p| &p.marks)
        .filter_map(|m| match m {
            Mark::Link { target, node, .. } => Some((target.clone(), *node)),
            _ => None,
        })
        .collect();
    assert!(
        link_marks.iter().all(|(_, n)| n.is_some()),
        "{link_marks:?}"
    );
    let node_of = |t: &Target| link_marks.iter().find(|(x, _)| x == t).unwrap().1.unwrap();
    let web = node_of(&Target::Uri("https://example.org/".into()));
    assert_eq!(
        role(&out, web),
        &Tag::Link {
            alt: "link to https://example.org/".into()
        }
    );
    assert_eq!(text_of(&out, web), "网站");
    let second = out.anchors.iter().position(|a| a.id == "第二章").unwrap();
    let next = link_marks
        .iter()
        .filter(|(t, _)| *t == Target::Anchor(second))
        .map(|(_, n)| n.unwrap())
        .collect::<Vec<_>>();
    // The contents' entry and the link in the text.
    assert_eq!(next.len(), 2);
    let in_text = *next.last().unwrap();
    assert_eq!(
        role(&out, in_text),
        &Tag::Link {
            alt: "go to 第二章".into()
        }
    );
    assert_eq!(text_of(&out, in_text), "下一章");

    // The note: a Reference holding the mark's Link, the Note right after the paragraph.
    let mark = node_of(&Target::Note {
        index: 0,
        nested: false,
    });
    let reference = out.tree.node(mark).parent.unwrap();
    assert_eq!(role(&out, reference), &Tag::Reference);
    assert_eq!(text_of(&out, reference), "1");
    let para_node = out.tree.node(reference).parent.unwrap();
    assert_eq!(role(&out, para_node), &Tag::Paragraph);
    let note = one(&Tag::Note {
        id: "note-1".into(),
    });
    let siblings = kids(&out, out.tree.node(para_node).parent.unwrap());
    let at = siblings.iter().position(|&s| s == para_node).unwrap();
    assert_eq!(siblings[at + 1], note, "the note follows its paragraph");
    assert_eq!(text_of(&out, note), "1注文。");
    let back = node_of(&Target::NoteMark(0));
    assert_eq!(out.tree.node(back).parent, Some(note));
    assert_eq!(text_of(&out, back), "1");

    // The contents: a TOC of entries, each its text and page number.
    let toc = one(&Tag::Toc);
    let entries: Vec<String> = kids(&out, toc).iter().map(|&k| text_of(&out, k)).collect();
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert!(entries[0].starts_with("第一章") && entries[0].ends_with(char::is_numeric));
    assert!(
        kids(&out, toc)
            .iter()
            .all(|&k| role(&out, k) == &Tag::TocItem)
    );
}

/// The text of every block (a node whose parent holds blocks and that holds none), in tree order.
fn blocks_in_tree_order(out: &Layout) -> Vec<String> {
    let holds = |id: NodeId| {
        matches!(
            role(out, id),
            Tag::Document
                | Tag::BlockQuote
                | Tag::List
                | Tag::ListItem
                | Tag::ListBody
                | Tag::Table
                | Tag::TableRow
                | Tag::Note { .. }
                | Tag::Toc
        )
    };
    (1..out.tree.nodes.len() as NodeId)
        .filter(|&i| !holds(i) && out.tree.node(i).parent.is_some_and(holds))
        .map(|i| text_of(out, i))
        .collect()
}

#[test]
fn reading_the_tree_reads_the_source_in_order() {
    let mut d = everything();
    // A long paragraph before the note's paragraph sends the note to another page's foot than
    // where the tree reads it: after its paragraph.
    d.blocks.insert(0, para(SPEECH));
    let out = print(&d, &Style::preset(Preset::Handout), &Fake);
    assert_well_formed(&out);
    let got = blocks_in_tree_order(&out);
    let want = [
        "标题",
        "副标题",
        "作者",
        SPEECH,
        "第一章",
        "见网站与下一章和注1x=1。",
        // The note: its number (a link back), its text.
        "1",
        "注文。",
        "同志们：",
        "（一）加强领导。",
        "切实开展好。",
        "引文甲",
        "引文乙",
        "1.",
        "第一项",
        "2.",
        "第二项",
        "圆点项",
        "任务项",
        "甲",
        "乙",
        "一",
        "二",
        "三",
        "",
        "let a = 1;",
        "红色方块",
        "",
        "",
        "第二章",
        "结尾。",
    ];
    assert_eq!(got, want);
}

#[test]
fn a_paragraph_across_a_page_break_is_one_node() {
    let style = Style::preset(Preset::Handout);
    let out = print(
        &doc("讲话", (0..12).map(|_| para(SPEECH)).collect()),
        &style,
        &Fake,
    );
    assert_well_formed(&out);
    let ps = with_role(&out, &Tag::Paragraph);
    assert_eq!(ps.len(), 12);
    assert!(ps.iter().all(|&p| text_of(&out, p) == SPEECH));
    // Some paragraph starts on one page and ends on the next.
    let pages_of = |p: NodeId| {
        out.pages
            .iter()
            .filter(|pg| pg.runs.iter().any(|r| r.node == Some(p)))
            .count()
    };
    assert!(ps.iter().any(|&p| pages_of(p) == 2));
}

#[test]
fn page_numbers_are_artifacts_and_all_body_text_has_a_node() {
    for preset in [Preset::Handout, Preset::Gongwen, Preset::Book] {
        let style = Style::preset(preset);
        let mut d = doc("讲话", (0..6).map(|_| para(SPEECH)).collect());
        d.blocks.insert(0, heading(1, "一、总体要求"));
        let out = print(&d, &style, &Fake);
        assert_well_formed(&out);
        let bottom = (style.margins.top + style.text_height()) * PT_PER_MM;
        for (p, page) in out.pages.iter().enumerate() {
            for r in &page.runs {
                let t: String = page.glyphs[r.glyphs.clone()].iter().map(|g| g.ch).collect();
                if r.node.is_none() && r.y < style.margins.top * PT_PER_MM {
                    // A book's running head over the text block: the title or the chapter.
                    assert!(
                        style.running_heads,
                        "{preset:?} page {p}: untagged text {t}"
                    );
                    assert!(
                        t == "讲话" || t == "一、总体要求",
                        "{preset:?} page {p}: head {t}"
                    );
                } else if r.node.is_none() {
                    // Only the number under the text block.
                    assert!(r.y > bottom, "{preset:?} page {p}: untagged text {t}");
                    assert!(t.contains(&out.label(p)) || t.trim_matches(['—', ' ']).is_empty());
                } else {
                    assert!(
                        r.y <= bottom,
                        "{preset:?} page {p}: tagged {t} under the text"
                    );
                }
            }
        }
    }
}

#[test]
fn a_table_head_repeated_on_the_next_page_is_an_artifact() {
    let style = Style::preset(Preset::Handout);
    let rows: Vec<Vec<Vec<Inline>>> = (0..80)
        .map(|i| vec![text(&format!("第{i}行")), text("内容")])
        .collect();
    let d = doc(
        "",
        vec![Block::Table {
            attr: Attr::default(),
            align: vec![model::Align::None; 2],
            head: vec![text("表头甲"), text("表头乙")],
            rows,
        }],
    );
    let out = print(&d, &style, &Fake);
    assert!(out.pages.len() > 1);
    assert_well_formed(&out);
    let heads = with_role(&out, &Tag::TableHeader);
    assert_eq!(heads.len(), 2);
    let head_runs = |page: &Page| -> Vec<Option<NodeId>> {
        page.runs
            .iter()
            .filter(|r| page.glyphs[r.glyphs.start].ch == '表')
            .map(|r| r.node)
            .collect()
    };
    assert_eq!(
        head_runs(&out.pages[0]),
        heads.iter().map(|&h| Some(h)).collect::<Vec<_>>()
    );
    for page in &out.pages[1..] {
        let again = head_runs(page);
        assert_eq!(again.len(), 2, "the head is repeated");
        assert!(again.iter().all(Option::is_none), "and is an artifact");
    }
    // Every row of the table is in it once.
    assert_eq!(
        kids(&out, with_role(&out, &Tag::Table)[0]).len(),
        81,
        "head and rows"
    );
}

#[test]
fn official_elements_are_a_paragraph_each() {
    let style = Style::preset(Preset::Gongwen);
    let official = |kind: Official, t: &str| Block::Official {
        kind,
        attr: Attr::default(),
        inlines: text(t),
    };
    let d = doc(
        "关于做好安全生产工作的通知",
        vec![
            official(Official::CopyNumber, "000001"),
            official(Official::Secrecy, "秘密"),
            official(Official::Issuer, "某某市人民政府文件"),
            official(Official::Number, "某政发〔2026〕1号"),
            official(Official::Signers, "签发人：张三"),
            official(Official::Recipients, "各区人民政府："),
            para(SPEECH),
            official(Official::Attachment, "附件：1.甲方案"),
            official(Official::Attachment, "2.乙清单"),
            official(Official::Signature, "某某市人民政府"),
            official(Official::Date, "2026年1月5日"),
            official(Official::Note, "（联系人：李四）"),
            official(Official::Cc, "抄送：市委办公室。"),
            official(Official::Printer, "某某市人民政府办公室"),
            official(Official::PrintDate, "2026年1月5日印发"),
        ],
    );
    let out = print(&d, &style, &Fake);
    assert_well_formed(&out);
    // Each element a paragraph, in the model's order: the 版头, the title, the 主送, the body,
    // the closing, the 版记's two lines.
    assert_eq!(
        blocks_in_tree_order(&out),
        [
            "000001",
            "秘密",
            "某某市人民政府文件",
            "某政发〔2026〕1号",
            "签发人：张三",
            "关于做好安全生产工作的通知",
            "各区人民政府：",
            SPEECH,
            "附件：1.甲方案2.乙清单",
            "某某市人民政府",
            "2026年1月5日",
            "（联系人：李四）",
            "抄送：市委办公室。",
            "某某市人民政府办公室2026年1月5日印发",
        ]
    );
    let roles: Vec<&Tag> = kids(&out, Tree::ROOT)
        .into_iter()
        .map(|k| role(&out, k))
        .collect();
    assert_eq!(roles[5], &Tag::Title);
    assert!(
        roles
            .iter()
            .enumerate()
            .all(|(i, r)| i == 5 || *r == &Tag::Paragraph)
    );
}
