//! Paragraph and run properties, written in the order ECMA-376 Part 1 fixes for `w:pPr`
//! (§17.3.1.26, `CT_PPrBase`) and `w:rPr` (§17.3.2.28, `EG_RPrBase`). Word silently drops a
//! property that comes out of sequence, so every `w:pPr`/`w:rPr` of the package is made here.

use std::fmt::Write as _;

use super::xml::escape_into;

/// `w:spacing`: space before and after in twips, and the line height.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Spacing {
    /// Space before, twips.
    pub before: Option<i64>,
    /// Space after, twips.
    pub after: Option<i64>,
    /// Line height and its rule.
    pub line: Option<Line>,
}

/// A line height (`w:line` with `w:lineRule`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Line {
    /// Exactly this many twips: the fixed line pitch of the PDF.
    Exact(i64),
    /// A multiple of single spacing, in 240ths.
    Auto(i64),
    /// At least this many twips: the line grows for what stands over it (ruby).
    AtLeast(i64),
}

/// `w:ind`. The `*_chars` values are hundredths of a character and win over twips where they are
/// understood (Word, WPS, LibreOffice); the twips are the fallback for everything else.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Ind {
    /// Left (start) indent, twips.
    pub left: Option<i64>,
    /// Left indent in hundredths of a character.
    pub left_chars: Option<i64>,
    /// Right (end) indent, twips.
    pub right: Option<i64>,
    /// Right indent in hundredths of a character.
    pub right_chars: Option<i64>,
    /// Hanging indent, twips.
    pub hanging: Option<i64>,
    /// First-line indent, twips.
    pub first_line: Option<i64>,
    /// First-line indent in hundredths of a character.
    pub first_line_chars: Option<i64>,
}

/// One side of a paragraph border (`w:pBdr`): a single line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Border<'a> {
    /// Width in eighths of a point (`w:sz`).
    pub eighths: u32,
    /// Hex RGB, or `auto`.
    pub color: &'a str,
}

/// Paragraph properties.
#[derive(Debug, Clone, Default)]
pub(super) struct PPr<'a> {
    /// `w:pStyle`.
    pub style: Option<&'a str>,
    /// `w:keepNext`.
    pub keep_next: bool,
    /// `w:keepLines`.
    pub keep_lines: bool,
    /// `w:pageBreakBefore`.
    pub page_break_before: bool,
    /// `w:widowControl`.
    pub widow_control: Option<bool>,
    /// `w:numPr`: numbering instance and level.
    pub num: Option<(u32, u32)>,
    /// A thin rule below the paragraph (`w:pBdr/w:bottom`).
    pub rule_below: bool,
    /// Rules above and below the paragraph (`w:pBdr`); `rule_below` wins below.
    pub border_top: Option<Border<'a>>,
    /// See `border_top`.
    pub border_bottom: Option<Border<'a>>,
    /// Background fill, hex RGB (`w:shd`).
    pub fill: Option<&'a str>,
    /// A right-aligned tab stop with dot leaders at this position, twips from the left margin
    /// (`w:tabs`): where contents entries set their page numbers.
    pub leader_tab: Option<i64>,
    /// A right-aligned tab stop without leaders at this many twips (`w:tabs`).
    pub tab_right: Option<i64>,
    /// `w:snapToGrid`.
    pub snap_to_grid: Option<bool>,
    /// `w:spacing`.
    pub spacing: Option<Spacing>,
    /// `w:ind`.
    pub ind: Option<Ind>,
    /// `w:contextualSpacing`.
    pub contextual_spacing: bool,
    /// `w:jc`: `left`, `center`, `right`, `both`.
    pub jc: Option<&'a str>,
    /// `w:outlineLvl` (0-based; 9 is body text).
    pub outline: Option<u8>,
}

