//! The user's stylesheets (`--css FILE`, `css:` in front matter), added after ours in the HTML
//! page and the EPUB, so that their rules win at equal specificity (CSS Cascade 4 §6.1: later
//! declarations win).
//!
//! The outputs stay self-contained: a local font file a sheet names in `url()` is subset to the
//! document's characters and embedded like ours, a local image is inlined as a `data:` URI, and a
//! remote URL (or an `@import`) is refused with a warning, its declaration dropped.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::font::{FontSet, FontSpec, Source, Subset, Subsets};
use crate::resources::{MAX_FONT_BYTES, MAX_IMAGE_BYTES, read_capped};
use crate::{Error, Warning};

/// One stylesheet the user gave, read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Where it was read from: its `url()`s are relative to its folder.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// Reads the user's stylesheets, in the order given. A file that cannot be read (a folder, a
/// missing file, bytes that are not UTF-8) is an error naming it.
pub fn read(paths: &[PathBuf]) -> Result<Vec<Sheet>, Error> {
    paths
        .iter()
        .map(|path| {
            let io = |cause| Error::Io {
                path: path.clone(),
                cause,
            };
            let bytes = read_capped(path, MAX_IMAGE_BYTES).map_err(io)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                io(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "not a UTF-8 stylesheet",
                ))
            })?;
            Ok(Sheet {
                path: path.clone(),
                text,
            })
        })
        .collect()
}

/// A local file a sheet names, ready to be placed in the output.
pub enum Asset {
    /// A font file, subset to the document's characters.
    Font(Subset),
    /// An image, as it is.
    Image {
        /// Its media type.
        mime: &'static str,
        /// Its bytes.
        data: Vec<u8>,
    },
}

