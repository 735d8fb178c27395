//! The user's own fonts (issue 21): a face serves a role only if it fits the document, one
//! warning says when one does not, marks are compressed where the face's glyphs really sit, and
//! every DOCX run names a face that has its characters. With the Debian packages `.ci/run`
//! unpacks into `target/tools/fonts`; the PDFs are read back with `tests/tools/pdfglyphs.py`
//! (glyph positions and ink boxes from the embedded font files), the DOCX with
//! `tests/tools/docxfaces.py`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::root;

/// The unpacked font packages, or `None` (after saying why) on a machine without them.
fn font_dir() -> Option<PathBuf> {
    let dir = root().join("target/tools/fonts/usr/share/fonts/truetype");
    let found = ["cwtex/cwfs.ttf", "arphic/uming.ttc", "arphic/ukai.ttc"]
        .iter()
        .all(|f| dir.join(f).is_file());
    common::available("font packages unpacked in target/tools/fonts", found).then_some(dir)
}

/// Whether python3 has pikepdf and fontTools (`.ci/run` installs them).
fn python() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import pikepdf, fontTools"])
        .output()
        .is_ok_and(|o| o.status.success());
    common::available("python3 with pikepdf and fontTools", found)
}

/// Converts `src` to `out` with `args`; returns the run's output.
fn convert(src: &Path, out: &Path, args: &[&str]) -> Output {
    common::run_ok(
        common::cjkpress()
            .arg("convert")
            .arg(src)
            .arg("-o")
            .arg(out)
            .args(args),
    )
}

/// One glyph of a PDF as `pdfglyphs.py` prints it.
struct Glyph {
    page: usize,
    y: String,
    x: f32,
    font: String,
    size: String,
    ch: String,
    ink: Option<(f32, f32)>,
}

/// The glyphs of a PDF grouped by line (page and baseline), each line in order of x.
fn lines(pdf: &Path) -> Vec<Vec<Glyph>> {
    let out = common::output(
        Command::new("python3")
            .arg(root().join("tests/tools/pdfglyphs.py"))
            .arg(pdf),
    );
    let mut by_line: BTreeMap<(usize, String), Vec<Glyph>> = BTreeMap::new();
    for row in out.lines() {
        let f: Vec<&str> = row.split('\t').collect();
        let num = |s: &str| s.parse::<f32>().ok();
        let g = Glyph {
            page: f[0].parse().unwrap(),
            y: f[1].to_string(),
            x: num(f[2]).unwrap(),
            font: f[4].to_string(),
            size: f[5].to_string(),
            ch: f[6].to_string(),
            ink: num(f[7]).zip(num(f[8])),
        };
        by_line.entry((g.page, g.y.clone())).or_default().push(g);
    }
    by_line
        .into_values()
        .map(|mut line| {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            line
        })
        .collect()
}

/// Characters drawn in a face different from both their neighbours on the same line and size:
/// the ransom note (`…办…` in another face between two characters of the role's face).
fn ransom(lines: &[Vec<Glyph>]) -> Vec<String> {
    let mut found = Vec::new();
    for line in lines {
        for w in line.windows(3) {
            let (a, b, c) = (&w[0], &w[1], &w[2]);
            if a.size == b.size && b.size == c.size && b.font != a.font && b.font != c.font {
                found.push(format!("p{} {}{}{}: {}", b.page, a.ch, b.ch, c.ch, b.font));
            }
        }
    }
    found
}

/// Neighbouring glyphs on a line whose ink overlaps (more than 0.01 pt).
fn collisions(lines: &[Vec<Glyph>]) -> Vec<String> {
    let mut found = Vec::new();
    for line in lines {
        for w in line.windows(2) {
            if let (Some(a), Some(b)) = (w[0].ink, w[1].ink)
                && a.1 > b.0 + 0.01
            {
                found.push(format!("p{} {}{}", w[0].page, w[0].ch, w[1].ch));
            }
        }
    }
    found
}

