//! An official document's elements around its body, placed as GB/T 9704-2012 §7 gives them:
//! the 版头 (copy number, secrecy and urgency at the top left, the red issuer mark, the document
//! number, the red rule), the 主送机关 under the title, and after the body the 附件说明, the
//! signature and date with room for the seal, the 附注, and the attachments on pages of their
//! own. The 版记 at the foot of the last page is placed after pagination (`layout::colophon`).
//!
//! Distances in lines are lines of the 22-line grid; "空一字" is one cell of the 28-cell grid.

use super::super::linebreak::{Align, natural_width};
use super::super::{ASCENT, Ink, Mark, Measure};
use super::{Brk, Builder, Marker, MarkerKind, Para, Span, Tag};
use crate::gongwen::{self, is_attachment_head};
use crate::model::{Block, Inline, plain_text};
use crate::style::plan::{ISSUER_TOP, NUMBER_RULE_GAP};
use crate::style::{Element, PT_PER_MM};

/// The red rule's thickness: the standard gives none for it; the colophon's thick rule's 0.35 mm.
const RED_RULE_MM: f32 = 0.35;
/// §7.2.4: a wrapped issuer mark's lines, 1.25 em apart (the DOCX's exact line).
const ISSUER_LEADING: f32 = 1.25;
/// §7.3.5.1: the seal's top is within one line of the body and it presses on the signature and
/// the date below its centre; two blank lines before the signature leave it that room.
const SEAL_LINES: f32 = 2.0;

/// Where the 版头 is being drawn, in points from its top.
struct Pen {
    /// The next line's top.
    y: f32,
    /// The top of the slot being drawn.
    top: f32,
    /// The slots pushed so far.
    slots: usize,
    /// Where the slot being drawn starts in the galley.
    from: (usize, usize, usize),
}

