"""Every DOCX run's East Asian characters must be in the face the run names.

Usage: python3 docxfaces.py FILE.docx FONT_FILE_OR_DIR...

Finds each run's East Asian face as Word does (the run's `w:rFonts w:eastAsia`, else its
character style's, else its paragraph style's, following `w:basedOn`, else the document
defaults), looks the family up among the faces of the font files given (every face of a
collection, by its English family name), and prints one line per run whose CJK characters that
face lacks (and another given face has): `part<TAB>face<TAB>missing characters<TAB>run text`. Prints `faces: N` first (the
families found). tests/fonts_fit.rs asserts that no such line is printed.
"""

import os
import sys
import zipfile
import xml.etree.ElementTree as ET

from fontTools.ttLib import TTCollection, TTFont

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def faces(paths):
    """Family name -> set of code points, over every face of the font files under `paths`."""
    out = {}
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names)]
        else:
            files.append(p)
    for f in files:
        if not f.lower().endswith((".ttf", ".otf", ".ttc")):
            continue
        fonts = TTCollection(f).fonts if f.lower().endswith(".ttc") else [TTFont(f)]
        for font in fonts:
            names = font["name"]
            for rec in names.names:
                if rec.nameID in (1, 16):
                    try:
                        family = rec.toUnicode()
                    except UnicodeDecodeError:
                        continue
                    cmap = set(font.getBestCmap() or {})
                    out.setdefault(family, set()).update(cmap)
    return out


def east_asia(rpr):
    if rpr is None:
        return None
    fonts = rpr.find(W + "rFonts")
    return None if fonts is None else fonts.get(W + "eastAsia")


def main():
    docx, paths = sys.argv[1], sys.argv[2:]
    known = faces(paths)
    anywhere = set().union(*known.values())
    print(f"faces: {len(known)}")
    z = zipfile.ZipFile(docx)
    styles = ET.fromstring(z.read("word/styles.xml"))
    by_id = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}

    def style_font(style_id):
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            s = by_id.get(style_id)
            if s is None:
                return None
            font = east_asia(s.find(W + "rPr"))
            if font:
                return font
            based = s.find(W + "basedOn")
            style_id = None if based is None else based.get(W + "val")
        return None

    default = east_asia(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
    default_para = next(
        (
            s.get(W + "styleId")
            for s in styles.iter(W + "style")
            if s.get(W + "type") == "paragraph" and s.get(W + "default") == "1"
        ),
        None,
    )
    parts = [
        n
        for n in z.namelist()
        if n.startswith("word/")
        and n.endswith(".xml")
        and n.split("/")[-1].startswith(("document", "footnotes", "endnotes", "header", "footer"))
    ]
    bad = 0
    for part in sorted(parts):
        root = ET.fromstring(z.read(part))
        for p in root.iter(W + "p"):
            ppr = p.find(W + "pPr")
            pstyle = None if ppr is None else ppr.find(W + "pStyle")
            pstyle = default_para if pstyle is None else pstyle.get(W + "val")
            for r in p.iter(W + "r"):
                text = "".join(t.text or "" for t in r.iter(W + "t"))
                cjk = [c for c in text if ord(c) >= 0x2E80]
                if not cjk:
                    continue
                rpr = r.find(W + "rPr")
                rstyle = None if rpr is None else rpr.find(W + "rStyle")
                face = (
                    east_asia(rpr)
                    or (style_font(rstyle.get(W + "val")) if rstyle is not None else None)
                    or style_font(pstyle)
                    or default
                )
                cmap = known.get(face)
                if cmap is None:
                    print(f"{part}\t{face}\t(face not among the fonts given)\t{text}")
                    bad += 1
                    continue
                # A character no face given has (a private-use code point) is one the build
                # warns about ("no font covers"); no run could name a face that has it.
                lacks = "".join(sorted({c for c in cjk if ord(c) not in cmap and ord(c) in anywhere}))
                if lacks:
                    print(f"{part}\t{face}\t{lacks}\t{text}")
                    bad += 1
    print(f"runs lacking: {bad}")


if __name__ == "__main__":
    main()
