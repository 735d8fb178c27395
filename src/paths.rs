//! Where outputs go, and what they may not replace: a source, a link, a device or a FIFO, each
//! other.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;

/// The output stem of each source in `build`: its file stem, unless another source has the same
/// one (`a.md` and `a.txt`, `d1/x.md` and `d2/x.md`, two names that differ only in bytes that are
/// not UTF-8, or only in case on a file system that ignores it). Those are named apart — by the
/// whole file name (`a.md`, `a.txt`), then with `-2`, `-3`… — and the note says so. A numbered
/// name skips every name another source takes (`d2/x.md` is not `x.md-2` when a source
/// `x.md-2.md` is built too), so no two sources ever write the same outputs; the numbering goes
/// in the order of the sources, so the same command names them the same way.
pub fn output_stems(sources: &[PathBuf]) -> (Vec<OsString>, Vec<String>) {
    let key = |s: &OsString| s.to_string_lossy().to_lowercase();
    let stem = |p: &PathBuf| p.file_stem().unwrap_or_default().to_os_string();
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for p in sources {
        *count.entry(key(&stem(p))).or_default() += 1;
    }
    let wanted: Vec<OsString> = sources
        .iter()
        .map(|p| {
            let s = stem(p);
            if count[&key(&s)] > 1 {
                p.file_name().unwrap_or_default().to_os_string()
            } else {
                s
            }
        })
        .collect();
    // Every name a source asks for is reserved for it; a source whose name an earlier one took
    // gets the first numbered name that neither any source asks for nor an earlier one got.
    let reserved: std::collections::BTreeSet<String> = wanted.iter().map(key).collect();
    let mut given = std::collections::BTreeSet::new();
    let mut stems = Vec::with_capacity(sources.len());
    let mut notes = Vec::new();
    for (p, want) in sources.iter().zip(wanted) {
        let mut name = want.clone();
        let mut skipped = Vec::new();
        let mut n = 1;
        while given.contains(&key(&name)) {
            n += 1;
            name = want.clone();
            name.push(format!("-{n}"));
            if reserved.contains(&key(&name)) {
                skipped.push(name.to_string_lossy().into_owned());
                name = want.clone();
            }
        }
        given.insert(key(&name));
        if name != stem(p) {
            let skipped = match skipped.len() {
                0 => String::new(),
                1 => format!(" ({} is another source's name)", skipped[0]),
                _ => format!(" ({} are other sources' names)", skipped.join(", ")),
            };
            notes.push(format!(
                "{}: another source has the same name; its outputs are named {}.*{skipped}",
                p.display(),
                name.to_string_lossy()
            ));
        }
        stems.push(name);
    }
    (stems, notes)
}

/// Refuses an output folder (`build -o DIR`) that is a file, or lies under one: creating it
/// would fail with the system's bare "File exists" or "Not a directory".
pub fn check_out_dir(dir: &Path) -> Result<(), Error> {
    // The nearest part of the path that exists must be a folder (or a link to one).
    let existing = dir
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .find_map(|a| fs::metadata(a).ok().map(|m| (a, m)));
    match existing {
        Some((path, meta)) if !meta.is_dir() => Err(Error::Write(format!(
            "{}: is not a folder, so it cannot hold the outputs (-o names the output folder; `convert` writes one file)",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// Refuses an output that is one of the sources (`convert a.md -o a.md`, `build notes.html -o .`).
pub fn check_not_source(output: &Path, sources: &[PathBuf]) -> Result<(), Error> {
    let real = |p: &Path| -> Option<PathBuf> {
        if let Ok(r) = p.canonicalize() {
            return Some(r);
        }
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(parent.canonicalize().ok()?.join(p.file_name()?))
    };
    let out = real(output);
    for src in sources {
        if out.is_some() && out == real(src) {
            return Err(Error::Write(format!(
                "{}: the output would overwrite the source {}",
                output.display(),
                src.display()
            )));
        }
    }
    Ok(())
}

/// How many symbolic links an output path may pass through: Linux's `MAXSYMLINKS`.
const MAX_LINKS: usize = 40;

/// Where the bytes of an output go, found by following its symbolic links one at a time.
#[derive(Debug, PartialEq, Eq)]
enum Destination {
    /// A regular file, or none yet, and no link: replaced atomically.
    File(PathBuf),
    /// A character device, a FIFO or an open file descriptor (`/dev/stdout` is a link to
    /// `/proc/self/fd/1`): written in place, since replacing it would destroy it.
    Stream(PathBuf),
}

/// Follows `path`'s links to what they name: a link is never replaced, its target is; a file
/// descriptor's link (`/proc/<pid>/fd/N`) is a stream, whatever file it points to, because
/// replacing that file would leave the descriptor writing to a deleted one.
fn destination(path: &Path) -> Result<Destination, Error> {
    let io = |cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    };
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match fs::symlink_metadata(&current) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Destination::File(current));
            }
            Err(e) => return Err(io(e)),
            Ok(meta) => meta,
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            if is_descriptor(&current) {
                return Ok(Destination::Stream(current));
            }
            // A relative target is relative to the link's folder; `join` keeps an absolute one.
            let target = fs::read_link(&current).map_err(io)?;
            current = folder(&current).join(target);
        } else if kind.is_file() {
            return Ok(Destination::File(current));
        } else if is_stream(&kind) {
            return Ok(Destination::Stream(current));
        } else {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "exists and is not a regular file, a character device or a FIFO (a folder, a \
                 block device or a socket); refusing to replace it",
            )));
        }
    }
    Err(io(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("more than {MAX_LINKS} symbolic links"),
    )))
}

