//! Link targets every output may carry as live links: `http:`, `https:`, `mailto:` and links
//! inside the document (`#id`). Anything else — `javascript:`, `vbscript:`, `data:`, `file:`,
//! relative paths that lead nowhere in a self-contained file, and every disguise of them (mixed
//! case, character references, leading whitespace or controls, full-width letters) — becomes its
//! link text, with a warning. A whitelist rather than a blacklist: a spelling nobody thought of
//! is refused too.

use crate::error::Warning;
use crate::model::{Document, Inline, plain_text, visit_blocks_mut, visit_inline_lists_mut};

/// Schemes a link may have, lowercase, with their colon.
const SCHEMES: [&str; 3] = ["http:", "https:", "mailto:"];

/// Whether `url` may be written as a live link.
pub fn safe(url: &str) -> bool {
    // Browsers strip leading C0 controls and spaces and drop tab and newline anywhere in a URL
    // (WHATWG URL §4.4): a target that has any of them is a disguise, never needed.
    if url
        .chars()
        .any(|c| c.is_ascii_whitespace() || c.is_control())
    {
        return false;
    }
    let head = url.get(..7).unwrap_or(url).to_ascii_lowercase();
    (url.starts_with('#') || SCHEMES.iter().any(|s| head.starts_with(s))) && valid(url)
}

/// Whether `url` parses as a URL without a syntax violation (WHATWG URL §4.4: what validators
/// such as the Nu checker and EPUBCheck report: `http:javascript:…` without `//`, `%zz`, a
/// `#` in the fragment, credentials, characters that are not URL code points). A fragment is
/// read against a placeholder base.
fn valid(url: &str) -> bool {
    let violations = std::cell::Cell::new(0);
    let note = |_| violations.set(violations.get() + 1);
    let base = url
        .starts_with('#')
        .then(|| url::Url::parse("http://x.invalid/").ok())
        .flatten();
    let parsed = url::Url::options()
        .base_url(base.as_ref())
        .syntax_violation_callback(Some(&note))
        .parse(url);
    // The Nu checker also refuses a domain with an empty label before the last (`a..com`).
    let empty_label = parsed
        .as_ref()
        .ok()
        .and_then(|u| u.domain())
        .is_some_and(|d| {
            let labels: Vec<&str> = d.split('.').collect();
            labels[..labels.len() - 1].iter().any(|l| l.is_empty())
        });
    // `mailto:` alone addresses nobody; EPUBCheck's schema refuses it (RSC-005).
    let nobody = parsed
        .as_ref()
        .is_ok_and(|u| u.scheme() == "mailto" && u.path().is_empty());
    parsed.is_ok() && violations.get() == 0 && !empty_label && !nobody
}

/// Replaces every link whose target is not `safe`, or names a heading the document does not
/// have (`#nowhere`: a dead link, and an error to EPUBCheck, RSC-012), by its text (or its
/// target as text when it has none), with a warning naming the target.
pub fn sanitize(doc: &mut Document, warnings: &mut Vec<Warning>) {
    let mut ids = std::collections::HashSet::new();
    visit_blocks_mut(doc, &mut |b| {
        if let Some((_, id, _)) = b.heading() {
            ids.insert(id.to_string());
        }
    });
    let live = |url: &str| safe(url) && url.strip_prefix('#').is_none_or(|id| ids.contains(id));
    visit_inline_lists_mut(doc, &mut |list| {
        if !list
            .iter()
            .any(|i| matches!(i, Inline::Link { url, .. } if !live(url)))
        {
            return;
        }
        let mut out = Vec::with_capacity(list.len());
        for inline in std::mem::take(list) {
            match inline {
                Inline::Link { url, inlines } if !live(&url) => {
                    let why = if safe(&url) {
                        "names no heading of the document"
                    } else {
                        "is not a well-formed http(s), mailto or in-document link"
                    };
                    warnings.push(Warning::warn(format!(
                        "link target {} {why}; kept as text",
                        shown(&url)
                    )));
                    if plain_text(&inlines).trim().is_empty() {
                        out.push(Inline::Text(url));
                    } else {
                        out.extend(inlines);
                    }
                }
                other => out.push(other),
            }
        }
        *list = out;
    });
}

/// A target as a warning shows it: escaped, at most 60 characters.
fn shown(url: &str) -> String {
    let short: String = url.chars().take(60).collect();
    let more = if short.len() < url.len() { "…" } else { "" };
    format!("{short:?}{more}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_fragment_links_are_safe() {
        for url in [
            "https://example.com/a?b#c",
            "HTTP://EXAMPLE.COM",
            "mailto:a@example.com",
            "#第一章",
            "https://zh.wikipedia.org/wiki/中文",
            "https://example.com/a%20b?q=1&r=2",
        ] {
            assert!(safe(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "ｊａｖａｓｃｒｉｐｔ：alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "//evil.example",
            "other.html",
            "",
            // Syntax violations, which the Nu checker and EPUBCheck report (fuzz findings).
            "http:javascript:alert(1)",
            "http://a.com/%zz",
            "http://[::1",
            "https:",
            "http://a.com:99999/",
            "http://a.com/{x}",
            "http://a.com/#a#b",
            "#a#b",
            "mailto:<x>",
            "http://user:pass@a.com",
            "http://a..com",
            "http://.a.com/",
            "mailto:",
        ] {
            assert!(!safe(url), "{url:?}");
        }
    }
}
