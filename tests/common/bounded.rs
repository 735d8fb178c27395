//! Runs of the binary bounded in time and memory, and the text of what they wrote: the hostile
//! input tests (issue 24) assert that every source character reaches every output.

use std::fs;
use std::path::Path;
use std::process::Command;

/// A run's bound in CPU time (user and system, all its threads), which a busy machine does not
/// stretch as it does wall time: these debug-build runs take 2 s at most; before the fixes the
/// release binary took 25 s to over 150 s on them.
pub const CPU_BOUND: std::time::Duration = std::time::Duration::from_secs(5);

/// A run's bound in wall time, against a hang that uses no CPU.
pub const BOUND: std::time::Duration = std::time::Duration::from_secs(20);

/// A run's bound on its peak resident memory, in KB: the hostile inputs are small (the largest
/// peak is 153 MB, the long headings), where the title balancing once took 1.7 GB.
pub const PEAK_KB: u64 = 400_000;

/// One bounded run: what it printed, its wall and CPU time, its peak resident memory.
pub struct Run {
    /// Its exit status and output.
    pub out: std::process::Output,
    /// Wall time.
    pub took: std::time::Duration,
    /// User and system time.
    pub cpu: std::time::Duration,
    /// Peak resident set, KB.
    pub peak_kb: u64,
}

/// Runs `cjkpress ARGS` in `dir` under a 3 GB address-space cap (the title balancing once asked
/// for 1.7 GB at a time), through a Python parent that reads the child's own resource use.
pub fn timed(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let usage = tempfile::NamedTempFile::new().unwrap();
    let mut cmd = Command::new("python3");
    cmd.arg("-c")
        .arg(
            "import resource, subprocess, sys\n\
             cap = lambda: resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n\
             r = subprocess.run(sys.argv[2:], preexec_fn=cap)\n\
             u = resource.getrusage(resource.RUSAGE_CHILDREN)\n\
             open(sys.argv[1], 'w').write(f'{u.ru_maxrss} {u.ru_utime + u.ru_stime}')\n\
             sys.exit(r.returncode if r.returncode >= 0 else 128 - r.returncode)",
        )
        .arg(usage.path())
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
    let out = cmd.output().expect("python3 runs");
    let took = start.elapsed();
    let text = fs::read_to_string(usage.path()).unwrap_or_default();
    let mut words = text.split_whitespace();
    let peak_kb = words.next().and_then(|w| w.parse().ok()).expect("a peak");
    let cpu = words
        .next()
        .and_then(|w| w.parse().ok())
        .expect("a CPU time");
    Run {
        out,
        took,
        cpu: std::time::Duration::from_secs_f64(cpu),
        peak_kb,
    }
}

/// Asserts a run ended with exit 0 within [`CPU_BOUND`], [`BOUND`] and [`PEAK_KB`].
#[track_caller]
pub fn quick_success(what: &str, run: &Run) {
    let Run {
        out,
        took,
        cpu,
        peak_kb,
    } = run;
    assert!(
        out.status.success(),
        "{what}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{what}: {took:?} wall, {cpu:?} CPU, {peak_kb} KB peak");
    assert!(cpu < &CPU_BOUND, "{what}: took {cpu:?} of CPU");
    assert!(took < &BOUND, "{what}: took {took:?}");
    assert!(*peak_kb < PEAK_KB, "{what}: peaked at {peak_kb} KB");
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
