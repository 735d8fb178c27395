//! cjkpress: one Chinese (CJK) source text into a PDF handout, an editable DOCX, an EPUB 3 e-book
//! and a self-contained HTML page, each carrying a subset of an embedded CJK font.
//!
//! One call converts a string:
//!
//! ```
//! use cjkpress::{Format, Options, Source};
//!
//! let options = Options {
//!     // Only the bundled faces: the same bytes on every machine.
//!     no_system_fonts: true,
//!     ..Options::default()
//! };
//! let pdf = cjkpress::convert("# 标题\n\n正文。", Source::Markdown, Format::Pdf, &options)?;
//! assert!(pdf.value.starts_with(b"%PDF-"));
//! for warning in &pdf.warnings {
//!     eprintln!("warning: {warning}");
//! }
//! # Ok::<(), cjkpress::Error>(())
//! ```
//!
//! An [`Engine`] keeps the fonts it was given (files or bytes) parsed, and the font folders
//! scanned, between conversions; it is `Send + Sync`, so threads can share one.
//!
//! ```text
//! bytes ─decode─▶ text ─read─▶ Document ─normalize─▶ Document ─┬─ PDF  (layout → PDF objects)
//!  (UTF-8/16, GB18030)  (markdown | plain)          (CJK rules)  ├─ DOCX (WordprocessingML + zip)
//!                                                                ├─ EPUB (epub-builder)
//!                           Style (preset) + FontSet + Subsets ──┴─ HTML
//! ```
//!
//! What every element looks like — face role, weight, size, pitch, indent, spacing — is decided
//! once by the preset's plan, with the table of contents and where notes go; its walk over the
//! document says which characters each face draws, and the subsets are cut from that walk.
//!
//! The library never prints: it returns its output with [`Warning`]s beside it, and an [`Error`]
//! when the input cannot be converted.

#![warn(missing_docs)]

// The front door is `convert` and `Engine`, with the types their signatures name (re-exported
// below) and the document model. The engine's modules stay reachable for the binary, the
// benchmarks and the integration tests, which live outside the crate, but are hidden from the
// documentation: they are not the library's API and change without notice.
pub mod error;
pub mod model;

mod engine;
pub(crate) mod normalize;
mod parallel;

#[doc(hidden)]
pub mod date;
#[doc(hidden)]
pub mod decode;
#[doc(hidden)]
pub mod flags;
#[doc(hidden)]
pub mod font;
#[doc(hidden)]
pub mod gongwen;
#[doc(hidden)]
pub mod layout;
#[doc(hidden)]
pub mod paths;
#[doc(hidden)]
pub mod pinyin;
#[doc(hidden)]
pub mod read;
#[doc(hidden)]
pub mod resources;
#[doc(hidden)]
pub mod segment;
#[doc(hidden)]
pub mod style;
#[doc(hidden)]
pub mod write;

pub use engine::{Engine, convert};
pub use error::{Error, Level, Warned, Warning};
pub use font::{FontSpec, Role};
pub use read::Kind as Source;
pub use style::Preset;
pub use write::pdf::Standards;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;

