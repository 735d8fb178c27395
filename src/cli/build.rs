//! Converting sources into their outputs: several inputs side by side, or the formats of one.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, Result, bail};
use clap::error::ErrorKind;
use indicatif::ProgressBar;

use cjkpress::{Format, Options};

use super::progress::{PROGRESS_DELAY, Progress};
use super::stdio::{self, Source};
use super::values::OutputFormat;
use crate::{Common, usage_error};

/// `cjkpress build`: every source named (or found in the folders named, default `source/`)
/// into `out_dir`, one file per format.
pub fn run(
    inputs: &[PathBuf],
    out_dir: &Path,
    to: &[OutputFormat],
    jobs: Option<u16>,
    common: &Common,
) -> Result<()> {
    check_out_dir_name(inputs, out_dir, to);
    let sources = collect_sources(inputs)?;
    cjkpress::paths::check_out_dir(out_dir)?;
    let options = common.typesetting_options()?;
    let jobs = jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let (stems, notes) = cjkpress::paths::output_stems(&sources);
    if !common.quiet {
        notes
            .iter()
            .for_each(|n| stdio::say(format_args!("note: {n}")));
    }
    let work: Vec<(&Path, Vec<(Format, PathBuf)>)> = sources
        .iter()
        .zip(stems)
        .map(|(src, stem)| {
            let outputs = to
                .iter()
                .map(|&f| {
                    let f = Format::from(f);
                    let mut name = stem.clone();
                    name.push(format!(".{}", f.extension()));
                    (f, out_dir.join(name))
                })
                .collect();
            (src.as_path(), outputs)
        })
        .collect();
    // Before anything is written: no output may replace a source.
    for (_, path) in work.iter().flat_map(|(_, outputs)| outputs) {
        cjkpress::paths::check_not_source(path, &sources)?;
    }
    build(common, &options, &work, jobs)
}

/// Refuses `build -o a.pdf`, which would make a folder named `a.pdf` (issue 23), saying what
/// to type instead. An existing folder with such a name is still a folder.
fn check_out_dir_name(inputs: &[PathBuf], out_dir: &Path, to: &[OutputFormat]) {
    let Some(format) = Format::from_path(out_dir) else {
        return;
    };
    if out_dir.is_dir() {
        return;
    }
    let out = out_dir.display();
    let instead = match inputs {
        [input] => format!("`cjkpress {} -o {out}`", input.display()),
        _ => format!("`cjkpress INPUT -o {out}`"),
    };
    let only = if to.iter().map(|&f| Format::from(f)).eq([format]) {
        String::new()
    } else {
        format!(" --to {format}")
    };
    usage_error(
        Some("build"),
        ErrorKind::ValueValidation,
        format!(
            "{out} names a file, but `build -o` names the folder the outputs go in: type {instead} to make that file (or `build -o {}{only}` for a folder)",
            out_dir.with_extension("").display()
        ),
    )
}

/// One format rendered, with its warnings.
type RenderResult = Result<cjkpress::Warned<Vec<u8>>, cjkpress::Error>;

/// Formats by how long they usually take to write, longest first (`bash benches/*.sh`).
fn cost_rank(format: Format) -> u8 {
    match format {
        Format::Pdf => 0,
        Format::Epub => 1,
        Format::Html => 2,
        Format::Docx => 3,
        // `Format` is non-exhaustive: a format added later is not measured yet.
        _ => u8::MAX,
    }
}

/// What converting one input printed, and how it ended.
type Finished = (Vec<String>, Result<()>);

