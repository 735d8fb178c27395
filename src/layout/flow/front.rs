//! The title block, the table of contents and the footnotes.

use super::super::linebreak::Align;
use super::super::{ASCENT, Ink, Measure, Target, title};
use super::{Base, Brk, Builder, Marker, MarkerKind, Para, Span, Tag, TocRef};
use crate::style::plan::{self, Element, Look};

impl<M: Measure> Builder<'_, M> {
    /// A paragraph setting from a look: unindented, not kept from breaking.
    fn para(look: &Look, align: Align) -> Para {
        Para {
            role: look.role,
            size: look.size,
            pitch: look.pitch,
            grid: false,
            indent: 0.0,
            align,
            keep_lines: false,
            pad_top: 0.0,
            pad_bottom: 0.0,
        }
    }

    pub(super) fn title(&mut self) {
        let meta = &self.doc.meta;
        if meta.title.trim().is_empty() {
            return;
        }
        let style = self.style;
        let look = style.look(Element::Title);
        let p = Para {
            pad_top: if style.title_page {
                style.text_height() * crate::style::PT_PER_MM * 0.25
            } else {
                0.0
            },
            ..Self::para(&look, Align::Center)
        };
        self.clear();
        let span = Span {
            node: Some(self.tag(Tag::Title)),
            ..self.look_span(&look)
        };
        self.title_text(&meta.title, &span);
        self.set_paragraph(&p, None, Brk::Allowed);
        if let Some(sub) = &meta.subtitle {
            let look = style.look(Element::Subtitle);
            self.clear();
            let span = Span {
                node: Some(self.tag(Tag::Paragraph)),
                ..self.look_span(&look)
            };
            self.text(sub, &span, false);
            self.keep_next = true;
            self.set_paragraph(&Self::para(&look, Align::Center), None, Brk::Never);
        }
        let byline: Vec<&str> = meta
            .authors
            .iter()
            .map(String::as_str)
            .chain(meta.date.as_deref().filter(|_| !self.doc.dates_itself()))
            .collect();
        // An official document's date is its 成文日期, set under the signature instead.
        if !byline.is_empty() && !self.gongwen() {
            let look = style.look(Element::Byline);
            self.clear();
            let span = Span {
                ink: Ink::Muted,
                node: Some(self.tag(Tag::Paragraph)),
                ..self.look_span(&look)
            };
            self.text(&byline.join("　"), &span, false);
            self.keep_next = true;
            self.set_paragraph(&Self::para(&look, Align::Center), None, Brk::Never);
        }
        // One blank line between the title and the text (GB/T 9704 7.3.1).
        self.pending_space = self.base.pitch;
        self.keep_next = true;
        if style.title_page {
            self.out.title_page = true;
            self.force_page = true;
            self.keep_next = false;
            self.pending_space = 0.0;
        }
    }

    /// Adds a title's text with its lines broken between words and balanced
    /// (`layout::title`, GB/T 9704 §7.3.1), as hard breaks the line breaker keeps.
    pub(super) fn title_text(&mut self, title: &str, span: &Span) {
        let m = self.m;
        let advance = |c: char| {
            m.glyph(span.role, span.bold, c)
                .map_or(span.size, |g| g.advance * span.size)
        };
        // Half an em to spare: the line breaker adds ¼ em between Han and Latin.
        let avail = self.width - span.size / 2.0;
        let starts = title::breaks(title, advance, avail).unwrap_or_default();
        let mut from = 0;
        let chars: Vec<char> = title.chars().collect();
        for start in starts {
            let line: String = chars[from..start].iter().collect();
            self.text(&line, span, false);
            self.text("\n", span, false);
            from = start;
        }
        let rest: String = chars[from..].iter().collect();
        self.text(&rest, span, false);
    }

    /// The table of contents (`plan::contents`), with leaders and page numbers filled in after
    /// pagination: its title a paragraph, then a [`Tag::Toc`] of [`Tag::TocItem`]s, each a link
    /// to the heading holding the entry's text and its page number; the leaders are artifacts.
    pub(super) fn toc(&mut self) {
        let entries = plan::contents(self.doc, self.style);
        if entries.is_empty() {
            return;
        }
        let chapter = self.style.chapter_breaks;
        let look = self.style.look(Element::TocTitle);
        let p = Para {
            pad_top: if chapter { self.base.pitch * 3.0 } else { 0.0 },
            pad_bottom: look.after,
            ..Self::para(&look, Align::Center)
        };
        self.clear();
        let span = Span {
            node: Some(self.tag(Tag::Paragraph)),
            ..self.look_span(&look)
        };
        self.text(plan::toc_title(&self.doc.meta.lang), &span, false);
        let toc = self.tag(Tag::Toc);
        self.set_paragraph(&p, None, Brk::Allowed);
        self.keep_next = true;
        let reserve = 3.0 * self.base.size;
        for entry in entries {
            let Some(&anchor) = self.by_id.get(&entry.id) else {
                continue;
            };
            let look = self.style.look(Element::TocEntry(entry.level));
            let indent = look.indent * self.base.size;
            let p = Self::para(&look, Align::Left);
            self.clear();
            let item = self.within(toc, |b| b.tag(Tag::TocItem));
            let alt = format!("go to {}", entry.title);
            let link = self.out.tree.push(Tag::Link { alt }, item);
            let span = Span {
                link: Some(Target::Anchor(anchor)),
                node: Some(link),
                ..self.look_span(&look)
            };
            self.text(&entry.title, &span, false);
            let (left, width) = (self.left, self.width);
            self.left += indent;
            self.width -= indent + reserve;
            self.break_into_lines(&p, self.width);
            let n = self.lines.len();
            for k in 0..n {
                let from = self.mark_from();
                let baseline = (p.pitch - p.size) / 2.0 + ASCENT * p.size;
                let text_end = self.draw_line(k, self.left, self.width, Align::Left, baseline);
                let slot = self.push_slot(p.pitch, Brk::Allowed, from);
                if k == n - 1 {
                    self.out.slots[slot].toc = Some(TocRef {
                        anchor,
                        text_end,
                        right: left + width,
                        baseline,
                        size: p.size,
                        node: Some(link),
                    });
                }
            }
            self.left = left;
            self.width = width;
        }
        self.force_page = true;
    }

    /// Lays out every footnote beside the flow; notes never referenced go at the end. Each is a
    /// [`Tag::Note`] holding its number (a link back to the mark) and its blocks; the tree
    /// puts it after the block that refers to it (`Tree::finish`).
    pub(super) fn notes(&mut self) {
        if self.doc.notes.is_empty() {
            return;
        }
        let look = self.style.look(Element::NoteText);
        let size = look.size;
        let saved = self.base;
        self.base = Base {
            role: look.role,
            size,
            pitch: look.pitch,
            grid: None,
        };
        let step = 1.8 * size;
        self.in_notes = true;
        let places = plan::note_places(self.doc);
        for (i, note) in self.doc.notes.iter().enumerate() {
            self.in_note = places[i] == plan::NotePlace::Foot;
            let start = self.out.note_slots.len();
            self.left += step;
            self.width -= step;
            // PDF/UA-1 §7.9: a note's id is unique in the document.
            let id = format!("note-{}", i + 1);
            let node = self.tag(Tag::Note { id });
            self.note_tags[i] = Some(node);
            let alt = format!("back to the reference to note {}", i + 1);
            let link = self.out.tree.push(Tag::Link { alt }, node);
            self.marker = Some(Marker {
                kind: MarkerKind::Note(i),
                right: self.left - size * 0.6,
                node: Some(link),
            });
            self.within(node, |b| {
                note.blocks.iter().for_each(|block| b.block(block))
            });
            self.marker = None;
            self.left -= step;
            self.width += step;
            self.out.notes.push(start..self.out.note_slots.len());
        }
        self.in_note = false;
        self.in_notes = false;
        self.base = saved;
    }
}
