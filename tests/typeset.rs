//! What a typesetter sees on the page (issue 11), read back from the PDF with poppler's
//! `pdftotext -bbox`: no text drawn over other text, headings kept with what follows them,
//! `——` and `……` whole, long Latin words broken where UAX #14 allows.

mod common;

use common::pages::{VLine, Word, page_lines, words};
use common::{output, tools};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const PRESETS: [&str; 3] = ["handout", "gongwen", "book"];

/// Page numbers (`3`, `— 3 —`) are furniture, not text.
fn is_folio(line: &str) -> bool {
    let t: String = line
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '—')
        .collect();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

fn convert(input: &Path, preset: &str) -> (tempfile::TempDir, PathBuf) {
    common::convert(input, "pdf", &["--preset", preset])
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

/// Two words of a page whose boxes cover each other: text drawn over text.
fn overprints(pages: &[Vec<Word>]) -> Vec<String> {
    let mut found = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for (i, a) in page.iter().enumerate() {
            for b in &page[i + 1..] {
                let h = (a.y1 - a.y0).min(b.y1 - b.y0);
                let dy = a.y1.min(b.y1) - a.y0.max(b.y0);
                let dx = a.x1.min(b.x1) - a.x0.max(b.x0);
                // Compressed punctuation may touch its neighbour by a fraction of an em; text
                // drawn over text covers most of a line's height and more than half an em.
                if dy > h * 0.3 && dx > h * 0.5 {
                    found.push(format!("page {}: {:?} over {:?}", p + 1, a.text, b.text));
                }
            }
        }
    }
    found
}

/// A document with headings long enough to wrap in every preset, each followed by text.
fn long_headings() -> String {
    let mut md = String::from("---\ntitle: 长标题\n---\n\n");
    for k in 1..=6 {
        md.push_str(&format!(
            "# 第{k}章　统一思想认识增强开展学习实践活动的责任感和使命感切实把思想统一到中央的部署上来\n\n"
        ));
        md.push_str(&"科学发展观是我国经济社会发展的重要指导方针，主要回答了新世纪新阶段什么是发展、为什么发展、怎样发展的问题。".repeat(4));
        md.push_str("\n\n## 一、深入学习实践科学发展观是党的思想理论建设的重要战略任务也是当前应对危机的治本之策\n\n");
        md.push_str(&"从全区层面来看，开展深入学习实践科学发展观活动，是推动经济社会又好又快发展的客观要求。".repeat(3));
        md.push_str("\n\n");
    }
    md
}

// See: issue 11 item 1 (a wrapped heading in the book preset drawn over the body).
#[test]
fn no_text_is_drawn_over_other_text_in_any_preset() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let headings = write(dir.path(), "headings.md", &long_headings());
    for input in [common::seed(), headings] {
        for preset in PRESETS {
            let (_d, pdf) = convert(&input, preset);
            let found = overprints(&words(&pdf));
            assert!(
                found.is_empty(),
                "{} in {preset}: {} overprints, first {:?}",
                input.display(),
                found.len(),
                &found[..found.len().min(3)]
            );
        }
    }
}

/// An anthology of short essays: a heading, a one-line byline, paragraphs of many lengths, so
/// that headings fall at every height of a page.
fn anthology() -> String {
    // One part of sixty essays: the essays are sections that run on, not chapters of their own.
    let mut md = String::from("---\ntitle: 文集\n---\n\n# 上编\n\n");
    let para = "开展深入学习实践科学发展观活动是推动经济社会又好又快发展的客观要求。";
    for k in 1..=60 {
        md.push_str(&format!("## 第{k}篇　文章题目\n\n作者某某\n\n"));
        for p in 0..(k % 4) {
            md.push_str(&para.repeat(1 + (k * 7 + p * 3) % 9));
            md.push_str("\n\n");
        }
    }
    md
}

