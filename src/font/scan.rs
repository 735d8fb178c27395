//! Font folders walked within bounds, each file checked before fontdb reads it.
//!
//! fontdb's own walk (`load_fonts_dir`, `load_system_fonts`) parses every face a collection's
//! header claims: a 12-byte file claiming 2³²−1 faces kept every run busy for a minute or more,
//! wherever it sat in a scanned folder. Here a file is handed to fontdb only when it fits the
//! font size cap and, for a collection, its offset table fits in the file and claims at most
//! [`MAX_FACES`] faces; the walk as a whole stops at [`MAX_FILES`] fonts, [`MAX_ENTRIES`]
//! folder entries, [`MAX_DEPTH`] levels or [`MAX_TIME`]. Whatever is skipped is named in a note.
//! Entries are taken in name order, so a walk cut short ends at the same file every time.

use std::collections::HashSet;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::resources::MAX_FONT_BYTES;

/// Faces a collection may hold. Real collections hold tens (Noto Sans CJK: 10 a weight); each
/// claimed face costs fontdb a parse, and a file of 256 MB has room for 64 million offsets.
const MAX_FACES: u32 = 1024;
/// Font files one walk reads; a system with every Noto font installed has about 4 000.
const MAX_FILES: usize = 20_000;
/// Folder entries one walk looks at, font files or not.
const MAX_ENTRIES: usize = 200_000;
/// Levels of folders below the one given.
const MAX_DEPTH: usize = 16;
/// Time one walk may take. Only a folder far beyond the other bounds' intent reaches it; the
/// note then says where the walk stopped, since what comes after depends on the machine's speed.
const MAX_TIME: Duration = Duration::from_secs(20);

/// One walk over one or more folders into one fontdb database.
pub(super) struct Walk {
    db: fontdb::Database,
    /// Canonical paths of the symlinks followed and the folders entered, so that a link
    /// loop or two links to one file are walked once.
    seen: HashSet<PathBuf>,
    files: usize,
    entries: usize,
    started: Instant,
    stopped: bool,
    /// Files skipped and why, and where the walk stopped if it did.
    notes: Vec<String>,
}

impl Walk {
    /// An empty walk; its time budget starts now.
    pub fn new() -> Walk {
        Walk {
            db: fontdb::Database::new(),
            seen: HashSet::new(),
            files: 0,
            entries: 0,
            started: Instant::now(),
            stopped: false,
            notes: Vec::new(),
        }
    }

    /// Adds the fonts of `dir` and its subfolders (`.ttf`, `.otf`, `.ttc`, `.otc`, as fontdb
    /// takes them).
    pub fn dir(&mut self, dir: &Path) {
        if let Ok(canon) = fs::canonicalize(dir) {
            self.seen.insert(canon);
        }
        self.walk(dir, 0);
    }

    /// The database and the notes on what was skipped.
    pub fn finish(self) -> (fontdb::Database, Vec<String>) {
        (self.db, self.notes)
    }

