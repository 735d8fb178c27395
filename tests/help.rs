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

/// A missing image is one problem: the loader says it once, whichever formats are written.
#[test]
fn a_missing_image_is_warned_once_for_all_four_formats() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "# 标题\n\n![图](missing.png)\n\n正文。\n",
    )
    .unwrap();
    let out = common::run_ok(cjkpress().current_dir(dir.path()).args([
        "build",
        "a.md",
        "-o",
        "out",
        "--no-system-fonts",
    ]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains("missing.png"), "{stderr}");
    for format in ["pdf", "docx", "epub", "html"] {
        assert!(dir.path().join("out").join(format!("a.{format}")).exists());
    }
}

/// The flags `--help` lists for `subcommand`.
fn flags(subcommand: &str) -> Vec<String> {
    let out = common::run_ok(cjkpress().args([subcommand, "--help"]));
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .filter(|w| w.starts_with("--"))
        .map(|w| {
            w.trim_end_matches([',', '.'])
                .split(['=', '['])
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn each_subcommand_lists_only_the_flags_it_uses() {
    // What only an output file shows: a command that writes none takes none of it.
    let output_only = [
        "--vertical",
        "--cover",
        "--toc",
        "--raw-html",
        "--css",
        "--reference-doc",
        "--pdf-standard",
    ];
    for subcommand in ["dump", "check", "fonts"] {
        let listed = flags(subcommand);
        for flag in output_only {
            assert!(
                !listed.iter().any(|f| f == flag),
                "{subcommand} lists {flag}"
            );
        }
        assert!(
            listed.iter().any(|f| f == "--from"),
            "{subcommand} reads: {listed:?}"
        );
    }
    // `dump` sets no type: no fonts, settings or glyph check.
    let dump = flags("dump");
    for flag in ["--font", "--no-system-fonts", "--strict", "--variable"] {
        assert!(!dump.iter().any(|f| f == flag), "dump lists {flag}");
    }
    // `fonts` fails on nothing; `check --strict` does.
    assert!(!flags("fonts").iter().any(|f| f == "--strict"));
    assert!(flags("check").iter().any(|f| f == "--strict"));
    for subcommand in ["convert", "build"] {
        let listed = flags(subcommand);
        for flag in output_only.iter().chain(&["--font", "--strict", "--from"]) {
            assert!(
                listed.iter().any(|f| f == flag),
                "{subcommand} lacks {flag}"
            );
        }
    }
    // A flag a command does not take is a usage error, not silently ignored.
    let out = cjkpress()
        .args(["dump", "x.md", "--cover", "c.png"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// `repository` is where a registry's users go for the source: until the project has a public
/// home it stays out (a made-up URL, such as the `github.com/cjkpress/cjkpress` we had, sends
/// them nowhere).
#[test]
fn the_manifests_name_no_made_up_repository() {
    for manifest in ["Cargo.toml", "fonts/Cargo.toml", "fonts/bold/Cargo.toml"] {
        let text = fs::read_to_string(common::root().join(manifest)).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert!(
            table["package"].get("repository").is_none(),
            "{manifest}: `repository` names no published repository"
        );
    }
}
