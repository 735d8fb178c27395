//! Ruby (issue 25, items 1 and 2): `{汉字|hàn zì}`, `{汉|hàn}` and raw `<ruby>` in Markdown, written
//! by every format — `<ruby>` with `<rp>`/`<rt>` in the HTML and the EPUB (Nu and EPUBCheck
//! clean), `w:ruby` in the DOCX (shown by LibreOffice), and in the PDF the reading drawn over
//! its base while the page's text copies as the base alone, in order.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A poem with mono ruby, group ruby, raw ruby, ruby in a table cell and one wrong count.
const POEM_MD: &str = "---\ntitle: 注音\n---\n\n# 静夜思\n\n\
{床|chuáng}{前|qián}明月光，疑是{地上|dì shàng}霜。\n\n\
举头望明月，低头思{故乡|gù xiāng}。<ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字。\n\n\
| 字 | 读音 |\n|---|---|\n| {重\\|zhòng} | {重要\\|zhòng yào} |\n\n\
{长城|chángchéng}很长。\n";

/// The base text of the poem's body, in reading order.
const BASES: [&str; 4] = [
    "床前明月光，疑是地上霜。",
    "举头望明月，低头思故乡。汉字。",
    "重要",
    "长城很长。",
];

fn poem(dir: &Path) -> PathBuf {
    let md = dir.join("poem.md");
    std::fs::write(&md, POEM_MD).unwrap();
    md
}

/// Converts the poem to `format`; returns the output and the warnings printed.
fn convert(dir: &Path, format: &str) -> (PathBuf, String) {
    let out = dir.join(format!("poem.{format}"));
    let run = common::run_ok(
        common::cjkpress()
            .arg("convert")
            .arg(poem(dir))
            .arg("-o")
            .arg(&out)
            .arg("--no-system-fonts"),
    );
    (out, String::from_utf8_lossy(&run.stderr).into_owned())
}

#[test]
fn html_has_ruby_elements_and_nu_finds_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let (out, warnings) = convert(dir.path(), "html");
    let page = std::fs::read_to_string(&out).unwrap();
    for want in [
        "<ruby>床<rp>(</rp><rt>chuáng</rt><rp>)</rp></ruby><ruby>前<rp>(</rp><rt>qián</rt><rp>)</rp></ruby>",
        // A group whose syllables map onto its characters: one element, a pair per character.
        "<ruby>地<rp>(</rp><rt>dì</rt><rp>)</rp>上<rp>(</rp><rt>shàng</rt><rp>)</rp></ruby>",
        "<ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字",
        "<ruby>重<rp>(</rp><rt>zhòng</rt><rp>)</rp>要<rp>(</rp><rt>yào</rt><rp>)</rp></ruby>",
        // A wrong count: the reading over the whole word.
        "<ruby>长城<rp>(</rp><rt>chángchéng</rt><rp>)</rp></ruby>很长",
    ] {
        assert!(page.contains(want), "{want} in:\n{page}");
    }
    assert!(
        !page.contains("{床") && !page.contains("&lt;ruby"),
        "{page}"
    );
    // The wrong count is a warning naming its line and column.
    assert!(
        warnings.contains("line 15, column 1: ruby has 1 syllables over 2 characters"),
        "{warnings}"
    );
    let jar = common::vnu_jar();
    if !common::available(
        "the Nu HTML Checker (npm vnu-jar) and java",
        jar.is_some() && common::have("java"),
    ) {
        return;
    }
    let check = Command::new("java")
        .arg("-jar")
        .arg(jar.unwrap())
        .arg("--errors-only")
        .arg(&out)
        .output()
        .expect("java starts");
    assert!(
        check.status.success(),
        "Nu HTML Checker:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn epub_has_ruby_elements_and_epubcheck_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = convert(dir.path(), "epub");
    let files = common::unzip(&out);
    let body: String = files
        .iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(_, data)| String::from_utf8_lossy(data).into_owned())
        .collect();
    assert!(
        body.contains("<ruby>床<rp>(</rp><rt>chuáng</rt><rp>)</rp></ruby>"),
        "{body}"
    );
    if let Some(report) = common::epubcheck(&out) {
        report.expect("EPUBCheck finds nothing");
    }
}

