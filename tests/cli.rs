//! The command-line contract (DESIGN.md, "CLI contract"): subcommands, exit codes, one-line errors,
//! atomic writes.

mod common;

use std::fs;
use std::process::Output;

use common::cjkpress;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a command expected to fail with exit code 1 and one `error: <file>: <cause>` line.
fn fails(args: &[&std::ffi::OsStr], file: &std::path::Path, cause: &str) {
    let out = cjkpress().args(args).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(
        lines[0].starts_with(&format!("error: {}: ", file.display())) && lines[0].contains(cause),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn dump_prints_the_model_as_json() {
    let out = common::run_ok(cjkpress().arg("dump").arg(common::seed()));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["meta"]["title"], "区委科学发展观活动动员会讲话");
    assert_eq!(json["blocks"][0]["type"], "salutation");
    assert_eq!(json["blocks"][2]["type"], "heading");
    assert_eq!(json["blocks"][2]["level"], 1);
}

#[test]
fn verbose_reports_what_was_guessed_and_dropped() {
    let out = common::run_ok(cjkpress().arg("dump").arg("-v").arg(common::seed()));
    let err = stderr(&out);
    assert!(
        err.contains("dropped web breadcrumb `首页 > 文章中心 > 正文`"),
        "{err}"
    );
    assert!(err.contains("dropped the repeated title"), "{err}");
    assert!(
        err.contains("run-in level-2 heading `(一)加强领导,落实责任。`"),
        "{err}"
    );
    let quiet = common::run_ok(cjkpress().arg("dump").arg(common::seed()));
    assert!(stderr(&quiet).is_empty());
}

#[test]
fn bad_inputs_fail_with_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "empty document"),
        ("blank.md", b"  \n\n\t\n", "empty document"),
        (
            "binary.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "not a text file (binary data at byte",
        ),
        (
            "bad.txt",
            b"abc\xff\xfe\xfd\xff",
            "not valid UTF-8, nor a CJK encoding",
        ),
    ];
    for (name, bytes, cause) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        fails(&["dump".as_ref(), path.as_os_str()], &path, cause);
        let out = dir.path().join("out.html");
        fails(
            &[
                "convert".as_ref(),
                path.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
            ],
            &path,
            cause,
        );
    }
    let missing = dir.path().join("missing.txt");
    fails(
        &["dump".as_ref(), missing.as_os_str()],
        &missing,
        "cannot read (No such file",
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["build", "--to", "rtf"],
        &["build", "--preset", "letter"],
        &["convert", "a.txt"],
        &["a.txt"],
        &["a.txt", "-o", "a.rtf", "--to", "rtf"],
        &["a.txt", "-o", "a.pdf", "--from", "rst"],
    ] {
        let out = cjkpress().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

/// See: issue 23, item 5 (`--to` and `--preset` were free strings: completion could not offer
/// their values). A bad value gets clap's message with the values it takes.
#[test]
fn closed_sets_of_values_are_listed() {
    let help = common::run_ok(cjkpress().arg("--help"));
    let help = String::from_utf8_lossy(&help.stdout);
    for value in [
        "pdf:", "docx:", "epub:", "html:", "handout:", "gongwen:", "book:", "md:", "txt:",
    ] {
        assert!(
            help.contains(&format!("- {value}")),
            "{value} in --help:\n{help}"
        );
    }
    let build = common::run_ok(cjkpress().args(["build", "-h"]));
    let build = String::from_utf8_lossy(&build.stdout);
    assert!(
        build.contains("[possible values: pdf, docx, epub, html]"),
        "{build}"
    );
    let out = cjkpress()
        .args(["build", "--to", "pdf,rtf"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("invalid value 'rtf' for '--to <FORMATS>'")
            && err.contains("[possible values: pdf, docx, epub, html]"),
        "{err}"
    );
}

/// See: issue 23, item 1: `cjkpress a.md -o a.pdf` was "unrecognized subcommand".
#[test]
fn the_command_people_type_converts() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "# 标题\n\n正文。\n").unwrap();
    let out = common::run_ok(cjkpress().current_dir(dir.path()).args([
        "a.md",
        "-o",
        "a.pdf",
        "--no-system-fonts",
    ]));
    assert_eq!(stderr(&out), "wrote a.pdf\n");
    let pdf = dir.path().join("a.pdf");
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    if common::tools(&["pdftotext"]) {
        let text = common::output(std::process::Command::new("pdftotext").arg(&pdf).arg("-"));
        assert!(text.contains("标题") && text.contains("正文。"), "{text}");
    }
    // `--to` over the extension, in any case, and flags before the input.
    common::run_ok(cjkpress().current_dir(dir.path()).args([
        "--no-system-fonts",
        "--to",
        "HTML",
        "a.md",
        "-o",
        "page.out",
    ]));
    let html = fs::read_to_string(dir.path().join("page.out")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn a_misspelt_subcommand_is_said_to_be_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = cjkpress()
        .current_dir(dir.path())
        .arg("biuld")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(
            "error: `biuld` is neither a subcommand (build, convert, dump, check, fonts, watch, completions, man, reference-doc) nor a file"
        ),
        "{err}"
    );
    // A file of that name is an input that lacks its output.
    fs::write(dir.path().join("biuld"), "正文。").unwrap();
    let out = cjkpress()
        .current_dir(dir.path())
        .arg("biuld")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--output <OUTPUT>"), "{err}");
}

