//! The `cjkpress` command: parse arguments, call the library, print warnings and errors.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use anyhow::{Context as _, Result, bail};
use clap::{Args, Parser, Subcommand};

use cjkpress::font::{FontSet, FontSpec};
use cjkpress::style::Preset;
use cjkpress::{Format, Level, Options, Warning};

#[derive(Parser)]
#[command(
    name = "cjkpress",
    version,
    about = "Chinese (CJK) text to PDF, DOCX, EPUB 3 and HTML with embedded font subsets"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert sources (files or folders; default ./source) into OUT_DIR (default ./out)
    Build {
        /// Source files or folders of .md/.markdown/.txt files
        inputs: Vec<PathBuf>,
        /// Output folder
        #[arg(short, long, default_value = "out")]
        out_dir: PathBuf,
        /// Formats to write, comma-separated
        #[arg(long, value_delimiter = ',', default_values = ["pdf", "docx", "epub", "html"])]
        to: Vec<Format>,
        /// Threads to use (default: the number of cores)
        #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        #[command(flatten)]
        common: Common,
    },
    /// Convert one source; the format comes from OUTPUT's extension or --to
    Convert {
        /// Source file
        input: PathBuf,
        /// Output file
        #[arg(short, long)]
        output: PathBuf,
        /// Output format (default: from OUTPUT's extension)
        #[arg(long)]
        to: Option<Format>,
        #[command(flatten)]
        common: Common,
    },
    /// Print the document model as JSON
    Dump {
        /// Source file
        input: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Report what would be lost or guessed: missing glyphs, inferred structure
    Check {
        /// Source file
        input: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Show which face serves each role and, for INPUT, which characters fallback faces draw
    Fonts {
        /// Source file (default: the roles for Simplified Chinese)
        input: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Args)]
struct Common {
    /// Preset: handout, gongwen or book
    #[arg(long)]
    preset: Option<Preset>,
    /// A font, optionally for a role: [ROLE=]FILE[#INDEX] (roles: body, heading, title, emphasis,
    /// mono, fangsong, kai, hei, xiaobiaosong)
    #[arg(long = "font", value_parser = parse_font)]
    fonts: Vec<FontSpec>,
    /// A folder of font files to take faces from, before the system's fonts (repeatable; also
    /// CJKPRESS_FONT_PATH, a `:`-separated list)
    #[arg(long = "font-dir")]
    font_dirs: Vec<PathBuf>,
    /// Do not use the fonts installed on the system
    #[arg(long)]
    no_system_fonts: bool,
    /// Document language (BCP 47), e.g. zh-Hant
    #[arg(long)]
    lang: Option<String>,
    /// Treat characters no font covers as an error
    #[arg(long)]
    strict: bool,
    /// Keep ASCII punctuation between CJK characters as it is
    #[arg(long)]
    keep_punctuation: bool,
    /// Pass raw HTML in Markdown through to HTML and EPUB
    #[arg(long)]
    raw_html: bool,
    /// Allow image paths outside the input's folder
    #[arg(long)]
    allow_outside: bool,
    /// Vertical writing in the EPUB
    #[arg(long)]
    vertical: bool,
    /// Add a table of contents
    #[arg(long)]
    toc: bool,
    /// The EPUB's cover image (PNG or JPEG), in place of the front matter's `cover:`
    #[arg(long, value_name = "IMAGE")]
    cover: Option<PathBuf>,
    /// Explain what was guessed, dropped and which font serves each role
    #[arg(short, long)]
    verbose: bool,
    /// Print errors only
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
}

impl Common {
    fn options(&self) -> Result<Options> {
        // Set but empty is unset: the specification asks only that a malformed value end the
        // build, and its own reading examples (`${SOURCE_DATE_EPOCH:-$(date +%s)}`, Perl's
        // `$ENV{SOURCE_DATE_EPOCH} || time`) take an empty value as none
        // (https://reproducible-builds.org/docs/source-date-epoch/).
        let epoch = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) if v.trim().is_empty() => None,
            Ok(v) => Some(cjkpress::date::parse_epoch(&v).map_err(anyhow::Error::msg)?),
            Err(_) => None,
        };
        let mut font_dirs = self.font_dirs.clone();
        if let Some(path) = std::env::var_os("CJKPRESS_FONT_PATH") {
            font_dirs.extend(std::env::split_paths(&path).filter(|p| !p.as_os_str().is_empty()));
        }
        Ok(Options {
            preset: self.preset,
            fonts: self.fonts.clone(),
            font_dirs,
            no_system_fonts: self.no_system_fonts,
            lang: self.lang.clone(),
            strict: self.strict,
            keep_punctuation: self.keep_punctuation,
            raw_html: self.raw_html,
            allow_outside: self.allow_outside,
            vertical: self.vertical,
            toc: self.toc,
            cover: self.cover.clone(),
            epoch,
        })
    }

    /// The options of a command that sets type: `options()`, with the `--font` files read first,
    /// so that a bad one is reported as an error of the command line, naming only the font file
    /// (each document then takes the parsed faces from the per-process cache).
    fn typesetting_options(&self) -> Result<Options> {
        let options = self.options()?;
        FontSet::load(&options.fonts, &mut Vec::new())?;
        Ok(options)
    }

    fn report(&self, file: &Path, warnings: &[Warning]) {
        let mut lines = Vec::new();
        self.collect(file, warnings, &mut lines);
        for line in lines {
            eprintln!("{line}");
        }
    }

    /// The lines `report` would print, kept for printing later (work done in parallel prints in
    /// input order).
    fn collect(&self, file: &Path, warnings: &[Warning], out: &mut Vec<String>) {
        for w in warnings {
            match w.level {
                Level::Warn if !self.quiet => out.push(format!("warning: {}: {w}", file.display())),
                Level::Info if self.verbose => out.push(format!("note: {}: {w}", file.display())),
                _ => {}
            }
        }
    }
}

