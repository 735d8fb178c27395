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
mod inline;
mod numbering;
mod package;
mod page;
mod props;
mod styles;
mod xml;

use std::collections::BTreeMap;

use crate::font::{FontSet, Role, Source};
use crate::model::Document;
use crate::style::Style;
use crate::{Context, Error, Warned, Warning};

use body::{Place, Writer};
use embed::Family;
use package::{Part, Rel};
use styles::{Faces, Lang, Typeface};

/// Writes `doc` as DOCX.
pub fn write(doc: &Document, ctx: &Context) -> Result<Warned<Vec<u8>>, Error> {
    let mut warnings = Vec::new();
    let setup = Setup {
        style: ctx.style,
        fonts: ctx
            .fonts
            .faces()
            .any(|(_, f)| f.source != Source::Bundled)
            .then_some(ctx.fonts),
        faces: faces(ctx.fonts, ctx.style),
        families: families(ctx, &mut warnings),
        epoch: ctx.epoch,
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
}

/// The primary face of a role, as a style names it. `bold` is bold markup; a role's own weight
/// (the bundled Bold for headings and the title) is the font set's choice.
fn typeface(fonts: &FontSet, role: Role, bold: bool) -> Typeface {
    let face = fonts.face(fonts.primary(role, bold));
    Typeface {
        family: face.family.clone(),
        bold: face.bold,
    }
}

/// The face of each style: the faces `Subsets::build` cut for the same text (title and body in
/// their roles, headings and run-in leads in their level's role, bold).
fn faces(fonts: &FontSet, style: &Style) -> Faces {
    let body = typeface(fonts, style.body_role, false);
    let mono = typeface(fonts, Role::Mono, false);
    // With no monospaced face of its own, code keeps its CJK text in the mono role's face and
    // sets Latin text in Courier New, which every system maps to a metric-compatible face.
    let mono_latin = if mono.family == body.family {
        "Courier New".to_string()
    } else {
        mono.family.clone()
    };
    Faces {
        title: typeface(fonts, style.title_role, false),
        headings: std::array::from_fn(|i| typeface(fonts, style.heading_roles[i], true)),
        body,
        mono,
        mono_latin,
    }
}

/// The embedded families: each subset goes to its face's family, as the regular or bold face.
fn families<'a>(ctx: &Context<'a>, warnings: &mut Vec<Warning>) -> Vec<Family<'a>> {
    let mut by_name: BTreeMap<String, Family<'a>> = BTreeMap::new();
    for (face_id, subset) in &ctx.subsets.by_face {
        let face = ctx.fonts.face(*face_id);
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
    let mut w = Writer::new(doc, style, setup.fonts);
    w.front(&doc.meta);
    if style.toc {
        w.toc();
    }
    w.blocks(&doc.blocks, Place::Body);
    if w.last_was_table || w.out.ends_with("<w:body>") {
        w.out.push_str("<w:p/>");
    }

    let footers = page::footers(style);
    w.out.push_str(&page::section(style, &footers));
    w.out.push_str("</w:body></w:document>");

    let fonts = embed::font_table(&setup.families, lang.charset);
    let numbering = w.numbering.xml(w.m.em);
    let has_notes = w.note_count > 0;
    let unused = doc.notes.len().saturating_sub(w.notes_used.len());
    if unused > 0 {
        w.warnings.push(Warning::info(format!(
            "docx: {unused} footnote(s) never referenced in the text are left out"
        )));
    }

    let mut doc_rels = vec![
        part_rel("rIdStyles", "styles", "styles.xml"),
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
            kind: "footer",
            target,
            external: false,
        });
    }
    doc_rels.append(&mut w.rels[0]);

    let settings = package::settings_xml(&package::Settings {
        embed_fonts: !fonts.parts.is_empty(),
        even_and_odd: page::even_and_odd(style),
        footnotes: has_notes,
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
        Part::xml(
            "word/styles.xml",
            styles::styles_xml(style, &setup.faces, &lang),
        ),
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