// See: issue 11 item 2 (headings stranded at the foot of a page).
#[test]
fn headings_keep_two_lines_of_what_follows_them() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "anthology.md", &anthology());
    for preset in PRESETS {
        let (_d, pdf) = convert(&input, preset);
        let pages = words(&pdf);
        let mut stranded = Vec::new();
        for (p, page) in pages.iter().enumerate().take(pages.len() - 1) {
            let body: Vec<VLine> = page_lines(page)
                .into_iter()
                .filter(|l| !is_folio(&l.text))
                .collect();
            // On the gongwen grid the page's 22 lines win over the keep (GB/T 9704 §5.2.3,
            // `Style::fill_pages`): a heading may stand at the foot of a full page. (The
            // first page has the title, off the body's grid.)
            if preset == "gongwen" {
                if p == 0 {
                    continue;
                }
                assert_eq!(body.len(), 22, "gongwen page {}", p + 1);
                continue;
            }
            for l in body.iter().rev().take(2) {
                if l.text.contains('篇') && !l.text.ends_with(|c: char| c.is_ascii_digit()) {
                    stranded.push(format!("page {}: {}", p + 1, l.text));
                }
            }
        }
        assert!(
            stranded.is_empty(),
            "{preset}: headings in the last two lines of a page: {stranded:?}"
        );
    }
}

/// A page rendered in grey by `pdftoppm` at `dpi`: (width, height, pixels).
fn render(pdf: &Path, page: usize, dpi: u32) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("p");
    let p = page.to_string();
    output(
        Command::new("pdftoppm")
            .args([
                "-gray",
                "-r",
                &dpi.to_string(),
                "-f",
                &p,
                "-l",
                &p,
                "-singlefile",
            ])
            .arg(pdf)
            .arg(&stem),
    );
    let data = fs::read(dir.path().join("p.pgm")).unwrap();
    // P5 <w> <h> <max>\n<pixels>
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..at]).to_string());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, data[at + 1..at + 1 + w * h].to_vec())
}

