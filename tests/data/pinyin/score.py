"""Scores automatic pinyin on a polyphone set: each sentence one paragraph of a Markdown file,
built to HTML with `--ruby pinyin`; the `<rt>` over the tested character (its first occurrence)
against the expected reading. With pypinyin installed, scores pypinyin on the same sentences.

Run: python3 tests/data/pinyin/score.py [CJKPRESS] [SET.tsv]   (defaults: target/debug/cjkpress,
the set beside this script). Prints the misses and `cjkpress: N/M (P %)`.
"""
import html.parser
import os
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def numbered(syllable):
    """`zhōng` -> `zhong1`, `lǜ` -> `lv4`, `de` -> `de5`."""
    tone, out = "5", []
    for c in unicodedata.normalize("NFD", syllable.strip()):
        if c in MARKS:
            tone = MARKS[c]
        elif c == "\u0308":
            out[-1] = "v"
        else:
            out.append(c)
    return "".join(out).replace("ü", "v") + tone


class Paragraphs(html.parser.HTMLParser):
    """The body's paragraphs as lists of (character, reading or None)."""

    def __init__(self):
        super().__init__()
        self.paragraphs, self.current, self.pending = [], None, []
        self.in_rt = self.in_rp = self.in_ruby = False
        self.rt = ""

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.current, self.pending = [], []
        elif tag == "ruby":
            self.in_ruby, self.pending = True, []
        elif tag == "rt":
            self.in_rt, self.rt = True, ""
        elif tag == "rp":
            self.in_rp = True

    def handle_endtag(self, tag):
        if tag == "p" and self.current is not None:
            self.paragraphs.append(self.current)
            self.current = None
        elif tag == "rt":
            self.in_rt = False
            syllables = self.rt.split()
            # One syllable per pending base character, else the annotation spans them all.
            if len(syllables) != len(self.pending):
                syllables = [self.rt] * len(self.pending)
            for i, s in zip(self.pending, syllables):
                self.current[i] = (self.current[i][0], s)
            self.pending = []
        elif tag == "rp":
            self.in_rp = False
        elif tag == "ruby":
            self.in_ruby = False

    def handle_data(self, data):
        if self.current is None or self.in_rp:
            return
        if self.in_rt:
            self.rt += data
            return
        for c in data:
            self.current.append((c, None))
            if self.in_ruby:
                self.pending.append(len(self.current) - 1)

    def handle_startendtag(self, tag, attrs):
        pass


def cases(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                sentence, char, reading = line.rstrip("\n").split("\t")
                yield sentence, char, reading


def ours(binary, rows):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "set.md")
        out = os.path.join(tmp, "set.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write("---\ntitle: 多音字\n---\n\n")
            f.write("\n\n".join(s for s, _, _ in rows) + "\n")
        subprocess.run(
            [binary, src, "-o", out, "--no-system-fonts", "--ruby", "pinyin", "-q"], check=True
        )
        parser = Paragraphs()
        parser.feed(open(out, encoding="utf-8").read())
    got = []
    for (sentence, char, _), para in zip(rows, parser.paragraphs):
        reading = next((r for c, r in para if c == char), None)
        got.append(numbered(reading) if reading else None)
    return got


def pypinyin_readings(rows):
    try:
        from pypinyin import Style, pinyin
    except ImportError:
        return None
    got = []
    for sentence, char, _ in rows:
        readings = pinyin(sentence, style=Style.TONE3, neutral_tone_with_five=True)
        flat = [r[0] for r in readings]
        # pypinyin returns one item per Han character, and runs of other text as one item.
        chars = [c for c in sentence]
        i = chars.index(char)
        han_before = sum(1 for c in chars[:i] if "\u3400" <= c <= "\u9fff")
        han = [r for r in flat if r and r[-1].isdigit()]
        got.append(han[han_before].replace("ü", "v") if han_before < len(han) else None)
    return got


def report(name, rows, got, show):
    right = sum(1 for (_, _, want), g in zip(rows, got) if g == want)
    if show:
        for (sentence, char, want), g in zip(rows, got):
            if g != want:
                print(f"  {sentence}  {char}: {g} (want {want})")
    print(f"{name}: {right}/{len(rows)} ({100 * right / len(rows):.1f} %)")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/debug/cjkpress"
    path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "polyphones.tsv")
    rows = list(cases(path))
    report("cjkpress", rows, ours(binary, rows), True)
    theirs = pypinyin_readings(rows)
    if theirs is not None:
        report("pypinyin", rows, theirs, os.environ.get("SHOW_PYPINYIN"))


main()