/// The user's sheets as one stylesheet, with every local file they name handed to `place`
/// (which returns the URL it will have in the output) and every remote URL dropped with a
/// warning. `chars` are the document's characters, which font subsets keep.
pub fn resolve(
    sheets: &[Sheet],
    chars: &BTreeSet<char>,
    mut place: impl FnMut(Asset) -> Result<String, Error>,
    warnings: &mut Vec<Warning>,
) -> Result<String, Error> {
    let mut out = String::new();
    for sheet in sheets {
        let folder = sheet.path.parent().unwrap_or(Path::new("."));
        let name = sheet.path.display().to_string();
        let mut failed = None;
        let css = rewrite(&sheet.text, |target| {
            if target.starts_with("data:") || target.starts_with('#') {
                Fate::Keep
            } else if target == "@import" {
                warnings.push(Warning::warn(format!(
                    "css: {name}: @import refused: give each stylesheet with --css"
                )));
                Fate::Drop
            } else if is_remote(target) {
                warnings.push(Warning::warn(format!(
                    "css: {name}: remote URL `{target}` refused: the page stays self-contained"
                )));
                Fate::Drop
            } else {
                match asset(&folder.join(target), chars, warnings) {
                    Ok(Some(asset)) => match place(asset) {
                        Ok(url) => Fate::Replace(url),
                        Err(e) => {
                            failed.get_or_insert(e);
                            Fate::Drop
                        }
                    },
                    Ok(None) => Fate::Drop,
                    Err(e) => {
                        failed.get_or_insert(e);
                        Fate::Drop
                    }
                }
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        out.push_str(&format!("\n/* {} */\n", comment_safe(&name)));
        out.push_str(&css);
        out.push('\n');
    }
    Ok(out)
}

/// A file name that cannot end the comment it is written in.
fn comment_safe(name: &str) -> String {
    name.replace("*/", "* /")
}

/// A URL with a scheme (`https:`, `file:`…) or a network path (`//host/…`): anything that is not
/// a file beside the stylesheet.
fn is_remote(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
    match url.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Reads the local file `path` names: a TrueType/OpenType font is subset, an image kept; any
/// other kind is refused with a warning (`None`).
fn asset(
    path: &Path,
    chars: &BTreeSet<char>,
    warnings: &mut Vec<Warning>,
) -> Result<Option<Asset>, Error> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let io = |cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    };
    let mime = match ext.as_str() {
        "ttf" | "otf" | "ttc" | "otc" => {
            // Through the font set, which refuses a face whose licence forbids embedding.
            read_capped(path, MAX_FONT_BYTES).map_err(io)?;
            let spec = FontSpec {
                role: None,
                path: path.to_path_buf(),
                index: 0,
            };
            let set = FontSet::load(&[spec], warnings)?;
            let Some((id, face)) = set
                .faces()
                .find(|(_, f)| matches!(f.source, Source::File(..)))
            else {
                return Ok(None);
            };
            return Subset::new(id, face, chars.clone()).map(|s| Some(Asset::Font(s)));
        }
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => {
            warnings.push(Warning::warn(format!(
                "css: {}: not embedded (fonts must be .ttf or .otf, images PNG, JPEG, GIF, WebP or SVG)",
                path.display()
            )));
            return Ok(None);
        }
    };
    let data = read_capped(path, MAX_IMAGE_BYTES).map_err(io)?;
    Ok(Some(Asset::Image { mime, data }))
}

/// Every character of the document that some face draws: what a user font's subset keeps.
pub fn chars(subsets: &Subsets) -> BTreeSet<char> {
    subsets
        .by_face
        .values()
        .flat_map(|s| s.chars.iter().copied())
        .collect()
}

/// A `data:` URI (RFC 2397) of `bytes`.
pub fn data_uri(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", STANDARD.encode(bytes))
}

/// What becomes of one `url()` (or, named `@import`, of an import rule).
enum Fate {
    Keep,
    Replace(String),
    /// The whole declaration (or rule) goes.
    Drop,
}

/// Copies `css`, asking `fate` about each `url()` target and each `@import`. Comments and strings
/// are copied untouched; a replaced URL loses the `format()` hint after it, since the embedded
/// file's format is ours (CSS Fonts 4 §4.3.1: the hint is optional).
fn rewrite(css: &str, mut fate: impl FnMut(&str) -> Fate) -> String {
    let s = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    // Where the current declaration or rule began in `out`, and whether it is to go.
    let mut start = 0;
    let mut dropping = false;
    let mut i = 0;
    while i < s.len() {
        let rest = &css[i..];
        if let Some(comment) = rest.strip_prefix("/*") {
            let end = comment.find("*/").map_or(rest.len(), |e| e + 4);
            out.push_str(&rest[..end]);
            i += end;
        } else if s[i] == b'"' || s[i] == b'\'' {
            let end = string_end(rest);
            out.push_str(&rest[..end]);
            i += end;
        } else if matches!(s[i], b'{' | b'}' | b';') {
            if dropping {
                out.truncate(start);
                dropping = false;
                if s[i] == b';' {
                    i += 1;
                    start = out.len();
                    continue;
                }
            }
            out.push(s[i] as char);
            i += 1;
            start = out.len();
        } else if starts_with_ignore_case(rest, "@import") {
            if matches!(fate("@import"), Fate::Drop) {
                dropping = true;
            }
            out.push_str(&rest[..7]);
            i += 7;
        } else if starts_with_ignore_case(rest, "url(")
            && !out.ends_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_')
        {
            let (target, len) = url_argument(&rest[4..]);
            i += 4 + len;
            // A declaration already dropped (an `@import`'s URL) is not reported twice.
            let verdict = if dropping {
                Fate::Drop
            } else {
                fate(target.trim())
            };
            match verdict {
                Fate::Keep => out.push_str(&rest[..4 + len]),
                Fate::Drop => {
                    dropping = true;
                    out.push_str("url()");
                }
                Fate::Replace(url) => {
                    out.push_str(&format!("url(\"{url}\")"));
                    let after = &css[i..];
                    let trimmed = after.trim_start();
                    if starts_with_ignore_case(trimmed, "format(") {
                        let skip = after.len() - trimmed.len();
                        let close = trimmed.find(')').map_or(trimmed.len(), |c| c + 1);
                        i += skip + close;
                    }
                }
            }
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8();
        }
    }
    if dropping {
        out.truncate(start);
    }
    out
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// The length of the string literal at the start of `s` (CSS Syntax 3 §4.3.5), its quotes and
/// escapes included.
fn string_end(s: &str) -> usize {
    let b = s.as_bytes();
    let quote = b[0];
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// The target of a `url(` whose argument starts `s`, unquoted, and the argument's length with
/// its closing parenthesis.
fn url_argument(s: &str) -> (&str, usize) {
    let lead = s.len() - s.trim_start().len();
    let body = &s[lead..];
    if body.starts_with(['"', '\'']) {
        let end = string_end(body);
        let target = &body[1..end.saturating_sub(1).max(1)];
        let close = body[end..].find(')').map_or(body.len(), |c| end + c + 1);
        (target, lead + close)
    } else {
        let close = body.find(')').unwrap_or(body.len());
        (&body[..close], lead + (close + 1).min(body.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(css: &str) -> (String, Vec<String>) {
        let mut seen = Vec::new();
        let out = rewrite(css, |t| {
            seen.push(t.to_string());
            if t == "@import" || (is_remote(t) && !t.starts_with("data:")) {
                Fate::Drop
            } else if t.ends_with(".ttf") {
                Fate::Replace("fonts/user-1.ttf".into())
            } else {
                Fate::Keep
            }
        });
        (out, seen)
    }

    #[test]
    fn remote_urls_drop_their_declaration_only() {
        let (out, seen) =
            run("h2 { color: red; background: url(https://e.com/x.png) no-repeat; margin: 0 }");
        assert_eq!(out, "h2 { color: red; margin: 0 }");
        assert_eq!(seen, ["https://e.com/x.png"]);
        let (out, seen) = run("@import url(\"//cdn/x.css\");\np { color: blue }");
        assert_eq!(out, "\np { color: blue }");
        assert_eq!(seen, ["@import"]);
        let (out, _) = run("p { background: url('//cdn/x.png') }");
        assert_eq!(out, "p {}");
    }

    #[test]
    fn local_fonts_are_replaced_without_their_format_hint() {
        let (out, _) = run(
            "@font-face { font-family: X; src: url(\"a b.ttf\") format('truetype'); }\n/* url(c.ttf) */",
        );
        assert_eq!(
            out,
            "@font-face { font-family: X; src: url(\"fonts/user-1.ttf\"); }\n/* url(c.ttf) */"
        );
    }

    #[test]
    fn strings_data_and_fragments_stay() {
        let css = "p::before { content: \"url(x)\"; background: url(data:image/png;base64,AA) }";
        assert_eq!(run(css).0, css);
        assert!(is_remote("https://x"));
        assert!(is_remote("file:///etc/passwd"));
        assert!(!is_remote("fonts/a.ttf"));
    }
}
