//! An official document's elements (GB/T 9704-2012 §7) as HTML around the body, with the rules
//! of the print stylesheet that place them: the 版头 with its red mark and rule, the 主送机关,
//! the closing (attachment list, signature and date, note) and the 版记 between its rules.
//! What the elements say comes from `crate::gongwen`; their sizes and faces from the plan.

use crate::gongwen;
use crate::model::{Block, Document};
use crate::style::plan::{ISSUER_TOP, NUMBER_RULE_GAP};
use crate::style::{Element, Preset, Style};
use crate::write::css::Fonts;
use crate::write::xhtml::text;

/// Whether `doc` is written as an official document.
pub fn applies(doc: &Document, style: &Style) -> bool {
    style.preset == Preset::Gongwen && !doc.meta.gongwen.is_empty()
}

/// Where the attachments start in the body: the closing goes before them (§7.3.7).
pub fn split(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .position(gongwen::is_attachment_head)
        .unwrap_or(blocks.len())
}

fn line(out: &mut String, class: &str, content: &str) {
    out.push_str(&format!("<p class=\"{class}\">{}</p>\n", text(content)));
}

/// The 版头, before the title.
pub fn head(doc: &Document) -> String {
    let g = &doc.meta.gongwen;
    let mut out = String::from("<div class=\"gw-head\">\n");
    if let Some(n) = gongwen::copy_number(g) {
        line(&mut out, "gw-corner", &n);
    }
    for t in [&g.secrecy, &g.urgency].into_iter().flatten() {
        line(&mut out, "gw-corner gw-hei", t);
    }
    if let Some(issuer) = &g.issuer {
        line(&mut out, "gw-issuer", issuer);
    }
    let number = g.number.as_deref().map(gongwen::number).unwrap_or_default();
    match gongwen::signer_line(g) {
        Some((label, names)) => out.push_str(&format!(
            "<p class=\"gw-number gw-upward\"><span>{}</span><span>{}<span class=\"gw-kai\">{}</span></span></p>\n",
            text(&number),
            text(label),
            text(&names)
        )),
        None if !number.is_empty() => line(&mut out, "gw-number", &number),
        None => {}
    }
    out.push_str("</div>\n");
    out
}

/// The 主送机关, after the title.
pub fn recipients(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(to) = gongwen::recipients(&doc.meta.gongwen) {
        line(&mut out, "gw-recipients", &to);
    }
    out
}

/// The attachment list, the signature and date and the note, after the body.
pub fn closing(doc: &Document) -> String {
    let g = &doc.meta.gongwen;
    let mut out = String::new();
    let numbers = gongwen::attachment_numbers(g.attachments.len());
    if !g.attachments.is_empty() {
        out.push_str("<div class=\"gw-attachments\">");
        out.push_str(&format!(
            "<span>{}</span><ol>",
            text(gongwen::ATTACHMENT_LABEL)
        ));
        for (n, name) in numbers.iter().zip(&g.attachments) {
            out.push_str(&format!("<li>{}{}</li>", text(n), text(name)));
        }
        out.push_str("</ol></div>\n");
    }
    let date = doc.meta.date.as_deref().map(gongwen::date);
    if g.signature.is_some() || date.is_some() {
        out.push_str("<div class=\"gw-signed\">");
        for (class, t) in [("gw-signature", &g.signature), ("gw-date", &date)] {
            if let Some(t) = t {
                out.push_str(&format!("<p class=\"{class}\">{}</p>", text(t)));
            }
        }
        out.push_str("</div>\n");
    }
    if let Some(note) = gongwen::note(g) {
        line(&mut out, "gw-note", &note);
    }
    out
}

/// The 版记, at the end.
pub fn colophon(doc: &Document) -> String {
    let g = &doc.meta.gongwen;
    let cc = gongwen::cc_line(g);
    let printed = gongwen::print_line(g);
    if cc.is_none() && printed.is_none() {
        return String::new();
    }
    let mut out = String::from("<footer class=\"gw-colophon\">\n");
    if let Some(cc) = cc {
        line(&mut out, "gw-cc", &cc);
    }
    if let Some((office, day)) = printed {
        out.push_str(&format!(
            "<p class=\"gw-printed\"><span>{}</span><span>{}</span></p>\n",
            text(&office),
            text(&day)
        ));
    }
    out.push_str("</footer>\n");
    out
}

/// The elements' rules: §7.2.4's red mark 35 mm under the text block's top (in print), the red
/// rule 4 mm under the number, the signature and date four characters from the right, the
/// colophon's rules (thick, thin, thick) and 4号 lines.
pub fn css(doc: &Document, style: &Style, fonts: &Fonts) -> String {
    let red: String = gongwen::RED.iter().map(|b| format!("{b:02x}")).collect();
    let pt = |e: Element| style.look(e).size;
    let chars = doc
        .meta
        .gongwen
        .issuer
        .as_deref()
        .map_or(0, |i| i.chars().count());
    let measure = style.text_width() * crate::style::PT_PER_MM;
    let issuer = gongwen::issuer_size(chars, pt(Element::IssuerMark), measure);
    let mark = fonts.title.families.as_str();
    let hei = fonts.headings[0].families.as_str();
    format!(
        "\
.gw-head p {{ text-indent: 0; margin: 0; }}
.gw-hei {{ font-family: {hei}; }}
.gw-issuer {{ font-family: {mark}; font-size: min({issuer}pt, {vw}vw); white-space: nowrap; color: #{red}; text-align: center; line-height: 1.2; margin: 1em 0 2em !important; }}
.gw-number {{ text-align: center; padding-bottom: {gap}mm; border-bottom: 0.35mm solid #{red}; margin-bottom: 2em !important; }}
.gw-upward {{ display: flex; justify-content: space-between; padding-left: 1em; padding-right: 1em; }}
.gw-recipients {{ text-indent: 0; }}
.gw-attachments {{ display: flex; margin: 1em 0 0 2em; }}
.gw-attachments ol {{ list-style: none; margin: 0; padding: 0; }}
.gw-signed {{ margin: 3em 4em 0 auto; width: max-content; text-align: center; }}
.gw-signed p {{ text-indent: 0; margin: 0; }}
.gw-note {{ text-indent: 2em; }}
.gw-colophon {{ margin-top: 2em; border-top: 0.35mm solid; border-bottom: 0.35mm solid; font-size: {colophon}pt; }}
.gw-colophon p {{ text-indent: 0; margin: 0 1em; }}
.gw-cc {{ padding-left: 3em; text-indent: -3em !important; border-bottom: 0.25mm solid; margin: 0 !important; padding-right: 1em; }}
.gw-printed {{ display: flex; justify-content: space-between; }}
@media print {{
  .gw-issuer {{ margin-top: calc({top}mm - 3em) !important; }}
  .gw-colophon {{ break-inside: avoid; }}
}}
",
        colophon = pt(Element::Colophon),
        // On a narrow screen the mark keeps to one line, as on paper.
        vw = (90.0 / chars.max(1) as f32 * 10.0).floor() / 10.0,
        gap = NUMBER_RULE_GAP,
        top = ISSUER_TOP,
    )
}