// See: issue 11 item 3 (`——` with a gap in the middle, copied as "破折号 —— 不能").
#[test]
fn two_em_dashes_copy_whole_and_are_drawn_as_one_rule() {
    if !tools(&["pdftotext", "pdftoppm"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "dash.md",
        "破折号——不能分开，省略号……也是。\n\n甲——乙\n",
    );
    for preset in PRESETS {
        let (_d, pdf) = convert(&input, preset);
        let text: String = output(Command::new("pdftotext").arg(&pdf).arg("-"))
            .chars()
            .filter(|c| *c != '\n')
            .collect();
        assert!(
            text.contains("破折号——不能分开，省略号……也是。"),
            "{preset}: {text:?}"
        );
        assert!(text.contains("甲——乙"), "{preset}: {text:?}");
        // The line 甲——乙: four cells; the middle two hold one unbroken rule.
        let pages = words(&pdf);
        let w = pages[0]
            .iter()
            .find(|w| w.text == "甲——乙")
            .expect("甲——乙 is one word");
        let dpi = 288;
        let (pw, _, px) = render(&pdf, 1, dpi);
        let scale = dpi as f32 / 72.0;
        let cell = (w.x1 - w.x0) / 4.0;
        let (a, b) = (
            ((w.x0 + cell * 1.1) * scale) as usize,
            ((w.x0 + cell * 2.9) * scale) as usize,
        );
        let rows = (w.y0 * scale) as usize..(w.y1 * scale) as usize;
        let solid = rows.clone().any(|y| (a..b).all(|x| px[y * pw + x] < 128));
        assert!(solid, "{preset}: no row of 甲——乙 is dark across the dash");
    }
}

// See: issue 10 (`国风·周南` copied back from the PDF as "国风 · 周南": poppler read the gaps
// around the narrow dot centred in its cell as spaces).
#[test]
fn an_interpunct_between_chinese_characters_copies_without_spaces_and_is_drawn() {
    if !tools(&["pdftotext", "pdftoppm"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "dot.md", "国风·周南，诗经的开篇。\n\n甲·乙\n");
    for preset in PRESETS {
        let (_d, pdf) = convert(&input, preset);
        for mode in [None, Some("-raw")] {
            let text = output(Command::new("pdftotext").args(mode).arg(&pdf).arg("-"));
            assert!(text.contains("国风·周南，"), "{preset} {mode:?}: {text:?}");
        }
        // The line 甲·乙: three cells, the dot drawn in the middle one.
        let pages = words(&pdf);
        let line = page_lines(&pages[0]);
        let w = line
            .iter()
            .find(|l| l.text == "甲·乙")
            .unwrap_or_else(|| panic!("{preset}: no line 甲·乙: {:?}", pages[0]));
        let dpi = 288;
        let (pw, _, px) = render(&pdf, 1, dpi);
        let scale = dpi as f32 / 72.0;
        let cell = (w.x_max - w.x_min) / 3.0;
        let xs =
            ((w.x_min + cell * 1.1) * scale) as usize..((w.x_min + cell * 1.9) * scale) as usize;
        let rows = (w.y_min * scale) as usize..(w.y_max * scale) as usize;
        let inked = rows.flat_map(|y| xs.clone().map(move |x| (x, y)));
        let dark = inked.filter(|&(x, y)| px[y * pw + x] < 128).count();
        assert!(
            dark > 0,
            "{preset}: no dot drawn in the middle cell of 甲·乙"
        );
    }
}

/// The first place `token` occurs in `text`, line ends (`|`) allowed inside it: where it starts
/// and the character before each line end.
fn breaks_inside(text: &[char], token: &str) -> Option<(usize, Vec<char>)> {
    let t: Vec<char> = token.chars().collect();
    'start: for s in 0..text.len() {
        let (mut i, mut k, mut before) = (s, 0, Vec::new());
        while k < t.len() {
            match text.get(i) {
                Some('|') if k > 0 => before.push(t[k - 1]),
                Some(&c) if c == t[k] => k += 1,
                _ => continue 'start,
            }
            i += 1;
        }
        return Some((s, before));
    }
    None
}

// See: issue 11 item 4 ("…expi / alidocious" although the token has hyphens).
#[test]
fn long_latin_tokens_break_at_hyphens_and_slashes() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let word = "supercalifragilistic-expialidocious-antidisestablishment-arianism-floccinaucinihilipilification";
    let url = "https://example.com/documents/reports/annual/twenty-twenty-six/appendix/index.html";
    let dir = tempfile::tempdir().unwrap();
    let mut md = String::new();
    for k in 0..6 {
        md.push_str(&"中".repeat(k * 3));
        md.push_str(&format!("文字 {word} 和地址 {url} 之后的文字。\n\n"));
    }
    let input = write(dir.path(), "latin.md", &md);
    for preset in PRESETS {
        let (_d, pdf) = convert(&input, preset);
        let mut text = Vec::new();
        for page in words(&pdf) {
            for l in page_lines(&page).iter().filter(|l| !is_folio(&l.text)) {
                text.extend(l.text.chars());
                text.push('|');
            }
        }
        // No line is spread into wide spacing around the tokens: the gaps between its words
        // stay under about half an em.
        for (p, page) in words(&pdf).iter().enumerate() {
            let mut sorted = page.clone();
            sorted.sort_by(|a, b| (a.y0, a.x0).partial_cmp(&(b.y0, b.x0)).unwrap());
            for pair in sorted.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let h = (a.y1 - a.y0).min(b.y1 - b.y0);
                if (a.y0 - b.y0).abs() < h * 0.3 && !is_folio(&b.text) {
                    assert!(
                        b.x0 - a.x1 < h * 0.45,
                        "{preset} page {}: {:?} and {:?} {} pt apart",
                        p + 1,
                        a.text,
                        b.text,
                        b.x0 - a.x1
                    );
                }
            }
        }
        let mut seen = 0;
        let mut from = 0;
        for token in [word, url].iter().cycle().take(12) {
            let rest = &text[from..];
            let (at, before) =
                breaks_inside(rest, token).unwrap_or_else(|| panic!("{preset}: {token} not found"));
            for c in &before {
                assert!(
                    matches!(c, '-' | '/'),
                    "{preset}: {token} broken after {c:?} although a hyphen or slash offers a break"
                );
            }
            seen += before.len();
            from += at + 1;
        }
        assert!(seen > 0, "{preset}: no token was broken at all");
    }
}

