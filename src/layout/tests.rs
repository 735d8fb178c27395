//! The layout engine on its own, with fake metrics: Han characters and full-width marks 1 em,
//! Latin 0.5 em, spaces 0.25 em; bold text is face 1.

use super::class::{Kind, classify};
use super::*;
use crate::model::{Attr, Block, Inline, Metadata, Note};
use crate::style::{PT_PER_MM, Preset};

struct Fake;

impl Measure for Fake {
    fn glyph(&self, _role: Role, bold: bool, c: char) -> Option<Pick> {
        let adv = match classify(c).kind {
            Kind::Han | Kind::Punct => 1.0,
            Kind::Space => 0.25,
            Kind::Latin => 0.5,
            Kind::Break => 0.0,
        };
        Some(Pick {
            face: FaceId(usize::from(bold)),
            advance: adv,
            embolden: false,
            ink: None,
            column_ink: None,
            scale: 1.0,
        })
    }
}

/// A line as drawn: its text, the x of its first glyph, where its last glyph ends, its size.
#[derive(Debug)]
struct Drawn {
    y: f32,
    text: String,
    x0: f32,
    x1: f32,
    size: f32,
}

/// The lines of a page in order: runs grouped by baseline.
fn lines(page: &Page) -> Vec<Drawn> {
    let mut out: Vec<(f32, Drawn)> = Vec::new();
    for r in &page.runs {
        let glyphs = &page.glyphs[r.glyphs.clone()];
        let adv = |g: &Glyph| {
            Fake.glyph(Role::Body, false, g.ch)
                .map_or(0.0, |x| x.advance)
                * r.size
        };
        let line = out.iter_mut().find(|(y, _)| (y - r.y).abs() < r.size);
        let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) else {
            continue;
        };
        match line {
            Some((_, d)) => {
                d.text.extend(glyphs.iter().map(|g| g.ch));
                d.x0 = d.x0.min(first.x);
                d.x1 = d.x1.max(last.x + adv(last));
                d.size = d.size.max(r.size);
            }
            None => out.push((
                r.y,
                Drawn {
                    y: r.y,
                    text: glyphs.iter().map(|g| g.ch).collect(),
                    x0: first.x,
                    x1: last.x + adv(last),
                    size: r.size,
                },
            )),
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, d)| d).collect()
}

fn para(text: &str) -> Block {
    Block::Paragraph {
        inlines: vec![Inline::Text(text.into())],
    }
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        attr: Attr::id(text),
        inlines: vec![Inline::Text(text.into())],
    }
}

fn doc(title: &str, blocks: Vec<Block>) -> Document {
    Document {
        meta: Metadata {
            title: title.into(),
            lang: "zh-Hans".into(),
            ..Metadata::default()
        },
        blocks,
        ..Document::default()
    }
}

const SPEECH: &str = "科学发展观是我国经济社会发展的重要指导方针，主要回答了新世纪新阶段什么是发展、为什么发展、\
怎样发展的问题。深入学习实践科学发展观是党的思想理论建设的重要战略任务，也是当前应对危机、促进经济平稳较快\
发展的治本之策、长久之计。按照中央、省委、市委和区委的统一部署，第二批深入学习实践科学发展观活动从今年3月开始，\
到8月份用半年时间完成。今天，我们在这里召开两办系统“深入学习实践科学发展观活动”动员大会，《实施方案》已经发给\
大家。下面，我先谈三点意见——然后请指导检查组何组长作指示……";

#[test]
fn kinsoku_holds_and_justified_lines_are_flush() {
    let style = Style::preset(Preset::Handout);
    let d = doc("讲话", (0..12).map(|_| para(SPEECH)).collect());
    let out = print(&d, &style, &Fake);
    let right = (style.page_width - style.margins.right) * PT_PER_MM;
    let mut full = 0;
    for page in &out.pages {
        let ls = lines(page);
        for (k, l) in ls.iter().enumerate() {
            let first = l.text.chars().next().unwrap();
            let last = l.text.chars().last().unwrap();
            assert!(
                !classify(first).no_start,
                "line starts with {first}: {}",
                l.text
            );
            assert!(!classify(last).no_end, "line ends with {last}: {}", l.text);
            // Every line of these paragraphs but the last (which ends in `……`) is full.
            let next_indented = ls.get(k + 1).is_some_and(|n| n.x0 > l.x0 + 1.0);
            if l.size == style.body_size && !l.text.ends_with('…') && !next_indented {
                // The line-end mark may have given up its blank half: its glyph box then
                // reaches past the margin by half an em.
                let over = l.x1 - right;
                let compressed = "，。、；：？！”》".contains(last) && (over - 6.0).abs() < 0.5;
                assert!(
                    over.abs() < 0.5 || compressed,
                    "line ends at {}: {}",
                    l.x1,
                    l.text
                );
                full += 1;
            }
        }
    }
    assert!(full > 50);
}

