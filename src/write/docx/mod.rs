//! The DOCX writer: a Word document made of real styles, that people edit in Word, WPS or
//! LibreOffice and that looks the same where the font is not installed.
//!
//! Every part is written here as WordprocessingML text in schema order: headings, body text,
//! quotes, lists and notes are paragraphs in named styles (`styles`), lists have numbering
//! definitions (`numbering`), the page comes from the preset (`page`), and each font subset travels
//! obfuscated in `word/fonts/` (`embed`). `package` zips the parts deterministically.
//!
//! docx-rs was the first plan; it is not used because its output puts `w:pPr`/`w:rPr` children
//! out of the ECMA-376 sequence (Word drops such properties, Word for the web refuses the file),
//! forces an empty non-default `Normal` style, numbers footnotes, links and images from
//! process-wide counters, and lacks `w:lang`, `firstLineChars`, font embedding and core
//! properties — the post-step would have rewritten nearly every part.

mod body;
mod embed;
mod gongwen;
mod inline;
mod numbering;
mod package;
mod page;
mod props;
mod reference;
mod sections;
mod styles;
mod theme;
mod xml;

use std::collections::BTreeMap;

use crate::Context;
use crate::error::{Error, Warned, Warning};
use crate::font::{FontSet, Role, Source, Subset, Subsets};
use crate::model::Document;
use crate::style::{Element, Style};

use body::{Place, Writer};
use embed::Family;
use package::{Part, Rel};
use styles::{Faces, Lang, Typeface};

/// The Markdown of our reference DOCX (`crate::reference_docx`): a paragraph in every style.
pub const REFERENCE_SAMPLE: &str = include_str!("reference_sample.md");

/// Writes `doc` as DOCX.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    let mut warnings = Vec::new();
    let reference = ctx.reference_doc.map(reference::read).transpose()?;
    // A reference's styles may set in regular weight what our plan sets in bold (a title, a
    // heading) or the reverse, and Word picks the embedded face by weight: each embedded face
    // then carries every character of the document that it covers.
    let widened = match reference {
        Some(_) => widen(ctx)?,
        None => Vec::new(),
    };
    let subsets: Vec<&Subset> = if widened.is_empty() {
        ctx.subsets.by_face.values().collect()
    } else {
        widened.iter().collect()
    };
    let faces = faces(ctx.fonts, ctx.style, ctx.subsets);
    let mut families = families(ctx, &subsets, &mut warnings);
    // The faces the reference's styles name (its Heading 1's Latin face, say), found and
    // embedded as ours are, so that the DOCX looks as the template does where they are missing.
    let named = match &reference {
        Some(r) => {
            let chars = subsets
                .iter()
                .flat_map(|s| s.chars.iter().copied())
                .collect();
            let embedded: Vec<&str> = families.iter().map(|f| f.name.as_str()).collect();
            let ours = (ctx.style, &faces);
            reference::named_faces(r, ctx.fonts, ours, &embedded, &chars, &mut warnings)?
        }
        None => Vec::new(),
    };
    for n in &named {
        if !embed::may_embed(&n.face, &mut warnings) {
            continue;
        }
        let at = match families.iter().position(|f| f.name == n.name) {
            Some(at) => at,
            None => {
                families.push(Family {
                    name: n.name.clone(),
                    regular: None,
                    bold: None,
                    ranges: [0; 4],
                });
                families.len() - 1
            }
        };
        let family = &mut families[at];
        for (bits, more) in family
            .ranges
            .iter_mut()
            .zip(embed::unicode_ranges(n.chars.iter().copied()))
        {
            *bits |= more;
        }
        let slot = if n.face.bold {
            &mut family.bold
        } else {
            &mut family.regular
        };
        slot.get_or_insert(n.ttf.as_slice());
    }
    let setup = Setup {
        style: ctx.style,
        fonts: ctx
            .fonts
            .faces()
            .any(|(_, f)| f.source != Source::Bundled)
            .then_some(ctx.fonts),
        faces,
        families,
        epoch: ctx.epoch,
        pages: if ctx.style.toc {
            pages(ctx.layout(doc))
        } else {
            BTreeMap::new()
        },
        colophon_pages: if crate::gongwen::applies(doc, ctx.style) {
            ctx.layout(doc).colophon_pages
        } else {
            0
        },
        colophon_runs_over: crate::gongwen::applies(doc, ctx.style)
            && ctx.layout(doc).colophon_runs_over,
        reference,
    };
    let mut out = build(doc, &setup)?;
    warnings.append(&mut out.warnings);
    out.warnings = warnings;
    Ok(out)
}