/// The page size of every page, from `pdftotext -bbox`.
fn page_sizes(pdf: &Path) -> Vec<(f32, f32)> {
    let xml = output(Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-"));
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    xml.split("<page ")
        .skip(1)
        .map(|p| {
            let tag = p.split_once('>').unwrap().0;
            (attr(tag, "width"), attr(tag, "height"))
        })
        .collect()
}

/// Every character of the model's text is in the PDF's text as often, and every word lies
/// on its page.
fn nothing_lost(input: &Path, preset: &str) {
    let (_d, pdf) = convert(input, preset);
    let doc = cjkpress::read_file(input, &cjkpress::Options::default())
        .unwrap()
        .value;
    let count = |s: &str| {
        let mut m = std::collections::BTreeMap::new();
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            *m.entry(c).or_insert(0usize) += 1;
        }
        m
    };
    let got: String = output(Command::new("pdftotext").arg(&pdf).arg("-"))
        .lines()
        .filter(|l| !is_folio(l))
        .collect();
    let (got, want) = (count(&got), count(&cjkpress::model::document_text(&doc)));
    for (c, n) in &want {
        let g = got.get(c).copied().unwrap_or(0);
        assert!(
            g >= *n,
            "{} in {preset}: {c:?} {n} times in the model, {g} in the PDF",
            input.display()
        );
    }
    for (p, (page, (w, h))) in words(&pdf).iter().zip(page_sizes(&pdf)).enumerate() {
        for word in page {
            assert!(
                word.x0 >= 0.0 && word.x1 <= w + 0.5 && word.y0 >= 0.0 && word.y1 <= h + 0.5,
                "{} in {preset}, page {}: {:?} off the page",
                input.display(),
                p + 1,
                word.text
            );
        }
    }
}

// See: issue 13 item 4 (text lost in the PDF: a table row taller than a page, a footnote
// longer than a page, nesting 22 deep, a table of 60 columns).
#[test]
fn no_text_is_lost_from_tall_rows_long_notes_deep_nesting_or_wide_tables() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cell = "这是一个很长的表格单元格内容。".repeat(150);
    let note = "这是一个很长的脚注内容。".repeat(400);
    let cols = 60;
    let wide = format!(
        "|{}|\n|{}|\n|{}|\n",
        (0..cols)
            .map(|i| format!("列{i}"))
            .collect::<Vec<_>>()
            .join("|"),
        vec!["---"; cols].join("|"),
        (0..cols)
            .map(|i| format!("值{i}"))
            .collect::<Vec<_>>()
            .join("|"),
    );
    let list: String = (0..40)
        .map(|i| format!("{}- 层{i}\n", "  ".repeat(i)))
        .collect();
    let inputs = [
        (
            "row.md",
            format!("| 甲 | 乙 |\n|---|---|\n| {cell} | 短 |\n| 二 | 三 |\n"),
        ),
        ("note.md", format!("正文有脚注[^1]。\n\n[^1]: {note}\n")),
        // Two long notes on one line: the second was set whole, over the body and off the
        // page (an audit's finding).
        (
            "notes.md",
            format!(
                "正文[^1]和[^2]。\n\n[^1]: {}\n\n[^2]: {}\n",
                "甲注长文。".repeat(500),
                "乙注长文内容。".repeat(500)
            ),
        ),
        (
            "quote.md",
            format!("{} 深层引用的九个字符\n", ">".repeat(22)),
        ),
        ("list.md", list),
        ("wide.md", wide),
    ];
    for (name, text) in inputs {
        let input = write(dir.path(), name, &text);
        for preset in PRESETS {
            nothing_lost(&input, preset);
        }
    }
}

// See: issue 13 item 9 (a fuzz finding: a mark compressed to fit a justified line, then a
// spacing accent, copied back from the PDF as a combining accent on the mark).
#[test]
fn a_spacing_accent_after_a_compressed_mark_copies_back_as_itself() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The case as the fuzzer found it: in the book preset push-in takes in the `，`.
    let text = "——中文`）。`1————（a`，`。1。，，中文`（、“：————1——、、。”“\n";
    let input = write(dir.path(), "accent.txt", text);
    for preset in PRESETS {
        nothing_lost(&input, preset);
    }
}

