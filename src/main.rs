//! The `cjkpress` command: parse arguments, call the library, print warnings and errors.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::error::ErrorKind;
use clap::{Args, CommandFactory as _, Parser, Subcommand};

use cjkpress::font::{FontSet, FontSpec};
use cjkpress::{Level, Options, Warning};

use cli::values::{InputFormat, OutputFormat, PresetName, RubyScheme, RubyTones};

/// With no subcommand, `cjkpress IN -o OUT` converts, as pandoc and typst do: the first argument
/// is a subcommand only when it names one (clap's `args_conflicts_with_subcommands`).
#[derive(Parser)]
#[command(
    name = "cjkpress",
    version,
    about = "Chinese (CJK) text to PDF, DOCX, EPUB 3 and HTML with embedded font subsets",
    args_conflicts_with_subcommands = true,
    // `-V` is pandoc's `--variable` (a setting); the version keeps its long flag only.
    disable_version_flag = true,
    subcommand_negates_reqs = true,
    arg_required_else_help = true
)]
struct Cli {
    /// Print version
    #[arg(long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    convert: Convert,
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
        #[arg(long, value_delimiter = ',', ignore_case = true, value_name = "FORMATS",
              default_values = ["pdf", "docx", "epub", "html"])]
        to: Vec<OutputFormat>,
        /// Threads to use (default: the number of cores)
        #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        #[command(flatten)]
        common: Common,
    },
    /// Convert one source (or several, as one book) into one file, as `cjkpress INPUT... -o OUTPUT` does
    Convert(Convert),
    /// Print the document model as JSON
    Dump {
        /// Source file (- reads standard input)
        input: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Report what would be lost or guessed: missing glyphs, inferred structure
    Check {
        /// Source file (- reads standard input)
        input: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Show which face serves each role and, for INPUT, which characters fallback faces draw
    Fonts {
        /// Source file (- reads standard input; default: the roles for Simplified Chinese)
        input: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Print a shell completion script (e.g. `cjkpress completions bash > /etc/bash_completion.d/cjkpress`)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `cjkpress man > cjkpress.1`, `cjkpress man build > cjkpress-build.1`)
    Man {
        /// A subcommand, for its own page
        subcommand: Option<String>,
    },
    /// Write our reference DOCX (its styles, page and footers) to standard output, as a starting
    /// point for --reference-doc
    ReferenceDoc,
}

/// One source (or the chapters of one book) into one file; the format comes from OUTPUT's
/// extension or --to.
#[derive(Args)]
struct Convert {
    /// Source file (- reads standard input, as Markdown unless --from says otherwise); several
    /// files, or a folder whose cjkpress.toml lists `files`, make one book, each file a chapter
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output file (- writes standard output, with --to)
    #[arg(short, long, required = true)]
    output: Option<PathBuf>,
    /// Output format (default: from OUTPUT's extension)
    #[arg(long, ignore_case = true, value_name = "FORMAT")]
    to: Option<OutputFormat>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct Common {
    /// Preset (default: the front matter's, else handout)
    #[arg(long, ignore_case = true, value_name = "NAME")]
    preset: Option<PresetName>,
    /// Source format (default: from the extension; standard input is Markdown)
    #[arg(long, ignore_case = true, value_name = "FORMAT")]
    from: Option<InputFormat>,
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
    /// Allow image and front-matter font paths outside the input's folder (and, for fonts, the
    /// font folders)
    #[arg(long)]
    allow_outside: bool,
    /// Vertical writing: columns top to bottom, right to left (EPUB, HTML and DOCX)
    #[arg(long)]
    vertical: bool,
    /// Add a table of contents
    #[arg(long)]
    toc: bool,
    /// A setting of page, type or structure, over the front matter's and cjkpress.toml's
    /// (paper, margin, size, pitch, indent, heading1-size, heading1-face, page-number…)
    #[arg(short = 'V', long = "variable", value_name = "KEY=VALUE", value_parser = cli::values::variable)]
    variables: Vec<(String, String)>,
    /// The deepest heading level the table of contents lists (1-6)
    #[arg(long, value_name = "N")]
    toc_depth: Option<String>,
    /// Number the headings: gongwen (一、（一）1.（1）), chapter (第一章 第一节) or decimal (1 1.1);
    /// without a style, the preset's
    #[arg(long, value_name = "STYLE", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    number_sections: Option<String>,
    /// Let settings break GB/T 9704 under the gongwen preset
    #[arg(long)]
    allow_nonstandard: bool,
    /// Metadata (title, author, date, lang… or a setting), under the front matter's
    #[arg(short = 'M', long = "metadata", value_name = "KEY=VALUE", value_parser = cli::values::variable)]
    metadata: Vec<(String, String)>,
    /// A YAML file of metadata, under -M and the front matter
    #[arg(long, value_name = "FILE")]
    metadata_file: Option<PathBuf>,
    /// Standards the PDF claims: ua-1, a-2u, both (ua-1,a-2u, the default) or none; the PDF is
    /// tagged either way
    #[arg(long, value_name = "LIST", value_delimiter = ',', ignore_case = true,
          default_values = ["ua-1", "a-2u"])]
    pdf_standard: Vec<cli::values::PdfStandard>,
    /// The EPUB's cover image (PNG or JPEG), in place of the front matter's `cover:`
    #[arg(long, value_name = "IMAGE")]
    cover: Option<PathBuf>,
    /// Set the reading over every Han character of the body: pinyin or zhuyin (default: the
    /// front matter's `ruby:`, else none)
    #[arg(long, ignore_case = true, value_name = "SCHEME")]
    ruby: Option<RubyScheme>,
    /// Tone marks (the default) or tone numbers in automatic pinyin
    #[arg(long, ignore_case = true, value_name = "FORM")]
    ruby_tones: Option<RubyTones>,
    /// Tone sandhi of 一 and 不 in automatic ruby
    #[arg(long)]
    ruby_sandhi: bool,
    /// A stylesheet added after ours in the HTML and the EPUB (repeatable); the local fonts
    /// and images it names are embedded, remote URLs refused
    #[arg(long, value_name = "FILE")]
    css: Vec<PathBuf>,
    /// A DOCX whose styles, page set-up, headers and footers the DOCX takes (start from
    /// `cjkpress reference-doc > ref.docx`)
    #[arg(long, value_name = "FILE")]
    reference_doc: Option<PathBuf>,
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
            preset: self.preset.map(Into::into),
            from: self.from.map(Into::into),
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
            pdf_standard: cli::values::standards(&self.pdf_standard).map_err(anyhow::Error::msg)?,
            ruby: self.ruby.map(Into::into),
            ruby_numbers: self.ruby_tones.map(|t| t == RubyTones::Numbers),
            ruby_sandhi: self.ruby_sandhi,
            css: self.css.clone(),
            reference_doc: self.reference_doc.clone(),
            settings: cli::values::settings(
                &self.variables,
                self.toc_depth.as_deref(),
                self.number_sections.as_deref(),
            ),
            allow_nonstandard: self.allow_nonstandard,
            metadata: self.metadata.clone(),
            metadata_file: self.metadata_file.clone(),
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

    fn report(&self, name: &str, warnings: &[Warning]) {
        let mut lines = Vec::new();
        self.collect(name, warnings, &mut lines);
        for line in lines {
            cli::stdio::say(line);
        }
    }

    /// The lines `report` would print, kept for printing later (work done in parallel prints in
    /// input order).
    fn collect(&self, name: &str, warnings: &[Warning], out: &mut Vec<String>) {
        for w in warnings {
            match w.level {
                Level::Warn if !self.quiet => out.push(format!("warning: {name}: {w}")),
                Level::Info if self.verbose => out.push(format!("note: {name}: {w}")),
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

/// `cjkpress biuld` parses as a conversion of the file `biuld` that lacks its `-o`: when that
/// word names no file, the error says it is no subcommand either.
fn misspelt_subcommand(error: clap::Error) -> clap::Error {
    let first = std::env::args_os().nth(1);
    let Some(word) = first.as_ref().and_then(|w| w.to_str()) else {
        return error;
    };
    if error.kind() != ErrorKind::MissingRequiredArgument
        || word.starts_with('-')
        || word.contains(['.', '/', '\\'])
        || std::path::Path::new(word).exists()
    {
        return error;
    }
    let mut command = Cli::command();
    let names: Vec<&str> = command
        .get_subcommands()
        .map(|sub| sub.get_name())
        .collect();
    let message = format!(
        "`{word}` is neither a subcommand ({}) nor a file",
        names.join(", ")
    );
    command.error(ErrorKind::InvalidSubcommand, message)
}

fn main() -> ExitCode {
    let cli = Cli::try_parse().unwrap_or_else(|e| misspelt_subcommand(e).exit());
    // 130: the shell's code for a run ended by SIGINT.
    if let Err(e) = ctrlc::set_handler(|| cjkpress::paths::interrupted(130)) {
        cli::stdio::say(format_args!("warning: cannot handle Ctrl-C: {e}"));
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cli::stdio::say(format_args!("error: {e:#}"));
            ExitCode::from(1)
        }
    }
}

/// Ends the run with clap's usage error (exit code 2) for `message`, showing the usage of
/// `subcommand` (or of the whole command).
fn usage_error(subcommand: Option<&str>, kind: ErrorKind, message: impl std::fmt::Display) -> ! {
    let mut command = Cli::command();
    // Gives the subcommands their full names (`cjkpress build`) for their usage lines.
    command.build();
    // Messages name the user's paths, which may hold control characters.
    let message = cli::stdio::escaped(&message.to_string());
    match subcommand.and_then(|name| command.find_subcommand_mut(name)) {
        Some(sub) => sub.error(kind, message).exit(),
        None => command.error(kind, message).exit(),
    }
}

fn run(cli: Cli) -> Result<()> {
    let Some(command) = cli.command else {
        return cli::convert::run(cli.convert);
    };
    match command {
        Command::Build {
            inputs,
            out_dir,
            to,
            jobs,
            common,
        } => cli::build::run(&inputs, &out_dir, &to, jobs, &common),
        Command::Convert(convert) => cli::convert::run(convert),
        Command::Dump { input, common } => cli::inspect::dump(&input, &common),
        Command::Check { input, common } => cli::inspect::check(&input, &common),
        Command::Fonts { input, common } => cli::inspect::fonts(input.as_deref(), &common),
        Command::Completions { shell } => cli::docs::completions(shell, Cli::command()),
        Command::Man { subcommand } => cli::docs::man(Cli::command(), subcommand.as_deref()),
        Command::ReferenceDoc => cli::reference::run(),
    }
}
