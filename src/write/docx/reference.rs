//! A reference DOCX (`--reference-doc`): what is taken from it, as pandoc takes it — its styles
//! (merged with ours in `styles::merge`), its theme, the page set-up, headers and footers (with
//! their images) and document grid of its last section; our content, contents, numbering and
//! embedded subsets go in.

use std::collections::BTreeSet;
use std::io::{Cursor, Read as _};
use std::path::Path;

use zip::ZipArchive;

use super::package::{Part, Rel};
use super::styles::{Faces, ThemeFonts};
use crate::Error;
use crate::error::Warning;
use crate::font::{Face, FontSet, Subset};
use crate::resources::{MAX_IMAGE_BYTES, read_capped};
use crate::style::Style;

/// What the writer takes from a reference DOCX.
pub(super) struct Reference {
    /// Where it was read from, for messages.
    pub path: std::path::PathBuf,
    /// Its `word/styles.xml`.
    pub styles: String,
    /// Its `word/theme/theme1.xml`, when it has one.
    pub theme: Option<String>,
    /// The theme's font scheme.
    pub theme_fonts: ThemeFonts,
    /// The children of its body's last `w:sectPr`, by element name, in its order; header and
    /// footer references already point at the copied parts.
    pub section: Vec<(String, String)>,
    /// Copied headers and footers, and the media they show.
    pub parts: Vec<Part>,
    /// The document's relationships to the copied headers and footers.
    pub rels: Vec<Rel>,
    /// Its settings ask for different even-page headers and footers.
    pub even_and_odd: bool,
    /// Its `word/numbering.xml`, when it has one: the numbering its styles refer to.
    pub numbering: Option<String>,
}

impl Reference {
    /// Whether its section has footers of its own (then ours, the page numbers, are left out).
    pub fn has_footers(&self) -> bool {
        self.section.iter().any(|(n, _)| n == "w:footerReference")
    }
}