#[test]
fn the_title_is_centred_at_the_top_of_the_first_page() {
    let style = Style::preset(Preset::Handout);
    let out = print(&doc("区委讲话", vec![para("同志们")]), &style, &Fake);
    let ls = lines(&out.pages[0]);
    assert_eq!(ls[0].text, "区委讲话");
    let mid = (ls[0].x0 + ls[0].x1) / 2.0;
    assert!((mid - out.width / 2.0).abs() < 0.5);
    assert_eq!(ls[0].size, style.title_size);
}

#[test]
fn gongwen_lines_hold_28_characters_and_pages_22_lines() {
    let style = Style::preset(Preset::Gongwen);
    let han: String = SPEECH
        .chars()
        .filter(|&c| super::class::is_han(c))
        .collect();
    let d = doc("通知", (0..6).map(|_| para(&han.repeat(3))).collect());
    let out = print(&d, &style, &Fake);
    assert!(out.pages.len() >= 3);
    let page = lines(&out.pages[1]);
    let body: Vec<&Drawn> = page.iter().filter(|l| l.size == 16.0).collect();
    assert_eq!(body.len(), 22, "a full page holds 22 lines");
    let full = body.iter().filter(|l| l.text.chars().count() == 28).count();
    assert!(full >= 18, "full lines hold 28 characters: {body:#?}");
    assert!(body.iter().all(|l| l.text.chars().count() <= 28));
    // The page number `— 2 —` sits left on even pages, one character in.
    let folio = page.iter().find(|l| l.text.contains('—')).unwrap();
    assert_eq!(folio.text, "— 2 —");
    assert!((folio.x0 - (28.0 * PT_PER_MM + 16.0)).abs() < 0.5);
}