use font::{FontSet, FontSources, GivenFace, Subsets};
use model::Document;
use style::Style;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Format {
    /// A printable PDF laid out by our own CJK engine.
    Pdf,
    /// A Word document with real styles and the font embedded.
    Docx,
    /// An EPUB 3 e-book.
    Epub,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// All formats, in the order `build` writes them.
    pub const ALL: [Format; 4] = [Format::Pdf, Format::Docx, Format::Epub, Format::Html];

    /// The file extension, without a dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Epub => "epub",
            Format::Html => "html",
        }
    }

    /// The format an output path's extension names.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()?.to_str()?.parse().ok()
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            "epub" => Ok(Format::Epub),
            "html" | "htm" => Ok(Format::Html),
            other => Err(format!(
                "unknown format `{other}` (expected pdf, docx, epub or html)"
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// Conversion options (the CLI flags).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The preset; `None` takes the document's front matter, then `handout`.
    pub preset: Option<Preset>,
    /// The reader for every source (`--from`); `None` goes by a file's extension, and reads
    /// text that comes from no file as Markdown.
    pub from: Option<read::Kind>,
    /// User fonts, by role (`--font`); they come before the front matter's `fonts:`.
    pub fonts: Vec<FontSpec>,
    /// Font folders searched before the system's fonts (`--font-dir`, then `CJKPRESS_FONT_PATH`).
    pub font_dirs: Vec<PathBuf>,
    /// Leaves the system's installed fonts out (`--no-system-fonts`), for builds that must not
    /// depend on the machine.
    pub no_system_fonts: bool,
    /// Overrides the document language.
    pub lang: Option<String>,
    /// Missing glyphs are an error instead of a warning.
    pub strict: bool,
    /// Leaves ASCII punctuation between CJK characters as it is.
    pub keep_punctuation: bool,
    /// Passes raw HTML in Markdown through to HTML and EPUB instead of escaping it.
    pub raw_html: bool,
    /// Lets image paths reach outside the input's folder.
    pub allow_outside: bool,
    /// Vertical writing (`--vertical`), over the setting `vertical` of the front matter,
    /// `cjkpress.toml` and `-V`.
    pub vertical: bool,
    /// The EPUB's cover image (`--cover`), in place of the front matter's `cover:`.
    pub cover: Option<PathBuf>,
    /// A table of contents in the DOCX (and PDF/HTML where the preset has none).
    pub toc: bool,
    /// Seconds since 1970 for every date written into an output (`SOURCE_DATE_EPOCH`).
    pub epoch: Option<i64>,
    /// The standards the PDF claims (`--pdf-standard`; by default PDF/UA-1 and PDF/A-2u). The
    /// PDF is tagged whatever it claims.
    pub pdf_standard: write::pdf::Standards,
    /// Automatic ruby (`--ruby`); `None` takes the front matter's `ruby:`, else none.
    pub ruby: Option<pinyin::Scheme>,
    /// Tone numbers instead of tone marks in automatic pinyin (`--ruby-tones numbers`);
    /// `None` takes the front matter's `ruby-tones:`.
    pub ruby_numbers: Option<bool>,
    /// Tone sandhi of 一 and 不 in automatic ruby (`--ruby-sandhi`, or front matter
    /// `ruby-sandhi: true`).
    pub ruby_sandhi: bool,
    /// The user's stylesheets (`--css`), added after ours in the HTML and the EPUB; the front
    /// matter's `css:` files follow them.
    pub css: Vec<PathBuf>,
    /// A DOCX whose styles, page set-up, headers and footers the DOCX takes (`--reference-doc`),
    /// in place of the front matter's `reference-doc:`.
    pub reference_doc: Option<PathBuf>,
    /// Settings from the command line (`-V key=value`, `--toc-depth`, `--number-sections`),
    /// over the front matter's and the folder's (`style::settings`).
    pub settings: Vec<style::settings::Setting>,
    /// Lets settings break GB/T 9704 under the gongwen preset (`--allow-nonstandard`).
    pub allow_nonstandard: bool,
    /// Metadata from the command line (`-M key=value`), over the metadata file's and under
    /// the front matter's.
    pub metadata: Vec<(String, String)>,
    /// A YAML file of metadata (`--metadata-file`), under the front matter's.
    pub metadata_file: Option<PathBuf>,
}

#[doc(hidden)]
/// What every writer gets besides the document.
pub struct Context<'a> {
    /// Page and type numbers.
    pub style: &'a Style,
    /// The faces.
    pub fonts: &'a FontSet,
    /// The document's font subsets, made once and shared by all writers.
    pub subsets: &'a Subsets,
    /// The options.
    pub options: &'a Options,
    /// The date written into outputs, seconds since 1970.
    pub epoch: i64,
    /// The printed layout, made once by the first writer that needs it (the PDF draws it, the
    /// DOCX reads its page numbers) and shared by the others.
    pub layout: &'a OnceLock<layout::Layout>,
    /// The user's stylesheets, read.
    pub css: &'a [write::user_css::Sheet],
    /// The reference DOCX, when one was given.
    pub reference_doc: Option<&'a Path>,
}