/// Everything the writer takes from the context, so that it can be tested without real fonts.
struct Setup<'a> {
    style: &'a Style,
    /// The font set, when it holds user faces whose gaps other faces fill (see `Writer::text`).
    fonts: Option<&'a FontSet>,
    faces: Faces,
    families: Vec<Family<'a>>,
    epoch: i64,
    /// The printed page number of each heading, by id, in our own layout of the same preset
    /// (the PDF's: the body numbered from 1 after the front matter): the numbers the contents
    /// shows before Word or WPS update the field.
    pages: BTreeMap<String, String>,
    /// The pages our own layout adds before an official document's 版记, so that it stands at
    /// the foot of an even page (`Layout::colophon_pages`).
    colophon_pages: usize,
    /// The 版记 is taller than the text block (`Layout::colophon_runs_over`).
    colophon_runs_over: bool,
    /// The reference DOCX (`--reference-doc`).
    reference: Option<reference::Reference>,
}

/// The number of the page each heading falls on when the PDF layout sets the document in the
/// same preset; the DOCX contents is pre-filled with these numbers, since LibreOffice shows a
/// field's cached result as it is and Word shows it until its update on open. The DOCX's
/// sections (`sections`) number and place the pages as the PDF does, so the numbers agree.
fn pages(laid: &crate::layout::Layout) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    for a in &laid.anchors {
        pages
            .entry(a.id.clone())
            .or_insert_with(|| laid.label(a.page));
    }
    pages
}

/// The face a style names for text in `element`: the first face of its role's chain, bold when
/// the face is bold or the look asks for bold (Word then synthesises it, as the PDF does).
fn typeface(fonts: &FontSet, style: &Style, element: Element) -> Typeface {
    let look = style.look(element);
    let face = fonts.face(fonts.primary(look.role, look.bold));
    Typeface {
        family: face.family.clone(),
        bold: face.bold || look.bold,
    }
}

/// The face of each style, from the presentation plan: the faces the subsets were cut for.
fn faces(fonts: &FontSet, style: &Style, subsets: &Subsets) -> Faces {
    let body = typeface(fonts, style, Element::Body);
    // Code: Latin text in the code role's face (the bundled monospace unless one was given) when
    // the document embeds it, else in Courier New, which every system maps to a metric-compatible
    // face; East Asian text in the face the code chain falls to for CJK, as the subsets were cut.
    let code = style.look(Element::Code);
    let latin = fonts.primary(code.role, false);
    let mono_latin = if subsets.by_face.contains_key(&latin) {
        fonts.face(latin).family.clone()
    } else {
        "Courier New".to_string()
    };
    let cjk = fonts
        .pick(code.role, false, '中')
        .unwrap_or_else(|| fonts.primary(code.role, false));
    let face = fonts.face(cjk);
    let mono = Typeface {
        family: face.family.clone(),
        bold: face.bold,
    };
    Faces {
        title: typeface(fonts, style, Element::Title),
        headings: std::array::from_fn(|i| typeface(fonts, style, Element::Heading(i as u8 + 1))),
        toc_title: typeface(fonts, style, Element::TocTitle),
        body,
        mono,
        mono_latin,
        roles: Role::ALL
            .iter()
            .flat_map(|&role| {
                [false, true].map(|bold| {
                    let face = fonts.face(fonts.primary(role, bold));
                    Typeface {
                        family: face.family.clone(),
                        bold: face.bold || bold,
                    }
                })
            })
            .collect(),
    }
}

/// The subsets cut again, each with every character of the document its face covers.
fn widen(ctx: &Context) -> Result<Vec<Subset>, Error> {
    let chars: std::collections::BTreeSet<char> = ctx
        .subsets
        .by_face
        .values()
        .flat_map(|s| s.chars.iter().copied())
        .collect();
    ctx.subsets
        .by_face
        .keys()
        .map(|&id| Subset::new(id, ctx.fonts.face(id), chars.clone()))
        .collect()
}

