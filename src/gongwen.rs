//! The text rules of an official document's elements (GB/T 9704-2012 §7), shared by the readers
//! that write the elements' blocks and the layouts that place them: how the document number, the
//! dates, the attachment list and the colophon lines read, and what each element's block holds.
//! Where they are drawn is each writer's business; what they say is decided here once.

use crate::model::{Block, Document, Official, plain_text};
use crate::style::Style;

/// The words the writers add around the elements' own text; the font subsets must carry them.
pub const WORDS: &str = "附件：签发人抄送印发〔〕（）年月日号。．0123456789";

/// The red of the issuer mark and the header's rule (§7.2.4, §7.2.7), as sRGB. The standard
/// asks for printing red (Y80% M80%, §5.2); offices' Word templates use pure red, which every
/// format can state exactly.
pub const RED: [u8; 3] = [0xFF, 0x00, 0x00];

/// The label before the attachment list (§7.3.4).
pub const ATTACHMENT_LABEL: &str = "附件：";

/// The label before the signers' names (§7.2.6).
pub const SIGNER_LABEL: &str = "签发人：";

/// The label before the names a document is copied to (§7.4.2).
pub const CC_LABEL: &str = "抄送：";

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
pub fn copy_number(n: &str) -> String {
    let n = n.trim();
    if !n.is_empty() && n.len() < 6 && n.chars().all(|c| c.is_ascii_digit()) {
        format!("{n:0>6}")
    } else {
        n.to_string()
    }
}

/// The 签发人 line of a document sent upward (§7.2.6): `签发人：张三　李四`.
pub fn signers(names: &[String]) -> String {
    format!("{SIGNER_LABEL}{}", names.join("　"))
}

/// The 抄送 line (§7.4.2): `抄送：…。`, the full stop after the last name.
pub fn cc(names: &str) -> String {
    let names = names.trim().trim_end_matches(['。', '.']);
    format!("{CC_LABEL}{names}。")
}

/// The 印发日期 (§7.4.3): `…年…月…日印发`.
pub fn print_date(day: &str) -> String {
    format!("{}印发", date(day).trim_end_matches("印发"))
}

/// The 附注 in parentheses (§7.3.6).
pub fn note(text: &str) -> String {
    let n = text.trim();
    let n = n
        .strip_prefix(['（', '('])
        .and_then(|n| n.strip_suffix(['）', ')']))
        .unwrap_or(n);
    format!("（{n}）")
}

/// The 主送机关 line, ending in a full-width colon (§7.3.2).
pub fn recipients(names: &str) -> String {
    format!("{}：", names.trim().trim_end_matches([':', '：']))
}

/// The lines of the 附件说明 (§7.3.4): `附件：1.名称`, `2.名称`…; `附件：名称` for one.
pub fn attachment_lines(names: &[String]) -> Vec<String> {
    let numbers = attachment_numbers(names.len());
    names
        .iter()
        .zip(&numbers)
        .enumerate()
        .map(|(i, (name, n))| {
            let label = if i == 0 { ATTACHMENT_LABEL } else { "" };
            format!("{label}{n}{name}")
        })
        .collect()
}

/// Whether `doc` is set as an official document: the style places the elements as GB/T 9704
/// does (`Style::official`), and the document has some. Otherwise its elements are paragraphs.
pub fn applies(doc: &Document, style: &Style) -> bool {
    style.official
        && doc
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Official { .. }))
}

/// An official document's elements as its blocks give them, for the layouts that place them
/// where the standard does (the PDF's and the DOCX's).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Elements {
    /// 份号.
    pub copy_number: Option<String>,
    /// 密级和保密期限.
    pub secrecy: Option<String>,
    /// 紧急程度.
    pub urgency: Option<String>,
    /// 发文机关标志.
    pub issuer: Option<String>,
    /// 发文字号.
    pub number: Option<String>,
    /// 签发人: the label and the names (set in 楷体).
    pub signers: Option<(&'static str, String)>,
    /// 主送机关, with its colon.
    pub recipients: Option<String>,
    /// 附件说明: the attachments' names, without the label and the numbers
    /// ([`attachment_numbers`]) the lines carry.
    pub attachments: Vec<String>,
    /// 发文机关署名.
    pub signature: Option<String>,
    /// 成文日期.
    pub date: Option<String>,
    /// 附注, in parentheses.
    pub note: Option<String>,
    /// The 抄送 line, label included.
    pub cc: Option<String>,
    /// 印发机关 and 印发日期, set on one line (either may be empty).
    pub printed: Option<(String, String)>,
}

