//! Whether a face fits a document: it has the document's script and covers the text its role
//! draws. A role takes the first of its candidates that fits; when none does, the best one, and
//! either way a face passed over or a face that leaves text to a fallback is one warning.
//!
//! See issue 21: cwTeX 仿宋 (a Big5 face) drew a Simplified notice with 62 of its characters in
//! another face — a ransom note.

use std::collections::HashMap;
use std::fmt;

use super::{FaceId, FontSet, Origin, Role, Script, Source, Usage};

/// A face may leave at most this share of the occurrences its role draws to a fallback face
/// (one in 2 000, and never fewer than [`RARE_MIN`]): a handful of rare characters, never a
/// common one. 古文觀止's 爲 (1 339 times in 400 000) is common; an Extension B name once in a
/// book is rare.
const RARE_SHARE: usize = 2_000;
/// Occurrences a face may leave to a fallback in any text, however short.
const RARE_MIN: usize = 3;

/// Characters only a Simplified face draws (GB 2312 forms whose Traditional forms differ).
const HANS_PROBE: &str = "这们说时发过还关门问题会对区办实认学习观动";
/// Characters only a Traditional face draws (Big5 forms of the same words).
const HANT_PROBE: &str = "這們說時發過還關門問題會對區辦實認學習觀動";

/// How many times each character occurs in a document's text.
#[derive(Debug, Default)]
pub struct Counts(HashMap<char, usize>);

impl Counts {
    /// Counts the characters of `text`.
    pub fn of(text: &str) -> Counts {
        let mut counts = HashMap::new();
        for c in text.chars().filter(|&c| super::coverage::drawn(c)) {
            *counts.entry(c).or_insert(0) += 1;
        }
        Counts(counts)
    }

    fn get(&self, c: char) -> usize {
        self.0.get(&c).copied().unwrap_or(1)
    }
}

/// A role whose first choice did not fit the document: what it lacks, and what draws it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// The roles (one face that does not fit may serve several).
    pub roles: Vec<Role>,
    /// The face that did not fit.
    pub face: String,
    /// Where it comes from.
    pub source: String,
    /// Whether its script is not the document's.
    pub wrong_script: bool,
    /// The characters of the role's text it lacks, in code point order.
    pub lacks: Vec<char>,
    /// How often they occur.
    pub occurrences: usize,
    /// The face that draws the role instead (`replaced`) or draws what it lacks.
    pub other: String,
    /// True when `other` draws the whole role; false when the face serves the role and `other`
    /// draws the characters it lacks (the text is then drawn in two faces: `--strict` fails).
    pub replaced: bool,
    /// The document's script.
    pub script: Script,
}

impl fmt::Display for Misfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 20;
        let mut list: String = self.lacks.iter().take(SHOWN).collect();
        if self.lacks.len() > SHOWN {
            list.push('…');
        }
        let n = self.lacks.len();
        let roles: Vec<&str> = self.roles.iter().map(|r| r.name()).collect();
        write!(
            f,
            "font role{} {}: {} ({}) ",
            plural(roles.len()),
            roles.join(", "),
            self.face,
            self.source
        )?;
        if self.wrong_script {
            write!(f, "is not a {} face; it ", script_name(self.script))?;
        }
        write!(
            f,
            "lacks {n} character{} of the text it draws ({} occurrence{} in the document)",
            plural(n),
            self.occurrences,
            plural(self.occurrences)
        )?;
        if n > 0 {
            write!(f, ": {list}")?;
        }
        if self.replaced {
            write!(f, "; {} draws the role instead", self.other)?;
        } else {
            write!(
                f,
                "; {} draws {}",
                self.other,
                if n == 1 { "it" } else { "them" }
            )?;
        }
        if let Some(hint) = self.roles.iter().find_map(|&r| hint(r, self.script)) {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn script_name(script: Script) -> &'static str {
    match script {
        Script::Hans => "Simplified Chinese",
        Script::Hant => "Traditional Chinese",
        Script::Japanese => "Japanese",
        Script::Korean => "Korean",
    }
}

/// What to install or give instead, where the free faces do not serve a role.
pub(super) fn hint(role: Role, script: Script) -> Option<&'static str> {
    match (role, script) {
        (Role::FangSong, Script::Hans) => Some(
            "no free Simplified 仿宋 is packaged for Debian: --font fangsong=FILE with 仿宋_GB2312 or FandolFang (CTAN fandol)",
        ),
        (Role::Kai, Script::Hans) => {
            Some("fonts-lxgw-wenkai supplies a Simplified 楷体, or --font kai=FILE")
        }
        _ => None,
    }
}

