//! The `cjkpress` command: parse arguments, call the library, print warnings and errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
        let epoch = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) => Some(
                v.trim()
                    .parse()
                    .with_context(|| format!("SOURCE_DATE_EPOCH: not a number: `{v}`"))?,
            ),
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
        for w in warnings {
            match w.level {
                Level::Warn if !self.quiet => eprintln!("warning: {}: {w}", file.display()),
                Level::Info if self.verbose => eprintln!("note: {}: {w}", file.display()),
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
            common,
        } => {
            let sources = collect_sources(&inputs)?;
            let options = common.typesetting_options()?;
            for src in &sources {
                let stem = src.file_stem().unwrap_or_default().to_string_lossy();
                let outputs: Vec<_> = to
                    .iter()
                    .map(|&f| (f, out_dir.join(format!("{stem}.{}", f.extension()))))
                    .collect();
                convert(&common, &options, src, &outputs)?;
            }
            Ok(())
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
            convert(&common, &options, &input, &[(format, output)])
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

fn convert(
    common: &Common,
    options: &Options,
    input: &Path,
    outputs: &[(Format, PathBuf)],
) -> Result<()> {
    let name = || input.display().to_string();
    let prepared = cjkpress::load(input, options).with_context(name)?;
    common.report(input, &prepared.warnings);
    for (format, path) in outputs {
        let out = cjkpress::render(&prepared.value, *format, options).with_context(name)?;
        common.report(input, &out.warnings);
        cjkpress::write_atomic(path, &out.value)?;
        if !common.quiet {
            eprintln!("wrote {}", path.display());
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