/// Whether a file of this kind is written as a stream: a character device or a FIFO.
fn is_stream(kind: &fs::FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        kind.is_char_device() || kind.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = kind;
        false
    }
}

/// Whether `link` is one of a process's file descriptors: a link in `/proc/<pid>/fd` (or a
/// thread's `/proc/<pid>/task/<tid>/fd`), which `/proc/self/fd` and `/dev/fd` lead to (proc(5)).
fn is_descriptor(link: &Path) -> bool {
    let Ok(dir) = folder(link).canonicalize() else {
        return false;
    };
    let parts: Vec<_> = dir.components().map(|c| c.as_os_str()).collect();
    let number = |s: &std::ffi::OsStr| {
        s.to_str()
            .is_some_and(|s| s.bytes().all(|b| b.is_ascii_digit()))
    };
    match parts.as_slice() {
        [_, proc, pid, fd] => *proc == "proc" && number(pid) && *fd == "fd",
        [_, proc, pid, task, tid, fd] => {
            *proc == "proc" && number(pid) && *task == "task" && number(tid) && *fd == "fd"
        }
        _ => false,
    }
}

/// The folder a path's name lives in (`.` for a bare name).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Whether writing to `path` would write to a terminal: a binary output there is refused.
pub fn is_terminal(path: &Path) -> bool {
    use std::io::IsTerminal as _;
    match destination(path) {
        Ok(Destination::Stream(p)) => fs::metadata(&p).is_ok_and(|m| {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt as _;
                // A FIFO is never a terminal, and opening one blocks until it has a reader.
                m.file_type().is_char_device()
                    && fs::OpenOptions::new()
                        .append(true)
                        .open(&p)
                        .is_ok_and(|f| f.is_terminal())
            }
            #[cfg(not(unix))]
            {
                let _ = m;
                false
            }
        }),
        _ => false,
    }
}

/// Writes an output. A regular file (or a new one) is written atomically: a temporary file
/// created with `O_EXCL` under a random name in the same folder (so a planted symlink cannot
/// redirect it), then a rename, so a failed run never leaves a half-written file or destroys a
/// good one. A symbolic link stays a link: its target is written, atomically, in the target's
/// folder. A character device, a FIFO or an open file descriptor (`/dev/stdout`,
/// `/proc/self/fd/1`) is written in place, appending, so that a file the shell opened for it
/// keeps what was written before. A folder, a block device or a socket is refused.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    match destination(path)? {
        Destination::File(file) => write_atomic(&file, bytes),
        Destination::Stream(stream) => {
            let io = |cause| Error::Io {
                path: path.to_path_buf(),
                cause,
            };
            let mut out = fs::OpenOptions::new()
                .append(true)
                .open(&stream)
                .map_err(io)?;
            out.write_all(bytes).map_err(io)?;
            out.flush().map_err(io)
        }
    }
}

