//! Inlines: runs in character styles, links, pictures and footnotes.

use std::fmt::Write as _;

use super::body::{BODY_NAMESPACES, Place, Writer};
use super::package::{Part, Rel};
use super::props::{PPr, RPr};
use super::styles::{Lang, id};
use super::xml::{DECLARATION, escape, escape_into};
use crate::error::Warning;
use crate::font::{FaceId, FontSet, Role};
use crate::layout::class::is_han;
use crate::model::{Inline, ruby_pairs};
use crate::write::upright;

/// English Metric Units per millimetre (DrawingML sizes).
const EMU_PER_MM: f64 = 36_000.0;
/// EMU per pixel at 96 dpi.
const EMU_PER_PX: f64 = 9_525.0;

/// The inline formatting in force, mapped to a character style plus what that style lacks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Marks {
    pub(super) strong: bool,
    pub(super) emph: bool,
    pub(super) strike: bool,
    pub(super) code: bool,
    pub(super) link: bool,
    /// The level of the run-in heading this text leads with.
    pub(super) lead: Option<u8>,
    /// Emphasis set in its own face (楷体 or bold, `style::Emphasis`), without the dots.
    pub(super) in_face: bool,
    /// A short number set upright in vertical text (`write::upright`).
    pub(super) upright: bool,
    /// A stand-in face's ideographs set to blend with the role's face: their size and raise in
    /// half-points ([`blend`]).
    pub(super) blend: Option<(i64, i64)>,
}

/// How a run of ideographs that face `face` draws for a role (and weight) at `size` points is set
/// to blend with the role's own face, as the PDF sets it (`FontSet::blend_scale`): its size and
/// raise in half-points. No spacing keeps its cell: the 公文's character grid does, and
/// LibreOffice centres the glyph in it (spacing after it left a gap on one side). `None` for the
/// role's own face and for a run that is not all ideographs.
pub(super) fn blend(
    fonts: &FontSet,
    (role, bold): (Role, bool),
    face: FaceId,
    text: &str,
    size: f32,
) -> Option<(i64, i64)> {
    if !text.chars().all(is_han) {
        return None;
    }
    let scale = fonts.blend_scale(role, bold, face);
    (scale != 1.0).then(|| {
        (
            (size * 2.0 * scale).round() as i64,
            (crate::layout::MIDDLE * size * (1.0 - scale) * 2.0).round() as i64,
        )
    })
}

impl Marks {
    pub(super) fn rpr(self) -> RPr<'static> {
        let style = if self.link {
            Some(id::HYPERLINK)
        } else if self.code {
            Some(id::INLINE_CODE)
        } else if let Some(level) = self.lead {
            Some(id::heading_char(level))
        } else if self.strong {
            Some(id::STRONG)
        } else if self.emph {
            Some(id::EMPHASIS)
        } else {
            None
        };
        RPr {
            style,
            bold: self.strong && style != Some(id::STRONG),
            emphasis_mark: if self.emph && self.in_face {
                (style == Some(id::EMPHASIS)).then_some("none")
            } else {
                (self.emph && style != Some(id::EMPHASIS)).then_some("underDot")
            },
            strike: self.strike,
            ..RPr::default()
        }
    }
}