impl<M: Measure> Builder<'_, M> {
    /// The document is set as an official document: the style's official layout, and some
    /// element given.
    pub(super) fn gongwen(&self) -> bool {
        gongwen::applies(self.doc, self.style)
    }

    /// One grid cell ("一字").
    fn cell(&self) -> f32 {
        self.base.grid.unwrap_or(self.base.size)
    }

    /// The width of `text` set in `span`.
    fn measure(&self, text: &str, span: &Span) -> f32 {
        text.chars()
            .map(|c| {
                self.m
                    .glyph(span.role, span.bold, c)
                    .map_or(span.size, |g| g.advance * span.size)
            })
            .sum()
    }

    /// Collects `parts` and breaks them into lines no wider than `avail`, as the body's lines
    /// are broken; returns how many lines, ready for [`Self::draw_line`].
    fn wrap(&mut self, parts: &[(&str, &Span)], avail: f32) -> usize {
        self.clear();
        for (text, span) in parts {
            self.text(text, span, false);
        }
        let Some(first) = parts.first() else {
            return 0;
        };
        let p = Para {
            role: first.1.role,
            size: first.1.size,
            pitch: self.base.pitch,
            grid: false,
            indent: 0.0,
            align: Align::Left,
            keep_lines: false,
            pad_top: 0.0,
            pad_bottom: 0.0,
        };
        self.break_into_lines(&p, avail);
        self.lines.len()
    }

    /// Collects `parts` as one unbroken line; returns its natural width (Han–Latin spacing
    /// included), ready for [`Self::draw_line`] with line 0.
    fn line_of(&mut self, parts: &[(&str, &Span)]) -> f32 {
        self.wrap(parts, f32::MAX / 4.0);
        self.lines
            .first()
            .map_or(0.0, |l| natural_width(&self.atoms, l))
    }

    /// Draws the line [`Self::line_of`] collected, if it has one (an empty value has none).
    fn draw_one(&mut self, x0: f32, avail: f32, align: Align, baseline: f32) {
        if !self.lines.is_empty() {
            self.draw_line(0, x0, avail, align, baseline);
        }
    }

    /// The natural width of line `k` of those [`Self::wrap`] made.
    fn line_width(&self, k: usize) -> f32 {
        natural_width(&self.atoms, &self.lines[k])
    }

    /// The baseline of text of `size` centred in a grid line whose top is at `top`.
    fn baseline(&self, top: f32, size: f32) -> f32 {
        top + (self.base.pitch - size) / 2.0 + ASCENT * size
    }

    /// Ends the 版头's slot being drawn at `bottom` (from the head's top): each line of the 版头
    /// is a slot, so that values too long for a page run onto the next as body text does; the
    /// page ends between them only where the head cannot fit whole.
    fn head_slot(&mut self, pen: &mut Pen, bottom: f32) {
        let brk = if pen.slots == 0 {
            Brk::Allowed
        } else {
            Brk::Never
        };
        self.push_slot(bottom - pen.top, brk, pen.from);
        pen.top = bottom;
        pen.slots += 1;
        pen.from = self.mark_from();
    }

    /// Sets `parts` from `pen.y` in lines of the grid as wide as `avail` from `x0`, each
    /// aligned by `align` and ended as a slot.
    fn head_lines(
        &mut self,
        pen: &mut Pen,
        parts: &[(&str, &Span)],
        (x0, avail): (f32, f32),
        align: Align,
    ) {
        let size = parts.first().map_or(self.base.size, |p| p.1.size);
        let pitch = self.base.pitch;
        for k in 0..self.wrap(parts, avail) {
            let base = self.baseline(pen.y - pen.top, size);
            self.draw_line(k, x0, avail, align, base);
            pen.y += pitch;
            let bottom = pen.y;
            self.head_slot(pen, bottom);
        }
    }

    /// The 版头 (§7.2) of the blocks before the title, at the top of the first page, ending at
    /// the red rule. Every value wraps as the body does where it is too long for its line.
    pub(super) fn gongwen_head(&mut self, blocks: &[Block]) {
        let g = &gongwen::collect(blocks);
        let pitch = self.base.pitch;
        let (left, width) = (self.left, self.width);
        let mut pen = Pen {
            y: 0.0,
            top: 0.0,
            slots: 0,
            from: self.mark_from(),
        };
        // §7.2.1–7.2.3: 份号, 密级和保密期限, 紧急程度, one a line from the first, flush left.
        let corner = [
            (Element::CopyNumber, g.copy_number.clone()),
            (Element::Secrecy, g.secrecy.clone()),
            (Element::Secrecy, g.urgency.clone()),
        ];
        for (e, text) in corner {
            let Some(text) = text else { continue };
            let span = Span {
                node: Some(self.tag(Tag::Paragraph)),
                ..self.look_span(&self.style.look(e))
            };
            self.head_lines(&mut pen, &[(&text, &span)], (left, width), Align::Left);
        }
        let mut below = None;
        // §7.2.4: the mark centred in red, its top 35 mm below the text block's top; a name too
        // long for one line at the smallest size wraps, a line of 1.25 em each (as the DOCX).
        if let Some(issuer) = &g.issuer {
            let look = self.style.look(Element::IssuerMark);
            let size = gongwen::issuer_size(issuer.chars().count(), look.size, width);
            let span = Span {
                size,
                ink: Ink::Red,
                node: Some(self.tag(Tag::Paragraph)),
                ..self.look_span(&look)
            };
            // Where long corner values reach below 35 mm, a quarter line parts them from the
            // mark (three ordinary ones end 12 pt above it).
            pen.y = (pen.y + pitch / 4.0).max(ISSUER_TOP * PT_PER_MM);
            for k in 0..self.wrap(&[(issuer, &span)], width) {
                if k > 0 {
                    pen.y += ISSUER_LEADING * size - size;
                }
                let base = pen.y - pen.top + ASCENT * size;
                self.draw_line(k, left, width, Align::Center, base);
                pen.y += size;
                let bottom = pen.y;
                self.head_slot(&mut pen, bottom);
            }
            below = Some(pen.y);
        }
        // §7.2.5, §7.2.6: the number two lines under the mark, centred; for a document sent
        // upward, one cell in from the left, with 签发人 one cell in from the right.
        if g.number.is_some() || g.signers.is_some() {
            if below.is_some() {
                pen.y += 2.0 * pitch;
            }
            let span = self.look_span(&self.style.look(Element::DocNumber));
            let number = g.number.as_deref().map(|n| {
                let span = Span {
                    node: Some(self.tag(Tag::Paragraph)),
                    ..span.clone()
                };
                (n, span)
            });
            match &g.signers {
                Some((label, names)) => self.number_and_signers(&mut pen, number, label, names),
                None => {
                    if let Some((n, span)) = &number {
                        self.head_lines(&mut pen, &[(n, span)], (left, width), Align::Center);
                    }
                }
            }
            // The rule's gap is measured from the last line's text, not its grid line.
            below = Some(pen.y - (pitch - span.size) / 2.0);
        }
        // §7.2.7: the red rule, as wide as the text block, 4 mm under the number.
        if let Some(b) = below {
            let ry = b + NUMBER_RULE_GAP * PT_PER_MM;
            self.out.galley.marks.push(Mark::Rule {
                x0: left,
                y0: ry - pen.top,
                x1: left + width,
                y1: ry - pen.top,
                width: RED_RULE_MM * PT_PER_MM,
                ink: Ink::Red,
            });
            self.head_slot(&mut pen, ry);
        }
        if pen.slots > 0 {
            // §7.3.1: the title two lines under the red rule.
            self.pending_space = 2.0 * pitch;
        }
    }

    /// §7.2.6: a document sent upward: `签发人：` one cell in from the right with the names two a
    /// line, a continuation line's names under the first line's, and the number one cell in from
    /// the left on the last names' line — or, where that line leaves it no room, on a line of
    /// its own under them, so that the two never overprint.
    fn number_and_signers(
        &mut self,
        pen: &mut Pen,
        number: Option<(&str, Span)>,
        label: &str,
        names: &str,
    ) {
        let (left, width, cell) = (self.left, self.width, self.cell());
        let node = Some(self.tag(Tag::Paragraph));
        let label_span = Span {
            node,
            ..self.look_span(&self.style.look(Element::DocNumber))
        };
        let names_span = Span {
            node,
            ..self.look_span(&self.style.look(Element::Signer))
        };
        let label_w = self.line_of(&[(label, &label_span)]);
        let avail = (width - cell - label_w).max(cell);
        // Two names a line; a line too wide for the block wraps as the body does.
        let names: Vec<&str> = names.split('　').filter(|n| !n.is_empty()).collect();
        let rows: Vec<String> = names.chunks(2).map(|pair| pair.join("　")).collect();
        let mut widest = 0.0f32;
        for row in &rows {
            for k in 0..self.wrap(&[(row, &names_span)], avail) {
                widest = widest.max(self.line_width(k));
            }
        }
        let x = left + width - cell - widest - label_w;
        let number_w = number
            .as_ref()
            .map_or(0.0, |(n, span)| self.line_of(&[(n, span)]));
        // The number shares the last names' line if a cell still parts them.
        let shares = number.is_some() && left + cell + number_w + cell <= x;
        let mut first = true;
        for (r, row) in rows.iter().enumerate() {
            let lines = self.wrap(&[(row, &names_span)], avail);
            for k in 0..lines {
                let base = self.baseline(pen.y - pen.top, names_span.size);
                if first {
                    // The label first, in reading order; then this row is collected again
                    // (`draw_line` reads the lines of the last `wrap`).
                    self.line_of(&[(label, &label_span)]);
                    self.draw_one(x, label_w, Align::Left, base);
                    self.wrap(&[(row, &names_span)], avail);
                    first = false;
                }
                self.draw_line(k, x + label_w, widest, Align::Left, base);
                if shares
                    && r + 1 == rows.len()
                    && k + 1 == lines
                    && let Some((n, span)) = &number
                {
                    self.line_of(&[(n, span)]);
                    self.draw_one(left + cell, number_w, Align::Left, base);
                }
                pen.y += self.base.pitch;
                let bottom = pen.y;
                self.head_slot(pen, bottom);
            }
        }
        if rows.is_empty() {
            let base = self.baseline(pen.y - pen.top, label_span.size);
            self.line_of(&[(label, &label_span)]);
            self.draw_one(x, label_w, Align::Left, base);
            pen.y += self.base.pitch;
            let bottom = pen.y;
            self.head_slot(pen, bottom);
        }
        if !shares && let Some((n, span)) = &number {
            self.head_lines(pen, &[(n, span)], (left + cell, width - cell), Align::Left);
        }
    }

    /// §7.3.2: the 主送机关 one line under the title, flush left, its lines flush left too.
    fn gongwen_recipients(&mut self, inlines: &[Inline]) {
        let p = Para {
            indent: 0.0,
            ..self.body_para()
        };
        self.keep_next = true;
        self.paragraph(inlines, &p);
        self.keep_next = true;
    }

    /// The blocks after the title: the 主送机关, the body, the closing elements where the first
    /// of them stands (before the attachments), and each attachment on a page of its own.
    pub(super) fn gongwen_blocks(&mut self, blocks: &[Block]) {
        use crate::model::Official;
        let elements = gongwen::collect(blocks);
        let mut closed = false;
        let mut after_head = false;
        for block in blocks {
            if let Block::Official { kind, inlines, .. } = block {
                match kind {
                    Official::Recipients => self.gongwen_recipients(inlines),
                    Official::Attachment
                    | Official::Signature
                    | Official::Date
                    | Official::Note => {
                        if !closed {
                            self.gongwen_closing(&elements);
                            closed = true;
                        }
                    }
                    // At the foot of the last page, once the pages are known (`layout::colophon`).
                    Official::Cc | Official::Printer | Official::PrintDate => {}
                    // The 版头 stands above the title (`gongwen_head`); one found after it is
                    // text.
                    Official::CopyNumber
                    | Official::Secrecy
                    | Official::Urgency
                    | Official::Issuer
                    | Official::Number
                    | Official::Signers => self.block(block),
                }
                after_head = false;
                continue;
            }
            if is_attachment_head(block) {
                if !closed {
                    self.gongwen_closing(&elements);
                    closed = true;
                }
                self.attachment_head(block);
                after_head = true;
                continue;
            }
            if after_head && let Block::Heading { level, inlines, .. } = block {
                self.attachment_title(*level, inlines);
            } else {
                self.block(block);
            }
            after_head = false;
        }
        if !closed {
            self.gongwen_closing(&elements);
        }
    }

    /// §7.3.4–7.3.6: the 附件说明, the signature and date, the 附注.
    fn gongwen_closing(&mut self, g: &gongwen::Elements) {
        let pitch = self.base.pitch;
        let cell = self.cell();
        let body = self.body_para();
        let plain = self.span(body.role, body.size);
        let date = g.date.clone();
        let signature = g.signature.clone();
        let signed = date.is_some() || signature.is_some();
        // §7.3.5: the page of the seal and the signature carries body text (the standard would
        // rather have the spacing adjusted than the seal stand alone): the body's last two lines
        // go with the 附件说明 and the signature, a hard keep that `Style::fill_pages` does not
        // relax — the page before may end short instead.
        if signed {
            let slots = &mut self.out.slots;
            if let Some(last) = slots.len().checked_sub(1)
                && matches!(slots[last].brk, Brk::Allowed | Brk::Keep)
            {
                slots[last].brk = Brk::Never;
            }
        }
        // §7.3.4: one line under the body, two cells in: `附件：1.…`, the names aligned.
        if !g.attachments.is_empty() {
            self.pending_space = pitch;
            let numbers = gongwen::attachment_numbers(g.attachments.len());
            let label = self.measure(gongwen::ATTACHMENT_LABEL, &plain);
            let num = numbers
                .iter()
                .map(|n| self.measure(n, &plain))
                .fold(0.0, f32::max);
            let indent = 2.0 * cell + label + num;
            self.left += indent;
            self.width -= indent;
            let p = Para {
                indent: 0.0,
                keep_lines: false,
                ..body
            };
            // The 附件说明 is one paragraph, its label and numbers included.
            let node = self.tag(Tag::Paragraph);
            for (i, (name, n)) in g.attachments.iter().zip(&numbers).enumerate() {
                let mark = if i == 0 {
                    format!("{}{n}", gongwen::ATTACHMENT_LABEL)
                } else {
                    n.clone()
                };
                self.marker = Some(Marker {
                    kind: MarkerKind::Text(mark),
                    right: self.left,
                    node: Some(node),
                });
                // The list is one element: a page does not end inside it (the seal's page then
                // has it whole, §7.3.5.1: the seal within a line of the 附件说明), nor before it
                // when a signature follows (above).
                self.keep_next = i > 0 || signed;
                self.paragraph_in(node, &[Inline::Text(name.clone())], &p);
            }
            self.marker = None;
            self.left -= indent;
            self.width += indent;
        }
        // §7.3.5.1: the date four cells in from the right, the signature centred over it, the
        // pair kept with the body's last line and room left above for the seal. One too long
        // for the line wraps, its lines ending where the date ends.
        if signed {
            let span = self.look_span(&self.style.look(Element::Signature));
            let right = self.left + self.width - 4.0 * cell;
            let avail = (self.width - 4.0 * cell).max(cell);
            let date_w = date
                .as_deref()
                .map_or(0.0, |d| self.line_of(&[(d, &span)]))
                .min(avail);
            let centre = right - date_w / 2.0;
            self.pending_space = SEAL_LINES * pitch;
            for text in [signature, date].into_iter().flatten() {
                let span = Span {
                    node: Some(self.tag(Tag::Paragraph)),
                    ..span.clone()
                };
                let lines = self.wrap(&[(&text, &span)], avail);
                for k in 0..lines {
                    let w = self.line_width(k);
                    let (x, room, align) = if lines > 1 {
                        (self.left, avail, Align::Right)
                    } else if date_w > 0.0 {
                        let x = (centre - w / 2.0).min(self.left + self.width - w);
                        (x, w, Align::Left)
                    } else {
                        (right - w, w, Align::Left)
                    };
                    let from = self.mark_from();
                    let base = self.baseline(0.0, span.size);
                    self.draw_line(k, x, room, align, base);
                    self.push_slot(pitch, Brk::Never, from);
                }
            }
        }
        // §7.3.6: the note in parentheses on the next line, two cells in.
        if let Some(note) = g.note.clone() {
            let p = Para {
                indent: 2.0 * cell,
                keep_lines: false,
                ..body
            };
            self.keep_next = true;
            self.paragraph(&[Inline::Text(note)], &p);
        }
    }

    /// §7.3.7: an attachment starts a page, `附件N` in 黑体 flush left on its first line.
    fn attachment_head(&mut self, block: &Block) {
        let Block::Heading { level, inlines, .. } = block else {
            return;
        };
        let look = self.style.look(Element::AttachmentHead);
        let text = plain_text(inlines)
            .trim()
            .trim_end_matches(['：', ':'])
            .to_string();
        let anchor = self.take_anchor();
        let span = Span {
            node: Some(self.tag(Tag::Heading(self.level(anchor, *level)))),
            ..self.look_span(&look)
        };
        self.force_page = true;
        self.pending_space = 0.0;
        let mut from = self.mark_from();
        let base = self.baseline(0.0, span.size);
        let (left, width) = (self.left, self.width);
        // A head too long for the line (`附件` and a long number) wraps as the body does rather
        // than run off the page (issue 24); its lines stay together.
        let lines = self.wrap(&[(&text, &span)], width);
        for k in 0..lines.max(1) {
            if k > 0 {
                from = self.mark_from();
            }
            if k < lines {
                self.draw_line(k, left, width, Align::Left, base);
            }
            let brk = if k == 0 { Brk::Allowed } else { Brk::Never };
            let slot = self.push_slot(self.base.pitch, brk, from);
            if k == 0 {
                self.out.slots[slot].anchor = anchor;
            }
        }
        self.keep_next = true;
        // The attachment's title on the third line.
        self.pending_space = self.base.pitch;
    }

    /// §7.3.7: the attachment's title centred on its third line, in the title's look.
    fn attachment_title(&mut self, level: u8, inlines: &[Inline]) {
        let look = self.style.look(Element::Title);
        let p = Para {
            role: look.role,
            size: look.size,
            pitch: look.pitch,
            grid: false,
            indent: 0.0,
            align: Align::Center,
            keep_lines: false,
            pad_top: 0.0,
            pad_bottom: 0.0,
        };
        self.clear();
        let anchor = self.take_anchor();
        let span = Span {
            node: Some(self.tag(Tag::Heading(self.level(anchor, level)))),
            ..self.look_span(&look)
        };
        self.title_text(&plain_text(inlines), &span);
        self.keep_next = true;
        self.set_paragraph(&p, anchor, Brk::Never);
        self.pending_space = self.base.pitch;
        self.keep_next = true;
    }
}
