//! The title block, the table of contents and the footnotes.

use super::super::linebreak::Align;
use super::super::{ASCENT, Ink, Measure, Target};
use super::{Base, Brk, Builder, Marker, MarkerKind, NOTE_SCALE, Para, Span, TIGHT_PITCH, TocRef};
use crate::style::Preset;

impl<M: Measure> Builder<'_, M> {
    pub(super) fn title(&mut self) {
        let meta = &self.doc.meta;
        if meta.title.trim().is_empty() {
            return;
        }
        let style = self.style;
        let book = style.preset == Preset::Book;
        let size = style.title_size;
        let pitch = if self.grid() {
            self.base.pitch
        } else {
            size * 1.5
        };
        let p = Para {
            role: style.title_role,
            size,
            pitch,
            grid: false,
            indent: 0.0,
            align: Align::Center,
            keep_lines: false,
            pad_top: if book {
                style.text_height() * crate::style::PT_PER_MM * 0.25
            } else {
                0.0
            },
            pad_bottom: 0.0,
        };
        self.clear();
        let span = self.span(p.role, size);
        self.text(&meta.title, &span, false);
        self.set_paragraph(&p, None, Brk::Allowed);
        let small = |b: &Self, size: f32| Para {
            role: b.base.role,
            size,
            pitch: if b.grid() { b.base.pitch } else { size * 1.6 },
            pad_top: 0.0,
            ..p
        };
        if let Some(sub) = &meta.subtitle {
            let q = Para {
                role: style.title_role,
                ..small(self, style.heading_size(2))
            };
            self.clear();
            let span = self.span(q.role, q.size);
            self.text(sub, &span, false);
            self.keep_next = true;
            self.set_paragraph(&q, None, Brk::Never);
        }
        let byline: Vec<&str> = meta
            .authors
            .iter()
            .map(String::as_str)
            .chain(meta.date.as_deref())
            .collect();
        if !byline.is_empty() {
            let q = small(self, self.base.size);
            self.clear();
            let span = Span {
                ink: Ink::Muted,
                ..self.span(q.role, q.size)
            };
            self.text(&byline.join("　"), &span, false);
            self.keep_next = true;
            self.set_paragraph(&q, None, Brk::Never);
        }
        // One blank line between the title and the text (GB/T 9704 7.3.1).
        self.pending_space = self.base.pitch;
        self.keep_next = true;
        if book {
            self.out.title_page = true;
            self.force_page = true;
            self.keep_next = false;
            self.pending_space = 0.0;
        }
    }

    /// The table of contents: one entry per heading down to level 2 (book) or 3, with leaders
    /// and page numbers filled in after pagination.
    pub(super) fn toc(&mut self) {
        let depth = if self.style.preset == Preset::Book {
            2
        } else {
            3
        };
        let entries: Vec<(usize, u8, String)> = self
            .out
            .anchors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.level <= depth)
            .map(|(i, a)| (i, a.level, a.title.clone()))
            .collect();
        if entries.is_empty() {
            return;
        }
        let chapter = self.style.chapter_breaks;
        let size = self.style.heading_size(1);
        let p = Para {
            role: self.base.role,
            size,
            pitch: (size * 1.5).max(self.base.pitch),
            grid: false,
            indent: 0.0,
            align: Align::Center,
            keep_lines: false,
            pad_top: if chapter { self.base.pitch * 3.0 } else { 0.0 },
            pad_bottom: self.base.pitch,
        };
        self.clear();
        let span = self.span(p.role, size);
        self.text("目录", &span, false);
        self.set_paragraph(&p, None, Brk::Allowed);
        self.keep_next = true;
        let em = self.base.size;
        let reserve = 3.0 * em;
        for (anchor, level, title) in entries {
            let indent = f32::from(level - 1) * 2.0 * em;
            let p = Para {
                indent: 0.0,
                align: Align::Left,
                keep_lines: false,
                grid: false,
                ..self.body_para()
            };
            self.clear();
            let span = Span {
                link: Some(Target::Anchor(anchor)),
                ..self.span(p.role, p.size)
            };
            self.text(&title, &span, false);
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
                    });
                }
            }
            self.left = left;
            self.width = width;
        }
        self.force_page = true;
    }

    /// Lays out every footnote beside the flow; notes never referenced go at the end.
    pub(super) fn notes(&mut self) {
        if self.doc.notes.is_empty() {
            return;
        }
        let size = self.style.body_size * NOTE_SCALE;
        let saved = self.base;
        self.base = Base {
            role: saved.role,
            size,
            pitch: size * TIGHT_PITCH,
            grid: None,
        };
        let step = 1.8 * size;
        self.in_notes = true;
        for (i, note) in self.doc.notes.iter().enumerate() {
            let referenced = self.referenced[i];
            self.in_note = referenced;
            let start = self.out.note_slots.len();
            self.left += step;
            self.width -= step;
            self.marker = Some(Marker {
                kind: MarkerKind::Text(format!("{}", i + 1)),
                right: self.left - size * 0.6,
            });
            for b in &note.blocks {
                self.block(b);
            }
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
