//! Plain text with the structure Chinese documents use recovered from the lines themselves.
//!
//! - A web breadcrumb (`首页 > 文章中心 > 正文`) before the title is page furniture and is dropped.
//! - The first real line is the title; the same line repeated right after it is dropped once.
//! - Headings follow the official hierarchy (GB/T 9704-2012 §7.3.3): `一、` level 1, `（一）` level 2,
//!   `1.` level 3, `（1）` level 4. A level-2..4 lead that ends in `。` with more text after it on the
//!   same line is a run-in heading. `第一章` is level 1, `第一节` level 2.
//! - A short line ending in a colon (`同志们：`) is a flush-left salutation.
//! - Everything else is a body paragraph; `一是……二是……` inside a sentence stays text.
//!
//! Every guess and every dropped line is reported as an `Info` warning (`-v`).

use crate::error::Warning;
use crate::model::{Attr, Block, Document, IdMaker, Inline, Metadata};
use crate::read::gongwen;
use crate::read::inlines::is_east_asian;

/// Longest line (in characters) taken as a title or a heading.
const MAX_HEADING_CHARS: usize = 60;
/// Longest lead (in characters) of a run-in heading.
const MAX_RUN_IN_CHARS: usize = 40;
/// Longest line taken as a salutation.
const MAX_SALUTATION_CHARS: usize = 16;

/// Reads plain text.
pub fn read(text: &str, warnings: &mut Vec<Warning>) -> Document {
    let mut lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    // A typed official document: its header, closing and colophon lines are elements, not text.
    let official = gongwen::recognise(&lines, is_breadcrumb, warnings);
    if let Some(f) = &official {
        lines.retain(|(n, _)| !f.taken.contains(n));
    }
    let mut pos = 0;
    let next_real = |from: usize| (from..lines.len()).find(|&i| !lines[i].1.trim().is_empty());

    // Page furniture before the title.
    while let Some(i) = next_real(pos) {
        if !is_breadcrumb(lines[i].1.trim()) {
            break;
        }
        warnings.push(Warning::info(format!(
            "line {}: dropped web breadcrumb `{}`",
            lines[i].0,
            lines[i].1.trim()
        )));
        pos = i + 1;
    }

    let mut meta = Metadata::default();
    if let Some(i) = next_real(pos) {
        let line = lines[i].1.trim();
        if is_title(line) {
            meta.title = line.to_owned();
            warnings.push(Warning::info(format!(
                "line {}: title `{line}`",
                lines[i].0
            )));
            pos = i + 1;
            if let Some(j) = next_real(pos)
                && lines[j].1.trim() == line
            {
                warnings.push(Warning::info(format!(
                    "line {}: dropped the repeated title",
                    lines[j].0
                )));
                pos = j + 1;
            }
        }
    }

    let body = &lines[pos..];
    let blank_separated = body.iter().any(|(_, l)| l.trim().is_empty())
        && body.iter().filter(|(_, l)| !l.trim().is_empty()).count() > 1;
    let mut paragraphs: Vec<(usize, String)> = Vec::new();
    let mut continues = false;
    for &(n, raw) in body {
        let line = raw.trim();
        if line.is_empty() {
            continues = false;
            continue;
        }
        // Inside a blank-line-separated chunk, a line that does not start a new paragraph
        // continues the previous one (hard-wrapped text).
        let indented = raw.starts_with('\u{3000}') || raw.starts_with("  ");
        let head = |n: usize| official.as_ref().is_some_and(|f| f.heads.contains(&n));
        match paragraphs.last_mut() {
            Some((pn, prev))
                if blank_separated
                    && continues
                    && !head(*pn)
                    && !head(n)
                    && !indented
                    && !ends_sentence(prev)
                    && classify(prev).is_none()
                    && classify(line).is_none() =>
            {
                join_wrapped(prev, line);
            }
            _ => paragraphs.push((n, line.to_owned())),
        }
        continues = true;
    }

    let mut ids = IdMaker::default();
    let heads = official.as_ref().map(|f| &f.heads);
    let blocks: Vec<Block> = paragraphs
        .into_iter()
        .map(|(n, line)| match heads {
            // An attachment's head and title (GB/T 9704 §7.3.7).
            Some(h) if h.contains(&n) => Block::Heading {
                level: 1,
                attr: Attr::id(ids.make(&line)),
                inlines: vec![Inline::Text(line)],
            },
            _ => block(n, line, &mut ids, warnings),
        })
        .collect();
    let blocks = match official {
        Some(f) => {
            let blocks = gongwen::weave(&f.gongwen, f.date.as_deref(), blocks);
            meta.date = f.date;
            meta.preset = Some("gongwen".to_string());
            warnings.push(Warning::info("an official document: preset gongwen"));
            blocks
        }
        None => blocks,
    };
    Document {
        meta,
        blocks,
        ..Document::default()
    }
}

