//! Help that tells the truth (issue 23, item 5): completions and the man page come from the
//! parser's own definition, value flags list their values, and a file that is not a source is
//! refused by name.

mod common;

use std::fs;

use common::cjkpress;

#[test]
fn completions_offer_the_values_of_value_flags() {
    let bash = common::run_ok(cjkpress().args(["completions", "bash"]));
    let bash = String::from_utf8(bash.stdout).unwrap();
    for words in [
        "ua-1 a-2u none",
        "handout gongwen book",
        "pdf docx epub html",
    ] {
        assert!(bash.contains(words), "bash completion lacks `{words}`");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = common::run_ok(cjkpress().args(["completions", shell]));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("pdf-standard"),
            "{shell}"
        );
    }
}

#[test]
fn man_pages_for_the_command_and_each_subcommand() {
    let page = common::run_ok(cjkpress().arg("man"));
    let page = String::from_utf8(page.stdout).unwrap();
    assert!(page.contains(".TH cjkpress 1"), "{page}");
    assert!(
        page.contains("completions"),
        "the page lists the subcommands"
    );
    let build = common::run_ok(cjkpress().args(["man", "build"]));
    let build = String::from_utf8(build.stdout).unwrap();
    assert!(build.contains(".TH cjkpress-build 1"), "{build}");
    assert!(build.contains("out\\-dir"), "{build}");
    let wrong = cjkpress().args(["man", "nope"]).output().unwrap();
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("no subcommand `nope`"));
}

#[test]
fn pdf_standard_takes_a_list_and_none_alone() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "正文。\n").unwrap();
    let run = |list: &str| {
        cjkpress()
            .current_dir(dir.path())
            .args([
                "a.md",
                "-o",
                "a.pdf",
                "--no-system-fonts",
                "--pdf-standard",
                list,
            ])
            .output()
            .unwrap()
    };
    assert!(run("ua-1,a-2u").status.success());
    assert!(run("none").status.success());
    let both = run("none,ua-1");
    assert_eq!(both.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&both.stderr).contains("`none` cannot be listed"));
    let unknown = run("a-1b");
    assert_eq!(unknown.status.code(), Some(2), "clap's usage error");
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("ua-1, a-2u, none"));
}

#[test]
fn word_and_html_inputs_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.docx"), b"PK\x03\x04rest").unwrap();
    fs::write(dir.path().join("b.html"), "<!DOCTYPE html><title>x</title>").unwrap();
    for (input, what) in [
        ("a.docx", "word-processor document"),
        ("b.html", "HTML page"),
    ] {
        let out = cjkpress()
            .current_dir(dir.path())
            .args([input, "-o", "x.pdf", "--no-system-fonts"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{input}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(input) && stderr.contains(what), "{stderr}");
        assert!(
            stderr.contains("Markdown (.md, .markdown) and plain text"),
            "{stderr}"
        );
        assert!(!dir.path().join("x.pdf").exists());
    }
}
