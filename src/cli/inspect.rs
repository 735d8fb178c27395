//! The commands that look at a source without converting it: `dump`, `check`, `fonts`.

use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::stdio::{Source, escaped};
use cjkpress::Options;

use super::groups::Report;

/// `cjkpress dump`: the document model as JSON on standard output.
pub fn dump(input: &Path, options: &Options, report: &Report) -> Result<()> {
    let source = Source::read(input)?;
    let doc = cjkpress::read_input(&source.input(), options).with_context(|| source.name())?;
    report.report(&source.name(), &doc.warnings);
    let mut json = serde_json::to_string_pretty(&doc.value)?;
    json.push('\n');
    super::stdio::print(json.as_bytes())
}

/// `cjkpress check`: what a conversion would lose or guess; with `--strict`, an error when a
/// character has no glyph.
pub fn check(input: &Path, options: &Options) -> Result<()> {
    let source = Source::read(input)?;
    let name = source.name();
    let report = cjkpress::check(&source.input(), options).with_context(|| name.clone())?;
    let mut out = String::new();
    for w in &report.warnings {
        out.push_str(&escaped(&format!("{name}: {w}")));
        out.push('\n');
    }
    if report.value == 0 {
        out.push_str(&escaped(&format!("{name}: every character has a glyph")));
        out.push('\n');
    }
    super::stdio::print(out.as_bytes())?;
    if options.strict && report.value > 0 {
        bail!("{name}: {} character(s) no font covers", report.value);
    }
    Ok(())
}

/// `cjkpress fonts`: the face serving each role, and for a source the characters fallback
/// faces draw.
pub fn fonts(input: Option<&Path>, options: &Options, talk: &Report) -> Result<()> {
    let source = input.map(Source::read).transpose()?;
    let name = source
        .as_ref()
        .map_or_else(|| "fonts".to_string(), Source::name);
    let input = source.as_ref().map(Source::input);
    let report = cjkpress::font_report(input.as_ref(), options).with_context(|| name.clone())?;
    talk.report(&name, &report.warnings);
    let mut out = String::new();
    for line in &report.value {
        // Lines name font files, whose names may hold control characters.
        out.push_str(&escaped(line));
        out.push('\n');
    }
    super::stdio::print(out.as_bytes())
}
