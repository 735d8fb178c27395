//! Raw HTML (`--raw-html`) that every format can carry: well-formed XHTML (EPUB 3.3 §6.1.4:
//! content documents are XML), made of the elements and attributes below only, with safe link
//! targets. Anything else — `<script>` (which would make the EPUB "scripted", OPF-014), form
//! controls, event handlers, `<style>`, unknown or namespaced elements, HTML-only syntax such
//! as `<br>` or `&nbsp;` — is kept as text, with a warning, so nothing is lost and nothing runs.

use quick_xml::events::Event;

use crate::error::Warning;
use crate::model::{Block, Document, Inline, visit_blocks_mut, visit_inline_lists_mut};
use crate::normalize::{chars, links};

/// Phrasing elements (HTML §3.2.5.2.5) a raw inline fragment may use.
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var", "wbr",
];

/// Flow elements a raw HTML block may use besides the phrasing ones.
const FLOW: &[&str] = &[
    "address",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements that hold phrasing content only (HTML §4: their content model), so no flow element
/// may open inside them.
const PHRASING_ONLY: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "summary"];

/// Elements that stand only inside one of the given parents (HTML §4, each element's
/// "contexts in which this element can be used").
const PARENTS: &[(&str, &[&str])] = &[
    ("li", &["ul", "ol"]),
    ("dt", &["dl"]),
    ("dd", &["dl"]),
    ("caption", &["table"]),
    ("thead", &["table"]),
    ("tbody", &["table"]),
    ("tfoot", &["table"]),
    ("tr", &["table", "thead", "tbody", "tfoot"]),
    ("td", &["tr"]),
    ("th", &["tr"]),
    ("summary", &["details"]),
    ("figcaption", &["figure"]),
    ("rt", &["ruby"]),
    ("rp", &["ruby"]),
];

/// Elements whose content is only the children their rules name: text in them is misplaced.
const NO_TEXT: &[&str] = &["ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"];

/// Void elements: nothing may stand inside them.
const VOID: &[&str] = &["br", "hr", "wbr"];

/// Attributes any of those elements may carry (`id` is left out: it could repeat a heading's).
const ATTRIBUTES: &[&str] = &[
    "class", "colspan", "datetime", "dir", "href", "lang", "rowspan", "style", "title",
];

/// Turns every raw HTML block and inline that is not `fit` into text, with a warning.
pub fn sanitize(doc: &mut Document, warnings: &mut Vec<Warning>) {
    visit_blocks_mut(doc, &mut |b| {
        if let Block::Html { text } = b
            && let Err(why) = fit(text, false)
        {
            warnings.push(Warning::warn(format!("raw HTML block kept as text: {why}")));
            *b = Block::Paragraph {
                inlines: vec![Inline::Text(std::mem::take(text))],
            };
        }
    });
    visit_inline_lists_mut(doc, &mut |list| {
        if !list.iter().any(|i| matches!(i, Inline::Html(_))) {
            return;
        }
        // Inline tags come one by one: check them together, in the order they stand, with
        // the text between them escaped and any nested element as plain text.
        let mut joined = String::new();
        for i in list.iter() {
            match i {
                Inline::Html(h) => joined.push_str(h),
                _ => joined.push('x'),
            }
        }
        if let Err(why) = fit(&joined, true) {
            warnings.push(Warning::warn(format!(
                "raw inline HTML kept as text: {why}"
            )));
            for i in list.iter_mut() {
                if let Inline::Html(h) = i {
                    *i = Inline::Text(std::mem::take(h));
                }
            }
        }
    });
}

