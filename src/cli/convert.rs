//! `cjkpress INPUT -o OUTPUT` (and `cjkpress convert`): one source into one file.

use anyhow::{Result, bail};
use clap::error::ErrorKind;
use indicatif::ProgressBar;

use cjkpress::Format;

use super::stdio::{self, Source};
use crate::{Convert, usage_error};

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
    let [input] = &inputs[..] else {
        usage_error(
            None,
            ErrorKind::TooManyValues,
            "several inputs make one book, which is not supported yet: convert them one at a \
             time, or each into a folder with `cjkpress build INPUT... -o DIR`",
        )
    };
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
    let options = common.typesetting_options()?;
    if !stdio::is_dash(input) && !stdio::is_dash(&output) {
        cjkpress::paths::check_not_source(&output, std::slice::from_ref(input))?;
    }
    let source = Source::read(input)?;
    let mut log = Vec::new();
    let result = super::build::convert(
        &common,
        &options,
        &source,
        &[(format, output)],
        1,
        &ProgressBar::hidden(),
        &mut log,
    );
    log.iter().for_each(stdio::say);
    result
}