/// The elements of `blocks` (the document's top level, where the readers put them).
pub fn collect(blocks: &[Block]) -> Elements {
    let mut e = Elements::default();
    let mut attachments = Vec::new();
    let mut printed: (Option<String>, Option<String>) = (None, None);
    for block in blocks {
        let Block::Official { kind, inlines, .. } = block else {
            continue;
        };
        let text = plain_text(inlines);
        let slot = match kind {
            Official::CopyNumber => &mut e.copy_number,
            Official::Secrecy => &mut e.secrecy,
            Official::Urgency => &mut e.urgency,
            Official::Issuer => &mut e.issuer,
            Official::Number => &mut e.number,
            Official::Recipients => &mut e.recipients,
            Official::Signature => &mut e.signature,
            Official::Date => &mut e.date,
            Official::Note => &mut e.note,
            Official::Cc => &mut e.cc,
            Official::Printer => &mut printed.0,
            Official::PrintDate => &mut printed.1,
            Official::Signers => {
                let names = text.strip_prefix(SIGNER_LABEL).unwrap_or(&text);
                e.signers = Some((SIGNER_LABEL, names.to_string()));
                continue;
            }
            Official::Attachment => {
                attachments.push(text);
                continue;
            }
        };
        slot.get_or_insert(text);
    }
    // The readers wrote each line as `attachment_lines` does: take the label and the numbers
    // back off exactly as they were put on.
    let numbers = attachment_numbers(attachments.len());
    for (i, (line, n)) in attachments.iter().zip(&numbers).enumerate() {
        let line = if i == 0 {
            line.strip_prefix(ATTACHMENT_LABEL).unwrap_or(line)
        } else {
            line
        };
        e.attachments
            .push(line.strip_prefix(n.as_str()).unwrap_or(line).to_string());
    }
    if printed.0.is_some() || printed.1.is_some() {
        e.printed = Some((printed.0.unwrap_or_default(), printed.1.unwrap_or_default()));
    }
    e
}

/// The smallest issuer mark, in points: 二号, the title's size (§7.3.1). A name too long for one
/// line at this size wraps rather than shrinking further — it once shrank to 1 pt, then 0.
pub const ISSUER_MIN_SIZE: f32 = 22.0;

/// The issuer mark's size: `size`, reduced so that a long name of `chars` characters still fits
/// the text block's width `measure` (both in points; §7.2.4 leaves the size to the office, "醒目、
/// 美观、庄重"), but never below [`ISSUER_MIN_SIZE`].
pub fn issuer_size(chars: usize, size: f32, measure: f32) -> f32 {
    if chars == 0 {
        return size;
    }
    // Whole half points, so that every format states the same size.
    let fit = (measure / chars as f32 * 2.0).floor() / 2.0;
    size.min(fit.max(ISSUER_MIN_SIZE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_issuer_shrinks_to_a_floor_not_to_nothing() {
        assert_eq!(issuer_size(10, 42.0, 442.0), 42.0);
        assert_eq!(issuer_size(15, 42.0, 442.0), 29.0);
        assert_eq!(issuer_size(300, 42.0, 442.0), ISSUER_MIN_SIZE);
        assert_eq!(issuer_size(100_000, 42.0, 442.0), ISSUER_MIN_SIZE);
        // A style whose mark is smaller than the floor keeps its own size.
        assert_eq!(issuer_size(300, 16.0, 442.0), 16.0);
    }

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
        assert_eq!(
            cc("市委办公室，市人大常委会办公室。"),
            "抄送：市委办公室，市人大常委会办公室。"
        );
        assert_eq!(print_date("2026-12-01"), "2026年12月1日印发");
        assert_eq!(print_date("2026年12月1日印发"), "2026年12月1日印发");
        assert_eq!(note("联系人：王明"), "（联系人：王明）");
        assert_eq!(note("(此件公开发布)"), "（此件公开发布）");
        assert_eq!(recipients("各区县人民政府:"), "各区县人民政府：");
        assert_eq!(copy_number("128"), "000128");
    }

    #[test]
    fn long_issuer_names_shrink_to_the_measure() {
        assert_eq!(issuer_size(8, 42.0, 442.2), 42.0);
        let size = issuer_size(20, 42.0, 442.2);
        assert!(size * 20.0 <= 442.2 && size > 21.0, "{size}");
    }

    #[test]
    fn attachments_are_numbered_only_when_several() {
        let one = ["分工表".to_string()];
        assert_eq!(attachment_lines(&one), ["附件：分工表"]);
        let two = ["1号楼清单".to_string(), "名单".to_string()];
        assert_eq!(attachment_lines(&two), ["附件：1.1号楼清单", "2.名单"]);
    }

    fn official(kind: Official, text: &str) -> Block {
        Block::Official {
            kind,
            attr: crate::model::Attr::default(),
            inlines: vec![crate::model::Inline::Text(text.into())],
        }
    }

    #[test]
    fn the_elements_come_back_from_the_blocks_as_they_were_written() {
        let names = ["1号楼清单".to_string(), "2.名单".to_string()];
        let mut blocks: Vec<Block> = attachment_lines(&names)
            .iter()
            .map(|l| official(Official::Attachment, l))
            .collect();
        blocks.push(official(
            Official::Signers,
            &signers(&["张三".into(), "李四".into()]),
        ));
        blocks.push(official(Official::PrintDate, &print_date("2026-12-01")));
        blocks.push(Block::Paragraph { inlines: vec![] });
        let e = collect(&blocks);
        // Only the number the reader put on comes off: a name that starts with digits keeps them.
        assert_eq!(e.attachments, ["1号楼清单", "2.名单"]);
        assert_eq!(e.signers, Some((SIGNER_LABEL, "张三　李四".to_string())));
        assert_eq!(
            e.printed,
            Some((String::new(), "2026年12月1日印发".to_string()))
        );
        assert_eq!(e.issuer, None);
        let one = collect(&[official(Official::Attachment, "附件：3.5G规划")]);
        assert_eq!(one.attachments, ["3.5G规划"]);
    }
}
