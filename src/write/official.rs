//! An official document's elements (GB/T 9704-2012 §7) in the XHTML body and the print
//! stylesheet that places them. The serializer writes each element as a paragraph of its class
//! (`gw-issuer`, `gw-date`…) on its normal block path; the elements of one part are held in one
//! element ([`Group`]) so that the stylesheet can set side by side what the standard does: the
//! number and the 签发人, the signature over the date, the printing office and the printing date.
//! Without the stylesheet (a preset that does not place them) they read as paragraphs.

use crate::gongwen;
use crate::model::{Block, Document, Official};
use crate::style::plan::{ISSUER_TOP, NUMBER_RULE_GAP};
use crate::style::{Element, Style};
use crate::write::css::Fonts;

/// The element holding a run of official elements of one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// The 版头 (§7.2).
    Head,
    /// The 附件说明, signature, date and note after the body (§7.3.4–7.3.6).
    Closing,
    /// The 版记 (§7.4).
    Colophon,
}

impl Group {
    /// The group of an official element; `None` for any other block, and for the 主送机关,
    /// which stands alone.
    pub fn of(block: &Block) -> Option<Group> {
        let Block::Official { kind, .. } = block else {
            return None;
        };
        match kind {
            Official::CopyNumber
            | Official::Secrecy
            | Official::Urgency
            | Official::Issuer
            | Official::Number
            | Official::Signers => Some(Group::Head),
            Official::Recipients => None,
            Official::Attachment | Official::Signature | Official::Date | Official::Note => {
                Some(Group::Closing)
            }
            Official::Cc | Official::Printer | Official::PrintDate => Some(Group::Colophon),
        }
    }

    /// The opening tag for the run that starts `blocks`: a header with 签发人 is a document
    /// sent upward (§7.2.6), its number on the left.
    pub fn open(self, blocks: &[Block]) -> &'static str {
        match self {
            Group::Head => {
                let upward = blocks
                    .iter()
                    .take_while(|b| Group::of(b) == Some(Group::Head))
                    .any(|b| {
                        matches!(
                            b,
                            Block::Official {
                                kind: Official::Signers,
                                ..
                            }
                        )
                    });
                if upward {
                    "<div class=\"gw-head gw-upward\">\n"
                } else {
                    "<div class=\"gw-head\">\n"
                }
            }
            Group::Closing => "<div class=\"gw-closing\">\n",
            Group::Colophon => "<footer class=\"gw-colophon\">\n",
        }
    }

    /// The closing tag.
    pub fn close(self) -> &'static str {
        match self {
            Group::Head | Group::Closing => "</div>\n",
            Group::Colophon => "</footer>\n",
        }
    }
}

/// The class of an official element's paragraph: `gw-copy-number`, `gw-issuer`…
pub fn class(kind: Official) -> String {
    format!("gw-{}", kind.name())
}

/// The elements' rules: §7.2.4's red mark 35 mm under the text block's top (in print), the red
/// rule 4 mm under the number, the signature centred over the date four characters from the
/// right, the colophon's rules (thick, thin, thick) and 4号 lines.
pub fn css(doc: &Document, style: &Style, fonts: &Fonts) -> String {
    let red: String = gongwen::RED.iter().map(|b| format!("{b:02x}")).collect();
    let pt = |e: Element| style.look(e).size;
    let chars = gongwen::collect(&doc.blocks[..doc.before_title()])
        .issuer
        .map_or(0, |i| i.chars().count());
    let measure = style.text_width() * crate::style::PT_PER_MM;
    let issuer = gongwen::issuer_size(chars, pt(Element::IssuerMark), measure);
    let mark = fonts.title.families.as_str();
    let hei = fonts.headings[0].families.as_str();
    format!(
        "\
.gw-head {{ display: grid; grid-template-columns: 1fr auto; margin-bottom: 2em; }}
.gw-head > * {{ grid-column: 1 / -1; }}
.gw-head p {{ text-indent: 0; margin: 0; }}
.gw-copy-number, .gw-secrecy, .gw-urgency {{ text-align: left; }}
.gw-secrecy, .gw-urgency {{ font-family: {hei}; }}
.gw-issuer {{ font-family: {mark}; font-size: clamp({floor}pt, {vw}vw, {issuer}pt); color: #{red}; text-align: center; line-height: 1.2; margin: 1em 0 2em !important; }}
.gw-number, .gw-signers {{ text-align: center; padding-bottom: {gap}mm; border-bottom: 0.35mm solid #{red}; }}
.gw-upward > .gw-number {{ grid-column: 1; text-align: left; padding-left: 1em; }}
.gw-upward > .gw-signers {{ grid-column: 2; padding-right: 1em; }}
.gw-recipients {{ text-indent: 0; }}
.gw-closing {{ display: grid; grid-template-columns: 1fr max-content 4em; }}
.gw-closing > * {{ grid-column: 1 / -1; }}
.gw-attachment {{ text-indent: 0; margin: 0 0 0 5em; }}
.gw-closing > .gw-attachment:first-child {{ text-indent: -3em; margin-top: 1em; }}
.gw-closing > .gw-signature, .gw-closing > .gw-date {{ grid-column: 2; text-indent: 0; text-align: center; margin: 0; }}
.gw-closing > .gw-signature, .gw-closing > .gw-date {{ margin-top: 3em; }}
.gw-closing > .gw-signature + .gw-date {{ margin-top: 0; }}
.gw-note {{ text-indent: 2em; }}
.gw-colophon {{ display: grid; grid-template-columns: 1fr auto; margin-top: 2em; border-top: 0.35mm solid; border-bottom: 0.35mm solid; font-size: {colophon}pt; }}
.gw-colophon > * {{ grid-column: 1 / -1; }}
.gw-colophon p {{ text-indent: 0; margin: 0 1em; }}
.gw-cc {{ padding-left: 3em; text-indent: -3em !important; border-bottom: 0.25mm solid; margin: 0 !important; padding-right: 1em; }}
.gw-colophon > .gw-printer {{ grid-column: 1; }}
.gw-colophon > .gw-print-date {{ grid-column: 2; }}
@media print {{
  .gw-issuer {{ margin-top: calc({top}mm - 3em) !important; }}
  .gw-colophon {{ break-inside: avoid; }}
}}
",
        colophon = pt(Element::Colophon),
        // On a narrow screen the mark keeps to one line, as on paper, down to the floor under
        // which a long name wraps (as on paper).
        floor = gongwen::ISSUER_MIN_SIZE.min(issuer),
        vw = (90.0_f32 / chars.max(1) as f32 * 10.0).floor() / 10.0,
        gap = NUMBER_RULE_GAP,
        top = ISSUER_TOP,
    )
}
