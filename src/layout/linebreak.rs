//! Line breaking and justification: pure functions over measured characters.
//!
//! A paragraph is a slice of [`Atom`]s (a character with its advance). [`prepare`] applies the
//! punctuation rules that do not depend on where lines end (consecutive punctuation compression,
//! Han–Latin spacing, grid cells); [`break_lines`] chooses line ends greedily under the kinsoku
//! rules, preferring push-in (compressing punctuation to fit one more mark) to push-out; [`place`]
//! positions the characters of one line, flush on both sides.
//!
//! See clreq §3.1.6 "Punctuation width adjustment", §3.1.7 "Prohibition rules for line start and
//! line end", §3.2.1 "Spacing between Chinese and Western text" and §3.8 "Line adjustment":
//! <https://www.w3.org/TR/clreq/>.

use super::class::{Blank, Info, Kind, blank_of, classify, is_interpunct, paired};

/// Space between a Han character and a Latin letter or digit, in em (clreq §3.2.1).
pub const HAN_LATIN_SPACE: f32 = 0.25;

/// The widest extra space a justified line puts between two characters, in em; a line that would
/// need more is set flush left instead.
pub const MAX_SPREAD: f32 = 1.0;

/// The same for a line that holds Latin text or ends before it: a long word pushed to the next
/// line leaves few gaps to share the rest, and spreading them reads as wide letter-spacing.
pub const MAX_LATIN_SPREAD: f32 = 0.3;

/// A full-width mark is one whose advance is at least this share of the em.
const FULL_WIDTH: f32 = 0.9;

/// The spacing accents that poppler folds into the glyph before them when they overlap it
/// (`combiningTable` in its TextOutputDev.cc: grave, diaeresis, macron, acute, cedilla and the
/// modifier letters).
const SPACING_ACCENTS: &[char] = &['`', '¨', '¯', '´', '¸', 'ˆ', 'ˇ', '˘', '˙', '˚', '˜', '˝'];

/// Of a hanging pair of marks (`”，`), how far the second starts after the first, as a share of
/// the first's advance: the two fit in one cell (a closing mark's ink is in the left third of
/// its glyph), and poppler's text extraction, which reads a glyph starting in the first half of
/// the one before as a new line, copies `”，` back in order.
const HANG_PAIR_STEP: f32 = 0.6;

/// The character an inline box stands on (U+FFFC OBJECT REPLACEMENT CHARACTER).
pub const BOX: char = '\u{FFFC}';

/// Tolerance for comparing widths, in points.
const EPS: f32 = 0.01;

/// One character on its way into a line, with its measurements in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Atom {
    /// The character.
    pub ch: char,
    /// Its class.
    pub info: Info,
    /// The em it is set in (the font size, or the grid pitch).
    pub em: f32,
    /// Its advance: how far the glyph moves the pen.
    pub advance: f32,
    /// The room it takes on the line (its cell, after compression).
    pub width: f32,
    /// Where its glyph starts inside that room.
    pub offset: f32,
    /// How much more room it can give up when a line needs it (push-in).
    pub shrink: f32,
    /// Space before it, dropped when it starts a line (Han–Latin spacing).
    pub gap: f32,
    /// Inside a run of Latin text, a line may end before it: a UAX #14 break opportunity
    /// (after a hyphen, after the slash of an address), set by [`prepare`].
    pub soft: bool,
    /// No line may end before it: it continues an unbreakable group (the base of a group
    /// ruby, which is never broken across lines: W3C Ruby Markup, clreq §3.4).
    pub glue: bool,
    /// It shares one cell with the atom before it, and no line ends or spreads between them:
    /// the later digits of a number set upright across a vertical column ([`upright_numbers`]).
    pub tied: bool,
    /// An opaque style index for the caller.
    pub span: u32,
}

impl Atom {
    /// A character set in `em` with its glyph advance `advance`.
    pub fn new(ch: char, em: f32, advance: f32, span: u32) -> Atom {
        Atom {
            ch,
            info: classify(ch),
            em,
            advance,
            width: advance,
            offset: 0.0,
            shrink: 0.0,
            gap: 0.0,
            soft: false,
            glue: false,
            tied: false,
            span,
        }
    }

    /// An inline box (a picture on the line) `width` wide: one unbreakable item with its own
    /// advance, after and before which a line may end, as after and before an ideograph. Its
    /// character is U+FFFC OBJECT REPLACEMENT CHARACTER, never drawn.
    pub fn boxed(width: f32, em: f32, span: u32) -> Atom {
        Atom::rigid(BOX, em, width, span)
    }

    /// A character that may break on either side and never compresses (code, table fillers).
    pub fn rigid(ch: char, em: f32, advance: f32, span: u32) -> Atom {
        let mut atom = Atom::new(ch, em, advance, span);
        if atom.info.kind != Kind::Break {
            atom.info = Info {
                kind: Kind::Han,
                no_start: false,
                no_end: false,
                blank: Blank::None,
                alnum: false,
            };
        }
        atom
    }

    /// Reads where the face's glyph of a mark leaves its blank (`ink`: the left and right edges
    /// of its ink as shares of its advance; [`blank_of`]). Only a full-width glyph has a blank
    /// of its own: a narrow quote keeps the table's side, where [`prepare`] sets it in its cell.
    pub fn read_ink(&mut self, ink: (f32, f32)) {
        if self.full_width() {
            self.info.blank = blank_of(self.info.blank, ink);
        }
    }

