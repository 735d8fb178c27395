//! Hostile input, round 3 (issue 24): `--raw-html` fragments that broke HTML's content models or
//! attribute rules (attributes on the wrong elements, invalid values, children in the wrong
//! order, missing required attributes, unknown CSS, a full-page fixed overlay) passed through to
//! pages the Nu checker (11 errors) and EPUBCheck (13) rejected. What is not known valid is now
//! text; what is valid stays markup.
// See: issue 24, "Command line and names" (`--raw-html`).

mod common;

use std::fs;
use std::process::Command;

use common::bounded::{quick_success, text_survives, timed};

/// The fragment set: hostile fragments, then valid ones that must stay markup.
const FRAGMENTS: &str = include_str!("data/hostile-raw-html.md");

#[test]
fn hostile_raw_html_is_text_and_every_output_validates() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("raw.md"), FRAGMENTS).unwrap();
    let run = timed(
        dir.path(),
        &[
            "build",
            "raw.md",
            "-o",
            "out",
            "--raw-html",
            "--no-system-fonts",
            "--to",
            "html",
            "--to",
            "epub",
            "--to",
            "docx",
            "--to",
            "pdf",
        ],
        &[],
    );
    quick_success("raw html", &run);
    let out = dir.path().join("out");
    // Every Han run of the source is in every output's text, kept as markup or as text.
    let pieces: Vec<String> = FRAGMENTS
        .split(|c: char| !('\u{4E00}'..='\u{9FFF}').contains(&c))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    text_survives(&out, "raw", &pieces);
    let page = fs::read_to_string(out.join("raw.html")).unwrap();
    // The overlay is text, not a style.
    assert!(!page.contains("<div style=\"position"), "overlay kept");
    assert!(
        page.contains("&lt;div style=\"position: fixed"),
        "overlay text lost"
    );
    // The valid fragments stay markup.
    for markup in [
        "<td rowspan=\"2\">跨行</td>",
        "<bdo dir=\"rtl\">反向</bdo>",
        "<time datetime=\"2024-02-29\">闰日</time>",
        "<summary>摘要</summary>",
        "<figcaption>图题</figcaption>",
        "<p style=\"color: #c00; text-align: center; margin: 0 1em\">红字</p>",
    ] {
        assert!(page.contains(markup), "{markup} not kept as markup");
    }
    let epub = out.join("raw.epub");
    match common::epubcheck(&epub) {
        Some(report) => {
            if let Err(report) = report {
                panic!("EPUBCheck:\n{report}");
            }
        }
        None => eprintln!("skipped EPUBCheck: not installed"),
    }
    let jar = common::vnu_jar();
    if !common::available(
        "the Nu HTML Checker (npm vnu-jar) and java",
        jar.is_some() && common::have("java"),
    ) {
        return;
    }
    let nu = Command::new("java")
        .arg("-jar")
        .arg(jar.unwrap())
        .arg("--errors-only")
        .arg(out.join("raw.html"))
        .output()
        .unwrap();
    let errors = String::from_utf8_lossy(&nu.stderr);
    assert!(
        nu.status.success() && errors.trim().is_empty(),
        "Nu:\n{errors}"
    );
}