/// The embedded families: each subset goes to its face's family, as the regular or bold face.
fn families<'a>(
    ctx: &Context<'a>,
    subsets: &[&'a Subset],
    warnings: &mut Vec<Warning>,
) -> Vec<Family<'a>> {
    let mut by_name: BTreeMap<String, Family<'a>> = BTreeMap::new();
    for subset in subsets {
        let face = ctx.fonts.face(subset.face);
        // Word embeds TrueType outlines only (ECMA-376 Part 1, §17.8.1); a CFF face still
        // travels for LibreOffice and WPS, but Word will substitute it.
        if face.cff {
            warnings.push(Warning::info(format!(
                "docx: {} has CFF outlines, which Word does not use from an embedded font",
                face.postscript_name
            )));
        }
        let family = by_name
            .entry(face.family.clone())
            .or_insert_with(|| Family {
                name: face.family.clone(),
                regular: None,
                bold: None,
                ranges: [0; 4],
            });
        for (bits, more) in family
            .ranges
            .iter_mut()
            .zip(embed::unicode_ranges(subset.chars.iter().copied()))
        {
            *bits |= more;
        }
        if !embed::may_embed(face, warnings) {
            continue;
        }
        let slot = if face.bold {
            &mut family.bold
        } else {
            &mut family.regular
        };
        slot.get_or_insert(subset.ttf.as_slice());
    }
    by_name.into_values().collect()
}

