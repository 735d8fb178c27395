//! Headings, body paragraphs, figures, lists and code blocks.

use super::super::linebreak::{self, Align, Line};
use super::super::{ASCENT, Actual, Ink, Mark, Measure};
use super::{Brk, Builder, Marker, MarkerKind, Para, Span, TIGHT_PITCH, Tag};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

use crate::font::Role;
use crate::model::{Inline, ListItem};
use crate::style::Element;

/// A code column in em when no face draws `0` in the mono role: a typical monospace advance.
const FALLBACK_COLUMN: f32 = 0.6;

/// How far, in columns, a glyph may overhang its cells before it is given another column.
const OVERHANG: f32 = 0.05;

/// Tab stops in code, in columns: CSS's default `tab-size`, so HTML and EPUB agree.
const TAB_STOP: usize = 8;

/// How many columns a character of code takes (UAX #11 East Asian Width: two for wide and
/// fullwidth characters, none for combining marks).
fn columns(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// A line of code with its tabs turned into the spaces that reach the next tab stop.
fn expand_tabs(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\t') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len() + TAB_STOP);
    let mut at = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = TAB_STOP - at % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', n));
            at += n;
        } else {
            out.push(c);
            at += columns(c);
        }
    }
    out.into()
}

/// Whether a text extractor drops a line of code with this text: it has no glyph of its own
/// but spaces (poppler's `TextPage::addChar` skips a run of only spaces, tabs and no-break
/// spaces, as it skips an empty one).
fn blank(line: &str) -> bool {
    line.chars().all(|c| matches!(c, ' ' | '\t' | '\u{a0}'))
}

/// The text each visual line of a code block copies as (its `/ActualText`, PDF 32000-1
/// §14.9.4), given the source lines and the visual lines each is set on: a source line's first
/// visual line carries the whole line as written — its tabs, and the text of the lines it wraps
/// onto, which copy as nothing — so that copying gives back the code itself. A blank line has
/// no text of its own for a reader to find, so it rides on the line before it after a line
/// feed (on the line after it, at the top of the block).
fn copy_texts(src: &[&str], spans: &[Range<usize>]) -> Vec<String> {
    let mut texts = vec![String::new(); spans.last().map_or(0, |s| s.end)];
    let mut pending = String::new();
    let mut carrier: Option<usize> = None;
    for (line, span) in src.iter().zip(spans) {
        if blank(line) {
            match carrier {
                Some(k) => {
                    texts[k].push('\n');
                    texts[k].push_str(line);
                }
                None => {
                    pending.push_str(line);
                    pending.push('\n');
                }
            }
            continue;
        }
        let k = span.start;
        texts[k] = std::mem::take(&mut pending) + line;
        carrier = Some(k);
    }
    texts
}

/// Whether a paragraph is a byline: emphasised text alone, as Markdown books mark an author
/// line under a title.
fn byline(inlines: &[Inline]) -> bool {
    let blank = |i: &Inline| matches!(i, Inline::Text(t) if t.trim().is_empty());
    inlines.iter().any(|i| matches!(i, Inline::Emph(_)))
        && inlines
            .iter()
            .all(|i| matches!(i, Inline::Emph(_)) || blank(i))
}