fn warnings(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .map(String::from)
        .collect()
}

#[test]
fn a_simplified_notice_is_drawn_by_one_face_and_says_why_not_cwtex() {
    let Some(fonts) = font_dir() else { return };
    if !python() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("notice.pdf");
    let args = [
        "--preset",
        "gongwen",
        "--no-system-fonts",
        "--font-dir",
        fonts.to_str().unwrap(),
    ];
    let out = convert(&root().join("source/notice.md"), &pdf, &args);
    let warned = warnings(&out);
    let fangsong: Vec<&String> = warned
        .iter()
        .filter(|w| w.contains("font role fangsong"))
        .collect();
    assert_eq!(fangsong.len(), 1, "{warned:#?}");
    assert!(
        fangsong[0].contains("cwTeXFangSong")
            && fangsong[0].contains("not a Simplified Chinese face")
            && fangsong[0].contains("Noto Serif SC (bundled) draws the role instead"),
        "{}",
        fangsong[0]
    );
    let lines = lines(&pdf);
    assert!(lines.iter().flatten().count() > 1000, "too few glyphs read");
    assert!(
        !lines.iter().flatten().any(|g| g.font.contains("cwTeX")),
        "cwTeX 仿宋 drew part of a Simplified notice"
    );
    let ransom = ransom(&lines);
    assert!(
        ransom.is_empty(),
        "{} ransom characters: {ransom:?}",
        ransom.len()
    );

    // The same with cwTeX 仿宋 given for the role: it stays (the user chose it), the warning
    // says what falls back, and `--strict` refuses a role drawn in two faces.
    let cwfs = fonts.join("cwtex/cwfs.ttf");
    let given = format!("fangsong={}", cwfs.display());
    let out = convert(
        &root().join("source/notice.md"),
        &pdf,
        &["--no-system-fonts", "--font", &given],
    );
    let warned = warnings(&out);
    assert!(
        warned.iter().any(|w| w.contains("font role fangsong")
            && w.contains("Noto Serif SC (bundled) draws them")),
        "{warned:#?}"
    );
    let strict = common::cjkpress()
        .arg("convert")
        .arg(root().join("source/notice.md"))
        .arg("-o")
        .arg(&pdf)
        .args(["--no-system-fonts", "--strict", "--font", &given])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(
        stderr.lines().count() == 1 && stderr.contains("font role fangsong"),
        "{stderr}"
    );
}

#[test]
fn fonts_and_check_say_the_same_and_recommend_no_big5_fangsong() {
    let Some(fonts) = font_dir() else { return };
    let run = |command: &str| {
        common::cjkpress()
            .args([command, "--no-system-fonts", "--font-dir"])
            .arg(&fonts)
            .arg(root().join("source/notice.md"))
            .output()
            .unwrap()
    };
    let report = run("fonts");
    let stdout = String::from_utf8_lossy(&report.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("does not fit: font role fangsong: cwTeXFangSong")),
        "{stdout}"
    );
    let line = stdout.lines().find(|l| l.starts_with("fangsong:")).unwrap();
    assert!(
        !line.contains("fonts-cwtex-fs") && line.contains("no free Simplified 仿宋"),
        "{line}"
    );
    let check = run("check");
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(said.contains("font role fangsong: cwTeXFangSong"), "{said}");
}