    fn walk(&mut self, dir: &Path, depth: usize) {
        let Ok(read) = fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<fs::DirEntry> = Vec::new();
        for entry in read.flatten() {
            if !self.budget(dir) {
                return;
            }
            self.entries += 1;
            entries.push(entry);
        }
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            if self.stopped {
                return;
            }
            let Some((path, kind)) = self.resolve(&entry) else {
                continue;
            };
            if kind.is_file() && is_font_name(&path) {
                if self.budget(&path) {
                    self.file(&path);
                }
            } else if kind.is_dir() {
                if depth < MAX_DEPTH {
                    self.walk(&path, depth + 1);
                } else {
                    self.notes.push(format!(
                        "font folder {}: more than {MAX_DEPTH} levels deep, not searched",
                        path.display()
                    ));
                }
            }
        }
    }

    /// The entry's path and type, following a symlink to its canonical target once (fontdb's
    /// rule: a link names the file by its target).
    fn resolve(&mut self, entry: &fs::DirEntry) -> Option<(PathBuf, fs::FileType)> {
        let kind = entry.file_type().ok()?;
        if !kind.is_symlink() {
            return Some((entry.path(), kind));
        }
        let target = fs::canonicalize(entry.path()).ok()?;
        let kind = fs::metadata(&target).ok()?.file_type();
        self.seen.insert(target.clone()).then_some((target, kind))
    }

    /// Whether the walk may go on at `at`; when it may not, the walk stops with a note.
    fn budget(&mut self, at: &Path) -> bool {
        if self.stopped {
            return false;
        }
        let over = if self.files >= MAX_FILES {
            Some(format!("{MAX_FILES} font files"))
        } else if self.entries >= MAX_ENTRIES {
            Some(format!("{MAX_ENTRIES} folder entries"))
        } else if self.started.elapsed() >= MAX_TIME {
            Some(format!("{} s", MAX_TIME.as_secs()))
        } else {
            None
        };
        if let Some(over) = over {
            self.stopped = true;
            self.notes.push(format!(
                "font search stopped after {over}, at {}: fonts past it are not used",
                at.display()
            ));
        }
        !self.stopped
    }

    fn file(&mut self, path: &Path) {
        match check_file(path) {
            Ok(()) => {
                self.files += 1;
                // An unreadable or malformed file is skipped inside fontdb, as before.
                let _ = self.db.load_font_file(path);
            }
            Err(cause) => self
                .notes
                .push(format!("font file {}: {cause}, skipped", path.display())),
        }
    }
}

/// fontdb's extensions, in either case.
fn is_font_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Whether a font file may be handed to fontdb: within the size cap, and if a collection,
/// one whose header can be true.
fn check_file(path: &Path) -> Result<(), String> {
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    if len > MAX_FONT_BYTES {
        return Err(format!(
            "larger than the {} MB a font may be",
            MAX_FONT_BYTES >> 20
        ));
    }
    let mut header = Vec::with_capacity(12);
    file.take(12)
        .read_to_end(&mut header)
        .map_err(|e| e.to_string())?;
    check_header(&header, len)
}

/// Whether `header` (a file's first 12 bytes) starts a font file of `len` bytes fontdb may
/// parse: a collection (OpenType `TTC Header`: tag `ttcf`, version, `numFonts`, then one
/// 32-bit offset per face) must have room for its offsets and at most [`MAX_FACES`] of them.
pub(super) fn check_header(header: &[u8], len: u64) -> Result<(), String> {
    let Some(count) = header
        .strip_prefix(b"ttcf")
        .and_then(|rest| rest.get(4..8))
        .map(|n| u32::from_be_bytes([n[0], n[1], n[2], n[3]]))
    else {
        return Ok(());
    };
    if 12 + 4 * u64::from(count) > len {
        return Err(format!(
            "a collection claiming {count} faces, whose offsets do not fit in its {len} bytes"
        ));
    }
    if count > MAX_FACES {
        return Err(format!(
            "a collection of {count} faces, more than the {MAX_FACES} read"
        ));
    }
    Ok(())
}

/// The folders the system keeps fonts in, as fontdb's `load_system_fonts` finds them.
pub(super) fn system_dirs() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut dirs = Vec::new();
    if cfg!(target_os = "windows") {
        let root = std::env::var_os("SYSTEMROOT")
            .map_or_else(|| PathBuf::from("C:\\Windows"), PathBuf::from);
        dirs.push(root.join("Fonts"));
        if let Some(profile) = std::env::var_os("USERPROFILE").map(PathBuf::from) {
            dirs.push(profile.join("AppData\\Local\\Microsoft\\Windows\\Fonts"));
            dirs.push(profile.join("AppData\\Roaming\\Microsoft\\Windows\\Fonts"));
        }
    } else if cfg!(any(target_os = "macos", target_os = "ios")) {
        dirs.push("/Library/Fonts".into());
        dirs.push("/System/Library/Fonts".into());
        // Downloadable fonts; where they live changes between releases.
        if let Ok(assets) = fs::read_dir("/System/Library/AssetsV2") {
            let mut found: Vec<PathBuf> = assets
                .flatten()
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with("com_apple_MobileAsset_Font")
                })
                .map(|e| e.path())
                .collect();
            found.sort();
            dirs.extend(found);
        }
        dirs.push("/Network/Library/Fonts".into());
        dirs.extend(home.map(|h| h.join("Library/Fonts")));
    } else if cfg!(all(unix, not(target_os = "android"))) {
        dirs = fontconfig_dirs(home.as_deref());
    }
    dirs
}