    fn full_width(&self) -> bool {
        self.advance >= FULL_WIDTH * self.em
    }
}

/// The quotation marks that Chinese text sets in full-width cells (GB/T 15834-2011 §4.1; clreq
/// §3.1.6), and that many Ming faces (cwTeX, WenQuanYi) draw as narrow Latin forms.
pub const QUOTES: &str = "“”‘’";

/// Whether `a`, with `prev` and `next` beside it, is a narrow quote in Chinese text: a face's
/// proportional `“ ”` next to a Chinese character or mark, which [`prepare`] sets in a full cell
/// (ink at the right of an opening quote's cell, at the left of a closing one's) so a 公文 line
/// still holds 28 cells. Between Latin letters (`don’t`, `“yes”` in an English sentence) the
/// quote stays narrow.
fn narrow_quote(a: &Atom, prev: Option<&Atom>, next: Option<&Atom>) -> bool {
    let cjk = |x: Option<&Atom>| x.is_some_and(|x| matches!(x.info.kind, Kind::Han | Kind::Punct));
    a.info.kind == Kind::Punct
        && !a.full_width()
        && QUOTES.contains(a.ch)
        && (cjk(prev) || cjk(next))
}

/// Sets cells, compresses consecutive punctuation and adds Han–Latin spacing.
///
/// With a `grid` pitch (GB/T 9704: 28 characters on 156 mm), every full-width character takes
/// exactly one pitch, so a full line holds the grid's count. Consecutive punctuation: of two
/// adjacent full-width marks, the blank between them is dropped, so the pair takes 1.5 em
/// (clreq §3.1.6.2): a closing mark before any mark loses its right half, an opening mark after
/// an opening mark loses its left half.
pub fn prepare(atoms: &mut [Atom], grid: Option<f32>) {
    latin_breaks(atoms);
    let n = atoms.len();
    for i in 0..n {
        let prev = (i > 0).then(|| atoms[i - 1].ch);
        let next = atoms.get(i + 1).map(|a| a.ch);
        let han = |k: Option<usize>| {
            k.and_then(|k| atoms.get(k))
                .is_some_and(|a| a.info.kind == Kind::Han)
        };
        // An interpunct between Chinese characters (国风·周南) is the 间隔号, which takes a
        // full cell (GB/T 15834-2011 §4.14), not the narrow Latin middle dot of the font.
        let middot = is_interpunct(atoms[i].ch) && han(i.checked_sub(1)) && han(Some(i + 1));
        let quote = narrow_quote(
            &atoms[i],
            i.checked_sub(1).map(|k| &atoms[k]),
            atoms.get(i + 1),
        );
        let a = &mut atoms[i];
        // A box keeps the width it was given.
        if a.ch == BOX {
            continue;
        }
        match a.info.kind {
            Kind::Break => {
                a.width = 0.0;
                continue;
            }
            Kind::Space | Kind::Latin => continue,
            Kind::Han | Kind::Punct => {}
        }
        // `——` and `……` take two full cells; the writer draws them as one rule or one row of
        // dots across the cells, so each glyph stands at the start of its cell.
        let dash = paired(a.ch);
        if !a.full_width() && !dash && !middot && !quote {
            continue;
        }
        let cell = grid.unwrap_or(if dash || middot || quote {
            a.em.max(a.advance)
        } else {
            a.advance
        });
        if let Some(pitch) = grid {
            a.em = pitch;
        }
        a.width = cell;
        a.offset = match a.info.blank {
            Blank::Right => 0.0,
            Blank::Left => cell - a.advance,
            Blank::None if dash && (prev == Some(a.ch) || next == Some(a.ch)) => 0.0,
            Blank::None => (cell - a.advance) / 2.0,
        };
        if a.info.blank != Blank::None {
            a.shrink = cell / 2.0;
        }
    }
    for i in 1..n {
        let (left, right) = atoms.split_at_mut(i);
        let (a, b) = (&mut left[i - 1], &mut right[0]);
        // On the grid every mark keeps its full cell (GB/T 9704 §5.2.2: 22 lines of 28
        // characters); only the mark at a line end may give up its blank (`break_grid_lines`).
        if grid.is_some() {
        } else if a.info.blank == Blank::Right && a.shrink > 0.0 && b.info.blank != Blank::None {
            a.width -= a.shrink;
            a.shrink = 0.0;
        } else if b.info.blank == Blank::Left && b.shrink > 0.0 && a.info.blank == Blank::Left {
            b.width -= b.shrink;
            b.offset -= b.shrink;
            b.shrink = 0.0;
        }
        // A mark before a spacing accent keeps its cell: poppler's text extraction reads an
        // accent whose centre falls inside the previous glyph's box as a combining mark on
        // it (`，` + `` ` `` would copy back as `，\u{300}`).
        if SPACING_ACCENTS.contains(&b.ch) {
            a.shrink = 0.0;
        }
        let han = |x: &Atom| matches!(x.info.kind, Kind::Han);
        if han(a) && b.info.alnum {
            b.gap = a.em * HAN_LATIN_SPACE;
        } else if a.info.alnum && han(b) {
            b.gap = b.em * HAN_LATIN_SPACE;
        }
    }
}

