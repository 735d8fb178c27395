//! The document language as a well-formed BCP 47 tag (RFC 5646 §2.1), since it is written into
//! `xml:lang`, `dc:language`, `w:lang` and the PDF's `/Lang`, where a malformed tag makes the
//! output invalid (EPUBCheck OPF-092).

/// `tag` as a well-formed language tag: trimmed, `_` read as `-` (`zh_CN`, as locales write it);
/// `None` when it is not one.
pub fn tag(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    let mut subtags = tag.split('-');
    let primary = subtags.next()?;
    // Primary language: 2–3 letters (ISO 639), or 5–8 registered ones; `x` starts a private tag.
    let primary_ok = primary.chars().all(|c| c.is_ascii_alphabetic())
        && (matches!(primary.len(), 2 | 3 | 5..=8) || primary.eq_ignore_ascii_case("x"));
    let rest_ok = subtags
        .clone()
        .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    (primary_ok && rest_ok && (primary.len() > 1 || subtags.next().is_some())).then_some(tag)
}

/// The writing system a document's language is written in: what its faces (`font::roles`) and
/// the words cjkpress writes (`style::plan`) follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Simplified Chinese (`zh`, `zh-Hans`, `zh-CN`…): the bundled face's own script.
    Hans,
    /// Traditional Chinese (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`, `yue`).
    Hant,
    /// Korean (`ko`).
    Korean,
    /// Japanese (`ja`).
    Japanese,
}

impl Script {
    /// The script of a BCP 47 tag; anything not Traditional, Korean or Japanese is Simplified.
    pub fn of(lang: &str) -> Script {
        let lower = lang.to_ascii_lowercase();
        let mut parts = lower.split(['-', '_']);
        let rest: Vec<&str> = parts.clone().skip(1).collect();
        match parts.next() {
            Some("ko") => Script::Korean,
            Some("ja") => Script::Japanese,
            Some("zh" | "yue" | "cmn" | "lzh") => {
                // RFC 5646: an explicit script subtag wins over the region.
                if rest.contains(&"hans") {
                    Script::Hans
                } else if rest.contains(&"hant")
                    || rest.iter().any(|p| matches!(*p, "tw" | "hk" | "mo"))
                    || lower.starts_with("yue")
                {
                    Script::Hant
                } else {
                    Script::Hans
                }
            }
            _ => Script::Hans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_from_tags() {
        for (tag, script) in [
            ("zh-Hans", Script::Hans),
            ("zh", Script::Hans),
            ("zh-CN", Script::Hans),
            ("zh-Hant", Script::Hant),
            ("zh-TW", Script::Hant),
            ("zh-Hant-HK", Script::Hant),
            ("zh-Hans-HK", Script::Hans),
            ("yue", Script::Hant),
            ("ko-KR", Script::Korean),
            ("ja", Script::Japanese),
            ("en", Script::Hans),
        ] {
            assert_eq!(Script::of(tag), script, "{tag}");
        }
    }

    #[test]
    fn well_formed_tags_pass_and_garbage_does_not() {
        assert_eq!(tag(" zh-Hant ").as_deref(), Some("zh-Hant"));
        assert_eq!(tag("zh_CN").as_deref(), Some("zh-CN"));
        assert_eq!(tag("x-klingon").as_deref(), Some("x-klingon"));
        assert_eq!(tag("yue-Hant-HK").as_deref(), Some("yue-Hant-HK"));
        for bad in [
            "",
            "中文",
            "zh--CN",
            "\"><x",
            "z",
            "zh-toolongsubtag",
            "en US",
            "x",
        ] {
            assert_eq!(tag(bad), None, "{bad:?}");
        }
    }
}
