//! `cjkpress build` end to end: the default folders, all four formats, determinism, coverage.

mod common;

use std::fs;
use std::path::Path;

use common::{cjkpress, run_ok};

fn build_in(dir: &Path, epoch: &str) -> Vec<(String, Vec<u8>)> {
    run_ok(
        cjkpress()
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", epoch)
            .args(["build", "-q"]),
    );
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn build_converts_source_into_out_deterministically() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("source")).unwrap();
    fs::copy(common::seed(), dir.path().join("source/speech.txt")).unwrap();
    fs::copy(&common::samples()[0], dir.path().join("source/lunyu.md")).unwrap();
    fs::write(dir.path().join("source/notes.rtf"), "not a source").unwrap();

    let first = build_in(dir.path(), "1700000000");
    let names: Vec<&str> = first.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "lunyu.docx",
            "lunyu.epub",
            "lunyu.html",
            "lunyu.pdf",
            "speech.docx",
            "speech.epub",
            "speech.html",
            "speech.pdf"
        ]
    );
    for (name, bytes) in &first {
        assert!(bytes.len() > 1000, "{name} is {} bytes", bytes.len());
    }
    // Same input, same SOURCE_DATE_EPOCH: byte-identical outputs.
    let second = build_in(dir.path(), "1700000000");
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{name} differs between two identical runs");
    }
    // A different date changes only what carries the date, and stays deterministic.
    let third = build_in(dir.path(), "1800000000");
    let fourth = build_in(dir.path(), "1800000000");
    assert_eq!(third, fourth);
}

#[test]
fn build_writes_only_the_formats_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    run_ok(
        cjkpress()
            .args(["build", "-q", "--to", "html,epub", "-o"])
            .arg(&out)
            .arg(common::seed()),
    );
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["speech.epub", "speech.html"]);
}

const UNCOVERED: &str = "标题\n\n吉祥的𠮷字在这里。\n\n한국어 문장。\n";

#[test]
fn check_names_uncovered_characters_and_strict_fails() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("mixed.txt");
    fs::write(&src, UNCOVERED).unwrap();
    let out = run_ok(cjkpress().arg("check").arg(&src));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("U+20BB7 𠮷 (first at line 3, column 4; 1 time)"),
        "{report}"
    );
    assert!(
        report.contains("U+D55C 한 (first at line 5, column 1"),
        "{report}"
    );
    assert!(!report.contains("U+5409"), "吉 is covered: {report}");

    let strict = cjkpress()
        .args(["check", "--strict"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    let err = dir.path().join("mixed.html");
    let strict = cjkpress()
        .args(["convert", "--strict"])
        .arg(&src)
        .arg("-o")
        .arg(&err)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("U+20BB7"));
    assert!(!err.exists());
}

#[test]
fn uncovered_characters_are_warned_about_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("mixed.txt");
    fs::write(&src, UNCOVERED).unwrap();
    let html = dir.path().join("mixed.html");
    let out = run_ok(cjkpress().arg("convert").arg(&src).arg("-o").arg(&html));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning:") && err.contains("U+20BB7"), "{err}");
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.contains("𠮷") && page.contains("한국어"));
}

/// Runs `build` over two sources with `jobs` threads; returns stderr and every output.
fn build_with_jobs(dir: &Path, jobs: &str, out: &str) -> (String, Vec<(String, Vec<u8>)>) {
    let output = run_ok(
        cjkpress()
            .current_dir(dir)
            .args(["build", "source", "-o", out, "-v", "-j", jobs]),
    );
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir.join(out))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    let stderr = String::from_utf8_lossy(&output.stderr).replace(out, "OUT");
    (stderr, files)
}