/// How many digits a number set upright across a vertical column holds: the PDF writer draws
/// two or three side by side in the column's em; a longer number, or one digit, is turned with
/// its line.
pub const UPRIGHT_DIGITS: std::ops::RangeInclusive<usize> = 2..=3;

/// In vertical text, sets every number of [`UPRIGHT_DIGITS`] ASCII digits that stands between
/// characters upright in the column (`upright`: `orient::upright`) — or at the edge of the
/// paragraph — in one cell (縦中横, tate-chu-yoko): the group occupies one character frame
/// and is one unit for line breaking and justification, like an ideograph (jlreq §3.2.4; CSS
/// Writing Modes 3 §9.1: combined text is one upright glyph of 1 em). Its digits share the
/// cell (the em, or the grid's pitch) in equal parts, the first at its top, so that the writer
/// draws them across it; no Han–Latin space comes before or after it. Run before [`prepare`].
pub fn upright_numbers(atoms: &mut [Atom], grid: Option<f32>, upright: impl Fn(char) -> bool) {
    let digit = |a: &Atom| a.info.kind == Kind::Latin && a.ch.is_ascii_digit();
    // A neighbour that lets the digits stand alone in their stretch of the column.
    let edge = |a: Option<&Atom>| {
        a.is_none_or(|a| a.info.kind == Kind::Break || a.ch == BOX || upright(a.ch))
    };
    let mut s = 0;
    while s < atoms.len() {
        if !digit(&atoms[s]) {
            s += 1;
            continue;
        }
        let mut e = s + 1;
        while e < atoms.len() && digit(&atoms[e]) {
            e += 1;
        }
        let before = s.checked_sub(1).map(|k| &atoms[k]);
        if UPRIGHT_DIGITS.contains(&(e - s)) && edge(before) && edge(atoms.get(e)) {
            let cell = grid.unwrap_or(atoms[s].em) / (e - s) as f32;
            for (k, a) in atoms[s..e].iter_mut().enumerate() {
                a.info = Info {
                    kind: Kind::Han,
                    no_start: false,
                    no_end: false,
                    blank: Blank::None,
                    alnum: false,
                };
                a.width = cell;
                a.tied = k > 0;
            }
        }
        s = e;
    }
}

/// Marks the break opportunities inside runs of Latin text (UAX #14, Unicode line breaking:
/// after a hyphen in `super-cali`, after the slash in `example.com/docs`; never inside a word,
/// a number such as `5.2%`, a date such as `2026/11` or `//`), so that a long token breaks
/// there before it is cut.
fn latin_breaks(atoms: &mut [Atom]) {
    let mut text = String::new();
    let mut s = 0;
    while s < atoms.len() {
        if atoms[s].info.kind != Kind::Latin {
            s += 1;
            continue;
        }
        let mut e = s + 1;
        while e < atoms.len() && atoms[e].info.kind == Kind::Latin {
            e += 1;
        }
        // A run without punctuation has no opportunity inside it.
        if atoms[s..e].iter().any(|a| !a.ch.is_alphanumeric()) {
            text.clear();
            text.extend(atoms[s..e].iter().map(|a| a.ch));
            // Byte offsets of the opportunities, in order, against the atoms' characters.
            let mut at = s;
            let mut byte = 0;
            for (b, kind) in unicode_linebreak::linebreaks(&text) {
                if kind != unicode_linebreak::BreakOpportunity::Allowed || b >= text.len() {
                    continue;
                }
                while byte < b {
                    byte += atoms[at].ch.len_utf8();
                    at += 1;
                }
                atoms[at].soft = true;
            }
        }
        s = e;
    }
}

/// Whether a line may end between `atoms[i - 1]` and `atoms[i]`.
pub fn can_break(atoms: &[Atom], i: usize) -> bool {
    let (a, b) = (&atoms[i - 1], &atoms[i]);
    if b.glue || b.info.kind == Kind::Space || b.info.no_start {
        return false;
    }
    if a.info.kind == Kind::Space {
        return true;
    }
    if a.info.no_end {
        return false;
    }
    !joined(a, b) || b.soft
}

/// How many marks from `o` on may hang past the end of the line before them: one mark that
/// may not start a line, after which a line may end; or a closing mark and the closing mark
/// after it (`”，` after `弹好“钢琴`), which together take the one cell a single hanging mark
/// takes, each at half width (clreq §3.1.6: a closing mark before another gives up its blank,
/// and the line-end mark its own). 0 when none may hang.
fn hangs(atoms: &[Atom], o: usize) -> usize {
    let may_hang = |a: &Atom| a.info.kind == Kind::Punct && a.info.no_start;
    let ends_at = |e: usize| {
        atoms
            .get(e)
            .is_none_or(|b| b.info.kind == Kind::Break || can_break(atoms, e))
    };
    let halves = |a: &Atom| a.info.blank == Blank::Right && a.shrink > 0.0;
    if !may_hang(&atoms[o]) || atoms[o - 1].info.no_end {
        0
    } else if ends_at(o + 1) {
        1
    } else if halves(&atoms[o])
        && atoms.get(o + 1).is_some_and(|b| may_hang(b) && halves(b))
        && ends_at(o + 2)
    {
        2
    } else {
        0
    }
}

