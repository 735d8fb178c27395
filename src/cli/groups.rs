//! The flags, in groups by what they act on, so that each subcommand takes (and its help lists)
//! only the groups it uses: `dump` reads, `check` and `fonts` read and set type, the conversions
//! also write (issue 23: `dump --cover` was listed and did nothing).

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use cjkpress::font::{FontSet, FontSpec};
use cjkpress::{Level, Options, Warning};

use super::values::{self, InputFormat, PdfStandard, PresetName, RubyScheme, RubyTones};

/// How a source is read into the document.
#[derive(Args)]
#[command(next_help_heading = "Reading")]
pub struct Read {
    /// Preset (default: the front matter's, else handout)
    #[arg(long, ignore_case = true, value_name = "NAME")]
    preset: Option<PresetName>,
    /// Source format (default: from the extension; standard input is Markdown)
    #[arg(long, ignore_case = true, value_name = "FORMAT")]
    from: Option<InputFormat>,
    /// Document language (BCP 47), e.g. zh-Hant
    #[arg(long)]
    lang: Option<String>,
    /// Keep ASCII punctuation between CJK characters as it is
    #[arg(long)]
    keep_punctuation: bool,
    /// Allow image and front-matter font paths outside the input's folder (and, for fonts, the
    /// font folders)
    #[arg(long)]
    pub allow_outside: bool,
    /// Metadata (title, author, date, lang… or a setting), under the front matter's
    #[arg(short = 'M', long = "metadata", value_name = "KEY=VALUE", value_parser = values::variable)]
    metadata: Vec<(String, String)>,
    /// A YAML file of metadata, under -M and the front matter
    #[arg(long, value_name = "FILE")]
    metadata_file: Option<PathBuf>,
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
}

/// The faces and the settings of page and type.
#[derive(Args)]
#[command(next_help_heading = "Fonts and type")]
pub struct Typeset {
    /// A font, optionally for a role: [ROLE=]FILE[#INDEX] (roles: body, heading, title, emphasis,
    /// mono, fangsong, kai, hei, xiaobiaosong)
    #[arg(long = "font", value_parser = values::font)]
    fonts: Vec<FontSpec>,
    /// A folder of font files to take faces from, before the system's fonts (repeatable; also
    /// CJKPRESS_FONT_PATH, a `:`-separated list)
    #[arg(long = "font-dir")]
    font_dirs: Vec<PathBuf>,
    /// Do not use the fonts installed on the system
    #[arg(long)]
    no_system_fonts: bool,
    /// A setting of page, type or structure, over the front matter's and cjkpress.toml's
    /// (paper, margin, size, pitch, indent, heading1-size, heading1-face, page-number…)
    #[arg(short = 'V', long = "variable", value_name = "KEY=VALUE", value_parser = values::variable)]
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
}

/// What only an output file shows.
#[derive(Args)]
#[command(next_help_heading = "Output")]
pub struct Write {
    /// Pass raw HTML in Markdown through to HTML and EPUB
    #[arg(long)]
    raw_html: bool,
    /// Vertical writing: columns top to bottom, right to left (EPUB, HTML and DOCX)
    #[arg(long)]
    vertical: bool,
    /// Add a table of contents
    #[arg(long)]
    toc: bool,
    /// Standards the PDF claims: ua-1, a-2u, both (ua-1,a-2u, the default) or none; the PDF is
    /// tagged either way
    #[arg(long, value_name = "LIST", value_delimiter = ',', ignore_case = true,
          default_values = ["ua-1", "a-2u"])]
    pdf_standard: Vec<PdfStandard>,
    /// The EPUB's cover image (PNG or JPEG), in place of the front matter's `cover:`
    #[arg(long, value_name = "IMAGE")]
    cover: Option<PathBuf>,
    /// A stylesheet added after ours in the HTML and the EPUB (repeatable); the local fonts
    /// and images it names are embedded, remote URLs refused
    #[arg(long, value_name = "FILE")]
    css: Vec<PathBuf>,
    /// A DOCX whose styles, page set-up, headers and footers the DOCX takes (start from
    /// `cjkpress reference-doc > ref.docx`)
    #[arg(long, value_name = "FILE")]
    reference_doc: Option<PathBuf>,
}

