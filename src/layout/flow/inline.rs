//! Inline text into atoms, atoms into lines, lines into the galley.

use super::super::class::{Kind, paired};
use super::super::linebreak::{self, Align, Atom, BOX, Line};
use super::super::orient::upright;
use super::super::{ASCENT, Actual, Glyph, Ink, MIDDLE, Mark, Measure, Run, Target, blended};
use super::{
    Annotation, Boxed, Brk, Builder, CHUNK, MarkerKind, NodeId, Para, SUP_RISE, Span, Tag, decorate,
};
use crate::font::Role;
use crate::model::{self, Inline, RubyKind};
use crate::style::Element;

impl<M: Measure> Builder<'_, M> {
    pub(super) fn inlines(&mut self, inlines: &[Inline], span: &Span) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Html(t) => self.text(t, span, false),
                Inline::Ruby {
                    base,
                    annotation,
                    kind,
                } => self.ruby(base, annotation, *kind, span),
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
                Inline::Image { src, alt } => self.inline_image(src, alt, span),
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

    /// Sets ruby: the base as text, kept on one line when it is a group, and each reading
    /// recorded over its base (one per character when a group's syllables map onto its
    /// characters, as the HTML's `<rt>` are, else one over the whole base).
    fn ruby(&mut self, base: &str, annotation: &str, kind: RubyKind, span: &Span) {
        let beside = model::is_zhuyin(annotation);
        // Readings over the text need room above the line; 注音 beside it does not.
        self.progress.ruby |= !beside;
        // No lines are set inside the base: its readings are not recorded yet.
        let para = self.progress.para.take();
        let group = self.atoms.len();
        for (b, a) in model::ruby_pairs(base, annotation) {
            let start = self.atoms.len();
            self.text(b, span, false);
            let end = self.atoms.len();
            if start < end && !a.trim().is_empty() {
                let text = a.trim().to_string();
                let span = self.atoms[start].span;
                self.rubies.push(Annotation {
                    atoms: start..end,
                    text,
                    span,
                    width: 0.0,
                    beside,
                });
            }
        }
        // A group is never broken across lines (W3C Ruby Markup §3.2; clreq §3.4).
        if kind == RubyKind::Group {
            for a in self.atoms.iter_mut().skip(group + 1) {
                a.glue = true;
            }
        }
        self.progress.para = para;
    }

    /// A picture inside a paragraph: a box on the line at the picture's size (pixels at 96 per
    /// inch, as the HTML's `width` and `height` and the DOCX's extent say), shrunk to fit the
    /// measure and half the text block, tagged a [`Tag::Figure`] with its alt text. A picture
    /// that could not be loaded is its alt text.
    fn inline_image(&mut self, src: &str, alt: &str, span: &Span) {
        let Some(res) = self
            .doc
            .resources
            .get(src)
            .filter(|r| r.width > 0 && r.height > 0)
        else {
            let s = Span {
                ink: Ink::Muted,
                ..span.clone()
            };
            self.text(alt, &s, false);
            return;
        };
        let (w, h) = (res.width as f32 * 0.75, res.height as f32 * 0.75);
        let max_h = self.style.text_height() * crate::style::PT_PER_MM * 0.5;
        let scale = (self.width / w).min(max_h / h).min(1.0);
        let (node, alt) = match span.node {
            Some(_) => {
                let alt = self.alt(src, alt);
                (self.inline_tag(span, Tag::Figure { alt: alt.clone() }), alt)
            }
            None => (None, String::new()),
        };
        let idx = self.push_span(span.clone());
        self.boxes.push(Boxed {
            atom: self.atoms.len(),
            src: src.to_string(),
            w: w * scale,
            h: h * scale,
            node,
            alt,
        });
        self.atoms.push(Atom::boxed(w * scale, span.size, idx));
        self.faces.push(None);
    }

    /// How far the inline boxes of line `k` reach above its baseline: the tallest picture.
    pub(super) fn box_height(&self, k: usize) -> f32 {
        let line = self.lines[k];
        let from = self.boxes.partition_point(|b| b.atom < line.start);
        self.boxes[from..]
            .iter()
            .take_while(|b| b.atom < line.end)
            .fold(0.0, |h, b| h.max(b.h))
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
                // Scaled only across lines: a column sets each glyph from its top.
                Some(p) => {
                    let scale = if self.style.vertical { 1.0 } else { p.scale };
                    (Some((p.face, p.embolden, scale)), p.advance * span.size)
                }
                None => (None, span.size),
            };
            // Down a column the mark is drawn in its vertical form, which may sit elsewhere.
            let ink = pick.and_then(|p| {
                if self.style.vertical {
                    p.column_ink
                } else {
                    p.ink
                }
            });
            let mut atom = if rigid {
                Atom::rigid(c, span.size, advance, idx)
            } else {
                Atom::new(c, span.size, advance, idx)
            };
            // A mark's blank half is where the face leaves it, not where the tables expect it.
            if let Some(ink) = ink {
                atom.read_ink(ink);
            }
            if face.is_none() && matches!(atom.info.kind, Kind::Latin | Kind::Punct) {
                atom.info.kind = Kind::Han;
                atom.info.alnum = false;
            }
            self.atoms.push(atom);
            self.faces.push(face);
            if self.atoms.len() >= self.progress.at
                && let Some(p) = self.progress.para
            {
                self.set_early_lines(&p);
            }
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
        self.prepare(p, self.atoms.len());
        self.break_prepared(p, width, self.atoms.len());
    }

    /// Prepares the atoms up to `end` not prepared yet: punctuation, spacing, readings.
    fn prepare(&mut self, p: &Para, end: usize) {
        let from = self.progress.atoms;
        let grid = if p.grid { self.base.grid } else { None };
        // Pieces end between two ideographs (`set_early_lines`), never inside a number.
        if self.style.vertical {
            linebreak::upright_numbers(&mut self.atoms[from..end], grid, upright);
        }
        linebreak::prepare(&mut self.atoms[from..end], grid);
        // A raised footnote mark sits against the text it follows: no Han–Latin space on
        // either side of it.
        let mut raised_before = false;
        for a in &mut self.atoms[from..end] {
            let raised = self.spans[a.span as usize].rise != 0.0;
            if raised || raised_before {
                a.gap = 0.0;
            }
            raised_before = raised;
        }
        self.make_room_for_rubies(end);
        self.progress.atoms = end;
    }

    /// Breaks the prepared atoms up to `end` into `self.lines`; the paragraph's first line
    /// (if not set yet) is indented.
    fn break_prepared(&mut self, p: &Para, width: f32, end: usize) {
        let atoms = &self.atoms[..end];
        let indent = if self.progress.lines == 0 {
            p.indent
        } else {
            0.0
        };
        self.lines.clear();
        if p.grid && self.base.grid.is_some() {
            linebreak::break_grid_lines(atoms, width, indent, &mut self.lines);
        } else {
            linebreak::break_lines(atoms, width, indent, &mut self.lines);
            linebreak::avoid_runts(atoms, &mut self.lines, width);
        }
    }

    /// Sets the first lines of a long paragraph while its text is still coming in, and drops
    /// their atoms. Only atoms up to a boundary between two plain ideographs are prepared and
    /// broken — where preparing in pieces gives what preparing the whole would (no
    /// punctuation, spacing, Latin word or reading spans it) — and the last [`HELD_LINES`]
    /// lines wait for the text after them, as greedy breaking decides a line by the text after
    /// it up to the next break.
    fn set_early_lines(&mut self, p: &Para) {
        let plain = |a: &Atom| a.info.kind == Kind::Han && a.ch != BOX && !a.glue;
        let read = self.rubies.last().map_or(0, |r| r.atoms.end);
        let end = (read.max(self.progress.atoms) + 1..self.atoms.len())
            .rev()
            .find(|&b| plain(&self.atoms[b - 1]) && plain(&self.atoms[b]));
        let n = match end {
            Some(end) => {
                self.prepare(p, end);
                self.break_prepared(p, self.width, end);
                self.lines.len()
            }
            None => 0,
        };
        if n <= HELD_LINES {
            // Nowhere to cut yet: wait for twice as much text, so that work stays linear.
            self.progress.at = self.atoms.len() * 2;
            return;
        }
        let cut = self.lines[n - HELD_LINES].start;
        self.set_lines(p, None, Brk::Allowed, n - HELD_LINES, false);
        self.atoms.drain(..cut);
        self.faces.drain(..cut);
        let drawn = |a: &std::ops::Range<usize>| a.start < cut;
        let gone = self.rubies.iter().take_while(|r| drawn(&r.atoms)).count();
        self.rubies.drain(..gone);
        for r in &mut self.rubies {
            r.atoms = r.atoms.start - cut..r.atoms.end - cut;
        }
        let boxes = self.boxes.iter().take_while(|b| b.atom < cut).count();
        self.boxes.drain(..boxes);
        for b in &mut self.boxes {
            b.atom -= cut;
        }
        self.progress.atoms -= cut;
        self.progress.rubies -= gone.min(self.progress.rubies);
        self.progress.at = CHUNK.max(self.atoms.len() * 2);
    }

    /// Measures each ruby annotation and, where it is wider than its base and the half ruby em
    /// it may overhang on each side where the neighbour has no reading of its own, spreads the
    /// base's characters apart to make it fit (JIS X 4051 §3.3; jlreq §3.3.7, "ruby
    /// overhang").
    fn make_room_for_rubies(&mut self, end: usize) {
        let last = self.rubies.partition_point(|r| r.atoms.end <= end);
        for r in self.progress.rubies..last {
            let Annotation {
                ref atoms, span, ..
            } = self.rubies[r];
            let atoms = atoms.clone();
            let (role, size) = {
                let s = &self.spans[span as usize];
                (s.role, s.size * RUBY_SIZE)
            };
            let text = std::mem::take(&mut self.rubies[r].text);
            let mut width = 0.0;
            for c in text.chars() {
                width += self.ruby_pick(role, c).map_or(size, |p| p.advance * size);
            }
            self.rubies[r].text = text;
            self.rubies[r].width = width;
            if self.rubies[r].beside {
                // The column takes its own room after the base's last character.
                let em = self.spans[span as usize].size;
                if let Some(a) = self.atoms.get_mut(atoms.end - 1) {
                    a.width += zhuyin_room(em);
                }
                continue;
            }
            // How far the reading may reach past its base on each side: half its em over a
            // neighbour without a reading, nothing at the paragraph's edge, and short of the
            // white kept beside a neighbour's reading. The annotations are in order and never
            // overlap: a neighbour has a reading when the one before ends, or the one after
            // starts, next to this base.
            let before = match r.checked_sub(1) {
                _ if atoms.start == 0 => 0.0,
                Some(p) if self.rubies[p].atoms.end == atoms.start => -size * RUBY_APART / 2.0,
                _ => size / 2.0,
            };
            let after = match self.rubies.get(r + 1) {
                _ if atoms.end >= self.atoms.len() && self.progress.para.is_none() => 0.0,
                Some(n) if n.atoms.start == atoms.end => -size * RUBY_APART / 2.0,
                _ => size / 2.0,
            };
            let base: f32 = self.atoms[atoms.clone()]
                .iter()
                .enumerate()
                .map(|(k, a)| if k > 0 { a.gap + a.width } else { a.width })
                .sum();
            // Centred, the reading reaches as far past its base on both sides.
            let extra = width - 2.0 * before.min(after) - base;
            if extra > 0.0 {
                let each = extra / atoms.len() as f32;
                for a in &mut self.atoms[atoms] {
                    a.width += each;
                    a.offset += each / 2.0;
                }
            }
        }
        self.progress.rubies = last;
    }

    /// The face and advance of reading character `c`: the base's role, regular weight.
    fn ruby_pick(&mut self, role: Role, c: char) -> Option<super::super::Pick> {
        let m = self.m;
        *self
            .picks
            .entry((role, false, c))
            .or_insert_with(|| m.glyph(role, false, c))
    }

    /// Whether the paragraph being set has ruby: its lines need the room above them.
    pub(super) fn has_ruby(&self) -> bool {
        self.progress.ruby
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
        // The inline boxes from this line's first atom on.
        let mut boxes = self.boxes[self.boxes.partition_point(|b| b.atom < line.start)..].iter();
        for (k, i) in (line.start..line.end).enumerate() {
            let a = &self.atoms[i];
            let x = self.xs[k];
            let span = &self.spans[a.span as usize];
            if a.ch == BOX
                && let Some(b) = boxes.by_ref().find(|b| b.atom >= i)
                && b.atom == i
            {
                if let Some(r) = run.take() {
                    g.runs.push(r);
                }
                g.marks.push(Mark::Picture {
                    src: b.src.clone(),
                    x,
                    y: baseline - b.h,
                    w: b.w,
                    h: b.h,
                    node: b.node,
                });
                // The alt text, invisible across the picture, is the Figure's text: the page
                // copies with it, as every character of the source reaches each output.
                let cell = b.w / b.alt.chars().count().max(1) as f32;
                for (j, c) in b.alt.chars().enumerate() {
                    let m = self.m;
                    let face = self
                        .picks
                        .entry((span.role, span.bold, c))
                        .or_insert_with(|| m.glyph(span.role, span.bold, c))
                        .map(|p| p.face);
                    if !g.runs.last().is_some_and(|r| {
                        r.hidden
                            && r.face == face
                            && r.node == b.node
                            && r.glyphs.end == g.glyphs.len()
                    }) {
                        g.runs.push(Run {
                            hidden: true,
                            node: b.node,
                            ink: span.ink,
                            ..Run::plain(face, span.size, baseline, g.glyphs.len())
                        });
                    }
                    g.glyphs.push(Glyph {
                        ch: c,
                        x: x + j as f32 * cell,
                    });
                    if let Some(r) = g.runs.last_mut() {
                        r.glyphs.end = g.glyphs.len();
                    }
                }
                extend(
                    &mut deco,
                    i,
                    x,
                    a,
                    &self.atoms,
                    &self.spans,
                    baseline,
                    &mut g.marks,
                );
                continue;
            }
            let (face, embolden, scale) = match self.faces[i] {
                Some((f, e, s)) => (Some(f), e, s),
                None => (None, false, 1.0),
            };
            let (size, y, text_size) = blended(scale, span.size, baseline - span.rise);
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
                    && r.size == size
                    && r.text_size == text_size
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
                    size,
                    embolden,
                    y,
                    ink: span.ink,
                    glyphs: g.glyphs.len()..g.glyphs.len(),
                    hidden,
                    node: span.node,
                    text_size,
                });
            }
            g.glyphs.push(Glyph { ch: a.ch, x });
            if let Some(r) = run.as_mut() {
                r.glyphs.end = g.glyphs.len();
            }
            // Not under the digits of a number set upright (`linebreak::upright_numbers`).
            if span.dots && a.info.kind == Kind::Han && !a.ch.is_ascii_digit() {
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
            extend(
                &mut deco,
                i,
                x,
                a,
                &self.atoms,
                &self.spans,
                baseline,
                &mut g.marks,
            );
        }
        if let Some(r) = run {
            g.runs.push(r);
        }
        if let Some((s, x0, x1)) = deco {
            let span = &self.spans[self.atoms[s].span as usize];
            decorate(span, x0, x1, baseline, &mut g.marks);
        }
        self.draw_rubies(line, baseline);
        end
    }

    /// Draws the ruby annotations of `line` (whose characters are at `self.xs`), each centred
    /// over its base's cells and set on the base's em box, after the line's text: runs with
    /// no structure node whose text copies as nothing, so that the page copies as the base
    /// text alone, in order (W3C Ruby Markup; the reading stays in the HTML, EPUB and DOCX).
    fn draw_rubies(&mut self, line: Line, baseline: f32) {
        let from = self.rubies.partition_point(|r| r.atoms.start < line.start);
        let first = self.out.galley.runs.len();
        for r in from..self.rubies.len() {
            let ruby = &self.rubies[r];
            if ruby.atoms.start >= line.end {
                break;
            }
            let (s, e) = (ruby.atoms.start, ruby.atoms.end.min(line.end) - 1);
            let cell = |i: usize| self.xs[i - line.start] - self.atoms[i].offset;
            if ruby.beside {
                let span = &self.spans[ruby.span as usize];
                let x = cell(e) + self.atoms[e].width - zhuyin_room(span.size);
                let centre = baseline - span.rise - MIDDLE * span.size;
                let (size, ink, role) = (span.size * ZHUYIN_SIZE, span.ink, span.role);
                for (c, x, y) in zhuyin_column(&ruby.text, x, centre, size) {
                    self.draw_reading(first, role, size, ink, c, x, y);
                }
                continue;
            }
            let centre = (cell(s) + cell(e) + self.atoms[e].width) / 2.0;
            let span = &self.spans[ruby.span as usize];
            let (role, size, ink) = (span.role, span.size * RUBY_SIZE, span.ink);
            let top = baseline - span.rise - ASCENT * span.size;
            let y = top - (1.0 - ASCENT) * size;
            let mut x = centre - ruby.width / 2.0;
            let text = ruby.text.clone();
            for c in text.chars() {
                x += self.draw_reading(first, role, size, ink, c, x, y);
            }
        }
        let runs = first..self.out.galley.runs.len();
        if !runs.is_empty() {
            self.actual.push(Actual {
                runs,
                text: String::new(),
            });
        }
    }

    /// Draws reading character `c` with its pen at (`x`, `y`), in the run of the line's readings
    /// (from `first` on) that it continues, and gives its advance.
    #[allow(clippy::too_many_arguments)]
    fn draw_reading(
        &mut self,
        first: usize,
        role: Role,
        size: f32,
        ink: Ink,
        c: char,
        x: f32,
        y: f32,
    ) -> f32 {
        let pick = self.ruby_pick(role, c);
        let face = pick.map(|p| p.face);
        let g = &mut self.out.galley;
        let same = g.runs.len() > first
            && g.runs
                .last()
                .is_some_and(|l| l.face == face && l.y == y && l.size == size);
        if !same {
            g.runs.push(Run {
                ink,
                ..Run::plain(face, size, y, g.glyphs.len())
            });
        }
        g.glyphs.push(Glyph { ch: c, x });
        if let Some(l) = g.runs.last_mut() {
            l.glyphs.end = g.glyphs.len();
        }
        pick.map_or(size, |p| p.advance * size)
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
        self.progress.para = None;
        self.break_into_lines(p, self.width);
        let n = self.lines.len();
        self.set_lines(p, anchor, first_brk, n, true);
    }

    /// Sets the first `n` of `self.lines`, the paragraph's lines after those already set;
    /// `last` when they end the paragraph.
    fn set_lines(&mut self, p: &Para, anchor: Option<usize>, first_brk: Brk, n: usize, last: bool) {
        // A paragraph with ruby takes the pitch its readings need between its lines, if the
        // style's leaves too little (clreq §3.4: the reading sits over the base's em box).
        let pitch = if self.has_ruby() {
            p.pitch.max(p.size * (1.0 + RUBY_SIZE * RUBY_ROOM))
        } else {
            p.pitch
        };
        let done = self.progress.lines;
        for k in 0..n {
            // The line's place in the whole paragraph.
            let at = done + k;
            let from = self.mark_from();
            // Only the first line's slot carries the space above the paragraph (a chapter
            // heading's drop): the baseline is relative to each line's own slot.
            let pad = if at == 0 { p.pad_top } else { 0.0 };
            let mut baseline = pad + (pitch - p.size) / 2.0 + ASCENT * p.size;
            // A picture on the line taller than the room above the baseline pushes the line
            // down by the difference (whole lines on a grid).
            let mut taller = (self.box_height(k) - (baseline - pad)).max(0.0);
            if p.grid && taller > 0.0 {
                taller = (taller / pitch).ceil() * pitch;
            }
            baseline += taller;
            let (x0, avail) = if at == 0 {
                (self.left + p.indent, self.width - p.indent)
            } else {
                (self.left, self.width)
            };
            if at == 0 {
                self.draw_marker(baseline, p.size);
            }
            self.draw_line(k, x0, avail, p.align, baseline);
            let brk = if at == 0 {
                first_brk
            } else if !p.keep_lines {
                Brk::Never
            } else if at < 2 || (last && n - k < 2) {
                Brk::Keep
            } else {
                Brk::Allowed
            };
            let mut height = pitch + taller;
            if at == 0 {
                height += p.pad_top;
            }
            if last && k == n - 1 {
                height += p.pad_bottom;
            }
            let slot = self.push_slot(height, brk, from);
            if at == 0 && anchor.is_some() {
                self.out.slots[slot].anchor = anchor;
            }
        }
        self.progress.lines += n;
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
        self.progress.para = Some(*p);
        self.inlines(inlines, &span);
        if self.atoms.is_empty() && self.progress.lines == 0 {
            return;
        }
        self.set_paragraph(p, None, Brk::Allowed);
    }
}

