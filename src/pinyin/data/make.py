"""Regenerates chars.txt, phrases.txt and plain.txt from pypinyin's data files (MIT; see README.md here).

Run: python3 make.py PATH/TO/site-packages/pypinyin
Readings are written as ASCII syllables with a tone digit (1-4, 5 for the neutral tone, `v` for ü),
so the shipped tables stay small and the Rust side converts them to marks, numbers or 注音.
"""
import json
import sys
import unicodedata

# The characters src/pinyin/rules.rs reads by rule; keep in step with it.
RULED = "的地得着了为还行长重种只看中干数量教觉背倒系冲弹空好差少发都乐转盛扇宿卡炸称藏便哄挑散调当将相兴应传模难降曲处没大和血薄结削涨扎"
MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def numbered(syllable):
    """`zhōng` -> `zhong1`, `lǜ` -> `lv4`, `de` -> `de5`."""
    tone = "5"
    out = []
    for c in unicodedata.normalize("NFD", syllable.strip()):
        if c in MARKS:
            tone = MARKS[c]
        elif c == "\u0308":
            out[-1] = "v"
        else:
            out.append(c)
    s = "".join(out).replace("ü", "v")
    # ḿ / ń / ň / ǹ (呣, 嗯) come precomposed-only in some fonts: keep them as m/n with a tone.
    return s + tone


def han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0x20000 <= o <= 0x3134F or o == 0x3007


def main(root):
    chars = json.load(open(f"{root}/pinyin_dict.json", encoding="utf-8"))
    phrases = json.load(open(f"{root}/phrases_dict.json", encoding="utf-8"))
    default = {}
    with open("chars.txt", "w", encoding="utf-8") as out:
        for code in sorted(chars, key=int):
            c = chr(int(code))
            if not han(c):
                continue
            readings = [numbered(r) for r in chars[code].split(",")]
            readings = list(dict.fromkeys(r for r in readings if r[:-1].isalpha()))
            if not readings:
                continue
            default[c] = readings[0]
            out.write(c + " " + " ".join(readings) + "\n")
    table = {}
    for word in sorted(phrases):
        syllables = [numbered(s[0]) for s in phrases[word]]
        if len(syllables) != len(word) or not all(c in default for c in word):
            continue
        # Tone sandhi of 一 and 不 is applied by rule, on request: store their base tones.
        table[word] = [
            {"一": "yi1", "不": "bu4"}.get(c, s) if s[:-1] in ("yi", "bu") else s
            for c, s in zip(word, syllables)
        ]
    differs = {w for w, s in table.items() if any(default[c] != r for c, r in zip(w, s))}

    def shadows(word):
        """A word read as its characters' first readings still counts when it contains a
        shorter listed word that would otherwise be matched inside it."""
        n = len(word)
        return any(word[i:j] in differs for i in range(n) for j in range(i + 2, n + 1) if j - i < n)

    kept = 0
    with open("phrases.txt", "w", encoding="utf-8") as out:
        for word, syllables in table.items():
            if word in differs or shadows(word):
                out.write(word + " " + " ".join(syllables) + "\n")
                kept += 1
    # Words read as their characters' first readings that hold a character src/pinyin/rules.rs
    # has rules for: inside them the rules stay quiet (`重视` keeps zhòng).
    ruled = set(RULED)
    with open("plain.txt", "w", encoding="utf-8") as out:
        for word, syllables in table.items():
            if word not in differs and not shadows(word) and ruled & set(word):
                out.write(word + "\n")
    print(len(default), "characters,", kept, "phrases of", len(phrases))


main(sys.argv[1])