impl Context<'_> {
    /// The printed layout of `doc`, laid out on first use.
    pub fn layout(&self, doc: &Document) -> &layout::Layout {
        self.layout
            .get_or_init(|| layout::print(doc, self.style, self.fonts))
    }
}

#[doc(hidden)]
/// A source read into the model, ready for any writer.
pub struct Prepared {
    /// The document.
    pub doc: Document,
    /// The style chosen from the options and the document.
    pub style: Style,
    /// The document's faces, chosen for its language and front matter.
    pub fonts: FontSet,
    /// The font subsets of this document.
    pub subsets: Subsets,
    /// When the source file was last modified (seconds since 1970): the outputs' date when
    /// `SOURCE_DATE_EPOCH` is not set.
    pub modified: Option<i64>,
    /// The printed layout, once a writer has asked for it ([`Context::layout`]).
    pub layout: OnceLock<layout::Layout>,
    /// The user's stylesheets (`--css`, then the front matter's `css:`), read.
    pub css: Vec<write::user_css::Sheet>,
    /// The reference DOCX: `--reference-doc`, else the front matter's `reference-doc:`.
    pub reference_doc: Option<PathBuf>,
}

#[doc(hidden)]
/// Where a source comes from.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// A file, read whole; its extension picks the reader unless [`Options::from`] does.
    File(&'a Path),
    /// Bytes read elsewhere (standard input): Markdown unless [`Options::from`] says otherwise,
    /// undated (the outputs take `SOURCE_DATE_EPOCH`, else the clock).
    Bytes {
        /// The source.
        bytes: &'a [u8],
        /// Where the document's relative paths (images, front-matter fonts) start.
        folder: &'a Path,
    },
}

impl Input<'_> {
    /// The folder the document's relative paths start from.
    fn folder(&self) -> &Path {
        match self {
            Input::File(path) => path.parent().unwrap_or(Path::new(".")),
            Input::Bytes { folder, .. } => folder,
        }
    }

    /// When the source was last modified, in seconds since 1970.
    fn modified(&self) -> Option<i64> {
        match self {
            Input::File(path) => date::modified(path),
            Input::Bytes { .. } => None,
        }
    }
}

#[doc(hidden)]
/// Reads a source file into the model: decode, pick the reader, normalize, load images.
pub fn read_file(path: &Path, options: &Options) -> Result<Warned<Document>, Error> {
    read_input(&Input::File(path), options)
}

#[doc(hidden)]
/// Reads a source into the model, as [`read_file`] does a file.
pub fn read_input(input: &Input, options: &Options) -> Result<Warned<Document>, Error> {
    read_source(input, options, false).map(|(_, doc)| doc)
}

