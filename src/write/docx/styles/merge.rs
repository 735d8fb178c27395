//! Our styles merged into a reference DOCX's, as pandoc's `--reference-doc` does
//! (`Writers/Docx.hs`, `Docx/StyleMap.hs`): a style is matched by its name (Word localises style
//! ids, not the names of built-in styles: `Überschrift1` is still `heading 1`), the reference's
//! definition and id win, and the styles we use that it lacks are added from ours.
//!
//! Theme fonts are resolved to explicit faces (`w:asciiTheme="majorHAnsi"` becomes the theme's
//! major Latin face), since a theme attribute outranks the explicit one (ECMA-376 Part 1,
//! §17.3.2.26) and the theme is the reference's; East Asian text the reference leaves to an empty
//! theme face, or to no face at all, gets the face of our style of that name, whose subset is
//! embedded.

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::super::xml::escape;
use super::defs::{Def, defs};
use super::serialise;
use super::{Faces, Lang};
use crate::style::Style;

/// The faces of a theme's font scheme (DrawingML `a:fontScheme`): major (headings) and minor
/// (body), each Latin, East Asian and complex script.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(in super::super) struct ThemeFonts {
    /// `a:majorFont`: latin, ea, cs.
    pub major: [String; 3],
    /// `a:minorFont`: latin, ea, cs.
    pub minor: [String; 3],
}

impl ThemeFonts {
    /// The font scheme of `theme1.xml`.
    pub fn of(theme: &str) -> ThemeFonts {
        let scheme = |tag: &str| -> [String; 3] {
            let open = format!("<a:{tag}>");
            let close = format!("</a:{tag}>");
            let Some(start) = theme.find(&open) else {
                return Default::default();
            };
            let body = &theme[start..];
            let body = &body[..body.find(&close).unwrap_or(body.len())];
            ["latin", "ea", "cs"].map(|script| {
                let Some(at) = body.find(&format!("<a:{script} ")) else {
                    return String::new();
                };
                let element = &body[at..];
                let element = &element[..element.find('>').unwrap_or(element.len())];
                attribute(element, "typeface").unwrap_or_default()
            })
        };
        ThemeFonts {
            major: scheme("majorFont"),
            minor: scheme("minorFont"),
        }
    }

    /// The face a `w:*Theme` value names (ECMA-376 Part 1, §17.18.96).
    fn face(&self, value: &str) -> &str {
        let set = if value.starts_with("major") {
            &self.major
        } else {
            &self.minor
        };
        if value.ends_with("EastAsia") {
            &set[1]
        } else if value.ends_with("Bidi") {
            &set[2]
        } else {
            &set[0]
        }
    }
}

/// The merged `word/styles.xml`, and what the writer and `-v` need to know about it.
pub(in super::super) struct Merged {
    /// The part.
    pub xml: String,
    /// Our style ids that the reference spells otherwise, mapped to its ids.
    pub ids: BTreeMap<String, String>,
    /// Names of our styles the reference defines (its definitions are used).
    pub used: Vec<String>,
    /// Names of our styles the reference lacks (ours are added).
    pub missing: Vec<String>,
    /// Names of the reference's styles we do not use (kept for the user).
    pub ignored: Vec<String>,
}

/// One child of `w:styles` in the reference.
struct Child<'x> {
    raw: &'x str,
    /// For a `w:style`: its type, id and lower-cased name.
    style: Option<(String, String, String)>,
}

