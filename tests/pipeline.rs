//! The pipeline from bytes to the model: the seed's inferred structure, Markdown features,
//! encodings, punctuation, and inputs that must fail cleanly.

mod common;

use std::fs;

use cjkpress::model::{Attr, Block, Document, Inline, ListItem, document_text, plain_text};
use cjkpress::{Options, read_file};
use common::{assert_same_text, squash};

fn read(path: &std::path::Path, options: &Options) -> Document {
    read_file(path, options).expect("reads").value
}

fn seed_doc() -> Document {
    read(&common::seed(), &Options::default())
}

fn text(inlines: &[Inline]) -> String {
    plain_text(inlines)
}

#[test]
fn seed_structure_is_recovered() {
    let doc = seed_doc();
    assert_eq!(doc.meta.title, "区委科学发展观活动动员会讲话");
    assert_eq!(doc.meta.lang, "zh-Hans");
    let all = document_text(&doc);
    assert_eq!(
        all.matches("区委科学发展观活动动员会讲话").count(),
        1,
        "title once"
    );
    assert!(
        !all.contains("首页") && !all.contains("文章中心"),
        "breadcrumb dropped"
    );

    // The salutation opens the body as its own flush-left block.
    assert_eq!(
        doc.blocks[0],
        Block::Salutation {
            inlines: vec![Inline::Text("同志们：".into())]
        }
    );
    let h1: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level: 1, inlines, ..
            } => Some(text(inlines)),
            _ => None,
        })
        .collect();
    assert_eq!(
        h1,
        [
            "一、统一思想认识，增强开展学习实践活动的责任感",
            "二、明确目标任务，扎扎实实开展学习实践活动",
            "三、加强组织领导，确保学习实践活动取得实效",
        ]
    );
    let run_ins: Vec<(u8, String, String)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::RunIn {
                level,
                heading,
                inlines,
                ..
            } => Some((*level, text(heading), text(inlines))),
            _ => None,
        })
        .collect();
    let leads: Vec<(u8, &str)> = run_ins.iter().map(|(l, h, _)| (*l, h.as_str())).collect();
    assert_eq!(
        leads,
        [
            (2, "（一）加强领导，落实责任。"),
            (2, "（二）统筹安排，扎实推进。"),
            (2, "（三）强化督查，确保落实。"),
        ]
    );
    assert!(
        run_ins[0]
            .2
            .starts_with("切实开展好学习实践活动，两办已成立")
    );
    assert!(run_ins[2].2.ends_with("把工作做好做实，做出成效。"));

    // Everything else is a body paragraph; `一是…二是…` stays inside one.
    let kinds: Vec<&str> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Salutation { .. } => "S",
            Block::Heading { .. } => "H",
            Block::RunIn { .. } => "R",
            Block::Paragraph { .. } => "P",
            _ => "?",
        })
        .collect();
    assert_eq!(kinds.concat(), "SPHPPPPHPPHPRRRP");
    let enumeration = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph { inlines } if text(inlines).contains("一是解决") => {
                Some(text(inlines))
            }
            _ => None,
        })
        .expect("the 一是…二是… paragraph");
    assert!(enumeration.contains("二是解决工作效率") && enumeration.contains("四是解决工作作风"));

    // Heading ids are unique.
    let ids: std::collections::BTreeSet<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| b.heading())
        .map(|h| h.1)
        .collect();
    assert_eq!(ids.len(), 6);
}

#[test]
fn seed_loses_no_character() {
    // With punctuation kept, the model's text is the source minus the breadcrumb and the
    // repeated title line, character for character.
    let source = fs::read_to_string(common::seed()).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    assert_eq!(lines[0], "首页 > 文章中心 > 正文");
    assert_eq!(lines[2], lines[4]);
    let expected: String = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 0 && *i != 4)
        .map(|(_, l)| *l)
        .collect();
    let kept = read(
        &common::seed(),
        &Options {
            keep_punctuation: true,
            ..Options::default()
        },
    );
    assert_same_text(&squash(&document_text(&kept)), &squash(&expected), "seed");

    // Normalized, the only differences are ASCII punctuation turned full-width in place.
    let normal = squash(&document_text(&seed_doc()));
    let expected = squash(&expected);
    assert_eq!(normal.chars().count(), expected.chars().count());
    let mut changed = 0;
    for (got, want) in normal.chars().zip(expected.chars()) {
        if got != want {
            changed += 1;
            let pair = (want, got);
            assert!(
                matches!(
                    pair,
                    (',', '，')
                        | (':', '：')
                        | (';', '；')
                        | ('!', '！')
                        | ('?', '？')
                        | ('(', '（')
                        | (')', '）')
                ),
                "unexpected change {pair:?}"
            );
        }
    }
    assert!(
        changed > 100,
        "the seed's ASCII commas are normalized ({changed})"
    );
    assert!(!normal.contains([',', ':', '(', ')']));
}

