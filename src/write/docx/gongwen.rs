//! An official document's elements in WordprocessingML (GB/T 9704-2012 §7), where an office
//! expects them when it edits the file: the 版头 (corner lines, the red issuer mark, the
//! number, the red rule), the 主送机关, the closing elements after the body, the attachments on
//! pages of their own and the 版记 in a frame at the foot of the last page. Sizes and faces come
//! from the plan (`Style::look`); the text rules from `crate::gongwen`.

use super::body::{Place, Writer, look_of};
use super::inline::blend;
use super::page;
use super::props::{Border, Ind, Line, PPr, RPr, Spacing};
use super::styles::id;
use super::xml::{escape_into, twips_mm, twips_pt};
use crate::gongwen::{self, Elements, is_attachment_head};
use crate::model::{Block, Official, plain_text};
use crate::style::Element;
use crate::style::plan::{ISSUER_SIZE, ISSUER_TOP, NUMBER_RULE_GAP};

/// §7.2.7 and §7.4.1: thick rules 0.35 mm (8 eighths of a point ≈ 0.35 mm), the thin one
/// 0.25 mm (6 eighths).
const THICK: u32 = 8;
const THIN: u32 = 6;
/// The exact line of a paragraph that is only a rule, in twips.
const RULE_LINE: i64 = 20;
/// How far a rule's paragraph reaches under the rule: its line and its border (eighths of a
/// point to twips), in twips. What follows counts its distance from the rule itself, as in the
/// PDF, where the rule has no height.
const fn rule_depth(eighths: u32) -> i64 {
    RULE_LINE + eighths as i64 * 20 / 8
}

/// One stretch of text in an element's look.
struct Part<'t> {
    element: Element,
    text: &'t str,
    red: bool,
    size: Option<f32>,
}

fn part(element: Element, text: &str) -> Part<'_> {
    Part {
        element,
        text,
        red: false,
        size: None,
    }
}

fn red() -> String {
    gongwen::RED.iter().map(|b| format!("{b:02X}")).collect()
}

impl<'a> Writer<'a> {
    /// The width of `text` in em as Word and LibreOffice set it in `element`'s look: Han and
    /// full-width marks one em, Latin letters and digits their advance in the face that draws
    /// them (half an em where no face is known), and a quarter em wherever Han meets Latin (the
    /// space both programs add between East Asian and Latin text, `w:autoSpaceDE`/`DN`).
    fn ems(&self, element: Element, text: &str) -> f32 {
        let (role, bold, _) = look_of(self.style, element);
        let advance = |c: char| {
            self.fonts
                .and_then(|f| f.pick(role, bold, c).and_then(|id| f.face(id).advance(c)))
                .unwrap_or(0.5)
        };
        let mut width = 0.0;
        let mut last: Option<bool> = None;
        for c in text.chars() {
            let latin = c.is_ascii();
            width += if latin { advance(c) } else { 1.0 };
            if last.is_some_and(|l| l != latin) {
                width += 0.25;
            }
            last = Some(latin);
        }
        width
    }

    /// The document is written as an official document (`gongwen::applies`).
    pub(super) fn gongwen(&self) -> bool {
        gongwen::applies(self.doc, self.style)
    }

