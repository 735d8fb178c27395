//! Faces found where users keep them (issue 10): font folders, the system's fonts through
//! fontconfig, the per-character fallback chain and licence flags, with real Debian font packages
//! that `.ci/run` unpacks into `target/tools/fonts` (not installed, so that the other tests keep a
//! machine without CJK fonts).

mod common;

use common::unzip;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The unpacked font packages, or `None` (after saying why) on a machine without them.
fn font_dir() -> Option<PathBuf> {
    let dir = common::root().join("target/tools/fonts");
    let found = [
        "usr/share/fonts/truetype/cwtex/cwfs.ttf",
        "usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "usr/share/fonts/truetype/arphic/ukai.ttc",
        "usr/share/fonts/truetype/arphic/uming.ttc",
        "usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    ]
    .iter()
    .all(|f| dir.join(f).is_file());
    common::available("font packages unpacked in target/tools/fonts", found).then_some(dir)
}

fn pdffonts(pdf: &Path) -> Option<String> {
    if !common::available("pdffonts", common::have("pdffonts")) {
        return None;
    }
    let out = common::run_ok(Command::new("pdffonts").arg(pdf));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The `pdffonts` rows whose name contains `name`: each must be embedded and a subset.
fn assert_embedded(fonts: &str, name: &str) {
    let rows: Vec<&str> = fonts.lines().filter(|l| l.contains(name)).collect();
    assert!(!rows.is_empty(), "no {name} in:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols.len() - 5;
        assert_eq!(cols[emb], "yes", "{name} not embedded: {row}");
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const GONGWEN: &str = "关于开展测试工作的通知\n\n各单位：\n\n一、总体要求\n\n各单位要高度重视，认真组织实施。\n\n（一）加强领导\n\n切实开展好各项工作，确保取得实效。\n";

#[test]
fn gongwen_draws_hei_and_kai_from_a_font_folder_and_no_big5_fangsong() {
    let Some(fonts) = font_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("notice.txt");
    std::fs::write(&src, GONGWEN).unwrap();
    let args = [
        "--preset",
        "gongwen",
        "--no-system-fonts",
        "--font-dir",
        fonts.to_str().unwrap(),
    ];
    let pdf = dir.path().join("notice.pdf");
    let out = common::run_ok(
        common::cjkpress()
            .arg("convert")
            .arg(&src)
            .arg("-o")
            .arg(&pdf)
            .args(args),
    );
    // cwTeX 仿宋 is a Traditional (Big5) face: a Simplified notice does not take it, and the
    // build says so once, without -v (issue 21).
    let warned: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| l.starts_with("warning:") && l.contains("font role fangsong"))
        .map(String::from)
        .collect();
    assert_eq!(warned.len(), 1, "{}", stderr(&out));
    assert!(
        warned[0].contains("cwTeXFangSong") && warned[0].contains("Noto Serif SC"),
        "{warned:?}"
    );
    if let Some(list) = pdffonts(&pdf) {
        assert!(!list.contains("cwTeXFangSong"), "{list}");
        assert_embedded(&list, "WenQuanYiZenHei");
        assert_embedded(&list, "UKaiCN");
    }

    let (_docx_dir, docx) = common::convert(&src, "docx", &args);
    let parts = unzip(&docx);
    let table = String::from_utf8_lossy(&parts["word/fontTable.xml"]).into_owned();
    let document = String::from_utf8_lossy(&parts["word/document.xml"]).into_owned();
    let styles = String::from_utf8_lossy(&parts["word/styles.xml"]).into_owned();
    assert!(!table.contains("cwTeXFangSong"), "{table}");
    for family in ["WenQuanYi Zen Hei", "AR PL UKai CN"] {
        let named = format!("w:name=\"{family}\"");
        let at = table
            .find(&named)
            .unwrap_or_else(|| panic!("{family} not in the font table:\n{table}"));
        let entry = &table[at..at + table[at..].find("</w:font>").unwrap()];
        assert!(
            entry.contains("w:embedRegular"),
            "{family} not embedded: {entry}"
        );
        assert!(
            document.contains(&format!("\"{family}\""))
                || styles.contains(&format!("\"{family}\"")),
            "no run or style uses {family}"
        );
    }
    let embedded = parts
        .keys()
        .filter(|k| k.starts_with("word/fonts/") && k.ends_with(".odttf"));
    assert!(
        embedded.count() >= 3,
        "{:?}",
        parts.keys().collect::<Vec<_>>()
    );
}

#[test]
fn a_traditional_document_uses_the_traditional_ming_face() {
    let Some(fonts) = font_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("guwen.md");
    std::fs::write(
        &src,
        "---\ntitle: 古文觀止\nlang: zh-Hant\n---\n\n# 鄭伯克段于鄢\n\n初，鄭武公娶于申，曰武姜。生莊公及共叔段。\n",
    )
    .unwrap();
    let out = common::run_ok(
        common::cjkpress()
            .arg("convert")
            .arg(&src)
            .arg("-o")
            .arg(dir.path().join("guwen.pdf"))
            .args(["--no-system-fonts", "--font-dir"])
            .arg(&fonts),
    );
    assert!(
        !stderr(&out).contains("Traditional"),
        "a Traditional face was there: {}",
        stderr(&out)
    );
    if let Some(list) = pdffonts(&dir.path().join("guwen.pdf")) {
        assert_embedded(&list, "UMingTW");
        assert!(!list.contains("NotoSerifSC-Regular"), "{list}");
    }
}

#[test]
fn a_traditional_document_without_a_traditional_face_warns_once() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("guwen.md");
    std::fs::write(
        &src,
        "---\nlang: zh-Hant\n---\n\n# 鄭伯克段于鄢\n\n初，鄭武公娶于申。\n",
    )
    .unwrap();
    // A fontconfig that sees no CJK font, so the system's fonts are searched and found wanting.
    let conf = common::no_cjk_fontconfig(dir.path());
    for system in [&["--no-system-fonts"][..], &[]] {
        let out = common::run_ok(
            common::cjkpress()
                .env("FONTCONFIG_FILE", &conf)
                .env_remove("CJKPRESS_FONT_PATH")
                .arg("build")
                .arg(&src)
                .arg("-o")
                .arg(dir.path().join("out"))
                .args(system),
        );
        let warnings = stderr(&out)
            .lines()
            .filter(|l| l.contains("Traditional"))
            .count();
        assert_eq!(warnings, 1, "{system:?}: {}", stderr(&out));
    }
}

/// Extension B characters, some from classical poetry (𠀀𠀁𠂇 and 𡿺 𢈈 𣎴 𤆬).
const EXT_B: &str = "𠀀𠀁𠂇，𡿺𢈈𣎴𤆬。\n";

#[test]
fn extension_b_is_covered_by_a_font_in_the_folder() {
    let Some(fonts) = font_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("extb.txt");
    std::fs::write(&src, format!("古诗\n\n{EXT_B}")).unwrap();
    let check = |extra: &[&std::ffi::OsStr]| {
        let out = common::run_ok(
            common::cjkpress()
                .env_remove("CJKPRESS_FONT_PATH")
                .args(["check", "--no-system-fonts"])
                .arg(&src)
                .args(extra),
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let with = check(&["--font-dir".as_ref(), fonts.as_os_str()]);
    assert!(with.contains("every character has a glyph"), "{with}");
    let without = check(&[]);
    assert!(
        without.contains('𠀀') && without.contains('𤆬'),
        "Ext-B reported missing without the folder: {without}"
    );

    // The same through the environment, and drawn into the PDF from HanaMinB.
    let pdf = dir.path().join("extb.pdf");
    let out = common::run_ok(
        common::cjkpress()
            .env("CJKPRESS_FONT_PATH", &fonts)
            .args(["convert", "--no-system-fonts", "-v"])
            .arg(&src)
            .arg("-o")
            .arg(&pdf),
    );
    assert!(
        stderr(&out).contains("fallback: HanaMinB"),
        "{}",
        stderr(&out)
    );
    if let Some(list) = pdffonts(&pdf) {
        assert_embedded(&list, "HanaMinB");
    }
}

#[test]
fn system_fonts_are_found_through_fontconfig() {
    let Some(fonts) = font_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{}</dir>\n</fontconfig>\n",
            fonts.display()
        ),
    )
    .unwrap();
    let fonts_of = |extra: &[&str]| {
        let out = common::run_ok(
            common::cjkpress()
                .env("FONTCONFIG_FILE", &conf)
                .env_remove("CJKPRESS_FONT_PATH")
                .arg("fonts")
                .args(extra),
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let report = fonts_of(&[]);
    let line = |role: &str| {
        report
            .lines()
            .find(|l| l.starts_with(&format!("{role}:")))
            .unwrap_or_else(|| panic!("no {role} in:\n{report}"))
            .to_string()
    };
    assert!(line("kai").contains("AR PL UKai CN"), "{report}");
    assert!(line("hei").contains("WenQuanYi Zen Hei"), "{report}");
    assert!(line("fangsong").contains("cwTeXFangSong"), "{report}");
    assert!(line("body").contains("bundled"), "{report}");
    let off = fonts_of(&["--no-system-fonts"]);
    assert!(!off.contains("UKai"), "{off}");
    // A configuration that names no folder: fontconfig sees no fonts, and neither do we (the
    // machine's own fonts, e.g. DejaVu under /usr/share/fonts, stay out: fontdb alone would
    // scan its default folders). See: an audit of issue 10's "no CJK font" machine.
    std::fs::write(
        &conf,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig></fontconfig>\n",
    )
    .unwrap();
    let src = dir.path().join("emoji.md");
    std::fs::write(&src, "# 标题\n\n笑😀，Latin ünïcode.\n").unwrap();
    let none = fonts_of(&[src.to_str().unwrap()]);
    assert!(!none.contains("/usr/"), "{none}");
    assert!(none.contains("no font covers U+1F600"), "{none}");
}

#[test]
fn fonts_lists_every_role_and_what_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("mixed.txt");
    std::fs::write(&src, "标题\n\n中文与한국어。\n").unwrap();
    let out = common::run_ok(
        common::cjkpress()
            .env_remove("CJKPRESS_FONT_PATH")
            .args(["fonts", "--no-system-fonts"])
            .arg(&src),
    );
    let report = String::from_utf8_lossy(&out.stdout);
    for role in [
        "body",
        "heading",
        "title",
        "emphasis",
        "mono",
        "fangsong",
        "kai",
        "hei",
        "xiaobiaosong",
    ] {
        assert!(
            report.lines().any(|l| l.starts_with(&format!("{role}:"))),
            "{role} missing from:\n{report}"
        );
    }
    assert!(report.contains("Noto Serif SC"), "{report}");
    assert!(
        report.contains("missing: no font covers U+D55C 한"),
        "{report}"
    );
    // 小标宋 has no free package: the report names the face that would complete the preset.
    let xbs = report
        .lines()
        .find(|l| l.starts_with("xiaobiaosong:"))
        .unwrap();
    assert!(xbs.contains("方正小标宋简体"), "{xbs}");
}

#[test]
fn the_seed_is_the_same_with_or_without_extra_fonts() {
    let Some(fonts) = font_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let build = |name: &str, extra: &[&std::ffi::OsStr]| {
        let out = dir.path().join(name);
        common::run_ok(
            common::cjkpress()
                .env_remove("CJKPRESS_FONT_PATH")
                .arg("build")
                .arg(common::seed())
                .arg("-o")
                .arg(&out)
                .args(extra),
        );
        out
    };
    let bare = build("bare", &["--no-system-fonts".as_ref()]);
    let rich = build("rich", &["--font-dir".as_ref(), fonts.as_os_str()]);
    for ext in ["pdf", "docx", "epub", "html"] {
        let a = std::fs::read(bare.join(format!("speech.{ext}"))).unwrap();
        let b = std::fs::read(rich.join(format!("speech.{ext}"))).unwrap();
        assert!(a == b, "speech.{ext} differs when more fonts are present");
    }
}

/// Fonts made by fontTools covering `测试中文` and Latin: `restricted.ttf` (family `KaiTi`, OS/2
/// fsType 2) and `preview.ttf` (family `Test Preview`, fsType 4).
fn licensed_fonts(dir: &Path) -> bool {
    let python = Command::new("python3")
        .args(["-c", "import fontTools"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::available("python3 with fontTools", python) {
        return false;
    }
    let script = r#"
import sys
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

text = "测试中文一二三各单位要高度重视认真组织实施。，：！" + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 "
cmap = {ord(c): "g%04X" % ord(c) for c in text}
order = [".notdef"] + sorted(set(cmap.values()))

def build(family, fstype, path):
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap)
    glyphs = {}
    for g in order:
        pen = TTGlyphPen(None)
        pen.moveTo((50, 0)); pen.lineTo((50, 700)); pen.lineTo((900, 700)); pen.lineTo((900, 0)); pen.closePath()
        glyphs[g] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({g: (1000, 50) for g in order})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "psName": family.replace(" ", "") + "-Regular"})
    fb.setupOS2(usWeightClass=400, fsType=fstype, sTypoAscender=880, sTypoDescender=-120)
    fb.setupPost()
    fb.save(path)

build("KaiTi", 2, sys.argv[1] + "/restricted.ttf")
build("Test Preview", 4, sys.argv[1] + "/preview.ttf")
"#;
    common::run_ok(Command::new("python3").args(["-c", script]).arg(dir));
    true
}

#[test]
fn restricted_faces_are_skipped_and_preview_faces_stay_out_of_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    if !licensed_fonts(&fonts) {
        return;
    }
    let src = dir.path().join("test.txt");
    std::fs::write(&src, "测试\n\n中文测试。\n").unwrap();

    // Given explicitly, and found in a folder as the Kai face: skipped both times, with a warning.
    let restricted = fonts.join("restricted.ttf");
    for args in [
        vec![
            "--font".to_string(),
            format!("kai={}", restricted.display()),
        ],
        vec!["--font-dir".to_string(), fonts.display().to_string()],
    ] {
        let out = common::run_ok(
            common::cjkpress()
                .env_remove("CJKPRESS_FONT_PATH")
                .args(["fonts", "--no-system-fonts"])
                .args(&args),
        );
        let (report, err) = (String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(
            err.contains("KaiTi") && err.contains("forbids embedding"),
            "{args:?}: {err}"
        );
        let kai = report.lines().find(|l| l.starts_with("kai:")).unwrap();
        assert!(kai.contains("bundled"), "{args:?}: {kai}");
    }

    // The front matter names a face relative to the document's folder.
    let md = dir.path().join("front.md");
    std::fs::write(
        &md,
        "---\nfonts:\n  body: fonts/preview.ttf\n---\n\n中文测试。\n",
    )
    .unwrap();
    let out = common::run_ok(
        common::cjkpress()
            .args(["fonts", "--no-system-fonts"])
            .arg(&md),
    );
    let report = String::from_utf8_lossy(&out.stdout);
    let body = report.lines().find(|l| l.starts_with("body:")).unwrap();
    assert!(body.contains("Test Preview"), "{report}");

    // Preview & print: drawn into the PDF, named but not embedded in the DOCX.
    let preview = format!("body={}", fonts.join("preview.ttf").display());
    let pdf = dir.path().join("test.pdf");
    common::run_ok(
        common::cjkpress()
            .args(["convert", "--no-system-fonts", "--font", &preview])
            .arg(&src)
            .arg("-o")
            .arg(&pdf),
    );
    if let Some(list) = pdffonts(&pdf) {
        assert_embedded(&list, "TestPreview");
    }
    let docx = dir.path().join("test.docx");
    let out = common::run_ok(
        common::cjkpress()
            .args(["convert", "--no-system-fonts", "--font", &preview])
            .arg(&src)
            .arg("-o")
            .arg(&docx),
    );
    assert!(
        stderr(&out).contains("preview and print only"),
        "{}",
        stderr(&out)
    );
    let parts = unzip(&docx);
    let table = String::from_utf8_lossy(&parts["word/fontTable.xml"]).into_owned();
    let at = table
        .find("w:name=\"Test Preview\"")
        .expect("named in the font table");
    let entry = &table[at..at + table[at..].find("</w:font>").unwrap()];
    assert!(!entry.contains("w:embed"), "{entry}");
}
