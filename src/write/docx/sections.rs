//! The sections of a book or a document with front matter, so that Word and LibreOffice
//! number and place its pages as the PDF does: the front matter (title page, contents) numbered
//! i, ii, …, the body from 1, and in a book whose chapters start on right-hand pages
//! (`Style::chapter_recto`) each chapter a section of its own on the next odd page.
//!
//! A section ends with the `w:sectPr` in the properties of its last paragraph (ECMA-376 Part 1,
//! §17.6.17); the last section's `w:sectPr` is the body's own, written at the end.

use super::body::Writer;
use super::page::{self, Start};

impl Writer<'_> {
    /// Whether the document has front matter: a title page or a contents before the body,
    /// after which the PDF's body starts on a new page, its page 1 (`layout::flow::build`).
    pub(super) fn has_front(&self) -> bool {
        let title_page = self.style.title_page && !self.doc.meta.title.trim().is_empty();
        let contents =
            self.style.toc && !crate::style::plan::contents(self.doc, self.style).is_empty();
        title_page || contents
    }

    /// Starts the front matter's section, with an empty footer for a title page.
    pub(super) fn open_front(&mut self) {
        let title_page = self.style.title_page && !self.doc.meta.title.trim().is_empty();
        if title_page {
            let n = self.footers.len() + 1;
            self.footers.push(page::title_page_footer(n));
        }
        self.section = Start::Front { title_page };
        self.section_start = self.out.len();
    }

    /// Ends the front matter and starts the body, on a right-hand page where chapters are.
    pub(super) fn open_body(&mut self) {
        self.next_section(Start::Body {
            recto: self.style.chapter_recto,
        });
    }

    /// Before a heading of `level`: a chapter of a book whose chapters start on right-hand
    /// pages begins a section of its own, unless it is the first thing in its section (the
    /// body's first chapter), as the PDF's flow sets `Brk::Recto` for it.
    /// In a book with running heads, the chapter's `title` heads the odd pages of its section.
    pub(super) fn chapter(&mut self, level: u8, title: &str) {
        let chapter = level == 1 && self.style.chapter_breaks && self.style.chapter_recto;
        if chapter && !self.in_note && self.out.len() > self.section_start {
            self.next_section(Start::Chapter);
        }
        if chapter && !self.in_note && self.style.running_heads {
            let n = self.footers.len() + 1;
            self.footers.push(page::chapter_header(title.trim(), n));
            self.chapter_head = Some(self.footers.len() - 1);
        }
    }

    /// Ends the current section and starts one that starts as `next`. The `w:sectPr` goes into
    /// the last paragraph, which then ends the section; after a table or the contents (a
    /// content control) it takes a paragraph of its own, one twip high, so that it does not
    /// push anything to another page.
    fn next_section(&mut self, next: Start) {
        let chapter = self.chapter_head.and_then(|k| self.footers.get(k));
        let sect = page::section(self.style, &self.footers, self.section, chapter);
        let last_paragraph = (!self.last_was_table && self.out.ends_with("</w:p>"))
            .then(|| self.out.rfind("<w:p>"))
            .flatten();
        match last_paragraph {
            Some(p) => {
                let inner = p + "<w:p>".len();
                let ppr_end = self.out[inner..]
                    .starts_with("<w:pPr>")
                    .then(|| self.out[inner..].find("</w:pPr>"))
                    .flatten();
                match ppr_end {
                    // `w:sectPr` is the last child of `w:pPr` that we write (§17.3.1.26).
                    Some(end) => self.out.insert_str(inner + end, &sect),
                    None => self
                        .out
                        .insert_str(inner, &format!("<w:pPr>{sect}</w:pPr>")),
                }
            }
            None => {
                self.out.push_str(
                    "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"1\" \
                     w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr>",
                );
                self.out.push_str(&sect);
                self.out.push_str("</w:pPr></w:p>");
                self.last_was_table = false;
            }
        }
        self.section = next;
        self.section_start = self.out.len();
    }
}