/// Merges our styles into the reference's `styles.xml`. `None` when that is not a styles part
/// we can read.
pub(in super::super) fn merge(
    reference: &str,
    theme: &ThemeFonts,
    style: &Style,
    faces: &Faces,
    lang: &Lang,
) -> Option<Merged> {
    let (root, children) = parse(reference)?;
    let ours = defs(style, faces);
    // Our East Asian face of each style, by lower-cased name, for the reference's styles.
    let body_face = faces.body.family.as_str();
    let east_asian: BTreeMap<String, &str> = ours
        .iter()
        .filter_map(|d| Some((d.name.to_lowercase(), d.rpr.fonts?.1)))
        .collect();

    let mut by_name: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (kind, id, name) in children.iter().filter_map(|c| c.style.as_ref()) {
        by_name
            .entry((kind.clone(), name.clone()))
            .or_insert_with(|| id.clone());
        taken.insert(id.clone());
    }
    let mut ids = BTreeMap::new();
    let mut used = Vec::new();
    let mut missing = Vec::new();
    let mut matched: BTreeSet<String> = BTreeSet::new();
    let mut added: Vec<&Def> = Vec::new();
    for def in &ours {
        let key = (def.kind.to_string(), def.name.to_lowercase());
        match by_name.get(&key) {
            Some(id) => {
                if id != def.id {
                    ids.insert(def.id.to_string(), id.clone());
                }
                matched.insert(id.clone());
                used.push(def.name.to_string());
            }
            None => {
                // An id the reference gives a style of another name: ours is renamed.
                if taken.contains(def.id) {
                    let mut n = 2;
                    while taken.contains(&format!("{}{n}", def.id)) {
                        n += 1;
                    }
                    ids.insert(def.id.to_string(), format!("{}{n}", def.id));
                }
                missing.push(def.name.to_string());
                added.push(def);
            }
        }
    }

    let mut out = String::with_capacity(reference.len() + 8 * 1024);
    let mut ignored = Vec::new();
    let mut has_defaults = false;
    for child in &children {
        match &child.style {
            Some((_, id, name)) => {
                if !matched.contains(id) {
                    ignored.push(name.clone());
                }
                let face = east_asian.get(name).copied().unwrap_or(body_face);
                out.push_str(&resolve_fonts(child.raw, theme, face));
            }
            None => {
                if child.raw.starts_with("<w:docDefaults") {
                    has_defaults = true;
                    out.push_str(&defaults(child.raw, theme, body_face));
                } else {
                    out.push_str(child.raw);
                }
            }
        }
    }
    if !has_defaults {
        // `w:docDefaults` is the first child of `w:styles` (§17.7.4.18).
        out.insert_str(0, &serialise::defaults(style, faces, lang));
    }
    out.insert_str(0, root);
    out.insert_str(0, super::super::xml::DECLARATION);
    for def in added {
        let remap = |v: Option<&str>| -> Option<String> {
            v.map(|v| ids.get(v).cloned().unwrap_or_else(|| v.to_string()))
        };
        let based_on = remap(def.based_on);
        let next = remap(def.next);
        let link = remap(def.link);
        let id = remap(Some(def.id)).unwrap_or_default();
        let renamed = Def {
            id: &id,
            based_on: based_on.as_deref(),
            next: next.as_deref(),
            link: link.as_deref(),
            // The reference's defaults stay its defaults.
            default: false,
            ..def.clone()
        };
        out.push_str(&serialise::xml(&renamed));
    }
    out.push_str("</w:styles>");
    Some(Merged {
        xml: out,
        ids,
        used,
        missing,
        ignored,
    })
}

