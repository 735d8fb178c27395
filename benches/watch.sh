#!/usr/bin/env bash
# What a save costs under `watch` (issue 23, target: the seed's rebuild under 100 ms): the
# release binary watches a copy of the seed (`source/speech.txt`) into a PDF (or FORMAT); the
# script appends a sentence RUNS times, waits for each "rebuilt" line and prints the times
# watch reported and their median.
#
#   bash benches/watch.sh [RUNS] [FORMAT]      (default 7, pdf)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
format=${2:-pdf}
cargo build --release --quiet --bin cjkpress
bin=$PWD/target/release/cjkpress
tmp=$(mktemp -d)
log="$tmp/watch.log"
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2> /dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
source benches/lib.sh
# The log outside the watched folder: its own writes would be edits to rebuild for.
mkdir "$tmp/src"
cp source/speech.txt "$tmp/src/speech.txt"
export SOURCE_DATE_EPOCH=1700000000
"$bin" watch "$tmp/src/speech.txt" -o "$tmp/src/speech.$format" --no-system-fonts > "$log" 2>&1 &
pid=$!

# Waits until the log has N lines that say `rebuilt` (or the first build's `wrote`).
wait_for() {
  local pattern=$1 n=$2
  for _ in $(seq 600); do
    [ "$(grep -c "$pattern" "$log" || true)" -ge "$n" ] && return 0
    sleep 0.05
  done
  echo "watch did not report $pattern $n times:" >&2
  cat "$log" >&2
  exit 1
}
wait_for "wrote\|rebuilt\|built" 1
for k in $(seq "$runs"); do
  # Past the debounce of the save before.
  sleep 0.5
  printf '又一句话%d。\n' "$k" >> "$tmp/src/speech.txt"
  wait_for rebuilt "$k"
done
times=$(grep -o 'rebuilt .* in [0-9.]* *ms' "$log" | grep -o '[0-9.]* *ms' | grep -o '[0-9.]*')
echo "watch $format, seed: rebuilds in ms: $(echo $times)"
echo "median: $(printf '%s\n' $times | median) ms"
