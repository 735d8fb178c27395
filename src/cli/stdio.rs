//! `-` on the command line: standard input as a source, standard output as an output.

use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

/// How messages name standard input.
const STDIN: &str = "<stdin>";

/// Whether `path` is `-`: standard input as a source, standard output as an output.
pub fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A source named on the command line, read.
pub enum Source {
    /// A file, read by the library.
    File(PathBuf),
    /// Standard input, read whole.
    Stdin(Vec<u8>),
}

impl Source {
    /// The source `path` names: `-` reads standard input to its end.
    pub fn read(path: &Path) -> Result<Source> {
        if !is_dash(path) {
            return Ok(Source::File(path.to_path_buf()));
        }
        let cap = cjkpress::resources::MAX_SOURCE_BYTES;
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin()
            .lock()
            .take(cap + 1)
            .read_to_end(&mut bytes)
        {
            bail!("{STDIN}: cannot read ({e})");
        }
        if bytes.len() as u64 > cap {
            bail!(
                "{STDIN}: larger than the {} MB a source may have",
                cap >> 20
            );
        }
        Ok(Source::Stdin(bytes))
    }

    /// The name messages give the source.
    pub fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Stdin(_) => STDIN.to_string(),
        }
    }

    /// What the library reads; standard input's relative paths start in the current folder.
    pub fn input(&self) -> cjkpress::Input<'_> {
        match self {
            Source::File(path) => cjkpress::Input::File(path),
            Source::Stdin(bytes) => cjkpress::Input::Bytes {
                bytes,
                folder: Path::new("."),
            },
        }
    }
}

/// Whether writing to `path` would write to a terminal (`-` when standard output is one).
pub fn is_terminal(path: &Path) -> bool {
    if is_dash(path) {
        std::io::stdout().is_terminal()
    } else {
        cjkpress::paths::is_terminal(path)
    }
}

/// Writes an output: `-` to standard output, anything else as the library writes files.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if !is_dash(path) {
        return Ok(cjkpress::write_output(path, bytes)?);
    }
    print(bytes)
}

/// Writes `bytes` to standard output; a reader that closed the pipe early ends it quietly
/// (`println!` would panic, exit 101, on `cjkpress dump x.md | head -c 1`).
pub fn print(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        // The reader has all it wanted (`| head`): not an error, as with ripgrep.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => bail!("standard output: {e}"),
        Ok(()) => Ok(()),
    }
}

/// Writes one message line to standard error, its control characters escaped, and ends quietly
/// when standard error cannot take it: `eprintln!` panics (exit 101) on `2> /dev/full` or a
/// closed pipe, and a message is never worth failing a run that did its work.
pub fn say(line: impl std::fmt::Display) {
    let mut line = escaped(&line.to_string());
    line.push('\n');
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// `text` with every control character written as a Rust escape (`\n`, `\u{1b}`): a file named
/// with a newline or a terminal escape sequence cannot forge a message line or clear the screen.
/// Bidirectional controls count too (they reorder what the terminal shows).
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            escaped("a\nerror: x\u{1b}[2J\u{9b}\u{202E}b"),
            "a\\nerror: x\\u{1b}[2J\\u{9b}\\u{202e}b"
        );
        assert_eq!(escaped("标题 tab-free"), "标题 tab-free");
    }
}
