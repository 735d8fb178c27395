"""Every glyph a cjkpress PDF draws, with its ink box read from the embedded font file.

Usage: python3 pdfglyphs.py FILE.pdf
       python3 pdfglyphs.py --boxes FILE.pdf

Prints one tab-separated line per glyph: page, baseline y, pen x, advance, font (BaseFont
without its subset tag), size, the character (from ToUnicode), and the left and right edges of
its ink (from the glyph's `glyf` bounding box; `-` for a glyph without outline), all in points.
Reads what cjkpress writes (CID TrueType fonts with an Identity CIDToGIDMap, text placed by
`Tm` and `TJ`; invisible text skipped); tests/fonts_fit.rs uses it to count ink collisions and faces on a line.

With `--boxes` it reads any placement, vertical text included, and prints each glyph's boxes
on the page instead: page, font, size, the character, `H` or `V` (the font's writing mode:
Identity-H or Identity-V), then its cell and its ink box, each as left, top, right and bottom
in points from the page's top-left corner (the frame of `pdftotext -bbox`; ink `-` for a glyph
without outline). The cell is the glyph's advance across the em box (0.88 em above the
baseline, cjkpress's ascent); in vertical mode its advance down the column across its width.
It follows the whole text matrix (a turned Latin word), horizontal scaling (`Tz`, a 縦中横
number), `cm`, and the vertical mode's metrics (PDF 32000-1 §9.7.4.3: `/DW2` and `/W2`, the
glyph's origin at its position vector below the pen; a `/CIDToGIDMap` stream from CIDs to
glyphs); tests/vertical.rs uses it on vertical books.
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
        # By glyph: the ink box (x min, y min, x max, y max), in em.
        self.box = {}
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
                    self.box[gid] = tuple(
                        v / upem for v in (g.xMin, g.yMin, g.xMax, g.yMax)
                    )
        # The vertical writing mode (§9.7.4.3): by CID the position vector (from the glyph's
        # origin to its vertical origin; x None: half the width) and the vertical advance
        # (negative: down), in em; /DW2's default is [880 -1000].
        self.vertical = str(font.get("/Encoding", "")) == "/Identity-V"
        dw2 = list(cid.get("/DW2", [880, -1000]))
        self.dw2 = (None, float(dw2[0]) / 1000.0, float(dw2[1]) / 1000.0)
        self.w2 = {}
        w2 = list(cid.get("/W2", []))
        i = 0
        while i < len(w2):
            first = int(w2[i])
            if isinstance(w2[i + 1], pikepdf.Array):
                v = [float(n) for n in w2[i + 1]]
                for k in range(0, len(v) - 2, 3):
                    w1, vx, vy = (n / 1000.0 for n in v[k : k + 3])
                    self.w2[first + k // 3] = (vx, vy, w1)
                i += 2
            else:
                for c in range(first, int(w2[i + 1]) + 1):
                    self.w2[c] = tuple(float(w2[i + n]) / 1000.0 for n in (3, 4, 2))
                i += 5
        # CID -> glyph: Identity unless a stream maps them (two bytes per CID).
        self.gids = None
        gmap = cid.get("/CIDToGIDMap")
        if isinstance(gmap, pikepdf.Stream):
            b = gmap.read_bytes()
            self.gids = [b[k] << 8 | b[k + 1] for k in range(0, len(b) - 1, 2)]

    def width(self, cid):
        return self.widths.get(cid, self.dw) / 1000.0

    def outline(self, cid):
        """The ink box of the glyph CID `cid` shows, in em, or None."""
        gid = cid
        if self.gids is not None:
            gid = self.gids[cid] if cid < len(self.gids) else 0
        return self.box.get(gid)

    def metrics(self, cid):
        """The position vector (vx, vy; vx None: half the width) and vertical advance, in em."""
        return self.w2.get(cid, self.dw2)


def pages(path):
    """Each page of the PDF with its number and its Type0 fonts by resource name. Pages share
    their fonts: each is read once (a book has hundreds of pages)."""
    pdf = pikepdf.open(path)
    read = {}
    for number, page in enumerate(pdf.pages, 1):
        fonts = {}
        resources = page.get("/Resources", {})
        for key, font in resources.get("/Font", {}).items():
            if font.get("/Subtype") == "/Type0":
                if font.objgen not in read:
                    read[font.objgen] = Font(font)
                fonts[key] = read[font.objgen]
        yield number, page, fonts


def glyphs(path):
    for number, page, fonts in pages(path):
        font, size, tc, x, y = None, 0.0, 0.0, 0.0, 0.0
        line = (0.0, 0.0)
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
                line = (x, y)
            elif op in ("Td", "TD"):
                # A move from the line's start (the writer's Tm are translations here).
                line = (line[0] + float(operands[0]), line[1] + float(operands[1]))
                x, y = line
            elif op == "Tr":
                mode = int(operands[0])
            elif op == "BT":
                tc = 0.0
                line = (0.0, 0.0)
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


def multiply(a, b):
    """The matrix product a × b of two PDF matrices [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def apply(m, x, y):
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


# The em box's top above the baseline, in em (cjkpress's ascent, and /DW2's default).
ASCENT = 0.88


def boxes(path):
    """Every visible glyph's cell and ink box on its page: see the module's docstring."""
    for number, page, fonts in pages(path):
        top = float(page.MediaBox[3])
        # The graphics state's part that matters here, saved by q and restored by Q.
        gs = {
            "ctm": [1, 0, 0, 1, 0, 0],
            "font": None,
            "size": 0.0,
            "tc": 0.0,
            "th": 1.0,
            "mode": 0,
        }
        stack = []
        tm = tlm = [1, 0, 0, 1, 0, 0]
        pen = [0.0, 0.0]

        def box(m, x0, y0, x1, y1):
            pts = [apply(m, x, y) for x in (x0, x1) for y in (y0, y1)]
            xs = [p[0] for p in pts]
            ys = [top - p[1] for p in pts]
            return (min(xs), min(ys), max(xs), max(ys))

        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "q":
                stack.append(dict(gs))
            elif op == "Q":
                gs = stack.pop() if stack else gs
            elif op == "cm":
                gs["ctm"] = multiply([float(v) for v in operands], gs["ctm"])
            elif op == "Tf":
                gs["font"], gs["size"] = fonts.get(str(operands[0])), float(operands[1])
            elif op == "Tc":
                gs["tc"] = float(operands[0])
            elif op == "Tz":
                gs["th"] = float(operands[0]) / 100.0
            elif op == "Tr":
                gs["mode"] = int(operands[0])
            elif op == "BT":
                tm = tlm = [1, 0, 0, 1, 0, 0]
                pen = [0.0, 0.0]
            elif op == "Tm":
                tm = tlm = [float(v) for v in operands]
                pen = [0.0, 0.0]
            elif op in ("Td", "TD"):
                tm = tlm = multiply([1, 0, 0, 1, float(operands[0]), float(operands[1])], tlm)
                pen = [0.0, 0.0]
            elif op in ("TJ", "Tj"):
                font, size, th = gs["font"], gs["size"], gs["th"]
                if font is None:
                    continue
                items = operands[0] if op == "TJ" else [operands[0]]
                for item in items:
                    if not isinstance(item, pikepdf.String):
                        # Against the pen's direction of travel (§9.4.4).
                        shift = float(item) / 1000.0 * size
                        if font.vertical:
                            pen[1] -= shift
                        else:
                            pen[0] -= shift * th
                        continue
                    b = bytes(item)
                    for k in range(0, len(b) - 1, 2):
                        cid = b[k] << 8 | b[k + 1]
                        w0 = font.width(cid)
                        # The glyph's origin in text space, and its cell in glyph space (em).
                        if font.vertical:
                            vx, vy, w1 = font.metrics(cid)
                            vx = w0 / 2.0 if vx is None else vx
                            origin = (pen[0] - vx * size * th, pen[1] - vy * size)
                            cell = (0.0, vy + w1, w0, vy)
                        else:
                            origin = (pen[0], pen[1])
                            cell = (0.0, ASCENT - 1.0, w0, ASCENT)
                        m = multiply(
                            multiply([size * th, 0, 0, size, origin[0], origin[1]], tm),
                            gs["ctm"],
                        )
                        if gs["mode"] != 3:
                            ink = font.outline(cid)
                            yield (
                                number,
                                font.name,
                                size,
                                font.chars.get(cid, "?"),
                                "V" if font.vertical else "H",
                                box(m, *cell),
                                None if ink is None else box(m, *ink),
                            )
                        if font.vertical:
                            pen[1] += font.metrics(cid)[2] * size + gs["tc"]
                        else:
                            pen[0] += (w0 * size + gs["tc"]) * th


def main():
    if sys.argv[1] == "--boxes":
        fmt = lambda b: "\t".join(["-"] * 4 if b is None else (f"{v:.3f}" for v in b))
        for page, name, size, ch, mode, cell, ink in boxes(sys.argv[2]):
            ch = {"\t": "\\t", "\n": "\\n"}.get(ch, ch)
            print(f"{page}\t{name}\t{size:g}\t{ch}\t{mode}\t{fmt(cell)}\t{fmt(ink)}")
        return
    for g in glyphs(sys.argv[1]):
        page, y, x, adv, name, size, ch, left, right = g
        fmt = lambda v: "-" if v is None else f"{v:.3f}"
        ch = {"\t": "\\t", "\n": "\\n"}.get(ch, ch)
        print(
            f"{page}\t{y:.2f}\t{x:.3f}\t{adv:.3f}\t{name}\t{size:g}\t{ch}\t{fmt(left)}\t{fmt(right)}"
        )


if __name__ == "__main__":
    main()