/// The faces the reference's styles name for our content — the styles we use, the styles they
/// are based on, and its document defaults — theme faces resolved, each with whether a style
/// naming it is bold, in first-named order. These are the faces to find and embed, so that the
/// DOCX shows them where they are not installed. `None` when the part cannot be read.
pub(in super::super) fn named_faces(
    reference: &str,
    theme: &ThemeFonts,
    style: &Style,
    faces: &Faces,
) -> Option<Vec<(String, bool)>> {
    let (_, children) = parse(reference)?;
    let ours: BTreeSet<(String, String)> = defs(style, faces)
        .iter()
        .map(|d| (d.kind.to_string(), d.name.to_lowercase()))
        .collect();
    let by_id: BTreeMap<&str, &Child> = children
        .iter()
        .filter_map(|c| Some((c.style.as_ref()?.1.as_str(), c)))
        .collect();
    // The styles we use, then up their `w:basedOn` chains (§17.7.4.3), each once: a cycle in a
    // hostile reference ends where a style repeats.
    let mut wanted: Vec<&Child> = Vec::new();
    let mut seen = BTreeSet::new();
    for child in &children {
        let Some((kind, _, name)) = &child.style else {
            if child.raw.starts_with("<w:docDefaults") {
                wanted.push(child);
            }
            continue;
        };
        if !ours.contains(&(kind.clone(), name.clone())) {
            continue;
        }
        let mut next = Some(child);
        while let Some(c) = next {
            let id = c.style.as_ref().map_or("", |s| s.1.as_str());
            if !seen.insert(id) {
                break;
            }
            wanted.push(c);
            next = element(c.raw, "<w:basedOn ")
                .and_then(|(_, tag)| attribute(tag, "w:val"))
                .and_then(|id| by_id.get(id.as_str()).copied());
        }
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for child in wanted {
        let resolved = resolve_fonts(child.raw, theme, "");
        let bold = [
            "<w:b/>",
            "<w:b w:val=\"1\"/>",
            "<w:b w:val=\"true\"/>",
            "<w:b w:val=\"on\"/>",
        ]
        .iter()
        .any(|b| resolved.contains(b));
        let mut rest = resolved.as_str();
        while let Some((at, tag)) = element(rest, "<w:rFonts") {
            for slot in ["w:ascii", "w:hAnsi", "w:eastAsia"] {
                let Some(name) = attribute(tag, slot).map(|n| unescape(&n)) else {
                    continue;
                };
                if name.trim().is_empty() {
                    continue;
                }
                match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                    Some(entry) => entry.1 |= bold,
                    None => out.push((name, bold)),
                }
            }
            rest = &rest[at + tag.len()..];
        }
    }
    Some(out)
}

/// Where the first element of `xml` that begins with `open` (`"<w:rFonts"`) starts, and its
/// start tag.
fn element<'x>(xml: &'x str, open: &str) -> Option<(usize, &'x str)> {
    let at = xml.find(open)?;
    let tag = &xml[at..];
    Some((at, &tag[..tag.find('>').map_or(tag.len(), |e| e + 1)]))
}

/// The start tag of `w:styles` (with the reference's namespaces) and its element children.
fn parse(xml: &str) -> Option<(&str, Vec<Child<'_>>)> {
    let mut reader = Reader::from_str(xml);
    let mut root = None;
    let mut children = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) if root.is_none() => {
                if e.local_name().into_inner() != "styles" {
                    return None;
                }
                root = Some(xml.get(before..after)?);
            }
            Event::Start(e) => {
                let end = reader.read_to_end(e.name()).ok()?;
                let raw =
                    xml.get(before..end.end as usize + closing_len(&xml[end.end as usize..]))?;
                children.push(child(raw, e.local_name().into_inner() == "style"));
            }
            Event::Empty(e) if root.is_some() => {
                children.push(child(
                    xml.get(before..after)?,
                    e.local_name().into_inner() == "style",
                ));
            }
            Event::End(_) | Event::Eof => break,
            _ => {}
        }
    }
    Some((root?, children))
}

/// The length of the end tag at the start of `rest` (quick-xml's span stops before it).
fn closing_len(rest: &str) -> usize {
    if rest.starts_with("</") {
        rest.find('>').map_or(0, |e| e + 1)
    } else {
        0
    }
}

fn child(raw: &str, is_style: bool) -> Child<'_> {
    let style = is_style.then(|| {
        let start = &raw[..raw.find('>').unwrap_or(raw.len())];
        let kind = attribute(start, "w:type").unwrap_or_else(|| "paragraph".into());
        let id = attribute(start, "w:styleId").unwrap_or_default();
        let name = raw
            .find("<w:name ")
            .map(|at| {
                let element = &raw[at..];
                attribute(
                    &element[..element.find('>').unwrap_or(element.len())],
                    "w:val",
                )
                .unwrap_or_default()
            })
            .unwrap_or_default();
        (kind, id, unescape(&name).to_lowercase())
    });
    Child { raw, style }
}

