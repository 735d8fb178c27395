#!/usr/bin/env bash
# Benchmark of the EPUB and HTML outputs as a user runs them: the median wall time of the release
# binary's `cjkpress convert` (a whole process: read, font subsets, WOFF2, write) and the size of
# the file, on the seed and on a ~1 M-character book (诗经 repeated, as in benches/speed.rs).
#
#   benches/web.sh [RUNS]      # default 9 runs on the seed, 3 on the book
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
cargo build --release --quiet
bin=$PWD/target/release/cjkpress
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ~1 M characters: the body of 诗经 (after its front matter) repeated.
python3 - "$tmp/book.md" <<'PY'
import sys
text = open("tests/data/shijing.md", encoding="utf-8").read()
body = text.split("---", 2)[2]
copies = 1_000_000 // len(body) + 1
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(f"---\ntitle: 诗经（{copies} 遍）\n---\n" + body * copies)
PY

ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

bench() { # name input format runs [extra args]
  local name=$1 input=$2 format=$3 n=$4
  shift 4
  local out="$tmp/out.$format" times=()
  for _ in $(seq "$n"); do
    local start end
    start=$(ms)
    SOURCE_DATE_EPOCH=1700000000 "$bin" convert "$input" -o "$out" -q "$@"
    end=$(ms)
    times+=($((end - start)))
  done
  local size
  size=$(stat -c %s "$out")
  printf '%-6s %-14s median %6d ms  (%s)  %8d bytes\n' "$name" "$format${*:+ $*}" \
    "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}" "$size"
}

chars() { python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read()))' "$1"; }
echo "seed: $(chars source/speech.txt) characters; book: $(chars "$tmp/book.md") characters"
bench seed source/speech.txt epub "$runs"
bench seed source/speech.txt epub "$runs" --vertical
bench seed source/speech.txt html "$runs"
bench book "$tmp/book.md" epub 3
bench book "$tmp/book.md" html 3