fn parse_font(s: &str) -> Result<FontSpec, String> {
    let (role, rest) = match s.split_once('=') {
        Some((role, file)) => (Some(role.parse()?), file),
        None => (None, s),
    };
    let (path, index) = match rest.rsplit_once('#') {
        Some((p, i)) if !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) => {
            (p, i.parse().map_err(|e| format!("face index `{i}`: {e}"))?)
        }
        _ => (rest, 0),
    };
    if path.is_empty() {
        return Err("empty font path".into());
    }
    Ok(FontSpec {
        role,
        path: path.into(),
        index,
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // 130: the shell's code for a run ended by SIGINT.
    if let Err(e) = ctrlc::set_handler(|| cjkpress::paths::interrupted(130)) {
        eprintln!("warning: cannot handle Ctrl-C: {e}");
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build {
            inputs,
            out_dir,
            to,
            jobs,
            common,
        } => {
            let sources = collect_sources(&inputs)?;
            cjkpress::paths::check_out_dir(&out_dir)?;
            let options = common.typesetting_options()?;
            let jobs = jobs.map_or_else(
                || std::thread::available_parallelism().map_or(1, |n| n.get()),
                usize::from,
            );
            let (stems, notes) = cjkpress::paths::output_stems(&sources);
            if !common.quiet {
                notes.iter().for_each(|n| eprintln!("note: {n}"));
            }
            let work: Vec<(&Path, Vec<(Format, PathBuf)>)> = sources
                .iter()
                .zip(stems)
                .map(|(src, stem)| {
                    let outputs = to
                        .iter()
                        .map(|&f| {
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
            build(&common, &options, &work, jobs)
        }
        Command::Convert {
            input,
            output,
            to,
            common,
        } => {
            let format = match to.or_else(|| Format::from_path(&output)) {
                Some(f) => f,
                None => bail!(
                    "{}: cannot tell the format from the extension; use --to",
                    output.display()
                ),
            };
            let options = common.typesetting_options()?;
            cjkpress::paths::check_not_source(&output, std::slice::from_ref(&input))?;
            let mut log = Vec::new();
            let bar = ProgressBar::hidden();
            let result = convert(
                &common,
                &options,
                &input,
                &[(format, output)],
                1,
                &bar,
                &mut log,
            );
            log.iter().for_each(|line| eprintln!("{line}"));
            result
        }
        Command::Dump { input, common } => {
            let options = common.options()?;
            let doc = cjkpress::read_file(&input, &options)
                .with_context(|| input.display().to_string())?;
            common.report(&input, &doc.warnings);
            println!("{}", serde_json::to_string_pretty(&doc.value)?);
            Ok(())
        }
        Command::Check { input, common } => {
            let options = common.typesetting_options()?;
            let report =
                cjkpress::check(&input, &options).with_context(|| input.display().to_string())?;
            for w in &report.warnings {
                println!("{}: {w}", input.display());
            }
            if report.value == 0 {
                println!("{}: every character has a glyph", input.display());
            }
            if options.strict && report.value > 0 {
                bail!(
                    "{}: {} character(s) no font covers",
                    input.display(),
                    report.value
                );
            }
            Ok(())
        }
        Command::Fonts { input, common } => {
            let options = common.typesetting_options()?;
            let name = input.as_deref().unwrap_or(Path::new("fonts"));
            let report = cjkpress::font_report(input.as_deref(), &options)
                .with_context(|| name.display().to_string())?;
            common.report(name, &report.warnings);
            for line in &report.value {
                println!("{line}");
            }
            Ok(())
        }
    }
}

/// How long work runs before a progress bar appears: shorter runs finish without one.
const PROGRESS_DELAY: Duration = Duration::from_secs(1);

/// A progress bar over every format of every input, drawn on a terminal only, and only once the
/// work has run for a while (`show_after`).
struct Progress {
    bar: ProgressBar,
    /// Whether a bar may be drawn at all: stderr is a terminal and `-q` was not given.
    allowed: bool,
    done: Mutex<bool>,
    finished: Condvar,
}

impl Progress {
    fn new(total: u64, allowed: bool) -> Progress {
        let bar = ProgressBar::hidden();
        bar.set_length(total);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        Progress {
            bar,
            allowed: allowed && std::io::stderr().is_terminal(),
            done: Mutex::new(false),
            finished: Condvar::new(),
        }
    }

    /// Waits up to `delay` for the work to finish; if it has not, draws the bar on stderr.
    fn show_after(&self, delay: Duration) {
        let done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        let (done, _) = self
            .finished
            .wait_timeout_while(done, delay, |done| !*done)
            .unwrap_or_else(|e| e.into_inner());
        if !*done && self.allowed {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
    }

    /// Ends the bar (clearing it) and wakes `show_after`.
    fn finish(&self) {
        *self.done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.finished.notify_all();
        self.bar.finish_and_clear();
    }
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
                        let result = convert(
                            common,
                            options,
                            input,
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
        log.iter().for_each(|line| eprintln!("{line}"));
        result?;
    }
    Ok(())
}

/// Reads one input and writes its outputs, rendering up to `jobs` formats at once; messages go
/// to `log`.
fn convert(
    common: &Common,
    options: &Options,
    input: &Path,
    outputs: &[(Format, PathBuf)],
    jobs: usize,
    bar: &ProgressBar,
    log: &mut Vec<String>,
) -> Result<()> {
    let name = || input.display().to_string();
    let prepared = cjkpress::load(input, options).with_context(name)?;
    common.collect(input, &prepared.warnings, log);
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
                        bar.set_message(format!("{} → {format}", input.display()));
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
        let out = out.with_context(name)?;
        common.collect(input, &out.warnings, log);
        cjkpress::write_output(path, &out.value)?;
        if !common.quiet {
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
        } else {
            bail!("{}: no such file or folder", input.display());
        }
    }
    Ok(sources)
}
