//! `cjkpress watch [INPUT|DIR]`: build once, then rebuild what changed whenever a file is saved,
//! as `typst watch` does. The process keeps the fonts it parsed and the font folders it scanned,
//! so a rebuild pays only for reading, laying out and writing.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use indicatif::ProgressBar;
use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher as _};

use cjkpress::{Format, Options};

use super::args::Watch;
use super::build::Planned as Job;
use super::groups::Report;
use super::stdio::{self, Source};
use super::values::OutputFormat;

/// How long the files must be quiet before a rebuild: an editor's save is often several events
/// (write a temporary file, rename it over the old one, set its times).
const DEBOUNCE: Duration = Duration::from_millis(100);

/// What is watched and what each change rebuilds.
struct Plan {
    /// The folder watched.
    root: PathBuf,
    /// Whether its subfolders are watched too (a folder of sources).
    recursive: bool,
    /// The sources and their outputs.
    jobs: Vec<Job>,
    /// Where outputs go, whose own changes are not edits (the output folder, or the files).
    outputs: Vec<PathBuf>,
}

/// Watches a source (or a folder of them, default `source/`) and rebuilds its outputs.
pub fn run(args: Watch) -> Result<()> {
    let Watch {
        input,
        output,
        to,
        common,
    } = args;
    let options = common.options()?;
    let talk = &common.report;
    let make_plan = || plan(input.as_deref(), output.as_deref(), &to, talk.quiet);
    let mut plan = make_plan()?;
    for job in &plan.jobs {
        rebuild(talk, &options, job, "built");
    }
    // Resolved again now that the outputs exist.
    plan.outputs = plan.outputs.iter().map(|o| absolute(o)).collect();
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot watch files")?;
    let mode = if plan.recursive {
        RecursiveMode::Recursive
    } else {
        RecursiveMode::NonRecursive
    };
    watcher
        .watch(&plan.root, mode)
        .with_context(|| plan.root.display().to_string())?;
    if !talk.quiet {
        stdio::say(format_args!(
            "watching {} (Ctrl-C stops)",
            plan.root.display()
        ));
    }
    while let Some(events) = settled(&rx) {
        let mut changed: Vec<PathBuf> = events
            .into_iter()
            .filter(|p| is_edit(p, &plan.outputs))
            .collect();
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        let known: Vec<&Job> = changed
            .iter()
            .map(|c| plan.jobs.iter().find(|(src, _)| same(src, c)))
            .collect::<Option<_>>()
            .unwrap_or_default();
        if known.is_empty() {
            // A new file, an image, a stylesheet or the folder's settings: everything again.
            plan = match make_plan() {
                Ok(plan) => plan,
                Err(e) => {
                    stdio::say(format_args!("error: {e:#}"));
                    continue;
                }
            };
            for job in &plan.jobs {
                rebuild(talk, &options, job, "rebuilt");
            }
        } else {
            for job in known {
                rebuild(talk, &options, job, "rebuilt");
            }
        }
    }
    Ok(())
}

/// The paths changed in the next burst of events: waits for a change, then until the files
/// have been quiet for [`DEBOUNCE`]. `None` when the watcher has stopped.
fn settled(rx: &mpsc::Receiver<notify::Result<notify::Event>>) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    let mut add = |event: notify::Result<notify::Event>| match event {
        Ok(event) if changes(event.kind) => paths.extend(event.paths),
        Ok(_) => {}
        Err(e) => stdio::say(format_args!("warning: watching: {e}")),
    };
    add(rx.recv().ok()?);
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(event) => add(event),
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
    Some(paths)
}

/// Whether an event changes a file: made, written, renamed or removed; not opened, read or
/// closed (a rebuild reads its sources, and would see its own reading as an edit).
fn changes(kind: EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

/// What `input` and `output` ask for: one source into one file (`-o`, default the source's name
/// with the first format of `--to`'s extension, else `.pdf`), or a folder's sources into a
/// folder (default `out`), as `build` makes them.
fn plan(
    input: Option<&Path>,
    output: Option<&Path>,
    to: &[OutputFormat],
    quiet: bool,
) -> Result<Plan> {
    let input = input.unwrap_or(Path::new("source"));
    if stdio::is_dash(input) {
        bail!("-: standard input cannot be watched; name a file or a folder");
    }
    if input.is_dir() {
        let out_dir = output.unwrap_or(Path::new("out"));
        let to = if to.is_empty() {
            &[
                OutputFormat::Pdf,
                OutputFormat::Docx,
                OutputFormat::Epub,
                OutputFormat::Html,
            ][..]
        } else {
            to
        };
        let jobs = super::build::plan(&[input.to_path_buf()], out_dir, to, quiet)?;
        return Ok(Plan {
            root: input.to_path_buf(),
            recursive: true,
            jobs,
            outputs: vec![absolute(out_dir)],
        });
    }
    if !input.is_file() {
        bail!("{}: no such file or folder", input.display());
    }
    let output = match output {
        Some(output) => output.to_path_buf(),
        None => {
            let format = to.first().map_or(Format::Pdf, |&f| Format::from(f));
            input.with_extension(format.extension())
        }
    };
    let format = match to {
        [] => Format::from_path(&output).with_context(|| {
            format!(
                "{}: cannot tell the format from the extension; use --to",
                output.display()
            )
        })?,
        [one] => Format::from(*one),
        _ => bail!("one source is watched into one file: give --to one format"),
    };
    cjkpress::paths::check_not_source(&output, &[input.to_path_buf()])?;
    let root = match input.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(Plan {
        root,
        recursive: false,
        outputs: vec![absolute(&output)],
        jobs: vec![(input.to_path_buf(), vec![(format, output)])],
    })
}

/// Converts one source again, printing one line with the time the work took (reading, laying
/// out and writing; not the wait for the files to settle).
fn rebuild(talk: &Report, options: &Options, (source, outputs): &Job, done: &str) {
    let start = Instant::now();
    let mut log = Vec::new();
    let input = Source::File(source.clone());
    let result = super::build::convert(
        talk,
        &input.name(),
        || cjkpress::load_input(&input.input(), options),
        options,
        outputs,
        outputs.len(),
        &ProgressBar::hidden(),
        &mut log,
    );
    let took = start.elapsed().as_millis();
    // The `wrote` lines are this line's news.
    log.retain(|l| !l.starts_with("wrote "));
    log.iter().for_each(stdio::say);
    match result {
        Ok(()) if !talk.quiet => {
            let names: Vec<String> = outputs
                .iter()
                .map(|(_, p)| p.display().to_string())
                .collect();
            stdio::say(format_args!("{done} {} in {took} ms", names.join(", ")));
        }
        Ok(()) => {}
        Err(e) => stdio::say(format_args!("error: {e:#}")),
    }
}

/// Whether a change of `path` is an edit to rebuild for: not our own outputs (nor the hidden
/// temporary files they are written through), not an editor's swap or backup file.
fn is_edit(path: &Path, outputs: &[PathBuf]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.is_empty() || name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    let path = absolute(path);
    !outputs.iter().any(|o| path.starts_with(o))
}

/// Whether two paths name one file.
fn same(a: &Path, b: &Path) -> bool {
    absolute(a) == absolute(b)
}

/// `path` from the root, its links resolved where it exists (event paths are absolute, the
/// command line's may not be).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    // A file not made yet, or removed: its folder resolved, then its name.
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (folder.canonicalize(), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}
