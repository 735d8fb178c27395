//! Faces found where users keep them: font folders and the system's installed fonts.
//!
//! fontdb scans a folder once per process and keeps only what the `name` and `OS/2` tables say
//! (families, weight, style, file and index); a face is read and parsed (`Face::parse`) only when
//! a role or the fallback chain takes it, and parsed faces are shared by every document of the
//! process. The folders are walked by `scan`, which checks each file before fontdb reads it; on
//! Linux the system's folders are fontconfig's, honouring `FONTCONFIG_FILE`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::scan::{self, Walk};
use super::{Data, Face, Source};
use crate::error::Error;

/// One face a scan found, not yet parsed.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    /// The font file.
    pub path: PathBuf,
    /// The face's index in a collection.
    pub index: u32,
    /// Family names in every language and the PostScript name, lowercased, for matching.
    names: Vec<String>,
    /// `OS/2.usWeightClass`.
    weight: u16,
    /// Italic or oblique.
    italic: bool,
    /// Where the face's bytes are read from when its coverage is checked.
    db: Arc<fontdb::Database>,
    id: fontdb::ID,
}

/// One folder's (or the system's) faces, sorted by file and index so that every run sees them in
/// the same order.
struct Scan {
    faces: Vec<Candidate>,
    /// What the walk skipped (`scan`), told on every run that uses the folder.
    notes: Vec<String>,
}

impl Scan {
    fn new(walk: Walk) -> Scan {
        let (db, notes) = walk.finish();
        let db = Arc::new(db);
        let mut faces: Vec<Candidate> = db
            .faces()
            .filter_map(|info| {
                let path = match &info.source {
                    fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path,
                    fontdb::Source::Binary(_) => return None,
                };
                let mut names: Vec<String> = info
                    .families
                    .iter()
                    .map(|(n, _)| n.to_lowercase())
                    .collect();
                names.push(info.post_script_name.to_lowercase());
                Some(Candidate {
                    path: path.clone(),
                    index: info.index,
                    names,
                    weight: info.weight.0,
                    italic: info.style != fontdb::Style::Normal,
                    db: db.clone(),
                    id: info.id,
                })
            })
            .collect();
        faces.sort_by(|a, b| (&a.path, a.index).cmp(&(&b.path, b.index)));
        Scan { faces, notes }
    }
}

/// The folders a document may take faces from, in order: font folders, then the system's.
#[derive(Clone, Default)]
pub(super) struct Catalog {
    scans: Vec<Arc<Scan>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Catalog({} folders)", self.scans.len())
    }
}

/// The faces of one family a catalog found.
pub(super) struct Group<'a> {
    faces: Vec<&'a Candidate>,
}

impl Group<'_> {
    /// The upright face nearest to Regular (400).
    pub fn regular(&self) -> Option<&Candidate> {
        self.best(|c| Some(c.weight.abs_diff(400)))
    }

    /// The upright face nearest to Bold (700) among those of weight 600 or more.
    pub fn bold(&self) -> Option<&Candidate> {
        self.best(|c| (c.weight >= 600).then(|| c.weight.abs_diff(700)))
    }

    fn best(&self, distance: impl Fn(&Candidate) -> Option<u16>) -> Option<&Candidate> {
        let upright = self.faces.iter().filter(|c| !c.italic);
        let pool: Vec<&Candidate> = if upright.clone().next().is_some() {
            upright.copied().collect()
        } else {
            self.faces.clone()
        };
        // `min_by_key` keeps the first of equals: the scan's file order.
        pool.into_iter()
            .filter_map(|c| Some((distance(c)?, c)))
            .min_by_key(|(d, _)| *d)
            .map(|(_, c)| c)
    }
}

impl Catalog {
    /// The catalog of `dirs` (each scanned once per process) and, if `system`, the system's
    /// fonts. A folder that does not exist is reported and left out, and so is every file a
    /// scan skipped.
    pub fn new(
        dirs: &[PathBuf],
        system: bool,
        warnings: &mut Vec<crate::error::Warning>,
    ) -> Catalog {
        let mut scans = Vec::new();
        for dir in dirs {
            if dir.is_dir() {
                scans.push(folder(dir));
            } else {
                warnings.push(crate::error::Warning::warn(format!(
                    "font folder {}: not found",
                    dir.display()
                )));
            }
        }
        if system {
            scans.push(installed());
        }
        for scan in &scans {
            warnings.extend(scan.notes.iter().cloned().map(crate::error::Warning::warn));
        }
        Catalog { scans }
    }

