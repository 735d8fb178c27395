//! Pipes and links (issue 23, item 2): standard input and output, file descriptors, devices,
//! FIFOs and symbolic links as outputs. Nothing here writes through the machine's own
//! `/dev/stdout`: a test that writes to a descriptor does it through `/proc/self/fd/1` of a
//! child whose standard output is a file or pipe the test made.
// See: issue 23 (`-o /dev/stdout` renamed a temporary file over the system's `/dev/stdout`).
#![cfg(unix)]

mod common;

use std::fs;
use std::io::Write as _;
use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;
use std::process::{Command, Stdio};

use common::cjkpress;

/// A Markdown source `a.md` in a fresh folder.
fn source() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "# 标题\n\n正文。\n").unwrap();
    dir
}

/// `cjkpress ARGS` in `dir`, hermetic.
fn cli(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = cjkpress();
    cmd.current_dir(dir).args(args).arg("--no-system-fonts");
    cmd
}

/// Whether the process can see its descriptors as `/proc/self/fd` (Linux; not every sandbox).
fn have_proc_fd() -> bool {
    common::available(
        "/proc/self/fd",
        fs::symlink_metadata("/proc/self/fd/1").is_ok(),
    )
}

/// The text `pdftotext` reads from `pdf`, whitespace removed.
fn pdf_text(pdf: &Path) -> Option<String> {
    if !common::tools(&["pdftotext"]) {
        return None;
    }
    let text = common::output(Command::new("pdftotext").arg(pdf).arg("-"));
    Some(text.split_whitespace().collect())
}

/// See: issue 23, "Must show" (`printf '# 标题\n\n正文。' | cjkpress - -o - --to pdf | pdftotext - -`).
#[test]
fn standard_input_to_standard_output_through_a_pipe() {
    if !common::tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut cjk = cli(dir.path(), &["-", "-o", "-", "--to", "pdf"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pdf_in = cjk.stdout.take().unwrap();
    // Its input written and closed before anything waits for its output, or both would wait.
    cjk.stdin
        .take()
        .unwrap()
        .write_all("# 标题\n\n正文。".as_bytes())
        .unwrap();
    let pdftotext = Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(pdf_in)
        .output()
        .unwrap();
    let out = cjk.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Nothing but the document on standard output, so no "wrote -" either.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pdftotext.status.success());
    let text = String::from_utf8(pdftotext.stdout).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines[..2], ["标题", "正文。"], "{text}");
    // Nothing was written into the folder.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Runs `cjkpress ARGS` in `dir` with `stdin` as its standard input (`dump` takes no font
/// flags; every other command is hermetic).
fn with_stdin(dir: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut command = match args.first() {
        Some(&"dump") => {
            let mut cmd = cjkpress();
            cmd.current_dir(dir).args(args);
            cmd
        }
        _ => cli(dir, args),
    };
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn standard_input_is_markdown_unless_from_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let text = "一、总体要求\n\n# 不是标题\n";
    let dump = |args: &[&str]| {
        let out = with_stdin(dir.path(), args, text);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["type"] == "heading")
            .map(|b| serde_json::to_string(&b["inlines"]).unwrap())
            .collect::<Vec<_>>()
    };
    let markdown = dump(&["dump", "-"]);
    assert!(
        markdown.len() == 1 && markdown[0].contains("不是标题"),
        "{markdown:?}"
    );
    // The plain-text reader takes `一、` as a heading and `#` as text.
    let plain = dump(&["dump", "-", "--from", "txt"]);
    assert!(plain.iter().any(|h| h.contains("总体要求")), "{plain:?}");
    assert!(plain.iter().all(|h| !h.contains("不是标题")), "{plain:?}");
}

#[test]
fn standard_input_finds_its_images_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        common::root().join("tests/data/red.png"),
        dir.path().join("red.png"),
    )
    .unwrap();
    let out = with_stdin(
        dir.path(),
        &["-", "-o", "-", "--to", "html"],
        "正文。\n\n![红色](red.png)\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.is_empty(), "{err}");
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("src=\"data:image/png;base64,"), "{html}");
}

#[test]
fn errors_about_standard_input_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = with_stdin(dir.path(), &["-", "-o", "x.html"], "  \n\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines().count() == 1 && err.starts_with("error: <stdin>: empty document"),
        "{err}"
    );
    assert!(!dir.path().join("x.html").exists());
}