#[test]
fn docx_has_word_ruby_and_libreoffice_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = convert(dir.path(), "docx");
    let files = common::unzip(&out);
    let xml = String::from_utf8_lossy(&files["word/document.xml"]).into_owned();
    // As Word's 拼音指南 writes it (ECMA-376 Part 1, §17.3.3.25): 小四 base, reading at half.
    let ruby = "<w:ruby><w:rubyPr><w:rubyAlign w:val=\"center\"/><w:hps w:val=\"12\"/>\
                <w:hpsRaise w:val=\"22\"/><w:hpsBaseText w:val=\"24\"/><w:lid w:val=\"zh-CN\"/>\
                </w:rubyPr><w:rt><w:r><w:rPr><w:sz w:val=\"12\"/><w:szCs w:val=\"12\"/></w:rPr>\
                <w:t>chuáng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>床</w:t></w:r></w:rubyBase>\
                </w:ruby>";
    assert!(xml.contains(ruby), "{xml}");
    assert_eq!(
        xml.matches("<w:ruby>").count(),
        11,
        "one per character, one per wrong count"
    );
    assert!(
        xml.contains("w:lineRule=\"atLeast\""),
        "a line with ruby may grow"
    );
    // The OOXML schema check (as tests/reference_doc.rs runs it) finds nothing in the ruby.
    if common::tools(&["openxml-audit"]) {
        let report = Command::new("openxml-audit")
            .args(["-m", "0"])
            .arg(&out)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&report.stdout);
        assert!(
            report.status.success() && text.contains("Errors: 0"),
            "{text}"
        );
    }
    if !common::tools(&["soffice", "pdftotext"]) {
        return;
    }
    let pdf = common::libreoffice(&out, dir.path(), "pdf");
    let text = common::output(Command::new("pdftotext").arg(&pdf).arg("-"));
    for reading in ["chuáng", "dì shàng", "hàn", "zhòng", "chángchéng"] {
        assert!(
            text.contains(reading),
            "{reading} shown by LibreOffice:\n{text}"
        );
    }
}

#[test]
fn pdf_text_is_the_base_text_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (out, warnings) = convert(dir.path(), "pdf");
    // The reading is drawn over its base (issue 25, item 1): nothing to warn about.
    assert!(!warnings.contains("not drawn"), "{warnings}");
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let text = common::output(Command::new("pdftotext").arg(&out).arg("-"));
    let squashed = common::squash(&text);
    let mut from = 0;
    for base in BASES {
        let at = squashed[from..]
            .find(base)
            .unwrap_or_else(|| panic!("{base} after byte {from} in:\n{text}"));
        from += at + base.len();
    }
    for markup in ["{", "|", "<ruby", "rt>"] {
        assert!(!text.contains(markup), "{markup} printed:\n{text}");
    }
}

/// The quatrain, every character with its reading, and a group ruby that a line must never
/// break, repeated so that the paragraph runs over several lines.
const READINGS: &[(&str, &str)] = &[
    ("床前明月光", "chuáng qián míng yuè guāng"),
    ("疑是地上霜", "yí shì dì shàng shuāng"),
    ("举头望明月", "jǔ tóu wàng míng yuè"),
    ("低头思故乡", "dī tóu sī gù xiāng"),
];

/// The group that must stay on one line.
const GROUP: (&str, &str) = ("中华人民共和国", "zhōng huá rén mín gòng hé guó");

/// A paragraph of mono ruby over every character, with the group between the lines.
fn ruby_markdown() -> (String, Vec<(char, String)>) {
    let mut md = String::new();
    let mut pairs = Vec::new();
    for round in 0..6 {
        for (line, reading) in READINGS {
            for (c, r) in line.chars().zip(reading.split(' ')) {
                md.push_str(&format!("{{{c}|{r}}}"));
                pairs.push((c, r.to_string()));
            }
            md.push_str(if round % 2 == 0 { "，" } else { "。" });
        }
        md.push_str(&format!("{{{}|{}}}", GROUP.0, GROUP.1));
        pairs.extend(GROUP.0.chars().zip(GROUP.1.split(' ').map(String::from)));
        md.push('。');
    }
    md.push('\n');
    (md, pairs)
}