/// Replaces the regular file (or no file) at `path`, which is not a link, atomically.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    };
    let dir = folder(path);
    fs::create_dir_all(dir).map_err(io)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let name = temp_stem(&name);
    // Created and registered under the lock that `interrupted` takes: a signal between the
    // two would leave a file nobody knows of behind.
    let (mut tmp, _in_flight) = {
        let mut in_flight = lock_in_flight();
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io)?;
        in_flight.push(tmp.path().to_path_buf());
        let entry = InFlight(tmp.path().to_path_buf());
        (tmp, entry)
    };
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    // tempfile creates the file 0600; an output is as readable as any file the user makes,
    // or keeps the mode of the file it replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode)).map_err(io)?;
    }
    // On failure the temporary file is removed when `persist` hands it back and it drops.
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// The longest output name a temporary file's name repeats: with the dot, the random part and
/// `.tmp` it stays under NAME_MAX (255 bytes), where the whole name of a 239–250-byte output
/// would not.
const TEMP_STEM_BYTES: usize = 200;

/// The part of an output's file name that its temporary file's name repeats, cut on a
/// character boundary.
fn temp_stem(name: &str) -> &str {
    let mut end = name.len().min(TEMP_STEM_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// The temporary files of the writes in progress, for [`interrupted`].
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A write's entry in [`IN_FLIGHT`], from the temporary file's creation to its rename or removal.
struct InFlight(PathBuf);

impl Drop for InFlight {
    fn drop(&mut self) {
        lock_in_flight().retain(|p| *p != self.0);
    }
}

fn lock_in_flight() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    IN_FLIGHT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// For the binary's Ctrl-C (and SIGTERM) handler: removes the temporary files of the outputs
/// being written and ends the process with `code`. A signal ends the process without running
/// destructors, which would leave `.NAME.XXXX.tmp` files behind. The lock is held to the end, so
/// no write starts or renames its file meanwhile.
pub fn interrupted(code: i32) -> ! {
    let in_flight = lock_in_flight();
    for path in in_flight.iter() {
        let _ = fs::remove_file(path);
    }
    std::process::exit(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The output stems `output_stems` gives these sources, and its notes.
    fn stems(sources: &[&str]) -> (Vec<String>, Vec<String>) {
        let sources: Vec<PathBuf> = sources.iter().map(PathBuf::from).collect();
        let (stems, notes) = output_stems(&sources);
        let stems = stems
            .iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        (stems, notes)
    }

    #[test]
    fn same_stems_are_named_apart() {
        let (stems, notes) = stems(&["a.md", "a.txt", "d1/x.md", "d2/x.md", "b.md", "A.txt"]);
        assert_eq!(stems, ["a.md", "a.txt", "x.md", "x.md-2", "b", "A.txt-2"]);
        assert_eq!(notes.len(), 5);
    }

    /// See: issue 23 (`/dev/stdout` was replaced by a regular file). Only looks, never writes.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_descriptor_is_a_stream_however_it_is_reached() {
        for path in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
            assert!(
                matches!(destination(Path::new(path)), Ok(Destination::Stream(_))),
                "{path}: {:?}",
                destination(Path::new(path))
            );
        }
        assert!(matches!(
            destination(Path::new("/dev/null")),
            Ok(Destination::Stream(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn links_lead_to_the_file_they_name() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("sub")).unwrap();
        std::os::unix::fs::symlink("sub/b", d.join("a")).unwrap();
        std::os::unix::fs::symlink("../c", d.join("sub/b")).unwrap();
        // Dangling: the file the last link names, to be created.
        assert_eq!(
            destination(&d.join("a")).unwrap(),
            Destination::File(d.join("sub/../c"))
        );
        std::os::unix::fs::symlink("loop", d.join("loop")).unwrap();
        let err = destination(&d.join("loop")).unwrap_err().to_string();
        assert!(err.contains("more than 40 symbolic links"), "{err}");
        assert!(destination(d).is_err(), "a folder is refused");
        assert_eq!(
            destination(&d.join("new")).unwrap(),
            Destination::File(d.join("new"))
        );
    }

    /// See: issue 13 (`d2/x.md` was named `x.md-2`, the stem of another source).
    #[test]
    fn a_numbered_name_skips_the_names_other_sources_take() {
        let (stems, notes) = stems(&["d1/x.md", "d2/x.md", "x.md-2.md", "d3/x.md", "x.md-3.md"]);
        assert_eq!(stems, ["x.md", "x.md-4", "x.md-2", "x.md-5", "x.md-3"]);
        assert!(
            notes[1].ends_with("named x.md-4.* (x.md-2, x.md-3 are other sources' names)"),
            "{notes:?}"
        );
    }
}