#[test]
fn parallel_builds_match_a_one_thread_build_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("source")).unwrap();
    fs::copy(common::seed(), dir.path().join("source/speech.txt")).unwrap();
    fs::copy(&common::samples()[0], dir.path().join("source/lunyu.md")).unwrap();
    let (log1, one) = build_with_jobs(dir.path(), "1", "out-j1");
    let (log4, four) = build_with_jobs(dir.path(), "4", "out-j4");
    assert_eq!(one.len(), 8);
    assert!(one == four, "outputs differ between -j 1 and -j 4");
    assert_eq!(log1, log4, "messages in a different order");
    // One input: its formats side by side.
    fs::remove_file(dir.path().join("source/lunyu.md")).unwrap();
    let (_, single1) = build_with_jobs(dir.path(), "1", "single-j1");
    let (_, single4) = build_with_jobs(dir.path(), "4", "single-j4");
    assert!(
        single1 == single4,
        "one input: outputs differ between -j 1 and -j 4"
    );
}

/// A folder tree as people keep one: chapters in subfolders, a README and a licence, a hidden
/// draft, the folder's settings, and one file that is no text at all (issue 23).
fn tree(dir: &Path) {
    let src = dir.join("src");
    fs::create_dir_all(src.join("part1/deep")).unwrap();
    fs::create_dir_all(src.join("part2")).unwrap();
    fs::create_dir_all(src.join(".git")).unwrap();
    fs::write(src.join("intro.md"), "# 前言\n\n正文。\n").unwrap();
    fs::write(src.join("part1/a.md"), "# 甲\n\n正文。\n").unwrap();
    fs::write(
        src.join("part1/deep/b.txt"),
        "乙\n\n正文写在这里，不止一行。\n",
    )
    .unwrap();
    fs::write(src.join("part2/a.md"), "# 丙\n\n正文。\n").unwrap();
    fs::write(
        src.join("part2/broken.txt"),
        [0u8, 159, 146, 150, 0, 0, 7, 255, 254, 0],
    )
    .unwrap();
    fs::write(src.join("README.txt"), "How to build this book.\n").unwrap();
    fs::write(src.join("LICENSE"), "CC BY 4.0\n").unwrap();
    fs::write(src.join(".draft.md"), "# 草稿\n").unwrap();
    fs::write(src.join(".git/HEAD.md"), "# git\n").unwrap();
    fs::write(src.join("cjkpress.toml"), "paper = \"a5\"\n").unwrap();
}

/// Every file under `dir`, as paths relative to it, in order.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn build_keeps_going_through_a_tree_and_fails_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let out = cjkpress()
        .current_dir(dir.path())
        .args([
            "build",
            "src",
            "-o",
            "out",
            "--to",
            "html",
            "--keep-going",
            "-j",
            "2",
        ])
        .arg("--no-system-fonts")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // Every good source, its folder mirrored; nothing of the broken one, README or hidden files.
    assert_eq!(
        files_under(&dir.path().join("out")),
        [
            "intro.html",
            "part1/a.html",
            "part1/deep/b.html",
            "part2/a.html"
        ],
        "{err}"
    );
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(
        errors[0].starts_with("error: src/part2/broken.txt: "),
        "{err}"
    );
    assert!(
        errors[1].contains("1 of 5 sources could not be converted"),
        "{err}"
    );
    for skipped in [
        "src/README.txt: skipped, a README",
        "src/LICENSE: skipped, a licence",
        "src/.draft.md: skipped, a hidden file",
        "src/cjkpress.toml: skipped, the folder's settings",
    ] {
        assert!(
            err.contains(&format!("note: {skipped}")),
            "{skipped}: {err}"
        );
    }
    assert!(
        !err.contains(".git"),
        "a hidden folder holds no sources: {err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn build_without_keep_going_stops_at_the_first_failure() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    fs::remove_dir_all(dir.path().join("src/part1")).unwrap();
    fs::remove_file(dir.path().join("src/intro.md")).unwrap();
    let out = cjkpress()
        .current_dir(dir.path())
        .args(["build", "src", "-o", "out", "--to", "html", "-j", "1"])
        .arg("--no-system-fonts")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // part2/a.md comes first and is written; broken.txt ends the run with one error line.
    assert_eq!(
        files_under(&dir.path().join("out")),
        ["part2/a.html"],
        "{err}"
    );
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with("error: src/part2/broken.txt: "),
        "{err}"
    );
}