/// One glyph as laid out: its character, pen x, baseline and size.
#[derive(Debug, Clone, Copy)]
struct Placed {
    page: usize,
    ch: char,
    x: f32,
    y: f32,
    size: f32,
}

/// The glyphs of `layout` as (bases, readings): readings are the runs whose text copies as
/// nothing (so pdftotext cannot see them); bases are the other glyphs `base` accepts, given
/// the glyph and its run.
fn placed(
    layout: &cjkpress::layout::Layout,
    base: impl Fn(char, &cjkpress::layout::Run) -> bool,
) -> (Vec<Placed>, Vec<Placed>) {
    let (mut bases, mut readings) = (Vec::new(), Vec::new());
    for (n, page) in layout.pages.iter().enumerate() {
        let reading = |i: usize| {
            page.actual
                .iter()
                .any(|a| a.text.is_empty() && a.runs.contains(&i))
        };
        for (i, run) in page.runs.iter().enumerate() {
            for g in &page.glyphs[run.glyphs.clone()] {
                let p = Placed {
                    page: n,
                    ch: g.ch,
                    x: g.x,
                    y: run.y,
                    size: run.size,
                };
                if reading(i) {
                    readings.push(p);
                } else if base(g.ch, run) {
                    bases.push(p);
                }
            }
        }
    }
    (bases, readings)
}

/// Loads `path` as the tests build it (bundled face only) with `preset` and `ruby`, and lays
/// it out for print.
fn laid_out(
    path: &Path,
    preset: &str,
    ruby: Option<cjkpress::pinyin::Scheme>,
) -> (cjkpress::Prepared, cjkpress::layout::Layout) {
    let options = cjkpress::Options {
        no_system_fonts: true,
        preset: Some(preset.parse().unwrap()),
        ruby,
        ..Default::default()
    };
    let prepared = cjkpress::load(path, &options).unwrap().value;
    let layout = cjkpress::layout::print(&prepared.doc, &prepared.style, &prepared.fonts);
    (prepared, layout)
}

/// Asserts that every reading of `pairs` (base character, reading, in order) sits centred over
/// its base within 0.1 em, at about half its size, clear of its neighbours and of the em box
/// of the line above.
fn assert_readings_in_place(
    label: &str,
    prepared: &cjkpress::Prepared,
    pairs: &[(char, String)],
    bases: &[Placed],
    readings: &[Placed],
) {
    use cjkpress::layout::{ASCENT, Measure};
    let role = prepared.style.body_role;
    let advance = |c: char, size: f32| {
        prepared
            .fonts
            .glyph(role, false, c)
            .map_or(size, |p| p.advance * size)
    };
    assert_eq!(bases.len(), pairs.len(), "{label}: base characters");
    let mut from = 0;
    let mut boxes = Vec::new();
    for ((c, r), base) in pairs.iter().zip(bases) {
        assert_eq!(*c, base.ch, "{label}: bases in order");
        let n = r.chars().count();
        let glyphs = &readings[from..from + n];
        from += n;
        let text: String = glyphs.iter().map(|g| g.ch).collect();
        assert_eq!(&text, r, "{label}: readings in order");
        let last = glyphs[n - 1];
        let (x0, x1) = (glyphs[0].x, last.x + advance(last.ch, last.size));
        let centre = base.x + advance(base.ch, base.size) / 2.0;
        assert!(
            ((x0 + x1) / 2.0 - centre).abs() <= 0.1 * base.size,
            "{label}: {r} centred at {} over {c} at {centre}",
            (x0 + x1) / 2.0
        );
        // About half the base's size, set above its em box.
        let size = glyphs[0].size;
        assert!(
            (size / base.size - 0.5).abs() < 0.05,
            "{label}: {r} size {size}"
        );
        let bottom = glyphs[0].y + (1.0 - ASCENT) * size;
        assert!(
            bottom <= base.y - ASCENT * base.size + 0.01,
            "{label}: {r} over {c}"
        );
        boxes.push((x0, x1, glyphs[0].y - ASCENT * size, base.y, base.page));
    }
    assert_eq!(from, readings.len(), "{label}: no other readings");
    // No two readings of a line overlap.
    for pair in boxes.windows(2) {
        let ((_, a1, _, ya, pa), (b0, _, _, yb, pb)) = (pair[0], pair[1]);
        if (ya, pa) == (yb, pb) {
            assert!(a1 <= b0 + 0.01, "{label}: readings overlap at {a1} > {b0}");
        }
    }
    // Each reading clears the em box of the line above it on the page.
    let mut baselines: Vec<(usize, f32)> = bases.iter().map(|b| (b.page, b.y)).collect();
    baselines.dedup();
    assert!(baselines.len() > 3, "{label}: several lines");
    let size = bases[0].size;
    for &(_, _, top, base_y, page) in &boxes {
        if let Some(above) = baselines
            .iter()
            .filter(|&&(p, y)| p == page && y < base_y)
            .map(|&(_, y)| y)
            .reduce(f32::max)
        {
            assert!(
                top >= above + (1.0 - ASCENT) * size - 0.01,
                "{label}: reading at {top} reaches the line above at {above}"
            );
        }
    }
}

