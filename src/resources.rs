//! Loads the images a document refers to, confined to the input's folder unless allowed outside,
//! and reads every file the library takes in (sources, images, fonts) with a size cap, so that a
//! symlink to `/dev/zero`, a FIFO or a 3 GB file is a clear error, not a hang or an abort.

use std::fs;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Warning};
use crate::model::{Document, Inline, Resource, visit_inlines};

/// The largest image file read (a 600 dpi A4 scan is ~30 MB as PNG).
pub const MAX_IMAGE_BYTES: u64 = 64 << 20;
/// The largest font file read: the biggest CJK faces (Noto Serif CJK, Source Han) are 20–30 MB,
/// a whole TrueType Collection of them under 150 MB.
pub const MAX_FONT_BYTES: u64 = 256 << 20;
/// The largest source text read (a 10 M-character book in UTF-8 is ~30 MB).
pub const MAX_SOURCE_BYTES: u64 = 256 << 20;

/// Reads a regular file of at most `cap` bytes. A FIFO, a device, a socket or a folder is refused
/// before it is opened for reading (opening a FIFO would block), and a file larger than `cap`
/// is refused without reading it whole.
pub fn read_capped(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind};
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "not a regular file (a folder, device, FIFO or socket)",
        ));
    }
    let too_big = || {
        Error::new(
            ErrorKind::InvalidData,
            format!(
                "larger than the {} MB this kind of file may have",
                cap >> 20
            ),
        )
    };
    if meta.len() > cap {
        return Err(too_big());
    }
    let mut data = Vec::with_capacity(meta.len() as usize);
    // The size may grow between the check and the read: never read past the cap.
    fs::File::open(path)?.take(cap + 1).read_to_end(&mut data)?;
    if data.len() as u64 > cap {
        return Err(too_big());
    }
    Ok(data)
}

/// Reads every local PNG/JPEG image `src` of `doc` into `doc.resources`. A remote or missing image
/// is a warning (its alt text stays in the output); a path reaching outside `base` is an error
/// unless `allow_outside`.
pub fn load(
    doc: &mut Document,
    base: &Path,
    allow_outside: bool,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    let mut sources = Vec::new();
    visit_inlines(doc, &mut |i| {
        if let Inline::Image { src, .. } = i {
            sources.push(src.clone());
        }
    });
    // The front matter's cover is an image like any other, under the same confinement.
    sources.extend(doc.meta.cover.clone());
    for src in sources {
        if doc.resources.contains_key(&src) {
            continue;
        }
        if src.contains("://") || src.starts_with("data:") {
            warnings.push(Warning::warn(format!(
                "image `{src}` is not a local file; only its alt text is kept"
            )));
            continue;
        }
        let rel = Path::new(&src);
        let escapes = rel.is_absolute()
            || rel
                .components()
                .try_fold(0i32, |depth, c| match c {
                    Component::ParentDir if depth == 0 => None,
                    Component::ParentDir => Some(depth - 1),
                    Component::Normal(_) => Some(depth + 1),
                    _ => Some(depth),
                })
                .is_none();
        if escapes && !allow_outside {
            return Err(Error::Image(format!(
                "image `{src}` is outside the input's folder (use --allow-outside)"
            )));
        }
        let path = base.join(rel);
        // A symlink inside the folder may still lead out of it (`img.png -> /etc/…`): confine
        // the file the path resolves to, not only the path as written.
        if !allow_outside
            && let (Ok(real), Ok(root)) = (path.canonicalize(), base.canonicalize())
            && !real.starts_with(&root)
        {
            return Err(Error::Image(format!(
                "image `{src}` leads outside the input's folder, to {} (use --allow-outside)",
                real.display()
            )));
        }
        let data = match read_capped(&path, MAX_IMAGE_BYTES) {
            Ok(d) => d,
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::Image(format!("image `{src}`: {e}")));
            }
            Err(e) => {
                warnings.push(Warning::warn(format!(
                    "image `{src}` cannot be read ({e}); only its alt text is kept"
                )));
                continue;
            }
        };
        match probe(&data) {
            Some((mime, width, height)) => {
                doc.resources.insert(
                    src,
                    Resource {
                        mime,
                        data,
                        width,
                        height,
                    },
                );
            }
            None => warnings.push(Warning::warn(format!(
                "image `{src}` is not a PNG or JPEG file; only its alt text is kept"
            ))),
        }
    }
    Ok(())
}

/// Reads the image a user named on the command line (`--cover`): not confined to the input's
/// folder, since the user chose it; an unreadable or unknown file is an error. It is read as
/// every image is, through [`read_capped`]: a FIFO, a device (a symlink to `/dev/zero`) or a file
/// over [`MAX_IMAGE_BYTES`] is refused before it is read.
pub fn read_image(path: &Path) -> Result<Resource, Error> {
    let data = read_capped(path, MAX_IMAGE_BYTES).map_err(|cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    let (mime, width, height) = probe(&data)
        .ok_or_else(|| Error::Image(format!("{}: not a PNG or JPEG file", path.display())))?;
    Ok(Resource {
        mime,
        data,
        width,
        height,
    })
}

/// The type and pixel size of a PNG or JPEG file, from its header.
fn probe(data: &[u8]) -> Option<(&'static str, u32, u32)> {
    let be32 = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    if data.starts_with(b"\x89PNG\r\n\x1a\n") && data.len() >= 24 && &data[12..16] == b"IHDR" {
        return Some(("image/png", be32(&data[16..20]), be32(&data[20..24])));
    }
    if !data.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    // Walk the JPEG segments to the first start-of-frame marker.
    let mut i = 2;
    while i + 9 < data.len() {
        if data[i] != 0xFF {
            return None;
        }
        let marker = data[i + 1];
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u32::from(u16::from_be_bytes([data[i + 5], data[i + 6]]));
            let w = u32::from(u16::from_be_bytes([data[i + 7], data[i + 8]]));
            return Some(("image/jpeg", w, h));
        }
        i += 2 + len;
    }
    None
}

/// `path` with `.` and `..` resolved by its words alone, without asking the file system (which
/// would tell a document whether a path it names exists).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether `path` lies inside one of `roots`: as written, and — when it exists — as resolved,
/// so that a symbolic link inside a root cannot lead out of it. The words are checked first: a
/// path outside every root is refused before the file system is asked anything about it.
pub fn inside(path: &Path, roots: &[PathBuf]) -> bool {
    let written = lexical(path);
    if !roots.iter().any(|r| written.starts_with(lexical(r))) {
        return false;
    }
    match path.canonicalize() {
        Ok(real) => roots
            .iter()
            .filter_map(|r| r.canonicalize().ok())
            .any(|r| real.starts_with(r)),
        // Not there: reading it fails with its own message.
        Err(_) => true,
    }
}
