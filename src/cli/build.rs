//! Converting sources into their outputs: several inputs side by side, or the formats of one.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, Result, bail};
use clap::error::ErrorKind;
use indicatif::ProgressBar;

use cjkpress::{Format, Options};

use super::args::{Build, usage_error};
use super::groups::Report;
use super::progress::{PROGRESS_DELAY, Progress};
use super::stdio::{self, Source};
use super::values::OutputFormat;

/// `cjkpress build`: every source named (or found in the folders named and their subfolders,
/// default `source/`) into `out_dir`, one file per format, the folders' trees mirrored.
pub fn run(args: Build) -> Result<()> {
    let Build {
        inputs,
        out_dir,
        to,
        jobs,
        keep_going,
        common,
    } = args;
    check_out_dir_name(&inputs, &out_dir, &to);
    let work = plan(&inputs, &out_dir, &to, common.report.quiet)?;
    let options = common.options()?;
    let jobs = jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let work: Vec<(&Path, Vec<(Format, PathBuf)>)> = work
        .iter()
        .map(|(src, outputs)| (src.as_path(), outputs.clone()))
        .collect();
    build(&common.report, &options, &work, jobs, keep_going)
}

/// A source and the files made from it, each in its format.
pub type Planned = (PathBuf, Vec<(Format, PathBuf)>);

