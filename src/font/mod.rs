//! Fonts: faces by role, a fallback chain, coverage, and one subset per document and face.
//!
//! - `FontSet::bundled()` gives the bundled Noto Serif SC Regular/Bold and DejaVu Sans Mono (for
//!   code), parsed once per process (the files are inside the binary, so an installed `cjkpress`
//!   works from any folder).
//! - `FontSet::resolve(&FontSources, lang, &mut Vec<Warning>)` builds a document's set: faces given
//!   by file, then faces found in font folders and the system's fonts for each role's preference
//!   list (`roles`), then the bundled faces; `FontSet::add_fallbacks(text, …)` adds installed faces
//!   for the characters no face of the set covers. `FontSet::load(&[FontSpec], …)` is the same
//!   with given files only.
//! - `FontSet::fit(usage, counts)` puts first in each role the first face that fits the document
//!   (its script, and the text the role draws bar a handful of rare occurrences) and returns a
//!   `Misfit` for each role whose first choice did not fit: one warning each.
//! - `FontSet::pick(role, bold, c)` walks the fallback chain for one character; `FontSet::runs`
//!   splits a text into runs drawn by one face.
//! - `missing(text, fonts)` lists the characters no face covers, with their first position.
//! - `Subsets::build(usage, fonts)` takes the characters each (role, weight) draws (the
//!   presentation plan's walk, `style::plan::usage`) and makes one TrueType subset per face that
//!   keeps its cmap; `Subset::woff2()` encodes it once on demand.

mod coverage;
mod discover;
mod face;
mod fit;
mod glyf;
mod roles;
mod scan;
mod subset;
mod vertical;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Serialize;

use crate::error::{Error, Warning};
use discover::{Candidate, Catalog};

pub use crate::normalize::lang::Script;
pub use coverage::{Missing, missing};
use face::{Data, bundled_faces, bundled_mono};
pub use face::{Embedding, Face, Source};
pub use fit::{Counts, Misfit};
pub use roles::{debian_like, debian_package, debian_package_for};
pub use subset::{Subset, Subsets, Usage};
pub use vertical::alternates;

/// What a face is used for. The gongwen roles fall back to the bundled serif when not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Role {
    /// Body text.
    Body,
    /// Headings.
    Heading,
    /// The document title.
    Title,
    /// Emphasised text.
    Emphasis,
    /// Code.
    Mono,
    /// 仿宋: gongwen body and level-3/4 headings.
    FangSong,
    /// 楷体: gongwen level-2 headings.
    Kai,
    /// 黑体: gongwen level-1 headings.
    Hei,
    /// 小标宋: the gongwen title.
    XiaoBiaoSong,
}

impl Role {
    /// Every role, in declaration order.
    pub const ALL: [Role; 9] = [
        Role::Body,
        Role::Heading,
        Role::Title,
        Role::Emphasis,
        Role::Mono,
        Role::FangSong,
        Role::Kai,
        Role::Hei,
        Role::XiaoBiaoSong,
    ];

