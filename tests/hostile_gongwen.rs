//! Hostile input, round 3 (issue 24): 公文 values at their extremes. Each value set on one line
//! ran off the PDF's right edge, a 抄送 list of 100 names started the 版记 above the page, four
//! or more 签发人 overprinted the document number, and a long issuer name was set at size 0.
// See: issue 24, "Text lost or hidden".

mod common;

use std::fs;
use std::path::Path;

use common::bounded::{pseudo_random, quick_success, text_survives, timed};
use common::pages;

/// Han characters to draw values from (no digits: the PDF's text is compared without them,
/// page numbers being digits).
const POOL: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发\
动同工也能下过子说产种面而方后多定行学法所民得经之进着等部度家电力里如水化高自理起小物现实加量\
都两体制机当使点从业本去把性好应开它合还因由其些然前外天政那社义事平形相全表间样与关各重新线内";

/// A 公文 whose every value is far longer than its line, with 100 抄送 names and six 签发人.
fn hostile_notice() -> (String, Vec<String>) {
    let pool: Vec<char> = POOL.chars().collect();
    let value = |seed: u64, n: usize| pseudo_random(&pool, n, seed);
    let values: Vec<String> = (1..=8).map(|k| value(k, 40 + 10 * k as usize)).collect();
    let issuer = value(20, 320);
    let signers: Vec<String> = (0..6).map(|k| value(30 + k, 3)).collect();
    let cc: Vec<String> = (0..100).map(|k| value(100 + k, 6)).collect();
    let text = format!(
        "---\npreset: gongwen\ncopy_number: {}\nsecrecy: {}\nurgency: {}\nissuer: {issuer}\n\
         number: {}\nsigners: [{}]\ntitle: 关于测试的通知\nsignature: {}\ndate: {}\n\
         cc: [{}]\nprinter: {}\nprint_date: {}\n---\n\n正文第一段。\n",
        values[0],
        values[1],
        values[2],
        values[3],
        signers.join(", "),
        values[4],
        values[5],
        cc.join(", "),
        values[6],
        values[7],
    );
    let mut pieces = values;
    pieces.push(issuer);
    pieces.extend(signers);
    pieces.extend(cc);
    (text, pieces)
}

/// Asserts no word of the PDF lies outside its A4 page, and no two words overprint.
fn assert_inside_and_apart(pdf: &Path) {
    let (w, h) = (595.3, 841.9);
    for (p, words) in pages::words(pdf).iter().enumerate() {
        for word in words {
            assert!(
                word.x0 >= 0.0 && word.x1 <= w && word.y0 >= 0.0 && word.y1 <= h,
                "page {}: {word:?} is off the page",
                p + 1
            );
        }
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                let dx = a.x1.min(b.x1) - a.x0.max(b.x0);
                let dy = a.y1.min(b.y1) - a.y0.max(b.y0);
                // Boxes are the font's (taller than the em): lines set close touch, text over
                // text shares most of its height.
                let tall = (a.y1 - a.y0).min(b.y1 - b.y0);
                assert!(
                    dx <= 2.0 || dy <= tall / 2.0,
                    "page {}: {a:?} and {b:?} overprint",
                    p + 1
                );
            }
        }
    }
}

#[test]
fn gongwen_values_at_their_extremes_wrap_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (text, pieces) = hostile_notice();
    fs::write(dir.path().join("gw.md"), text).unwrap();
    let run = timed(
        dir.path(),
        &["build", "gw.md", "-o", "out", "--no-system-fonts"],
        &[],
    );
    quick_success("公文 extremes", &run);
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    text_survives(&dir.path().join("out"), "gw", &pieces);
    let out = dir.path().join("out");
    if common::tools(&["pdftotext"]) {
        assert_inside_and_apart(&out.join("gw.pdf"));
    }
    // The issuer mark at its floor, not at 0 or 1 pt.
    let docx = common::unzip(&out.join("gw.docx"));
    let xml = String::from_utf8_lossy(&docx["word/document.xml"]);
    for size in xml.split("<w:sz w:val=\"").skip(1) {
        let half_points: u32 = size[..size.find('"').unwrap()].parse().unwrap();
        assert!(half_points >= 20, "w:sz {half_points}");
    }
    let html = fs::read_to_string(out.join("gw.html")).unwrap();
    assert!(html.contains("font-size: clamp(22pt, "), "no floor");
    assert!(!html.contains("white-space: nowrap; color"));
}

#[test]
fn four_signers_go_two_a_line_beside_the_number() {
    // GB/T 9704 §7.2.6: two names a line, the number on the last names' line.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("s.md"),
        "---\npreset: gongwen\nissuer: 青川市人民政府文件\nnumber: 青政发〔2026〕3号\n\
         signers: [张三, 李四, 王五, 赵六]\ntitle: 关于测试的请示\n---\n\n正文。\n",
    )
    .unwrap();
    let run = timed(
        dir.path(),
        &["s.md", "-o", "s.pdf", "--no-system-fonts"],
        &[],
    );
    quick_success("four signers", &run);
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let pdf = dir.path().join("s.pdf");
    assert_inside_and_apart(&pdf);
    let lines = pages::lines(&pdf);
    let first = lines[0]
        .iter()
        .map(|l| l.text.replace(' ', ""))
        .collect::<Vec<_>>();
    let at = |name: &str| first.iter().position(|l| l.contains(name)).unwrap();
    assert_eq!(at("张三"), at("李四"), "{first:?}");
    assert_eq!(at("王五"), at("赵六"), "{first:?}");
    assert_eq!(at("王五"), at("张三") + 1, "{first:?}");
    assert_eq!(at("青政发"), at("王五"), "{first:?}");
}

#[test]
fn a_long_attachment_head_wraps_on_its_page() {
    // GB/T 9704 §7.3.7 sets `附件N` flush left on the attachment's first line; a number too
    // long for that line wraps as the body does (§7.3.5) instead of running off the page.
    let dir = tempfile::tempdir().unwrap();
    let number = "1234567890".repeat(6);
    fs::write(
        dir.path().join("a.md"),
        format!(
            "---\npreset: gongwen\nissuer: 某某局\ntitle: 关于测试的通知\nattachments: [甲方案]\n---\n\n\
             正文。\n\n# 附件{number}\n\n# 甲方案\n\n附件正文。\n"
        ),
    )
    .unwrap();
    let run = timed(
        dir.path(),
        &["a.md", "-o", "a.pdf", "--no-system-fonts"],
        &[],
    );
    quick_success("long attachment head", &run);
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let pdf = dir.path().join("a.pdf");
    assert_inside_and_apart(&pdf);
    let words = pages::words(&pdf);
    let text: String = words[1].iter().map(|w| w.text.as_str()).collect();
    assert!(text.contains(&format!("附件{number}")), "{text}");
}