/// How a line reads on its own.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    Salutation,
    Heading(u8),
    /// A run-in heading: level and the byte length of the lead.
    RunIn(u8, usize),
}

fn block(n: usize, line: String, ids: &mut IdMaker, warnings: &mut Vec<Warning>) -> Block {
    let text = |s: &str| vec![Inline::Text(s.to_owned())];
    match classify(&line) {
        Some(Line::Salutation) => {
            warnings.push(Warning::info(format!(
                "line {n}: flush-left salutation `{line}`"
            )));
            Block::Salutation {
                inlines: text(&line),
            }
        }
        Some(Line::Heading(level)) => {
            warnings.push(Warning::info(format!(
                "line {n}: level-{level} heading `{line}`"
            )));
            Block::Heading {
                level,
                attr: Attr::id(ids.make(&line)),
                inlines: text(&line),
            }
        }
        Some(Line::RunIn(level, lead)) => {
            let (head, rest) = line.split_at(lead);
            warnings.push(Warning::info(format!(
                "line {n}: run-in level-{level} heading `{head}`"
            )));
            Block::RunIn {
                level,
                attr: Attr::id(ids.make(head)),
                heading: text(head),
                inlines: text(rest),
            }
        }
        None => Block::Paragraph {
            inlines: text(&line),
        },
    }
}

fn classify(line: &str) -> Option<Line> {
    let chars = line.chars().count();
    if chars <= MAX_SALUTATION_CHARS
        && (line.ends_with(':') || line.ends_with('：'))
        && !line.contains(['。', '，', ','])
    {
        return Some(Line::Salutation);
    }
    let level = heading_level(line)?;
    // The first sentence end inside the line.
    let stop = line
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？'));
    match stop {
        Some((i, c)) if i + c.len_utf8() < line.len() => {
            let lead = i + c.len_utf8();
            (level >= 2 && line[..lead].chars().count() <= MAX_RUN_IN_CHARS)
                .then_some(Line::RunIn(level, lead))
        }
        _ => (chars <= MAX_HEADING_CHARS).then_some(Line::Heading(level)),
    }
}

/// The level a line's numbering gives it, if it starts with one.
fn heading_level(line: &str) -> Option<u8> {
    const HAN_DIGITS: &[char] = &[
        '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '零', '〇', '两',
    ];
    let han = |s: &str| {
        s.find(|c: char| !HAN_DIGITS.contains(&c))
            .unwrap_or(s.len())
    };
    let arabic = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let has_text_after = |rest: &str| rest.chars().next().is_some_and(|c| !c.is_whitespace());

    // 第一章 / 第一节
    if let Some(rest) = line.strip_prefix('第') {
        let n = han(rest).max(arabic(rest));
        if n > 0 {
            let after = &rest[n..];
            if after.starts_with(['章', '篇', '部', '卷']) {
                return Some(1);
            }
            if after.starts_with('节') {
                return Some(2);
            }
        }
    }
    // 一、
    let n = han(line);
    if n > 0 && line[n..].starts_with('、') && has_text_after(&line[n + '、'.len_utf8()..]) {
        return Some(1);
    }
    // （一） and （1）
    if let Some(rest) = line.strip_prefix(['(', '（']) {
        let (n, level) = match (han(rest), arabic(rest)) {
            (h, _) if h > 0 => (h, 2),
            (_, a) if a > 0 => (a, 4),
            _ => return None,
        };
        let after = &rest[n..];
        let close = after.strip_prefix([')', '）'])?;
        return has_text_after(close).then_some(level);
    }
    // 1. and 1．(not 1.5)
    let n = arabic(line);
    if n > 0 && n <= 3 {
        let after = line[n..].strip_prefix(['.', '．', '、'])?;
        if has_text_after(after) && !after.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(3);
        }
    }
    None
}