/// How much is said.
#[derive(Args)]
#[command(next_help_heading = "Messages")]
pub struct Report {
    /// Explain what was guessed, dropped and which font serves each role
    #[arg(short, long)]
    verbose: bool,
    /// Print errors only
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
}

/// Every group: what a conversion uses.
#[derive(Args)]
pub struct Common {
    /// Treat characters no font covers as an error
    #[arg(long, help_heading = "Fonts and type")]
    pub strict: bool,
    #[command(flatten)]
    pub read: Read,
    #[command(flatten)]
    pub typeset: Typeset,
    #[command(flatten)]
    pub write: Write,
    #[command(flatten)]
    pub report: Report,
}

impl Common {
    /// The options of a conversion, its `--font` files read first (see [`typesetting`]).
    pub fn options(&self) -> Result<Options> {
        typesetting(&self.read, &self.typeset, Some(&self.write), self.strict)
    }
}

/// The options the reading flags give; the others keep their defaults.
pub fn reading(read: &Read) -> Result<Options> {
    // Set but empty is unset: the specification asks only that a malformed value end the
    // build, and its own reading examples (`${SOURCE_DATE_EPOCH:-$(date +%s)}`, Perl's
    // `$ENV{SOURCE_DATE_EPOCH} || time`) take an empty value as none
    // (https://reproducible-builds.org/docs/source-date-epoch/).
    let epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if v.trim().is_empty() => None,
        Ok(v) => Some(cjkpress::date::parse_epoch(&v).map_err(anyhow::Error::msg)?),
        Err(_) => None,
    };
    Ok(Options {
        preset: read.preset.map(Into::into),
        from: read.from.map(Into::into),
        lang: read.lang.clone(),
        keep_punctuation: read.keep_punctuation,
        allow_outside: read.allow_outside,
        epoch,
        ruby: read.ruby.map(Into::into),
        ruby_numbers: read.ruby_tones.map(|t| t == RubyTones::Numbers),
        ruby_sandhi: read.ruby_sandhi,
        metadata: read.metadata.clone(),
        metadata_file: read.metadata_file.clone(),
        ..Options::default()
    })
}

/// The options of a command that sets type (and, with `write`, writes files), with the
/// `--font` files read first, so that a bad one is reported as an error of the command line,
/// naming only the font file (each document then takes the parsed faces from the per-process
/// cache). `strict` is `--strict`, which only `check` and the conversions take.
pub fn typesetting(
    read: &Read,
    typeset: &Typeset,
    write: Option<&Write>,
    strict: bool,
) -> Result<Options> {
    let mut options = reading(read)?;
    let mut font_dirs = typeset.font_dirs.clone();
    if let Some(path) = std::env::var_os("CJKPRESS_FONT_PATH") {
        font_dirs.extend(std::env::split_paths(&path).filter(|p| !p.as_os_str().is_empty()));
    }
    options.fonts = typeset.fonts.clone();
    options.font_dirs = font_dirs;
    options.no_system_fonts = typeset.no_system_fonts;
    options.strict = strict;
    options.settings = values::settings(
        &typeset.variables,
        typeset.toc_depth.as_deref(),
        typeset.number_sections.as_deref(),
    );
    options.allow_nonstandard = typeset.allow_nonstandard;
    if let Some(write) = write {
        options.raw_html = write.raw_html;
        options.vertical = write.vertical;
        options.toc = write.toc;
        options.cover = write.cover.clone();
        options.pdf_standard =
            values::standards(&write.pdf_standard).map_err(anyhow::Error::msg)?;
        options.css = write.css.clone();
        options.reference_doc = write.reference_doc.clone();
    }
    FontSet::load(&options.fonts, &mut Vec::new())?;
    Ok(options)
}

impl Report {
    /// Prints the warnings about `name` that this level of talk shows.
    pub fn report(&self, name: &str, warnings: &[Warning]) {
        let mut lines = Vec::new();
        self.collect(name, warnings, &mut lines);
        for line in lines {
            super::stdio::say(line);
        }
    }

    /// The lines `report` would print, kept for printing later (work done in parallel prints in
    /// input order).
    pub fn collect(&self, name: &str, warnings: &[Warning], out: &mut Vec<String>) {
        for w in warnings {
            match w.level {
                Level::Warn if !self.quiet => out.push(format!("warning: {name}: {w}")),
                Level::Info if self.verbose => out.push(format!("note: {name}: {w}")),
                _ => {}
            }
        }
    }
}