/// Which scripts a face is made for: its name says so (`… SC`, `… TW`), else the forms it covers.
fn scripts(face: &super::Face) -> (bool, bool) {
    let name = face.family.to_ascii_lowercase();
    let words: Vec<&str> = name.split([' ', '-', '_']).collect();
    let says = |marks: &[&str]| words.iter().any(|w| marks.contains(w));
    if says(&["sc", "cn", "gb", "hans", "gb2312"]) || face.family.contains('简') {
        return (true, false);
    }
    if says(&["tc", "tw", "hk", "hant", "big5", "mbe"]) || face.family.contains('繁') {
        return (false, true);
    }
    let covers = |probe: &str| probe.chars().all(|c| face.covers(c));
    (covers(HANS_PROBE), covers(HANT_PROBE))
}

/// Whether a face is made for `script`.
fn has_script(face: &super::Face, script: Script) -> bool {
    match script {
        Script::Hans => scripts(face).0,
        Script::Hant => scripts(face).1,
        Script::Japanese => face.covers('あ') && face.covers('ア'),
        Script::Korean => face.covers('한') && face.covers('글'),
    }
}

/// How a candidate face meets a role's text.
struct Score {
    id: FaceId,
    script: bool,
    lacks: Vec<char>,
    occurrences: usize,
}

impl Score {
    fn fits(&self, drawn: usize) -> bool {
        self.script && self.occurrences <= RARE_MIN.max(drawn / RARE_SHARE)
    }
}

impl FontSet {
    /// Puts first in each role's chain the first candidate that fits the document (the faces
    /// found for the role, then the bundled face; faces given for the role stay first), and
    /// returns a [`Misfit`] for every role whose first choice did not fit. `usage` says which
    /// characters each role draws, `counts` how often they occur.
    pub fn fit(&mut self, usage: &Usage, counts: &Counts) -> Vec<Misfit> {
        let mut misfits = Vec::new();
        for role in Role::ALL {
            let chars: Vec<char> = {
                let mut set = super::coverage::CharSet::default();
                for bold in [false, true] {
                    for c in usage.chars(role, bold) {
                        set.insert(c);
                    }
                }
                set.iter().filter(|&c| super::coverage::drawn(c)).collect()
            };
            if chars.is_empty() {
                continue;
            }
            let drawn: usize = chars.iter().map(|&c| counts.get(c)).sum();
            let head = self.primary(role, false);
            let given = matches!(self.origins[head.0], Origin::Given(_));
            let candidates: Vec<FaceId> = if given {
                vec![head]
            } else {
                self.chain(role, false)
                    .iter()
                    .copied()
                    .take_while(|&id| self.origins[id.0] == Origin::Found)
                    .chain(std::iter::once(self.bundled_for(role)))
                    .collect()
            };
            if candidates.len() == 1 && self.origins[candidates[0].0] == Origin::Bundled {
                // Nothing to choose; what no face covers is `missing`'s report.
                continue;
            }
            let scores: Vec<Score> = candidates
                .iter()
                .map(|&id| {
                    let face = self.face(id);
                    let lacks: Vec<char> =
                        chars.iter().copied().filter(|&c| !face.covers(c)).collect();
                    Score {
                        id,
                        script: has_script(face, self.script),
                        occurrences: lacks.iter().map(|&c| counts.get(c)).sum(),
                        lacks,
                    }
                })
                .collect();
            let chosen = scores.iter().find(|s| s.fits(drawn)).unwrap_or_else(|| {
                // None fits: the face of the document's script that lacks least.
                scores
                    .iter()
                    .min_by_key(|s| (!s.script, s.occurrences))
                    .unwrap_or(&scores[0])
            });
            let first = &scores[0];
            if chosen.id != head {
                self.put_first(role, chosen.id);
            }
            if first.id != chosen.id || !chosen.fits(drawn) {
                let shown = if first.id != chosen.id { first } else { chosen };
                let other = if first.id != chosen.id {
                    chosen.id
                } else {
                    // The face that draws the most of what it lacks.
                    let mut by: HashMap<FaceId, usize> = HashMap::new();
                    for &c in &chosen.lacks {
                        if let Some(id) = self.pick(role, false, c) {
                            *by.entry(id).or_default() += counts.get(c);
                        }
                    }
                    let mut by: Vec<_> = by.into_iter().collect();
                    by.sort_by_key(|&(id, n)| (std::cmp::Reverse(n), id));
                    by.first().map_or(chosen.id, |&(id, _)| id)
                };
                let other_face = self.face(other);
                let face = self.face(shown.id);
                let misfit = Misfit {
                    roles: vec![role],
                    face: face.family.clone(),
                    source: face.source.to_string(),
                    wrong_script: !shown.script,
                    lacks: shown.lacks.clone(),
                    occurrences: shown.occurrences,
                    other: if other_face.source == Source::Bundled {
                        format!("{} (bundled)", other_face.family)
                    } else {
                        format!("{} ({})", other_face.family, other_face.source)
                    },
                    replaced: first.id != chosen.id,
                    script: self.script,
                };
                // One warning for a face that fails several roles the same way.
                match misfits.iter_mut().find(|m: &&mut Misfit| {
                    (&m.face, &m.source, &m.lacks, &m.other, m.replaced)
                        == (
                            &misfit.face,
                            &misfit.source,
                            &misfit.lacks,
                            &misfit.other,
                            misfit.replaced,
                        )
                }) {
                    Some(same) => same.roles.push(role),
                    None => misfits.push(misfit),
                }
            }
        }
        misfits
    }