    /// The name used on the command line (`--font fangsong=FILE`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Body => "body",
            Role::Heading => "heading",
            Role::Title => "title",
            Role::Emphasis => "emphasis",
            Role::Mono => "mono",
            Role::FangSong => "fangsong",
            Role::Kai => "kai",
            Role::Hei => "hei",
            Role::XiaoBiaoSong => "xiaobiaosong",
        }
    }

    /// Whether the role is drawn in the bundled Bold face when no user font is given: headings,
    /// the title, and the gongwen 黑体/楷体/小标宋 roles, whose weight is what keeps the GB/T 9704
    /// hierarchy visible when the serif stands in for them.
    pub fn bold_by_default(self) -> bool {
        matches!(
            self,
            Role::Heading | Role::Title | Role::Hei | Role::Kai | Role::XiaoBiaoSong
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let lower = s.to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.name() == lower)
            .ok_or_else(|| format!("unknown font role `{lower}`"))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `--font [ROLE=]FILE[#INDEX]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSpec {
    /// The role; `None` puts the face first in the fallback chain of every role.
    pub role: Option<Role>,
    /// The font file (TTF, OTF or TTC).
    pub path: std::path::PathBuf,
    /// The face index inside a collection.
    pub index: u32,
}

/// Index of a face in a `FontSet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FaceId(pub usize);

/// Puts the bundled monospace `mono` first in a mono chain, after the faces given for the mono
/// role: code gets columns that line up unless the user chose its face, and the CJK inside it
/// (which the monospace lacks) falls through to the faces after it, ending with the serif. It
/// also goes before faces given without a role, which are there to cover text, not to set code.
fn mono_first(chain: &mut Vec<FaceId>, origins: &[Origin], mono: FaceId) {
    chain.retain(|&id| id != mono);
    let given = chain
        .iter()
        .take_while(|id| {
            origins
                .get(id.0)
                .is_some_and(|o| o.given_for(Some(Role::Mono)))
        })
        .count();
    chain.insert(given, mono);
}

/// The folders the system's fonts are installed in (fontconfig's, or the platform's).
pub fn system_dirs() -> Vec<PathBuf> {
    scan::system_dirs()
}

/// Where a document's faces may come from, in the order they are tried: files given by role
/// (`--font`, then the front matter's `fonts:`), font folders (`--font-dir`,
/// `CJKPRESS_FONT_PATH`), the system's installed fonts, and last the bundled faces.
#[derive(Debug, Clone, Default)]
pub struct FontSources {
    /// Font files: `--font` first, then the front matter's (paths already resolved).
    pub files: Vec<FontSpec>,
    /// Font folders, searched (recursively) before the system's fonts.
    pub dirs: Vec<PathBuf>,
    /// Whether the system's installed fonts are searched (`--no-system-fonts` turns it off).
    pub system: bool,
    /// Faces already loaded (from bytes handed to the library), after `files`.
    pub faces: Vec<GivenFace>,
}

/// A face loaded from bytes, for a role or (`None`) in front of every role's chain.
#[derive(Debug, Clone)]
pub struct GivenFace {
    /// The role; `None` puts the face first in the fallback chain of every role.
    pub role: Option<Role>,
    /// The face.
    pub face: Face,
}

impl GivenFace {
    /// Parses face `index` of font bytes (TTF, OTF or TTC), named `name` in messages.
    pub fn parse(
        bytes: impl Into<std::sync::Arc<[u8]>>,
        index: u32,
        name: &str,
        role: Option<Role>,
    ) -> Result<GivenFace, Error> {
        let face = discover::face_from_bytes(bytes.into(), index, name)?;
        Ok(GivenFace { role, face })
    }
}

/// Scans the font folders and, with `system`, the system's fonts now, once per process, so
/// that the first document does not pay for it.
pub fn scan(dirs: &[PathBuf], system: bool) {
    if system {
        discover::scan_installed();
    }
    for dir in dirs {
        discover::scan_folder(dir);
    }
}

/// How a face came into a set, which decides its place in each chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A file given for roles, or for every role: one face however many roles name it, so
    /// each output embeds it once.
    Given(GivenFor),
    /// Found in a font folder or the system's fonts for a role's preference list.
    Found,
    /// The bundled Regular or Bold.
    Bundled,
    /// Found on the machine for characters no other face covers.
    Fallback,
}

/// The roles a face was given for: a bit per role, and one for every role (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GivenFor(u16);

impl GivenFor {
    fn of(role: Option<Role>) -> GivenFor {
        GivenFor(1 << role.map_or(Role::ALL.len(), Role::index))
    }

    fn has(self, role: Option<Role>) -> bool {
        self.0 & GivenFor::of(role).0 != 0
    }

    fn with(self, role: Option<Role>) -> GivenFor {
        GivenFor(self.0 | GivenFor::of(role).0)
    }
}

impl Origin {
    /// Whether the face was given for `role` (`None`: for every role).
    fn given_for(self, role: Option<Role>) -> bool {
        matches!(self, Origin::Given(roles) if roles.has(role))
    }
}

/// How many families a role takes from its preference list: the first, and one more for the
/// characters the first lacks (cwTeX 仿宋 has few Simplified characters, for one).
const FAMILIES_PER_ROLE: usize = 2;