/// The raw value of attribute `name` in the start tag `tag`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().last();
        let after = &rest[at + name.len()..];
        if before.is_some_and(char::is_whitespace) && after.starts_with('=') {
            let quote = after[1..].chars().next()?;
            let value = &after[1 + quote.len_utf8()..];
            return Some(value[..value.find(quote)?].to_string());
        }
        rest = after;
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The reference's `w:docDefaults`, its fonts resolved, with our body face for East Asian text
/// where it names none.
fn defaults(raw: &str, theme: &ThemeFonts, body_face: &str) -> String {
    if raw.contains("<w:rFonts") {
        return resolve_fonts(raw, theme, body_face);
    }
    let fonts = format!("<w:rFonts w:eastAsia=\"{}\"/>", escape(body_face));
    if let Some(at) = raw.find("<w:rPrDefault><w:rPr>") {
        let at = at + "<w:rPrDefault><w:rPr>".len();
        return format!("{}{fonts}{}", &raw[..at], &raw[at..]);
    }
    // No run defaults: ours, in front of the paragraph defaults (§17.7.5.1).
    let start = raw.find('>').map_or(raw.len(), |e| e + 1);
    let mut out = raw.to_string();
    if raw.ends_with("/>") {
        out = format!(
            "<w:docDefaults><w:rPrDefault><w:rPr>{fonts}</w:rPr></w:rPrDefault></w:docDefaults>"
        );
    } else if !raw.contains("<w:rPrDefault") {
        out.insert_str(
            start,
            &format!("<w:rPrDefault><w:rPr>{fonts}</w:rPr></w:rPrDefault>"),
        );
    }
    out
}