    /// A paragraph setting: `Body Text` without its first-line indent, on the grid's exact
    /// pitch, with `before` twips above.
    fn flat(&self, before: i64) -> PPr<'static> {
        PPr {
            style: Some(id::BODY),
            spacing: Some(Spacing {
                before: Some(before),
                after: Some(0),
                line: Some(Line::Exact(self.m.pitch)),
            }),
            ind: Some(Ind {
                first_line: Some(0),
                first_line_chars: Some(0),
                ..Ind::default()
            }),
            ..PPr::default()
        }
    }

    /// A line of the 版记: set in 4号, off the character grid of the body's cells.
    fn colophon_line(&self) -> PPr<'static> {
        PPr {
            snap_to_grid: Some(false),
            ..self.flat(0)
        }
    }

    /// One run of text with explicit face, size, weight and colour: these paragraphs mix looks
    /// that no paragraph style carries.
    fn look_run(&mut self, p: &Part) {
        let look = self.style.look(p.element);
        let size = Some((p.size.unwrap_or(look.size) * 2.0).round() as i64);
        let color = p.red.then(red);
        // The family of the face that draws each stretch, and whether that face is a bold one
        // (a role falling back to a bold face must ask for it, or Word takes the regular).
        let pt = p.size.unwrap_or(look.size);
        let runs: Vec<(Option<(String, bool)>, &str, _)> = match self.fonts {
            Some(fonts) => fonts
                .runs(look.role, look.bold, p.text)
                .map(|(face, run)| {
                    let id = face.unwrap_or_else(|| fonts.primary(look.role, look.bold));
                    let blend = blend(fonts, (look.role, look.bold), id, run, pt);
                    let face = fonts.face(id);
                    (Some((face.family.clone(), face.bold)), run, blend)
                })
                .collect(),
            // Bundled faces only: the role's first face, which the subsets were cut for
            // (小标宋 and 黑体 fall to the bundled bold), named as with found faces.
            None => {
                let face = self.faces.role(look.role, look.bold);
                vec![(Some((face.family.clone(), face.bold)), p.text, None)]
            }
        };
        for (family, run, blend) in runs {
            self.out.push_str("<w:r>");
            RPr {
                fonts: family.as_ref().map(|(f, _)| (f.as_str(), f.as_str())),
                bold: look.bold || family.as_ref().is_some_and(|(_, bold)| *bold),
                color: color.as_deref(),
                size: blend.map_or(size, |(s, _)| Some(s)),
                position: blend.map(|(_, p)| p),
                ..RPr::default()
            }
            .write(&mut self.out);
            for (k, piece) in run.split('\t').enumerate() {
                if k > 0 {
                    self.out.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    self.out.push_str("<w:t xml:space=\"preserve\">");
                    escape_into(&mut self.out, piece);
                    self.out.push_str("</w:t>");
                }
            }
            self.out.push_str("</w:r>");
        }
    }

    fn para(&mut self, ppr: &PPr, parts: &[Part]) {
        self.out.push_str("<w:p>");
        ppr.write(&mut self.out);
        for p in parts {
            self.look_run(p);
        }
        self.out.push_str("</w:p>");
    }

    /// A paragraph that is only a rule across the text block: `eighths` thick, `before` twips
    /// under what precedes it. Off the character grid: LibreOffice gives a snapped paragraph a
    /// whole grid line however small its exact line, which put the title a line too low.
    fn rule<'p>(&mut self, mut ppr: PPr<'p>, eighths: u32, color: &'p str, before: i64) {
        ppr.border_top = Some(Border { eighths, color });
        ppr.snap_to_grid = Some(false);
        ppr.spacing = Some(Spacing {
            before: Some(before),
            after: Some(0),
            line: Some(Line::Exact(RULE_LINE)),
        });
        self.para(&ppr, &[]);
    }

    /// Whether the 版头 ends in the red rule (§7.2.7): it has a mark or a number.
    fn red_rule(&self) -> bool {
        let g = gongwen::collect(&self.doc.blocks[..self.doc.before_title()]);
        g.issuer.is_some() || g.number.is_some() || g.signers.is_some()
    }

    /// The 版头 (§7.2) of the blocks before the title.
    pub(super) fn gongwen_head(&mut self, blocks: &[Block]) {
        let g = &gongwen::collect(blocks);
        let pitch = self.m.pitch;
        let mut corner = 0;
        let lines = [
            (Element::CopyNumber, g.copy_number.clone()),
            (Element::Secrecy, g.secrecy.clone()),
            (Element::Secrecy, g.urgency.clone()),
        ];
        for (e, text) in lines {
            if let Some(text) = text {
                let ppr = self.flat(0);
                self.para(&ppr, &[part(e, &text)]);
                corner += 1;
            }
        }
        let width = twips_mm(self.style.text_width());
        let mut any = false;
        // §7.2.4: the mark 35 mm under the text block's top, centred, red; an exact line of
        // 1.25 em puts the em box an eighth of an em under the line's top.
        if let Some(issuer) = g.issuer.clone() {
            let size =
                gongwen::issuer_size(issuer.chars().count(), ISSUER_SIZE, width as f32 / 20.0);
            let line = twips_pt(size * 1.25);
            let before = twips_mm(ISSUER_TOP) - corner * pitch - twips_pt(size * 0.125);
            // Off the character grid: a character wider than a cell would take two.
            let ppr = PPr {
                jc: Some("center"),
                snap_to_grid: Some(false),
                spacing: Some(Spacing {
                    before: Some(before.max(0)),
                    after: Some(0),
                    line: Some(Line::Exact(line)),
                }),
                ..self.flat(0)
            };
            self.para(
                &ppr,
                &[Part {
                    red: true,
                    size: Some(size),
                    ..part(Element::IssuerMark, &issuer)
                }],
            );
            any = true;
        }
        // §7.2.5, §7.2.6: two lines under the mark; centred, or left with 签发人 on the right.
        let number = g.number.clone();
        let signer = g.signers.clone();
        if number.is_some() || signer.is_some() {
            let before = if any { 2 * pitch } else { 0 };
            let em = self.m.em;
            let n = number.unwrap_or_default();
            match signer {
                Some((label, names)) => {
                    // §7.2.6: two names a line, right-aligned one cell in from the right, the
                    // later lines' names under the first's (the label's width of full-width
                    // spaces before them), the number on the last line.
                    let names: Vec<&str> = names.split('　').filter(|n| !n.is_empty()).collect();
                    let rows: Vec<String> = names.chunks(2).map(|p| p.join("　")).collect();
                    let pad = "　".repeat(label.chars().count());
                    let lead = |k: usize| if k == 0 { label } else { pad.as_str() };
                    let last = rows.len().saturating_sub(1);
                    for (k, row) in rows[..last].iter().enumerate() {
                        let ppr = PPr {
                            jc: Some("right"),
                            ind: Some(Ind {
                                right: Some(em),
                                first_line: Some(0),
                                first_line_chars: Some(0),
                                ..Ind::default()
                            }),
                            ..self.flat(if k == 0 { before } else { 0 })
                        };
                        self.para(
                            &ppr,
                            &[
                                part(Element::DocNumber, lead(k)),
                                part(Element::Signer, row),
                            ],
                        );
                    }
                    let ppr = PPr {
                        tab_right: Some(width - em),
                        ind: Some(Ind {
                            left: Some(em),
                            first_line: Some(0),
                            first_line_chars: Some(0),
                            ..Ind::default()
                        }),
                        ..self.flat(if last == 0 { before } else { 0 })
                    };
                    let tail = format!("\t{}", lead(last));
                    let row = rows.get(last).map_or("", String::as_str);
                    self.para(
                        &ppr,
                        &[
                            part(Element::DocNumber, &n),
                            part(Element::DocNumber, &tail),
                            part(Element::Signer, row),
                        ],
                    );
                }
                None => {
                    let ppr = PPr {
                        jc: Some("center"),
                        ..self.flat(before)
                    };
                    self.para(&ppr, &[part(Element::DocNumber, &n)]);
                }
            }
            any = true;
        }
        // §7.2.7: the red rule 4 mm under the number: the number's line leaves
        // (pitch - 16 pt) / 2 under it already.
        if any {
            let body = self.style.body_size;
            let below = twips_mm(NUMBER_RULE_GAP) - twips_pt((self.style.line_pitch - body) / 2.0);
            let ppr = self.flat(0);
            self.rule(ppr, THICK, &red(), below.max(0));
        }
    }

    /// The title with its lines broken between words, two lines under the red rule (§7.3.1).
    pub(super) fn gongwen_title(&mut self) {
        let title = self.doc.meta.title.clone();
        if title.is_empty() {
            return;
        }
        let text = self.title_lines(&title);
        // Each line one line of the grid, as the PDF sets the title (`Style::look`: the
        // title's pitch is the grid's): the style's single spacing gives LibreOffice a taller
        // line, and the title stood lower than in the PDF.
        let ppr = PPr {
            style: Some(id::TITLE),
            spacing: Some(Spacing {
                before: Some(
                    2 * self.m.pitch
                        - if self.red_rule() {
                            rule_depth(THICK)
                        } else {
                            0
                        },
                ),
                after: Some(0),
                line: Some(Line::Exact(twips_pt(self.style.look(Element::Title).pitch))),
            }),
            ..PPr::default()
        };
        self.out.push_str("<w:p>");
        ppr.write(&mut self.out);
        let (title, body) = (
            self.style.look(Element::Title),
            self.style.look(Element::Body),
        );
        self.context = (title.role, self.style.title_bold, title.size);
        self.text(&text, super::inline::Marks::default());
        self.context = (body.role, false, body.size);
        self.out.push_str("</w:p>");
    }

    /// One block of the text after the title: an official element where the standard places
    /// it, any other block as the body has it.
    fn gongwen_block(&mut self, block: &'a Block) {
        let Block::Official { kind, inlines, .. } = block else {
            return self.blocks(std::slice::from_ref(block), Place::Body);
        };
        match kind {
            // §7.3.2: the recipients one line under the title, flush left.
            Official::Recipients => {
                let ppr = PPr {
                    jc: Some("both"),
                    ..self.flat(self.m.pitch)
                };
                self.para(&ppr, &[part(Element::Recipients, &plain_text(inlines))]);
            }
            // Set together where the first of them stands (`closing`).
            Official::Attachment | Official::Signature | Official::Date | Official::Note => {}
            // At the foot of the last page (`colophon`).
            Official::Cc | Official::Printer | Official::PrintDate => {}
            // The 版头 stands above the title (`gongwen_head`); one found after it is text.
            Official::CopyNumber
            | Official::Secrecy
            | Official::Urgency
            | Official::Issuer
            | Official::Number
            | Official::Signers => self.blocks(std::slice::from_ref(block), Place::Body),
        }
    }

    /// The blocks after the title: the 主送机关, the body, the closing elements where the first
    /// of them stands (before the attachments), the attachments, and the 版记, on a page of its
    /// own when our layout gives it `pages` pages (see [`Self::colophon`]); returns how the last
    /// section starts.
    pub(super) fn gongwen_blocks(
        &mut self,
        blocks: &'a [Block],
        pages: usize,
        runs_over: bool,
    ) -> page::Start {
        let g = gongwen::collect(blocks);
        let split = blocks
            .iter()
            .position(|b| {
                is_attachment_head(b)
                    || matches!(
                        b,
                        Block::Official {
                            kind: Official::Attachment
                                | Official::Signature
                                | Official::Date
                                | Official::Note,
                            ..
                        }
                    )
            })
            .unwrap_or(blocks.len());
        // §7.3.5: the seal's page carries body text, as in the PDF (`layout::flow::gongwen`):
        // the body's last paragraph keeps with the 附件说明 and the signature, its last two lines
        // at least (widow control on it alone: the preset's pages otherwise fill their grid).
        let signed = g.signature.is_some() || g.date.is_some();
        match blocks[..split].split_last() {
            Some((Block::Paragraph { inlines }, rest)) if signed => {
                rest.iter().for_each(|b| self.gongwen_block(b));
                // The body's role, not what the block before it left: the runs split by the
                // faces of the style's role (a heading's face left one run in 仿宋 that lacked
                // seven of its characters; issue 21).
                let look = self.style.look(Element::Body);
                self.context = (look.role, look.bold, look.size);
                let ppr = PPr {
                    style: Some(Place::Body.style()),
                    keep_next: true,
                    widow_control: Some(true),
                    ..PPr::default()
                };
                self.paragraph(ppr, inlines);
            }
            _ => blocks[..split].iter().for_each(|b| self.gongwen_block(b)),
        }
        self.closing(&g);
        let mut after_head = false;
        for block in &blocks[split..] {
            let head = is_attachment_head(block);
            match block {
                // §7.3.7: 附件N in 黑体 at the top left of a new page; its title on line 3.
                Block::Heading { inlines, .. } if head => {
                    let text = plain_text(inlines);
                    let text = text.trim().trim_end_matches(['：', ':']);
                    let ppr = PPr {
                        page_break_before: true,
                        keep_next: true,
                        ..self.flat(0)
                    };
                    self.para(&ppr, &[part(Element::AttachmentHead, text)]);
                }
                Block::Heading { inlines, .. } if after_head => {
                    let title = self.title_lines(&plain_text(inlines));
                    let ppr = PPr {
                        style: Some(id::TITLE),
                        spacing: Some(Spacing {
                            before: Some(self.m.pitch),
                            after: Some(self.m.pitch),
                            line: None,
                        }),
                        ..PPr::default()
                    };
                    self.out.push_str("<w:p>");
                    ppr.write(&mut self.out);
                    self.text(&title, super::inline::Marks::default());
                    self.out.push_str("</w:p>");
                }
                _ => self.gongwen_block(block),
            }
            after_head = head;
        }
        self.colophon(&g, pages, runs_over)
    }

    /// §7.3.4–7.3.6: the attachment list, the signature and date, the note.
    fn closing(&mut self, g: &Elements) {
        let (pitch, em) = (self.m.pitch, self.m.em);
        let numbers = gongwen::attachment_numbers(g.attachments.len());
        let label = self.ems(Element::AttachmentNote, gongwen::ATTACHMENT_LABEL);
        let num = numbers
            .iter()
            .map(|n| self.ems(Element::AttachmentNote, n))
            .fold(0.0, f32::max);
        let twips = |e: f32| (e * em as f32).round() as i64;
        for (i, (name, n)) in g.attachments.iter().zip(&numbers).enumerate() {
            let lead = if i == 0 {
                format!("{}{n}", gongwen::ATTACHMENT_LABEL)
            } else {
                n.clone()
            };
            let left = 2.0 + label + num;
            let lead_w = self.ems(Element::AttachmentNote, &lead);
            let ppr = PPr {
                ind: Some(Ind {
                    left: Some(twips(left)),
                    hanging: Some(twips(lead_w)),
                    first_line_chars: Some(0),
                    ..Ind::default()
                }),
                jc: Some("both"),
                // With the signature under it, on the seal's page (§7.3.5).
                keep_next: true,
                ..self.flat(if i == 0 { pitch } else { 0 })
            };
            let text = format!("{lead}{name}");
            self.para(&ppr, &[part(Element::AttachmentNote, &text)]);
        }
        // §7.3.5.1: the date four characters from the right, the signature centred over it,
        // two lines under the text for the seal.
        let date = g.date.clone();
        let signature = g.signature.clone();
        let date_w = date
            .as_deref()
            .map_or(0.0, |d| self.ems(Element::Signature, d));
        let mut before = 2 * pitch;
        for text in [signature, date].into_iter().flatten() {
            let right = if date_w > 0.0 {
                (4.0 + (date_w - self.ems(Element::Signature, &text)) / 2.0).max(0.0)
            } else {
                4.0
            };
            let ppr = PPr {
                jc: Some("right"),
                keep_next: true,
                ind: Some(Ind {
                    right: Some(twips(right)),
                    first_line: Some(0),
                    first_line_chars: Some(0),
                    ..Ind::default()
                }),
                ..self.flat(before)
            };
            self.para(&ppr, &[part(Element::Signature, &text)]);
            before = 0;
        }
        // §7.3.6: the note in parentheses, two characters in, on the next line.
        if let Some(note) = &g.note {
            let ppr = PPr {
                ind: Some(self.m.first_line(2.0)),
                ..self.flat(0)
            };
            self.para(&ppr, &[part(Element::Annotation, note)]);
        }
    }

    /// §7.4: the 抄送 and 印发 lines between three rules at the foot of the text block on the
    /// last page, an even one: a floating table whose bottom sits on the bottom margin
    /// (ECMA-376 Part 1 §17.4.58, `w:tblpPr` with `w:vertAnchor="margin"` and
    /// `w:tblpYSpec="bottom"`), its top and bottom borders thick and the one between its rows
    /// thin. Where our layout adds `pages` pages for it (`Layout::colophon_pages`: the text
    /// ends on an odd page, or fills its even one), it is in a section of its own that starts
    /// on the next even page: Word and LibreOffice then find that page from their own
    /// pagination, which may not end where ours does. (LibreOffice 7.4 sets that section in a
    /// copy of the page style without the footer's spacing: the footers fill the bottom
    /// margin themselves, `page::footers`, so that the table still ends on the text block.)
    ///
    /// A colophon taller than the text block (`runs_over`) is not floated: a floating table does
    /// not break across pages, and its last lines fell below the page; it flows from the top of
    /// its section's first page instead, as in our layout.
    fn colophon(&mut self, g: &Elements, pages: usize, runs_over: bool) -> page::Start {
        use std::fmt::Write as _;
        let (cc, printed) = (&g.cc, &g.printed);
        if cc.is_none() && printed.is_none() {
            return page::Start::First;
        }
        let start = if pages > 0 {
            // The paragraph that ends the text's section carries its properties.
            self.out.push_str("<w:p><w:pPr>");
            let footers = page::footers(self.style);
            self.out.push_str(&page::section(
                self.style,
                &footers,
                page::Start::First,
                None,
            ));
            self.out.push_str("</w:pPr></w:p>");
            // The new section starts with a paragraph: LibreOffice sets a section's page break
            // on its first element, and loses it when that is the table it floats.
            let ppr = self.flat(0);
            self.para(&ppr, &[]);
            page::Start::EvenPage
        } else {
            page::Start::First
        };
        let width = twips_mm(self.style.text_width());
        let left = twips_mm(self.style.margins.left);
        let size = self.style.look(Element::Colophon).size;
        let cell = twips_pt(size);
        let side = |name: &str, eighths: u32| {
            format!(
                "<w:{name} w:val=\"single\" w:sz=\"{eighths}\" w:space=\"0\" w:color=\"000000\"/>"
            )
        };
        // Horizontally from the page's edge: LibreOffice floats a table as wide as the text
        // block only when it is placed against the page (writerfilter's
        // `FloatingTableConversion`); otherwise it sets it inline, straight after the text.
        let float = if runs_over {
            String::new()
        } else {
            format!(
                "<w:tblpPr w:leftFromText=\"0\" w:rightFromText=\"0\" \
                 w:topFromText=\"0\" w:bottomFromText=\"0\" w:vertAnchor=\"margin\" \
                 w:horzAnchor=\"page\" w:tblpX=\"{left}\" w:tblpYSpec=\"bottom\"/>"
            )
        };
        let _ = write!(
            self.out,
            "<w:tbl><w:tblPr>{float}\
             <w:tblW w:w=\"{width}\" w:type=\"dxa\"/><w:tblBorders>{}{}{}</w:tblBorders>\
             <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>\
             <w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>\
             <w:tblGrid><w:gridCol w:w=\"{width}\"/></w:tblGrid>",
            side("top", THICK),
            side("bottom", THICK),
            side("insideH", THIN),
        );
        let row = |w: &mut Self, ppr: &PPr, text: &str| {
            let _ = write!(
                w.out,
                "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
            );
            w.para(ppr, &[part(Element::Colophon, text)]);
            w.out.push_str("</w:tc></w:tr>");
        };
        if let Some(cc) = &cc {
            // 左右各空一字; continuation lines under the first name, after `抄送：`.
            let label = twips_pt(size * 3.0);
            let ppr = PPr {
                ind: Some(Ind {
                    left: Some(cell + label),
                    right: Some(cell),
                    hanging: Some(label),
                    first_line_chars: Some(0),
                    ..Ind::default()
                }),
                jc: Some("both"),
                ..self.colophon_line()
            };
            row(self, &ppr, cc);
        }
        if let Some((office, day)) = printed {
            let ppr = PPr {
                tab_right: Some(width - cell),
                ind: Some(Ind {
                    left: Some(cell),
                    first_line: Some(0),
                    first_line_chars: Some(0),
                    ..Ind::default()
                }),
                ..self.colophon_line()
            };
            row(self, &ppr, &format!("{office}\t{day}"));
        }
        self.out.push_str("</w:tbl>");
        self.last_was_table = true;
        start
    }
}
