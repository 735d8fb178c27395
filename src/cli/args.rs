//! The command line's definition: the subcommands and which flag groups (`groups`) each takes.

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory as _, Parser, Subcommand};

use super::groups::{Common, Read, Report, Typeset};
use super::values::OutputFormat;

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
pub struct Cli {
    /// Print version
    #[arg(long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub convert: Convert,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Convert sources (files or folders; default ./source) into OUT_DIR (default ./out)
    Build(Build),
    /// Convert one source (or several, as one book) into one file, as `cjkpress INPUT... -o OUTPUT` does
    Convert(Convert),
    /// Print the document model as JSON
    Dump {
        /// Source file (- reads standard input)
        input: PathBuf,
        #[command(flatten)]
        read: Read,
        #[command(flatten)]
        report: Report,
    },
    /// Report what would be lost or guessed: missing glyphs, inferred structure
    Check {
        /// Source file (- reads standard input)
        input: PathBuf,
        /// Fail (exit 1) when a character has no glyph
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        read: Read,
        #[command(flatten)]
        typeset: Typeset,
    },
    /// Show which face serves each role and, for INPUT, which characters fallback faces draw
    Fonts {
        /// Source file (- reads standard input; default: the roles for Simplified Chinese)
        input: Option<PathBuf>,
        #[command(flatten)]
        read: Read,
        #[command(flatten)]
        typeset: Typeset,
        #[command(flatten)]
        report: Report,
    },
    /// Build, then rebuild what changed each time a source (or an image, a stylesheet, the
    /// folder's settings) is saved; one line per rebuild with the time it took
    Watch(Watch),
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

/// Sources into a folder, one file per source and format.
#[derive(Args)]
pub struct Build {
    /// Source files or folders (searched through their subfolders) of .md/.markdown/.txt files
    pub inputs: Vec<PathBuf>,
    /// Output folder
    #[arg(short, long, default_value = "out")]
    pub out_dir: PathBuf,
    /// Formats to write, comma-separated
    #[arg(long, value_delimiter = ',', ignore_case = true, value_name = "FORMATS",
          default_values = ["pdf", "docx", "epub", "html"])]
    pub to: Vec<OutputFormat>,
    /// Threads to use (default: the number of cores)
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Convert every source that can be, report each failure, and exit 1 at the end
    #[arg(short, long)]
    pub keep_going: bool,
    #[command(flatten)]
    pub common: Common,
}

/// A source (or a folder of them) converted again whenever it changes.
#[derive(Args)]
pub struct Watch {
    /// Source file, or a folder of sources as `build` takes one (default: ./source)
    pub input: Option<PathBuf>,
    /// Output file for a source (default: the source's name with the format's extension), or
    /// output folder for a folder (default: ./out)
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Formats to write, comma-separated (a source: one, default from OUTPUT's extension, else
    /// pdf; a folder: default all four)
    #[arg(
        long,
        value_delimiter = ',',
        ignore_case = true,
        value_name = "FORMATS"
    )]
    pub to: Vec<OutputFormat>,
    #[command(flatten)]
    pub common: Common,
}

/// One source (or the chapters of one book) into one file; the format comes from OUTPUT's
/// extension or --to.
#[derive(Args)]
pub struct Convert {
    /// Source file (- reads standard input, as Markdown unless --from says otherwise); several
    /// files, or a folder whose cjkpress.toml lists `files`, make one book, each file a chapter
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output file (- writes standard output, with --to)
    #[arg(short, long, required = true)]
    pub output: Option<PathBuf>,
    /// Output format (default: from OUTPUT's extension)
    #[arg(long, ignore_case = true, value_name = "FORMAT")]
    pub to: Option<OutputFormat>,
    #[command(flatten)]
    pub common: Common,
}

/// `cjkpress biuld` parses as a conversion of the file `biuld` that lacks its `-o`: when that
/// word names no file, the error says it is no subcommand either.
pub fn misspelt_subcommand(error: clap::Error) -> clap::Error {
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

/// Ends the run with clap's usage error (exit code 2) for `message`, showing the usage of
/// `subcommand` (or of the whole command).
pub fn usage_error(
    subcommand: Option<&str>,
    kind: ErrorKind,
    message: impl std::fmt::Display,
) -> ! {
    let mut command = Cli::command();
    // Gives the subcommands their full names (`cjkpress build`) for their usage lines.
    command.build();
    // Messages name the user's paths, which may hold control characters.
    let message = super::stdio::escaped(&message.to_string());
    match subcommand.and_then(|name| command.find_subcommand_mut(name)) {
        Some(sub) => sub.error(kind, message).exit(),
        None => command.error(kind, message).exit(),
    }
}
