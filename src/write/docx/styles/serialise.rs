//! Style definitions as `word/styles.xml` text, in schema order.

use std::fmt::Write as _;

use super::super::props::RPr;
use super::super::xml::{DECLARATION, NS_W, half_points};
use super::defs::{Def, fonts};
use super::{Faces, Lang};
use crate::style::Style;

/// Our `w:docDefaults`: the body face and size and the languages, inherited by every style.
pub(super) fn defaults(style: &Style, faces: &Faces, lang: &Lang) -> String {
    let mut out = String::from("<w:docDefaults><w:rPrDefault>");
    RPr {
        fonts: fonts(&faces.body),
        bold: faces.body.bold,
        size: Some(half_points(style.body_size)),
        lang: Some((lang.latin, &lang.east_asia)),
        ..RPr::default()
    }
    .write(&mut out);
    out.push_str("</w:rPrDefault><w:pPrDefault/></w:docDefaults>");
    out
}

/// `word/styles.xml` with `defaults` and the styles `defs`.
pub(super) fn styles(defaults: &str, defs: &[Def]) -> String {
    let mut out = String::with_capacity(12 * 1024);
    out.push_str(DECLARATION);
    let _ = write!(out, "<w:styles xmlns:w=\"{NS_W}\">");
    out.push_str(defaults);
    for def in defs {
        out.push_str(&xml(def));
    }
    out.push_str("</w:styles>");
    out
}

/// One `w:style`.
pub(super) fn xml(def: &Def) -> String {
    let mut out = String::with_capacity(256);
    def.write(&mut out);
    out
}

impl Def<'_> {
    fn write(&self, out: &mut String) {
        let _ = write!(out, "<w:style w:type=\"{}\"", self.kind);
        if self.default {
            out.push_str(" w:default=\"1\"");
        }
        let _ = write!(
            out,
            " w:styleId=\"{}\"><w:name w:val=\"{}\"/>",
            self.id, self.name
        );
        if let Some(b) = self.based_on {
            let _ = write!(out, "<w:basedOn w:val=\"{b}\"/>");
        }
        if let Some(n) = self.next {
            let _ = write!(out, "<w:next w:val=\"{n}\"/>");
        }
        if let Some(l) = self.link {
            let _ = write!(out, "<w:link w:val=\"{l}\"/>");
        }
        if let Some(p) = self.ui_priority {
            let _ = write!(out, "<w:uiPriority w:val=\"{p}\"/>");
        }
        if self.semi_hidden {
            out.push_str("<w:semiHidden/><w:unhideWhenUsed/>");
        }
        if self.q_format {
            out.push_str("<w:qFormat/>");
        }
        self.ppr.write(out);
        self.rpr.write(out);
        out.push_str(self.table);
        out.push_str("</w:style>");
    }
}
