#!/usr/bin/env bash
# Peak memory and time of one `build` of all four formats of a ~1 M-character book of poems rich
# in Extension B characters (issue 20: ≤ 250 MB). The 诗经 sample repeated, every 7th Han
# character swapped for one of 64 Extension B characters, drawn by HanaMinB (Debian
# fonts-hanazono, which `.ci/run` unpacks under target/tools/fonts).
#
#   benches/extb.sh [RUNS]            (default 3; CJKPRESS_BIN=path times another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
bin=${CJKPRESS_BIN:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet --bin cjkpress
    bin=target/release/cjkpress
fi
fonts=target/tools/fonts/usr/share/fonts/truetype/hanazono
[ -d "$fonts" ] || { echo "extb.sh: $fonts is missing (run .ci/run once)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
python3 - "$tmp/book.md" <<'PY'
import re, sys
text = open("tests/data/shijing.md", encoding="utf-8").read().split("---", 2)[2]
extb = [chr(0x20000 + 97 * i) for i in range(64)]
out, n, total = [], 0, 0
while total < 1_000_000:
    def swap(m):
        global n
        n += 1
        return extb[n % 64] if n % 7 == 0 else m.group(0)
    part = re.sub(r"[\u4e00-\u9fff]", swap, text)
    out.append(part)
    total += len(part)
open(sys.argv[1], "w", encoding="utf-8").write("---\ntitle: 诗经（扩展B）\nlang: zh-Hans\n---\n\n" + "\n\n".join(out))
PY
for _ in $(seq "$runs"); do
    rm -rf "$tmp/out"
    /usr/bin/time -f '%M %e' -o "$tmp/time" "$bin" build "$tmp/book.md" -o "$tmp/out" -q \
        --no-system-fonts --font-dir "$fonts" --preset book
    read -r kb secs < "$tmp/time"
    echo "peak $(( kb / 1024 )) MB, $secs s"
done