/// Whether `html` is a well-formed fragment of allowed elements and attributes (`inline`: of
/// phrasing elements only), each where HTML's content models let it stand, so that the page
/// passes the Nu checker and the EPUB EPUBCheck; the error says what is not.
pub fn fit(html: &str, inline: bool) -> Result<(), String> {
    let wrapped = format!("<div>{html}</div>");
    let mut reader = quick_xml::Reader::from_str(&wrapped);
    reader.config_mut().check_end_names = true;
    // The open elements, outermost first; the wrapper is the first.
    let mut open: Vec<String> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not well-formed XHTML ({e})"))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.name().as_ref().to_owned();
                let allowed = PHRASING.contains(&name.as_str())
                    || (!inline && FLOW.contains(&name.as_str()))
                    || (open.is_empty() && name == "div");
                if !allowed {
                    return Err(format!("element <{name}> is not allowed"));
                }
                if let Some(parent) = open.last() {
                    placed(&name, parent, &open)?;
                }
                if matches!(event, Event::Start(_)) {
                    open.push(name.clone());
                }
                for a in e.attributes() {
                    let a = a.map_err(|e| format!("bad attribute ({e})"))?;
                    let key = a.key.as_ref().to_ascii_lowercase();
                    if !ATTRIBUTES.contains(&key.as_str()) {
                        return Err(format!("attribute `{key}` is not allowed"));
                    }
                    let value = quick_xml::escape::unescape(&a.value)
                        .map_err(|e| format!("bad attribute value ({e})"))?;
                    if key == "href" && !links::safe(&value) {
                        return Err(format!("link target {value:?} is not allowed"));
                    }
                    if key == "style" && loads(&value) {
                        return Err("a style that loads a resource is not allowed".into());
                    }
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                let text = quick_xml::escape::unescape(&t)
                    .map_err(|e| format!("not well-formed XHTML ({e})"))?;
                if let Some(parent) = open.last()
                    && (NO_TEXT.contains(&parent.as_str()) || VOID.contains(&parent.as_str()))
                    && !text.trim().is_empty()
                {
                    return Err(format!("text directly inside <{parent}>"));
                }
            }
            Event::GeneralRef(r) => {
                let name = r.as_ref().to_owned();
                let ok = match name.strip_prefix('#') {
                    Some(code) => match code.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => code.parse().ok(),
                    }
                    .and_then(char::from_u32)
                    .is_some_and(chars::allowed),
                    None => matches!(name.as_str(), "amp" | "lt" | "gt" | "quot" | "apos"),
                };
                if !ok {
                    return Err(format!("reference &{name}; is not allowed in XML"));
                }
            }
            // quick-xml does not itself fault elements left open at the end.
            Event::Eof if open.is_empty() => return Ok(()),
            Event::Eof => return Err(format!("element <{}> is not closed", open[open.len() - 1])),
            Event::Comment(_) => {}
            // Outside SVG and MathML an HTML parser reads `<![CDATA[…]]>` as a comment: the
            // text in it would vanish from the HTML page while the EPUB shows it.
            Event::CData(_) => return Err("a CDATA section is not HTML".into()),
            Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {
                return Err("declarations and processing instructions are not allowed".into());
            }
        }
    }
}

/// Whether a `style` attribute could make the page fetch something: `url(…)` or an image
/// function (`image-set`, `-webkit-image-set`, `image()`, `cross-fade`, `element()`), `@import`,
/// or any CSS escape (`u\rl(`, `\75rl(`), which would spell them past this check
/// (CSS Syntax 3 §4.3.7: an escape may stand for any letter).
fn loads(style: &str) -> bool {
    let lower = style.to_ascii_lowercase();
    lower.contains('\\')
        || lower.contains('@')
        || ["url(", "image", "cross-fade", "element(", "src("]
            .iter()
            .any(|f| lower.contains(f))
}