/// Whether the unbreakable stretch that starts at `b` is wider than `width`: a word that no
/// line holds, and that is cut wherever it starts.
fn longer_than(atoms: &[Atom], b: usize, width: f32) -> bool {
    let mut w = atoms[b].width;
    let mut j = b + 1;
    while j < atoms.len() && !can_break(atoms, j) && atoms[j].info.kind != Kind::Break {
        w += atoms[j].gap + atoms[j].width;
        if w > width + EPS {
            return true;
        }
        j += 1;
    }
    w > width + EPS
}

/// Two characters that stay together and are never spread apart: the letters of one Latin word,
/// the halves of `——` and `……`, the digits of a number set upright in one cell.
fn joined(a: &Atom, b: &Atom) -> bool {
    (a.info.kind == Kind::Latin && b.info.kind == Kind::Latin)
        || (paired(a.ch) && a.ch == b.ch)
        || b.tied
}

/// Whether a justified line may widen the gap between `a` and `b`: not inside a word or a
/// `——`, and a word space only once (after the space, not before it).
fn spreads(a: &Atom, b: &Atom) -> bool {
    !joined(a, b) && b.info.kind != Kind::Space
}

/// One line of a paragraph: the atoms it draws and where the next line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// The first atom drawn.
    pub start: usize,
    /// One past the last atom drawn (trailing spaces and the break are not drawn).
    pub end: usize,
    /// Where the next line starts.
    pub next: usize,
    /// The last line of a paragraph or before a forced break: not stretched.
    pub last: bool,
    /// How many of its last atoms are marks hanging past the line's end (on a grid, where a
    /// line holds exactly the grid's count of cells): 0, 1, or 2 for a pair such as `”，`.
    pub hang: usize,
    /// Set on a character grid: a mark at the line's end keeps its full cell unless the line
    /// needs the room.
    pub grid: bool,
}

/// Breaks prepared atoms into lines of `width` points; the first line is `indent` narrower.
///
/// Greedy first fit. A line ends where its natural width runs out, if a break is allowed there.
/// If the character that overflows may not start a line, push-in comes first: the line takes the
/// fewest characters up to the next allowed break, provided they fit once its punctuation is
/// compressed (the line-end mark to half width first, then the other marks of the line). Only
/// when that fails does push-out end the line at the last allowed break before. A run with no
/// allowed break that fits is cut where it overflows.
pub fn break_lines(atoms: &[Atom], width: f32, indent: f32, out: &mut Vec<Line>) {
    break_with(atoms, width, indent, false, out);
}

/// [`break_lines`] on a character grid: push-in may compress only the mark that ends the line,
/// so every other mark keeps its cell and a full line holds exactly the grid's count.
pub fn break_grid_lines(atoms: &[Atom], width: f32, indent: f32, out: &mut Vec<Line>) {
    break_with(atoms, width, indent, true, out);
}

fn break_with(atoms: &[Atom], width: f32, indent: f32, end_only: bool, out: &mut Vec<Line>) {
    let n = atoms.len();
    let mut s = skip_spaces(atoms, 0);
    let mut avail = width - indent;
    while s < n {
        let (mut nat, mut trailing, mut shrink) = (0.0f32, 0.0f32, 0.0f32);
        // The last allowed break at natural width, the first atom past it, the push-in break.
        let mut natural = None;
        let mut over = None;
        let mut push_in = None;
        let mut fits_upto = s + 1;
        let mut stop = None;
        let mut i = s;
        loop {
            if i == n {
                stop = Some((n, n));
                break;
            }
            let a = &atoms[i];
            if a.info.kind == Kind::Break {
                stop = Some((i, i + 1));
                break;
            }
            if i > s && can_break(atoms, i) {
                if over.is_none() {
                    natural = Some(i);
                } else {
                    // Push-in takes in marks, never a Latin word: a mixed line does not squeeze
                    // its commas to make a word fit.
                    let latin =
                        over.is_some_and(|o| (o..i).any(|j| atoms[j].info.kind == Kind::Latin));
                    if nat - trailing - shrink <= avail + EPS && !latin {
                        push_in = Some(i);
                    }
                    break;
                }
            }
            let add = if i > s { a.gap } else { 0.0 } + a.width;
            nat += add;
            shrink = if end_only {
                a.shrink
            } else {
                shrink + a.shrink
            };
            trailing = if a.info.kind == Kind::Space {
                trailing + add
            } else {
                0.0
            };
            if over.is_none() && nat - trailing > avail + EPS {
                over = Some(i);
            }
            if nat - trailing - shrink > avail + EPS {
                break;
            }
            fits_upto = i + 1;
            i += 1;
        }
        let mut hang = 0;
        let (end, next, last) = match (over, stop) {
            (None, Some((end, next))) => (end, next, true),
            (Some(o), _) if o > s && (can_break(atoms, o) || atoms[o].info.kind == Kind::Space) => {
                (o, o, false)
            }
            (Some(o), Some((end, next)))
                if nat - trailing - shrink <= avail + EPS
                    && !(o..end).any(|j| atoms[j].info.kind == Kind::Latin) =>
            {
                (end, next, true)
            }
            // On the grid, a mark that may not start a line hangs past the end of a full one
            // (GB/T 9704 practice: 行末标点可悬挂) rather than pushing a character down.
            (Some(o), _) if end_only && o > s && hangs(atoms, o) > 0 => {
                hang = hangs(atoms, o);
                let e = o + hang;
                match atoms.get(e) {
                    None => (e, e, true),
                    Some(a) if a.info.kind == Kind::Break => (e, e + 1, true),
                    Some(_) => (e, e, false),
                }
            }
            // A Latin word that no line holds is cut here rather than pushed to the next line,
            // where it would be cut anyway: this line stays full instead of being spread.
            _ => match push_in.or(natural) {
                Some(b)
                    if push_in.is_none()
                        && fits_upto > b
                        && fits_upto < atoms.len()
                        && atoms[b].info.kind == Kind::Latin
                        && joined(&atoms[fits_upto - 1], &atoms[fits_upto])
                        && longer_than(atoms, b, width) =>
                {
                    (fits_upto, fits_upto, false)
                }
                Some(b) => (b, b, false),
                None => (fits_upto, fits_upto, false),
            },
        };
        let mut drawn = end;
        while drawn > s && atoms[drawn - 1].info.kind == Kind::Space {
            drawn -= 1;
        }
        out.push(Line {
            start: s,
            end: drawn,
            next,
            last,
            hang,
            grid: end_only,
        });
        s = if last { next } else { skip_spaces(atoms, next) };
        avail = width;
    }
}

