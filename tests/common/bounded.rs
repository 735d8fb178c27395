//! Runs of the binary bounded in time and memory, and the text of what they wrote: the hostile
//! input tests (issue 24) assert that every source character reaches every output.

use std::fs;
use std::path::Path;
use std::process::Command;

/// A run's bound. Before the fixes the release binary took 25 s to over 150 s on these.
pub const BOUND: std::time::Duration = std::time::Duration::from_secs(20);

/// Runs `cjkpress ARGS` in `dir`, under a 3 GB address-space cap (the title balancing once
/// asked for 1.7 GB at a time), and returns its output and how long it took.
pub fn timed(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &Path)],
) -> (std::process::Output, std::time::Duration) {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -v 3000000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_cjkpress"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("FONTCONFIG_FILE", super::no_fonts_conf())
        .env_remove("CJKPRESS_FONT_PATH");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let start = std::time::Instant::now();
    let out = cmd.output().unwrap();
    (out, start.elapsed())
}

/// Asserts a run ended with exit 0 within [`BOUND`].
#[track_caller]
pub fn quick_success(what: &str, (out, took): &(std::process::Output, std::time::Duration)) {
    assert!(
        out.status.success(),
        "{what}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{what}: {took:?}");
    assert!(took < &BOUND, "{what}: took {took:?}");
}

/// The text of each output `build` wrote for `stem` into `out`, whitespace removed: the PDF's
/// through pdftotext (skipped when poppler is not installed) without ASCII digits and `—`,
/// since a heading that runs over pages has page numbers inside it; the others' with markup removed.
pub fn output_texts(out: &Path, stem: &str) -> Vec<(String, String)> {
    let strip = |xml: &str| -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in xml.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        super::squash(&text)
    };
    let zipped = |ext: &str, wanted: &dyn Fn(&str) -> bool| -> String {
        super::unzip(&out.join(format!("{stem}.{ext}")))
            .into_iter()
            .filter(|(name, _)| wanted(name))
            .map(|(_, data)| strip(&String::from_utf8_lossy(&data)))
            .collect()
    };
    let mut texts = vec![
        (
            "docx".to_string(),
            zipped("docx", &|n| n == "word/document.xml"),
        ),
        (
            "epub".to_string(),
            zipped("epub", &|n| n.ends_with(".xhtml")),
        ),
        (
            "html".to_string(),
            strip(&fs::read_to_string(out.join(format!("{stem}.html"))).unwrap()),
        ),
    ];
    if super::tools(&["pdftotext"]) {
        let pdf = out.join(format!("{stem}.pdf"));
        let text = super::output(Command::new("pdftotext").arg(&pdf).arg("-"));
        // A 公文's page numbers are `— 1 —`.
        let text = text.replace(|c: char| c.is_ascii_digit() || c == '—', "");
        texts.push(("pdf".to_string(), super::squash(&text)));
    }
    texts
}

/// Asserts every one of `pieces` is whole in the text of every output of `stem`.
#[track_caller]
pub fn text_survives(out: &Path, stem: &str, pieces: &[&str]) {
    for (format, text) in output_texts(out, stem) {
        for piece in pieces {
            let piece = super::squash(piece);
            assert!(
                text.contains(&piece),
                "{format}: {}… lost ({} characters of text)",
                piece.chars().take(20).collect::<String>(),
                text.chars().count()
            );
        }
    }
}

/// `n` characters drawn from `pool` by a fixed linear congruential sequence.
pub fn pseudo_random(pool: &[char], n: usize, seed: u64) -> String {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            pool[(x >> 33) as usize % pool.len()]
        })
        .collect()
}
