//! Where outputs go, and what they may not replace: a source, a device or a FIFO, each other.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::Error;

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

/// Writes `bytes` to `path` atomically: a temporary file created with `O_EXCL` under a random
/// name in the same folder (so a planted symlink cannot redirect it), then a rename, so a failed
/// run never leaves a half-written file or destroys a good one. A `path` that exists and is not
/// a regular file (a device such as `/dev/null`, a FIFO, a folder) is refused, never replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    };
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
    {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "exists and is not a regular file (a device, FIFO or folder); refusing to replace it",
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(io)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
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
