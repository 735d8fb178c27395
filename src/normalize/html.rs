//! Raw HTML (`--raw-html`) that every format can carry: well-formed XHTML (EPUB 3.3 §6.1.4:
//! content documents are XML), made of the elements and attributes below only, with safe link
//! targets. Anything else — `<script>` (which would make the EPUB "scripted", OPF-014), form
//! controls, event handlers, `<style>`, unknown or namespaced elements, HTML-only syntax such
//! as `<br>` or `&nbsp;` — is kept as text, with a warning, so nothing is lost and nothing runs.

mod attributes;

use quick_xml::events::{BytesStart, Event};

use crate::error::Warning;
use crate::model::{Block, Document, Inline, visit_blocks_mut, visit_inline_lists_mut};
use crate::normalize::chars;

/// Phrasing elements (HTML §3.2.5.2.5) a raw inline fragment may use.
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
    "var", "wbr",
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
];

/// Elements whose content is only the children their rules name: text in them is misplaced.
const NO_TEXT: &[&str] = &["ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"];

/// Void elements: nothing may stand inside them.
const VOID: &[&str] = &["br", "hr", "wbr"];

/// Elements that may not stand anywhere inside the given ones (HTML §4: "no … descendants").
const NOT_INSIDE: &[(&str, &[&str])] = &[
    (
        "address",
        &[
            "address", "aside", "section", "h1", "h2", "h3", "h4", "h5", "h6",
        ],
    ),
    (
        "th",
        &["aside", "section", "h1", "h2", "h3", "h4", "h5", "h6"],
    ),
    (
        "dt",
        &["aside", "section", "h1", "h2", "h3", "h4", "h5", "h6"],
    ),
    ("caption", &["table"]),
    ("dfn", &["dfn"]),
    // Interactive content may not nest (§4.5.1: `a` has no interactive descendant).
    ("a", &["a", "details"]),
];