/// The folders fontconfig's configuration lists (`FONTCONFIG_FILE`, else the user's and the
/// system's `fonts.conf`), read as fontdb reads them; fontdb's fixed folders when it lists
/// none. A `FONTCONFIG_FILE` that lists none means no fonts, as to fontconfig itself (`fc-list`
/// lists none).
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn fontconfig_dirs(home: Option<&Path>) -> Vec<PathBuf> {
    let mut config = fontconfig_parser::FontConfig::default();
    if let Some(file) = std::env::var_os("FONTCONFIG_FILE") {
        // An unreadable file: fontconfig falls back to no configuration, and no fonts.
        let _ = config.merge_config(Path::new(&file));
        if config.dirs.is_empty() {
            return Vec::new();
        }
    } else {
        // XDG Base Directory: $XDG_CONFIG_HOME, else ~/.config.
        let user = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| home.map(|h| h.join(".config")));
        let read_local = match user {
            Some(dir) => config
                .merge_config(&dir.join("fontconfig/fonts.conf"))
                .is_err(),
            None => true,
        };
        if read_local {
            let _ = config.merge_config(Path::new("/etc/fonts/local.conf"));
        }
        let _ = config.merge_config(Path::new("/etc/fonts/fonts.conf"));
    }
    if config.dirs.is_empty() {
        let mut dirs: Vec<PathBuf> =
            vec!["/usr/share/fonts/".into(), "/usr/local/share/fonts/".into()];
        dirs.extend(home.map(|h| h.join(".fonts")));
        dirs.extend(home.map(|h| h.join(".local/share/fonts")));
        return dirs;
    }
    config
        .dirs
        .into_iter()
        .filter_map(|dir| match dir.path.strip_prefix("~") {
            Ok(rest) => home.map(|h| h.join(rest)),
            Err(_) => Some(dir.path),
        })
        .collect()
}

/// Elsewhere there is no fontconfig to ask.
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
fn fontconfig_dirs(_home: Option<&Path>) -> Vec<PathBuf> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_must_have_room_for_its_offsets() {
        let ttc = |count: u32| {
            let mut h = b"ttcf\0\x01\0\0".to_vec();
            h.extend(count.to_be_bytes());
            h
        };
        // The 12-byte bomb: 2³²−1 faces claimed.
        let err = check_header(&ttc(u32::MAX), 12).unwrap_err();
        assert!(err.contains("4294967295 faces"), "{err}");
        assert!(check_header(&ttc(2), 12 + 8).is_ok());
        assert!(check_header(&ttc(3), 12 + 8).is_err());
        assert!(check_header(&ttc(MAX_FACES + 1), 1 << 20).is_err());
        // Not a collection: fontdb parses the one face.
        assert!(check_header(b"\0\x01\0\0\0\x0a", 6).is_ok());
        assert!(check_header(b"ttc", 3).is_ok());
    }

    #[test]
    fn a_bomb_in_a_folder_is_skipped_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("bomb.ttc"),
            b"ttcf\0\x01\0\0\xff\xff\xff\xff",
        )
        .unwrap();
        fs::write(
            dir.path().join("notes.txt"),
            b"ttcf\0\x01\0\0\xff\xff\xff\xff",
        )
        .unwrap();
        let started = Instant::now();
        let mut walk = Walk::new();
        walk.dir(dir.path());
        let (db, notes) = walk.finish();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(db.len(), 0);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("bomb.ttc"), "{notes:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        std::os::unix::fs::symlink(dir.path(), sub.join("up")).unwrap();
        let mut walk = Walk::new();
        walk.dir(dir.path());
        let (_, notes) = walk.finish();
        assert!(notes.is_empty(), "{notes:?}");
        assert!(walk_entries(dir.path()) < 10);
    }

    fn walk_entries(dir: &Path) -> usize {
        let mut walk = Walk::new();
        walk.dir(dir);
        walk.entries
    }
}