#[test]
fn headings_never_end_a_page_and_paragraphs_leave_no_single_lines() {
    let style = Style::preset(Preset::Handout);
    let mut blocks = Vec::new();
    for i in 0..30 {
        blocks.push(heading(1 + (i % 2) as u8, &format!("第{i}节")));
        let len = 20 + (i * 37) % 160;
        blocks.push(para(&SPEECH.chars().take(len).collect::<String>()));
    }
    let out = print(&doc("", blocks), &style, &Fake);
    assert!(out.pages.len() > 2);
    for (p, page) in out.pages.iter().enumerate() {
        let ls = lines(page);
        let body: Vec<&Drawn> = ls
            .iter()
            .filter(|l| !l.text.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let last = body.last().unwrap();
        assert!(
            last.size == style.body_size,
            "page {p} ends with a heading: {}",
            last.text
        );
        if p > 0 {
            // An orphan at the top: one line of a paragraph, then a new paragraph or heading.
            let first_is_continuation = body[0].x0 < body.get(1).map_or(0.0, |l| l.x0) - 1.0;
            assert!(
                !first_is_continuation || body[0].size != style.body_size,
                "page {p}"
            );
        }
    }
    // Every heading has an anchor on the page where it is drawn.
    assert_eq!(out.anchors.len(), 30);
    for a in &out.anchors {
        let ls = lines(&out.pages[a.page]);
        assert!(ls.iter().any(|l| l.text == a.title), "{}", a.title);
    }
}

#[test]
fn footnotes_sit_at_the_foot_of_the_page_that_refers_to_them() {
    let style = Style::preset(Preset::Handout);
    let mut blocks: Vec<Block> = (0..10).map(|_| para(SPEECH)).collect();
    blocks.push(Block::Paragraph {
        inlines: vec![
            Inline::Text("见注释".into()),
            Inline::NoteRef { index: 0 },
            Inline::Text("。".into()),
        ],
    });
    blocks.extend((0..4).map(|_| para(SPEECH)));
    let mut d = doc("", blocks);
    d.notes.push(Note {
        label: "a".into(),
        blocks: vec![para("这是脚注的内容。")],
    });
    let out = print(&d, &style, &Fake);
    let (p, _) = out
        .pages
        .iter()
        .enumerate()
        .find(|(_, pg)| lines(pg).iter().any(|l| l.text.starts_with("见注释")))
        .unwrap();
    let ls = lines(&out.pages[p]);
    let note = ls
        .iter()
        .position(|l| l.text.contains("这是脚注的内容"))
        .unwrap();
    assert_eq!(ls[note].text, "1这是脚注的内容。");
    let bottom = (style.margins.top + style.text_height()) * PT_PER_MM;
    assert!(ls[note].size < style.body_size);
    assert!(
        ls[note].y < bottom && ls[note].y > bottom - 20.0,
        "{} {bottom}",
        ls[note].y
    );
    // The reference number is a superscript on the referring line.
    assert!(
        out.pages[p]
            .runs
            .iter()
            .any(|r| r.size < 8.0 && out.pages[p].glyphs[r.glyphs.start].ch == '1')
    );
    // The mark and the note's number link to each other: both ends are found on this page,
    // the note's at its line, the mark's on the referring line.
    let spots = out.notes[0];
    let (text, mark) = (spots.text.unwrap(), spots.mark.unwrap());
    assert_eq!((text.page, mark.page), (p, p));
    let refline = ls.iter().find(|l| l.text.starts_with("见注释")).unwrap();
    assert!((text.y - (ls[note].y - ls[note].size * ASCENT)).abs() < 0.5);
    assert!(mark.y < refline.y && mark.y > refline.y - style.body_size * 1.5);
    let links: Vec<&Target> = out.pages[p]
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Link { target, .. } => Some(target),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        [
            &Target::Note {
                index: 0,
                nested: false
            },
            &Target::NoteMark(0)
        ]
    );
}

#[test]
fn a_note_only_another_note_refers_to_links_back_to_that_mark() {
    let style = Style::preset(Preset::Handout);
    let mut d = doc(
        "",
        vec![Block::Paragraph {
            inlines: vec![Inline::Text("正文".into()), Inline::NoteRef { index: 0 }],
        }],
    );
    d.notes = vec![
        Note {
            label: "a".into(),
            blocks: vec![Block::Paragraph {
                inlines: vec![Inline::Text("甲注".into()), Inline::NoteRef { index: 1 }],
            }],
        },
        Note {
            label: "b".into(),
            blocks: vec![para("乙注")],
        },
    ];
    let out = print(&d, &style, &Fake);
    let ls = lines(&out.pages[0]);
    let line = |t: &str| ls.iter().find(|l| l.text.contains(t)).unwrap();
    let (a, b) = (line("甲注"), line("乙注"));
    let mark = out.notes[1].mark.unwrap();
    assert!(mark.y < a.y && mark.y > a.y - a.size * 1.5, "in note a");
    // Note b is set after the body (nothing in the body refers to it), its number a link.
    let text = out.notes[1].text.unwrap();
    assert!((text.y - (b.y - b.size * ASCENT)).abs() < 0.5);
}

#[test]
fn page_labels_count_the_front_matter_apart() {
    assert_eq!(
        [1, 2, 3, 4, 9, 14, 40, 1994].map(super::paginate::roman),
        ["i", "ii", "iii", "iv", "ix", "xiv", "xl", "mcmxciv"].map(String::from)
    );
    let book = Style::preset(Preset::Book);
    // A title page and a contents page, then chapters: each on a right-hand page, after a
    // blank page without a number where the chapter before ends on a right-hand one.
    let blocks = vec![
        heading(1, "学而篇"),
        para(SPEECH),
        heading(1, "为政篇"),
        para(SPEECH),
    ];
    let out = print(&doc("论语", blocks), &book, &Fake);
    assert_eq!(out.front, 2);
    assert_eq!(lines(&out.pages[1]).last().unwrap().text, "ii");
    assert_eq!(lines(&out.pages[2]).last().unwrap().text, "1");
    assert_eq!([out.anchors[0].page, out.anchors[1].page], [2, 4]);
    assert!(out.pages[3].runs.is_empty() && out.pages[3].marks.is_empty());
    assert_eq!(lines(&out.pages[4]).last().unwrap().text, "3");
    // Without a title page or contents, no front matter.
    let handout = Style::preset(Preset::Handout);
    let out = print(&doc("论语", vec![para(SPEECH)]), &handout, &Fake);
    assert_eq!(out.front, 0);
    assert_eq!(lines(&out.pages[0]).last().unwrap().text, "1");
}