impl<M: Measure> Builder<'_, M> {
    pub(super) fn heading(&mut self, level: u8, inlines: &[Inline]) {
        let anchor = self.take_anchor();
        let style = self.style;
        let chapter = style.chapter_breaks && level == 1 && !self.in_notes;
        let body = self.body_para();
        let look = style.look(Element::Heading(level));
        let p = if self.grid() {
            Para {
                role: look.role,
                align: Align::Left,
                keep_lines: false,
                ..body
            }
        } else {
            if !chapter {
                self.pending_space = self.pending_space.max(look.before);
            }
            Para {
                role: look.role,
                size: look.size,
                pitch: look.pitch,
                grid: false,
                indent: 0.0,
                // A vertical chapter title hangs from the head of its column, as vertical
                // books set it (and as copying reads it: poppler takes a column that starts
                // lower for a block of its own, out of order).
                align: if chapter && look.centred && !style.vertical {
                    Align::Center
                } else {
                    Align::Left
                },
                keep_lines: false,
                // A chapter's space above stays at the top of its page.
                pad_top: if chapter { look.before } else { 0.0 },
                pad_bottom: look.after,
            }
        };
        self.clear();
        let tag = Tag::Heading(self.level(anchor, level));
        let span = Span {
            size: p.size,
            node: Some(self.tag(tag)),
            ..self.look_span(&look)
        };
        // A heading of plain text that runs over lines breaks between words, in balanced
        // lines, as a title does (`layout::title`); on the grid its lines are the grid's.
        match inlines {
            [Inline::Text(text)] if !self.grid() => self.title_text(text, &span),
            _ => self.inlines(inlines, &span),
        }
        if self.atoms.is_empty() {
            return;
        }
        self.force_page |= chapter;
        self.recto |= chapter && style.chapter_recto;
        self.set_paragraph(&p, anchor, Brk::Allowed);
        self.keep_after = super::HEADING_KEEP;
    }

    /// A body paragraph; images standing alone in it become figures.
    pub(super) fn body_paragraph(&mut self, inlines: &[Inline]) {
        let lone_images = inlines.iter().all(|i| match i {
            Inline::Image { .. } | Inline::LineBreak => true,
            Inline::Text(t) => t.trim().is_empty(),
            _ => false,
        }) && inlines.iter().any(|i| matches!(i, Inline::Image { .. }));
        if lone_images {
            for inline in inlines {
                if let Inline::Image { src, alt } = inline {
                    self.figure(src, alt);
                }
            }
        } else {
            // On a book's filled pages, a byline under a heading (`*先秦：左丘明 《左傳》*`: one
            // emphasised line, nothing set since the heading) goes with it: the two lines the
            // heading keeps count from after it. Ragged pages keep their breaks as they were.
            let byline = self.style.flush_bottom
                && self.keep_after == super::HEADING_KEEP
                && byline(inlines);
            let p = self.body_para();
            self.paragraph(inlines, &p);
            if byline {
                self.keep_after = super::HEADING_KEEP;
            }
        }
    }

    /// A picture on a line of its own, centred, with its alt text as its caption: a
    /// [`Tag::Figure`] node holding the picture and a [`Tag::Caption`] (a paragraph when the
    /// picture could not be loaded and only its alt text is shown).
    pub(super) fn figure(&mut self, src: &str, alt: &str) {
        let pt = crate::style::PT_PER_MM;
        let mut figure = None;
        if let Some(res) = self.doc.resources.get(src)
            && res.width > 0
            && res.height > 0
        {
            // Pixels at 96 per inch, shrunk to fit the measure and half the text block.
            let (mut w, mut h) = (res.width as f32 * 0.75, res.height as f32 * 0.75);
            let max_h = self.style.text_height() * pt * 0.5;
            let scale = (self.width / w).min(max_h / h).min(1.0);
            w *= scale;
            h *= scale;
            let pad = self.base.pitch * 0.25;
            let mut height = h + 2.0 * pad;
            if self.grid() {
                height = (height / self.base.pitch).ceil() * self.base.pitch;
            }
            self.pending_space = self.pending_space.max(self.block_space());
            let from = self.mark_from();
            let alt = self.alt(src, alt);
            let node = self.tag(Tag::Figure { alt });
            figure = Some(node);
            self.out.galley.marks.push(Mark::Picture {
                src: src.to_string(),
                x: self.left + (self.width - w) / 2.0,
                y: (height - h) / 2.0,
                w,
                h,
                node: Some(node),
            });
            self.push_slot(height, Brk::Allowed, from);
            self.keep_next = true;
        }
        if !alt.trim().is_empty() {
            let size = if self.grid() {
                self.base.size
            } else {
                self.base.size * 0.85
            };
            let p = Para {
                size,
                pitch: if self.grid() {
                    self.base.pitch
                } else {
                    size * TIGHT_PITCH
                },
                indent: 0.0,
                align: Align::Center,
                ..self.body_para()
            };
            self.clear();
            let node = match figure {
                Some(f) => self.within(f, |b| b.tag(Tag::Caption)),
                None => self.tag(Tag::Paragraph),
            };
            let span = Span {
                ink: Ink::Muted,
                node: Some(node),
                ..self.span(p.role, size)
            };
            self.text(alt, &span, false);
            self.set_paragraph(&p, None, Brk::Allowed);
        }
        self.keep_next = false;
        self.pending_space = self.pending_space.max(self.block_space());
    }

    /// What a picture shows, in words: its alt text, else its file name — with a warning
    /// (once a picture), as PDF/UA-1 §7.3 wants every figure described.
    pub(super) fn alt(&mut self, src: &str, alt: &str) -> String {
        let alt = alt.trim();
        if !alt.is_empty() {
            return alt.to_string();
        }
        if self.unlabelled.insert(src.to_string()) {
            self.out.warnings.push(format!(
                "pdf: image {src} has no alt text; its file name stands in for it (add a description: ![…]({src}))"
            ));
        }
        std::path::Path::new(src)
            .file_name()
            .map_or(src, |n| n.to_str().unwrap_or(src))
            .to_string()
    }

    /// A list: a [`Tag::List`] of [`Tag::ListItem`]s, each a [`Tag::Label`] for a marker set
    /// in type (a drawn bullet or box is an artifact) and a [`Tag::ListBody`] for its blocks.
    pub(super) fn list(&mut self, ordered: bool, start: u64, items: &[ListItem]) {
        let space = if self.list_depth == 0 {
            self.block_space()
        } else {
            0.0
        };
        self.pending_space = self.pending_space.max(space);
        let em = self.base.grid.unwrap_or(self.base.size);
        let step = self.nest_step();
        self.list_depth += 1;
        let list = self.tag(Tag::List);
        for (k, item) in items.iter().enumerate() {
            let kind = match item.task {
                Some(ticked) => MarkerKind::Box(ticked),
                None if ordered => MarkerKind::Text(format!("{}.", start + k as u64)),
                None => MarkerKind::Bullet,
            };
            self.left += step;
            self.width -= step;
            let li = self.within(list, |b| b.tag(Tag::ListItem));
            let label =
                matches!(kind, MarkerKind::Text(_)).then(|| self.within(li, |b| b.tag(Tag::Label)));
            let body = self.within(li, |b| b.tag(Tag::ListBody));
            self.marker = Some(Marker {
                kind,
                right: self.left - em * 0.5,
                node: label,
            });
            self.within(body, |b| {
                item.blocks.iter().for_each(|block| b.block(block))
            });
            self.marker = None;
            self.left -= step;
            self.width += step;
        }
        self.list_depth -= 1;
        self.pending_space = self.pending_space.max(space);
    }

    /// Lines set as they are, every space kept, in a shaded block: code in `Role::Mono`, in
    /// columns, or a raw HTML block shown as text in the body role (as the other writers and the
    /// font subsets set it), at its natural advances.
    pub(super) fn code(&mut self, text: &str, role: Role) {
        let look = self.style.look(Element::Code);
        // In a footnote, code shrinks with the note's text.
        let scale = self.base.size / self.style.body_size;
        let (size, pitch) = (look.size * scale, look.pitch * scale);
        self.pending_space = self.pending_space.max(self.block_space());
        let pad = size * 0.5;
        let src: Vec<&str> = text
            .strip_suffix('\n')
            .unwrap_or(text)
            .split('\n')
            .collect();
        // Lay out every source line first, so widows and orphans count the block's lines.
        let mut atoms = Vec::new();
        let mut faces = Vec::new();
        let mut lines = Vec::new();
        self.clear();
        let span = Span {
            node: Some(self.tag(Tag::Code)),
            ..self.span(role, size)
        };
        let column = (role == Role::Mono).then(|| {
            self.m
                .glyph(role, false, '0')
                .map_or(size * FALLBACK_COLUMN, |p| p.advance * size)
        });
        // The visual lines each source line is set on.
        let mut spans = Vec::with_capacity(src.len());
        for line in &src {
            self.atoms.clear();
            self.faces.clear();
            self.text(&expand_tabs(line), &span, true);
            // Columns, as a terminal counts them (UAX #11: wide and fullwidth characters take
            // two), each glyph centred in its cells: the monospaced face's own glyphs fill one
            // column exactly, and CJK from the body face sits in two, so code lines up. A glyph
            // wider than that (from a proportional face) takes the whole columns it needs
            // rather than overlap its neighbour.
            if let Some(column) = column {
                for a in &mut self.atoms {
                    let needed = (a.advance / column - OVERHANG).ceil();
                    a.width = (columns(a.ch) as f32).max(needed) * column;
                    a.offset = (a.width - a.advance) / 2.0;
                }
            }
            let base = atoms.len();
            let mut ls = Vec::new();
            linebreak::break_lines(&self.atoms, self.width - 2.0 * pad, 0.0, &mut ls);
            if ls.is_empty() {
                ls.push(Line {
                    start: 0,
                    end: 0,
                    next: 0,
                    last: true,
                    hang: 0,
                    grid: false,
                });
            }
            spans.push(lines.len()..lines.len() + ls.len());
            for l in ls {
                lines.push(Line {
                    start: l.start + base,
                    end: l.end + base,
                    next: l.next + base,
                    last: l.last,
                    hang: l.hang,
                    grid: l.grid,
                });
            }
            atoms.extend_from_slice(&self.atoms);
            faces.extend_from_slice(&self.faces);
        }
        self.atoms = atoms;
        self.faces = faces;
        self.lines = lines;
        let mut copied = copy_texts(&src, &spans).into_iter();
        let n = self.lines.len();
        for k in 0..n {
            let from = self.mark_from();
            self.out.galley.marks.push(Mark::Fill {
                x: self.left,
                y: 0.0,
                w: self.width,
                h: pitch,
                ink: Ink::Shade,
            });
            let baseline = (pitch - size) / 2.0 + ASCENT * size;
            if k == 0 {
                self.draw_marker(baseline, self.base.size);
            }
            let first = self.out.galley.runs.len();
            self.draw_line(
                k,
                self.left + pad,
                self.width - 2.0 * pad,
                Align::Left,
                baseline,
            );
            let actual = Actual {
                runs: first..self.out.galley.runs.len(),
                text: copied.next().unwrap_or_default(),
            };
            let brk = if k == 0 {
                Brk::Allowed
            } else if k < 2 || n - k < 2 {
                Brk::Keep
            } else {
                Brk::Allowed
            };
            let slot = self.push_slot(pitch, brk, from);
            let slots = if self.in_note {
                &mut self.out.note_slots
            } else {
                &mut self.out.slots
            };
            slots[slot].actual.push(actual);
        }
        self.pending_space = self.pending_space.max(self.block_space());
    }
}
