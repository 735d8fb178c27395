//! Inline clean-up shared by the readers: soft line breaks between CJK characters, adjacent text
//! merged, and `**强调**` that CommonMark's flanking rules leave unparsed next to CJK punctuation.

use unicode_width::UnicodeWidthChar;

use crate::model::Inline;

/// The marker a reader puts where the source had a soft line break.
pub const SOFT_BREAK: &str = "\n";

/// Whether `c` counts as East Asian for the segment-break rule of CSS Text 3 §4.1.3: East Asian
/// Width F, W or H, not Hangul. Quotation marks, the ellipsis and the dash are ambiguous (A) in
/// Unicode but full-width in Chinese text, so they count too.
pub fn is_east_asian(c: char) -> bool {
    let hangul = matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{A960}'..='\u{A97F}' | '\u{AC00}'..='\u{D7FF}' | '\u{FFA0}'..='\u{FFDC}');
    if hangul {
        return false;
    }
    c.width() == Some(2)
        || matches!(
            c,
            '\u{FF61}'..='\u{FF9F}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·'
        )
}

/// Finishes the inlines of one block: merges adjacent text, resolves soft breaks (gone between two
/// East Asian characters, a space elsewhere), recovers CJK emphasis and drops empty text.
pub fn finish(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut inlines = merge(inlines);
    resolve_soft_breaks(&mut inlines);
    let inlines = merge(inlines);
    cjk_emphasis(inlines)
}

fn merge(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let inline = match inline {
            Inline::Emph(c) => Inline::Emph(merge(c)),
            Inline::Strong(c) => Inline::Strong(merge(c)),
            Inline::Strike(c) => Inline::Strike(merge(c)),
            Inline::Link { url, inlines } => Inline::Link {
                url,
                inlines: merge(inlines),
            },
            Inline::Text(t) if t.is_empty() => continue,
            other => other,
        };
        match (out.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(t)) => prev.push_str(&t),
            (_, inline) => out.push(inline),
        }
    }
    out
}

/// Every text string of the inlines in reading order; `None` for a non-text inline (code, an
/// image, a note mark).
fn texts<'a>(inlines: &'a mut [Inline], out: &mut Vec<Option<&'a mut String>>) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push(Some(t)),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => texts(c, out),
            Inline::Link { inlines, .. } => texts(inlines, out),
            // A ruby's neighbours are its base's characters: no space between `汉` and `{字|zì}`.
            Inline::Ruby { base, .. } => out.push(Some(base)),
            // Opaque neighbours: a soft break next to them is a space.
            _ => out.push(None),
        }
    }
}

fn resolve_soft_breaks(inlines: &mut [Inline]) {
    let mut parts = Vec::new();
    texts(inlines, &mut parts);
    if !parts.iter().flatten().any(|t| t.contains(SOFT_BREAK)) {
        return;
    }
    // Neighbouring characters across part boundaries.
    // An opaque inline counts as a non-East-Asian neighbour (U+FFFC OBJECT REPLACEMENT CHARACTER).
    let firsts: Vec<Option<char>> = parts
        .iter()
        .map(|p| p.as_ref().map_or(Some('\u{FFFC}'), |t| t.chars().next()))
        .collect();
    let lasts: Vec<Option<char>> = parts
        .iter()
        .map(|p| {
            p.as_ref()
                .map_or(Some('\u{FFFC}'), |t| t.chars().next_back())
        })
        .collect();
    for i in 0..parts.len() {
        let Some(text) = parts[i].as_deref_mut() else {
            continue;
        };
        if !text.contains(SOFT_BREAK) {
            continue;
        }
        let before = (i > 0).then(|| lasts[i - 1]).flatten();
        let after = firsts.get(i + 1).copied().flatten();
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        for (j, &c) in chars.iter().enumerate() {
            if c != '\n' {
                out.push(c);
                continue;
            }
            let prev = if j == 0 { before } else { Some(chars[j - 1]) };
            let next = chars.get(j + 1).copied().or(after);
            match (prev, next) {
                (Some(p), Some(n)) if is_east_asian(p) && is_east_asian(n) => {}
                (None, _) | (_, None) => {}
                _ => out.push(' '),
            }
        }
        *text = out;
    }
}

