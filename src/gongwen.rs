//! The text rules of an official document's elements (GB/T 9704-2012 §7), shared by every
//! writer: how the document number, the dates, the attachment list and the colophon lines read.
//! Where they are drawn is each writer's business; what they say is decided here once.

use crate::model::{Block, Gongwen, plain_text};

/// The words the writers add around the elements' own text; the font subsets must carry them.
pub const WORDS: &str = "附件：签发人抄送印发〔〕（）年月日号。．0123456789";

/// The red of the issuer mark and the header's rule (§7.2.4, §7.2.7), as sRGB. The standard
/// asks for printing red (Y80% M80%, §5.2); offices' Word templates use pure red, which every
/// format can state exactly.
pub const RED: [u8; 3] = [0xFF, 0x00, 0x00];

/// The label before the attachment list (§7.3.4).
pub const ATTACHMENT_LABEL: &str = "附件：";

/// The head of attachment `n` (1-based) of `count`: `附件` alone for a single one (§7.3.7).
pub fn attachment_head(n: usize, count: usize) -> String {
    if count > 1 {
        format!("附件{n}")
    } else {
        "附件".to_string()
    }
}

/// The numbers before the attachments' names (§7.3.4: `附件：1.XXXXX`); none for a single one.
pub fn attachment_numbers(count: usize) -> Vec<String> {
    if count > 1 {
        (1..=count).map(|n| format!("{n}.")).collect()
    } else {
        vec![String::new(); count]
    }
}