/// Carries the link box or strike-through of the stretch of atoms in one span on to atom `i`
/// at `x`, or closes it and starts a new one: one box or rule per stretch.
#[allow(clippy::too_many_arguments)]
fn extend(
    deco: &mut Option<(usize, f32, f32)>,
    i: usize,
    x: f32,
    a: &Atom,
    atoms: &[Atom],
    spans: &[Span],
    baseline: f32,
    marks: &mut Vec<Mark>,
) {
    match deco {
        Some((s, _, x1)) if atoms[*s].span == a.span => *x1 = x + a.advance,
        _ => {
            if let Some((s, x0, x1)) = deco.take() {
                decorate(&spans[atoms[s].span as usize], x0, x1, baseline, marks);
            }
            *deco = Some((i, x, x + a.advance));
        }
    }
}

/// How many lines of a long paragraph wait for the text after them (see
/// `Builder::set_early_lines`).
const HELD_LINES: usize = 3;

/// The size of 注音 as a share of its base's: three symbols stacked fill the base's em.
const ZHUYIN_SIZE: f32 = 0.3;

/// The room a 注音 column takes after its base, in the base's em: the symbols' column, the
/// tone mark's beside it and a little white before the next character.
fn zhuyin_room(em: f32) -> f32 {
    em * ZHUYIN_SIZE * 1.8
}