    /// Every face, folder by folder, each file and face once; for the fallback chain the
    /// upright regular-weight faces come first, so a character the chosen faces lack is drawn in
    /// a regular face where one has it (not DejaVu Sans Bold because its file sorts first).
    pub fn fallback_candidates(&self) -> impl Iterator<Item = &Candidate> {
        let plain = |c: &&Candidate| !c.italic && (350..=500).contains(&c.weight);
        self.candidates()
            .filter(plain)
            .chain(self.candidates().filter(move |c| !plain(c)))
    }

    /// Every face, folder by folder, each file and face once.
    pub fn candidates(&self) -> impl Iterator<Item = &Candidate> {
        let mut seen = std::collections::HashSet::new();
        self.scans
            .iter()
            .flat_map(|s| &s.faces)
            .filter(move |c| seen.insert((&c.path, c.index)))
    }

    /// The families of `wanted` that the catalog has, best first: the first folder that has any
    /// of them before later folders, and within a folder in the order of `wanted`.
    pub fn groups(&self, wanted: &[&str]) -> Vec<Group<'_>> {
        let mut groups = Vec::new();
        let mut taken = std::collections::HashSet::new();
        for scan in &self.scans {
            for family in wanted {
                let family = family.to_lowercase();
                let faces: Vec<&Candidate> = scan
                    .faces
                    .iter()
                    .filter(|c| c.names.contains(&family))
                    .filter(|c| taken.insert((&c.path, c.index)))
                    .collect();
                if !faces.is_empty() {
                    groups.push(Group { faces });
                }
            }
        }
        groups
    }

    /// Which of `chars` a face covers, read from its cmap without loading it; nothing for a
    /// face without TrueType or CFF outlines (bitmap emoji, for one), which no writer can embed.
    pub fn covered(candidate: &Candidate, chars: &[char]) -> Vec<char> {
        candidate
            .db
            .with_face_data(candidate.id, |data, index| {
                let Ok(face) = ttf_parser::Face::parse(data, index) else {
                    return Vec::new();
                };
                let has = |tag: &[u8; 4]| {
                    face.raw_face()
                        .table(ttf_parser::Tag::from_bytes(tag))
                        .is_some()
                };
                if !(has(b"glyf") || has(b"CFF ") || has(b"CFF2")) {
                    return Vec::new();
                }
                chars
                    .iter()
                    .copied()
                    .filter(|&c| face.glyph_index(c).is_some_and(|g| g.0 != 0))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The system's fonts, scanned on first use.
fn installed() -> Arc<Scan> {
    static SYSTEM: OnceLock<Arc<Scan>> = OnceLock::new();
    SYSTEM
        .get_or_init(|| {
            let mut walk = Walk::new();
            for dir in scan::system_dirs() {
                walk.dir(&dir);
            }
            Arc::new(Scan::new(walk))
        })
        .clone()
}

/// A font folder (searched recursively), scanned on first use.
fn folder(dir: &Path) -> Arc<Scan> {
    static FOLDERS: OnceLock<Mutex<BTreeMap<PathBuf, Arc<Scan>>>> = OnceLock::new();
    let mut folders = FOLDERS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    folders
        .entry(dir.to_path_buf())
        .or_insert_with(|| {
            let mut walk = Walk::new();
            walk.dir(dir);
            Arc::new(Scan::new(walk))
        })
        .clone()
}

/// Face `index` of a font file, mapped and parsed once per process (the faces of a collection
/// share the file's mapping, and every document shares the face's glyph tables).
pub(super) fn face(path: &Path, index: u32) -> Result<Face, Error> {
    type Cache = (HashMap<PathBuf, Data>, HashMap<(PathBuf, u32), Face>);
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let (files, faces) = &mut *cache;
    let key = (path.to_path_buf(), index);
    if let Some(face) = faces.get(&key) {
        return Ok(face.clone());
    }
    let data = match files.get(path) {
        Some(data) => data.clone(),
        None => {
            let data = map(path).map_err(|cause| Error::Io {
                path: path.to_path_buf(),
                cause,
            })?;
            files.insert(path.to_path_buf(), data.clone());
            data
        }
    };
    let source = Source::File(path.to_path_buf(), index);
    let face = Face::parse(data, index, source)
        .map_err(|e| Error::Font(format!("{}: {e}", path.display())))?;
    faces.insert(key, face.clone());
    Ok(face)
}

/// A font file mapped into memory, read-only. A fallback face for rare characters is a file of
/// 20-50 MB of which a document reads the tables and a few hundred glyphs: mapped, only those
/// pages are ever loaded, where reading it whole held all of it for the whole run (issue 20).
/// The same checks as `resources::read_capped`: a regular file within `MAX_FONT_BYTES`, checked
/// before it is opened (opening a FIFO would block) and again on the open file.
fn map(path: &Path) -> std::io::Result<Data> {
    use std::io::{Error, ErrorKind};
    let cap = crate::resources::MAX_FONT_BYTES;
    let check = |meta: std::fs::Metadata| {
        if !meta.is_file() {
            Err(Error::new(
                ErrorKind::InvalidInput,
                "not a regular file (a folder, device, FIFO or socket)",
            ))
        } else if meta.len() > cap {
            Err(Error::new(
                ErrorKind::InvalidData,
                format!("larger than the {} MB a font file may have", cap >> 20),
            ))
        } else {
            Ok(())
        }
    };
    check(std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    check(file.metadata()?)?;
    // SAFETY: the mapping is read-only and private to this process; its bytes change only if
    // another process rewrites the font file during the run, the risk fontdb takes with its own
    // mappings (its `memmap` feature, on in this build). A file cut short under the mapping
    // ends the process (SIGBUS) rather than giving wrong bytes.
    let mapped = unsafe { memmap2::Mmap::map(&file)? };
    Ok(Data::Mapped(Arc::new(mapped)))
}

/// Face `index` of font bytes handed to the library, named `name` in messages.
pub(super) fn face_from_bytes(bytes: Arc<[u8]>, index: u32, name: &str) -> Result<Face, Error> {
    if bytes.len() as u64 > crate::resources::MAX_FONT_BYTES {
        return Err(Error::Font(format!(
            "{name}: larger than {} bytes",
            crate::resources::MAX_FONT_BYTES
        )));
    }
    let source = Source::Memory(name.to_owned(), index);
    Face::parse(Data::Shared(bytes), index, source).map_err(|e| Error::Font(format!("{name}: {e}")))
}

/// Scans the system's fonts now rather than at the first document that needs them.
pub(super) fn scan_installed() {
    installed();
}

/// Scans a font folder now rather than at the first document that needs it.
pub(super) fn scan_folder(dir: &Path) {
    if dir.is_dir() {
        folder(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(path: &str, weight: u16, italic: bool) -> Candidate {
        Candidate {
            path: path.into(),
            index: 0,
            names: vec!["x".into()],
            weight,
            italic,
            db: Arc::default(),
            id: fontdb::ID::dummy(),
        }
    }

    #[test]
    fn groups_pick_regular_and_bold_weights() {
        let faces = [
            candidate("a-light.ttf", 300, false),
            candidate("a-bold.ttf", 700, false),
            candidate("a-regular.ttf", 400, false),
            candidate("a-italic.ttf", 400, true),
            candidate("a-black.ttf", 900, false),
        ];
        let group = Group {
            faces: faces.iter().collect(),
        };
        assert_eq!(group.regular().unwrap().path, Path::new("a-regular.ttf"));
        assert_eq!(group.bold().unwrap().path, Path::new("a-bold.ttf"));
        let light = Group {
            faces: vec![&faces[0]],
        };
        assert!(light.bold().is_none(), "a light face is not a bold one");
    }

    #[test]
    fn missing_folders_are_reported() {
        let mut warnings = Vec::new();
        let catalog = Catalog::new(&["no/such/folder".into()], false, &mut warnings);
        assert_eq!(catalog.candidates().count(), 0);
        assert!(
            warnings[0].message.contains("no/such/folder"),
            "{warnings:?}"
        );
    }
}
