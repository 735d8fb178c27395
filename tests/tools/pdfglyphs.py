"""Every glyph a cjkpress PDF draws, with its ink box read from the embedded font file.

Usage: python3 pdfglyphs.py FILE.pdf

Prints one tab-separated line per glyph: page, baseline y, pen x, advance, font (BaseFont
without its subset tag), size, the character (from ToUnicode), and the left and right edges of
its ink (from the glyph's `glyf` bounding box; `-` for a glyph without outline), all in points.
Reads what cjkpress writes (CID TrueType fonts with an Identity CIDToGIDMap, text placed by
`Tm` and `TJ`; invisible text skipped); tests/fonts_fit.rs uses it to count ink collisions and faces on a line.
"""

import io
import re
import sys

import pikepdf
from fontTools.ttLib import TTFont


def to_unicode(font):
    """The CID -> text map of a Type0 font's ToUnicode CMap (bfchar and bfrange)."""
    out = {}
    if "/ToUnicode" not in font:
        return out
    data = font.ToUnicode.read_bytes().decode("latin-1")

    def text(hexs):
        b = bytes.fromhex(hexs)
        return b.decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(dst, 16)
            for i, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[cid] = chr(start + i)
    return out


class Font:
    """Widths, ink boxes and characters of one Type0 font, by CID."""

    def __init__(self, font):
        self.name = str(font.BaseFont).lstrip("/").split("+")[-1]
        cid = font.DescendantFonts[0]
        self.dw = int(cid.get("/DW", 1000))
        self.widths = {}
        w = list(cid.get("/W", []))
        i = 0
        while i < len(w):
            first = int(w[i])
            if isinstance(w[i + 1], pikepdf.Array):
                for k, v in enumerate(w[i + 1]):
                    self.widths[first + k] = float(v)
                i += 2
            else:
                for c in range(first, int(w[i + 1]) + 1):
                    self.widths[c] = float(w[i + 2])
                i += 3
        self.chars = to_unicode(font)
        self.ink = {}
        descriptor = cid.FontDescriptor
        if "/FontFile2" in descriptor:
            tt = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
            upem = tt["head"].unitsPerEm
            glyf = tt["glyf"]
            order = tt.getGlyphOrder()
            for gid, name in enumerate(order):
                g = glyf[name]
                if g.numberOfContours != 0 and hasattr(g, "xMin"):
                    self.ink[gid] = (g.xMin / upem, g.xMax / upem)

    def width(self, cid):
        return self.widths.get(cid, self.dw) / 1000.0


def glyphs(path):
    pdf = pikepdf.open(path)
    for number, page in enumerate(pdf.pages, 1):
        fonts = {}
        resources = page.get("/Resources", {})
        for key, font in resources.get("/Font", {}).items():
            if font.get("/Subtype") == "/Type0":
                fonts[key] = Font(font)
        font, size, tc, x, y = None, 0.0, 0.0, 0.0, 0.0
        # Invisible text (rendering mode 3: what a narrow mark's cell copies as) draws no ink;
        # horizontal scaling (Tz) is used only with it.
        mode = 0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "Tf":
                font, size = fonts.get(str(operands[0])), float(operands[1])
            elif op == "Tc":
                tc = float(operands[0])
            elif op == "Tm":
                x, y = float(operands[4]), float(operands[5])
            elif op == "Tr":
                mode = int(operands[0])
            elif op == "BT":
                tc = 0.0
            elif op in ("TJ", "Tj") and font is not None and mode != 3:
                items = operands[0] if op == "TJ" else [operands[0]]
                for item in items:
                    if isinstance(item, pikepdf.String):
                        b = bytes(item)
                        for k in range(0, len(b) - 1, 2):
                            cid = b[k] << 8 | b[k + 1]
                            adv = font.width(cid) * size
                            ink = font.ink.get(cid)
                            yield (
                                number,
                                y,
                                x,
                                adv,
                                font.name,
                                size,
                                font.chars.get(cid, "?"),
                                None if ink is None else x + ink[0] * size,
                                None if ink is None else x + ink[1] * size,
                            )
                            x += adv + tc
                    else:
                        x -= float(item) / 1000.0 * size


def main():
    for g in glyphs(sys.argv[1]):
        page, y, x, adv, name, size, ch, left, right = g
        fmt = lambda v: "-" if v is None else f"{v:.3f}"
        ch = {"\t": "\\t", "\n": "\\n"}.get(ch, ch)
        print(
            f"{page}\t{y:.2f}\t{x:.3f}\t{adv:.3f}\t{name}\t{size:g}\t{ch}\t{fmt(left)}\t{fmt(right)}"
        )


if __name__ == "__main__":
    main()