/// See: issue 23, item 1: `build a.md -o a.pdf` silently made a folder `a.pdf/` of four files.
#[test]
fn build_into_a_file_name_says_what_to_type() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "正文。\n").unwrap();
    let out = cjkpress()
        .current_dir(dir.path())
        .args(["build", "a.md", "-o", "a.pdf"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(
            "error: a.pdf names a file, but `build -o` names the folder the outputs go in: \
             type `cjkpress a.md -o a.pdf` to make that file (or `build -o a --to pdf` for a folder)"
        ),
        "{err}"
    );
    assert!(err.contains("Usage: cjkpress build"), "{err}");
    assert!(!dir.path().join("a.pdf").exists());
    // A folder that exists is a folder, whatever its name.
    fs::create_dir(dir.path().join("site.html")).unwrap();
    common::run_ok(cjkpress().current_dir(dir.path()).args([
        "build",
        "a.md",
        "-o",
        "site.html",
        "--to",
        "html",
        "-q",
        "--no-system-fonts",
    ]));
    assert!(dir.path().join("site.html/a.html").is_file());
}

#[test]
fn unknown_output_extension_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("speech.rtf");
    fails(
        &[
            "convert".as_ref(),
            common::seed().as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
        &out,
        "cannot tell the format",
    );
}

#[test]
fn a_failed_run_keeps_the_existing_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("doc.html");
    fs::write(&out, "GOOD").unwrap();
    let bad = dir.path().join("doc.txt");
    fs::write(&bad, b"\x00\x01binary").unwrap();
    fails(
        &[
            "convert".as_ref(),
            bad.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
        &bad,
        "not a text file",
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "GOOD");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
}

#[test]
fn keep_punctuation_leaves_ascii_marks() {
    let out = common::run_ok(
        cjkpress()
            .args(["dump", "--keep-punctuation"])
            .arg(common::seed()),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("同志们:"));
    let out = common::run_ok(cjkpress().arg("dump").arg(common::seed()));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("同志们：") && !text.contains("同志们:"));
}

#[test]
fn bad_fonts_fail_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let not_font = common::root().join("README.md");
    let missing = dir.path().join("missing.ttf");
    for (font, arg, cause) in [
        (
            &not_font,
            format!("--font={}", not_font.display()),
            "not a font file",
        ),
        (
            &missing,
            format!("--font=kai={}", missing.display()),
            "No such file",
        ),
    ] {
        fails(
            &[
                "convert".as_ref(),
                common::seed().as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
                arg.as_ref(),
            ],
            font,
            cause,
        );
    }
    assert!(!out.exists());
}
