//! `cjkpress INPUT... -o OUTPUT` (and `cjkpress convert`): one source, or the chapters of one
//! book, into one file.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::error::ErrorKind;
use indicatif::ProgressBar;

use cjkpress::Format;

use super::args::{Convert, usage_error};
use super::stdio::{self, Source};

/// Converts the one source of `args` into its output.
pub fn run(args: Convert) -> Result<()> {
    let Convert {
        inputs,
        output,
        to,
        common,
    } = args;
    // Both are required arguments: clap has said so already when they are missing.
    let Some(output) = output else {
        usage_error(
            None,
            ErrorKind::MissingRequiredArgument,
            "-o OUTPUT is required",
        )
    };
    let chapters = chapters(&inputs, common.read.allow_outside)?;
    let format = match to.map(Format::from) {
        Some(format) => format,
        None if stdio::is_dash(&output) => usage_error(
            None,
            ErrorKind::MissingRequiredArgument,
            "`-o -` writes standard output, which has no extension: name the format with --to",
        ),
        None => match Format::from_path(&output) {
            Some(format) => format,
            None => bail!(
                "{}: cannot tell the format from the extension; use --to",
                output.display()
            ),
        },
    };
    // A terminal shows binary bytes as garbage and may take some as its own commands.
    if format != Format::Html && stdio::is_terminal(&output) {
        let name = if stdio::is_dash(&output) {
            "standard output".to_string()
        } else {
            output.display().to_string()
        };
        bail!(
            "{name}: is a terminal, where the bytes of a {} file would be garbage; redirect it (`> out.{ext}`) or name a file with -o",
            format.extension().to_uppercase(),
            ext = format.extension()
        );
    }
    let options = common.options()?;
    let sources = chapters.as_deref().unwrap_or(&inputs);
    if !sources.iter().any(|i| stdio::is_dash(i)) && !stdio::is_dash(&output) {
        cjkpress::paths::check_not_source(&output, sources)?;
    }
    let outputs = [(format, output)];
    let mut log = Vec::new();
    let result = match chapters {
        Some(chapters) => super::build::convert(
            &common.report,
            &outputs[0].1.display().to_string(),
            || cjkpress::load_book(&chapters, &options),
            &options,
            &outputs,
            1,
            &ProgressBar::hidden(),
            &mut log,
        ),
        None => {
            let source = Source::read(&inputs[0])?;
            super::build::convert(
                &common.report,
                &source.name(),
                || cjkpress::load_input(&source.input(), &options),
                &options,
                &outputs,
                1,
                &ProgressBar::hidden(),
                &mut log,
            )
        }
    };
    log.iter().for_each(stdio::say);
    result
}

/// The chapters of a book, when the inputs make one: several files, or a folder whose
/// `cjkpress.toml` lists its chapters (`files = […]`); `None` for one source.
fn chapters(inputs: &[PathBuf], allow_outside: bool) -> Result<Option<Vec<PathBuf>>> {
    match inputs {
        [input] if input.is_dir() => match cjkpress::read::book::listed(input, allow_outside)? {
            Some(files) => Ok(Some(files)),
            None => bail!(
                "{}: is a folder, and its cjkpress.toml lists no chapters (`files = [\"ch1.md\", \"ch2.md\"]`); convert a folder's sources one by one with `cjkpress build {0} -o OUT_DIR`",
                input.display()
            ),
        },
        [_] => Ok(None),
        many => {
            if many.iter().any(|i| stdio::is_dash(i)) {
                usage_error(
                    None,
                    ErrorKind::ArgumentConflict,
                    "- (standard input) cannot be a chapter of a book: name the chapters' files",
                );
            }
            if let Some(dir) = many.iter().find(|i| i.is_dir()) {
                bail!(
                    "{}: is a folder; a book's chapters are files (list a folder's in its cjkpress.toml: `files = [\"ch1.md\"]`)",
                    dir.display()
                );
            }
            Ok(Some(many.to_vec()))
        }
    }
}