    /// The bundled face a role falls back to: the Bold for a role drawn bold by default.
    fn bundled_for(&self, role: Role) -> FaceId {
        let bundled = self
            .origins
            .iter()
            .position(|&o| o == Origin::Bundled)
            .map(FaceId)
            .unwrap_or(FaceId(0));
        if role.bold_by_default() {
            FaceId(bundled.0 + 1)
        } else {
            bundled
        }
    }

    /// Moves `id` to the front of a role's regular chain and its family's bold (or `id` itself;
    /// the bundled Bold for the bundled face) to the front of the bold chain.
    fn put_first(&mut self, role: Role, id: FaceId) {
        let family = self.face(id).family.clone();
        let bold = if self.origins[id.0] == Origin::Bundled {
            let regular = self.bundled_for(Role::Body);
            FaceId(regular.0 + 1)
        } else {
            self.chain(role, true)
                .iter()
                .copied()
                .find(|&b| self.face(b).family == family && self.face(b).bold)
                .unwrap_or(id)
        };
        for (weight, first) in [(0, id), (1, bold)] {
            let chain = &mut self.chains[role.index()][weight];
            chain.retain(|&c| c != first);
            chain.insert(0, first);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rare_share_allows_a_handful() {
        let score = |script, occurrences| Score {
            id: FaceId(0),
            script,
            lacks: Vec::new(),
            occurrences,
        };
        assert!(score(true, 3).fits(100));
        assert!(!score(true, 4).fits(100));
        assert!(score(true, 200).fits(400_000));
        assert!(!score(true, 1_339).fits(400_000));
        assert!(!score(false, 0).fits(100));
    }

    #[test]
    fn the_bundled_face_is_simplified() {
        let fonts = FontSet::bundled().unwrap();
        let face = fonts.face(fonts.primary(Role::Body, false));
        assert!(has_script(face, Script::Hans));
        assert!(!has_script(face, Script::Hant));
        assert!(!has_script(face, Script::Korean));
    }

    #[test]
    fn a_misfit_names_role_face_counts_and_the_other_face() {
        let misfit = Misfit {
            roles: vec![Role::FangSong],
            face: "cwTeXFangSong".into(),
            source: "cwfs.ttf".into(),
            wrong_script: true,
            lacks: "区办".chars().collect(),
            occurrences: 7,
            other: "Noto Serif SC (bundled)".into(),
            replaced: true,
            script: Script::Hans,
        };
        let text = misfit.to_string();
        assert!(
            text.starts_with("font role fangsong: cwTeXFangSong (cwfs.ttf) is not a Simplified Chinese face; it lacks 2 characters of the text it draws (7 occurrences in the document): 区办; Noto Serif SC (bundled) draws the role instead"),
            "{text}"
        );
        assert!(text.contains("no free Simplified 仿宋"), "{text}");
    }
}