/// Reads a source into the model. A `chapter` of a book leaves its links unchecked: they may
/// name another chapter, and the book checks them once joined.
fn read_source(
    input: &Input,
    options: &Options,
    chapter: bool,
) -> Result<(String, Warned<Document>), Error> {
    let owned;
    let bytes = match input {
        Input::File(path) => {
            read::refuse(path)?;
            owned =
                resources::read_capped(path, resources::MAX_SOURCE_BYTES).map_err(Error::Read)?;
            &owned[..]
        }
        Input::Bytes { bytes, .. } => bytes,
    };
    let text = decode::decode(bytes)?;
    let mut warnings = Vec::new();
    let text = normalize::chars::source(&text, &mut warnings);
    let kind = options.from.unwrap_or_else(|| match input {
        Input::File(path) => read::Kind::of(path, &text),
        Input::Bytes { .. } => read::Kind::Markdown,
    });
    let mut doc = read::read(&text, kind, options, &mut warnings)?;
    // The folder's `cjkpress.toml` goes under the front matter: its settings apply first.
    if let Input::File(_) = input {
        let (settings, preset) =
            style::settings::folder_file(input.folder()).map_err(Error::Setting)?;
        // `css` and `reference-doc` name files rather than style values: they stand where the
        // front matter's would, which override them.
        let (files, settings): (Vec<_>, Vec<_>) = settings
            .into_iter()
            .partition(|s| matches!(s.key.as_str(), "css" | "reference-doc" | "reference_doc"));
        let (css, reference): (Vec<_>, Vec<_>) = files.into_iter().partition(|f| f.key == "css");
        if doc.meta.css.is_empty() {
            doc.meta.css = css.into_iter().map(|f| f.value).collect();
        }
        if let Some(file) = reference.into_iter().next() {
            doc.meta.reference_doc.get_or_insert(file.value);
        }
        // The ruby keys choose a document transform, not a style value: they stand where the
        // front matter's would, which override them (and `--ruby`… both).
        let (ruby, settings): (Vec<_>, Vec<_>) = settings
            .into_iter()
            .partition(|s| matches!(s.key.as_str(), "ruby" | "ruby-tones" | "ruby-sandhi"));
        for setting in ruby {
            let meta = &mut doc.meta;
            let field = match setting.key.as_str() {
                "ruby" => &mut meta.ruby,
                "ruby-tones" => &mut meta.ruby_tones,
                _ => &mut meta.ruby_sandhi,
            };
            field.get_or_insert(setting.value);
        }
        doc.meta.settings.splice(0..0, settings);
        if doc.meta.preset.is_none() {
            doc.meta.preset = preset;
        }
    }
    // Markdown levels are the author's markup, and a skipped one is a slip; the plain-text
    // reader's levels are the official hierarchy (`（一）` is level 2 and set in Kai even where
    // no `一、` precedes it), so they stay.
    if kind == read::Kind::Markdown {
        normalize::heading_levels(&mut doc, &mut warnings);
    }
    if let Some(lang) = &options.lang {
        doc.meta.lang = lang.clone();
    }
    normalize::safety(&mut doc, &text, !chapter, &mut warnings);
    if options.preset.is_none()
        && let Some(Err(e)) = doc.meta.preset.as_deref().map(str::parse::<Preset>)
    {
        warnings.push(Warning::warn(format!(
            "front matter: {e}; using {}",
            Preset::default()
        )));
    }
    if !options.keep_punctuation {
        normalize::punctuation(&mut doc);
    }
    ruby(&mut doc, options, &mut warnings);
    let base = input.folder();
    if let Some(cover) = &options.cover {
        doc.meta.cover = None;
        let key = cover.display().to_string();
        doc.resources
            .insert(key.clone(), resources::read_image(cover)?);
        doc.meta.cover = Some(key);
    }
    resources::load(&mut doc, base, options.allow_outside, &mut warnings)?;
    Ok((
        text,
        Warned {
            value: doc,
            warnings,
        },
    ))
}

/// Sets automatic ruby over the body when the options or the front matter ask for it; each
/// polyphonic character whose reading was guessed is a note (`Info`) for review.
fn ruby(doc: &mut Document, options: &Options, warnings: &mut Vec<Warning>) {
    let scheme = match (options.ruby, doc.meta.ruby.as_deref()) {
        (Some(scheme), _) => scheme,
        (None, Some(text)) => text.parse().unwrap_or_else(|e| {
            warnings.push(Warning::warn(format!("front matter: {e}; no ruby")));
            pinyin::Scheme::None
        }),
        (None, None) => pinyin::Scheme::None,
    };
    let flag = |value: &Option<String>| {
        value.as_deref().map(|v| {
            matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "true" | "yes" | "on" | "numbers"
            )
        })
    };
    let spelling = match scheme {
        pinyin::Scheme::None => return,
        pinyin::Scheme::Zhuyin => pinyin::Spelling::Zhuyin,
        pinyin::Scheme::Pinyin
            if options.ruby_numbers.or(flag(&doc.meta.ruby_tones)) == Some(true) =>
        {
            pinyin::Spelling::Numbers
        }
        pinyin::Scheme::Pinyin => pinyin::Spelling::Marks,
    };
    let preset = options
        .preset
        .or_else(|| doc.meta.preset.as_deref()?.parse().ok())
        .unwrap_or_default();
    let settings = pinyin::Settings {
        spelling,
        sandhi: options.ruby_sandhi || flag(&doc.meta.ruby_sandhi) == Some(true),
        // A learner's handout reads its headings too; a book's and an official document's
        // headings stay clean.
        headings: preset == Preset::Handout,
        links: true,
    };
    for guess in pinyin::annotate(doc, settings) {
        warnings.push(Warning::info(format!(
            "ruby: guessed {} {} in “{}”",
            guess.char, guess.reading, guess.context
        )));
    }
}