/// The faces of a document, by role, with a fallback chain per role and weight.
#[derive(Debug)]
pub struct FontSet {
    /// Given faces in the order given, the bundled Regular and Bold, faces found for roles, then
    /// faces added for characters no other face covers.
    faces: Vec<Face>,
    origins: Vec<Origin>,
    /// The fallback chain of each role, regular then bold: every face of the set, best first.
    chains: [[Vec<FaceId>; 2]; 9],
    /// The document's script, which chose the preference lists.
    script: Script,
    /// Where `add_fallbacks` looks for faces.
    catalog: Catalog,
}

impl FontSet {
    /// The bundled Noto Serif SC Regular and Bold, parsed once per process.
    pub fn bundled() -> Result<FontSet, Error> {
        Self::load(&[], &mut Vec::new())
    }

    /// Given faces in front of the bundled ones, for Simplified Chinese, with nothing found on
    /// the machine; `-v` notes go to `warnings`.
    pub fn load(specs: &[FontSpec], warnings: &mut Vec<Warning>) -> Result<FontSet, Error> {
        let sources = FontSources {
            files: specs.to_vec(),
            ..FontSources::default()
        };
        Self::resolve(&sources, "zh-Hans", warnings)
    }

    /// The faces of a document in language `lang` (BCP 47), from `sources`; notes on which face
    /// serves each role go to `warnings` as `Info`, skipped faces and a Traditional text without
    /// a Traditional face as `Warn`.
    ///
    /// A role's chain holds the faces given for it, then the faces given for every role, then
    /// the faces found for its preference list (`roles::families`; a real bold face first in the
    /// bold chain when the family has one), then the bundled faces (the weight the role asks for
    /// first), then every other face of the set, so a character some face covers is always drawn
    /// by one. A face whose licence forbids embedding is skipped with a warning.
    pub fn resolve(
        sources: &FontSources,
        lang: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<FontSet, Error> {
        let script = Script::of(lang);
        let mut set = FontSet {
            faces: Vec::new(),
            origins: Vec::new(),
            chains: Default::default(),
            script,
            catalog: Catalog::new(&sources.dirs, sources.system, warnings),
        };
        for spec in &sources.files {
            if let Some(id) = set.find_face(&spec.path, spec.index) {
                if let Origin::Given(roles) = set.origins[id.0] {
                    set.origins[id.0] = Origin::Given(roles.with(spec.role));
                }
                continue;
            }
            let face = discover::face(&spec.path, spec.index)?;
            if set.embeddable(&face, warnings) {
                set.push(face, Origin::Given(GivenFor::of(spec.role)));
            }
        }
        for given in &sources.faces {
            if set.embeddable(&given.face, warnings) {
                set.push(given.face.clone(), Origin::Given(GivenFor::of(given.role)));
            }
        }
        // The bundled faces before the found ones: with no face given their ids are the same on
        // every machine, and so is every output that numbers its fonts by id.
        let [regular, bold] = bundled_faces()?;
        let bundled = FaceId(set.faces.len());
        set.push(regular.clone(), Origin::Bundled);
        set.push(bold.clone(), Origin::Bundled);
        // After the serif, so that every other role's chain keeps the serif first.
        let mono = set.push(bundled_mono()?.clone(), Origin::Bundled);
        let mut found: [[Vec<FaceId>; 2]; 9] = Default::default();
        for role in Role::ALL {
            found[role.index()] = set.find(role, warnings);
        }

        set.chains = std::array::from_fn(|r| {
            [false, true].map(|wants_bold| {
                let role = Role::ALL[r];
                let mut chain = set.build_chain(
                    &found[r][usize::from(wants_bold)],
                    role,
                    wants_bold,
                    bundled,
                );
                if role == Role::Mono {
                    mono_first(&mut chain, &set.origins, mono);
                }
                chain
            })
        });
        for role in Role::ALL {
            warnings.extend(set.role_notes(role).into_iter().map(Warning::info));
        }
        if script == Script::Hant
            && set.face(set.primary(Role::Body, false)).source == Source::Bundled
        {
            let hint = if roles::debian_like() {
                ", or install fonts-arphic-uming"
            } else {
                ""
            };
            warnings.push(Warning::warn(format!(
                "no Traditional Chinese font found: the Traditional text is set in the bundled Simplified face {} (give one with --font body=FILE or --font-dir{hint})",
                set.face(bundled).family
            )));
        }
        Ok(set)
    }

    /// Adds faces found on the machine for the characters of `text` that no face of the set
    /// covers, each at the end of every chain; a face is read only when its cmap has one of
    /// them. Notes on the faces added go to `warnings`.
    pub fn add_fallbacks(&mut self, text: &str, warnings: &mut Vec<Warning>) {
        let mut needed: Vec<char> = text
            .chars()
            .filter(|&c| coverage::drawn(c))
            .collect::<std::collections::BTreeSet<char>>()
            .into_iter()
            .filter(|&c| !self.covers(c))
            .collect();
        let catalog = self.catalog.clone();
        for candidate in catalog.fallback_candidates() {
            if needed.is_empty() {
                break;
            }
            if self.find_face(&candidate.path, candidate.index).is_some() {
                continue;
            }
            let covered = Catalog::covered(candidate, &needed);
            if covered.is_empty() {
                continue;
            }
            let face = match discover::face(&candidate.path, candidate.index) {
                Ok(face) => face,
                Err(e) => {
                    warnings.push(Warning::info(format!("fallback font skipped: {e}")));
                    continue;
                }
            };
            if !self.embeddable(&face, warnings) {
                continue;
            }
            needed.retain(|c| !covered.contains(c));
            let id = self.push(face, Origin::Fallback);
            for chain in self.chains.iter_mut().flatten() {
                chain.push(id);
            }
        }
    }

    /// Adds a face and returns its id.
    fn push(&mut self, face: Face, origin: Origin) -> FaceId {
        self.faces.push(face);
        self.origins.push(origin);
        FaceId(self.faces.len() - 1)
    }

    /// The face already in the set that comes from face `index` of `path`.
    fn find_face(&self, path: &Path, index: u32) -> Option<FaceId> {
        self.faces
            .iter()
            .position(|f| matches!(&f.source, Source::File(p, i) if p == path && *i == index))
            .map(FaceId)
    }

    /// Whether a face may be used at all: a restricted-licence face (OS/2 `fsType` 2) may not be
    /// embedded in any output, so it is skipped (once per face, with a warning naming it).
    fn embeddable(&self, face: &Face, warnings: &mut Vec<Warning>) -> bool {
        if face.embedding() != Embedding::Restricted {
            return true;
        }
        let message = format!(
            "{} ({}): the font's licence (OS/2 fsType) forbids embedding it; skipped",
            face.family, face.source
        );
        if !warnings.iter().any(|w| w.message == message) {
            warnings.push(Warning::warn(message));
        }
        false
    }

    /// The faces found on the machine for a role, for its regular and its bold chain.
    fn find(&mut self, role: Role, warnings: &mut Vec<Warning>) -> [Vec<FaceId>; 2] {
        let wanted = roles::families(role, self.script);
        let catalog = self.catalog.clone();
        let (mut regular, mut bold) = (Vec::new(), Vec::new());
        for group in catalog.groups(&wanted) {
            if regular.len() == FAMILIES_PER_ROLE {
                break;
            }
            let Some(r) = group.regular().and_then(|c| self.take(c, warnings)) else {
                continue;
            };
            if let Some(b) = group.bold().and_then(|c| self.take(c, warnings))
                && self.face(b).bold
            {
                bold.push(b);
            }
            regular.push(r);
            bold.push(r);
        }
        [regular, bold]
    }

    /// A found face, loaded into the set (once); `None` if it cannot be read or used.
    fn take(&mut self, candidate: &Candidate, warnings: &mut Vec<Warning>) -> Option<FaceId> {
        if let Some(id) = self.find_face(&candidate.path, candidate.index) {
            return Some(id);
        }
        match discover::face(&candidate.path, candidate.index) {
            Ok(face) if self.embeddable(&face, warnings) => Some(self.push(face, Origin::Found)),
            Ok(_) => None,
            Err(e) => {
                warnings.push(Warning::info(format!("font skipped: {e}")));
                None
            }
        }
    }

    /// The fallback chain of one role and weight (`found`: the faces found for it, in order;
    /// `bundled`: the bundled Regular, Bold after it).
    fn build_chain(
        &self,
        found: &[FaceId],
        role: Role,
        bold: bool,
        bundled: FaceId,
    ) -> Vec<FaceId> {
        let given = |wanted: Option<Role>| {
            let mut ids: Vec<FaceId> = (0..self.faces.len())
                .filter(|&i| self.origins[i].given_for(wanted))
                .map(FaceId)
                .collect();
            // Two faces given for one role: the one of the wanted weight first (stable otherwise).
            ids.sort_by_key(|id| self.faces[id.0].bold != (bold || role.bold_by_default()));
            ids
        };
        let mut chain = given(Some(role));
        chain.extend(given(None));
        chain.extend(found);
        let bundled_bold = FaceId(bundled.0 + 1);
        if bold || role.bold_by_default() {
            chain.extend([bundled_bold, bundled]);
        } else {
            chain.extend([bundled, bundled_bold]);
        }
        let mut seen = std::collections::HashSet::new();
        chain.retain(|id| seen.insert(*id));
        chain.extend(
            (0..self.faces.len())
                .map(FaceId)
                .filter(|id| seen.insert(*id)),
        );
        chain
    }

    /// The `-v` notes saying which face serves a role and, for a face not bundled, where its
    /// bold comes from (a real bold face, or synthesised).
    fn role_notes(&self, role: Role) -> Vec<String> {
        let first = self.face(self.primary(role, false));
        let bold = self.face(self.primary(role, true));
        let mut note =
            if first.source == Source::Bundled && !roles::families(role, self.script).is_empty() {
                format!(
                    "font role {role}: no font given, using {}",
                    first.describe()
                )
            } else {
                format!("font role {role}: {}", first.describe())
            };
        if first.source == Source::Bundled
            && let Some(package) =
                roles::debian_package(role, self.script).filter(|_| roles::debian_like())
        {
            let _ = write!(note, " (apt install {package} supplies one)");
        }
        let mut notes = vec![note];
        if bold.source != Source::Bundled {
            notes.push(if bold.bold {
                format!("font role {role}: bold {}", bold.describe())
            } else {
                format!(
                    "font role {role}: no bold face of {}, bold is synthesised",
                    bold.family
                )
            });
        }
        notes
    }

    /// One line per role: the family, file and weight of its regular and bold face (what
    /// `cjkpress fonts` prints).
    pub fn roles_report(&self) -> Vec<String> {
        Role::ALL
            .into_iter()
            .map(|role| {
                let (regular_id, bold_id) = (self.primary(role, false), self.primary(role, true));
                let (regular, bold) = (self.face(regular_id), self.face(bold_id));
                let mut line = format!(
                    "{:<13} {} — {} (weight {})",
                    format!("{role}:"),
                    regular.family,
                    regular.source,
                    regular.weight
                );
                if !bold.bold {
                    line.push_str("; bold synthesised");
                } else if bold_id != regular_id {
                    let _ = write!(
                        line,
                        "; bold: {} — {} (weight {})",
                        bold.family, bold.source, bold.weight
                    );
                }
                if regular.source == Source::Bundled
                    && !roles::families(role, self.script).is_empty()
                {
                    line.push_str(" [no face found for this role]");
                    if let Some(package) =
                        roles::debian_package(role, self.script).filter(|_| roles::debian_like())
                    {
                        let _ = write!(line, " — apt install {package}");
                    } else if let Some(hint) = fit::hint(role, self.script) {
                        let _ = write!(line, " — {hint}");
                    } else if role == Role::XiaoBiaoSong {
                        // 小标宋 is in no free package: name the face GB/T 9704 offices use.
                        line.push_str(
                            " — no free package has one: --font xiaobiaosong=FILE with 方正小标宋简体 (FZXBSJW.TTF), or put it in a --font-dir",
                        );
                    }
                }
                line
            })
            .collect()
    }

    /// The characters of `text` that, set in `role`, a face other than the role's first draws,
    /// one line per face: `HanaMinB (…/HanaMinB.ttf) draws 3 characters: 𠀀𠀁𠂇`.
    pub fn fallback_report(&self, role: Role, text: &str) -> Vec<String> {
        let primary = self.primary(role, false);
        let mut by_face: BTreeMap<FaceId, Vec<char>> = BTreeMap::new();
        let mut seen = std::collections::HashSet::new();
        for c in text
            .chars()
            .filter(|&c| coverage::drawn(c) && seen.insert(c))
        {
            if let Some(id) = self.pick(role, false, c).filter(|&id| id != primary) {
                by_face.entry(id).or_default().push(c);
            }
        }
        by_face
            .into_iter()
            .map(|(id, chars)| {
                const SHOWN: usize = 40;
                let face = self.face(id);
                let mut list: String = chars.iter().take(SHOWN).collect();
                if chars.len() > SHOWN {
                    list.push('…');
                }
                format!(
                    "fallback: {} ({}) draws {} character{} of role {role}: {list}",
                    face.family,
                    face.source,
                    chars.len(),
                    if chars.len() == 1 { "" } else { "s" }
                )
            })
            .collect()
    }

    /// The face of the family a reference document names (any of its names, any case): one of
    /// the set's faces, else one found in the font folders and the system's fonts as a role's
    /// faces are (the family's nearest-to-bold face when `bold`, else its regular). `None` when
    /// none has that name or its licence forbids embedding it (with a warning, once).
    pub fn named(&self, name: &str, bold: bool, warnings: &mut Vec<Warning>) -> Option<Face> {
        let lower = name.to_lowercase();
        let known = self.faces.iter().find(|f| {
            f.bold == bold
                && (f.family.to_lowercase() == lower || f.postscript_name.to_lowercase() == lower)
        });
        if let Some(face) = known {
            return Some(face.clone());
        }
        let groups = self.catalog.groups(&[name]);
        let group = groups.first()?;
        let candidate = if bold { group.bold() } else { group.regular() }?;
        match discover::face(&candidate.path, candidate.index) {
            Ok(face) if self.embeddable(&face, warnings) => Some(face),
            Ok(_) => None,
            Err(e) => {
                warnings.push(Warning::info(format!("font skipped: {e}")));
                None
            }
        }
    }

    /// A face by id.
    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.0]
    }

    /// Every face with its id, given faces first.
    pub fn faces(&self) -> impl Iterator<Item = (FaceId, &Face)> {
        self.faces.iter().enumerate().map(|(i, f)| (FaceId(i), f))
    }

    /// The fallback chain of a role: every face of the set, in the order `pick` tries them.
    pub fn chain(&self, role: Role, bold: bool) -> &[FaceId] {
        &self.chains[role.index()][usize::from(bold)]
    }

    /// The first face of a role's chain (what a style names for that role).
    pub fn primary(&self, role: Role, bold: bool) -> FaceId {
        self.chain(role, bold)[0]
    }

    /// The size a glyph of face `drawn_by` standing in for the role's own face is set at, as a
    /// share of the role's size: its ideographs made to look as large as the role face's
    /// ([`Face::ideograph_size`]), so that a character the role's face lacks does not stand out
    /// (issue 21). 1 for the role's own face and its family's other weights (designed to one
    /// size; a bold face's ink is wider by its strokes alone), for faces too alike to tell
    /// (within 3 %) and for faces that share no ideograph to compare; never below 0.7 or above
    /// 1.3, whatever a face claims.
    pub fn blend_scale(&self, role: Role, bold: bool, drawn_by: FaceId) -> f32 {
        let own = self.primary(role, bold);
        if own == drawn_by || self.face(own).family == self.face(drawn_by).family {
            return 1.0;
        }
        match self.face(own).ideograph_size(self.face(drawn_by)) {
            Some(s) if (s - 1.0).abs() > 0.03 && s.is_finite() => s.clamp(0.7, 1.3),
            _ => 1.0,
        }
    }

    /// The face that draws `c` in this role, walking the fallback chain; `None` if none covers it.
    pub fn pick(&self, role: Role, bold: bool, c: char) -> Option<FaceId> {
        self.chain(role, bold)
            .iter()
            .copied()
            .find(|&id| self.face(id).covers(c))
    }

    /// Whether any face of the set covers `c`.
    pub fn covers(&self, c: char) -> bool {
        self.faces.iter().any(|f| f.covers(c))
    }

    /// `text` cut into maximal runs that one face draws (`None`: no face covers the run's
    /// characters), in order; the runs join back to `text`.
    pub fn runs<'s, 't>(
        &'s self,
        role: Role,
        bold: bool,
        text: &'t str,
    ) -> impl Iterator<Item = (Option<FaceId>, &'t str)> + use<'s, 't> {
        let mut rest = text;
        std::iter::from_fn(move || {
            let mut chars = rest.char_indices();
            let (_, first) = chars.next()?;
            let face = self.pick(role, bold, first);
            let end = chars
                .find(|&(_, c)| self.pick(role, bold, c) != face)
                .map_or(rest.len(), |(i, _)| i);
            let (run, tail) = rest.split_at(end);
            rest = tail;
            Some((face, run))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_map_cjk_and_latin() {
        let fonts = FontSet::bundled().unwrap();
        let regular = fonts.face(fonts.primary(Role::Body, false));
        let bold = fonts.face(fonts.primary(Role::Body, true));
        assert_eq!(regular.family, "Noto Serif SC");
        assert!(!regular.bold);
        assert!(bold.bold);
        assert_ne!(regular.postscript_name, bold.postscript_name);
        for c in ['中', '。', 'A', '1', '—', '“'] {
            assert!(regular.glyph(c).is_some(), "{c}");
            let adv = regular.advance(c).unwrap();
            assert!(adv > 0.0 && adv <= 1.5, "{c}: {adv}");
        }
        assert_eq!(regular.advance('中'), Some(1.0));
        assert!(regular.advance('i').unwrap() < 0.5);
        assert_eq!(
            regular.glyph('\u{AC00}'),
            None,
            "no Hangul in Noto Serif SC"
        );
    }

    // Issue 21 item 3: a face stands in at its own size beside itself and its family's other
    // weight (whose ink is wider by its strokes), and where there is nothing to compare (the
    // monospaced face has no ideographs).
    #[test]
    fn stand_ins_are_scaled_only_against_another_family_s_ideographs() {
        let fonts = FontSet::bundled().unwrap();
        let regular = fonts.primary(Role::Body, false);
        let bold = fonts.primary(Role::Body, true);
        let mono = fonts.primary(Role::Mono, false);
        let (r, b, m) = (fonts.face(regular), fonts.face(bold), fonts.face(mono));
        assert_eq!(r.ideograph_size(r), Some(1.0));
        let heavier = b.ideograph_size(r).unwrap();
        assert!(heavier > 1.01 && heavier < 1.1, "{heavier}");
        assert_eq!(r.ideograph_size(m), None);
        assert_eq!(fonts.blend_scale(Role::Body, true, regular), 1.0);
        assert_eq!(fonts.blend_scale(Role::Mono, false, regular), 1.0);
    }

    // Issue 26: in a column Noto Serif SC draws `，` in the cell's upper half, as it draws it
    // in the left half of a line, but centres `：` and `？`, which sit at the left of a line.
    #[test]
    fn a_marks_ink_down_a_column_is_its_vertical_forms() {
        let fonts = FontSet::bundled().unwrap();
        let regular = fonts.face(fonts.primary(Role::Body, false));
        let along = |c| regular.ink(c).unwrap();
        let down = |c| regular.column_ink(c, 0.88).unwrap();
        for c in ['，', '：', '？'] {
            assert!(along(c).1 <= 0.5, "{c}: {:?} along a line", along(c));
        }
        assert!(down('，').1 <= 0.5, "，: {:?} down a column", down('，'));
        for c in ['：', '？'] {
            let (top, bottom) = down(c);
            assert!(
                top < 0.5 && bottom > 0.5,
                "{c}: {top}–{bottom} down a column"
            );
        }
    }

    #[test]
    fn roles_pick_the_bundled_weights() {
        let fonts = FontSet::bundled().unwrap();
        for role in Role::ALL.into_iter().filter(|&r| r != Role::Mono) {
            let face = fonts.face(fonts.primary(role, false));
            assert_eq!(face.bold, role.bold_by_default(), "{role}");
            assert!(fonts.face(fonts.primary(role, true)).bold, "{role}");
            assert_eq!(face.family, "Noto Serif SC", "{role}");
            assert_eq!(fonts.chain(role, false).len(), 3);
        }
    }

    #[test]
    fn code_is_monospaced_and_its_cjk_falls_to_the_serif() {
        let fonts = FontSet::bundled().unwrap();
        let family = |id: Option<FaceId>| id.map(|id| fonts.face(id).family.as_str());
        for bold in [false, true] {
            let mono = fonts.face(fonts.primary(Role::Mono, bold));
            assert_eq!(mono.family, "DejaVu Sans Mono");
            assert!(!mono.bold && mono.source == Source::Bundled);
            // Every glyph one column wide, so code lines up.
            let column = mono.advance('m').unwrap();
            for c in "il{}() ;\"=!_".chars() {
                assert_eq!(mono.advance(c), Some(column), "{c:?}");
            }
            assert_eq!(
                family(fonts.pick(Role::Mono, bold, 'x')),
                Some("DejaVu Sans Mono")
            );
            let cjk = fonts.pick(Role::Mono, bold, '名').map(|id| fonts.face(id));
            assert_eq!(
                cjk.map(|f| (f.family.as_str(), f.bold)),
                Some(("Noto Serif SC", bold))
            );
        }
        assert_eq!(
            family(fonts.pick(Role::Body, false, 'x')),
            Some("Noto Serif SC")
        );
        assert_eq!(fonts.pick(Role::Mono, false, '\u{AC00}'), None);
    }

    #[test]
    fn mono_first_goes_after_the_faces_given_for_mono() {
        let given = |role| Origin::Given(GivenFor::of(role));
        let origins = [given(Some(Role::Mono)), given(None), given(Some(Role::Kai))];
        let ids = |v: &[usize]| v.iter().copied().map(FaceId).collect::<Vec<_>>();
        let mut chain = ids(&[0, 1, 3, 4, 5, 2]);
        mono_first(&mut chain, &origins, FaceId(5));
        assert_eq!(chain, ids(&[0, 5, 1, 3, 4, 2]));
        let mut chain = ids(&[1, 3, 4, 5, 0, 2]);
        mono_first(&mut chain, &[given(None); 3], FaceId(5));
        assert_eq!(chain, ids(&[5, 1, 3, 4, 0, 2]));
    }

    #[test]
    fn a_face_given_for_mono_wins() {
        let spec = FontSpec {
            role: Some(Role::Mono),
            path: concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fonts/NotoSerifSC_400Regular.ttf"
            )
            .into(),
            index: 0,
        };
        let fonts = FontSet::load(&[spec], &mut Vec::new()).unwrap();
        let primary = fonts.face(fonts.primary(Role::Mono, false));
        assert!(matches!(primary.source, Source::File(..)), "{primary:?}");
        assert_eq!(
            fonts.face(fonts.chain(Role::Mono, false)[1]).family,
            "DejaVu Sans Mono"
        );
        assert_eq!(
            fonts.pick(Role::Mono, false, 'x'),
            Some(fonts.primary(Role::Mono, false))
        );
    }

    #[test]
    fn runs_join_back_and_split_on_coverage() {
        let fonts = FontSet::bundled().unwrap();
        let text = "中文한국어abc";
        let runs: Vec<_> = fonts.runs(Role::Body, false, text).collect();
        assert_eq!(runs.iter().map(|r| r.1).collect::<String>(), text);
        let regular = fonts.primary(Role::Body, false);
        assert_eq!(
            runs,
            vec![
                (Some(regular), "中文"),
                (None, "한국어"),
                (Some(regular), "abc")
            ]
        );
        assert_eq!(fonts.runs(Role::Body, false, "").count(), 0);
    }

    #[test]
    fn load_notes_gongwen_fallbacks() {
        let mut notes = Vec::new();
        FontSet::load(&[], &mut notes).unwrap();
        assert!(notes.iter().all(|n| n.level == crate::error::Level::Info));
        let fangsong = notes
            .iter()
            .find(|n| n.message.starts_with("font role fangsong"))
            .unwrap();
        assert!(
            fangsong.message.contains("no font given") && fangsong.message.contains("bundled"),
            "{fangsong}"
        );
    }

    #[test]
    fn missing_files_are_io_errors() {
        let spec = FontSpec {
            role: Some(Role::Kai),
            path: "no/such/font.ttf".into(),
            index: 0,
        };
        let err = FontSet::load(&[spec], &mut Vec::new()).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err}");
    }

    #[test]
    fn roles_parse() {
        assert_eq!("FangSong".parse::<Role>(), Ok(Role::FangSong));
        assert!("serif".parse::<Role>().is_err());
    }
}