/// Turns `**…**` and `*…*` left as literal text into strong and emphasis when they touch CJK text:
/// CommonMark's flanking rules do not see `**“重要”**是` as emphasis because a closing delimiter
/// after punctuation must be followed by whitespace or punctuation.
fn cjk_emphasis(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Text(t) if t.contains('*') => split_emphasis(&t, &mut out),
            Inline::Emph(c) => out.push(Inline::Emph(cjk_emphasis(c))),
            Inline::Strong(c) => out.push(Inline::Strong(cjk_emphasis(c))),
            Inline::Strike(c) => out.push(Inline::Strike(cjk_emphasis(c))),
            Inline::Link { url, inlines } => out.push(Inline::Link {
                url,
                inlines: cjk_emphasis(inlines),
            }),
            other => out.push(other),
        }
    }
    out
}

fn split_emphasis(text: &str, out: &mut Vec<Inline>) {
    let mut rest = text;
    let mut plain = String::new();
    while let Some(start) = rest.find('*') {
        let delim = if rest[start..].starts_with("**") {
            2
        } else {
            1
        };
        let inner_start = start + delim;
        let closing = rest[inner_start..]
            .find(&"**"[..delim])
            .map(|i| inner_start + i);
        let accepted = closing.filter(|&end| {
            let inner = &rest[inner_start..end];
            !inner.is_empty()
                && !inner.contains('*')
                && !inner.starts_with(char::is_whitespace)
                && !inner.ends_with(char::is_whitespace)
                && (inner.chars().any(is_east_asian)
                    || rest[end + delim..]
                        .chars()
                        .next()
                        .is_some_and(is_east_asian)
                    || rest[..start].chars().next_back().is_some_and(is_east_asian))
        });
        match accepted {
            Some(end) => {
                plain.push_str(&rest[..start]);
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                let inner = vec![Inline::Text(rest[inner_start..end].to_owned())];
                out.push(if delim == 2 {
                    Inline::Strong(inner)
                } else {
                    Inline::Emph(inner)
                });
                rest = &rest[end + delim..];
            }
            None => {
                plain.push_str(&rest[..inner_start]);
                rest = &rest[inner_start..];
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn soft_breaks_vanish_between_cjk_only() {
        let got = finish(vec![t("学习"), t("\n"), t("实践"), t("\n"), t("and more")]);
        assert_eq!(got, vec![t("学习实践 and more")]);
        assert_eq!(finish(vec![t("hello\nworld")]), vec![t("hello world")]);
        assert_eq!(finish(vec![t("中文\nEnglish")]), vec![t("中文 English")]);
        assert_eq!(finish(vec![t("“引号”\n之后")]), vec![t("“引号”之后")]);
        // Hangul keeps the space (CSS Text 3).
        assert_eq!(finish(vec![t("한국\n어")]), vec![t("한국 어")]);
        let across = finish(vec![
            Inline::Strong(vec![t("重要")]),
            t("\n"),
            Inline::Emph(vec![t("强调")]),
        ]);
        assert_eq!(
            across,
            vec![
                Inline::Strong(vec![t("重要")]),
                Inline::Emph(vec![t("强调")])
            ]
        );
    }

    #[test]
    fn cjk_emphasis_is_recovered() {
        assert_eq!(
            finish(vec![t("这是**“重要”**的")]),
            vec![t("这是"), Inline::Strong(vec![t("“重要”")]), t("的")]
        );
        // Arithmetic in Latin text stays text.
        assert_eq!(finish(vec![t("2*3*4 = 24")]), vec![t("2*3*4 = 24")]);
        assert_eq!(finish(vec![t("a ** b")]), vec![t("a ** b")]);
    }
}