// See: issue 13 item 2 (a 200 KB autolink costs the PDF 2.3 GB: its address was copied into
// every line's link annotation).
#[test]
fn a_long_link_address_is_written_once() {
    if !tools(&["pdftotext", "qpdf"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = format!("https://example.com/{}", "a".repeat(20_000));
    let input = write(dir.path(), "link.md", &format!("链接 <{url}> 结束。\n"));
    let (d, pdf) = convert(&input, "handout");
    let qdf = d.path().join("q.pdf");
    output(
        Command::new("qpdf")
            .args(["--qdf", "--object-streams=disable"])
            .arg(&pdf)
            .arg(&qdf),
    );
    let raw = String::from_utf8_lossy(&fs::read(&qdf).unwrap()).to_string();
    let links = raw.matches("/Subtype /Link").count();
    assert!(links > 100, "one link box per line: {links}");
    assert_eq!(raw.matches(&format!("/URI ({url})")).count(), 1);
    let text: String = output(Command::new("pdftotext").arg(&pdf).arg("-"))
        .lines()
        .filter(|l| !is_folio(l))
        .collect();
    assert!(
        common::squash(&text).contains(&url),
        "the address is kept as text"
    );
}

// See: issue 11 item 5 (gongwen: 、 and ， squeezed so that full lines hold 29–30 characters).
#[test]
fn gongwen_full_lines_hold_exactly_28_cells() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let style = cjkpress::style::Style::preset(cjkpress::style::Preset::Gongwen);
    let mm = cjkpress::style::PT_PER_MM;
    let left = style.margins.left * mm;
    let right = left + style.text_width() * mm;
    let cell = style.text_width() * mm / 28.0;
    let (_d, pdf) = convert(&common::seed(), "gongwen");
    let pages = words(&pdf);
    let mut full = 0;
    for (p, page) in pages.iter().enumerate() {
        let body: Vec<VLine> = page_lines(page)
            .into_iter()
            .filter(|l| !is_folio(&l.text))
            .collect();
        if p > 0 && p + 1 < pages.len() {
            // A page is 22 lines: the widow and orphan rule gives way to the grid (the first
            // has the title, off the body's grid).
            assert_eq!(body.len(), 22, "page {}", p + 1);
        }
        for l in body.iter() {
            if l.x_max < right - 1.0 || l.text.chars().any(|c| c.is_ascii()) {
                continue;
            }
            // Cells: the indent, the characters, less the marks hanging past the margin: one,
            // or a closing quote and the mark after it (`琴”，`) in about one cell, so no line
            // is pushed out and spread for them.
            let indent = ((l.x_min - left) / cell).round() as usize;
            let hanging = if l.x_max > right + 1.3 * cell {
                2
            } else {
                usize::from(l.x_max > right + cell * 0.4)
            };
            let cells = indent + l.text.chars().count() - hanging;
            assert_eq!(cells, 28, "page {}: {}", p + 1, l.text);
            full += 1;
        }
    }
    assert!(full > 80, "{full} full lines");
}

// See: an audit of issue 11 item 6 (headings, not only titles, broke inside words: "…测试换 /
// 行是否正确处理"): a wrapped heading of plain text breaks between words, in balanced lines.
#[test]
fn a_long_heading_breaks_only_between_words() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let heading = "关于深入开展城乡人居环境综合整治和农村生活垃圾分类处理工作进一步加强基层治理能力建设的意见";
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "heading.md",
        &format!("# 总则\n\n正文。\n\n## {heading}\n\n正文。\n"),
    );
    for preset in ["handout", "book"] {
        let (_d, pdf) = convert(&input, preset);
        let pages = words(&pdf);
        // The body's pages (the book's contents lists the heading too, with dot leaders).
        let lines: Vec<String> = pages
            .iter()
            .map(|p| page_lines(p))
            .filter(|p| !p.iter().any(|l| l.text.contains("目录")))
            .flatten()
            .map(|l| l.text)
            .filter(|t| heading.contains(t.as_str()) && t.chars().count() > 4)
            .collect();
        common::pages::assert_breaks_between_words(heading, &lines, preset);
    }
}