/// Converts every input into its outputs with at most `jobs` threads: several inputs side by
/// side, or the formats of a single input side by side (the PDF takes longest; the others fit
/// beside it). Messages are printed in input order whatever finishes first, and the first error
/// in input order is the one returned, so a run reads the same with any `jobs`.
fn build(
    common: &Common,
    options: &Options,
    work: &[(&Path, Vec<(Format, PathBuf)>)],
    jobs: usize,
) -> Result<()> {
    let per_input = if work.len() == 1 { jobs } else { 1 };
    let workers = jobs.min(work.len()).max(1);
    let total: usize = work.iter().map(|(_, outputs)| outputs.len()).sum();
    let progress = Progress::new(total as u64, !common.quiet);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: Vec<Mutex<Option<Finished>>> = work.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        let progress = &progress;
        scope.spawn(move || progress.show_after(PROGRESS_DELAY));
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((input, outputs)) = work.get(i) else {
                            break;
                        };
                        let mut log = Vec::new();
                        let source = Source::File(input.to_path_buf());
                        let result = convert(
                            common,
                            &source.name(),
                            || cjkpress::load_input(&source.input(), options),
                            options,
                            outputs,
                            per_input,
                            &progress.bar,
                            &mut log,
                        );
                        let failed = result.is_err();
                        *done[i].lock().unwrap_or_else(|e| e.into_inner()) = Some((log, result));
                        if failed {
                            // Stop taking new inputs; the ones under way finish.
                            next.store(work.len(), std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
        // Before the scope ends: it waits for `show_after`, which this wakes.
        progress.finish();
    });
    for slot in done {
        let Some((log, result)) = slot.into_inner().unwrap_or_else(|e| e.into_inner()) else {
            continue;
        };
        log.iter().for_each(stdio::say);
        result?;
    }
    Ok(())
}

/// Reads one input (`name`, read by `load`) and writes its outputs, rendering up to `jobs`
/// formats at once; messages go to `log`.
#[expect(
    clippy::too_many_arguments,
    reason = "one call per input, each argument its own"
)]
pub fn convert(
    common: &Common,
    name: &str,
    load: impl FnOnce() -> Result<cjkpress::Warned<cjkpress::Prepared>, cjkpress::Error>,
    options: &Options,
    outputs: &[(Format, PathBuf)],
    jobs: usize,
    bar: &ProgressBar,
    log: &mut Vec<String>,
) -> Result<()> {
    let name = name.to_string();
    let prepared = load().with_context(|| name.clone())?;
    common.collect(&name, &prepared.warnings, log);
    let prepared = &prepared.value;
    // Longest first (the PDF, then the EPUB), each thread taking the next format when it is
    // free: fixed pairs would put the two long ones one after the other.
    let mut order: Vec<usize> = (0..outputs.len()).collect();
    order.sort_by_key(|&i| cost_rank(outputs[i].0));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<RenderResult>>> =
        outputs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs.clamp(1, outputs.len().max(1)))
            .map(|_| {
                scope.spawn(|| {
                    while let Some(&i) =
                        order.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                    {
                        let format = outputs[i].0;
                        let out = cjkpress::render(prepared, format, options);
                        bar.set_message(stdio::escaped(&format!("{name} → {format}")));
                        bar.inc(1);
                        *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(out);
                    }
                })
            })
            .collect();
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    let rendered = slots
        .into_iter()
        .filter_map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner()));
    for ((_, path), out) in outputs.iter().zip(rendered) {
        let out = out.with_context(|| name.clone())?;
        common.collect(&name, &out.warnings, log);
        stdio::write(path, &out.value)?;
        if !common.quiet && !stdio::is_dash(path) {
            log.push(format!("wrote {}", path.display()));
        }
    }
    Ok(())
}

/// The source files named on the command line; folders give their `.md`/`.markdown`/`.txt` files.
fn collect_sources(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let default = [PathBuf::from("source")];
    let inputs = if inputs.is_empty() {
        &default[..]
    } else {
        inputs
    };
    let mut sources = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .with_context(|| input.display().to_string())?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt")
                        })
                })
                .collect();
            if found.is_empty() {
                bail!("{}: no .md, .markdown or .txt files", input.display());
            }
            found.sort();
            sources.extend(found);
        } else if input.exists() {
            sources.push(input.clone());
        } else if stdio::is_dash(input) {
            bail!(
                "-: `build` reads files and folders; for standard input type `cjkpress - -o OUTPUT`"
            );
        } else {
            bail!("{}: no such file or folder", input.display());
        }
    }
    Ok(sources)
}
