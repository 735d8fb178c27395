"""Reads a PDF the way tests/pdf_standard.rs needs it, printing JSON.

    python3 pdfcheck.py validate FILE   page-validation's PDF/UA-1 and PDF/A-2u verdicts:
                                        {"PDF_UA_1": [[rule, message], ...], "PDF_A_2U": [...]}
    python3 pdfcheck.py tree FILE       the structure tree in reading order, each element with
                                        its type, depth, attributes, the text of its own marked
                                        content and the text of all it holds; the text of the
                                        whole tree as read; the outline;
                                        the text of each page's artifacts, joined and by
                                        sequence; the catalog and XMP
                                        entries the standards ask for

Text is decoded with the fonts' ToUnicode maps (two-byte codes, as cjkpress writes them), and an
/ActualText span stands for the glyphs inside it, as a reader takes it.
"""

import json
import re
import sys

import pikepdf


def validate(path):
    import page

    out = {}
    for profile in (page.ValidationProfile.PDF_UA_1, page.ValidationProfile.PDF_A_2U):
        report = page.validate_pdf(path, profile=profile)
        out[profile.name] = [[f.rule_id, f.message] for f in report.failures]
    return out


def text_string(obj):
    return str(obj) if obj is not None else None


def cmap_of(font):
    """Code -> text from a ToUnicode CMap of bfchar entries."""
    table = {}
    if "/ToUnicode" not in font:
        return table
    data = font.ToUnicode.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            units = bytes.fromhex(dst)
            table[int(src, 16)] = units.decode("utf-16-be", errors="replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            base = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                table[code] = chr(base + i)
    return table


def decode(cmap, data):
    return "".join(cmap.get(int.from_bytes(data[i:i + 2], "big"), "\ufffd") for i in range(0, len(data) - 1, 2))


def page_content(pdf, page):
    """By MCID, the text of each marked-content sequence; and the text of each artifact sequence."""
    fonts = {}
    resources = page.obj.get("/Resources", {})
    for name, font in resources.get("/Font", {}).items():
        fonts[name] = cmap_of(font)
    cmap = {}
    by_mcid = {}
    artifacts = []
    # The stack of open sequences: ("mcid", n) | ("artifact",) | ("span", actualtext) | ("other",)
    stack = []
    actual_depth = 0

    def emit(text):
        if actual_depth:
            return
        for entry in reversed(stack):
            if entry[0] == "mcid":
                by_mcid[entry[1]] = by_mcid.get(entry[1], "") + text
                return
            if entry[0] == "artifact":
                artifacts[-1] += text
                return
        artifacts.append(text)

    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "Tf":
            cmap = fonts.get(str(operands[0]), {})
        elif op == "BMC":
            if str(operands[0]) == "/Artifact":
                artifacts.append("")
                stack.append(("artifact",))
            else:
                stack.append(("other",))
        elif op == "BDC":
            tag, props = str(operands[0]), operands[1]
            if tag == "/Artifact":
                artifacts.append("")
                stack.append(("artifact",))
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                stack.append(("mcid", int(props.MCID)))
            elif isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
                emit(str(props.ActualText))
                stack.append(("span",))
                actual_depth += 1
            else:
                stack.append(("other",))
        elif op == "EMC":
            if stack:
                entry = stack.pop()
                if entry[0] == "span":
                    actual_depth -= 1
        elif op == "Tj":
            emit(decode(cmap, bytes(operands[0])))
        elif op == "TJ":
            emit("".join(decode(cmap, bytes(x)) for x in operands[0] if isinstance(x, pikepdf.String)))
    return by_mcid, [a for a in artifacts if a]


def tree(path):
    pdf = pikepdf.open(path)
    pages = list(pdf.pages)
    page_index = {p.obj.objgen: i for i, p in enumerate(pages)}
    contents = [page_content(pdf, p) for p in pages]
    root = pdf.Root
    elements = []
    # The text of the whole tree as a reader takes it: each element's marked content and its
    # children in the order of its /K.
    reading = []

    def mcr_text(page, mcid):
        if page is None:
            return ""
        return contents[page][0].get(mcid, "")

    def walk(elem, depth, page):
        if "/Pg" in elem:
            page = page_index.get(elem.Pg.objgen, page)
        entry = {"s": str(elem.S)[1:], "depth": depth, "text": ""}
        for key in ("Alt", "ID", "Lang", "ActualText"):
            if "/" + key in elem:
                entry[key.lower()] = text_string(elem["/" + key])
        if "/A" in elem:
            attrs = elem.A if isinstance(elem.A, pikepdf.Dictionary) else None
            if attrs is not None and "/Scope" in attrs:
                entry["scope"] = str(attrs.Scope)[1:]
        elements.append(entry)
        start = len(reading)
        walk_kids(elem, entry, depth, page)
        # The text of the element and everything in it, in reading order.
        entry["full"] = "".join(reading[start:])

    def walk_kids(elem, entry, depth, page):
        kids = elem.get("/K")
        if kids is None:
            return
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, int) or (hasattr(kid, "is_integer") and kid.is_integer):
                text = mcr_text(page, int(kid))
                entry["text"] += text
                reading.append(text)
            # A marked-content or object reference is known by its entries: its /Type is optional
            # (ISO 32000-1 Tables 324, 325) and cjkpress leaves it out.
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                p = page_index.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                text = mcr_text(p, int(kid.MCID))
                entry["text"] += text
                reading.append(text)
            elif isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid:
                entry.setdefault("annotations", []).append(text_string(kid.Obj.get("/Contents")))
            elif isinstance(kid, pikepdf.Dictionary):
                walk(kid, depth + 1, page)

    tree_root = root.get("/StructTreeRoot")
    if tree_root is not None:
        kids = tree_root.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid, 0, None)

    outline = []
    with pdf.open_outline() as o:
        def visit(items, level):
            for item in items:
                outline.append([level, item.title])
                visit(item.children, level + 1)
        visit(o.root, 1)

    xmp = bytes(root.Metadata.read_bytes()).decode("utf-8") if "/Metadata" in root else ""
    annotations = []
    for i, p in enumerate(pages):
        for a in p.obj.get("/Annots", []):
            annotations.append({
                "page": i,
                "contents": text_string(a.get("/Contents")),
                "struct_parent": int(a.StructParent) if "/StructParent" in a else None,
                "flags": int(a.F) if "/F" in a else None,
            })
    return {
        "elements": elements,
        "reading": "".join(reading),
        "outline": outline,
        "artifacts": ["".join(c[1]) for c in contents],
        "artifact_pieces": [c[1] for c in contents],
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        "lang": text_string(root.get("/Lang")),
        "display_doc_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
        "output_intents": [str(oi.S) for oi in root.get("/OutputIntents", [])],
        "tabs": [str(p.obj.get("/Tabs")) for p in pages],
        "annotations": annotations,
        "xmp": xmp,
    }


def main():
    command, path = sys.argv[1], sys.argv[2]
    result = validate(path) if command == "validate" else tree(path)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