/// Whether element `name` may open inside `parent` (with `open` the elements around it).
fn placed(name: &str, parent: &str, open: &[String]) -> Result<(), String> {
    let misplaced = || Err(format!("<{name}> cannot stand inside <{parent}>"));
    if let Some((_, parents)) = PARENTS.iter().find(|(n, _)| *n == name) {
        if !parents.contains(&parent) {
            return misplaced();
        }
    } else if let Some((_, children)) = [
        ("ul", &["li"][..]),
        ("ol", &["li"]),
        ("dl", &["dt", "dd"]),
        ("table", &["caption", "thead", "tbody", "tfoot", "tr"]),
        ("tr", &["td", "th"]),
        ("ruby", &[]),
    ]
    .iter()
    .find(|(p, _)| *p == parent)
        && !children.contains(&name)
        && !(parent == "ruby" && PHRASING.contains(&name))
    {
        return misplaced();
    }
    let phrasing_only =
        PHRASING_ONLY.contains(&parent) || PHRASING.contains(&parent) && parent != "ruby";
    if VOID.contains(&parent) || phrasing_only && !PHRASING.contains(&name) {
        return misplaced();
    }
    // Interactive content may not nest (HTML §4.5.1: `a` has no interactive descendant).
    if matches!(name, "a" | "details") && open.iter().any(|o| o == "a") {
        return misplaced();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_plain_markup_fits() {
        assert_eq!(
            fit("<div class=\"x\"><p>段<b>落</b><br/></p></div>", false),
            Ok(())
        );
        assert_eq!(fit("<span title=\"a&amp;b\">文</span>", true), Ok(()));
        assert_eq!(fit("<a href=\"https://example.com\">链</a>", true), Ok(()));
        assert_eq!(
            fit(
                "<table><tbody><tr><td><ul><li><p>格</p></li></ul></td></tr></tbody></table>",
                false
            ),
            Ok(())
        );
        assert_eq!(
            fit(
                "<details><summary>概</summary><dl><dt>甲</dt><dd>乙</dd></dl></details>",
                false
            ),
            Ok(())
        );
        assert_eq!(fit("<ruby>汉<rt>hàn</rt></ruby>", true), Ok(()));
        assert_eq!(
            fit("<p style=\"color: #c00; text-align: center\">红</p>", false),
            Ok(())
        );
    }

    #[test]
    fn scripts_forms_handlers_and_html_only_syntax_do_not() {
        for (html, inline) in [
            ("<script>alert(1)</script>", false),
            ("<SCRIPT>alert(1)</SCRIPT>", false),
            ("<p onclick=\"alert(1)\">x</p>", false),
            ("<form><input/></form>", false),
            ("<a href=\"javascript:alert(1)\">x</a>", true),
            ("<a href=\"&#106;avascript:alert(1)\">x</a>", true),
            ("<svg><script>alert(1)</script></svg>", false),
            ("<style>p{}</style>", false),
            ("<p>a<br>b</p>", false),
            ("<p>&nbsp;</p>", false),
            ("<div>x</div>", true),
            ("<x:y>z</x:y>", false),
            ("<p xmlns=\"urn:x\">z</p>", false),
            ("<b>", true),
            ("<p>&#12;</p>", false),
            ("<![CDATA[文]]>", true),
            ("<div>", false),
            ("<div><p>x</p>", false),
            ("<p><div>x</div></p>", false),
            ("<li>x</li>", false),
            ("<ul>x<li>y</li></ul>", false),
            ("<ul><p>x</p></ul>", false),
            ("<table><td>x</td></table>", false),
            ("<b><p>x</p></b>", false),
            ("<a href=\"#x\"><a href=\"#y\">z</a></a>", true),
            ("<summary>x</summary>", false),
            ("<hr>x</hr>", false),
            (
                "<p style=\"background:u\\rl(http://x/a.png)\">甲</p>",
                false,
            ),
            (
                "<p style=\"background:\\75rl(http://x/a.png)\">乙</p>",
                false,
            ),
            (
                "<p style=\"background:image-set('http://x/a.png' 1x)\">丙</p>",
                false,
            ),
            (
                "<p style=\"background:-webkit-image-set('http://x/a.png' 1x)\">丁</p>",
                false,
            ),
        ] {
            assert!(fit(html, inline).is_err(), "{html}");
        }
    }
}