/// `raw` with each `w:rFonts` resolved: theme attributes replaced by the theme's faces, and
/// `east_asian` where East Asian text would have no face.
fn resolve_fonts(raw: &str, theme: &ThemeFonts, east_asian: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 64);
    let mut rest = raw;
    while let Some(at) = rest.find("<w:rFonts") {
        out.push_str(&rest[..at]);
        let element = &rest[at..];
        // Self-closing as Word writes it, or with an end tag (and nothing in it to keep).
        let open_end = element.find('>').map_or(element.len(), |e| e + 1);
        let end = if element[..open_end].ends_with("/>") {
            open_end
        } else {
            element
                .find("</w:rFonts>")
                .map_or(open_end, |e| e + "</w:rFonts>".len())
        };
        let tag = &element[..open_end];
        let slot = |plain: &str, themed: &str| -> String {
            match attribute(tag, themed) {
                Some(value) => theme.face(&value).to_string(),
                None => attribute(tag, plain).unwrap_or_default(),
            }
        };
        let ascii = slot("w:ascii", "w:asciiTheme");
        let h_ansi = slot("w:hAnsi", "w:hAnsiTheme");
        let mut east = slot("w:eastAsia", "w:eastAsiaTheme");
        if east.is_empty() {
            east = escape(east_asian);
        }
        let cs = slot("w:cs", "w:cstheme");
        out.push_str("<w:rFonts");
        for (name, value) in [
            ("w:ascii", ascii),
            ("w:hAnsi", h_ansi),
            ("w:eastAsia", east),
            ("w:cs", cs),
        ] {
            if !value.is_empty() {
                out.push_str(&format!(" {name}=\"{value}\""));
            }
        }
        out.push_str("/>");
        rest = &element[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::faces;
    use super::*;
    use crate::style::Preset;

    const THEME: &str = "<a:theme><a:fontScheme><a:majorFont><a:latin typeface=\"Calibri Light\"/>\
        <a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont><a:minorFont><a:latin typeface=\"Calibri\"/>\
        <a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme></a:theme>";

    const REFERENCE: &str = "<?xml version=\"1.0\"?><w:styles xmlns:w=\"urn:w\">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" w:eastAsiaTheme=\"minorEastAsia\" w:hAnsiTheme=\"minorHAnsi\" w:cstheme=\"minorBidi\"/>\
        <w:sz w:val=\"22\"/></w:rPr></w:rPrDefault></w:docDefaults>\
        <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
        <w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/>\
        <w:rPr><w:rFonts w:ascii=\"Liberation Sans\" w:hAnsi=\"Liberation Sans\"/><w:color w:val=\"FF0000\"/></w:rPr></w:style>\
        <w:style w:type=\"paragraph\" w:styleId=\"Fancy\"><w:name w:val=\"Fancy\"/></w:style>\
        </w:styles>";

    #[test]
    fn the_faces_named_for_our_styles_are_listed_once_up_their_bases() {
        let style = Style::preset(Preset::Handout);
        let theme = ThemeFonts::of(THEME);
        let named = named_faces(REFERENCE, &theme, &style, &faces()).unwrap();
        // The defaults' theme face, then Heading 1's; `Fancy`, which we do not use, is not read.
        let fancy = REFERENCE.replace(
            "<w:name w:val=\"Fancy\"/>",
            "<w:name w:val=\"Fancy\"/><w:rPr><w:rFonts w:ascii=\"Unused Face\"/></w:rPr>",
        );
        assert_eq!(
            named_faces(&fancy, &theme, &style, &faces()),
            Some(named.clone())
        );
        assert_eq!(
            named,
            [
                ("Calibri".to_string(), false),
                ("Liberation Sans".to_string(), false)
            ]
        );
        // A used style based on one that names a bold face; a basedOn cycle ends.
        let based = REFERENCE
            .replace(
                "<w:name w:val=\"heading 1\"/>",
                "<w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Fancy\"/>",
            )
            .replace(
                "<w:name w:val=\"Fancy\"/>",
                "<w:name w:val=\"Fancy\"/><w:basedOn w:val=\"berschrift1\"/>\
                 <w:rPr><w:rFonts w:ascii=\"Base Face\"/><w:b/></w:rPr>",
            );
        let named = named_faces(&based, &theme, &style, &faces()).unwrap();
        assert!(
            named.contains(&("Base Face".to_string(), true)),
            "{named:?}"
        );
    }

    #[test]
    fn reference_styles_win_by_name_and_ours_fill_the_gaps() {
        let style = Style::preset(Preset::Handout);
        let m = merge(
            REFERENCE,
            &ThemeFonts::of(THEME),
            &style,
            &faces(),
            &Lang::of("zh-Hans"),
        )
        .unwrap();
        assert_eq!(
            m.ids.get("Heading1").map(String::as_str),
            Some("berschrift1")
        );
        assert!(m.used.contains(&"heading 1".to_string()));
        assert!(m.missing.contains(&"Body Text".to_string()));
        assert_eq!(m.ignored, ["fancy"]);
        // Theme faces resolved; East Asian text in our faces.
        assert!(m.xml.contains(
            "<w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Noto Serif SC\"/>"
        ));
        assert!(m.xml.contains(
            "<w:rFonts w:ascii=\"Liberation Sans\" w:hAnsi=\"Liberation Sans\" w:eastAsia=\"Noto Serif SC\"/><w:color w:val=\"FF0000\"/>"
        ));
        // Our linked character style now links to the reference's heading id.
        assert!(m.xml.contains("<w:link w:val=\"berschrift1\"/>"));
        assert_eq!(m.xml.matches("w:styleId=\"Normal\"").count(), 1);
        assert!(!m.xml.contains("Theme"));
    }

    #[test]
    fn odd_attributes_and_elements_do_not_break_the_merge() {
        // A multibyte quote-like value, an rFonts with an end tag, an attribute with no quote.
        let theme = ThemeFonts::default();
        let out = resolve_fonts(
            "<w:rPr><w:rFonts w:ascii=\"宋体\"></w:rFonts><w:b/></w:rPr>",
            &theme,
            "Noto",
        );
        assert_eq!(
            out,
            "<w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"Noto\"/><w:b/></w:rPr>"
        );
        assert_eq!(attribute("<w:x w:val=中文>", "w:val"), None);
        assert_eq!(attribute("<w:x w:val=", "w:val"), None);
    }

    #[test]
    fn what_is_not_a_styles_part_is_refused() {
        let style = Style::preset(Preset::Handout);
        let no = |xml: &str| {
            merge(
                xml,
                &ThemeFonts::default(),
                &style,
                &faces(),
                &Lang::of("zh"),
            )
            .is_none()
        };
        assert!(no("<w:document/>"));
        assert!(no("<w:styles><w:style"));
        assert!(no(""));
    }
}