/// Every annotation sits centred over its base, clear of its neighbours and of the line above,
/// and a group ruby stays on one line — in every preset, read back from the layout the PDF
/// draws (each reading's run copies as nothing, so pdftotext cannot see it).
#[test]
fn readings_are_centred_over_their_bases_and_clear_of_each_other_and_the_line_above() {
    let dir = tempfile::tempdir().unwrap();
    let (md, pairs) = ruby_markdown();
    let path = dir.path().join("quatrain.md");
    std::fs::write(&path, md).unwrap();
    for preset in ["handout", "gongwen", "book"] {
        let (prepared, layout) = laid_out(&path, preset, None);
        let (bases, readings) = placed(&layout, |c, _| pairs.iter().any(|&(b, _)| b == c));
        assert_readings_in_place(preset, &prepared, &pairs, &bases, &readings);
        // The group is never broken across lines.
        let group: Vec<char> = GROUP.0.chars().collect();
        for w in bases.windows(group.len()) {
            if w.iter().map(|b| b.ch).eq(group.iter().copied()) {
                assert!(
                    w.iter().all(|b| b.y == w[0].y),
                    "{preset}: {} broken across lines",
                    GROUP.0
                );
            }
        }
    }
}

/// The (character, reading) pairs of the document's ruby, in order.
fn model_pairs(doc: &cjkpress::model::Document) -> Vec<(char, String)> {
    let mut pairs = Vec::new();
    cjkpress::model::visit_inlines(doc, &mut |i| {
        if let cjkpress::model::Inline::Ruby {
            base, annotation, ..
        } = i
        {
            for (b, a) in cjkpress::model::ruby_pairs(base, annotation) {
                let mut chars = b.chars();
                let c = chars.next().unwrap();
                assert!(
                    chars.next().is_none(),
                    "`{annotation}` is not one syllable each"
                );
                pairs.push((c, a.to_string()));
            }
        }
    });
    pairs
}

/// The seed with automatic pinyin, as a handout: every reading of its body (over a thousand)
/// is centred over its character and clear of its neighbours and of the line above, and the
/// body's lines are justified to the same measure as without readings.
#[test]
fn the_seed_s_automatic_readings_are_centred_and_clear() {
    let (prepared, layout) = laid_out(
        &common::seed(),
        "handout",
        Some(cjkpress::pinyin::Scheme::Pinyin),
    );
    let body = prepared.style.body_size;
    let pairs = model_pairs(&prepared.doc);
    assert!(pairs.len() > 1000, "{} readings", pairs.len());
    // Each reading's base: the next glyph of its character, in order (the title and anything
    // else without readings is passed over).
    let (han, readings) = placed(&layout, |c, _| cjkpress::pinyin::is_han(c));
    let mut glyphs = han.into_iter();
    let bases: Vec<Placed> = pairs
        .iter()
        .map(|&(c, _)| glyphs.find(|g| g.ch == c).expect("every base drawn"))
        .collect();
    assert_readings_in_place("seed", &prepared, &pairs, &bases, &readings);
    // Justified as before: each full line of the body ends at the same right edge.
    let (_, plain) = laid_out(&common::seed(), "handout", None);
    let right = |layout: &cjkpress::layout::Layout| -> f32 {
        let mut ends: Vec<f32> = Vec::new();
        for page in &layout.pages {
            for run in page.runs.iter().filter(|r| r.size == body) {
                if let Some(g) = page.glyphs[run.glyphs.clone()].last() {
                    ends.push(g.x);
                }
            }
        }
        ends.into_iter().fold(f32::MIN, f32::max)
    };
    let (a, b) = (right(&plain), right(&layout));
    assert!(
        (a - b).abs() <= 0.5 * body,
        "right edge {a} without readings, {b} with"
    );
}

