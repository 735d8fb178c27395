//! Inline text into atoms, atoms into lines, lines into the galley.

use super::super::class::{self, Kind, paired};
use super::super::linebreak::{self, Align, Atom};
use super::super::{ASCENT, Glyph, Ink, MIDDLE, Mark, Measure, Run, Target};
use super::{Brk, Builder, MarkerKind, NodeId, Para, SUP_RISE, Span, Tag, decorate};
use crate::font::Role;
use crate::model::Inline;
use crate::style::Element;

impl<M: Measure> Builder<'_, M> {
    pub(super) fn inlines(&mut self, inlines: &[Inline], span: &Span) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Html(t) => self.text(t, span, false),
                Inline::Ruby { base, .. } => {
                    // Not drawn yet (issue 25): the base alone keeps the page's text whole.
                    if !std::mem::replace(&mut self.ruby_seen, true) {
                        self.out.warnings.push(
                            "pdf: ruby is not drawn in the PDF yet; its base text is set without the reading"
                                .into(),
                        );
                    }
                    self.text(base, span, false);
                }
                Inline::Code(t) => {
                    let s = Span {
                        role: self.style.look(Element::Code).role,
                        node: self.inline_tag(span, Tag::Code),
                        ..span.clone()
                    };
                    self.text(t, &s, false);
                }
                Inline::Emph(c) => {
                    let s = Span {
                        role: Role::Emphasis,
                        dots: self.emph_dots,
                        ..span.clone()
                    };
                    self.inlines(c, &s);
                }
                Inline::Strong(c) => {
                    let s = Span {
                        bold: true,
                        ..span.clone()
                    };
                    self.inlines(c, &s);
                }
                Inline::Strike(c) => {
                    let s = Span {
                        strike: true,
                        ..span.clone()
                    };
                    self.inlines(c, &s);
                }
                Inline::Link { url, inlines } => {
                    let target = match url.strip_prefix('#') {
                        Some(id) => self.by_id.get(id).map(|&i| Target::Anchor(i)),
                        None => Some(Target::Uri(url.as_str().into())),
                    };
                    // What the link does, in words (PDF/UA-1 §7.18.5: a link's annotation
                    // says so in its /Contents).
                    let alt = match &target {
                        Some(Target::Uri(u)) => Some(format!("link to {u}")),
                        Some(Target::Anchor(i)) => self
                            .out
                            .anchors
                            .get(*i)
                            .map(|a| format!("go to {}", a.title)),
                        _ => None,
                    };
                    let node = match alt {
                        Some(alt) => self.inline_tag(span, Tag::Link { alt }),
                        None => span.node,
                    };
                    let s = Span {
                        ink: Ink::Link,
                        link: target,
                        node,
                        ..span.clone()
                    };
                    self.inlines(inlines, &s);
                }
                Inline::Image { alt, .. } => {
                    let s = Span {
                        ink: Ink::Muted,
                        ..span.clone()
                    };
                    self.text(alt, &s, false);
                }
                Inline::LineBreak => self.text("\n", span, false),
                Inline::NoteRef { index } => {
                    // In the mark's own look (the body face), whatever the text around it: the
                    // subsets plan the marks' digits there.
                    let mark = self.style.look(Element::NoteMark);
                    // A Reference to the note, its mark a Link to the note's text (PDF/UA-1
                    // §7.9, §7.18.5: a link annotation sits in a Link element).
                    let reference = self.inline_tag(span, Tag::Reference);
                    let node = reference.map(|r| {
                        self.ref_tags.push((*index, r));
                        let alt = format!("go to note {}", index + 1);
                        self.out.tree.push(Tag::Link { alt }, r)
                    });
                    let s = Span {
                        node,
                        role: mark.role,
                        bold: mark.bold,
                        size: mark.size,
                        rise: span.size * SUP_RISE,
                        note: (!self.in_notes).then_some(*index),
                        // The mark is a link to the note (and the note's number links back).
                        link: Some(Target::Note {
                            index: *index,
                            nested: self.in_notes,
                        }),
                        ..span.clone()
                    };
                    self.text(&(index + 1).to_string(), &s, false);
                }
            }
        }
    }

    /// Adds an inline structure node under the node of `span`'s text; none while text is only
    /// measured.
    fn inline_tag(&mut self, span: &Span, role: Tag) -> Option<NodeId> {
        span.node.map(|parent| self.out.tree.push(role, parent))
    }

    /// Appends the characters of `text`; white space collapses to one space unless `rigid`
    /// (code), where every character is kept and a line may break anywhere.
    pub(super) fn text(&mut self, text: &str, span: &Span, rigid: bool) {
        let idx = self.push_span(span.clone());
        for c in text.chars() {
            let c = match c {
                '\n' if !rigid => '\n',
                '\t' if rigid => ' ',
                c if c.is_whitespace() && c != '\u{3000}' && c != '\n' => ' ',
                c if c.is_control() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}') => {
                    continue;
                }
                c => c,
            };
            if c == ' ' && !rigid {
                let prev = self.atoms.last().map(|a| a.info.kind);
                if matches!(prev, None | Some(Kind::Space) | Some(Kind::Break)) {
                    continue;
                }
            }
            let m = self.m;
            let pick = *self
                .picks
                .entry((span.role, span.bold, c))
                .or_insert_with(|| m.glyph(span.role, span.bold, c));
            // A character no face covers is drawn as the fallback face's blank box, a full em
            // wide (Noto Serif SC's .notdef): it takes a full cell, as an ideograph, so that
            // the next mark is not drawn inside the box.
            let (face, advance) = match pick {
                Some(p) => (Some((p.face, p.embolden)), p.advance * span.size),
                None => (None, span.size),
            };
            let ink = pick.and_then(|p| p.ink);
            let mut atom = if rigid {
                Atom::rigid(c, span.size, advance, idx)
            } else {
                Atom::new(c, span.size, advance, idx)
            };
            // A mark's blank half is where the face leaves it, not where the tables expect it.
            if let Some(ink) = ink {
                atom.info.blank = class::blank_of(atom.info.blank, ink);
            }
            if face.is_none() && matches!(atom.info.kind, Kind::Latin | Kind::Punct) {
                atom.info.kind = Kind::Han;
                atom.info.alnum = false;
            }
            self.atoms.push(atom);
            self.faces.push(face);
        }
    }

    /// Prepares the collected atoms and breaks them into `self.lines`.
    pub(super) fn break_into_lines(&mut self, p: &Para, width: f32) {
        while self
            .atoms
            .last()
            .is_some_and(|a| a.info.kind == Kind::Space)
        {
            self.atoms.pop();
            self.faces.pop();
        }
        let grid = if p.grid { self.base.grid } else { None };
        linebreak::prepare(&mut self.atoms, grid);
        // A raised footnote mark sits against the text it follows: no Han–Latin space on
        // either side of it.
        let mut raised_before = false;
        for a in &mut self.atoms {
            let raised = self.spans[a.span as usize].rise != 0.0;
            if raised || raised_before {
                a.gap = 0.0;
            }
            raised_before = raised;
        }
        self.lines.clear();
        if grid.is_some() {
            linebreak::break_grid_lines(&self.atoms, width, p.indent, &mut self.lines);
        } else {
            linebreak::break_lines(&self.atoms, width, p.indent, &mut self.lines);
        }
        if grid.is_none() {
            linebreak::avoid_runts(&self.atoms, &mut self.lines, width);
        }
    }

    /// Draws line `k` of `self.lines` with its baseline at `baseline` (relative to the slot top)
    /// into the galley; footnote references go to `note_refs`. Returns where the line ends.
    pub(super) fn draw_line(
        &mut self,
        k: usize,
        x0: f32,
        avail: f32,
        align: Align,
        baseline: f32,
    ) -> f32 {
        let line = self.lines[k];
        self.xs.clear();
        let xs = &mut self.xs;
        let end = linebreak::place(&self.atoms, &line, x0, avail, align, |_, x| xs.push(x));
        let g = &mut self.out.galley;
        let note_refs = &mut self.out.note_refs;
        let mut run: Option<Run> = None;
        // The stretch of atoms in one span being decorated: (first atom, start x, end x).
        let mut deco: Option<(usize, f32, f32)> = None;
        // Where the `——` or `……` being drawn starts.
        let mut pair_start = 0.0;
        for (k, i) in (line.start..line.end).enumerate() {
            let a = &self.atoms[i];
            let x = self.xs[k];
            let span = &self.spans[a.span as usize];
            let (face, embolden) = match self.faces[i] {
                Some((f, e)) => (Some(f), e),
                None => (None, false),
            };
            let y = baseline - span.rise;
            let same_before = i > line.start && self.atoms[i - 1].ch == a.ch;
            let same_after = i + 1 < line.end && self.atoms[i + 1].ch == a.ch;
            let hidden = paired(a.ch) && (same_before || same_after);
            if hidden && !same_before {
                pair_start = x - a.offset;
            }
            if hidden && !same_after {
                pair(
                    a.ch,
                    pair_start,
                    x - a.offset + a.width,
                    y,
                    span,
                    &mut g.marks,
                );
            }
            let same = run.as_ref().is_some_and(|r| {
                r.face == face
                    && r.embolden == embolden
                    && r.size == span.size
                    && r.y == y
                    && r.ink == span.ink
                    && r.hidden == hidden
                    && r.node == span.node
            });
            if !same {
                if let Some(r) = run.take() {
                    g.runs.push(r);
                }
                run = Some(Run {
                    face,
                    size: span.size,
                    embolden,
                    y,
                    ink: span.ink,
                    glyphs: g.glyphs.len()..g.glyphs.len(),
                    hidden,
                    node: span.node,
                });
            }
            g.glyphs.push(Glyph { ch: a.ch, x });
            if let Some(r) = run.as_mut() {
                r.glyphs.end = g.glyphs.len();
            }
            if span.dots && a.info.kind == Kind::Han {
                g.marks.push(Mark::Dot {
                    x: x + a.advance / 2.0,
                    y: baseline + span.size * 0.25,
                    r: span.size * 0.06,
                });
            }
            if let Some(n) = span.note
                && note_refs.last() != Some(&n)
            {
                note_refs.push(n);
            }
            // Links and strike-through: one box or rule per stretch of atoms in one span.
            match &mut deco {
                Some((s, _, x1)) if self.atoms[*s].span == a.span => *x1 = x + a.advance,
                _ => {
                    if let Some((s, x0, x1)) = deco.take() {
                        let span = &self.spans[self.atoms[s].span as usize];
                        decorate(span, x0, x1, baseline, &mut g.marks);
                    }
                    deco = Some((i, x, x + a.advance));
                }
            }
        }
        if let Some(r) = run {
            g.runs.push(r);
        }
        if let Some((s, x0, x1)) = deco {
            let span = &self.spans[self.atoms[s].span as usize];
            decorate(span, x0, x1, baseline, &mut g.marks);
        }
        end
    }

    /// Draws a pending list or note marker on the line whose baseline is at `baseline`.
    pub(super) fn draw_marker(&mut self, baseline: f32, size: f32) {
        let Some(marker) = self.marker.take() else {
            return;
        };
        let mid = baseline - size * 0.35;
        let (text, link) = match marker.kind {
            MarkerKind::Text(text) => (text, None),
            MarkerKind::Note(i) => ((i + 1).to_string(), Some(Target::NoteMark(i))),
            MarkerKind::Bullet => {
                let r = size * 0.14;
                self.out.galley.marks.push(Mark::Dot {
                    x: marker.right - r,
                    y: mid,
                    r,
                });
                return;
            }
            MarkerKind::Box(ticked) => {
                let side = size * 0.7;
                let (x0, y0) = (marker.right - side, mid - side / 2.0);
                let rule = |x0: f32, y0: f32, x1: f32, y1: f32| Mark::Rule {
                    x0,
                    y0,
                    x1,
                    y1,
                    width: size * 0.06,
                    ink: Ink::Text,
                };
                let marks = &mut self.out.galley.marks;
                marks.push(rule(x0, y0, x0 + side, y0));
                marks.push(rule(x0 + side, y0, x0 + side, y0 + side));
                marks.push(rule(x0 + side, y0 + side, x0, y0 + side));
                marks.push(rule(x0, y0 + side, x0, y0));
                if ticked {
                    let (a, b) = (side * 0.2, side * 0.45);
                    marks.push(rule(x0 + a, mid, x0 + b, y0 + side - a));
                    marks.push(rule(x0 + b, y0 + side - a, x0 + side - a, y0 + a));
                }
                return;
            }
        };
        let mut x = marker.right;
        let chars: Vec<char> = text.chars().collect();
        let mut placed = Vec::with_capacity(chars.len());
        for &c in chars.iter().rev() {
            let (face, adv) = match self.m.glyph(self.base.role, false, c) {
                Some(p) => (Some(p.face), p.advance * size),
                None => (None, size / 2.0),
            };
            x -= adv;
            placed.push((c, face, x));
        }
        let g = &mut self.out.galley;
        if let Some(target) = link {
            g.marks.push(Mark::Link {
                x,
                y: baseline - size * ASCENT,
                w: marker.right - x,
                h: size,
                target,
                node: marker.node,
            });
        }
        for (c, face, x) in placed.into_iter().rev() {
            let start = g.glyphs.len();
            g.glyphs.push(Glyph { ch: c, x });
            g.runs.push(Run {
                node: marker.node,
                ..Run::plain(face, size, baseline, start)
            });
        }
    }

    /// Lays out the collected atoms as a paragraph: one slot per line.
    pub(super) fn set_paragraph(&mut self, p: &Para, anchor: Option<usize>, first_brk: Brk) {
        self.break_into_lines(p, self.width);
        let n = self.lines.len();
        for k in 0..n {
            let from = self.mark_from();
            // Only the first line's slot carries the space above the paragraph (a chapter
            // heading's drop): the baseline is relative to each line's own slot.
            let pad = if k == 0 { p.pad_top } else { 0.0 };
            let baseline = pad + (p.pitch - p.size) / 2.0 + ASCENT * p.size;
            let (x0, avail) = if k == 0 {
                (self.left + p.indent, self.width - p.indent)
            } else {
                (self.left, self.width)
            };
            if k == 0 {
                self.draw_marker(baseline, p.size);
            }
            self.draw_line(k, x0, avail, p.align, baseline);
            let brk = if k == 0 {
                first_brk
            } else if !p.keep_lines {
                Brk::Never
            } else if k < 2 || n - k < 2 {
                Brk::Keep
            } else {
                Brk::Allowed
            };
            let mut height = p.pitch;
            if k == 0 {
                height += p.pad_top;
            }
            if k == n - 1 {
                height += p.pad_bottom;
            }
            let slot = self.push_slot(height, brk, from);
            if k == 0 && anchor.is_some() {
                self.out.slots[slot].anchor = anchor;
            }
        }
    }

    /// A paragraph of its own ([`Tag::Paragraph`]).
    pub(super) fn paragraph(&mut self, inlines: &[Inline], p: &Para) {
        let node = self.tag(Tag::Paragraph);
        self.paragraph_in(node, inlines, p);
    }

    /// A paragraph whose text is part of `node`.
    pub(super) fn paragraph_in(&mut self, node: NodeId, inlines: &[Inline], p: &Para) {
        self.clear();
        let span = Span {
            node: Some(node),
            ..self.span(p.role, p.size)
        };
        self.inlines(inlines, &span);
        if self.atoms.is_empty() {
            return;
        }
        self.set_paragraph(p, None, Brk::Allowed);
    }
}

