//! Link targets every output may carry as live links: `http:`, `https:`, `mailto:` and links
//! inside the document (`#id`). Anything else — `javascript:`, `vbscript:`, `data:`, `file:`,
//! relative paths that lead nowhere in a self-contained file, and every disguise of them (mixed
//! case, character references, leading whitespace or controls, full-width letters) — becomes its
//! link text, with a warning. A whitelist rather than a blacklist: a spelling nobody thought of
//! is refused too.

use crate::Warning;
use crate::model::{Document, Inline, plain_text, visit_inline_lists_mut};

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
    if url.starts_with('#') {
        return true;
    }
    let head = url.get(..7).unwrap_or(url).to_ascii_lowercase();
    SCHEMES.iter().any(|s| head.starts_with(s))
}

/// Replaces every link whose target is not `safe` by its text (or its target as text when it
/// has none), with a warning naming the target.
pub fn sanitize(doc: &mut Document, warnings: &mut Vec<Warning>) {
    visit_inline_lists_mut(doc, &mut |list| {
        if !list
            .iter()
            .any(|i| matches!(i, Inline::Link { url, .. } if !safe(url)))
        {
            return;
        }
        let mut out = Vec::with_capacity(list.len());
        for inline in std::mem::take(list) {
            match inline {
                Inline::Link { url, inlines } if !safe(&url) => {
                    warnings.push(Warning::warn(format!(
                        "link target {} is not http(s), mailto or in the document; kept as text",
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
        ] {
            assert!(!safe(url), "{url:?}");
        }
    }
}