#[test]
fn centred_traditional_marks_never_collide() {
    let Some(fonts) = font_dir() else { return };
    if !python() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("lunyu.pdf");
    let src = root().join("tests/data/lunyu-hant.md");
    let args = [
        "--preset",
        "book",
        "--no-system-fonts",
        "--font-dir",
        fonts.to_str().unwrap(),
    ];
    let out = convert(&src, &pdf, &args);
    let lines = lines(&pdf);
    assert!(
        lines.iter().flatten().any(|g| g.font.contains("UMingTW")),
        "not set in UMing"
    );
    // 。” is the pair that collided (483 times before): the body has hundreds of them.
    let pairs = lines
        .iter()
        .flat_map(|l| l.windows(2))
        .filter(|w| w[0].ch == "。" && w[1].ch == "”")
        .count();
    assert!(pairs > 300, "{pairs} 。” pairs");
    let hits = collisions(&lines);
    assert!(
        hits.is_empty(),
        "{} collisions: {:?}",
        hits.len(),
        &hits[..hits.len().min(20)]
    );
    // UMing lacks 爲: a Ming face found beside it draws it (HanaMin), not the bundled
    // Noto Serif SC, and one warning names it, with where it comes from.
    let wei: Vec<&str> = lines
        .iter()
        .flatten()
        .filter(|g| g.ch == "爲")
        .map(|g| g.font.as_str())
        .collect();
    assert!(
        !wei.is_empty() && wei.iter().all(|f| f.starts_with("HanaMin")),
        "{wei:?}"
    );
    assert!(
        !lines
            .iter()
            .flatten()
            .any(|g| g.font.contains("NotoSerifSC")),
        "the bundled face drew part of the book"
    );
    let warned = warnings(&out);
    assert_eq!(
        warned
            .iter()
            .filter(|w| w.contains("AR PL UMing TW"))
            .count(),
        1,
        "{warned:#?}"
    );
    assert!(warned.iter().any(|w| w.contains("爲")), "{warned:#?}");
}

#[test]
fn every_docx_run_names_a_face_that_has_its_characters() {
    let Some(fonts) = font_dir() else { return };
    if !python() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cwfs = fonts.join("cwtex/cwfs.ttf");
    let fangsong = format!("fangsong={}", cwfs.display());
    let body = format!("body={}", cwfs.display());
    let font_dir = fonts.to_str().unwrap();
    let cases: [(&str, Vec<&str>); 4] = [
        // The 公文 keep-together paragraph before 附件 was one run in cwTeX 仿宋.
        (
            "tests/data/typed-notice.txt",
            vec!["--preset", "gongwen", "--font", &fangsong],
        ),
        (
            "source/notice.md",
            vec!["--preset", "gongwen", "--font-dir", font_dir],
        ),
        // Headings, tables, notes and the contents.
        (
            "tests/data/features.md",
            vec!["--preset", "book", "--toc", "--font", &body],
        ),
        (
            "tests/data/lunyu-hant.md",
            vec!["--preset", "book", "--toc", "--font-dir", font_dir],
        ),
    ];
    for (src, extra) in cases {
        let docx = dir.path().join("out.docx");
        let mut args = vec!["--no-system-fonts"];
        args.extend(extra.iter().copied());
        convert(&root().join(src), &docx, &args);
        let report = common::output(
            Command::new("python3")
                .arg(root().join("tests/tools/docxfaces.py"))
                .arg(&docx)
                .arg(&fonts)
                .arg(root().join("fonts")),
        );
        assert!(
            report.lines().last() == Some("runs lacking: 0"),
            "{src} {extra:?}:\n{report}"
        );
    }
}