/// The most a line gives to the next one to keep a lone character company, in em.
const RUNT_TAKE: f32 = 2.5;

/// No paragraph ends with one character alone on its last line (段末孤字): the line before
/// gives it its last word or character, if that leaves it reasonably full. Not for a character
/// grid, where every full line holds the grid's count.
pub fn avoid_runts(atoms: &[Atom], lines: &mut [Line], width: f32) {
    for k in 1..lines.len() {
        if lines[k].last {
            avoid_runt(atoms, lines, k, width);
        }
    }
}

fn avoid_runt(atoms: &[Atom], lines: &mut [Line], k: usize, width: f32) {
    let (prev, last) = (lines[k - 1], lines[k]);
    if prev.last || last.start >= last.end {
        return;
    }
    // A number set upright in one cell counts once.
    let chars = atoms[last.start..last.end]
        .iter()
        .filter(|a| matches!(a.info.kind, Kind::Han | Kind::Latin) && !a.tied)
        .count();
    if chars != 1 {
        return;
    }
    let Some(b) = (prev.start + 1..prev.next)
        .rev()
        .find(|&b| can_break(atoms, b))
    else {
        return;
    };
    let moved = Line {
        start: b,
        end: prev.next,
        next: prev.next,
        last: false,
        hang: 0,
        grid: false,
    };
    let merged = Line {
        start: b,
        end: last.end,
        next: last.next,
        last: true,
        hang: 0,
        grid: false,
    };
    let em = atoms[b].em;
    if natural_width(atoms, &moved) > RUNT_TAKE * em || natural_width(atoms, &merged) > width + EPS
    {
        return;
    }
    let mut end = b;
    while end > prev.start && atoms[end - 1].info.kind == Kind::Space {
        end -= 1;
    }
    lines[k - 1] = Line {
        end,
        next: b,
        ..prev
    };
    lines[k] = Line {
        start: skip_spaces(atoms, b),
        ..last
    };
}

fn skip_spaces(atoms: &[Atom], mut i: usize) -> usize {
    while i < atoms.len() && atoms[i].info.kind == Kind::Space {
        i += 1;
    }
    i
}

/// How a line sits in its measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush on both sides; the last line flush left.
    Justify,
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// The natural width of a line: its cells and the gaps between them.
pub fn natural_width(atoms: &[Atom], line: &Line) -> f32 {
    let mut w = 0.0;
    for (k, a) in atoms[line.start..line.end].iter().enumerate() {
        if k > 0 {
            w += a.gap;
        }
        w += a.width;
    }
    w
}

