//! Which standards a PDF claims (`--pdf-standard`), and what keeps a document from meeting them.
//! The file is tagged and carries its output intent whatever is claimed; the claim is only the
//! identification in the XMP packet (ISO 19005-2 §6.6.4, ISO 14289-1 §5), and it is never made
//! for a document that cannot meet it.

use std::fmt;
use std::str::FromStr;

/// The standards a PDF claims to conform to. The default is both, as typst's `--pdf-standard`
/// takes a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standards {
    /// PDF/UA-1 (ISO 14289-1): accessible, tagged.
    pub ua1: bool,
    /// PDF/A-2u (ISO 19005-2, level U): archival, every character with its Unicode value.
    pub a2u: bool,
}

impl Default for Standards {
    fn default() -> Standards {
        Standards {
            ua1: true,
            a2u: true,
        }
    }
}

impl FromStr for Standards {
    type Err = String;

    fn from_str(s: &str) -> Result<Standards, String> {
        let mut out = Standards {
            ua1: false,
            a2u: false,
        };
        for part in s.split(',').map(|p| p.trim().to_ascii_lowercase()) {
            match part.as_str() {
                "ua-1" => out.ua1 = true,
                "a-2u" => out.a2u = true,
                "none" if !s.contains(',') => {}
                _ => {
                    return Err(format!(
                        "unknown PDF standard `{part}` (expected none, ua-1, a-2u or ua-1,a-2u)"
                    ));
                }
            }
        }
        Ok(out)
    }
}

impl fmt::Display for Standards {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match (self.ua1, self.a2u) {
            (true, true) => "ua-1,a-2u",
            (true, false) => "ua-1",
            (false, true) => "a-2u",
            (false, false) => "none",
        })
    }
}

/// What keeps the document from conforming, by standard, found while writing it.
#[derive(Debug, Default)]
pub(super) struct Obstacles {
    /// Against PDF/UA-1.
    pub ua1: Vec<String>,
    /// Against PDF/A-2u.
    pub a2u: Vec<String>,
}

impl Obstacles {
    /// The standards of `asked` that the document meets, and a warning for each one it does not.
    pub fn claims(&self, asked: Standards) -> (Standards, Vec<String>) {
        let mut warnings = Vec::new();
        let mut check = |asked: bool, obstacles: &[String], name: &str| {
            if asked && !obstacles.is_empty() {
                warnings.push(format!(
                    "pdf: not claiming {name}: {}",
                    obstacles.join("; ")
                ));
            }
            asked && obstacles.is_empty()
        };
        let ua1 = check(asked.ua1, &self.ua1, "PDF/UA-1");
        let a2u = check(asked.a2u, &self.a2u, "PDF/A-2u");
        (Standards { ua1, a2u }, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_takes_a_list_or_none() {
        assert_eq!("ua-1,a-2u".parse::<Standards>(), Ok(Standards::default()));
        assert_eq!(
            " A-2u ".parse::<Standards>(),
            Ok(Standards {
                ua1: false,
                a2u: true
            })
        );
        let none = "none".parse::<Standards>().unwrap();
        assert!(!none.ua1 && !none.a2u);
        assert_eq!(none.to_string(), "none");
        assert!("pdf/x".parse::<Standards>().is_err());
        assert!("none,ua-1".parse::<Standards>().is_err());
        assert!("".parse::<Standards>().is_err());
    }

    #[test]
    fn an_obstacle_drops_only_its_claim_and_says_why() {
        let obstacles = Obstacles {
            ua1: Vec::new(),
            a2u: vec!["a CMYK image".into()],
        };
        let (claims, warnings) = obstacles.claims(Standards::default());
        assert!(claims.ua1 && !claims.a2u);
        assert_eq!(warnings, ["pdf: not claiming PDF/A-2u: a CMYK image"]);
        let (claims, warnings) = obstacles.claims(Standards {
            ua1: true,
            a2u: false,
        });
        assert!(claims.ua1 && !claims.a2u && warnings.is_empty());
    }
}
