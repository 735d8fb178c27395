//! Font benchmark: loading the bundled faces, subsetting them, WOFF2 encoding.
//!
//! `cargo bench --bench fonts` (release profile). Each figure is the median of several runs; the
//! cold figures (first parse of the bundled faces + subsets) come from fresh child processes,
//! since the faces are parsed once per process.
//!
//! Targets (issue #3): cold load + subsets of both faces for the seed's ~560 characters < 50 ms,
//! 4 000 characters < 300 ms, 6 000 < 450 ms; a seed-sized WOFF2 < 250 KB.

use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

use cjkpress::font::{FontSet, Role, Subset, Subsets};
use cjkpress::model::{Attr, Block, Document, Inline, Metadata};
use cjkpress::style::plan::usage;
use cjkpress::style::{Preset, Style};

const CHILD: &str = "CJKPRESS_BENCH_CHILD";

fn main() {
    if let Ok(n) = std::env::var(CHILD) {
        child(n.parse().unwrap());
        return;
    }
    // `CJKPRESS_BENCH_PROFILE=6000 perf record target/release/deps/fonts-*`: only the subsetting of
    // one face, in a loop, for a profiler.
    if let Ok(n) = std::env::var("CJKPRESS_BENCH_PROFILE") {
        let fonts = FontSet::bundled().unwrap();
        let id = fonts.primary(Role::Body, false);
        let chars = cjk_chars(&fonts, n.parse().unwrap());
        for _ in 0..30 {
            std::hint::black_box(Subset::new(id, fonts.face(id), chars.clone()).unwrap());
        }
        return;
    }
    let fonts = FontSet::bundled().unwrap();
    let regular = fonts.face(fonts.primary(Role::Body, false));
    let seed = seed_chars();
    println!("distinct characters in the seed: {}", seed.len());
    let sets = [
        ("seed", seed.clone()),
        ("4000", cjk_chars(&fonts, 4000)),
        ("6000", cjk_chars(&fonts, 6000)),
    ];

    println!("\ncold process: parse bundled faces + subsets of both faces (median of 9 processes)");
    let runs: Vec<(Duration, Duration)> = (0..7).map(|_| run_child("lookup")).collect();
    let lookup = median(runs.iter().map(|r| r.1 - r.0));
    println!(
        "  first glyph lookup of one face (builds its tables): {:.1} ms",
        ms(lookup)
    );
    for (name, _) in &sets {
        let runs: Vec<(Duration, Duration)> = (0..9).map(|_| run_child(name)).collect();
        let load = median(runs.iter().map(|r| r.0));
        let total = median(runs.iter().map(|r| r.1));
        let fastest = runs.iter().map(|r| r.1).min().unwrap();
        println!(
            "  {name:>5}: {:>7.1} ms, fastest {:.1} ms (parsing the faces {:.2} ms)",
            ms(total),
            ms(fastest),
            ms(load)
        );
    }

    // What the PDF layout asks per character.
    let text: String =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/source/speech.txt"))
            .unwrap()
            .repeat(50);
    let n = text.chars().count();
    let t = median((0..5).map(|_| {
        time(|| {
            text.chars()
                .filter_map(|c| fonts.face(fonts.pick(Role::Body, false, c)?).advance(c))
                .sum::<f32>()
        })
    }));
    println!(
        "\npick + advance per character: {:.0} ns ({n} characters in {:.1} ms)",
        t.as_nanos() as f64 / n as f64,
        ms(t)
    );

    println!("\nwarm: Subsets::build, both faces in parallel (median of 5)");
    for (name, chars) in &sets {
        let doc = both_faces(chars);
        let style = Style::preset(Preset::Handout);
        let t =
            median((0..5).map(|_| time(|| Subsets::build(&usage(&doc, &style), &fonts).unwrap())));
        println!("  {name:>5}: {:>7.1} ms", ms(t));
    }

    println!("\none face, Subset::new vs allsorts on the whole cmap (median of 3)");
    let id = fonts.primary(Role::Body, false);
    for (name, chars) in &sets {
        let ours = median((0..3).map(|_| time(|| Subset::new(id, regular, chars.clone()))));
        let plain = median((0..3).map(|_| time(|| allsorts_direct(chars))));
        let size = Subset::new(id, regular, chars.clone()).unwrap().ttf.len();
        println!(
            "  {name:>5}: ours {:>7.1} ms ({} KB), allsorts with the source cmap {:>7.1} ms",
            ms(ours),
            size / 1000,
            ms(plain)
        );
    }

    println!("\nWOFF2 of the Regular subset (time: median of 3; size in KB)");
    for (name, chars) in &sets[..2] {
        let subset = Subset::new(id, regular, chars.clone()).unwrap();
        println!("  {name} TTF subset: {} KB", subset.ttf.len() / 1000);
        let rows = [4u8, 5, 6, 7, 9, 11].map(|q| (q, true)).into_iter().chain([
            (5, false),
            (9, false),
            (11, false),
        ]);
        for (quality, transform) in rows {
            let options = ttf2woff2::EncodeOptions {
                quality: quality.into(),
                transform_glyf_loca: transform,
                ..Default::default()
            };
            let runs = if quality == 11 { 1 } else { 3 };
            let mut size = 0;
            let t = median((0..runs).map(|_| {
                time(|| {
                    size = ttf2woff2::encode_with_options(&subset.ttf, options)
                        .unwrap()
                        .len()
                })
            }));
            println!(
                "    quality {quality:>2}, glyf transform {:<5}: {:>7.1} ms, {:>4} KB",
                transform,
                ms(t),
                size / 1000
            );
        }
        let t = time(|| subset.woff2().unwrap().len());
        println!(
            "    Subset::woff2() as shipped: {:>7.1} ms, {} KB",
            ms(t),
            subset.woff2().unwrap().len() / 1000
        );
    }
}