/// The document number with the year in 六角括号 (§7.2.5): `国办发(2026)3号`, `[2026]`,
/// `【2026】` and `（2026）` all become `国办发〔2026〕3号`.
pub fn number(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let open = matches!(chars[i], '(' | '（' | '[' | '【' | '〔' | '［');
        let year = chars.get(i + 1..i + 5);
        let close = chars.get(i + 5);
        if open
            && year.is_some_and(|y| y.iter().all(char::is_ascii_digit))
            && close.is_some_and(|c| matches!(c, ')' | '）' | ']' | '】' | '〕' | '］'))
        {
            out.push('〔');
            out.extend(&chars[i + 1..i + 5]);
            out.push('〕');
            i += 6;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A date as GB/T 9704 writes it (§7.3.5.4, §7.4.3): Arabic numerals, the year in full, month and
/// day without a leading zero — `2026-12-01`, `2026.12.1` and `2026年12月01日` all give
/// `2026年12月1日`. Text that is not a date is kept as written.
pub fn date(text: &str) -> String {
    let text = text.trim();
    let parts: Vec<&str> = text
        .split(['-', '.', '/', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let numeric = parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !numeric || parts[0].len() != 4 {
        return text.to_string();
    }
    let (Ok(m), Ok(d)) = (parts[1].parse::<u32>(), parts[2].parse::<u32>()) else {
        return text.to_string();
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return text.to_string();
    }
    format!("{}年{m}月{d}日", parts[0])
}

/// Whether a block is the head of an attachment: a heading `附件`, `附件1`, `附件2：`…
pub fn is_attachment_head(block: &Block) -> bool {
    let Block::Heading { inlines, .. } = block else {
        return false;
    };
    let text = plain_text(inlines);
    let Some(rest) = text.trim().strip_prefix("附件") else {
        return false;
    };
    rest.trim_end_matches(['：', ':'])
        .chars()
        .all(|c| c.is_ascii_digit())
}

/// The 份号 in six Arabic digits (§7.2.1): `1` (as YAML reads `000001`) gives `000001`.
pub fn copy_number(g: &Gongwen) -> Option<String> {
    let n = g.copy_number.as_deref()?.trim();
    if !n.is_empty() && n.len() < 6 && n.chars().all(|c| c.is_ascii_digit()) {
        Some(format!("{n:0>6}"))
    } else {
        Some(n.to_string())
    }
}

/// The 签发人 line of a document sent upward (§7.2.6): label and the names, `签发人：张三　李四`.
/// Returns the label and the names separately: the names are set in 楷体.
pub fn signer_line(g: &Gongwen) -> Option<(&'static str, String)> {
    (!g.signers.is_empty()).then(|| ("签发人：", g.signers.join("　")))
}

/// The 抄送 line (§7.4.2): `抄送：…。`, the full stop after the last name.
pub fn cc_line(g: &Gongwen) -> Option<String> {
    let cc = g.cc.as_deref()?.trim().trim_end_matches(['。', '.']);
    Some(format!("抄送：{cc}。"))
}

/// The 印发 line (§7.4.3): the office on the left and `…年…月…日印发` on the right.
pub fn print_line(g: &Gongwen) -> Option<(String, String)> {
    if g.printer.is_none() && g.print_date.is_none() {
        return None;
    }
    let office = g.printer.clone().unwrap_or_default();
    let day = g
        .print_date
        .as_deref()
        .map(|d| format!("{}印发", date(d).trim_end_matches("印发")))
        .unwrap_or_default();
    Some((office, day))
}

/// The 附注 in parentheses (§7.3.6).
pub fn note(g: &Gongwen) -> Option<String> {
    let n = g.note.as_deref()?.trim();
    let n = n
        .strip_prefix(['（', '('])
        .and_then(|n| n.strip_suffix(['）', ')']))
        .unwrap_or(n);
    Some(format!("（{n}）"))
}

/// The 主送机关 line, ending in a full-width colon (§7.3.2).
pub fn recipients(g: &Gongwen) -> Option<String> {
    let r = g
        .recipients
        .as_deref()?
        .trim()
        .trim_end_matches([':', '：']);
    Some(format!("{r}："))
}

/// The issuer mark's size: `size`, reduced so that a long name of `chars` characters still fits
/// the text block's width `measure` (both in points; §7.2.4 leaves the size to the office, "醒目、
/// 美观、庄重").
pub fn issuer_size(chars: usize, size: f32, measure: f32) -> f32 {
    if chars == 0 {
        return size;
    }
    // Whole half points, so that every format states the same size.
    size.min((measure / chars as f32 * 2.0).floor() / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_hexagonal_brackets_round_the_year() {
        assert_eq!(number("国办发(2026)3号"), "国办发〔2026〕3号");
        assert_eq!(number("京政发[2009]12号"), "京政发〔2009〕12号");
        assert_eq!(number("京政发【2009】12号"), "京政发〔2009〕12号");
        assert_eq!(number("京政发〔2009〕12号"), "京政发〔2009〕12号");
        assert_eq!(number("（内部）3号"), "（内部）3号");
    }

    #[test]
    fn dates_are_arabic_without_leading_zeros() {
        assert_eq!(date("2026-12-01"), "2026年12月1日");
        assert_eq!(date("2026年03月09日"), "2026年3月9日");
        assert_eq!(date("2026.1.5"), "2026年1月5日");
        assert_eq!(date("二〇二六年十二月一日"), "二〇二六年十二月一日");
        assert_eq!(date("2026-13-01"), "2026-13-01");
    }

    #[test]
    fn colophon_lines_read_as_the_standard_writes_them() {
        let g = Gongwen {
            cc: Some("市委办公室，市人大常委会办公室".into()),
            printer: Some("××市人民政府办公室".into()),
            print_date: Some("2026-12-01".into()),
            note: Some("联系人：王明".into()),
            ..Gongwen::default()
        };
        assert_eq!(
            cc_line(&g).as_deref(),
            Some("抄送：市委办公室，市人大常委会办公室。")
        );
        assert_eq!(
            print_line(&g),
            Some(("××市人民政府办公室".into(), "2026年12月1日印发".into()))
        );
        assert_eq!(note(&g).as_deref(), Some("（联系人：王明）"));
    }

    #[test]
    fn long_issuer_names_shrink_to_the_measure() {
        assert_eq!(issuer_size(8, 42.0, 442.2), 42.0);
        let size = issuer_size(20, 42.0, 442.2);
        assert!(size * 20.0 <= 442.2 && size > 21.0, "{size}");
    }

    #[test]
    fn attachments_are_numbered_only_when_several() {
        assert_eq!(attachment_numbers(1), [""]);
        assert_eq!(attachment_numbers(2), ["1.", "2."]);
        assert_eq!(attachment_head(2, 3), "附件2");
        assert_eq!(attachment_head(1, 1), "附件");
    }
}
