//! A warning, never silence, when a flag does not apply (issue 26, item 4): once per document,
//! naming the flag and every format of the build that ignores it.

mod common;

use std::path::Path;

/// Runs `cjkpress` in `dir` with `args` and returns its standard error.
fn stderr(dir: &Path, args: &[&str]) -> String {
    let out = common::run_ok(common::cjkpress().current_dir(dir).args(args));
    String::from_utf8(out.stderr).unwrap()
}

/// A folder with a short document, a stylesheet, a picture and a reference DOCX.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# 标题\n\n正文第12章。\n").unwrap();
    std::fs::write(dir.path().join("u.css"), "p { color: red; }\n").unwrap();
    std::fs::copy(
        common::root().join("tests/data/red.png"),
        dir.path().join("c.png"),
    )
    .unwrap();
    let reference = common::run_ok(common::cjkpress().arg("reference-doc"));
    std::fs::write(dir.path().join("ref.docx"), reference.stdout).unwrap();
    dir
}

/// Every flag that some format ignores, built into all four formats: one line each, against
/// the golden copy `tests/data/flags.stderr` (`UPDATE_GOLDEN=1` rewrites it).
#[test]
fn every_ignored_flag_is_named_once_with_its_formats() {
    let dir = folder();
    #[rustfmt::skip]
    let args = [
        "build", "a.md", "-o", "out", "--no-system-fonts",
        "--vertical", "--css", "u.css", "--raw-html", "--reference-doc", "ref.docx",
        "--cover", "c.png", "-V", "paper=A5", "--toc-depth", "2", "--ruby-sandhi",
        "--ruby-tones", "numbers", "--allow-nonstandard",
    ];
    let err = stderr(dir.path(), &args);
    let warnings: String = err
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let golden = common::root().join("tests/data/flags.stderr");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &warnings).unwrap();
    }
    let want = std::fs::read_to_string(&golden).expect("the golden copy (UPDATE_GOLDEN=1)");
    assert_eq!(warnings, want);
    // Four formats written, each flag reported once.
    assert_eq!(err.matches("wrote ").count(), 4, "{err}");
    assert_eq!(err.matches("--css").count(), 1, "{err}");
}

/// A flag that applies to the format built says nothing; the same flag on a format that ignores
/// it says so.
#[test]
fn a_flag_is_quiet_where_it_applies() {
    let dir = folder();
    let html = stderr(
        dir.path(),
        &[
            "a.md",
            "-o",
            "a.html",
            "--no-system-fonts",
            "--css",
            "u.css",
            "--vertical",
        ],
    );
    assert!(!html.contains("warning:"), "{html}");
    let pdf = stderr(
        dir.path(),
        &["a.md", "-o", "a.pdf", "--no-system-fonts", "--css", "u.css"],
    );
    assert!(
        pdf.contains("warning: a.md: --css does not apply to the PDF: "),
        "{pdf}"
    );
    // `--pdf-standard` names its format: only news when no PDF is made.
    let docx = stderr(
        dir.path(),
        &[
            "a.md",
            "-o",
            "a.docx",
            "--no-system-fonts",
            "--pdf-standard",
            "none",
        ],
    );
    assert!(
        docx.contains("--pdf-standard does not apply to the DOCX"),
        "{docx}"
    );
    let both = stderr(
        dir.path(),
        &[
            "build",
            "a.md",
            "-o",
            "out",
            "--to",
            "pdf,docx",
            "--no-system-fonts",
            "--pdf-standard",
            "none",
        ],
    );
    assert!(!both.contains("warning:"), "{both}");
}

/// Vertical writing from the front matter is the flag's; an official document stays
/// horizontal in every format and says why.
#[test]
fn vertical_from_front_matter_and_under_the_gongwen_preset() {
    let dir = folder();
    std::fs::write(
        dir.path().join("v.md"),
        "---\nvertical: true\n---\n\n正文第12章。\n",
    )
    .unwrap();
    let err = stderr(dir.path(), &["v.md", "-o", "v.pdf", "--no-system-fonts"]);
    // Every format is set vertically now: nothing to warn about.
    assert!(!err.contains("does not apply"), "{err}");
    stderr(dir.path(), &["v.md", "-o", "v.docx", "--no-system-fonts"]);
    let document = common::unzip(&dir.path().join("v.docx"))["word/document.xml"].clone();
    assert!(String::from_utf8(document).unwrap().contains("tbRl"));

    let notice = common::root().join("source/notice.md");
    let out = dir.path().join("notice.docx");
    let err = stderr(
        dir.path(),
        &[
            notice.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--no-system-fonts",
            "--vertical",
        ],
    );
    assert!(
        err.contains("--vertical does not apply to an official document: GB/T 9704-2012"),
        "{err}"
    );
    let document = common::unzip(&out)["word/document.xml"].clone();
    assert!(!String::from_utf8(document).unwrap().contains("tbRl"));
}