#[test]
fn encodings_give_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let source = fs::read_to_string(common::seed()).unwrap();
    let want = seed_doc();
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&source);
    assert!(!lossy);
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(source.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(source.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let bom = [b"\xEF\xBB\xBF".as_slice(), source.as_bytes()].concat();
    let crlf = source.replace('\n', "\r\n").into_bytes();
    let cr = source.replace('\n', "\r").into_bytes();
    for (name, bytes) in [
        ("gbk", gbk.into_owned()),
        ("utf16le", utf16le),
        ("utf16be", utf16be),
        ("bom", bom),
        ("crlf", crlf),
        ("cr", cr),
    ] {
        let path = dir.path().join(format!("{name}.txt"));
        fs::write(&path, bytes).unwrap();
        assert_eq!(read(&path, &Options::default()), want, "{name}");
    }
}

const MARKDOWN: &str = "---
title: 测试文档
author: [张三, Li Si]
lang: zh-Hant
preset: book
---

# 第一章 开始

这是第一行
第二行接着写
English words
wrap with a space.

硬换行在这里\\
之后。这是**“重要”**的内容，还有*强调*与~~删除~~。

| 名称 | 数量 |
|:---|---:|
| 苹果 | 3 |

- [x] 完成
- [ ] 未完成

1. 第一
2. 第二

> 引用的话

```rust
fn main() {}
```

脚注在此[^a]。

[^a]: 脚注内容。

<b>原始 HTML</b>
";

#[test]
fn markdown_features_reach_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.md");
    fs::write(&path, MARKDOWN).unwrap();
    let doc = read(&path, &Options::default());
    assert_eq!(doc.meta.title, "测试文档");
    assert_eq!(doc.meta.authors, ["张三", "Li Si"]);
    assert_eq!(doc.meta.lang, "zh-Hant");
    assert_eq!(doc.meta.preset.as_deref(), Some("book"));
    let b = &doc.blocks;
    assert!(matches!(&b[0], Block::Heading { level: 1, attr, .. } if attr.id == "第一章-开始"));
    assert_eq!(
        b[1],
        Block::Paragraph {
            inlines: vec![Inline::Text(
                "这是第一行第二行接着写 English words wrap with a space.".into()
            )]
        }
    );
    let Block::Paragraph { inlines } = &b[2] else {
        panic!("{:?}", b[2])
    };
    assert_eq!(inlines[0], Inline::Text("硬换行在这里".into()));
    assert_eq!(inlines[1], Inline::LineBreak);
    assert!(inlines.contains(&Inline::Strong(vec![Inline::Text("“重要”".into())])));
    assert!(inlines.contains(&Inline::Emph(vec![Inline::Text("强调".into())])));
    assert!(inlines.contains(&Inline::Strike(vec![Inline::Text("删除".into())])));
    let Block::Table {
        align, head, rows, ..
    } = &b[3]
    else {
        panic!("{:?}", b[3])
    };
    assert_eq!(
        align,
        &[cjkpress::model::Align::Left, cjkpress::model::Align::Right]
    );
    assert_eq!(text(&head[0]), "名称");
    assert_eq!(text(&rows[0][1]), "3");
    let Block::List {
        ordered: false,
        items,
        ..
    } = &b[4]
    else {
        panic!("{:?}", b[4])
    };
    let tasks: Vec<Option<bool>> = items.iter().map(|i: &ListItem| i.task).collect();
    assert_eq!(tasks, [Some(true), Some(false)]);
    assert!(
        matches!(&b[5], Block::List { ordered: true, start: 1, items, .. } if items.len() == 2)
    );
    assert!(matches!(&b[6], Block::BlockQuote { .. }));
    assert_eq!(
        b[7],
        Block::CodeBlock {
            attr: Attr::default(),
            lang: Some("rust".into()),
            text: "fn main() {}".into()
        }
    );
    assert!(
        matches!(&b[8], Block::Paragraph { inlines } if inlines.contains(&Inline::NoteRef { index: 0 }))
    );
    assert_eq!(doc.notes.len(), 1);
    assert_eq!(
        squash(&document_text(&Document {
            blocks: doc.notes[0].blocks.clone(),
            ..Document::default()
        })),
        "脚注内容。"
    );
    // Raw HTML is text unless --raw-html.
    assert_eq!(
        b[9],
        Block::Paragraph {
            inlines: vec![Inline::Text("<b>原始 HTML</b>".into())]
        }
    );
    let raw = read(
        &path,
        &Options {
            raw_html: true,
            ..Options::default()
        },
    );
    assert_eq!(
        raw.blocks[9],
        Block::Paragraph {
            inlines: vec![
                Inline::Html("<b>".into()),
                Inline::Text("原始 HTML".into()),
                Inline::Html("</b>".into())
            ]
        }
    );
}

#[test]
fn samples_read_as_books() {
    for path in common::samples() {
        let doc = read(
            &path,
            &Options {
                keep_punctuation: true,
                ..Options::default()
            },
        );
        assert!(!doc.meta.title.is_empty());
        assert_eq!(doc.meta.lang, "zh-Hans");
        let headings = doc.blocks.iter().filter(|b| b.heading().is_some()).count();
        assert!(headings >= 10, "{}: {headings} headings", path.display());
        // Every line of the source body is in the model.
        let source = fs::read_to_string(&path).unwrap();
        let body = source.split("---").nth(2).unwrap();
        let want = squash(&body.replace('#', ""));
        let got = squash(&document_text(&doc)).replacen(&doc.meta.title, "", 1);
        assert_same_text(&got, &want, &path.display().to_string());
    }
}