impl PPr<'_> {
    /// Appends `<w:pPr>…</w:pPr>`, or nothing when no property is set.
    pub fn write(&self, out: &mut String) {
        let start = out.len();
        out.push_str("<w:pPr>");
        let empty = out.len();
        if let Some(s) = self.style {
            out.push_str("<w:pStyle w:val=\"");
            escape_into(out, s);
            out.push_str("\"/>");
        }
        flag(out, self.keep_next, "<w:keepNext/>");
        flag(out, self.keep_lines, "<w:keepLines/>");
        flag(out, self.page_break_before, "<w:pageBreakBefore/>");
        on_off(out, "widowControl", self.widow_control);
        if let Some((num, level)) = self.num {
            let _ = write!(
                out,
                "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr>"
            );
        }
        let thin = Border {
            eighths: 6,
            color: "auto",
        };
        let bottom = if self.rule_below {
            Some(thin)
        } else {
            self.border_bottom
        };
        if self.border_top.is_some() || bottom.is_some() {
            out.push_str("<w:pBdr>");
            for (side, b) in [("top", self.border_top), ("bottom", bottom)] {
                if let Some(b) = b {
                    let _ = write!(
                        out,
                        "<w:{side} w:val=\"single\" w:sz=\"{}\" w:space=\"1\" w:color=\"{}\"/>",
                        b.eighths, b.color
                    );
                }
            }
            out.push_str("</w:pBdr>");
        }
        if let Some(fill) = self.fill {
            let _ = write!(
                out,
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
            );
        }
        if let Some(pos) = self.leader_tab {
            let _ = write!(
                out,
                "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{pos}\"/></w:tabs>"
            );
        } else if let Some(pos) = self.tab_right {
            let _ = write!(
                out,
                "<w:tabs><w:tab w:val=\"right\" w:pos=\"{pos}\"/></w:tabs>"
            );
        }
        on_off(out, "snapToGrid", self.snap_to_grid);
        if let Some(s) = self.spacing {
            out.push_str("<w:spacing");
            attr(out, "w:before", s.before);
            attr(out, "w:after", s.after);
            match s.line {
                Some(Line::Exact(t)) => {
                    let _ = write!(out, " w:line=\"{t}\" w:lineRule=\"exact\"");
                }
                Some(Line::Auto(t)) => {
                    let _ = write!(out, " w:line=\"{t}\" w:lineRule=\"auto\"");
                }
                Some(Line::AtLeast(t)) => {
                    let _ = write!(out, " w:line=\"{t}\" w:lineRule=\"atLeast\"");
                }
                None => {}
            }
            out.push_str("/>");
        }
        if let Some(i) = self.ind {
            out.push_str("<w:ind");
            attr(out, "w:left", i.left);
            attr(out, "w:leftChars", i.left_chars);
            attr(out, "w:right", i.right);
            attr(out, "w:rightChars", i.right_chars);
            attr(out, "w:hanging", i.hanging);
            attr(out, "w:firstLine", i.first_line);
            attr(out, "w:firstLineChars", i.first_line_chars);
            out.push_str("/>");
        }
        flag(out, self.contextual_spacing, "<w:contextualSpacing/>");
        if let Some(jc) = self.jc {
            let _ = write!(out, "<w:jc w:val=\"{jc}\"/>");
        }
        if let Some(level) = self.outline {
            let _ = write!(out, "<w:outlineLvl w:val=\"{level}\"/>");
        }
        if out.len() == empty {
            out.truncate(start);
        } else {
            out.push_str("</w:pPr>");
        }
    }
}

/// Run properties.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct RPr<'a> {
    /// `w:rStyle`: a character style.
    pub style: Option<&'a str>,
    /// `w:rFonts`: the Latin and the East Asian family.
    pub fonts: Option<(&'a str, &'a str)>,
    /// `w:b` and `w:bCs`.
    pub bold: bool,
    /// `w:i` and `w:iCs`.
    pub italic: bool,
    /// `w:strike`.
    pub strike: bool,
    /// `w:color`, hex RGB.
    pub color: Option<&'a str>,
    /// `w:w`: character width in per cent of the normal width.
    pub scale: Option<i64>,
    /// `w:position`: the text raised (or lowered) from the baseline, in half-points.
    pub position: Option<i64>,
    /// `w:sz` and `w:szCs`, half-points.
    pub size: Option<i64>,
    /// `w:u`.
    pub underline: Option<&'a str>,
    /// `w:vertAlign`: `superscript` or `subscript`.
    pub vert_align: Option<&'a str>,
    /// `w:em`: the East Asian emphasis mark (`dot`, `comma`, `circle`).
    pub emphasis_mark: Option<&'a str>,
    /// `w:lang`: the Latin and the East Asian language.
    pub lang: Option<(&'a str, &'a str)>,
    /// `w:eastAsianLayout w:vert` with this id: the run set upright across a vertical line, in
    /// one character cell (縦中横; ECMA-376 Part 1, §17.3.2.10).
    pub upright: Option<u32>,
}