/// One cold run: parse the bundled faces and cut both subsets; prints the nanoseconds spent
/// loading and in total (making the character list and the document is not measured).
fn child(set: String) {
    let start = Instant::now();
    let fonts = FontSet::bundled().unwrap();
    let load = start.elapsed();
    if set == "lookup" {
        let t = Instant::now();
        fonts.face(fonts.primary(Role::Body, false)).glyph('中');
        println!("{} {}", load.as_nanos(), (load + t.elapsed()).as_nanos());
        return;
    }
    let chars = match set.as_str() {
        "seed" => seed_chars(),
        n => cjk_chars(&fonts, n.parse().unwrap()),
    };
    let doc = both_faces(&chars);
    let start = Instant::now();
    let subsets = Subsets::build(&usage(&doc, &Style::preset(Preset::Handout)), &fonts).unwrap();
    assert_eq!(subsets.by_face.len(), 2);
    println!(
        "{} {}",
        load.as_nanos(),
        (load + start.elapsed()).as_nanos()
    );
}

/// (load, total) of one cold child process.
fn run_child(set: &str) -> (Duration, Duration) {
    let out = Command::new(std::env::current_exe().unwrap())
        .env(CHILD, set)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut ns = text
        .split_whitespace()
        .map(|n| Duration::from_nanos(n.parse().unwrap()));
    (ns.next().unwrap(), ns.next().unwrap())
}

fn seed_chars() -> BTreeSet<char> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/source/speech.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The first `n` CJK Unified Ideographs the bundled Regular covers.
fn cjk_chars(fonts: &FontSet, n: usize) -> BTreeSet<char> {
    let face = fonts.face(fonts.primary(Role::Body, false));
    ('\u{4E00}'..='\u{9FFF}')
        .filter(|&c| face.glyph(c).is_some())
        .take(n)
        .collect()
}

/// A document whose every character is drawn in both faces: body text (Regular) and a heading
/// (Bold).
fn both_faces(chars: &BTreeSet<char>) -> Document {
    let text: String = chars.iter().collect();
    Document {
        meta: Metadata::default(),
        blocks: vec![
            Block::Heading {
                level: 1,
                attr: Attr::id("h"),
                inlines: vec![Inline::Text(text.clone())],
            },
            Block::Paragraph {
                inlines: vec![Inline::Text(text)],
            },
        ],
        ..Default::default()
    }
}

/// What allsorts does when handed the face as it is (its cmap step tests every source mapping
/// against the glyph list).
fn allsorts_direct(chars: &BTreeSet<char>) -> Vec<u8> {
    use allsorts::binary::read::ReadScope;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};
    use allsorts::tables::OpenTypeFont;
    let bytes = include_bytes!("../fonts/NotoSerifSC_400Regular.ttf");
    let font = ReadScope::new(bytes).read::<OpenTypeFont<'_>>().unwrap();
    let provider = font.table_provider(0).unwrap();
    let face = ttf_parser::Face::parse(bytes, 0).unwrap();
    let mut glyphs: Vec<u16> = std::iter::once(0)
        .chain(
            chars
                .iter()
                .filter_map(|&c| face.glyph_index(c))
                .map(|g| g.0),
        )
        .collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    subset(
        &provider,
        &glyphs,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .unwrap()
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed()
}

fn median(runs: impl IntoIterator<Item = Duration>) -> Duration {
    let mut runs: Vec<Duration> = runs.into_iter().collect();
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