/// 注音 stands in a column to the right of each character (clreq §3.4.2): its symbols at a
/// third of the base's size, stacked top to bottom within the base's em box, the tone mark
/// beside them, all before the next character; the lines keep their pitch, as nothing stands
/// over them; the page copies as the base text alone.
#[test]
fn zhuyin_stands_in_a_column_right_of_each_character() {
    use cjkpress::layout::{ASCENT, Measure};
    let dir = tempfile::tempdir().unwrap();
    let line = "學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？";
    let path = dir.path().join("lunyu.md");
    let md = format!("---\ntitle: 論語\nlang: zh-Hant\n---\n\n{line}{line}\n");
    std::fs::write(&path, md).unwrap();
    let (prepared, layout) = laid_out(&path, "handout", Some(cjkpress::pinyin::Scheme::Zhuyin));
    let (_, plain) = laid_out(&path, "handout", None);
    let body = prepared.style.body_size;
    let pairs = model_pairs(&prepared.doc);
    assert_eq!(
        pairs.len(),
        2 * line
            .chars()
            .filter(|&c| cjkpress::pinyin::is_han(c))
            .count()
    );
    let (bases, readings) = placed(&layout, |_, run| run.size == body);
    let advance = |c: char, size: f32| {
        prepared
            .fonts
            .glyph(prepared.style.body_role, false, c)
            .map_or(size, |p| p.advance * size)
    };
    let tone = |c: char| "ˊˇˋ˙".contains(c);
    let mut from = 0;
    let han: Vec<&Placed> = bases
        .iter()
        .filter(|b| cjkpress::pinyin::is_han(b.ch))
        .collect();
    assert_eq!(han.len(), pairs.len(), "base characters");
    for ((c, r), base) in pairs.iter().zip(&han) {
        assert_eq!(*c, base.ch, "bases in order");
        let n = r.chars().count();
        let glyphs = &readings[from..from + n];
        from += n;
        assert_eq!(glyphs.iter().map(|g| g.ch).collect::<String>(), *r);
        let right = base.x + advance(base.ch, base.size);
        let next = bases
            .iter()
            .filter(|b| b.y == base.y && b.x > base.x)
            .map(|b| b.x)
            .fold(f32::MAX, f32::min);
        let symbols: Vec<&Placed> = glyphs.iter().filter(|g| !tone(g.ch)).collect();
        let (em_top, em_bottom) = (
            base.y - ASCENT * base.size,
            base.y + (1.0 - ASCENT) * base.size,
        );
        for g in glyphs {
            assert!(
                (g.size / base.size - 0.3).abs() < 0.02,
                "{r}: size {}",
                g.size
            );
            assert!(g.x >= right - 0.01, "{r} right of {c}: {} < {right}", g.x);
            assert!(
                g.x + advance(g.ch, g.size) <= next + 0.01,
                "{r} of {c} runs into the next character at {next}"
            );
        }
        for pair in symbols.windows(2) {
            assert_eq!(pair[0].x, pair[1].x, "{r}: one column");
            assert!(
                (pair[1].y - pair[0].y - pair[0].size).abs() < 0.01,
                "{r}: stacked"
            );
        }
        let top = symbols[0].y - ASCENT * symbols[0].size;
        let last = symbols[symbols.len() - 1];
        let bottom = last.y + (1.0 - ASCENT) * last.size;
        assert!(
            top >= em_top - 0.01 && bottom <= em_bottom + 0.01,
            "{r} within {c}'s em box"
        );
        for g in glyphs.iter().filter(|g| "ˊˇˋ".contains(g.ch)) {
            assert!(
                g.x >= symbols[0].x + symbols[0].size - 0.01,
                "{r}: tone beside the symbols"
            );
        }
    }
    assert_eq!(from, readings.len(), "no other readings");
    // Nothing over the lines: the same baselines as without readings.
    let baselines = |layout: &cjkpress::layout::Layout| -> Vec<f32> {
        let mut ys: Vec<f32> = layout.pages[0]
            .runs
            .iter()
            .filter(|r| r.size == body)
            .map(|r| r.y)
            .collect();
        ys.dedup();
        ys
    };
    let (with, without) = (baselines(&layout), baselines(&plain));
    assert!(with.len() >= 2 && with.len() >= without.len(), "{with:?}");
    assert_eq!(with[1] - with[0], without[1] - without[0], "line pitch");
    // The page copies as the base text alone.
    if common::tools(&["pdftotext"]) {
        let pdf = dir.path().join("lunyu.pdf");
        common::run_ok(common::cjkpress().arg(&path).arg("-o").arg(&pdf).args([
            "--no-system-fonts",
            "--ruby",
            "zhuyin",
        ]));
        let text: String = common::output(Command::new("pdftotext").arg(&pdf).arg("-"))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(text.contains(&format!("{line}{line}")), "{text}");
    }
}