#[test]
fn run_in_headings_start_an_indented_paragraph_in_the_heading_face() {
    let style = Style::preset(Preset::Gongwen);
    let d = doc(
        "",
        vec![Block::RunIn {
            level: 2,
            attr: Attr::id("a"),
            heading: vec![Inline::Text("（一）加强领导，落实责任。".into())],
            inlines: vec![Inline::Text("切实开展好学习实践活动。".into())],
        }],
    );
    let out = print(&d, &style, &Fake);
    let ls = lines(&out.pages[0]);
    assert_eq!(
        ls[0].text,
        "（一）加强领导，落实责任。切实开展好学习实践活动。"
    );
    let pitch = style.text_width() * PT_PER_MM / 28.0;
    assert!((ls[0].x0 - (style.margins.left * PT_PER_MM + 2.0 * pitch)).abs() < 0.5);
    assert_eq!(out.anchors[0].title, "（一）加强领导，落实责任。");
}

#[test]
fn book_has_a_title_page_contents_and_chapters_on_new_pages() {
    let style = Style::preset(Preset::Book);
    let blocks = vec![
        heading(1, "学而篇"),
        para(SPEECH),
        heading(1, "为政篇"),
        para(SPEECH),
    ];
    let out = print(&doc("论语", blocks), &style, &Fake);
    assert_eq!(lines(&out.pages[0])[0].text, "论语");
    assert!(
        lines(&out.pages[0]).len() == 1,
        "no number on the title page"
    );
    let toc = lines(&out.pages[1]);
    assert_eq!(toc[0].text, "目录");
    // Contents entries end with the page the chapter starts on, counted from the body's first
    // page after the title page and the contents (the front matter).
    assert_eq!(out.front, 2);
    let first = out.anchors[0].page + 1 - out.front;
    assert_eq!(first, 1);
    assert!(toc[1].text.starts_with("学而篇") && toc[1].text.ends_with(&first.to_string()));
    assert!(out.anchors[1].page > out.anchors[0].page);
    assert_eq!(lines(&out.pages[out.anchors[1].page])[0].text, "为政篇");
}

#[test]
fn code_sits_in_columns_with_wide_characters_in_two() {
    let style = Style::preset(Preset::Handout);
    let code = Block::CodeBlock {
        attr: Attr::default(),
        lang: None,
        text: "ab  c\n名x;\n\tz".into(),
    };
    let out = print(&doc("", vec![code]), &style, &Fake);
    let page = &out.pages[0];
    let ls = lines(page);
    let texts: Vec<&str> = ls.iter().map(|l| l.text.as_str()).collect();
    // Every space is drawn, tabs reach the next stop at 8 columns (then the page number).
    assert_eq!(texts, ["ab  c", "名x;", "        z", "1"]);
    // The fake measure gives `0` half an em: one column.
    let column = ls[0].size * 0.5;
    let x0 = ls[0].x0;
    let at = |ch: char| {
        let g = page.glyphs.iter().find(|g| g.ch == ch).unwrap();
        ((g.x - x0) / column * 100.0).round() / 100.0
    };
    assert_eq!([at('a'), at('b'), at('c')], [0.0, 1.0, 4.0]);
    assert_eq!([at('名'), at('x'), at(';')], [0.0, 2.0, 3.0]);
    assert_eq!(at('z'), 8.0);
}