/// The faces for a document whose relative paths start at `base`: `--font`, the front matter's
/// `fonts:` (relative to `base`), font folders and, unless turned off, the system's fonts, in
/// front of the bundled faces, for the document's language; then faces for the characters of
/// `text` that none of those covers; last each role takes the first face that fits the document
/// as `planned` draws it (`FontSet::fit`). Which face serves each role goes to `warnings` as
/// `Info`, each role whose first choice did not fit as one `Warn`, and is returned too
/// (`--strict` fails on it).
pub(crate) fn fonts_for(
    doc: &Document,
    base: &Path,
    text: &str,
    options: &Options,
    given: &[GivenFace],
    planned: &Planned,
    warnings: &mut Vec<Warning>,
) -> Result<(FontSet, Vec<font::Misfit>), Error> {
    let mut files = options.fonts.clone();
    // A document names fonts in its own folder, the font folders and the system's, as it names
    // images only in its folder: anywhere else, unless allowed (`--allow-outside`).
    let roots: Vec<PathBuf> = if options.allow_outside || doc.meta.fonts.is_empty() {
        Vec::new()
    } else {
        let mut roots = vec![absolute(base)];
        roots.extend(options.font_dirs.iter().map(|d| absolute(d)));
        roots.extend(font::system_dirs());
        roots
    };
    for (role, file) in &doc.meta.fonts {
        let path = base.join(file);
        if !options.allow_outside && !resources::inside(&absolute(&path), &roots) {
            return Err(Error::Font(format!(
                "front matter fonts: `{file}` is outside the document's folder and the font \
                 folders (use --allow-outside)"
            )));
        }
        match role.parse::<Role>() {
            Ok(role) => files.push(FontSpec {
                role: Some(role),
                path,
                index: 0,
            }),
            Err(e) => warnings.push(Warning::warn(format!("front matter fonts: {e}"))),
        }
    }
    let sources = FontSources {
        files,
        dirs: options.font_dirs.clone(),
        system: !options.no_system_fonts,
        faces: given.to_vec(),
    };
    let mut fonts = FontSet::resolve(&sources, &doc.meta.lang, warnings)?;
    fonts.add_fallbacks(text, warnings);
    let style = &planned.style;
    let misfits = fonts.fit(&planned.usage, &font::Counts::of(text), warnings);
    fonts.emphasize(style.emphasis, style.body_role);
    warnings.extend(misfits.iter().map(|m| Warning::warn(m.to_string())));
    Ok((fonts, misfits))
}

/// A source read and its faces chosen as a conversion would choose them, no subsets cut: what
/// `check` and `cjkpress fonts` report on.
struct Faced {
    text: String,
    doc: Warned<Document>,
    planned: Planned,
    fonts: FontSet,
    misfits: Vec<font::Misfit>,
}

/// Reads `input` and chooses its faces (`fonts_for`, whose notes go to `notes`).
fn faced(input: &Input, options: &Options, notes: &mut Vec<Warning>) -> Result<Faced, Error> {
    let (text, mut doc) = read_source(input, options, false)?;
    let planned = plan(&mut doc.value, options)?;
    let (fonts, misfits) = fonts_for(
        &doc.value,
        input.folder(),
        &text,
        options,
        &[],
        &planned,
        notes,
    )?;
    Ok(Faced {
        text,
        doc,
        planned,
        fonts,
        misfits,
    })
}