/// `首页 > 文章中心 > 正文`: short segments joined by the marks web pages use. `→` is not one of
/// them: `北京 → 上海` is a route, and text. Two segments are a breadcrumb only when the first
/// is the site's home (`首页＞新闻`), or the line says it is (`当前位置：`).
fn is_breadcrumb(line: &str) -> bool {
    const SEPARATORS: &[char] = &['>', '＞', '»', '›', '/'];
    const HOME: &[&str] = &[
        "首页",
        "主页",
        "网站首页",
        "Home",
        "home",
        "当前位置",
        "您的位置",
    ];
    let parts: Vec<&str> = line.split(SEPARATORS).map(str::trim).collect();
    let homed = HOME.iter().any(|h| parts[0].contains(h));
    (parts.len() >= 3 || (parts.len() == 2 && homed))
        && line.contains(['>', '＞', '»', '›'])
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().count() <= 12 && !p.contains(['。', '，', ',']))
}

fn is_title(line: &str) -> bool {
    line.chars().count() <= MAX_HEADING_CHARS
        && !ends_sentence(line)
        && classify(line).is_none()
        && !line.contains(['。', '，', ','])
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with([
        '。', '！', '？', '!', '?', '；', ';', '”', '…', '」', '』', ':', '：',
    ])
}

/// Joins a hard-wrapped line to the paragraph it continues: no space between East Asian
/// characters, one space elsewhere.
fn join_wrapped(prev: &mut String, line: &str) {
    let cjk_join = prev.chars().next_back().is_some_and(is_east_asian)
        && line.chars().next().is_some_and(is_east_asian);
    if !cjk_join {
        prev.push(' ');
    }
    prev.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_the_official_hierarchy() {
        assert_eq!(classify("一、统一思想认识"), Some(Line::Heading(1)));
        assert_eq!(classify("（一）加强领导"), Some(Line::Heading(2)));
        assert_eq!(classify("1．调查研究"), Some(Line::Heading(3)));
        assert_eq!(classify("(1)具体措施"), Some(Line::Heading(4)));
        assert_eq!(classify("第三章 总则"), Some(Line::Heading(1)));
        let lead = "(一)加强领导,落实责任。".len();
        assert_eq!(
            classify("(一)加强领导,落实责任。切实开展好学习实践活动。"),
            Some(Line::RunIn(2, lead))
        );
        assert_eq!(classify("同志们:"), Some(Line::Salutation));
        assert_eq!(classify("一是解决问题。二是提高效率。"), None);
        assert_eq!(classify("1.5%的增长率在今年实现了"), None);
        assert_eq!(classify("2026年是关键的一年。"), None);
    }

    #[test]
    fn breadcrumbs_are_short_segments() {
        assert!(is_breadcrumb("首页 > 文章中心 > 正文"));
        assert!(is_breadcrumb("首页＞新闻"));
        // See: issue 13 (a route was dropped as page furniture).
        assert!(!is_breadcrumb("北京 → 上海"));
        assert!(!is_breadcrumb("甲 > 乙"));
        assert!(!is_breadcrumb(
            "当 x > 3 时，函数单调递增，这是一个很长的句子。"
        ));
    }

    #[test]
    fn wrapped_lines_join_without_spaces() {
        let mut warnings = Vec::new();
        let doc = read(
            "标题\n\n第一段的前半\n后半。\n\n第二段\nstarts here.\n",
            &mut warnings,
        );
        assert_eq!(doc.meta.title, "标题");
        assert_eq!(
            doc.blocks,
            vec![
                Block::Paragraph {
                    inlines: vec![Inline::Text("第一段的前半后半。".into())]
                },
                Block::Paragraph {
                    inlines: vec![Inline::Text("第二段 starts here.".into())]
                },
            ]
        );
    }
}