#[test]
fn a_page_of_readings_copies_as_the_base_text_and_stays_pdf_ua() {
    let dir = tempfile::tempdir().unwrap();
    let (md, pairs) = ruby_markdown();
    let path = dir.path().join("quatrain.md");
    std::fs::write(&path, md).unwrap();
    let (_out_dir, pdf) = common::convert(&path, "pdf", &["--no-system-fonts"]);
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let text = common::output(Command::new("pdftotext").arg(&pdf).arg("-"));
    let han: String = common::squash(&text)
        .chars()
        .filter(|c| !matches!(c, '，' | '。') && !c.is_ascii_digit())
        .collect();
    let bases: String = pairs.iter().map(|&(c, _)| c).collect();
    assert_eq!(han, bases, "{text}");
    let found = Command::new("python3")
        .args(["-c", "import page, pikepdf"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::available("python3 with page-validation and pikepdf", found) {
        return;
    }
    let verdict = common::output(
        Command::new("python3")
            .arg(common::root().join("tests/tools/pdfcheck.py"))
            .arg("validate")
            .arg(&pdf),
    );
    assert_eq!(
        verdict.trim(),
        r#"{"PDF_UA_1": [], "PDF_A_2U": []}"#,
        "page-validation"
    );
}

/// The seed with `--ruby pinyin`: every Han character gets a reading, the PDF copies as the
/// seed's own Han text in order (the readings never interleave), and no visual line starts with
/// a mark that may not start a line or ends with one that may not end it (GB/T 15834, clreq
/// §3.1.7), as without ruby.
#[test]
fn the_seed_with_automatic_pinyin_copies_as_its_text_and_keeps_kinsoku() {
    const NO_START: &str = "，。、；：？！）》」』”’〕】";
    const NO_END: &str = "（《「『“‘〔【";
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let (_plain_dir, plain) = common::convert(&common::seed(), "pdf", &["--no-system-fonts"]);
    let (_dir, pdf) = common::convert(
        &common::seed(),
        "pdf",
        &["--no-system-fonts", "--ruby", "pinyin"],
    );
    let han = |pdf: &Path| -> String {
        common::output(Command::new("pdftotext").arg(pdf).arg("-"))
            .chars()
            .filter(|&c| cjkpress::pinyin::is_han(c))
            .collect()
    };
    let text = han(&pdf);
    assert!(text.chars().count() > 1000, "the seed's text: {text}");
    let dump = common::run_ok(
        common::cjkpress()
            .arg("dump")
            .arg(common::seed())
            .args(["--ruby", "pinyin"]),
    );
    let rubies = String::from_utf8_lossy(&dump.stdout)
        .matches("\"type\": \"ruby\"")
        .count();
    assert!(rubies > 500, "{rubies} readings in the model");
    assert_eq!(text, han(&plain), "the base text alone, in order");
    for (p, page) in common::pages::lines(&pdf).iter().enumerate() {
        for line in page {
            let (Some(first), Some(last)) = (line.text.chars().next(), line.text.chars().last())
            else {
                continue;
            };
            assert!(
                !NO_START.contains(first) && !NO_END.contains(last),
                "page {}: {}",
                p + 1,
                line.text
            );
        }
    }
}
