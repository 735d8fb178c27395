"""Writes the test's reference DOCX with python-docx: Heading 1 red, 18 pt, in a named Latin
face; Normal 11 pt; A5 landscape; a header with text and a logo image.

usage: reference_docx.py OUT.docx (the logo, a blue PNG, is written beside it)
"""
import struct
import sys
import zlib

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt, RGBColor
from docx.oxml.ns import qn

out = sys.argv[1]
logo = out + ".logo.png"


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


with open(logo, "wb") as f:
    rows = b"".join(b"\x00" + b"\x00\x40\xff" * 40 for _ in range(20))
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 20, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
doc = Document()

normal = doc.styles["Normal"]
normal.font.size = Pt(11)

h1 = doc.styles["Heading 1"]
h1.font.size = Pt(18)
h1.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
h1.font.name = "DejaVu Sans"
# python-docx leaves the theme attributes beside the named face, and a theme attribute wins
# (ECMA-376 Part 1, §17.3.2.26): Word drops them when a user picks a face, and so do we here.
fonts = h1.element.rPr.rFonts
for attr in ("w:asciiTheme", "w:hAnsiTheme"):
    if fonts.get(qn(attr)) is not None:
        del fonts.attrib[qn(attr)]

section = doc.sections[0]
section.orientation = WD_ORIENT.LANDSCAPE
section.page_width = Mm(210)
section.page_height = Mm(148)
section.top_margin = section.bottom_margin = Mm(15)
section.left_margin = section.right_margin = Mm(15)

header = section.header.paragraphs[0]
header.text = "REFERENCE HEADER "
header.add_run().add_picture(logo, width=Mm(12))

# The body of a reference is ignored; python-docx's template has none.
doc.save(out)
