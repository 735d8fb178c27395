//! Accessibility of the EPUBs and the web pages, checked with the tools their readers' advocates
//! use: DAISY Ace on the EPUBs and axe-core in headless Chromium on the HTML pages, both through
//! the node helpers in `tests/tools` (installed under `target/tools` by `.ci/run`). Every
//! finding counts, whatever its impact. See: issue 20, item 5.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The documents checked: the seed in every preset, both official notices, the two books with
/// a contents, and the file with every Markdown feature, with and without a contents.
fn cases() -> Vec<(String, PathBuf, Vec<&'static str>)> {
    let root = common::root();
    let mut v = Vec::new();
    for preset in ["handout", "gongwen", "book"] {
        v.push((
            format!("speech-{preset}"),
            common::seed(),
            vec!["--preset", preset],
        ));
    }
    v.push((
        "notice".into(),
        root.join("source/notice.md"),
        vec!["--preset", "gongwen"],
    ));
    v.push((
        "typed-notice".into(),
        root.join("tests/data/typed-notice.txt"),
        vec!["--preset", "gongwen"],
    ));
    for book in common::samples() {
        let stem = book.file_stem().unwrap().to_string_lossy().into_owned();
        v.push((stem, book, vec!["--preset", "book", "--toc"]));
    }
    let features = root.join("tests/data/features.md");
    v.push(("features".into(), features.clone(), vec![]));
    v.push(("features-toc".into(), features.clone(), vec!["--toc"]));
    v.push(("features-vertical".into(), features, vec!["--vertical"]));
    v
}

/// Writes every case as `format` into `dir`; returns the files.
fn build(dir: &Path, format: &str) -> Vec<PathBuf> {
    cases()
        .into_iter()
        .map(|(name, input, args)| {
            let out = dir.join(format!("{name}.{format}"));
            common::run_ok(
                common::cjkpress()
                    .arg("convert")
                    .arg(&input)
                    .arg("-o")
                    .arg(&out)
                    .arg("--no-system-fonts")
                    .args(args),
            );
            out
        })
        .collect()
}

/// The `node_modules` that `.ci/run` fills, if it holds `packages`; skips (or fails under CI)
/// when node, Chromium or a package is missing.
fn node_modules(packages: &[&str]) -> Option<PathBuf> {
    let modules = common::root().join("target/tools/node_modules");
    let found = packages.iter().all(|p| modules.join(p).is_dir());
    let what = format!("{} under target/tools", packages.join(", "));
    (common::tools(&["node", "chromium"]) && common::available(&what, found)).then_some(modules)
}

/// Runs `tests/tools/{script}` on `files` and returns its JSON report.
fn run(script: &str, modules: &Path, files: &[PathBuf], scratch: &Path) -> serde_json::Value {
    let chromium = common::output(Command::new("sh").args(["-c", "command -v chromium"]));
    let out = Command::new("node")
        .arg(common::root().join("tests/tools").join(script))
        .args(files)
        .env("NODE_PATH", modules)
        .env("PUPPETEER_EXECUTABLE_PATH", chromium.trim())
        .env("PUPPETEER_SKIP_DOWNLOAD", "1")
        // Chromium may take longer than Ace's 5 s to start on a busy machine.
        .env("ACE_TIMEOUT_INITIAL", "60000")
        // Ace keeps its settings and logs under the XDG folders: a scratch folder, not $HOME.
        .env("XDG_CONFIG_HOME", scratch.join("config"))
        .env("XDG_STATE_HOME", scratch.join("state"))
        .env("XDG_DATA_HOME", scratch.join("data"))
        .env("XDG_CACHE_HOME", scratch.join("cache"))
        .env("TMPDIR", scratch)
        .output()
        .expect("node starts");
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{script} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

#[test]
fn ace_finds_nothing_in_the_epubs() {
    let Some(modules) = node_modules(&["@daisy/ace-core", "@daisy/ace-axe-runner-puppeteer"])
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let books = build(dir.path(), "epub");
    let report = run("ace.js", &modules, &books, dir.path());
    let reports = report.as_array().expect("a list of reports");
    assert_eq!(reports.len(), books.len(), "one report per book");
    let mut found = Vec::new();
    for r in reports {
        let name = Path::new(r["epub"].as_str().unwrap()).file_name().unwrap();
        for a in r["assertions"].as_array().unwrap() {
            found.push(format!(
                "{}: {} {} [{}] {}",
                name.to_string_lossy(),
                a["doc"].as_str().unwrap_or(""),
                a["impact"].as_str().unwrap_or(""),
                a["rule"].as_str().unwrap_or(""),
                a["html"].as_str().unwrap_or(""),
            ));
        }
        if r["assertions"].as_array().unwrap().is_empty() {
            assert_eq!(r["outcome"], "pass", "{r}");
        }
    }
    assert!(found.is_empty(), "Ace found:\n{}", found.join("\n"));
}

#[test]
fn axe_finds_nothing_in_the_pages() {
    let Some(modules) = node_modules(&["axe-core", "puppeteer-core"]) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pages = build(dir.path(), "html");
    let report = run("axe.js", &modules, &pages, dir.path());
    let reports = report.as_array().expect("a list of reports");
    assert_eq!(reports.len(), pages.len(), "one report per page");
    let mut found = Vec::new();
    for r in reports {
        let name = Path::new(r["page"].as_str().unwrap()).file_name().unwrap();
        for v in r["violations"].as_array().unwrap() {
            found.push(format!(
                "{}: {} [{}] {}: {}",
                name.to_string_lossy(),
                v["impact"].as_str().unwrap_or(""),
                v["id"].as_str().unwrap_or(""),
                v["help"].as_str().unwrap_or(""),
                v["nodes"]
            ));
        }
    }
    assert!(found.is_empty(), "axe found:\n{}", found.join("\n"));
}

/// The checkers see what was fixed: a page with an unlabelled check box and a back-link told
/// apart by colour alone is a finding for axe, so a clean report means something.
#[test]
fn axe_reports_what_it_should() {
    let Some(modules) = node_modules(&["axe-core", "puppeteer-core"]) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>坏</title>\
         <style>a { color: #0000ee; text-decoration: none; }</style></head><body><main>\
         <ul><li><input type=\"checkbox\" disabled>待办</li></ul>\
         <p>很长的一段正文，其中有<a href=\"#x\">一个链接</a>只靠颜色区分。</p><p id=\"x\">目标</p>\
         </main></body></html>\n",
    )
    .unwrap();
    let report = run("axe.js", &modules, std::slice::from_ref(&page), dir.path());
    let ids: Vec<&str> = report[0]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["id"].as_str())
        .collect();
    assert!(ids.contains(&"label"), "{report}");
    assert!(ids.contains(&"link-in-text-block"), "{report}");
}