/// Each source `inputs` name (files, or the sources in folders and their subfolders) with its
/// outputs in `out_dir`, one per format of `to`, the folders' trees mirrored. What was passed
/// over, and outputs named apart, are noted unless `quiet`.
pub fn plan(
    inputs: &[PathBuf],
    out_dir: &Path,
    to: &[OutputFormat],
    quiet: bool,
) -> Result<Vec<Planned>> {
    let found = collect_sources(inputs)?;
    if !quiet {
        found
            .skipped
            .iter()
            .for_each(|n| stdio::say(format_args!("note: {}: skipped, {}", n.0.display(), n.1)));
    }
    cjkpress::paths::check_out_dir(out_dir)?;
    let sources: Vec<PathBuf> = found.sources.iter().map(|(p, _)| p.clone()).collect();
    // Outputs are named apart within each folder of the tree they go in.
    let folders: std::collections::BTreeSet<&PathBuf> =
        found.sources.iter().map(|(_, rel)| rel).collect();
    let mut outputs: Vec<Vec<(Format, PathBuf)>> = vec![Vec::new(); sources.len()];
    for folder in folders {
        let members: Vec<usize> = (0..sources.len())
            .filter(|&i| found.sources[i].1 == *folder)
            .collect();
        let group: Vec<PathBuf> = members.iter().map(|&i| sources[i].clone()).collect();
        let (stems, notes) = cjkpress::paths::output_stems(&group);
        if !quiet {
            notes
                .iter()
                .for_each(|n| stdio::say(format_args!("note: {n}")));
        }
        for (&i, stem) in members.iter().zip(stems) {
            outputs[i] = to
                .iter()
                .map(|&f| {
                    let f = Format::from(f);
                    let mut name = stem.clone();
                    name.push(format!(".{}", f.extension()));
                    (f, out_dir.join(folder).join(name))
                })
                .collect();
        }
    }
    // Before anything is written: no output may replace a source.
    for path in outputs.iter().flatten().map(|(_, path)| path) {
        cjkpress::paths::check_not_source(path, &sources)?;
    }
    Ok(sources.into_iter().zip(outputs).collect())
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
/// beside it). Messages are printed in input order whatever finishes first, so a run reads the
/// same with any `jobs`. The first error in input order ends the run, unless `keep_going`: then
/// every input is converted that can be, each failure printed, and the run fails at the end.
fn build(
    talk: &Report,
    options: &Options,
    work: &[(&Path, Vec<(Format, PathBuf)>)],
    jobs: usize,
    keep_going: bool,
) -> Result<()> {
    let per_input = if work.len() == 1 { jobs } else { 1 };
    let workers = jobs.min(work.len()).max(1);
    let total: usize = work.iter().map(|(_, outputs)| outputs.len()).sum();
    let progress = Progress::new(total as u64, !talk.quiet);
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
                            talk,
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
                        if failed && !keep_going {
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
    let mut failed = 0;
    for slot in done {
        let Some((log, result)) = slot.into_inner().unwrap_or_else(|e| e.into_inner()) else {
            continue;
        };
        log.iter().for_each(stdio::say);
        match result {
            Err(e) if keep_going => {
                stdio::say(format_args!("error: {e:#}"));
                failed += 1;
            }
            result => result?,
        }
    }
    if failed > 0 {
        bail!(
            "{failed} of {} sources could not be converted (each named above)",
            work.len()
        );
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
    talk: &Report,
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
    talk.collect(&name, &prepared.warnings, log);
    let prepared = &prepared.value;
    // Once for the document, naming every format that ignores a flag.
    let formats: Vec<Format> = outputs.iter().map(|(format, _)| *format).collect();
    talk.collect(
        &name,
        &cjkpress::flags::ignored(prepared, options, &formats),
        log,
    );
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
        talk.collect(&name, &out.warnings, log);
        stdio::write(path, &out.value)?;
        if !talk.quiet && !stdio::is_dash(path) {
            log.push(format!("wrote {}", path.display()));
        }
    }
    Ok(())
}

/// The sources `build` converts, and what it passed over.
struct Found {
    /// Each source, with the folder its outputs go in (relative to the output folder): its
    /// folder's path from the folder named on the command line.
    sources: Vec<(PathBuf, PathBuf)>,
    /// Files in the folders that are not sources, and why.
    skipped: Vec<(PathBuf, &'static str)>,
}

/// The source files named on the command line; folders give their `.md`/`.markdown`/`.txt`
/// files and those of their subfolders, in name order.
fn collect_sources(inputs: &[PathBuf]) -> Result<Found> {
    let default = [PathBuf::from("source")];
    let inputs = if inputs.is_empty() {
        &default[..]
    } else {
        inputs
    };
    let mut found = Found {
        sources: Vec::new(),
        skipped: Vec::new(),
    };
    for input in inputs {
        if input.is_dir() {
            let before = found.sources.len();
            walk(input, Path::new(""), &mut found)?;
            if found.sources.len() == before {
                bail!(
                    "{}: no .md, .markdown or .txt files here or in its subfolders",
                    input.display()
                );
            }
        } else if input.exists() {
            found.sources.push((input.clone(), PathBuf::new()));
        } else if stdio::is_dash(input) {
            bail!(
                "-: `build` reads files and folders; for standard input type `cjkpress - -o OUTPUT`"
            );
        } else {
            bail!("{}: no such file or folder", input.display());
        }
    }
    Ok(found)
}

/// Adds the sources of `folder` (at `rel` below the folder named) and of its subfolders.
fn walk(folder: &Path, rel: &Path, found: &mut Found) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .with_context(|| folder.display().to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let source = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt"));
        if let Some(why) = not_a_source(&name) {
            // Hidden folders (`.git`) and files hold no sources; say so only of what would
            // otherwise have been converted.
            if source || why != HIDDEN {
                found.skipped.push((path, why));
            }
        } else if path.is_dir() {
            walk(&path, &rel.join(&*name), found)?;
        } else if source && path.is_file() {
            found.sources.push((path, rel.to_path_buf()));
        }
    }
    Ok(())
}

/// Why a file found in a folder is not converted though it may look like a source.
const HIDDEN: &str = "a hidden file";

/// Why a file or folder of this name is no source: hidden (dotfiles, `.git`), a project's
/// README, licence or settings.
fn not_a_source(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    if name.starts_with('.') {
        Some(HIDDEN)
    } else if upper.starts_with("README") {
        Some("a README")
    } else if ["LICENSE", "LICENCE", "COPYING"]
        .iter()
        .any(|l| upper.starts_with(l))
    {
        Some("a licence")
    } else if name == cjkpress::style::settings::FILE_NAME {
        Some("the folder's settings")
    } else {
        None
    }
}
