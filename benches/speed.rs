//! `cargo bench`: medians of the in-process pipeline on the seed and on a ~1 M-character book
//! (诗经 repeated), per stage and per format. A benchmark, not a test: it asserts nothing.

use std::path::Path;
use std::time::{Duration, Instant};

use cjkpress::font::FontSet;
use cjkpress::{Format, Options};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    (median(times), last.expect("runs > 0"))
}

fn bench(name: &str, path: &Path, runs: usize) {
    let options = Options {
        epoch: Some(1_700_000_000),
        ..Options::default()
    };
    let chars = std::fs::read_to_string(path).map_or(0, |s| s.chars().count());
    println!("{name}: {chars} characters, median of {runs} runs");
    let (t, prepared) = time(runs, || cjkpress::load(path, &options).expect("loads"));
    let glyphs: usize = prepared
        .value
        .subsets
        .by_face
        .values()
        .map(|s| s.chars.len())
        .sum();
    println!("  read + fonts subset ({glyphs} chars):  {:>9.1} ms", ms(t));
    // Each run reads, subsets and writes from scratch (WOFF2 encoding is cached per subset, so
    // reusing `prepared` would hide it): what one `cjkpress convert` does after start-up.
    for format in Format::ALL {
        let (t, out) = time(runs, || {
            let prepared = cjkpress::load(path, &options).expect("loads");
            cjkpress::render(&prepared.value, format, &options)
        });
        match out {
            Ok(out) => println!(
                "  {format:<4} end to end:             {:>9.1} ms  {:>9} bytes",
                ms(t),
                out.value.len()
            ),
            Err(e) => println!("  {format:<4} render: {e}"),
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (t, _fonts) = time(1, || FontSet::bundled().expect("bundled fonts"));
    println!(
        "load bundled faces (first, once per process): {:.1} ms",
        ms(t)
    );
    bench("seed", &root.join("source/speech.txt"), 9);

    // ~1 M characters: 诗经 repeated, each copy under its own chapter headings.
    let shijing = std::fs::read_to_string(root.join("tests/data/shijing.md")).expect("sample");
    let body = shijing.splitn(3, "---").nth(2).unwrap_or(&shijing);
    let copies = 1_000_000 / body.chars().count() + 1;
    let dir = std::env::temp_dir().join(format!("cjkpress-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let book = dir.join("book.md");
    std::fs::write(
        &book,
        format!(
            "---\ntitle: 诗经（{copies} 遍）\n---\n{}",
            body.repeat(copies)
        ),
    )
    .expect("write book");
    bench("book", &book, 3);
    let _ = std::fs::remove_dir_all(&dir);
}