/// `path` from the root: relative to the current folder if it is relative (the folder of a
/// source given by its bare name is the empty path).
fn absolute(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[doc(hidden)]
/// Reports what a conversion would lose or guess: the reader's notes (as `Info`) and every
/// character no face covers (as `Warn`, with its first position). The value is the number of
/// characters no face covers.
pub fn check(input: &Input, options: &Options) -> Result<Warned<usize>, Error> {
    let mut notes = Vec::new();
    // A bad setting is what a conversion would stop at.
    let Faced {
        text, doc, fonts, ..
    } = faced(input, options, &mut notes)?;
    let mut warnings = doc.warnings;
    // Which face serves each role is `cjkpress fonts`'s report; here only what goes wrong.
    warnings.extend(notes.into_iter().filter(|n| n.level == Level::Warn));
    let missing = font::missing(&text, &fonts);
    warnings.extend(missing.iter().map(|m| Warning::warn(m.to_string())));
    Ok(Warned {
        value: missing.len(),
        warnings,
    })
}

#[doc(hidden)]
/// What `cjkpress fonts` prints: the face (family, file, weight) serving each role, for the
/// document's language and preset when `input` is given (else Simplified Chinese); for a document,
/// the characters fallback faces draw and those no face covers, with the Debian package that would
/// supply them where the machine is Debian-like.
pub fn font_report(input: Option<&Input>, options: &Options) -> Result<Warned<Vec<String>>, Error> {
    let Some(input) = input else {
        let mut warnings = Vec::new();
        let sources = FontSources {
            files: options.fonts.clone(),
            dirs: options.font_dirs.clone(),
            system: !options.no_system_fonts,
            faces: Vec::new(),
        };
        let lang = options.lang.as_deref().unwrap_or("zh-Hans");
        let fonts = FontSet::resolve(&sources, lang, &mut warnings)?;
        return Ok(Warned {
            value: fonts.roles_report(),
            warnings,
        });
    };
    let mut notes = Vec::new();
    let Faced {
        text,
        doc,
        planned,
        fonts,
        misfits,
    } = faced(input, options, &mut notes)?;
    let mut warnings = doc.warnings;
    warnings.extend(notes);
    let style = &planned.style;
    let mut lines = vec![format!(
        "language {}, preset {}",
        doc.value.meta.lang, style.preset
    )];
    lines.extend(fonts.roles_report());
    lines.extend(misfits.iter().map(|m| format!("does not fit: {m}")));
    lines.extend(fonts.fallback_report(style.body_role, &text));
    for m in font::missing(&text, &fonts) {
        let package = font::debian_package_for(m.ch).filter(|_| font::debian_like());
        lines.push(match package {
            Some(package) => format!("missing: {m} (apt install {package} supplies it)"),
            None => format!("missing: {m}"),
        });
    }
    Ok(Warned {
        value: lines,
        warnings,
    })
}

#[doc(hidden)]
/// Reads a source, chooses its faces, checks that every character has a glyph (an error under
/// `--strict`), chooses the style and cuts the font subsets: everything the writers need.
pub fn load(path: &Path, options: &Options) -> Result<Warned<Prepared>, Error> {
    load_input(&Input::File(path), options)
}

#[doc(hidden)]
/// Reads a source and prepares it for the writers, as [`load`] does a file.
pub fn load_input(input: &Input, options: &Options) -> Result<Warned<Prepared>, Error> {
    load_with(input, options, &[])
}

/// [`load_input`] with faces already loaded in front of the options' fonts.
pub(crate) fn load_with(
    input: &Input,
    options: &Options,
    given: &[GivenFace],
) -> Result<Warned<Prepared>, Error> {
    let (text, doc) = read_source(input, options, false)?;
    finish(&text, doc, input.folder(), input.modified(), options, given)
}

#[doc(hidden)]
/// Reads several source files as one book (`read::book`): each a chapter, with one contents,
/// and prepares it for the writers as [`load`] does one file. Relative paths in the book's
/// front matter (fonts, stylesheets) start in the first chapter's folder; the book's title and
/// other metadata come from `options.metadata` and its file.
pub fn load_book(paths: &[PathBuf], options: &Options) -> Result<Warned<Prepared>, Error> {
    // Given metadata is the book's: read into each chapter, `-M title=…` would title them all.
    let chapter_options = Options {
        metadata: Vec::new(),
        metadata_file: None,
        ..options.clone()
    };
    let mut text = String::new();
    let mut warnings = Vec::new();
    let mut chapters = Vec::new();
    for path in paths {
        let input = Input::File(path);
        let (chapter_text, doc) =
            read_source(&input, &chapter_options, true).map_err(|e| Error::Chapter {
                path: path.clone(),
                cause: Box::new(e),
            })?;
        text.push_str(&chapter_text);
        text.push('\n');
        let name = path.display();
        warnings.extend(doc.warnings.into_iter().map(|w| Warning {
            message: format!("{name}: {}", w.message),
            ..w
        }));
        chapters.push(read::book::Chapter {
            path: path.clone(),
            doc: doc.value,
        });
    }
    let mut doc = read::book::merge(chapters);
    normalize::links::sanitize(&mut doc, &mut warnings);
    if let Some(base) = read::metadata::base(options)? {
        let given = read::markdown::read("", false, Some(base), &mut warnings)?.meta;
        read::metadata::under(&mut doc.meta, given);
    }
    // A book has a contents, in every format.
    let options = Options {
        toc: true,
        ..options.clone()
    };
    let folder = paths
        .first()
        .and_then(|p| p.parent())
        .unwrap_or(Path::new("."));
    let modified = paths.iter().filter_map(|p| date::modified(p)).max();
    let doc = Warned {
        value: doc,
        warnings,
    };
    finish(&text, doc, folder, modified, &options, &[])
}

/// Prepares a document read from `text`, whose relative paths start at `folder`: its faces,
/// the glyph check, its style, stylesheets and subsets.
fn finish(
    text: &str,
    doc: Warned<Document>,
    folder: &Path,
    modified: Option<i64>,
    options: &Options,
    given: &[GivenFace],
) -> Result<Warned<Prepared>, Error> {
    let mut warnings = doc.warnings;
    let mut doc = doc.value;
    let planned = plan(&mut doc, options)?;
    let (fonts, misfits) = fonts_for(&doc, folder, text, options, given, &planned, &mut warnings)?;
    let missing = font::missing(text, &fonts);
    if options.strict && !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(ToString::to_string).collect();
        return Err(Error::Font(list.join("; ")));
    }
    // A role drawn in two faces is what `--strict` refuses; a face passed over for one that
    // fits is only reported.
    if let Some(m) = misfits.iter().find(|m| options.strict && !m.replaced) {
        return Err(Error::Font(m.to_string()));
    }
    warnings.extend(missing.iter().map(|m| Warning::warn(m.to_string())));
    warnings.extend(
        fonts
            .fallback_report(planned.style.body_role, text)
            .into_iter()
            .map(Warning::info),
    );
    let base = folder;
    // The files a document names stay in its folder, as its images do.
    let confined = |file: &String| match options.allow_outside {
        false => match resources::outside(base, Path::new(file)) {
            Some(why) => Err(Error::Setting(format!("`{file}` {why}"))),
            None => Ok(base.join(file)),
        },
        true => Ok(base.join(file)),
    };
    let mut css = options.css.clone();
    for file in &doc.meta.css {
        css.push(confined(file)?);
    }
    let reference_doc = match (&options.reference_doc, &doc.meta.reference_doc) {
        (Some(path), _) => Some(path.clone()),
        (None, Some(file)) => Some(confined(file)?),
        (None, None) => None,
    };
    let subsets = Subsets::build(&planned.usage, &fonts)?;
    Ok(Warned {
        value: Prepared {
            doc,
            style: planned.style,
            fonts,
            subsets,
            modified,
            layout: OnceLock::new(),
            css: write::user_css::read(&css)?,
            reference_doc,
        },
        warnings,
    })
}