impl RPr<'_> {
    /// Appends `<w:rPr>…</w:rPr>`, or nothing when no property is set.
    pub fn write(&self, out: &mut String) {
        if *self == RPr::default() {
            return;
        }
        out.push_str("<w:rPr>");
        if let Some(s) = self.style {
            out.push_str("<w:rStyle w:val=\"");
            escape_into(out, s);
            out.push_str("\"/>");
        }
        if let Some((latin, east_asia)) = self.fonts {
            out.push_str("<w:rFonts w:ascii=\"");
            escape_into(out, latin);
            out.push_str("\" w:hAnsi=\"");
            escape_into(out, latin);
            out.push_str("\" w:eastAsia=\"");
            escape_into(out, east_asia);
            out.push_str("\" w:cs=\"");
            escape_into(out, latin);
            // Quotation marks, dashes and ellipses are shared by both scripts; in a CJK document
            // they take the East Asian font and width (§17.3.2.26, `w:hint`).
            out.push_str("\" w:hint=\"eastAsia\"/>");
        }
        flag(out, self.bold, "<w:b/><w:bCs/>");
        flag(out, self.italic, "<w:i/><w:iCs/>");
        flag(out, self.strike, "<w:strike/>");
        if let Some(c) = self.color {
            let _ = write!(out, "<w:color w:val=\"{c}\"/>");
        }
        // In the order of CT_RPr (ECMA-376 Part 1, §17.3.2.28): w, position, sz.
        if let Some(w) = self.scale {
            let _ = write!(out, "<w:w w:val=\"{w}\"/>");
        }
        if let Some(p) = self.position {
            let _ = write!(out, "<w:position w:val=\"{p}\"/>");
        }
        if let Some(sz) = self.size {
            let _ = write!(out, "<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>");
        }
        if let Some(u) = self.underline {
            let _ = write!(out, "<w:u w:val=\"{u}\"/>");
        }
        if let Some(v) = self.vert_align {
            let _ = write!(out, "<w:vertAlign w:val=\"{v}\"/>");
        }
        if let Some(em) = self.emphasis_mark {
            let _ = write!(out, "<w:em w:val=\"{em}\"/>");
        }
        if let Some((latin, east_asia)) = self.lang {
            let _ = write!(
                out,
                "<w:lang w:val=\"{latin}\" w:eastAsia=\"{east_asia}\"/>"
            );
        }
        if let Some(id) = self.upright {
            // `vertCompress` keeps the line's width: the digits shrink into the cell, as Word's
            // 縦中横 "fit in line" does.
            let _ = write!(
                out,
                "<w:eastAsianLayout w:id=\"{id}\" w:vert=\"1\" w:vertCompress=\"1\"/>"
            );
        }
        out.push_str("</w:rPr>");
    }
}

fn flag(out: &mut String, on: bool, xml: &str) {
    if on {
        out.push_str(xml);
    }
}

fn on_off(out: &mut String, name: &str, value: Option<bool>) {
    match value {
        Some(true) => {
            let _ = write!(out, "<w:{name}/>");
        }
        Some(false) => {
            let _ = write!(out, "<w:{name} w:val=\"0\"/>");
        }
        None => {}
    }
}

fn attr(out: &mut String, name: &str, value: Option<i64>) {
    if let Some(v) = value {
        let _ = write!(out, " {name}=\"{v}\"");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_properties_follow_the_schema_sequence() {
        let mut out = String::new();
        PPr {
            style: Some("BodyText"),
            num: Some((3, 1)),
            jc: Some("both"),
            ind: Some(Ind {
                first_line: Some(480),
                first_line_chars: Some(200),
                ..Ind::default()
            }),
            keep_next: true,
            outline: Some(1),
            ..PPr::default()
        }
        .write(&mut out);
        assert_eq!(
            out,
            "<w:pPr><w:pStyle w:val=\"BodyText\"/><w:keepNext/><w:numPr><w:ilvl w:val=\"1\"/>\
             <w:numId w:val=\"3\"/></w:numPr><w:ind w:firstLine=\"480\" w:firstLineChars=\"200\"/>\
             <w:jc w:val=\"both\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
        );
        let mut empty = String::new();
        PPr::default().write(&mut empty);
        assert_eq!(empty, "");
    }

    #[test]
    fn run_properties_follow_the_schema_sequence() {
        let mut out = String::new();
        RPr {
            style: Some("Strong"),
            fonts: Some(("Noto Serif SC", "Noto Serif SC")),
            bold: true,
            size: Some(24),
            emphasis_mark: Some("dot"),
            lang: Some(("en-US", "zh-CN")),
            upright: Some(1),
            ..RPr::default()
        }
        .write(&mut out);
        let order = [
            "w:rStyle",
            "w:rFonts",
            "<w:b/>",
            "w:sz ",
            "w:em ",
            "w:lang ",
            "w:eastAsianLayout ",
        ];
        let at: Vec<usize> = order.iter().map(|t| out.find(t).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{out}");
    }
}
