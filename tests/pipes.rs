//! Pipes and links (issue 23, item 2): standard input and output, file descriptors, devices,
//! FIFOs and symbolic links as outputs. Nothing here writes through the machine's own
//! `/dev/stdout`: a test that writes to a descriptor does it through `/proc/self/fd/1` of a
//! child whose standard output is a file or pipe the test made.
// See: issue 23 (`-o /dev/stdout` renamed a temporary file over the system's `/dev/stdout`).
#![cfg(unix)]

mod common;

use std::fs;
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
        let out = cli(dir.path(), &["convert", "a.md", "--to", "pdf"])
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