impl<'a> Writer<'a> {
    pub(super) fn inlines(&mut self, inlines: &'a [Inline], marks: Marks) {
        let mut i = 0;
        while i < inlines.len() {
            match &inlines[i] {
                Inline::Text(t) => {
                    // Adjacent text nodes become one run.
                    let end = inlines[i..]
                        .iter()
                        .position(|x| !matches!(x, Inline::Text(_)))
                        .map_or(inlines.len(), |n| i + n);
                    if end == i + 1 {
                        self.text(t, marks);
                    } else {
                        let mut joined = String::new();
                        for x in &inlines[i..end] {
                            if let Inline::Text(t) = x {
                                joined.push_str(t);
                            }
                        }
                        self.text(&joined, marks);
                    }
                    i = end;
                    continue;
                }
                Inline::Emph(c) => self.inlines(
                    c,
                    Marks {
                        emph: true,
                        ..marks
                    },
                ),
                Inline::Strong(c) => self.inlines(
                    c,
                    Marks {
                        strong: true,
                        ..marks
                    },
                ),
                Inline::Strike(c) => self.inlines(
                    c,
                    Marks {
                        strike: true,
                        ..marks
                    },
                ),
                Inline::Code(t) => self.text(
                    t,
                    Marks {
                        code: true,
                        ..marks
                    },
                ),
                Inline::Link { url, inlines } => self.link(url, inlines, marks),
                Inline::Image { src, alt } => self.image(src, alt, marks),
                Inline::LineBreak => self.out.push_str("<w:r><w:br/></w:r>"),
                Inline::NoteRef { index } => self.footnote(*index, marks),
                Inline::Html(t) => self.text(t, marks),
                Inline::Ruby {
                    base, annotation, ..
                } => {
                    for (b, a) in ruby_pairs(base, annotation) {
                        self.ruby(b, a, marks);
                    }
                }
            }
            i += 1;
        }
    }

    /// Text in runs; in vertical text its short numbers are runs of their own, upright.
    pub(super) fn text(&mut self, text: &str, marks: Marks) {
        if text.is_empty() {
            return;
        }
        if self.style.vertical && !marks.code {
            for piece in upright::pieces(text) {
                match piece {
                    upright::Piece::Text(t) => self.faced_text(t, marks),
                    upright::Piece::Upright(digits) => self.faced_text(
                        digits,
                        Marks {
                            upright: true,
                            ..marks
                        },
                    ),
                }
            }
        } else {
            self.faced_text(text, marks);
        }
    }

    /// Text in runs. With user fonts, a stretch the style's face lacks gets the face that
    /// `Subsets::build` picked for it, so that it is drawn from an embedded subset too.
    fn faced_text(&mut self, text: &str, marks: Marks) {
        let Some(fonts) = self.fonts else {
            self.run(text, marks, None);
            return;
        };
        let bold = self.context.1 || marks.strong;
        // Emphasis whose face is not the body's (楷体, bold) names its face on every run.
        let in_face = marks.emph
            && !marks.code
            && fonts.primary(Role::Emphasis, false) != fonts.primary(self.context.0, false);
        let (role, marks) = if marks.code {
            (Role::Mono, marks)
        } else if in_face {
            (Role::Emphasis, Marks { in_face, ..marks })
        } else {
            (self.context.0, marks)
        };
        let primary = fonts.primary(role, bold);
        for (face, run) in fonts.runs(role, bold, text) {
            let family = face
                .filter(|&f| in_face || f != primary)
                .map(|f| fonts.face(f).family.as_str());
            let blend = face.and_then(|f| blend(fonts, (role, bold), f, run, self.text_size()));
            self.run(run, Marks { blend, ..marks }, family);
        }
    }

    /// The size in points of the text being written: a note's, or the context's.
    fn text_size(&self) -> f32 {
        if self.in_note {
            self.style.look(crate::style::Element::NoteText).size
        } else {
            self.context.2
        }
    }

    /// A ruby as Word's 拼音指南 writes it (ECMA-376 Part 1, §17.3.3.25): centred, the reading
    /// at half the base size and raised by about the base's height, tagged with the language
    /// so that Word offers its Chinese phonetic guide for it.
    fn ruby(&mut self, base: &str, annotation: &str, marks: Marks) {
        let base_hps = (self.text_size() * 2.0).round() as i64;
        if self.ruby_open.0 != base_hps || self.ruby_open.1.is_empty() {
            let hps = (base_hps / 2).max(1);
            let lang = Lang::of(&self.doc.meta.lang).east_asia;
            let open = &mut self.ruby_open.1;
            open.clear();
            let _ = write!(
                open,
                "<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val=\"center\"/><w:hps w:val=\"{hps}\"/>\
                 <w:hpsRaise w:val=\"{}\"/><w:hpsBaseText w:val=\"{base_hps}\"/><w:lid w:val=\"",
                base_hps - 2
            );
            escape_into(open, &lang);
            open.push_str("\"/></w:rubyPr><w:rt><w:r>");
            RPr {
                size: Some(hps),
                ..RPr::default()
            }
            .write(open);
            self.ruby_open.0 = base_hps;
        }
        self.out.push_str(&self.ruby_open.1);
        self.out.push_str("<w:t>");
        escape_into(&mut self.out, annotation);
        self.out.push_str("</w:t></w:r></w:rt><w:rubyBase>");
        self.text(base, marks);
        self.out.push_str("</w:rubyBase></w:ruby></w:r>");
    }