/// Builds the package.
fn build(doc: &Document, setup: &Setup) -> Result<Warned<Vec<u8>>, Error> {
    let style = setup.style;
    let lang = Lang::of(&doc.meta.lang);
    let mut w = Writer::new(doc, style, setup.fonts, &setup.faces, &setup.pages);
    // The blocks before the title (an official document's 版头), the title, the rest.
    let (head, body) = doc.blocks.split_at(doc.before_title());
    if w.gongwen() {
        w.gongwen_head(head);
        w.gongwen_title();
        // The last section: the body's, or the 版记 on an even page of its own.
        w.section = w.gongwen_blocks(body, setup.colophon_pages, setup.colophon_runs_over);
    } else {
        // The front matter in a section of its own, numbered apart from the body.
        let front = w.has_front();
        if front {
            w.open_front();
        }
        w.blocks(head, Place::Body);
        w.front(&doc.meta);
        if style.toc {
            w.toc();
        }
        if front {
            w.open_body();
        }
        w.blocks(body, Place::Body);
    }
    w.end_notes();
    if w.last_was_table || w.out.ends_with("<w:body>") {
        w.out.push_str("<w:p/>");
    }

    let chapter = w.chapter_head.and_then(|k| w.footers.get(k));
    w.out
        .push_str(&page::section(style, &w.footers, w.section, chapter));
    let mut footers = std::mem::take(&mut w.footers);
    w.out.push_str("</w:body></w:document>");

    // With a reference: its styles (ours merged in by name), page, headers and footers.
    let mut styles_xml = styles::styles_xml(style, &setup.faces, &lang);
    let mut theme = theme::theme_xml(&setup.faces.headings[0].family, &setup.faces.body.family);
    let mut even_and_odd = page::even_and_odd(style);
    if let Some(r) = &setup.reference {
        let merged = styles::merge(&r.styles, &r.theme_fonts, style, &setup.faces, &lang)
            .ok_or_else(|| {
                Error::Write(format!(
                    "{}: its word/styles.xml cannot be read",
                    r.path.display()
                ))
            })?;
        w.warnings.push(Warning::info(format!(
            "reference DOCX: its styles used: {}",
            merged.used.join(", ")
        )));
        if !merged.missing.is_empty() {
            w.warnings.push(Warning::info(format!(
                "reference DOCX: missing, ours added: {}",
                merged.missing.join(", ")
            )));
        }
        if !merged.ignored.is_empty() {
            // A template made in Word defines some 150 styles: the first few tell the story.
            let shown: Vec<&str> = merged.ignored.iter().take(12).map(String::as_str).collect();
            w.warnings.push(Warning::info(format!(
                "reference DOCX: {} of its styles not used (kept): {}{}",
                merged.ignored.len(),
                shown.join(", "),
                if merged.ignored.len() > shown.len() {
                    ", …"
                } else {
                    ""
                }
            )));
        }
        w.out = reference::sections(&styles::rename(&w.out, &merged.ids), r);
        w.notes = styles::rename(&w.notes, &merged.ids);
        for f in &mut footers {
            f.xml = styles::rename(&f.xml, &merged.ids);
        }
        styles_xml = merged.xml;
        if let Some(t) = &r.theme {
            theme = t.clone();
        }
        if r.has_footers() {
            footers.clear();
        }
        even_and_odd |= r.even_and_odd;
    }

    let fonts = embed::font_table(&setup.families, lang.charset);
    let mut numbering = w.numbering.xml(w.m.em);
    // The reference's numbering (its headings' or lists' styles refer to it) joins ours.
    if let Some(theirs) = setup
        .reference
        .as_ref()
        .and_then(|r| r.numbering.as_deref())
    {
        numbering = reference::numbering(numbering.as_deref(), theirs);
        styles_xml = reference::renumber(&styles_xml);
    }
    let has_notes = w.note_count > 0;

    let mut doc_rels = vec![
        part_rel("rIdStyles", "styles", "styles.xml"),
        part_rel("rIdTheme", "theme", "theme/theme1.xml"),
        part_rel("rIdSettings", "settings", "settings.xml"),
        part_rel("rIdFontTable", "fontTable", "fontTable.xml"),
    ];
    if numbering.is_some() {
        doc_rels.push(part_rel("rIdNumbering", "numbering", "numbering.xml"));
    }
    if has_notes {
        doc_rels.push(part_rel("rIdFootnotes", "footnotes", "footnotes.xml"));
    }
    for f in &footers {
        let target = f.path.trim_start_matches("word/").to_string();
        doc_rels.push(Rel {
            id: f.rel_id.clone(),
            kind: f.part(),
            target,
            external: false,
        });
    }
    doc_rels.append(&mut w.rels[0]);
    if let Some(r) = &setup.reference {
        doc_rels.extend(r.rels.iter().cloned());
    }

    let settings = package::settings_xml(&package::Settings {
        embed_fonts: !fonts.parts.is_empty(),
        mirror_margins: style.mirrored,
        even_and_odd,
        footnotes: has_notes,
        update_fields: style.toc && !crate::style::plan::contents(doc, style).is_empty(),
        tab_stop: 2 * w.m.em,
        lang: (lang.latin, &lang.east_asia),
    });

    let mut parts = vec![
        Part::xml("_rels/.rels", package::package_rels()),
        Part::xml(
            "docProps/core.xml",
            package::core_xml(&doc.meta, &lang.east_asia, setup.epoch),
        ),
        Part::xml("docProps/app.xml", package::app_xml()),
        Part::xml("word/document.xml", std::mem::take(&mut w.out)),
        Part::xml("word/_rels/document.xml.rels", package::rels_xml(&doc_rels)),
        Part::xml("word/styles.xml", styles_xml),
        Part::xml("word/theme/theme1.xml", theme),
        Part::xml("word/settings.xml", settings),
        Part::xml("word/fontTable.xml", fonts.xml),
    ];
    if let Some(rels) = fonts.rels {
        parts.push(Part::xml("word/_rels/fontTable.xml.rels", rels));
    }
    if let Some(numbering) = numbering {
        parts.push(Part::xml("word/numbering.xml", numbering));
    }
    if has_notes {
        parts.push(Part::xml("word/footnotes.xml", w.footnotes_xml()));
        if !w.rels[1].is_empty() {
            parts.push(Part::xml(
                "word/_rels/footnotes.xml.rels",
                package::rels_xml(&w.rels[1]),
            ));
        }
    }
    for f in footers {
        parts.push(Part::xml(f.path, f.xml));
    }
    parts.extend(fonts.parts.into_iter().map(|f| Part {
        path: f.path,
        data: f.data,
    }));
    parts.append(&mut w.media);
    if let Some(r) = setup.reference.as_ref() {
        parts.extend(r.parts.iter().map(|p| Part {
            path: p.path.clone(),
            data: p.data.clone(),
        }));
    }
    parts.insert(
        0,
        Part::xml("[Content_Types].xml", package::content_types(&parts)),
    );

    Ok(Warned {
        value: package::zip(&parts, setup.epoch)?,
        warnings: w.warnings,
    })
}

fn part_rel(rel_id: &str, kind: &'static str, target: &str) -> Rel {
    Rel {
        id: rel_id.to_string(),
        kind,
        target: target.to_string(),
        external: false,
    }
}

#[cfg(test)]
mod tests;
