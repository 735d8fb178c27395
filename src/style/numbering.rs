//! Heading numbers (`--number-sections`), decided once and written into the headings' text, so
//! that the four formats' text, their contents and the PDF outline carry the same numbers.
//!
//! A heading that already starts with a number (`一、`, `（二）`, `3.`, `第一章`, `1.2`) is not
//! numbered twice: its number counts as its place, and the headings after it go on from there.

use std::str::FromStr;

use crate::model::{Block, Document, Inline};

use super::Preset;

/// A numbering style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// GB/T 9704-2012 §7.3.3's hierarchy: `一、` `（一）` `1.` `（1）`.
    Gongwen,
    /// A book's: `第一章` `第一节`, then `一、` `（一）` `1.` `（1）`.
    Chapter,
    /// `1` `1.1` `1.1.1`, as pandoc's `-N`.
    Decimal,
}

impl Numbering {
    /// The style `--number-sections` without a value means under a preset.
    pub fn for_preset(preset: Preset) -> Numbering {
        match preset {
            Preset::Gongwen => Numbering::Gongwen,
            Preset::Book => Numbering::Chapter,
            Preset::Handout => Numbering::Decimal,
        }
    }

    /// The number of a heading whose place among its ancestors is `counters` (one per level,
    /// from level 1), with what separates it from the text.
    fn label(self, counters: &[u32]) -> Option<String> {
        let n = *counters.last()?;
        let level = counters.len();
        // 第一章 and 第一节 take the first two levels; the official hierarchy follows.
        let official = |level: usize| match level {
            1 => Some(format!("{}、", hanzi(n))),
            2 => Some(format!("（{}）", hanzi(n))),
            3 => Some(format!("{n}.")),
            4 => Some(format!("（{n}）")),
            _ => None,
        };
        match self {
            Numbering::Gongwen => official(level),
            Numbering::Chapter => match level {
                1 => Some(format!("第{}章\u{3000}", hanzi(n))),
                2 => Some(format!("第{}节\u{3000}", hanzi(n))),
                _ => official(level - 2),
            },
            Numbering::Decimal => {
                let parts: Vec<String> = counters.iter().map(u32::to_string).collect();
                Some(format!("{} ", parts.join(".")))
            }
        }
    }
}

impl FromStr for Numbering {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "gongwen" => Ok(Numbering::Gongwen),
            "chapter" => Ok(Numbering::Chapter),
            "decimal" => Ok(Numbering::Decimal),
            other => Err(format!(
                "`{other}` is not a numbering style (gongwen: 一、（一）1.（1）; chapter: 第一章 第一节; decimal: 1 1.1; or true/false)"
            )),
        }
    }
}

/// Numbers every heading of `doc` (in quotes and lists too, as the contents lists them).
pub fn number(doc: &mut Document, numbering: Numbering) {
    let mut counters: Vec<u32> = Vec::new();
    walk(&mut doc.blocks, numbering, &mut counters);
}

fn walk(blocks: &mut [Block], numbering: Numbering, counters: &mut Vec<u32>) {
    for block in blocks {
        match block {
            Block::Heading { level, inlines, .. }
            | Block::RunIn {
                level,
                heading: inlines,
                ..
            } => {
                let level = usize::from((*level).clamp(1, 6));
                counters.resize(level, 0);
                let existing = leading_number(inlines);
                counters[level - 1] = existing
                    .flatten()
                    .unwrap_or(counters[level - 1].saturating_add(1));
                if existing.is_none()
                    && let Some(label) = numbering.label(counters)
                {
                    match inlines.first_mut() {
                        Some(Inline::Text(text)) => text.insert_str(0, &label),
                        _ => inlines.insert(0, Inline::Text(label)),
                    }
                }
            }
            Block::BlockQuote { blocks, .. } => walk(blocks, numbering, counters),
            Block::List { items, .. } => {
                for item in items {
                    walk(&mut item.blocks, numbering, counters);
                }
            }
            _ => {}
        }
    }
}

/// The Chinese numeral of `n` as headings write it: 一 … 十, 十一, 二十, 一百零五.
pub fn hanzi(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n >= 1000 {
        return n.to_string();
    }
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut out = String::new();
    if h > 0 {
        out.push(DIGITS[h as usize]);
        out.push('百');
        if t == 0 && u > 0 {
            out.push('零');
        }
    }
    if t > 0 {
        // 十一, not 一十一, at the start; 一百一十 inside.
        if t > 1 || h > 0 {
            out.push(DIGITS[t as usize]);
        }
        out.push('十');
    }
    if u > 0 || n == 0 {
        out.push(DIGITS[u as usize]);
    }
    out
}

/// The value of a Chinese numeral of up to three digits (`十二`, `一百零五`).
fn hanzi_value(s: &str) -> Option<u32> {
    // A heading's number has at most five characters (九百九十九); more is not a number.
    if s.chars().count() > 5 {
        return None;
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let (mut total, mut current) = (0u32, None::<u32>);
    for c in s.chars() {
        match c {
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current? * 100;
                current = None;
            }
            '〇' => current = Some(0),
            c => current = Some(digit(c)? as u32),
        }
    }
    Some(total + current.unwrap_or(0))
}

