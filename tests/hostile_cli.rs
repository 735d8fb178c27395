//! Hostile input, round 3 (issue 24): the command line and the file system — a full disk on
//! standard error, file names at NAME_MAX, control characters in names, an empty cover.
// See: issue 24, "Command line and names".
#![cfg(unix)]

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::bounded::{BOUND, text_survives};

/// `cjkpress ARGS` in `dir`, hermetic, with the epoch fixed.
fn cli(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = common::cjkpress();
    cmd.current_dir(dir)
        .args(args)
        .arg("--no-system-fonts")
        .env("SOURCE_DATE_EPOCH", "1700000000");
    cmd
}

/// Runs `cmd`, asserting it ends within [`BOUND`].
fn run(cmd: &mut Command) -> Output {
    let start = std::time::Instant::now();
    let out = cmd.output().unwrap();
    assert!(start.elapsed() < BOUND, "took {:?}", start.elapsed());
    out
}

const BODY: &str = "# 标题\n\n中文正文。\n";

#[test]
fn a_full_disk_on_standard_error_ends_quietly_after_the_work() {
    // `eprintln!` panicked (exit 101) on `2> /dev/full`, after `build` had written its outputs.
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        assert!(!common::in_ci(), "/dev/full is missing under CI");
        eprintln!("skipped: no /dev/full");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // An empty cover makes a warning, so there is something to report.
    fs::write(
        dir.path().join("a.md"),
        format!("---\ncover: \"\"\n---\n\n{BODY}"),
    )
    .unwrap();
    let out = run(cli(
        dir.path(),
        &["build", "a.md", "-o", "out", "--to", "html", "--to", "pdf"],
    )
    .stderr(full.try_clone().unwrap()));
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("out/a.html").is_file());
    assert!(dir.path().join("out/a.pdf").is_file());
    // An error with nowhere to be said still ends the run with 1, not a panic's 101.
    let out = run(cli(dir.path(), &["missing.md", "-o", "x.html"]).stderr(full));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn sources_named_up_to_name_max_are_built() {
    // The temporary file `.NAME.XXXXXX.tmp` was 12 bytes longer than the output's name: from
    // 239 bytes up it exceeded NAME_MAX (255) and the run failed.
    let dir = tempfile::tempdir().unwrap();
    for len in [239, 245, 250] {
        // 3-byte characters and ASCII to make exactly `len` bytes with `.md`; `.docx` is one byte
        // longer than `.md`, so outputs are cut from the longest source names.
        let stem = format!(
            "{}{}",
            "长".repeat((len - 3) / 3),
            "a".repeat((len - 3) % 3)
        );
        assert_eq!(stem.len() + 3, len);
        fs::write(dir.path().join(format!("{stem}.md")), BODY).unwrap();
        let out = run(&mut cli(
            dir.path(),
            &[&format!("{stem}.md"), "-o", &format!("{stem}.pdf")],
        ));
        assert!(
            out.status.success(),
            "{len} bytes: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(dir.path().join(format!("{stem}.pdf")).is_file());
        let out = run(&mut cli(
            dir.path(),
            &[
                "build",
                &format!("{stem}.md"),
                "-o",
                "out",
                "--to",
                "html",
                "--to",
                "epub",
            ],
        ));
        assert!(
            out.status.success(),
            "{len} bytes: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // No temporary file is left behind.
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn control_characters_in_names_are_escaped_in_every_message() {
    // A downloaded folder's file named with a newline and an escape sequence forged an
    // `error:` line and cleared the screen.
    let dir = tempfile::tempdir().unwrap();
    let name = "x\nerror: forged\u{1b}[2J\u{202e}.md";
    fs::write(
        dir.path().join(name),
        format!("---\ncover: \"\"\n---\n\n{BODY}"),
    )
    .unwrap();
    let check = |out: &Output| {
        let stderr = String::from_utf8(out.stderr.clone()).unwrap();
        assert!(!stderr.contains(['\u{1b}', '\u{202e}']), "{stderr:?}");
        assert!(
            !stderr.lines().any(|l| l.starts_with("error: forged")),
            "{stderr:?}"
        );
        assert!(stderr.contains("x\\nerror: forged\\u{1b}[2J"), "{stderr:?}");
    };
    let out = run(&mut cli(
        dir.path(),
        &["build", ".", "-o", "out", "--to", "html"],
    ));
    assert!(out.status.success());
    check(&out);
    text_survives_html(&dir.path().join("out"));
    // An error names the file too.
    let out = run(&mut cli(dir.path(), &[name, "-o", "x\u{1b}[2J.unknown"]));
    assert_eq!(out.status.code(), Some(1));
    check_escape_only(&out);
    // `check` on standard output as well.
    let out = run(&mut cli(dir.path(), &["check", name]));
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
    assert!(String::from_utf8_lossy(&out.stdout).contains("x\\nerror: forged"));
}

/// The HTML built from the hostile name keeps the source's text.
fn text_survives_html(out: &Path) {
    let html = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .unwrap();
    let text = fs::read_to_string(html).unwrap();
    assert!(text.contains("中文正文。"));
}

/// The stderr of `out` has no raw escape character.
fn check_escape_only(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("\\u{1b}"), "{stderr:?}");
}

#[test]
fn an_empty_cover_says_it_names_no_file() {
    // `cover: ""` said "not a regular file (a folder, device, FIFO or socket)" of the folder.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        format!("---\ncover: \"\"\n---\n\n{BODY}"),
    )
    .unwrap();
    let out = run(cli(dir.path(), &["build", "a.md", "-o", "out"]).stdin(Stdio::null()));
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`cover` is empty and names no file"),
        "{stderr}"
    );
    assert!(!stderr.contains("not a regular file"), "{stderr}");
    text_survives(&dir.path().join("out"), "a", &["标题", "中文正文。"]);
}

#[test]
fn front_matter_fonts_stay_in_the_document_s_folder_and_the_font_folders() {
    // `fonts:` read any path, which told an untrusted document whether a path exists and what
    // it is: now the rule images follow, with the font folders and the system's allowed too.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc");
    let fonts = dir.path().join("fonts");
    let elsewhere = dir.path().join("elsewhere");
    for d in [&doc, &fonts, &elsewhere] {
        fs::create_dir(d).unwrap();
    }
    let face = common::sfnt::truetype(
        "Confined",
        common::sfnt::format12(&[(0x4E2D, 0x4E2D, 1)]),
        &[Vec::new(), common::sfnt::square()],
    );
    fs::write(doc.join("in.ttf"), &face).unwrap();
    fs::write(fonts.join("dir.ttf"), &face).unwrap();
    fs::write(elsewhere.join("out.ttf"), &face).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("out.ttf"), doc.join("link.ttf")).unwrap();
    let font_dir = fonts.to_str().unwrap();
    let convert = |file: &str, extra: &[&str]| {
        fs::write(
            doc.join("a.md"),
            format!("---\nfonts: {{body: \"{file}\"}}\n---\n\n{BODY}"),
        )
        .unwrap();
        let mut args = vec!["a.md", "-o", "a.html", "--font-dir", font_dir];
        args.extend(extra);
        run(&mut cli(&doc, &args))
    };
    let refused = |out: &Output, file: &str| {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
        assert!(
            stderr.contains("is outside the document's folder and the font folders"),
            "{file}: {stderr}"
        );
    };
    for file in ["in.ttf", "../fonts/dir.ttf"] {
        let out = convert(file, &[]);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A file outside, one that does not exist and one that is not a font all get the same
    // answer: the document learns nothing of them.
    let absent = elsewhere.join("absent.ttf");
    for file in [
        "../elsewhere/out.ttf",
        absent.to_str().unwrap(),
        "/etc/passwd",
        "link.ttf",
    ] {
        refused(&convert(file, &[]), file);
    }
    let out = convert("../elsewhere/out.ttf", &["--allow-outside"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