/// Reads the reference DOCX at `path`; an unreadable file or one that is not a DOCX is an error
/// naming it.
pub(super) fn read(path: &Path) -> Result<Reference, Error> {
    let bad = |cause: String| Error::Io {
        path: path.to_path_buf(),
        cause: std::io::Error::new(std::io::ErrorKind::InvalidData, cause),
    };
    let bytes = read_capped(path, MAX_IMAGE_BYTES).map_err(|cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    let mut zip = ZipArchive::new(Cursor::new(&bytes[..]))
        .map_err(|e| bad(format!("not a DOCX reference ({e})")))?;
    let mut entry = |name: &str| -> Option<Vec<u8>> {
        let file = zip.by_name(name).ok()?;
        let mut data = Vec::new();
        file.take(MAX_IMAGE_BYTES).read_to_end(&mut data).ok()?;
        Some(data)
    };
    let text = |data: Option<Vec<u8>>| data.and_then(|d| String::from_utf8(d).ok());
    let styles = text(entry("word/styles.xml"))
        .ok_or_else(|| bad("not a DOCX reference (no word/styles.xml)".into()))?;
    let theme = text(entry("word/theme/theme1.xml"));
    let numbering = text(entry("word/numbering.xml"));
    let theme_fonts = theme.as_deref().map(ThemeFonts::of).unwrap_or_default();
    let document = text(entry("word/document.xml")).unwrap_or_default();
    let doc_rels = relationships(&text(entry("word/_rels/document.xml.rels")).unwrap_or_default());
    let even_and_odd = text(entry("word/settings.xml")).is_some_and(|s| {
        s.contains("<w:evenAndOddHeaders") && !s.contains("<w:evenAndOddHeaders w:val=\"0\"")
    });

    let mut section = Vec::new();
    let mut parts = Vec::new();
    let mut rels = Vec::new();
    for (name, raw) in children(last_section(&document)) {
        let is_ref = name == "w:headerReference" || name == "w:footerReference";
        if !is_ref {
            section.push((name.to_string(), raw.to_string()));
            continue;
        }
        let Some(target) = attr(raw, "r:id")
            .and_then(|id| doc_rels.iter().find(|r| r.id == id))
            .map(|r| {
                r.target
                    .trim_start_matches('/')
                    .trim_start_matches("word/")
                    .to_string()
            })
        else {
            continue;
        };
        let Some(xml) = entry(&format!("word/{target}")) else {
            continue;
        };
        let n = rels.len() + 1;
        let kind = if name == "w:headerReference" {
            "header"
        } else {
            "footer"
        };
        let file = format!("{kind}-ref{n}.xml");
        // The part's own relationships (its images), copied beside it under new names.
        let file_name = target.rsplit('/').next().unwrap_or(&target);
        let folder = target.strip_suffix(file_name).unwrap_or_default();
        if let Some(part_rels) = text(entry(&format!("word/{folder}_rels/{file_name}.rels"))) {
            let mut out = part_rels.clone();
            for r in relationships(&part_rels).iter().filter(|r| !r.external) {
                let source = format!("word/{folder}{}", r.target);
                let Some(data) = entry(&source) else { continue };
                let base = r.target.rsplit('/').next().unwrap_or_default();
                let copied = format!("media/ref{n}-{base}");
                parts.push(Part {
                    path: format!("word/{copied}"),
                    data,
                });
                out = out.replace(
                    &format!("Target=\"{}\"", r.target),
                    &format!("Target=\"{copied}\""),
                );
            }
            parts.push(Part::xml(format!("word/_rels/{file}.rels"), out));
        }
        parts.push(Part {
            path: format!("word/{file}"),
            data: xml,
        });
        let id = format!("rIdRef{n}");
        let kind_attr = attr(raw, "w:type").unwrap_or_else(|| "default".into());
        section.push((
            name.to_string(),
            format!("<{name} w:type=\"{kind_attr}\" r:id=\"{id}\"/>"),
        ));
        rels.push(Rel {
            id,
            kind,
            target: file,
            external: false,
        });
    }
    Ok(Reference {
        path: path.to_path_buf(),
        styles,
        theme,
        theme_fonts,
        section,
        parts,
        rels,
        even_and_odd,
        numbering,
    })
}

/// A face a reference's styles name, cut to the document's characters.
pub(super) struct NamedFace {
    /// The name as the reference spells it (the font table's, which its styles refer to).
    pub name: String,
    /// The face found for it.
    pub face: Face,
    /// Its subset font file.
    pub ttf: Vec<u8>,
    /// The characters the subset draws.
    pub chars: BTreeSet<char>,
}

/// The faces the reference's styles name for our content that our own faces do not already
/// embed (`embedded`, family names): each found as a role's face is (the document's faces, the
/// font folders, the system's fonts; a bold face too where a style naming it is bold) and cut to
/// the characters of `chars` it covers. A name not found is left to the reader's machine, with a
/// `-v` note.
pub(super) fn named_faces(
    r: &Reference,
    fonts: &FontSet,
    (style, ours): (&Style, &Faces),
    embedded: &[&str],
    chars: &BTreeSet<char>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<NamedFace>, Error> {
    let names =
        super::styles::named_faces(&r.styles, &r.theme_fonts, style, ours).unwrap_or_default();
    let mut out = Vec::new();
    for (name, bold) in names {
        if embedded.iter().any(|e| e.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let weights: &[bool] = if bold { &[false, true] } else { &[false] };
        let mut found = false;
        for &wants_bold in weights {
            let Some(face) = fonts.named(&name, wants_bold, warnings) else {
                continue;
            };
            // The family's regular stands in for a bold it lacks: not embedded twice.
            if wants_bold && !face.bold {
                continue;
            }
            let (ttf, covered) = Subset::file_of(&face, chars)?;
            if covered.is_empty() {
                continue;
            }
            warnings.push(Warning::info(format!(
                "reference DOCX: its face {name} is {} ({}), embedded as a subset of {} characters",
                face.postscript_name,
                face.source,
                covered.len()
            )));
            found = true;
            out.push(NamedFace {
                name: name.clone(),
                face,
                ttf,
                chars: covered,
            });
        }
        if !found {
            warnings.push(Warning::info(format!(
                "reference DOCX: its face {name} was not found (or draws none of the text); named only, the reader's machine supplies it"
            )));
        }
    }
    Ok(out)
}

/// What the reference's numbering ids are moved up by, past any of ours.
const NUMBERING_OFFSET: u32 = 1000;

/// Our numbering definitions with the reference's (its ids moved up by [`NUMBERING_OFFSET`]),
/// under its root element and namespaces, in `CT_Numbering`'s order: abstract definitions, then
/// instances (ECMA-376 Part 1, §17.9.17). Picture bullets, which need its media, are left out.
pub(super) fn numbering(ours: Option<&str>, theirs: &str) -> Option<String> {
    let root_at = theirs.find("<w:numbering")?;
    let root = &theirs[root_at..];
    let root_end = root.find('>')? + 1;
    if root[..root_end].ends_with("/>") {
        return ours.map(str::to_string);
    }
    let (start_tag, inner) = root.split_at(root_end);
    let inner = &inner[..inner.rfind("</w:numbering>")?];
    let ours_inner = ours
        .and_then(|o| {
            let o = &o[o.find("<w:numbering")?..];
            let o = &o[o.find('>')? + 1..];
            Some(&o[..o.rfind("</w:numbering>")?])
        })
        .unwrap_or("");
    let theirs_kids = children(inner);
    let ours_kids = children(ours_inner);
    let mut out = String::with_capacity(theirs.len() + ours_inner.len() + 64);
    out.push_str(super::xml::DECLARATION);
    out.push_str(start_tag);
    for name in ["w:abstractNum", "w:num"] {
        for (_, raw) in theirs_kids.iter().filter(|(n, _)| *n == name) {
            out.push_str(&renumber(raw));
        }
        for (_, raw) in ours_kids.iter().filter(|(n, _)| *n == name) {
            out.push_str(raw);
        }
    }
    out.push_str("</w:numbering>");
    Some(out)
}

/// `xml` with every numbering id (`w:abstractNumId`, `w:numId`, as attribute or value) moved up
/// by [`NUMBERING_OFFSET`]; `w:numId` 0, "no numbering", stays.
pub(super) fn renumber(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    loop {
        let next = [
            "w:abstractNumId=\"",
            "<w:abstractNumId w:val=\"",
            "w:numId=\"",
            "<w:numId w:val=\"",
        ]
        .iter()
        .filter_map(|p| {
            rest.find(p)
                .map(|at| (at, at + p.len(), p.contains("abstract")))
        })
        .min();
        let Some((_, value_at, is_abstract)) = next else {
            break;
        };
        out.push_str(&rest[..value_at]);
        let value = &rest[value_at..];
        let end = value.find('"').unwrap_or(value.len());
        // `w:numId` 0 means "no numbering" (§17.9.18); abstract ids start at 0.
        match value[..end].parse::<u32>() {
            Ok(n) if n > 0 || is_abstract => out.push_str(&(n + NUMBERING_OFFSET).to_string()),
            _ => out.push_str(&value[..end]),
        }
        rest = &value[end..];
    }
    out.push_str(rest);
    out
}

/// The order of `w:sectPr`'s children (ECMA-376 Part 1, §17.6.17, `CT_SectPr`).
const SECTION_ORDER: [&str; 21] = [
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
];

/// Every `w:sectPr` of our `document` made from the reference's: its page, grid, headers (and
/// footers, when it has any); ours keep where a section starts, how its pages are numbered, the
/// vertical direction and, when the reference has no footers, our page-number footers.
pub(super) fn sections(document: &str, reference: &Reference) -> String {
    if reference.section.is_empty() {
        return document.to_string();
    }
    let keep_footers = !reference.has_footers();
    let mut out = String::with_capacity(document.len() + 1024);
    let mut rest = document;
    while let Some(at) = rest.find("<w:sectPr>") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = after
            .find("</w:sectPr>")
            .map_or(after.len(), |e| e + "</w:sectPr>".len());
        let inner = &after["<w:sectPr>".len()..end.saturating_sub("</w:sectPr>".len())];
        let ours = children(inner);
        let pick = |from: &[(&str, &str)], slot: &str, out: &mut String| {
            from.iter()
                .filter(|(n, _)| *n == slot)
                .for_each(|(_, raw)| out.push_str(raw));
        };
        let theirs: Vec<(&str, &str)> = reference
            .section
            .iter()
            .map(|(n, r)| (n.as_str(), r.as_str()))
            .collect();
        let has = |from: &[(&str, &str)], slot: &str| from.iter().any(|(n, _)| *n == slot);
        out.push_str("<w:sectPr>");
        for slot in SECTION_ORDER {
            let source = match slot {
                "w:footerReference" | "w:titlePg" if keep_footers => &ours,
                // `--vertical` is asked of this build: it stands over the reference's direction.
                "w:type" | "w:pgNumType" | "w:textDirection" | "w:rtlGutter"
                    if has(&ours, slot) =>
                {
                    &ours
                }
                _ => &theirs,
            };
            pick(source, slot, &mut out);
        }
        out.push_str("</w:sectPr>");
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The inner XML of the last `w:sectPr` of a `document.xml`: the body's own.
fn last_section(document: &str) -> &str {
    let Some(at) = document.rfind("<w:sectPr") else {
        return "";
    };
    let element = &document[at..];
    let Some(open_end) = element.find('>') else {
        return "";
    };
    if element[..open_end].ends_with('/') {
        return "";
    }
    let inner = &element[open_end + 1..];
    &inner[..inner.find("</w:sectPr>").unwrap_or(inner.len())]
}

/// The child elements of a flat run of XML, by qualified name, each whole.
fn children(inner: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = inner;
    while let Some(at) = rest.find('<') {
        let element = &rest[at..];
        // End tags, declarations and comments are no elements.
        if element[1..].starts_with(['/', '?', '!']) {
            rest = &element[element.find('>').map_or(element.len(), |e| e + 1)..];
            continue;
        }
        let name_end = element[1..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .map_or(element.len(), |e| e + 1);
        let name = &element[1..name_end];
        let Some(open_end) = element.find('>') else {
            break;
        };
        let end = if element[..open_end].ends_with('/') {
            open_end + 1
        } else {
            let close = format!("</{name}>");
            element
                .find(&close)
                .map_or(element.len(), |c| c + close.len())
        };
        out.push((name, &element[..end]));
        rest = &element[end..];
    }
    out
}

/// The value of attribute `name` in the element `raw`'s start tag.
fn attr(raw: &str, name: &str) -> Option<String> {
    let tag = &raw[..raw.find('>').unwrap_or(raw.len())];
    let at = tag.find(&format!(" {name}="))?;
    let value = &tag[at + name.len() + 2..];
    let quote = value.chars().next()?;
    let value = &value[quote.len_utf8()..];
    Some(value[..value.find(quote)?].to_string())
}

/// The relationships of a `.rels` part.
fn relationships(xml: &str) -> Vec<Rel> {
    children(
        xml.find("<Relationships")
            .and_then(|at| {
                let r = &xml[at..];
                Some(&r[r.find('>')? + 1..])
            })
            .unwrap_or(""),
    )
    .into_iter()
    .filter(|(name, _)| *name == "Relationship")
    .filter_map(|(_, raw)| {
        Some(Rel {
            id: attr(raw, "Id")?,
            kind: "",
            target: attr(raw, "Target")?,
            external: attr(raw, "TargetMode").is_some_and(|m| m == "External"),
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(section: &[(&str, &str)]) -> Reference {
        Reference {
            path: "ref.docx".into(),
            styles: String::new(),
            theme: None,
            theme_fonts: ThemeFonts::default(),
            section: section
                .iter()
                .map(|(n, r)| (n.to_string(), r.to_string()))
                .collect(),
            parts: Vec::new(),
            rels: Vec::new(),
            even_and_odd: false,
            numbering: None,
        }
    }

    #[test]
    fn sections_take_the_reference_page_and_headers_and_keep_our_numbering() {
        let ours = "<w:p/><w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>\
            <w:type w:val=\"oddPage\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1\"/>\
            <w:pgNumType w:fmt=\"decimal\" w:start=\"1\"/><w:cols w:space=\"425\"/></w:sectPr></w:body>";
        let r = reference(&[
            (
                "w:headerReference",
                "<w:headerReference w:type=\"default\" r:id=\"rIdRef1\"/>",
            ),
            (
                "w:pgSz",
                "<w:pgSz w:w=\"11906\" w:h=\"8391\" w:orient=\"landscape\"/>",
            ),
            ("w:pgMar", "<w:pgMar w:top=\"720\"/>"),
            ("w:cols", "<w:cols w:space=\"720\"/>"),
            ("w:docGrid", "<w:docGrid w:linePitch=\"360\"/>"),
        ]);
        assert_eq!(
            sections(ours, &r),
            "<w:p/><w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdRef1\"/>\
             <w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/><w:type w:val=\"oddPage\"/>\
             <w:pgSz w:w=\"11906\" w:h=\"8391\" w:orient=\"landscape\"/><w:pgMar w:top=\"720\"/>\
             <w:pgNumType w:fmt=\"decimal\" w:start=\"1\"/><w:cols w:space=\"720\"/>\
             <w:docGrid w:linePitch=\"360\"/></w:sectPr></w:body>"
        );
        // With footers of its own, ours go.
        let r = reference(&[(
            "w:footerReference",
            "<w:footerReference w:type=\"default\" r:id=\"rIdRef1\"/>",
        )]);
        let s = sections(ours, &r);
        assert!(s.contains("rIdRef1") && !s.contains("rIdFooter1"), "{s}");
        // A vertical build stays vertical on the reference's page.
        let vertical = ours.replace(
            "<w:cols w:space=\"425\"/>",
            "<w:cols w:space=\"425\"/><w:textDirection w:val=\"tbRl\"/><w:rtlGutter/>",
        );
        let r = reference(&[("w:textDirection", "<w:textDirection w:val=\"lrTb\"/>")]);
        let s = sections(&vertical, &r);
        assert!(
            s.contains("<w:textDirection w:val=\"tbRl\"/><w:rtlGutter/>") && !s.contains("lrTb"),
            "{s}"
        );
    }

    #[test]
    fn the_reference_numbering_joins_ours_under_new_ids() {
        let theirs = "<?xml version=\"1.0\"?><w:numbering xmlns:w=\"urn:w\" xmlns:w14=\"urn:w14\">\
            <w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"/></w:abstractNum>\
            <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
        let ours = "<?xml version=\"1.0\"?><w:numbering xmlns:w=\"urn:w\">\
            <w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"/></w:abstractNum>\
            <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
        let merged = numbering(Some(ours), theirs).unwrap();
        assert!(merged.contains("xmlns:w14=\"urn:w14\""));
        // Abstract definitions first, then instances; theirs moved, ours kept.
        let order: Vec<&str> = children(&merged[merged.find("<w:abstractNum").unwrap()..])
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(order, ["w:abstractNum", "w:abstractNum", "w:num", "w:num"]);
        assert!(merged.contains("<w:abstractNum w:abstractNumId=\"1000\">"));
        assert!(
            merged.contains("<w:num w:numId=\"1001\"><w:abstractNumId w:val=\"1000\"/></w:num>")
        );
        assert!(merged.contains("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"));
        assert_eq!(
            renumber("<w:numPr><w:numId w:val=\"3\"/></w:numPr><w:numId w:val=\"0\"/>"),
            "<w:numPr><w:numId w:val=\"1003\"/></w:numPr><w:numId w:val=\"0\"/>"
        );
    }

    #[test]
    fn relationships_and_the_last_section_are_read() {
        let rels = relationships(
            "<?xml version=\"1.0\"?><Relationships xmlns=\"x\"><Relationship Id=\"rId1\" Type=\"t/header\" Target=\"header1.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"t/hyperlink\" Target=\"https://x\" TargetMode=\"External\"/></Relationships>",
        );
        assert_eq!(rels.len(), 2);
        assert_eq!(rels[0].target, "header1.xml");
        assert!(rels[1].external);
        let doc = "<w:body><w:p><w:pPr><w:sectPr><w:pgSz w:w=\"1\"/></w:sectPr></w:pPr></w:p>\
                   <w:sectPr w:rsidR=\"00\"><w:pgSz w:w=\"2\"/><w:pgMar w:top=\"3\"/></w:sectPr></w:body>";
        let kids = children(last_section(doc));
        assert_eq!(
            kids,
            [
                ("w:pgSz", "<w:pgSz w:w=\"2\"/>"),
                ("w:pgMar", "<w:pgMar w:top=\"3\"/>")
            ]
        );
    }
}