/// Whether a heading already starts with a number and, where it reads, the value of its last
/// part (`（三）` 3, `第十二章` 12, `1.2` 2).
fn leading_number(inlines: &[Inline]) -> Option<Option<u32>> {
    let Some(Inline::Text(text)) = inlines.first() else {
        return None;
    };
    let text = text.trim_start();
    let is_han = |c: char| "零〇一二三四五六七八九十百".contains(c);
    let han: String = text.chars().take_while(|&c| is_han(c)).collect();
    // 一、
    if !han.is_empty() && text[han.len()..].starts_with('、') {
        return Some(hanzi_value(&han));
    }
    // 第一章, 第二节, 第三篇…
    if let Some(rest) = text.strip_prefix('第') {
        let n: String = rest
            .chars()
            .take_while(|&c| is_han(c) || c.is_ascii_digit())
            .collect();
        if !n.is_empty() && rest[n.len()..].starts_with(['章', '节', '篇', '部', '回', '卷', '编'])
        {
            let value = n.parse().ok().or_else(|| hanzi_value(&n));
            return Some(value);
        }
    }
    // （一） (一) （1） (1)
    if let Some(rest) = text.strip_prefix(['（', '(']) {
        let n: String = rest
            .chars()
            .take_while(|&c| is_han(c) || c.is_ascii_digit())
            .collect();
        if !n.is_empty() && rest[n.len()..].starts_with(['）', ')']) {
            let value = n.parse().ok().or_else(|| hanzi_value(&n));
            return Some(value);
        }
    }
    // 1. 1． 1、 1.2 1.2.3 and `1 标题`
    let digits: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let digits = digits.trim_end_matches('.');
    if !digits.is_empty() && digits.starts_with(|c: char| c.is_ascii_digit()) {
        let after = &text[digits.len()..];
        if after.starts_with(['.', '．', '、', ' ', '\u{3000}'])
            || (digits.contains('.') && !after.is_empty())
        {
            let value = digits.rsplit('.').next().and_then(|d| d.parse().ok());
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attr, Document};

    fn heading(level: u8, text: &str) -> Block {
        Block::Heading {
            level,
            attr: Attr::default(),
            inlines: vec![Inline::Text(text.into())],
        }
    }

    fn numbered(numbering: Numbering, headings: &[(u8, &str)]) -> Vec<String> {
        let mut doc = Document {
            blocks: headings.iter().map(|(l, t)| heading(*l, t)).collect(),
            ..Document::default()
        };
        number(&mut doc, numbering);
        doc.blocks
            .iter()
            .map(|b| crate::model::plain_text(b.heading().unwrap().2))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(crate::style::settings::proptest_config())]
        /// Any heading text numbers without a panic, and keeps its text after the number.
        #[test]
        fn any_heading_numbers(text in "[一二三四五六七八九十百零〇第章节（）()、.． 0-9a]{0,12}") {
            for numbering in [Numbering::Gongwen, Numbering::Chapter, Numbering::Decimal] {
                let got = numbered(numbering, &[(1, &text), (2, &text), (1, &text)]);
                proptest::prop_assert!(got.iter().all(|g| g.ends_with(text.as_str())));
            }
        }
    }

    #[test]
    fn numerals() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (105, "一百零五"),
            (110, "一百一十"),
        ];
        for (n, s) in cases {
            assert_eq!(hanzi(n), s);
            assert_eq!(hanzi_value(s), Some(n));
        }
    }

    #[test]
    fn three_styles() {
        let hs = [
            (1, "甲"),
            (2, "乙"),
            (2, "丙"),
            (3, "丁"),
            (1, "戊"),
            (2, "己"),
        ];
        assert_eq!(
            numbered(Numbering::Gongwen, &hs),
            [
                "一、甲",
                "（一）乙",
                "（二）丙",
                "1.丁",
                "二、戊",
                "（一）己"
            ]
        );
        assert_eq!(
            numbered(Numbering::Chapter, &hs),
            [
                "第一章\u{3000}甲",
                "第一节\u{3000}乙",
                "第二节\u{3000}丙",
                "一、丁",
                "第二章\u{3000}戊",
                "第一节\u{3000}己"
            ]
        );
        assert_eq!(
            numbered(Numbering::Decimal, &hs),
            ["1 甲", "1.1 乙", "1.2 丙", "1.2.1 丁", "2 戊", "2.1 己"]
        );
    }

    #[test]
    fn numbered_headings_are_not_numbered_twice() {
        let hs = [
            (1, "一、总则"),
            (2, "（一）目的。"),
            (2, "范围"),
            (1, "三、附则"),
            (1, "其他"),
        ];
        assert_eq!(
            numbered(Numbering::Gongwen, &hs),
            [
                "一、总则",
                "（一）目的。",
                "（二）范围",
                "三、附则",
                "四、其他"
            ]
        );
        assert_eq!(
            numbered(Numbering::Decimal, &[(1, "2 引言"), (1, "方法")]),
            ["2 引言", "3 方法"]
        );
        // A year is not a number of its heading.
        assert_eq!(
            numbered(Numbering::Decimal, &[(1, "2026年工作")]),
            ["1 2026年工作"]
        );
    }
}
