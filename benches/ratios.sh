#!/usr/bin/env bash
# The cost of the tagged PDF against a baseline binary (issue 20, "Must show"): for the seed,
# the anthology (`book 250000` of benches/lib.sh) and the 诗经 stress books of benches/pdf.sh,
# the PDF's size, the peak memory and the CPU time of `convert`, each as this build / baseline
# (medians of RUNS runs, interleaved so that load on the machine falls on both alike); then the
# peak memory of `build` (all four formats) of the Extension B book of benches/extb.sh.
#
#   BASELINE=path/to/old/cjkpress bash benches/ratios.sh [RUNS]     (default 5)
#   CJKPRESS_BIN=path ...                                           (instead of the release build)
#
# Limits: size ≤ 1.15 (tags at most 15 % larger), CPU time ≤ 1.10 on the seed and the
# anthology, the Ext B book's `build` ≤ 250 MB. A regression guard to run by hand, not a test:
# it times a release binary, which a timed test cannot do fairly on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
base=${BASELINE:?"BASELINE=path to the binary to compare against"}
bin=${CJKPRESS_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin cjkpress
  bin=target/release/cjkpress
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
source benches/lib.sh

# The 诗经 body repeated to about N characters (benches/pdf.sh's stress book).
poems() {
  local chars=$1 out=$2 body per
  body=$(awk 'BEGIN{n=0} /^---$/{n++; next} n>=2' tests/data/shijing.md)
  per=$(printf '%s' "$body" | wc -m)
  {
    printf -- '---\ntitle: 诗经\nlang: zh-Hans\n---\n\n'
    for _ in $(seq $(( (chars + per - 1) / per ))); do printf '%s\n\n' "$body"; done
  } > "$out"
}

# One run of BINARY on INPUT: "cpu-ms peak-KB bytes".
once() {
  local binary=$1 input=$2; shift 2
  /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$binary" convert "$input" -o "$tmp/out.pdf" -q \
    --no-system-fonts "$@"
  local user sys kb
  read -r user sys kb < "$tmp/time"
  echo "$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%d", (u+s)*1000}') $kb $(stat -c %s "$tmp/out.pdf")"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.3f", a/b; else print "-" }'; }

printf '%-16s %12s %12s %7s %9s %9s %7s %8s %8s %7s\n' input "PDF bytes" "base bytes" size \
  "peak MB" "base MB" memory "cpu ms" "base ms" time
row() {
  local name=$1 input=$2; shift 2
  local cn=() mn=() cb=() mb=() bn bb
  for _ in $(seq "$runs"); do
    read -r c m bn < <(once "$bin" "$input" "$@")
    cn+=("$c"); mn+=("$m")
    read -r c m bb < <(once "$base" "$input" "$@")
    cb+=("$c"); mb+=("$m")
  done
  local c1 c0 m1 m0
  c1=$(printf '%s\n' "${cn[@]}" | median); c0=$(printf '%s\n' "${cb[@]}" | median)
  m1=$(( $(printf '%s\n' "${mn[@]}" | median) / 1024 ))
  m0=$(( $(printf '%s\n' "${mb[@]}" | median) / 1024 ))
  printf '%-16s %12s %12s %7s %9s %9s %7s %8s %8s %7s\n' "$name" "$bn" "$bb" "$(ratio "$bn" "$bb")" \
    "$m1" "$m0" "$(ratio "$m1" "$m0")" "$c1" "$c0" "$(ratio "$c1" "$c0")"
}

row seed source/speech.txt
book 250000 "$tmp/anthology.md"
row anthology "$tmp/anthology.md" --preset book
poems 250000 "$tmp/poems-250k.md"
row "poems 250k" "$tmp/poems-250k.md" --preset book
poems 1000000 "$tmp/poems-1m.md"
row "poems 1M" "$tmp/poems-1m.md" --preset book

fonts=target/tools/fonts/usr/share/fonts/truetype/hanazono
if [ -d "$fonts" ]; then
  # benches/extb.sh's book, from its own generator.
  sed -n '/^python3 - /,/^PY$/p' benches/extb.sh | sed "s|\"\$tmp/book.md\"|$tmp/extb.md|" | bash
  for b in "$bin" "$base"; do
    rm -rf "$tmp/extb"
    /usr/bin/time -f '%M' -o "$tmp/time" "$b" build "$tmp/extb.md" -o "$tmp/extb" -q \
      --no-system-fonts --font-dir "$fonts" --preset book
    echo "Ext B book, all four formats: $(( $(cat "$tmp/time") / 1024 )) MB peak ($b)"
  done
else
  echo "ratios.sh: $fonts is missing (run .ci/run once); Ext B book skipped" >&2
fi