#[test]
fn deep_nesting_and_long_lines_do_not_crash() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.md");
    fs::write(&deep, format!("{}最深处的话\n", "> ".repeat(10_000))).unwrap();
    let doc = read(&deep, &Options::default());
    assert!(document_text(&doc).contains("最深处的话"));

    let lists = dir.path().join("lists.md");
    fs::write(&lists, format!("{}深\n", "- ".repeat(5_000))).unwrap();
    assert!(document_text(&read(&lists, &Options::default())).contains('深'));

    let long = dir.path().join("long.txt");
    let line = "很长的一行，".repeat(200_000);
    fs::write(&long, format!("标题\n\n{line}\n")).unwrap();
    let doc = read(&long, &Options::default());
    assert_same_text(
        &squash(&document_text(&doc)),
        &format!("标题{line}"),
        "long line",
    );
}

#[test]
fn images_load_from_the_input_folder_only() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("doc");
    fs::create_dir(&sub).unwrap();
    fs::copy(
        common::root().join("tests/data/red.png"),
        sub.join("red.png"),
    )
    .unwrap();
    let md = sub.join("a.md");
    fs::write(
        &md,
        "# 图\n\n![红色方块](red.png)\n\n![远程](https://example.com/x.png)\n",
    )
    .unwrap();
    let got = read_file(&md, &Options::default()).unwrap();
    let red = &got.value.resources["red.png"];
    assert_eq!((red.mime, red.width, red.height), ("image/png", 4, 3));
    assert_eq!(got.value.resources.len(), 1);
    assert!(
        got.warnings
            .iter()
            .any(|w| w.message.contains("https://example.com/x.png"))
    );

    let outside = sub.join("b.md");
    fs::copy(
        common::root().join("tests/data/red.png"),
        dir.path().join("up.png"),
    )
    .unwrap();
    fs::write(&outside, "![上级](../up.png)\n").unwrap();
    let err = read_file(&outside, &Options::default()).unwrap_err();
    assert!(
        err.to_string().contains("outside the input's folder"),
        "{err}"
    );
    let allowed = read_file(
        &outside,
        &Options {
            allow_outside: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(allowed.value.resources.contains_key("../up.png"));
}

/// Random documents built from Markdown syntax, CJK text, punctuation and odd characters: no
/// reader or writer may panic on them, and every format must come out. (A small deterministic
/// generator instead of a property-testing crate: the point is breadth, not shrinking.)
#[test]
fn random_documents_never_panic() {
    const TOKENS: &[&str] = &[
        "学习",
        "实践，",
        "。",
        "“引号”",
        "（括号）",
        "——",
        "……",
        "《书名》",
        "、",
        "2026年",
        "5.2%",
        "Latin words ",
        "https://example.com/a?b=c ",
        "\n",
        "\n\n",
        "# ",
        "## ",
        "### ",
        "> ",
        "- ",
        "1. ",
        "- [x] ",
        "**",
        "*",
        "~~",
        "`code`",
        "[链接](https://x.cn)",
        "![图](red.png)",
        "[^1]",
        "\n\n[^1]: 注释。\n\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "```\nfn x() {}\n```\n",
        "<b>",
        "</b>",
        "\\",
        "  \n",
        "𠮷",
        "한국",
        "\u{3000}",
        "\t",
        "一、",
        "（一）",
        "1．",
        "(1)",
        "同志们：",
        "---\n",
        "\u{200b}",
        "ﬁ",
        "😀",
        "…………",
        "！？",
        "a",
        "",
    ];
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        common::root().join("tests/data/red.png"),
        dir.path().join("red.png"),
    )
    .unwrap();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for case in 0..48 {
        let len = 20 + next() % 400;
        let mut text = String::from("标题\n\n");
        for _ in 0..len {
            text.push_str(TOKENS[(next() % TOKENS.len() as u64) as usize]);
        }
        let ext = if case % 2 == 0 { "md" } else { "txt" };
        let path = dir.path().join(format!("case{case}.{ext}"));
        fs::write(&path, &text).unwrap();
        for preset in [
            cjkpress::style::Preset::Handout,
            cjkpress::style::Preset::Gongwen,
            cjkpress::style::Preset::Book,
        ] {
            let options = Options {
                preset: Some(preset),
                vertical: case % 3 == 0,
                ..Options::default()
            };
            let prepared = cjkpress::load(&path, &options)
                .unwrap_or_else(|e| panic!("case {case}: {e}\n{text}"));
            for format in cjkpress::Format::ALL {
                let out = cjkpress::render(&prepared.value, format, &options)
                    .unwrap_or_else(|e| panic!("case {case} {format}: {e}\n{text}"));
                assert!(!out.value.is_empty());
            }
        }
    }
}