#[test]
fn the_book_sets_emphasis_in_kai_when_a_kai_face_fits() {
    let Some(fonts) = font_dir() else { return };
    if !python() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("em.md");
    std::fs::write(
        &src,
        "---\ntitle: 测试\n---\n\n# 第一章\n\n正文里有*强调的文字*和**加粗**。\n",
    )
    .unwrap();
    let font_of = |args: &[&str]| {
        let pdf = dir.path().join("em.pdf");
        convert(&src, &pdf, args);
        let lines = lines(&pdf);
        let glyphs: Vec<(String, String)> = lines
            .iter()
            .flatten()
            .map(|g| (g.ch.clone(), g.font.clone()))
            .collect();
        glyphs
    };
    let font_dir = fonts.to_str().unwrap();
    let kai = font_of(&[
        "--preset",
        "book",
        "--no-system-fonts",
        "--font-dir",
        font_dir,
    ]);
    let face = |glyphs: &[(String, String)], c: &str| {
        glyphs
            .iter()
            .find(|(ch, _)| ch == c)
            .map(|(_, f)| f.clone())
            .unwrap_or_default()
    };
    assert!(face(&kai, "强").contains("UKai"), "{kai:?}");
    assert!(face(&kai, "正").contains("NotoSerifSC"), "{kai:?}");
    // Without a Kai face the book keeps the 着重号; `emphasis: bold` (a setting) sets it bold.
    let dots = font_of(&["--preset", "book", "--no-system-fonts"]);
    assert!(
        face(&dots, "强").contains("NotoSerifSC-Regular"),
        "{dots:?}"
    );
    let bold = font_of(&["--no-system-fonts", "-V", "emphasis=bold"]);
    assert!(face(&bold, "强").contains("Bold"), "{bold:?}");
    // The DOCX names the Kai face on the emphasised run and turns the style's dots off.
    let docx = dir.path().join("em.docx");
    convert(
        &src,
        &docx,
        &[
            "--preset",
            "book",
            "--no-system-fonts",
            "--font-dir",
            font_dir,
        ],
    );
    let document = String::from_utf8_lossy(&common::unzip(&docx)["word/document.xml"]).into_owned();
    let at = document.find("强调的文字").unwrap();
    let run = &document[document[..at].rfind("<w:r>").unwrap()..at];
    assert!(
        run.contains("w:eastAsia=\"AR PL UKai CN\"") && run.contains("<w:em w:val=\"none\"/>"),
        "{run}"
    );
}

// Issue 21 item 2: cwTeX 仿宋's `“ ”` are 0.33 em Latin forms; beside Chinese text each takes a
// full cell of the 公文 grid (ink at the right of an opening quote's cell, at the left of a
// closing one's), and the page copies back without spaces around them.
#[test]
fn narrow_quotes_take_full_cells_on_the_gongwen_grid() {
    let Some(fonts) = font_dir() else { return };
    if !python() || !common::tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("speech.pdf");
    let given = format!("fangsong={}", fonts.join("cwtex/cwfs.ttf").display());
    let args = ["--preset", "gongwen", "--no-system-fonts", "--font", &given];
    convert(&common::seed(), &pdf, &args);
    let style = cjkpress::style::Style::preset(cjkpress::style::Preset::Gongwen);
    let pitch = style.text_width() * cjkpress::style::PT_PER_MM / 28.0;
    let mut quotes = 0;
    for line in lines(&pdf) {
        for w in line.windows(3) {
            let (a, q, c) = (&w[0], &w[1], &w[2]);
            let han = |g: &Glyph| {
                g.ch.chars()
                    .all(|ch| ('\u{4E00}'..='\u{9FFF}').contains(&ch))
            };
            if !q.font.contains("cwTeX") || !"“”".contains(q.ch.as_str()) || !han(a) || !han(c)
            {
                continue;
            }
            quotes += 1;
            let cells = (c.x - a.x) / pitch;
            assert!(
                (cells - 2.0).abs() < 0.05,
                "p{} {}{}{}: {cells} cells",
                q.page,
                a.ch,
                q.ch,
                c.ch
            );
            let at = (q.x - a.x) / pitch;
            let want = if q.ch == "“" { 2.0 - 0.33 } else { 1.0 };
            assert!(
                (at - want).abs() < 0.1,
                "p{} {}{}: at {at}",
                q.page,
                a.ch,
                q.ch
            );
        }
    }
    assert!(quotes > 5, "{quotes} quotes between ideographs");
    let text = common::output(Command::new("pdftotext").arg(&pdf).arg("-"));
    assert!(
        !text.contains(" “") && !text.contains("” ") && text.contains("“深入学习"),
        "quotes copy back with spaces"
    );
}
