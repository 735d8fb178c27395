//! A typed official document recognised in plain text (GB/T 9704-2012 §7): what an office's
//! text already holds, found by the lines' own shape.
//!
//! - Before the title: 份号 (six digits), 密级 (`秘密★1年`), 紧急程度 (`特急`), then the issuer mark
//!   (a line ending in `文件`) and the document number (`…〔2009〕3号`, any brackets round the year).
//! - Right after the title, with such a header: the recipients, a line ending in `：`.
//! - After the body: the attachment list (`附件：1.…` and the numbered lines under it), the
//!   signature (a short line) over the date (`2026年11月28日`), a note in parentheses under it,
//!   attachments headed `附件N`, and the colophon's `抄送：…` and `…印发` lines.
//!
//! Nothing is taken unless the document has a header or a colophon: a speech that ends with a
//! name and a date keeps them as text. Every element found is reported (`-v`).
//!
//! Both readers (this one and Markdown's front matter) gather the elements as [`Gongwen`] and
//! give them to the model as blocks through [`weave`].

use std::collections::BTreeSet;

use crate::error::Warning;
use crate::gongwen::{self, is_attachment_head};
use crate::model::{Attr, Block, Inline, Official};

/// The elements of an official document as its source gives them (GB/T 9704-2012 §7.2–7.4),
/// before the text rules of `crate::gongwen` make them read as the standard writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Gongwen {
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
    /// 签发人.
    pub signers: Vec<String>,
    /// 主送机关, without the final colon.
    pub recipients: Option<String>,
    /// 附件说明: the attachments' names, in order.
    pub attachments: Vec<String>,
    /// 发文机关署名.
    pub signature: Option<String>,
    /// 附注.
    pub note: Option<String>,
    /// 抄送机关.
    pub cc: Option<String>,
    /// 印发机关.
    pub printer: Option<String>,
    /// 印发日期.
    pub print_date: Option<String>,
}

impl Gongwen {
    /// No element is given: the document is not an official document.
    pub fn is_empty(&self) -> bool {
        *self == Gongwen::default()
    }
}

/// The text of an element given, without its surrounding spaces; `None` when empty.
fn nonempty(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// The document's blocks with the elements of `g` (and `date`, the 成文日期) woven in, in
/// reading order: the 版头 first (it stands before the title), the 主送机关, the body up to its
/// first attachment, the closing (附件说明, 署名, 成文日期, 附注), the attachments, the 版记.
pub(super) fn weave(g: &Gongwen, date: Option<&str>, body: Vec<Block>) -> Vec<Block> {
    let official = |kind, text: String| Block::Official {
        kind,
        attr: Attr::default(),
        inlines: vec![Inline::Text(text)],
    };
    let some = |kind, text: Option<String>| text.map(|t| official(kind, t));
    let mut blocks: Vec<Block> = [
        (
            Official::CopyNumber,
            nonempty(&g.copy_number).map(gongwen::copy_number),
        ),
        (Official::Secrecy, nonempty(&g.secrecy).map(str::to_string)),
        (Official::Urgency, nonempty(&g.urgency).map(str::to_string)),
        (Official::Issuer, nonempty(&g.issuer).map(str::to_string)),
        (Official::Number, nonempty(&g.number).map(gongwen::number)),
        (
            Official::Signers,
            (!g.signers.is_empty()).then(|| gongwen::signers(&g.signers)),
        ),
        (
            Official::Recipients,
            nonempty(&g.recipients).map(gongwen::recipients),
        ),
    ]
    .into_iter()
    .filter_map(|(kind, text)| some(kind, text))
    .collect();
    let mut closing: Vec<Block> = gongwen::attachment_lines(&g.attachments)
        .into_iter()
        .map(|line| official(Official::Attachment, line))
        .collect();
    closing.extend(
        [
            (
                Official::Signature,
                nonempty(&g.signature).map(str::to_string),
            ),
            (
                Official::Date,
                date.map(str::trim)
                    .filter(|d| !d.is_empty())
                    .map(gongwen::date),
            ),
            (Official::Note, nonempty(&g.note).map(gongwen::note)),
        ]
        .into_iter()
        .filter_map(|(kind, text)| some(kind, text)),
    );
    let colophon = [
        (Official::Cc, nonempty(&g.cc).map(gongwen::cc)),
        (Official::Printer, nonempty(&g.printer).map(str::to_string)),
        (
            Official::PrintDate,
            nonempty(&g.print_date).map(gongwen::print_date),
        ),
    ]
    .into_iter()
    .filter_map(|(kind, text)| some(kind, text));
    let split = body
        .iter()
        .position(is_attachment_head)
        .unwrap_or(body.len());
    let mut body = body;
    let attachments = body.split_off(split);
    blocks.reserve(body.len() + closing.len() + attachments.len() + 3);
    blocks.extend(body);
    blocks.append(&mut closing);
    blocks.extend(attachments);
    blocks.extend(colophon);
    blocks
}

/// What was recognised, by source line number (1-based).
#[derive(Debug, Default)]
pub(super) struct Found {
    pub gongwen: Gongwen,
    /// The 成文日期.
    pub date: Option<String>,
    /// Lines taken into the elements: not body text.
    pub taken: BTreeSet<usize>,
    /// Lines that are an attachment's head (`附件1`) or its title: headings of level 1.
    pub heads: BTreeSet<usize>,
}

/// The longest line taken as an issuer mark, signature or attachment title.
const MAX_NAME: usize = 40;

fn is_number(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    line.ends_with('号')
        && chars.len() <= 30
        && chars.windows(6).any(|w| {
            matches!(w[0], '〔' | '(' | '（' | '[' | '【' | '［')
                && w[1..5].iter().all(char::is_ascii_digit)
                && matches!(w[5], '〕' | ')' | '）' | ']' | '】' | '］')
        })
}

/// `2026年11月28日`, with Arabic or Chinese numerals.
fn is_date(line: &str) -> bool {
    let line = line.trim();
    let digits = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || "〇○零一二三四五六七八九十".contains(c))
    };
    let Some(rest) = line.strip_suffix('日') else {
        return false;
    };
    let Some((year, rest)) = rest.split_once('年') else {
        return false;
    };
    let Some((month, day)) = rest.split_once('月') else {
        return false;
    };
    year.chars().count() == 4 && digits(year) && digits(month) && digits(day)
}