#[test]
fn standard_output_needs_to() {
    let dir = source();
    let out = cli(dir.path(), &["a.md", "-o", "-"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("error: `-o -` writes standard output") && err.contains("--to"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// A binary format is refused on a terminal, with one line; HTML is text and is written. The
/// terminal is `script`'s pseudo-terminal, so the test needs no terminal of its own.
#[test]
fn binary_output_is_refused_on_a_terminal() {
    if !common::tools(&["script"]) {
        return;
    }
    let dir = source();
    let bin = env!("CARGO_BIN_EXE_cjkpress");
    for (output, to, refused) in [
        ("-", "pdf", true),
        ("/proc/self/fd/1", "epub", true),
        ("-", "html", false),
    ] {
        let out = Command::new("script")
            .args(["-q", "-e", "-c"])
            .arg(format!(
                "{bin} a.md -o {output} --to {to} --no-system-fonts"
            ))
            .arg("/dev/null")
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        // `script` copies everything the program writes to the terminal to its own stdout.
        let shown = String::from_utf8_lossy(&out.stdout);
        if refused {
            assert_eq!(out.status.code(), Some(1), "{output} {to}: {shown}");
            let lines: Vec<&str> = shown.lines().collect();
            assert_eq!(lines.len(), 1, "{shown}");
            assert!(
                lines[0].starts_with("error: ") && lines[0].contains("is a terminal"),
                "{shown}"
            );
        } else {
            assert!(out.status.success(), "{shown}");
            assert!(shown.contains("<!DOCTYPE html>"), "{shown}");
        }
    }
}

#[test]
fn a_descriptor_link_streams_to_the_open_file_and_stays_a_link() {
    if !have_proc_fd() {
        return;
    }
    let dir = source();
    // What `/dev/stdout` is on Linux, made where the test may replace it if the code is wrong.
    let link = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    for output in [Path::new("/proc/self/fd/1"), &link] {
        let redirected = dir.path().join("so.pdf");
        let out = cli(dir.path(), &["a.md", "--to", "pdf"])
            .arg("-o")
            .arg(output)
            .stdout(fs::File::create(&redirected).unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{output:?}: {err}");
        let bytes = fs::read(&redirected).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-"),
            "{output:?}: {} bytes",
            bytes.len()
        );
        if let Some(text) = pdf_text(&redirected) {
            // The page number follows the text.
            assert!(text.starts_with("标题正文。"), "{text}");
        }
    }
    assert!(
        fs::symlink_metadata(&link).unwrap().is_symlink(),
        "still a link"
    );
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("/proc/self/fd/1"));
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "no temporary files left: {names:?}"
    );
}

#[test]
fn a_descriptor_that_is_a_pipe_streams_into_it() {
    if !have_proc_fd() {
        return;
    }
    let dir = source();
    let out = cli(
        dir.path(),
        &["convert", "a.md", "-o", "/proc/self/fd/1", "--to", "html"],
    )
    .stdout(Stdio::piped())
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("正文。"),
        "{html}"
    );
}

#[test]
fn a_symlinked_output_keeps_its_link_and_its_target_gets_the_file() {
    let dir = source();
    let target_dir = dir.path().join("real");
    fs::create_dir(&target_dir).unwrap();
    let target = target_dir.join("target.html");
    fs::write(&target, "OLD").unwrap();
    // A relative link, resolved against the link's own folder, through a second link.
    let link = dir.path().join("link.html");
    let hop = dir.path().join("hop.html");
    std::os::unix::fs::symlink("real/target.html", &hop).unwrap();
    std::os::unix::fs::symlink("hop.html", &link).unwrap();
    common::run_ok(&mut cli(
        dir.path(),
        &["convert", "a.md", "-o", "link.html"],
    ));
    for l in [&link, &hop] {
        assert!(
            fs::symlink_metadata(l).unwrap().is_symlink(),
            "{l:?} is still a link"
        );
    }
    let html = fs::read_to_string(&target).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("正文。"));
    // A dangling link names the file to create.
    fs::remove_file(&target).unwrap();
    common::run_ok(&mut cli(
        dir.path(),
        &["convert", "a.md", "-o", "link.html"],
    ));
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(fs::read_to_string(&target).unwrap().contains("正文。"));
    let temps: Vec<_> = [dir.path(), &target_dir]
        .iter()
        .flat_map(|d| fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}

#[test]
fn a_fifo_output_streams_to_its_reader_and_stays_a_fifo() {
    let dir = source();
    let fifo = dir.path().join("out.html");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !common::available("mkfifo", made) {
        return;
    }
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || fs::read(fifo).unwrap()
    });
    common::run_ok(&mut cli(dir.path(), &["convert", "a.md", "-o", "out.html"]));
    let html = String::from_utf8(reader.join().unwrap()).unwrap();
    assert!(html.contains("正文。"), "{html}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_folder_output_is_refused() {
    let dir = source();
    fs::create_dir(dir.path().join("out.html")).unwrap();
    let out = cli(dir.path(), &["convert", "a.md", "-o", "out.html"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: out.html: exists and is not a regular file")
            && err.lines().count() == 1,
        "{err}"
    );
    assert!(dir.path().join("out.html").is_dir());
}

// See: issue 24 (`cjkpress dump x.md | head -c 1` panicked with exit 101). The model of 诗经 is
// far larger than a pipe's buffer, so the dump is still writing when the reader goes away.
#[test]
fn a_reader_that_closes_the_pipe_early_ends_the_inspect_commands_quietly() {
    use std::io::Read as _;
    let shijing = common::root().join("tests/data/shijing.md");
    for command in ["dump", "check"] {
        // `dump` sets no type, so it takes no font flags.
        let hermetic: &[&str] = if command == "dump" {
            &[]
        } else {
            &["--no-system-fonts"]
        };
        let mut child = cjkpress()
            .arg(command)
            .arg(&shijing)
            .args(hermetic)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The read end is dropped here: the rest of the output meets a closed pipe.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{command}: {stderr}");
        assert!(!stderr.contains("panicked"), "{command}: {stderr}");
    }
}