// See: issue 10 item 4 (copying code from the PDF gives back exactly the code).
#[test]
fn code_lines_copy_as_written_with_blank_lines_and_wrapped_lines_whole() {
    let style = Style::preset(Preset::Handout);
    let long = format!("\tcall({})", "x, ".repeat(60));
    let code = Block::CodeBlock {
        attr: Attr::default(),
        lang: None,
        text: format!("\n  \na\tb\n\n{long}\n\t\nz\n"),
    };
    let out = print(&doc("", vec![code]), &style, &Fake);
    let page = &out.pages[0];
    let texts: Vec<&str> = page.actual.iter().map(|a| a.text.as_str()).collect();
    // Blank lines ride on a line with text after a line feed (the first line's before it),
    // and copy as nothing where they are drawn (the spaces of `  ` and the tab); the long
    // line's first visual line carries it all, tabs as written, and the two lines it wraps
    // onto copy as nothing.
    let wrapped = format!("{long}\n\t");
    assert_eq!(
        texts,
        ["", "\n  \na\tb\n", wrapped.as_str(), "", "", "", "z"][..],
        "{:?}",
        lines(page).iter().map(|l| &l.text).collect::<Vec<_>>()
    );
}

/// Fake metrics in which no face covers emoji or private-use characters.
struct Gaps;

impl Measure for Gaps {
    fn glyph(&self, role: Role, bold: bool, c: char) -> Option<Pick> {
        let missing = c == '😀' || ('\u{E000}'..='\u{F8FF}').contains(&c);
        (!missing).then(|| Fake.glyph(role, bold, c)).flatten()
    }
}

// See: issue 11 item 7 (the mark after a missing glyph drawn inside its box).
#[test]
fn a_character_no_face_covers_takes_a_full_cell() {
    let style = Style::preset(Preset::Handout);
    let d = doc("", vec![para("一😀。二\u{E000}，三")]);
    let out = print(&d, &style, &Gaps);
    let page = &out.pages[0];
    let x = |c: char| page.glyphs.iter().find(|g| g.ch == c).unwrap().x;
    let em = style.body_size;
    assert!(x('。') - x('😀') >= em - 0.01, "{} {}", x('😀'), x('。'));
    assert!(x('，') - x('\u{E000}') >= em - 0.01);
    assert!(page.runs.iter().any(|r| r.face.is_none()));
}

// See: issue 11 item 3 (`——` drawn as two proportional dashes with a gap between them).
#[test]
fn two_em_dashes_and_ellipses_are_drawn_as_one_mark_across_two_cells() {
    let style = Style::preset(Preset::Handout);
    let d = doc("", vec![para("破折号——不能，省略号……也是")]);
    let out = print(&d, &style, &Fake);
    let page = &out.pages[0];
    let em = style.body_size;
    let hidden: String = page
        .runs
        .iter()
        .filter(|r| r.hidden)
        .flat_map(|r| page.glyphs[r.glyphs.clone()].iter().map(|g| g.ch))
        .collect();
    assert_eq!(hidden, "——……");
    let rules: Vec<f32> = page
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Rule { x0, x1, y0, y1, .. } if y0 == y1 => Some(x1 - x0),
            _ => None,
        })
        .collect();
    assert_eq!(rules.len(), 1, "{rules:?}");
    assert!((rules[0] - 2.0 * em).abs() < 0.01, "{rules:?}");
    let dots: Vec<(f32, f32, f32)> = page
        .marks
        .iter()
        .filter_map(|m| match *m {
            Mark::Dots { x0, x1, step, .. } => Some((x0, x1, step)),
            _ => None,
        })
        .collect();
    assert_eq!(dots.len(), 1);
    let (x0, x1, step) = dots[0];
    assert_eq!(((x1 - x0) / step).round() as i32 + 1, 6, "six dots");
}

/// Fake metrics with the narrow middle dot of a Latin design.
struct NarrowDot;

impl Measure for NarrowDot {
    fn glyph(&self, role: Role, bold: bool, c: char) -> Option<Pick> {
        let p = Fake.glyph(role, bold, c)?;
        Some(Pick {
            advance: if c == '·' { 0.3 } else { p.advance },
            ..p
        })
    }
}