/// A short line with no sentence punctuation: a name.
fn is_name(line: &str) -> bool {
    let n = line.chars().count();
    n > 1 && n <= MAX_NAME && !line.contains(['，', '。', ',', '：', ':', '；'])
}

fn strip_label<'l>(line: &'l str, label: &str) -> Option<&'l str> {
    line.strip_prefix(label)
        .and_then(|r| r.strip_prefix(['：', ':']))
        .map(str::trim)
}

/// `1.名称`, `2．名称`, `3、名称` → `名称`.
fn strip_numbering(line: &str) -> &str {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() < line.len()
        && let Some(r) = rest.strip_prefix(['.', '．', '、'])
    {
        return r.trim();
    }
    line
}

/// Finds the official elements of `lines` (number, text); `skip` says which leading lines are
/// page furniture. `None` when the text is not an official document.
pub(super) fn recognise(
    lines: &[(usize, &str)],
    skip: impl Fn(&str) -> bool,
    warnings: &mut Vec<Warning>,
) -> Option<Found> {
    let real: Vec<(usize, &str)> = lines
        .iter()
        .map(|&(n, l)| (n, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let start = real
        .iter()
        .position(|(_, l)| !skip(l))
        .unwrap_or(real.len());
    let mut f = Found::default();
    let mut notes: Vec<String> = Vec::new();
    let mut take = |f: &mut Found, n: usize, what: &str, text: &str| {
        f.taken.insert(n);
        notes.push(format!("line {n}: {what} `{text}`"));
    };

    // The header: corner lines, the issuer mark, the number.
    let mut i = start;
    let mut corner: Vec<(usize, &str)> = Vec::new();
    while i < real.len() && corner.len() < 3 {
        let l = real[i].1;
        let copy = l.len() == 6 && l.chars().all(|c| c.is_ascii_digit());
        let secret = l.contains('★') || ["绝密", "机密", "秘密"].iter().any(|s| l.starts_with(s));
        let urgent = l == "特急" || l == "加急";
        if !(copy || secret || urgent) {
            break;
        }
        corner.push(real[i]);
        i += 1;
    }
    let mut header = false;
    if let Some(&(n, l)) = real.get(i)
        && l.ends_with("文件")
        && is_name(l)
    {
        f.gongwen.issuer = Some(l.to_string());
        take(&mut f, n, "issuer mark (发文机关标志)", l);
        header = true;
        i += 1;
    }
    if let Some(&(n, l)) = real.get(i)
        && is_number(l)
    {
        f.gongwen.number = Some(l.to_string());
        take(&mut f, n, "document number (发文字号)", l);
        header = true;
        i += 1;
    }
    if header {
        for (n, l) in corner {
            if l.chars().all(|c| c.is_ascii_digit()) {
                f.gongwen.copy_number = Some(l.to_string());
                take(&mut f, n, "copy number (份号)", l);
            } else if l == "特急" || l == "加急" {
                f.gongwen.urgency = Some(l.to_string());
                take(&mut f, n, "urgency (紧急程度)", l);
            } else {
                f.gongwen.secrecy = Some(l.to_string());
                take(&mut f, n, "secrecy (密级)", l);
            }
        }
        // The title is the next line; the recipients follow it.
        if let Some(&(n, l)) = real.get(i + 1)
            && l.ends_with(['：', ':'])
            && l.chars().count() <= 100
            && !l.contains('。')
        {
            let to = l.trim_end_matches(['：', ':']);
            f.gongwen.recipients = Some(to.to_string());
            take(&mut f, n, "recipients (主送机关)", to);
        }
    }
    let body_start = i + 1;

    // The colophon, from the end.
    let mut end = real.len();
    if end > body_start
        && let Some(rest) = real[end - 1].1.strip_suffix("印发")
    {
        let n = real[end - 1].0;
        let rest = rest.trim_end();
        let split = rest
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || "年月日 ".contains(*c))
            .last()
            .map_or(rest.len(), |(k, _)| k);
        let (office, day) = rest.split_at(split);
        if is_date(day) {
            f.gongwen.printer = Some(office.trim().to_string()).filter(|o| !o.is_empty());
            f.gongwen.print_date = Some(day.trim().to_string());
            take(&mut f, n, "printer and date (印发机关和印发日期)", rest);
            end -= 1;
        }
    }
    if end > body_start
        && let Some(cc) = strip_label(real[end - 1].1, "抄送")
    {
        let cc = cc.trim_end_matches(['。', '.']);
        f.gongwen.cc = Some(cc.to_string());
        take(&mut f, real[end - 1].0, "copied to (抄送机关)", cc);
        end -= 1;
    }
    if !header && f.taken.is_empty() {
        return None;
    }

    // The signature over the date: the last such pair before the colophon.
    let pair = (body_start + 1..end)
        .rev()
        .find(|&k| is_date(real[k].1) && is_name(real[k - 1].1) && !is_date(real[k - 1].1));
    if let Some(d) = pair {
        let (sn, sig) = real[d - 1];
        let (dn, date) = real[d];
        f.gongwen.signature = Some(sig.to_string());
        take(&mut f, sn, "signature (发文机关署名)", sig);
        f.date = Some(date.to_string());
        take(&mut f, dn, "date (成文日期)", date);
        let mut after = d + 1;
        if let Some(&(n, l)) = real.get(after).filter(|_| after < end)
            && l.starts_with(['（', '('])
            && l.ends_with(['）', ')'])
        {
            f.gongwen.note = Some(l.to_string());
            take(&mut f, n, "note (附注)", l);
            after += 1;
        }
        // The attachment list just before the signature.
        let from = (body_start..d - 1)
            .rev()
            .take(12)
            .find(|&k| strip_label(real[k].1, "附件").is_some());
        if let Some(a) = from {
            for &(n, l) in &real[a..d - 1] {
                let name = strip_label(l, "附件").unwrap_or(l);
                let name = strip_numbering(name);
                f.gongwen.attachments.push(name.to_string());
                take(&mut f, n, "attachment (附件说明)", name);
            }
        }
        // Attachments after the date: `附件N` and the title under it.
        let mut k = after;
        while k < end {
            let l = real[k].1;
            let head = l
                .strip_prefix("附件")
                .is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()));
            if head {
                f.heads.insert(real[k].0);
                notes.push(format!("line {}: attachment head `{l}`", real[k].0));
                if let Some(&(n, t)) = real.get(k + 1).filter(|_| k + 1 < end)
                    && is_name(t)
                {
                    f.heads.insert(n);
                    notes.push(format!("line {n}: attachment title `{t}`"));
                    k += 1;
                }
            }
            k += 1;
        }
    }
    warnings.extend(notes.into_iter().map(Warning::info));
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, &str)> {
        text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect()
    }

    #[test]
    fn a_typed_notice_gives_every_element() {
        let text = "000012\n特急\n青川市人民政府文件\n青政发(2009)3号\n关于做好冬季供暖工作的通知\n\
                    各区县人民政府：\n正文一段。\n附件：1.分工表\n2.名单\n青川市人民政府\n2009年3月5日\n\
                    （此件公开发布）\n附件1\n分工表\n表的内容。\n抄送：市委办公室，市人大办公室。\n\
                    青川市人民政府办公室  2009年3月6日印发\n";
        let mut w = Vec::new();
        let f = recognise(&lines(text), |_| false, &mut w).expect("an official document");
        let g = &f.gongwen;
        assert_eq!(g.copy_number.as_deref(), Some("000012"));
        assert_eq!(g.urgency.as_deref(), Some("特急"));
        assert_eq!(g.issuer.as_deref(), Some("青川市人民政府文件"));
        assert_eq!(g.number.as_deref(), Some("青政发(2009)3号"));
        assert_eq!(g.recipients.as_deref(), Some("各区县人民政府"));
        assert_eq!(g.attachments, ["分工表", "名单"]);
        assert_eq!(g.signature.as_deref(), Some("青川市人民政府"));
        assert_eq!(f.date.as_deref(), Some("2009年3月5日"));
        assert_eq!(g.note.as_deref(), Some("（此件公开发布）"));
        assert_eq!(g.cc.as_deref(), Some("市委办公室，市人大办公室"));
        assert_eq!(g.printer.as_deref(), Some("青川市人民政府办公室"));
        assert_eq!(g.print_date.as_deref(), Some("2009年3月6日"));
        assert_eq!(f.heads.iter().copied().collect::<Vec<_>>(), [13, 14]);
        assert!(
            !f.taken.contains(&5) && !f.taken.contains(&7),
            "title and body stay"
        );
        assert!(w.len() >= 12, "{w:?}");
    }

    #[test]
    fn a_speech_ending_in_a_name_and_a_date_is_not_an_official_document() {
        let text = "在动员会上的讲话\n同志们：\n讲话正文。\n张某某\n2009年3月5日\n";
        assert!(recognise(&lines(text), |_| false, &mut Vec::new()).is_none());
    }
}