/// Draws `——` (or a longer dash) as one rule and `……` as one row of dots across the cells from
/// `x0` to `x1`, in the middle of the em box: a font's dash is proportional and two of them
/// leave a gap between them (GB/T 15834-2011 §4.9: the 破折号 is one line two characters long;
/// §4.10: the 省略号 is six dots over two characters, three to a cell).
fn pair(ch: char, x0: f32, x1: f32, baseline: f32, span: &Span, marks: &mut Vec<Mark>) {
    let y = baseline - MIDDLE * span.size;
    if matches!(ch, '…' | '⋯') {
        let step = (x1 - x0) / ((x1 - x0) / span.size).round().max(1.0) / 3.0;
        marks.push(Mark::Dots {
            x0: x0 + step / 2.0,
            x1: x1 - step / 2.0,
            y,
            step,
            r: span.size * DOT_RADIUS,
        });
    } else {
        marks.push(Mark::Rule {
            x0,
            y0: y,
            x1,
            y1: y,
            width: span.size * DASH_WIDTH,
            ink: span.ink,
        });
    }
}

/// The thickness of a `——` rule, in em (Noto Serif SC's em dash: 0.051).
const DASH_WIDTH: f32 = 0.05;

/// The radius of a dot of `……`, in em (Noto Serif SC's ellipsis: 0.056).
const DOT_RADIUS: f32 = 0.055;