/// The style from the options and the document: the preset, then the settings of the folder's
/// `cjkpress.toml`, the front matter and the command line, each over the one before.
fn style_for(doc: &Document, options: &Options) -> Result<Style, Error> {
    let preset = options
        .preset
        .or_else(|| doc.meta.preset.as_deref()?.parse().ok())
        .unwrap_or_default();
    let mut style = Style::preset(preset);
    style.toc |= options.toc;
    let settings: Vec<_> = doc
        .meta
        .settings
        .iter()
        .chain(&options.settings)
        .cloned()
        .collect();
    // Readings over the text need room above the lines; 注音 beside the characters does not.
    let ruby = model::any_inline(
        doc,
        &mut |i| matches!(i, model::Inline::Ruby { annotation, .. } if !model::is_zhuyin(annotation)),
    );
    if ruby {
        style.make_room_for_ruby();
    }
    style::settings::apply(&mut style, &settings, options.allow_nonstandard)
        .map_err(|e| Error::Setting(e.to_string()))?;
    // The flag stands over the settings, as the command line does; an official document stays
    // horizontal (GB/T 9704-2012: 文字从左至右横写、横排), and `flags` says so.
    style.vertical = (style.vertical || options.vertical) && !style.official;
    Ok(style)
}

/// The style of a document and the characters each of its looks draws (`style::plan::usage`):
/// worked out once, for choosing the faces and cutting their subsets.
pub(crate) struct Planned {
    style: Style,
    usage: font::Usage,
}

