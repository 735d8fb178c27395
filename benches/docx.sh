#!/usr/bin/env bash
# DOCX benchmark: medians of the release binary converting the seed and a ~1 M-character book to
# DOCX, timed as the user sees it (process start, read, font subsets, write). pandoc is timed on
# the same inputs when it is installed, for scale (it embeds no font).
#
#   bash benches/docx.sh [RUNS]      # RUNS per input, default 9 (3 for the book)
#
# Targets (issue #5): seed under 40 ms, 1 M characters under 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$runs" "$work" <<'PY'
import os, resource, statistics, subprocess, sys, time, shutil

runs, work = int(sys.argv[1]), sys.argv[2]
binary = os.path.abspath("target/release/cjkpress")
env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")

# ~1 M characters: 诗经 repeated, each copy under its own headings (as in benches/speed.rs).
text = open("tests/data/shijing.md", encoding="utf-8").read()
body = text.split("---", 2)[2] if text.startswith("---") else text
copies = 1_000_000 // len(body) + 1
book = os.path.join(work, "book.md")
with open(book, "w", encoding="utf-8") as f:
    f.write(f"---\ntitle: 诗经（{copies} 遍）\n---\n" + body * copies)

def median_seconds(cmd, n):
    """Median wall time and median CPU time (user + system) of `n` runs."""
    wall, cpu = [], []
    for _ in range(n):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)

cases = [
    ("seed", "source/speech.txt", [], runs),
    ("seed, gongwen", "source/speech.txt", ["--preset", "gongwen"], runs),
    ("lunyu", "tests/data/lunyu.md", [], runs),
    ("book", book, [], max(3, runs // 3)),
]
pandoc = shutil.which("pandoc")
print(f"{'input':<16}{'chars':>10}{'wall':>10}{'cpu':>10}{'size':>10}" + (f"{'pandoc':>10}" if pandoc else ""))
for name, path, extra, n in cases:
    chars = len(open(path, encoding="utf-8").read())
    out = os.path.join(work, "out.docx")
    wall, cpu = median_seconds([binary, "convert", path, "-o", out, *extra], n)
    line = f"{name:<16}{chars:>10}{wall * 1000:>8.1f}ms{cpu * 1000:>8.1f}ms{os.path.getsize(out):>10}"
    if pandoc:
        p, _ = median_seconds([pandoc, path, "-o", os.path.join(work, "pandoc.docx")], n)
        line += f"{p * 1000:>8.1f}ms"
    print(line)
print(f"(medians of {runs} runs, the book of {max(3, runs // 3)}; load average {os.getloadavg()[0]:.1f})")
PY