/// An element open while the fragment is read: what its content model needs to know.
struct Open {
    name: String,
    /// Its child elements so far, in order (`#text` for text in a `<ruby>`).
    children: Vec<String>,
    /// A row: the most rows one of its cells spans. A row group: each row's.
    spans: Vec<u32>,
}

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
    let mut open: Vec<Open> = Vec::new();
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
                    placed(&name, &parent.name, &open)?;
                }
                if let Some(parent) = open.last_mut() {
                    parent.children.push(name.clone());
                }
                let span = element_attributes(&name, e)?;
                if let Some(row) = open.last_mut().filter(|o| o.name == "tr") {
                    row.spans = vec![row.spans.first().copied().unwrap_or(1).max(span)];
                }
                let element = Open {
                    name,
                    children: Vec::new(),
                    spans: Vec::new(),
                };
                if matches!(event, Event::Start(_)) {
                    open.push(element);
                } else {
                    close(element, open.last_mut())?;
                }
            }
            Event::End(_) => {
                if let Some(element) = open.pop() {
                    close(element, open.last_mut())?;
                }
            }
            Event::Text(t) => {
                let text = quick_xml::escape::unescape(&t)
                    .map_err(|e| format!("not well-formed XHTML ({e})"))?;
                if let Some(parent) = open.last_mut()
                    && !text.trim().is_empty()
                {
                    if NO_TEXT.contains(&parent.name.as_str())
                        || VOID.contains(&parent.name.as_str())
                    {
                        return Err(format!("text directly inside <{}>", parent.name));
                    }
                    if parent.name == "ruby" {
                        parent.children.push("#text".into());
                    }
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
                if let Some(ruby) = open.last_mut().filter(|o| o.name == "ruby") {
                    ruby.children.push("#text".into());
                }
            }
            // quick-xml does not itself fault elements left open at the end.
            Event::Eof if open.is_empty() => return Ok(()),
            Event::Eof => {
                return Err(format!(
                    "element <{}> is not closed",
                    open[open.len() - 1].name
                ));
            }
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

/// Checks the attributes of element `name`: each allowed on it with a valid value, the ones it
/// needs there. Returns the rows a table cell spans (1 for anything else).
fn element_attributes(name: &str, e: &BytesStart) -> Result<u32, String> {
    let mut seen = Vec::new();
    let mut span = 1;
    for a in e.attributes() {
        let a = a.map_err(|e| format!("bad attribute ({e})"))?;
        let key = a.key.as_ref().to_ascii_lowercase();
        let value = quick_xml::escape::unescape(&a.value)
            .map_err(|e| format!("bad attribute value ({e})"))?;
        attributes::check(name, &key, &value)?;
        if key == "style" && loads(&value) {
            return Err("a style that loads a resource is not allowed".into());
        }
        if key == "rowspan" {
            span = attributes::number(&value).unwrap_or(1);
        }
        seen.push(key);
    }
    if let Some(missing) = attributes::required(name)
        .iter()
        .find(|r| !seen.iter().any(|s| s == *r))
    {
        return Err(format!("<{name}> needs a `{missing}` attribute"));
    }
    Ok(span)
}

/// Checks that a closed element's children stand in the order its content model gives, and
/// hands a row's spans to its group.
fn close(element: Open, parent: Option<&mut Open>) -> Result<(), String> {
    let name = element.name.as_str();
    let kids: Vec<&str> = element.children.iter().map(String::as_str).collect();
    let count = |n: &str| kids.iter().filter(|k| **k == n).count();
    let wrong = || {
        Err(format!(
            "the children of <{name}> are not in an order HTML allows"
        ))
    };
    match name {
        // HTML §4.9.1: caption?, thead?, (tbody* | tr+), tfoot?.
        "table" => {
            let stage = |k: &str| match k {
                "caption" => 0,
                "thead" => 1,
                "tfoot" => 3,
                _ => 2,
            };
            let ordered = kids.windows(2).all(|w| stage(w[0]) <= stage(w[1]));
            let once = ["caption", "thead", "tfoot"].iter().all(|k| count(k) <= 1);
            if !ordered || !once || count("tr") > 0 && count("tbody") > 0 {
                return wrong();
            }
        }
        // §4.9.10: a row has a cell.
        "tr" if kids.is_empty() => return Err("<tr> has no cell".into()),
        // §4.11.1: one summary, first.
        "details" if kids.first() != Some(&"summary") || count("summary") != 1 => {
            return Err("<details> needs one <summary>, first".into());
        }
        // §4.4.12: one figcaption, first or last.
        "figure"
            if count("figcaption") > 1
                || kids
                    .iter()
                    .enumerate()
                    .any(|(i, k)| *k == "figcaption" && i != 0 && i + 1 != kids.len()) =>
        {
            return wrong();
        }
        // §4.4.9: groups of one or more dt then one or more dd.
        "dl" if !kids.is_empty() && (kids.first() != Some(&"dt") || kids.last() != Some(&"dd")) => {
            return wrong();
        }
        // §4.5.10: a base, then its annotation.
        "ruby" if kids.first().is_none_or(|k| *k == "rt") || count("rt") == 0 => {
            return Err("<ruby> needs a base, then an <rt>".into());
        }
        _ => {}
    }
    // §4.9.11: a cell may not span past the end of its row group.
    if matches!(name, "table" | "thead" | "tbody" | "tfoot") {
        let rows = element.spans.len();
        if element
            .spans
            .iter()
            .enumerate()
            .any(|(i, &s)| i + s as usize > rows)
        {
            return Err(format!("a cell spans past the end of its <{name}>"));
        }
    }
    if let Some(parent) = parent
        && name == "tr"
    {
        parent
            .spans
            .push(element.spans.first().copied().unwrap_or(1));
    }
    Ok(())
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
fn placed(name: &str, parent: &str, open: &[Open]) -> Result<(), String> {
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
    for o in open {
        if let Some((_, banned)) = NOT_INSIDE.iter().find(|(n, _)| *n == o.name)
            && banned.contains(&name)
        {
            return Err(format!("<{name}> cannot stand inside <{}>", o.name));
        }
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