    /// One run: line feeds become `w:br`, tabs `w:tab` (a line feed inside `w:t` is whitespace
    /// to Word, and a stray one makes it report unreadable content).
    fn run(&mut self, text: &str, marks: Marks, family: Option<&str>) {
        if !marks.emph || marks.code || marks.in_face {
            self.one_run(text, marks, family, false);
            return;
        }
        // Emphasis marks go on the characters only: a space under `w:em` gets a mark of its
        // own (LibreOffice 7.4's PDF export draws marks at white space *only*: the stray dot in
        // every emphasised byline). Latin letters are set in italics, their own emphasis (clreq
        // §3.2.1), which is also what pandoc and mammoth read back as emphasis. Han text gets
        // no `w:i` for pandoc's sake: Word and LibreOffice would slant it. It keeps the
        // `Emphasis` style, which readers map by name (pandoc `docx+styles`).
        for (piece, kind) in emphasis_pieces(text) {
            match kind {
                Piece::Space => self.one_run(
                    piece,
                    Marks {
                        emph: false,
                        ..marks
                    },
                    family,
                    false,
                ),
                Piece::Latin => self.one_run(piece, marks, family, true),
                Piece::Marked => self.one_run(piece, marks, family, false),
            }
        }
    }

    /// One run; `latin` emphasised text is set in italics without the emphasis mark, which
    /// Word and LibreOffice would otherwise draw under every letter (§17.3.2.12: `w:em` marks
    /// every non-space character of the run), so `none` overrides the `Emphasis` style's mark.
    fn one_run(&mut self, text: &str, marks: Marks, family: Option<&str>, latin: bool) {
        self.out.push_str("<w:r>");
        let mut rpr = marks.rpr();
        if latin {
            rpr.italic = true;
            rpr.emphasis_mark = (rpr.style == Some(id::EMPHASIS)).then_some("none");
        }
        // Bold is a toggle property (ECMA-376 Part 1, §17.7.3): `Strong` inside a bold heading or
        // header row would turn bold off. There the text is bold already.
        if self.context.1 && rpr.style == Some(id::STRONG) {
            rpr.style = None;
        }
        if marks.upright {
            self.upright_count += 1;
            rpr.upright = Some(self.upright_count);
        }
        if let Some((size, position)) = marks.blend {
            rpr.size = Some(size);
            rpr.position = Some(position);
        }
        RPr {
            fonts: family.map(|f| (f, f)),
            ..rpr
        }
        .write(&mut self.out);
        for (k, line) in text.split('\n').enumerate() {
            if k > 0 {
                self.out.push_str("<w:br/>");
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            for (t, piece) in line.split('\t').enumerate() {
                if t > 0 {
                    self.out.push_str("<w:tab/>");
                }
                if piece.is_empty() {
                    continue;
                }
                let preserve = piece.starts_with(char::is_whitespace)
                    || piece.ends_with(char::is_whitespace)
                    || piece.contains("  ");
                self.out.push_str(if preserve {
                    "<w:t xml:space=\"preserve\">"
                } else {
                    "<w:t>"
                });
                escape_into(&mut self.out, piece);
                self.out.push_str("</w:t>");
            }
        }
        self.out.push_str("</w:r>");
    }

    /// A link: to a heading's bookmark when it names one (`#id`), otherwise to its URL.
    fn link(&mut self, url: &str, inlines: &'a [Inline], marks: Marks) {
        let inner = Marks {
            link: true,
            ..marks
        };
        if let Some(fragment) = url.strip_prefix('#') {
            if let Some(name) = self.bookmarks.get(fragment).cloned() {
                self.out.push_str("<w:hyperlink w:anchor=\"");
                escape_into(&mut self.out, &name);
                self.out.push_str("\" w:history=\"1\">");
                self.inlines(inlines, inner);
                self.out.push_str("</w:hyperlink>");
            } else {
                self.warnings.push(Warning::info(format!(
                    "docx: link to #{fragment} names no heading; written as text"
                )));
                self.inlines(inlines, marks);
            }
            return;
        }
        if url.is_empty() {
            self.inlines(inlines, marks);
            return;
        }
        let rel = self.rel("hyperlink", url, true);
        let _ = write!(self.out, "<w:hyperlink r:id=\"{rel}\" w:history=\"1\">");
        self.inlines(inlines, inner);
        self.out.push_str("</w:hyperlink>");
    }

    /// The relationship id of `target` from the part being written, made on first use.
    fn rel(&mut self, kind: &'static str, target: &str, external: bool) -> String {
        let part = usize::from(self.in_note);
        if let Some(id) = self.rel_ids.get(&(part, target.to_string())) {
            return id.clone();
        }
        let id = format!("rId{}", self.rels[0].len() + self.rels[1].len() + 1);
        self.rels[part].push(Rel {
            id: id.clone(),
            kind,
            target: target.to_string(),
            external,
        });
        self.rel_ids.insert((part, target.to_string()), id.clone());
        id
    }

    /// An inline picture (ECMA-376 Part 1, §20.4.2.8), at 96 dpi, scaled down to fit the text
    /// block. An image that could not be loaded leaves its alt text.
    fn image(&mut self, src: &'a str, alt: &str, marks: Marks) {
        let resource = self.doc.resources.get(src);
        let ext = match resource.map(|r| r.mime) {
            Some("image/png") => "png",
            Some("image/jpeg") => "jpeg",
            // Unloaded: `resources::load` has said why, once for every format.
            _ => {
                self.text(alt, marks);
                return;
            }
        };
        let Some(res) = resource else { return };
        let target = match self.media_paths.get(src) {
            Some(t) => t.clone(),
            None => {
                let n = self.media.len() + 1;
                self.media.push(Part {
                    path: format!("word/media/image{n}.{ext}"),
                    data: res.data.clone(),
                });
                let t = format!("media/image{n}.{ext}");
                self.media_paths.insert(src, t.clone());
                t
            }
        };
        let rel = self.rel("image", &target, false);
        let (w, h) = (
            f64::from(res.width.max(1)) * EMU_PER_PX,
            f64::from(res.height.max(1)) * EMU_PER_PX,
        );
        let max_w = f64::from(self.style.text_width()) * EMU_PER_MM;
        let max_h = f64::from(self.style.text_height()) * EMU_PER_MM * 0.9;
        let scale = (max_w / w).min(max_h / h).min(1.0);
        let (cx, cy) = ((w * scale).round() as i64, (h * scale).round() as i64);
        self.drawing_count += 1;
        let n = self.drawing_count;
        let alt = escape(alt);
        let name = target.rsplit('/').next().unwrap_or_default().to_string();
        self.out.push_str("<w:r>");
        marks.rpr().write(&mut self.out);
        let _ = write!(
            self.out,
            "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
             <wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{alt}\"/>\
             <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
             <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>\
             <pic:nvPicPr><pic:cNvPr id=\"0\" name=\"{name}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"{rel}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
             <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
             </wp:inline></w:drawing></w:r>"
        );
    }

    /// A footnote reference, with the note written into `footnotes.xml` (ECMA-376 Part 1,
    /// §17.11). Word has no notes inside notes: there the number stays as superscript text.
    fn footnote(&mut self, index: usize, marks: Marks) {
        let Some(note) = self.doc.notes.get(index) else {
            self.warnings.push(Warning::warn(format!(
                "docx: footnote {} has no text",
                index + 1
            )));
            return;
        };
        if self.in_note {
            self.out.push_str("<w:r>");
            RPr {
                vert_align: Some("superscript"),
                ..marks.rpr()
            }
            .write(&mut self.out);
            let _ = write!(self.out, "<w:t>{}</w:t></w:r>", index + 1);
            return;
        }
        self.note_count += 1;
        let n = self.note_count;
        let _ = write!(
            self.out,
            "<w:r><w:rPr><w:rStyle w:val=\"{}\"/></w:rPr><w:footnoteReference w:id=\"{n}\"/></w:r>",
            id::FOOTNOTE_REF
        );
        let body = std::mem::replace(&mut self.out, String::with_capacity(256));
        let after_table = std::mem::replace(&mut self.last_was_table, false);
        let context = self.context;
        self.in_note = true;
        self.note_ref_pending = true;
        let _ = write!(self.out, "<w:footnote w:id=\"{n}\">");
        self.blocks(&note.blocks, Place::Note);
        if self.note_ref_pending || self.last_was_table {
            self.out.push_str("<w:p>");
            PPr {
                style: Some(id::FOOTNOTE_TEXT),
                ..PPr::default()
            }
            .write(&mut self.out);
            self.note_ref();
            self.out.push_str("</w:p>");
        }
        self.out.push_str("</w:footnote>");
        let note_xml = std::mem::replace(&mut self.out, body);
        self.notes.push_str(&note_xml);
        self.in_note = false;
        self.context = context;
        self.last_was_table = after_table;
    }

    /// The footnote's own number at the start of its first paragraph.
    pub(super) fn note_ref(&mut self) {
        if let Some(n) = self.end_label_pending.take() {
            self.out.push_str("<w:r>");
            RPr {
                vert_align: Some("superscript"),
                ..RPr::default()
            }
            .write(&mut self.out);
            let _ = write!(self.out, "<w:t xml:space=\"preserve\">{n} </w:t></w:r>");
        }
        if self.note_ref_pending {
            self.note_ref_pending = false;
            let _ = write!(
                self.out,
                "<w:r><w:rPr><w:rStyle w:val=\"{}\"/></w:rPr><w:footnoteRef/></w:r>",
                id::FOOTNOTE_REF
            );
        }
    }

    pub(super) fn footnotes_xml(&self) -> String {
        let separator =
            "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>";
        format!(
            "{DECLARATION}<w:footnotes{BODY_NAMESPACES}>\
             <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p>{separator}<w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p>{separator}<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
             {}</w:footnotes>",
            self.notes
        )
    }
}

/// What an emphasised stretch of text is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// White space: no mark.
    Space,
    /// Letters of an alphabet (Latin, Greek, Cyrillic): italics.
    Latin,
    /// Han, kana, digits, punctuation: the emphasis mark under each character.
    Marked,
}

/// Splits emphasised text into maximal pieces of one kind.
fn emphasis_pieces(text: &str) -> Vec<(&str, Piece)> {
    let kind = |c: char| {
        if c.is_whitespace() {
            Piece::Space
        } else if c.is_alphabetic() && u32::from(c) < 0x2E80 {
            Piece::Latin
        } else {
            Piece::Marked
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut current = None;
    for (i, c) in text.char_indices() {
        let k = kind(c);
        if current.is_some_and(|p| p != k) {
            out.push((&text[start..i], current.unwrap_or(k)));
            start = i;
        }
        current = Some(k);
    }
    if let Some(k) = current {
        out.push((&text[start..], k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_splits_into_spaces_letters_and_marked_text() {
        use Piece::*;
        assert_eq!(
            emphasis_pieces("鲁迅 1925年 Latin words。"),
            [
                ("鲁迅", Marked),
                (" ", Space),
                ("1925年", Marked),
                (" ", Space),
                ("Latin", Latin),
                (" ", Space),
                ("words", Latin),
                ("。", Marked),
            ]
        );
        assert!(emphasis_pieces("").is_empty());
    }
}