/// Positions the atoms of `line` in a measure of `avail` points starting at `x0`: calls
/// `draw(index, x)` with the pen position of each glyph and returns where the line ends.
///
/// A justified line sets a closing mark at its end in half width (its blank would only widen the
/// margin); an overfull line gives up its line-end mark's blank first, then shares what is still
/// missing among its other compressible marks; an underfull justified line spreads the rest
/// evenly over the gaps between characters (never inside a Latin word or a `——`).
pub fn place(
    atoms: &[Atom],
    line: &Line,
    x0: f32,
    avail: f32,
    align: Align,
    mut draw: impl FnMut(usize, f32),
) -> f32 {
    let (s, full) = (line.start, line.end);
    if s >= full {
        return x0;
    }
    // Hanging marks are set after the line, which is justified without them.
    let e = if line.hang > 0 && full - s > line.hang {
        full - line.hang
    } else {
        full
    };
    let justify = align == Align::Justify && !line.last;
    let mut last_shrink = if justify && !line.grid && atoms[e - 1].info.blank == Blank::Right {
        atoms[e - 1].shrink
    } else {
        0.0
    };
    let nat = natural_width(atoms, &Line { end: e, ..*line }) - last_shrink;
    let mut ratio = 0.0;
    let mut spread = 0.0;
    let mut used = nat;
    if nat > avail + EPS {
        let mut need = nat - avail;
        let more = need.min(atoms[e - 1].shrink - last_shrink);
        last_shrink += more;
        need -= more;
        let rest: f32 = atoms[s..e - 1].iter().map(|a| a.shrink).sum();
        if rest > 0.0 {
            ratio = (need / rest).min(1.0);
            need -= rest * ratio;
        }
        used = avail + need;
    } else if justify {
        let gaps = (s + 1..e)
            .filter(|&i| spreads(&atoms[i - 1], &atoms[i]))
            .count();
        if gaps > 0 {
            let e_per_gap = (avail - nat) / gaps as f32;
            let latin = |a: &Atom| a.info.kind == Kind::Latin;
            let limit = if atoms[s..e].iter().any(latin)
                || atoms.get(skip_spaces(atoms, line.next)).is_some_and(latin)
            {
                MAX_LATIN_SPREAD
            } else {
                MAX_SPREAD
            };
            if e_per_gap <= limit * atoms[s].em.max(atoms[e - 1].em) {
                spread = e_per_gap;
                used = avail;
            }
        }
    }
    let mut x = match align {
        Align::Justify | Align::Left => x0,
        Align::Center => x0 + (avail - used) / 2.0,
        Align::Right => x0 + avail - used,
    };
    for i in s..e {
        let a = &atoms[i];
        if i > s {
            x += a.gap;
            if spread != 0.0 && spreads(&atoms[i - 1], a) {
                x += spread;
            }
        }
        let give = if i == e - 1 {
            last_shrink
        } else {
            a.shrink * ratio
        };
        let offset = if a.info.blank == Blank::Left {
            a.offset - give
        } else {
            a.offset
        };
        draw(i, x + offset);
        x += a.width - give;
    }
    for (i, a) in atoms.iter().enumerate().take(full).skip(e) {
        draw(i, x + a.offset);
        // Of a hanging pair, the first gives up its blank (`hangs`), though not below
        // [`HANG_PAIR_STEP`] of its glyph.
        x += if i + 1 < full {
            (a.width - a.shrink).max(a.advance * HANG_PAIR_STEP)
        } else {
            a.width
        };
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fake metrics: em = 1, Han and full-width marks 1, Latin 0.5, space 0.25.
    fn atoms(text: &str) -> Vec<Atom> {
        let mut v = atoms_unprepared(text);
        prepare(&mut v, None);
        v
    }

    /// [`atoms`] before [`prepare`].
    fn atoms_unprepared(text: &str) -> Vec<Atom> {
        text.chars()
            .map(|c| {
                let adv = match classify(c).kind {
                    Kind::Han | Kind::Punct => 1.0,
                    Kind::Space => 0.25,
                    Kind::Latin => 0.5,
                    Kind::Break => 0.0,
                };
                Atom::new(c, 1.0, adv, 0)
            })
            .collect()
    }

    /// `width | input ⇒ lines`, lines joined with `/`.
    fn lines(width: f32, indent: f32, text: &str) -> String {
        broken(&atoms(text), width, indent)
    }

    /// Prepared atoms broken into lines of `width` (the first indented by `indent`), runts
    /// avoided, the lines joined with `/`.
    fn broken(a: &[Atom], width: f32, indent: f32) -> String {
        let mut out = Vec::new();
        break_lines(a, width, indent, &mut out);
        avoid_runts(a, &mut out, width);
        out.iter()
            .map(|l| a[l.start..l.end].iter().map(|x| x.ch).collect::<String>())
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn fixtures() {
        let cases: &[(f32, &str, &str)] = &[
            (5.0, "一二三四五六七", "一二三四五/六七"),
            // Push-out: the comma cannot start a line and one half em is not enough room.
            (5.0, "一二三四五，六", "一二三四/五，六"),
            // No push-in where a break is allowed anyway: 六 goes to the next line.
            (5.5, "一，三四五六七", "一，三四五/六七"),
            // Push-in: two commas give up half an em each.
            (5.0, "一、三四五，六七", "一、三四五，/六七"),
            // Opening marks never end a line.
            (4.0, "一二三“四五”", "一二三/“四五”"),
            // `——` is never split and never starts a line.
            (4.0, "一二三——四", "一二/三——四"),
            (4.0, "一二三……四", "一二/三……四"),
            // Latin words and numbers stay whole; 年 may follow a number on the next line.
            (6.0, "中文 hello world 文字", "中文 hello/world 文字"),
            (5.0, "一二三 2026年", "一二三/2026年"),
            // No character alone on a paragraph's last line: 2026 keeps 年 company.
            (4.5, "一二2026年", "一二/2026年"),
            (5.0, "一二三四五六。", "一二三四/五六。"),
            (4.0, "一二2026年", "一二/2026年"),
            (4.0, "一二三5.2%四", "一二三/5.2%四"),
            // Addresses break after a slash that follows a letter, dates and fractions do not.
            (
                8.0,
                "见 https://ex.com/docs/a 页",
                "见 https:///ex.com/docs/a 页",
            ),
            // No push-in for a Latin word: the commas keep their width and the word moves.
            (5.5, "一、二、三wo四", "一、二、三/wo四"),
            (5.5, "一、二、三wo", "一、二、三/wo"),
            // UAX #14: after a hyphen, before a cut inside the word.
            (6.0, "super-cali-fragilistic", "super-cali-/fragilistic"),
            // A word no line holds is cut where the line is full, not pushed down.
            (
                6.0,
                "一二三四 abcdefghijklmnopqrstu",
                "一二三四 abc/defghijklmno/pqrstu",
            ),
            (5.5, "2026/11/26日", "2026/11/26/日"),
            // A word longer than the line is cut where it overflows.
            (2.0, "abcdefgh", "abcd/efgh"),
            // Forced breaks.
            (9.0, "一二\n三四", "一二/三四"),
            // Consecutive punctuation: `。”` takes 1.5 em; with push-in the line holds 5.5 em.
            (5.5, "一二三“四。”五", "一二三“四。”/五"),
        ];
        for (w, input, want) in cases {
            assert_eq!(lines(*w, 0.0, input), *want, "{w} | {input}");
        }
    }

    /// `width | input ⇒ lines` in a vertical column: short numbers set upright first.
    fn column(width: f32, text: &str) -> String {
        let mut a = atoms_unprepared(text);
        upright_numbers(&mut a, None, crate::layout::orient::upright);
        prepare(&mut a, None);
        broken(&a, width, 0.0)
    }

    #[test]
    fn a_short_number_in_a_column_takes_one_cell_and_stays_whole() {
        let mut a = atoms_unprepared("共365天，2026年，A12，第 12 章");
        upright_numbers(&mut a, None, crate::layout::orient::upright);
        prepare(&mut a, None);
        let width = |r: std::ops::Range<usize>| -> f32 {
            a[r.clone()]
                .iter()
                .enumerate()
                .map(|(k, x)| if k > 0 { x.gap + x.width } else { x.width })
                .sum()
        };
        // 365: one em, no Han–Latin space on either side; 2026, A12 and a number between
        // spaces stay Latin, turned with their line.
        assert_eq!(width(1..4), 1.0);
        assert_eq!((a[1].gap, a[4].gap), (0.0, 0.0));
        assert_eq!([a[1].tied, a[2].tied, a[3].tied], [false, true, true]);
        let latin = a.iter().filter(|x| x.info.kind == Kind::Latin).count();
        assert_eq!(latin, "2026A1212".len());
        // One unit: never split, and alone on a paragraph's last line it counts as one
        // character (it keeps 天 company there).
        assert_eq!(column(4.0, "一二三365天"), "一二三/365天");
        assert_eq!(column(4.0, "一二三四365"), "一二三/四365");
        assert_eq!(column(3.0, "一二12三四五"), "一二12/三四五");
        // A justified column spreads around the number, never inside it.
        let mut b = atoms_unprepared("一12二三");
        upright_numbers(&mut b, None, crate::layout::orient::upright);
        prepare(&mut b, None);
        let line = Line {
            start: 0,
            end: 5,
            next: 5,
            last: false,
            hang: 0,
            grid: false,
        };
        let mut xs = Vec::new();
        // Three gaps share the 3 em the four cells leave of 7.
        place(&b, &line, 0.0, 7.0, Align::Justify, |_, x| xs.push(x));
        assert_eq!(xs, [0.0, 2.0, 2.5, 4.0, 6.0]);
    }

    #[test]
    fn indent_narrows_the_first_line() {
        assert_eq!(lines(4.0, 2.0, "一二三四五六七八"), "一二/三四五六/七八");
    }

    #[test]
    fn no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() {
        let text = "子曰：“学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？”\
                    有子曰：“其为人也孝弟，而好犯上者，鲜矣；不好犯上而好作乱者，未之有也。”";
        for w in 3..=20 {
            let a = atoms(text);
            let mut out = Vec::new();
            break_lines(&a, w as f32, 0.0, &mut out);
            let joined: String = out
                .iter()
                .flat_map(|l| a[l.start..l.end].iter().map(|x| x.ch))
                .collect();
            assert_eq!(joined, text, "lines join back to the input at width {w}");
            for l in &out {
                assert!(
                    !a[l.start].info.no_start,
                    "width {w}: starts with {}",
                    a[l.start].ch
                );
                assert!(
                    !a[l.end - 1].info.no_end,
                    "width {w}: ends with {}",
                    a[l.end - 1].ch
                );
                let mut xs = Vec::new();
                let end = place(&a, l, 0.0, w as f32, Align::Justify, |_, x| xs.push(x));
                if !l.last {
                    assert!(
                        (end - w as f32).abs() < 0.01,
                        "width {w}: line ends at {end}"
                    );
                }
            }
        }
    }

    #[test]
    fn justified_lines_are_flush_and_last_lines_are_not_stretched() {
        let a = atoms("一二三四五，六七");
        let mut out = Vec::new();
        break_lines(&a, 5.0, 0.0, &mut out);
        let mut xs = Vec::new();
        let end = place(&a, &out[0], 10.0, 5.0, Align::Justify, |i, x| {
            xs.push((i, x))
        });
        assert!((end - 15.0).abs() < 1e-4);
        // Four characters spread over three gaps: 1/3 em each.
        assert!((xs[1].1 - 11.0 - 1.0 / 3.0).abs() < 1e-4);
        let end = place(&a, &out[1], 10.0, 5.0, Align::Justify, |_, _| {});
        assert!(
            (end - 14.0).abs() < 1e-4,
            "natural width of 五，六七 is 4 em"
        );
    }

    #[test]
    fn push_in_compresses_the_line_end_mark_first() {
        let a = atoms("一、三四五，六七");
        let mut out = Vec::new();
        break_lines(&a, 5.5, 0.0, &mut out);
        assert_eq!((out[0].start, out[0].end), (0, 6));
        let mut xs = Vec::new();
        let end = place(&a, &out[0], 0.0, 5.5, Align::Justify, |_, x| xs.push(x));
        assert!((end - 5.5).abs() < 1e-4);
        // `、` keeps its full width: the final comma alone gave up the half em.
        assert!((xs[2] - 2.0).abs() < 1e-4, "{xs:?}");
    }

    #[test]
    fn han_latin_spacing_is_a_quarter_em_but_not_at_line_edges() {
        let a = atoms("中a文字");
        assert_eq!(a[1].gap, 0.25);
        assert_eq!(a[2].gap, 0.25);
        let mut out = Vec::new();
        break_lines(&a, 2.0, 0.0, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(a[out[1].start].ch, '文');
        let mut xs = Vec::new();
        place(&a, &out[1], 0.0, 2.0, Align::Left, |_, x| xs.push(x));
        assert_eq!(xs[0], 0.0, "no spacing at a line start");
    }

    #[test]
    fn grid_cells_fill_the_line_exactly() {
        let pitch = 442.2 / 28.0;
        let text: String =
            "科学发展观是我国经济社会发展的重要指导方针主要回答了新世纪新阶段".into();
        let mut a: Vec<Atom> = text.chars().map(|c| Atom::new(c, 16.0, 16.0, 0)).collect();
        prepare(&mut a, Some(pitch));
        let mut out = Vec::new();
        break_lines(&a, 442.2, 0.0, &mut out);
        assert_eq!(out[0].end - out[0].start, 28);
    }
}
#[cfg(test)]
mod grid_tests {
    use super::*;

    /// Lines of `text` on a grid of `cells` one-point cells, every character full width.
    fn grid_lines(cells: f32, text: &str) -> String {
        let mut a: Vec<Atom> = text.chars().map(|c| Atom::new(c, 1.0, 1.0, 0)).collect();
        prepare(&mut a, Some(1.0));
        let mut out = Vec::new();
        break_grid_lines(&a, cells, 0.0, &mut out);
        out.iter()
            .map(|l| {
                let s: String = a[l.start..l.end].iter().map(|x| x.ch).collect();
                if l.hang > 0 {
                    format!("{s}{}", "^".repeat(l.hang))
                } else {
                    s
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn narrow_quotes_take_full_cells_beside_chinese_text() {
        // cwTeX 仿宋's `“ ”` are 0.33 em Latin forms: each takes a whole cell, its ink on the
        // side the class tables say, so the grid line holds its count.
        let narrow = |c: char| if QUOTES.contains(c) { 0.33 } else { 1.0 };
        let mut a: Vec<Atom> = "好“钢琴”努a“b”"
            .chars()
            .map(|c| Atom::new(c, 1.0, if c.is_ascii() { 0.5 } else { narrow(c) }, 0))
            .collect();
        let mut read = a.clone();
        prepare(&mut a, Some(1.0));
        let r = |x: f32| (x * 100.0).round() / 100.0;
        let cells: Vec<(char, f32, f32)> =
            a.iter().map(|x| (x.ch, r(x.width), r(x.offset))).collect();
        assert_eq!(cells[1], ('“', 1.0, 0.67), "opening: ink at the right");
        assert_eq!(cells[4], ('”', 1.0, 0.0), "closing: ink at the left");
        // Between Latin letters the quotes stay narrow.
        assert_eq!((cells[7].1, cells[9].1), (0.33, 0.33));
        let mut out = Vec::new();
        break_grid_lines(&a, 3.0, 0.0, &mut out);
        assert_eq!((out[0].start, out[0].end), (0, 3));
        // Out of the grid, a narrow quote gets an em cell whose blank half may be compressed.
        prepare(&mut read, None);
        assert_eq!((read[1].width, read[1].shrink), (1.0, 0.5));
        // Its ink, a share of its narrow advance, says nothing of a blank it does not have.
        read[4].read_ink((0.1, 0.9));
        assert_eq!(read[4].info.blank, Blank::Right);
    }

    #[test]
    fn on_the_grid_marks_keep_their_cells_and_one_mark_hangs() {
        // 、 keeps its cell: no squeezing a sixth character onto the line.
        assert_eq!(grid_lines(5.0, "一、二、三四五"), "一、二、三/四五");
        // A closing mark that would start a line hangs past the end of a full one.
        assert_eq!(grid_lines(5.0, "一二三四五，六七"), "一二三四五，^/六七");
        assert_eq!(grid_lines(6.0, "一二“钢琴”，努力"), "一二“钢琴”，^/努力");
        // A closing quote after the last cell hangs with the comma after it, the two in one
        // cell (the seed's `弹好“钢琴”，`, which used to push `琴` down and spread its line).
        assert_eq!(grid_lines(5.0, "一二“钢琴”，努力"), "一二“钢琴”，^^/努力");
        assert_eq!(grid_lines(5.0, "一二“钢琴”。"), "一二“钢琴”。^^");
        // Three marks, or a pair followed by a character that may not start a line, do not.
        assert_eq!(
            grid_lines(5.0, "一二“钢琴”），努力"),
            "一二“钢/琴”），努/力"
        );
        assert_eq!(grid_lines(5.0, "一二“钢琴”……"), "一二“钢/琴”……");
    }
}
