//! The user's own fonts (issue 21): a face serves a role only if it fits the document, one
//! warning says when one does not, marks are compressed where the face's glyphs really sit, and
//! every DOCX run names a face that has its characters. With the Debian packages `.ci/run`
//! unpacks into `target/tools/fonts`; the PDFs are read back with `tests/tools/pdfglyphs.py`
//! (glyph positions and ink boxes from the embedded font files), the DOCX with
//! `tests/tools/docxfaces.py`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::pages::{Drawn, drawn};
use common::root;

/// The unpacked font packages, or `None` (after saying why) on a machine without them.
fn font_dir() -> Option<PathBuf> {
    let dir = root().join("target/tools/fonts/usr/share/fonts/truetype");
    let found = ["cwtex/cwfs.ttf", "arphic/uming.ttc", "arphic/ukai.ttc"]
        .iter()
        .all(|f| dir.join(f).is_file());
    common::available("font packages unpacked in target/tools/fonts", found).then_some(dir)
}

/// Whether python3 has pikepdf, fontTools and page-validation (`.ci/run` installs them).
fn python() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import pikepdf, fontTools, page"])
        .output()
        .is_ok_and(|o| o.status.success());
    common::available("python3 with pikepdf, fontTools and page-validation", found)
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
    let mut glyphs: Vec<Glyph> = out
        .lines()
        .map(|row| {
            let f: Vec<&str> = row.split('\t').collect();
            let num = |s: &str| s.parse::<f32>().ok();
            Glyph {
                page: f[0].parse().unwrap(),
                y: f[1].to_string(),
                x: num(f[2]).unwrap(),
                font: f[4].to_string(),
                size: f[5].to_string(),
                ch: f[6].to_string(),
                ink: num(f[7]).zip(num(f[8])),
            }
        })
        .collect();
    let y = |g: &Glyph| g.y.parse::<f32>().unwrap();
    glyphs.sort_by(|a, b| (a.page, y(a)).partial_cmp(&(b.page, y(b))).unwrap());
    // One line: baselines within 1.5 pt of its first, so that a stand-in ideograph, raised to
    // centre its smaller glyph (`FontSet::blend_scale`), stays on its line.
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if line[0].page == g.page && y(&g) - y(&line[0]) < 1.5 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
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
    let cases: [(&str, Vec<&str>); 5] = [
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
        // The Traditional book of the issue: UMing lacks 爲 and seven rarer characters.
        (
            "tests/data/guwen.md",
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
            // Where a glyph's cell starts: a stand-in ideograph drawn smaller (Noto Serif SC
            // for what cwTeX lacks) is centred in its full cell.
            let size = |g: &Glyph| g.size.parse::<f32>().unwrap();
            let cell = |g: &Glyph| g.x - (size(q) - size(g)) / 2.0;
            let cells = (cell(c) - cell(a)) / pitch;
            assert!(
                (cells - 2.0).abs() < 0.05,
                "p{} {}{}{}: {cells} cells",
                q.page,
                a.ch,
                q.ch,
                c.ch
            );
            let at = (q.x - cell(a)) / pitch;
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

// Issue 21, "Must show": 古文觀止 (zh-Hant, 222 pieces) with the Debian faces — AR PL UMing
// TW's centred `，。` and `。”` pairs never put ink on ink, and 爲, which UMing lacks, comes
// from a Ming face (HanaMin), not the bundled Noto Serif SC.
#[test]
fn guwen_with_the_debian_faces_has_no_ink_collisions() {
    let Some(fonts) = font_dir() else { return };
    if !python() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("guwen.pdf");
    let args = [
        "--preset",
        "book",
        "--no-system-fonts",
        "--font-dir",
        fonts.to_str().unwrap(),
    ];
    convert(&root().join("tests/data/guwen.md"), &pdf, &args);
    let lines = lines(&pdf);
    let glyphs = lines.iter().flatten().count();
    assert!(glyphs > 140_000, "{glyphs} glyphs read");
    let pairs = lines
        .iter()
        .flat_map(|l| l.windows(2))
        .filter(|w| w[0].ch == "。" && w[1].ch == "”")
        .count();
    assert!(pairs > 400, "{pairs} 。” pairs");
    let hits = collisions(&lines);
    assert!(
        hits.is_empty(),
        "{} collisions: {:?}",
        hits.len(),
        &hits[..hits.len().min(20)]
    );
    let wei = lines.iter().flatten().filter(|g| g.ch == "爲");
    assert!(wei.clone().count() > 1000 && wei.clone().all(|g| g.font.starts_with("HanaMin")));
}

// Issue 21 item 3: a character cwTeX 仿宋 lacks comes from Noto Serif SC, whose ideographs look
// a sixth larger at the same size. Set at the size that matches (`FontSet::blend_scale`), its
// ink is as tall as its cwTeX neighbours' and centred on their middle; the DOCX sets those runs
// smaller and raised; a web page whose roles all have their own faces
// gives the stand-in face's rule a `size-adjust`.
#[test]
fn fallback_ideographs_look_as_large_as_the_role_face_s() {
    let Some(fonts) = font_dir() else { return };
    if !python() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cwfs = fonts.join("cwtex/cwfs.ttf");
    let given = format!("fangsong={}", cwfs.display());
    let args = ["--preset", "gongwen", "--no-system-fonts", "--font", &given];
    let notice = root().join("tests/data/typed-notice.txt");
    let pdf = dir.path().join("notice.pdf");
    convert(&notice, &pdf, &args);
    let han = |g: &&Drawn| ('\u{4E00}'..='\u{9FFF}').contains(&g.ch);
    let glyphs: Vec<Drawn> = drawn(&pdf)
        .into_iter()
        .filter(|g| g.ink.is_some())
        .collect();
    let own: Vec<&Drawn> = glyphs
        .iter()
        .filter(han)
        .filter(|g| g.font.contains("cwTeX"))
        .collect();
    let ink = |g: &Drawn| g.ink.unwrap_or_default();
    let middle = |g: &Drawn| (ink(g)[1] + ink(g)[3]) / 2.0;
    let height = |g: &Drawn| ink(g)[3] - ink(g)[1];
    // The stand-ins on a line of cwTeX text: Noto glyphs whose ink centre is within a quarter
    // of an em of a cwTeX glyph's on the same page.
    let (mut theirs, mut mine, mut checked) = (0.0, 0.0, 0);
    for g in glyphs
        .iter()
        .filter(han)
        .filter(|g| g.font.contains("NotoSerifSC"))
    {
        let line: Vec<&&Drawn> = own
            .iter()
            .filter(|o| o.page == g.page && (middle(o) - middle(g)).abs() < 4.0)
            .collect();
        if line.is_empty() {
            continue;
        }
        let n = line.len() as f32;
        let line_middle = line.iter().map(|o| middle(o)).sum::<f32>() / n;
        let line_size = line[0].size;
        assert!(
            g.size < line_size,
            "p{} {}: drawn at {} beside {line_size}",
            g.page,
            g.ch,
            g.size
        );
        assert!(
            (middle(g) - line_middle).abs() < 0.1 * line_size,
            "p{} {}: ink centre {} against the line's {line_middle}",
            g.page,
            g.ch,
            middle(g)
        );
        mine += height(g);
        theirs += line.iter().map(|o| height(o)).sum::<f32>() / n;
        checked += 1;
    }
    assert!(checked > 20, "{checked} stand-in characters found");
    // At the same size Noto's ink is 1.14 times as tall.
    let ratio = mine / theirs;
    assert!((0.93..1.07).contains(&ratio), "ink heights {ratio:.3}");
    // Tagged and archival as any page: the visible stand-ins are in spans with no text.
    let standards = common::output(
        Command::new("python3")
            .arg(root().join("tests/tools/pdfcheck.py"))
            .arg("validate")
            .arg(&pdf),
    );
    assert_eq!(standards.trim(), r#"{"PDF_UA_1": [], "PDF_A_2U": []}"#);
    // The page copies as its text: no space around a stand-in (区县, 学, 为, 实 are Noto's).
    if common::tools(&["pdftotext"]) {
        let text = common::output(Command::new("pdftotext").arg(&pdf).arg("-"));
        for line in ["各区县教育局，市直各学校：", "为切实做好冬季校园安全工作"]
        {
            assert!(text.contains(line), "{line} not in:\n{text}");
        }
    }

    let docx = dir.path().join("notice.docx");
    convert(&notice, &docx, &args);
    let xml = String::from_utf8(common::unzip(&docx)["word/document.xml"].clone()).unwrap();
    let noto_runs: Vec<&str> = xml
        .split("<w:r>")
        .filter(|r| r.contains("w:eastAsia=\"Noto Serif SC\"") && r.contains("<w:position "))
        .collect();
    assert!(noto_runs.len() > 20, "{} blended runs", noto_runs.len());
    let attr = |run: &str, name: &str| -> f32 {
        let key = format!("<w:{name} w:val=\"");
        let at = run.find(&key).unwrap() + key.len();
        run[at..].split('"').next().unwrap().parse().unwrap()
    };
    for run in noto_runs {
        // 0.85 of the body's 16 pt or the colophon's 14, raised; the 公文 grid keeps the cell.
        let size = attr(run, "sz") / 2.0;
        assert!(
            [16.0, 14.0]
                .iter()
                .any(|b| (0.82..0.88).contains(&(size / b))),
            "{size}: {run}"
        );
        assert!(attr(run, "position") > 0.0, "{run}");
    }

    // Every styled role given cwTeX: Noto Serif SC only stands in, at the body's scale.
    let md = dir.path().join("b.md");
    std::fs::write(
        &md,
        "---\ntitle: 学习通知\n---\n\n# 一、总体要求\n\n为切实做好冬季校园安全工作，保障师生生命财产安全。\n",
    )
    .unwrap();
    let html = dir.path().join("b.html");
    let roles: Vec<String> = ["body", "heading", "title", "emphasis"]
        .iter()
        .map(|r| format!("{r}={}", cwfs.display()))
        .collect();
    let mut args = vec!["--no-system-fonts"];
    for r in &roles {
        args.extend(["--font", r.as_str()]);
    }
    convert(&md, &html, &args);
    let page = std::fs::read_to_string(&html).unwrap();
    let rule = page
        .split("@font-face")
        .find(|r| r.contains("\"Noto Serif SC Regular\""))
        .expect("a rule for the stand-in face");
    assert!(
        rule.contains("size-adjust: 85%;"),
        "{}",
        &rule[..rule.len().min(120)]
    );
    assert!(
        page.split("@font-face")
            .map(|r| r.split('}').next().unwrap())
            .filter(|r| r.contains("cwTeX"))
            .all(|r| !r.contains("size-adjust")),
        "the role's own face keeps its size"
    );
}

// One font file named for several roles is one face: each output embeds it once, and the roles
// it was not given for still fall back to the bundled serif.
#[test]
fn a_file_given_for_several_roles_is_embedded_once() {
    let Some(fonts) = font_dir() else { return };
    if !common::tools(&["pdffonts"]) {
        return;
    }
    let uming = fonts.join("arphic/uming.ttc");
    let given: Vec<String> = ["body", "heading", "title", "emphasis"]
        .iter()
        .map(|role| format!("{role}={}", uming.display()))
        .collect();
    let mut args = vec!["--no-system-fonts"];
    for g in &given {
        args.extend(["--font", g]);
    }
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("source/speech.txt");
    let pdf = dir.path().join("s.pdf");
    convert(&src, &pdf, &args);
    let listed = common::output(Command::new("pdffonts").arg(&pdf));
    let uming_fonts = listed.lines().filter(|l| l.contains("UMing")).count();
    assert_eq!(uming_fonts, 1, "{listed}");
    let epub = dir.path().join("s.epub");
    convert(&src, &epub, &args);
    let names = common::unzip(&epub);
    let files: Vec<&String> = names.keys().filter(|n| n.contains("UMing")).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let html = dir.path().join("s.html");
    convert(&src, &html, &args);
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(
        page.matches("@font-face { font-family: \"AR PL UMing")
            .count(),
        1
    );
}
