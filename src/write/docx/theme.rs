//! `word/theme/theme1.xml`: the theme part Word writes into every document. Word, LibreOffice
//! and schema checkers expect one (ECMA-376 Part 1, §14.2.7); its font scheme names our faces,
//! so that a user who picks the theme's "Headings" or "Body" font in Word gets them.

use super::xml::escape;

/// The theme, with `heading` (major) and `body` (minor) as both the Latin and East Asian faces.
pub(super) fn theme_xml(heading: &str, body: &str) -> String {
    let colours = [
        ("dk1", "<a:sysClr val=\"windowText\" lastClr=\"000000\"/>"),
        ("lt1", "<a:sysClr val=\"window\" lastClr=\"FFFFFF\"/>"),
        ("dk2", "<a:srgbClr val=\"44546A\"/>"),
        ("lt2", "<a:srgbClr val=\"E7E6E6\"/>"),
        ("accent1", "<a:srgbClr val=\"4472C4\"/>"),
        ("accent2", "<a:srgbClr val=\"ED7D31\"/>"),
        ("accent3", "<a:srgbClr val=\"A5A5A5\"/>"),
        ("accent4", "<a:srgbClr val=\"FFC000\"/>"),
        ("accent5", "<a:srgbClr val=\"5B9BD5\"/>"),
        ("accent6", "<a:srgbClr val=\"70AD47\"/>"),
        ("hlink", "<a:srgbClr val=\"0563C1\"/>"),
        ("folHlink", "<a:srgbClr val=\"954F72\"/>"),
    ];
    let mut out = String::with_capacity(4096);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"cjkpress\">\
         <a:themeElements><a:clrScheme name=\"cjkpress\">",
    );
    for (name, colour) in colours {
        out.push_str(&format!("<a:{name}>{colour}</a:{name}>"));
    }
    out.push_str("</a:clrScheme><a:fontScheme name=\"cjkpress\">");
    for (tag, face) in [("majorFont", heading), ("minorFont", body)] {
        let face = escape(face);
        out.push_str(&format!(
            "<a:{tag}><a:latin typeface=\"{face}\"/><a:ea typeface=\"{face}\"/><a:cs typeface=\"\"/></a:{tag}>"
        ));
    }
    out.push_str("</a:fontScheme><a:fmtScheme name=\"cjkpress\">");
    // The format scheme's four lists each take at least three entries (§20.1.4.1.14).
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let three = |open: &str, item: &str, close: &str| format!("{open}{}{close}", item.repeat(3));
    out.push_str(&three("<a:fillStyleLst>", fill, "</a:fillStyleLst>"));
    out.push_str(&three(
        "<a:lnStyleLst>",
        &format!("<a:ln w=\"6350\">{fill}</a:ln>"),
        "</a:lnStyleLst>",
    ));
    out.push_str(&three(
        "<a:effectStyleLst>",
        "<a:effectStyle><a:effectLst/></a:effectStyle>",
        "</a:effectStyleLst>",
    ));
    out.push_str(&three("<a:bgFillStyleLst>", fill, "</a:bgFillStyleLst>"));
    out.push_str(
        "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::docx::styles::ThemeFonts;

    #[test]
    fn the_font_scheme_names_our_faces() {
        let xml = theme_xml("Noto Serif SC", "A & B");
        let fonts = ThemeFonts::of(&xml);
        assert_eq!(fonts.major[0], "Noto Serif SC");
        assert_eq!(fonts.minor[1], "A &amp; B");
        assert_eq!(xml.matches("<a:effectStyle>").count(), 3);
    }
}