/// Where each character of a 注音 reading goes when its column starts at `x`, centred on the
/// base's em box whose middle is at `centre`, the symbols `size` each: the symbols stacked top
/// to bottom, a tone mark of the second to fourth tones to their right beside the last two,
/// the neutral tone's dot above them (clreq §3.4.2; 教育部《國語注音符號手冊》). Each
/// is (character, pen x, baseline).
fn zhuyin_column(reading: &str, x: f32, centre: f32, size: f32) -> Vec<(char, f32, f32)> {
    let tone = |c: char| matches!(c, '\u{02CA}' | '\u{02C7}' | '\u{02CB}' | '\u{02D9}');
    let symbols: Vec<char> = reading.chars().filter(|&c| !tone(c)).collect();
    let top = centre - symbols.len() as f32 * size / 2.0;
    let baseline = |y: f32| y + ASCENT * size;
    let mut out: Vec<(char, f32, f32)> = symbols
        .iter()
        .enumerate()
        .map(|(k, &c)| (c, x, baseline(top + k as f32 * size)))
        .collect();
    for c in reading.chars().filter(|&c| tone(c)) {
        if c == '\u{02D9}' {
            out.insert(0, (c, x, baseline(top - size)));
        } else {
            // Centred on the line between the last two symbols, or on the upper half of one.
            let mid = top + (symbols.len() as f32 - 1.0).max(0.25) * size;
            out.push((c, x + size, baseline(mid - size / 2.0)));
        }
    }
    out
}

/// The size of a ruby annotation as a share of its base's (clreq §3.4: about half).
const RUBY_SIZE: f32 = 0.5;

/// The white between two readings side by side, in their em.
const RUBY_APART: f32 = 0.5;

/// The room a reading needs between two lines, in its own em: its em box and a little white.
const RUBY_ROOM: f32 = 1.1;

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