/// Chooses the style of `doc`, numbers its headings where the style asks for it (the numbers
/// are drawn too), and notes which characters each look draws.
fn plan(doc: &mut Document, options: &Options) -> Result<Planned, Error> {
    let style = style_for(doc, options)?;
    if let Some(numbering) = style.numbering {
        style::numbering::number(doc, numbering);
    }
    let usage = style::plan::usage(doc, &style);
    Ok(Planned { style, usage })
}

#[doc(hidden)]
/// Writes one format of a prepared document to bytes.
pub fn render(
    prepared: &Prepared,
    format: Format,
    options: &Options,
) -> Result<Warned<Vec<u8>>, Error> {
    if let Some(e) = options.epoch.filter(|e| !(0..=date::MAX_EPOCH).contains(e)) {
        return Err(Error::Write(format!(
            "date {e} is outside 0..={} seconds since 1970",
            date::MAX_EPOCH
        )));
    }
    let ctx = Context {
        style: &prepared.style,
        fonts: &prepared.fonts,
        subsets: &prepared.subsets,
        options,
        epoch: date::epoch(options.epoch, prepared.modified),
        layout: &prepared.layout,
        css: &prepared.css,
        reference_doc: prepared.reference_doc.as_deref(),
    };
    write::write(&prepared.doc, format, &ctx)
}

/// Our reference DOCX (`cjkpress reference-doc`): a short document in every style the DOCX
/// writer uses, with a contents, on the default preset's page, drawn in the bundled faces, as a
/// starting point for `--reference-doc` (pandoc's `--print-default-data-file reference.docx`).
pub fn reference_docx(options: &Options) -> Result<Vec<u8>, Error> {
    let options = Options {
        toc: true,
        no_system_fonts: true,
        reference_doc: None,
        ..options.clone()
    };
    let input = Input::Bytes {
        bytes: write::docx::REFERENCE_SAMPLE.as_bytes(),
        folder: Path::new("."),
    };
    let prepared = load_input(&input, &options)?.value;
    Ok(render(&prepared, Format::Docx, &options)?.value)
}

#[doc(hidden)]
pub use paths::write_output;