// See: issue 11 item 8 (`·` between CJK narrow; a ¼-em gap before a footnote mark).
#[test]
fn interpuncts_take_a_cell_and_note_marks_sit_against_the_text() {
    let style = Style::preset(Preset::Handout);
    let em = style.body_size;
    let mut d = doc(
        "",
        vec![Block::Paragraph {
            inlines: vec![
                Inline::Text("国风·周南有注".into()),
                Inline::NoteRef { index: 0 },
                Inline::Text("文".into()),
            ],
        }],
    );
    d.notes = vec![Note {
        label: "1".into(),
        blocks: vec![para("注")],
    }];
    let out = print(&d, &style, &NarrowDot);
    let page = &out.pages[0];
    let x = |c: char| page.glyphs.iter().find(|g| g.ch == c).unwrap().x;
    assert!(
        (x('周') - x('风') - 2.0 * em).abs() < 0.01,
        "· takes a full cell"
    );
    let mark = page.glyphs.iter().find(|g| g.ch == '1').unwrap().x;
    assert!(
        (mark - x('注') - em).abs() < 0.01,
        "no space before the mark"
    );
}

// See: issue 11 item 5 (a heading kept with what follows left a gongwen page 21 lines).
#[test]
fn on_the_gongwen_grid_every_page_but_the_last_holds_22_lines() {
    let style = Style::preset(Preset::Gongwen);
    assert!(style.fill_pages);
    let mut blocks = Vec::new();
    for i in 0..30 {
        blocks.push(heading(1 + (i % 2) as u8, &format!("第{i}节")));
        let len = 20 + (i * 37) % 160;
        blocks.push(para(&SPEECH.chars().take(len).collect::<String>()));
    }
    let d = doc("", blocks);
    let out = print(&d, &style, &Fake);
    let n = out.pages.len();
    assert!(n > 3);
    // The lines inside the text block (the page number is under it).
    let bottom = (style.margins.top + style.text_height()) * PT_PER_MM;
    let body = |page: &Page| lines(page).iter().filter(|l| l.y < bottom).count();
    for (p, page) in out.pages[..n - 1].iter().enumerate() {
        assert_eq!(body(page), 22, "page {}", p + 1);
    }
    // Without `fill_pages` the keeps hold and some page ends short.
    let keeping = Style {
        fill_pages: false,
        ..style
    };
    let out = print(&d, &keeping, &Fake);
    let n = out.pages.len();
    assert!(out.pages[..n - 1].iter().any(|p| body(p) < 22));
}

mod tags;

/// The columns of a vertical page: each run's column (its `y`, the centre line) and the tops
/// of its first glyph and the end of its last, from the page's glyphs.
#[test]
fn vertical_columns_run_down_from_the_head_and_leftwards_from_the_right() {
    let mut style = Style::preset(Preset::Handout);
    style.vertical = true;
    let d = doc("讲话", (0..6).map(|_| para(SPEECH)).collect());
    let laid = print(&d, &style, &Fake);
    assert_eq!(laid.writing, orient::Writing::VerticalRl);
    assert_eq!(laid.width, style.page_width * PT_PER_MM);
    let top = style.margins.top * PT_PER_MM;
    let foot = (style.page_height - style.margins.bottom) * PT_PER_MM;
    let (left, right) = (
        style.margins.left * PT_PER_MM,
        (style.page_width - style.margins.right) * PT_PER_MM,
    );
    let size = style.body_size;
    let page = &laid.pages[1];
    // The body's runs, in reading order (the page number, sideways at the foot, is not one).
    let body: Vec<&Run> = page.runs.iter().filter(|r| r.node.is_some()).collect();
    assert!(body.len() > 20, "{} runs", body.len());
    for pair in body.windows(2) {
        // Columns step leftwards by the line pitch.
        let step = pair[0].y - pair[1].y;
        assert!(
            step.abs() < 0.01 || (step - style.line_pitch).abs() < 0.01,
            "{step}"
        );
    }
    for run in &body {
        let glyphs = &page.glyphs[run.glyphs.clone()];
        // Within the text block: the column's em box between the margins, its glyphs from the
        // head to the foot.
        assert!(run.y - size / 2.0 >= left - 0.01 && run.y + size / 2.0 <= right + 0.01);
        let (first, last) = (glyphs[0].x, glyphs[glyphs.len() - 1].x);
        assert!(
            first >= top - 0.01 && last + size <= foot + 0.01,
            "{first}..{last}"
        );
    }
}
